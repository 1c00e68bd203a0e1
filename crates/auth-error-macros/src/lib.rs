//! The `#[auth_error]` attribute macro. Use it through the `auth-error` crate,
//! which re-exports it as `auth_error::auth_error` and holds the runtime it
//! expands to.
#![forbid(unsafe_code)]

mod args;
mod item_fn;
mod item_type;
mod rules;

use proc_macro::TokenStream;
use proc_macro2::TokenStream as TokenStream2;
use syn::spanned::Spanned;
use syn::Item;

/// Generates the HTTP mapping of an auth error type, or checks and completes a
/// rejection-building function. See the `auth-error` crate for the arguments.
#[proc_macro_attribute]
pub fn auth_error(attr: TokenStream, item: TokenStream) -> TokenStream {
    expand(attr.into(), item.into()).into()
}

fn expand(attr: TokenStream2, item: TokenStream2) -> TokenStream2 {
    let item: Item = match syn::parse2(item) {
        Ok(item) => item,
        Err(e) => return e.to_compile_error(),
    };
    match item {
        Item::Enum(item) => item_type::expand_enum(attr, item),
        Item::Struct(item) => item_type::expand_struct(attr, item),
        Item::Fn(item) => item_fn::expand(attr, item),
        Item::Union(item) => {
            let error = syn::Error::new(
                item.union_token.span,
                "#[auth_error] cannot be used on a union: use an enum (one variant per failure) or a struct",
            );
            let mut out = error.to_compile_error();
            out.extend(quote::quote!(#item));
            out
        }
        other => {
            let error = syn::Error::new(other.span(), "#[auth_error] goes on an enum, a struct or a fn");
            let mut out = error.to_compile_error();
            out.extend(quote::quote!(#other));
            out
        }
    }
}

/// Whether `attr` is `#[auth_error]` / `#[auth_error(..)]` (optionally as
/// `auth_error::auth_error`).
fn is_auth_error_attr(attr: &syn::Attribute) -> bool {
    attr.path().segments.last().is_some_and(|s| s.ident == "auth_error")
}

/// The argument tokens of an `#[auth_error(..)]` attribute on a variant or a
/// second one on a type.
fn attr_tokens(attr: &syn::Attribute) -> syn::Result<TokenStream2> {
    match &attr.meta {
        syn::Meta::Path(_) => Ok(TokenStream2::new()),
        syn::Meta::List(list) => Ok(list.tokens.clone()),
        syn::Meta::NameValue(nv) => {
            Err(syn::Error::new_spanned(nv, "expected #[auth_error(name = value, ..)], not #[auth_error = ..]"))
        }
    }
}

fn push_error(errors: &mut Option<syn::Error>, error: syn::Error) {
    match errors {
        Some(all) => all.combine(error),
        None => *errors = Some(error),
    }
}
