//! jsonrpsee (research/framework-catalog.md §11.1).
//! Sources: jsonrpsee `types/src/error.rs` (`ErrorObject::owned(code, message, data)`,
//! `ErrorCode`), `server/src/transport/http.rs` (JSON-RPC errors are sent with 200).

/// Types whose constructors build a JSON-RPC error object.
pub const ERROR_TYPES: &[&str] = &["ErrorObject", "ErrorObjectOwned"];
/// Constructors taking `(code, message, data)`.
pub const ERROR_CTORS: &[&str] = &["owned", "borrowed"];
/// Return types whose values travel in-band.
pub const RPC_TYPES: &[&str] = &["ErrorObject", "ErrorObjectOwned", "RpcResult", "MethodResponse"];

/// `RpcModule` registration methods whose closure argument is a JSON-RPC method
/// (jsonrpsee `core/src/server/rpc_module.rs`).
pub const REGISTER_METHODS: &[&str] = &[
    "register_method",
    "register_async_method",
    "register_blocking_method",
    "register_method_with_details",
    "register_async_method_with_details",
];

/// `jsonrpsee::server::http::response::*` helpers and their status
/// (jsonrpsee `server/src/transport/http.rs`): note `error_response` is 500.
pub fn http_helper_status(name: &str) -> Option<u16> {
    match name {
        "ok_response" => Some(200),
        "malformed" => Some(400),
        "denied" | "host_not_allowed" => Some(403),
        "method_not_allowed" => Some(405),
        "too_large" => Some(413),
        "unsupported_content_type" => Some(415),
        "too_many_requests" => Some(429),
        "internal_error" | "error_response" => Some(500),
        _ => None,
    }
}
