//! Parsing and per-value validation of `#[auth_error(name = value, ..)]` arguments.

use proc_macro2::TokenStream;
use quote::ToTokens;
use syn::ext::IdentExt;
use syn::parse::{Parse, ParseStream, Parser};
use syn::punctuated::Punctuated;
use syn::{Ident, LitInt, LitStr, Token};

use crate::rules;

/// Every argument name, for the "unknown argument" diagnostic.
pub const ARG_NAMES: &str = "realm, resource_metadata, status, error, description, scope, error_uri, code, body";

/// A validated value plus the tokens of its whole `name = value` argument, so
/// that diagnostics about it span the argument.
#[derive(Clone)]
pub struct Arg<T> {
    pub value: T,
    pub tokens: TokenStream,
    /// Whether it was written on the variant (rather than inherited from the type).
    pub on_variant: bool,
}

impl<T> Arg<T> {
    pub fn error(&self, message: impl std::fmt::Display) -> syn::Error {
        syn::Error::new_spanned(&self.tokens, message)
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum BodyKind {
    JsonRpc,
    OAuth,
}

/// The arguments of one `#[auth_error(..)]` attribute.
#[derive(Clone, Default)]
pub struct Args {
    pub realm: Option<Arg<String>>,
    pub resource_metadata: Option<Arg<String>>,
    pub status: Option<Arg<u16>>,
    pub error: Option<Arg<String>>,
    pub description: Option<Arg<String>>,
    pub scope: Option<Arg<String>>,
    pub error_uri: Option<Arg<String>>,
    pub code: Option<Arg<i32>>,
    pub body: Option<Arg<BodyKind>>,
}

enum RawValue {
    Str(LitStr),
    Int { negative: bool, lit: LitInt },
}

struct RawArg {
    name: Ident,
    value: RawValue,
    tokens: TokenStream,
}

impl Parse for RawArg {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let name = input.call(Ident::parse_any)?;
        let eq: Token![=] = input.parse()?;
        let mut tokens = name.to_token_stream();
        eq.to_tokens(&mut tokens);
        let value = if input.peek(LitStr) {
            let lit: LitStr = input.parse()?;
            lit.to_tokens(&mut tokens);
            RawValue::Str(lit)
        } else if input.peek(Token![-]) || input.peek(LitInt) {
            let minus: Option<Token![-]> = input.parse()?;
            minus.to_tokens(&mut tokens);
            let lit: LitInt = input.parse()?;
            lit.to_tokens(&mut tokens);
            RawValue::Int { negative: minus.is_some(), lit }
        } else {
            return Err(input.error("expected a string or integer literal"));
        };
        Ok(RawArg { name, value, tokens })
    }
}

impl RawArg {
    fn str(&self) -> syn::Result<String> {
        match &self.value {
            RawValue::Str(lit) => Ok(lit.value()),
            RawValue::Int { .. } => Err(syn::Error::new_spanned(
                &self.tokens,
                format!("`{}` takes a string literal, e.g. {} = \"...\"", self.name, self.name),
            )),
        }
    }

    fn int(&self) -> syn::Result<i64> {
        match &self.value {
            RawValue::Int { negative, lit } => {
                let magnitude: i64 = lit.base10_parse().map_err(|_| self.error("integer out of range"))?;
                Ok(if *negative { -magnitude } else { magnitude })
            }
            RawValue::Str(_) => Err(syn::Error::new_spanned(
                &self.tokens,
                format!("`{}` takes an integer literal, e.g. {} = 401", self.name, self.name),
            )),
        }
    }

    fn error(&self, message: impl std::fmt::Display) -> syn::Error {
        syn::Error::new_spanned(&self.tokens, message)
    }

