//! Value rules for challenge parameters, each returning the reason a value
//! breaks it. The runtime twin of this module is `auth_error::challenge`;
//! both implement spec-rules §1.3 / §2.2 and are tested on the same cases.

/// Resource-server error codes: RFC 6750 §3.1 plus DPoP (RFC 9449 §7.1).
pub const REGISTERED_ERROR_CODES: [&str; 5] =
    ["invalid_request", "invalid_token", "insufficient_scope", "invalid_dpop_proof", "use_dpop_nonce"];

/// `%x20-21 / %x23-5B / %x5D-7E` (RFC 6749 Appendix A, NQSCHAR).
fn is_nqschar(c: char) -> bool {
    matches!(c, '\x20'..='\x21' | '\x23'..='\x5B' | '\x5D'..='\x7E')
}

/// `%x21 / %x23-5B / %x5D-7E` (RFC 6749 Appendix A, NQCHAR).
fn is_nqchar(c: char) -> bool {
    c != ' ' && is_nqschar(c)
}

/// Names a character for a diagnostic.
pub fn describe_char(c: char) -> String {
    match c {
        '"' => "a double quote `\"`".to_owned(),
        '\\' => "a backslash `\\`".to_owned(),
        ' ' => "a space".to_owned(),
        c if c.is_control() => format!("the control character U+{:04X}", c as u32),
        c if !c.is_ascii() => format!("the non-ASCII character `{c}` (U+{:04X})", c as u32),
        c => format!("`{c}`"),
    }
}

fn first_bad(value: &str, ok: fn(char) -> bool) -> Option<char> {
    value.chars().find(|&c| !ok(c))
}

/// `realm`: a quoted-string that never needs a quoted-pair.
pub fn check_realm(realm: &str) -> Result<(), String> {
    match first_bad(realm, is_nqschar) {
        Some(c) => Err(format!(
            "realm contains {}, which RFC 6750 §3 forbids: only printable ASCII and space, without `\"` or `\\` \
             (a Bearer challenge never uses quoted-pair escaping; RFC 9110 §11.5)",
            describe_char(c)
        )),
        None => Ok(()),
    }
}

/// `error_description = 1*NQSCHAR` (RFC 6749 Appendix A.8).
pub fn check_description(description: &str) -> Result<(), String> {
    if description.is_empty() {
        return Err("description must not be empty (RFC 6749 Appendix A.8: error_description = 1*NQSCHAR)".to_owned());
    }
    match first_bad(description, is_nqschar) {
        Some(c) => Err(format!(
            "description contains {}, which RFC 6750 §3 forbids in error_description: only printable ASCII and space, \
             without `\"` or `\\` (RFC 6749 Appendix A.8)",
            describe_char(c)
        )),
        None => Ok(()),
    }
}

/// `scope = scope-token *( SP scope-token )`, `scope-token = 1*NQCHAR`.
pub fn check_scope(scope: &str) -> Result<(), String> {
    const RULE: &str = "scope tokens are NQCHAR (%x21 / %x23-5B / %x5D-7E) separated by single spaces \
                        (RFC 6750 §3, RFC 6749 §3.3 and Appendix A.4)";
    if scope.split(' ').any(str::is_empty) {
        let what = if scope.is_empty() {
            "scope is empty"
        } else {
            "scope has an empty token (a leading, trailing or double space)"
        };
        return Err(format!("{what}: {RULE}"));
    }
    match first_bad(&scope.replace(' ', ""), is_nqchar) {
        Some(c) => Err(format!("scope contains {}: {RULE}", describe_char(c))),
        None => Ok(()),
    }
}

/// One of [`REGISTERED_ERROR_CODES`].
pub fn check_error_code(code: &str) -> Result<(), String> {
    if REGISTERED_ERROR_CODES.contains(&code) {
        return Ok(());
    }
    Err(format!(
        "error = \"{}\" is not a registered resource-server error code: use invalid_request, invalid_token or \
         insufficient_scope (RFC 6750 §3.1, §6.2), or DPoP's invalid_dpop_proof or use_dpop_nonce (RFC 9449 §7.1)",
        code.escape_default()
    ))
}

/// `error_uri`: an absolute URI made of NQCHAR (RFC 6749 Appendix A.9).
pub fn check_error_uri(uri: &str) -> Result<(), String> {
    const RULE: &str =
        "error_uri must be an absolute URI made of %x21 / %x23-5B / %x5D-7E (RFC 6750 §3, RFC 6749 Appendix A.9)";
    if let Some(c) = first_bad(uri, is_nqchar) {
        return Err(format!("error_uri contains {}: {RULE}", describe_char(c)));
    }
    let scheme_ok = uri.split_once(':').is_some_and(|(scheme, rest)| {
        scheme.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
            && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
            && !rest.is_empty()
    });
    if scheme_ok {
        Ok(())
    } else {
        Err(format!("error_uri is not an absolute URI: {RULE}"))
    }
}

