//! `cargo mcp-lint probe` against real axum servers started here on 127.0.0.1: one correct
//! server built with `#[auth_error]`, and one server per defect. Every defect must give exactly
//! the expected (rule, request) findings, and the correct server none.
//!
//! tests/rules_meta.rs requires every rule the probe reports to be named in this file.

use auth_error::{auth_error, AuthError};
use axum::extract::{Request, State};
use axum::http::header::{AUTHORIZATION, HOST, LOCATION, WWW_AUTHENTICATE};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get, post};
use axum::{Json, Router};
use cargo_mcp_lint::probe::{self, Options};
use serde_json::{json, Value};
use std::process::{Command, Output};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The token the test servers accept.
const GOOD_TOKEN: &str = "good-token";

/// `#[auth_error]` needs a literal `resource_metadata`, but a test server's port is known only
/// once it is bound: the challenge names this placeholder origin and [`rewrite_origin`]
/// replaces it with the real one, as a reverse proxy configured with the public URL would.
const PLACEHOLDER_ORIGIN: &str = "http://127.0.0.1:1";

/// Every way a request to `/mcp` can fail auth, as in crates/auth-error/examples/axum_server.rs.
#[auth_error(realm = "mcp", resource_metadata = "http://127.0.0.1:1/.well-known/oauth-protected-resource/mcp")]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum McpAuthError {
    /// No `Authorization` (or another scheme): a challenge without `error`.
    #[auth_error(scope = "tools:call")]
    MissingCredentials,
    /// `Authorization: Bearer` without a token.
    #[auth_error(status = 400, error = "invalid_request", description = "Empty bearer token")]
    Malformed,
    #[auth_error(error = "invalid_token")]
    Invalid,
}

/// The servers: `Correct`, and each one changes one thing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Server {
    Correct,
    /// Auth failures as HTTP 200 with a JSON-RPC -32001 error.
    JsonRpc200,
    /// 401 without `WWW-Authenticate`.
    Bare401,
    /// 500 for auth failures.
    Status500,
    /// axum-extra's `TypedHeader<Authorization<Bearer>>` extractor guards the endpoint: its
    /// rejection (400, no challenge) answers a missing, malformed or non-Bearer header.
    TypedHeader400,
    /// No metadata document at all.
    NoMetadata,
    /// The metadata's `resource` is the origin, not the endpoint.
    ResourceMismatch,
    /// `Bearer` matched case-sensitively.
    CaseSensitive,
    /// CORS exposes `Mcp-Session-Id` only.
    CorsHidden,
    /// `WWW-Authenticate: Basic realm="mcp"`.
    BasicChallenge,
    /// `error="invalid_token"` without credentials (the TS and Python SDKs do this).
    ErrorWithoutCredentials,
    /// `realm=mcp` unquoted.
    MalformedChallenge,
    /// The challenge has no `resource_metadata` (the document is at the well-known URL).
    NoResourceMetadataParam,
    /// The metadata is behind the auth middleware.
    MetadataBehindAuth,
    /// The metadata is served as text/plain.
    MetadataText,
    /// `authorization_servers: []`.
    MetadataNoServers,
}

#[derive(Clone)]
struct St {
    server: Server,
    origin: String,
}

fn authenticate(server: Server, headers: &HeaderMap) -> Result<(), McpAuthError> {
    let Some(value) = headers.get(AUTHORIZATION).and_then(|v| v.to_str().ok()) else {
        return Err(McpAuthError::MissingCredentials);
    };
    let (scheme, token) = value.split_once(' ').unwrap_or((value, ""));
    let is_bearer =
        if server == Server::CaseSensitive { scheme == "Bearer" } else { scheme.eq_ignore_ascii_case("bearer") };
    if !is_bearer {
        return Err(McpAuthError::MissingCredentials);
    }
    match token.trim() {
        "" => Err(McpAuthError::Malformed),
        GOOD_TOKEN => Ok(()),
        _ => Err(McpAuthError::Invalid),
    }
}

/// The real extractor: whatever it rejects is answered by its own rejection.
async fn typed_header_guard(request: Request, next: Next) -> Response {
    use axum::extract::FromRequestParts;
    use axum_extra::headers::{authorization::Bearer, Authorization};
    use axum_extra::TypedHeader;
    let (mut parts, body) = request.into_parts();
    let typed = TypedHeader::<Authorization<Bearer>>::from_request_parts(&mut parts, &()).await;
    let request = Request::from_parts(parts, body);
    match typed {
        Ok(TypedHeader(auth)) if auth.token() == GOOD_TOKEN => next.run(request).await,
        Ok(_) => McpAuthError::Invalid.into_response(),
        Err(rejection) => rejection.into_response(),
    }
}

