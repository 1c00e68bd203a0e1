//! `secret-compared-non-constant-time`: a secret compared with `==`, `!=`, `.eq(..)` or
//! `contains`.

use super::file::FileCx;
use super::flow::{any_ident, flows, for_each_fn, is_secret_name, lit_str, Flow};
use super::Rule;
use crate::facts::ir::Hit;
use crate::facts::signals::words;
use crate::facts::vocab::CREDENTIAL;
use crate::report::Level;
use syn::spanned::Spanned;
use syn::visit::Visit;
use syn::{BinOp, Expr};

pub static RULE: Rule = Rule {
    id: "secret-compared-non-constant-time",
    default_level: Level::Warn,
    summary: "secret (a presented key or token, a configured secret) compared with ==, !=, .eq(..) or \
              Vec::contains",
    why: "These comparisons stop at the first differing byte, so the response time tells an \
          attacker how much of a guess was right and lets them recover a key byte by byte over \
          the network. Every credential an MCP client presents (API key header, bearer token, \
          client_credentials secret at the token endpoint) passes through this check. Seed 000 \
          replaced `Array.includes()` on API keys with a constant-time HMAC comparison \
          (todo 083); `Vec::contains` is the Rust `includes`. A secret is a value with evidence: \
          read from an `Authorization` or API-key header (through `to_str`, `strip_prefix`, \
          `split_once`, a helper of the same file that returns it), from an env var named for a \
          secret, or a binding, field or constant named for a token, key, secret, password or \
          signature. A name alone needs the other side named too and a function that checks \
          credentials. Not flagged: comparisons with literals, `None`, lengths and flags; digests \
          (`sha256(..) == stored_hash`); `HashSet` lookups; token rotation in clients \
          (`fresh_token != sent_token`); method names and routes; enum variants \
          (`TokenType::Access`)",
    bad: r#"async fn require_api_key(State(cfg): State<Arc<Config>>, req: Request, next: Next) -> Response {
    let key = req.headers().get("x-api-key").and_then(|v| v.to_str().ok());
    match key {
        // Vec::contains compares with ==, which returns at the first differing byte
        Some(k) if cfg.api_keys.contains(&k.to_string()) => next.run(req).await,
        _ => unauthorized(),
    }
}"#,
    good: r#"use subtle::ConstantTimeEq;

fn key_matches(candidate: &str, keys: &[String]) -> bool {
    // Compare against every key without short-circuiting.
    let hits = keys.iter().fold(0u8, |hit, k| hit | k.as_bytes().ct_eq(candidate.as_bytes()).unwrap_u8());
    hits == 1
}

async fn require_api_key(State(cfg): State<Arc<Config>>, req: Request, next: Next) -> Response {
    let key = req.headers().get("x-api-key").and_then(|v| v.to_str().ok());
    match key {
        Some(k) if key_matches(k, &cfg.api_keys) => next.run(req).await,
        _ => unauthorized(),
    }
}"#,
    fix: "Compare secrets with `subtle::ConstantTimeEq` \
          (`bool::from(a.as_bytes().ct_eq(b.as_bytes()))`) or \
          `constant_time_eq::constant_time_eq(a, b)`; for HMACs use `Mac::verify_slice` from the \
          `hmac` crate. Better still, store SHA-256 digests of the keys and compare digests \
          (equal lengths, and no plaintext keys in memory). For a set of keys, compare against \
          all of them without short-circuiting, or look the key up by its digest.",
    sources: &[
        "spec-rules.md section 1.5 (request-side handling)",
        "seed 000 (todo 083: Array.includes() replaced by a constant-time comparison)",
        "subtle 2.6 src/lib.rs (ConstantTimeEq), constant_time_eq 0.4 src/lib.rs",
    ],
    security_severity: "6.0",
    detects: true,
};

const HELP: &str = "compare in constant time: `use subtle::ConstantTimeEq; \
bool::from(a.as_bytes().ct_eq(b.as_bytes()))` or `constant_time_eq::constant_time_eq(a.as_bytes(), \
b.as_bytes())` (for an HMAC, `Mac::verify_slice`); for a set of keys, compare against every key \
without short-circuiting or look keys up by their SHA-256 digest";

/// Words of a digest: comparing digests with `==` leaks nothing about the key.
const DIGEST_WORDS: &[&str] =
    &["hash", "hashed", "sha256", "sha1", "sha512", "digest", "blake3", "fingerprint", "argon2", "bcrypt"];
