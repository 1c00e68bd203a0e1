//! `bearer-scheme-case-sensitive`: the `Authorization` scheme matched case-sensitively.

use super::Rule;
use crate::report::Level;

pub static RULE: Rule = Rule {
    id: "bearer-scheme-case-sensitive",
    default_level: Level::Warn,
    summary: "Authorization scheme matched case-sensitively (strip_prefix(\"Bearer \"), \
              starts_with(\"Bearer\")), so `bearer abc` is refused",
    why: "Auth scheme names are case-insensitive (RFC 9110 section 11.1), and some clients, \
          proxies and gateways send `bearer` or `BEARER`. A server that only accepts \
          `Bearer ` answers their valid token with 401; a client that re-authorizes on 401 gets \
          a new token, sends it the same way and is refused again, so it never gets in. The rmcp auth examples use `strip_prefix(\"Bearer \")`, and servers copy them.",
    bad: r#"fn bearer(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(header::AUTHORIZATION)?
        .to_str()
        .ok()?
        .strip_prefix("Bearer ") // refuses "bearer abc" and "BEARER abc"
}"#,
    good: r#"fn bearer(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("Bearer") {
        return None;
    }
    let token = token.trim_start_matches(' ');
    (!token.is_empty()).then_some(token)
}"#,
    fix: "Split the header value at the first space and compare the scheme with \
          `scheme.eq_ignore_ascii_case(\"Bearer\")`, then trim leading spaces from the token \
          (`value.split_once(' ')`, as in the example). Replace `strip_prefix(\"Bearer \")`, \
          `starts_with(\"Bearer\")` and `== \"Bearer\"` on the scheme.",
    sources: &[
        "RFC 9110 section 11.1",
        "RFC 6750 section 2.1",
        "OAuth 2.1 (draft-ietf-oauth-v2-1-13) section 5.1.1",
        "spec-rules.md section 1.5 auth-bearer-scheme-case-sensitive",
        "spec-rules.md section 5 SDK table (rmcp examples)",
        "detected by `cargo mcp-lint probe --token VALID_TOKEN` (a valid token sent as `bearer <token>` is refused); not yet by the static lint",
    ],
    security_severity: "4.0",
    detects: true,
};
