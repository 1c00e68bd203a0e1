//! JSON bodies for auth failures (spec `auth-error-body-shape`).
//!
//! Two shapes: a JSON-RPC 2.0 error response with `"id": null` (the default of
//! `#[auth_error]`), and the OAuth error object `{"error": .., "error_description": ..}`
//! (`body = "oauth"`). Neither carries anything but the values given here.

use serde_json::Value;

/// The JSON-RPC error code `#[auth_error]` uses unless `code = ..` says otherwise.
pub const DEFAULT_JSONRPC_CODE: i32 = -32001;

/// The `Content-Type` of every body this crate produces.
pub const CONTENT_TYPE: &str = "application/json";

/// `{"jsonrpc":"2.0","id":null,"error":{"code":..,"message":..,"data":{"error":..,"error_description":..}}}`.
///
/// `data` is present only when `error` is.
pub fn jsonrpc(code: i32, message: &str, error: Option<&str>, description: Option<&str>) -> String {
    let mut out = String::from(r#"{"jsonrpc":"2.0","id":null,"error":{"code":"#);
    out.push_str(&code.to_string());
    out.push_str(r#","message":"#);
    push_json_str(&mut out, message);
    if error.is_some() {
        out.push_str(r#","data":"#);
        out.push_str(&oauth(error, description));
    }
    out.push_str("}}");
    out
}

/// `{"error":..,"error_description":..}`; each member only when given.
pub fn oauth(error: Option<&str>, description: Option<&str>) -> String {
    let mut out = String::from("{");
    if let Some(error) = error {
        out.push_str(r#""error":"#);
        push_json_str(&mut out, error);
    }
    if let Some(description) = description {
        if error.is_some() {
            out.push(',');
        }
        out.push_str(r#""error_description":"#);
        push_json_str(&mut out, description);
    }
    out.push('}');
    out
}

fn push_json_str(out: &mut String, s: &str) {
    out.push_str(&Value::from(s).to_string());
}

/// The message used when no `description` is given, by `error` code and status.
pub fn default_message(status: u16, error: Option<&str>) -> &'static str {
    match (error, status) {
        (Some("invalid_token"), _) => "Invalid access token",
        (Some("insufficient_scope"), _) => "Insufficient scope",
        (Some("invalid_request"), _) => "Invalid request",
        (Some("invalid_dpop_proof"), _) => "Invalid DPoP proof",
        (Some("use_dpop_nonce"), _) => "DPoP nonce required",
        (_, 400) => "Bad request",
        (_, 403) => "Forbidden",
        _ => "Authentication required",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        assert_eq!(
            jsonrpc(-32001, "Authentication required", None, None),
            r#"{"jsonrpc":"2.0","id":null,"error":{"code":-32001,"message":"Authentication required"}}"#
        );
        let v: Value = serde_json::from_str(&jsonrpc(-32001, "m", Some("invalid_token"), Some("d"))).unwrap();
        assert_eq!(v["error"]["data"], serde_json::json!({"error": "invalid_token", "error_description": "d"}));
        assert_eq!(oauth(Some("a\"b"), Some("\n")), r#"{"error":"a\"b","error_description":"\n"}"#);
        assert_eq!(oauth(Some("invalid_token"), None), r#"{"error":"invalid_token"}"#);
        assert_eq!(oauth(None, None), "{}");
    }
}
