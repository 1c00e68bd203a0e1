//! The probe's HTTP client: ureq with automatic redirects off, so that redirects are followed
//! here, at most [`MAX_REDIRECTS`] of them, and credentials never leave the probed origin.
//!
//! ureq (blocking, rustls) is enough: the probe sends a fixed, short plan of requests one after
//! another, so an async runtime would buy nothing. Certificates are checked against the
//! system's roots (`RootCerts::PlatformVerifier`), as the MCP clients on the same machine do.

use std::io::Read;
use std::time::Duration;
use ureq::http::{self, Uri};

/// Redirects followed per request (DESIGN of issue 9: at most 3).
pub const MAX_REDIRECTS: usize = 3;

/// Requests (hops, redirects included) one probe may send at most, whatever the server does.
pub const MAX_HOPS: usize = 40;

/// The whole probe may take this many `--timeout`s (the plan's size): a server that answers
/// every request just before its timeout cannot stretch a probe beyond that.
pub const TIME_BUDGET_REQUESTS: u32 = 12;

/// Bytes of a response body kept (enough for a JSON-RPC error or a metadata document; a server
/// streaming an endless SSE body must not keep the probe waiting or growing).
const MAX_BODY: u64 = 64 * 1024;

/// Who a request may carry credentials to: scheme, host and port (RFC 6454 origin).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    scheme: String,
    host: String,
    port: u16,
}

impl Origin {
    pub fn of(uri: &Uri) -> Option<Origin> {
        let scheme = uri.scheme_str()?.to_ascii_lowercase();
        let default_port = match scheme.as_str() {
            "http" => 80,
            "https" => 443,
            _ => return None,
        };
        let host = uri.host()?.to_ascii_lowercase();
        Some(Origin { port: uri.port_u16().unwrap_or(default_port), scheme, host })
    }

    /// `http://127.0.0.1:3000` (default ports left out).
    pub fn text(&self) -> String {
        let default = matches!((self.scheme.as_str(), self.port), ("http", 80) | ("https", 443));
        if default {
            format!("{}://{}", self.scheme, self.host)
        } else {
            format!("{}://{}:{}", self.scheme, self.host, self.port)
        }
    }

    /// A loopback host: reached without any proxy.
    fn is_loopback(&self) -> bool {
        let h = self.host.trim_start_matches('[').trim_end_matches(']');
        h == "localhost" || h.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback())
    }
}

/// Parse an absolute http(s) URL.
pub fn parse_url(url: &str) -> Result<Uri, String> {
    let uri: Uri = url.parse().map_err(|e| format!("`{url}` is not a URL: {e}"))?;
    match uri.scheme_str() {
        Some("http" | "https") if uri.host().is_some() => Ok(uri),
        _ => Err(format!("`{url}` is not an absolute http:// or https:// URL")),
    }
}

/// One request to send. `authorization` is the full header value; it is sent only to the
/// probed origin (dropped on a redirect elsewhere).
#[derive(Debug, Clone)]
pub struct Req {
    pub method: &'static str,
    pub url: String,
    pub headers: Vec<(&'static str, String)>,
    pub authorization: Option<String>,
    pub body: Option<Vec<u8>>,
}

/// A response as the probe judges it.
#[derive(Debug, Clone)]
pub struct Exchange {
    pub status: u16,
    /// Header names lowercased, in arrival order; repeated headers stay separate.
    pub headers: Vec<(String, String)>,
    pub body: String,
    /// The URL that answered (after redirects).
    pub final_url: String,
    /// The URLs redirected to, in order.
    pub redirects: Vec<String>,
}

impl Exchange {
    /// Every value of a header (names compare case-insensitively).
    pub fn header_all(&self, name: &str) -> Vec<&str> {
        self.headers.iter().filter(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str()).collect()
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.header_all(name).into_iter().next()
    }
}

/// A client bound to the probed origin.
pub struct Client {
    origin: Origin,
    timeout: Duration,
    /// Agents with and without the environment's proxy (loopback never goes through a proxy).
    direct: ureq::Agent,
    proxied: ureq::Agent,
    hops: usize,
    /// When the whole probe must be over.
    deadline: std::time::Instant,
}

impl Client {
    pub fn new(origin: Origin, timeout: Duration) -> Client {
        Client {
            direct: agent(timeout, None),
            proxied: agent(timeout, ureq::Proxy::try_from_env()),
            origin,
            timeout,
            hops: 0,
            deadline: std::time::Instant::now() + timeout * TIME_BUDGET_REQUESTS,
        }
    }

