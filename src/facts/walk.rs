//! Cheaper `syn::visit` walks for visitors that look only at items, statements and expressions.
//!
//! syn's default walk descends into every type, path, attribute, generic parameter, signature,
//! literal and identifier, and in a function body these are most of the nodes: every variable
//! read is a path of segments of identifiers. A visitor that looks for functions, structs,
//! calls, `if`s or closures gains nothing from them; skipping them makes such a walk about
//! three times faster (`flow::functions` on the registry corpus: 7.0 -> 2.0 ms,
//! docs/benchmarks.md run F).
//!
//! What such a walk no longer sees is what sits inside a skipped node: an expression inside a
//! type (an array length, `[u8; N]`), a const generic argument (`f::<{ .. }>()`) or a const
//! generic default. No credential check, response or route is written there.

/// Inside `impl<'ast> Visit<'ast> for V { .. }`: skip the nodes this module names. Only for
/// visitors that override none of the skipped methods and read signatures, attributes and
/// types of the nodes they look at directly.
macro_rules! skip_types_and_paths {
    () => {
        fn visit_type(&mut self, _: &'ast syn::Type) {}
        fn visit_path(&mut self, _: &'ast syn::Path) {}
        fn visit_attribute(&mut self, _: &'ast syn::Attribute) {}
        fn visit_generics(&mut self, _: &'ast syn::Generics) {}
        fn visit_signature(&mut self, _: &'ast syn::Signature) {}
        fn visit_lit(&mut self, _: &'ast syn::Lit) {}
        fn visit_ident(&mut self, _: &'ast proc_macro2::Ident) {}
        fn visit_lifetime(&mut self, _: &'ast syn::Lifetime) {}
    };
}
pub(crate) use skip_types_and_paths;

#[cfg(test)]
mod tests {
    use syn::visit::Visit;

    /// A node: kind, line and column.
    type Node = (&'static str, usize, usize);

    /// The nodes the skipping visitors look at, in walk order.
    #[derive(Default)]
    struct Seen(Vec<Node>);

    impl Seen {
        fn push(&mut self, kind: &'static str, span: proc_macro2::Span) {
            self.0.push((kind, span.start().line, span.start().column));
        }
    }

    macro_rules! looks_at {
        () => {
            fn visit_item_fn(&mut self, i: &'ast syn::ItemFn) {
                self.0.push("fn", i.sig.ident.span());
                syn::visit::visit_item_fn(self, i);
            }
            fn visit_impl_item_fn(&mut self, i: &'ast syn::ImplItemFn) {
                self.0.push("method", i.sig.ident.span());
                syn::visit::visit_impl_item_fn(self, i);
            }
            fn visit_item_struct(&mut self, i: &'ast syn::ItemStruct) {
                self.0.push("struct", i.ident.span());
                syn::visit::visit_item_struct(self, i);
            }
            fn visit_expr_call(&mut self, e: &'ast syn::ExprCall) {
                self.0.push("call", syn::spanned::Spanned::span(e));
                syn::visit::visit_expr_call(self, e);
            }
            fn visit_expr_method_call(&mut self, e: &'ast syn::ExprMethodCall) {
                self.0.push("method call", e.method.span());
                syn::visit::visit_expr_method_call(self, e);
            }
            fn visit_expr_closure(&mut self, e: &'ast syn::ExprClosure) {
                self.0.push("closure", syn::spanned::Spanned::span(e));
                syn::visit::visit_expr_closure(self, e);
            }
            fn visit_expr_if(&mut self, e: &'ast syn::ExprIf) {
                self.0.push("if", e.if_token.span);
                syn::visit::visit_expr_if(self, e);
            }
            fn visit_local(&mut self, l: &'ast syn::Local) {
                self.0.push("let", l.let_token.span);
                syn::visit::visit_local(self, l);
            }
        };
    }

    struct Full(Seen);
    impl<'ast> Visit<'ast> for Full {
        looks_at!();
    }
    struct Skipping(Seen);
    impl<'ast> Visit<'ast> for Skipping {
        looks_at!();
        super::skip_types_and_paths!();
    }

    fn both(file: &syn::File) -> (Vec<Node>, Vec<Node>) {
        let (mut full, mut skipping) = (Full(Seen::default()), Skipping(Seen::default()));
        full.visit_file(file);
        skipping.visit_file(file);
        (full.0 .0, skipping.0 .0)
    }

    #[test]
    fn skipping_sees_every_item_call_and_closure_of_the_fixtures() {
        let mut seen = 0;
        for path in crate::testing::fixture_sources() {
            let Ok(text) = std::fs::read_to_string(&path) else { continue };
            let Ok(file) = syn::parse_file(crate::source::content(&text)) else { continue };
            let (full, skipping) = both(&file);
            assert_eq!(full, skipping, "{}", path.display());
            seen += full.len();
        }
        assert!(seen > 2_000, "the fixtures hold thousands of such nodes, saw {seen}");
    }

    #[test]
    fn what_skipping_does_not_see() {
        // An item in an array length and a call in a const generic argument.
        let file: syn::File =
            syn::parse_str("fn f() { let a: [u8; { fn g() {} 1 }] = [0]; h::<{ n() }>(); }").expect("parses");
        let (full, skipping) = both(&file);
        let kinds = |v: &[Node]| v.iter().map(|x| x.0).collect::<Vec<_>>().join(" ");
        assert_eq!(kinds(&full), "fn let fn call call");
        assert_eq!(kinds(&skipping), "fn let call");
    }
}
