//! actix-web integration (feature `actix-web`).

use actix_web::http::header::{ContentType, WWW_AUTHENTICATE};
use actix_web::http::StatusCode;
use actix_web::HttpResponse;

use crate::AuthError;

/// The status of `error` as an actix-web [`StatusCode`].
pub fn status_code<E: AuthError + ?Sized>(error: &E) -> StatusCode {
    match crate::effective_status(error.status()) {
        400 => StatusCode::BAD_REQUEST,
        403 => StatusCode::FORBIDDEN,
        _ => StatusCode::UNAUTHORIZED,
    }
}

/// The response for `error`: its status, `WWW-Authenticate`, `Content-Type:
/// application/json` and its JSON body. `#[auth_error]` types get a
/// `ResponseError` impl calling this and [`status_code`].
pub fn error_response<E: AuthError + ?Sized>(error: &E) -> HttpResponse {
    HttpResponse::build(status_code(error))
        .insert_header((WWW_AUTHENTICATE, crate::header_safe_challenge(error.www_authenticate())))
        .insert_header(ContentType::json())
        .body(error.body())
}
