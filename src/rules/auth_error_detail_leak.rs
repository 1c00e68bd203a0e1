//! `auth-error-detail-leak`: internal error text sent to the client in an auth or 5xx response.

use super::Rule;
use crate::report::Level;

pub static RULE: Rule = Rule {
    id: "auth-error-detail-leak",
    default_level: Level::Warn,
    summary: "internal error text (e.to_string(), {e}, {:?}) sent to the client in an \
              auth-failure response or a 5xx on the auth path",
    why: "Error text from a JWT library, database or HTTP client exposes internals (hostnames \
          and IPs of internal services, SQL, file paths, which validation step failed) and helps \
          an attacker probe the auth path. Clients gain nothing from it: the TS SDK reads a 401 \
          body and throws it away, and error text copied into a WWW-Authenticate \
          `error_description` can also break the header. Seed 000 reverted a catch block that \
          returned `err.message` because it exposed internal service URLs and IPs, and logged \
          the error instead (PR #2418, todos 081/082).",
    bad: r#"impl IntoResponse for AuthError {
    fn into_response(self) -> Response {
        match self {
            AuthError::Jwt(e) => (StatusCode::UNAUTHORIZED, [(header::WWW_AUTHENTICATE, CHALLENGE)], format!("invalid token: {e}")).into_response(),
            AuthError::Store(e) => (StatusCode::INTERNAL_SERVER_ERROR, format!("{e:?}")).into_response(),
        }
    }
}"#,
    good: r#"impl IntoResponse for AuthError {
    fn into_response(self) -> Response {
        match self {
            AuthError::Jwt(e) => {
                tracing::info!("token rejected: {e}");
                (StatusCode::UNAUTHORIZED, [(header::WWW_AUTHENTICATE, CHALLENGE)], "invalid token").into_response()
            }
            AuthError::Store(e) => {
                tracing::error!("credential store: {e:?}");
                (StatusCode::INTERNAL_SERVER_ERROR, "internal error").into_response()
            }
        }
    }
}"#,
    fix: "Log the error server-side (`tracing::error!(\"...: {e:?}\")`) and answer a fixed \
          message (`\"invalid token\"`, `\"internal error\"`), or a JSON-RPC error with a fixed \
          `message`; never put `e.to_string()`, `{e}` or `{e:?}` in the body or in \
          `error_description`. If the client needs to tell failures apart, use the registered \
          `error` codes (`invalid_token`, `insufficient_scope`) or a stable code of your own.",
    sources: &[
        "RFC 6750 section 3 (error_description is for developers, restricted characters)",
        "spec-rules.md section 1.3 auth-header-control-chars",
        "spec-rules.md section 4 (TS SDK client discards the 401 body)",
        "framework-catalog.md section 15 trap 9",
        "seed 000 (PR #2418, todos 081/082)",
    ],
    security_severity: "5.0",
    detects: true,
};

use super::Cx;
use crate::model::{Cause, Site};
use crate::report::Finding;

/// Reported where the error text is made (`e.to_string()`, the `format!` literal), once per
/// place. Error values are what `Err(..)` patterns, `map_err`-style closures and error-named
/// variant fields (`AuthError::Jwt(e)`) bind; numbers and fixed messages are not error text.
pub fn check(cx: &Cx, out: &mut Vec<Finding>) {
    let mut seen = std::collections::HashSet::new();
    for s in &cx.sites {
        let Some(leak) = s.resp.leak else { continue };
        if !in_auth_path(s) || !seen.insert(leak) {
            continue;
        }
        let message = format!(
            "error text sent to the client in an HTTP {} auth response: it exposes internals (hosts, SQL, which check failed) and helps probe the auth path",
            s.resp.status
        );
        let help = "log the error (`tracing::warn!(\"token rejected: {e}\")`) and answer a fixed message \
                    (`\"invalid token\"`, `\"internal error\"`); let the `error` code of the challenge \
                    (`invalid_token`, `insufficient_scope`) tell clients what failed"
            .to_string();
        let causes = [Cause { loc: Some(s.loc), message: format!("the HTTP {} response it ends in", s.resp.status) }];
        // On the same line the response is the finding itself.
        let same_line = s.loc.file == leak.file && s.loc.span.line == leak.span.line;
        let causes = if same_line { &[][..] } else { &causes[..] };
        out.push(cx.finding(&RULE, leak, message, help, causes, &s.anchor));
    }
}

/// An auth failure (by its evidence or its 401/403 status), or a server error on the way to
/// judging credentials (in an auth function, or after a failed credential lookup).
fn in_auth_path(s: &Site) -> bool {
    let status = s.resp.status;
    s.evidence.is_auth()
        || status == 401
        || status == 403
        || ((500..600).contains(&status) && (s.auth_fn || s.backend.is_some()))
}
