//! hyperium/http: status constants, header names and the response builder.
//! Sources: hyperium/http `src/status.rs` (constants; `Default` is `OK`),
//! `src/header/name.rs` (standard header constants), `src/response.rs` (`Builder`,
//! `Response::new` gives 200).

/// `StatusCode::NAME` constants the analysis knows (hyperium/http `src/status.rs`).
pub const STATUS_CONSTS: &[(&str, u16)] = &[
    ("OK", 200),
    ("CREATED", 201),
    ("ACCEPTED", 202),
    ("NO_CONTENT", 204),
    ("MOVED_PERMANENTLY", 301),
    ("FOUND", 302),
    ("SEE_OTHER", 303),
    ("TEMPORARY_REDIRECT", 307),
    ("PERMANENT_REDIRECT", 308),
    ("BAD_REQUEST", 400),
    ("UNAUTHORIZED", 401),
    ("PAYMENT_REQUIRED", 402),
    ("FORBIDDEN", 403),
    ("NOT_FOUND", 404),
    ("METHOD_NOT_ALLOWED", 405),
    ("NOT_ACCEPTABLE", 406),
    ("CONFLICT", 409),
    ("GONE", 410),
    ("UNSUPPORTED_MEDIA_TYPE", 415),
    ("UNPROCESSABLE_ENTITY", 422),
    ("TOO_MANY_REQUESTS", 429),
    ("INTERNAL_SERVER_ERROR", 500),
    ("NOT_IMPLEMENTED", 501),
    ("BAD_GATEWAY", 502),
    ("SERVICE_UNAVAILABLE", 503),
    ("GATEWAY_TIMEOUT", 504),
];

/// Type names under which status constants are reached (`StatusCode::X`, `http::StatusCode::X`).
pub const STATUS_TYPES: &[&str] = &["StatusCode"];

pub fn status_const(name: &str) -> Option<u16> {
    STATUS_CONSTS.iter().find(|(n, _)| *n == name).map(|(_, c)| *c)
}

/// Header-name constants (`header::WWW_AUTHENTICATE`), lowercased to their wire names.
pub fn header_const(name: &str) -> Option<String> {
    const KNOWN: &[&str] = &[
        "WWW_AUTHENTICATE",
        "AUTHORIZATION",
        "CONTENT_TYPE",
        "CACHE_CONTROL",
        "PRAGMA",
        "RETRY_AFTER",
        "LOCATION",
        "ACCESS_CONTROL_EXPOSE_HEADERS",
        "ACCESS_CONTROL_ALLOW_ORIGIN",
        "PROXY_AUTHORIZATION",
        "SET_COOKIE",
    ];
    KNOWN.contains(&name).then(|| name.to_ascii_lowercase().replace('_', "-"))
}

/// The header every 401 must carry (RFC 9110 §15.5.2).
pub const WWW_AUTHENTICATE: &str = "www-authenticate";

/// Constructors of a response value that starts at 200 with no headers:
/// `Response::new(body)` and `Response::builder()` (`src/response.rs`).
pub const RESPONSE_TYPES: &[&str] = &["Response", "HttpResponse"];
