//! From a syn AST to the compact facts of `ir.rs`, in one walk per file. The AST is dropped
//! afterwards; everything the rules need later is in `FileFacts`.

use super::ir::*;
use super::macros;
use super::signals;
use super::span as fspan;
use super::vocab::Vocab;
use crate::frameworks::{axum, http, jsonrpc_core, jsonrpsee, rmcp};
use crate::source::Text;
use proc_macro2::Span as PmSpan;
use std::path::Path;
use syn::spanned::Spanned;
use syn::visit::Visit;
use syn::{Expr, Item, Pat, ReturnType, Stmt, Type};

// Per-framework evaluation, one hook each in this file (keeps framework work mergeable).
mod actix_web;
mod rust_mcp_sdk;

/// How deep `eval` follows nested expressions before answering `Unknown`.
const MAX_EVAL_DEPTH: usize = 64;

/// Extract the facts of one parsed file. `text` is the source the file was parsed from (for
/// anchors), `path` its location (for `#[path]` modules).
/// `vocab` gates the per-function scans that need a word to find anything (`vocab.rs`).
pub fn extract<'a>(
    file: &'a syn::File,
    text: &'a Text<'a>,
    path: &Path,
    include_tests: bool,
    vocab: &'a Vocab,
) -> FileFacts {
    let mut ex = Extractor {
        text: Some(text),
        vocab: Some(vocab),
        may_mention_auth: true,
        dir: path.parent().map(Path::to_path_buf),
        path: path.to_path_buf(),
        include_tests,
        ..Default::default()
    };
    ex.survey(&file.items);
    ex.items(&file.items, &ImplCtx::default());
    ex.facts.fw = crate::frameworks::file_facts(file, vocab);
    ex.facts.shrink();
    ex.facts
}

#[derive(Default)]
struct Extractor<'a> {
    /// The file's text (`None` only in a default `Extractor`).
    text: Option<&'a Text<'a>>,
    /// The gate words of the file (`None`: no gates).
    vocab: Option<&'a Vocab>,
    dir: Option<std::path::PathBuf>,
    path: std::path::PathBuf,
    include_tests: bool,
    facts: FileFacts,
    // Per-function state.
    scopes: Vec<Vec<(String, Val)>>,
    rets: Vec<Ret>,
    variants: Vec<String>,
    arm: Option<Span>,
    /// The file imports rmcp (`use rmcp::..`).
    uses_rmcp: bool,
    /// The file imports actix-web / actix-web-httpauth (`extract/actix_web.rs`).
    uses_actix: bool,
    uses_httpauth: bool,
    /// The current function is an actix-web-httpauth validator (its `Err((e, req))`).
    validator_fn: bool,
    /// The file imports rust-mcp-sdk's `AuthenticationError` (`extract/rust_mcp_sdk.rs`).
    sdk_auth_error: bool,
    /// The crates the file imports, for the framework hooks (`frameworks::known_call`).
    uses: crate::frameworks::Uses,
    /// Types the file defines (structs, enums, type aliases).
    local_types: Vec<String>,
    /// Auth-named locals bound from values that are not credentials.
    cleared_locals: Vec<String>,
    /// Parameters that carry an authenticated identity (`auth: BasicAuth`, `Extension(claims)`).
    identity_locals: Vec<String>,
    /// Whether the current function's returns are recorded (see `function`).
    collecting: bool,
    /// The current function's text has a credential word (`vocab::CREDENTIAL`). Without one,
    /// no expression of it mentions auth and no local is bound from credentials
    /// (`signals::mentions_auth_or` needs such a word or such a local).
    may_mention_auth: bool,
    /// Locals bound from credentials (`let verdict = headers.get(AUTHORIZATION)..`).
    auth_locals: Vec<String>,
    /// Locals bound from a credential lookup whose error was folded into its answer
    /// (`let key = conn.get(k).await.unwrap_or(None)`), with where the lookup is.
    flattened_locals: Vec<(String, Span)>,
    /// Locals holding the `Result` of a credential lookup (`let res = store.get(t).await;`).
    lookup_locals: Vec<(String, Span)>,
    /// Locals holding an error value (`Err(e)`, `map_err(|e| ..)`, `AuthError::Jwt(err)`):
    /// found in the current function's `body` when first asked for (`error_locals()`), since
    /// most functions never make text from a value.
    error_locals: std::cell::OnceCell<Vec<String>>,
    body: Option<&'a syn::Block>,
    self_ty: Option<String>,
    depth: usize,
    /// A salvo handler's `res: &mut Response` parameter, with the status and headers written
    /// into it so far (`frameworks::salvo::res_write`).
    salvo_res: Option<(String, Option<PendingStatus>, Vec<Val>)>,
}

/// A status written into a salvo handler's response and not yet rendered: the value, where it
/// was written, and the auth context there.
type PendingStatus = (Val, PmSpan, Ctx);

#[derive(Default, Clone)]
struct ImplCtx {
    self_ty: Option<String>,
    trait_name: Option<String>,
    trait_arg: Option<String>,
    trait_arg_generic: bool,
    /// `type Rejection = X;` (axum `FromRequestParts`), `type Error = X;`.
    rejection: Option<String>,
}

pub fn span_of(s: PmSpan) -> Span {
    let (a, b) = (s.start(), s.end());
    let n = |x: usize| u32::try_from(x).unwrap_or(u32::MAX);
    Span { line: n(a.line), col: n(a.column + 1), end_line: n(b.line), end_col: n(b.column + 1) }
}

fn last_ident(p: &syn::Path) -> String {
    p.segments.last().map(|s| s.ident.to_string()).unwrap_or_default()
}

fn segments(p: &syn::Path) -> Vec<String> {
    p.segments.iter().map(|s| s.ident.to_string()).collect()
}

pub fn is_test_attr(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|a| {
        let p = a.path();
        if p.segments.last().is_some_and(|s| s.ident == "test") {
            return true;
        }
        if p.is_ident("cfg") {
            // `cfg(test)`, `cfg(all(test, ..))` and friends: a `test` among the tokens.
            return matches!(&a.meta, syn::Meta::List(l)
                if l.tokens.clone().into_iter().any(|t| matches!(&t, proc_macro2::TokenTree::Ident(i) if i == "test")));
        }
        false
    })
}

/// An error from looking credentials up (a store, a network call) or from issuing them is the
/// server's failure, not a rejection: a 500 or 503 there is right (seed 000, todo 084).
fn backend_or_issuer(e: &Expr, kind: Option<FailKind>) -> Option<FailKind> {
    match (kind, signals::call_role(e)) {
        (Some(FailKind::Invalid), signals::CallRole::Looks | signals::CallRole::Produces) => None,
        (k, _) => k,
    }
}

/// Parameters whose type is an authenticated identity (an authenticating extractor, or what
/// an auth middleware inserted): reaching the body means authentication succeeded.
fn identity_params(sig: &syn::Signature) -> Vec<String> {
    let is_identity = |name: &str| {
        ["Auth", "Claims", "Identity", "Principal", "AuthContext", "AuthInfo"].iter().any(|s| name.ends_with(s))
            || ["User", "AuthUser", "CurrentUser", "AuthenticatedUser", "LoggedInUser"].contains(&name)
    };
    let mut out = Vec::new();
    for arg in &sig.inputs {
        let syn::FnArg::Typed(t) = arg else { continue };
        let mut names: Vec<String> = type_name(&t.ty).into_iter().collect();
        if let Type::Path(p) = &*t.ty {
            if let Some(seg) = p.path.segments.last() {
                names.extend(first_generic_type(seg).into_iter().filter_map(type_name));
            }
        }
        if names.iter().any(|n| is_identity(n)) {
            out.extend(pat_idents(&t.pat));
        }
    }
    out
}

/// Every name a `use` tree mentions.
fn use_tree_idents(t: &syn::UseTree) -> Vec<String> {
    match t {
        syn::UseTree::Path(p) => {
            let mut v = vec![p.ident.to_string()];
            v.extend(use_tree_idents(&p.tree));
            v
        }
        syn::UseTree::Name(n) => vec![n.ident.to_string()],
        syn::UseTree::Rename(r) => vec![r.ident.to_string()],
        syn::UseTree::Group(g) => g.items.iter().flat_map(use_tree_idents).collect(),
        syn::UseTree::Glob(_) => Vec::new(),
    }
}

/// `None`: no `#[auth_error]`; `Some(status)`: the attribute, with its `status = N` if given.
fn auth_error_status(attrs: &[syn::Attribute]) -> Option<Option<u16>> {
    let attr = attrs.iter().find(|a| a.path().segments.last().is_some_and(|s| s.ident == "auth_error"))?;
    let mut status = None;
    let _ = attr.parse_nested_meta(|m| {
        if m.path.is_ident("status") {
            let lit: syn::LitInt = m.value()?.parse()?;
            status = lit.base10_parse::<u16>().ok();
        } else if m.input.peek(syn::Token![=]) {
            let _: Expr = m.value()?.parse()?;
        }
        Ok(())
    });
    Some(status)
}

/// Remove test code (`#[cfg(test)]` modules and impls, `#[test]` functions, at any item level)
/// from a parsed file. Extraction skips it on its own (and records `#[cfg(test)] mod x;` files);
/// this runs after it, so that the file-level rules never meet test code.
pub fn strip_tests(file: &mut syn::File) {
    strip_test_items(&mut file.items);
}

fn strip_test_items(items: &mut Vec<Item>) {
    items.retain(|i| !item_attrs(i).is_some_and(is_test_attr));
    for item in items {
        match item {
            Item::Mod(m) => {
                if let Some((_, inner)) = &mut m.content {
                    strip_test_items(inner);
                }
            }
            Item::Impl(i) => i.items.retain(|ii| !matches!(ii, syn::ImplItem::Fn(f) if is_test_attr(&f.attrs))),
            _ => {}
        }
    }
}

fn item_attrs(item: &Item) -> Option<&[syn::Attribute]> {
    Some(match item {
        Item::Fn(i) => &i.attrs,
        Item::Impl(i) => &i.attrs,
        Item::Mod(i) => &i.attrs,
        Item::Const(i) => &i.attrs,
        Item::Static(i) => &i.attrs,
        Item::Struct(i) => &i.attrs,
        Item::Enum(i) => &i.attrs,
        Item::Trait(i) => &i.attrs,
        _ => return None,
    })
}

fn path_attr(attrs: &[syn::Attribute]) -> Option<String> {
    attrs.iter().find_map(|a| match &a.meta {
        syn::Meta::NameValue(nv) if nv.path.is_ident("path") => match &nv.value {
            Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(s), .. }) => Some(s.value()),
            _ => None,
        },
        _ => None,
    })
}

/// The last path segment of a type, without references and generics.
fn type_name(ty: &Type) -> Option<String> {
    match ty {
        Type::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
        Type::Reference(r) => type_name(&r.elem),
        Type::Paren(p) => type_name(&p.elem),
        Type::Group(g) => type_name(&g.elem),
        _ => None,
    }
}

