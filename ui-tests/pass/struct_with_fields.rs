use auth_error::{auth_error, AuthError};

/// A struct: every argument sits on the type.
#[auth_error(
    resource_metadata = "https://api.example.com/.well-known/oauth-protected-resource",
    error = "invalid_token"
)]
#[derive(Debug)]
pub struct InvalidToken {
    pub subject: String,
    pub kid: Option<String>,
}

#[auth_error(realm = "api", status = 403, error = "insufficient_scope", scope = "admin:read admin:write")]
#[derive(Debug)]
pub struct NeedsAdmin(pub u64);

fn main() {
    let e = InvalidToken { subject: "alice".into(), kid: None };
    assert_eq!(e.status(), 401);
    assert_eq!(e.error_code(), Some("invalid_token"));
    assert!(!e.body().contains("alice"));
    assert_eq!(NeedsAdmin(7).status(), 403);
}
