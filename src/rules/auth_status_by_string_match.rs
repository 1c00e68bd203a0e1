//! `auth-status-by-string-match`: an HTTP status chosen by searching error text.

use super::Rule;
use crate::report::Level;

pub static RULE: Rule = Rule {
    id: "auth-status-by-string-match",
    default_level: Level::Deny,
    summary: "HTTP status chosen by searching error text (msg.contains(\"Unauthorized\"), \
              e.to_string().starts_with(\"Invalid JWT\"), msg == \"token expired\")",
    why: "The status a client sees then depends on wording, not on what failed: a reworded, \
          wrapped, truncated or translated message silently turns a 401 into a 500, and an \
          unrelated message that happens to contain \"Token\" becomes a 401. Clients \
          re-authenticate only on 401, so the first edit to an error message breaks login. \
          Seed 001: mcp-proxy answered 401 only when the message contained \"Authentication\", \
          \"Invalid JWT\", \"Token\" or \"Unauthorized\", and 500 otherwise; the workaround was to \
          prefix every auth message with a keyword. Flagged: an `if` condition, a `match` guard or \
          a `match` on the text itself that searches error text (`e.to_string()`, `format!(..)`, \
          `err.message`, a variant's string payload, a local named for a message such as `msg` or \
          `err_str`, lowercased or not) for an auth word or \"401\"/\"403\" (a literal, a literal \
          keyword array or a keyword const iterated with `.any(..)`), where the branch yields a \
          status (`StatusCode::X`, `StatusCode::from_u16(n)`, actix `HttpResponse::Unauthorized()` \
          or `ErrorUnauthorized`, or an integer 400..599 as the branch's value). Not flagged: \
          searches of request data (paths, URIs, headers), of permission sets (`scopes`), and \
          searches that pick a log line, a retry or a message rather than a status.",
    bad: r#"impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let msg = self.0.to_string();
        let status = if msg.contains("Unauthorized") || msg.starts_with("Invalid JWT") {
            StatusCode::UNAUTHORIZED
        } else {
            StatusCode::INTERNAL_SERVER_ERROR // "missing bearer token" lands here
        };
        status.into_response()
    }
}"#,
    good: r#"#[derive(Debug, thiserror::Error)]
enum AppError {
    #[error("unauthorized")]
    Unauthorized,
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        match self {
            AppError::Unauthorized => (StatusCode::UNAUTHORIZED, [(header::WWW_AUTHENTICATE, CHALLENGE)]).into_response(),
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
        }
    }
}"#,
    fix: "Carry the failure kind in the type and map it in one `match`: an error enum variant \
          (`AppError::Unauthorized`), a library kind (`jsonwebtoken::errors::ErrorKind::\
          ExpiredSignature`), or `err.downcast_ref::<AuthError>()` on an `anyhow::Error`. Map \
          the auth variants to `(StatusCode::UNAUTHORIZED, [(header::WWW_AUTHENTICATE, \
          CHALLENGE)])`: `match err { AuthError::InvalidToken => StatusCode::UNAUTHORIZED, .. }`, \
          or put `#[auth_error]` (crate auth-error) on the enum to generate the responses. Never \
          decide a status with `to_string().contains(..)`, `starts_with(..)`, `==` or a regex \
          over the message.",
    sources: &[
        "RFC 9110 section 15.5.2",
        "RFC 6750 section 3.1",
        "spec-rules.md section 3 (status-code mapping by failure)",
        "framework-catalog.md section 1 rule 5",
        "seed 001 (mcp-proxy keyword detection: includes(\"Authentication\" | \"Invalid JWT\" | \"Token\" | \"Unauthorized\") -> 401, else 500)",
    ],
    security_severity: "7.0",
    detects: true,
};

// ---------------------------------------------------------------------------------------------
// The check.

