use auth_error::auth_error;
use axum::response::IntoResponse;
use axum::Json;

#[auth_error(realm = "mcp")]
async fn reject() -> impl IntoResponse {
    Json(serde_json::json!({"jsonrpc": "2.0", "id": null, "error": {"code": -32001, "message": "Unauthorized"}}))
}

fn main() {
    let _ = reject();
}
