//! `auth-status-by-string-match`: an HTTP status chosen by searching error text.

use super::Rule;
use crate::report::Level;

pub static RULE: Rule = Rule {
    id: "auth-status-by-string-match",
    default_level: Level::Deny,
    summary: "HTTP status chosen by searching error text (contains(\"Unauthorized\"), \
              starts_with(\"Invalid JWT\"), a regex)",
    why: "The status a client sees then depends on wording, not on what failed: a reworded, \
          wrapped, truncated or translated message silently turns a 401 into a 500, and an \
          unrelated message that happens to contain \"Token\" becomes a 401. Clients \
          re-authenticate only on 401, so the first edit to an error message breaks login. \
          Seed 001: mcp-proxy answered 401 only when the message contained \"Authentication\", \
          \"Invalid JWT\", \"Token\" or \"Unauthorized\", and 500 otherwise; the workaround was to \
          prefix every auth message with a keyword.",
    bad: r#"impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let msg = self.0.to_string();
        let status = if msg.contains("Unauthorized") || msg.starts_with("Invalid JWT") {
            StatusCode::UNAUTHORIZED
        } else {
            StatusCode::INTERNAL_SERVER_ERROR // "missing bearer token" lands here
        };
        status.into_response()
    }
}"#,
    good: r#"#[derive(Debug, thiserror::Error)]
enum AppError {
    #[error("unauthorized")]
    Unauthorized,
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        match self {
            AppError::Unauthorized => (StatusCode::UNAUTHORIZED, [(header::WWW_AUTHENTICATE, CHALLENGE)]).into_response(),
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
        }
    }
}"#,
    fix: "Carry the failure kind in the type and map it in one `match`: an error enum variant \
          (`AppError::Unauthorized`), a library kind (`jsonwebtoken::errors::ErrorKind::\
          ExpiredSignature`), or `err.downcast_ref::<AuthError>()` on an `anyhow::Error`. Map \
          the auth variants to `(StatusCode::UNAUTHORIZED, [(header::WWW_AUTHENTICATE, \
          CHALLENGE)])` and never decide a status with `to_string().contains(..)`, \
          `starts_with(..)` or a regex over the message.",
    sources: &[
        "RFC 9110 section 15.5.2",
        "RFC 6750 section 3.1",
        "framework-catalog.md section 1 rule 5",
        "seed 001 (mcp-proxy keyword detection)",
    ],
    security_severity: "7.0",
    detects: false,
};
