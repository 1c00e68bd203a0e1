//! `bearer-scheme-case-sensitive`: the `Authorization` scheme matched case-sensitively.

use super::file::FileCx;
use super::flow::{flows, for_each_fn, lit_str, Flow};
use super::Rule;
use crate::facts::ir::Hit;
use crate::facts::vocab::{fn_lines, Word};
use crate::report::Level;
use syn::spanned::Spanned;
use syn::visit::Visit;
use syn::{BinOp, Expr, Pat};

pub static RULE: Rule = Rule {
    id: "bearer-scheme-case-sensitive",
    default_level: Level::Warn,
    summary: "Authorization scheme matched case-sensitively (strip_prefix(\"Bearer \"), \
              starts_with, == \"Bearer\", a \"Bearer\" pattern), so `bearer abc` is refused",
    why: "Auth scheme names are case-insensitive (RFC 9110 section 11.1), and some clients, \
          proxies and gateways send `bearer` or `BEARER`. A server that only accepts \
          `Bearer ` answers their valid token with 401; a client that re-authorizes on 401 gets \
          a new token, sends it the same way and is refused again, so it never gets in. The rmcp \
          auth examples use `strip_prefix(\"Bearer \")`, and servers copy them; seed 000's \
          `bearerHeader?.startsWith('Bearer ')` is the same mistake. Flagged: `strip_prefix`, \
          `starts_with`, `trim_start_matches`, `split_once`, `==`/`!=`/`.eq` and string patterns \
          naming `Bearer`, `Basic` or `DPoP` (a literal or a string constant of the file) applied \
          to an Authorization or API-key header value: read in the function, passed as a \
          parameter named for it (`auth_header`, `authorization`) or to a function named for \
          bearer parsing, or returned by a helper of the file. Not flagged: values folded with \
          `to_ascii_lowercase` first, `eq_ignore_ascii_case`, clients that build \
          `format!(\"Bearer {token}\")`, configured tokens that are not a request's header, \
          parsers of `WWW-Authenticate` challenges, and the `headers` crate's typed \
          `Authorization<Bearer>`, whose decoder compares the scheme with \
          `eq_ignore_ascii_case` (headers 0.4.2 src/common/authorization.rs)",
    bad: r#"fn bearer(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(header::AUTHORIZATION)?
        .to_str()
        .ok()?
        .strip_prefix("Bearer ") // refuses "bearer abc" and "BEARER abc"
}"#,
    good: r#"fn bearer(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("Bearer") {
        return None;
    }
    let token = token.trim_start_matches(' ');
    (!token.is_empty()).then_some(token)
}"#,
    fix: "Split the header value at the first space and compare the scheme with \
          `scheme.eq_ignore_ascii_case(\"Bearer\")`, then trim leading spaces from the token \
          (`value.split_once(' ')`, as in the example). Replace `strip_prefix(\"Bearer \")`, \
          `starts_with(\"Bearer\")` and `== \"Bearer\"` on the scheme.",
    sources: &[
        "RFC 9110 section 11.1",
        "RFC 6750 section 2.1",
        "OAuth 2.1 (draft-ietf-oauth-v2-1-13) section 5.1.1",
        "spec-rules.md section 1.5 auth-bearer-scheme-case-sensitive",
        "spec-rules.md section 5 SDK table (rmcp examples)",
        "seed 000 (todo 076, option 2: bearerHeader?.startsWith('Bearer '))",
        "headers 0.4.2 src/common/authorization.rs (Authorization::decode, eq_ignore_ascii_case)",
        "also detected by `cargo mcp-lint probe --token VALID_TOKEN` (a valid token sent as `bearer <token>` is refused)",
    ],
    security_severity: "4.0",
    detects: true,
};

/// Schemes a server matches on (RFC 9110 section 11.1: all case-insensitive).
const SCHEMES: &[&str] = &["bearer", "basic", "dpop"];

fn is_scheme(text: &str) -> bool {
    let trimmed = text.trim();
    SCHEMES.iter().any(|s| trimmed.eq_ignore_ascii_case(s))
}

