//! `token-response-cacheable`: an OAuth token endpoint response without `Cache-Control: no-store`.

use super::Rule;
use crate::report::Level;

pub static RULE: Rule = Rule {
    id: "token-response-cacheable",
    default_level: Level::Warn,
    summary: "OAuth token endpoint response without Cache-Control: no-store",
    why: "A token response carries a bearer credential: without `Cache-Control: no-store` a \
          browser, proxy or CDN may store it, keep it on disk or hand it to another caller. \
          RFC 6749 section 5.1 requires `Cache-Control: no-store` and `Pragma: no-cache` on it \
          (OAuth 2.1 keeps no-store), and the MCP conformance suite checks no-store on token \
          responses. Seed 000's review added both headers to its client_credentials token \
          endpoint (PR #2418). Flagged: an axum `Json(..)` or actix `HttpResponse::X().json(..)` \
          whose body issues an access token (a `json!` object with an \"access_token\" key, a \
          struct literal with an `access_token` field, or a value of a struct of the package that \
          serialises one, followed through locals, parameters, `T::new(..)` constructors and a \
          `-> Json<T>` return type) in a function that never sends `no-store`. Not flagged: a \
          function that sends a `no-store` Cache-Control (tuple, builder, `headers_mut()`) or calls \
          a helper named for caching (`set_cache_headers(&mut res)`, not read), a \
          handler routed before a no-store tower-http `SetResponseHeaderLayer` in the same router \
          chain (a no-store layer or `Next` middleware whose routes the file does not show \
          silences the package), HTTP clients reading a token response, tests.",
    bad: r#"async fn token(State(st): State<AppState>, Form(req): Form<TokenRequest>) -> Response {
    let access_token = st.issue_token(&req).await;
    Json(json!({
        "access_token": access_token,
        "token_type": "Bearer",
        "expires_in": 3600
    }))
    .into_response()
}"#,
    good: r#"async fn token(State(st): State<AppState>, Form(req): Form<TokenRequest>) -> Response {
    let access_token = st.issue_token(&req).await;
    let body = json!({
        "access_token": access_token,
        "token_type": "Bearer",
        "expires_in": 3600
    });
    let no_store = [(header::CACHE_CONTROL, "no-store"), (header::PRAGMA, "no-cache")];
    (no_store, Json(body)).into_response()
}"#,
    fix: "Add `[(header::CACHE_CONTROL, \"no-store\"), (header::PRAGMA, \"no-cache\")]` to every \
          token endpoint response, error responses included, or put \
          `SetResponseHeaderLayer::overriding(header::CACHE_CONTROL, \
          HeaderValue::from_static(\"no-store\"))` (tower-http) on the token route. In \
          actix-web: `.insert_header((header::CACHE_CONTROL, \"no-store\"))` on the builder.",
    sources: &[
        "RFC 6749 section 5.1",
        "OAuth 2.1 (draft-ietf-oauth-v2-1-13) section 3.2.3",
        "spec-rules.md section 1.7 token-response-missing-no-store",
        "seed 000 (PR #2418, P1+P2 review fixes: \"Add Cache-Control: no-store + Pragma: no-cache to token response (RFC 6749 section 5.1)\")",
        "tower-http 0.6 src/set_header/response/single_header.rs and multiple_headers.rs (SetResponseHeaderLayer, SetMultipleResponseHeadersLayer)",
        "axum 0.8 src/docs/routing/layer.md (a layer applies only to the routes added before it)",
    ],
    security_severity: "5.0",
    detects: true,
};

// ---------------------------------------------------------------------------------------------
// The check.
//
// A token response is a `Json(..)` (axum) or `HttpResponse::Ok().json(..)` (actix-web) whose
// body issues an `access_token`: a `json!({"access_token": ..})`, a struct literal with an
// `access_token` field, or a value of a type whose struct has one (any file of the package,
// decided by the model: `When::TokenResponseUncached`). HTTP clients that deserialise a token
// response (`.json::<TokenResponse>()`) never build one, so they are not looked at.
//
// What counts as `Cache-Control: no-store`: anywhere in the same function, a `"no-store"`
// literal, an identifier naming it (`NO_STORE`, `with_no_store()`), a Cache-Control header
// whose value the file does not spell (a const or a parameter), or a call of a helper named for
// caching (`set_cache_headers(&mut res)`): the last two are given the benefit of the doubt.
// Router-wide: a tower-http `SetResponseHeaderLayer` for no-store covers the handlers of the
// routes added before it in the same builder chain (axum applies a layer to existing routes
// only); a layer whose routes the file does not show (after `.nest`/`.merge`, on a variable,
// built into a variable) or an axum middleware (a function taking `Next`) that sets no-store
// silences the whole package. Coverage is by the name of the function holding the `Json(..)`:
// a token built in a helper that a covered handler calls is not seen as covered.

