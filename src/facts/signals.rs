//! Auth signals (DESIGN §5.3): which checks guard credentials, which branch of them fails, and
//! which names and messages belong to the auth vocabulary (framework-catalog.md §13). A single
//! keyword never decides alone; the model weighs these signals together.

use super::ir::FailKind;
use super::vocab::Word;
use proc_macro2::{TokenStream, TokenTree};
use syn::{Expr, Pat};

/// Header names and literals that carry credentials (lowercase).
const AUTH_LITERALS: &[&str] = &["authorization", "x-api-key", "api-key", "x-auth-token", "api_key", "apikey"];

/// Crates and words that mean the code takes part in OAuth: a challenge there should point
/// clients at protected-resource metadata.
const OAUTH_CRATE_IDENTS: &[&str] = &["oauth2", "openidconnect", "jsonwebtoken", "jwt_simple", "josekit", "biscuit"];

pub fn is_oauth_ident(s: &str) -> bool {
    // By words: `NoAuthRequired` contains the letters "oauth" but not the word.
    OAUTH_CRATE_IDENTS.iter().any(|c| c.eq_ignore_ascii_case(s)) || has_word(s, &["oauth", "oauth2", "jwks", "oidc"])
}

/// Is one of `ident`'s `words` in `list`? Identifiers without any of the list's letters, the
/// most of them, are ruled out before they are split.
pub fn has_word(ident: &str, list: &[&str]) -> bool {
    may_have_word(ident, list) && words(ident).iter().any(|w| list.contains(&w.as_str()))
}

/// Could one of `ident`'s `words` contain one of `stems`? A word is a piece of the identifier,
/// lowercased, so a stem the identifier lacks (ASCII case aside) rules the words out: the test
/// that spares hot paths splitting every identifier they meet.
fn may_have_word(ident: &str, stems: &[&str]) -> bool {
    stems.iter().any(|stem| ident.as_bytes().windows(stem.len()).any(|w| w.eq_ignore_ascii_case(stem.as_bytes())))
}

pub fn is_oauth_text(s: &str) -> bool {
    let lower = s.to_ascii_lowercase();
    lower.contains("oauth") || lower.contains("jwks") || lower.contains("authorization_server")
}

/// Names that only an MCP *server* uses (rmcp's Streamable HTTP service and server handler,
/// rust-mcp-sdk's server constructors): a crate that merely depends on an MCP SDK may be a client.
const MCP_SERVER_IDENTS: &[&str] = &[
    "StreamableHttpService",
    "ServerHandler",
    "tool_router",
    "tool_handler",
    "SseServer",
    "create_axum_server",
    "hyper_server",
    "McpServer",
    "ServerRuntime",
];

pub fn is_mcp_server_ident(s: &str) -> bool {
    MCP_SERVER_IDENTS.contains(&s)
}

/// Words that on their own name a request's credentials or their checks. Not `password` or
/// `secret` (login forms and server-side secrets), not `verify` (`verify_post_action`): the
/// resource-server question is about tokens and keys a request carries.
const AUTH_WORDS_IN_IDENTS: &[&str] = &[
    "auth",
    "authn",
    "authz",
    "authorization",
    "authorize",
    "authorized",
    "unauthorized",
    "authenticate",
    "authenticated",
    "authentication",
    "unauthenticated",
    "bearer",
    "jwt",
    "apikey",
    "credential",
    "credentials",
    "token",
    "tokens",
];

/// Every word of `AUTH_WORDS_IN_IDENTS` holds one of these, "apikey" its "key" (a test says so).
const AUTH_WORD_STEMS: &[&str] = &["auth", "bearer", "jwt", "key", "credential", "token"];

/// Words before `token` that make it something else: MCP progress tokens, pagination cursors,
/// LLM token counts, lexer tokens, CSRF tokens, cancellation.
const NOT_CREDENTIAL_TOKEN_PREFIX: &[&str] = &[
    "progress",
    "cancellation",
    "cancel",
    "cursor",
    "page",
    "next",
    "continuation",
    "pagination",
    "csrf",
    "max",
    "input",
    "output",
    "total",
    "prompt",
    "completion",
    "count",
    "num",
    "sync",
    "lexer",
    "parse",
    "parser",
    "stop",
    "special",
    "eos",
    "bos",
];

