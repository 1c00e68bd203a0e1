use auth_error::{auth_error, AuthError};

#[auth_error(realm = "mcp", resource_metadata = "http://127.0.0.1:8080/.well-known/oauth-protected-resource")]
#[derive(Debug)]
enum DpopFailure {
    #[auth_error(error = "invalid_dpop_proof", description = "DPoP proof signature invalid")]
    BadProof,
    #[auth_error(error = "use_dpop_nonce", error_uri = "https://docs.example.com/dpop#nonce")]
    NeedNonce,
}

fn main() {
    assert_eq!(DpopFailure::BadProof.status(), 401);
    assert!(DpopFailure::NeedNonce.www_authenticate().ends_with("error_uri=\"https://docs.example.com/dpop#nonce\""));
}
