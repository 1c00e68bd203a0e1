//! `cors-hides-www-authenticate`: a CORS layer that exposes headers but not `WWW-Authenticate`.

use super::Rule;
use crate::report::Level;

pub static RULE: Rule = Rule {
    id: "cors-hides-www-authenticate",
    default_level: Level::Warn,
    summary: "CORS layer that exposes response headers but not WWW-Authenticate, in a server \
              that sends challenges",
    why: "WWW-Authenticate is not a CORS-safelisted response header, so browser JavaScript \
          cannot read it unless `Access-Control-Expose-Headers` names it. A browser-based client \
          such as the MCP Inspector then sees a 401 with no readable challenge: it cannot find \
          `resource_metadata` or the `error` code, so it cannot start OAuth or step up scopes. \
          The official MCP auth tutorial exposes only `Mcp-Session-Id`, and copies inherit the \
          gap.",
    bad: r#"let cors = CorsLayer::new()
    .allow_origin(Any)
    .allow_methods([Method::GET, Method::POST, Method::DELETE])
    .allow_headers([header::AUTHORIZATION, header::CONTENT_TYPE, MCP_SESSION_ID])
    .expose_headers([MCP_SESSION_ID]); // the 401 challenge stays invisible to the browser

let app = Router::new()
    .nest_service("/mcp", mcp_service)
    .layer(middleware::from_fn(require_token))
    .layer(cors);"#,
    good: r#"let cors = CorsLayer::new()
    .allow_origin(Any)
    .allow_methods([Method::GET, Method::POST, Method::DELETE])
    .allow_headers([header::AUTHORIZATION, header::CONTENT_TYPE, MCP_SESSION_ID])
    .expose_headers([MCP_SESSION_ID, header::WWW_AUTHENTICATE]);

let app = Router::new()
    .nest_service("/mcp", mcp_service)
    .layer(middleware::from_fn(require_token))
    .layer(cors); // outermost, so the 401 carries the CORS headers too"#,
    fix: "Add `header::WWW_AUTHENTICATE` to tower-http \
          `CorsLayer::expose_headers([header::WWW_AUTHENTICATE, MCP_SESSION_ID])` (actix-cors: \
          `Cors::default().expose_headers([header::WWW_AUTHENTICATE])`; raw responses: \
          `Access-Control-Expose-Headers: Mcp-Session-Id, WWW-Authenticate`). Apply the CORS \
          layer outside the auth layer (the last `.layer(..)` in axum) so the 401 itself carries \
          the CORS headers.",
    sources: &[
        "WHATWG Fetch standard (CORS-safelisted response-header name)",
        "spec-rules.md section 1.5 auth-cors-www-authenticate-not-exposed",
        "spec-rules.md section 4 (MCP Inspector)",
        "detected by `cargo mcp-lint probe` (a cross-origin request's 401 has CORS headers that do not expose WWW-Authenticate); not yet by the static lint",
    ],
    security_severity: "4.0",
    detects: true,
};
