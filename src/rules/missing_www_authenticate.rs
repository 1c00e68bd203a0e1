//! `missing-www-authenticate`: a 401 response without a `WWW-Authenticate` challenge.

use super::Rule;
use crate::report::Level;

pub static RULE: Rule = Rule {
    id: "missing-www-authenticate",
    default_level: Level::Deny,
    summary: "401 response without a WWW-Authenticate header",
    why: "Every 401 must carry a challenge (RFC 9110), and MCP clients depend on it: rmcp's \
          client treats a 401 as AuthRequired only when WWW-Authenticate is present (a bare 401 \
          falls through to body parsing and fails), and claude.ai's connector re-authenticates \
          only on 401 + WWW-Authenticate. The challenge is also where the client finds \
          `resource_metadata`, the first step of OAuth discovery. The axum docs idiom \
          `Err(StatusCode::UNAUTHORIZED)`, tower-http's `ValidateRequestHeaderLayer::bearer` and \
          the rmcp auth examples all send such a bare 401; seed 000's fix (todo 076) added the \
          header next to the 401.",
    bad: r#"async fn require_token(
    State(tokens): State<TokenStore>,
    req: Request,
    next: Next,
) -> Result<Response, StatusCode> {
    match bearer(req.headers()) {
        Some(t) if tokens.is_valid(t).await => Ok(next.run(req).await),
        _ => Err(StatusCode::UNAUTHORIZED), // 401 without a challenge
    }
}"#,
    good: r##"const CHALLENGE: &str =
    r#"Bearer resource_metadata="https://mcp.example.com/.well-known/oauth-protected-resource/mcp""#;

async fn require_token(
    State(tokens): State<TokenStore>,
    req: Request,
    next: Next,
) -> Response {
    match bearer(req.headers()) {
        Some(t) if tokens.is_valid(t).await => next.run(req).await,
        _ => (StatusCode::UNAUTHORIZED, [(header::WWW_AUTHENTICATE, CHALLENGE)]).into_response(),
    }
}"##,
    fix: "Send the challenge with the status: \
          `(StatusCode::UNAUTHORIZED, [(header::WWW_AUTHENTICATE, CHALLENGE)])` with \
          `const CHALLENGE: &str = r#\"Bearer resource_metadata=\"https://.../.well-known/oauth-protected-resource/mcp\"\"#;` \
          (add `error=\"invalid_token\"` when a token was sent and rejected). In actix-web use \
          `HttpResponse::Unauthorized().insert_header((header::WWW_AUTHENTICATE, CHALLENGE))`; \
          with `Response::builder()` add `.header(header::WWW_AUTHENTICATE, CHALLENGE)`. Replace \
          `ValidateRequestHeaderLayer::bearer` with a `middleware::from_fn` like the one in the example. \
          Keep the value a literal or const: a dynamic value that fails header validation turns \
          the axum tuple into a 500.",
    sources: &[
        "RFC 9110 section 11.6.1",
        "RFC 9110 section 15.5.2",
        "RFC 6750 section 3",
        "spec-rules.md section 1.2 auth-401-missing-www-authenticate",
        "spec-rules.md section 4 (rmcp client)",
        "framework-catalog.md section 2.4 T-AX-1",
        "framework-catalog.md section 15 traps 2, 3, 8",
        "seed 000 (todo 076)",
    ],
    security_severity: "6.5",
    detects: true,
};

use super::Cx;
use crate::model::Via;
use crate::report::Finding;

pub fn check(cx: &Cx, out: &mut Vec<Finding>) {
    for s in &cx.sites {
        let r = &s.resp;
        // Reported where the 401 is built (a helper or arm reached from here is reported there).
        if r.status != 401 || r.via != Via::Local || r.has_challenge() || r.headers_open {
            continue;
        }
        let message = "401 response without a WWW-Authenticate header: rmcp's client and claude.ai re-authenticate only on 401 + WWW-Authenticate, and RFC 9110 requires the challenge".to_string();
        let help = format!("add the challenge: `(StatusCode::UNAUTHORIZED, [(header::WWW_AUTHENTICATE, r#\"Bearer resource_metadata=\"https://example.com/.well-known/oauth-protected-resource/mcp\"\"#)], body)`; {}", super::MACRO_HELP);
        out.push(cx.finding(&RULE, s.loc, message, help, &r.causes, &s.anchor));
    }
}
