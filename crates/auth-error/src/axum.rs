//! axum integration (feature `axum`).

use axum::http::header::{HeaderValue, CONTENT_TYPE, WWW_AUTHENTICATE};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use crate::AuthError;

/// The response for `error`: its status, `WWW-Authenticate`, `Content-Type:
/// application/json` and its JSON body. `#[auth_error]` types get an
/// `IntoResponse` impl calling this.
pub fn into_response<E: AuthError + ?Sized>(error: &E) -> Response {
    let status = match crate::effective_status(error.status()) {
        400 => StatusCode::BAD_REQUEST,
        403 => StatusCode::FORBIDDEN,
        _ => StatusCode::UNAUTHORIZED,
    };
    let mut response = (status, error.body()).into_response();
    let headers = response.headers_mut();
    headers.insert(WWW_AUTHENTICATE, HeaderValue::from_static(crate::header_safe_challenge(error.www_authenticate())));
    headers.insert(CONTENT_TYPE, HeaderValue::from_static(crate::body::CONTENT_TYPE));
    response
}

/// Adds `WWW-Authenticate: <challenge>` to `response` unless it already has
/// one. `#[auth_error]` on a `fn` wraps the function's result with this.
pub fn ensure_challenge(mut response: Response, challenge: &'static str) -> Response {
    if !response.headers().contains_key(WWW_AUTHENTICATE) {
        response
            .headers_mut()
            .insert(WWW_AUTHENTICATE, HeaderValue::from_static(crate::header_safe_challenge(challenge)));
    }
    response
}