/// Words after `token` that make it a measure or a syntax element.
const NOT_CREDENTIAL_TOKEN_SUFFIX: &[&str] =
    &["count", "counts", "limit", "limits", "usage", "budget", "kind", "type", "stream", "tree", "index", "len"];

/// `allow_credentials`, `with_credentials`, `credentials_mode`: CORS and fetch settings.
const NOT_CREDENTIAL_NEIGHBOURS: &[&str] = &["allow", "with", "mode", "include", "omit", "same"];

/// Split `snake_case`, `camelCase` and `SCREAMING_CASE` into lowercase words (`APIKey` →
/// `apikey` is kept together as one acronym-led word, `api_key` gives `api`, `key`).
pub fn words(ident: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut cur = String::new();
    let mut prev_lower = false;
    for c in ident.chars() {
        if c == '_' || c == '-' {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            prev_lower = false;
            continue;
        }
        if c.is_ascii_uppercase() && prev_lower && !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
        prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
        cur.push(c.to_ascii_lowercase());
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    // `api` `key` → `apikey`.
    let mut merged: Vec<String> = Vec::new();
    for w in out {
        if w == "key" && merged.last().is_some_and(|p| p == "api") {
            merged.pop();
            merged.push("apikey".into());
        } else {
            merged.push(w);
        }
    }
    merged
}

/// Words that make an auth word a setting: `auth_enabled`, `require_auth_on_admin`,
/// `auth_state`, `auth_config` say whether auth is configured, not how a request fared.
const SETTING_WORDS: &[&str] = &[
    "enabled",
    "disabled",
    "enable",
    "disable",
    "configured",
    "config",
    "configuration",
    "settings",
    "required",
    "require",
    "mode",
    "state",
    "options",
];

/// An identifier in code under check: an auth identifier that is not a setting.
pub fn is_credential_ident(ident: &str) -> bool {
    is_auth_ident(ident) && !words(ident).iter().any(|w| SETTING_WORDS.contains(&w.as_str()))
}

/// An identifier that names credentials or their handling (`auth_header`, `validate_token`,
/// `ApiKey`, `bearer`), by its words, so that `progress_token`, `max_tokens`,
/// `allow_credentials` and `verify_tls` do not count.
pub fn is_auth_ident(ident: &str) -> bool {
    if !may_have_word(ident, AUTH_WORD_STEMS) {
        return false;
    }
    let ws = words(ident);
    ws.iter().enumerate().any(|(i, w)| {
        if !AUTH_WORDS_IN_IDENTS.contains(&w.as_str()) {
            return false;
        }
        let prev = i.checked_sub(1).and_then(|p| ws.get(p)).map(String::as_str).unwrap_or("");
        let next = ws.get(i + 1).map(String::as_str).unwrap_or("");
        match w.as_str() {
            "token" | "tokens" => {
                !NOT_CREDENTIAL_TOKEN_PREFIX.contains(&prev) && !NOT_CREDENTIAL_TOKEN_SUFFIX.contains(&next)
            }
            "credential" | "credentials" => {
                !NOT_CREDENTIAL_NEIGHBOURS.contains(&prev) && !NOT_CREDENTIAL_NEIGHBOURS.contains(&next)
            }
            _ => true,
        }
    })
}

/// A function whose name says it handles auth (`auth_middleware`, `validate_token`).
pub fn is_auth_name(name: &str) -> bool {
    is_auth_ident(name)
}

/// Does the expression read credentials or check them? Looks at identifiers (path segments,
/// method and field names) and string literals, with one walk and no token streams.
pub fn mentions_auth(e: &Expr) -> bool {
    mentions_auth_or(e, &[], &[])
}

/// Receivers whose fields are settings: `config.token_exchange` is read while checking
/// configuration, not a request's credentials.
const SETTINGS_RECEIVERS: &[&str] = &["config", "cfg", "conf", "settings", "opts", "options"];

/// Flags that make an expression a configuration test (`self.auth.enabled`,
/// `cfg.require_auth`), whatever auth words it also holds.
const SETTING_FLAG_WORDS: &[&str] = &["enabled", "disabled", "configured"];

/// Like `mentions_auth`. `locals`: bound from credentials (count). `cleared`: auth-named
/// locals bound from something else (`let token = progress_token.clone()`), which do not.
pub fn mentions_auth_or(e: &Expr, locals: &[String], cleared: &[String]) -> bool {
    let mut scan = AuthScan { locals, cleared, saw_auth: false, setting_flag: false };
    syn::visit::Visit::visit_expr(&mut scan, e);
    scan.saw_auth && !scan.setting_flag
}

struct AuthScan<'a> {
    locals: &'a [String],
    cleared: &'a [String],
    saw_auth: bool,
    setting_flag: bool,
}

