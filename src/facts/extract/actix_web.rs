//! actix-web and actix-web-httpauth values for the extractor: the glue between the syntax and
//! the tables of `frameworks::actix_web`. Kept apart from `extract.rs` so that each framework's
//! evaluation is one hook there.

use super::{fspan, is_self_expr, last_ident, segments, span_of, type_name, Extractor, ImplCtx};
use crate::challenge::HOLE;
use crate::facts::ir::*;
use crate::frameworks::{actix_web as aw, http};
use syn::spanned::Spanned;
use syn::{Expr, Type};

/// A builder that starts at `status`, with no header and no body.
fn builder(status: Val, span: Span) -> Val {
    Val::Builder { status: Some(Box::new(status)), headers: Vec::new(), body: None, span }
}

impl Extractor<'_> {
    /// `web::post().to(|req| async move { .. })`: a closure that actix
    /// calls as a handler; its returns are responses (actix-web `src/route.rs`, `Route::to`).
    pub(super) fn actix_handler_closures(&mut self, m: &syn::ExprMethodCall) {
        if !self.uses_actix || !aw::HANDLER_METHODS.contains(&m.method.to_string().as_str()) {
            return;
        }
        for a in &m.args {
            if let Expr::Closure(c) = a {
                self.closure_fn(c, "handler", RetSig { ok: TyClass::Response, err: Some(TyClass::Response) });
            }
        }
    }

    /// `HttpResponse::Unauthorized()`, `HttpResponse::build(s)`, `ErrorUnauthorized(e)`,
    /// `AuthenticationError::from(config)`, ... `None` when the call is not actix's.
    pub(super) fn actix_call(&mut self, segs: &[String], c: &syn::ExprCall) -> Option<Val> {
        let last = segs.last()?.as_str();
        let prev = segs.len().checked_sub(2).and_then(|i| segs.get(i)).map_or("", String::as_str);
        let span = span_of(fspan::call(c));
        let arg = |i: usize| c.args.iter().nth(i);
        if prev == "HttpResponse" && c.args.is_empty() {
            let code = aw::response_ctor_status(last)?;
            return Some(builder(Val::Status { code, span }, span));
        }
        if aw::BUILDER_TYPES.contains(&prev) && (last == "build" || last == "new") && c.args.len() == 1 {
            // Both take the status (actix-web `src/response/response.rs`), unlike
            // `http::Response::new(body)`.
            let s = arg(0).map_or(Val::Unknown, |a| self.eval(a));
            return Some(builder(s, span));
        }
        if prev == "HttpResponse" && last == "from_error" {
            return Some(arg(0).map_or(Val::Unknown, |a| self.eval(a)));
        }
        // Helpers and `InternalError` only where actix is in scope: another crate may have a
        // tuple struct named `ErrorBadRequest`.
        let actix = self.uses_actix || segs.iter().any(|s| s == "actix_web");
        if let Some(code) = aw::error_helper_status(last).filter(|_| actix) {
            // Only the helpers of `actix_web::error` (imported or by path), with one argument.
            if c.args.len() == 1 && (prev.is_empty() || prev == "error") {
                let body = arg(0).map_or(Val::Unknown, |a| self.eval(a));
                let body = Val::Wrap(Wrapper::Text, Box::new(body));
                return Some(Val::Builder {
                    status: Some(Box::new(Val::Status { code, span })),
                    headers: Vec::new(),
                    body: Some(Box::new(body)),
                    span,
                });
            }
        }
        if actix && prev == "InternalError" && last == "new" && c.args.len() == 2 {
            let s = arg(1).map_or(Val::Unknown, |a| self.eval(a));
            return Some(builder(s, span));
        }
        if actix && prev == "InternalError" && last == "from_response" && c.args.len() == 2 {
            return Some(arg(1).map_or(Val::Unknown, |a| self.eval(a)));
        }
        if prev == "ServiceResponse" && last == "new" && c.args.len() == 2 {
            return Some(arg(1).map_or(Val::Unknown, |a| self.eval(a)));
        }
        if prev == "Error" && last == "from" && self.uses_actix && c.args.len() == 1 {
            return Some(arg(0).map_or(Val::Unknown, |a| self.eval(a)));
        }
        if prev == aw::AUTH_ERROR_TYPE && aw::AUTH_ERROR_CTORS.contains(&last) && self.uses_httpauth {
            let params = arg(0).map_or(Some(Vec::new()), |a| self.bearer_params(a));
            return Some(self.httpauth_error(params, None, span));
        }
        // An httpauth validator answers `Err((error, req))` with `error`'s response
        // (actix-web-httpauth `src/middleware.rs`).
        if last == "Err" && prev.is_empty() && self.validator_fn {
            if let Some(Expr::Tuple(t)) = arg(0) {
                let first = t.elems.first().map_or(Val::Unknown, |e| self.eval(e));
                return Some(Val::Wrap(Wrapper::Err, Box::new(first)));
            }
        }
        None
    }

    /// The `(name, value)` parameters a `bearer::Config` chain sets (`Config::default()
    /// .realm("x").scope("y")`); `None` when the config is not written out here.
    fn bearer_params(&mut self, e: &Expr) -> Option<Vec<(String, String)>> {
        match e {
            Expr::MethodCall(m) if aw::CONFIG_PARAMS.contains(&m.method.to_string().as_str()) => {
                let mut params = self.bearer_params(&m.receiver)?;
                let text = match m.args.first().map(|a| self.eval(a)) {
                    Some(Val::Str { text, .. }) => text,
                    _ => HOLE.to_string(),
                };
                params.push((m.method.to_string(), text));
                Some(params)
            }
            Expr::Call(c) => {
                let Expr::Path(p) = &*c.func else { return None };
                let segs = segments(&p.path);
                let is_default = segs.last().is_some_and(|s| s == "default" || s == "new");
                let is_config = segs.iter().any(|s| s == "Config" || s == "Bearer");
                (is_default && is_config).then(Vec::new)
            }
            Expr::Paren(p) => self.bearer_params(&p.expr),
            _ => None,
        }
    }

    /// `AuthenticationError` as a 401 builder with the challenge actix-web-httpauth renders:
    /// `Bearer` and ` name="value"` per parameter (`challenge/bearer/challenge.rs`). A config
    /// that is not written out here (a variable, `app_data`) is taken to set a realm.
    fn httpauth_error(&self, params: Option<Vec<(String, String)>>, error: Option<(u16, &str)>, span: Span) -> Val {
        let mut params = params.unwrap_or_else(|| vec![("realm".to_string(), HOLE.to_string())]);
        // Rendered in the field order of `Bearer::to_bytes`.
        params.sort_by_key(|(n, _)| usize::from(n != "realm"));
        let mut text = "Bearer".to_string();
        for (n, v) in &params {
            text.push_str(&format!(" {n}=\"{v}\""));
        }
        if let Some((_, e)) = error {
            text.push_str(&format!(" error=\"{e}\""));
        }
        let code = error.map_or(401, |(c, _)| c);
        Val::Builder {
            status: Some(Box::new(Val::Status { code, span })),
            headers: vec![(Val::HeaderName(http::WWW_AUTHENTICATE.to_string()), Val::Str { text, span })],
            body: None,
            span,
        }
    }

    /// Builder methods (`.insert_header((K, V))`, `.finish()`, `.json(v)`), httpauth's
    /// `.with_error(kind)`, and the wrappers of `ServiceRequest`/`ServiceResponse`. `None` when
    /// the receiver is not an actix value.
    pub(super) fn actix_method(&mut self, m: &syn::ExprMethodCall) -> Option<Val> {
        let method = m.method.to_string();
        let method = method.as_str();
        let known = aw::HEADER_METHODS.contains(&method)
            || aw::BODY_METHODS.contains(&method)
            || aw::IDENTITY_METHODS.contains(&method)
            || aw::WRAPPING_METHODS.contains(&method)
            || method == "with_error"
            || method == "with_error_description";
        // `self.method()` stays a call, resolved per variant by the model.
        if !known || !(self.uses_actix || self.uses_httpauth) || is_self_expr(&m.receiver) {
            return None;
        }
        if aw::WRAPPING_METHODS.contains(&method) && m.args.len() == 1 {
            // `req.into_response(resp)` / `req.error_response(err)` (actix-web `src/service.rs`).
            let inner = self.eval(&m.args[0]);
            if !matches!(inner, Val::Unknown) {
                return Some(inner);
            }
        }
        let recv = self.eval(&m.receiver);
        let Val::Builder { status, mut headers, mut body, span } = recv else {
            // Not a builder: answered here rather than by the generic path, which would
            // evaluate the receiver a second time (exponential on long chains). Adapters keep
            // the value (`err.error_response()` is `err`'s response); the rest is unknown.
            let keeps = aw::IDENTITY_METHODS.contains(&method) || aw::WRAPPING_METHODS.contains(&method);
            return Some(if keeps { recv } else { Val::Unknown });
        };
        match method {
            "insert_header" | "append_header" => match m.args.first().map(|a| self.eval(a)) {
                Some(Val::Tuple(kv)) if kv.len() == 2 => headers.push((kv[0].clone(), kv[1].clone())),
                // A typed header (`WwwAuthenticate(challenge)`): the name is known, not the value.
                Some(Val::Call { callee, .. }) if callee == "WwwAuthenticate" => {
                    headers.push((Val::HeaderName(http::WWW_AUTHENTICATE.to_string()), Val::Unknown))
                }
                _ => headers.push((Val::Unknown, Val::Unknown)),
            },
            "json" => {
                let b = m.args.first().map_or(Val::Unknown, |a| self.eval(a));
                body = Some(Box::new(Val::Wrap(Wrapper::Json, Box::new(b))));
            }
            "body" | "streaming" | "message_body" => body = m.args.first().map(|a| Box::new(self.eval(a))),
            "with_error" => {
                let kind = m.args.first().map(|a| match a {
                    Expr::Path(p) => last_ident(&p.path),
                    _ => String::new(),
                });
                let hit = aw::BEARER_ERRORS.iter().find(|(n, _, _)| kind.as_deref() == Some(*n));
                let Some((_, code, error)) = hit else {
                    return Some(Val::Unknown);
                };
                let mut headers = headers;
                for (k, v) in &mut headers {
                    if matches!(k, Val::HeaderName(n) if n == http::WWW_AUTHENTICATE) {
                        if let Val::Str { text, .. } = v {
                            text.push_str(&format!(" error=\"{error}\""));
                        }
                    }
                }
                return Some(Val::Builder {
                    status: Some(Box::new(Val::Status { code: *code, span })),
                    headers,
                    body,
                    span,
                });
            }
            _ => {}
        }
        Some(Val::Builder { status, headers, body, span })
    }

    /// Types that are actix responses: `HttpResponse`, `ServiceResponse`, `actix_web::Error`
    /// (every error is answered with its `ResponseError::error_response`), and the httpauth
    /// validator's error `(Error, ServiceRequest)`.
    pub(super) fn actix_type(&self, ty: &Type) -> Option<TyClass> {
        match ty {
            Type::Path(p) => {
                let segs = segments(&p.path);
                let last = segs.last()?;
                if aw::RESPONSE_TYPES.contains(&last.as_str()) {
                    return Some(TyClass::Response);
                }
                let actix_error = segs.iter().any(|s| s == "actix_web")
                    || (segs.len() == 1 && self.uses_actix && !self.local_types.contains(last));
                (last == "Error" && actix_error).then_some(TyClass::Response)
            }
            Type::Tuple(t) if t.elems.len() == 2 => {
                let second = t.elems.iter().nth(1).and_then(type_name);
                (second.as_deref() == Some("ServiceRequest")).then_some(TyClass::Response)
            }
            _ => None,
        }
    }

    /// `FromRequest::from_request` returns `Self::Future` resolving to `Result<Self, Self::Error>`:
    /// its `Err` is answered with `type Error`'s response (actix-web `src/extract.rs`).
    pub(super) fn actix_fn_sig(&self, name: &str, ictx: &ImplCtx) -> Option<RetSig> {
        // axum has a `FromRequest` too, with an `async fn` whose signature already says it all.
        if !self.uses_actix || name != "from_request" || ictx.trait_name.as_deref() != Some(aw::EXTRACTOR_TRAIT) {
            return None;
        }
        let err = ictx.rejection.clone()?;
        Some(RetSig { ok: TyClass::Other, err: Some(TyClass::Named(err)) })
    }

    /// Is this return type an httpauth validator's, `Result<ServiceRequest, (Error, ServiceRequest)>`?
    pub(super) fn is_validator_sig(out: &syn::ReturnType) -> bool {
        let syn::ReturnType::Type(_, ty) = out else { return false };
        let Type::Path(p) = &**ty else { return false };
        let Some(seg) = p.path.segments.last() else { return false };
        let syn::PathArguments::AngleBracketed(a) = &seg.arguments else { return false };
        a.args.iter().any(|g| {
            matches!(g, syn::GenericArgument::Type(Type::Tuple(t))
                if t.elems.iter().nth(1).and_then(type_name).as_deref() == Some("ServiceRequest"))
        })
    }

    /// After an `impl ResponseError for T` is read: its response is `error_response`, which
    /// by default is `HttpResponse::new(self.status_code())` with the `Display` text, and
    /// `status_code` is 500 by default (actix-web `src/error/response_error.rs`). The defaults
    /// become the returns of a synthesised `error_response`, placed where the status is decided
    /// (each `status_code` arm, or the `impl` line when there is none); a written
    /// `error_response` that calls `self.status_code()` gets that status per arm.
    pub(super) fn actix_response_error(&mut self, i: &syn::ItemImpl, ictx: &ImplCtx, first_fn: usize) {
        if ictx.trait_name.as_deref() != Some(aw::RESPONSE_ERROR) {
            return;
        }
        let own = first_fn..self.facts.fns.len();
        let find = |name: &str, fns: &[FnFacts]| own.clone().find(|&k| fns.get(k).is_some_and(|f| f.name == name));
        let status_fn = find("status_code", &self.facts.fns);
        let response_fn = find("error_response", &self.facts.fns);
        let status_rets: Vec<Ret> = match status_fn {
            Some(k) => self.facts.fns[k].rets.clone(),
            None => {
                let at = match &i.trait_ {
                    Some(t) => t.1.span(),
                    None => i.impl_token.span,
                };
                vec![Ret {
                    val: Val::Status { code: aw::DEFAULT_ERROR_STATUS, span: span_of(at) },
                    span: span_of(at),
                    ctx: Ctx::default(),
                    variants: Vec::new(),
                    anchor: self.anchor(at),
                    is_try: false,
                    arm: None,
                }]
            }
        };
        let text = Val::Wrap(Wrapper::Text, Box::new(Val::Unknown));
        match response_fn {
            None => {
                let rets = status_rets
                    .into_iter()
                    .map(|r| Ret {
                        val: Val::Builder {
                            status: Some(Box::new(r.val.clone())),
                            headers: Vec::new(),
                            body: Some(Box::new(text.clone())),
                            span: r.span,
                        },
                        ..r
                    })
                    .collect();
                let facts = FnFacts {
                    name: "error_response".to_string(),
                    self_ty: ictx.self_ty.clone(),
                    trait_name: ictx.trait_name.clone(),
                    trait_arg: None,
                    trait_arg_generic: false,
                    sig: RetSig { ok: TyClass::Response, err: None },
                    params: vec!["self".to_string()],
                    rets,
                    span: status_fn.map_or_else(|| span_of(i.self_ty.span()), |k| self.facts.fns[k].span),
                    auth_named: false,
                    reads_credentials: false,
                    auth_error_fn: false,
                    oauth_endpoint: false,
                };
                self.facts.fns.push(facts);
            }
            Some(k) => {
                // `HttpResponse::build(self.status_code())`: one return per `status_code` arm.
                let mut out = Vec::new();
                for r in std::mem::take(&mut self.facts.fns[k].rets) {
                    let rebuilt: Option<Vec<Ret>> =
                        with_status_from_self(&r.val).filter(|_| r.variants.is_empty()).map(|rebuild| {
                            status_rets.iter().map(|s| Ret { val: rebuild(s.val.clone()), ..s.clone() }).collect()
                        });
                    match rebuilt {
                        Some(rs) => out.extend(rs),
                        None => out.push(r),
                    }
                }
                self.facts.fns[k].rets = out;
            }
        }
    }
}

/// A builder whose status is `self.status_code()`: a function that puts another status in.
fn with_status_from_self(v: &Val) -> Option<impl Fn(Val) -> Val + '_> {
    let Val::Builder { status: Some(s), headers, body, span } = v else { return None };
    let is_self_status = matches!(&**s, Val::Call { callee, .. } if callee == "self.status_code");
    if !is_self_status {
        return None;
    }
    Some(move |status: Val| Val::Builder {
        status: Some(Box::new(status)),
        headers: headers.clone(),
        body: body.clone(),
        span: *span,
    })
}