    fn checked_str(&self, check: fn(&str) -> Result<(), String>, on_variant: bool) -> syn::Result<Arg<String>> {
        let value = self.str()?;
        check(&value).map_err(|message| self.error(message))?;
        Ok(Arg { value, tokens: self.tokens.clone(), on_variant })
    }
}

fn put<T>(slot: &mut Option<Arg<T>>, raw: &RawArg, value: syn::Result<Arg<T>>) -> syn::Result<()> {
    if slot.is_some() {
        return Err(raw.error(format!(
            "argument `{}` is given twice; each goes once per #[auth_error(..)] (a variant overrides a type-level \
             value with its own attribute)",
            raw.name
        )));
    }
    *slot = Some(value?);
    Ok(())
}

/// Parses `name = value, ..`, validating every value on its own. Collects all
/// errors rather than stopping at the first.
pub fn parse_args(tokens: TokenStream, on_variant: bool) -> syn::Result<Args> {
    let raw = Punctuated::<RawArg, Token![,]>::parse_terminated.parse2(tokens)?;
    let mut args = Args::default();
    let mut errors: Option<syn::Error> = None;
    for raw in &raw {
        let name = raw.name.unraw().to_string();
        let result = match name.as_str() {
            "realm" => put(&mut args.realm, raw, raw.checked_str(rules::check_realm, on_variant)),
            "resource_metadata" => {
                put(&mut args.resource_metadata, raw, raw.checked_str(rules::check_resource_metadata, on_variant))
            }
            "error" => put(&mut args.error, raw, raw.checked_str(rules::check_error_code, on_variant)),
            "description" => put(&mut args.description, raw, raw.checked_str(rules::check_description, on_variant)),
            "scope" => put(&mut args.scope, raw, raw.checked_str(rules::check_scope, on_variant)),
            "error_uri" => put(&mut args.error_uri, raw, raw.checked_str(rules::check_error_uri, on_variant)),
            "status" => {
                let value = raw.int().and_then(|n| {
                    let n = u64::try_from(n).map_err(|_| raw.error("status must be a positive integer"))?;
                    rules::check_status(n).map_err(|m| raw.error(m))
                });
                put(&mut args.status, raw, value.map(|value| Arg { value, tokens: raw.tokens.clone(), on_variant }))
            }
            "code" => {
                let value = raw.int().and_then(|n| rules::check_jsonrpc_code(n).map_err(|m| raw.error(m)));
                put(&mut args.code, raw, value.map(|value| Arg { value, tokens: raw.tokens.clone(), on_variant }))
            }
            "body" => {
                let value = raw.str().and_then(|s| match s.as_str() {
                    "jsonrpc" => Ok(BodyKind::JsonRpc),
                    "oauth" => Ok(BodyKind::OAuth),
                    _ => Err(raw.error(
                        "body must be \"jsonrpc\" (a JSON-RPC 2.0 error response, the default) or \"oauth\" \
                         (an OAuth error object, RFC 6749 §5.2 / RFC 6750 §3)",
                    )),
                });
                put(&mut args.body, raw, value.map(|value| Arg { value, tokens: raw.tokens.clone(), on_variant }))
            }
            _ => Err(syn::Error::new(
                raw.name.span(),
                format!("unknown argument `{}` to #[auth_error]; expected one of {ARG_NAMES}", raw.name),
            )),
        };
        if let Err(e) = result {
            match &mut errors {
                Some(all) => all.combine(e),
                None => errors = Some(e),
            }
        }
    }
    match errors {
        Some(e) => Err(e),
        None => Ok(args),
    }
}

impl Args {
    /// `self` with every argument `over` sets replacing this one's.
    pub fn overridden_by(&self, over: &Args) -> Args {
        fn pick<T: Clone>(base: &Option<Arg<T>>, over: &Option<Arg<T>>) -> Option<Arg<T>> {
            over.clone().or_else(|| base.clone())
        }
        Args {
            realm: pick(&self.realm, &over.realm),
            resource_metadata: pick(&self.resource_metadata, &over.resource_metadata),
            status: pick(&self.status, &over.status),
            error: pick(&self.error, &over.error),
            description: pick(&self.description, &over.description),
            scope: pick(&self.scope, &over.scope),
            error_uri: pick(&self.error_uri, &over.error_uri),
            code: pick(&self.code, &over.code),
            body: pick(&self.body, &over.body),
        }
    }

