//! Cheap spans of expressions. syn's `Spanned::span()` prints the whole node into a token
//! stream to find its first and last token; on every return point of every function that is a
//! second parse's worth of work. Here the first and last tokens are found by walking down the
//! edges of the node, with no allocation.

use proc_macro2::Span;
use syn::spanned::Spanned;
use syn::Expr;

/// The span from the first to the last token of `e`.
pub fn expr(e: &Expr) -> Span {
    let (a, b) = (first(e), last(e));
    a.join(b).unwrap_or(a)
}

/// `f(args)`.
pub fn call(c: &syn::ExprCall) -> Span {
    let a = first(&c.func);
    a.join(c.paren_token.span.close()).unwrap_or(a)
}

/// `x.m(args)`.
pub fn method_call(m: &syn::ExprMethodCall) -> Span {
    let a = first(&m.receiver);
    a.join(m.paren_token.span.close()).unwrap_or(a)
}

/// `x?`.
pub fn try_expr(t: &syn::ExprTry) -> Span {
    let a = first(&t.expr);
    a.join(t.question_token.span).unwrap_or(a)
}

/// A match arm, from its pattern's first token to the end of its body.
pub fn arm(arm: &syn::Arm) -> Span {
    let a = pat_first(&arm.pat).unwrap_or(arm.fat_arrow_token.spans[0]);
    a.join(last(&arm.body)).unwrap_or(a)
}

fn pat_first(p: &syn::Pat) -> Option<Span> {
    match p {
        syn::Pat::Ident(i) => Some(i.ident.span()),
        syn::Pat::Path(pp) => pp.path.segments.first().map(|s| s.ident.span()),
        syn::Pat::TupleStruct(t) => t.path.segments.first().map(|s| s.ident.span()),
        syn::Pat::Struct(s) => s.path.segments.first().map(|s| s.ident.span()),
        syn::Pat::Or(o) => o.cases.first().and_then(pat_first),
        syn::Pat::Wild(w) => Some(w.underscore_token.span),
        syn::Pat::Reference(r) => Some(r.and_token.span),
        syn::Pat::Tuple(t) => Some(t.paren_token.span.open()),
        _ => None,
    }
}

fn first(e: &Expr) -> Span {
    match e {
        Expr::Call(c) => first(&c.func),
        Expr::MethodCall(m) => first(&m.receiver),
        Expr::Field(f) => first(&f.base),
        Expr::Await(a) => first(&a.base),
        Expr::Try(t) => first(&t.expr),
        Expr::Index(i) => first(&i.expr),
        Expr::Binary(b) => first(&b.left),
        Expr::Cast(c) => first(&c.expr),
        Expr::Range(r) => r.start.as_deref().map_or_else(|| r.limits.span(), first),
        Expr::Assign(a) => first(&a.left),
        Expr::Path(p) => p.path.segments.first().map_or_else(Span::call_site, |s| s.ident.span()),
        Expr::Lit(l) => l.lit.span(),
        Expr::Macro(m) => m.mac.path.segments.first().map_or_else(Span::call_site, |s| s.ident.span()),
        Expr::Struct(s) => s.path.segments.first().map_or_else(|| s.brace_token.span.open(), |s| s.ident.span()),
        Expr::Tuple(t) => t.paren_token.span.open(),
        Expr::Paren(p) => p.paren_token.span.open(),
        Expr::Array(a) => a.bracket_token.span.open(),
        Expr::Reference(r) => r.and_token.span,
        Expr::Unary(u) => u.op.span(),
        Expr::Return(r) => r.return_token.span,
        Expr::Block(b) => b.block.brace_token.span.open(),
        Expr::If(i) => i.if_token.span,
        Expr::Match(m) => m.match_token.span,
        Expr::Closure(c) => c.inputs_begin.span,
        Expr::Async(a) => a.async_token.span,
        Expr::Group(g) => first(&g.expr),
        other => other.span(),
    }
}

fn last(e: &Expr) -> Span {
    match e {
        Expr::Call(c) => c.paren_token.span.close(),
        Expr::MethodCall(m) => m.paren_token.span.close(),
        Expr::Field(f) => match &f.member {
            syn::Member::Named(i) => i.span(),
            syn::Member::Unnamed(i) => i.span,
        },
        Expr::Await(a) => a.await_token.span,
        Expr::Try(t) => t.question_token.span,
        Expr::Index(i) => i.bracket_token.span.close(),
        Expr::Binary(b) => last(&b.right),
        Expr::Cast(c) => c.ty.span(),
        Expr::Range(r) => r.end.as_deref().map_or_else(|| r.limits.span(), last),
        Expr::Assign(a) => last(&a.right),
        Expr::Path(p) => p.path.segments.last().map_or_else(Span::call_site, |s| s.ident.span()),
        Expr::Lit(l) => l.lit.span(),
        Expr::Macro(m) => m.mac.delimiter.span().close(),
        Expr::Struct(s) => s.brace_token.span.close(),
        Expr::Tuple(t) => t.paren_token.span.close(),
        Expr::Paren(p) => p.paren_token.span.close(),
        Expr::Array(a) => a.bracket_token.span.close(),
        Expr::Reference(r) => last(&r.expr),
        Expr::Unary(u) => last(&u.expr),
        Expr::Return(r) => r.expr.as_deref().map_or(r.return_token.span, last),
        Expr::Block(b) => b.block.brace_token.span.close(),
        Expr::If(i) => i.else_branch.as_ref().map_or_else(|| i.then_branch.brace_token.span.close(), |(_, e)| last(e)),
        Expr::Match(m) => m.brace_token.span.close(),
        Expr::Closure(c) => last(&c.body),
        Expr::Async(a) => a.block.brace_token.span.close(),
        Expr::Group(g) => last(&g.expr),
        other => other.span(),
    }
}
