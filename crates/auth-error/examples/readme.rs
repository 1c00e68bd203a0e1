//! The README's `#[auth_error]` example, compiled by CI (`cargo test --all-features`).

use auth_error::auth_error;
use axum::{
    extract::Request,
    http::header::AUTHORIZATION,
    middleware::{self, Next},
    response::Response,
    routing::post,
    Json, Router,
};
use serde_json::{json, Value};

#[auth_error(realm = "mcp", resource_metadata = "https://mcp.example.com/.well-known/oauth-protected-resource/mcp")]
#[derive(Debug)]
enum McpAuthError {
    MissingCredentials, // 401, Bearer realm + resource_metadata
    #[auth_error(error = "invalid_token", description = "The access token expired")]
    Expired, // 401 invalid_token
    #[auth_error(status = 403, error = "insufficient_scope", scope = "tools:call")]
    NeedsScope, // 403 insufficient_scope
}

async fn require_token(req: Request, next: Next) -> Result<Response, McpAuthError> {
    let token = req
        .headers()
        .get(AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split_once(' '))
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
        .map(|(_, t)| t.to_owned())
        .ok_or(McpAuthError::MissingCredentials)?;
    match token.as_str() {
        "expired" => Err(McpAuthError::Expired),
        "reader" => Err(McpAuthError::NeedsScope),
        _ => Ok(next.run(req).await),
    }
}

async fn mcp(Json(req): Json<Value>) -> Json<Value> {
    Json(json!({ "jsonrpc": "2.0", "id": req["id"], "result": {} }))
}

pub fn app() -> Router {
    // With rmcp, guard `nest_service("/mcp", StreamableHttpService::new(..))` the same way.
    Router::new().route("/mcp", post(mcp)).layer(middleware::from_fn(require_token))
}

fn main() {
    let _ = app();
}
