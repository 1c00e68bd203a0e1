use auth_error::auth_error;

#[auth_error(realm = "mcp")]
enum AuthFailure {
    #[auth_error(status = 400)]
    Malformed,
}

fn main() {}
