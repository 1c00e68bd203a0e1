//! Framework knowledge, one module per framework, as tables where it can be. Each entry names
//! the upstream file that proves it (research/framework-catalog.md has the full catalog).
//!
//! The extractor and the model reach the newer frameworks (tower-http, axum-extra, warp, poem,
//! salvo, Rocket) only through the hooks below, so that a framework is one module plus fixtures:
//! `known_call` / `known_path` (values), `classify` (signature types), `file_facts` (what a file
//! says about the whole package), `scan` (framework defaults flagged from syntax alone) and
//! `resolve_ctor` (values the model resolves against the package).

pub mod actix_web;
pub mod axum;
pub mod axum_extra;
pub mod http;
pub mod jsonrpc_core;
pub mod jsonrpsee;
pub mod poem;
pub mod rmcp;
pub mod rocket;
pub mod rust_mcp_sdk;
pub mod salvo;
pub mod tower_http;
pub mod warp;

use crate::facts::ir::{FailKind, Hit, TyClass, Val, When};
use crate::facts::signals;
use crate::facts::vocab::{Vocab, Word};
use crate::model::{Cause, Model, Resp, Via};
use crate::rules::file::FileCx;
use syn::spanned::Spanned;
use syn::visit::Visit;

/// What a framework call builds, in terms of its arguments (indexes into the call's arguments).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Known {
    /// A response with this status and no body.
    Status(u16),
    /// A response whose status is this argument.
    StatusArg(usize),
    /// The status argument replaces the status of the body argument.
    StatusBody { status: usize, body: usize },
    /// A fixed status over the body argument.
    FixedStatusBody(u16, usize),
    /// The base response with one header added.
    WithHeader { base: usize, name: usize, value: usize },
    /// A JSON body, 200.
    Json(usize),
    /// An HTML page, 200.
    Html(usize),
    /// warp `reject::custom(arg)`: resolved against the package's `recover` handlers.
    Rejection(usize),
    /// Rocket `Outcome::Error((status, e))`: the catcher of that status answers.
    GuardFailure(usize),
    /// Not a response the request ends with (`Outcome::Forward`, `Outcome::Success`).
    NotAResponse,
}

/// The crates a file imports (`use warp::..`) and which crate each imported name comes from.
#[derive(Debug, Clone, Default)]
pub struct Uses {
    pub roots: Vec<String>,
    pub names: Vec<(String, String)>,
}

impl Uses {
    pub fn add(&mut self, tree: &syn::UseTree) {
        let root = match tree {
            syn::UseTree::Path(p) => p.ident.to_string(),
            syn::UseTree::Name(n) => n.ident.to_string(),
            _ => return,
        };
        fn names(t: &syn::UseTree, out: &mut Vec<String>) {
            match t {
                syn::UseTree::Path(p) => names(&p.tree, out),
                syn::UseTree::Name(n) => out.push(n.ident.to_string()),
                syn::UseTree::Rename(r) => out.push(r.rename.to_string()),
                syn::UseTree::Group(g) => g.items.iter().for_each(|i| names(i, out)),
                syn::UseTree::Glob(_) => {}
            }
        }
        let mut found = Vec::new();
        names(tree, &mut found);
        self.names.extend(found.into_iter().map(|n| (n, root.clone())));
        if !self.roots.contains(&root) {
            self.roots.push(root);
        }
    }

    /// The file imports this crate, or the path names it.
    pub fn has(&self, krate: &str, segs: &[String]) -> bool {
        self.roots.iter().any(|r| r == krate) || segs.iter().any(|s| s == krate)
    }

    /// The crate a name was imported from.
    pub fn root_of(&self, name: &str) -> Option<&str> {
        self.names.iter().find(|(n, _)| n == name).map(|(_, r)| r.as_str())
    }
}

