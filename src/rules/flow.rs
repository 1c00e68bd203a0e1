//! Local data flow inside one function, shared by the request-credential rules
//! (`secret-compared-non-constant-time`, `bearer-scheme-case-sensitive`): which locals hold the
//! value of a credential header (`Authorization`, `X-Api-Key`), which hold a secret by name or
//! origin (`env::var("API_KEY")`), and which were case-folded. Names only, no scopes: a
//! function is small, and two passes settle bindings that are read before a later rebinding.

use crate::facts::extract::{any_expr_in, pat_idents};
use crate::facts::signals::{is_auth_ident, is_credential_header, is_credential_ident, words};
use crate::facts::vocab::{fn_lines, CREDENTIAL};
use syn::visit::Visit;
use syn::{Expr, Pat};

/// Methods whose result is (a piece of) their receiver's value: a header value stays a header
/// value through `to_str().ok()?.trim().strip_prefix(..)`.
const CARRYING_METHODS: &[&str] = &[
    "to_str",
    "to_string",
    "to_owned",
    "as_str",
    "as_bytes",
    "as_deref",
    "as_ref",
    "clone",
    "cloned",
    "copied",
    "into",
    "ok",
    "ok_or",
    "ok_or_else",
    "map_err",
    "context",
    "with_context",
    "inspect",
    "inspect_err",
    "borrow",
    "deref",
    "trim_ascii",
    "unwrap",
    "expect",
    "unwrap_or",
    "unwrap_or_default",
    "unwrap_or_else",
    "trim",
    "trim_start",
    "trim_end",
    "strip_prefix",
    "strip_suffix",
    "trim_start_matches",
    "trim_matches",
    "split_once",
    "rsplit_once",
    "split",
    "splitn",
    "split_whitespace",
    "split_ascii_whitespace",
    "next",
    "nth",
    "last",
    "first",
    "get",
    "collect",
    "to_vec",
    "filter",
    "iter",
    "into_iter",
    "flatten",
];

/// Methods that take a closure over their receiver's value (`.and_then(|v| v.to_str().ok())`).
const CLOSURE_METHODS: &[&str] = &[
    "map",
    "and_then",
    "filter_map",
    "find_map",
    "map_or",
    "map_or_else",
    "filter",
    "find",
    "any",
    "all",
    "position",
    "is_some_and",
    "is_ok_and",
    "is_none_or",
];

/// Methods that case-fold a value.
pub const FOLDING_METHODS: &[&str] =
    &["to_lowercase", "to_ascii_lowercase", "to_uppercase", "to_ascii_uppercase", "make_ascii_lowercase"];

/// Lengths of `Flow`'s lists before a closure's parameters were bound.
#[derive(Clone, Copy)]
pub struct Marks {
    header: usize,
    secret: usize,
    named: usize,
}

/// What a function's locals hold.
#[derive(Default, Debug, Clone)]
pub struct Flow {
    /// Bound from a credential header's value (or a parameter that is one).
    pub header: Vec<String>,
    /// Bound from a secret by origin: a header value, `env::var("API_KEY")`.
    pub secret: Vec<String>,
    /// Bound from a value that is a secret only by its name (`let t = cfg.api_key.clone()`).
    pub named: Vec<String>,
    /// Bound from a case-folded value.
    pub folded: Vec<String>,
    /// Functions of the file that return a credential header's value (`fn bearer(h) -> Option<&str>`).
    pub helpers: Vec<String>,
}

