//! `#[auth_error]` on a function that builds a rejection response by hand.

use proc_macro2::{Delimiter, TokenStream, TokenTree};
use quote::{quote, ToTokens};
use syn::visit::Visit;
use syn::{Block, Expr, ItemFn, Lit, ReturnType, Stmt};

use crate::{args, is_auth_error_attr, push_error, rules};

const BARE_RULE: &str = "clients start OAuth only on a 401 or 403 (MCP 2025-06-18 §2.6.2, §2.7; RFC 9110 §15.5.2): \
                         answer 401, 403 or 400 with a status, e.g. `(StatusCode::UNAUTHORIZED, body)`";

pub fn expand(attr: TokenStream, mut item: ItemFn) -> TokenStream {
    let mut errors = None;
    for extra in item.attrs.iter().filter(|a| is_auth_error_attr(a)) {
        push_error(
            &mut errors,
            syn::Error::new_spanned(extra, "#[auth_error] is repeated on this fn: put all its arguments in one"),
        );
    }
    item.attrs.retain(|a| !is_auth_error_attr(a));
    let fallback = if attr.is_empty() { quote!(auth_error) } else { attr.clone() };
    let challenge = match args::parse_args(attr, false).and_then(|a| {
        a.reject_for_fn()?;
        args::resolve(&a, "", fallback, false)
    }) {
        Ok(resolved) => Some(resolved.challenge),
        Err(e) => {
            push_error(&mut errors, e);
            None
        }
    };

    let declared = match &item.sig.output {
        ReturnType::Default => {
            push_error(
                &mut errors,
                syn::Error::new_spanned(
                    &item.sig,
                    format!("this fn returns `()`, which axum sends as an empty 200 OK; {BARE_RULE}"),
                ),
            );
            None
        }
        ReturnType::Type(_, ty) => Some((**ty).clone()),
    };

    scan_statuses(item.block.to_token_stream(), &mut errors);
    for (tokens, what) in bare_bodies(&item.block) {
        push_error(&mut errors, syn::Error::new_spanned(tokens, format!("{what} is sent as 200 OK; {BARE_RULE}")));
    }

    let (Some(challenge), Some(declared), None) = (challenge, declared, &errors) else {
        let mut out = errors.map(|e| e.to_compile_error()).unwrap_or_default();
        out.extend(quote!(#item));
        return out;
    };

    let block = &item.block;
    let annotated = !contains_impl_trait(&declared);
    let value = match (&item.sig.asyncness, annotated) {
        (Some(_), true) => quote!({ let __auth_error_out: #declared = async move #block.await; __auth_error_out }),
        (Some(_), false) => quote!(async move #block.await),
        (None, true) => quote!((move || -> #declared #block)()),
        (None, false) => quote!((move || #block)()),
    };
    item.sig.output = syn::parse_quote!(-> ::auth_error::__fn_response!());
    *item.block = syn::parse_quote!({
        const __AUTH_ERROR_CHALLENGE: &str = #challenge;
        ::auth_error::__fn_wrap!(__AUTH_ERROR_CHALLENGE, #value)
    });
    quote!(#item)
}

fn contains_impl_trait(ty: &syn::Type) -> bool {
    struct Finder(bool);
    impl<'ast> Visit<'ast> for Finder {
        fn visit_type_impl_trait(&mut self, _: &'ast syn::TypeImplTrait) {
            self.0 = true;
        }
    }
    let mut finder = Finder(false);
    finder.visit_type(ty);
    finder.0
}

/// Known `StatusCode` constants outside 400/401/403, for a precise message.
fn const_status(name: &str) -> Option<u64> {
    Some(match name {
        "CONTINUE" => 100,
        "OK" => 200,
        "CREATED" => 201,
        "ACCEPTED" => 202,
        "NO_CONTENT" => 204,
        "MOVED_PERMANENTLY" => 301,
        "FOUND" => 302,
        "SEE_OTHER" => 303,
        "TEMPORARY_REDIRECT" => 307,
        "PERMANENT_REDIRECT" => 308,
        "PAYMENT_REQUIRED" => 402,
        "NOT_FOUND" => 404,
        "METHOD_NOT_ALLOWED" => 405,
        "NOT_ACCEPTABLE" => 406,
        "PROXY_AUTHENTICATION_REQUIRED" => 407,
        "CONFLICT" => 409,
        "GONE" => 410,
        "UNPROCESSABLE_ENTITY" => 422,
        "TOO_MANY_REQUESTS" => 429,
        "INTERNAL_SERVER_ERROR" => 500,
        "NOT_IMPLEMENTED" => 501,
        "BAD_GATEWAY" => 502,
        "SERVICE_UNAVAILABLE" => 503,
        "GATEWAY_TIMEOUT" => 504,
        _ => return None,
    })
}

fn is_const_name(name: &str) -> bool {
    name.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
        && name.chars().next().is_some_and(|c| c.is_ascii_uppercase())
}

fn int_literal(tree: &TokenTree) -> Option<u64> {
    let TokenTree::Group(group) = tree else { return None };
    if group.delimiter() != Delimiter::Parenthesis {
        return None;
    }
    let inner: Vec<TokenTree> = group.stream().into_iter().collect();
    let [TokenTree::Literal(lit)] = inner.as_slice() else { return None };
    match Lit::new(lit.clone()) {
        Lit::Int(int) => int.base10_parse().ok(),
        _ => None,
    }
}

/// Looks through the body's tokens (macro arguments included) for
/// `StatusCode::<CONST>`, `StatusCode::from_u16(<lit>)` and `.status(<lit>)`.
fn scan_statuses(stream: TokenStream, errors: &mut Option<syn::Error>) {
    let tokens: Vec<TokenTree> = stream.into_iter().collect();
    for (i, tree) in tokens.iter().enumerate() {
        if let TokenTree::Group(group) = tree {
            scan_statuses(group.stream(), errors);
            continue;
        }
        let window = |n: usize| tokens.get(i..i + n);
        match tree {
            TokenTree::Ident(ident) if ident == "StatusCode" => {
                let Some([_, TokenTree::Punct(a), TokenTree::Punct(b), TokenTree::Ident(name)]) = window(4) else {
                    continue;
                };
                if a.as_char() != ':' || b.as_char() != ':' {
                    continue;
                }
                let name_str = name.to_string();
                if name_str == "from_u16" {
                    let Some(call) = window(5) else { continue };
                    let Some(status) = int_literal(&call[4]) else { continue };
                    if let Err(message) = rules::check_status(status) {
                        let spanned: TokenStream = call.iter().cloned().collect();
                        push_error(errors, syn::Error::new_spanned(spanned, message));
                    }
                } else if is_const_name(&name_str)
                    && !matches!(name_str.as_str(), "BAD_REQUEST" | "UNAUTHORIZED" | "FORBIDDEN")
                {
                    let spanned: TokenStream = tokens[i..i + 4].iter().cloned().collect();
                    let message = match const_status(&name_str).map(rules::check_status) {
                        Some(Err(message)) => format!("StatusCode::{name_str}: {message}"),
                        _ => format!(
                            "StatusCode::{name_str} is not an auth failure status: use StatusCode::UNAUTHORIZED, \
                             StatusCode::FORBIDDEN or StatusCode::BAD_REQUEST (RFC 9110 §15.5.2, RFC 6750 §3.1; \
                             MCP 2025-11-25 §10 Error Handling)"
                        ),
                    };
                    push_error(errors, syn::Error::new_spanned(spanned, message));
                }
            }
            TokenTree::Punct(dot) if dot.as_char() == '.' => {
                let Some([_, TokenTree::Ident(name), call]) = window(3) else { continue };
                if name != "status" {
                    continue;
                }
                let Some(status) = int_literal(call) else { continue };
                if let Err(message) = rules::check_status(status) {
                    let spanned: TokenStream = tokens[i..i + 3].iter().cloned().collect();
                    push_error(errors, syn::Error::new_spanned(spanned, message));
                }
            }
            _ => {}
        }
    }
}

/// The tail expression and every `return` value of the body that is a bare
/// body (so an implicit 200), with a description of each.
fn bare_bodies(block: &Block) -> Vec<(TokenStream, String)> {
    struct Returns<'ast>(Vec<&'ast Expr>);
    impl<'ast> Visit<'ast> for Returns<'ast> {
        fn visit_expr_return(&mut self, node: &'ast syn::ExprReturn) {
            if let Some(expr) = &node.expr {
                self.0.push(expr);
            }
            syn::visit::visit_expr_return(self, node);
        }
        // A `return` in these does not leave the function.
        fn visit_expr_closure(&mut self, _: &'ast syn::ExprClosure) {}
        fn visit_expr_async(&mut self, _: &'ast syn::ExprAsync) {}
        fn visit_item(&mut self, _: &'ast syn::Item) {}
    }
    let mut returns = Returns(Vec::new());
    returns.visit_block(block);
    let mut found = Vec::new();
    tail_bare(block, &mut found);
    for expr in returns.0 {
        bare(expr, &mut found);
    }
    found
}

fn tail_bare(block: &Block, found: &mut Vec<(TokenStream, String)>) {
    match block.stmts.last() {
        Some(Stmt::Expr(expr, None)) => bare(expr, found),
        Some(Stmt::Macro(mac)) if mac.semi_token.is_none() && is_string_macro(&mac.mac) => {
            found.push((mac.to_token_stream(), "a formatted string".to_owned()));
        }
        _ => {}
    }
}

fn is_string_macro(mac: &syn::Macro) -> bool {
    mac.path.segments.last().is_some_and(|s| s.ident == "format" || s.ident == "concat" || s.ident == "stringify")
}

fn path_ends_with(expr: &Expr, names: &[&str]) -> bool {
    let Expr::Path(path) = expr else { return false };
    let segments: Vec<String> = path.path.segments.iter().map(|s| s.ident.to_string()).collect();
    segments.len() >= names.len() && segments[segments.len() - names.len()..].iter().zip(names).all(|(a, b)| a == b)
}

/// Describes `expr` if it is a response without a status (sent as 200).
fn bare_kind(expr: &Expr) -> Option<String> {
    match expr {
        Expr::Lit(lit) if matches!(lit.lit, Lit::Str(_)) => Some("a string literal".to_owned()),
        Expr::Macro(mac) if is_string_macro(&mac.mac) => Some("a formatted string".to_owned()),
        Expr::Call(call) => {
            let name = match &*call.func {
                f if path_ends_with(f, &["Json"]) => "a bare `Json(..)` body",
                f if path_ends_with(f, &["Html"]) => "a bare `Html(..)` body",
                f if path_ends_with(f, &["Response", "new"]) => "`Response::new(..)` (status 200)",
                f if path_ends_with(f, &["String", "from"]) => "a string",
                f if path_ends_with(f, &["Body", "from"]) || path_ends_with(f, &["Body", "empty"]) => "a bare body",
                f if path_ends_with(f, &["into_response"]) => return call.args.first().and_then(bare_kind),
                _ => return None,
            };
            Some(name.to_owned())
        }
        Expr::MethodCall(call) => {
            let method = call.method.to_string();
            match method.as_str() {
                "into_response" | "into" => bare_kind(&call.receiver),
                "to_string" | "to_owned" if matches!(&*call.receiver, Expr::Lit(_)) => Some("a string".to_owned()),
                "body" if builder_without_status(&call.receiver) => {
                    Some("a `Response::builder()` without `.status(..)` (status 200)".to_owned())
                }
                _ => None,
            }
        }
        Expr::Tuple(tuple) => match tuple.elems.first() {
            None => Some("`()` (an empty body)".to_owned()),
            Some(Expr::Array(_)) => Some("a tuple of headers and body without a status".to_owned()),
            Some(first) if tuple.elems.len() > 1 && bare_kind(first).is_some() => {
                Some("a tuple without a status".to_owned())
            }
            _ => None,
        },
        Expr::Paren(inner) => bare_kind(&inner.expr),
        Expr::Group(inner) => bare_kind(&inner.expr),
        _ => None,
    }
}

fn builder_without_status(mut expr: &Expr) -> bool {
    loop {
        match expr {
            Expr::MethodCall(call) if call.method == "status" => return false,
            Expr::MethodCall(call) => expr = &call.receiver,
            Expr::Call(call) => return path_ends_with(&call.func, &["Response", "builder"]),
            _ => return false,
        }
    }
}

fn bare(expr: &Expr, found: &mut Vec<(TokenStream, String)>) {
    match expr {
        Expr::Block(block) => tail_bare(&block.block, found),
        Expr::Unsafe(block) => tail_bare(&block.block, found),
        Expr::If(expr_if) => {
            tail_bare(&expr_if.then_branch, found);
            if let Some((_, otherwise)) = &expr_if.else_branch {
                bare(otherwise, found);
            }
        }
        Expr::Match(expr_match) => {
            for arm in &expr_match.arms {
                bare(&arm.body, found);
            }
        }
        Expr::Paren(inner) => bare(&inner.expr, found),
        Expr::Group(inner) => bare(&inner.expr, found),
        Expr::Return(_) => {} // collected separately
        other => {
            if let Some(kind) = bare_kind(other) {
                found.push((other.to_token_stream(), kind));
            }
        }
    }
}
