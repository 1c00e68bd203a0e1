//! `cargo mcp-lint probe URL`: ask a running MCP server what an MCP client asks, and judge the
//! answers by the rules the static lint applies to source (research/spec-rules.md).
//!
//! Static analysis cannot see framework defaults, reverse proxies or configuration; the probe
//! sees what a client gets. The official conformance suite has no server-side auth checks
//! (spec-rules.md §5), so this is the only outside check of a server's auth responses.
//!
//! The plan is fixed (≤ 9 endpoint requests, ≤ 2 metadata fetches, ≤ 3 redirects each): no
//! crawling, no retries. No token is ever sent except the one given with `--token`, and that
//! one only to the probed origin (http.rs drops `Authorization` on a redirect elsewhere).

pub mod http;
pub mod metadata;

use crate::challenge::{self, ProblemKind};
use crate::report::{FileError, Finding, Location, ProbeRequest, ProbeSite};
use crate::rules::probe_rules as r;
use crate::rules::Rule;
use http::{Client, Exchange, Origin, Req};
use std::time::Duration;

/// The MCP revision whose headers the probe sends (the first with `MCP-Protocol-Version` and
/// RFC 9728 discovery).
pub const PROTOCOL_VERSION: &str = "2025-06-18";

/// The Bearer token of the `invalid-token` request: obviously not a real token.
pub const INVALID_TOKEN: &str = "mcp-lint-probe-invalid-token";

/// The `Origin` of the `cors` request: a browser client on another site.
pub const FOREIGN_ORIGIN: &str = "https://mcp-lint-probe.invalid";

/// What to probe.
#[derive(Debug, Clone)]
pub struct Options {
    /// The MCP endpoint, as clients call it (the metadata's `resource` must equal it).
    pub url: String,
    /// A token the server accepts (enables the `valid-token` and `lowercase-bearer` requests).
    pub token: Option<String>,
    /// Per-request time limit.
    pub timeout: Duration,
}

/// The result of a probe.
#[derive(Debug, Default)]
pub struct Outcome {
    /// In plan order (the order requests were sent), which is deterministic.
    pub findings: Vec<Finding>,
    /// Requests that got no answer, and a `--token` the server refused.
    pub errors: Vec<FileError>,
    /// HTTP requests sent (redirect hops included).
    pub requests: usize,
}

/// What the server should answer to a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expect {
    /// No credentials (none, or another scheme): 401 + Bearer challenge without `error`.
    NoCredentials,
    /// A Bearer token the server cannot know: 401 + `error="invalid_token"`.
    RejectedToken,
    /// An `Authorization` value without a token: 400 `invalid_request` (or 401 `invalid_token`,
    /// which RFC 6750 §3.1 also allows for a malformed token).
    Malformed,
    /// The valid `--token`: anything but an auth failure.
    Accepted,
    /// Only the CORS headers of the answer are judged.
    CorsOnly,
}

