//! Bodies of the macros that matter (DESIGN §5.1a), parsed with syn's own parsers: serde_json's
//! `json!` grammar, the format-string macros' template and arguments, expression lists.

use crate::challenge::HOLE;
use proc_macro2::{Delimiter, Span, TokenStream, TokenTree};
use syn::parse::{ParseStream, Parser};
use syn::punctuated::Punctuated;
use syn::{Expr, Token};

/// A `json!` value: objects and arrays are structure, anything else is a Rust expression.
pub enum Json {
    Object(Vec<(String, Json)>),
    Array(Vec<Json>),
    Expr(Box<Expr>),
}

/// Parse the body of `json!(...)` (serde_json `src/macros.rs` grammar: objects with string,
/// ident or bracketed-expression keys, arrays, and expressions as leaves).
pub fn parse_json(tokens: TokenStream) -> Option<Json> {
    json_value(tokens)
}

fn json_value(tokens: TokenStream) -> Option<Json> {
    let trees: Vec<TokenTree> = tokens.clone().into_iter().collect();
    if let [TokenTree::Group(g)] = trees.as_slice() {
        match g.delimiter() {
            Delimiter::Brace => return json_object(g.stream()),
            Delimiter::Bracket => {
                let items = split_commas(g.stream()).into_iter().filter_map(json_value).collect();
                return Some(Json::Array(items));
            }
            _ => {}
        }
    }
    syn::parse2::<Expr>(tokens).ok().map(|e| Json::Expr(Box::new(e)))
}

fn json_object(tokens: TokenStream) -> Option<Json> {
    let mut entries = Vec::new();
    for entry in split_commas(tokens) {
        let trees: Vec<TokenTree> = entry.into_iter().collect();
        let colon = trees.iter().position(|t| matches!(t, TokenTree::Punct(p) if p.as_char() == ':'))?;
        let key = match trees.get(..colon)? {
            [TokenTree::Literal(l)] => syn::parse_str::<syn::LitStr>(&l.to_string()).ok()?.value(),
            [TokenTree::Ident(i)] => i.to_string(),
            _ => String::new(),
        };
        let value: TokenStream = trees.get(colon + 1..)?.iter().cloned().collect();
        entries.push((key, json_value(value)?));
    }
    Some(Json::Object(entries))
}

/// Split a token stream at top-level commas, dropping empty pieces.
fn split_commas(tokens: TokenStream) -> Vec<TokenStream> {
    let mut out = Vec::new();
    let mut cur = Vec::new();
    for t in tokens {
        if matches!(&t, TokenTree::Punct(p) if p.as_char() == ',') {
            out.push(std::mem::take(&mut cur).into_iter().collect());
        } else {
            cur.push(t);
        }
    }
    if !cur.is_empty() {
        out.push(cur.into_iter().collect());
    }
    out
}

/// A `format!`-style call: the template, the literal's span, and what fills the holes.
pub struct Format {
    /// The template, each `{...}` placeholder replaced by `challenge::HOLE`, `{{`/`}}` unescaped.
    pub text: String,
    pub span: Span,
    /// The explicit arguments (`name = expr` arguments give their expression).
    pub args: Vec<Expr>,
    /// Identifiers captured inline (`{e}`, `{err:?}`).
    pub captures: Vec<String>,
}

/// Parse the body of a `format!`-style macro.
pub fn parse_format(tokens: TokenStream) -> Option<Format> {
    let parser = |input: ParseStream| {
        let lit: syn::LitStr = input.parse()?;
        let mut args = Vec::new();
        while input.parse::<Option<Token![,]>>()?.is_some() && !input.is_empty() {
            if input.peek(syn::Ident) && input.peek2(Token![=]) && !input.peek2(Token![==]) {
                let _: syn::Ident = input.parse()?;
                let _: Token![=] = input.parse()?;
            }
            args.push(input.parse::<Expr>()?);
        }
        let _rest: TokenStream = input.parse()?;
        Ok((lit, args))
    };
    let (lit, args) = parser.parse2(tokens).ok()?;
    let value = lit.value();
    Some(Format { text: template(&value), span: lit.span(), args, captures: captures(&value) })
}

/// The identifiers a template captures inline: `{name}`, `{name:?}` (not `{0}` or `{}`).
fn captures(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(i) = rest.find('{') {
        rest = &rest[i + 1..];
        if let Some(stripped) = rest.strip_prefix('{') {
            rest = stripped;
            continue;
        }
        let end = rest.find('}').unwrap_or(rest.len());
        let name = rest[..end].split(':').next().unwrap_or_default().trim();
        if name.starts_with(|c: char| c.is_alphabetic() || c == '_') {
            out.push(name.to_string());
        }
        rest = &rest[end..];
    }
    out
}

fn template(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' if chars.peek() == Some(&'{') => {
                chars.next();
                out.push('{');
            }
            '}' if chars.peek() == Some(&'}') => {
                chars.next();
                out.push('}');
            }
            '{' => {
                let spec: String = chars.by_ref().take_while(|c| *c != '}').collect();
                // `{:?}` of a string prints it quoted.
                if spec.contains(":?") || spec.ends_with('?') {
                    out.push('"');
                    out.push(HOLE);
                    out.push('"');
                } else {
                    out.push(HOLE);
                }
            }
            c => out.push(c),
        }
    }
    out
}

/// A comma-separated expression list (`vec![a, b]`).
pub fn parse_expr_list(tokens: TokenStream) -> Option<Vec<Expr>> {
    let parser = Punctuated::<Expr, Token![,]>::parse_terminated;
    parser.parse2(tokens).ok().map(|p| p.into_iter().collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_rpc_error_object() {
        let ts: TokenStream =
            r#"{"jsonrpc": "2.0", "id": id, "error": {"code": -32001, "message": msg}}"#.parse().unwrap();
        let Some(Json::Object(entries)) = parse_json(ts) else { panic!("object") };
        let keys: Vec<&str> = entries.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["jsonrpc", "id", "error"]);
        assert!(matches!(&entries[2].1, Json::Object(inner) if inner.len() == 2));
    }

    #[test]
    fn format_template_holes() {
        let ts: TokenStream = r#""Bearer realm=\"{}\", error=\"{err:?}\" {{x}}", realm"#.parse().unwrap();
        let t = parse_format(ts).unwrap().text;
        assert_eq!(t, format!("Bearer realm=\"{HOLE}\", error=\"\"{HOLE}\"\" {{x}}"));
    }

    #[test]
    fn format_arguments_and_captures() {
        let ts: TokenStream = r#""{e} at {0} {{skip}} {x:?} {}", detail = err.to_string(), code"#.parse().unwrap();
        let f = parse_format(ts).unwrap();
        assert_eq!(f.captures, ["e", "x"]);
        assert_eq!(f.args.len(), 2);
    }
}
