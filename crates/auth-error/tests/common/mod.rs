//! Shared fixtures for the runtime tests: the example type and a small
//! `WWW-Authenticate` parser written independently of the crate's builder.
#![allow(dead_code)]

use auth_error::auth_error;

pub const PRM: &str = "https://mcp.example.com/.well-known/oauth-protected-resource/mcp";

#[auth_error(realm = "mcp", resource_metadata = "https://mcp.example.com/.well-known/oauth-protected-resource/mcp")]
#[derive(Debug)]
pub enum AuthFailure {
    #[auth_error(status = 401)]
    MissingCredentials,
    #[auth_error(error = "invalid_token", description = "The access token expired")]
    Expired,
    #[auth_error(status = 403, error = "insufficient_scope", scope = "tools:call")]
    NeedsScope,
    #[auth_error(status = 400, error = "invalid_request")]
    Malformed,
    #[auth_error(error = "invalid_token")]
    Revoked { reason: String },
}

/// Expected challenge parameters, `(name, value)`.
pub type Params = Vec<(&'static str, &'static str)>;

/// Every variant with the status and challenge parameters it must produce.
pub fn cases() -> Vec<(&'static str, AuthFailure, u16, Params)> {
    vec![
        ("missing", AuthFailure::MissingCredentials, 401, vec![("realm", "mcp"), ("resource_metadata", PRM)]),
        (
            "expired",
            AuthFailure::Expired,
            401,
            vec![
                ("realm", "mcp"),
                ("resource_metadata", PRM),
                ("error", "invalid_token"),
                ("error_description", "The access token expired"),
            ],
        ),
        (
            "scope",
            AuthFailure::NeedsScope,
            403,
            vec![
                ("realm", "mcp"),
                ("resource_metadata", PRM),
                ("error", "insufficient_scope"),
                ("scope", "tools:call"),
            ],
        ),
        (
            "malformed",
            AuthFailure::Malformed,
            400,
            vec![("realm", "mcp"), ("resource_metadata", PRM), ("error", "invalid_request")],
        ),
        (
            "revoked",
            AuthFailure::Revoked { reason: "SECRET-INTERNAL-DETAIL".to_owned() },
            401,
            vec![("realm", "mcp"), ("resource_metadata", PRM), ("error", "invalid_token")],
        ),
    ]
}

pub fn failure(name: &str) -> AuthFailure {
    cases().into_iter().find(|c| c.0 == name).map(|c| c.1).expect("known case")
}

/// Parses one `Bearer` challenge strictly: scheme `Bearer` (any case), then at
/// least one `name="value"` auth-param, comma separated, every value quoted,
/// no quoted-pair, no repeated name (case-insensitive). Returns the params.
pub fn parse_bearer_challenge(header: &str) -> Result<Vec<(String, String)>, String> {
    let (scheme, rest) = header.split_once(' ').ok_or("no space after the scheme: a bare scheme has no param")?;
    if !scheme.eq_ignore_ascii_case("bearer") {
        return Err(format!("scheme is {scheme:?}, not Bearer"));
    }
    let is_tchar = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c);
    let mut params: Vec<(String, String)> = Vec::new();
    let mut chars = rest.trim_start_matches([' ', '\t']).chars().peekable();
    loop {
        let mut name = String::new();
        while let Some(&c) = chars.peek() {
            if !is_tchar(c) {
                break;
            }
            name.push(c);
            chars.next();
        }
        if name.is_empty() {
            return Err(format!("expected a param name in {header:?}"));
        }
        if chars.next() != Some('=') {
            return Err(format!("param {name} has no `=` (token68 is not a Bearer challenge)"));
        }
        if chars.next() != Some('"') {
            return Err(format!("param {name} is not a quoted-string"));
        }
        let mut value = String::new();
        loop {
            match chars.next() {
                Some('"') => break,
                Some('\\') => return Err(format!("param {name} uses a quoted-pair, forbidden by RFC 6750 §3")),
                Some(c) if c == ' ' || c.is_ascii_graphic() => value.push(c),
                Some(c) => return Err(format!("param {name} holds {c:?}, not printable ASCII")),
                None => return Err(format!("param {name} has an unterminated quoted-string")),
            }
        }
        if params.iter().any(|(n, _)| n.eq_ignore_ascii_case(&name)) {
            return Err(format!("param {name} is repeated"));
        }
        params.push((name, value));
        while chars.peek() == Some(&' ') {
            chars.next();
        }
        match chars.next() {
            None => return Ok(params),
            Some(',') => {
                while chars.peek() == Some(&' ') {
                    chars.next();
                }
            }
            Some(c) => return Err(format!("unexpected {c:?} after param")),
        }
    }
}

/// Asserts the challenge parses and holds exactly `expected` (in any order), and that the
/// lint's own RFC 9110 / RFC 6750 validator (`cargo_mcp_lint::challenge`) finds no problem.
pub fn assert_challenge(header: &str, expected: &[(&str, &str)]) {
    let problems = cargo_mcp_lint::challenge::validate_bearer(header);
    assert!(problems.is_empty(), "the lint rejects {header:?}: {problems:?}");
    let params = parse_bearer_challenge(header).unwrap_or_else(|e| panic!("invalid challenge {header:?}: {e}"));
    assert!(!params.is_empty(), "a Bearer challenge needs at least one param");
    let mut got: Vec<(&str, &str)> = params.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
    let mut want = expected.to_vec();
    got.sort();
    want.sort();
    assert_eq!(got, want, "challenge {header:?}");
}

/// Asserts `body` is a JSON-RPC error response (`id` null, the given code, a
/// string message) that leaks nothing from the variant's fields.
pub fn assert_jsonrpc_body(body: &[u8], code: i64, error: Option<&str>) {
    let text = std::str::from_utf8(body).expect("utf-8 body");
    assert!(!text.contains("SECRET-INTERNAL-DETAIL"), "body leaks a field: {text}");
    let value: serde_json::Value = serde_json::from_str(text).expect("JSON body");
    assert_eq!(value["jsonrpc"], "2.0");
    assert!(value["id"].is_null());
    assert!(value.get("result").is_none());
    assert_eq!(value["error"]["code"], code);
    assert!(value["error"]["message"].is_string());
    match error {
        Some(error) => assert_eq!(value["error"]["data"]["error"], error),
        None => assert!(value["error"].get("data").is_none()),
    }
}
