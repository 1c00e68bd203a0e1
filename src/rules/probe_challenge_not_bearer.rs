//! `probe-challenge-not-bearer`: a running server's 401 challenge does not offer the Bearer scheme. Detected by `cargo mcp-lint probe` (src/probe/) on a running
//! server; the static analysis cannot see it.

use super::Rule;
use crate::report::Level;

pub static RULE: Rule = Rule {
    id: "probe-challenge-not-bearer",
    default_level: Level::Deny,
    summary: "probe: a 401 whose WWW-Authenticate offers no Bearer challenge (only Basic, a custom scheme...)",
    why: "An MCP client starts OAuth only from a `Bearer` challenge: the TS SDK client gives up \
          when the header does not start with `Bearer`, and `resource_metadata` and `error` are \
          Bearer parameters (RFC 6750 section 3, RFC 9728 section 5.1). A server that answers \
          `WWW-Authenticate: Basic realm=\"x\"` (often a reverse proxy's or framework's \
          default) leaves the client with a 401 it cannot act on.",
    bad: r##"(StatusCode::UNAUTHORIZED, [(header::WWW_AUTHENTICATE, r#"Basic realm="mcp""#)]).into_response()"##,
    good: r##"(
    StatusCode::UNAUTHORIZED,
    [(header::WWW_AUTHENTICATE, r#"Bearer realm="mcp", resource_metadata="https://mcp.example.com/.well-known/oauth-protected-resource/mcp""#)],
)
    .into_response()"##,
    fix: "Answer with a `Bearer` challenge (it may come first, followed by other schemes). If a \
          proxy in front of the server adds its own `Basic` challenge, configure it to pass the \
          server's 401 through unchanged.",
    sources: &[
        "RFC 6750 section 3",
        "RFC 9728 section 5.1",
        "RFC 9110 section 11.6.1",
        "spec-rules.md section 1.2 auth-challenge-scheme-not-bearer",
        "spec-rules.md section 4 (TS SDK client)",
    ],
    security_severity: "6.5",
    detects: true,
};