use super::file::FileCx;
use crate::facts::extract::any_expr_in;
use crate::facts::ir::{Hit, When};
use crate::facts::macros::{parse_json, Json};
use crate::facts::span as fspan;
use crate::facts::vocab::{fn_lines, Vocab, Word};
use crate::frameworks::http::header_const;
use crate::source::Text;
use proc_macro2::Span as PmSpan;
use syn::visit::Visit;
use syn::{Expr, Lit};

const KEY: &str = "access_token";

/// What one file tells the model about token responses.
#[derive(Default)]
pub struct TokenFacts {
    /// Structs with an `access_token` field.
    pub types: Vec<String>,
    /// Handlers routed under a no-store `SetResponseHeaderLayer`.
    pub no_store_handlers: Vec<String>,
    /// A no-store layer or middleware whose routes the file does not show.
    pub no_store_anywhere: bool,
}

/// Per-file facts for the model (see `TokenFacts`). Token types need `access_token` in the
/// file, the no-store facts a `no-store` / `NoStore` / `no_store` (`vocab.rs`).
pub fn file_facts(file: &syn::File, vocab: &Vocab) -> TokenFacts {
    let (types, no_store) = (vocab.has(&[Word::Token]), vocab.has(&[Word::Store]));
    if !types && !no_store {
        return TokenFacts::default();
    }
    struct F {
        facts: TokenFacts,
        /// Which facts the file can hold.
        types: bool,
        no_store: bool,
        /// No-store layer constructors seen, and those seen as a `.layer(..)` argument.
        ctors: usize,
        ctors_in_layer: usize,
    }
    impl F {
        fn function(&mut self, sig: &syn::Signature, block: &syn::Block) {
            if !self.no_store {
                return;
            }
            let middleware = sig.inputs.iter().any(|a| match a {
                syn::FnArg::Typed(t) => last_type_ident(&t.ty).is_some_and(|n| n == "Next"),
                syn::FnArg::Receiver(_) => false,
            });
            // An axum middleware (`from_fn`) that sets no-store: where it is mounted is not
            // followed, so it covers the package.
            if middleware && sets_cache_control(block) && NoStore::in_block(block) {
                self.facts.no_store_anywhere = true;
            }
        }
    }
    impl<'ast> Visit<'ast> for F {
        crate::facts::walk::skip_types_and_paths!();
        fn visit_item_struct(&mut self, s: &'ast syn::ItemStruct) {
            if self.types && s.fields.iter().any(is_token_field) {
                self.facts.types.push(s.ident.to_string());
            }
        }
        fn visit_item_fn(&mut self, f: &'ast syn::ItemFn) {
            self.function(&f.sig, &f.block);
            syn::visit::visit_item_fn(self, f);
        }
        fn visit_impl_item_fn(&mut self, f: &'ast syn::ImplItemFn) {
            self.function(&f.sig, &f.block);
            syn::visit::visit_impl_item_fn(self, f);
        }
        fn visit_expr_call(&mut self, c: &'ast syn::ExprCall) {
            if self.no_store && is_no_store_layer_ctor(c) {
                self.ctors += 1;
            }
            syn::visit::visit_expr_call(self, c);
        }
        fn visit_expr_method_call(&mut self, m: &'ast syn::ExprMethodCall) {
            // `router.route(..).layer(SetResponseHeaderLayer::overriding(CACHE_CONTROL, ..))`:
            // axum applies a layer to the routes added before it in the chain.
            let layering = m.method == "layer" || m.method == "route_layer";
            if self.no_store && layering && m.args.iter().any(has_no_store_layer_ctor) {
                self.ctors_in_layer += 1;
                let mut covered = Vec::new();
                if covered_handlers(&m.receiver, &mut covered) && !covered.is_empty() {
                    self.facts.no_store_handlers.extend(covered);
                } else {
                    self.facts.no_store_anywhere = true;
                }
            }
            syn::visit::visit_expr_method_call(self, m);
        }
    }
    let mut f = F { facts: TokenFacts::default(), types, no_store, ctors: 0, ctors_in_layer: 0 };
    f.visit_file(file);
    // A layer built into a variable (`let no_store = SetResponseHeaderLayer::..`): its routes
    // are not followed, so it covers the package.
    if f.ctors > f.ctors_in_layer {
        f.facts.no_store_anywhere = true;
    }
    f.facts
}

