//! `missing-resource-metadata`: an MCP server's 401 Bearer challenge without `resource_metadata`.

use super::Rule;
use crate::report::Level;

pub static RULE: Rule = Rule {
    id: "missing-resource-metadata",
    default_level: Level::Warn,
    summary: "in an MCP server, a Bearer challenge on 401 without resource_metadata=\"...\"",
    why: "`resource_metadata` is how an MCP client finds the RFC 9728 Protected Resource \
          Metadata, which names the authorization server to get a token from. MCP 2025-06-18 \
          requires it on every 401; 2025-11-25 and later also accept the document at the \
          well-known URI, but a client that finds neither (an endpoint not at the path-inserted \
          well-known URL, a proxy that rewrites paths) cannot discover where to log in and \
          never starts OAuth. The SDK clients and the MCP Inspector read it from the challenge \
          first.",
    bad: r#"async fn require_token(req: Request, next: Next) -> Response {
    if !authorized(req.headers()).await {
        return (
            StatusCode::UNAUTHORIZED,
            [(header::WWW_AUTHENTICATE, "Bearer realm=\"mcp\"")],
        )
            .into_response();
    }
    next.run(req).await
}"#,
    good: r##"const CHALLENGE: &str = r#"Bearer realm="mcp", resource_metadata="https://mcp.example.com/.well-known/oauth-protected-resource/mcp""#;

async fn require_token(req: Request, next: Next) -> Response {
    if !authorized(req.headers()).await {
        return (StatusCode::UNAUTHORIZED, [(header::WWW_AUTHENTICATE, CHALLENGE)]).into_response();
    }
    next.run(req).await
}

// Served without auth; "resource" must equal "https://mcp.example.com/mcp".
// .route("/.well-known/oauth-protected-resource/mcp", get(protected_resource_metadata))"##,
    fix: "Add `resource_metadata=\"<absolute https URL of the metadata document>\"` to the \
          Bearer challenge, using the RFC 9728 path-inserted URL \
          (`https://host/.well-known/oauth-protected-resource/mcp` for an endpoint at `/mcp`); \
          serve that document without auth, with `resource` equal to the MCP endpoint URL and a \
          non-empty `authorization_servers`; send the same value on 401 and 403 challenges. A \
          server that uses no OAuth (API keys only) can turn the rule off in \
          `[workspace.metadata.mcp-lint.rules]` or suppress one site with \
          `// mcp-lint: allow(missing-resource-metadata) -- <reason>`.",
    sources: &[
        "RFC 9728 section 5.1",
        "RFC 9728 section 3.1",
        "MCP authorization 2025-06-18 section 2.3.1",
        "MCP authorization 2025-11-25 section 4.2",
        "spec-rules.md section 1.2 auth-401-missing-resource-metadata",
        "spec-rules.md section 4 (client discovery sequence)",
    ],
    security_severity: "4.0",
    detects: true,
};

use super::Cx;
use crate::challenge;
use crate::report::Finding;

pub fn check(cx: &Cx, out: &mut Vec<Finding>) {
    for c in &cx.challenges {
        // A server with a static key and no OAuth has no metadata to point at.
        if !c.on_401
            || !cx.model.is_mcp(c.loc.file)
            || !cx.model.is_oauth(c.loc.file)
            || c.text.contains(challenge::HOLE) && !c.text.contains('=')
        {
            continue;
        }
        let Ok(parsed) = challenge::parse(&c.text) else {
            continue;
        };
        let bearer = parsed.iter().any(|ch| ch.scheme.eq_ignore_ascii_case("bearer"));
        if !bearer || challenge::bearer_param(&parsed, "resource_metadata").is_some() {
            continue;
        }
        let message = "Bearer challenge on a 401 without resource_metadata: MCP clients must then guess the protected-resource metadata URL (required by MCP 2025-06-18, RFC 9728 §5.1)".to_string();
        let help =
            "add `resource_metadata=\"https://<host>/.well-known/oauth-protected-resource/<path>\"` to the challenge"
                .to_string();
        out.push(cx.finding(&RULE, c.loc, message, help, &[], &c.text));
    }
}