impl AuthScan<'_> {
    fn ident(&mut self, i: &proc_macro2::Ident) {
        let s = i.to_string();
        if has_word(&s, SETTING_FLAG_WORDS) {
            self.setting_flag = true;
        }
        if self.cleared.contains(&s) {
            return;
        }
        // `session` checks are not auth checks (framework-catalog.md §10.8 T-MCP-6).
        if is_credential_ident(&s) || s == "AUTHORIZATION" || s == "PROXY_AUTHORIZATION" || self.locals.contains(&s) {
            self.saw_auth = true;
        }
    }

    fn literal(&mut self, value: &str) {
        let s = value.to_ascii_lowercase();
        if is_credential_header(&s) || s.starts_with("bearer") {
            self.saw_auth = true;
        }
    }
}

impl<'ast> syn::visit::Visit<'ast> for AuthScan<'_> {
    fn visit_ident(&mut self, i: &'ast proc_macro2::Ident) {
        self.ident(i);
    }
    fn visit_lit_str(&mut self, l: &'ast syn::LitStr) {
        self.literal(&l.value());
    }
    fn visit_expr_field(&mut self, f: &'ast syn::ExprField) {
        // `config.token_exchange`: a setting, not a credential (its base is still scanned).
        let settings = matches!(&*f.base, Expr::Path(p) if p.path.get_ident().is_some_and(|b| SETTINGS_RECEIVERS.iter().any(|r| b == r)));
        self.visit_expr(&f.base);
        if !settings {
            if let syn::Member::Named(n) = &f.member {
                self.ident(n);
            }
        }
    }
    fn visit_macro(&mut self, m: &'ast syn::Macro) {
        for leaf in macro_leaves(m) {
            match leaf {
                Leaf::Ident(i) => self.ident(&i),
                Leaf::Str(v) => self.literal(&v),
            }
        }
    }
    fn visit_type(&mut self, _: &'ast syn::Type) {}
}

/// An identifier or a string literal of a macro body.
enum Leaf {
    Ident(proc_macro2::Ident),
    Str(String),
}

/// The identifiers and string literals of a macro body (`json!({..})`, `format!(..)`), nested
/// groups included: macro bodies are tokens, invisible to syn's visitor.
fn macro_leaves(m: &syn::Macro) -> Vec<Leaf> {
    let mut out = Vec::new();
    scan_macro_tokens(m.tokens.clone(), &mut |t| match t {
        TokenTree::Ident(i) => out.push(Leaf::Ident(i)),
        TokenTree::Literal(l) => out.extend(string_literal(&l).map(Leaf::Str)),
        _ => {}
    });
    out
}

/// A lowercase string literal naming a credential header (`authorization`, `x-api-key`,
/// `x-*-token`).
pub fn is_credential_header(s: &str) -> bool {
    AUTH_LITERALS.contains(&s) || (s.starts_with("x-") && (s.ends_with("-key") || s.ends_with("-token")))
}

/// Walk a macro body's tokens (nested groups included) with an explicit stack.
fn scan_macro_tokens(ts: TokenStream, f: &mut dyn FnMut(TokenTree)) {
    let mut stack = vec![ts.into_iter()];
    while let Some(iter) = stack.last_mut() {
        match iter.next() {
            Some(TokenTree::Group(g)) => stack.push(g.stream().into_iter()),
            Some(t) => f(t),
            None => {
                stack.pop();
            }
        }
    }
}

/// The value of a string literal token, without building a syn error for other literals.
fn string_literal(l: &proc_macro2::Literal) -> Option<String> {
    let text = l.to_string();
    if !(text.starts_with('"') || text.starts_with("r\"") || text.starts_with("r#")) {
        return None;
    }
    syn::parse_str::<syn::LitStr>(&text).ok().map(|s| s.value())
}