/// `resource_metadata`: an absolute `https` URL (`http` on loopback only),
/// usable verbatim in a quoted-string (RFC 9728 §5.1, §7.1).
pub fn check_resource_metadata(url: &str) -> Result<(), String> {
    const RULE: &str = "resource_metadata must be the absolute https URL of the protected resource metadata \
                        (RFC 9728 §5.1, §7.1); http is accepted only for localhost, 127.0.0.1 and [::1]";
    let lower = url.to_ascii_lowercase();
    let (secure, rest) = if lower.starts_with("https://") {
        (true, &url[8..])
    } else if lower.starts_with("http://") {
        (false, &url[7..])
    } else {
        return Err(format!("resource_metadata is not an absolute http(s) URL: {RULE}"));
    };
    let url_char = |c: char| is_nqchar(c) && !matches!(c, '<' | '>' | '^' | '`' | '{' | '|' | '}');
    if let Some(c) = first_bad(url, url_char) {
        return Err(format!("resource_metadata contains {}: {RULE}", describe_char(c)));
    }
    if url.contains('#') {
        return Err(format!("resource_metadata has a fragment: {RULE}"));
    }
    let authority = rest.split(['/', '?']).next().unwrap_or_default();
    if authority.contains('@') {
        return Err(format!("resource_metadata carries user information: {RULE}"));
    }
    let host = if authority.starts_with('[') {
        authority.find(']').map_or("", |end| &authority[..=end])
    } else {
        match authority.rsplit_once(':') {
            Some((host, port)) if port.chars().all(|c| c.is_ascii_digit()) => host,
            Some(_) => "",
            None => authority,
        }
    };
    if host.is_empty() {
        return Err(format!("resource_metadata has no valid host: {RULE}"));
    }
    let loopback = host.eq_ignore_ascii_case("localhost") || host == "127.0.0.1" || host == "[::1]";
    if !secure && !loopback {
        return Err(format!("resource_metadata uses http on a non-loopback host: {RULE}"));
    }
    Ok(())
}

/// The status an error code goes with (RFC 6750 §3.1; RFC 9449 §7.1 for DPoP).
pub fn status_for_error(code: &str) -> u16 {
    match code {
        "invalid_request" => 400,
        "insufficient_scope" => 403,
        _ => 401,
    }
}

/// A status an auth failure may use.
pub fn check_status(status: u64) -> Result<u16, String> {
    const RULE: &str = "an auth failure is answered with 401 (missing or invalid credentials; RFC 9110 §15.5.2, \
                        RFC 6750 §3.1), 403 (insufficient scope) or 400 (malformed request) — MCP 2025-11-25 §10 \
                        Error Handling";
    let why = match status {
        400 | 401 | 403 => return Ok(status as u16),
        200..=299 => {
            "a 2xx reports success, and clients start OAuth only on a 401 or 403 (MCP 2025-06-18 §2.6.2, §2.7)"
        }
        404 => {
            "on Streamable HTTP a 404 means the session is gone, so the client re-initializes instead of \
                re-authenticating (MCP Transports, Session Management)"
        }
        429 => "rate limiting is not an auth failure (RFC 6585 §4)",
        500..=599 => "a 5xx reports a failure of the server itself, not of the client's credentials (RFC 9110 §15.6.1)",
        _ => "it is not an authentication or authorization status",
    };
    Err(format!("status {status} is not an auth failure status: {why}; {RULE}"))
}

/// JSON-RPC error codes an auth failure must not use.
pub fn check_jsonrpc_code(code: i64) -> Result<i32, String> {
    let Ok(code32) = i32::try_from(code) else {
        return Err(format!("code {code} does not fit a JSON-RPC error code (a 32-bit integer; JSON-RPC 2.0 §5.1)"));
    };
    if code == -32700 || (-32603..=-32600).contains(&code) {
        return Err(format!(
            "code {code} is one of JSON-RPC 2.0's predefined errors (JSON-RPC 2.0 §5.1), which must not be reused \
             for auth failures (MCP 2026-07-28 Basic §1.2.3)"
        ));
    }
    if (-32099..=-32020).contains(&code) {
        return Err(format!(
            "code {code} lies in the range -32099..=-32020 that MCP reserves for its own errors \
             (MCP 2026-07-28 Basic §1.2.3)"
        ));
    }
    Ok(code32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_cases_as_the_runtime_builder() {
        assert!(check_realm("mcp server").is_ok());
        for bad in ["a\"b", "a\\b", "réalm", "a\tb"] {
            assert!(check_realm(bad).is_err(), "{bad}");
        }
        assert!(check_scope("files:read files:write").is_ok());
        for bad in ["files:read  files:write", " files:read", "files:read ", "", "a\"b"] {
            assert!(check_scope(bad).is_err(), "{bad:?}");
        }
        assert!(check_description("").is_err());
        assert!(check_description("Jeton expiré").is_err());
        assert!(check_description("Token expired at 2026-01-01T00:00:00Z").is_ok());
        assert!(check_error_code("use_dpop_nonce").is_ok());
        assert!(check_error_code("server_error").is_err());
        assert!(check_error_uri("https://mcp.example.com/docs/errors#invalid_token").is_ok());
        assert!(check_error_uri("errors/invalid_token").is_err());
        for ok in [
            "https://mcp.example.com/.well-known/oauth-protected-resource/mcp",
            "HTTPS://mcp.example.com:8443/.well-known/oauth-protected-resource",
            "http://localhost:3000/.well-known/oauth-protected-resource",
            "http://127.0.0.1/.well-known/oauth-protected-resource",
            "http://[::1]:8080/x",
        ] {
            assert!(check_resource_metadata(ok).is_ok(), "{ok}");
        }
        for bad in [
            "http://mcp.example.com/.well-known/oauth-protected-resource",
            "/.well-known/oauth-protected-resource",
            "https://",
            "https:///path",
            "https://user@mcp.example.com/x",
            "https://mcp.example.com/a b",
            "https://mcp.example.com/x#frag",
            "https://mcp.example.com:port/x",
            "ftp://mcp.example.com/x",
            "http://localhost.evil.com/x",
        ] {
            assert!(check_resource_metadata(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn status_and_code() {
        assert_eq!(check_status(403), Ok(403));
        assert!(check_status(200).is_err());
        assert!(check_status(500).is_err());
        assert_eq!(check_jsonrpc_code(-32001), Ok(-32001));
        assert!(check_jsonrpc_code(-32600).is_err());
        assert!(check_jsonrpc_code(-32050).is_err());
        assert!(check_jsonrpc_code(1 << 40).is_err());
    }
}
