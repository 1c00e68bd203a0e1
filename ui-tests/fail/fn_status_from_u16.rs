use auth_error::auth_error;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

#[auth_error(realm = "mcp")]
fn reject() -> Response {
    let status = StatusCode::from_u16(200).unwrap_or(StatusCode::UNAUTHORIZED);
    (status, "unauthorized").into_response()
}

fn main() {
    let _ = reject();
}
