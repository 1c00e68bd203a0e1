//! `secret-compared-non-constant-time`: a secret compared with `==`, `contains` or `starts_with`.

use super::Rule;
use crate::report::Level;

pub static RULE: Rule = Rule {
    id: "secret-compared-non-constant-time",
    default_level: Level::Warn,
    summary: "token, API key, client secret or HMAC compared with ==, !=, contains, \
              starts_with or eq",
    why: "These comparisons stop at the first differing byte, so the response time tells an \
          attacker how much of a guess was right and lets them recover a key byte by byte over \
          the network. Every credential an MCP client presents (API key header, bearer token, \
          client_credentials secret at the token endpoint) passes through this check. Seed 000 \
          replaced `Array.includes()` on API keys with a constant-time HMAC comparison \
          (todo 083).",
    bad: r#"async fn require_api_key(State(cfg): State<Arc<Config>>, req: Request, next: Next) -> Response {
    let key = req.headers().get("x-api-key").and_then(|v| v.to_str().ok());
    match key {
        // Vec::contains compares with ==, which returns at the first differing byte
        Some(k) if cfg.api_keys.contains(&k.to_string()) => next.run(req).await,
        _ => unauthorized(),
    }
}"#,
    good: r#"use subtle::ConstantTimeEq;

fn key_matches(candidate: &str, keys: &[String]) -> bool {
    // Compare against every key without short-circuiting.
    let hits = keys.iter().fold(0u8, |hit, k| hit | k.as_bytes().ct_eq(candidate.as_bytes()).unwrap_u8());
    hits == 1
}

async fn require_api_key(State(cfg): State<Arc<Config>>, req: Request, next: Next) -> Response {
    let key = req.headers().get("x-api-key").and_then(|v| v.to_str().ok());
    match key {
        Some(k) if key_matches(k, &cfg.api_keys) => next.run(req).await,
        _ => unauthorized(),
    }
}"#,
    fix: "Compare secrets with `subtle::ConstantTimeEq` \
          (`bool::from(a.as_bytes().ct_eq(b.as_bytes()))`) or \
          `constant_time_eq::constant_time_eq(a, b)`; for HMACs use `Mac::verify_slice` from the \
          `hmac` crate. Better still, store SHA-256 digests of the keys and compare digests \
          (equal lengths, and no plaintext keys in memory). For a set of keys, compare against \
          all of them without short-circuiting, or look the key up by its digest.",
    sources: &["spec-rules.md section 1.5 (request-side handling)", "seed 000 (todo 083)"],
    security_severity: "6.0",
    detects: false,
};
