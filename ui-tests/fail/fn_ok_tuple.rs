use auth_error::auth_error;
use axum::http::StatusCode;
use axum::Json;

#[auth_error(realm = "mcp")]
fn reject() -> (StatusCode, Json<serde_json::Value>) {
    (
        StatusCode::OK,
        Json(serde_json::json!({"jsonrpc": "2.0", "id": 1, "error": {"code": -32001, "message": "Unauthorized"}})),
    )
}

fn main() {
    let _ = reject();
}
