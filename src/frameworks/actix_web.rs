//! actix-web and actix-web-httpauth (research/framework-catalog.md §5, §6).
//! Sources (actix-web 4.18.1, actix-web-httpauth 0.8.3 as published on crates.io):
//! actix-web `src/response/http_codes.rs` (`static_resp!`: `HttpResponse::Unauthorized()` is
//! `HttpResponseBuilder::new(StatusCode::UNAUTHORIZED)`), `src/response/response.rs`
//! (`HttpResponse::new(status)`, `build(status)`, `from_error`), `src/response/builder.rs`
//! (`insert_header`, `append_header`, `finish`, `json`, `body`), `src/error/internal.rs`
//! (`error_helper!`: `ErrorUnauthorized(e)` is `InternalError::new(e, UNAUTHORIZED)`, a text/plain
//! body and no other header), `src/error/response_error.rs` (`ResponseError::status_code`
//! defaults to 500; the default `error_response` is `HttpResponse::new(self.status_code())`
//! with the `Display` text as body).
//! actix-web-httpauth `src/extractors/errors.rs` (`AuthenticationError::new` is 401 and its
//! `error_response` always inserts `WwwAuthenticate(challenge)`), `src/extractors/config.rs`
//! (`AuthenticationError::from(config)` is `new(config.into_inner())`),
//! `src/extractors/bearer.rs` (`Config` holds only `realm` and `scope`; `with_error` sets the
//! status of the error kind), `src/headers/www_authenticate/challenge/bearer/errors.rs`
//! (`InvalidRequest` 400, `InvalidToken` 401, `InsufficientScope` 403),
//! `src/headers/www_authenticate/challenge/bearer/challenge.rs` (the challenge is `Bearer`
//! followed by `realm`, `scope`, `error`, `error_description`, `error_uri`, each preceded by a
//! space: no `resource_metadata`, and no commas between parameters).

/// `HttpResponse::<Name>()` builders and their status (`src/response/http_codes.rs`).
pub const RESPONSE_CTORS: &[(&str, u16)] = &[
    ("Ok", 200),
    ("Created", 201),
    ("Accepted", 202),
    ("NonAuthoritativeInformation", 203),
    ("NoContent", 204),
    ("MovedPermanently", 301),
    ("Found", 302),
    ("SeeOther", 303),
    ("NotModified", 304),
    ("TemporaryRedirect", 307),
    ("PermanentRedirect", 308),
    ("BadRequest", 400),
    ("Unauthorized", 401),
    ("PaymentRequired", 402),
    ("Forbidden", 403),
    ("NotFound", 404),
    ("MethodNotAllowed", 405),
    ("NotAcceptable", 406),
    ("ProxyAuthenticationRequired", 407),
    ("RequestTimeout", 408),
    ("Conflict", 409),
    ("Gone", 410),
    ("PreconditionFailed", 412),
    ("PayloadTooLarge", 413),
    ("UnsupportedMediaType", 415),
    ("ImATeapot", 418),
    ("UnprocessableEntity", 422),
    ("Locked", 423),
    ("PreconditionRequired", 428),
    ("TooManyRequests", 429),
    ("InternalServerError", 500),
    ("NotImplemented", 501),
    ("BadGateway", 502),
    ("ServiceUnavailable", 503),
    ("GatewayTimeout", 504),
];

/// `actix_web::error::Error<Name>(err)` helpers and their status (`src/error/internal.rs`,
/// `error_helper!`). They answer `text/plain` with the error's `Display`, never a challenge.
pub const ERROR_HELPERS: &[(&str, u16)] = &[
    ("ErrorBadRequest", 400),
    ("ErrorUnauthorized", 401),
    ("ErrorPaymentRequired", 402),
    ("ErrorForbidden", 403),
    ("ErrorNotFound", 404),
    ("ErrorMethodNotAllowed", 405),
    ("ErrorNotAcceptable", 406),
    ("ErrorProxyAuthenticationRequired", 407),
    ("ErrorRequestTimeout", 408),
    ("ErrorConflict", 409),
    ("ErrorGone", 410),
    ("ErrorPreconditionFailed", 412),
    ("ErrorPayloadTooLarge", 413),
    ("ErrorUnsupportedMediaType", 415),
    ("ErrorImATeapot", 418),
    ("ErrorUnprocessableEntity", 422),
    ("ErrorLocked", 423),
    ("ErrorPreconditionRequired", 428),
    ("ErrorTooManyRequests", 429),
    ("ErrorInternalServerError", 500),
    ("ErrorNotImplemented", 501),
    ("ErrorBadGateway", 502),
    ("ErrorServiceUnavailable", 503),
    ("ErrorGatewayTimeout", 504),
];

pub fn response_ctor_status(name: &str) -> Option<u16> {
    RESPONSE_CTORS.iter().find(|(n, _)| *n == name).map(|(_, c)| *c)
}

pub fn error_helper_status(name: &str) -> Option<u16> {
    ERROR_HELPERS.iter().find(|(n, _)| *n == name).map(|(_, c)| *c)
}

/// Types whose `new(status)` / `build(status)` start a builder with that status
/// (`src/response/response.rs`, `src/response/builder.rs`).
pub const BUILDER_TYPES: &[&str] = &["HttpResponse", "HttpResponseBuilder"];

