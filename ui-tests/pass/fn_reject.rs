//! On a fn: the checked statuses pass, and the challenge is added.
use auth_error::auth_error;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;

#[auth_error(realm = "mcp", resource_metadata = "https://mcp.example.com/.well-known/oauth-protected-resource/mcp")]
fn reject(kind: u8) -> Response {
    match kind {
        0 => (StatusCode::UNAUTHORIZED, Json(serde_json::json!({"error": "unauthorized"}))).into_response(),
        1 => return (StatusCode::FORBIDDEN, "forbidden").into_response(),
        _ => StatusCode::from_u16(400).unwrap_or(StatusCode::BAD_REQUEST).into_response(),
    }
}

#[auth_error(realm = "mcp", error = "invalid_token")]
async fn reject_async(detail: String) -> impl IntoResponse {
    let _ = detail;
    (StatusCode::UNAUTHORIZED, "invalid token")
}

struct Guard;

impl Guard {
    #[auth_error(realm = "mcp")]
    fn reject(&self) -> Response {
        Response::builder().status(401).body(axum::body::Body::empty()).unwrap_or_default()
    }
}

fn main() {
    for kind in 0..3 {
        let response = reject(kind);
        assert!(response.headers().contains_key("www-authenticate"));
    }
    let _future = reject_async(String::new());
    assert_eq!(Guard.reject().status(), 401);
}
