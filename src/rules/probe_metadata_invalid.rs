//! `probe-metadata-invalid`: the protected resource metadata is not a 200 application/json JSON object. Detected by `cargo mcp-lint probe` (src/probe/) on a running
//! server; the static analysis cannot see it.

use super::Rule;
use crate::report::Level;

pub static RULE: Rule = Rule {
    id: "probe-metadata-invalid",
    default_level: Level::Deny,
    summary: "probe: the protected resource metadata is not a 200 application/json JSON object",
    why: "RFC 9728 section 3.2 defines a successful metadata response as 200 with an \
          `application/json` JSON object. SDK clients check both: an HTML page, a text/plain \
          body, a redirect to a login page or a 5xx leaves them without an authorization \
          server to talk to.",
    bad: r##"async fn protected_resource_metadata() -> String {
    // text/plain; charset=utf-8
    r#"{"resource":"https://mcp.example.com/mcp","authorization_servers":["https://auth.example.com"]}"#.to_string()
}"##,
    good: r##"async fn protected_resource_metadata() -> Json<Value> {
    Json(json!({
        "resource": "https://mcp.example.com/mcp",
        "authorization_servers": ["https://auth.example.com"],
    }))
}"##,
    fix: "Answer the metadata URL with 200, `Content-Type: application/json` and a JSON object \
          (axum: return `Json(..)`).",
    sources: &["RFC 9728 section 3.2", "spec-rules.md section 1.6 prm-bad-response"],
    security_severity: "5.0",
    detects: true,
};
