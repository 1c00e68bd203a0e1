//! `probe-metadata-resource-mismatch`: the metadata's `resource` is not the URL of the probed endpoint. Detected by `cargo mcp-lint probe` (src/probe/) on a running
//! server; the static analysis cannot see it.

use super::Rule;
use crate::report::Level;

pub static RULE: Rule = Rule {
    id: "probe-metadata-resource-mismatch",
    default_level: Level::Deny,
    summary: "probe: the protected resource metadata's resource is not the probed endpoint URL",
    why: "RFC 9728 section 3.3 requires the client to compare the document's `resource` with the \
          URL it was calling, byte for byte, and to discard the document if they differ (it \
          may be an attacker's). A server that reports its origin (`https://host`), another \
          path, a trailing slash or an internal host name behind a proxy is treated as having \
          no metadata at all.",
    bad: r##"Json(json!({
    "resource": "http://localhost:8080", // the internal address, not the public endpoint
    "authorization_servers": ["https://auth.example.com"],
}))"##,
    good: r##"Json(json!({
    "resource": "https://mcp.example.com/mcp", // exactly the URL clients call
    "authorization_servers": ["https://auth.example.com"],
}))"##,
    fix: "Set `resource` to the exact public URL of the MCP endpoint (scheme, host, port and \
          path as clients call it), from configuration rather than from the bind address.",
    sources: &["RFC 9728 section 3.3", "RFC 9728 section 7.3", "spec-rules.md section 1.6 prm-resource-mismatch"],
    security_severity: "6.5",
    detects: true,
};
