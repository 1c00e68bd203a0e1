//! `probe-error-code`: the `error` parameter of a running server's challenge does not fit the request. Detected by `cargo mcp-lint probe` (src/probe/) on a running
//! server; the static analysis cannot see it.

use super::Rule;
use crate::report::Level;

pub static RULE: Rule = Rule {
    id: "probe-error-code",
    default_level: Level::Warn,
    summary: "probe: the challenge's error parameter does not fit the request (an error code without credentials, none or the wrong one for a rejected token)",
    why: "RFC 6750 section 3.1 ties the `error` code to what the client sent: a request without \
          credentials (or with another scheme such as Basic) SHOULD get a challenge without an \
          `error`, a rejected token SHOULD get `error=\"invalid_token\"` and an unparsable \
          `Authorization` value `error=\"invalid_request\"` (with 400). Clients branch on it: \
          the MCP Inspector treats a 401 without `error` as \"log in\" and one with \
          `invalid_token` as \"the token expired, refresh it\"; a wrong code sends them down \
          the wrong path (a refresh attempt with no token, or a full login for an expired one).",
    bad: r##"// every failure gets the same challenge
async fn require_token(req: Request, next: Next) -> Response {
    match bearer(req.headers()) {
        Some(t) if valid(t) => next.run(req).await,
        _ => (
            StatusCode::UNAUTHORIZED,
            [(header::WWW_AUTHENTICATE, r#"Bearer error="invalid_token", resource_metadata="https://mcp.example.com/.well-known/oauth-protected-resource/mcp""#)],
        )
            .into_response(),
    }
}"##,
    good: r##"#[auth_error(realm = "mcp", resource_metadata = "https://mcp.example.com/.well-known/oauth-protected-resource/mcp")]
enum McpAuthError {
    MissingCredentials,                                 // no `error`: no credentials were sent
    #[auth_error(status = 400, error = "invalid_request")]
    Malformed,                                          // `Authorization: Bearer` without a token
    #[auth_error(error = "invalid_token")]
    Invalid,                                            // a token was sent and refused
}"##,
    fix: "Send a challenge without `error` when the request had no `Authorization` header or \
          another scheme, `error=\"invalid_token\"` (401) when a Bearer token was refused, and \
          `error=\"invalid_request\"` (400) when the `Authorization` value cannot be parsed. \
          With the auth-error crate, one `#[auth_error]` enum variant per case does this.",
    sources: &[
        "RFC 6750 section 3.1",
        "OAuth 2.1 (draft-ietf-oauth-v2-1-13) section 5.3.2",
        "spec-rules.md section 1.2 auth-missing-credentials-has-error-code",
        "spec-rules.md section 1.2 auth-invalid-token-missing-error-code",
        "spec-rules.md section 3 (status-code mapping by failure)",
        "spec-rules.md section 4 (MCP Inspector)",
    ],
    security_severity: "3.0",
    detects: true,
};