/// `SetResponseHeaderLayer::overriding(header::CACHE_CONTROL, HeaderValue::from_static("no-store"))`
/// and `SetMultipleResponseHeadersLayer::overriding(vec![..])` (tower-http 0.6
/// `src/set_header/response/single_header.rs`, `multiple_headers.rs`: `overriding`,
/// `appending`, `if_not_present`).
fn is_no_store_layer_ctor(c: &syn::ExprCall) -> bool {
    let layer = matches!(&*c.func, Expr::Path(p) if p.path.segments.iter().any(|s| {
        let n = s.ident.to_string();
        n.starts_with("Set") && n.contains("ResponseHeader")
    }));
    layer && c.args.iter().any(mentions_cache_control) && c.args.iter().any(NoStore::in_expr)
}

/// A Cache-Control name anywhere in `e` (`vec![(CACHE_CONTROL, ..).into()]`).
fn mentions_cache_control(e: &Expr) -> bool {
    struct M(bool);
    impl<'ast> Visit<'ast> for M {
        fn visit_expr(&mut self, e: &'ast Expr) {
            self.0 |= is_cache_control(e);
            syn::visit::visit_expr(self, e);
        }
        fn visit_macro(&mut self, m: &'ast syn::Macro) {
            if let Some(items) = crate::facts::macros::parse_expr_list(m.tokens.clone()) {
                items.iter().for_each(|x| self.visit_expr(x));
            }
        }
    }
    let mut m = M(false);
    m.visit_expr(e);
    m.0
}

fn has_no_store_layer_ctor(e: &Expr) -> bool {
    struct C(bool);
    impl<'ast> Visit<'ast> for C {
        fn visit_expr_call(&mut self, c: &'ast syn::ExprCall) {
            self.0 |= is_no_store_layer_ctor(c);
            syn::visit::visit_expr_call(self, c);
        }
    }
    let mut c = C(false);
    c.visit_expr(e);
    c.0
}

/// The handlers a layer applied to `e` covers: the routes of the chain below it
/// (`.route("/token", post(token))`) or a method router (`post(token).layer(..)`). False when
/// the chain holds routers the file does not show (`.nest`, `.merge`, a variable).
fn covered_handlers(e: &Expr, out: &mut Vec<String>) -> bool {
    match e {
        Expr::MethodCall(m) => {
            let name = m.method.to_string();
            match name.as_str() {
                "route" => {
                    if let Some(h) = m.args.iter().nth(1) {
                        handlers_of(h, out);
                    }
                    covered_handlers(&m.receiver, out)
                }
                "nest" | "merge" | "nest_service" | "route_service" | "fallback_service" => false,
                // `get(a).post(b)`: method routers.
                "get" | "post" | "put" | "patch" | "delete" | "head" | "options" | "any" => {
                    m.args.iter().for_each(|a| handlers_of(a, out));
                    covered_handlers(&m.receiver, out)
                }
                _ => covered_handlers(&m.receiver, out),
            }
        }
        // `Router::new()` or a method router `post(token)`.
        Expr::Call(c) => {
            handlers_of(e, out);
            matches!(&*c.func, Expr::Path(_))
        }
        Expr::Paren(p) => covered_handlers(&p.expr, out),
        _ => false,
    }
}

/// Handler names in a method router expression: `post(token)`, `routing::post(oauth::token)`,
/// `get(a).post(b)`.
fn handlers_of(e: &Expr, out: &mut Vec<String>) {
    const METHODS: &[&str] = &["get", "post", "put", "patch", "delete", "head", "options", "any", "on"];
    match e {
        Expr::Call(c) => {
            let routing = matches!(&*c.func, Expr::Path(p)
                if p.path.segments.last().is_some_and(|s| METHODS.contains(&s.ident.to_string().as_str())));
            if routing {
                for a in &c.args {
                    if let Expr::Path(p) = a {
                        out.extend(p.path.segments.last().map(|s| s.ident.to_string()));
                    }
                }
            }
        }
        Expr::MethodCall(m) => {
            if METHODS.contains(&m.method.to_string().as_str()) {
                for a in &m.args {
                    if let Expr::Path(p) = a {
                        out.extend(p.path.segments.last().map(|s| s.ident.to_string()));
                    }
                }
            }
            handlers_of(&m.receiver, out);
        }
        _ => {}
    }
}