/// Words of the OAuth authorization server's own protocol (RFC 6749 §4-§5, RFC 7591, RFC
/// 7636, RFC 8707): a function that speaks them is a token, authorize or registration
/// endpoint, whose 400 `invalid_grant` & co. are correct and not a failed request to the
/// protected resource.
const OAUTH_ENDPOINT_MARKERS: &[&str] = &[
    "grant_type",
    "invalid_grant",
    "unsupported_grant_type",
    "invalid_client",
    "invalid_client_metadata",
    "invalid_redirect_uri",
    "unauthorized_client",
    "invalid_target",
    "redirect_uri",
    "code_verifier",
    "code_challenge",
    "authorization_code",
    "client_credentials",
    "token_endpoint_auth_method",
    // The `token_type` of a token response (RFC 6749 §5.1): the function issues tokens (a login
    // endpoint), so a 400 for a bad password is its own protocol (salvo examples/db-postgres-*).
    "token_type",
];

/// A body without one of these words has no `BodyTraits` (the credential headers of
/// `is_credential_header`, `AUTHORIZATION`, and every `OAUTH_ENDPOINT_MARKERS` entry).
pub const BODY_TRAIT_WORDS: &[Word] = &[
    Word::Auth,
    Word::Key,
    Word::Token,
    Word::Grant,
    Word::Invalid,
    Word::Redirect,
    Word::CodeUnderscore,
    Word::Client,
];

/// What a function body says about itself, from one walk over its identifiers and string
/// literals (no token streams are built: this runs on every function).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BodyTraits {
    /// Reads a credential header (`AUTHORIZATION`, `"x-api-key"`).
    pub reads_credentials: bool,
    /// Speaks the OAuth authorization server's protocol (`grant_type`, `invalid_grant`).
    pub oauth_endpoint: bool,
}

pub fn body_traits(block: &syn::Block) -> BodyTraits {
    struct Scan(BodyTraits);
    impl Scan {
        fn literal(&mut self, value: &str) {
            let s = value.to_ascii_lowercase();
            if is_credential_header(&s) {
                self.0.reads_credentials = true;
            }
            if OAUTH_ENDPOINT_MARKERS.iter().any(|m| s.contains(m)) {
                self.0.oauth_endpoint = true;
            }
        }
    }
    impl<'ast> syn::visit::Visit<'ast> for Scan {
        fn visit_ident(&mut self, i: &'ast proc_macro2::Ident) {
            if i == "AUTHORIZATION" || i == "PROXY_AUTHORIZATION" {
                self.0.reads_credentials = true;
            }
            if OAUTH_ENDPOINT_MARKERS.iter().any(|m| i == m) {
                self.0.oauth_endpoint = true;
            }
        }
        fn visit_lit_str(&mut self, l: &'ast syn::LitStr) {
            self.literal(&l.value());
        }
        fn visit_macro(&mut self, m: &'ast syn::Macro) {
            for leaf in macro_leaves(m) {
                match leaf {
                    Leaf::Ident(i) => self.visit_ident(&i),
                    Leaf::Str(s) => self.literal(&s),
                }
            }
        }
    }
    let mut scan = Scan(BodyTraits::default());
    syn::visit::Visit::visit_block(&mut scan, block);
    scan.0
}

/// Calls whose result only adapts another value; the helper that matters is elsewhere.
const ADAPTERS: &[&str] = &[
    "map",
    "and_then",
    "ok",
    "ok_or",
    "ok_or_else",
    "unwrap_or",
    "unwrap_or_default",
    "unwrap",
    "expect",
    "get",
    "to_str",
    "is_some",
    "is_none",
    "is_ok",
    "is_err",
    "is_some_and",
    "is_ok_and",
    "as_deref",
    "as_ref",
    "clone",
    "headers",
    "to_string",
    "to_owned",
    "trim",
    "await",
    "into",
    "map_err",
    "filter",
    "cloned",
    "copied",
    "flatten",
];