use super::file::FileCx;
use crate::facts::extract::span_of;
use crate::facts::ir::Hit;
use crate::facts::signals::{is_auth_ident, is_auth_text, words};
use crate::facts::span as fspan;
use crate::frameworks::http::{status_const, STATUS_TYPES};
use proc_macro2::Span as PmSpan;
use syn::visit::Visit;
use syn::{Expr, Lit};

/// String methods that search text.
const SEARCHES: &[&str] =
    &["contains", "starts_with", "ends_with", "find", "rfind", "matches", "eq_ignore_ascii_case", "eq"];

/// Methods that give an error's text (`e.to_string()`, `err.message()`).
const TEXT_OF: &[&str] = &["to_string", "message", "description", "reason", "msg", "get_message", "error_message"];

/// Methods that keep text text (`.to_lowercase()`, `.as_str()`).
const TEXT_KEEPS: &[&str] = &[
    "to_lowercase",
    "to_ascii_lowercase",
    "to_uppercase",
    "to_ascii_uppercase",
    "as_str",
    "as_ref",
    "trim",
    "to_owned",
    "clone",
    "as_deref",
    "unwrap_or_default",
];

/// Words of a local's name that say it holds a message (`msg`, `err_str`, `error_text`).
const TEXT_WORDS: &[&str] = &[
    "msg",
    "message",
    "messages",
    "err",
    "error",
    "errmsg",
    "reason",
    "description",
    "desc",
    "detail",
    "details",
    "text",
    "str",
    "string",
    "cause",
    "what",
    "display",
];

/// Words that say a value is not error text: request data matched for routing or parsing, and
/// permission sets (`scopes.contains("admin")` is a permission check).
const NOT_TEXT_WORDS: &[&str] = &[
    "path",
    "uri",
    "url",
    "header",
    "headers",
    "host",
    "query",
    "route",
    "method",
    "scope",
    "scopes",
    "role",
    "roles",
    "permission",
    "permissions",
    "origin",
    "content",
    "accept",
    "mime",
    "ext",
    "name",
    "id",
    "file",
    "filename",
];

/// actix-web `HttpResponse::<Name>()` builders and `error::Error<Name>` helpers, by status.
const ACTIX_NAMES: &[(&str, u16)] = &[
    ("Ok", 200),
    ("BadRequest", 400),
    ("Unauthorized", 401),
    ("Forbidden", 403),
    ("NotFound", 404),
    ("TooManyRequests", 429),
    ("InternalServerError", 500),
    ("BadGateway", 502),
    ("ServiceUnavailable", 503),
];

pub fn check(cx: &FileCx, out: &mut Vec<Hit>) {
    let mut v = Visitor { cx, out, keyword_consts: keyword_consts(&cx.file.items), text_locals: Vec::new() };
    v.visit_file(cx.file);
}

/// `const AUTH_KEYWORDS: &[&str] = ["Unauthorized", "Token"]` in the file: names of string
/// arrays with an auth word, for `AUTH_KEYWORDS.iter().any(|k| msg.contains(k))`.
fn keyword_consts(items: &[syn::Item]) -> Vec<String> {
    let mut out = Vec::new();
    for item in items {
        let (ident, expr) = match item {
            syn::Item::Const(c) => (&c.ident, &*c.expr),
            syn::Item::Static(s) => (&s.ident, &*s.expr),
            syn::Item::Mod(m) => {
                out.extend(m.content.as_ref().map(|(_, items)| keyword_consts(items)).unwrap_or_default());
                continue;
            }
            _ => continue,
        };
        if array_has_auth_word(expr) {
            out.push(ident.to_string());
        }
    }
    out
}

fn array_has_auth_word(e: &Expr) -> bool {
    match e {
        Expr::Reference(r) => array_has_auth_word(&r.expr),
        Expr::Array(a) => a.elems.iter().any(|x| str_lit(x).is_some_and(|s| is_auth_keyword(&s))),
        _ => false,
    }
}

