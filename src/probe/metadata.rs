//! RFC 9728 Protected Resource Metadata: where a client looks for it, and what it must find.

use super::http::Exchange;
use serde_json::Value;
use ureq::http::Uri;

/// The URLs a client tries when the challenge has no `resource_metadata` (RFC 9728 §3.1, MCP
/// 2025-11-25 §4.2): the well-known segment inserted between the host and the endpoint's path
/// first, then the root one. One URL when the endpoint is the root itself.
pub fn well_known_urls(endpoint: &Uri) -> Vec<(&'static str, String)> {
    let scheme = endpoint.scheme_str().unwrap_or("https");
    let authority = endpoint.authority().map_or("", |a| a.as_str());
    let root = format!("{scheme}://{authority}/.well-known/oauth-protected-resource");
    // RFC 9728 §3.1: a terminating slash of the path is removed before insertion.
    let path = endpoint.path().trim_end_matches('/');
    let mut urls = Vec::new();
    if !path.is_empty() {
        urls.push(("well-known-path", format!("{root}{path}")));
    }
    urls.push(("well-known-root", root));
    urls
}

/// What is wrong with a metadata document that answered 200; `None` when it is good.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DocProblem {
    /// Not `application/json`, or not a JSON object (`probe-metadata-invalid`).
    Invalid(String),
    /// `resource` missing or not the probed URL (`probe-metadata-resource-mismatch`).
    ResourceMismatch(String),
    /// `authorization_servers` missing or empty (`probe-metadata-no-auth-servers`).
    NoAuthorizationServers(String),
}

/// Check a 200 answer against RFC 9728 §3.2 (200, `application/json`, a JSON object), §3.3
/// (`resource` equal to the URL the client called) and MCP's non-empty
/// `authorization_servers`. Every problem is returned, since each has its own fix.
pub fn check_document(ex: &Exchange, probed_url: &str) -> Vec<DocProblem> {
    let content_type = ex.header("content-type").unwrap_or("");
    let media = content_type.split(';').next().unwrap_or("").trim();
    if !media.eq_ignore_ascii_case("application/json") {
        let shown = if content_type.is_empty() { "no Content-Type".to_string() } else { format!("`{content_type}`") };
        return vec![DocProblem::Invalid(format!("the metadata is served with {shown}, not `application/json`"))];
    }
    let doc: Value = match serde_json::from_str(&ex.body) {
        Ok(v @ Value::Object(_)) => v,
        Ok(_) => return vec![DocProblem::Invalid("the metadata is JSON but not a JSON object".to_string())],
        Err(e) => return vec![DocProblem::Invalid(format!("the metadata is not valid JSON: {e}"))],
    };
    let mut problems = Vec::new();
    match doc.get("resource") {
        Some(Value::String(r)) if r == probed_url => {}
        Some(Value::String(r)) => problems.push(DocProblem::ResourceMismatch(format!(
            "the metadata's `resource` is `{r}`, not the probed URL `{probed_url}`: clients discard it (RFC 9728 §3.3)"
        ))),
        Some(_) => problems.push(DocProblem::ResourceMismatch("the metadata's `resource` is not a string".to_string())),
        None => problems
            .push(DocProblem::ResourceMismatch("the metadata has no `resource` (REQUIRED, RFC 9728 §2)".to_string())),
    }
    let servers = doc.get("authorization_servers").and_then(Value::as_array);
    let named = servers.is_some_and(|a| !a.is_empty() && a.iter().all(|s| s.as_str().is_some_and(|s| !s.is_empty())));
    if !named {
        let what = match servers {
            None => "has no `authorization_servers`",
            Some(a) if a.is_empty() => "has an empty `authorization_servers`",
            Some(_) => "has `authorization_servers` entries that are not URLs",
        };
        problems.push(DocProblem::NoAuthorizationServers(format!(
            "the metadata {what}: an MCP client cannot tell which authorization server to log in with"
        )));
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ex(content_type: &str, body: &str) -> Exchange {
        Exchange {
            status: 200,
            headers: vec![("content-type".into(), content_type.into())],
            body: body.into(),
            final_url: String::new(),
            redirects: Vec::new(),
        }
    }

    #[test]
    fn well_known_urls_insert_the_path_first() {
        let uri: Uri = "http://127.0.0.1:9/mcp/".parse().unwrap();
        let urls: Vec<String> = well_known_urls(&uri).into_iter().map(|(_, u)| u).collect();
        assert_eq!(
            urls,
            [
                "http://127.0.0.1:9/.well-known/oauth-protected-resource/mcp",
                "http://127.0.0.1:9/.well-known/oauth-protected-resource"
            ]
        );
        let root: Uri = "https://h.example/".parse().unwrap();
        assert_eq!(well_known_urls(&root).len(), 1);
    }

    #[test]
    fn a_good_document_has_no_problem() {
        let body = r#"{"resource":"https://h/mcp","authorization_servers":["https://as"]}"#;
        assert!(check_document(&ex("application/json; charset=utf-8", body), "https://h/mcp").is_empty());
    }

    #[test]
    fn each_defect_is_named() {
        assert!(matches!(check_document(&ex("text/plain", "{}"), "u")[..], [DocProblem::Invalid(_)]));
        assert!(matches!(check_document(&ex("application/json", "[]"), "u")[..], [DocProblem::Invalid(_)]));
        let p = check_document(&ex("application/json", r#"{"resource":"https://h","authorization_servers":[]}"#), "u");
        assert!(matches!(p[..], [DocProblem::ResourceMismatch(_), DocProblem::NoAuthorizationServers(_)]));
    }
}
