//! Auth error types whose HTTP mapping cannot be wrong.
//!
//! Put [`#[auth_error]`](macro@auth_error) on an enum or struct of auth failures and
//! the status code, the `WWW-Authenticate` challenge and the JSON body are
//! generated and checked at compile time: a 200, a 500 or a challenge-less 401
//! for an auth failure does not compile.
//!
//! ```
//! use auth_error::{auth_error, AuthError};
//!
//! #[auth_error(realm = "mcp", resource_metadata = "https://mcp.example.com/.well-known/oauth-protected-resource/mcp")]
//! #[derive(Debug)]
//! enum AuthFailure {
//!     #[auth_error(status = 401)]
//!     MissingCredentials,
//!     #[auth_error(error = "invalid_token", description = "The access token expired")]
//!     Expired,
//!     #[auth_error(status = 403, error = "insufficient_scope", scope = "tools:call")]
//!     NeedsScope,
//!     #[auth_error(status = 400, error = "invalid_request")]
//!     Malformed,
//!     #[auth_error(error = "invalid_token")]
//!     Revoked { reason: String },
//! }
//!
//! let e = AuthFailure::NeedsScope;
//! assert_eq!(e.status(), 403);
//! assert_eq!(
//!     e.www_authenticate(),
//!     "Bearer realm=\"mcp\", resource_metadata=\"https://mcp.example.com/.well-known/oauth-protected-resource/mcp\", \
//!      error=\"insufficient_scope\", scope=\"tools:call\""
//! );
//! let revoked = AuthFailure::Revoked { reason: "internal detail".into() };
//! assert!(!revoked.body().contains("internal detail"));
//! assert_eq!(revoked.to_string(), "Invalid access token");
//! ```
//!
//! Features: `axum` (`IntoResponse`), `actix-web` (`ResponseError`), `http`
//! (`From<T> for http::Response<B>` where `B: From<String>`).
#![forbid(unsafe_code)]
#![warn(missing_docs)]

extern crate self as auth_error;

pub mod body;
pub mod challenge;

#[cfg(feature = "actix-web")]
pub mod actix;
#[cfg(feature = "axum")]
pub mod axum;
#[cfg(feature = "http")]
pub mod http;

pub use auth_error_macros::auth_error;
pub use challenge::{Challenge, ChallengeBuilder, ChallengeError};

/// An authentication or authorization failure with a fixed HTTP mapping.
///
/// `#[auth_error]` implements it; a hand-written implementation should return
/// 400, 401 or 403 and a challenge rendered by [`Challenge`].
pub trait AuthError {
    /// The HTTP status: 400, 401 or 403.
    fn status(&self) -> u16;
    /// The `WWW-Authenticate` header value, a valid `Bearer` challenge.
    fn www_authenticate(&self) -> &'static str;
    /// The `error=` code of the challenge, if any (RFC 6750 §3.1).
    fn error_code(&self) -> Option<&'static str> {
        None
    }
    /// The JSON body (served as `application/json`); no internal detail.
    fn body(&self) -> String;
}

impl<E: AuthError + ?Sized> AuthError for &E {
    fn status(&self) -> u16 {
        (**self).status()
    }
    fn www_authenticate(&self) -> &'static str {
        (**self).www_authenticate()
    }
    fn error_code(&self) -> Option<&'static str> {
        (**self).error_code()
    }
    fn body(&self) -> String {
        (**self).body()
    }
}

/// The challenge sent when a hand-written [`AuthError::www_authenticate`] is
/// not a header-safe `Bearer` challenge (never the case for `#[auth_error]` types).
pub const FALLBACK_CHALLENGE: &str = "Bearer realm=\"auth\"";

/// The status actually sent for `status`: 400, 401 and 403 pass through, and
/// anything else (only possible with a hand-written [`AuthError`]) becomes 401,
/// so an auth failure is never sent as a 2xx, 3xx or 5xx.
pub const fn effective_status(status: u16) -> u16 {
    match status {
        400 | 401 | 403 => status,
        _ => 401,
    }
}

