//! `probe-metadata-no-auth-servers`: the metadata names no authorization server. Detected by `cargo mcp-lint probe` (src/probe/) on a running
//! server; the static analysis cannot see it.

use super::Rule;
use crate::report::Level;

pub static RULE: Rule = Rule {
    id: "probe-metadata-no-auth-servers",
    default_level: Level::Deny,
    summary: "probe: the protected resource metadata has no non-empty authorization_servers",
    why: "RFC 9728 makes `authorization_servers` optional, but MCP requires at least one entry: \
          it is the only way the client learns which authorization server to get a token \
          from. Without it, discovery stops after the metadata fetch.",
    bad: r##"Json(json!({ "resource": "https://mcp.example.com/mcp", "authorization_servers": [] }))"##,
    good: r##"Json(json!({
    "resource": "https://mcp.example.com/mcp",
    "authorization_servers": ["https://auth.example.com"],
}))"##,
    fix: "List the issuer URL of every authorization server that issues tokens for this \
          server in `authorization_servers`.",
    sources: &[
        "RFC 9728 section 2",
        "MCP authorization 2025-06-18 section 2.3.1",
        "MCP authorization 2025-11-25 section 4.1",
        "spec-rules.md section 1.6 prm-no-authorization-servers",
    ],
    security_severity: "6.5",
    detects: true,
};
