//! Type-level options: structs, overrides, `code`, `body = "oauth"`, thiserror,
//! generics, tuple variants.

use auth_error::{auth_error, AuthError};

#[auth_error(resource_metadata = "http://localhost:3000/.well-known/oauth-protected-resource", body = "oauth")]
#[derive(Debug)]
struct Unauthenticated;

#[auth_error(realm = "api", code = -31999)]
#[derive(Debug)]
enum Overrides {
    Missing,
    #[auth_error(realm = "admin", status = 403, error = "insufficient_scope", scope = "admin:write", code = 4031)]
    Admin(#[allow(dead_code)] u32),
    #[auth_error(error = "invalid_token", body = "oauth", description = "Token audience mismatch")]
    Audience {
        #[allow(dead_code)]
        aud: String,
    },
    #[auth_error(error = "use_dpop_nonce", error_uri = "https://api.example.com/errors#dpop")]
    Nonce,
}

#[auth_error(realm = "mcp", error = "invalid_token")]
#[derive(Debug, thiserror::Error)]
enum WithThiserror {
    #[error("token rejected by {issuer}")]
    Rejected { issuer: String },
    #[auth_error(status = 403, error = "insufficient_scope", scope = "files:write")]
    #[error("needs files:write")]
    Scope,
}

#[auth_error(realm = "generic")]
#[derive(Debug)]
struct Generic<'a, T: std::fmt::Debug> {
    #[allow(dead_code)]
    detail: &'a T,
}

#[test]
fn struct_with_oauth_body() {
    let e = Unauthenticated;
    assert_eq!(e.status(), 401);
    assert_eq!(
        e.www_authenticate(),
        "Bearer resource_metadata=\"http://localhost:3000/.well-known/oauth-protected-resource\""
    );
    assert_eq!(e.error_code(), None);
    assert_eq!(e.body(), r#"{"error_description":"Authentication required"}"#);
    assert_eq!(e.to_string(), "Authentication required");
}

#[test]
fn variant_overrides_type_arguments() {
    assert_eq!(Overrides::Missing.www_authenticate(), "Bearer realm=\"api\"");
    assert_eq!(
        Overrides::Missing.body(),
        r#"{"jsonrpc":"2.0","id":null,"error":{"code":-31999,"message":"Authentication required"}}"#
    );
    let admin = Overrides::Admin(7);
    assert_eq!(admin.status(), 403);
    assert_eq!(admin.www_authenticate(), "Bearer realm=\"admin\", error=\"insufficient_scope\", scope=\"admin:write\"");
    assert_eq!(
        admin.body(),
        r#"{"jsonrpc":"2.0","id":null,"error":{"code":4031,"message":"Insufficient scope","data":{"error":"insufficient_scope"}}}"#
    );
    let audience = Overrides::Audience { aud: "other".into() };
    assert_eq!(
        audience.www_authenticate(),
        "Bearer realm=\"api\", error=\"invalid_token\", error_description=\"Token audience mismatch\""
    );
    assert_eq!(audience.body(), r#"{"error":"invalid_token","error_description":"Token audience mismatch"}"#);
    assert_eq!(
        Overrides::Nonce.www_authenticate(),
        "Bearer realm=\"api\", error=\"use_dpop_nonce\", error_uri=\"https://api.example.com/errors#dpop\""
    );
}

#[test]
fn thiserror_display_is_kept() {
    let e = WithThiserror::Rejected { issuer: "https://internal.example".into() };
    assert_eq!(e.to_string(), "token rejected by https://internal.example");
    assert!(!e.body().contains("internal.example"));
    assert_eq!(e.www_authenticate(), "Bearer realm=\"mcp\", error=\"invalid_token\"");
    assert_eq!(WithThiserror::Scope.status(), 403);
    let boxed: Box<dyn std::error::Error> = Box::new(WithThiserror::Scope);
    assert_eq!(boxed.to_string(), "needs files:write");
}

#[test]
fn generics_and_trait_objects() {
    let value = 5_u8;
    let e = Generic { detail: &value };
    assert_eq!(e.status(), 401);
    assert_eq!(e.to_string(), "Authentication required");
    let dynamic: &dyn AuthError = &e;
    assert_eq!(dynamic.www_authenticate(), "Bearer realm=\"generic\"");
    fn status_of<E: AuthError>(error: E) -> u16 {
        error.status()
    }
    assert_eq!(status_of(&e), 401);
}