/// A call `a::b::prev::last(..)` of a framework function with fixed semantics. `local_types`:
/// types the file defines (a user's own `Unauthorized` struct is not poem's).
pub fn known_call(segs: &[String], uses: &Uses, local_types: &[String]) -> Option<Known> {
    let last = segs.last()?.as_str();
    let prev = segs.len().checked_sub(2).and_then(|i| segs.get(i)).map_or("", String::as_str);
    if uses.has("warp", segs) {
        if let Some(k) = warp::call(prev, last, true) {
            return Some(k);
        }
    }
    if uses.has("poem", segs) {
        if prev == "Error" {
            if let Some(k) = poem::error_ctor(last) {
                return Some(k);
            }
        }
        let from_poem = prev == "error" || (prev.is_empty() && uses.root_of(last) == Some("poem"));
        if let Some(code) = poem::http_error(last).filter(|_| from_poem && !local_types.iter().any(|t| t == last)) {
            return Some(Known::FixedStatusBody(code, 0));
        }
    }
    if uses.has("salvo", segs) && prev == salvo::STATUS_ERROR {
        if let Some(code) = salvo::status_error(last) {
            return Some(Known::Status(code));
        }
    }
    if uses.has("rocket", segs) {
        match (prev, last) {
            ("Outcome", "Error" | "Failure") => return Some(Known::GuardFailure(0)),
            ("Outcome", "Success" | "Forward") => return Some(Known::NotAResponse),
            ("status", "Custom") => return Some(Known::StatusBody { status: 0, body: 1 }),
            ("", "Custom") if uses.root_of("Custom") == Some("rocket") => {
                return Some(Known::StatusBody { status: 0, body: 1 })
            }
            ("status", name) => return rocket::status_responder(name).map(|c| Known::FixedStatusBody(c, 0)),
            _ => {}
        }
    }
    None
}

/// A path value of a framework: a status, and whether a catcher of the package answers it
/// (Rocket's `Status::Unauthorized` as a responder forwards to the 401 catcher).
pub fn known_path(segs: &[String], uses: &Uses, local_types: &[String]) -> Option<(u16, bool)> {
    let last = segs.last()?;
    let prev = segs.len().checked_sub(2).and_then(|i| segs.get(i))?;
    if prev == "Status" && uses.has("rocket", segs) && !local_types.iter().any(|t| t == "Status") {
        return rocket::status_variant(last).map(|c| (c, true));
    }
    None
}

/// Methods that keep the response their receiver is (poem's `finish()`, salvo's `brief(..)`).
pub fn keeps_response(method: &str) -> bool {
    poem::BUILDER_END.contains(&method) || salvo::KEEPS_STATUS.contains(&method)
}

/// A framework type in a signature that is a response.
pub fn classify(segs: &[String], uses: &Uses) -> Option<TyClass> {
    let last = segs.last()?.as_str();
    let response = match last {
        "Rejection" => uses.has("warp", segs),
        "Error" => segs.iter().any(|s| s == "poem") || (segs.len() == 1 && uses.root_of("Error") == Some("poem")),
        "StatusError" => uses.has("salvo", segs),
        "Outcome" | "Status" | "Custom" => uses.has("rocket", segs),
        _ => false,
    };
    response.then_some(TyClass::Response)
}

/// A one-argument `Result<T>` whose error is a framework response (`poem::Result<T>`).
pub fn result_err_is_response(segs: &[String], uses: &Uses) -> bool {
    segs.iter().any(|s| s == "poem") || (segs.len() == 1 && uses.root_of("Result") == Some("poem"))
}

/// Trait methods whose error return is the response a framework sends as is.
pub fn response_method(trait_name: &str, method: &str) -> bool {
    tower_http::validator_method(trait_name, method)
}

// ------------------------------------------------------------------ package-wide facts