impl Flow {
    /// Compute the flow of a function from its signature and body.
    pub fn of(sig: &syn::Signature, block: &syn::Block, helpers: &[String]) -> Flow {
        let mut flow = Flow { helpers: helpers.to_vec(), ..Flow::default() };
        let fn_name = sig.ident.to_string();
        // A parser of `WWW-Authenticate` challenges reads a different header.
        let fn_words = words(&fn_name);
        let fn_auth = is_auth_ident(&fn_name)
            && !fn_words.iter().any(|w| matches!(w.as_str(), "www" | "challenge" | "challenges"));
        // `fn bearer(v: &str)`, `fn parse_authorization(s: &str)`: the parameter is the value.
        // (`authorization_server(issuer)` is about an OAuth server, not the header.)
        let has = |ws: &[&str]| fn_words.iter().any(|w| ws.contains(&w.as_str()));
        let fn_bearer =
            fn_auth && (has(&["bearer"]) || (has(&["authorization"]) && has(&["header", "value", "parse", "extract"])));
        for input in &sig.inputs {
            let syn::FnArg::Typed(pt) = input else { continue };
            let mut names = Vec::new();
            names.extend(pat_idents(&pt.pat));
            let stringy = is_stringy(&pt.ty);
            for n in names {
                // `fn check(auth_header: Option<&str>)`, `fn bearer(value: &str)`,
                // `fn validate_token(header: &str)`; not `fn authorization_server(issuer: &str)`.
                let header_named = words(&n).iter().any(|w| matches!(w.as_str(), "header" | "value" | "raw"));
                if stringy && (is_header_param(&n) || fn_bearer || (fn_auth && header_named)) {
                    flow.header.push(n.clone());
                }
            }
        }
        for _ in 0..2 {
            let mut pass = Pass { flow: &mut flow };
            pass.visit_block(block);
        }
        flow
    }

    /// The expression holds a credential header's value (or a piece of it).
    pub fn is_header(&self, e: &Expr) -> bool {
        carries(e, &|e| reads_credential_header(e) || is_local_in(e, &self.header) || self.calls_helper(e))
    }

    /// Bind the parameters of the closures a method call passes over its receiver's value
    /// (`.and_then(|v| v.to_str().ok())` on a header value: `v` is one too), for the time the
    /// call is visited: closure parameters are scoped, and `v` is a common name.
    pub fn enter_closures(&mut self, m: &syn::ExprMethodCall) -> Marks {
        let marks = Marks { header: self.header.len(), secret: self.secret.len(), named: self.named.len() };
        // Only closure parameters are bound: without a closure argument there is nothing to do
        // (and the receiver need not be judged, which costs a walk down its chain).
        if !m.args.iter().any(|a| matches!(a, Expr::Closure(_))) {
            return marks;
        }
        let name = m.method.to_string();
        if !(CLOSURE_METHODS.contains(&name.as_str()) || CARRYING_METHODS.contains(&name.as_str())) {
            return marks;
        }
        let (header, secret) = (self.is_header(&m.receiver), self.is_secret(&m.receiver));
        let named = !secret && self.is_named_secret(&m.receiver);
        for arg in &m.args {
            let Expr::Closure(c) = arg else { continue };
            let Some(p) = c.inputs.first() else { continue };
            let mut names = Vec::new();
            names.extend(pat_idents(p));
            for n in names {
                if header {
                    self.header.push(n.clone());
                }
                if secret {
                    self.secret.push(n.clone());
                } else if named {
                    self.named.push(n);
                }
            }
        }
        marks
    }

    /// Forget the closure parameters bound by `enter_closures`.
    pub fn leave(&mut self, marks: Marks) {
        self.header.truncate(marks.header);
        self.secret.truncate(marks.secret);
        self.named.truncate(marks.named);
    }

    /// `bearer(&headers)`, `self.extract_token(&req)`: a helper that returns a header value.
    fn calls_helper(&self, e: &Expr) -> bool {
        let name = match e {
            Expr::Call(c) => match &*c.func {
                Expr::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
                _ => None,
            },
            Expr::MethodCall(m) => Some(m.method.to_string()),
            _ => None,
        };
        name.is_some_and(|n| self.helpers.contains(&n))
    }

    /// The expression holds a secret by origin: a credential header's value or a secret env var.
    pub fn is_secret(&self, e: &Expr) -> bool {
        carries(e, &|e| {
            reads_credential_header(e)
                || reads_secret_env(e)
                || is_local_in(e, &self.header)
                || is_local_in(e, &self.secret)
                || self.calls_helper(e)
        })
    }

    /// The expression holds a value named for a secret (`api_key`, `self.token`,
    /// `EXPECTED_TOKEN`), or one bound from such a value.
    pub fn is_named_secret(&self, e: &Expr) -> bool {
        carries(e, &|e| names_secret(e) || is_local_in(e, &self.named))
    }

    /// The expression was case-folded (`to_ascii_lowercase()` in it, or a folded local).
    pub fn is_folded(&self, e: &Expr) -> bool {
        let mut scan = FoldScan { folded: &self.folded, found: false };
        scan.visit_expr(e);
        scan.found
    }
}

struct FoldScan<'a> {
    folded: &'a [String],
    found: bool,
}

