//! `token-response-cacheable`: an OAuth token endpoint response without `Cache-Control: no-store`.

use super::Rule;
use crate::report::Level;

pub static RULE: Rule = Rule {
    id: "token-response-cacheable",
    default_level: Level::Warn,
    summary: "OAuth token endpoint response without Cache-Control: no-store",
    why: "A token response carries a bearer credential: without `Cache-Control: no-store` a \
          browser, proxy or CDN may store it, keep it on disk or hand it to another caller. \
          RFC 6749 section 5.1 requires `Cache-Control: no-store` and `Pragma: no-cache` on it \
          (OAuth 2.1 keeps no-store), and the MCP conformance suite checks no-store on token \
          responses. Seed 000's review added both headers to its client_credentials token \
          endpoint (PR #2418).",
    bad: r#"async fn token(State(st): State<AppState>, Form(req): Form<TokenRequest>) -> Response {
    let access_token = st.issue_token(&req).await;
    Json(json!({
        "access_token": access_token,
        "token_type": "Bearer",
        "expires_in": 3600
    }))
    .into_response()
}"#,
    good: r#"async fn token(State(st): State<AppState>, Form(req): Form<TokenRequest>) -> Response {
    let access_token = st.issue_token(&req).await;
    let body = json!({
        "access_token": access_token,
        "token_type": "Bearer",
        "expires_in": 3600
    });
    let no_store = [(header::CACHE_CONTROL, "no-store"), (header::PRAGMA, "no-cache")];
    (no_store, Json(body)).into_response()
}"#,
    fix: "Add `[(header::CACHE_CONTROL, \"no-store\"), (header::PRAGMA, \"no-cache\")]` to every \
          token endpoint response, error responses included, or put \
          `SetResponseHeaderLayer::overriding(header::CACHE_CONTROL, \
          HeaderValue::from_static(\"no-store\"))` (tower-http) on the token route. In \
          actix-web: `.insert_header((header::CACHE_CONTROL, \"no-store\"))` on the builder.",
    sources: &[
        "RFC 6749 section 5.1",
        "OAuth 2.1 (draft-ietf-oauth-v2-1-13) section 3.2.3",
        "spec-rules.md section 1.7 token-response-missing-no-store",
        "seed 000 (PR #2418 review fixes)",
    ],
    security_severity: "5.0",
    detects: false,
};
