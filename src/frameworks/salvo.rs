//! salvo (research/framework-catalog.md §12).
//! Sources: salvo_core 0.96.0 `src/http/errors/status_error.rs` (`StatusError::unauthorized()`
//! and the other constructors; `.brief(..)`, `.detail(..)`, `.cause(..)` keep the status; no
//! challenge), salvo-jwt-auth 0.96.0 `src/lib.rs` (`JwtAuth::handle`: no token renders
//! `StatusError::unauthorized()`, a token that fails to decode renders
//! `StatusError::forbidden()`, neither with `WWW-Authenticate`, unless `force_passed(true)`),
//! salvo_extra 0.96.0 `src/basic_auth.rs` (`ask_credentials`: 401 with `WWW-Authenticate: Basic
//! realm=".."`).

/// `StatusError::<ctor>()` constructors the analysis knows.
pub const STATUS_ERRORS: &[(&str, u16)] = &[
    ("bad_request", 400),
    ("unauthorized", 401),
    ("forbidden", 403),
    ("not_found", 404),
    ("internal_server_error", 500),
    ("service_unavailable", 503),
];

pub fn status_error(name: &str) -> Option<u16> {
    STATUS_ERRORS.iter().find(|(n, _)| *n == name).map(|(_, c)| *c)
}

/// Methods of `StatusError` that keep its status.
pub const KEEPS_STATUS: &[&str] = &["brief", "detail", "cause"];

/// The type whose values are responses.
pub const STATUS_ERROR: &str = "StatusError";

pub const JWT_FORBIDDEN_NOTE: &str = "salvo-jwt-auth answers a token that fails to decode (expired, bad signature) \
     with 403 and no WWW-Authenticate (salvo-jwt-auth src/lib.rs, `JwtAuth::handle` renders \
     `StatusError::forbidden()`)";
pub const JWT_MISSING_NOTE: &str = "salvo-jwt-auth answers a request without a token with 401 and no \
     WWW-Authenticate (salvo-jwt-auth src/lib.rs, `JwtAuth::handle` renders `StatusError::unauthorized()`)";

/// The name of a handler's `res: &mut Response` parameter, in a file that uses salvo: the
/// handler answers by writing into it (`res.render(..)`, `res.status_code(..)`), not by
/// returning (salvo_core `src/handler.rs`, `src/http/response.rs`).
pub fn response_param(sig: &syn::Signature) -> Option<String> {
    sig.inputs.iter().find_map(|a| {
        let syn::FnArg::Typed(t) = a else { return None };
        let syn::Type::Reference(r) = &*t.ty else { return None };
        let syn::Type::Path(p) = &*r.elem else { return None };
        let is_response = r.mutability.is_some() && p.path.segments.last().is_some_and(|s| s.ident == "Response");
        match (&*t.pat, is_response) {
            (syn::Pat::Ident(i), true) => Some(i.ident.to_string()),
            _ => None,
        }
    })
}

/// A write into the handler's response.
pub enum ResWrite<'a> {
    /// `res.status_code(s)`.
    Status(&'a syn::Expr),
    /// `res.add_header(k, v, overwrite)` / `res.headers_mut().insert(k, v)`.
    Header(&'a syn::Expr, &'a syn::Expr),
    /// `res.render(x)`: the body (or a `StatusError`, which sets the status too).
    Render(&'a syn::Expr),
}

pub fn res_write<'a>(m: &'a syn::ExprMethodCall, param: &str) -> Option<ResWrite<'a>> {
    let is_param = |e: &syn::Expr| matches!(e, syn::Expr::Path(p) if p.path.is_ident(param));
    let arg = |i: usize| m.args.iter().nth(i);
    if is_param(&m.receiver) {
        return match m.method.to_string().as_str() {
            "status_code" => arg(0).map(ResWrite::Status),
            "render" => arg(0).map(ResWrite::Render),
            "add_header" => Some(ResWrite::Header(arg(0)?, arg(1)?)),
            _ => None,
        };
    }
    // `res.headers_mut().insert(k, v)`.
    if let syn::Expr::MethodCall(inner) = &*m.receiver {
        if inner.method == "headers_mut" && is_param(&inner.receiver) && (m.method == "insert" || m.method == "append")
        {
            return Some(ResWrite::Header(arg(0)?, arg(1)?));
        }
    }
    None
}
