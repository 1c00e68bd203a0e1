//! `auth-backend-error-as-401`: a credential-store or identity-provider failure answered as 401.

use super::Rule;
use crate::report::Level;

pub static RULE: Rule = Rule {
    id: "auth-backend-error-as-401",
    default_level: Level::Warn,
    summary: "failure of the credential store or identity provider (I/O, Redis, DB, HTTP) \
              answered as 401 instead of 503/500",
    why: "A 401 tells the client its credentials are bad, so during a Redis, database or JWKS \
          outage every client throws away a valid token and restarts OAuth; a client that cannot \
          re-authorize on its own (claude.ai's connector, a client_credentials agent) loops or \
          gives up. A 503 with Retry-After tells it to wait and retry with the same token. \
          Seed 000 made its token lookup throw on Redis errors and answered them with 503 + \
          `Retry-After: 5` instead of 401 (todo 084).",
    bad: r#"async fn require_token(State(st): State<AppState>, req: Request, next: Next) -> Response {
    let Some(token) = bearer(req.headers()) else { return unauthorized() };
    let mut conn = st.redis.clone();
    // An outage reads as "no such token": every client is told to log in again.
    let key: Option<String> = conn.get(token_key(token)).await.unwrap_or(None);
    match key {
        Some(_) => next.run(req).await,
        None => unauthorized(),
    }
}"#,
    good: r#"async fn require_token(State(st): State<AppState>, req: Request, next: Next) -> Response {
    let Some(token) = bearer(req.headers()) else { return unauthorized() };
    let mut conn = st.redis.clone();
    let key: Option<String> = match conn.get(token_key(token)).await {
        Ok(key) => key,
        Err(e) => {
            tracing::error!("token store unavailable: {e}");
            return (StatusCode::SERVICE_UNAVAILABLE, [(header::RETRY_AFTER, "5")]).into_response();
        }
    };
    match key {
        Some(_) => next.run(req).await,
        None => unauthorized(),
    }
}"#,
    fix: "Keep \"the backend failed\" apart from \"the credential is wrong\": let the lookup \
          return `Result<Option<_>, E>`, map `Err` to \
          `(StatusCode::SERVICE_UNAVAILABLE, [(header::RETRY_AFTER, \"5\")])` (or 500) and log \
          the error; only `Ok(None)` or a failed verification becomes 401 with WWW-Authenticate. \
          Do not flatten the lookup with `unwrap_or(None)`, `.ok().flatten()` or a catch-all \
          `map_err(|_| AuthError::Unauthorized)`.",
    sources: &[
        "RFC 9110 section 15.6.4",
        "RFC 9110 section 10.2.3",
        "spec-rules.md section 1.1 auth-infra-failure-as-401",
        "spec-rules.md section 3 (token validation infrastructure down)",
        "seed 000 (todo 084)",
    ],
    security_severity: "4.5",
    detects: true,
};

use super::Cx;
use crate::model::Cause;
use crate::report::Finding;

/// Reported at the 401, with the lookup whose failure reaches it. The lookup is an awaited call
/// whose verb is a lookup (`get`, `fetch_optional`, `query`, `send`, `introspect`, ...) on a
/// credential; its failure reaches the 401 through an `Err` arm, the other side of an `Ok(..)`
/// pattern, `map_err`, or a fold (`.ok()`, `.unwrap_or(None)`, `.unwrap_or(false)`).
pub fn check(cx: &Cx, out: &mut Vec<Finding>) {
    for s in &cx.sites {
        let Some(lookup) = s.backend else { continue };
        if s.resp.status != 401 {
            continue;
        }
        let message = "a failed credential lookup (store, cache or identity provider unreachable) is answered 401: \
                       every client is told its valid token is bad and restarts OAuth during the outage"
            .to_string();
        let help = "answer the lookup's error with `(StatusCode::SERVICE_UNAVAILABLE, [(header::RETRY_AFTER, \"5\")])` \
                    (or 500) after logging it, e.g. `Err(e) => { tracing::error!(\"token store: {e}\"); return \
                    (StatusCode::SERVICE_UNAVAILABLE, [(header::RETRY_AFTER, \"5\")]).into_response(); }`; keep 401 \
                    for `Ok(None)` and failed verification, and do not fold the error with `.ok()` or `unwrap_or(None)`"
            .to_string();
        let mut causes = s.resp.causes.clone();
        causes.push(Cause { loc: Some(lookup), message: "the credential lookup whose failure ends here".to_string() });
        out.push(cx.finding(&RULE, s.loc, message, help, &causes, &s.anchor));
    }
}