/// A field serialised as `access_token` (its name, or `#[serde(rename = "access_token")]`).
fn is_token_field(f: &syn::Field) -> bool {
    if f.ident.as_ref().is_some_and(|i| i == KEY) {
        return true;
    }
    f.attrs.iter().filter(|a| a.path().is_ident("serde")).any(|a| {
        let mut renamed = false;
        let _ = a.parse_nested_meta(|m| {
            if m.path.is_ident("rename") {
                if let Ok(v) = m.value().and_then(|v| v.parse::<syn::LitStr>()) {
                    renamed |= v.value() == KEY;
                }
            } else if let Ok(v) = m.value() {
                let _ = v.parse::<syn::Expr>();
            }
            Ok(())
        });
        renamed
    })
}

fn last_type_ident(ty: &syn::Type) -> Option<String> {
    match ty {
        syn::Type::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
        syn::Type::Reference(r) => last_type_ident(&r.elem),
        syn::Type::Paren(p) => last_type_ident(&p.elem),
        syn::Type::Group(g) => last_type_ident(&g.elem),
        _ => None,
    }
}

/// A Cache-Control header name: `header::CACHE_CONTROL`, `"cache-control"`,
/// `HeaderName::from_static("cache-control")`.
fn is_cache_control(e: &Expr) -> bool {
    match e {
        Expr::Path(p) => {
            p.path.segments.last().and_then(|s| header_const(&s.ident.to_string())).as_deref() == Some("cache-control")
        }
        Expr::Lit(syn::ExprLit { lit: Lit::Str(s), .. }) => s.value().eq_ignore_ascii_case("cache-control"),
        Expr::Call(c) => c.args.len() == 1 && c.args.first().is_some_and(is_cache_control),
        Expr::MethodCall(m) => is_cache_control(&m.receiver),
        Expr::Reference(r) => is_cache_control(&r.expr),
        Expr::Paren(p) => is_cache_control(&p.expr),
        Expr::Group(g) => is_cache_control(&g.expr),
        _ => false,
    }
}

/// Does a block set a Cache-Control header at all (`(CACHE_CONTROL, v)`, `.header(CACHE_CONTROL, v)`)?
fn sets_cache_control(block: &syn::Block) -> bool {
    let mut pairs = Pairs::default();
    pairs.visit_block(block);
    !pairs.values.is_empty()
}

/// The values given to Cache-Control in tuples and two-argument calls.
#[derive(Default)]
struct Pairs {
    values: Vec<Expr>,
}