/// What a file says about its whole package.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FwFacts {
    /// Types a warp `recover` handler looks for (`err.find::<T>()`).
    pub recovered: Vec<String>,
    /// Statuses with a Rocket `#[catch(N)]` catcher (`default` as 0).
    pub catchers: Vec<u16>,
    /// Rocket `#[derive(Responder)]` types.
    pub responders: Vec<rocket::DerivedResponder>,
}

/// Each part needs its word in the file: `catch`, `find`, `Responder` (`facts/vocab.rs`).
pub fn file_facts(file: &syn::File, vocab: &Vocab) -> FwFacts {
    struct V(Vec<u16>);
    impl<'ast> Visit<'ast> for V {
        crate::facts::walk::skip_types_and_paths!();
        fn visit_item_fn(&mut self, f: &'ast syn::ItemFn) {
            for a in f.attrs.iter().filter(|a| a.path().is_ident("catch")) {
                if let Ok(lit) = a.parse_args::<syn::LitInt>() {
                    if let Ok(code) = lit.base10_parse::<u16>() {
                        self.0.push(code);
                    }
                } else {
                    self.0.push(0);
                }
            }
            syn::visit::visit_item_fn(self, f);
        }
    }
    let mut v = V(Vec::new());
    if vocab.has(&[Word::Catch]) {
        v.visit_file(file);
    }
    FwFacts {
        recovered: if vocab.has(&[Word::Find]) { warp::recovered_types(file) } else { Vec::new() },
        catchers: v.0,
        responders: if vocab.has(&[Word::Responder]) { rocket::derived_responders(file) } else { Vec::new() },
    }
}

fn package_has(model: &Model, file: usize, f: impl Fn(&FwFacts) -> bool) -> bool {
    let pkg = model.files[file].package;
    model.files.iter().any(|g| g.package == pkg && f(&g.facts.fw))
}

/// Whether `When::NotRecovered(ty)` holds: no `recover` handler of the package looks for `ty`.
pub fn not_recovered(model: &Model, file: usize, ty: &str) -> bool {
    !package_has(model, file, |fw| fw.recovered.iter().any(|t| t == ty))
}

/// Values whose response depends on the rest of the package. `None`: not a framework value;
/// `Some(None)`: a framework value whose response is not known.
pub fn resolve_ctor(
    model: &Model,
    file: usize,
    ty: &str,
    variant: Option<&str>,
    fields: &[(String, Val)],
) -> Option<Option<Resp>> {
    let inner = fields.first().map(|(_, v)| v);
    match ty {
        warp::REJECTION => {
            let (name, variant) = match inner {
                Some(Val::Ctor { ty, variant, .. }) => (&**ty, variant.as_deref()),
                _ => return Some(None),
            };
            if !not_recovered(model, file, name) {
                // A `recover` handler decides; its own returns are sites of their own.
                return Some(None);
            }
            let mut r = Resp::new(500, true);
            r.via = Via::Local;
            r.causes.push(Cause { loc: None, message: warp::UNHANDLED_NOTE.to_string() });
            add_name_evidence(&mut r, name, variant, 2);
            Some(Some(r))
        }
        rocket::GUARD_FAILURE => {
            let Some(Val::Tuple(elems)) = inner else { return Some(None) };
            let Some(code) = elems.first().and_then(guard_code) else { return Some(None) };
            if package_has(model, file, |fw| fw.catchers.iter().any(|c| *c == code || *c == 0)) {
                // A catcher of the package answers; its own returns are sites of their own.
                return Some(None);
            }
            let mut r = Resp::new(code, false);
            r.causes.push(Cause { loc: None, message: rocket::DEFAULT_CATCHER_NOTE.to_string() });
            if let Some(Val::Ctor { ty, variant, .. }) = elems.get(1) {
                add_name_evidence(&mut r, ty, variant.as_deref(), 2);
            }
            Some(Some(r))
        }
        _ => derived_responder(model, file, ty, variant, fields),
    }
}