fn str_lit(e: &Expr) -> Option<String> {
    match e {
        Expr::Lit(l) => match &l.lit {
            Lit::Str(s) => Some(s.value()),
            _ => None,
        },
        Expr::Reference(r) => str_lit(&r.expr),
        Expr::Paren(p) => str_lit(&p.expr),
        Expr::Group(g) => str_lit(&g.expr),
        _ => None,
    }
}

/// A word an error message would carry when the failure is about credentials. Scheme prefixes
/// (`"Bearer "`, `"Basic "`) are what an `Authorization` value starts with, not error text.
fn is_auth_keyword(s: &str) -> bool {
    let lower = s.trim().to_ascii_lowercase();
    if lower.is_empty() || lower.starts_with("bearer") || lower.starts_with("basic") {
        return false;
    }
    is_auth_text(&lower)
        || ["401", "403", "forbidden", "permission denied", "access denied", "not allowed"]
            .iter()
            .any(|w| lower.contains(w))
}

struct Visitor<'c, 'a> {
    cx: &'c FileCx<'a>,
    out: &'c mut Vec<Hit>,
    keyword_consts: Vec<String>,
    /// Locals bound to error text in the current function (`let msg = e.to_string();`).
    text_locals: Vec<String>,
}

/// One text search found in a condition.
struct Search {
    span: PmSpan,
    shown: String,
}

impl Visitor<'_, '_> {
    /// Is `e` the text of an error (`e.to_string()`, `format!(..)`, `err.message`, a local
    /// holding one), rather than request data or a permission set?
    fn is_text(&self, e: &Expr) -> bool {
        match e {
            Expr::MethodCall(m) => {
                let name = m.method.to_string();
                if TEXT_OF.contains(&name.as_str()) {
                    !self.names_request_data(&m.receiver)
                } else if TEXT_KEEPS.contains(&name.as_str()) {
                    self.is_text(&m.receiver)
                } else {
                    false
                }
            }
            Expr::Macro(m) => m.mac.path.segments.last().is_some_and(|s| s.ident == "format"),
            Expr::Field(f) => match &f.member {
                syn::Member::Named(i) => {
                    let n = i.to_string();
                    ["message", "msg", "reason", "description", "detail", "error_description"].contains(&n.as_str())
                        && !self.names_request_data(&f.base)
                }
                syn::Member::Unnamed(_) => false,
            },
            Expr::Path(p) => {
                let Some(id) = p.path.get_ident().map(|i| i.to_string()) else { return false };
                self.text_locals.contains(&id) || is_text_name(&id)
            }
            Expr::Reference(r) => self.is_text(&r.expr),
            Expr::Paren(p) => self.is_text(&p.expr),
            Expr::Group(g) => self.is_text(&g.expr),
            Expr::Unary(u) => self.is_text(&u.expr),
            _ => false,
        }
    }

    /// Does a receiver chain read request data (`req.uri().path()`, `headers.get(..)`)?
    fn names_request_data(&self, e: &Expr) -> bool {
        let bad = |s: &str| {
            let ws = words(s);
            is_auth_ident(s) || ws.iter().any(|w| NOT_TEXT_WORDS.contains(&w.as_str()))
        };
        match e {
            Expr::MethodCall(m) => bad(&m.method.to_string()) || self.names_request_data(&m.receiver),
            Expr::Field(f) => {
                matches!(&f.member, syn::Member::Named(i) if bad(&i.to_string())) || self.names_request_data(&f.base)
            }
            Expr::Path(p) => p.path.segments.iter().any(|s| bad(&s.ident.to_string())),
            Expr::Reference(r) => self.names_request_data(&r.expr),
            Expr::Paren(p) => self.names_request_data(&p.expr),
            Expr::Call(c) => self.names_request_data(&c.func),
            Expr::Try(t) => self.names_request_data(&t.expr),
            Expr::Await(a) => self.names_request_data(&a.base),
            _ => false,
        }
    }