/// The first call in `e` that is not an adapter: the helper a check depends on.
pub fn first_helper_call(e: &Expr) -> Option<String> {
    struct Finder(Option<String>);
    impl<'ast> syn::visit::Visit<'ast> for Finder {
        fn visit_expr_call(&mut self, c: &'ast syn::ExprCall) {
            if self.0.is_none() {
                if let Expr::Path(p) = &*c.func {
                    if let Some(seg) = p.path.segments.last() {
                        let name = seg.ident.to_string();
                        if !ADAPTERS.contains(&name.as_str()) && name.starts_with(|c: char| c.is_ascii_lowercase()) {
                            self.0 = Some(name);
                            return;
                        }
                    }
                }
            }
            syn::visit::visit_expr_call(self, c);
        }
        fn visit_expr_method_call(&mut self, m: &'ast syn::ExprMethodCall) {
            syn::visit::visit_expr(self, &m.receiver);
            if self.0.is_none() && !ADAPTERS.contains(&m.method.to_string().as_str()) {
                self.0 = Some(m.method.to_string());
            }
            for a in &m.args {
                syn::visit::visit_expr(self, a);
            }
        }
        fn visit_expr_closure(&mut self, c: &'ast syn::ExprClosure) {
            syn::visit::visit_expr(self, &c.body);
        }
    }
    let mut f = Finder(None);
    syn::visit::Visit::visit_expr(&mut f, e);
    f.0
}

/// What failing a pattern match means: `Some(..)`/`Ok(..)` patterns fail on a missing value
/// (`None`, Missing) or an error (`Err`, Invalid).
fn failure_of_positive_pattern(p: &Pat) -> Option<FailKind> {
    match p {
        Pat::TupleStruct(ts) => match ts.path.segments.last().map(|s| s.ident.to_string()).as_deref() {
            Some("Some") => Some(FailKind::Missing),
            Some("Ok") => Some(FailKind::Invalid),
            _ => None,
        },
        Pat::Type(t) => failure_of_positive_pattern(&t.pat),
        Pat::Reference(r) => failure_of_positive_pattern(&r.pat),
        _ => None,
    }
}

/// The kind of failure a pattern itself matches (`None` → Missing, `Err(_)` → Invalid).
fn failure_pattern(p: &Pat) -> Option<FailKind> {
    match p {
        Pat::Ident(i) if i.ident == "None" => Some(FailKind::Missing),
        Pat::Path(pp) if pp.path.is_ident("None") => Some(FailKind::Missing),
        Pat::TupleStruct(ts) if ts.path.is_ident("Err") => Some(FailKind::Invalid),
        // `Some(false)` / `Ok(false)`: a check that ran and said no.
        Pat::TupleStruct(ts)
            if ts.elems.len() == 1
                && matches!(ts.elems.first(), Some(Pat::Lit(l)) if matches!(&l.lit, syn::Lit::Bool(b) if !b.value)) =>
        {
            Some(FailKind::Invalid)
        }
        Pat::Lit(l) if matches!(&l.lit, syn::Lit::Bool(b) if !b.value) => Some(FailKind::Invalid),
        Pat::Or(o) => o.cases.iter().find_map(failure_pattern),
        _ => None,
    }
}

/// `let PAT = EXPR else { .. }`: the else block runs when a credential read or check failed.
pub fn pattern_failure(pat: &Pat, init: &Expr, auth: &dyn Fn(&Expr) -> bool) -> Option<FailKind> {
    if !auth(init) {
        return None;
    }
    failure_of_positive_pattern(pat).or(Some(FailKind::Invalid))
}

/// For `if cond { A } else { B }`: the failure kind that holds in A and in B.
pub fn if_failures(cond: &Expr, auth: &dyn Fn(&Expr) -> bool) -> (Option<FailKind>, Option<FailKind>) {
    if let Expr::Let(l) = cond {
        if !auth(&l.expr) {
            return (None, None);
        }
        if let Some(k) = failure_pattern(&l.pat) {
            return (Some(k), None);
        }
        return (None, failure_of_positive_pattern(&l.pat).or(Some(FailKind::Invalid)));
    }
    if let Expr::Binary(b) = cond {
        if matches!(b.op, syn::BinOp::And(_)) {
            if let Expr::Let(_) = &*b.left {
                return if_failures(&b.left, auth);
            }
        }
    }
    if !auth(cond) {
        return (None, None);
    }
    match negated(cond) {
        Some((true, k)) => (Some(k), None),
        Some((false, k)) => (None, Some(k)),
        None => (None, None),
    }
}

/// Words of authorization checks on an identity that is already authenticated: failing them
/// is 403 territory (RFC 6750 §3.1 `insufficient_scope`, or plain 403), not 401.
const PERMISSION_WORDS: &[&str] = &[
    "role",
    "roles",
    "scope",
    "scopes",
    "permission",
    "permissions",
    "permitted",
    "admin",
    "group",
    "groups",
    "authorize",
    "authz",
];