/// The answer each server gives to an auth failure.
fn reject(st: &St, e: McpAuthError) -> Response {
    let challenge = |value: String| {
        let mut r = e.into_response();
        r.headers_mut().insert(WWW_AUTHENTICATE, HeaderValue::from_str(&value).expect("header value"));
        r
    };
    match st.server {
        Server::JsonRpc200 => {
            Json(json!({"jsonrpc": "2.0", "id": 1, "error": {"code": -32001, "message": "Unauthorized"}})).into_response()
        }
        Server::Bare401 => (StatusCode::UNAUTHORIZED, Json(json!({"error": "unauthorized"}))).into_response(),
        Server::Status500 => (StatusCode::INTERNAL_SERVER_ERROR, "token check failed").into_response(),
        Server::BasicChallenge => (StatusCode::UNAUTHORIZED, [(WWW_AUTHENTICATE, "Basic realm=\"mcp\"")]).into_response(),
        Server::ErrorWithoutCredentials if e == McpAuthError::MissingCredentials => challenge(format!(
            "Bearer error=\"invalid_token\", error_description=\"Missing Authorization header\", resource_metadata=\"{}/.well-known/oauth-protected-resource/mcp\"",
            st.origin
        )),
        Server::MalformedChallenge => challenge(e.www_authenticate().replace("realm=\"mcp\"", "realm=mcp")),
        Server::NoResourceMetadataParam => challenge(
            e.www_authenticate()
                .replace(", resource_metadata=\"http://127.0.0.1:1/.well-known/oauth-protected-resource/mcp\"", ""),
        ),
        _ => e.into_response(),
    }
}

async fn guard(State(st): State<St>, request: Request, next: Next) -> Response {
    if st.server == Server::TypedHeader400 {
        return typed_header_guard(request, next).await;
    }
    match authenticate(st.server, request.headers()) {
        Ok(()) => next.run(request).await,
        Err(e) => reject(&st, e),
    }
}

/// See [`PLACEHOLDER_ORIGIN`].
async fn rewrite_origin(State(st): State<St>, request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let value = response.headers().get(WWW_AUTHENTICATE).and_then(|v| v.to_str().ok()).map(str::to_owned);
    if let Some(v) = value {
        let v = v.replace(PLACEHOLDER_ORIGIN, &st.origin);
        response.headers_mut().insert(WWW_AUTHENTICATE, HeaderValue::from_str(&v).expect("header value"));
    }
    response
}

/// A CORS layer for browser clients: on a cross-origin request, allow it and expose the
/// challenge (or, for `CorsHidden`, the session id only).
async fn cors(State(st): State<St>, request: Request, next: Next) -> Response {
    let cross_origin = request.headers().contains_key("origin");
    let mut response = next.run(request).await;
    if cross_origin {
        let exposed =
            if st.server == Server::CorsHidden { "Mcp-Session-Id" } else { "Mcp-Session-Id, WWW-Authenticate" };
        let h = response.headers_mut();
        h.insert("access-control-allow-origin", HeaderValue::from_static("*"));
        h.insert("access-control-expose-headers", HeaderValue::from_static(exposed));
    }
    response
}

/// The MCP endpoint once authenticated: an `initialize` result.
async fn mcp() -> Json<Value> {
    Json(json!({"jsonrpc": "2.0", "id": 1, "result": {
        "protocolVersion": "2025-06-18",
        "capabilities": {},
        "serverInfo": {"name": "test", "version": "0"}
    }}))
}

async fn metadata(State(st): State<St>) -> Response {
    let resource = if st.server == Server::ResourceMismatch { st.origin.clone() } else { format!("{}/mcp", st.origin) };
    let servers =
        if st.server == Server::MetadataNoServers { json!([]) } else { json!([format!("{}/auth", st.origin)]) };
    let doc = json!({"resource": resource, "authorization_servers": servers, "scopes_supported": ["tools:call"]});
    if st.server == Server::MetadataText {
        return doc.to_string().into_response();
    }
    Json(doc).into_response()
}

