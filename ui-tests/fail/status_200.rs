use auth_error::auth_error;

#[auth_error(realm = "mcp")]
enum AuthFailure {
    #[auth_error(status = 200, error = "invalid_token")]
    Expired,
}

fn main() {}
