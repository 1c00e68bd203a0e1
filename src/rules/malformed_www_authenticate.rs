//! `malformed-www-authenticate`: a challenge value that is not a valid RFC 9110 / RFC 6750 challenge.

use super::Rule;
use crate::report::Level;

pub static RULE: Rule = Rule {
    id: "malformed-www-authenticate",
    default_level: Level::Deny,
    summary: "WWW-Authenticate value that does not parse as an RFC 9110 challenge, uses a \
              non-RFC 6750 error code, or has bad quoting or characters",
    why: "Client challenge parsers are strict or naive, so a malformed challenge is a missing \
          one: rmcp rejects a value that is not visible ASCII with \"invalid www-authenticate \
          header value\" instead of starting OAuth, the TS and Python SDK parsers are regexes \
          that match parameter names case-sensitively and cut a quoted value at the first \
          double quote, and the TS parser gives up unless the header starts with `Bearer`. An \
          unquoted URL, an invented `error` code or error text inside `error_description` loses \
          the challenge, and a `format!` value that fails header validation turns an axum \
          `(StatusCode, [(K, V)])` tuple into a 500.",
    bad: r#"fn unauthorized(err: &jsonwebtoken::errors::Error) -> Response {
    // realm and resource_metadata unquoted, "expired" is not an RFC 6750 code,
    // and the error text may hold quotes, backslashes or non-ASCII
    let challenge = format!(
        "Bearer realm=mcp, error=\"expired\", error_description=\"{err}\", resource_metadata={PRM_URL}"
    );
    (StatusCode::UNAUTHORIZED, [(header::WWW_AUTHENTICATE, challenge)]).into_response()
}"#,
    good: r#"const PRM_URL: &str = "https://mcp.example.com/.well-known/oauth-protected-resource/mcp";

fn unauthorized(err: &jsonwebtoken::errors::Error) -> Response {
    tracing::debug!("token rejected: {err}");
    let challenge = format!(
        "Bearer realm=\"mcp\", error=\"invalid_token\", \
         error_description=\"The access token is invalid or expired\", \
         resource_metadata=\"{PRM_URL}\""
    );
    (StatusCode::UNAUTHORIZED, [(header::WWW_AUTHENTICATE, challenge)]).into_response()
}"#,
    fix: "Start with `Bearer` and at least one parameter; quote every value \
          (`realm=\"mcp\"`, `resource_metadata=\"https://...\"`, `scope=\"files:read files:write\"`); \
          use only `error=\"invalid_request\"`, `\"invalid_token\"` or `\"insufficient_scope\"`; \
          write parameter names in lowercase, each at most once; keep `error_description` a \
          fixed printable-ASCII message without `\"` or `\\` (log the error text instead of \
          interpolating it). Prefer a `const` or literal to a `format!` built from request or \
          error data.",
    sources: &[
        "RFC 9110 section 11.6.1",
        "RFC 9110 section 11.2",
        "RFC 6750 section 3",
        "RFC 6750 section 3.1",
        "spec-rules.md section 1.3 (challenge syntax)",
        "spec-rules.md section 2 (challenge grammar)",
        "framework-catalog.md section 1 rule 4",
        "framework-catalog.md section 15 trap 13",
    ],
    security_severity: "5.0",
    detects: true,
};

use super::Cx;
use crate::challenge::{self, ProblemKind};
use crate::report::Finding;

pub fn check(cx: &Cx, out: &mut Vec<Finding>) {
    for c in &cx.challenges {
        let problems: Vec<_> =
            challenge::validate_bearer(&c.text).into_iter().filter(|p| p.kind != ProblemKind::NotBearer).collect();
        let Some(first) = problems.first() else {
            continue;
        };
        let message = format!(
            "malformed WWW-Authenticate challenge: {} ({}); clients' challenge parsers then miss the parameters they need",
            first.message, first.source
        );
        let help = problems.iter().map(|p| p.message.as_str()).collect::<Vec<_>>().join("; ");
        out.push(cx.finding(&RULE, c.loc, message, help, &[], &c.text));
    }
}
