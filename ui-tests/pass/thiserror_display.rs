//! With thiserror the generated code keeps thiserror's Display.
use auth_error::{auth_error, AuthError};

#[auth_error(realm = "mcp", error = "invalid_token")]
#[derive(Debug, thiserror::Error)]
enum TokenError {
    #[error("signature by untrusted key {kid}")]
    UntrustedKey { kid: String },
    #[error("audience {0} is not this server")]
    Audience(String),
}

fn main() {
    let e = TokenError::UntrustedKey { kid: "k1".into() };
    assert_eq!(e.to_string(), "signature by untrusted key k1");
    assert!(!e.body().contains("k1"));
    let _: &dyn std::error::Error = &TokenError::Audience("x".into());
}
