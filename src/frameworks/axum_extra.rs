//! Typed-header extractors of axum-extra (and axum 0.6) and poem (framework-catalog.md §2.3, §8).
//! Sources: axum-extra 0.10.3 `src/typed_header.rs` (`impl IntoResponse for
//! TypedHeaderRejection`: `StatusCode::BAD_REQUEST`, no challenge, for a missing header and for a
//! malformed one; `impl OptionalFromRequestParts for TypedHeader`: a missing header gives `None`,
//! a malformed one still the 400); axum-core tag axum-v0.7.9 `src/extract/mod.rs` (`Option<T>`
//! swallows every rejection); poem 3.1.12 `src/web/typed_header.rs` and `src/error.rs`
//! (`ParseTypedHeaderError` is `BAD_REQUEST`), `src/web/mod.rs` (`Option<T>` is `.ok()`).

/// Extractor wrappers that reject a missing or unparsable header with 400.
pub const TYPED_HEADER_EXTRACTORS: &[&str] = &["TypedHeader"];

/// Header types that carry credentials: a 400 for them is an auth failure answered 400.
pub const CREDENTIAL_HEADERS: &[&str] = &["Authorization", "ProxyAuthorization"];

/// Whether a parameter type is `TypedHeader<Authorization<..>>` at the top level. `Option<..>`,
/// `Result<.., _>` and `WithRejection<.., E>` hand the failure to the handler or to `E`, so they
/// are not matched (the path's last segment must be the extractor itself).
pub fn is_credential_typed_header(ty: &syn::Type) -> bool {
    let syn::Type::Path(p) = ty else { return false };
    let Some(seg) = p.path.segments.last() else { return false };
    if !TYPED_HEADER_EXTRACTORS.iter().any(|e| seg.ident == e) {
        return false;
    }
    let syn::PathArguments::AngleBracketed(args) = &seg.arguments else { return false };
    args.args.iter().any(|a| match a {
        syn::GenericArgument::Type(syn::Type::Path(inner)) => {
            inner.path.segments.last().is_some_and(|s| CREDENTIAL_HEADERS.iter().any(|h| s.ident == h))
        }
        _ => false,
    })
}

pub const TYPED_HEADER_NOTE: &str = "a missing or malformed Authorization header is rejected with 400 and no \
     WWW-Authenticate before the handler runs (axum-extra src/typed_header.rs `TypedHeaderRejection`; poem \
     src/error.rs `ParseTypedHeaderError`)";
