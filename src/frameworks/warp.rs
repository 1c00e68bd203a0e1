//! warp (research/framework-catalog.md §7).
//! Sources: warp 0.4.3 `src/reply.rs` (`json` is 200; `with_status(reply, status)` replaces the
//! status; `with_header(reply, name, value)` adds a header; `reply()` is an empty 200; `html`
//! is 200), `src/reject.rs` (`reject()` and `not_found()` are 404; `Rejections::status`: a
//! `Custom` rejection nothing recovered is `INTERNAL_SERVER_ERROR` and its body is
//! `Unhandled rejection: {:?}`; `MissingHeader` / `InvalidHeader` are `BAD_REQUEST`),
//! `src/filters/header.rs` (`header`, `exact`, `exact_ignore_case`, `value` reject a missing
//! header with `missing_header`; `optional` gives `None`), `src/filter/mod.rs` (`recover`).

use super::Known;

/// Type name the extractor gives a `warp::reject::custom(X)` value (`Val::Ctor`), resolved by
/// the model against the package's `recover` handlers.
pub const REJECTION: &str = "warp::Rejection";

/// `reply::x(..)` / `reject::x(..)` calls, by module and function name. `imported`: the file
/// imports warp, so a bare `with_status(..)` is warp's.
pub fn call(module: &str, name: &str, imported: bool) -> Option<Known> {
    let warp_mod = matches!(module, "reply" | "warp") || (module.is_empty() && imported);
    match (module, name) {
        (_, "with_status") if warp_mod => Some(Known::StatusBody { status: 1, body: 0 }),
        (_, "with_header") if warp_mod => Some(Known::WithHeader { base: 0, name: 1, value: 2 }),
        ("reply", "json") => Some(Known::Json(0)),
        ("reply", "html") => Some(Known::Html(0)),
        ("warp", "reply") => Some(Known::Status(200)),
        ("warp" | "reject", "reject") | ("reject", "not_found") => Some(Known::Status(404)),
        ("reject", "custom") => Some(Known::Rejection(0)),
        _ => None,
    }
}

/// `Filter` methods whose async closure argument answers the request: its `Err` is a
/// rejection, its `Ok` a reply or an extracted value (warp `src/filter/mod.rs`: `and_then`,
/// `recover`). Only closures whose body is an `async` block count: `Option::and_then` and
/// friends take plain closures.
pub const CLOSURE_METHODS: &[&str] = &["and_then", "recover"];

/// Header filters that reject a missing header with 400 `MissingHeader`.
pub fn is_required_header_filter(module: &str, name: &str) -> bool {
    matches!((module, name), ("warp", "header") | ("header", "exact" | "exact_ignore_case" | "value"))
}

/// The rejection a header filter raises, as a `recover` handler names it.
pub const MISSING_HEADER: &str = "MissingHeader";

pub const UNHANDLED_NOTE: &str = "warp answers a custom rejection that no `recover` handler looks for with 500 and \
     `Unhandled rejection: {:?}` (warp src/reject.rs, `Rejections::Custom` in `status()`)";

pub const HEADER_NOTE: &str = "warp rejects a request without this header with 400 `MissingHeader` (warp \
     src/filters/header.rs, src/reject.rs `Known::MissingHeader` is BAD_REQUEST) before any auth code runs";

/// Types that `recover` handlers look for in this file: `err.find::<T>()` and
/// `if let Some(T) = err.find()` / `Some(T { .. })` / `Some(T::V)`.
pub fn recovered_types(file: &syn::File) -> Vec<String> {
    use syn::visit::Visit;
    struct V(Vec<String>);
    impl<'ast> Visit<'ast> for V {
        crate::facts::walk::skip_types_and_paths!();
        fn visit_expr_method_call(&mut self, m: &'ast syn::ExprMethodCall) {
            if m.method == "find" && m.args.is_empty() {
                if let Some(t) = &m.turbofish {
                    for a in &t.args {
                        if let syn::GenericArgument::Type(syn::Type::Path(p)) = a {
                            if let Some(s) = p.path.segments.last() {
                                self.0.push(s.ident.to_string());
                            }
                        }
                    }
                }
            }
            syn::visit::visit_expr_method_call(self, m);
        }
        fn visit_expr_let(&mut self, l: &'ast syn::ExprLet) {
            let finds = matches!(&*l.expr, syn::Expr::MethodCall(m) if m.method == "find");
            if finds {
                if let syn::Pat::TupleStruct(ts) = &*l.pat {
                    for p in &ts.elems {
                        if let Some(name) = pat_type(p) {
                            self.0.push(name);
                        }
                    }
                }
            }
            syn::visit::visit_expr_let(self, l);
        }
    }
    fn pat_type(p: &syn::Pat) -> Option<String> {
        let path = match p {
            syn::Pat::Path(p) => &p.path,
            syn::Pat::Struct(s) => &s.path,
            syn::Pat::TupleStruct(t) => &t.path,
            syn::Pat::Reference(r) => return pat_type(&r.pat),
            _ => return None,
        };
        let segs: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
        // `AuthError::Missing` names the type `AuthError`; `Unauthorized` names itself.
        let n = segs.len();
        segs.get(n.saturating_sub(2)).filter(|_| n >= 2).or(segs.last()).cloned()
    }
    let mut v = V(Vec::new());
    v.visit_file(file);
    v.0.sort();
    v.0.dedup();
    v.0
}