impl<'ast> Visit<'ast> for FoldScan<'_> {
    crate::facts::walk::skip_types_and_paths!();
    fn visit_expr_method_call(&mut self, m: &'ast syn::ExprMethodCall) {
        if FOLDING_METHODS.iter().any(|f| m.method == f) {
            self.found = true;
        }
        syn::visit::visit_expr_method_call(self, m);
    }
    fn visit_expr_path(&mut self, p: &'ast syn::ExprPath) {
        if p.path.get_ident().is_some_and(|i| self.folded.iter().any(|f| i == f)) {
            self.found = true;
        }
    }
}

struct Pass<'a> {
    flow: &'a mut Flow,
}

impl Pass<'_> {
    fn bind(&mut self, pat: &Pat, init: &Expr) {
        let names = pat_idents(pat);
        // `None =>`, `Ok(_) =>`, `let _ =`: nothing is bound, nothing to judge.
        if names.is_empty() {
            return;
        }
        let header = self.flow.is_header(init);
        let secret = self.flow.is_secret(init);
        let named = !secret && self.flow.is_named_secret(init);
        let folded = self.flow.is_folded(init);
        for n in names {
            if folded {
                push_new(&mut self.flow.folded, n);
                continue;
            }
            if header {
                push_new(&mut self.flow.header, n.clone());
            }
            if secret {
                push_new(&mut self.flow.secret, n);
            } else if named {
                push_new(&mut self.flow.named, n);
            }
        }
    }
}

fn push_new(v: &mut Vec<String>, n: String) {
    if !v.contains(&n) {
        v.push(n);
    }
}

impl<'ast> Visit<'ast> for Pass<'_> {
    crate::facts::walk::skip_types_and_paths!();
    fn visit_local(&mut self, l: &'ast syn::Local) {
        if let Some(init) = &l.init {
            self.bind(&l.pat, &init.expr);
        }
        syn::visit::visit_local(self, l);
    }
    fn visit_expr_let(&mut self, l: &'ast syn::ExprLet) {
        self.bind(&l.pat, &l.expr);
        syn::visit::visit_expr_let(self, l);
    }
    fn visit_expr_match(&mut self, m: &'ast syn::ExprMatch) {
        for arm in &m.arms {
            self.bind(&arm.pat, &m.expr);
        }
        syn::visit::visit_expr_match(self, m);
    }
    fn visit_expr_method_call(&mut self, m: &'ast syn::ExprMethodCall) {
        let marks = self.flow.enter_closures(m);
        if m.method == "make_ascii_lowercase" || m.method == "make_ascii_uppercase" {
            if let Expr::Path(p) = &*m.receiver {
                if let Some(i) = p.path.get_ident() {
                    push_new(&mut self.flow.folded, i.to_string());
                }
            }
        }
        syn::visit::visit_expr_method_call(self, m);
        self.flow.leave(marks);
    }
    fn visit_item(&mut self, _: &'ast syn::Item) {}
}

/// `&str`, `String`, `Option<&str>`, `&HeaderValue`: types a header value is passed as.
fn is_stringy(ty: &syn::Type) -> bool {
    match ty {
        syn::Type::Reference(r) => is_stringy(&r.elem),
        syn::Type::Paren(p) => is_stringy(&p.elem),
        syn::Type::Path(p) => {
            let Some(last) = p.path.segments.last() else { return false };
            let name = last.ident.to_string();
            match name.as_str() {
                "str" | "String" | "HeaderValue" | "Cow" => true,
                "Option" => match &last.arguments {
                    syn::PathArguments::AngleBracketed(a) => {
                        a.args.iter().any(|g| matches!(g, syn::GenericArgument::Type(t) if is_stringy(t)))
                    }
                    _ => false,
                },
                _ => false,
            }
        }
        _ => false,
    }
}

/// A parameter named for the header value: `auth_header`, `authorization`, `bearer`.
fn is_header_param(name: &str) -> bool {
    let ws = words(name);
    ws.iter().any(|w| matches!(w.as_str(), "authorization" | "bearer"))
        || (ws.iter().any(|w| w == "auth") && ws.iter().any(|w| matches!(w.as_str(), "header" | "value")))
}

/// `e` is a bare local named in `names`.
fn is_local_in(e: &Expr, names: &[String]) -> bool {
    matches!(e, Expr::Path(p) if p.path.get_ident().is_some_and(|i| names.iter().any(|n| i == n)))
}