/// A binding named for an error value (`e`, `err`, `source`, `jwt_error`).
pub fn is_error_name(name: &str) -> bool {
    matches!(name, "e" | "err" | "error" | "source" | "cause")
        || name.ends_with("_err")
        || name.ends_with("_error")
        || name.starts_with("err_")
}

/// What a failing call says about credentials, by the verb of the call that failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CallRole {
    /// `decode`, `verify_*`, `validate_*`, `check_*`, `authenticate`: an error is a rejection.
    Verifies,
    /// `lookup`, `get`, `fetch`, `query`, `load`: an error is the store or network failing.
    Looks,
    /// `sign`, `encode`, `issue`, `generate`, `hash`: an error is the server's own.
    Produces,
    Unknown,
}

/// The role of the call an expression fails in (its first non-adapter call).
pub fn call_role(e: &Expr) -> CallRole {
    let Some(name) = first_helper_call(e) else { return CallRole::Unknown };
    role_of_name(&name)
}

/// The role a function or method name says it has, by its first word.
pub fn role_of_name(name: &str) -> CallRole {
    let ws = words(name);
    let first = ws.first().map(String::as_str).unwrap_or("");
    match first {
        "decode" | "verify" | "validate" | "check" | "authenticate" | "authorize" | "parse" | "extract" | "require" => {
            CallRole::Verifies
        }
        "lookup" | "get" | "fetch" | "find" | "load" | "query" | "read" | "select" | "introspect" | "resolve"
        | "post" | "put" | "send" | "request" | "execute" | "upload" | "connect" => CallRole::Looks,
        "sign" | "encode" | "issue" | "generate" | "create" | "mint" | "hash" | "encrypt" | "new" | "build" => {
            CallRole::Produces
        }
        _ => CallRole::Unknown,
    }
}

/// Does the expression mention one of these locals?
pub fn mentions_any(e: &Expr, locals: &[String]) -> bool {
    !locals.is_empty() && any_ident(e, &mut |i| locals.iter().any(|l| i == l))
}

/// Does a condition check a role, scope or permission?
pub fn checks_permission(cond: &Expr) -> bool {
    any_ident(cond, &mut |i| has_word(&i.to_string(), PERMISSION_WORDS))
}

/// Does any identifier of the expression (paths, methods, fields) satisfy `pred`?
fn any_ident(e: &Expr, pred: &mut dyn FnMut(&proc_macro2::Ident) -> bool) -> bool {
    struct Find<'p> {
        pred: &'p mut dyn FnMut(&proc_macro2::Ident) -> bool,
        found: bool,
    }
    impl<'ast> syn::visit::Visit<'ast> for Find<'_> {
        fn visit_ident(&mut self, i: &'ast proc_macro2::Ident) {
            if !self.found && (self.pred)(i) {
                self.found = true;
            }
        }
        fn visit_type(&mut self, _: &'ast syn::Type) {}
    }
    let mut f = Find { pred, found: false };
    syn::visit::Visit::visit_expr(&mut f, e);
    f.found
}

/// Whether a boolean condition is true on failure, and which failure.
fn negated(cond: &Expr) -> Option<(bool, FailKind)> {
    match cond {
        Expr::Unary(u) if matches!(u.op, syn::UnOp::Not(_)) => negated(&u.expr).map(|(t, k)| (!t, k)),
        Expr::Paren(p) => negated(&p.expr),
        Expr::Binary(b) => match b.op {
            syn::BinOp::Ne(_) => Some((true, FailKind::Invalid)),
            syn::BinOp::Eq(_) => {
                let none = |e: &Expr| matches!(e, Expr::Path(p) if p.path.is_ident("None"));
                if none(&b.left) || none(&b.right) {
                    Some((true, FailKind::Missing))
                } else {
                    Some((false, FailKind::Invalid))
                }
            }
            syn::BinOp::Or(_) => negated(&b.left).or_else(|| negated(&b.right)),
            syn::BinOp::And(_) => negated(&b.left).or_else(|| negated(&b.right)),
            _ => None,
        },
        Expr::MethodCall(m) => {
            let name = m.method.to_string();
            match name.as_str() {
                "is_none" | "is_empty" => Some((true, FailKind::Missing)),
                "is_err" => Some((true, FailKind::Invalid)),
                "is_some" => Some((false, FailKind::Missing)),
                _ => Some((false, FailKind::Invalid)),
            }
        }
        Expr::Call(_) | Expr::Await(_) | Expr::Path(_) | Expr::Field(_) => Some((false, FailKind::Invalid)),
        _ => None,
    }
}