impl<'ast> Visit<'ast> for Pairs {
    fn visit_expr_tuple(&mut self, t: &'ast syn::ExprTuple) {
        if let [name, value] = t.elems.iter().collect::<Vec<_>>().as_slice() {
            if is_cache_control(name) {
                self.values.push((*value).clone());
            }
        }
        syn::visit::visit_expr_tuple(self, t);
    }
    fn visit_expr_method_call(&mut self, m: &'ast syn::ExprMethodCall) {
        if let [name, value] = m.args.iter().collect::<Vec<_>>().as_slice() {
            if is_cache_control(name) {
                self.values.push((*value).clone());
            }
        }
        syn::visit::visit_expr_method_call(self, m);
    }
    fn visit_expr_call(&mut self, c: &'ast syn::ExprCall) {
        if let [name, value] = c.args.iter().collect::<Vec<_>>().as_slice() {
            if is_cache_control(name) {
                self.values.push((*value).clone());
            }
        }
        syn::visit::visit_expr_call(self, c);
    }
    fn visit_item(&mut self, _: &'ast syn::Item) {}
}

/// Evidence of `no-store`: a literal that says it, or an identifier that names it.
#[derive(Default)]
struct NoStore {
    found: bool,
}

impl NoStore {
    fn in_expr(e: &Expr) -> bool {
        let mut n = NoStore::default();
        n.visit_expr(e);
        n.found
    }
    fn in_block(b: &syn::Block) -> bool {
        let mut n = NoStore::default();
        n.visit_block(b);
        n.found
    }
    fn ident(&mut self, s: &str) {
        let squashed: String = s.chars().filter(|c| *c != '_').collect::<String>().to_ascii_lowercase();
        self.found |= squashed.contains("nostore");
    }
}

impl<'ast> Visit<'ast> for NoStore {
    fn visit_lit_str(&mut self, s: &'ast syn::LitStr) {
        self.found |= s.value().to_ascii_lowercase().contains("no-store");
    }
    fn visit_ident(&mut self, i: &'ast proc_macro2::Ident) {
        self.ident(&i.to_string());
    }
    fn visit_macro(&mut self, m: &'ast syn::Macro) {
        // Literals inside macro bodies (`vec![("cache-control", "no-store")]`).
        for t in m.tokens.clone() {
            match t {
                proc_macro2::TokenTree::Literal(l) => {
                    self.found |= l.to_string().to_ascii_lowercase().contains("no-store");
                }
                proc_macro2::TokenTree::Ident(i) => self.ident(&i.to_string()),
                proc_macro2::TokenTree::Group(g) => {
                    let inner = syn::Macro { tokens: g.stream(), ..m.clone() };
                    self.visit_macro(&inner);
                }
                proc_macro2::TokenTree::Punct(_) => {}
            }
        }
        syn::visit::visit_macro(self, m);
    }
    fn visit_item(&mut self, _: &'ast syn::Item) {}
}

/// Does the function send `no-store`, or set Cache-Control to a value it does not spell out?
fn function_sends_no_store(block: &syn::Block) -> bool {
    if NoStore::in_block(block) {
        return true;
    }
    let mut pairs = Pairs::default();
    pairs.visit_block(block);
    // A value with no literal in it (a const, a config field) is not known to lack no-store,
    // nor is what a caching helper does (`set_cache_headers(&mut res)`, `.with_no_cache()`).
    pairs.values.iter().any(|v| !has_str_lit(v)) || calls_cache_helper(block)
}

/// A call of a function or method named for caching (`no_cache_headers(..)`, `.cache_control(..)`).
fn calls_cache_helper(block: &syn::Block) -> bool {
    let cache = |name: &proc_macro2::Ident| name.to_string().to_ascii_lowercase().contains("cache");
    any_expr_in(block, &|e| match e {
        Expr::Call(c) => matches!(&*c.func, Expr::Path(p) if p.path.segments.last().is_some_and(|s| cache(&s.ident))),
        Expr::MethodCall(m) => cache(&m.method),
        _ => false,
    })
}

fn has_str_lit(e: &Expr) -> bool {
    struct L(bool);
    impl<'ast> Visit<'ast> for L {
        fn visit_lit_str(&mut self, _: &'ast syn::LitStr) {
            self.0 = true;
        }
    }
    let mut l = L(false);
    l.visit_expr(e);
    l.0
}

/// Why a body is a token response.
enum Evidence {
    /// The body spells `access_token` here.
    Direct(&'static str),
    /// A value of this type: a token response if its struct has an `access_token` field.
    Type(String),
}

/// Every finding is a `Json(body)` or actix `.json(body)` response in its function.
pub fn check(cx: &FileCx, out: &mut Vec<Hit>) {
    if !cx.vocab.has(&[Word::Json]) {
        return;
    }
    let mut v = Visitor { cx, out, self_ty: None };
    v.visit_file(cx.file);
}

struct Visitor<'c, 'a> {
    cx: &'c FileCx<'a>,
    out: &'c mut Vec<Hit>,
    self_ty: Option<String>,
}

impl<'ast> Visit<'ast> for Visitor<'_, '_> {
    crate::facts::walk::skip_types_and_paths!();
    fn visit_item_impl(&mut self, i: &'ast syn::ItemImpl) {
        let saved = std::mem::replace(&mut self.self_ty, last_type_ident(&i.self_ty));
        syn::visit::visit_item_impl(self, i);
        self.self_ty = saved;
    }
    fn visit_item_fn(&mut self, f: &'ast syn::ItemFn) {
        self.function(&f.sig, &f.block);
        syn::visit::visit_item_fn(self, f);
    }
    fn visit_impl_item_fn(&mut self, f: &'ast syn::ImplItemFn) {
        self.function(&f.sig, &f.block);
        syn::visit::visit_impl_item_fn(self, f);
    }
}

/// One function's locals and parameters, for following `Json(body)` to what `body` is.
struct FnCx<'f> {
    /// `let name[: Ty] = init;`, in source order.
    lets: Vec<Let<'f>>,
    /// Parameters and their type names.
    params: Vec<(String, String)>,
    /// The `T` of the only `Json<T>` in the return type.
    returns: Option<String>,
    self_ty: Option<String>,
}

impl<'f> FnCx<'f> {
    /// What `e`, read at byte offset `at`, is.
    fn classify(&self, e: &Expr, at: usize, depth: usize) -> Option<Evidence> {
        if depth > 8 {
            return None;
        }
        match e {
            Expr::Macro(m) if m.mac.path.segments.last().is_some_and(|s| s.ident == "json") => {
                match parse_json(m.mac.tokens.clone()) {
                    Some(Json::Object(entries)) if entries.iter().any(|(k, _)| k == KEY) => {
                        Some(Evidence::Direct("its `json!` body has an \"access_token\" key"))
                    }
                    _ => None,
                }
            }
            Expr::Struct(s) => {
                let named = s.fields.iter().any(|f| matches!(&f.member, syn::Member::Named(i) if i == KEY));
                if named {
                    return Some(Evidence::Direct("its body has an `access_token` field"));
                }
                let ty = s.path.segments.last().map(|s| s.ident.to_string())?;
                let ty = if ty == "Self" { self.self_ty.clone()? } else { ty };
                Some(Evidence::Type(ty))
            }
            Expr::Reference(r) => self.classify(&r.expr, at, depth + 1),
            Expr::Paren(p) => self.classify(&p.expr, at, depth + 1),
            Expr::Group(g) => self.classify(&g.expr, at, depth + 1),
            Expr::MethodCall(m) if ["clone", "into", "to_owned"].contains(&m.method.to_string().as_str()) => {
                self.classify(&m.receiver, at, depth + 1)
            }
            Expr::Path(p) => {
                let id = p.path.get_ident()?.to_string();
                // The binding in scope at `at`: the last one before it whose block holds it.
                if let Some(l) = self.lets.iter().rev().find(|l| l.name == id && l.scope.contains(&at)) {
                    let init_at = l.scope.start;
                    return match self.classify(l.init, init_at, depth + 1) {
                        Some(ev) => Some(ev),
                        None => l.ty.clone().map(Evidence::Type),
                    };
                }
                self.params.iter().find(|(n, _)| *n == id).map(|(_, ty)| Evidence::Type(ty.clone()))
            }
            // `TokenResponse::new(..)`, `TokenResponse::bearer(..)`.
            Expr::Call(c) => match &*c.func {
                Expr::Path(p) if p.path.segments.len() >= 2 => {
                    let segs: Vec<String> = p.path.segments.iter().map(|s| s.ident.to_string()).collect();
                    let ty = segs.get(segs.len() - 2)?;
                    let ty = if ty == "Self" { self.self_ty.clone()? } else { ty.clone() };
                    ty.starts_with(|c: char| c.is_ascii_uppercase()).then_some(Evidence::Type(ty))
                }
                _ => None,
            },
            _ => None,
        }
    }
}

/// The `T`s of `Json<T>` in a return type.
fn json_types(ty: &syn::Type, out: &mut Vec<String>) {
    struct J<'o>(&'o mut Vec<String>);
    impl<'ast> Visit<'ast> for J<'_> {
        fn visit_path_segment(&mut self, s: &'ast syn::PathSegment) {
            if s.ident == "Json" {
                if let syn::PathArguments::AngleBracketed(a) = &s.arguments {
                    if let Some(syn::GenericArgument::Type(t)) = a.args.first() {
                        if let Some(n) = last_type_ident(t) {
                            self.0.push(n);
                        }
                    }
                }
            }
            syn::visit::visit_path_segment(self, s);
        }
    }
    J(out).visit_type(ty);
}

