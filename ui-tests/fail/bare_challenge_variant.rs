use auth_error::auth_error;

#[auth_error(description = "Sign in first")]
enum AuthFailure {
    MissingCredentials,
}

fn main() {}