/// For each arm of `match scrutinee { .. }`, the failure kind that holds in it.
pub fn match_failures(scrutinee: &Expr, arms: &[syn::Arm], auth: &dyn Fn(&Expr) -> bool) -> Vec<Option<FailKind>> {
    if !auth(scrutinee) {
        return vec![None; arms.len()];
    }
    let positive = arms.iter().find_map(|a| failure_of_positive_pattern(&a.pat));
    // With an `Ok(None)` / `Ok(false)` arm the verdict is inside `Ok`, so `Err` is the lookup
    // itself failing (a store or identity provider down), not rejected credentials.
    let verdict_in_ok = arms.iter().any(|a| ok_holds_verdict(&a.pat));
    arms.iter()
        .map(|a| match &a.pat {
            Pat::TupleStruct(ts) if verdict_in_ok && ts.path.is_ident("Err") => None,
            Pat::Wild(_) => positive,
            Pat::Ident(i) if i.subpat.is_none() && i.ident != "None" => positive,
            p => failure_pattern(p),
        })
        .collect()
}

/// `Ok(None)`, `Ok(false)`: a lookup that worked and found no valid credential.
fn ok_holds_verdict(p: &Pat) -> bool {
    let Pat::TupleStruct(ts) = p else {
        return false;
    };
    ts.path.is_ident("Ok")
        && ts.elems.first().is_some_and(|inner| match inner {
            Pat::Ident(i) => i.ident == "None",
            Pat::Path(pp) => pp.path.is_ident("None"),
            Pat::Lit(l) => matches!(&l.lit, syn::Lit::Bool(b) if !b.value),
            _ => false,
        })
}

/// Variant names an arm pattern matches (`Self::A | AuthError::B(..)` → `["A", "B"]`).
pub fn pattern_variants(p: &Pat) -> Vec<String> {
    let last = |path: &syn::Path| path.segments.last().map(|s| s.ident.to_string());
    match p {
        Pat::Path(pp) => last(&pp.path).into_iter().collect(),
        Pat::TupleStruct(ts) => last(&ts.path).into_iter().collect(),
        Pat::Struct(s) => last(&s.path).into_iter().collect(),
        Pat::Ident(i) if i.ident.to_string().starts_with(|c: char| c.is_ascii_uppercase()) => {
            vec![i.ident.to_string()]
        }
        Pat::Or(o) => o.cases.iter().flat_map(pattern_variants).collect(),
        Pat::Reference(r) => pattern_variants(&r.pat),
        Pat::Paren(pp) => pattern_variants(&pp.pat),
        _ => Vec::new(),
    }
}

/// Words in a message or name that place it in the auth vocabulary (lowercase, no separators).
const AUTH_WORDS: &[&str] = &[
    "unauthori",
    "unauthenticat",
    "notauthenticat",
    "authenticat",
    "authoriz",
    "invalidtoken",
    "missingtoken",
    "expiredtoken",
    "tokenexpired",
    "accesstoken",
    "bearer",
    "apikey",
    "credential",
    "jwt",
    "token",
    "loginrequired",
];

/// Does a message or identifier belong to the auth vocabulary? Compared without spaces,
/// underscores, hyphens and case, so `InvalidToken`, `invalid_token` and "Invalid token" agree.
pub fn is_auth_text(text: &str) -> bool {
    let squashed: String = text.chars().filter(|c| c.is_ascii_alphanumeric()).collect::<String>().to_ascii_lowercase();
    AUTH_WORDS.iter().any(|w| squashed.contains(w))
}

/// An error variant or type name that on its own says "auth failure" (`Unauthorized`,
/// `InvalidToken`, `MissingApiKey`).
pub fn is_auth_variant(name: &str) -> bool {
    is_auth_text(name)
}

