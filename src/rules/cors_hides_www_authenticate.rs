//! `cors-hides-www-authenticate`: a CORS layer that does not expose `WWW-Authenticate`, in a
//! package that sends challenges.

use super::file::FileCx;
use super::flow::{any_ident, lit_str};
use super::Rule;
use crate::facts::ir::{Hit, When};
use crate::facts::vocab::Word;
use crate::report::Level;
use syn::spanned::Spanned;
use syn::visit::Visit;
use syn::Expr;

pub static RULE: Rule = Rule {
    id: "cors-hides-www-authenticate",
    default_level: Level::Warn,
    summary: "CORS layer that does not expose WWW-Authenticate (no expose_headers, a list without it, \
              very_permissive()), in a package that sends challenges",
    why: "WWW-Authenticate is not a CORS-safelisted response header, so browser JavaScript \
          cannot read it unless `Access-Control-Expose-Headers` names it. A browser-based client \
          such as the MCP Inspector then sees a 401 with no readable challenge: it cannot find \
          `resource_metadata` or the `error` code, so it cannot start OAuth or step up scopes. \
          The official MCP auth tutorial exposes only `Mcp-Session-Id`, and copies inherit the \
          gap. Flagged, only in a package that answers some request with 401 or a challenge: a \
          tower-http `CorsLayer::new()`/`default()` chain without `expose_headers`, or whose last \
          `expose_headers([..])`/`vec![..]` lacks `WWW_AUTHENTICATE`/`\"www-authenticate\"`; \
          `CorsLayer::very_permissive()`, which exposes nothing (tower-http 0.6 \
          src/cors/mod.rs); actix-cors `Cors::default()` likewise (its exposed set starts \
          empty). Not flagged: `expose_headers(Any)` and `CorsLayer::permissive()`, which send \
          `*` (it covers WWW-Authenticate for requests without credentials mode, and tower-http \
          refuses `*` together with `allow_credentials(true)`); actix-cors `Cors::permissive()` \
          and `expose_any_header()` (all headers, actix-cors src/builder.rs); lists built \
          elsewhere; functions that call `expose_headers` on a variable; a layer bound to a local \
          whose every `.layer(..)` use in the function wraps only authorization-server routes \
          (`/.well-known/..`, `/oauth/..`, `/token`, `/register`), as in the rmcp OAuth \
          examples, since the protected resource's 401 never passes through it",
    bad: r#"let cors = CorsLayer::new()
    .allow_origin(Any)
    .allow_methods([Method::GET, Method::POST, Method::DELETE])
    .allow_headers([header::AUTHORIZATION, header::CONTENT_TYPE, MCP_SESSION_ID])
    .expose_headers([MCP_SESSION_ID]); // the 401 challenge stays invisible to the browser

let app = Router::new()
    .nest_service("/mcp", mcp_service)
    .layer(middleware::from_fn(require_token))
    .layer(cors);"#,
    good: r#"let cors = CorsLayer::new()
    .allow_origin(Any)
    .allow_methods([Method::GET, Method::POST, Method::DELETE])
    .allow_headers([header::AUTHORIZATION, header::CONTENT_TYPE, MCP_SESSION_ID])
    .expose_headers([MCP_SESSION_ID, header::WWW_AUTHENTICATE]);

let app = Router::new()
    .nest_service("/mcp", mcp_service)
    .layer(middleware::from_fn(require_token))
    .layer(cors); // outermost, so the 401 carries the CORS headers too"#,
    fix: "Add `header::WWW_AUTHENTICATE` to tower-http \
          `CorsLayer::expose_headers([header::WWW_AUTHENTICATE, MCP_SESSION_ID])` (actix-cors: \
          `Cors::default().expose_headers([header::WWW_AUTHENTICATE])`; raw responses: \
          `Access-Control-Expose-Headers: Mcp-Session-Id, WWW-Authenticate`). Apply the CORS \
          layer outside the auth layer (the last `.layer(..)` in axum) so the 401 itself carries \
          the CORS headers.",
    sources: &[
        "WHATWG Fetch standard (CORS-safelisted response-header name)",
        "spec-rules.md section 1.5 auth-cors-www-authenticate-not-exposed",
        "spec-rules.md section 4 (MCP Inspector)",
        "tower-http 0.6.11 src/cors/mod.rs (permissive, very_permissive, expose_headers) and src/cors/expose_headers.rs (Any = *)",
        "actix-cors src/builder.rs (Cors::permissive exposes all, expose_headers starts empty)",
        "also detected by `cargo mcp-lint probe` (a cross-origin request's 401 has CORS headers that do not expose WWW-Authenticate)",
    ],
    security_severity: "4.0",
    detects: true,
};