/// `challenge` if it is a `Bearer` challenge with at least one parameter made of
/// visible ASCII and spaces (so a valid header value), [`FALLBACK_CHALLENGE`] otherwise.
pub fn header_safe_challenge(challenge: &'static str) -> &'static str {
    let params = challenge.get(..7).filter(|s| s.eq_ignore_ascii_case("bearer ")).map(|_| &challenge[7..]);
    match params {
        Some(p) if p.contains('=') && challenge.bytes().all(|b| (0x20..=0x7E).contains(&b)) => challenge,
        _ => FALLBACK_CHALLENGE,
    }
}

/// Not public API: used by the code `#[auth_error]` generates.
#[doc(hidden)]
pub mod __private {
    #[cfg(feature = "actix-web")]
    pub use actix_web;
    #[cfg(feature = "axum")]
    pub use axum;
    pub use core;
    #[cfg(feature = "http")]
    pub use http;

    /// What `#[auth_error]` computed for one variant.
    #[derive(Debug)]
    pub struct Spec {
        pub status: u16,
        pub challenge: &'static str,
        pub error: Option<&'static str>,
        pub description: Option<&'static str>,
        pub code: i32,
        pub oauth: bool,
    }

    impl Spec {
        /// `description`, or a default message for the error code and status.
        pub fn message(&self) -> &'static str {
            match self.description {
                Some(description) => description,
                None => crate::body::default_message(self.status, self.error),
            }
        }

        /// The JSON body: JSON-RPC error response or OAuth error object.
        pub fn body(&self) -> String {
            if self.oauth {
                crate::body::oauth(self.error, Some(self.message()))
            } else {
                crate::body::jsonrpc(self.code, self.message(), self.error, self.description)
            }
        }
    }
}

/// Not public API: `impl IntoResponse` for an `#[auth_error]` type when the
/// `axum` feature is on, nothing otherwise.
#[cfg(feature = "axum")]
#[doc(hidden)]
#[macro_export]
macro_rules! __impl_axum {
    ([$($ig:tt)*] [$($ty:tt)*] [$($wc:tt)*]) => {
        impl $($ig)* $crate::__private::axum::response::IntoResponse for $($ty)* $($wc)* {
            fn into_response(self) -> $crate::__private::axum::response::Response {
                $crate::axum::into_response(&self)
            }
        }
    };
}

#[cfg(not(feature = "axum"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __impl_axum {
    ($($t:tt)*) => {};
}

/// Not public API: `impl ResponseError` for an `#[auth_error]` type when the
/// `actix-web` feature is on, nothing otherwise.
#[cfg(feature = "actix-web")]
#[doc(hidden)]
#[macro_export]
macro_rules! __impl_actix {
    ([$($ig:tt)*] [$($ty:tt)*] [$($wc:tt)*]) => {
        impl $($ig)* $crate::__private::actix_web::ResponseError for $($ty)* $($wc)* {
            fn status_code(&self) -> $crate::__private::actix_web::http::StatusCode {
                $crate::actix::status_code(self)
            }
            fn error_response(&self) -> $crate::__private::actix_web::HttpResponse {
                $crate::actix::error_response(self)
            }
        }
    };
}

#[cfg(not(feature = "actix-web"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __impl_actix {
    ($($t:tt)*) => {};
}

/// Not public API: `impl<B: From<String>> From<T> for http::Response<B>` for an
/// `#[auth_error]` type when the `http` feature is on, nothing otherwise.
#[cfg(feature = "http")]
#[doc(hidden)]
#[macro_export]
macro_rules! __impl_http {
    ([$($ig:tt)*] [$($ty:tt)*] [$($wc:tt)*]) => {
        // `$ig` already declares `__AuthErrorBody: From<String>`.
        impl $($ig)* ::core::convert::From<$($ty)*> for $crate::__private::http::Response<__AuthErrorBody> $($wc)* {
            fn from(error: $($ty)*) -> Self {
                $crate::http::to_response(&error)
            }
        }
    };
}

#[cfg(not(feature = "http"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __impl_http {
    ($($t:tt)*) => {};
}

/// Not public API: the return type `#[auth_error]` gives a `fn` (axum's `Response`).
#[cfg(feature = "axum")]
#[doc(hidden)]
#[macro_export]
macro_rules! __fn_response {
    () => {
        $crate::__private::axum::response::Response
    };
}

#[cfg(not(feature = "axum"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __fn_response {
    () => {
        ()
    };
}

/// Not public API: turns the value of an `#[auth_error]` fn's original body
/// into a response and adds the challenge when it has none.
#[cfg(feature = "axum")]
#[doc(hidden)]
#[macro_export]
macro_rules! __fn_wrap {
    ($challenge:expr, $value:expr) => {{
        #[allow(clippy::redundant_closure_call)]
        let response = $crate::__private::axum::response::IntoResponse::into_response($value);
        $crate::axum::ensure_challenge(response, $challenge)
    }};
}

#[cfg(not(feature = "axum"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __fn_wrap {
    ($challenge:expr, $value:expr) => {
        ::core::compile_error!("#[auth_error] on a fn wraps an axum response: enable the `axum` feature of auth-error")
    };
}
