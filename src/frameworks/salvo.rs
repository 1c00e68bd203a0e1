//! salvo (research/framework-catalog.md §12).
//! Sources: salvo_core 0.96.0 `src/http/errors/status_error.rs` (`StatusError::unauthorized()`
//! and the other constructors; `.brief(..)`, `.detail(..)`, `.cause(..)` keep the status; no
//! challenge), salvo-jwt-auth 0.96.0 `src/lib.rs` (`JwtAuth::handle`: no token renders
//! `StatusError::unauthorized()`, a token that fails to decode renders
//! `StatusError::forbidden()`, neither with `WWW-Authenticate`, unless `force_passed(true)`),
//! salvo_extra 0.96.0 `src/basic_auth.rs` (`ask_credentials`: 401 with `WWW-Authenticate: Basic
//! realm=".."`).

/// `StatusError::<ctor>()` constructors the analysis knows.
pub const STATUS_ERRORS: &[(&str, u16)] = &[
    ("bad_request", 400),
    ("unauthorized", 401),
    ("forbidden", 403),
    ("not_found", 404),
    ("internal_server_error", 500),
    ("service_unavailable", 503),
];

pub fn status_error(name: &str) -> Option<u16> {
    STATUS_ERRORS.iter().find(|(n, _)| *n == name).map(|(_, c)| *c)
}

/// Methods of `StatusError` that keep its status.
pub const KEEPS_STATUS: &[&str] = &["brief", "detail", "cause"];

/// The type whose values are responses.
pub const STATUS_ERROR: &str = "StatusError";

pub const JWT_FORBIDDEN_NOTE: &str = "salvo-jwt-auth answers a token that fails to decode (expired, bad signature) \
     with 403 and no WWW-Authenticate (salvo-jwt-auth src/lib.rs, `JwtAuth::handle` renders \
     `StatusError::forbidden()`)";
pub const JWT_MISSING_NOTE: &str = "salvo-jwt-auth answers a request without a token with 401 and no \
     WWW-Authenticate (salvo-jwt-auth src/lib.rs, `JwtAuth::handle` renders `StatusError::unauthorized()`)";