/// A value of a Rocket `#[derive(Responder)]` type: the status of its attribute or of its inner
/// responder, the body of its first field. `None` when the package derives no such responder.
fn derived_responder(
    model: &Model,
    file: usize,
    ty: &str,
    variant: Option<&str>,
    fields: &[(String, Val)],
) -> Option<Option<Resp>> {
    let pkg = model.files[file].package;
    let d = model
        .files
        .iter()
        .filter(|g| g.package == pkg)
        .flat_map(|g| g.facts.fw.responders.iter())
        .find(|r| r.ty == ty && r.variant.as_deref() == variant)?;
    let Some(status) = d.status else { return Some(None) };
    // The body: what the first field resolves to (its JSON message is evidence).
    let mut r = match fields.first().and_then(|(_, v)| model.resolve(file, v, crate::model::Env::ROOT)) {
        Some(inner) => inner,
        None => Resp::new(status, d.implicit),
    };
    r.status = status;
    r.implicit = d.implicit;
    r.via = Via::Local;
    r.headers_open |= d.has_header;
    r.causes.push(Cause {
        loc: None,
        message: format!(
            "`#[derive(Responder)]` on `{ty}` answers {status}{} (rocket codegen, `Responder` derive)",
            if d.implicit { ", its inner responder's status" } else { "" }
        ),
    });
    add_name_evidence(&mut r, ty, variant, 1);
    Some(Some(r))
}

/// The status of a failed guard: `Status::X` (itself a catcher-answered value).
fn guard_code(v: &Val) -> Option<u16> {
    match v {
        Val::Status { code, .. } => Some(*code),
        Val::Ctor { ty, fields, .. } if &**ty == rocket::GUARD_FAILURE => match fields.first().map(|(_, v)| v) {
            Some(Val::Tuple(elems)) => elems.first().and_then(guard_code),
            _ => None,
        },
        _ => None,
    }
}

/// Auth evidence from the names of an error type and its variant (`AuthError::InvalidToken`).
/// `ty_weight`: what the type name alone counts for (a warp rejection type names one failure,
/// like a variant: 2; a responder type that carries several: 1, as for `IntoResponse` types).
fn add_name_evidence(r: &mut Resp, ty: &str, variant: Option<&str>, ty_weight: u8) {
    if variant.is_some_and(signals::is_auth_variant) {
        r.evidence.variant = 2;
        r.evidence.kind = variant.and_then(signals::fail_kind_of_text);
    } else if signals::is_auth_variant(ty) {
        r.evidence.variant = r.evidence.variant.max(ty_weight);
        r.evidence.kind = signals::fail_kind_of_text(ty).or(Some(FailKind::Invalid));
    }
}

// ------------------------------------------------------------------ syntax-only defaults

/// Framework defaults visible in one file's syntax: layers and extractors whose rejection is a
/// known wrong answer (a bare 401, a 400 or 403 for credentials). Called by `rules::file::run`.
pub fn scan(cx: &FileCx, hits: &mut Vec<Hit>) {
    // Each default needs a credential word (`Authorization`, `bearer`, `JwtAuth`, a credential
    // header), `basic` or poem's `SecurityScheme` in the file.
    if !cx.vocab.has(crate::facts::vocab::CREDENTIAL) && !cx.vocab.has(&[Word::Basic, Word::Security]) {
        return;
    }
    let mut v = Scan {
        cx,
        hits: Vec::new(),
        jwt_news: Vec::new(),
        forced: Vec::new(),
        schemes: Vec::new(),
        optional_schemes: Vec::new(),
    };
    v.visit_file(cx.file);
    for (name, at) in std::mem::take(&mut v.schemes) {
        if v.optional_schemes.contains(&name) {
            continue;
        }
        let msg = format!("401 response without a WWW-Authenticate header: {}", poem::SECURITY_SCHEME_NOTE);
        v.push("missing-www-authenticate", at, msg, CHALLENGE_HELP, When::Always);
    }
    for (span, at) in std::mem::take(&mut v.jwt_news) {
        if v.forced.contains(&span) {
            continue;
        }
        v.push(
            "auth-status-other",
            at,
            format!("auth failure answered with HTTP 403: {}", salvo::JWT_FORBIDDEN_NOTE),
            AUTH_HELP,
            When::Always,
        );
        v.push(
            "missing-www-authenticate",
            at,
            format!("401 response without a WWW-Authenticate header: {}", salvo::JWT_MISSING_NOTE),
            CHALLENGE_HELP,
            When::Always,
        );
    }
    hits.extend(v.hits);
}

