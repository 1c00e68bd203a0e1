//! poem and poem-openapi (research/framework-catalog.md §8).
//! Sources: poem 3.1.12 `src/error.rs` (`Error::from_status(status)`, `Error::from_string(msg,
//! status)`; `define_http_error!`: `error::Unauthorized(e)` 401, `Forbidden` 403, `BadRequest`
//! 400, `NotFound` 404, `InternalServerError` 500; no `WWW-Authenticate` anywhere),
//! `src/response.rs` (`Response::builder().status(..).header(..)`, `.body(..)` / `.finish()`),
//! `src/lib.rs` (`poem::Result<T>` is `Result<T, poem::Error>`); poem-openapi 5.1.16
//! `src/error.rs` (`AuthorizationError` is `UNAUTHORIZED` with no challenge),
//! `src/auth/{bearer,basic,api_key}.rs` (a missing or unparsable credential is
//! `AuthorizationError`), `src/auth/mod.rs` (a checker returning `None` is `AuthorizationError`).

use super::Known;

/// `Error::<ctor>(..)` constructors of `poem::Error`.
pub fn error_ctor(name: &str) -> Option<Known> {
    match name {
        "from_status" => Some(Known::StatusArg(0)),
        "from_string" => Some(Known::StatusBody { status: 1, body: 0 }),
        _ => None,
    }
}

/// `poem::error::<Name>(err)` wrappers and their status.
pub const HTTP_ERRORS: &[(&str, u16)] = &[
    ("BadRequest", 400),
    ("Unauthorized", 401),
    ("Forbidden", 403),
    ("NotFound", 404),
    ("InternalServerError", 500),
    ("ServiceUnavailable", 503),
];

pub fn http_error(name: &str) -> Option<u16> {
    HTTP_ERRORS.iter().find(|(n, _)| *n == name).map(|(_, c)| *c)
}

/// Builder methods that end a `Response::builder()` chain without changing status or headers.
pub const BUILDER_END: &[&str] = &["finish", "content_type"];

/// `#[derive(SecurityScheme)]`: poem-openapi answers a missing credential (and a checker's
/// `None`) with 401 and no challenge.
pub const SECURITY_SCHEME_DERIVE: &str = "SecurityScheme";

pub const SECURITY_SCHEME_NOTE: &str = "poem-openapi answers a missing or rejected credential of a `SecurityScheme` \
     with 401 `authorization error` and no WWW-Authenticate (poem-openapi src/error.rs `AuthorizationError`, \
     src/auth/bearer.rs, src/auth/mod.rs)";
