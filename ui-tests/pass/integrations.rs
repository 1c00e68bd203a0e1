//! With all features: IntoResponse, ResponseError and From<T> for http::Response<B>.
use auth_error::auth_error;

#[auth_error(realm = "mcp")]
#[derive(Debug)]
enum AuthFailure {
    Missing,
    #[auth_error(status = 403, error = "insufficient_scope", scope = "tools:call")]
    NeedsScope,
}

fn assert_axum<T: axum::response::IntoResponse>() {}
fn assert_actix<T: actix_web::ResponseError>() {}

async fn axum_handler() -> Result<&'static str, AuthFailure> {
    Err(AuthFailure::Missing)
}

async fn actix_handler() -> Result<actix_web::HttpResponse, AuthFailure> {
    Err(AuthFailure::NeedsScope)
}

fn main() {
    assert_axum::<AuthFailure>();
    assert_actix::<AuthFailure>();
    let _ = axum::Router::<()>::new().route("/mcp", axum::routing::post(axum_handler));
    let _ = actix_web::App::new().route("/mcp", actix_web::web::post().to(actix_handler));
    let response: http::Response<String> = AuthFailure::Missing.into();
    assert_eq!(response.status(), 401);
}
