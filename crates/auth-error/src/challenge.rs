//! A typed builder for `WWW-Authenticate: Bearer` challenges that only renders
//! challenges valid under RFC 9110 §11 and RFC 6750 §3 (plus RFC 9728 §5.1 for
//! `resource_metadata`).

use std::fmt;

/// Error codes a resource server may put in `error=`: RFC 6750 §3.1 and the
/// DPoP extension codes of RFC 9449 §7.1.
pub const REGISTERED_ERROR_CODES: [&str; 5] =
    ["invalid_request", "invalid_token", "insufficient_scope", "invalid_dpop_proof", "use_dpop_nonce"];

/// Why a challenge parameter was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ChallengeError {
    /// The same parameter was set twice (RFC 9110 §11.2, RFC 6750 §3).
    Duplicate(&'static str),
    /// `realm` holds a character outside `%x20-21 / %x23-5B / %x5D-7E`
    /// (RFC 6750 §3; no quoted-pair escaping is ever emitted).
    InvalidRealm,
    /// `error_description` is empty or holds a character outside
    /// `%x20-21 / %x23-5B / %x5D-7E` (RFC 6750 §3, RFC 6749 Appendix A.8).
    InvalidDescription,
    /// `scope` is not NQCHAR tokens separated by single spaces
    /// (RFC 6750 §3, RFC 6749 §3.3 and Appendix A.4).
    InvalidScope,
    /// `error` is not one of [`REGISTERED_ERROR_CODES`] (RFC 6750 §3.1, RFC 9449 §7.1).
    UnregisteredErrorCode,
    /// `resource_metadata` is not an absolute `https` URL (RFC 9728 §5.1, §7.1);
    /// `http` is accepted for `localhost`, `127.0.0.1` and `[::1]` only.
    InvalidResourceMetadata,
    /// `error_uri` is not an absolute URI made of `%x21 / %x23-5B / %x5D-7E`
    /// (RFC 6750 §3, RFC 6749 Appendix A.9).
    InvalidErrorUri,
    /// `error_description` or `error_uri` without `error` (RFC 6750 §3).
    MissingError,
    /// Nothing was set: a bare `Bearer` challenge is invalid (RFC 6750 §3 requires
    /// at least one auth-param).
    NoParameters,
}

impl fmt::Display for ChallengeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Duplicate(name) => {
                write!(f, "parameter `{name}` set twice; each auth-param appears at most once (RFC 9110 §11.2, RFC 6750 §3)")
            }
            Self::InvalidRealm => f.write_str(
                "realm may only hold printable ASCII and space, without `\"` or `\\` (RFC 6750 §3, RFC 9110 §11.5)",
            ),
            Self::InvalidDescription => f.write_str(
                "error_description must be non-empty printable ASCII and space, without `\"` or `\\` (RFC 6750 §3, RFC 6749 Appendix A.8)",
            ),
            Self::InvalidScope => f.write_str(
                "scope must be NQCHAR scope tokens separated by single spaces (RFC 6750 §3, RFC 6749 §3.3 and Appendix A.4)",
            ),
            Self::UnregisteredErrorCode => f.write_str(
                "error must be invalid_request, invalid_token, insufficient_scope (RFC 6750 §3.1) or a DPoP code invalid_dpop_proof, use_dpop_nonce (RFC 9449 §7.1)",
            ),
            Self::InvalidResourceMetadata => f.write_str(
                "resource_metadata must be an absolute https URL (RFC 9728 §5.1, §7.1); http only for localhost, 127.0.0.1 or [::1]",
            ),
            Self::InvalidErrorUri => f.write_str(
                "error_uri must be an absolute URI made of %x21 / %x23-5B / %x5D-7E (RFC 6750 §3, RFC 6749 Appendix A.9)",
            ),
            Self::MissingError => f.write_str("error_description and error_uri accompany an `error` (RFC 6750 §3)"),
            Self::NoParameters => f.write_str(
                "a bare `Bearer` challenge is invalid: set realm, resource_metadata, error or scope (RFC 6750 §3)",
            ),
        }
    }
}

impl std::error::Error for ChallengeError {}

/// Entry point of the builder: `Challenge::bearer()`.
///
/// ```
/// use auth_error::Challenge;
///
/// let header = Challenge::bearer()
///     .realm("mcp")?
///     .error("insufficient_scope")?
///     .scope("files:read files:write")?
///     .resource_metadata("https://mcp.example.com/.well-known/oauth-protected-resource/mcp")?
///     .render()?;
/// assert_eq!(
///     header,
///     "Bearer realm=\"mcp\", resource_metadata=\"https://mcp.example.com/.well-known/oauth-protected-resource/mcp\", \
///      error=\"insufficient_scope\", scope=\"files:read files:write\""
/// );
/// # Ok::<(), auth_error::ChallengeError>(())
/// ```
#[derive(Debug)]
pub struct Challenge;

impl Challenge {
    /// Starts a `Bearer` challenge (RFC 6750 §3).
    pub fn bearer() -> ChallengeBuilder {
        ChallengeBuilder::default()
    }
}