/// Which library a constructor belongs to, and what it exposes before any `expose_*` call.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Exposes {
    /// Nothing (`CorsLayer::new()`, `very_permissive()`, actix `Cors::default()`).
    Nothing,
    /// Every header (`CorsLayer::permissive()`: `*`; actix `Cors::permissive()`: all).
    All,
}

/// A CORS builder chain: its constructor and the effect of its last `expose_*` call.
struct Chain<'e> {
    ctor: &'e syn::ExprCall,
    ctor_name: String,
    exposes: Exposes,
    /// The last `expose_headers(..)` argument, if one was given.
    expose_arg: Option<&'e Expr>,
    /// An `expose_*` call set everything (`Any`, `expose_any_header()`).
    any: bool,
}

pub fn check(cx: &FileCx, out: &mut Vec<Hit>) {
    // Every finding is a `CorsLayer` or actix `Cors` constructor.
    if !cx.vocab.has(&[Word::Cors]) {
        return;
    }
    let actix = uses_actix_cors(cx.file);
    let mut v = Layers { actix, fns: Vec::new(), binding: None };
    v.visit_file(cx.file);
    for f in v.fns {
        // `cors = cors.expose_headers(..)` on a variable elsewhere: what is exposed is not in
        // one chain, so the function is not judged.
        if f.loose_expose {
            continue;
        }
        for (span, message, bound) in f.hits {
            // A layer bound to a local and applied only around the OAuth authorization
            // server's routes never wraps the protected resource's 401.
            if let Some(name) = bound {
                let uses: Vec<bool> = f.uses.iter().filter(|(n, _)| *n == name).map(|(_, a)| *a).collect();
                if !uses.is_empty() && uses.iter().all(|a| *a) {
                    continue;
                }
            }
            let mut hit = cx.hit(&RULE, span, message, HELP.to_string());
            hit.when = When::PackageChallenges;
            out.push(hit);
        }
    }
}

const HELP: &str = "add `WWW-Authenticate` to the exposed headers: tower-http \
`.expose_headers([header::WWW_AUTHENTICATE, HeaderName::from_static(\"mcp-session-id\")])`, actix-cors \
`.expose_headers([header::WWW_AUTHENTICATE])`; keep the CORS layer outside the auth layer so the \
401 carries the CORS headers too";

#[derive(Default)]
struct FnCors {
    /// (constructor, message, the local the layer is bound to)
    hits: Vec<(proc_macro2::Span, String, Option<String>)>,
    loose_expose: bool,
    /// `.layer(x)` / `.layer(x.clone())` uses of a local: whether each wraps only
    /// authorization-server routes (`/.well-known/..`, `/oauth/..`, `/token`).
    uses: Vec<(String, bool)>,
}

struct Layers {
    actix: bool,
    /// One entry per item body (function, const, static), innermost last.
    fns: Vec<FnCors>,
    /// The local the chain being judged is bound to (`let cors = CorsLayer::new()..`).
    binding: Option<String>,
}

impl Layers {
    fn body<F: FnOnce(&mut Self)>(&mut self, f: F) {
        self.fns.push(FnCors::default());
        let at = self.fns.len() - 1;
        f(self);
        // Nested bodies were pushed after `at`; a loose expose anywhere in the item counts.
        let loose = self.fns[at..].iter().any(|f| f.loose_expose);
        self.fns[at].loose_expose |= loose;
    }

