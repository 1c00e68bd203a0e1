use auth_error::auth_error;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

#[auth_error(realm = "mcp")]
fn reject(expired: bool) -> Response {
    if expired {
        (StatusCode::UNAUTHORIZED, "expired").into_response()
    } else {
        (StatusCode::INTERNAL_SERVER_ERROR, "token store unreachable").into_response()
    }
}

fn main() {
    let _ = reject(true);
}