/// The response sites of a function: `Json(body)` and actix `HttpResponse::X().json(body)`.
struct Sites<'f> {
    found: Vec<(PmSpan, &'f Expr, bool)>,
}

impl<'f> Visit<'f> for Sites<'f> {
    fn visit_expr_call(&mut self, c: &'f syn::ExprCall) {
        let is_json = matches!(&*c.func, Expr::Path(p) if p.path.segments.last().is_some_and(|s| s.ident == "Json"));
        if let (true, Some(arg), 1) = (is_json, c.args.first(), c.args.len()) {
            self.found.push((fspan::call(c), arg, false));
        }
        syn::visit::visit_expr_call(self, c);
    }
    fn visit_expr_method_call(&mut self, m: &'f syn::ExprMethodCall) {
        if m.method == "json" && m.args.len() == 1 && actix_builder(&m.receiver) {
            if let Some(arg) = m.args.first() {
                self.found.push((fspan::method_call(m), arg, true));
            }
        }
        syn::visit::visit_expr_method_call(self, m);
    }
    fn visit_item(&mut self, _: &'f syn::Item) {}
}

/// A receiver chain rooted at `HttpResponse::Ok()` / `HttpResponse::build(..)` (actix-web).
fn actix_builder(e: &Expr) -> bool {
    match e {
        Expr::MethodCall(m) => actix_builder(&m.receiver),
        Expr::Call(c) => matches!(&*c.func, Expr::Path(p)
            if p.path.segments.iter().any(|s| s.ident == "HttpResponse" || s.ident == "HttpResponseBuilder")),
        Expr::Paren(p) => actix_builder(&p.expr),
        _ => false,
    }
}

