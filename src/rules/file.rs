//! File-level rules: checks that read one file's syntax tree while it is still parsed (the AST
//! is dropped after extraction) and leave `Hit`s in its facts. A hit that needs workspace
//! knowledge carries a `When` the model decides (`resolve`).

use super::{Check, Cx, RULES};
use crate::facts::extract::span_of;
use crate::facts::ir::{FileFacts, Hit, When};
use crate::facts::vocab::{Vocab, CREDENTIAL};
use crate::model::Loc;
use crate::report::{Finding, Related};
use crate::source::Text;
use proc_macro2::Span as PmSpan;

/// What a file-level check reads.
pub struct FileCx<'a> {
    pub file: &'a syn::File,
    /// The text the spans point into (`source::content`).
    pub text: &'a Text<'a>,
    /// The gate words of the file: a check skips what cannot hold its words (`vocab.rs`).
    pub vocab: &'a Vocab,
    /// Per-function local flows, shared by the rules that read them (`flow::flows`).
    pub flows: std::cell::OnceCell<Vec<Option<super::flow::Flow>>>,
    /// The file's credential helpers (`flow::credential_helpers`).
    pub helpers: std::cell::OnceCell<Vec<String>>,
    /// Every function of the file, found in one walk for all the checks that go function by
    /// function (`flow::for_each_fn`).
    pub fns: std::cell::OnceCell<Vec<super::flow::FnRef<'a>>>,
}

impl FileCx<'_> {
    /// A hit at `at`, anchored on the text there (fingerprints survive line moves).
    pub fn hit(&self, rule: &'static super::Rule, at: PmSpan, message: String, help: String) -> Hit {
        let text = self.text.of_span(at);
        Hit {
            rule: rule.id,
            span: span_of(at),
            message,
            help,
            anchor: crate::report::text_hash(text),
            related: Vec::new(),
            when: When::Always,
        }
    }
}

/// Run every file-level check on one parsed file, leaving the hits (and the per-file facts
/// their `When` conditions read) in `facts`. Test code is already gone from `file` unless the
/// run includes tests (`extract::strip_tests`).
pub fn run(file: &syn::File, text: &Text, vocab: &Vocab, facts: &mut FileFacts) {
    let cx =
        FileCx { file, text, vocab, flows: Default::default(), helpers: Default::default(), fns: Default::default() };
    for (_, check) in RULES {
        if let Check::File(check) = check {
            check(&cx, &mut facts.hits);
        }
    }
    // Framework defaults (tower-http layers, typed-header extractors, warp header filters).
    crate::frameworks::scan(&cx, &mut facts.hits);
    if vocab.has(CREDENTIAL) {
        facts.credential_types = credential_types(file);
    }
    let tokens = super::token_response_cacheable::file_facts(file, vocab);
    (facts.token_types, facts.no_store_handlers, facts.no_store_anywhere) =
        (tokens.types, tokens.no_store_handlers, tokens.no_store_anywhere);
}

/// Structs of one parsed file with a field named for a credential (`FileFacts::credential_types`,
/// read by `When::TypeHasCredentialField`).
pub fn credential_types(file: &syn::File) -> Vec<String> {
    super::credential_in_query::credential_types(file)
}

/// Turn the hits whose condition holds into findings.
pub fn resolve(cx: &Cx, out: &mut Vec<Finding>) {
    let model = cx.model;
    let challenging = packages_that_challenge(cx);
    for (fi, f) in model.files.iter().enumerate() {
        for hit in &f.facts.hits {
            let holds = match &hit.when {
                When::Always => true,
                When::PackageChallenges => challenging.contains(&f.package),
                When::TypeHasCredentialField(ty) => type_has_credential_field(model, f.package, ty),
                When::TokenResponseUncached(ty, handler) => {
                    token_response_uncached(model, f.package, ty.as_deref(), handler)
                }
                When::NotRecovered(ty) => crate::frameworks::not_recovered(model, fi, ty),
            };
            if holds {
                out.push(finding(cx, fi, hit));
            }
        }
    }
}

fn finding(cx: &Cx, file: usize, hit: &Hit) -> Finding {
    let rel = &cx.model.files[file].rel;
    let related = hit
        .related
        .iter()
        .map(|(span, message)| Related { file: rel.clone(), line: span.first_line(), message: message.clone() })
        .collect();
    Finding {
        rule: hit.rule,
        location: cx.location(Loc { file, span: hit.span }),
        message: hit.message.clone(),
        help: hit.help.clone(),
        related,
        anchor: format!("{:016x}", hit.anchor),
        probe: None,
    }
}

/// Packages that send a 401 or a `WWW-Authenticate` challenge somewhere.
fn packages_that_challenge(cx: &Cx) -> std::collections::HashSet<usize> {
    let files = &cx.model.files;
    let from_sites = cx.sites.iter().filter(|s| s.resp.status == 401).map(|s| files[s.loc.file].package);
    let from_challenges = cx.challenges.iter().map(|c| files[c.loc.file].package);
    from_sites.chain(from_challenges).collect()
}

fn type_has_credential_field(model: &crate::model::Model, package: usize, ty: &str) -> bool {
    model.files.iter().any(|f| f.package == package && f.facts.credential_types.iter().any(|t| t == ty))
}

fn token_response_uncached(model: &crate::model::Model, package: usize, ty: Option<&str>, handler: &str) -> bool {
    let files = || model.files.iter().filter(|f| f.package == package);
    let layered = files().any(|f| f.facts.no_store_anywhere || f.facts.no_store_handlers.iter().any(|h| h == handler));
    let token_type = ty.map_or(true, |ty| files().any(|f| f.facts.token_types.iter().any(|t| t == ty)));
    !layered && token_type
}
