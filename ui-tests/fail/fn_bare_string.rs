use auth_error::auth_error;
use axum::response::Response;

#[auth_error(realm = "mcp")]
fn reject(missing: bool) -> Response {
    if missing {
        return axum::response::IntoResponse::into_response("unauthorized");
    }
    axum::response::IntoResponse::into_response((axum::http::StatusCode::UNAUTHORIZED, "bad token"))
}

fn main() {
    let _ = reject(true);
}