impl Visitor<'_, '_> {
    fn function(&mut self, sig: &syn::Signature, block: &syn::Block) {
        let lines = fn_lines(sig, block);
        if !self.cx.vocab.in_lines(lines.clone(), &[Word::Json]) {
            return;
        }
        let handler = sig.ident.to_string();
        let mut sites = Sites { found: Vec::new() };
        sites.visit_block(block);
        // Sending no-store takes a `no-store` / `NoStore` or a Cache-Control name or helper.
        let may_send_no_store = self.cx.vocab.in_lines(lines, &[Word::Store, Word::Cache]);
        if sites.found.is_empty() || (may_send_no_store && function_sends_no_store(block)) {
            return;
        }
        let mut returns = Vec::new();
        if let syn::ReturnType::Type(_, ty) = &sig.output {
            json_types(ty, &mut returns);
        }
        let mut lets = Vec::new();
        collect_lets(self.cx.text, block, &mut lets);
        let params = sig
            .inputs
            .iter()
            .filter_map(|a| match a {
                syn::FnArg::Typed(t) => match (&*t.pat, last_type_ident(&t.ty)) {
                    (syn::Pat::Ident(i), Some(ty)) => Some((i.ident.to_string(), ty)),
                    _ => None,
                },
                syn::FnArg::Receiver(_) => None,
            })
            .collect();
        let f = FnCx {
            lets,
            params,
            returns: (returns.len() == 1).then(|| returns.remove(0)),
            self_ty: self.self_ty.clone(),
        };
        for (span, body, actix) in sites.found {
            let at = self.cx.text.byte_range(span).map_or(0, |r| r.start);
            let evidence = match f.classify(body, at, 0) {
                Some(ev) => ev,
                // `Json(resp)` with `resp` opaque, in a function returning `Json<TokenResponse>`.
                None => match &f.returns {
                    Some(ty) => Evidence::Type(ty.clone()),
                    None => continue,
                },
            };
            let (why, when) = match evidence {
                Evidence::Direct(why) => (why.to_string(), When::TokenResponseUncached(None, handler.clone())),
                Evidence::Type(ty) => (
                    format!("its body is a `{ty}`, whose struct has an `access_token` field"),
                    When::TokenResponseUncached(Some(ty), handler.clone()),
                ),
            };
            let message = format!(
                "token response without `Cache-Control: no-store`: {why}; a browser, proxy or CDN may \
                 store the bearer token (RFC 6749 section 5.1, OAuth 2.1 section 3.2.3)"
            );
            let help = if actix {
                "add the headers on the builder: `HttpResponse::Ok().insert_header((header::CACHE_CONTROL, \
                 \"no-store\")).insert_header((header::PRAGMA, \"no-cache\")).json(body)`, on error responses too"
            } else {
                "send the headers with the body: `([(header::CACHE_CONTROL, \"no-store\"), (header::PRAGMA, \
                 \"no-cache\")], Json(body))`, on error responses too; or put \
                 `SetResponseHeaderLayer::overriding(header::CACHE_CONTROL, HeaderValue::from_static(\"no-store\"))` \
                 (tower-http) on the token route"
            };
            let mut hit = self.cx.hit(&RULE, span, message, help.to_string());
            hit.when = when;
            self.out.push(hit);
        }
    }
}

