use auth_error::auth_error;
use axum::body::Body;
use axum::response::Response;

#[auth_error(realm = "mcp")]
fn reject() -> Response {
    Response::builder().status(503).body(Body::from("token introspection unavailable")).unwrap_or_default()
}

fn main() {
    let _ = reject();
}