/// Words of a MAC or signature: a digest word beside them does not make the value public.
const MAC_WORDS: &[&str] = &["hmac", "mac", "signature", "sig"];
/// Calls that already compare in constant time, or their results.
const CONSTANT_TIME: &[&str] =
    &["ct_eq", "constant_time_eq", "unwrap_u8", "verify_slices_are_equal", "verify_slice", "verify_truncated_left"];
/// Methods whose result is a measure or a flag of the secret, not its bytes.
const MEASURES: &[&str] = &[
    "len",
    "is_empty",
    "is_some",
    "is_none",
    "is_ok",
    "is_err",
    "count",
    "capacity",
    "starts_with",
    "ends_with",
    "contains",
    "chars",
    "exp",
    "expires_at",
    "kind",
    "scheme",
];
/// Words of token rotation in client code (`fresh_token != sent_token`): which token is newer,
/// not whether a presented one is valid.
const ROTATION_WORDS: &[&str] =
    &["fresh", "new", "old", "sent", "cached", "current", "previous", "prev", "refreshed", "latest", "stale"];

/// The function checks credentials: its name says so (`validate_token`, `auth_middleware`),
/// or it reads a credential header.
fn auth_context(sig: &syn::Signature, block: &syn::Block, flow: &Flow) -> bool {
    crate::facts::signals::is_auth_ident(&sig.ident.to_string())
        || !flow.header.is_empty()
        || crate::facts::signals::body_traits(block).reads_credentials
}

/// Collections that look up by hash: their `contains` compares a digest first.
const HASHED_COLLECTIONS: &[&str] = &["HashSet", "HashMap", "IndexSet", "IndexMap", "DashMap", "DashSet"];

pub fn check(cx: &FileCx, out: &mut Vec<Hit>) {
    // Both sides of a finding's comparison, or its list, are a secret by origin or by name:
    // a credential word in the function or a helper call (`flow::flows` is `None` otherwise).
    if !cx.vocab.has(CREDENTIAL) {
        return;
    }
    // Found on the first secret list that needs it: one more walk of the whole file, which
    // most files with credential words never need.
    let hashed = std::cell::OnceCell::new();
    let mut flows = flows(cx).iter();
    for_each_fn(cx, &mut |sig, block| {
        let Some(Some(flow)) = flows.next() else { return };
        let flow = flow.clone();
        let mut v =
            Compare { cx, flow, sig, block, auth_fn: std::cell::OnceCell::new(), hashed: &hashed, out: &mut *out };
        v.visit_block(block);
    });
}

struct Compare<'a, 'o, 'f> {
    cx: &'a FileCx<'f>,
    flow: Flow,
    /// The function checks credentials (its name, or it reads a credential header).
    /// Decided on the first comparison that needs it (`auth_context` scans the whole body).
    auth_fn: std::cell::OnceCell<bool>,
    sig: &'a syn::Signature,
    block: &'a syn::Block,
    /// Names of hash-keyed collections in the file (`hashed_collections`), when first asked.
    hashed: &'a std::cell::OnceCell<Vec<String>>,
    out: &'o mut Vec<Hit>,
}

impl Compare<'_, '_, '_> {
    /// `a == b` with a secret on one side and a value that could equal it on the other.
    fn compares_secret(&self, a: &Expr, b: &Expr) -> bool {
        if is_trivial(a) || is_trivial(b) {
            return false;
        }
        // Evidence: a header or env value against a non-literal, or two values named for
        // secrets in a function that checks credentials (`token == state.token`).
        let strong = self.flow.is_secret(a) || self.flow.is_secret(b);
        let named = self.flow.is_named_secret(a)
            && self.flow.is_named_secret(b)
            && *self.auth_fn.get_or_init(|| auth_context(self.sig, self.block, &self.flow));
        if !(strong || named) {
            return false;
        }
        let rotation = |s: &str| words(s).iter().any(|w| ROTATION_WORDS.contains(&w.as_str()));
        if any_ident(a, &rotation) || any_ident(b, &rotation) {
            return false;
        }
        let ct = |s: &str| CONSTANT_TIME.contains(&s);
        if any_ident(a, &ct) || any_ident(b, &ct) {
            return false;
        }
        let digest = |s: &str| words(s).iter().any(|w| DIGEST_WORDS.contains(&w.as_str()));
        let mac = |s: &str| words(s).iter().any(|w| MAC_WORDS.contains(&w.as_str()));
        let digests = any_ident(a, &digest) || any_ident(b, &digest);
        !(digests && !any_ident(a, &mac) && !any_ident(b, &mac))
    }

    fn push(&mut self, at: proc_macro2::Span, what: &str) {
        let message = format!("{what} compares a secret with a short-circuiting comparison, which returns at the first differing byte and lets a caller time its way to the value");
        self.out.push(self.cx.hit(&RULE, at, message, HELP.to_string()));
    }

    /// `keys.contains(&k)` on a list of secrets (not a hash set).
    fn is_secret_list(&self, e: &Expr) -> bool {
        let name = match e {
            Expr::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
            Expr::Field(f) => match &f.member {
                syn::Member::Named(n) => Some(n.to_string()),
                syn::Member::Unnamed(_) => None,
            },
            Expr::MethodCall(m) if matches!(m.method.to_string().as_str(), "iter" | "as_slice" | "read" | "lock") => {
                return self.is_secret_list(&m.receiver)
            }
            Expr::Reference(r) => return self.is_secret_list(&r.expr),
            Expr::Paren(p) => return self.is_secret_list(&p.expr),
            _ => None,
        };
        let Some(name) = name else { return false };
        let plural = words(&name).last().is_some_and(|w| w.ends_with('s'));
        plural && is_secret_name(&name) && !self.hashed.get_or_init(|| hashed_collections(self.cx.file)).contains(&name)
    }
}

