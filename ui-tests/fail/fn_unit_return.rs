use auth_error::auth_error;

#[auth_error(realm = "mcp")]
fn reject() {}

fn main() {
    reject();
}
