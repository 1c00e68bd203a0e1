//! `probe-metadata-missing`: no protected resource metadata document where an MCP client looks for it. Detected by `cargo mcp-lint probe` (src/probe/) on a running
//! server; the static analysis cannot see it.

use super::Rule;
use crate::report::Level;

pub static RULE: Rule = Rule {
    id: "probe-metadata-missing",
    default_level: Level::Deny,
    summary: "probe: no RFC 9728 protected resource metadata at resource_metadata or the well-known URLs",
    why: "An MCP client that gets a 401 finds its authorization server through the RFC 9728 \
          Protected Resource Metadata: at the challenge's `resource_metadata` URL, or else at \
          `/.well-known/oauth-protected-resource/<path>` and then at \
          `/.well-known/oauth-protected-resource`. When none of them answers 200, the client \
          cannot learn where to log in and never starts OAuth (MCP 2025-06-18 and later require \
          the document).",
    bad: r##"// only the MCP endpoint is routed: the metadata URL answers 404
let app = Router::new().route("/mcp", post(mcp)).layer(middleware::from_fn(require_token));"##,
    good: r##"async fn protected_resource_metadata() -> Json<Value> {
    Json(json!({
        "resource": "https://mcp.example.com/mcp",
        "authorization_servers": ["https://auth.example.com"],
    }))
}

let app = Router::new()
    .route("/mcp", post(mcp).layer(middleware::from_fn(require_token)))
    // outside the auth layer: readable without a token
    .route("/.well-known/oauth-protected-resource/mcp", get(protected_resource_metadata));"##,
    fix: "Serve the metadata document (without auth) at the path-inserted well-known URL \
          (`https://host/.well-known/oauth-protected-resource/mcp` for an endpoint at `/mcp`), \
          and point the challenge's `resource_metadata` at it.",
    sources: &[
        "RFC 9728 section 3.1",
        "RFC 9728 section 5.1",
        "MCP authorization 2025-06-18 section 2.3.1",
        "MCP authorization 2025-11-25 section 4.2",
        "spec-rules.md section 1.6 prm-missing",
        "spec-rules.md section 1.6 prm-wellknown-path",
        "spec-rules.md section 4 (client discovery sequence)",
    ],
    security_severity: "6.5",
    detects: true,
};