fn app(st: St) -> Router {
    let guarded = || middleware::from_fn_with_state(st.clone(), guard);
    let mut router = Router::new().route("/mcp", post(mcp).get(mcp).delete(mcp).layer(guarded()));
    let meta = "/.well-known/oauth-protected-resource/mcp";
    router = match st.server {
        Server::NoMetadata => router,
        Server::MetadataBehindAuth => router.route(meta, get(metadata).layer(guarded())),
        _ => router.route(meta, get(metadata)),
    };
    router
        .layer(middleware::from_fn_with_state(st.clone(), rewrite_origin))
        .layer(middleware::from_fn_with_state(st.clone(), cors))
        .with_state(st)
}

/// Serve `make(origin)` on 127.0.0.1 (a random port) from a background thread; returns the
/// origin. The thread lives as long as the test process.
fn serve_router(make: impl FnOnce(String) -> Router) -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    listener.set_nonblocking(true).expect("nonblocking");
    let origin = format!("http://{}", listener.local_addr().expect("addr"));
    let router = make(origin.clone());
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
        rt.block_on(async move {
            let listener = tokio::net::TcpListener::from_std(listener).expect("listener");
            axum::serve(listener, router).await.expect("serve");
        });
    });
    origin
}

/// Start `server`; returns its MCP endpoint URL.
fn start(server: Server) -> String {
    let origin = serve_router(|origin| app(St { server, origin }));
    format!("{origin}/mcp")
}

fn options(url: &str, token: Option<&str>) -> Options {
    Options { url: url.to_string(), token: token.map(str::to_string), timeout: Duration::from_secs(5) }
}

/// (rule, request) of every finding, in report order.
fn probe(server: Server, token: Option<&str>) -> Vec<(String, String)> {
    let url = start(server);
    let out = probe::run(&options(&url, token)).expect("server answers");
    assert!(out.errors.is_empty(), "{server:?}: {:?}", out.errors);
    assert!(out.requests <= 12, "{server:?}: {} requests", out.requests);
    out.findings
        .iter()
        .map(|f| (f.rule.to_string(), f.probe.as_ref().map(|p| p.request.probe.to_string()).unwrap_or_default()))
        .collect()
}

fn expect(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs.iter().map(|(r, p)| (r.to_string(), p.to_string())).collect()
}

/// The six requests that must fail auth, for a defect that shows on each.
fn on_every_failure(rule: &str) -> Vec<(String, String)> {
    [
        "no-credentials",
        "invalid-token",
        "malformed-authorization",
        "basic-scheme",
        "get-no-credentials",
        "delete-no-credentials",
    ]
    .iter()
    .map(|p| (rule.to_string(), p.to_string()))
    .collect()
}

#[test]
fn correct_auth_error_server_is_clean() {
    assert_eq!(probe(Server::Correct, None), expect(&[]));
    assert_eq!(probe(Server::Correct, Some(GOOD_TOKEN)), expect(&[]));
}

#[test]
fn status_200_with_a_jsonrpc_error_is_auth_status_200() {
    assert_eq!(probe(Server::JsonRpc200, None), on_every_failure("auth-status-200"));
}

#[test]
fn bare_401_is_missing_www_authenticate() {
    assert_eq!(probe(Server::Bare401, None), on_every_failure("missing-www-authenticate"));
}

#[test]
fn status_500_is_auth_status_500() {
    assert_eq!(probe(Server::Status500, None), on_every_failure("auth-status-500"));
}

#[test]
fn typed_header_400_is_auth_status_other() {
    assert_eq!(
        probe(Server::TypedHeader400, None),
        expect(&[
            ("auth-status-other", "no-credentials"),
            // 400 is right for a malformed header, but it needs a challenge too (RFC 6750 §3).
            ("missing-www-authenticate", "malformed-authorization"),
            ("auth-status-other", "basic-scheme"),
            ("auth-status-other", "get-no-credentials"),
            ("auth-status-other", "delete-no-credentials"),
        ])
    );
}

#[test]
fn no_metadata_is_probe_metadata_missing() {
    assert_eq!(probe(Server::NoMetadata, None), expect(&[("probe-metadata-missing", "resource-metadata")]));
}

#[test]
fn mismatched_resource_is_probe_metadata_resource_mismatch() {
    assert_eq!(
        probe(Server::ResourceMismatch, None),
        expect(&[("probe-metadata-resource-mismatch", "resource-metadata")])
    );
}

