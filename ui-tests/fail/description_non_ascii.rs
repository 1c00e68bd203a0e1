use auth_error::auth_error;

#[auth_error(realm = "mcp")]
enum AuthFailure {
    #[auth_error(error = "invalid_token", description = "Jeton expiré")]
    Expired,
}

fn main() {}