/// A `Bearer` challenge under construction. Every setter validates its value.
///
/// Parameters render in a fixed order — `realm`, `resource_metadata`, `error`,
/// `scope`, `error_description`, `error_uri` — so that free text comes last and
/// regex-based client parsers cannot pick a parameter out of a description.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ChallengeBuilder {
    realm: Option<String>,
    resource_metadata: Option<String>,
    error: Option<String>,
    scope: Option<String>,
    error_description: Option<String>,
    error_uri: Option<String>,
}

fn set(slot: &mut Option<String>, name: &'static str, value: &str) -> Result<(), ChallengeError> {
    if slot.is_some() {
        return Err(ChallengeError::Duplicate(name));
    }
    *slot = Some(value.to_owned());
    Ok(())
}

impl ChallengeBuilder {
    /// Sets `realm` (RFC 6750 §3, RFC 9110 §11.5).
    pub fn realm(mut self, realm: &str) -> Result<Self, ChallengeError> {
        if !is_valid_realm(realm) {
            return Err(ChallengeError::InvalidRealm);
        }
        set(&mut self.realm, "realm", realm)?;
        Ok(self)
    }

    /// Sets `resource_metadata`, the URL of the protected resource metadata (RFC 9728 §5.1).
    pub fn resource_metadata(mut self, url: &str) -> Result<Self, ChallengeError> {
        if !is_valid_resource_metadata(url) {
            return Err(ChallengeError::InvalidResourceMetadata);
        }
        set(&mut self.resource_metadata, "resource_metadata", url)?;
        Ok(self)
    }

    /// Sets `error` (RFC 6750 §3.1; RFC 9449 §7.1 for the DPoP codes).
    pub fn error(mut self, code: &str) -> Result<Self, ChallengeError> {
        if !is_registered_error_code(code) {
            return Err(ChallengeError::UnregisteredErrorCode);
        }
        set(&mut self.error, "error", code)?;
        Ok(self)
    }

    /// Sets `error_description` (RFC 6750 §3). Requires `error` at render time.
    pub fn error_description(mut self, description: &str) -> Result<Self, ChallengeError> {
        if !is_valid_description(description) {
            return Err(ChallengeError::InvalidDescription);
        }
        set(&mut self.error_description, "error_description", description)?;
        Ok(self)
    }

    /// Sets `error_uri` (RFC 6750 §3). Requires `error` at render time.
    pub fn error_uri(mut self, uri: &str) -> Result<Self, ChallengeError> {
        if !is_valid_error_uri(uri) {
            return Err(ChallengeError::InvalidErrorUri);
        }
        set(&mut self.error_uri, "error_uri", uri)?;
        Ok(self)
    }

    /// Sets `scope`: space-separated scope tokens (RFC 6750 §3, RFC 6749 §3.3).
    pub fn scope(mut self, scope: &str) -> Result<Self, ChallengeError> {
        if !is_valid_scope(scope) {
            return Err(ChallengeError::InvalidScope);
        }
        set(&mut self.scope, "scope", scope)?;
        Ok(self)
    }

    /// Renders the header value, e.g. `Bearer realm="mcp", error="invalid_token"`.
    ///
    /// Fails with [`ChallengeError::NoParameters`] when no parameter was set
    /// (a bare `Bearer`), and with [`ChallengeError::MissingError`] when a
    /// description or URI has no `error`.
    pub fn render(&self) -> Result<String, ChallengeError> {
        if self.error.is_none() && (self.error_description.is_some() || self.error_uri.is_some()) {
            return Err(ChallengeError::MissingError);
        }
        let params = [
            ("realm", &self.realm),
            ("resource_metadata", &self.resource_metadata),
            ("error", &self.error),
            ("scope", &self.scope),
            ("error_description", &self.error_description),
            ("error_uri", &self.error_uri),
        ];
        let mut out = String::from("Bearer");
        let mut first = true;
        for (name, value) in params {
            if let Some(value) = value {
                out.push_str(if first { " " } else { ", " });
                first = false;
                out.push_str(name);
                out.push_str("=\"");
                out.push_str(value);
                out.push('"');
            }
        }
        if first {
            return Err(ChallengeError::NoParameters);
        }
        Ok(out)
    }
}

/// `%x20-21 / %x23-5B / %x5D-7E`: printable ASCII and space minus `"` and `\`
/// (RFC 6749 Appendix A, NQSCHAR).
pub const fn is_nqschar(b: u8) -> bool {
    matches!(b, 0x20..=0x21 | 0x23..=0x5B | 0x5D..=0x7E)
}

/// `%x21 / %x23-5B / %x5D-7E` (RFC 6749 Appendix A, NQCHAR).
pub const fn is_nqchar(b: u8) -> bool {
    b != b' ' && is_nqschar(b)
}

/// A realm that can be sent as a quoted-string without quoted-pairs.
pub fn is_valid_realm(realm: &str) -> bool {
    realm.bytes().all(is_nqschar)
}