impl<'ast> Visit<'ast> for Compare<'_, '_, '_> {
    crate::facts::walk::skip_types_and_paths!();
    fn visit_expr_binary(&mut self, b: &'ast syn::ExprBinary) {
        if matches!(b.op, BinOp::Eq(_) | BinOp::Ne(_)) && self.compares_secret(&b.left, &b.right) {
            let op = if matches!(b.op, BinOp::Eq(_)) { "`==`" } else { "`!=`" };
            self.push(b.span(), op);
        }
        syn::visit::visit_expr_binary(self, b);
    }
    fn visit_expr_method_call(&mut self, m: &'ast syn::ExprMethodCall) {
        let marks = self.flow.enter_closures(m);
        let name = m.method.to_string();
        match (name.as_str(), m.args.first()) {
            ("eq" | "ne", Some(arg)) if m.args.len() == 1 && self.compares_secret(&m.receiver, arg) => {
                self.push(m.span(), &format!("`.{name}(..)`"));
            }
            ("contains", Some(arg))
                if !is_trivial(arg)
                    && self.is_secret_list(&m.receiver)
                    && (self.flow.is_secret(arg) || self.flow.is_named_secret(arg)) =>
            {
                self.push(m.span(), "`contains` on a list of keys");
            }
            _ => {}
        }
        syn::visit::visit_expr_method_call(self, m);
        self.flow.leave(marks);
    }
    fn visit_item(&mut self, _: &'ast syn::Item) {}
    fn visit_macro(&mut self, _: &'ast syn::Macro) {}
}

/// A side that cannot be the other secret: a literal (a scheme, a placeholder, `""`), `None`,
/// a length or a flag.
fn is_trivial(e: &Expr) -> bool {
    match e {
        Expr::Lit(_) => true,
        Expr::Reference(r) => is_trivial(&r.expr),
        Expr::Paren(p) => is_trivial(&p.expr),
        Expr::Path(p) => p.path.is_ident("None"),
        Expr::Call(c) => matches!(&*c.func, Expr::Path(p) if p.path.is_ident("Some")) && c.args.iter().all(is_trivial),
        Expr::MethodCall(m) => {
            MEASURES.iter().any(|w| m.method == w) || (m.method == "as_deref" && is_trivial(&m.receiver))
        }
        _ => lit_str(e).is_some(),
    }
}

/// Names of fields and locals declared as hash-keyed collections in this file.
fn hashed_collections(file: &syn::File) -> Vec<String> {
    struct Scan(Vec<String>);
    fn is_hashed(ty: &syn::Type) -> bool {
        let mut found = false;
        struct T<'a>(&'a mut bool);
        impl<'ast> Visit<'ast> for T<'_> {
            fn visit_path_segment(&mut self, s: &'ast syn::PathSegment) {
                if HASHED_COLLECTIONS.iter().any(|h| s.ident == h) {
                    *self.0 = true;
                }
                syn::visit::visit_path_segment(self, s);
            }
        }
        T(&mut found).visit_type(ty);
        found
    }
    impl<'ast> Visit<'ast> for Scan {
        fn visit_field(&mut self, f: &'ast syn::Field) {
            if let Some(i) = &f.ident {
                if is_hashed(&f.ty) {
                    self.0.push(i.to_string());
                }
            }
        }
        fn visit_pat_type(&mut self, p: &'ast syn::PatType) {
            if is_hashed(&p.ty) {
                self.0.extend(crate::facts::extract::pat_idents(&p.pat));
            }
            syn::visit::visit_pat_type(self, p);
        }
    }
    let mut s = Scan(Vec::new());
    s.visit_file(file);
    s.0
}
