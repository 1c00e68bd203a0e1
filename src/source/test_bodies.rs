//! Inline test modules lexed but not built into syntax trees.

use proc_macro2::{Delimiter, TokenTree};

/// A file as `syn::File` parses it, except that a top-level `#[cfg(test)] mod name { .. }`
/// comes back with an empty body. Unless test code is linted, it is stripped before any check
/// reads it (`extract::strip_tests`), so building its syntax tree only to drop it is wasted:
/// inline test modules are 9% of the registry corpus's bytes (docs/benchmarks.md). The module
/// keeps its attributes and its braces, whose span is the original body's, so its span and its
/// `cfg_attr` allows are those of a full parse. Its tokens are still lexed (and the nesting
/// guard still sees them); a syntax error inside it no longer fails the file.
pub(super) fn without_test_bodies(input: syn::parse::ParseStream) -> syn::Result<syn::File> {
    let attrs = input.call(syn::Attribute::parse_inner)?;
    let mut items = Vec::new();
    while !input.is_empty() {
        match bodiless_test_mod(input) {
            Some(m) => items.push(syn::Item::Mod(m)),
            None => items.push(input.parse()?),
        }
    }
    Ok(syn::File { shebang: None, frontmatter: None, attrs, items })
}

/// The test module at the head of `input`, without its items, and `input` moved past it; or
/// `None` and `input` untouched. The attributes are only parsed when their tokens mention
/// `test`; which ones make test code is `extract::is_test_attr`'s call, as for stripping.
fn bodiless_test_mod(input: syn::parse::ParseStream) -> Option<syn::ItemMod> {
    use syn::parse::discouraged::Speculative;
    if !attrs_mention_test(input.cursor()) {
        return None;
    }
    let fork = input.fork();
    let attrs = fork.call(syn::Attribute::parse_outer).ok()?;
    if !crate::facts::extract::is_test_attr(&attrs) {
        return None;
    }
    let vis: syn::Visibility = fork.parse().ok()?;
    let unsafety: Option<syn::Token![unsafe]> = fork.parse().ok()?;
    if !fork.peek(syn::Token![mod]) {
        return None;
    }
    let mod_token: syn::Token![mod] = fork.parse().ok()?;
    let ident: syn::Ident = fork.parse().ok()?;
    let brace = fork
        .step(|cursor| match cursor.group(Delimiter::Brace) {
            Some((_, span, rest)) => Ok((syn::token::Brace(span), rest)),
            None => Err(cursor.error("not an inline module")),
        })
        .ok()?;
    input.advance_to(&fork);
    Some(syn::ItemMod { attrs, vis, unsafety, mod_token, ident, content: Some((brace, Vec::new())), semi: None })
}

/// Whether the outer attributes at `c` have the identifier `test` anywhere inside them.
fn attrs_mention_test(mut c: syn::buffer::Cursor) -> bool {
    while let Some((pound, rest)) = c.punct() {
        let Some((inside, _, after)) = rest.group(Delimiter::Bracket).filter(|_| pound.as_char() == '#') else {
            return false;
        };
        if mentions_test(inside) {
            return true;
        }
        c = after;
    }
    false
}

fn mentions_test(mut c: syn::buffer::Cursor) -> bool {
    while let Some((tree, rest)) = c.token_tree() {
        let found = match &tree {
            TokenTree::Ident(i) => i == "test",
            TokenTree::Group(_) => c.any_group().is_some_and(|(inside, ..)| mentions_test(inside)),
            _ => false,
        };
        if found {
            return true;
        }
        c = rest;
    }
    false
}