/// Does `e` hold the value `source` recognises, through value-preserving steps only
/// (`as_str`, `?`, `&`, `strip_prefix`, `Some(..)`, an index)? A length, a comparison or a
/// hash of it does not.
pub fn carries(e: &Expr, source: &dyn Fn(&Expr) -> bool) -> bool {
    if source(e) {
        return true;
    }
    match e {
        Expr::Paren(p) => carries(&p.expr, source),
        Expr::Group(g) => carries(&g.expr, source),
        Expr::Reference(r) => carries(&r.expr, source),
        Expr::Try(t) => carries(&t.expr, source),
        Expr::Await(a) => carries(&a.base, source),
        Expr::Unary(u) if matches!(u.op, syn::UnOp::Deref(_)) => carries(&u.expr, source),
        Expr::Index(i) => carries(&i.expr, source),
        Expr::Cast(c) => carries(&c.expr, source),
        Expr::Block(b) => match b.block.stmts.last() {
            Some(syn::Stmt::Expr(e, None)) => carries(e, source),
            _ => false,
        },
        Expr::MethodCall(m) => {
            let name = m.method.to_string();
            if CARRYING_METHODS.contains(&name.as_str()) {
                return carries(&m.receiver, source);
            }
            if matches!(name.as_str(), "map" | "and_then" | "filter_map" | "map_or" | "map_or_else") {
                // The closure's result is a piece of its argument.
                let closure_carries = m.args.iter().any(|a| match a {
                    Expr::Closure(c) => {
                        let mut params = Vec::new();
                        if let Some(p) = c.inputs.first() {
                            params.extend(pat_idents(p));
                        }
                        carries(&c.body, &|e| is_local_in(e, &params) || source(e))
                    }
                    _ => false,
                });
                return closure_carries && carries(&m.receiver, source);
            }
            false
        }
        Expr::Call(c) => {
            // `Some(token)`, `String::from(token)`, `Cow::Borrowed(token)`, `str::from_utf8(v)`.
            let Expr::Path(p) = &*c.func else { return false };
            let last = p.path.segments.last().map(|s| s.ident.to_string()).unwrap_or_default();
            matches!(last.as_str(), "Some" | "Ok" | "from" | "Borrowed" | "Owned" | "from_utf8" | "new")
                && c.args.len() == 1
                && c.args.iter().any(|a| carries(a, source))
        }
        _ => false,
    }
}

/// `headers.get(AUTHORIZATION)`, `req.header("x-api-key")`, `headers["authorization"]`.
pub fn reads_credential_header(e: &Expr) -> bool {
    match e {
        Expr::MethodCall(m) => {
            let name = m.method.to_string();
            matches!(name.as_str(), "get" | "get_all" | "remove" | "header" | "headers_get" | "get_header")
                && m.args.first().is_some_and(is_credential_header_name)
        }
        // `find_header_value(&req.headers, "authorization")`, `header_value(&h, AUTHORIZATION)`.
        Expr::Call(c) => {
            matches!(&*c.func, Expr::Path(p) if p.path.segments.last().is_some_and(|s| s.ident.to_string().contains("header")))
                && c.args.iter().any(is_credential_header_name)
        }
        Expr::Index(i) => is_credential_header_name(&i.index) && is_headers_expr(&i.expr),
        _ => false,
    }
}

fn is_headers_expr(e: &Expr) -> bool {
    match e {
        Expr::MethodCall(m) => m.method == "headers",
        Expr::Path(p) => p.path.get_ident().is_some_and(|i| i.to_string().contains("header")),
        Expr::Field(f) => matches!(&f.member, syn::Member::Named(n) if n == "headers"),
        Expr::Reference(r) => is_headers_expr(&r.expr),
        _ => false,
    }
}

/// `AUTHORIZATION`, `header::AUTHORIZATION`, `"x-api-key"`, `API_KEY_HEADER`, `&X_API_KEY`.
pub fn is_credential_header_name(e: &Expr) -> bool {
    match e {
        Expr::Reference(r) => is_credential_header_name(&r.expr),
        Expr::Paren(p) => is_credential_header_name(&p.expr),
        Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(s), .. }) => is_credential_header(&s.value().to_ascii_lowercase()),
        Expr::Path(p) => p.path.segments.last().is_some_and(|s| {
            let name = s.ident.to_string();
            name == "AUTHORIZATION"
                || name == "PROXY_AUTHORIZATION"
                || (name.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
                    && is_credential_ident(&name)
                    && words(&name).iter().any(|w| w == "header"))
        }),
        _ => false,
    }
}

