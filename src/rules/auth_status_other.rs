//! `auth-status-other`: an auth failure answered with 400, 404, a redirect or another wrong status.

use super::Rule;
use crate::report::Level;

pub static RULE: Rule = Rule {
    id: "auth-status-other",
    default_level: Level::Deny,
    summary: "auth failure answered with a status other than 401 where 401 is due (400 for a \
              missing header, 404, a redirect to a login page)",
    why: "Clients decide what to do from the status: the TS SDK and rmcp start OAuth only on a \
          401, so the 400 that a `TypedHeader<Authorization<Bearer>>` rejection gives for a \
          missing header, or axum's JWT example gives for an expired token, reads as a broken \
          request and is never retried with a new token. On Streamable HTTP a 404 means the \
          session is gone and makes the client re-initialize instead of re-authenticating, and a \
          302 to an HTML login page is useless to an API client. Not flagged: 400 \
          `invalid_request` for a malformed header and 403 for insufficient scope.",
    bad: r#"// A missing header is rejected by the extractor with 400 before the handler runs.
async fn mcp(
    TypedHeader(auth): TypedHeader<Authorization<Bearer>>,
    State(keys): State<Keys>,
    body: Bytes,
) -> Result<Response, (StatusCode, &'static str)> {
    let claims = decode::<Claims>(auth.token(), &keys.decoding, &VALIDATION)
        .map_err(|_| (StatusCode::BAD_REQUEST, "invalid token"))?; // expired: 400
    Ok(serve(claims, body).await)
}"#,
    good: r#"// axum 0.8: a missing header gives `None`, a malformed one still gives 400.
async fn mcp(
    auth: Option<TypedHeader<Authorization<Bearer>>>,
    State(keys): State<Keys>,
    body: Bytes,
) -> Result<Response, Response> {
    let Some(TypedHeader(auth)) = auth else { return Err(unauthorized(CHALLENGE)) };
    let claims = decode::<Claims>(auth.token(), &keys.decoding, &VALIDATION)
        .map_err(|_| unauthorized(INVALID_TOKEN_CHALLENGE))?;
    Ok(serve(claims, body).await)
}

fn unauthorized(challenge: &'static str) -> Response {
    (StatusCode::UNAUTHORIZED, [(header::WWW_AUTHENTICATE, challenge)]).into_response()
}"#,
    fix: "Answer missing, invalid, expired or revoked credentials with \
          `(StatusCode::UNAUTHORIZED, [(header::WWW_AUTHENTICATE, CHALLENGE)])`, adding \
          `error=\"invalid_token\"` to the challenge when a token was sent and rejected. Take the \
          header as `Option<TypedHeader<Authorization<Bearer>>>` (axum 0.8) or read \
          `headers.get(header::AUTHORIZATION)` yourself so a missing header reaches your code, \
          map every `jsonwebtoken::decode` error to 401 (not 400), and never answer auth with \
          404 or a `Redirect` on an API route. Keep 400 `invalid_request` for a malformed header \
          and 403 `insufficient_scope` for missing scopes.",
    sources: &[
        "RFC 6750 section 3.1",
        "RFC 9110 section 15.5.2",
        "MCP authorization 2025-11-25 section 10 (error handling table)",
        "spec-rules.md section 1.1 auth-failure-returns-404, auth-malformed-request-status",
        "framework-catalog.md section 2.4 T-AX-2, T-AX-3",
        "framework-catalog.md section 15 traps 6, 7, 14",
    ],
    security_severity: "7.5",
    detects: true,
};

use super::Cx;
use crate::challenge;
use crate::facts::ir::FailKind;
use crate::model::Site;
use crate::report::Finding;

pub fn check(cx: &Cx, out: &mut Vec<Finding>) {
    for s in &cx.sites {
        if !s.evidence.is_auth() {
            continue;
        }
        let Some(why) = wrong_status(cx, s) else {
            continue;
        };
        let message = format!("auth failure answered with HTTP {}: {why}", s.resp.status);
        let help = format!("answer 401 with a `WWW-Authenticate: Bearer` challenge for missing or rejected credentials; 400 only with error=\"invalid_request\" for a malformed request, 403 only with error=\"insufficient_scope\"; {}", super::MACRO_HELP);
        out.push(cx.finding(&RULE, s.loc, message, help, &s.resp.causes, &s.anchor));
    }
}

/// Why the status is wrong for this failure, or `None` when it is acceptable (RFC 6750 §3.1).
fn wrong_status(cx: &Cx, s: &Site) -> Option<&'static str> {
    let kind = s.evidence.kind;
    let rejects_credentials = matches!(kind, Some(FailKind::Missing | FailKind::Invalid));
    match s.resp.status {
        300..=399 => Some("a redirect sends API clients to a login page instead of the OAuth flow; MCP clients need 401"),
        404 => Some("on Streamable HTTP a 404 means the session is gone, so the client re-initializes instead of re-authenticating"),
        400 if rejects_credentials && !challenge_error_is(cx, s, "invalid_request") => {
            Some("400 is for a malformed request; missing or rejected credentials need 401, which is what makes clients re-authenticate")
        }
        // Checks on an authenticated identity, roles and permissions are `Scope` (authZ), for
        // which 403 is right (RFC 9110 §15.5.4); missing or rejected credentials are not.
        403 if rejects_credentials && !challenge_error_is(cx, s, "insufficient_scope") => {
            Some("403 means the credentials are valid but not enough; missing or rejected credentials need 401")
        }
        402 | 405..=428 | 430..=499 if rejects_credentials => Some("this status is not an auth answer; clients re-authenticate only on 401"),
        _ => None,
    }
}

fn challenge_error_is(cx: &Cx, s: &Site, code: &str) -> bool {
    s.resp.headers.iter().any(|(name, v)| {
        name == crate::frameworks::http::WWW_AUTHENTICATE
            && v.as_ref().and_then(|(val, f)| cx.model.str_of(val, *f)).is_some_and(|(text, _, _)| {
                challenge::parse(&text)
                    .ok()
                    .is_some_and(|cs| challenge::bearer_param(&cs, "error").is_some_and(|p| p.value == code))
            })
    })
}