    /// The text searches for auth words in a condition (`msg.contains("Unauthorized")`,
    /// `e.to_string() == "401"`, `KEYWORDS.iter().any(|k| msg.contains(k))`).
    fn searches(&self, cond: &Expr) -> Vec<Search> {
        struct Finder<'v, 'c, 'a> {
            v: &'v Visitor<'c, 'a>,
            cond: &'v Expr,
            found: Vec<Search>,
        }
        impl<'ast> Visit<'ast> for Finder<'_, '_, '_> {
            fn visit_expr_method_call(&mut self, m: &'ast syn::ExprMethodCall) {
                let name = m.method.to_string();
                if SEARCHES.contains(&name.as_str()) && self.v.is_text(&m.receiver) {
                    if let Some(arg) = m.args.first() {
                        if self.v.is_keyword_arg(arg, self.cond) {
                            let span = m.method.span().join(m.paren_token.span.close()).unwrap_or(m.method.span());
                            let shown = match str_lit(arg) {
                                Some(s) => format!(".{name}({s:?})"),
                                None => format!(".{name}(..)"),
                            };
                            self.found.push(Search { span, shown });
                        }
                    }
                }
                syn::visit::visit_expr_method_call(self, m);
            }
            fn visit_expr_binary(&mut self, b: &'ast syn::ExprBinary) {
                if matches!(b.op, syn::BinOp::Eq(_) | syn::BinOp::Ne(_)) {
                    for (text, lit) in [(&*b.left, &*b.right), (&*b.right, &*b.left)] {
                        if let Some(s) = str_lit(lit) {
                            if is_auth_keyword(&s) && self.v.is_text(text) {
                                let span = fspan::expr(&Expr::Binary(b.clone()));
                                self.found.push(Search { span, shown: format!("== {s:?}") });
                                break;
                            }
                        }
                    }
                }
                syn::visit::visit_expr_binary(self, b);
            }
        }
        let mut f = Finder { v: self, cond, found: Vec::new() };
        f.visit_expr(cond);
        f.found
    }

    /// An auth word: a literal, or a closure parameter drawn from a literal array or a
    /// keyword const that the same condition iterates.
    fn is_keyword_arg(&self, arg: &Expr, cond: &Expr) -> bool {
        if let Some(s) = str_lit(arg) {
            return is_auth_keyword(&s);
        }
        if let Expr::Lit(_) = arg {
            return false;
        }
        struct Arrays<'k> {
            consts: &'k [String],
            found: bool,
        }
        impl<'ast> Visit<'ast> for Arrays<'_> {
            fn visit_expr(&mut self, e: &'ast Expr) {
                match e {
                    Expr::Array(_) if array_has_auth_word(e) => self.found = true,
                    Expr::Path(p) if p.path.get_ident().is_some_and(|i| self.consts.iter().any(|c| i == c)) => {
                        self.found = true
                    }
                    _ => syn::visit::visit_expr(self, e),
                }
            }
        }
        let mut a = Arrays { consts: &self.keyword_consts, found: false };
        a.visit_expr(cond);
        a.found
    }

    fn report(&mut self, searches: Vec<Search>, status: (u16, PmSpan)) {
        let Some(first) = searches.first() else { return };
        let list: Vec<&str> = searches.iter().map(|s| s.shown.as_str()).collect();
        let message = format!(
            "HTTP {} chosen by searching error text ({}): a reworded or wrapped message changes the status",
            status.0,
            list.join(", ")
        );
        let help = "carry the failure kind in a type and map it by variant: `match err { \
                    AuthError::InvalidToken | AuthError::Missing => StatusCode::UNAUTHORIZED, \
                    AuthError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR }` (or \
                    `err.downcast_ref::<AuthError>()` on an anyhow::Error); "
            .to_string()
            + super::MACRO_HELP;
        let mut hit = self.cx.hit(&RULE, first.span, message, help);
        for s in searches.iter().skip(1) {
            hit.related.push((span_of(s.span), format!("also searches the text: {}", s.shown)));
        }
        hit.related.push((span_of(status.1), format!("the status chosen: {}", status.0)));
        // A related line equal to the finding's own would read as "reported at its cause"
        // (`rules::drop_findings_reported_at_their_cause`) and drop the finding.
        let line = hit.span.line;
        hit.related.retain(|(s, _)| s.line != line);
        self.out.push(hit);
    }

    fn function(&mut self, block: &syn::Block) {
        let saved = std::mem::take(&mut self.text_locals);
        self.visit_block(block);
        self.text_locals = saved;
    }
}