    /// Walk a method chain down to its constructor.
    fn chain<'e>(&self, top: &'e Expr) -> Option<Chain<'e>> {
        let mut calls = Vec::new();
        let mut e = top;
        loop {
            match e {
                Expr::MethodCall(m) => {
                    calls.push(m);
                    e = &m.receiver;
                }
                Expr::Paren(p) => e = &p.expr,
                Expr::Call(c) => {
                    let Expr::Path(p) = &*c.func else { return None };
                    let segs: Vec<String> = p.path.segments.iter().map(|s| s.ident.to_string()).collect();
                    let [.., ty, ctor] = segs.as_slice() else { return None };
                    let exposes = match (ty.as_str(), ctor.as_str()) {
                        ("CorsLayer", "new" | "default" | "very_permissive") => Exposes::Nothing,
                        ("CorsLayer", "permissive") => Exposes::All,
                        ("Cors", "default") if self.actix => Exposes::Nothing,
                        ("Cors", "permissive") if self.actix => Exposes::All,
                        _ => return None,
                    };
                    let mut chain =
                        Chain { ctor: c, ctor_name: format!("{ty}::{ctor}()"), exposes, expose_arg: None, any: false };
                    // Innermost call first: the last `expose_*` wins (tower-http replaces the
                    // list; actix-cors adds to it, and `expose_any_header` resets to all).
                    for m in calls.iter().rev() {
                        match m.method.to_string().as_str() {
                            "expose_headers" => {
                                let arg = m.args.first();
                                if arg.is_some_and(is_any) {
                                    chain.any = true;
                                    chain.expose_arg = None;
                                } else if self.actix && ty == "Cors" {
                                    // actix-cors accumulates: keep any earlier list that had it.
                                    if !chain.expose_arg.is_some_and(lists_www_authenticate) {
                                        chain.expose_arg = arg;
                                    }
                                    chain.any = false;
                                } else {
                                    chain.any = false;
                                    chain.expose_arg = arg;
                                }
                            }
                            "expose_any_header" => {
                                chain.any = true;
                                chain.expose_arg = None;
                            }
                            _ => {}
                        }
                    }
                    return Some(chain);
                }
                _ => return None,
            }
        }
    }

    fn judge(&mut self, top: &Expr) {
        let Some(chain) = self.chain(top) else { return };
        let exposed = if chain.any {
            true
        } else if let Some(arg) = chain.expose_arg {
            match list_elems(arg) {
                Some(_) => lists_www_authenticate(arg),
                // A list built elsewhere: not judged.
                None => true,
            }
        } else {
            chain.exposes == Exposes::All
        };
        if exposed {
            return;
        }
        let message = match chain.expose_arg {
            Some(_) => format!(
                "`{}` exposes response headers but not `WWW-Authenticate`: browser clients cannot read the 401 challenge (its `resource_metadata`, `error` and `scope`)",
                chain.ctor_name
            ),
            None => format!(
                "`{}` exposes no response headers, so browser clients cannot read the 401 challenge's `WWW-Authenticate` (its `resource_metadata`, `error` and `scope`)",
                chain.ctor_name
            ),
        };
        if let Some(f) = self.fns.last_mut() {
            f.hits.push((chain.ctor.span(), message, self.binding.take()));
        }
    }
}

impl Layers {
    /// Record `.layer(x)` on a router or a method router: whether it wraps only
    /// authorization-server routes.
    fn record_layer_use(&mut self, m: &syn::ExprMethodCall) {
        // `.route("/token", post(token).layer(cors.clone()))`: the handler's layer.
        if m.method == "route" && m.args.len() == 2 {
            if let (Some(path), Some(handler)) = (m.args.first().and_then(lit_str), m.args.iter().nth(1)) {
                let mut cur = handler;
                while let Expr::MethodCall(h) = cur {
                    if h.method == "layer" {
                        if let Some(name) = h.args.first().and_then(local_name) {
                            if let Some(f) = self.fns.last_mut() {
                                f.uses.push((name, is_authorization_server_path(&path)));
                            }
                        }
                    }
                    cur = &h.receiver;
                }
            }
            return;
        }
        if m.method != "layer" {
            return;
        }
        let Some(name) = m.args.first().and_then(local_name) else { return };
        // A router-level layer: the routes under it, from its receiver chain.
        let mut paths = Vec::new();
        let mut known = true;
        let mut cur = &*m.receiver;
        loop {
            match cur {
                Expr::MethodCall(r) => {
                    match r.method.to_string().as_str() {
                        "route" | "nest" | "nest_service" | "route_service" => match r.args.first().and_then(lit_str) {
                            Some(p) => paths.push(p),
                            None => known = false,
                        },
                        "merge" | "fallback" | "fallback_service" => known = false,
                        _ => {}
                    }
                    cur = &r.receiver;
                }
                Expr::Call(c) => {
                    // `post(token).layer(cors)`: a handler's layer, recorded with its route.
                    let method_router = matches!(&*c.func, Expr::Path(p) if p.path.segments.last().is_some_and(|s| {
                        matches!(s.ident.to_string().as_str(), "get" | "post" | "put" | "delete" | "patch" | "head" | "options" | "trace" | "any" | "on")
                    }));
                    if method_router {
                        return;
                    }
                    break;
                }
                _ => {
                    // A router built elsewhere (`app.layer(cors)`).
                    known = false;
                    break;
                }
            }
        }
        let as_only = known && !paths.is_empty() && paths.iter().all(|p| is_authorization_server_path(p));
        if let Some(f) = self.fns.last_mut() {
            f.uses.push((name, as_only));
        }
    }
}

/// `x` or `x.clone()`.
fn local_name(e: &Expr) -> Option<String> {
    match e {
        Expr::Path(p) => p.path.get_ident().map(|i| i.to_string()),
        Expr::MethodCall(m) if m.method == "clone" => local_name(&m.receiver),
        Expr::Reference(r) => local_name(&r.expr),
        _ => None,
    }
}

