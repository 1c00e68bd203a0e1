//! Generated responses served by a real actix-web app.
#![cfg(feature = "actix-web")]

mod common;

use actix_web::http::header::{CONTENT_TYPE, WWW_AUTHENTICATE};
use actix_web::{test, web, App, HttpResponse, ResponseError};
use common::{assert_challenge, assert_jsonrpc_body, cases, failure};

async fn handler(name: web::Path<String>) -> Result<HttpResponse, common::AuthFailure> {
    Err(failure(&name))
}

#[actix_web::test]
async fn every_variant_through_an_app() {
    let app = test::init_service(App::new().route("/fail/{name}", web::get().to(handler))).await;
    for (name, variant, status, params) in cases() {
        assert_eq!(variant.status_code().as_u16(), status, "{name}");
        let request = test::TestRequest::get().uri(&format!("/fail/{name}")).to_request();
        let response = test::call_service(&app, request).await;
        assert_eq!(response.status().as_u16(), status, "{name}");
        assert_eq!(response.headers().get(CONTENT_TYPE).expect("content-type"), "application/json", "{name}");
        let challenges: Vec<_> = response.headers().get_all(WWW_AUTHENTICATE).collect();
        assert_eq!(challenges.len(), 1, "{name}");
        assert_challenge(challenges[0].to_str().expect("visible ASCII"), &params);
        let body = test::read_body(response).await;
        let error = params.iter().find(|p| p.0 == "error").map(|p| p.1);
        assert_jsonrpc_body(&body, -32001, error);
    }
}
