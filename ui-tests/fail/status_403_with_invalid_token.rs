use auth_error::auth_error;

#[auth_error(realm = "mcp", error = "invalid_token")]
enum AuthFailure {
    #[auth_error(status = 403)]
    WrongAudience,
}

fn main() {}
