use auth_error::auth_error;

#[auth_error(realm = "mcp")]
enum AuthFailure {
    #[auth_error(error = "invalid_token")]
    #[auth_error(description = "The access token expired")]
    Expired,
}

fn main() {}