/// A non-empty `error_description` (RFC 6749 Appendix A.8).
pub fn is_valid_description(description: &str) -> bool {
    !description.is_empty() && description.bytes().all(is_nqschar)
}

/// `scope-token *( SP scope-token )` with `scope-token = 1*NQCHAR`.
pub fn is_valid_scope(scope: &str) -> bool {
    !scope.is_empty() && scope.split(' ').all(|token| !token.is_empty() && token.bytes().all(is_nqchar))
}

/// One of [`REGISTERED_ERROR_CODES`].
pub fn is_registered_error_code(code: &str) -> bool {
    REGISTERED_ERROR_CODES.contains(&code)
}

/// An absolute URI made of NQCHAR (RFC 6749 Appendix A.9).
pub fn is_valid_error_uri(uri: &str) -> bool {
    let Some((scheme, rest)) = uri.split_once(':') else { return false };
    let scheme_ok = scheme.bytes().next().is_some_and(|b| b.is_ascii_alphabetic())
        && scheme.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'));
    scheme_ok && !rest.is_empty() && uri.bytes().all(is_nqchar)
}

/// An absolute `https` URL (or `http` on a loopback host), usable as a
/// quoted-string and as a URL without escaping (RFC 9728 §5.1, §7.1).
pub fn is_valid_resource_metadata(url: &str) -> bool {
    let (secure, rest) = if let Some(rest) = strip_prefix_ignore_case(url, "https://") {
        (true, rest)
    } else if let Some(rest) = strip_prefix_ignore_case(url, "http://") {
        (false, rest)
    } else {
        return false;
    };
    let url_char = |b: u8| is_nqchar(b) && !matches!(b, b'<' | b'>' | b'^' | b'`' | b'{' | b'|' | b'}');
    if !url.bytes().all(url_char) || url.contains('#') {
        return false;
    }
    let authority = rest.split(['/', '?']).next().unwrap_or_default();
    if authority.is_empty() || authority.contains('@') {
        return false;
    }
    let host = host_of(authority);
    if host.is_empty() {
        return false;
    }
    secure || host.eq_ignore_ascii_case("localhost") || host == "127.0.0.1" || host == "[::1]"
}

fn strip_prefix_ignore_case<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix).then(|| &s[prefix.len()..])
}

fn host_of(authority: &str) -> &str {
    if authority.starts_with('[') {
        return match authority.find(']') {
            Some(end) => &authority[..=end],
            None => "",
        };
    }
    match authority.rsplit_once(':') {
        Some((host, port)) if port.bytes().all(|b| b.is_ascii_digit()) => host,
        Some(_) => "",
        None => authority,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_in_fixed_order() {
        let header = Challenge::bearer()
            .error_description("The access token expired")
            .and_then(|c| c.error("invalid_token"))
            .and_then(|c| c.realm("mcp"))
            .and_then(|c| c.render());
        assert_eq!(
            header.as_deref(),
            Ok("Bearer realm=\"mcp\", error=\"invalid_token\", error_description=\"The access token expired\"")
        );
    }

    #[test]
    fn rejects_bare_bearer_and_duplicates() {
        assert_eq!(Challenge::bearer().render(), Err(ChallengeError::NoParameters));
        let twice = Challenge::bearer().realm("a").and_then(|c| c.realm("b"));
        assert_eq!(twice, Err(ChallengeError::Duplicate("realm")));
        let orphan = Challenge::bearer().error_description("x").and_then(|c| c.render());
        assert_eq!(orphan, Err(ChallengeError::MissingError));
    }

    #[test]
    fn value_rules() {
        assert!(is_valid_realm("mcp server"));
        assert!(!is_valid_realm("a\"b"));
        assert!(!is_valid_realm("a\\b"));
        assert!(!is_valid_realm("réalm"));
        assert!(!is_valid_realm("a\tb"));
        assert!(is_valid_scope("files:read files:write"));
        assert!(!is_valid_scope("files:read  files:write"));
        assert!(!is_valid_scope(" files:read"));
        assert!(!is_valid_scope("files:read "));
        assert!(!is_valid_scope(""));
        assert!(!is_valid_description(""));
        assert!(!is_valid_description("Jeton expiré"));
        assert!(is_valid_description("Token expired at 2026-01-01T00:00:00Z"));
        assert!(is_registered_error_code("use_dpop_nonce"));
        assert!(!is_registered_error_code("server_error"));
        assert!(is_valid_error_uri("https://mcp.example.com/docs/errors#invalid_token"));
        assert!(!is_valid_error_uri("errors/invalid_token"));
    }

    #[test]
    fn resource_metadata_rules() {
        for ok in [
            "https://mcp.example.com/.well-known/oauth-protected-resource/mcp",
            "HTTPS://mcp.example.com:8443/.well-known/oauth-protected-resource",
            "http://localhost:3000/.well-known/oauth-protected-resource",
            "http://127.0.0.1/.well-known/oauth-protected-resource",
            "http://[::1]:8080/x",
        ] {
            assert!(is_valid_resource_metadata(ok), "{ok}");
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
            assert!(!is_valid_resource_metadata(bad), "{bad}");
        }
    }
}
