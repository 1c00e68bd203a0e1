//! An MCP-style JSON-RPC endpoint at `/mcp`, guarded by a bearer-token
//! middleware whose failures are an `#[auth_error]` enum.
//!
//! ```text
//! cargo run -p auth-error --example axum_server --features axum
//! curl -i -X POST localhost:3000/mcp                                        # 401, no error code
//! curl -i -X POST localhost:3000/mcp -H 'Authorization: Bearer expired'      # 401 invalid_token
//! curl -i -X POST localhost:3000/mcp -H 'Authorization: Bearer reader' \
//!      -d '{"jsonrpc":"2.0","id":1,"method":"tools/call"}'                   # 403 insufficient_scope
//! curl -i -X POST localhost:3000/mcp -H 'Authorization: Bearer writer' \
//!      -d '{"jsonrpc":"2.0","id":1,"method":"tools/call"}'                   # 200
//! ```
//!
//! Tokens are hard-coded: `reader` holds `tools:list`, `writer` holds
//! `tools:list tools:call`, `expired` is expired, anything else is invalid.

use auth_error::auth_error;
use axum::extract::Request;
use axum::http::header::AUTHORIZATION;
use axum::http::StatusCode;
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Extension, Json, Router};
use serde_json::{json, Value};

const PRM_URL: &str = "http://localhost:3000/.well-known/oauth-protected-resource/mcp";

/// Every way a request to `/mcp` can fail authentication or authorization.
#[auth_error(realm = "mcp", resource_metadata = "http://localhost:3000/.well-known/oauth-protected-resource/mcp")]
#[derive(Debug)]
enum McpAuthError {
    /// No `Authorization: Bearer` header (or another scheme): a plain challenge,
    /// with the scope a client should ask for (RFC 6750 §3.1, MCP 2025-11-25 §4.2).
    #[auth_error(scope = "tools:list tools:call")]
    MissingCredentials,
    /// `Authorization: Bearer` with nothing after it.
    #[auth_error(status = 400, error = "invalid_request", description = "Empty bearer token")]
    Malformed,
    #[auth_error(error = "invalid_token", description = "The access token expired")]
    Expired,
    /// The token is unknown; the reason stays in logs, never in the response.
    #[auth_error(error = "invalid_token")]
    Invalid {
        #[allow(dead_code)]
        reason: String,
    },
    #[auth_error(status = 403, error = "insufficient_scope", scope = "tools:list tools:call")]
    NeedsToolsCall,
}

/// The scopes of the caller's token, put in the request by the middleware.
#[derive(Clone, Debug)]
struct Scopes(Vec<&'static str>);

fn scopes_for(token: &str) -> Result<Scopes, McpAuthError> {
    match token {
        "reader" => Ok(Scopes(vec!["tools:list"])),
        "writer" => Ok(Scopes(vec!["tools:list", "tools:call"])),
        "expired" => Err(McpAuthError::Expired),
        other => Err(McpAuthError::Invalid { reason: format!("unknown token of {} bytes", other.len()) }),
    }
}

/// Checks every request to `/mcp` (POST, GET and DELETE alike).
async fn require_bearer(mut request: Request, next: Next) -> Result<Response, McpAuthError> {
    let header = request.headers().get(AUTHORIZATION).and_then(|v| v.to_str().ok());
    let Some((scheme, token)) = header.map(|h| h.split_once(' ').unwrap_or((h, ""))) else {
        return Err(McpAuthError::MissingCredentials);
    };
    // Scheme names are case-insensitive (RFC 9110 §11.1); another scheme counts
    // as no credentials at all (RFC 6750 §3.1).
    if !scheme.eq_ignore_ascii_case("bearer") {
        return Err(McpAuthError::MissingCredentials);
    }
    let token = token.trim();
    if token.is_empty() {
        return Err(McpAuthError::Malformed);
    }
    let scopes = scopes_for(token)?;
    request.extensions_mut().insert(scopes);
    Ok(next.run(request).await)
}

/// A plain JSON-RPC handler standing in for an MCP server.
async fn mcp(Extension(scopes): Extension<Scopes>, body: String) -> Result<Json<Value>, McpAuthError> {
    let request: Value = match serde_json::from_str(&body) {
        Ok(value) => value,
        Err(_) => {
            return Ok(Json(json!({"jsonrpc": "2.0", "id": null, "error": {"code": -32700, "message": "Parse error"}})))
        }
    };
    let id = request.get("id").cloned().unwrap_or(Value::Null);
    let result = match request.get("method").and_then(Value::as_str) {
        Some("tools/list") => json!({"tools": [{"name": "echo", "inputSchema": {"type": "object"}}]}),
        Some("tools/call") => {
            // Decide scope before any byte of a 200 is sent (spec `auth-failure-in-band-after-200`).
            if !scopes.0.contains(&"tools:call") {
                return Err(McpAuthError::NeedsToolsCall);
            }
            json!({"content": [{"type": "text", "text": "echo"}]})
        }
        _ => {
            return Ok(Json(
                json!({"jsonrpc": "2.0", "id": id, "error": {"code": -32601, "message": "Method not found"}}),
            ))
        }
    };
    Ok(Json(json!({"jsonrpc": "2.0", "id": id, "result": result})))
}

/// A hand-written rejection: `#[auth_error]` checks the status it builds and
/// adds the `WWW-Authenticate` challenge it forgot.
#[auth_error(realm = "mcp", resource_metadata = "http://localhost:3000/.well-known/oauth-protected-resource/mcp")]
fn legacy_reject() -> Response {
    (StatusCode::UNAUTHORIZED, Json(json!({"error": "login required"}))).into_response()
}

/// RFC 9728 protected resource metadata; readable without a token.
async fn protected_resource_metadata() -> Json<Value> {
    Json(json!({
        "resource": "http://localhost:3000/mcp",
        "authorization_servers": ["http://localhost:9000"],
        "scopes_supported": ["tools:list", "tools:call"],
    }))
}

fn app() -> Router {
    let mcp_routes =
        Router::new().route("/mcp", post(mcp).get(mcp).delete(mcp)).layer(middleware::from_fn(require_bearer));
    Router::new()
        .merge(mcp_routes)
        .route("/legacy", get(|| async { legacy_reject() }))
        .route("/.well-known/oauth-protected-resource/mcp", get(protected_resource_metadata))
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> std::io::Result<()> {
    let addr = std::env::var("ADDR").unwrap_or_else(|_| "127.0.0.1:3000".to_owned());
    let listener = tokio::net::TcpListener::bind(&addr).await?;
    println!("listening on http://{addr}/mcp (metadata: {PRM_URL})");
    axum::serve(listener, app()).await
}
