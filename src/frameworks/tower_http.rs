//! tower-http's auth layers (research/framework-catalog.md §3).
//! Sources: tower-http 0.6.11 and 0.7.1 `src/auth/require_authorization.rs` (`impl ValidateRequest for
//! Bearer`: only `*res.status_mut() = StatusCode::UNAUTHORIZED`, no challenge; `impl
//! ValidateRequest for Basic`: 401 with `WWW-Authenticate: Basic`; the module is deprecated
//! since 0.6.7), `src/validate_request.rs` (`custom`/`ValidateRequest::validate` return the
//! user's `Err(Response)`), `src/auth/async_require_authorization.rs`
//! (`AsyncAuthorizeRequest::authorize` resolves to the user's `Err(Response)`); tower-http 0.7.1
//! `src/validate_request.rs` (`has_header_value(name, value)`, new in 0.7.0: a missing or
//! different value is `RequiredHeaderValue`'s `StatusCode::FORBIDDEN`, no challenge).

/// What a built-in validator answers when it rejects a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Builtin {
    /// `bearer(token)`: 401 without `WWW-Authenticate`.
    BareBearer401,
    /// `basic(user, pass)`: 401 with `WWW-Authenticate: Basic`.
    Basic401,
    /// `has_header_value(name, value)`: 403.
    HeaderValue403,
}

/// Types whose `bearer` / `basic` constructors install a built-in validator: the 0.4+ names and
/// the 0.3 names (`RequireAuthorizationLayer`, tag tower-http-0.3.5, same file).
pub const VALIDATOR_TYPES: &[&str] =
    &["ValidateRequestHeaderLayer", "ValidateRequestHeader", "RequireAuthorizationLayer", "RequireAuthorization"];

/// `ValidateRequestHeaderLayer::bearer(..)` and friends, from the last two path segments.
pub fn builtin(ty: &str, ctor: &str) -> Option<Builtin> {
    if !VALIDATOR_TYPES.contains(&ty) {
        return None;
    }
    match ctor {
        "bearer" => Some(Builtin::BareBearer401),
        "basic" => Some(Builtin::Basic401),
        "has_header_value" => Some(Builtin::HeaderValue403),
        _ => None,
    }
}

pub const BEARER_NOTE: &str = "tower-http's `bearer` validator answers a missing or wrong token with a bare 401, no \
     WWW-Authenticate (tower-http src/auth/require_authorization.rs, `impl ValidateRequest for Bearer`; deprecated \
     since 0.6.7)";

pub const HEADER_VALUE_NOTE: &str = "tower-http's `has_header_value` answers a missing or wrong header value with 403 \
     and no WWW-Authenticate (tower-http 0.7 src/validate_request.rs, `RequiredHeaderValue`)";

/// Trait methods whose `Err(Response)` is the answer to a rejected request; tower-http sends it
/// as is. `authorize` returns `Self::Future`, whose output is `Result<Request, Response>`.
pub fn validator_method(trait_name: &str, method: &str) -> bool {
    matches!((trait_name, method), ("ValidateRequest", "validate") | ("AsyncAuthorizeRequest", "authorize"))
}
