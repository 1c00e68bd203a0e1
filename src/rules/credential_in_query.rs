//! `credential-in-query`: credentials read from the URL query string.

use super::file::FileCx;
use super::flow::{for_each_fn, is_secret_name, lit_str};
use super::Rule;
use crate::facts::extract::pat_idents;
use crate::facts::ir::{Hit, When};
use crate::facts::signals::words;
use crate::facts::vocab::{fn_lines, Word, CREDENTIAL};
use crate::report::Level;
use syn::spanned::Spanned;
use syn::visit::Visit;
use syn::{Expr, Type};

pub static RULE: Rule = Rule {
    id: "credential-in-query",
    default_level: Level::Warn,
    summary: "credentials read from the URL query string (?key=, api_key, access_token)",
    why: "URLs are written to access logs at proxies, CDNs and the server itself, kept in \
          browser history and sent on in Referer headers, so a key in the query string leaks to \
          everyone who can read those. OAuth 2.1 and MCP forbid resource servers to accept \
          access tokens from the query, and MCP clients always send `Authorization: Bearer`, so \
          the query path only serves clients that should be using OAuth. Seed 000 removed its \
          `?key=` auth path for this reason (PR #2418, todos 081/082). Flagged: axum/actix \
          `Query<T>` (also `Option<Query<T>>`) whose `T`, in any file of the package, has a \
          string field named (or serde-renamed) for a credential (`api_key`, `token`, \
          `access_token`, `password`, `client_secret`; a bare `key` only in a struct named for \
          auth); `Query<HashMap<..>>` read with `.get(\"api_key\")`; a request's raw query \
          (`uri().query()`, `query_string()`, `query_pairs()`) searched for such a key. Not \
          flagged: `page`, `cursor`, `page_token`; `code` and `state` of an OAuth redirect \
          callback (the authorization code belongs in the query, RFC 6749 section 4.1.2); \
          `sessionId` (the legacy SSE transport puts it in the query, and MCP forbids sessions \
          as authentication, so it is not a credential); `signature` of signed URLs; `bool` \
          flags such as `include_secrets`; client code that builds URLs or parses a deep link",
    bad: r#"#[derive(Deserialize)]
struct AuthQuery {
    key: Option<String>,
}

async fn mcp(Query(q): Query<AuthQuery>, State(keys): State<Keys>, body: Bytes) -> Response {
    match q.key.as_deref() {
        Some(k) if keys.is_valid(k) => serve(body).await,
        _ => unauthorized(),
    }
}"#,
    good: r#"async fn mcp(headers: HeaderMap, State(keys): State<Keys>, body: Bytes) -> Response {
    let token = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split_once(' '))
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("Bearer"))
        .map(|(_, token)| token.trim());
    match token {
        Some(t) if keys.is_valid(t) => serve(body).await,
        _ => unauthorized(),
    }
}"#,
    fix: "Read credentials only from headers: `Authorization: Bearer <token>` \
          (`headers.get(header::AUTHORIZATION)`) or a dedicated header such as `X-Api-Key`, and \
          drop the `Query` field. Clients that cannot set headers should use the OAuth \
          `client_credentials` flow. If a legacy query parameter must stay for a while, refuse \
          it with 400 and keep URLs that carry it out of the logs.",
    sources: &[
        "RFC 6750 section 2.3",
        "OAuth 2.1 (draft-ietf-oauth-v2-1-13) section 5.1",
        "MCP authorization 2025-11-25 section 9.1",
        "spec-rules.md section 1.5 auth-token-from-query",
        "seed 000 (PR #2418, todos 081/082)",
    ],
    security_severity: "5.5",
    detects: true,
};

const HELP: &str = "read the credential from a header instead: `headers.get(header::AUTHORIZATION)` \
(`Authorization: Bearer <token>`) or a dedicated header such as `X-Api-Key`, and drop the query \
parameter; clients that cannot set headers should use the OAuth `client_credentials` grant";

