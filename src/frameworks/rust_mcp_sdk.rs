//! rust-mcp-sdk (rust-mcp-stack/rust-mcp-sdk; research/framework-catalog.md §10.3).
//! Sources (rust-mcp-sdk 1.0.1 snapshot in /work/corpus/rust-mcp-stack+rust-mcp-sdk):
//! `crates/rust-mcp-sdk/src/auth/error.rs` (the `AuthenticationError` enum),
//! `crates/rust-mcp-sdk/src/auth/token_verifier.rs` and `src/auth/auth_provider.rs`
//! (`verify_token(..) -> Result<AuthInfo, AuthenticationError>`: what a user's verifier returns),
//! `crates/rust-mcp-sdk/src/mcp_http/middleware/auth_middleware.rs` (`error_response`: the
//! `match error { .. }` that turns each variant into a status and, for some, a
//! `WWW-Authenticate: Bearer error=.., error_description=..[, resource_metadata=..]` challenge).

use crate::facts::ir::FailKind;

/// The SDK's error type, as the extractor qualifies it when a file imports it from the SDK:
/// the name alone is ambiguous (actix-web-httpauth has an `AuthenticationError` too).
pub const AUTH_ERROR: &str = "rust_mcp_sdk::AuthenticationError";
pub const AUTH_ERROR_SHORT: &str = "AuthenticationError";
pub const CRATE: &str = "rust_mcp_sdk";

/// How `AuthMiddleware::error_response` answers each variant: status, whether the challenge is
/// added, and what kind of failure the variant is (its `#[error]` text in `auth/error.rs`).
/// Variants not listed fall into the `_ => (StatusCode::BAD_REQUEST, None)` arm.
pub const VARIANTS: &[(&str, u16, bool, Option<FailKind>)] = &[
    ("InvalidToken", 401, true, Some(FailKind::Invalid)),
    ("InactiveToken", 401, true, Some(FailKind::Invalid)),
    ("InsufficientScope", 403, true, Some(FailKind::Scope)),
    // "Resource indicator (aud) missing.": the token is rejected.
    ("AudiencesAttributeMissing", 400, false, Some(FailKind::Invalid)),
    ("AudienceNotAllowed", 400, false, Some(FailKind::Invalid)),
    ("InvalidOrExpiredToken", 400, false, Some(FailKind::Invalid)),
    // Server-side failures (no introspection endpoint, JWKS fetch, metadata parsing): 400 is
    // odd but not a credential verdict, so not an auth-status finding.
    ("NoIntrospectionEndpoint", 400, false, None),
    ("Jwks", 400, false, None),
    ("ServerError", 400, false, None),
    ("ParsingError", 400, false, None),
    ("NotFound", 400, false, None),
];

/// `TokenVerificationFailed { status_code }`: `Some(403)` is 403 with the challenge; any other
/// `Some(s)` is `s`, `None` is 400, both without a challenge.
pub const VERIFICATION_FAILED: &str = "TokenVerificationFailed";
pub const DEFAULT_STATUS: u16 = 400;

pub const NOTE: &str = "rust-mcp-sdk's AuthMiddleware answers this AuthenticationError variant \
     (crates/rust-mcp-sdk/src/mcp_http/middleware/auth_middleware.rs, error_response)";

/// Status, challenge and failure kind of `AuthenticationError::<variant>`, given the
/// `status_code` field of `TokenVerificationFailed` when it is a known number.
pub fn answer(variant: &str, status_field: Option<Option<u16>>) -> Option<(u16, bool, Option<FailKind>)> {
    if variant == VERIFICATION_FAILED {
        return match status_field? {
            // The verifier chose 403 itself: an authorization decision.
            Some(403) => Some((403, true, Some(FailKind::Scope))),
            Some(s) => Some((s, false, Some(FailKind::Invalid))),
            None => Some((DEFAULT_STATUS, false, Some(FailKind::Invalid))),
        };
    }
    let (_, status, challenge, kind) = VARIANTS.iter().find(|(n, ..)| *n == variant)?;
    Some((*status, *challenge, *kind))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn middleware_answers() {
        assert_eq!(answer("InvalidToken", None), Some((401, true, Some(FailKind::Invalid))));
        assert_eq!(answer("InsufficientScope", None), Some((403, true, Some(FailKind::Scope))));
        assert_eq!(answer("InvalidOrExpiredToken", None).map(|a| a.0), Some(400));
        assert_eq!(answer(VERIFICATION_FAILED, Some(Some(401))), Some((401, false, Some(FailKind::Invalid))));
        assert_eq!(answer(VERIFICATION_FAILED, Some(None)).map(|a| a.0), Some(400));
        assert_eq!(answer(VERIFICATION_FAILED, Some(Some(403))).map(|a| a.1), Some(true));
        // A status the code does not fix stays unknown.
        assert_eq!(answer(VERIFICATION_FAILED, None), None);
        assert_eq!(answer("SomethingNew", None), None);
    }
}