const AUTH_HELP: &str = "answer missing or rejected credentials with 401 and a `WWW-Authenticate: Bearer` challenge \
     (with `resource_metadata` on an MCP server): check the credential in your own middleware or extractor";
const CHALLENGE_HELP: &str = "replace the built-in rejection with your own 401 that carries `WWW-Authenticate: Bearer \
     resource_metadata=\"https://<host>/.well-known/oauth-protected-resource/mcp\"`";

struct Scan<'c, 'a> {
    cx: &'c FileCx<'a>,
    hits: Vec<Hit>,
    /// salvo `JwtAuth::new(..)` calls (by span start) and where to report them.
    jwt_news: Vec<((usize, usize), proc_macro2::Span)>,
    /// `JwtAuth::new(..)` calls under `.force_passed(true)`.
    forced: Vec<(usize, usize)>,
    /// poem-openapi `#[derive(SecurityScheme)]` structs and where their derive is.
    schemes: Vec<(String, proc_macro2::Span)>,
    /// Schemes wrapped in a `SecurityScheme` enum with an `#[oai(fallback)]` variant: a failure
    /// falls back (to anonymous access), no 401 is sent.
    optional_schemes: Vec<String>,
}

fn derives(attrs: &[syn::Attribute], name: &str) -> Option<proc_macro2::Span> {
    attrs.iter().filter(|a| a.path().is_ident("derive")).find_map(|a| {
        let list =
            a.parse_args_with(syn::punctuated::Punctuated::<syn::Path, syn::Token![,]>::parse_terminated).ok()?;
        list.iter().find(|p| p.segments.last().is_some_and(|s| s.ident == name)).map(|p| p.span())
    })
}

/// `#[oai(fallback)]`.
fn is_fallback(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().filter(|a| a.path().is_ident("oai")).any(|a| {
        a.parse_args_with(syn::punctuated::Punctuated::<syn::Meta, syn::Token![,]>::parse_terminated)
            .is_ok_and(|list| list.iter().any(|m| m.path().is_ident("fallback")))
    })
}

fn key(s: proc_macro2::Span) -> (usize, usize) {
    (s.start().line, s.start().column)
}

fn path_segs(p: &syn::Path) -> Vec<String> {
    p.segments.iter().map(|s| s.ident.to_string()).collect()
}

impl Scan<'_, '_> {
    fn push(&mut self, rule: &str, at: proc_macro2::Span, message: String, help: &str, when: When) {
        let Some(rule) = crate::rules::find(rule) else { return };
        let mut hit = self.cx.hit(rule, at, message, help.to_string());
        hit.when = when;
        self.hits.push(hit);
    }

    fn sig(&mut self, sig: &syn::Signature) {
        for arg in &sig.inputs {
            let syn::FnArg::Typed(t) = arg else { continue };
            if axum_extra::is_credential_typed_header(&t.ty) {
                let msg = format!("auth failure answered with HTTP 400: {}", axum_extra::TYPED_HEADER_NOTE);
                let help = "take `Option<TypedHeader<Authorization<Bearer>>>` (axum-extra 0.10+ hands a missing \
                     header to the handler as `None`) or read the header yourself, and answer 401 with a \
                     `WWW-Authenticate: Bearer` challenge";
                self.push("auth-status-other", t.ty.span(), msg, help, When::Always);
            }
        }
    }
}