/// Routes of an OAuth authorization server or discovery: they answer without a resource
/// challenge (`/.well-known/..`, `/oauth/token`, `/register`, `/authorize`).
fn is_authorization_server_path(path: &str) -> bool {
    let p = path.to_ascii_lowercase();
    p.starts_with("/.well-known/")
        || ["/oauth", "/token", "/register", "/authorize", "/callback", "/jwks", "/login", "/consent", "/approve"]
            .iter()
            .any(|s| p.contains(s))
}

/// `Any`, `cors::Any`, `ExposeHeaders::any()`.
fn is_any(e: &Expr) -> bool {
    match e {
        Expr::Path(p) => p.path.segments.last().is_some_and(|s| s.ident == "Any"),
        Expr::Call(c) => matches!(&*c.func, Expr::Path(p) if p.path.segments.last().is_some_and(|s| s.ident == "any")),
        Expr::Reference(r) => is_any(&r.expr),
        _ => false,
    }
}

/// The elements of a literal list argument: `[..]`, `&[..]`, `vec![..]`.
fn list_elems(e: &Expr) -> Option<Vec<Expr>> {
    match e {
        Expr::Array(a) => Some(a.elems.iter().cloned().collect()),
        Expr::Reference(r) => list_elems(&r.expr),
        Expr::Macro(m) if m.mac.path.is_ident("vec") => {
            let parsed = m.mac.parse_body_with(syn::punctuated::Punctuated::<Expr, syn::Token![,]>::parse_terminated);
            parsed.ok().map(|p| p.into_iter().collect())
        }
        _ => None,
    }
}

/// The list names `WWW-Authenticate` (`header::WWW_AUTHENTICATE`, `"www-authenticate"`,
/// `HeaderName::from_static("www-authenticate")`).
fn lists_www_authenticate(e: &Expr) -> bool {
    list_elems(e).is_some_and(|elems| {
        elems.iter().any(|x| {
            any_ident(x, &|s| s.eq_ignore_ascii_case("WWW_AUTHENTICATE"))
                || str_in(x).is_some_and(|v| v.eq_ignore_ascii_case("www-authenticate"))
        })
    })
}

/// A string literal directly in `e` or as its call's argument.
fn str_in(e: &Expr) -> Option<String> {
    lit_str(e).or_else(|| match e {
        Expr::Call(c) => c.args.first().and_then(lit_str),
        Expr::MethodCall(m) => lit_str(&m.receiver).or_else(|| m.args.first().and_then(lit_str)),
        _ => None,
    })
}

fn uses_actix_cors(file: &syn::File) -> bool {
    struct U(bool);
    impl<'ast> Visit<'ast> for U {
        fn visit_ident(&mut self, i: &'ast proc_macro2::Ident) {
            if i == "actix_cors" {
                self.0 = true;
            }
        }
    }
    let mut u = U(false);
    u.visit_file(file);
    u.0
}

impl<'ast> Visit<'ast> for Layers {
    fn visit_item_fn(&mut self, i: &'ast syn::ItemFn) {
        self.body(|s| syn::visit::visit_item_fn(s, i));
    }
    fn visit_impl_item_fn(&mut self, i: &'ast syn::ImplItemFn) {
        self.body(|s| syn::visit::visit_impl_item_fn(s, i));
    }

    fn visit_local(&mut self, l: &'ast syn::Local) {
        if let (syn::Pat::Ident(p), Some(init)) = (&l.pat, &l.init) {
            if self.chain(&init.expr).is_some() {
                self.binding = Some(p.ident.to_string());
            }
        }
        syn::visit::visit_local(self, l);
        self.binding = None;
    }
    fn visit_expr(&mut self, e: &'ast Expr) {
        if let Expr::MethodCall(m) = e {
            self.record_layer_use(m);
        }
        match e {
            // The top of a chain: judge it, then skip its receivers (they are the same chain)
            // but visit the arguments.
            Expr::MethodCall(_) | Expr::Call(_) if self.chain(e).is_some() => {
                self.judge(e);
                let mut cur = e;
                while let Expr::MethodCall(m) = cur {
                    for a in &m.args {
                        self.visit_expr(a);
                    }
                    cur = &m.receiver;
                }
            }
            Expr::MethodCall(m) if matches!(m.method.to_string().as_str(), "expose_headers" | "expose_any_header") => {
                if let Some(f) = self.fns.last_mut() {
                    f.loose_expose = true;
                }
                syn::visit::visit_expr(self, e);
            }
            _ => syn::visit::visit_expr(self, e),
        }
    }
}