/// Is a query parameter named for a credential? `key`, `api_key`, `apiKey`, `token`,
/// `access_token`, `password`, `client_secret`. Not `signature`/`sig` (signed URLs put their
/// signature in the query by design), not `code`/`state` (an OAuth redirect callback receives
/// its authorization code there by design, RFC 6749 section 4.1.2), not `sessionId` (the MCP
/// SSE transport's POST endpoint carries it in the query, and MCP forbids sessions as
/// authentication), not `page_token`/`cursor`.
pub fn is_query_credential(name: &str) -> bool {
    let name = name.trim_end_matches('=');
    // Hyphenated names are headers (`x-api-key`), not query parameters.
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return false;
    }
    let ws = words(name);
    if ws.last().is_some_and(|w| matches!(w.as_str(), "signature" | "signatures" | "hmac")) {
        return false;
    }
    is_secret_name(name)
}

/// A bare `key` is a credential only where the code is about auth (`struct AuthQuery { key }`,
/// `fn check_api_key`): elsewhere it is a map key, a capability key or a cache key.
fn is_bare_key(name: &str) -> bool {
    name.trim_end_matches('=') == "key"
}

/// A field type that can hold a credential (not `bool`, not a number).
fn can_hold_credential(ty: &Type) -> bool {
    match ty {
        Type::Path(p) => p.path.segments.last().is_some_and(|s| {
            let name = s.ident.to_string();
            if name == "Option" {
                if let syn::PathArguments::AngleBracketed(a) = &s.arguments {
                    return a
                        .args
                        .iter()
                        .all(|g| !matches!(g, syn::GenericArgument::Type(t) if !can_hold_credential(t)));
                }
            }
            !matches!(
                name.as_str(),
                "bool"
                    | "u8"
                    | "u16"
                    | "u32"
                    | "u64"
                    | "u128"
                    | "usize"
                    | "i8"
                    | "i16"
                    | "i32"
                    | "i64"
                    | "i128"
                    | "isize"
                    | "f32"
                    | "f64"
            )
        }),
        _ => true,
    }
}

/// Structs of this file with a field named (or serde-renamed) for a credential, for
/// `When::TypeHasCredentialField`.
pub fn credential_types(file: &syn::File) -> Vec<String> {
    struct Scan(Vec<String>);
    impl<'ast> Visit<'ast> for Scan {
        crate::facts::walk::skip_types_and_paths!();
        fn visit_item_struct(&mut self, s: &'ast syn::ItemStruct) {
            let auth_struct = crate::facts::signals::is_auth_ident(&s.ident.to_string());
            let named = |n: &str| is_query_credential(n) || (auth_struct && is_bare_key(n));
            let credential = s.fields.iter().any(|f| {
                can_hold_credential(&f.ty)
                    && (f.ident.as_ref().is_some_and(|i| named(&i.to_string()))
                        || serde_names(&f.attrs).iter().any(|n| named(n)))
            });
            if credential {
                self.0.push(s.ident.to_string());
            }
            syn::visit::visit_item_struct(self, s);
        }
    }
    let mut s = Scan(Vec::new());
    s.visit_file(file);
    s.0
}

/// `#[serde(rename = "api_key")]`, `#[serde(alias = "token")]`.
fn serde_names(attrs: &[syn::Attribute]) -> Vec<String> {
    let mut out = Vec::new();
    for a in attrs.iter().filter(|a| a.path().is_ident("serde")) {
        let _ = a.parse_nested_meta(|m| {
            if m.path.is_ident("rename") || m.path.is_ident("alias") {
                if let Ok(v) = m.value() {
                    if let Ok(s) = v.parse::<syn::LitStr>() {
                        out.push(s.value());
                    }
                }
            } else if m.input.peek(syn::Token![=]) {
                // `default = "fn"` and the like: consume the value.
                let _ = m.value().and_then(|v| v.parse::<Expr>());
            } else if m.input.peek(syn::token::Paren) {
                let _ = m.parse_nested_meta(|inner| {
                    if inner.input.peek(syn::Token![=]) {
                        let _ = inner.value().and_then(|v| v.parse::<Expr>());
                    }
                    Ok(())
                });
            }
            Ok(())
        });
    }
    out
}