#[test]
fn case_sensitive_scheme_is_bearer_scheme_case_sensitive() {
    // Without a token the probe cannot tell.
    assert_eq!(probe(Server::CaseSensitive, None), expect(&[]));
    assert_eq!(
        probe(Server::CaseSensitive, Some(GOOD_TOKEN)),
        expect(&[("bearer-scheme-case-sensitive", "lowercase-bearer")])
    );
}

#[test]
fn cors_without_the_challenge_is_cors_hides_www_authenticate() {
    assert_eq!(probe(Server::CorsHidden, None), expect(&[("cors-hides-www-authenticate", "cors")]));
}

#[test]
fn basic_challenge_is_probe_challenge_not_bearer() {
    assert_eq!(probe(Server::BasicChallenge, None), on_every_failure("probe-challenge-not-bearer"));
}

#[test]
fn error_code_without_credentials_is_probe_error_code() {
    assert_eq!(
        probe(Server::ErrorWithoutCredentials, None),
        expect(&[
            ("probe-error-code", "no-credentials"),
            ("probe-error-code", "basic-scheme"),
            ("probe-error-code", "get-no-credentials"),
            ("probe-error-code", "delete-no-credentials"),
        ])
    );
}

#[test]
fn unquoted_realm_is_malformed_www_authenticate() {
    assert_eq!(probe(Server::MalformedChallenge, None), on_every_failure("malformed-www-authenticate"));
}

#[test]
fn challenge_without_resource_metadata_is_missing_resource_metadata() {
    assert_eq!(
        probe(Server::NoResourceMetadataParam, None),
        expect(&[
            ("missing-resource-metadata", "no-credentials"),
            ("missing-resource-metadata", "invalid-token"),
            ("missing-resource-metadata", "basic-scheme"),
            ("missing-resource-metadata", "get-no-credentials"),
            ("missing-resource-metadata", "delete-no-credentials"),
        ])
    );
}

#[test]
fn metadata_behind_auth_is_probe_metadata_requires_token() {
    assert_eq!(
        probe(Server::MetadataBehindAuth, None),
        expect(&[("probe-metadata-requires-token", "resource-metadata")])
    );
}

#[test]
fn text_metadata_is_probe_metadata_invalid() {
    assert_eq!(probe(Server::MetadataText, None), expect(&[("probe-metadata-invalid", "resource-metadata")]));
}

#[test]
fn empty_authorization_servers_is_probe_metadata_no_auth_servers() {
    assert_eq!(
        probe(Server::MetadataNoServers, None),
        expect(&[("probe-metadata-no-auth-servers", "resource-metadata")])
    );
}

#[test]
fn metadata_without_resource_metadata_is_found_at_the_well_known_url() {
    let url = start(Server::NoResourceMetadataParam);
    let out = probe::run(&options(&url, None)).expect("server answers");
    assert!(out.findings.iter().all(|f| !f.rule.starts_with("probe-metadata")), "{:?}", out.findings);
}

// --- the client: redirects, credentials, budget --------------------------------------------

/// A request as a recording server saw it.
#[derive(Debug, Clone)]
struct Seen {
    host: String,
    path: String,
    authorization: Option<String>,
}

/// A server that records every request and answers by path: `/loop/N` redirects to
/// `/loop/N+1` forever, `/cross/mcp` redirects to the same server under another origin
/// (`localhost` instead of `127.0.0.1`), anything else is a correct-looking 401.
fn start_recorder() -> (String, Arc<Mutex<Vec<Seen>>>) {
    let seen: Arc<Mutex<Vec<Seen>>> = Arc::default();
    let log = seen.clone();
    let origin = serve_router(move |origin| {
        let port = origin.rsplit(':').next().unwrap_or_default().to_string();
        Router::new().fallback(any(move |request: Request| {
            let log = log.clone();
            let port = port.clone();
            async move {
                let h = request.headers();
                let header = |name| h.get(name).and_then(|v: &HeaderValue| v.to_str().ok()).map(str::to_owned);
                let path = request.uri().path().to_string();
                log.lock().expect("log").push(Seen {
                    host: header(HOST).unwrap_or_default(),
                    path: path.clone(),
                    authorization: header(AUTHORIZATION),
                });
                if let Some(n) = path.strip_prefix("/loop/").and_then(|n| n.parse::<u32>().ok()) {
                    return (StatusCode::TEMPORARY_REDIRECT, [(LOCATION, format!("/loop/{}", n + 1))]).into_response();
                }
                if path == "/cross/mcp" {
                    let to = format!("http://localhost:{port}/sink/mcp");
                    return (StatusCode::TEMPORARY_REDIRECT, [(LOCATION, to)]).into_response();
                }
                (StatusCode::UNAUTHORIZED, [(WWW_AUTHENTICATE, "Bearer realm=\"mcp\"")]).into_response()
            }
        }))
    });
    (origin, seen)
}

