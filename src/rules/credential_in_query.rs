//! `credential-in-query`: credentials read from the URL query string.

use super::Rule;
use crate::report::Level;

pub static RULE: Rule = Rule {
    id: "credential-in-query",
    default_level: Level::Warn,
    summary: "credentials read from the URL query string (?key=, api_key, access_token)",
    why: "URLs are written to access logs at proxies, CDNs and the server itself, kept in \
          browser history and sent on in Referer headers, so a key in the query string leaks to \
          everyone who can read those. OAuth 2.1 and MCP forbid resource servers to accept \
          access tokens from the query, and MCP clients always send `Authorization: Bearer`, so \
          the query path only serves clients that should be using OAuth. Seed 000 removed its \
          `?key=` auth path for this reason (PR #2418, todos 081/082).",
    bad: r#"#[derive(Deserialize)]
struct AuthQuery {
    key: Option<String>,
}

async fn mcp(Query(q): Query<AuthQuery>, State(keys): State<Keys>, body: Bytes) -> Response {
    match q.key.as_deref() {
        Some(k) if keys.is_valid(k) => serve(body).await,
        _ => unauthorized(),
    }
}"#,
    good: r#"async fn mcp(headers: HeaderMap, State(keys): State<Keys>, body: Bytes) -> Response {
    let token = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split_once(' '))
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("Bearer"))
        .map(|(_, token)| token.trim());
    match token {
        Some(t) if keys.is_valid(t) => serve(body).await,
        _ => unauthorized(),
    }
}"#,
    fix: "Read credentials only from headers: `Authorization: Bearer <token>` \
          (`headers.get(header::AUTHORIZATION)`) or a dedicated header such as `X-Api-Key`, and \
          drop the `Query` field. Clients that cannot set headers should use the OAuth \
          `client_credentials` flow. If a legacy query parameter must stay for a while, refuse \
          it with 400 and keep URLs that carry it out of the logs.",
    sources: &[
        "RFC 6750 section 2.3",
        "OAuth 2.1 (draft-ietf-oauth-v2-1-13) section 5.1",
        "MCP authorization 2025-11-25 section 9.1",
        "spec-rules.md section 1.5 auth-token-from-query",
        "seed 000 (PR #2418, todos 081/082)",
    ],
    security_severity: "5.5",
    detects: false,
};