/// The `T` of a query extractor: `Query<T>`, `web::Query<T>`, `Option<Query<T>>`.
fn query_type(ty: &Type) -> Option<&Type> {
    let Type::Path(p) = ty else { return None };
    let last = p.path.segments.last()?;
    let syn::PathArguments::AngleBracketed(a) = &last.arguments else { return None };
    let inner = a.args.iter().find_map(|g| match g {
        syn::GenericArgument::Type(t) => Some(t),
        _ => None,
    })?;
    match last.ident.to_string().as_str() {
        "Query" | "QueryParams" => Some(inner),
        "Option" | "Result" => query_type(inner),
        _ => None,
    }
}

/// A request type (`Request`, `HttpRequest`, `Parts`): its query is the request's.
fn is_request_type(ty: &Type) -> bool {
    match ty {
        Type::Reference(r) => is_request_type(&r.elem),
        Type::Path(p) => p.path.segments.last().is_some_and(|s| {
            matches!(
                s.ident.to_string().as_str(),
                "Request" | "HttpRequest" | "Parts" | "ServiceRequest" | "RequestHead" | "Uri"
            )
        }),
        _ => false,
    }
}

/// A map type read by key: `HashMap<String, String>`, `BTreeMap<..>`.
fn is_map(ty: &Type) -> bool {
    matches!(ty, Type::Path(p) if p.path.segments.last().is_some_and(|s| {
        matches!(s.ident.to_string().as_str(), "HashMap" | "BTreeMap" | "IndexMap")
    }))
}

/// A finding is a `Query<T>`-like parameter or a credential key (`"api_key"`, `"key"`) read in
/// its function.
fn may_read_query_credentials(cx: &FileCx, range: crate::facts::vocab::Lines) -> bool {
    cx.vocab.in_lines(range.clone(), &[Word::Query]) || cx.vocab.in_lines(range, CREDENTIAL)
}

pub fn check(cx: &FileCx, out: &mut Vec<Hit>) {
    if !cx.vocab.has(&[Word::Query]) && !cx.vocab.has(CREDENTIAL) {
        return;
    }
    for_each_fn(cx, &mut |sig, block| {
        if !may_read_query_credentials(cx, fn_lines(sig, block)) {
            return;
        }
        let mut maps = Vec::new();
        for input in &sig.inputs {
            let syn::FnArg::Typed(pt) = input else { continue };
            let Some(t) = query_type(&pt.ty) else { continue };
            if is_map(t) {
                maps.extend(pat_idents(&pt.pat));
                continue;
            }
            let Type::Path(tp) = t else { continue };
            let Some(name) = tp.path.segments.last().map(|s| s.ident.to_string()) else { continue };
            let message = format!(
                "`{name}` is extracted from the URL query string and has a field named for a credential: \
                 URLs end up in access logs, browser history and Referer headers"
            );
            let mut hit = cx.hit(&RULE, pt.ty.span(), message, HELP.to_string());
            hit.when = When::TypeHasCredentialField(name);
            out.push(hit);
        }
        let auth_fn = crate::facts::signals::is_auth_ident(&sig.ident.to_string());
        let request = sig.inputs.iter().any(|i| matches!(i, syn::FnArg::Typed(pt) if is_request_type(&pt.ty)));
        let mut body = QueryReads { maps: &maps, raw_query: false, uri: false, sites: Vec::new() };
        body.visit_block(block);
        // A raw query counts when it is a request's (`req.uri().query()`), not a URL the code
        // built or received elsewhere (a client's redirect, a desktop deep link).
        let raw = body.raw_query && (body.uri || request);
        for (span, key, from_raw) in body.sites {
            if (from_raw && !raw) || (is_bare_key(&key) && !auth_fn) {
                continue;
            }
            let message = format!(
                "the credential `{key}` is read from the URL query string: URLs end up in access logs, \
                 browser history and Referer headers"
            );
            out.push(cx.hit(&RULE, span, message, HELP.to_string()));
        }
    });
}

