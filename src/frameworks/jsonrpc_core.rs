//! jsonrpc-core / jsonrpc-http-server (research/framework-catalog.md §11.2).
//! Sources: paritytech/jsonrpc `core/src/types/error.rs` (`Error { code, message, data }`,
//! `ErrorCode::ServerError(i64)`, `Error::invalid_request()` etc.), `http/src/handler.rs`
//! (responses are sent with `Response::ok`, 200).

/// `ErrorCode::<Variant>` and the code it stands for.
pub const ERROR_CODES: &[(&str, i64)] = &[
    ("ParseError", -32700),
    ("InvalidRequest", -32600),
    ("MethodNotFound", -32601),
    ("InvalidParams", -32602),
    ("InternalError", -32603),
];

/// `Error::<ctor>()` constructors.
pub const ERROR_CTORS: &[(&str, i64)] = &[
    ("parse_error", -32700),
    ("invalid_request", -32600),
    ("method_not_found", -32601),
    ("invalid_params", -32602),
    ("internal_error", -32603),
];

/// `IoHandler` / `MetaIoHandler` methods whose closure argument is a JSON-RPC method
/// (jsonrpc `core/src/io.rs`).
pub const ADD_METHODS: &[&str] = &["add_method", "add_sync_method", "add_method_with_meta", "add_notification"];