/// The recorder's log once it holds `n` requests, or after 10 s: a request the probe gave up
/// on (a timeout on a loaded machine) may reach the server's log after the probe returns.
fn log_of(seen: &Mutex<Vec<Seen>>, n: usize) -> Vec<Seen> {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let log = seen.lock().expect("log").clone();
        if log.len() >= n || std::time::Instant::now() > deadline {
            return log;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

#[test]
fn redirects_are_followed_at_most_three_times() {
    let (origin, seen) = start_recorder();
    let out = probe::run(&options(&format!("{origin}/loop/0"), Some("secret-token"))).expect("answers");
    let seen = log_of(&seen, out.requests);
    assert!(seen.iter().all(|s| s.path != "/loop/4"), "a fourth redirect was followed: {seen:?}");
    assert!(seen.iter().any(|s| s.path == "/loop/3"));
    // A redirect that never ends is not a 401.
    assert!(out.findings.iter().any(|f| f.rule == "auth-status-other"), "{:?}", out.findings);
    assert!(out.requests <= probe::http::MAX_HOPS);
    assert_eq!(out.requests, seen.len(), "probe errors: {:?}", out.errors);
}

#[test]
fn credentials_never_follow_a_redirect_to_another_origin() {
    let (origin, seen) = start_recorder();
    probe::run(&options(&format!("{origin}/cross/mcp"), Some("secret-token"))).expect("answers");
    let seen = seen.lock().expect("log").clone();
    let elsewhere: Vec<&Seen> = seen.iter().filter(|s| s.host.starts_with("localhost")).collect();
    assert!(!elsewhere.is_empty(), "the redirect to localhost was followed: {seen:?}");
    assert!(elsewhere.iter().all(|s| s.authorization.is_none()), "{elsewhere:?}");
    // The token went to the probed origin, on the two requests that carry it.
    let with_token: Vec<&Seen> =
        seen.iter().filter(|s| s.authorization.as_deref().is_some_and(|a| a.contains("secret-token"))).collect();
    assert_eq!(with_token.len(), 2, "{seen:?}");
    assert!(with_token.iter().all(|s| s.host.starts_with("127.0.0.1") && s.path == "/cross/mcp"));
}

#[test]
fn the_token_is_sent_only_when_given_and_never_to_metadata() {
    let (origin, seen) = start_recorder();
    probe::run(&options(&format!("{origin}/mcp"), None)).expect("answers");
    let seen = seen.lock().expect("log").clone();
    let auths: Vec<&str> = seen.iter().filter_map(|s| s.authorization.as_deref()).collect();
    // Only the probe's own made-up values.
    assert_eq!(auths, ["Bearer mcp-lint-probe-invalid-token", "Bearer", "Basic bWNwLWxpbnQ6cHJvYmU="]);
    assert!(seen.iter().filter(|s| s.path.starts_with("/.well-known/")).all(|s| s.authorization.is_none()));
}

/// A raw server that answers every request with the head of an SSE stream that never sends
/// a byte of body, as an unprotected Streamable HTTP endpoint does on GET.
fn start_endless_stream() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let origin = format!("http://{}", listener.local_addr().expect("addr"));
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            std::thread::spawn(move || {
                use std::io::{Read, Write};
                let mut stream = stream;
                let mut buf = [0u8; 4096];
                let _ = stream.read(&mut buf);
                let head = "HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ncache-control: no-cache\r\n\r\n";
                let _ = stream.write_all(head.as_bytes());
                std::thread::sleep(Duration::from_secs(30));
            });
        }
    });
    format!("{origin}/mcp")
}

#[test]
fn an_endless_stream_does_not_hold_the_probe() {
    let url = start_endless_stream();
    let started = Instant::now();
    let out = probe::run(&Options { timeout: Duration::from_secs(3), ..options(&url, None) }).expect("answers");
    assert!(started.elapsed() < Duration::from_secs(3), "{:?}", started.elapsed());
    let rules: Vec<&str> = out.findings.iter().map(|f| f.rule).collect();
    let mut want = vec!["auth-status-200"; 6];
    want.push("probe-metadata-invalid");
    assert_eq!(rules, want);
}