/// Builder methods that add a header given as a `(name, value)` pair (`src/response/builder.rs`).
pub const HEADER_METHODS: &[&str] = &["insert_header", "append_header"];

/// Builder methods that end the chain with a body (`src/response/builder.rs`).
pub const BODY_METHODS: &[&str] = &["finish", "json", "body", "streaming", "message_body"];

/// Methods that keep the response as it is: builder settings, body-type adapters of
/// `HttpResponse` / `ServiceResponse` (`src/response/response.rs`, `src/service.rs`).
pub const IDENTITY_METHODS: &[&str] = &[
    "content_type",
    "force_close",
    "keep_alive",
    "no_chunking",
    "map_into_left_body",
    "map_into_right_body",
    "map_into_boxed_body",
    "error_response",
];

/// Calls that wrap a response or error without changing it: `req.into_response(resp)`,
/// `ServiceResponse::new(req, resp)` (the response is the last argument),
/// `HttpResponse::from_error(e)`, `actix_web::Error::from(e)` (`src/service.rs`,
/// `src/response/response.rs`, `src/error/error.rs`).
pub const WRAPPING_METHODS: &[&str] = &["into_response", "error_response"];

/// The error trait: its `error_response` is the response; `status_code` defaults to 500
/// (`src/error/response_error.rs`).
pub const RESPONSE_ERROR: &str = "ResponseError";
pub const DEFAULT_ERROR_STATUS: u16 = 500;
pub const DEFAULT_ERROR_NOTE: &str = "`ResponseError::status_code` defaults to 500 when an impl does not override it \
     (actix-web src/error/response_error.rs)";

/// Traits whose impl turns a user type into a response, with the method that does it
/// (`ResponseError::error_response`, `Responder::respond_to`: `src/response/responder.rs`).
pub const RESPONSE_TRAITS: &[(&str, &str)] = &[("ResponseError", "error_response"), ("Responder", "respond_to")];

/// Methods whose closure argument is a request handler (`Route::to`, `Resource::to`:
/// `src/route.rs`, `src/resource.rs`).
pub const HANDLER_METHODS: &[&str] = &["to"];

/// The extractor trait: `from_request` resolves to `Result<Self, Self::Error>` and a failure
/// is answered with the error's `ResponseError::error_response` (`src/extract.rs`).
pub const EXTRACTOR_TRAIT: &str = "FromRequest";

/// Return types (last path segment) that are responses.
pub const RESPONSE_TYPES: &[&str] = &["HttpResponse", "ServiceResponse", "HttpResponseBuilder"];

/// actix-web-httpauth: `AuthenticationError<C>`'s constructors (`src/extractors/errors.rs`,
/// `src/extractors/config.rs`). 401 with `WWW-Authenticate: <challenge>`.
pub const AUTH_ERROR_TYPE: &str = "AuthenticationError";
pub const AUTH_ERROR_CTORS: &[&str] = &["new", "from"];

/// `bearer::Error::<Kind>` for `.with_error(..)`: status and `error=` value
/// (`src/headers/www_authenticate/challenge/bearer/errors.rs`).
pub const BEARER_ERRORS: &[(&str, u16, &str)] = &[
    ("InvalidRequest", 400, "invalid_request"),
    ("InvalidToken", 401, "invalid_token"),
    ("InsufficientScope", 403, "insufficient_scope"),
];

/// `bearer::Config` / `basic::Config` setters that add a challenge parameter
/// (`src/extractors/bearer.rs`, `src/extractors/basic.rs`).
pub const CONFIG_PARAMS: &[&str] = &["realm", "scope"];

/// `HttpAuthentication::bearer(validator)` / `::basic` / `::with_fn` (`src/middleware.rs`): the
/// validator's `Err((error, req))` is answered with `error`'s response.
pub const AUTH_MIDDLEWARE_CTORS: &[&str] = &["bearer", "basic", "with_fn"];

/// Is this `Type::method` path actix-web-httpauth's middleware constructor?
pub fn is_httpauth_middleware(prev: &str, last: &str) -> bool {
    prev == "HttpAuthentication" && AUTH_MIDDLEWARE_CTORS.contains(&last)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `error_helper!` and `static_resp!` name the same statuses (`ErrorX` / `X`): the two tables
    /// must agree wherever both have an entry.
    #[test]
    fn error_helpers_agree_with_builders() {
        for (helper, code) in ERROR_HELPERS {
            let name = helper.trim_start_matches("Error");
            if let Some(builder) = response_ctor_status(name) {
                assert_eq!(builder, *code, "{helper} vs HttpResponse::{name}()");
            }
        }
    }

    /// The entries the auth rules depend on.
    #[test]
    fn auth_statuses_present() {
        assert_eq!(response_ctor_status("Unauthorized"), Some(401));
        assert_eq!(error_helper_status("ErrorUnauthorized"), Some(401));
        assert_eq!(error_helper_status("ErrorInternalServerError"), Some(500));
        assert!(BEARER_ERRORS.iter().any(|(n, c, e)| *n == "InvalidToken" && *c == 401 && *e == "invalid_token"));
    }
}
