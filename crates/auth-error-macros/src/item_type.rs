//! `#[auth_error]` on an enum or a struct.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};
use syn::punctuated::Punctuated;
use syn::{parse_quote, Attribute, Generics, Ident, ItemEnum, ItemStruct, Path, Token};

use crate::args::{self, Args, BodyKind, Resolved};
use crate::{attr_tokens, is_auth_error_attr, push_error};

pub fn expand_enum(attr: TokenStream, mut item: ItemEnum) -> TokenStream {
    let mut errors = None;
    let type_args = parse_type_args(attr, &mut item.attrs, &mut errors);
    let type_ok = errors.is_none();
    let mut specs = Vec::new();
    for variant in &mut item.variants {
        let variant_args = take_variant_args(&mut variant.attrs, &mut errors);
        let Some((variant_args, fallback)) = variant_args else { continue };
        if !type_ok {
            continue;
        }
        let variant_ident = &variant.ident;
        let fallback = fallback.unwrap_or_else(|| quote!(#variant_ident));
        let merged = type_args.overridden_by(&variant_args);
        let owner = format!("variant `{}`: ", variant.ident);
        match args::resolve(&merged, &owner, fallback, true) {
            Ok(resolved) => specs.push((variant.ident.clone(), resolved)),
            Err(e) => push_error(&mut errors, e),
        }
    }
    if let Some(errors) = errors {
        let mut out = errors.to_compile_error();
        out.extend(quote!(#item));
        return out;
    }
    let ident = &item.ident;
    let spec_names: Vec<Ident> = (0..specs.len()).map(|i| format_ident!("__AUTH_ERROR_SPEC_{}", i)).collect();
    let variants = specs.iter().map(|(v, _)| v);
    let lookup = if specs.is_empty() {
        quote!(match *this {})
    } else {
        quote!(match this { #( #ident::#variants { .. } => &#spec_names, )* })
    };
    let own_display = has_own_display(&item.attrs, item.variants.iter().flat_map(|v| &v.attrs));
    let generated = generate(ident, &item.generics, &specs, &spec_names, lookup, own_display);
    quote!(#item #generated)
}

pub fn expand_struct(attr: TokenStream, mut item: ItemStruct) -> TokenStream {
    let mut errors = None;
    let type_args = parse_type_args(attr.clone(), &mut item.attrs, &mut errors);
    let fallback = if attr.is_empty() { quote!(auth_error) } else { attr };
    let mut specs = Vec::new();
    if errors.is_none() {
        match args::resolve(&type_args, "", fallback, true) {
            Ok(resolved) => specs.push((item.ident.clone(), resolved)),
            Err(e) => push_error(&mut errors, e),
        }
    }
    if let Some(errors) = errors {
        let mut out = errors.to_compile_error();
        out.extend(quote!(#item));
        return out;
    }
    let ident = &item.ident;
    let spec_names = vec![format_ident!("__AUTH_ERROR_SPEC_0")];
    let spec = &spec_names[0];
    let lookup = quote!({
        let _ = this;
        &#spec
    });
    let own_display = has_own_display(&item.attrs, std::iter::empty());
    let generated = generate(ident, &item.generics, &specs, &spec_names, lookup, own_display);
    quote!(#item #generated)
}

/// Parses the type-level arguments, and rejects a second `#[auth_error]` on the type.
fn parse_type_args(attr: TokenStream, attrs: &mut Vec<Attribute>, errors: &mut Option<syn::Error>) -> Args {
    for extra in attrs.iter().filter(|a| is_auth_error_attr(a)) {
        push_error(
            errors,
            syn::Error::new_spanned(extra, "#[auth_error] is repeated on this type: put all its arguments in one"),
        );
    }
    attrs.retain(|a| !is_auth_error_attr(a));
    match args::parse_args(attr, false) {
        Ok(args) => args,
        Err(e) => {
            push_error(errors, e);
            Args::default()
        }
    }
}

/// Removes `#[auth_error(..)]` from a variant and parses it. Returns the
/// arguments and the attribute's tokens (to point at), or `None` on error.
fn take_variant_args(
    attrs: &mut Vec<Attribute>,
    errors: &mut Option<syn::Error>,
) -> Option<(Args, Option<TokenStream>)> {
    let found: Vec<Attribute> = attrs.iter().filter(|a| is_auth_error_attr(a)).cloned().collect();
    attrs.retain(|a| !is_auth_error_attr(a));
    let mut ok = true;
    for extra in found.iter().skip(1) {
        push_error(
            errors,
            syn::Error::new_spanned(extra, "#[auth_error] is repeated on this variant: put all its arguments in one"),
        );
        ok = false;
    }
    let Some(first) = found.first() else { return Some((Args::default(), None)) };
    let parsed = attr_tokens(first).and_then(|tokens| args::parse_args(tokens, true));
    match parsed {
        Ok(args) if ok => Some((args, Some(quote!(#first)))),
        Ok(_) => None,
        Err(e) => {
            push_error(errors, e);
            None
        }
    }
}

/// Whether the type gets its `Display` elsewhere: a derive named `Error`
/// (thiserror) or `Display`, or an `#[error(..)]` attribute.
fn has_own_display<'a>(attrs: &'a [Attribute], variant_attrs: impl Iterator<Item = &'a Attribute>) -> bool {
    let derives_it = attrs.iter().filter(|a| a.path().is_ident("derive")).any(|a| {
        a.parse_args_with(Punctuated::<Path, Token![,]>::parse_terminated).is_ok_and(|paths| {
            paths.iter().any(|p| p.segments.last().is_some_and(|s| s.ident == "Error" || s.ident == "Display"))
        })
    });
    derives_it || attrs.iter().chain(variant_attrs).any(|a| a.path().is_ident("error"))
}

fn lit_opt(value: &Option<String>) -> TokenStream {
    match value {
        Some(s) => quote!(::core::option::Option::Some(#s)),
        None => quote!(::core::option::Option::None),
    }
}

fn spec_tokens(spec: &Resolved) -> TokenStream {
    let status = spec.status;
    let challenge = &spec.challenge;
    let error = lit_opt(&spec.error);
    let description = lit_opt(&spec.description);
    let magnitude = Literal::i64_unsuffixed(i64::from(spec.code).abs());
    let code = if spec.code < 0 { quote!(-#magnitude) } else { quote!(#magnitude) };
    let oauth = spec.body == BodyKind::OAuth;
    quote! {
        ::auth_error::__private::Spec {
            status: #status,
            challenge: #challenge,
            error: #error,
            description: #description,
            code: #code,
            oauth: #oauth,
        }
    }
}

fn generate(
    ident: &Ident,
    generics: &Generics,
    specs: &[(Ident, Resolved)],
    spec_names: &[Ident],
    lookup: TokenStream,
    own_display: bool,
) -> TokenStream {
    let (ig, tg, wc) = generics.split_for_impl();
    let spec_values = specs.iter().map(|(_, s)| spec_tokens(s));
    let display = if own_display {
        quote!()
    } else {
        quote! {
            impl #ig ::core::fmt::Display for #ident #tg #wc {
                fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    f.write_str(__auth_error_spec(self).message())
                }
            }
        }
    };
    let mut http_generics = generics.clone();
    http_generics.params.push(parse_quote!(__AuthErrorBody: ::core::convert::From<::std::string::String>));
    let (http_ig, _, _) = http_generics.split_for_impl();
    // `ResponseError: Debug + Display`: a generic type is `Debug` only for some
    // parameters, so the impl is bounded the same way (a non-generic type
    // cannot take such a bound and simply has to be `Debug`).
    let mut actix_generics = generics.clone();
    if !generics.params.is_empty() {
        actix_generics.make_where_clause().predicates.push(parse_quote!(#ident #tg: ::core::fmt::Debug));
    }
    let actix_wc = &actix_generics.where_clause;
    quote! {
        const _: () = {
            #( const #spec_names: ::auth_error::__private::Spec = #spec_values; )*

            fn __auth_error_spec #ig (this: &#ident #tg) -> &'static ::auth_error::__private::Spec #wc {
                #lookup
            }

            impl #ig ::auth_error::AuthError for #ident #tg #wc {
                fn status(&self) -> u16 {
                    __auth_error_spec(self).status
                }
                fn www_authenticate(&self) -> &'static str {
                    __auth_error_spec(self).challenge
                }
                fn error_code(&self) -> ::core::option::Option<&'static str> {
                    __auth_error_spec(self).error
                }
                fn body(&self) -> ::std::string::String {
                    __auth_error_spec(self).body()
                }
            }

            #display

            ::auth_error::__impl_axum! { [#ig] [#ident #tg] [#wc] }
            ::auth_error::__impl_actix! { [#ig] [#ident #tg] [#actix_wc] }
            ::auth_error::__impl_http! { [#http_ig] [#ident #tg] [#wc] }
        };
    }
}
