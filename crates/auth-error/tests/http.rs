//! The `http` feature: `From<T> for http::Response<B>`.
#![cfg(feature = "http")]

mod common;

use common::{assert_challenge, assert_jsonrpc_body, cases};

#[test]
fn converts_into_http_response() {
    for (name, variant, status, params) in cases() {
        let response: http::Response<String> = variant.into();
        assert_eq!(response.status().as_u16(), status, "{name}");
        assert_eq!(response.headers()[http::header::CONTENT_TYPE], "application/json");
        assert_challenge(response.headers()[http::header::WWW_AUTHENTICATE].to_str().expect("ASCII"), &params);
        let error = params.iter().find(|p| p.0 == "error").map(|p| p.1);
        assert_jsonrpc_body(response.body().as_bytes(), -32001, error);
        let bytes = http::Response::<Vec<u8>>::from(common::failure(name));
        assert_eq!(bytes.body(), response.body().as_bytes());
    }
}
