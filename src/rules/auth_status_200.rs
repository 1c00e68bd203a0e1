//! `auth-status-200`: an auth failure answered with HTTP 2xx, e.g. a JSON-RPC error inside a 200.

use super::Rule;
use crate::report::Level;

pub static RULE: Rule = Rule {
    id: "auth-status-200",
    default_level: Level::Deny,
    summary: "auth failure answered with HTTP 2xx (e.g. a JSON-RPC error object inside a 200)",
    why: "MCP clients start OAuth only on an HTTP 401 (or step up on a 403 challenge): the \
          TypeScript SDK hands a 200 carrying a JSON-RPC error to the application as an ordinary \
          error, so OAuth never starts, and claude.ai's connector re-authenticates only on 401 + \
          WWW-Authenticate. An expired token then looks like a failed tool call that the agent \
          cannot recover from. Seed 000: worldmonitor's rpcError helper hard-coded 200, so its \
          -32001 auth errors never triggered re-authentication (todo 076).",
    bad: r#"async fn mcp(headers: HeaderMap, Json(req): Json<JsonRpcRequest>) -> Response {
    let Some(key) = bearer(&headers) else {
        // HTTP 200: the client sees an ordinary JSON-RPC error and never starts OAuth
        return Json(json!({
            "jsonrpc": "2.0",
            "id": req.id,
            "error": { "code": -32001, "message": "Unauthorized" }
        }))
        .into_response();
    };
    dispatch(key, req).await
}"#,
    good: r##"const CHALLENGE: &str =
    r#"Bearer resource_metadata="https://mcp.example.com/.well-known/oauth-protected-resource/mcp""#;

async fn mcp(headers: HeaderMap, Json(req): Json<JsonRpcRequest>) -> Response {
    let Some(key) = bearer(&headers) else {
        let body = json!({
            "jsonrpc": "2.0",
            "id": req.id,
            "error": { "code": -32001, "message": "Unauthorized" }
        });
        return (StatusCode::UNAUTHORIZED, [(header::WWW_AUTHENTICATE, CHALLENGE)], Json(body))
            .into_response();
    };
    dispatch(key, req).await
}"##,
    fix: "Answer the auth failure at the HTTP layer with \
          `(StatusCode::UNAUTHORIZED, [(header::WWW_AUTHENTICATE, CHALLENGE)], body)` where \
          `CHALLENGE` is `r#\"Bearer resource_metadata=\"https://.../.well-known/oauth-protected-resource/mcp\"\"#` \
          (403 with `error=\"insufficient_scope\"` when only scopes are missing). A JSON-RPC error \
          body may stay, but the status must not be 2xx. Check auth in HTTP middleware in front of the \
          JSON-RPC service (axum `middleware::from_fn` around `nest_service(\"/mcp\", ...)`), not \
          in a tool or RPC method: `Err(McpError::...)`, `ErrorObject` and `CallToolResult::error` \
          always travel in a 200.",
    sources: &[
        "MCP authorization 2025-11-25 sections 9.2 and 10",
        "RFC 6750 section 3.1",
        "spec-rules.md section 1.1 auth-failure-returns-200",
        "spec-rules.md section 4 (TS SDK client)",
        "framework-catalog.md section 1 rule 6",
        "framework-catalog.md section 15 trap 1",
        "seed 000 (todo 076)",
    ],
    security_severity: "7.5",
    detects: true,
};

use super::Cx;
use crate::model::Body;
use crate::report::Finding;

pub fn check(cx: &Cx, out: &mut Vec<Finding>) {
    for s in &cx.sites {
        // An HTML page (a login form re-rendered) is a browser flow, not an API client's answer.
        // A permission or policy refusal (Scope) in-band is a design choice, not a failed login.
        let authz = s.evidence.kind == Some(crate::facts::ir::FailKind::Scope);
        if !s.evidence.is_auth() || !(200..300).contains(&s.resp.status) || s.resp.body == Body::Html || authz {
            continue;
        }
        let what = match &s.resp.body {
            Body::JsonRpcError { code: Some(c), .. } => {
                format!("auth failure sent as JSON-RPC error {c} inside HTTP {}", s.resp.status)
            }
            Body::JsonRpcError { .. } => format!("auth failure sent as a JSON-RPC error inside HTTP {}", s.resp.status),
            _ => format!("auth failure answered with HTTP {}", s.resp.status),
        };
        let message = format!("{what}: MCP clients see a success and never start OAuth (they re-authenticate only on 401 + WWW-Authenticate)");
        let help = format!("answer with 401 and a `WWW-Authenticate: Bearer resource_metadata=\"...\"` challenge at the HTTP layer, before the JSON-RPC layer runs; {}", super::MACRO_HELP);
        out.push(cx.finding(&RULE, s.loc, message, help, &s.resp.causes, &s.anchor));
    }
}