    /// Rejects the arguments that make no sense on a `fn`.
    pub fn reject_for_fn(&self) -> syn::Result<()> {
        let misplaced = [
            self.status.as_ref().map(|a| &a.tokens),
            self.code.as_ref().map(|a| &a.tokens),
            self.body.as_ref().map(|a| &a.tokens),
        ];
        match misplaced.into_iter().flatten().next() {
            Some(tokens) => Err(syn::Error::new_spanned(
                tokens,
                "on a fn, #[auth_error] only takes the challenge arguments (realm, resource_metadata, error, \
                 description, scope, error_uri): the function body builds the status and the body",
            )),
            None => Ok(()),
        }
    }
}

/// The challenge, checked as a whole: the status/error pairing and the
/// "at least one auth-param" rule. `owner` names the variant in messages and
/// `fallback` is where to point when no argument is to blame.
pub struct Resolved {
    pub status: u16,
    pub error: Option<String>,
    pub description: Option<String>,
    pub challenge: String,
    pub code: i32,
    pub body: BodyKind,
}

pub fn resolve(args: &Args, owner: &str, fallback: TokenStream, check_status: bool) -> syn::Result<Resolved> {
    let status = args.status.as_ref().map_or(401, |a| a.value);
    if check_status {
        check_pairing(args, owner, status)?;
    }
    if args.realm.is_none() && args.resource_metadata.is_none() && args.error.is_none() && args.scope.is_none() {
        return Err(syn::Error::new_spanned(
            fallback,
            format!(
                "{owner}a bare `WWW-Authenticate: Bearer` challenge is invalid: RFC 6750 §3 requires at least one \
                 auth-param; set realm, resource_metadata, error or scope (MCP 2025-11-25 §4.2 expects \
                 resource_metadata)"
            ),
        ));
    }
    if let (None, Some(uri)) = (&args.error, &args.error_uri) {
        return Err(
            uri.error(format!("{owner}error_uri accompanies an `error` code (RFC 6750 §3); set error = \"..\""))
        );
    }
    let error = args.error.as_ref().map(|a| a.value.clone());
    let description = args.description.as_ref().map(|a| a.value.clone());
    let mut params = vec![
        ("realm", &args.realm),
        ("resource_metadata", &args.resource_metadata),
        ("error", &args.error),
        ("scope", &args.scope),
    ];
    if args.error.is_some() {
        // Without an `error` (no credentials at all), RFC 6750 §3.1 says the
        // challenge carries no error_description: it then goes to the body only.
        params.push(("error_description", &args.description));
        params.push(("error_uri", &args.error_uri));
    }
    let rendered: Vec<String> = params
        .iter()
        .filter_map(|(name, value)| value.as_ref().map(|arg| format!("{name}=\"{}\"", arg.value)))
        .collect();
    Ok(Resolved {
        status,
        error,
        description,
        challenge: format!("Bearer {}", rendered.join(", ")),
        code: args.code.as_ref().map_or(-32001, |a| a.value),
        body: args.body.as_ref().map_or(BodyKind::JsonRpc, |a| a.value),
    })
}

fn check_pairing(args: &Args, owner: &str, status: u16) -> syn::Result<()> {
    match &args.error {
        Some(error) => {
            let wanted = rules::status_for_error(&error.value);
            if wanted == status {
                return Ok(());
            }
            // Point at the more specific of the two arguments.
            let blame = match &args.status {
                Some(s) if s.on_variant && !error.on_variant => s.tokens.clone(),
                _ => error.tokens.clone(),
            };
            let message = match error.value.as_str() {
                "insufficient_scope" => format!(
                    "{owner}error = \"insufficient_scope\" goes with status = 403, not {status}: RFC 6750 §3.1 \
                     (a 401 makes the client throw away a valid token; MCP 2025-11-25 §10.1.1)"
                ),
                "invalid_request" => {
                    format!("{owner}error = \"invalid_request\" goes with status = 400, not {status} (RFC 6750 §3.1)")
                }
                other => format!("{owner}error = \"{other}\" goes with status = 401, not {status} (RFC 6750 §3.1)"),
            };
            Err(syn::Error::new_spanned(blame, message))
        }
        None => {
            let Some(status_arg) = &args.status else { return Ok(()) };
            match status {
                400 => Err(status_arg.error(format!(
                    "{owner}status = 400 needs error = \"invalid_request\": RFC 6750 §3.1 answers a malformed \
                     request with 400 and invalid_request"
                ))),
                403 => Err(status_arg.error(format!(
                    "{owner}status = 403 needs error = \"insufficient_scope\" (and a scope): RFC 6750 §3.1; \
                     clients step up only on insufficient_scope (MCP 2025-11-25 §10.1.1)"
                ))),
                _ => Ok(()),
            }
        }
    }
}
