//! `auth-status-500`: an auth failure answered with a 5xx, explicitly or through a default.

use super::Rule;
use crate::report::Level;

pub static RULE: Rule = Rule {
    id: "auth-status-500",
    default_level: Level::Deny,
    summary: "auth failure answered with a 5xx, explicitly or through a default error conversion",
    why: "A 500 says the server broke, not that the credentials are wrong, so no client starts \
          OAuth or refreshes its token: rmcp's client treats a 401 as AuthRequired only when \
          WWW-Authenticate is present, claude.ai's connector re-authenticates only on 401 + \
          WWW-Authenticate, and a client that retries 5xx just repeats the failing request. \
          Seed 001: mcp-proxy answered every error from createServer with 500 \"Error creating \
          server\" unless its text held a keyword, so a missing Authorization header gave 500.",
    bad: r#"struct AppError(anyhow::Error);

impl<E: Into<anyhow::Error>> From<E> for AppError {
    fn from(e: E) -> Self { AppError(e.into()) }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response { StatusCode::INTERNAL_SERVER_ERROR.into_response() }
}

async fn whoami(State(keys): State<Keys>, headers: HeaderMap) -> Result<Json<Claims>, AppError> {
    let token = bearer(&headers).ok_or_else(|| anyhow!("missing token"))?; // 500
    let data = decode::<Claims>(token, &keys.decoding, &VALIDATION)?; // expired token: 500
    Ok(Json(data.claims))
}"#,
    good: r#"enum AppError { Unauthorized, Internal(anyhow::Error) }

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        match self {
            AppError::Unauthorized => (StatusCode::UNAUTHORIZED, [(header::WWW_AUTHENTICATE, CHALLENGE)]).into_response(),
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
        }
    }
}

async fn whoami(State(keys): State<Keys>, headers: HeaderMap) -> Result<Json<Claims>, AppError> {
    let token = bearer(&headers).ok_or(AppError::Unauthorized)?;
    let data = decode::<Claims>(token, &keys.decoding, &VALIDATION).map_err(|_| AppError::Unauthorized)?;
    Ok(Json(data.claims))
}"#,
    fix: "Give auth failures their own error variant and map it to \
          `(StatusCode::UNAUTHORIZED, [(header::WWW_AUTHENTICATE, CHALLENGE)])`; convert token \
          errors with `.map_err(|_| AppError::Unauthorized)?` instead of letting `?` reach a \
          catch-all `From<E>` that answers 500. In actix-web override \
          `ResponseError::status_code` (and `error_response`, adding the header) instead of \
          leaving the default 500; in warp handle the custom rejection in `recover`; an rmcp \
          service factory must not return `Err(io::Error)` for auth (500), put the check in a \
          layer in front of `StreamableHttpService`.",
    sources: &[
        "RFC 9110 section 15.6.1",
        "RFC 6750 section 3.1",
        "spec-rules.md section 1.1 auth-failure-returns-5xx",
        "framework-catalog.md section 2.4 T-AX-4",
        "framework-catalog.md section 15 traps 4, 5, 9, 10",
        "seed 001 (mcp-proxy keyword fallback to 500)",
    ],
    security_severity: "7.5",
    detects: true,
};

use super::Cx;
use crate::report::Finding;

pub fn check(cx: &Cx, out: &mut Vec<Finding>) {
    for s in &cx.sites {
        // 502-504 name an upstream (store, identity provider) that failed: that is the right
        // answer when credentials could not be judged (seed 000, todo 084).
        if !s.evidence.is_auth() || !(500..600).contains(&s.resp.status) || (502..=504).contains(&s.resp.status) {
            continue;
        }
        let message = format!(
            "auth failure answered with HTTP {}: clients treat it as a server fault and retry or give up instead of re-authenticating",
            s.resp.status
        );
        let help = format!("map credential failures to 401 with a `WWW-Authenticate: Bearer` challenge (403 `insufficient_scope` for missing scopes); keep 5xx for failures of the server itself; {}", super::MACRO_HELP);
        out.push(cx.finding(&RULE, s.loc, message, help, &s.resp.causes, &s.anchor));
    }
}