/// Reads of credential keys in one function body: from a query map (`params.get("api_key")`),
/// or, when the function parses the raw query (`uri().query()`, `query_pairs()`), any key
/// comparison (`k == "token"`, `"token" =>`, `strip_prefix("key=")`).
struct QueryReads<'a> {
    maps: &'a [String],
    raw_query: bool,
    /// The function reads a request's URI (`req.uri()`).
    uri: bool,
    /// (literal, key, only if the raw query is parsed here)
    sites: Vec<(proc_macro2::Span, String, bool)>,
}

impl QueryReads<'_> {
    fn on_map(&self, e: &Expr) -> bool {
        match e {
            Expr::Path(p) => p.path.get_ident().is_some_and(|i| self.maps.iter().any(|m| i == m)),
            Expr::Field(f) => self.on_map(&f.base),
            Expr::Reference(r) => self.on_map(&r.expr),
            Expr::Paren(p) => self.on_map(&p.expr),
            Expr::MethodCall(m) if matches!(m.method.to_string().as_str(), "as_ref" | "deref" | "0") => {
                self.on_map(&m.receiver)
            }
            _ => false,
        }
    }

    fn key_lit(&mut self, e: &Expr, from_raw: bool) {
        if let Some(v) = lit_str(e) {
            if is_query_credential(&v) || is_bare_key(&v) {
                self.sites.push((e.span(), v.trim_end_matches('=').to_string(), from_raw));
            }
        }
    }
}

impl<'ast> Visit<'ast> for QueryReads<'_> {
    crate::facts::walk::skip_types_and_paths!();
    fn visit_expr_method_call(&mut self, m: &'ast syn::ExprMethodCall) {
        let name = m.method.to_string();
        if (name == "query" && m.args.is_empty()) || name == "query_pairs" || name == "query_string" {
            self.raw_query = true;
        }
        if name == "uri" && m.args.is_empty() {
            self.uri = true;
        }
        if let Some(arg) = m.args.first() {
            if matches!(name.as_str(), "get" | "contains_key" | "remove" | "get_key_value") && self.on_map(&m.receiver)
            {
                self.key_lit(arg, false);
            } else if matches!(name.as_str(), "strip_prefix" | "starts_with") {
                if lit_str(arg).is_some_and(|v| v.ends_with('=')) {
                    self.key_lit(arg, true);
                }
            } else if name == "get" {
                self.key_lit(arg, true);
            }
        }
        syn::visit::visit_expr_method_call(self, m);
    }
    fn visit_expr_call(&mut self, c: &'ast syn::ExprCall) {
        if let Expr::Path(p) = &*c.func {
            let segs: Vec<String> = p.path.segments.iter().map(|s| s.ident.to_string()).collect();
            if matches!(segs.as_slice(), [.., a, b] if a == "form_urlencoded" && b == "parse") {
                self.raw_query = true;
            }
        }
        syn::visit::visit_expr_call(self, c);
    }
    fn visit_expr_index(&mut self, i: &'ast syn::ExprIndex) {
        if self.on_map(&i.expr) {
            self.key_lit(&i.index, false);
        }
        syn::visit::visit_expr_index(self, i);
    }
    fn visit_expr_binary(&mut self, b: &'ast syn::ExprBinary) {
        if matches!(b.op, syn::BinOp::Eq(_)) {
            self.key_lit(&b.left, true);
            self.key_lit(&b.right, true);
        }
        syn::visit::visit_expr_binary(self, b);
    }
    fn visit_arm(&mut self, a: &'ast syn::Arm) {
        if let syn::Pat::Lit(l) = &a.pat {
            if let syn::Lit::Str(s) = &l.lit {
                if is_query_credential(&s.value()) || is_bare_key(&s.value()) {
                    self.sites.push((s.span(), s.value(), true));
                }
            }
        }
        syn::visit::visit_arm(self, a);
    }
    fn visit_item(&mut self, _: &'ast syn::Item) {}
}