    /// Requests sent so far (redirect hops included).
    pub fn hops(&self) -> usize {
        self.hops
    }

    /// Send `req`, following up to [`MAX_REDIRECTS`] redirects. `Authorization` goes only to
    /// hops on the probed origin.
    pub fn send(&mut self, req: &Req) -> Result<Exchange, String> {
        let mut method = req.method;
        let mut body = req.body.clone();
        let mut uri = parse_url(&req.url)?;
        let mut redirects = Vec::new();
        loop {
            if self.hops >= MAX_HOPS {
                return Err(format!("request budget of {MAX_HOPS} exhausted"));
            }
            self.hops += 1;
            let hop_origin = Origin::of(&uri).ok_or_else(|| format!("cannot send to `{uri}`"))?;
            let same_origin = hop_origin == self.origin;
            let authorization = if same_origin { req.authorization.as_deref() } else { None };
            let mut response = self.hop(method, &uri, &req.headers, authorization, body.as_deref(), &hop_origin)?;
            let status = response.status().as_u16();
            let location = response.headers().get(http::header::LOCATION).map(|v| lossy(v.as_bytes()));
            let is_redirect = matches!(status, 301 | 302 | 303 | 307 | 308);
            if let (true, Some(location)) = (is_redirect && redirects.len() < MAX_REDIRECTS, location) {
                let next = resolve(&uri, &location).ok_or_else(|| format!("bad redirect `{location}` from `{uri}`"))?;
                // 301/302/303 turn a POST into a GET without body (Fetch standard, as clients do).
                if status == 303 || (matches!(status, 301 | 302) && method == "POST") {
                    method = "GET";
                    body = None;
                }
                redirects.push(next.to_string());
                uri = next;
                continue;
            }
            let headers = response
                .headers()
                .iter()
                .map(|(n, v)| (n.as_str().to_ascii_lowercase(), lossy(v.as_bytes())))
                .collect();
            let mut bytes = Vec::new();
            // An SSE stream (GET on an unprotected endpoint) may never end: the judging needs
            // its status and headers only. Other bodies are read up to MAX_BODY; one that fails
            // half-way (a timeout) still leaves what was read.
            let is_stream = response
                .headers()
                .get(http::header::CONTENT_TYPE)
                .is_some_and(|v| v.as_bytes().starts_with(b"text/event-stream"));
            if !is_stream {
                let _ = response.body_mut().as_reader().take(MAX_BODY).read_to_end(&mut bytes);
            }
            return Ok(Exchange { status, headers, body: lossy(&bytes), final_url: uri.to_string(), redirects });
        }
    }