impl<'ast> Visit<'ast> for Scan<'_, '_> {
    crate::facts::walk::skip_types_and_paths!();
    fn visit_item_fn(&mut self, f: &'ast syn::ItemFn) {
        self.sig(&f.sig);
        syn::visit::visit_item_fn(self, f);
    }

    fn visit_impl_item_fn(&mut self, f: &'ast syn::ImplItemFn) {
        self.sig(&f.sig);
        syn::visit::visit_impl_item_fn(self, f);
    }

    fn visit_item_struct(&mut self, s: &'ast syn::ItemStruct) {
        if let Some(at) = derives(&s.attrs, poem::SECURITY_SCHEME_DERIVE) {
            self.schemes.push((s.ident.to_string(), at));
        }
        syn::visit::visit_item_struct(self, s);
    }

    fn visit_item_enum(&mut self, e: &'ast syn::ItemEnum) {
        let scheme = derives(&e.attrs, poem::SECURITY_SCHEME_DERIVE).is_some();
        if scheme && e.variants.iter().any(|v| is_fallback(&v.attrs)) {
            let types = e.variants.iter().flat_map(|v| v.fields.iter()).filter_map(|f| match &f.ty {
                syn::Type::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
                _ => None,
            });
            self.optional_schemes.extend(types);
        }
        syn::visit::visit_item_enum(self, e);
    }

    fn visit_expr_method_call(&mut self, m: &'ast syn::ExprMethodCall) {
        if m.method == "force_passed"
            && !matches!(m.args.first(), Some(syn::Expr::Lit(l)) if matches!(&l.lit, syn::Lit::Bool(b) if !b.value))
        {
            // Find the `JwtAuth::new(..)` at the root of the chain.
            let mut recv = &*m.receiver;
            while let syn::Expr::MethodCall(inner) = recv {
                recv = &inner.receiver;
            }
            if let syn::Expr::Call(c) = recv {
                self.forced.push(key(c.span()));
            }
        }
        syn::visit::visit_expr_method_call(self, m);
    }

    fn visit_expr_call(&mut self, c: &'ast syn::ExprCall) {
        if let syn::Expr::Path(p) = &*c.func {
            let segs = path_segs(&p.path);
            let n = segs.len();
            let prev = if n >= 2 { segs[n - 2].as_str() } else { "" };
            let last = segs.last().map_or("", String::as_str);
            match tower_http::builtin(prev, last) {
                Some(tower_http::Builtin::BareBearer401) => {
                    let msg = format!("401 response without a WWW-Authenticate header: {}", tower_http::BEARER_NOTE);
                    self.push("missing-www-authenticate", c.span(), msg, CHALLENGE_HELP, When::Always);
                }
                // Only for a credential header: `has_header_value("x-tenant", ..)` is not auth.
                Some(tower_http::Builtin::HeaderValue403) if credential_header(c.args.first()) => {
                    let msg = format!("auth failure answered with HTTP 403: {}", tower_http::HEADER_VALUE_NOTE);
                    self.push("auth-status-other", c.span(), msg, AUTH_HELP, When::Always);
                }
                _ => {}
            }
            let turbofish_header = last == "header"
                && p.path.segments.last().is_some_and(|s| !s.arguments.is_empty())
                && (n == 1 || prev == "warp");
            if (warp::is_required_header_filter(prev, last) || turbofish_header) && credential_header(c.args.first()) {
                let msg = format!("auth failure answered with HTTP 400: {}", warp::HEADER_NOTE);
                let help = "take the header with `warp::header::optional::<String>(\"authorization\")` and reject \
                     a missing one with your own rejection that `recover` answers with 401 and a \
                     `WWW-Authenticate: Bearer` challenge";
                self.push("auth-status-other", c.span(), msg, help, When::NotRecovered(warp::MISSING_HEADER.into()));
            }
            if prev == "JwtAuth" && last == "new" {
                self.jwt_news.push((key(c.span()), c.span()));
            }
        }
        syn::visit::visit_expr_call(self, c);
    }
}