/// Methods that match a prefix byte for byte.
const PREFIX_METHODS: &[&str] = &["strip_prefix", "starts_with", "trim_start_matches", "split_once", "splitn"];

/// Every finding names a scheme in its function: a literal (`"Bearer "`) or a constant holding one.
const SCHEME_WORDS: &[Word] = &[Word::Bearer, Word::Basic, Word::Dpop];

pub fn check(cx: &FileCx, out: &mut Vec<Hit>) {
    if !cx.vocab.has(SCHEME_WORDS) {
        return;
    }
    let consts = string_consts(cx.file);
    let scheme_consts: Vec<&str> = consts.iter().filter(|(_, v)| is_scheme(v)).map(|(n, _)| n.as_str()).collect();
    let mut flows = flows(cx).iter();
    for_each_fn(cx, &mut |sig, block| {
        let flow = flows.next().and_then(Option::as_ref);
        let range = fn_lines(sig, block);
        let names_scheme = cx.vocab.in_lines(range.clone(), SCHEME_WORDS)
            || scheme_consts.iter().any(|n| cx.vocab.name_in_lines(cx.text, range.clone(), n));
        if !names_scheme {
            return;
        }
        let mut v = Scheme { cx, flow: flow.cloned().unwrap_or_default(), consts: &consts, out: &mut *out };
        v.visit_block(block);
    });
}

struct Scheme<'a, 'o, 'f> {
    cx: &'a FileCx<'f>,
    flow: Flow,
    consts: &'a [(String, String)],
    out: &'o mut Vec<Hit>,
}

impl Scheme<'_, '_, '_> {
    /// The scheme a literal (or a string constant) names: `"Bearer "`, `BEARER_PREFIX`.
    fn scheme_of(&self, e: &Expr) -> Option<String> {
        let text = lit_str(e).or_else(|| match e {
            Expr::Path(p) => {
                let name = p.path.segments.last()?.ident.to_string();
                self.consts.iter().find(|(n, _)| *n == name).map(|(_, v)| v.clone())
            }
            _ => None,
        })?;
        is_scheme(&text).then(|| text.trim().to_string())
    }

    /// A header value that was not case-folded first.
    fn raw_header(&self, e: &Expr) -> bool {
        self.flow.is_header(e) && !self.flow.is_folded(e)
    }

    fn push(&mut self, at: proc_macro2::Span, how: &str, scheme: &str) {
        let message = format!(
            "{how} matches the `{scheme}` scheme of an Authorization value case-sensitively; \
             RFC 9110 section 11.1 makes auth schemes case-insensitive, so `{} <token>` is refused",
            scheme.to_ascii_lowercase()
        );
        let help = format!(
            "split the value once and compare the scheme with `eq_ignore_ascii_case`: \
             `let (scheme, token) = value.split_once(' ')?; if !scheme.eq_ignore_ascii_case(\"{scheme}\") {{ return None; }}` \
             (or `value.get(..{n}).is_some_and(|p| p.eq_ignore_ascii_case(\"{scheme} \"))` then `&value[{n}..]`), \
             or decode it with the `headers` crate's `Authorization<Bearer>`, which matches the scheme case-insensitively",
            n = scheme.len() + 1
        );
        self.out.push(self.cx.hit(&RULE, at, message, help));
    }

    /// String-literal patterns naming a scheme, in a pattern matched against a header value.
    fn scheme_patterns(&mut self, p: &Pat) {
        struct Lits<'s>(Vec<(proc_macro2::Span, String)>, &'s [&'s str]);
        impl<'ast> Visit<'ast> for Lits<'_> {
            fn visit_lit_str(&mut self, l: &'ast syn::LitStr) {
                let v = l.value();
                let t = v.trim();
                if self.1.iter().any(|s| t.eq_ignore_ascii_case(s)) {
                    self.0.push((l.span(), t.to_string()));
                }
            }
            // A guard's expressions are visited by the rule itself.
            fn visit_expr(&mut self, _: &'ast Expr) {}
        }
        let mut lits = Lits(Vec::new(), SCHEMES);
        lits.visit_pat(p);
        for (span, scheme) in lits.0 {
            self.push(span, "a pattern", &scheme);
        }
    }
}