// --- the command line ------------------------------------------------------------------------

fn cli(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cargo-mcp-lint")).args(args).env_remove("GITHUB_ACTIONS").output().expect("runs")
}

#[test]
fn cli_exit_codes_are_0_clean_1_findings_2_unreachable() {
    let good = start(Server::Correct);
    let o = cli(&["mcp-lint", "probe", &good, "--token", GOOD_TOKEN]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stdout));

    let bad = start(Server::Bare401);
    assert_eq!(cli(&["probe", &bad]).status.code(), Some(1));

    // A port nothing listens on.
    let free = std::net::TcpListener::bind("127.0.0.1:0").expect("bind").local_addr().expect("addr");
    let o = cli(&["probe", &format!("http://{free}/mcp"), "--timeout", "2"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("cannot reach"), "{}", String::from_utf8_lossy(&o.stderr));

    assert_eq!(cli(&["probe", "ftp://example.com/mcp"]).status.code(), Some(2));
    assert_eq!(cli(&["probe"]).status.code(), Some(2));
}

#[test]
fn cli_json_carries_url_request_and_status_instead_of_file_and_line() {
    let url = start(Server::NoMetadata);
    let o = cli(&["probe", &url, "--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
    let doc: Value = serde_json::from_slice(&o.stdout).expect("one JSON document");
    assert_eq!(doc["version"], 1);
    assert_eq!(doc["tool"]["name"], "cargo-mcp-lint");
    let findings = doc["findings"].as_array().expect("findings");
    assert_eq!(findings.len(), 1);
    let f = &findings[0];
    // DESIGN §3 order, with url/request/status where file/line/column are for the static lint.
    let want = ["rule", "severity", "message", "url", "request", "status", "help", "related", "fingerprint"];
    let mut keys: Vec<&str> = f.as_object().expect("object").keys().map(String::as_str).collect();
    keys.sort_unstable();
    let mut sorted = want;
    sorted.sort_unstable();
    assert_eq!(keys, sorted);
    let text = String::from_utf8_lossy(&o.stdout);
    let at: Vec<usize> = want.iter().map(|k| text.find(&format!("\"{k}\":")).expect("key")).collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "key order in {text}");
    assert_eq!(f["rule"], "probe-metadata-missing");
    assert_eq!(f["severity"], "error");
    assert_eq!(f["url"], url.replace("/mcp", "/.well-known/oauth-protected-resource/mcp"));
    assert_eq!(f["request"], json!({"method": "GET", "probe": "resource-metadata"}));
    assert_eq!(f["status"], 404);
    assert_eq!(doc["errors"], json!([]));
}

#[test]
fn cli_other_formats_name_the_request() {
    let url = start(Server::Status500);
    let human = cli(&["probe", &url]);
    let text = String::from_utf8_lossy(&human.stdout);
    assert!(
        text.contains("auth-status-500") && text.contains(&format!("POST {url} (no-credentials) -> 500")),
        "{text}"
    );
    assert!(text.contains("6 error(s)"), "{text}");

    let github = cli(&["probe", &url, "--format", "github"]);
    let text = String::from_utf8_lossy(&github.stdout);
    assert_eq!(text.lines().count(), 6, "{text}");
    assert!(text.lines().all(|l| l.starts_with("::error title=mcp-lint(auth-status-500)::")), "{text}");

    let sarif = cli(&["probe", &url, "--format", "sarif"]);
    let doc: Value = serde_json::from_slice(&sarif.stdout).expect("sarif");
    let results = doc["runs"][0]["results"].as_array().expect("results");
    assert_eq!(results.len(), 6);
    assert_eq!(results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], url.as_str());
    assert_eq!(results[0]["properties"]["status"], 500);
}

#[test]
fn a_probe_is_fast_and_small() {
    let url = start(Server::Correct);
    let started = Instant::now();
    let out = probe::run(&options(&url, Some(GOOD_TOKEN))).expect("answers");
    let took = started.elapsed();
    eprintln!("probe of the correct server: {} requests in {took:?}", out.requests);
    assert_eq!(out.requests, 10, "9 plan requests + 1 metadata fetch");
    assert!(took < Duration::from_secs(5), "{took:?}");
}
