//! rmcp, the official Rust MCP SDK (research/framework-catalog.md §10.1).
//! Sources: rmcp `src/model.rs` (`ErrorData` constructors and `ErrorCode` consts),
//! `src/transport/streamable_http_server/tower.rs` (JSON-RPC errors go out with HTTP 200).

/// `ErrorData::<ctor>(message, data)` constructors and the code each sets.
pub const ERROR_CTORS: &[(&str, i64)] = &[
    ("parse_error", -32700),
    ("invalid_request", -32600),
    ("method_not_found", -32601),
    ("invalid_params", -32602),
    ("internal_error", -32603),
    ("resource_not_found", -32002),
];

/// `ErrorCode::NAME` consts.
pub const ERROR_CODES: &[(&str, i64)] = &[
    ("PARSE_ERROR", -32700),
    ("INVALID_REQUEST", -32600),
    ("METHOD_NOT_FOUND", -32601),
    ("INVALID_PARAMS", -32602),
    ("INTERNAL_ERROR", -32603),
    ("RESOURCE_NOT_FOUND", -32002),
    ("HEADER_MISMATCH", -32020),
    ("MISSING_REQUIRED_CLIENT_CAPABILITY", -32021),
    ("UNSUPPORTED_PROTOCOL_VERSION", -32022),
];

/// Type names users write for rmcp's error (`use rmcp::ErrorData as McpError`).
pub const ERROR_TYPES: &[&str] = &["ErrorData", "McpError"];

/// Return types whose values travel in-band (HTTP 200).
pub const RPC_TYPES: &[&str] = &["ErrorData", "McpError", "CallToolResult"];

/// rmcp answers an error of the service factory with 500
/// (`src/transport/streamable_http_server/tower.rs`, `internal_error_response("get service")`).
pub const FACTORY_ERROR_NOTE: &str =
    "rmcp answers a service factory error with 500 (src/transport/streamable_http_server/tower.rs, internal_error_response)";

/// `StreamableHttpService::new(factory, ..)`: its first argument is the service factory.
pub fn is_service_factory(func: &syn::Expr) -> bool {
    let syn::Expr::Path(p) = func else {
        return false;
    };
    let segs: Vec<String> = p.path.segments.iter().map(|s| s.ident.to_string()).collect();
    segs.ends_with(&["StreamableHttpService".to_string(), "new".to_string()])
}
