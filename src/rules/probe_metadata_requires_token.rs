//! `probe-metadata-requires-token`: the protected resource metadata document is behind the token it helps to get. Detected by `cargo mcp-lint probe` (src/probe/) on a running
//! server; the static analysis cannot see it.

use super::Rule;
use crate::report::Level;

pub static RULE: Rule = Rule {
    id: "probe-metadata-requires-token",
    default_level: Level::Deny,
    summary: "probe: the protected resource metadata answers 401/403 to a request without a token",
    why: "The client fetches the metadata document before it has a token: the document is how it \
          learns which authorization server issues one. A metadata URL behind the same auth \
          layer as the MCP endpoint answers 401, and discovery dead-ends.",
    bad: r##"let app = Router::new()
    .route("/mcp", post(mcp))
    .route("/.well-known/oauth-protected-resource/mcp", get(protected_resource_metadata))
    .layer(middleware::from_fn(require_token)); // guards the metadata too"##,
    good: r##"let app = Router::new()
    .route("/mcp", post(mcp).layer(middleware::from_fn(require_token)))
    .route("/.well-known/oauth-protected-resource/mcp", get(protected_resource_metadata));"##,
    fix: "Route the well-known metadata URLs outside the auth middleware (in axum: put the \
          `.layer(..)` on the MCP route only), so they answer without credentials.",
    sources: &[
        "RFC 9728 section 5",
        "MCP authorization 2025-06-18 section 2.3.3",
        "MCP authorization 2025-11-25 section 4.4",
        "spec-rules.md section 1.6 prm-requires-token",
    ],
    security_severity: "6.5",
    detects: true,
};