/// `env::var("API_KEY")`, `std::env::var("MCP_AUTH_TOKEN")`, `env!("SECRET")`.
fn reads_secret_env(e: &Expr) -> bool {
    let Expr::Call(c) = e else { return false };
    let Expr::Path(p) = &*c.func else { return false };
    let segs: Vec<String> = p.path.segments.iter().map(|s| s.ident.to_string()).collect();
    let is_env = matches!(segs.as_slice(), [.., a, b] if a == "env" && (b == "var" || b == "var_os"));
    is_env
        && c.args.first().is_some_and(|a| match a {
            Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(s), .. }) => is_secret_name(&s.value()),
            // `env::var(AUTH_TOKEN_ENV_KEY)`: a constant named for the variable.
            Expr::Path(p) => p.path.segments.last().is_some_and(|s| {
                words(&s.ident.to_string())
                    .iter()
                    .any(|w| matches!(w.as_str(), "token" | "secret" | "password" | "apikey"))
            }),
            _ => false,
        })
}

/// A local, constant or field named for a secret (`api_key`, `self.token`, `cfg.client_secret`,
/// `EXPECTED_TOKEN`).
fn names_secret(e: &Expr) -> bool {
    match e {
        // A local (`token`) or a constant (`auth::API_KEY`), not a type or variant
        // (`TokenType::AuthToken`, `Pool::LastToken`).
        Expr::Path(p) => p.path.segments.last().is_some_and(|s| {
            let name = s.ident.to_string();
            let local = p.path.segments.len() == 1 && name.starts_with(|c: char| c.is_ascii_lowercase() || c == '_');
            let constant = name.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_');
            (local || constant) && is_secret_name(&name)
        }),
        Expr::Field(f) => matches!(&f.member, syn::Member::Named(n) if is_secret_name(&n.to_string())),
        _ => false,
    }
}

/// Words before `key` that make it a credential (`api_key` is merged into `apikey`).
const SECRET_KEY_PREFIXES: &[&str] = &[
    "api", "access", "secret", "auth", "private", "signing", "master", "admin", "client", "bearer", "shared", "hmac",
    "mcp",
];

/// Is `name` (an identifier or an env var name) named for a secret value? Decided by its last
/// word, the noun: `expected_token`, `api_key`, `client_secret`, `password`, `signature`;
/// `token_hash`, `api_key_header`, `key_id`, `progress_token` and `sort_key` are not.
pub fn is_secret_name(name: &str) -> bool {
    let ws = words(name);
    let Some(last) = ws.last() else { return false };
    let prev = ws.len().checked_sub(2).and_then(|i| ws.get(i)).map(String::as_str).unwrap_or("");
    match last.as_str() {
        "token" | "tokens" | "jwt" | "bearer" | "credential" | "credentials" => is_credential_ident(name),
        "apikey" | "apikeys" | "secret" | "secrets" | "password" | "passwords" | "passwd" | "passphrase"
        | "signature" | "hmac" => true,
        "key" | "keys" => SECRET_KEY_PREFIXES.contains(&prev),
        _ => false,
    }
}

/// A string literal's value.
pub fn lit_str(e: &Expr) -> Option<String> {
    match e {
        Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(s), .. }) => Some(s.value()),
        Expr::Reference(r) => lit_str(&r.expr),
        Expr::Paren(p) => lit_str(&p.expr),
        _ => None,
    }
}

/// The flows of every function of the file, in `for_each_fn` order: computed once per file for
/// all the rules that read them. `None`: the function cannot hold a credential
/// (`may_hold_credentials`), so its flow is empty and no comparison in it is of a secret.
pub fn flows<'c>(cx: &'c super::file::FileCx) -> &'c [Option<Flow>] {
    cx.flows.get_or_init(|| {
        let helpers = credential_helpers(cx);
        let mut all = Vec::new();
        for_each_fn(cx, &mut |sig, block| {
            all.push(may_hold_credentials(cx, helpers, sig, block).then(|| Flow::of(sig, block, helpers)));
        });
        all
    })
}

