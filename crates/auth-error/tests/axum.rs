//! Generated responses served by a real axum `Router`.
#![cfg(feature = "axum")]

mod common;

use auth_error::auth_error;
use axum::body::{to_bytes, Body};
use axum::http::header::{CONTENT_TYPE, WWW_AUTHENTICATE};
use axum::http::{Request, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use common::{assert_challenge, assert_jsonrpc_body, cases, failure, PRM};
use tower::ServiceExt;

async fn handler(axum::extract::Path(name): axum::extract::Path<String>) -> Result<&'static str, common::AuthFailure> {
    Err(failure(&name))
}

async fn call(app: Router, uri: &str) -> (Response, Vec<u8>) {
    let request = Request::builder().uri(uri).body(Body::empty()).expect("request");
    let mut response = app.oneshot(request).await.expect("infallible");
    let body = std::mem::replace(response.body_mut(), Body::empty());
    let bytes = to_bytes(body, 1 << 20).await.expect("body");
    (response, bytes.to_vec())
}

#[tokio::test]
async fn every_variant_through_a_router() {
    let app = Router::new().route("/fail/{name}", get(handler));
    for (name, _, status, params) in cases() {
        let (response, body) = call(app.clone(), &format!("/fail/{name}")).await;
        assert_eq!(response.status().as_u16(), status, "{name}");
        assert_eq!(response.headers()[CONTENT_TYPE], "application/json", "{name}");
        let challenges: Vec<_> = response.headers().get_all(WWW_AUTHENTICATE).iter().collect();
        assert_eq!(challenges.len(), 1, "{name}");
        assert_challenge(challenges[0].to_str().expect("visible ASCII"), &params);
        let error = params.iter().find(|p| p.0 == "error").map(|p| p.1);
        assert_jsonrpc_body(&body, -32001, error);
    }
}

#[auth_error(realm = "mcp", resource_metadata = "https://mcp.example.com/.well-known/oauth-protected-resource/mcp")]
fn reject_without_challenge(reason: &str) -> Response {
    if reason.is_empty() {
        return (StatusCode::BAD_REQUEST, [("x-reason", "empty")]).into_response();
    }
    (StatusCode::UNAUTHORIZED, axum::Json(serde_json::json!({ "error": "unauthorized" }))).into_response()
}

#[auth_error(realm = "mcp")]
async fn reject_with_own_challenge() -> impl IntoResponse {
    (StatusCode::FORBIDDEN, [(WWW_AUTHENTICATE, "Bearer error=\"insufficient_scope\", scope=\"a\"")], "no")
}

#[tokio::test]
async fn fn_form_adds_the_challenge_when_missing() {
    let app = Router::new()
        .route("/a", get(|| async { reject_without_challenge("bad") }))
        .route("/b", get(|| async { reject_without_challenge("") }))
        .route("/c", get(reject_with_own_challenge));
    let (response, body) = call(app.clone(), "/a").await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    let header = response.headers()[WWW_AUTHENTICATE].to_str().expect("ASCII");
    assert_challenge(header, &[("realm", "mcp"), ("resource_metadata", PRM)]);
    assert_eq!(body, br#"{"error":"unauthorized"}"#);

    // An early `return` is wrapped as well.
    let (response, _) = call(app.clone(), "/b").await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert_eq!(response.headers()["x-reason"], "empty");
    assert_challenge(
        response.headers()[WWW_AUTHENTICATE].to_str().expect("ASCII"),
        &[("realm", "mcp"), ("resource_metadata", PRM)],
    );

    // A challenge set by the function is kept as it is.
    let (response, _) = call(app, "/c").await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let all: Vec<_> = response.headers().get_all(WWW_AUTHENTICATE).iter().collect();
    assert_eq!(all, ["Bearer error=\"insufficient_scope\", scope=\"a\""]);
}

#[tokio::test]
async fn hand_written_impl_cannot_send_200() {
    struct Sloppy;
    impl auth_error::AuthError for Sloppy {
        fn status(&self) -> u16 {
            200
        }
        fn www_authenticate(&self) -> &'static str {
            "Bearer"
        }
        fn body(&self) -> String {
            "{}".to_owned()
        }
    }
    let response = auth_error::axum::into_response(&Sloppy);
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert_challenge(response.headers()[WWW_AUTHENTICATE].to_str().expect("ASCII"), &[("realm", "auth")]);
}
