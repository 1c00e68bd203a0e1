//! The example of the issue, verbatim.
use auth_error::{auth_error, AuthError};

#[auth_error(realm = "mcp", resource_metadata = "https://mcp.example.com/.well-known/oauth-protected-resource/mcp")]
#[derive(Debug)]
enum AuthFailure {
    #[auth_error(status = 401)] MissingCredentials,
    #[auth_error(error = "invalid_token", description = "The access token expired")] Expired,
    #[auth_error(status = 403, error = "insufficient_scope", scope = "tools:call")] NeedsScope,
    #[auth_error(status = 400, error = "invalid_request")] Malformed,
    #[auth_error(error = "invalid_token")] Revoked { reason: String },
}

fn main() {
    let all = [
        AuthFailure::MissingCredentials,
        AuthFailure::Expired,
        AuthFailure::NeedsScope,
        AuthFailure::Malformed,
        AuthFailure::Revoked { reason: String::from("key rotated") },
    ];
    let statuses: Vec<u16> = all.iter().map(AuthError::status).collect();
    assert_eq!(statuses, [401, 401, 403, 400, 401]);
    for failure in &all {
        assert!(failure.www_authenticate().starts_with("Bearer realm=\"mcp\", resource_metadata=\""));
        assert!(!failure.body().contains("key rotated"));
        let _: String = failure.to_string();
    }
    if let AuthFailure::Revoked { reason } = &all[4] {
        assert_eq!(reason, "key rotated");
    }
}
