//! jsonrpsee (research/framework-catalog.md §11.1).
//! Sources: jsonrpsee `types/src/error.rs` (`ErrorObject::owned(code, message, data)`,
//! `ErrorCode`), `server/src/transport/http.rs` (JSON-RPC errors are sent with 200).

/// Types whose constructors build a JSON-RPC error object.
pub const ERROR_TYPES: &[&str] = &["ErrorObject", "ErrorObjectOwned"];
/// Constructors taking `(code, message, data)`.
pub const ERROR_CTORS: &[&str] = &["owned", "borrowed"];
/// Return types whose values travel in-band.
pub const RPC_TYPES: &[&str] = &["ErrorObject", "ErrorObjectOwned", "RpcResult", "MethodResponse"];