/// A header-name argument naming a credential header (`"authorization"`, `AUTHORIZATION`,
/// `"x-api-key"`).
fn credential_header(arg: Option<&syn::Expr>) -> bool {
    match arg {
        Some(syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(s), .. })) => {
            signals::is_credential_header(&s.value().to_ascii_lowercase())
        }
        Some(syn::Expr::Path(p)) => p.path.segments.last().is_some_and(|s| s.ident == "AUTHORIZATION"),
        Some(syn::Expr::Reference(r)) => credential_header(Some(&r.expr)),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ty(s: &str) -> syn::Type {
        syn::parse_str(s).expect("a type")
    }

    #[test]
    fn typed_header_only_at_the_top_level() {
        assert!(axum_extra::is_credential_typed_header(&ty("TypedHeader<Authorization<Bearer>>")));
        assert!(axum_extra::is_credential_typed_header(&ty("axum_extra::TypedHeader<headers::Authorization<Basic>>")));
        assert!(!axum_extra::is_credential_typed_header(&ty("Option<TypedHeader<Authorization<Bearer>>>")));
        assert!(!axum_extra::is_credential_typed_header(&ty(
            "Result<TypedHeader<Authorization<Bearer>>, TypedHeaderRejection>"
        )));
        assert!(!axum_extra::is_credential_typed_header(&ty("TypedHeader<UserAgent>")));
    }

    #[test]
    fn warp_recover_names_what_it_finds() {
        let file: syn::File = syn::parse_str(
            "async fn r(err: Rejection) { if err.find::<Unauthorized>().is_some() {} \
             if let Some(AuthError::Expired) = err.find() {} if let Some(e) = err.find::<warp::reject::MissingHeader>() {} }",
        )
        .expect("a file");
        assert_eq!(warp::recovered_types(&file), ["AuthError", "MissingHeader", "Unauthorized"]);
    }

    #[test]
    fn rocket_catchers_and_responders() {
        let file: syn::File = syn::parse_str(
            "#[catch(401)] fn a() {} #[catch(default)] fn b() {} \
             #[derive(Responder)] #[response(status = 401)] struct Denied(Json<Value>, Header<'static>); \
             #[derive(Responder)] enum E { Plain(Json<Value>), #[response(status = 403)] No(String), Other(Status) }",
        )
        .expect("a file");
        assert_eq!(file_facts(&file, &Vocab::all()).catchers, [401, 0]);
        let rs = rocket::derived_responders(&file);
        let got: Vec<(Option<&str>, Option<u16>, bool, bool)> =
            rs.iter().map(|r| (r.variant.as_deref(), r.status, r.implicit, r.has_header)).collect();
        assert_eq!(
            got,
            [
                (None, Some(401), false, true),
                (Some("Plain"), Some(200), true, false),
                (Some("No"), Some(403), false, false),
                (Some("Other"), None, true, false),
            ]
        );
    }

    #[test]
    fn known_calls_need_the_framework_imported() {
        let segs = |s: &str| s.split("::").map(str::to_string).collect::<Vec<_>>();
        let mut uses = Uses::default();
        assert_eq!(known_call(&segs("StatusError::unauthorized"), &uses, &[]), None);
        uses.add(&syn::parse_str::<syn::ItemUse>("use salvo::prelude::*;").expect("use").tree);
        assert_eq!(known_call(&segs("StatusError::unauthorized"), &uses, &[]), Some(Known::Status(401)));
        assert_eq!(known_call(&segs("warp::reject::custom"), &uses, &[]), Some(Known::Rejection(0)));
        assert_eq!(
            known_call(&segs("poem::Error::from_string"), &uses, &[]),
            Some(Known::StatusBody { status: 1, body: 0 })
        );
    }
}
