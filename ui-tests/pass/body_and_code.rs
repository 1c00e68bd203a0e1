use auth_error::{auth_error, AuthError};

#[auth_error(realm = "mcp", code = -31001)]
#[derive(Debug)]
enum Failure {
    Missing,
    #[auth_error(error = "invalid_token", body = "oauth")]
    Expired,
    #[auth_error(error = "invalid_token", code = 401)]
    Legacy,
}

fn main() {
    assert!(Failure::Missing.body().contains("-31001"));
    assert_eq!(Failure::Expired.body(), r#"{"error":"invalid_token","error_description":"Invalid access token"}"#);
    assert!(Failure::Legacy.body().contains("\"code\":401"));
}
