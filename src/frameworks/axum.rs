//! axum / axum-core response shapes (research/framework-catalog.md §2.1).
//! Sources: axum-core `src/response/into_response.rs` (`StatusCode`, strings and `()` are
//! responses; `(StatusCode, R)` overrides R's status; tuples apply header parts in order),
//! `src/response/into_response_parts.rs` (`[(K, V); N]` inserts headers, a failed conversion
//! gives 500), `src/response/append_headers.rs`; axum `src/json.rs` (`Json` is 200 with
//! `content-type: application/json`), `src/response/redirect.rs` (303 / 307 / 308).

/// Wrappers that make a body with the default status 200.
pub const JSON_WRAPPERS: &[&str] = &["Json"];
pub const TEXT_WRAPPERS: &[&str] = &["Html", "Text", "Plain"];

/// `Redirect::to` is 303, `temporary` 307, `permanent` 308 (axum `src/response/redirect.rs`).
pub fn redirect_status(method: &str) -> Option<u16> {
    match method {
        "to" => Some(303),
        "temporary" => Some(307),
        "permanent" => Some(308),
        _ => None,
    }
}

/// Traits whose impls turn a user type into a response. `IntoResponse::into_response` (axum-core
/// `src/response/into_response.rs`).
pub const RESPONSE_TRAITS: &[&str] = &["IntoResponse"];

/// Return types (last path segment) that are responses.
pub const RESPONSE_TYPES: &[&str] =
    &["Response", "StatusCode", "Json", "Html", "Redirect", "IntoResponse", "ErrorResponse", "HttpResponse"];

/// `axum::middleware::{from_fn, from_fn_with_state, map_request, map_request_with_state}`
/// (axum `src/middleware/`): a closure argument is a middleware whose return is a response.
pub fn is_middleware_fn(func: &syn::Expr) -> bool {
    let syn::Expr::Path(p) = func else { return false };
    p.path.segments.last().is_some_and(|s| {
        matches!(
            s.ident.to_string().as_str(),
            "from_fn" | "from_fn_with_state" | "map_request" | "map_request_with_state"
        )
    })
}