/// How a request authenticates.
#[derive(Debug, Clone, Copy)]
enum Auth {
    None,
    /// A fixed value that is not a credential anyone issued.
    Fixed(&'static str),
    /// `<scheme> <--token>`.
    Token(&'static str),
}

/// One request of the plan.
struct Step {
    name: &'static str,
    method: &'static str,
    auth: Auth,
    expect: Expect,
    /// Sent with an `Origin` of another site.
    cross_origin: bool,
}

/// The plan, in the order it is sent. The `valid-token` and `lowercase-bearer` steps need
/// `--token`; `valid-token` comes first so that a refused `bearer` is known to be about the
/// scheme's case, not the token.
fn plan(with_token: bool) -> Vec<Step> {
    let step = |name, method, auth, expect| Step { name, method, auth, expect, cross_origin: false };
    let mut steps = vec![
        step("no-credentials", "POST", Auth::None, Expect::NoCredentials),
        step("invalid-token", "POST", Auth::Fixed("Bearer mcp-lint-probe-invalid-token"), Expect::RejectedToken),
        step("malformed-authorization", "POST", Auth::Fixed("Bearer"), Expect::Malformed),
        // `mcp-lint:probe` in Basic: another scheme counts as no credentials (RFC 6750 §3.1).
        step("basic-scheme", "POST", Auth::Fixed("Basic bWNwLWxpbnQ6cHJvYmU="), Expect::NoCredentials),
        step("get-no-credentials", "GET", Auth::None, Expect::NoCredentials),
        step("delete-no-credentials", "DELETE", Auth::None, Expect::NoCredentials),
        Step { name: "cors", method: "POST", auth: Auth::None, expect: Expect::CorsOnly, cross_origin: true },
    ];
    if with_token {
        steps.push(step("valid-token", "POST", Auth::Token("Bearer"), Expect::Accepted));
        steps.push(step("lowercase-bearer", "POST", Auth::Token("bearer"), Expect::Accepted));
    }
    steps
}

/// The JSON-RPC `initialize` request an MCP client sends first.
fn initialize_body() -> Vec<u8> {
    serde_json::json!({
        "jsonrpc": "2.0",
        "id": 1,
        "method": "initialize",
        "params": {
            "protocolVersion": PROTOCOL_VERSION,
            "capabilities": {},
            "clientInfo": { "name": "cargo-mcp-lint-probe", "version": env!("CARGO_PKG_VERSION") }
        }
    })
    .to_string()
    .into_bytes()
}

/// The HTTP request of a step (Streamable HTTP: POST with both Accept types, GET for the SSE
/// stream, DELETE to end a session; GET and DELETE name a made-up session so that a server
/// does not refuse them for a missing session id before it checks auth).
fn request(step: &Step, opts: &Options) -> Req {
    let mut headers = vec![("MCP-Protocol-Version", PROTOCOL_VERSION.to_string())];
    let mut body = None;
    match step.method {
        "POST" => {
            headers.push(("Content-Type", "application/json".to_string()));
            headers.push(("Accept", "application/json, text/event-stream".to_string()));
            body = Some(initialize_body());
        }
        "GET" => {
            headers.push(("Accept", "text/event-stream".to_string()));
            headers.push(("Mcp-Session-Id", "mcp-lint-probe".to_string()));
        }
        _ => headers.push(("Mcp-Session-Id", "mcp-lint-probe".to_string())),
    }
    if step.cross_origin {
        headers.push(("Origin", FOREIGN_ORIGIN.to_string()));
    }
    let authorization = match step.auth {
        Auth::None => None,
        Auth::Fixed(v) => Some(v.to_string()),
        Auth::Token(scheme) => opts.token.as_ref().map(|t| format!("{scheme} {t}")),
    };
    Req { method: step.method, url: opts.url.clone(), headers, authorization, body }
}

/// Run the plan against `opts.url`. `Err` when the server cannot be reached at all (the
/// first request gets no answer), or the URL is not an http(s) URL.
pub fn run(opts: &Options) -> Result<Outcome, String> {
    let uri = http::parse_url(&opts.url)?;
    let origin = Origin::of(&uri).ok_or_else(|| format!("`{}` has no http(s) origin", opts.url))?;
    let mut client = Client::new(origin, opts.timeout);
    let mut out = Outcome::default();
    let mut resource_metadata: Option<String> = None;
    let mut token_accepted = false;

    for (i, step) in plan(opts.token.is_some()).iter().enumerate() {
        let ex = match client.send(&request(step, opts)) {
            Ok(ex) => ex,
            Err(e) if i == 0 => return Err(format!("cannot reach {}: {e}", opts.url)),
            Err(e) => {
                out.errors.push(error(&opts.url, format!("{} ({}): {e}", step.method, step.name)));
                continue;
            }
        };
        let s = site(&opts.url, step.method, step.name, Some(ex.status));
        match step.expect {
            Expect::CorsOnly => judge_cors(&ex, &s, &mut out.findings),
            Expect::Accepted if step.name == "valid-token" => {
                token_accepted = !is_auth_failure(ex.status);
                if !token_accepted {
                    out.errors.push(error(
                        &opts.url,
                        format!(
                            "the --token was refused (`Authorization: Bearer <token>` got {}), so `lowercase-bearer` is not judged",
                            ex.status
                        ),
                    ));
                }
            }
            Expect::Accepted => {
                if token_accepted && is_auth_failure(ex.status) {
                    out.findings.push(finding(
                        &r::BEARER_SCHEME_CASE_SENSITIVE,
                        &s,
                        format!(
                            "the valid token is accepted as `Bearer <token>` but refused with {} as `bearer <token>`: the scheme is matched case-sensitively",
                            ex.status
                        ),
                        "compare the scheme with `eq_ignore_ascii_case(\"Bearer\")` (RFC 9110 §11.1)",
                    ));
                }
            }
            expect => {
                if let Some(url) = judge_failure(step, expect, &ex, &s, &mut out.findings) {
                    resource_metadata.get_or_insert(url);
                }
            }
        }
    }
    check_metadata(&mut client, opts, &uri, resource_metadata, &mut out);
    out.requests = client.hops();
    Ok(out)
}

/// Statuses that mean "not authenticated / not allowed".
fn is_auth_failure(status: u16) -> bool {
    matches!(status, 400 | 401 | 403)
}

/// Judge the answer to a request that must fail auth. Returns the challenge's
/// `resource_metadata` when there is one.
fn judge_failure(step: &Step, expect: Expect, ex: &Exchange, s: &ProbeSite, out: &mut Vec<Finding>) -> Option<String> {
    let status = ex.status;
    let via = redirect_note(ex);
    // GET (SSE stream) and DELETE (end session) are optional in Streamable HTTP: 405 says "not
    // offered" and reveals nothing.
    if status == 405 && step.method != "POST" {
        return None;
    }
    let what = match expect {
        Expect::NoCredentials if step.auth_is_basic() => "a request with Basic credentials".to_string(),
        Expect::NoCredentials => "a request without credentials".to_string(),
        Expect::RejectedToken => "an invalid Bearer token".to_string(),
        _ => "a malformed `Authorization: Bearer` (no token)".to_string(),
    };
    let ok_status = status == 401 || (expect == Expect::Malformed && status == 400);
    if !ok_status {
        out.push(status_finding(status, &what, ex, s, &via));
        return None;
    }
    let values = ex.header_all("www-authenticate");
    if values.is_empty() {
        let message = if status == 401 {
            format!("{what} got 401{via} without a WWW-Authenticate header: clients (rmcp, claude.ai) start OAuth only on 401 + a Bearer challenge")
        } else {
            format!("{what} got 400{via} without a WWW-Authenticate header (RFC 6750 §3 requires a Bearer challenge with error=\"invalid_request\")")
        };
        out.push(finding(
            &r::MISSING_WWW_AUTHENTICATE,
            s,
            message,
            "add `WWW-Authenticate: Bearer resource_metadata=\"…\"` to every auth failure",
        ));
        return None;
    }
    // Several header lines are one list (RFC 9110 §5.3).
    let joined = values.join(", ");
    let problems = challenge::validate_bearer(&joined);
    if problems.iter().any(|p| p.kind == ProblemKind::NotBearer) {
        out.push(finding(
            &r::PROBE_CHALLENGE_NOT_BEARER,
            s,
            format!("{what} got {status}{via} with `WWW-Authenticate: {joined}`, which offers no Bearer challenge"),
            "answer with a `Bearer` challenge; check that no proxy replaces the server's 401",
        ));
        return None;
    }
    if !problems.is_empty() {
        let why: Vec<String> = problems.iter().map(|p| format!("{} ({})", p.message, p.source)).collect();
        out.push(finding(
            &r::MALFORMED_WWW_AUTHENTICATE,
            s,
            format!("{what} got `WWW-Authenticate: {joined}`: {}", why.join("; ")),
            "build the challenge with the auth-error crate (`#[auth_error]`), which checks it at compile time",
        ));
    }
    // Params of the first Bearer challenge; a syntax error leaves nothing to read.
    let params = challenge::parse(&joined)
        .ok()
        .and_then(|cs| cs.into_iter().find(|c| c.scheme.eq_ignore_ascii_case("bearer")))
        .map(|c| c.params)
        .unwrap_or_default();
    let param = |name: &str| params.iter().find(|p| p.name.eq_ignore_ascii_case(name)).map(|p| p.value.clone());
    judge_error_code(expect, status, param("error"), &what, s, out);
    let rm = param("resource_metadata");
    if rm.is_none() && status == 401 && challenge::parse(&joined).is_ok() {
        out.push(finding(
            &r::MISSING_RESOURCE_METADATA,
            s,
            format!("{what} got a 401 Bearer challenge without `resource_metadata`"),
            "add `resource_metadata=\"<URL of the RFC 9728 metadata>\"` to the challenge (MCP 2025-06-18 §2.3.1)",
        ));
    }
    rm
}

impl Step {
    fn auth_is_basic(&self) -> bool {
        matches!(self.auth, Auth::Fixed(v) if v.starts_with("Basic"))
    }
}

/// The finding for a status where 401 (or 400) was due.
fn status_finding(status: u16, what: &str, ex: &Exchange, s: &ProbeSite, via: &str) -> Finding {
    let (rule, message) = if (200..300).contains(&status) {
        let body = match jsonrpc_error_code(&ex.body) {
            Some(code) => format!(" with a JSON-RPC error (code {code}) in the body"),
            // A success without any error: the endpoint may not check credentials at all.
            None => " (is the endpoint protected at all?)".to_string(),
        };
        (
            &r::AUTH_STATUS_200,
            format!("{what} got HTTP {status}{via}{body}: MCP clients start OAuth only on 401, so they never log in"),
        )
    } else if status >= 500 {
        (
            &r::AUTH_STATUS_500,
            format!("{what} got HTTP {status}{via}: a credential problem is the client's, not a server error"),
        )
    } else if status == 400 {
        (
            &r::AUTH_STATUS_OTHER,
            format!("{what} got HTTP 400{via} (as typed-header extractors answer a missing header) where 401 is due"),
        )
    } else {
        (&r::AUTH_STATUS_OTHER, format!("{what} got HTTP {status}{via} where 401 is due"))
    };
    finding(rule, s, message, "answer with 401 and a `WWW-Authenticate: Bearer` challenge")
}

/// The `error` parameter per case (RFC 6750 §3.1).
fn judge_error_code(
    expect: Expect,
    status: u16,
    error: Option<String>,
    what: &str,
    s: &ProbeSite,
    out: &mut Vec<Finding>,
) {
    let wrong = match (expect, error.as_deref()) {
        (Expect::NoCredentials, Some(e)) => Some(format!(
            "{what} got a challenge with `error=\"{e}\"`; without credentials RFC 6750 §3.1 says to send no error code"
        )),
        (Expect::RejectedToken, Some("invalid_token")) => None,
        (Expect::RejectedToken, e) => Some(format!(
            "{what} got a challenge with {} instead of `error=\"invalid_token\"`",
            e.map_or("no `error`".to_string(), |e| format!("`error=\"{e}\"`"))
        )),
        (Expect::Malformed, e) => {
            let due = if status == 400 { "invalid_request" } else { "invalid_token" };
            (e != Some(due)).then(|| {
                format!(
                    "{what} got {status} with {} instead of `error=\"{due}\"`",
                    e.map_or("no `error`".to_string(), |e| format!("`error=\"{e}\"`"))
                )
            })
        }
        _ => None,
    };
    if let Some(message) = wrong {
        out.push(finding(
            &r::PROBE_ERROR_CODE,
            s,
            message,
            "no `error` without credentials, `invalid_token` for a refused token, `invalid_request` (400) for an unparsable header",
        ));
    }
}

/// A cross-origin answer with CORS on must expose `WWW-Authenticate`, or browser clients
/// (the MCP Inspector) cannot read the challenge.
fn judge_cors(ex: &Exchange, s: &ProbeSite, out: &mut Vec<Finding>) {
    let cors_on = ex.header("access-control-allow-origin").is_some();
    if !cors_on || ex.header("www-authenticate").is_none() {
        return;
    }
    let exposed = ex
        .header_all("access-control-expose-headers")
        .iter()
        .flat_map(|v| v.split(','))
        .any(|h| h.trim().eq_ignore_ascii_case("www-authenticate") || h.trim() == "*");
    if !exposed {
        out.push(finding(
            &r::CORS_HIDES_WWW_AUTHENTICATE,
            s,
            format!(
                "a cross-origin request got {} with CORS headers, but `Access-Control-Expose-Headers` does not name WWW-Authenticate: browser clients cannot read the challenge",
                ex.status
            ),
            "add WWW-Authenticate to the CORS layer's exposed headers",
        ));
    }
}

/// Fetch and judge the RFC 9728 metadata: the challenge's `resource_metadata` when there is
/// one (that is what clients follow), otherwise the path-inserted well-known URL, then the
/// root one. Never with a token: clients fetch it before they have one.
fn check_metadata(
    client: &mut Client,
    opts: &Options,
    endpoint: &ureq::http::Uri,
    from_challenge: Option<String>,
    out: &mut Outcome,
) {
    let candidates: Vec<(&'static str, String)> = match from_challenge {
        Some(url) => vec![("resource-metadata", url)],
        None => metadata::well_known_urls(endpoint),
    };
    let mut tried: Vec<(ProbeSite, String)> = Vec::new();
    for (name, url) in candidates {
        let req = Req {
            method: "GET",
            url: url.clone(),
            headers: vec![("Accept", "application/json".to_string())],
            authorization: None,
            body: None,
        };
        let ex = match client.send(&req) {
            Ok(ex) => ex,
            Err(e) => {
                tried.push((site(&url, "GET", name, None), format!("no answer ({e})")));
                continue;
            }
        };
        let s = site(&url, "GET", name, Some(ex.status));
        if ex.status != 200 {
            tried.push((s, format!("{}{}", ex.status, redirect_note(&ex))));
            continue;
        }
        for p in metadata::check_document(&ex, &opts.url) {
            let (rule, message, help) = match p {
                metadata::DocProblem::Invalid(m) => {
                    (&r::PROBE_METADATA_INVALID, m, "serve the metadata as 200 `application/json` (axum: `Json(..)`)")
                }
                metadata::DocProblem::ResourceMismatch(m) => {
                    (&r::PROBE_METADATA_RESOURCE_MISMATCH, m, "set `resource` to the exact URL clients call")
                }
                metadata::DocProblem::NoAuthorizationServers(m) => (
                    &r::PROBE_METADATA_NO_AUTH_SERVERS,
                    m,
                    "list the authorization server's issuer URL in `authorization_servers`",
                ),
            };
            out.findings.push(finding(rule, &s, message, help));
        }
        return;
    }
    // Nothing answered 200.
    let Some((last, _)) = tried.last() else { return };
    let summary: Vec<String> = tried.iter().map(|(s, st)| format!("{} -> {st}", s.url)).collect();
    let guarded = tried.iter().find(|(s, _)| matches!(s.status, Some(401 | 403)));
    let f = match guarded {
        Some((s, _)) => finding(
            &r::PROBE_METADATA_REQUIRES_TOKEN,
            s,
            format!(
                "the protected resource metadata answers {} without a token ({})",
                s.status.unwrap_or(0),
                summary.join(", ")
            ),
            "route the well-known metadata URLs outside the auth middleware",
        ),
        None => finding(
            &r::PROBE_METADATA_MISSING,
            last,
            format!("no protected resource metadata where MCP clients look for it ({})", summary.join(", ")),
            "serve the RFC 9728 document at the path-inserted well-known URL and name it in `resource_metadata`",
        ),
    };
    out.findings.push(f);
}

/// The JSON-RPC `error.code` of a body, if it is one.
fn jsonrpc_error_code(body: &str) -> Option<i64> {
    let v: serde_json::Value = serde_json::from_str(body).ok()?;
    v.get("error")?.get("code")?.as_i64()
}

/// ` (after redirects to …)`, or nothing.
fn redirect_note(ex: &Exchange) -> String {
    if ex.redirects.is_empty() {
        String::new()
    } else {
        format!(" (after redirects to {})", ex.redirects.join(" -> "))
    }
}

fn site(url: &str, method: &'static str, probe: &'static str, status: Option<u16>) -> ProbeSite {
    ProbeSite { url: url.to_string(), request: ProbeRequest { method, probe }, status }
}

fn error(url: &str, message: String) -> FileError {
    FileError { file: url.to_string(), line: None, message }
}

/// A probe finding: `location.file` holds the URL (line 0) for the code that sorts and
/// fingerprints by location; renderers print `probe` instead.
fn finding(rule: &'static Rule, s: &ProbeSite, message: String, help: &str) -> Finding {
    Finding {
        rule: rule.id,
        location: Location { file: s.url.clone(), line: 0, column: 0, end_line: 0, end_column: 0 },
        message,
        help: help.to_string(),
        related: Vec::new(),
        anchor: format!("{} {}", s.request.method, s.request.probe),
        probe: Some(s.clone()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_plan_is_small_and_sends_the_token_only_when_given() {
        assert_eq!(plan(false).len(), 7);
        assert_eq!(plan(true).len(), 9);
        let opts = Options { url: "http://127.0.0.1:1/mcp".into(), token: None, timeout: Duration::from_secs(1) };
        assert!(plan(false).iter().all(|s| !request(s, &opts).authorization.unwrap_or_default().contains("secret")));
        let with = Options { token: Some("secret".into()), ..opts };
        let sent: Vec<String> = plan(true).iter().filter_map(|s| request(s, &with).authorization).collect();
        assert_eq!(sent.iter().filter(|a| a.contains("secret")).count(), 2);
    }

    #[test]
    fn reads_jsonrpc_error_codes() {
        assert_eq!(
            jsonrpc_error_code(r#"{"jsonrpc":"2.0","id":1,"error":{"code":-32001,"message":"x"}}"#),
            Some(-32001)
        );
        assert_eq!(jsonrpc_error_code("nope"), None);
    }
}