fn first_generic_type(seg: &syn::PathSegment) -> Vec<&Type> {
    match &seg.arguments {
        syn::PathArguments::AngleBracketed(a) => a
            .args
            .iter()
            .filter_map(|g| match g {
                syn::GenericArgument::Type(t) => Some(t),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

impl<'a> Extractor<'a> {
    // ---------------------------------------------------------------- items

    /// What the whole file says before any body is read: rmcp imports, local type names.
    fn survey(&mut self, items: &[Item]) {
        for item in items {
            match item {
                Item::Use(u) => {
                    self.survey_rust_mcp_sdk(u);
                    if matches!(&u.tree, syn::UseTree::Path(p) if p.ident == "rmcp") {
                        self.uses_rmcp = true;
                    }
                    if let syn::UseTree::Path(p) = &u.tree {
                        self.uses_actix |= p.ident == "actix_web" || p.ident == "actix_web_httpauth";
                        self.uses_httpauth |= p.ident == "actix_web_httpauth";
                    }
                    self.uses.add(&u.tree);
                }
                Item::Struct(s) => self.local_types.push(s.ident.to_string()),
                Item::Enum(e) => self.local_types.push(e.ident.to_string()),
                Item::Type(t) if !matches!(&*t.ty, Type::Path(p) if p.path.segments.first().is_some_and(|s| s.ident == "rmcp")) => {
                    self.local_types.push(t.ident.to_string())
                }
                Item::Mod(m) => {
                    if let Some((_, inner)) = &m.content {
                        self.survey(inner);
                    }
                }
                _ => {}
            }
        }
    }

    fn items(&mut self, items: &'a [Item], ictx: &ImplCtx) {
        for item in items {
            self.item(item, ictx);
        }
    }

    fn skip(&self, attrs: &[syn::Attribute]) -> bool {
        !self.include_tests && is_test_attr(attrs)
    }

    fn item(&mut self, item: &'a Item, ictx: &ImplCtx) {
        if let Some(attrs) = item_attrs(item) {
            self.cfg_attr_allows(attrs, || item.span());
        }
        match item {
            Item::Fn(f) if !self.skip(&f.attrs) => {
                self.function(&f.sig, &f.block, ictx);
                if let Some(code) = crate::frameworks::rocket::catch_status(&f.attrs) {
                    // A Rocket catcher answers with the status it catches.
                    if let Some(last) = self.facts.fns.iter_mut().rev().find(|x| f.sig.ident == x.name) {
                        match code {
                            Some(code) => {
                                for r in &mut last.rets {
                                    let status = Val::Status { code, span: r.span };
                                    r.val = Val::Tuple(vec![status, std::mem::replace(&mut r.val, Val::Unknown)]);
                                }
                            }
                            None => last.rets.clear(),
                        }
                    }
                }
                if auth_error_status(&f.attrs).is_some() {
                    if let Some(last) = self.facts.fns.iter_mut().rev().find(|x| f.sig.ident == x.name) {
                        last.auth_error_fn = true;
                    }
                }
            }
            Item::Mod(m) if m.content.is_none() && self.skip(&m.attrs) => {
                let files = self.module_files(&m.ident.to_string(), &m.attrs);
                self.facts.test_mods.extend(files);
            }
            Item::Mod(m) if !self.skip(&m.attrs) => {
                if let Some((_, items)) = &m.content {
                    self.items(items, ictx);
                } else if let (Some(p), Some(dir)) = (path_attr(&m.attrs), &self.dir) {
                    self.facts.path_mods.push(dir.join(p));
                }
            }
            Item::Impl(i) if !self.skip(&i.attrs) => self.impl_block(i),
            Item::Const(c) => self.constant(&c.ident.to_string(), &c.expr, None),
            Item::Enum(e) => {
                self.derived_froms(e);
                self.auth_error_type(&e.ident, &e.attrs, e.variants.iter().map(|v| (&v.ident, &v.attrs)).collect());
            }
            Item::Struct(st) => self.auth_error_type(&st.ident, &st.attrs, Vec::new()),
            Item::Static(s) => self.constant(&s.ident.to_string(), &s.expr, None),
            Item::Use(u) => {
                let root = match &u.tree {
                    syn::UseTree::Path(p) => p.ident.to_string(),
                    syn::UseTree::Name(n) => n.ident.to_string(),
                    _ => String::new(),
                };
                if use_tree_idents(&u.tree).iter().any(|i| signals::is_mcp_server_ident(i)) {
                    self.facts.mcp_signal = true;
                }
                if signals::is_oauth_ident(&root) {
                    self.facts.oauth_signal = true;
                }
            }
            _ => {}
        }
    }

    fn impl_block(&mut self, i: &'a syn::ItemImpl) {
        let generics: Vec<String> = i.generics.type_params().map(|t| t.ident.to_string()).collect();
        let mut ictx = ImplCtx { self_ty: type_name(&i.self_ty), ..Default::default() };
        if let Some((path, _)) = &i.trait_ {
            ictx.trait_name = Some(last_ident(path));
            if let Some(seg) = path.segments.last() {
                if let Some(arg) = first_generic_type(seg).first() {
                    let name = type_name(arg);
                    ictx.trait_arg_generic = name.as_ref().is_some_and(|n| generics.contains(n));
                    // Printed only where it is read (`Model`'s conversions): printing a type
                    // is a token stream and a string for every trait impl otherwise.
                    if seg.ident == "From" {
                        ictx.trait_arg = Some(quote::ToTokens::to_token_stream(arg).to_string().replace(' ', ""));
                    }
                }
            }
        }
        for it in &i.items {
            if let syn::ImplItem::Type(t) = it {
                if t.ident == "Rejection" || t.ident == "Error" {
                    ictx.rejection = type_name(&t.ty);
                }
            }
        }
        let first_fn = self.facts.fns.len();
        for it in &i.items {
            match it {
                syn::ImplItem::Fn(f) if !self.skip(&f.attrs) => {
                    self.cfg_attr_allows(&f.attrs, || f.span());
                    self.function(&f.sig, &f.block, &ictx)
                }
                syn::ImplItem::Const(c) => {
                    let owner = ictx.self_ty.clone();
                    self.constant(&c.ident.to_string(), &c.expr, owner.as_deref());
                }
                _ => {}
            }
        }
        self.actix_response_error(i, &ictx, first_fn);
    }

    /// Where `mod name;` lives: `#[path]`, else `name.rs` / `name/mod.rs` next to a `mod.rs`,
    /// `lib.rs` or `main.rs`, or under a folder named after any other file.
    fn module_files(&self, name: &str, attrs: &[syn::Attribute]) -> Vec<std::path::PathBuf> {
        let Some(dir) = &self.dir else { return Vec::new() };
        if let Some(p) = path_attr(attrs) {
            return vec![dir.join(p)];
        }
        let stem = self.path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        let base = if matches!(stem.as_str(), "mod" | "lib" | "main") { dir.clone() } else { dir.join(stem) };
        vec![base.join(format!("{name}.rs")), base.join(name).join("mod.rs")]
    }

    /// `#[cfg_attr(mcp_lint, allow(mcp_lint::rule_id, reason = ".."))]`: a suppression for the
    /// whole item (the dylint form; `#[allow(mcp_lint::..)]` alone does not compile on stable).
    fn cfg_attr_allows(&mut self, attrs: &[syn::Attribute], item: impl Fn() -> PmSpan) {
        for a in attrs.iter().filter(|a| a.path().is_ident("cfg_attr")) {
            let mut is_ours = false;
            let mut rules = Vec::new();
            let mut reason = None;
            let parsed = a.parse_nested_meta(|m| {
                if m.path.is_ident("mcp_lint") {
                    is_ours = true;
                } else if m.path.is_ident("allow") || m.path.is_ident("expect") {
                    m.parse_nested_meta(|inner| {
                        let segs = segments(&inner.path);
                        if inner.path.is_ident("reason") {
                            let lit: syn::LitStr = inner.value()?.parse()?;
                            reason = Some(lit.value()).filter(|r| !r.trim().is_empty());
                        } else if segs.first().is_some_and(|s| s == "mcp_lint") && segs.len() == 2 {
                            rules.push(segs[1].replace('_', "-"));
                        }
                        Ok(())
                    })?;
                }
                Ok(())
            });
            if parsed.is_ok() && is_ours && !rules.is_empty() {
                let at = span_of(a.span());
                let whole = span_of(item());
                self.facts.allows.push(AllowFacts { rules, reason, at, first: whole.line, last: whole.end_line });
            }
        }
    }

    /// `#[auth_error(..)]` on a type: record the statuses it generates.
    fn auth_error_type(
        &mut self,
        ident: &syn::Ident,
        attrs: &[syn::Attribute],
        variants: Vec<(&syn::Ident, &Vec<syn::Attribute>)>,
    ) {
        let Some(status) = auth_error_status(attrs) else { return };
        let variants = variants
            .into_iter()
            .filter_map(|(v, a)| auth_error_status(a).flatten().map(|s| (v.to_string(), s)))
            .collect();
        self.facts.auth_error_types.push(AuthErrorType {
            ty: ident.to_string(),
            status: status.unwrap_or(401),
            variants,
            span: span_of(ident.span()),
        });
    }

    /// thiserror's `#[from]` on a variant field derives `From<Field> for Enum`.
    fn derived_froms(&mut self, e: &syn::ItemEnum) {
        let target = e.ident.to_string();
        for v in &e.variants {
            for f in &v.fields {
                if !f.attrs.iter().any(|a| a.path().is_ident("from")) {
                    continue;
                }
                let source = quote::ToTokens::to_token_stream(&f.ty).to_string().replace(' ', "");
                let span = span_of(v.ident.span());
                let val = Val::Ctor {
                    ty: target.as_str().into(),
                    variant: Some(v.ident.to_string().into()),
                    fields: Vec::new(),
                    span,
                };
                self.facts.froms.push(FromFacts { target: target.clone(), source, generic: false, val, span });
            }
        }
    }

    fn constant(&mut self, name: &str, expr: &Expr, owner: Option<&str>) {
        self.scopes.clear();
        let was = std::mem::replace(&mut self.collecting, true);
        let val = self.eval(expr);
        self.collecting = was;
        if matches!(val, Val::Unknown) {
            return;
        }
        let span = span_of(fspan::expr(expr));
        let name = match owner {
            Some(o) => format!("{o}::{name}"),
            None => name.to_string(),
        };
        self.facts.consts.push(ConstFacts { name, val, span });
    }

    fn function(&mut self, sig: &'a syn::Signature, block: &'a syn::Block, ictx: &ImplCtx) {
        let name = sig.ident.to_string();
        let range = super::vocab::fn_lines(sig, block);
        let outer_may_mention_auth = std::mem::replace(
            &mut self.may_mention_auth,
            self.vocab.map_or(true, |v| v.in_lines(range.clone(), super::vocab::CREDENTIAL)),
        );
        self.scopes = vec![Vec::new()];
        self.rets.clear();
        self.variants.clear();
        self.arm = None;
        self.auth_locals.clear();
        self.flattened_locals.clear();
        self.lookup_locals.clear();
        self.error_locals = std::cell::OnceCell::new();
        self.body = Some(block);
        self.cleared_locals.clear();
        self.identity_locals = identity_params(sig);
        self.self_ty = ictx.self_ty.clone();
        let params: Vec<String> = sig
            .inputs
            .iter()
            .map(|a| match a {
                syn::FnArg::Receiver(_) => "self".to_string(),
                syn::FnArg::Typed(t) => match &*t.pat {
                    Pat::Ident(i) => i.ident.to_string(),
                    _ => "_".to_string(),
                },
            })
            .collect();
        // Parameters evaluate to themselves, so a helper's summary can say "the status is my
        // first argument" and the call site supplies it.
        if let Some(scope) = self.scopes.first_mut() {
            for (i, p) in params.iter().enumerate().filter(|(_, p)| *p != "self" && *p != "_") {
                scope.push((p.clone(), Val::Param(i)));
            }
        }
        self.validator_fn = Self::is_validator_sig(&sig.output);
        let mut sig_class = self.classify_return(&sig.output, ictx);
        // A sync fn returning a bare `StatusCode` maps errors to codes (`fn status(&self)`);
        // only async fns (handlers, middleware) answer with a bare status.
        if sig.asyncness.is_none() && returns_bare_status(&sig.output) {
            sig_class = RetSig { ok: TyClass::Other, err: None };
        }
        // tower `Service::call` returns `Self::Future` resolving to the service's response.
        if name == "call" && ictx.trait_name.as_deref() == Some("Service") {
            // An actix `Service` has `type Error = actix_web::Error`: its errors are responses too.
            let err = self.uses_actix.then_some(TyClass::Response);
            sig_class = RetSig { ok: TyClass::Response, err };
        }
        if let Some(sig) = self.actix_fn_sig(&name, ictx) {
            sig_class = sig;
        }
        // A salvo handler answers through its `res: &mut Response` parameter.
        self.salvo_res = None;
        if self.uses.has("salvo", &[]) {
            if let Some(p) = crate::frameworks::salvo::response_param(sig) {
                self.salvo_res = Some((p, None, Vec::new()));
                if sig_class.ok == TyClass::Other {
                    sig_class.ok = TyClass::Response;
                }
            }
        }
        // tower-http `ValidateRequest::validate` / `AsyncAuthorizeRequest::authorize`: the error
        // is the response sent for a rejected request.
        if ictx.trait_name.as_deref().is_some_and(|t| crate::frameworks::response_method(t, &name)) {
            sig_class = RetSig { ok: TyClass::Other, err: Some(TyClass::Response) };
        }
        // Functions whose returns can never become a response (nothing response-like in the
        // signature, not a trait impl, not a status method) are only walked for the handler
        // closures they register; their values are not evaluated.
        let was = self.collecting;
        self.collecting = !matches!((&sig_class.ok, &sig_class.err), (TyClass::Other, None | Some(TyClass::Other)))
            || ictx.trait_name.is_some()
            || (ictx.self_ty.is_some() && returns_bare_status(&sig.output));
        // Uncollected, the walk only looks for the closures the function registers (handlers,
        // middleware, service factories; `walk` skips async blocks, items and macro bodies):
        // none, no walk.
        if self.collecting || any_expr_in(block, &|e| matches!(e, Expr::Closure(_))) {
            self.block(&block.stmts, Ctx::default(), true);
        }
        // A salvo status still pending at the end goes out with an empty body.
        self.salvo_flush();
        self.collecting = was;
        // Nested fn items in the body are functions of their own.
        let nested: Vec<&syn::ItemFn> = block
            .stmts
            .iter()
            .filter_map(|s| match s {
                Stmt::Item(Item::Fn(f)) => Some(f),
                _ => None,
            })
            .collect();
        let signals::BodyTraits { reads_credentials, oauth_endpoint } =
            if self.vocab.map_or(true, |v| v.in_lines(range, signals::BODY_TRAIT_WORDS)) {
                signals::body_traits(block)
            } else {
                signals::BodyTraits::default()
            };
        let facts = FnFacts {
            auth_named: signals::is_auth_name(&name),
            reads_credentials,
            auth_error_fn: false,
            oauth_endpoint,
            name,
            self_ty: ictx.self_ty.clone(),
            trait_name: ictx.trait_name.clone(),
            trait_arg: ictx.trait_arg.clone(),
            trait_arg_generic: ictx.trait_arg_generic,
            sig: sig_class,
            params,
            rets: std::mem::take(&mut self.rets),
            span: span_of(sig.ident.span()),
        };
        self.facts.fns.push(facts);
        for f in nested {
            self.function(&f.sig, &f.block, &ImplCtx::default());
        }
        self.may_mention_auth = outer_may_mention_auth;
    }

    // ---------------------------------------------------------------- signatures

    fn classify_return(&self, out: &ReturnType, ictx: &ImplCtx) -> RetSig {
        match out {
            ReturnType::Default => RetSig { ok: TyClass::Other, err: None },
            ReturnType::Type(_, ty) => self.classify_sig_type(ty, ictx),
        }
    }

    fn classify_sig_type(&self, ty: &Type, ictx: &ImplCtx) -> RetSig {
        if let Type::Path(p) = ty {
            if let Some(seg) = p.path.segments.last() {
                let name = seg.ident.to_string();
                if name.ends_with("Result") {
                    let args = first_generic_type(seg);
                    let ok = args.first().map_or(TyClass::Other, |t| self.classify_type(t, ictx));
                    let err = match (args.get(1), name.as_str()) {
                        (Some(e), _) => Some(self.classify_type(e, ictx)),
                        (None, "RpcResult") => Some(TyClass::Rpc),
                        (None, _) => {
                            let segs = segments(&p.path);
                            if segs.iter().any(|s| s == "response" || s == "axum" || s == "actix_web")
                                || crate::frameworks::result_err_is_response(&segs, &self.uses)
                            {
                                Some(TyClass::Response)
                            } else if segs.iter().any(|s| s == "jsonrpc_core") {
                                Some(TyClass::Rpc)
                            } else {
                                Some(TyClass::Other)
                            }
                        }
                    };
                    return RetSig { ok, err };
                }
            }
        }
        RetSig { ok: self.classify_type(ty, ictx), err: None }
    }

    fn classify_type(&self, ty: &Type, ictx: &ImplCtx) -> TyClass {
        if let Some(c) = self.actix_type(ty) {
            return c;
        }
        match ty {
            Type::ImplTrait(t) => {
                let names: Vec<String> = t
                    .bounds
                    .iter()
                    .filter_map(|b| match b {
                        syn::TypeParamBound::Trait(t) => Some(last_ident(&t.path)),
                        _ => None,
                    })
                    .collect();
                if names.iter().any(|n| axum::RESPONSE_TRAITS.contains(&n.as_str()) || n == "Responder" || n == "Reply")
                {
                    return TyClass::Response;
                }
                // `impl Future<Output = X>`: what the future yields.
                for b in &t.bounds {
                    if let syn::TypeParamBound::Trait(tr) = b {
                        if let Some(seg) = tr.path.segments.last().filter(|s| s.ident == "Future") {
                            if let syn::PathArguments::AngleBracketed(a) = &seg.arguments {
                                for g in &a.args {
                                    if let syn::GenericArgument::AssocType(at) = g {
                                        return self.classify_sig_type(&at.ty, ictx).ok;
                                    }
                                }
                            }
                        }
                    }
                }
                TyClass::Other
            }
            Type::Tuple(t) => {
                if t.elems.iter().any(|e| type_name(e).is_some_and(|n| n == "StatusCode")) {
                    TyClass::Response
                } else {
                    TyClass::Other
                }
            }
            Type::Path(p) => {
                let segs = segments(&p.path);
                let Some(last) = segs.last() else {
                    return TyClass::Other;
                };
                if last == "Rejection" && segs.first().is_some_and(|s| s == "Self") {
                    return ictx.rejection.clone().map_or(TyClass::Other, TyClass::Named);
                }
                if let Some(c) = crate::frameworks::classify(&segs, &self.uses) {
                    return c;
                }
                if axum::RESPONSE_TYPES.contains(&last.as_str()) {
                    return TyClass::Response;
                }
                if rmcp::RPC_TYPES.contains(&last.as_str()) || jsonrpsee::RPC_TYPES.contains(&last.as_str()) {
                    return TyClass::Rpc;
                }
                if last == "Error" && segs.iter().any(|s| s == "jsonrpc_core" || s == "rmcp") {
                    return TyClass::Rpc;
                }
                if last == "Self" {
                    return ictx.self_ty.clone().map_or(TyClass::Other, TyClass::Named);
                }
                // `Option<Response>`: a helper that answers only sometimes.
                if last == "Option" {
                    if let Some(seg) = p.path.segments.last() {
                        if let Some(inner) = first_generic_type(seg).first() {
                            return self.classify_type(inner, ictx);
                        }
                    }
                }
                if ["String", "str", "Error", "Box", "Option", "Vec", "bool", "Value", "Bytes"].contains(&last.as_str())
                {
                    return TyClass::Other;
                }
                TyClass::Named(self.qualify_type(last.clone(), &segs))
            }
            Type::Reference(r) => self.classify_type(&r.elem, ictx),
            Type::Paren(p) => self.classify_type(&p.elem, ictx),
            _ => TyClass::Other,
        }
    }

    // ---------------------------------------------------------------- control flow

    fn anchor(&self, s: PmSpan) -> u64 {
        crate::report::text_hash(self.text.map_or("", |t| t.of_span(s)))
    }

    fn push_ret(&mut self, val: Val, at: PmSpan, ctx: Ctx, is_try: bool) {
        if !self.collecting {
            return;
        }
        let anchor = self.anchor(at);
        self.rets.push(Ret {
            val,
            span: span_of(at),
            ctx,
            variants: self.variants.clone(),
            anchor,
            is_try,
            arm: self.arm,
        });
    }

    /// A failing branch of a check on a helper's result: decided later, by the model.
    fn deferred(&mut self, ctx: Ctx, kind: Option<FailKind>, cond: &Expr) -> Ctx {
        let (Some(kind), None) = (kind, ctx.auth_branch) else {
            return ctx;
        };
        let Some(name) = signals::first_helper_call(cond) else {
            return ctx;
        };
        let idx = match self.facts.callees.iter().position(|c| *c == name) {
            Some(i) => i,
            None => {
                self.facts.callees.push(name);
                self.facts.callees.len() - 1
            }
        };
        Ctx { deferred: Some((kind, u32::try_from(idx).unwrap_or(u32::MAX))), ..ctx }
    }

    /// A rejected check on an identity that is already authenticated (a handler parameter
    /// such as `BasicAuth` or `Claims`), or on a role, scope or permission, is authorization:
    /// 403 is right for it, not 401.
    fn authz(&self, e: &Expr, kind: Option<FailKind>) -> Option<FailKind> {
        let kind = backend_or_issuer(e, kind);
        match kind {
            Some(FailKind::Invalid)
                if signals::checks_permission(e) || signals::mentions_any(e, &self.identity_locals) =>
            {
                Some(FailKind::Scope)
            }
            k => k,
        }
    }

    fn error_locals(&self) -> &[String] {
        self.error_locals.get_or_init(|| self.body.map(error_bindings).unwrap_or_default())
    }

    fn is_auth_expr(&self, e: &Expr) -> bool {
        self.may_mention_auth && signals::mentions_auth_or(e, &self.auth_locals, &self.cleared_locals)
    }

    /// An error value itself (`e`, `&err`, `e.to_string()`), not something read off it.
    fn is_error_text(&self, e: &Expr) -> bool {
        match strip_parens(e) {
            Expr::Path(p) => p.path.get_ident().is_some_and(|i| self.error_locals().iter().any(|l| i == l)),
            Expr::Reference(r) => self.is_error_text(&r.expr),
            Expr::MethodCall(m) if ["to_string", "as_ref", "root_cause"].contains(&m.method.to_string().as_str()) => {
                self.is_error_text(&m.receiver)
            }
            _ => false,
        }
    }

    /// An awaited credential lookup in a store or remote service (`store.get(token).await`,
    /// `sqlx::query(..).bind(key).fetch_optional(&pool).await`): the awaited call's verb is a
    /// lookup (`signals::CallRole::Looks`) and it carries a credential. Only awaited calls:
    /// a synchronous map lookup cannot fail the way a store or the network does.
    fn lookup_call(&self, e: &Expr) -> Option<Span> {
        if let Expr::Path(p) = strip_parens(e) {
            let name = p.path.get_ident()?.to_string();
            return self.lookup_locals.iter().rev().find(|(n, _)| *n == name).map(|(_, at)| *at);
        }
        let Expr::Await(a) = strip_parens(e) else { return None };
        let name = match strip_parens(&a.base) {
            Expr::MethodCall(m) => m.method.to_string(),
            Expr::Call(c) => callee_name(&c.func),
            _ => return None,
        };
        // `get`/`exists`/`hget` awaited: a cache or key-value store (redis).
        let looks = ["get", "exists", "hget"].contains(&name.as_str())
            || signals::role_of_name(&name) == signals::CallRole::Looks;
        (looks && self.is_auth_expr(&a.base)).then(|| span_of(fspan::expr(e)))
    }

    /// A credential lookup whose error is folded into its answer, so that "the store is down"
    /// reads as "no such key": `lookup(..).await.ok()`, `.unwrap_or(None)`, `.unwrap_or(false)`,
    /// `.unwrap_or_default()`, `.is_ok()`, through `.flatten()`/`.is_some()`, or a local bound
    /// from one.
    fn flattened_lookup(&self, e: &Expr) -> Option<Span> {
        const FOLDS: &[&str] = &["ok", "unwrap_or", "unwrap_or_default", "unwrap_or_else", "is_ok", "is_ok_and"];
        const THROUGH: &[&str] =
            &["flatten", "is_some", "is_none", "is_some_and", "map", "and_then", "as_ref", "as_deref", "cloned"];
        match strip_parens(e) {
            Expr::MethodCall(m) => {
                let method = m.method.to_string();
                if FOLDS.contains(&method.as_str()) {
                    if let Some(at) = self.lookup_call(&m.receiver) {
                        return Some(at);
                    }
                }
                if FOLDS.contains(&method.as_str()) || THROUGH.contains(&method.as_str()) {
                    return self.flattened_lookup(&m.receiver);
                }
                None
            }
            Expr::Unary(u) => self.flattened_lookup(&u.expr),
            Expr::Reference(r) => self.flattened_lookup(&r.expr),
            Expr::Binary(b) => self.flattened_lookup(&b.left).or_else(|| self.flattened_lookup(&b.right)),
            Expr::Let(l) => self.flattened_lookup(&l.expr),
            Expr::Path(p) => {
                let name = p.path.get_ident()?.to_string();
                self.flattened_locals.iter().rev().find(|(n, _)| *n == name).map(|(_, at)| *at)
            }
            _ => None,
        }
    }

    /// `if let Ok(..) = lookup.await { .. } else { here }`, `if !lookup.await.unwrap_or(false)
    /// { here }`: mark the branch a failed lookup lands in.
    fn backend_branches(&self, cond: &Expr, then_ctx: Ctx, else_ctx: Ctx) -> (Ctx, Ctx) {
        let (mut then_ctx, mut else_ctx) = (then_ctx, else_ctx);
        if let Expr::Let(l) = strip_parens(cond) {
            if pat_head(&l.pat).as_deref() == Some("Err") {
                then_ctx.backend = self.lookup_call(&l.expr).or(then_ctx.backend);
            } else {
                else_ctx.backend = self.backend_behind(&l.pat, &l.expr, true).or(else_ctx.backend);
            }
            return (then_ctx, else_ctx);
        }
        if let Some(at) = self.flattened_lookup(cond) {
            match signals::if_failures(cond, &|_| true) {
                (Some(_), _) => then_ctx.backend = Some(at),
                (_, Some(_)) => else_ctx.backend = Some(at),
                _ => {}
            }
        }
        (then_ctx, else_ctx)
    }

    /// The lookup behind the branch a pattern takes when it fails: the `Err(..)` arm of an
    /// awaited lookup, the other side of an `Ok(..)` pattern, or a folded lookup.
    fn backend_behind(&self, pat: &Pat, scrutinee: &Expr, pattern_fails: bool) -> Option<Span> {
        let result_pat = match pat_head(pat).as_deref() {
            Some("Err") => !pattern_fails,
            Some("Ok") => pattern_fails,
            _ => false,
        };
        if result_pat {
            if let Some(at) = self.lookup_call(scrutinee) {
                return Some(at);
            }
        }
        self.flattened_lookup(scrutinee)
    }

    /// A closure that a framework calls as a handler (a JSON-RPC method, an rmcp service
    /// factory): its returns are summarised as a function of its own.
    fn closure_fn(&mut self, c: &syn::ExprClosure, name: &str, sig: RetSig) {
        let saved = (
            std::mem::take(&mut self.scopes),
            std::mem::take(&mut self.rets),
            std::mem::take(&mut self.variants),
            self.arm.take(),
            self.depth,
        );
        self.scopes = vec![Vec::new()];
        let sig = match &c.output {
            ReturnType::Type(_, ty) => self.classify_sig_type(ty, &ImplCtx::default()),
            ReturnType::Default => sig,
        };
        let was = std::mem::replace(&mut self.collecting, true);
        self.tail(&c.body, Ctx::default());
        self.collecting = was;
        let facts = FnFacts {
            name: name.to_string(),
            self_ty: None,
            trait_name: None,
            trait_arg: None,
            trait_arg_generic: false,
            sig,
            params: Vec::new(),
            rets: std::mem::take(&mut self.rets),
            span: span_of(c.span()),
            auth_named: false,
            reads_credentials: false,
            auth_error_fn: false,
            oauth_endpoint: false,
        };
        self.facts.fns.push(facts);
        (self.scopes, self.rets, self.variants, self.arm, self.depth) = saved;
    }

    /// Closures passed to JSON-RPC method registration and to rmcp's service factory.
    fn handler_closures(&mut self, m: &syn::ExprMethodCall) {
        self.actix_handler_closures(m);
        let method = m.method.to_string();
        if jsonrpsee::REGISTER_METHODS.contains(&method.as_str())
            || jsonrpc_core::ADD_METHODS.contains(&method.as_str())
        {
            for a in &m.args {
                if let Expr::Closure(c) = a {
                    self.closure_fn(c, &method, RetSig { ok: TyClass::Rpc, err: Some(TyClass::Rpc) });
                }
            }
        }
        // warp filters: `.and_then(|t| async move { .. })`.
        if crate::frameworks::warp::CLOSURE_METHODS.contains(&method.as_str()) && self.uses.has("warp", &[]) {
            for a in &m.args {
                if let Expr::Closure(c) = a {
                    if matches!(&*c.body, Expr::Async(_)) {
                        let sig = RetSig { ok: TyClass::Response, err: Some(TyClass::Response) };
                        self.closure_fn(c, &method, sig);
                    }
                }
            }
        }
    }

    fn lookup(&self, name: &str) -> Option<&Val> {
        self.scopes.iter().rev().find_map(|s| s.iter().rev().find(|(n, _)| n == name).map(|(_, v)| v))
    }

    fn bind(&mut self, pat: &Pat, val: Val) {
        match pat {
            Pat::Ident(i) => {
                if let Some(scope) = self.scopes.last_mut() {
                    scope.push((i.ident.to_string(), val));
                }
            }
            Pat::Type(t) => self.bind(&t.pat, val),
            Pat::Tuple(t) => {
                let vals = match val {
                    Val::Tuple(v) if v.len() == t.elems.len() => v,
                    _ => vec![Val::Unknown; t.elems.len()],
                };
                for (p, v) in t.elems.iter().zip(vals) {
                    self.bind(p, v);
                }
            }
            _ => {}
        }
    }

    /// Replace the value of a local binding (for `*r.status_mut() = ..` and header inserts).
    fn update_local(&mut self, name: &str, f: impl FnOnce(Val) -> Val) {
        for scope in self.scopes.iter_mut().rev() {
            if let Some(slot) = scope.iter_mut().rev().find(|(n, _)| n == name) {
                let old = std::mem::replace(&mut slot.1, Val::Unknown);
                slot.1 = f(old);
                return;
            }
        }
    }

    /// Walk a block's statements. `tail_returns`: the final expression is the function's value.
    fn block(&mut self, stmts: &[Stmt], ctx: Ctx, tail_returns: bool) {
        self.scopes.push(Vec::new());
        self.stmts(stmts, ctx, tail_returns);
        self.scopes.pop();
    }

    fn stmts(&mut self, stmts: &[Stmt], ctx: Ctx, tail_returns: bool) {
        for (i, stmt) in stmts.iter().enumerate() {
            let last = i + 1 == stmts.len();
            match stmt {
                Stmt::Local(l) => {
                    let Some(init) = &l.init else { continue };
                    if let Some(arms) = self_match(&init.expr) {
                        // `let (status, msg) = match self { .. };` : follow the rest of the block
                        // once per arm, so each return knows its variant and bindings.
                        self.fork_self_match(arms, &l.pat, &stmts[i + 1..], ctx, tail_returns);
                        return;
                    }
                    if let Some((_, diverge)) = &init.diverge {
                        let fail = signals::pattern_failure(&l.pat, &init.expr, &|e| self.is_auth_expr(e));
                        let fail = self.authz(&init.expr, fail);
                        let dctx = match fail {
                            Some(_) => ctx,
                            None => {
                                let hyp = signals::pattern_failure(&l.pat, &init.expr, &|_| true);
                                self.deferred(ctx, hyp, &init.expr)
                            }
                        };
                        let mut dctx = with_fail(dctx, fail);
                        dctx.backend = self.backend_behind(&l.pat, &init.expr, true).or(dctx.backend);
                        self.walk(diverge, dctx);
                    }
                    if let Some(at) = self.flattened_lookup(&init.expr) {
                        self.flattened_locals.extend(pat_idents(&l.pat).into_iter().map(|n| (n, at)));
                    } else if let (Some(at), Pat::Ident(_)) = (self.lookup_call(&init.expr), &l.pat) {
                        self.lookup_locals.extend(pat_idents(&l.pat).into_iter().map(|n| (n, at)));
                    }
                    let first_ret = self.rets.len();
                    self.walk(&init.expr, ctx);
                    // `let is_valid = verify(..).map_err(..)?; if !is_valid { 401 }`: the verdict is
                    // the value; the error of `?` is the check itself failing to run.
                    if verdict_checked_later(&l.pat, &stmts[i + 1..]) {
                        for r in &mut self.rets[first_ret..] {
                            if r.is_try {
                                r.ctx.auth_branch = None;
                            }
                        }
                    }
                    // A credential read or an unfinished check taints the binding; the value of a
                    // check that already succeeded (`verify(..)?`) or a struct carrying a
                    // credential along does not: using those is not an auth check.
                    let taints = !checked_value(&init.expr) && !builds_closure(&init.expr);
                    if taints && self.is_auth_expr(&init.expr) {
                        self.auth_locals.extend(pat_idents(&l.pat));
                    } else if !self.is_auth_expr(&init.expr) {
                        // `let token = progress_token.clone()`: the name says credential, the
                        // value does not.
                        self.cleared_locals
                            .extend(pat_idents(&l.pat).into_iter().filter(|n| signals::is_auth_ident(n)));
                    }
                    let val = self.eval(&init.expr);
                    self.bind(&l.pat, val);
                }
                Stmt::Expr(e, semi) => {
                    if semi.is_none() && last && tail_returns {
                        self.tail(e, ctx);
                    } else {
                        self.statement(e, ctx);
                    }
                }
                Stmt::Macro(m) => self.macro_stmt(&m.mac, ctx),
                Stmt::Item(_) => {}
            }
        }
    }

    fn fork_self_match(&mut self, arms: &[syn::Arm], pat: &Pat, rest: &[Stmt], ctx: Ctx, tail_returns: bool) {
        for arm in arms {
            let saved = (self.variants.clone(), self.arm);
            self.variants = signals::pattern_variants(&arm.pat);
            self.arm = Some(span_of(fspan::arm(arm)));
            self.scopes.push(Vec::new());
            self.walk(&arm.body, ctx);
            let val = self.eval(&arm.body);
            self.bind(pat, val);
            self.stmts(rest, ctx, tail_returns);
            self.scopes.pop();
            (self.variants, self.arm) = saved;
        }
    }

    /// `bail!`-style macros return; everything else in statement position is ignored.
    fn macro_stmt(&mut self, _mac: &syn::Macro, _ctx: Ctx) {}

    /// An expression whose value is returned.
    fn tail(&mut self, e: &Expr, ctx: Ctx) {
        match e {
            Expr::If(i) => self.if_expr(i, ctx, true),
            Expr::Match(m) => self.match_expr(m, ctx, true),
            Expr::Block(b) => self.block(&b.block.stmts, ctx, true),
            Expr::Unsafe(b) => self.block(&b.block.stmts, ctx, true),
            // The output of a returned future is what the caller receives.
            Expr::Async(a) => self.block(&a.block.stmts, ctx, true),
            // `Box::pin(async move { .. })` (tower-http `AsyncAuthorizeRequest::authorize`,
            // tower `Service::call`): the same future, boxed.
            Expr::Call(c)
                if c.args.len() == 1 && matches!(c.args.first(), Some(Expr::Async(_))) && is_box_pin(&c.func) =>
            {
                if let Some(a) = c.args.first() {
                    self.tail(a, ctx);
                }
            }
            Expr::Paren(p) => self.tail(&p.expr, ctx),
            Expr::Return(_) => self.walk(e, ctx),
            Expr::MethodCall(m) if is_err_adapter(&m.method.to_string()) => {
                // `x.map_err(|_| E)` / `x.ok_or(E)` as the value: its error is a return.
                self.walk(&m.receiver, ctx);
                let (val, fail) = self.err_adapter(m);
                let ctx = self.adapter_backend(m, ctx);
                self.push_ret(Val::Wrap(Wrapper::Err, Box::new(val)), err_adapter_span(m), with_fail(ctx, fail), false);
            }
            // A salvo handler ending in `res.render(..)`: the write is the answer, the `()` is not.
            Expr::MethodCall(_) | Expr::Try(_) if self.salvo_res.is_some() && self.salvo_write(e, ctx) => {
                self.walk(e, ctx);
            }
            _ => {
                self.walk(e, ctx);
                let val = self.eval(e);
                self.push_ret(val, fspan::expr(e), ctx, false);
            }
        }
    }

    /// An expression in statement position: find returns and `?` inside, track mutations.
    fn statement(&mut self, e: &Expr, ctx: Ctx) {
        match e {
            Expr::Assign(a) => {
                // `*res.status_mut() = StatusCode::X;`
                if let Some(local) = status_mut_target(&a.left) {
                    let v = self.eval(&a.right);
                    self.update_local(&local, |old| mutate(old, Some(v), None));
                }
                self.walk(&a.right, ctx);
            }
            Expr::MethodCall(m) => {
                self.track_header_insert(m);
                self.salvo_write(e, ctx);
                self.walk(e, ctx);
            }
            Expr::Try(_) => {
                self.salvo_write(e, ctx);
                self.walk(e, ctx);
            }
            _ => self.walk(e, ctx),
        }
    }

    /// A write into a salvo handler's response: `res.render(x)` is where the handler answers,
    /// with the status and headers written before it.
    fn salvo_write(&mut self, e: &Expr, ctx: Ctx) -> bool {
        use crate::frameworks::salvo::{res_write, ResWrite};
        let Some(param) = self.salvo_res.as_ref().map(|(p, _, _)| p.clone()) else { return false };
        // `res.add_header(..)?` / `.ok()` / `.unwrap()`: the write is the receiver.
        let mut e = e;
        loop {
            match e {
                Expr::Try(t) => e = &t.expr,
                Expr::MethodCall(m) if ["ok", "unwrap", "expect"].contains(&m.method.to_string().as_str()) => {
                    e = &m.receiver
                }
                _ => break,
            }
        }
        let Expr::MethodCall(m) = e else { return false };
        match res_write(m, &param) {
            Some(ResWrite::Status(s)) => {
                let v = self.eval(s);
                if let Some(st) = self.salvo_res.as_mut() {
                    st.1 = Some((v, fspan::method_call(m), ctx));
                }
            }
            Some(ResWrite::Header(k, v)) => {
                let (k, v) = (self.eval(k), self.eval(v));
                if let Some(st) = self.salvo_res.as_mut() {
                    st.2.push(Val::Tuple(vec![k, v]));
                }
            }
            Some(ResWrite::Render(x)) => {
                let body = self.eval(x);
                let (status, headers) = match self.salvo_res.as_mut() {
                    Some(st) => (st.1.take(), std::mem::take(&mut st.2)),
                    None => (None, Vec::new()),
                };
                let mut parts: Vec<Val> = status.into_iter().map(|(v, _, _)| v).collect();
                if !headers.is_empty() {
                    parts.push(Val::Array(headers));
                }
                let val = if parts.is_empty() {
                    body
                } else {
                    parts.push(body);
                    Val::Tuple(parts)
                };
                self.push_ret(val, fspan::method_call(m), ctx, false);
            }
            None => return false,
        }
        true
    }

    /// A salvo status set with no `render` after it, at a `return;` or the end of the handler:
    /// salvo sends it with an empty body (salvo_core `src/http/response.rs`).
    fn salvo_flush(&mut self) {
        let Some(st) = self.salvo_res.as_mut() else { return };
        let Some((status, at, ctx)) = st.1.take() else { return };
        let headers = std::mem::take(&mut st.2);
        let mut parts = vec![status];
        if !headers.is_empty() {
            parts.push(Val::Array(headers));
        }
        self.push_ret(Val::Tuple(parts), at, ctx, false);
    }

    /// `headers.insert(K, V)` / `res.headers_mut().insert(K, V)` on a local: record the header.
    fn track_header_insert(&mut self, m: &syn::ExprMethodCall) {
        if (m.method != "insert" && m.method != "append") || m.args.len() != 2 {
            return;
        }
        if let Some(local) = header_insert_target(&m.receiver) {
            let k = self.eval(&m.args[0]);
            let v = self.eval(&m.args[1]);
            self.update_local(&local, |old| mutate(old, None, Some((k, v))));
        }
    }

    fn if_expr(&mut self, i: &syn::ExprIf, ctx: Ctx, tail: bool) {
        self.walk(&i.cond, ctx);
        let (then_fail, else_fail) = signals::if_failures(&i.cond, &|e| self.is_auth_expr(e));
        let (then_fail, else_fail) = (self.authz(&i.cond, then_fail), self.authz(&i.cond, else_fail));
        let (then_ctx, else_ctx) = if then_fail.is_none() && else_fail.is_none() {
            let (t, e) = signals::if_failures(&i.cond, &|_| true);
            (self.deferred(ctx, t, &i.cond), self.deferred(ctx, e, &i.cond))
        } else {
            (ctx, ctx)
        };
        self.scopes.push(Vec::new());
        if let Expr::Let(l) = &*i.cond {
            let v = self.eval(&l.expr);
            if let Pat::TupleStruct(ts) = &*l.pat {
                if let Some(p) = ts.elems.first() {
                    let inner = match v {
                        Val::Wrap(_, inner) => *inner,
                        _ => Val::Unknown,
                    };
                    self.bind(p, inner);
                }
            }
        }
        let (then_ctx, else_ctx) = self.backend_branches(&i.cond, then_ctx, else_ctx);
        self.block(&i.then_branch.stmts, with_fail(then_ctx, then_fail), tail);
        self.scopes.pop();
        if let Some((_, els)) = &i.else_branch {
            let ectx = with_fail(else_ctx, else_fail);
            if tail {
                self.tail(els, ectx);
            } else {
                self.walk(els, ectx);
            }
        }
    }

    fn match_expr(&mut self, m: &syn::ExprMatch, ctx: Ctx, tail: bool) {
        self.walk(&m.expr, ctx);
        let on_self = is_self_expr(&m.expr);
        let fails: Vec<Option<FailKind>> = signals::match_failures(&m.expr, &m.arms, &|e| self.is_auth_expr(e))
            .into_iter()
            .map(|k| self.authz(&m.expr, k))
            .collect();
        let hypothetical = if fails.iter().all(Option::is_none) {
            signals::match_failures(&m.expr, &m.arms, &|_| true)
        } else {
            vec![None; m.arms.len()]
        };
        for ((arm, fail), hyp) in m.arms.iter().zip(fails).zip(hypothetical) {
            let ctx = self.deferred(ctx, hyp, &m.expr);
            let saved = self.variants.clone();
            if on_self {
                self.variants = signals::pattern_variants(&arm.pat);
            }
            let mut actx = with_fail(ctx, fail);
            if let Some(at) = self.backend_behind(&arm.pat, &m.expr, false) {
                // A flattened lookup fails in the arms that fail; an `Err` arm always does.
                if pat_head(&arm.pat).as_deref() == Some("Err") || fail.or(hyp).is_some() {
                    actx.backend = Some(at);
                }
            }
            if tail {
                self.tail(&arm.body, actx);
            } else {
                self.walk(&arm.body, actx);
            }
            self.variants = saved;
        }
    }

    /// Find `return`, `?`, and branches that contain them, anywhere inside `e` (not inside
    /// closures, async blocks or nested items: those return from somewhere else).
    fn walk(&mut self, e: &Expr, ctx: Ctx) {
        if self.depth > MAX_EVAL_DEPTH * 4 {
            return;
        }
        self.depth += 1;
        match e {
            Expr::Return(r) => {
                if let Some(v) = &r.expr {
                    self.walk(v, ctx);
                    self.tail_value(v, ctx);
                } else {
                    self.salvo_flush();
                }
            }
            Expr::Try(t) => self.try_expr(t, ctx),
            Expr::If(i) => self.if_expr(i, ctx, false),
            Expr::Match(m) => self.match_expr(m, ctx, false),
            Expr::Block(b) => self.block(&b.block.stmts, ctx, false),
            Expr::Unsafe(b) => self.block(&b.block.stmts, ctx, false),
            Expr::Loop(l) => self.block(&l.body.stmts, ctx, false),
            Expr::While(w) => {
                self.walk(&w.cond, ctx);
                self.block(&w.body.stmts, ctx, false)
            }
            Expr::ForLoop(f) => {
                self.walk(&f.expr, ctx);
                self.block(&f.body.stmts, ctx, false)
            }
            Expr::Closure(_) | Expr::Async(_) | Expr::Const(_) => {}
            Expr::MethodCall(m) => {
                self.handler_closures(m);
                let mut v = Children { ex: self, ctx };
                syn::visit::visit_expr(&mut v, e);
            }
            Expr::Call(c) if axum::is_middleware_fn(&c.func) => {
                // `middleware::from_fn(|req, next| async move { .. })`: the closure answers.
                for a in &c.args {
                    if let Expr::Closure(f) = a {
                        self.closure_fn(
                            f,
                            "middleware",
                            RetSig { ok: TyClass::Response, err: Some(TyClass::Response) },
                        );
                    }
                }
                let mut v = Children { ex: self, ctx };
                syn::visit::visit_expr(&mut v, e);
            }
            Expr::Call(c) if rmcp::is_service_factory(&c.func) => {
                if let Some(Expr::Closure(f)) = c.args.first() {
                    let sig = RetSig { ok: TyClass::Other, err: Some(TyClass::Fixed(500, rmcp::FACTORY_ERROR_NOTE)) };
                    self.closure_fn(f, "service factory", sig);
                }
                let mut v = Children { ex: self, ctx };
                syn::visit::visit_expr(&mut v, e);
            }
            _ => {
                let mut v = Children { ex: self, ctx };
                syn::visit::visit_expr(&mut v, e);
            }
        }
        self.depth -= 1;
    }

    /// The value of `return v`: like a tail, but `v` is not walked again.
    fn tail_value(&mut self, v: &Expr, ctx: Ctx) {
        match v {
            Expr::MethodCall(m) if is_err_adapter(&m.method.to_string()) => {
                let (val, fail) = self.err_adapter(m);
                let ctx = self.adapter_backend(m, ctx);
                self.push_ret(Val::Wrap(Wrapper::Err, Box::new(val)), err_adapter_span(m), with_fail(ctx, fail), false);
            }
            _ => {
                let val = self.eval(v);
                self.push_ret(val, fspan::expr(v), ctx, false);
            }
        }
    }

    fn try_expr(&mut self, t: &syn::ExprTry, ctx: Ctx) {
        let inner = strip_await(&t.expr);
        match inner {
            Expr::MethodCall(m) if is_err_adapter(&m.method.to_string()) => {
                self.walk(&m.receiver, ctx);
                let (val, fail) = self.err_adapter(m);
                let ctx = self.adapter_backend(m, ctx);
                self.push_ret(Val::Wrap(Wrapper::Err, Box::new(val)), err_adapter_span(m), with_fail(ctx, fail), true);
            }
            _ => {
                self.walk(inner, ctx);
                let fail = self.authz(inner, self.is_auth_expr(inner).then_some(FailKind::Invalid));
                let origin = callee_name(inner);
                let at = fspan::try_expr(t);
                self.push_ret(Val::Try { origin, span: span_of(at) }, at, with_fail(ctx, fail), true);
            }
        }
    }

    /// `lookup(..).await.map_err(|_| AuthError::Unauthorized)`: the error is the lookup's.
    fn adapter_backend(&self, m: &syn::ExprMethodCall, ctx: Ctx) -> Ctx {
        let at = (m.method == "map_err").then(|| self.lookup_call(&m.receiver)).flatten();
        Ctx { backend: at.or(ctx.backend), ..ctx }
    }

    /// The error value of `.map_err(f)`, `.ok_or(v)`, `.ok_or_else(f)` and what failed.
    fn err_adapter(&mut self, m: &syn::ExprMethodCall) -> (Val, Option<FailKind>) {
        let method = m.method.to_string();
        let fail = if self.is_auth_expr(&m.receiver) {
            Some(if method.starts_with("ok_or") { FailKind::Missing } else { FailKind::Invalid })
        } else {
            None
        };
        let fail = self.authz(&m.receiver, fail);
        let val = match m.args.first() {
            Some(Expr::Closure(c)) => {
                self.scopes.push(Vec::new());
                let v = self.eval(&c.body);
                self.scopes.pop();
                v
            }
            Some(a) if method == "ok_or" => self.eval(a),
            _ => Val::Unknown,
        };
        (val, fail)
    }

    // ---------------------------------------------------------------- values

    fn eval(&mut self, e: &Expr) -> Val {
        if !self.collecting || self.depth > MAX_EVAL_DEPTH {
            return Val::Unknown;
        }
        self.depth += 1;
        let v = self.eval_inner(e);
        self.depth -= 1;
        v
    }

    fn eval_inner(&mut self, e: &Expr) -> Val {
        match e {
            Expr::Lit(l) => self.eval_lit(&l.lit),
            Expr::Unary(u) => match (&u.op, self.eval(&u.expr)) {
                (syn::UnOp::Neg(_), Val::Int(i)) => Val::Int(-i),
                (syn::UnOp::Deref(_), v) => v,
                _ => Val::Unknown,
            },
            Expr::Paren(p) => self.eval(&p.expr),
            Expr::Group(g) => self.eval(&g.expr),
            Expr::Reference(r) => self.eval(&r.expr),
            Expr::Cast(c) => self.eval(&c.expr),
            Expr::Await(a) => self.eval(&a.base),
            Expr::Path(p) => self.eval_path(&p.path, fspan::expr(e)),
            Expr::Tuple(t) => Val::Tuple(t.elems.iter().map(|x| self.eval(x)).collect()),
            Expr::Array(a) => Val::Array(a.elems.iter().map(|x| self.eval(x)).collect()),
            Expr::Call(c) => self.eval_call(c),
            Expr::MethodCall(m) => self.eval_method(m),
            Expr::Macro(m) => self.eval_macro(&m.mac),
            Expr::Struct(s) => {
                let segs = segments(&s.path);
                let fields = s
                    .fields
                    .iter()
                    .map(|f| {
                        let name = match &f.member {
                            syn::Member::Named(i) => i.to_string(),
                            syn::Member::Unnamed(i) => i.index.to_string(),
                        };
                        (name, self.eval(&f.expr))
                    })
                    .collect();
                self.ctor(&segs, fields, fspan::expr(e))
            }
            Expr::Block(b) => self.eval_block(&b.block),
            Expr::If(i) => {
                let mut vals = vec![self.eval_block(&i.then_branch)];
                if let Some((_, els)) = &i.else_branch {
                    vals.push(self.eval(els));
                }
                one_of(vals)
            }
            Expr::Match(m) => {
                let vals = m.arms.iter().map(|a| self.eval(&a.body)).collect();
                one_of(vals)
            }
            _ => Val::Unknown,
        }
    }

    fn eval_block(&mut self, b: &syn::Block) -> Val {
        self.scopes.push(Vec::new());
        let mut out = Val::Unknown;
        for (i, s) in b.stmts.iter().enumerate() {
            match s {
                Stmt::Local(l) => {
                    if let Some(init) = &l.init {
                        let v = self.eval(&init.expr);
                        self.bind(&l.pat, v);
                    }
                }
                Stmt::Expr(e, None) if i + 1 == b.stmts.len() => out = self.eval(e),
                Stmt::Expr(Expr::MethodCall(m), Some(_)) => self.track_header_insert(m),
                _ => {}
            }
        }
        self.scopes.pop();
        out
    }

    fn eval_lit(&mut self, lit: &syn::Lit) -> Val {
        match lit {
            syn::Lit::Str(s) => {
                let text = s.value();
                if text == "/mcp" || text.ends_with("/mcp") || text.starts_with("/mcp/") {
                    self.facts.mcp_signal = true;
                }
                if signals::is_oauth_text(&text) {
                    self.facts.oauth_signal = true;
                }
                Val::Str { text, span: span_of(s.span()) }
            }
            syn::Lit::Int(i) => i.base10_parse::<i64>().map_or(Val::Unknown, Val::Int),
            _ => Val::Unknown,
        }
    }

    fn eval_path(&mut self, p: &syn::Path, span: PmSpan) -> Val {
        let segs = segments(p);
        let Some(last) = segs.last().cloned() else {
            return Val::Unknown;
        };
        if segs.len() == 1 {
            if let Some(v) = self.lookup(&last) {
                return v.clone();
            }
        }
        if segs.iter().any(|s| signals::is_mcp_server_ident(s)) {
            self.facts.mcp_signal = true;
        }
        if segs.iter().any(|s| signals::is_oauth_ident(s)) {
            self.facts.oauth_signal = true;
        }
        let prev = segs.len().checked_sub(2).and_then(|i| segs.get(i)).cloned();
        if let Some((code, caught)) = crate::frameworks::known_path(&segs, &self.uses, &self.local_types) {
            let status = Val::Status { code, span: span_of(span) };
            if !caught {
                return status;
            }
            return Val::Ctor {
                ty: crate::frameworks::rocket::GUARD_FAILURE.into(),
                variant: None,
                fields: vec![("0".to_string(), Val::Tuple(vec![status]))],
                span: span_of(span),
            };
        }
        if prev.as_deref().is_some_and(|p| http::STATUS_TYPES.contains(&p)) {
            if let Some(code) = http::status_const(&last) {
                return Val::Status { code, span: span_of(span) };
            }
        }
        if let Some(h) = http::header_const(&last) {
            return Val::HeaderName(h);
        }
        if let Some(prev) = &prev {
            if prev == "ErrorCode" {
                if let Some((_, c)) = rmcp::ERROR_CODES.iter().find(|(n, _)| *n == last) {
                    return Val::Int(*c);
                }
                if let Some((_, c)) = jsonrpc_core::ERROR_CODES.iter().find(|(n, _)| *n == last) {
                    return Val::Int(*c);
                }
            }
            if is_variant_name(&last) {
                return self.ctor(&segs, Vec::new(), span);
            }
            return Val::Path(format!("{prev}::{last}"));
        }
        if last.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_') {
            return Val::Path(last);
        }
        if is_variant_name(&last) {
            return self.ctor(&segs, Vec::new(), span);
        }
        Val::Unknown
    }

    /// `Type::Variant`, `Self::Variant`, `Type { .. }`, `Type::Variant { .. }`.
    fn ctor(&self, segs: &[String], fields: Vec<(String, Val)>, span: PmSpan) -> Val {
        let n = segs.len();
        let (ty, variant) = match n {
            0 => return Val::Unknown,
            1 => (segs[0].clone(), None),
            _ => (segs[n - 2].clone(), Some(segs[n - 1].clone())),
        };
        let ty = if ty == "Self" { self.self_ty.clone().unwrap_or(ty) } else { ty };
        // `Self { .. }` / `Self` alone.
        let (ty, variant) = if ty == "Self" && variant.is_none() {
            (self.self_ty.clone().unwrap_or(ty), None)
        } else if n == 1 && segs[0] == "Self" {
            (self.self_ty.clone().unwrap_or_default(), None)
        } else {
            (ty, variant)
        };
        // A lowercase second-to-last segment is a module path: `errors::AuthError`.
        let (ty, variant) = match (&variant, ty.chars().next()) {
            (Some(v), Some(c)) if c.is_ascii_lowercase() => (v.clone(), None),
            _ => (ty, variant),
        };
        let ty = self.qualify_type(ty, segs);
        Val::Ctor { ty: ty.into(), variant: variant.map(String::into_boxed_str), fields, span: span_of(span) }
    }

    fn args(&mut self, args: &syn::punctuated::Punctuated<Expr, syn::Token![,]>) -> Vec<Val> {
        args.iter().map(|a| self.eval(a)).collect()
    }

    fn eval_call(&mut self, c: &syn::ExprCall) -> Val {
        let span = fspan::call(c);
        let Expr::Path(p) = &*c.func else {
            return Val::Unknown;
        };
        let segs = segments(&p.path);
        let Some(last) = segs.last().cloned() else {
            return Val::Unknown;
        };
        if let Some(v) = self.actix_call(&segs, c) {
            return v;
        }
        let prev = segs.len().checked_sub(2).and_then(|i| segs.get(i)).cloned().unwrap_or_default();
        let arg = |i: usize| c.args.iter().nth(i);
        let first = || arg(0).map(|a| (a, ()));
        if let Some(k) = crate::frameworks::known_call(&segs, &self.uses, &self.local_types) {
            return self.known(k, c, span);
        }
        match (prev.as_str(), last.as_str()) {
            ("", "Ok") | ("", "Err") | ("", "Some") => {
                let w = match last.as_str() {
                    "Ok" => Wrapper::Ok,
                    "Err" => Wrapper::Err,
                    _ => Wrapper::Some,
                };
                let inner = first().map_or(Val::Unknown, |(a, _)| self.eval(a));
                return Val::Wrap(w, Box::new(inner));
            }
            (_, "from_u16") if prev == "StatusCode" => {
                return match first().map(|(a, _)| self.eval(a)) {
                    Some(Val::Int(i)) => {
                        u16::try_from(i).map_or(Val::Unknown, |code| Val::Status { code, span: span_of(span) })
                    }
                    _ => Val::Unknown,
                };
            }
            (_, "builder") if http::RESPONSE_TYPES.contains(&prev.as_str()) => {
                return Val::Builder { status: None, headers: Vec::new(), body: None, span: span_of(span) };
            }
            // `http::Response::new(body)` is 200 (hyperium/http `src/response.rs`); actix's
            // `HttpResponse::new(status)` takes the status. Other arities belong to other
            // crates (tiny_http's `Response::new(status, headers, body, ..)`): unknown.
            (_, "new") if http::RESPONSE_TYPES.contains(&prev.as_str()) && c.args.len() == 1 => {
                let arg = first().map_or(Val::Unknown, |(a, _)| self.eval(a));
                if let Val::Status { .. } = arg {
                    return arg;
                }
                return Val::Builder {
                    status: None,
                    headers: Vec::new(),
                    body: Some(Box::new(arg)),
                    span: span_of(span),
                };
            }
            (_, "new") if http::RESPONSE_TYPES.contains(&prev.as_str()) => return Val::Unknown,
            ("HeaderValue", _) | ("HeaderName", "from_str") => {
                return first().map_or(Val::Unknown, |(a, _)| self.eval(a));
            }
            ("HeaderName", "from_static") => {
                return match first().map(|(a, _)| self.eval(a)) {
                    Some(Val::Str { text, .. }) => Val::HeaderName(text.to_ascii_lowercase()),
                    _ => Val::Unknown,
                };
            }
            ("Redirect", m) => {
                return axum::redirect_status(m).map_or(Val::Unknown, |code| Val::Status { code, span: span_of(span) });
            }
            ("CallToolResult", "error") => {
                let msg = first().map(|(a, _)| Box::new(self.eval(a)));
                return Val::Rpc { lib: RpcLib::RmcpToolResult, code: None, message: msg, span: span_of(span) };
            }
            ("MethodResponse", "error") => {
                let v = arg(1).map_or(Val::Unknown, |a| self.eval(a));
                return match v {
                    Val::Rpc { code, message, .. } => {
                        Val::Rpc { lib: RpcLib::Jsonrpsee, code, message, span: span_of(span) }
                    }
                    _ => Val::Rpc { lib: RpcLib::Jsonrpsee, code: None, message: None, span: span_of(span) },
                };
            }
            ("", "ready") | ("Box", "pin") | ("future", "ready") => {
                return first().map_or(Val::Unknown, |(a, _)| self.eval(a));
            }
            ("response", helper) if jsonrpsee::http_helper_status(helper).is_some() => {
                let code = jsonrpsee::http_helper_status(helper).unwrap_or(500);
                return Val::Status { code, span: span_of(span) };
            }
            ("ErrorCode", "ServerError") | ("", "ServerError") | ("", "ErrorCode") => {
                return first().map_or(Val::Unknown, |(a, _)| self.eval(a));
            }
            _ => {}
        }
        if axum::JSON_WRAPPERS.contains(&last.as_str()) && c.args.len() == 1 {
            let inner = first().map_or(Val::Unknown, |(a, _)| self.eval(a));
            return Val::Wrap(Wrapper::Json, Box::new(inner));
        }
        if axum::TEXT_WRAPPERS.contains(&last.as_str()) && c.args.len() == 1 {
            let inner = first().map_or(Val::Unknown, |(a, _)| self.eval(a));
            let wrapper = if last == "Html" { Wrapper::Html } else { Wrapper::Text };
            return Val::Wrap(wrapper, Box::new(inner));
        }
        if last == "AppendHeaders" {
            let inner = first().map_or(Val::Unknown, |(a, _)| self.eval(a));
            return Val::Wrap(Wrapper::AppendHeaders, Box::new(inner));
        }
        // `McpError` is rmcp's only where the file imports rmcp and defines no `McpError` of its
        // own (turul, mcpkit and others have their own).
        let rmcp_type = (prev == "ErrorData"
            || (prev == "McpError" && self.uses_rmcp && !self.local_types.contains(&prev)))
            || (prev == "Error" && segs.iter().any(|s| s == "rmcp"));
        if rmcp_type {
            return self.rpc_ctor(RpcLib::Rmcp, &last, c, rmcp::ERROR_CTORS);
        }
        if jsonrpsee::ERROR_TYPES.contains(&prev.as_str()) {
            if jsonrpsee::ERROR_CTORS.contains(&last.as_str()) {
                let code = arg(0).map(|a| Box::new(self.eval(a)));
                let message = arg(1).map(|a| Box::new(self.eval(a)));
                return Val::Rpc { lib: RpcLib::Jsonrpsee, code, message, span: span_of(span) };
            }
            let code = arg(0).map(|a| Box::new(self.eval(a)));
            return Val::Rpc { lib: RpcLib::Jsonrpsee, code, message: None, span: span_of(span) };
        }
        if prev == "Error" && segs.iter().any(|s| s == "jsonrpc_core") {
            return self.rpc_ctor(RpcLib::JsonrpcCore, &last, c, jsonrpc_core::ERROR_CTORS);
        }
        if is_variant_name(&last) {
            let fields = c.args.iter().enumerate().map(|(i, a)| (i.to_string(), self.eval(a))).collect::<Vec<_>>();
            return self.ctor(&segs, fields, span);
        }
        let args = self.args(&c.args);
        let callee = if prev.is_empty() || prev.chars().next().is_some_and(|c| c.is_ascii_lowercase()) {
            last
        } else {
            format!("{prev}::{last}")
        };
        Val::Call { callee, args, method: false, span: span_of(span) }
    }

    /// A framework call with fixed semantics (`frameworks::Known`), from its arguments.
    fn known(&mut self, k: crate::frameworks::Known, c: &syn::ExprCall, span: PmSpan) -> Val {
        use crate::frameworks::Known;
        let mut arg = |i: usize| c.args.iter().nth(i).map_or(Val::Unknown, |a| self.eval(a));
        match k {
            Known::Status(code) => Val::Status { code, span: span_of(span) },
            Known::StatusArg(i) => arg(i),
            Known::StatusBody { status, body } => {
                // `status::Custom(Status::Unauthorized, body)` sends its status itself: no catcher.
                let s = match arg(status) {
                    Val::Ctor { ty, mut fields, .. } if &*ty == crate::frameworks::rocket::GUARD_FAILURE => {
                        match fields.pop().map(|(_, v)| v) {
                            Some(Val::Tuple(mut e)) if e.len() == 1 => e.pop().unwrap_or(Val::Unknown),
                            _ => Val::Unknown,
                        }
                    }
                    other => other,
                };
                Val::Tuple(vec![s, arg(body)])
            }
            Known::FixedStatusBody(code, body) => {
                Val::Tuple(vec![Val::Status { code, span: span_of(span) }, arg(body)])
            }
            Known::WithHeader { base, name, value } => {
                let (b, k, v) = (arg(base), arg(name), arg(value));
                Val::Tuple(vec![Val::Array(vec![Val::Tuple(vec![k, v])]), b])
            }
            Known::Json(i) => Val::Wrap(Wrapper::Json, Box::new(arg(i))),
            Known::Html(i) => Val::Wrap(Wrapper::Html, Box::new(arg(i))),
            Known::Rejection(i) => Val::Ctor {
                ty: crate::frameworks::warp::REJECTION.into(),
                variant: None,
                fields: vec![("0".to_string(), arg(i))],
                span: span_of(span),
            },
            Known::GuardFailure(i) => Val::Ctor {
                ty: crate::frameworks::rocket::GUARD_FAILURE.into(),
                variant: None,
                fields: vec![("0".to_string(), arg(i))],
                span: span_of(span),
            },
            Known::NotAResponse => Val::Unknown,
        }
    }

    fn rpc_ctor(&mut self, lib: RpcLib, ctor: &str, c: &syn::ExprCall, table: &[(&str, i64)]) -> Val {
        let span = span_of(fspan::call(c));
        if ctor == "new" {
            let code = c.args.first().map(|a| Box::new(self.eval(a)));
            let message = c.args.iter().nth(1).map(|a| Box::new(self.eval(a)));
            return Val::Rpc { lib, code, message, span };
        }
        let code = table.iter().find(|(n, _)| *n == ctor).map(|(_, c)| Box::new(Val::Int(*c)));
        let message = c.args.first().map(|a| Box::new(self.eval(a)));
        Val::Rpc { lib, code, message, span }
    }

    fn eval_method(&mut self, m: &syn::ExprMethodCall) -> Val {
        if let Some(v) = self.actix_method(m) {
            return v;
        }
        let method = m.method.to_string();
        let span = span_of(fspan::method_call(m));
        match method.as_str() {
            "to_string" if self.is_error_text(&m.receiver) => {
                let hole = Val::Str { text: crate::challenge::HOLE.to_string(), span };
                Val::Wrap(Wrapper::ErrText, Box::new(hole))
            }
            "into_response" | "into" | "unwrap" | "expect" | "clone" | "to_owned" | "to_string" | "as_str"
            | "into_owned" | "unwrap_or_default" | "as_u16" => self.eval(&m.receiver),
            name if crate::frameworks::keeps_response(name) => {
                let recv = self.eval(&m.receiver);
                match recv {
                    Val::Builder { .. } | Val::Status { .. } | Val::Tuple(_) => recv,
                    _ => {
                        let args = self.args(&m.args);
                        Val::Call { callee: method, args, method: true, span }
                    }
                }
            }
            "status" | "header" | "body" => {
                let recv = self.eval(&m.receiver);
                match recv {
                    Val::Builder { mut status, mut headers, mut body, span } => {
                        match method.as_str() {
                            "status" => status = m.args.first().map(|a| Box::new(self.eval(a))),
                            "header" if m.args.len() == 2 => {
                                let k = self.eval(&m.args[0]);
                                let v = self.eval(&m.args[1]);
                                headers.push((k, v));
                            }
                            "body" => body = m.args.first().map(|a| Box::new(self.eval(a))),
                            _ => {}
                        }
                        Val::Builder { status, headers, body, span }
                    }
                    _ => Val::Unknown,
                }
            }
            _ => {
                let args = self.args(&m.args);
                let on_self = is_self_expr(&m.receiver);
                if on_self || !args.is_empty() || method.len() > 3 {
                    // `self.status()`: resolved per variant inside `IntoResponse` arms.
                    let callee = if on_self { format!("self.{method}") } else { method };
                    Val::Call { callee, args, method: true, span }
                } else {
                    Val::Unknown
                }
            }
        }
    }

    fn eval_macro(&mut self, mac: &syn::Macro) -> Val {
        let name = last_ident(&mac.path);
        match name.as_str() {
            "json" => match macros::parse_json(mac.tokens.clone()) {
                Some(j) => self.eval_json(&j),
                None => Val::Unknown,
            },
            "format" => match macros::parse_format(mac.tokens.clone()) {
                Some(f) => {
                    let text = Val::Str { text: f.text, span: span_of(f.span) };
                    let leaks = f.captures.iter().any(|c| self.error_locals().contains(c))
                        || f.args.iter().any(|a| self.is_error_text(a));
                    if leaks {
                        Val::Wrap(Wrapper::ErrText, Box::new(text))
                    } else {
                        text
                    }
                }
                None => Val::Unknown,
            },
            "vec" => match macros::parse_expr_list(mac.tokens.clone()) {
                Some(list) => Val::Array(list.iter().map(|e| self.eval(e)).collect()),
                None => Val::Unknown,
            },
            _ => Val::Unknown,
        }
    }

    fn eval_json(&mut self, j: &macros::Json) -> Val {
        match j {
            macros::Json::Object(entries) => {
                Val::JsonObj(entries.iter().map(|(k, v)| (k.clone(), self.eval_json(v))).collect())
            }
            macros::Json::Array(items) => Val::Array(items.iter().map(|v| self.eval_json(v)).collect()),
            macros::Json::Expr(e) => self.eval(e),
        }
    }
}

/// Visits the direct children of an expression, handing each back to `walk`.
struct Children<'x, 'a> {
    ex: &'x mut Extractor<'a>,
    ctx: Ctx,
}

impl<'ast> Visit<'ast> for Children<'_, '_> {
    crate::facts::walk::skip_types_and_paths!();
    fn visit_expr(&mut self, e: &'ast Expr) {
        self.ex.walk(e, self.ctx);
    }
    fn visit_item(&mut self, _: &'ast Item) {}
    fn visit_block(&mut self, b: &'ast syn::Block) {
        self.ex.block(&b.stmts, self.ctx, false);
    }
}

fn with_fail(ctx: Ctx, fail: Option<FailKind>) -> Ctx {
    Ctx { auth_branch: fail.or(ctx.auth_branch), ..ctx }
}

fn one_of(vals: Vec<Val>) -> Val {
    let vals: Vec<Val> = vals.into_iter().filter(|v| !matches!(v, Val::Unknown)).collect();
    match vals.len() {
        0 => Val::Unknown,
        1 => vals.into_iter().next().unwrap_or(Val::Unknown),
        _ => Val::OneOf(vals),
    }
}

fn mutate(old: Val, status: Option<Val>, header: Option<(Val, Val)>) -> Val {
    match (old, header) {
        (Val::HeaderMap(mut h), Some(kv)) if status.is_none() => {
            h.push(kv);
            Val::HeaderMap(h)
        }
        (Val::Mutated { base, status: s0, mut headers }, h) => {
            headers.extend(h);
            Val::Mutated { base, status: status.map(Box::new).or(s0), headers }
        }
        (Val::Call { callee, .. }, Some(kv)) if callee == "HeaderMap::new" || callee == "HeaderMap::with_capacity" => {
            Val::HeaderMap(vec![kv])
        }
        (base, h) => {
            Val::Mutated { base: Box::new(base), status: status.map(Box::new), headers: h.into_iter().collect() }
        }
    }
}

/// Is the boolean bound by `pat` tested by an `if` later in the block?
fn verdict_checked_later(pat: &Pat, rest: &[Stmt]) -> bool {
    let names = pat_idents(pat);
    let [name] = names.as_slice() else { return false };
    let tests = |cond: &Expr| match cond {
        Expr::Path(p) => p.path.is_ident(name),
        Expr::Unary(u) => matches!(&*u.expr, Expr::Path(p) if p.path.is_ident(name)),
        _ => false,
    };
    rest.iter().any(|s| matches!(s, Stmt::Expr(Expr::If(i), _) if tests(&i.cond)))
}

/// Is the value a closure (possibly boxed or wrapped)? A callback that uses a token inside is
/// not itself a credential (`let on_step = Some(Box::new(move |s| notify(token, s)))`);
/// closures passed to adapters (`.and_then(|v| v.to_str().ok())`) do not count.
fn builds_closure(e: &Expr) -> bool {
    match e {
        Expr::Closure(_) => true,
        Expr::Paren(p) => builds_closure(&p.expr),
        Expr::Reference(r) => builds_closure(&r.expr),
        Expr::Call(c) if c.args.len() == 1 => {
            let wrapper = matches!(&*c.func, Expr::Path(p) if p.path.segments.last().is_some_and(|s| matches!(s.ident.to_string().as_str(), "Some" | "Ok" | "new")));
            wrapper && c.args.first().is_some_and(builds_closure)
        }
        _ => false,
    }
}

/// The value of a check that already ran: `verify(..)?`, `decode(..)?.claims`, a `match` or
/// `if` whose failing arms return, or a struct carrying values along.
fn checked_value(e: &Expr) -> bool {
    match e {
        Expr::Try(_) | Expr::Struct(_) | Expr::Match(_) | Expr::If(_) => true,
        Expr::Field(f) => checked_value(&f.base),
        Expr::MethodCall(m) => checked_value(&m.receiver),
        Expr::Await(a) => checked_value(&a.base),
        Expr::Paren(p) => checked_value(&p.expr),
        _ => false,
    }
}

/// The identifiers a pattern binds (through tuples, structs, references, `|` and `x @ ..`).
pub fn pat_idents(p: &Pat) -> Vec<String> {
    struct Ids(Vec<String>);
    impl<'ast> Visit<'ast> for Ids {
        fn visit_pat_ident(&mut self, i: &'ast syn::PatIdent) {
            self.0.push(i.ident.to_string());
            syn::visit::visit_pat_ident(self, i);
        }
        // Range bounds and const patterns are expressions, not bindings.
        fn visit_expr(&mut self, _: &'ast Expr) {}
    }
    let mut ids = Ids(Vec::new());
    ids.visit_pat(p);
    ids.0
}

/// Does any expression of `block` satisfy `pred`? Nested items are not looked into (they are
/// functions of their own), nor macro bodies (tokens to syn); the walk stops at the first.
pub fn any_expr_in(block: &syn::Block, pred: &dyn Fn(&Expr) -> bool) -> bool {
    struct Finder<'p> {
        pred: &'p dyn Fn(&Expr) -> bool,
        found: bool,
    }
    impl<'ast> Visit<'ast> for Finder<'_> {
        crate::facts::walk::skip_types_and_paths!();
        fn visit_expr(&mut self, e: &'ast Expr) {
            if self.found {
                return;
            }
            if (self.pred)(e) {
                self.found = true;
                return;
            }
            syn::visit::visit_expr(self, e);
        }
        fn visit_item(&mut self, _: &'ast Item) {}
    }
    let mut f = Finder { pred, found: false };
    f.visit_block(block);
    f.found
}

/// The error values a function body binds: inside `Err(..)` patterns, the parameters of
/// `map_err`-style closures, and variant bindings named for an error (`AuthError::Jwt(e)`).
fn error_bindings(block: &syn::Block) -> Vec<String> {
    struct Finder(Vec<String>);
    impl Finder {
        fn pat(&mut self, pat: &Pat) {
            let inside_err = matches!(pat, Pat::TupleStruct(ts) if ts.path.is_ident("Err"));
            self.0.extend(pat_idents(pat).into_iter().filter(|n| inside_err || signals::is_error_name(n)));
        }
    }
    impl<'ast> Visit<'ast> for Finder {
        crate::facts::walk::skip_types_and_paths!();
        fn visit_arm(&mut self, a: &'ast syn::Arm) {
            self.pat(&a.pat);
            syn::visit::visit_arm(self, a);
        }
        fn visit_expr_let(&mut self, l: &'ast syn::ExprLet) {
            self.pat(&l.pat);
            syn::visit::visit_expr_let(self, l);
        }
        fn visit_expr_method_call(&mut self, m: &'ast syn::ExprMethodCall) {
            const ERR_CLOSURES: &[&str] = &["map_err", "unwrap_or_else", "or_else", "inspect_err", "map_or_else"];
            if ERR_CLOSURES.contains(&m.method.to_string().as_str()) {
                if let Some(Expr::Closure(c)) = m.args.first() {
                    self.0.extend(c.inputs.iter().flat_map(pat_idents));
                }
            }
            syn::visit::visit_expr_method_call(self, m);
        }
        fn visit_item(&mut self, _: &'ast Item) {}
    }
    let mut f = Finder(Vec::new());
    f.visit_block(block);
    f.0.sort();
    f.0.dedup();
    f.0
}

fn returns_bare_status(out: &ReturnType) -> bool {
    matches!(out, ReturnType::Type(_, ty) if type_name(ty).is_some_and(|n| n == "StatusCode"))
}

/// `*res.status_mut()` → `res`.
fn status_mut_target(e: &Expr) -> Option<String> {
    let Expr::Unary(u) = e else { return None };
    let Expr::MethodCall(m) = &*u.expr else {
        return None;
    };
    if m.method != "status_mut" {
        return None;
    }
    local_name(&m.receiver)
}

/// `res.headers_mut().insert(..)` → `res`; `headers.insert(..)` → `headers`.
fn header_insert_target(e: &Expr) -> Option<String> {
    match e {
        Expr::MethodCall(m) if m.method == "headers_mut" => local_name(&m.receiver),
        _ => local_name(e),
    }
}

fn local_name(e: &Expr) -> Option<String> {
    match e {
        Expr::Path(p) => p.path.get_ident().map(|i| i.to_string()),
        Expr::Reference(r) => local_name(&r.expr),
        Expr::Paren(p) => local_name(&p.expr),
        _ => None,
    }
}

fn strip_parens(e: &Expr) -> &Expr {
    match e {
        Expr::Paren(p) => strip_parens(&p.expr),
        Expr::Group(g) => strip_parens(&g.expr),
        _ => e,
    }
}

/// The constructor a pattern starts with (`Ok`, `Err`, `Some`, `None`), through `&` and types.
fn pat_head(p: &Pat) -> Option<String> {
    match p {
        Pat::TupleStruct(ts) => ts.path.segments.last().map(|s| s.ident.to_string()),
        Pat::Path(pp) => pp.path.segments.last().map(|s| s.ident.to_string()),
        Pat::Ident(i) if i.ident == "None" => Some("None".to_string()),
        Pat::Reference(r) => pat_head(&r.pat),
        Pat::Type(t) => pat_head(&t.pat),
        _ => None,
    }
}

fn strip_await(e: &Expr) -> &Expr {
    match e {
        Expr::Await(a) => strip_await(&a.base),
        Expr::Paren(p) => strip_await(&p.expr),
        _ => e,
    }
}

fn is_err_adapter(method: &str) -> bool {
    matches!(method, "map_err" | "ok_or" | "ok_or_else")
}

fn err_adapter_span(m: &syn::ExprMethodCall) -> PmSpan {
    m.args.first().map_or(m.method.span(), |a| match a {
        Expr::Closure(c) => fspan::expr(&c.body),
        other => fspan::expr(other),
    })
}

/// `Box::pin` / `std::boxed::Box::pin`.
fn is_box_pin(f: &Expr) -> bool {
    matches!(f, Expr::Path(p) if segments(&p.path).ends_with(&["Box".to_string(), "pin".to_string()]))
}

/// The name of the call an expression ends in (`decode` for `jsonwebtoken::decode(..)`).
fn callee_name(e: &Expr) -> String {
    match e {
        Expr::Call(c) => match &*c.func {
            Expr::Path(p) => last_ident(&p.path),
            _ => String::new(),
        },
        Expr::MethodCall(m) => m.method.to_string(),
        Expr::Await(a) => callee_name(&a.base),
        _ => String::new(),
    }
}

fn is_self_expr(e: &Expr) -> bool {
    match e {
        Expr::Path(p) => p.path.is_ident("self"),
        Expr::Unary(u) => is_self_expr(&u.expr),
        Expr::Reference(r) => is_self_expr(&r.expr),
        Expr::Paren(p) => is_self_expr(&p.expr),
        _ => false,
    }
}

/// `match self { .. }` (possibly `&self`, `*self`), with its arms.
fn self_match(e: &Expr) -> Option<&[syn::Arm]> {
    match e {
        Expr::Match(m) if is_self_expr(&m.expr) => Some(&m.arms),
        _ => None,
    }
}

/// CamelCase and not ALL_CAPS: an enum variant or a type.
fn is_variant_name(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_uppercase()) && s.chars().any(|c| c.is_ascii_lowercase())
}