/// A `let` binding: name, annotated type, initialiser, and the byte range where the name is in
/// scope (from the `let` to the end of its block).
struct Let<'f> {
    name: String,
    ty: Option<String>,
    init: &'f Expr,
    scope: std::ops::Range<usize>,
}

/// Every `let` of a block, nested blocks included (closures too: a token built inside
/// `.map(|t| ..)` is still the handler's).
fn collect_lets<'f>(text: &Text, block: &'f syn::Block, out: &mut Vec<Let<'f>>) {
    struct L<'o, 'f, 't> {
        text: &'t Text<'t>,
        out: &'o mut Vec<Let<'f>>,
        block_ends: Vec<usize>,
    }
    impl<'f> Visit<'f> for L<'_, 'f, '_> {
        fn visit_block(&mut self, b: &'f syn::Block) {
            self.block_ends.push(self.text.byte_range(b.brace_token.span.close()).map_or(0, |r| r.end));
            syn::visit::visit_block(self, b);
            self.block_ends.pop();
        }
        fn visit_local(&mut self, l: &'f syn::Local) {
            if let Some(init) = &l.init {
                let (name, ty) = match &l.pat {
                    syn::Pat::Ident(i) => (i.ident.to_string(), None),
                    syn::Pat::Type(t) => match &*t.pat {
                        syn::Pat::Ident(i) => (i.ident.to_string(), last_type_ident(&t.ty)),
                        _ => (String::new(), None),
                    },
                    _ => (String::new(), None),
                };
                let start = self.text.byte_range(l.let_token.span).map_or(0, |r| r.start);
                let end = self.block_ends.last().copied().unwrap_or(usize::MAX);
                if !name.is_empty() {
                    self.out.push(Let { name, ty, init: &init.expr, scope: start..end });
                }
            }
            syn::visit::visit_local(self, l);
        }
        fn visit_item(&mut self, _: &'f syn::Item) {}
    }
    L { text, out, block_ends: Vec::new() }.visit_block(block);
}

#[cfg(test)]
mod tests {
    fn lines(src: &str) -> Vec<usize> {
        crate::testing::finding_lines(src, super::RULE.id)
    }

    /// modelcontextprotocol/rust-sdk cimd_auth_streamhttp.rs: error bodies bound in nested
    /// blocks share the token body's name; each `Json(body)` reads its own binding.
    #[test]
    fn locals_resolve_by_scope() {
        let src = r#"
async fn token(form: Form) -> Response {
    if form.bad() {
        let body = json!({ "error": "unsupported_grant_type" });
        return (StatusCode::BAD_REQUEST, Json(body)).into_response();
    }
    let body = json!({ "access_token": mint(), "token_type": "Bearer" });
    Json(body).into_response()
}
"#;
        assert_eq!(lines(src), [8]);
    }

    #[test]
    fn no_store_in_the_function_or_a_layer_silences() {
        let src = r#"
async fn fixed() -> Response {
    ([(header::CACHE_CONTROL, "no-store")], Json(json!({ "access_token": mint() }))).into_response()
}
async fn layered() -> Response {
    Json(json!({ "access_token": mint() })).into_response()
}
async fn after() -> Response {
    Json(json!({ "access_token": mint() })).into_response()
}
fn app() -> Router {
    Router::new()
        .route("/token", post(layered))
        .layer(SetResponseHeaderLayer::overriding(CACHE_CONTROL, HeaderValue::from_static("no-store")))
        .route("/token2", post(after))
}
"#;
        assert_eq!(lines(src), [9]);
    }

    #[test]
    fn clients_and_unknown_types_are_quiet() {
        let src = r#"
struct TokenResponse { access_token: String }
async fn fetch(http: &Client) -> Result<TokenResponse> {
    Ok(http.post(URL).json(&json!({ "grant_type": "client_credentials" })).send().await?.json::<TokenResponse>().await?)
}
async fn profile() -> Json<Profile> {
    Json(Profile::load())
}
async fn issue() -> Json<TokenResponse> {
    Json(TokenResponse::new())
}
"#;
        assert_eq!(lines(src), [10]);
    }
}