/// Can the function hold a credential or a secret at all? Every source a `Flow` knows needs a
/// word of `vocab::CREDENTIAL` in the function (a credential header's name, a parameter, env
/// var, field or local named for a secret) or a call of one of the file's credential
/// `helpers`; without them its flow is empty and no comparison in it is of a secret.
fn may_hold_credentials(
    cx: &super::file::FileCx,
    helpers: &[String],
    sig: &syn::Signature,
    block: &syn::Block,
) -> bool {
    let range = fn_lines(sig, block);
    cx.vocab.in_lines(range.clone(), CREDENTIAL)
        || helpers.iter().any(|h| cx.vocab.name_in_lines(cx.text, range.clone(), h))
}

/// A function of the file: its signature and body.
pub type FnRef<'a> = (&'a syn::Signature, &'a syn::Block);

/// Call `f` on every function of the file (free, impl and trait-default functions, nested ones
/// included), skipping test code. The functions are found once per file (`FileCx::fns`).
pub fn for_each_fn(cx: &super::file::FileCx, f: &mut dyn FnMut(&syn::Signature, &syn::Block)) {
    for (sig, block) in cx.fns.get_or_init(|| functions(cx.file)) {
        f(sig, block);
    }
}

fn functions(file: &syn::File) -> Vec<FnRef<'_>> {
    struct Fns<'f>(Vec<FnRef<'f>>);
    impl<'ast> Visit<'ast> for Fns<'ast> {
        fn visit_item_fn(&mut self, i: &'ast syn::ItemFn) {
            self.0.push((&i.sig, &i.block));
            syn::visit::visit_item_fn(self, i);
        }
        fn visit_impl_item_fn(&mut self, i: &'ast syn::ImplItemFn) {
            self.0.push((&i.sig, &i.block));
            syn::visit::visit_impl_item_fn(self, i);
        }
        fn visit_trait_item_fn(&mut self, i: &'ast syn::TraitItemFn) {
            if let Some(b) = &i.default {
                self.0.push((&i.sig, b));
            }
            syn::visit::visit_trait_item_fn(self, i);
        }
        crate::facts::walk::skip_types_and_paths!();
    }
    let mut fns = Fns(Vec::new());
    fns.visit_file(file);
    fns.0
}

/// Does any identifier (path segment, method or field name) of `e` satisfy `pred`?
pub fn any_ident(e: &Expr, pred: &dyn Fn(&str) -> bool) -> bool {
    struct Scan<'p> {
        pred: &'p dyn Fn(&str) -> bool,
        found: bool,
    }
    impl<'ast> Visit<'ast> for Scan<'_> {
        fn visit_ident(&mut self, i: &'ast proc_macro2::Ident) {
            if !self.found && (self.pred)(&i.to_string()) {
                self.found = true;
            }
        }
    }
    let mut s = Scan { pred, found: false };
    s.visit_expr(e);
    s.found
}

/// Functions of the file that return (a piece of) a credential header's value: a string-like
/// return type and a body that reads `Authorization` or an API-key header. Found once per file.
pub fn credential_helpers<'c>(cx: &'c super::file::FileCx) -> &'c [String] {
    cx.helpers.get_or_init(|| find_credential_helpers(cx))
}

fn find_credential_helpers(cx: &super::file::FileCx) -> Vec<String> {
    let mut out = Vec::new();
    if !cx.vocab.has(CREDENTIAL) {
        return out;
    }
    for_each_fn(cx, &mut |sig, block| {
        // A credential header's name is a credential word.
        if !cx.vocab.in_lines(fn_lines(sig, block), CREDENTIAL) {
            return;
        }
        let returns_str = match &sig.output {
            syn::ReturnType::Type(_, ty) => mentions_str(ty),
            syn::ReturnType::Default => false,
        };
        if returns_str && any_expr_in(block, &reads_credential_header) {
            out.push(sig.ident.to_string());
        }
    });
    out
}

fn mentions_str(ty: &syn::Type) -> bool {
    struct S(bool);
    impl<'ast> Visit<'ast> for S {
        fn visit_path_segment(&mut self, s: &'ast syn::PathSegment) {
            if s.ident == "str" || s.ident == "String" || s.ident == "HeaderValue" {
                self.0 = true;
            }
            syn::visit::visit_path_segment(self, s);
        }
    }
    let mut s = S(false);
    s.visit_type(ty);
    s.0
}
