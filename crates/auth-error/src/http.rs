//! `http` crate integration (feature `http`).
//!
//! `#[auth_error]` types get `impl<B: From<String>> From<T> for http::Response<B>`,
//! so `http::Response::<String>::from(error)` or `error.into()` builds the response.

use http::header::{HeaderValue, CONTENT_TYPE, WWW_AUTHENTICATE};
use http::{Response, StatusCode};

use crate::AuthError;

/// The response for `error`: its status, `WWW-Authenticate`, `Content-Type:
/// application/json` and its JSON body.
pub fn to_response<B: From<String>, E: AuthError + ?Sized>(error: &E) -> Response<B> {
    let mut response = Response::new(B::from(error.body()));
    *response.status_mut() = match crate::effective_status(error.status()) {
        400 => StatusCode::BAD_REQUEST,
        403 => StatusCode::FORBIDDEN,
        _ => StatusCode::UNAUTHORIZED,
    };
    let headers = response.headers_mut();
    headers.insert(WWW_AUTHENTICATE, HeaderValue::from_static(crate::header_safe_challenge(error.www_authenticate())));
    headers.insert(CONTENT_TYPE, HeaderValue::from_static(crate::body::CONTENT_TYPE));
    response
}