/// A local named for a message (`msg`, `err_str`, `error_text`), not for credentials or
/// request data (`token_str`, `path_str`).
fn is_text_name(id: &str) -> bool {
    let ws = words(id);
    ws.iter().any(|w| TEXT_WORDS.contains(&w.as_str()))
        && !is_auth_ident(id)
        && !ws.iter().any(|w| NOT_TEXT_WORDS.contains(&w.as_str()))
}

/// The first HTTP status a branch yields: `StatusCode::X`, `StatusCode::from_u16(n)`,
/// actix `HttpResponse::Unauthorized()` / `ErrorUnauthorized(..)`, or a status-range integer
/// as the branch's value (`401`, `(403, "..")`).
fn status_in(e: &Expr) -> Option<(u16, PmSpan)> {
    struct S {
        found: Option<(u16, PmSpan)>,
    }
    impl<'ast> Visit<'ast> for S {
        fn visit_expr(&mut self, e: &'ast Expr) {
            if self.found.is_some() {
                return;
            }
            match e {
                Expr::Path(p) => {
                    let segs: Vec<String> = p.path.segments.iter().map(|s| s.ident.to_string()).collect();
                    if let [.., ty, name] = segs.as_slice() {
                        if STATUS_TYPES.contains(&ty.as_str()) {
                            if let Some(code) = status_const(name) {
                                self.found = Some((code, fspan::expr(e)));
                                return;
                            }
                        }
                    }
                }
                Expr::Call(c) => {
                    if let Expr::Path(p) = &*c.func {
                        let segs: Vec<String> = p.path.segments.iter().map(|s| s.ident.to_string()).collect();
                        let code = match segs.as_slice() {
                            [.., ty, f] if STATUS_TYPES.contains(&ty.as_str()) && f == "from_u16" => {
                                c.args.first().and_then(int_lit)
                            }
                            [.., ty, f] if ty == "HttpResponse" || ty == "HttpResponseBuilder" => {
                                ACTIX_NAMES.iter().find(|(n, _)| n == f).map(|(_, c)| *c)
                            }
                            [.., f] => f
                                .strip_prefix("Error")
                                .and_then(|n| ACTIX_NAMES.iter().find(|(a, _)| *a == n))
                                .map(|(_, c)| *c),
                            _ => None,
                        };
                        if let Some(code) = code {
                            self.found = Some((code, fspan::call(c)));
                            return;
                        }
                    }
                }
                _ => {}
            }
            syn::visit::visit_expr(self, e);
        }
        // A closure or nested fn inside the branch decides something else.
        fn visit_expr_closure(&mut self, _: &'ast syn::ExprClosure) {}
        fn visit_item(&mut self, _: &'ast syn::Item) {}
    }
    let mut s = S { found: None };
    s.visit_expr(e);
    s.found.or_else(|| tail_int(e))
}

fn int_lit(e: &Expr) -> Option<u16> {
    match e {
        Expr::Lit(syn::ExprLit { lit: Lit::Int(i), .. }) => {
            i.base10_parse::<u16>().ok().filter(|c| (400..=599).contains(c))
        }
        _ => None,
    }
}

/// A status integer as the value of a branch: `{ 401 }`, `{ (403, "forbidden") }`, `Err(401)`.
fn tail_int(e: &Expr) -> Option<(u16, PmSpan)> {
    match e {
        Expr::Block(b) => match b.block.stmts.last() {
            Some(syn::Stmt::Expr(t, None)) => tail_int(t),
            Some(syn::Stmt::Expr(Expr::Return(r), _)) => r.expr.as_deref().and_then(tail_int),
            _ => None,
        },
        Expr::Lit(_) => int_lit(e).map(|c| (c, fspan::expr(e))),
        Expr::Tuple(t) => t.elems.first().and_then(tail_int),
        Expr::Call(c) if matches!(&*c.func, Expr::Path(p) if p.path.is_ident("Err") || p.path.is_ident("Ok")) => {
            c.args.first().and_then(tail_int)
        }
        Expr::Return(r) => r.expr.as_deref().and_then(tail_int),
        Expr::Paren(p) => tail_int(&p.expr),
        _ => None,
    }
}

/// The branch of `if` that decides a status: the `then` block, or a plain `else` block (an
/// `else if` is its own decision).
fn if_status(i: &syn::ExprIf) -> Option<(u16, PmSpan)> {
    let then = Expr::Block(syn::ExprBlock { attrs: Vec::new(), label: None, block: i.then_branch.clone() });
    status_in(&then).or_else(|| match &i.else_branch {
        Some((_, e)) if matches!(&**e, Expr::Block(_)) => status_in(e),
        _ => None,
    })
}

impl<'ast> Visit<'ast> for Visitor<'_, '_> {
    crate::facts::walk::skip_types_and_paths!();
    fn visit_item_fn(&mut self, f: &'ast syn::ItemFn) {
        self.function(&f.block);
    }
    fn visit_impl_item_fn(&mut self, f: &'ast syn::ImplItemFn) {
        self.function(&f.block);
    }

    fn visit_local(&mut self, l: &'ast syn::Local) {
        if let (syn::Pat::Ident(p), Some(init)) = (&l.pat, &l.init) {
            if self.is_text(&init.expr) {
                self.text_locals.push(p.ident.to_string());
            }
        }
        syn::visit::visit_local(self, l);
    }
    fn visit_expr_if(&mut self, i: &'ast syn::ExprIf) {
        let searches = self.searches(&i.cond);
        if !searches.is_empty() {
            if let Some(status) = if_status(i) {
                self.report(searches, status);
            }
        }
        syn::visit::visit_expr_if(self, i);
    }
    fn visit_expr_match(&mut self, m: &'ast syn::ExprMatch) {
        let text_scrutinee = self.is_text(&m.expr);
        for arm in &m.arms {
            if let syn::Pat::Guard(g) = &arm.pat {
                // `ApiError::Upstream(m) if m.starts_with(..)`: what an error variant carries is
                // its text.
                let before = self.text_locals.len();
                error_payloads(&g.pat, false, &mut self.text_locals);
                let searches = self.searches(&g.guard);
                self.text_locals.truncate(before);
                if !searches.is_empty() {
                    if let Some(status) = status_in(&arm.body).or_else(|| tail_int(&arm.body)) {
                        self.report(searches, status);
                    }
                }
            }
            // `match msg.as_str() { "Unauthorized" => StatusCode::UNAUTHORIZED, .. }`
            if text_scrutinee {
                if let Some((s, span)) = lit_pattern(&arm.pat).filter(|(s, _)| is_auth_keyword(s)) {
                    if let Some(status) = status_in(&arm.body).or_else(|| tail_int(&arm.body)) {
                        self.report(vec![Search { span, shown: format!("match arm {s:?}") }], status);
                    }
                }
            }
        }
        syn::visit::visit_expr_match(self, m);
    }
}

/// Names bound inside an error variant's pattern (`ApiError::Upstream(m)`, `Err(msg)`,
/// `AppError::Auth { message }`).
fn error_payloads(p: &syn::Pat, in_error: bool, out: &mut Vec<String>) {
    let is_error_path =
        |path: &syn::Path| path.is_ident("Err") || path.segments.iter().any(|s| s.ident.to_string().contains("Error"));
    match p {
        syn::Pat::Ident(i) if in_error => out.push(i.ident.to_string()),
        syn::Pat::TupleStruct(t) => {
            let e = in_error || is_error_path(&t.path);
            t.elems.iter().for_each(|x| error_payloads(x, e, out));
        }
        syn::Pat::Struct(st) => {
            let e = in_error || is_error_path(&st.path);
            st.fields.iter().for_each(|f| error_payloads(&f.pat, e, out));
        }
        syn::Pat::Reference(r) => error_payloads(&r.pat, in_error, out),
        syn::Pat::Or(o) => o.cases.iter().for_each(|x| error_payloads(x, in_error, out)),
        syn::Pat::Paren(pp) => error_payloads(&pp.pat, in_error, out),
        syn::Pat::Tuple(t) => t.elems.iter().for_each(|x| error_payloads(x, in_error, out)),
        _ => {}
    }
}

/// The first auth-worded string literal of a pattern (`"Unauthorized" | "Forbidden"`).
fn lit_pattern(p: &syn::Pat) -> Option<(String, PmSpan)> {
    match p {
        syn::Pat::Lit(l) => match &l.lit {
            Lit::Str(s) => Some((s.value(), s.span())),
            _ => None,
        },
        syn::Pat::Or(o) => o.cases.iter().filter_map(lit_pattern).find(|(s, _)| is_auth_keyword(s)),
        syn::Pat::Guard(g) => lit_pattern(&g.pat),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    fn lines(src: &str) -> Vec<usize> {
        crate::testing::finding_lines(src, super::RULE.id)
    }

    #[test]
    fn if_on_to_string() {
        let src = r#"
fn f(e: anyhow::Error) -> StatusCode {
    let msg = e.to_string();
    if msg.contains("Unauthorized") || msg.starts_with("Invalid JWT") { StatusCode::UNAUTHORIZED } else { StatusCode::INTERNAL_SERVER_ERROR }
}
"#;
        assert_eq!(lines(src), [4]);
    }

    #[test]
    fn guards_matches_and_comparisons() {
        let src = r#"
fn status(e: &ApiError) -> StatusCode {
    match e {
        ApiError::Upstream(m) if m.starts_with("Invalid JWT") => StatusCode::UNAUTHORIZED,
        ApiError::Other(x) => match x.to_string().as_str() {
            "Forbidden" => StatusCode::FORBIDDEN,
            _ => StatusCode::INTERNAL_SERVER_ERROR,
        },
        _ => StatusCode::BAD_GATEWAY,
    }
}
fn code(message: &str) -> u16 {
    if message == "token expired" { 401 } else { 500 }
}
"#;
        assert_eq!(lines(src), [4, 6, 13]);
    }

    #[test]
    fn request_data_permissions_and_non_status_choices_are_quiet() {
        let src = r#"
fn a(req: &Request) -> StatusCode {
    if req.uri().path().contains("token") { StatusCode::NOT_FOUND } else { StatusCode::OK }
}
fn b(scopes: &HashSet<String>) -> StatusCode {
    if !scopes.contains("tokens:write") { StatusCode::FORBIDDEN } else { StatusCode::OK }
}
fn c(auth_header: &str) -> StatusCode {
    if !auth_header.starts_with("Bearer ") { StatusCode::UNAUTHORIZED } else { StatusCode::OK }
}
fn d(e: &anyhow::Error) -> bool {
    let error_str = e.to_string();
    error_str.contains("401") || error_str.contains("Unauthorized")
}
fn f(e: &anyhow::Error) {
    if e.to_string().contains("Unauthorized") { eprintln!("auth"); } else { println!("other"); }
}
"#;
        assert!(lines(src).is_empty());
    }
}