impl<'ast> Visit<'ast> for Scheme<'_, '_, '_> {
    crate::facts::walk::skip_types_and_paths!();
    fn visit_expr_method_call(&mut self, m: &'ast syn::ExprMethodCall) {
        let marks = self.flow.enter_closures(m);
        let name = m.method.to_string();
        if PREFIX_METHODS.contains(&name.as_str()) {
            if let Some(scheme) = m.args.iter().find_map(|a| self.scheme_of(a)) {
                if self.raw_header(&m.receiver) {
                    self.push(m.method.span(), &format!("`{name}`"), &scheme);
                }
            }
        }
        if name == "eq" || name == "ne" {
            if let (Some(arg), 1) = (m.args.first(), m.args.len()) {
                if let Some(scheme) = self.scheme_of(arg) {
                    if self.raw_header(&m.receiver) {
                        self.push(m.span(), &format!("`.{name}(..)`"), &scheme);
                    }
                }
            }
        }
        syn::visit::visit_expr_method_call(self, m);
        self.flow.leave(marks);
    }
    fn visit_expr_binary(&mut self, b: &'ast syn::ExprBinary) {
        if matches!(b.op, BinOp::Eq(_) | BinOp::Ne(_)) {
            for (lit, other) in [(&b.left, &b.right), (&b.right, &b.left)] {
                let scheme = self.scheme_of(lit).or_else(|| match &**lit {
                    // `value.get(..7) == Some("Bearer ")`
                    Expr::Call(c) if matches!(&*c.func, Expr::Path(p) if p.path.is_ident("Some")) => {
                        c.args.first().and_then(|a| self.scheme_of(a))
                    }
                    _ => None,
                });
                if let Some(scheme) = scheme {
                    if self.raw_header(other) {
                        self.push(b.span(), "`==`", &scheme);
                        break;
                    }
                }
            }
        }
        syn::visit::visit_expr_binary(self, b);
    }
    fn visit_expr_match(&mut self, m: &'ast syn::ExprMatch) {
        if self.raw_header(&m.expr) {
            for arm in &m.arms {
                self.scheme_patterns(&arm.pat);
            }
        }
        syn::visit::visit_expr_match(self, m);
    }
    fn visit_expr_let(&mut self, l: &'ast syn::ExprLet) {
        if self.raw_header(&l.expr) {
            self.scheme_patterns(&l.pat);
        }
        syn::visit::visit_expr_let(self, l);
    }
    fn visit_local(&mut self, l: &'ast syn::Local) {
        if let Some(init) = &l.init {
            if init.diverge.is_some() && self.raw_header(&init.expr) {
                self.scheme_patterns(&l.pat);
            }
        }
        syn::visit::visit_local(self, l);
    }
    fn visit_item(&mut self, _: &'ast syn::Item) {}
    fn visit_macro(&mut self, _: &'ast syn::Macro) {}
}

/// `const BEARER_PREFIX: &str = "Bearer ";` anywhere in the file.
fn string_consts(file: &syn::File) -> Vec<(String, String)> {
    struct Consts(Vec<(String, String)>);
    impl<'ast> Visit<'ast> for Consts {
        crate::facts::walk::skip_types_and_paths!();
        fn visit_item_const(&mut self, c: &'ast syn::ItemConst) {
            if let Some(v) = lit_str(&c.expr) {
                self.0.push((c.ident.to_string(), v));
            }
        }
        fn visit_impl_item_const(&mut self, c: &'ast syn::ImplItemConst) {
            if let Some(v) = lit_str(&c.expr) {
                self.0.push((c.ident.to_string(), v));
            }
        }
    }
    let mut c = Consts(Vec::new());
    c.visit_file(file);
    c.0
}
