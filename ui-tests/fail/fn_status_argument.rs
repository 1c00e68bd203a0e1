use auth_error::auth_error;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

#[auth_error(realm = "mcp", status = 401)]
fn reject() -> Response {
    StatusCode::UNAUTHORIZED.into_response()
}

fn main() {
    let _ = reject();
}