    fn hop(
        &self,
        method: &str,
        uri: &Uri,
        headers: &[(&'static str, String)],
        authorization: Option<&str>,
        body: Option<&[u8]>,
        origin: &Origin,
    ) -> Result<http::Response<ureq::Body>, String> {
        let mut builder = http::Request::builder().method(method).uri(uri.clone());
        for (name, value) in headers {
            builder = builder.header(*name, value.as_str());
        }
        if let Some(auth) = authorization {
            builder = builder.header(http::header::AUTHORIZATION, auth);
        }
        let agent = if origin.is_loopback() { &self.direct } else { &self.proxied };
        let left = self.deadline.saturating_duration_since(std::time::Instant::now());
        if left.is_zero() {
            return Err(format!(
                "{method} {uri}: the probe's time budget ({TIME_BUDGET_REQUESTS} x --timeout) is spent"
            ));
        }
        let timeout = Some(self.timeout.min(left));
        let result =
            match body {
                Some(b) => builder.body(b.to_vec()).map_err(|e| e.to_string()).and_then(|r| {
                    agent.run(agent.configure_request(r).timeout_global(timeout).build()).map_err(describe)
                }),
                None => builder.body(()).map_err(|e| e.to_string()).and_then(|r| {
                    agent.run(agent.configure_request(r).timeout_global(timeout).build()).map_err(describe)
                }),
            };
        result.map_err(|e| format!("{method} {uri}: {e}"))
    }
}

/// An agent that never follows redirects itself, never turns a status into an error, and stops
/// each request after `timeout`.
fn agent(timeout: Duration, proxy: Option<ureq::Proxy>) -> ureq::Agent {
    let tls = ureq::tls::TlsConfig::builder().root_certs(ureq::tls::RootCerts::PlatformVerifier).build();
    ureq::Agent::config_builder()
        .max_redirects(0)
        .http_status_as_error(false)
        .timeout_global(Some(timeout))
        .user_agent(concat!("cargo-mcp-lint/", env!("CARGO_PKG_VERSION"), " (probe)"))
        .tls_config(tls)
        .proxy(proxy)
        .build()
        .new_agent()
}

fn describe(e: ureq::Error) -> String {
    match e {
        ureq::Error::Timeout(_) => "timed out".to_string(),
        other => other.to_string(),
    }
}

fn lossy(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Resolve a `Location` value against the URL that sent it (RFC 3986 §5.2, the cases servers
/// send: absolute, scheme-relative, absolute path, relative path).
pub fn resolve(base: &Uri, location: &str) -> Option<Uri> {
    let location = location.trim();
    if has_scheme(location) {
        // Absolute: only http(s) is followed (`parse_url` refuses the rest).
        return parse_url(location).ok();
    }
    let scheme = base.scheme_str()?;
    let authority = base.authority()?.as_str();
    let text = if let Some(rest) = location.strip_prefix("//") {
        format!("{scheme}://{rest}")
    } else if location.starts_with('/') {
        format!("{scheme}://{authority}{location}")
    } else {
        let path = base.path();
        let dir = &path[..path.rfind('/').map_or(0, |i| i + 1)];
        let dir = if dir.is_empty() { "/" } else { dir };
        format!("{scheme}://{authority}{dir}{location}")
    };
    parse_url(&text).ok()
}

/// Whether a URI reference starts with `scheme:` (RFC 3986 §3.1).
fn has_scheme(s: &str) -> bool {
    match s.split_once(':') {
        Some((scheme, _)) => {
            scheme.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
                && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_compare_scheme_host_and_port() {
        let a = Origin::of(&parse_url("http://127.0.0.1:3000/mcp").unwrap()).unwrap();
        let b = Origin::of(&parse_url("http://127.0.0.1:3000/other").unwrap()).unwrap();
        let c = Origin::of(&parse_url("http://localhost:3000/mcp").unwrap()).unwrap();
        let d = Origin::of(&parse_url("https://127.0.0.1:3000/mcp").unwrap()).unwrap();
        assert_eq!(a, b);
        assert_ne!(a, c);
        assert_ne!(a, d);
        assert_eq!(Origin::of(&parse_url("https://EXAMPLE.com/mcp").unwrap()).unwrap().text(), "https://example.com");
    }

    #[test]
    fn resolves_redirect_locations() {
        let base = parse_url("http://h:1/a/b").unwrap();
        assert_eq!(resolve(&base, "/c").unwrap().to_string(), "http://h:1/c");
        assert_eq!(resolve(&base, "c").unwrap().to_string(), "http://h:1/a/c");
        assert_eq!(resolve(&base, "//other/x").unwrap().to_string(), "http://other/x");
        assert_eq!(resolve(&base, "https://x.example/y").unwrap().to_string(), "https://x.example/y");
        assert!(resolve(&base, "ftp://x/y").is_none());
    }

    #[test]
    fn rejects_non_http_urls() {
        assert!(parse_url("ftp://x/y").is_err());
        assert!(parse_url("/mcp").is_err());
        assert!(parse_url("not a url").is_err());
    }
}