/// What kind of failure a name or message describes, if it says.
pub fn fail_kind_of_text(text: &str) -> Option<FailKind> {
    let s: String = text.chars().filter(|c| c.is_ascii_alphanumeric()).collect::<String>().to_ascii_lowercase();
    if s.contains("scope") || s.contains("forbidden") || s.contains("permission") || s.contains("insufficient") {
        Some(FailKind::Scope)
    } else if ["malformed", "invalidrequest", "format", "utf8", "encoding", "characters", "syntax", "parse"]
        .iter()
        .any(|w| s.contains(w))
    {
        Some(FailKind::Malformed)
    } else if s.contains("missing") || s.contains("required") || s.starts_with("no") || s.contains("notprovided") {
        Some(FailKind::Missing)
    } else if s.contains("invalid")
        || s.contains("expired")
        || s.contains("wrong")
        || s.contains("bad")
        || s.contains("revoked")
        || s.contains("unauthori")
    {
        Some(FailKind::Invalid)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn expr(s: &str) -> Expr {
        syn::parse_str(s).unwrap()
    }

    #[test]
    fn auth_reads() {
        assert!(mentions_auth(&expr("headers.get(AUTHORIZATION)")));
        assert!(mentions_auth(&expr(r#"req.headers().get("x-api-key")"#)));
        assert!(mentions_auth(&expr("verify_token(&t)")));
        assert!(!mentions_auth(&expr("headers.get(\"mcp-session-id\")")));
        assert!(!mentions_auth(&expr("author.name()")));
    }

    #[test]
    fn branch_failures() {
        let auth = |e: &Expr| mentions_auth(e);
        let (t, e) = if_failures(&expr("if let Some(h) = headers.get(AUTHORIZATION) {}").clone_cond(), &auth);
        assert_eq!((t, e), (None, Some(FailKind::Missing)));
        let (t, e) = if_failures(&expr("!is_valid_token(&token)"), &auth);
        assert_eq!((t, e), (Some(FailKind::Invalid), None));
        let (t, e) = if_failures(&expr("token != expected"), &auth);
        assert_eq!((t, e), (Some(FailKind::Invalid), None));
        let (t, e) = if_failures(&expr("session.is_none()"), &auth);
        assert_eq!((t, e), (None, None));
    }

    trait CloneCond {
        fn clone_cond(&self) -> Expr;
    }
    impl CloneCond for Expr {
        fn clone_cond(&self) -> Expr {
            match self {
                Expr::If(i) => (*i.cond).clone(),
                e => e.clone(),
            }
        }
    }

    #[test]
    fn auth_word_stems_cover_the_auth_words() {
        for w in AUTH_WORDS_IN_IDENTS {
            assert!(may_have_word(w, AUTH_WORD_STEMS), "{w}");
        }
        assert!(!may_have_word("progress_cursor", AUTH_WORD_STEMS));
        assert!(may_have_word("APIKey", AUTH_WORD_STEMS));
    }

    #[test]
    fn identifier_words() {
        for yes in [
            "token",
            "auth_header",
            "validate_token",
            "ApiKey",
            "api_key",
            "bearer",
            "verify_jwt",
            "authenticate",
            "AUTH_TOKEN",
            "tokens",
        ] {
            assert!(is_auth_ident(yes), "{yes}");
        }
        for no in [
            "progress_token",
            "max_tokens",
            "CursorToken",
            "allow_credentials",
            "verify_post_action",
            "password_hash",
            "secret_store",
            "verify_tls",
            "author",
            "authority",
            "token_count",
            "next_page_token",
            "session_id",
            "keys",
        ] {
            assert!(!is_auth_ident(no), "{no}");
        }
    }

    #[test]
    fn settings_fields_are_not_credentials() {
        assert!(!mentions_auth(&expr("self.auth.as_ref().is_some_and(|a| a.enabled)")));
        assert!(mentions_auth(&expr("self.authorization.lock()")));
        assert!(!mentions_auth(&expr("config.token_exchange.is_none()")));
        assert!(mentions_auth(&expr("self.verify_token(&t)")));
        assert!(mentions_auth(&expr("state.tokens.lookup(&key)")));
    }

    #[test]
    fn vocabulary() {
        assert!(is_auth_text("Invalid or expired token"));
        assert!(is_auth_text("Unauthorized"));
        assert!(is_auth_variant("MissingApiKey"));
        assert!(!is_auth_text("Method not found"));
        assert_eq!(fail_kind_of_text("MissingCredentials"), Some(FailKind::Missing));
        assert_eq!(fail_kind_of_text("InvalidToken"), Some(FailKind::Invalid));
        assert_eq!(fail_kind_of_text("insufficient_scope"), Some(FailKind::Scope));
    }
}
