//! Rocket 0.5 (research/framework-catalog.md §9).
//! Sources: rocket_http 0.5.2 `src/status.rs` (`Status::Unauthorized` is 401 and so on),
//! rocket 0.5.2 `src/response/status.rs` (`status::Custom(Status, R)`; `status::Unauthorized(R)`
//! and the other `status_response!` types), `src/request/from_request.rs`
//! (`Outcome::Error((Status, E))` fails the guard and runs the catcher of that status), `src/catcher/catcher.rs`
//! (the default catcher writes an HTML or JSON page, no headers); Rocket writes no
//! `WWW-Authenticate` anywhere in `core/` (grep of rocket 0.5.2 `src/`).

/// `Status::<Variant>` values.
pub const STATUS_VARIANTS: &[(&str, u16)] = &[
    ("Ok", 200),
    ("BadRequest", 400),
    ("Unauthorized", 401),
    ("Forbidden", 403),
    ("NotFound", 404),
    ("InternalServerError", 500),
    ("ServiceUnavailable", 503),
];

pub fn status_variant(name: &str) -> Option<u16> {
    STATUS_VARIANTS.iter().find(|(n, _)| *n == name).map(|(_, c)| *c)
}

/// `rocket::response::status::<Name>(body)` responders with a fixed status.
pub const STATUS_RESPONDERS: &[(&str, u16)] =
    &[("BadRequest", 400), ("Unauthorized", 401), ("Forbidden", 403), ("NotFound", 404), ("Conflict", 409)];

pub fn status_responder(name: &str) -> Option<u16> {
    STATUS_RESPONDERS.iter().find(|(n, _)| *n == name).map(|(_, c)| *c)
}

/// Type name the extractor gives a failed request guard (`Val::Ctor`), resolved by the model:
/// the catcher of its status answers.
pub const GUARD_FAILURE: &str = "rocket::Catcher";

pub const DEFAULT_CATCHER_NOTE: &str = "a failed request guard is answered by the catcher of its status; Rocket's \
     default catcher sends no WWW-Authenticate (rocket src/request/from_request.rs, src/catcher/catcher.rs)";

/// `#[catch(401)]` gives `Some(Some(401))`, `#[catch(default)]` `Some(None)`; not a catcher:
/// `None`. A catcher answers with its status whatever its responder says
/// (rocket `src/catcher/catcher.rs`: the catcher's response gets the error status).
pub fn catch_status(attrs: &[syn::Attribute]) -> Option<Option<u16>> {
    let a = attrs
        .iter()
        .find(|a| a.path().is_ident("catch") || a.path().segments.last().is_some_and(|s| s.ident == "catch"))?;
    Some(a.parse_args::<syn::LitInt>().ok().and_then(|l| l.base10_parse::<u16>().ok()))
}

/// A `#[derive(Responder)]` type (or one variant of it) and what it answers (rocket codegen
/// `#[derive(Responder)]` docs, rocket 0.5.2 `src/response/responder.rs`): the
/// `#[response(status = N)]` of the variant or the type, else the first field's own status;
/// every further field is a header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DerivedResponder {
    pub ty: String,
    pub variant: Option<String>,
    /// `None`: the status is the inner responder's, and that is not a known 200 type.
    pub status: Option<u16>,
    /// The status comes from the inner responder (no `#[response(status)]`).
    pub implicit: bool,
    /// Further fields: headers, whose names are not known from the syntax.
    pub has_header: bool,
}

/// The key under which the model records a derived responder as a response impl (not a trait
/// name, so it cannot collide with one).
pub const DERIVED_IMPL: &str = "#[derive(Responder)]";

/// Inner responders whose status is 200 (rocket `src/response/responder.rs`: strings, `Json`,
/// `Value`, `RawJson`/`RawHtml`/`RawText`).
const OK_RESPONDERS: &[&str] = &["Json", "Value", "String", "str", "RawJson", "RawHtml", "RawText", "Template"];

fn response_status(attrs: &[syn::Attribute]) -> Option<u16> {
    attrs.iter().filter(|a| a.path().is_ident("response")).find_map(|a| {
        let metas = a
            .parse_args_with(syn::punctuated::Punctuated::<syn::MetaNameValue, syn::Token![,]>::parse_terminated)
            .ok()?;
        metas.iter().find(|m| m.path.is_ident("status")).and_then(|m| match &m.value {
            syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Int(i), .. }) => i.base10_parse::<u16>().ok(),
            _ => None,
        })
    })
}

fn derived(
    ty: &str,
    variant: Option<String>,
    own: Option<u16>,
    outer: Option<u16>,
    fields: &syn::Fields,
) -> DerivedResponder {
    let first = fields.iter().next().and_then(|f| match &f.ty {
        syn::Type::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
        syn::Type::Reference(r) => match &*r.elem {
            syn::Type::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
            _ => None,
        },
        _ => None,
    });
    let attr = own.or(outer);
    let inner_ok = first.as_deref().is_some_and(|n| OK_RESPONDERS.contains(&n));
    DerivedResponder {
        ty: ty.to_string(),
        variant,
        status: attr.or(inner_ok.then_some(200)),
        implicit: attr.is_none(),
        has_header: fields.len() > 1,
    }
}

fn derives_responder(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().filter(|a| a.path().is_ident("derive")).any(|a| {
        a.parse_args_with(syn::punctuated::Punctuated::<syn::Path, syn::Token![,]>::parse_terminated)
            .is_ok_and(|l| l.iter().any(|p| p.segments.last().is_some_and(|s| s.ident == "Responder")))
    })
}

/// The `#[derive(Responder)]` types of a file.
pub fn derived_responders(file: &syn::File) -> Vec<DerivedResponder> {
    use syn::visit::Visit;
    struct V(Vec<DerivedResponder>);
    impl<'ast> Visit<'ast> for V {
        crate::facts::walk::skip_types_and_paths!();
        fn visit_item_struct(&mut self, s: &'ast syn::ItemStruct) {
            if derives_responder(&s.attrs) {
                self.0.push(derived(&s.ident.to_string(), None, response_status(&s.attrs), None, &s.fields));
            }
        }
        fn visit_item_enum(&mut self, e: &'ast syn::ItemEnum) {
            if derives_responder(&e.attrs) {
                let outer = response_status(&e.attrs);
                for v in &e.variants {
                    let own = response_status(&v.attrs);
                    self.0.push(derived(&e.ident.to_string(), Some(v.ident.to_string()), own, outer, &v.fields));
                }
            }
        }
    }
    let mut v = V(Vec::new());
    v.visit_file(file);
    v.0
}
