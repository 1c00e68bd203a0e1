use auth_error::auth_error;

#[auth_error(realm = "mcp")]
fn reject(user: &str) -> String {
    format!("{{\"error\":\"unauthorized\",\"user\":\"{user}\"}}")
}

fn main() {
    let _ = reject("alice");
}
