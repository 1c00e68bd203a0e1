//! The rule registry: one file per rule, each declaring its id, default level and docs in one
//! `Rule` value that also feeds `--explain`, `--list-rules` and the generated docs.

use crate::report::Level;

/// Everything the tool knows about a rule, in one place (the model is clippy's
/// `declare_clippy_lint!`: docs live beside the check, and every output reads them from here).
#[derive(Debug)]
pub struct Rule {
    /// Kebab-case id, a contract (DESIGN §1).
    pub id: &'static str,
    pub default_level: Level,
    /// One line: what the rule flags.
    pub summary: &'static str,
    /// Why a client (claude.ai, the MCP Inspector, an SDK) cares.
    pub why: &'static str,
    /// A short bad example (Rust).
    pub bad: &'static str,
    /// The corrected example (Rust).
    pub good: &'static str,
    /// How to fix it, in words.
    pub fix: &'static str,
    /// Standards and research sections this rule rests on.
    pub sources: &'static [&'static str],
    /// CVSS-like score for SARIF `security-severity` ("0.1".."10.0").
    pub security_severity: &'static str,
    /// Whether the analysis detects this rule yet (a rule that detects anything must have a
    /// positive and a negative fixture; the meta-test checks it).
    pub detects: bool,
}

mod auth_backend_error_as_401;
mod auth_error_detail_leak;
mod auth_status_200;
mod auth_status_500;
mod auth_status_by_string_match;
mod auth_status_other;
mod bearer_scheme_case_sensitive;
mod cors_hides_www_authenticate;
mod credential_in_query;
pub mod file;
mod flow;
mod malformed_www_authenticate;
mod missing_resource_metadata;
mod missing_www_authenticate;
mod probe_challenge_not_bearer;
mod probe_error_code;
mod probe_metadata_invalid;
mod probe_metadata_missing;
mod probe_metadata_no_auth_servers;
mod probe_metadata_requires_token;
mod probe_metadata_resource_mismatch;
mod secret_compared_non_constant_time;
mod suppression_without_reason;
mod token_response_cacheable;
mod unused_suppression;

use crate::facts::ir::Span;
use crate::model::{Cause, Loc, Model, Site};
use crate::report::{Finding, Location, Related};

/// How a rule detects.
#[derive(Clone, Copy)]
pub enum Check {
    /// Reads the resolved model, pushes findings.
    Model(fn(&Cx, &mut Vec<Finding>)),
    /// Reads one file's syntax while it is parsed, leaves hits in its facts (`file.rs`).
    File(fn(&file::FileCx, &mut Vec<crate::facts::ir::Hit>)),
    /// Checked by the engine itself (suppression bookkeeping, `engine.rs`).
    Engine,
    /// Detected only by `cargo mcp-lint probe` on a running server (src/probe/); proven by
    /// tests/probe.rs instead of fixtures.
    Probe,
    /// Registered, documented, not detected yet.
    None,
}

impl Check {
    pub fn detects(self) -> bool {
        !matches!(self, Check::None)
    }
}

/// Every rule, in the order of DESIGN §1 (then the tool's own rules), with its check.
pub static RULES: &[(&Rule, Check)] = &[
    (&auth_status_200::RULE, Check::Model(auth_status_200::check)),
    (&auth_status_500::RULE, Check::Model(auth_status_500::check)),
    (&auth_status_other::RULE, Check::Model(auth_status_other::check)),
    (&missing_www_authenticate::RULE, Check::Model(missing_www_authenticate::check)),
    (&malformed_www_authenticate::RULE, Check::Model(malformed_www_authenticate::check)),
    (&missing_resource_metadata::RULE, Check::Model(missing_resource_metadata::check)),
    (&auth_status_by_string_match::RULE, Check::File(auth_status_by_string_match::check)),
    (&secret_compared_non_constant_time::RULE, Check::File(secret_compared_non_constant_time::check)),
    (&credential_in_query::RULE, Check::File(credential_in_query::check)),
    (&token_response_cacheable::RULE, Check::File(token_response_cacheable::check)),
    (&auth_backend_error_as_401::RULE, Check::Model(auth_backend_error_as_401::check)),
    (&auth_error_detail_leak::RULE, Check::Model(auth_error_detail_leak::check)),
    (&bearer_scheme_case_sensitive::RULE, Check::File(bearer_scheme_case_sensitive::check)),
    (&cors_hides_www_authenticate::RULE, Check::File(cors_hides_www_authenticate::check)),
    (&unused_suppression::RULE, Check::Engine),
    (&suppression_without_reason::RULE, Check::Engine),
    (&probe_challenge_not_bearer::RULE, Check::Probe),
    (&probe_error_code::RULE, Check::Probe),
    (&probe_metadata_missing::RULE, Check::Probe),
    (&probe_metadata_requires_token::RULE, Check::Probe),
    (&probe_metadata_invalid::RULE, Check::Probe),
    (&probe_metadata_resource_mismatch::RULE, Check::Probe),
    (&probe_metadata_no_auth_servers::RULE, Check::Probe),
];

/// The rules `cargo mcp-lint probe` reports, for the probe (src/probe/) to name them without
/// repeating their ids.
pub mod probe_rules {
    pub use super::auth_status_200::RULE as AUTH_STATUS_200;
    pub use super::auth_status_500::RULE as AUTH_STATUS_500;
    pub use super::auth_status_other::RULE as AUTH_STATUS_OTHER;
    pub use super::bearer_scheme_case_sensitive::RULE as BEARER_SCHEME_CASE_SENSITIVE;
    pub use super::cors_hides_www_authenticate::RULE as CORS_HIDES_WWW_AUTHENTICATE;
    pub use super::malformed_www_authenticate::RULE as MALFORMED_WWW_AUTHENTICATE;
    pub use super::missing_resource_metadata::RULE as MISSING_RESOURCE_METADATA;
    pub use super::missing_www_authenticate::RULE as MISSING_WWW_AUTHENTICATE;
    pub use super::probe_challenge_not_bearer::RULE as PROBE_CHALLENGE_NOT_BEARER;
    pub use super::probe_error_code::RULE as PROBE_ERROR_CODE;
    pub use super::probe_metadata_invalid::RULE as PROBE_METADATA_INVALID;
    pub use super::probe_metadata_missing::RULE as PROBE_METADATA_MISSING;
    pub use super::probe_metadata_no_auth_servers::RULE as PROBE_METADATA_NO_AUTH_SERVERS;
    pub use super::probe_metadata_requires_token::RULE as PROBE_METADATA_REQUIRES_TOKEN;
    pub use super::probe_metadata_resource_mismatch::RULE as PROBE_METADATA_RESOURCE_MISMATCH;

    /// Every rule the probe can report (tests/rules_meta.rs requires each to be exercised by
    /// tests/probe.rs).
    pub static ALL: [&super::Rule; 15] = [
        &AUTH_STATUS_200,
        &AUTH_STATUS_500,
        &AUTH_STATUS_OTHER,
        &MISSING_WWW_AUTHENTICATE,
        &MALFORMED_WWW_AUTHENTICATE,
        &MISSING_RESOURCE_METADATA,
        &BEARER_SCHEME_CASE_SENSITIVE,
        &CORS_HIDES_WWW_AUTHENTICATE,
        &PROBE_CHALLENGE_NOT_BEARER,
        &PROBE_ERROR_CODE,
        &PROBE_METADATA_MISSING,
        &PROBE_METADATA_REQUIRES_TOKEN,
        &PROBE_METADATA_INVALID,
        &PROBE_METADATA_RESOURCE_MISMATCH,
        &PROBE_METADATA_NO_AUTH_SERVERS,
    ];
}

/// The rules the engine checks itself.
pub mod engine_rules {
    pub use super::suppression_without_reason::RULE as SUPPRESSION_WITHOUT_REASON;
    pub use super::unused_suppression::RULE as UNUSED_SUPPRESSION;
}

/// Look a rule up by id (`-` and `_` both accepted, as in the `cfg_attr` form).
pub fn find(id: &str) -> Option<&'static Rule> {
    let id = id.replace('_', "-");
    RULES.iter().map(|(r, _)| *r).find(|r| r.id == id)
}

/// The same fix for every status rule, offered with a snippet: let the `auth-error` crate
/// generate the response (`#[auth_error]`, crates/auth-error).
pub const MACRO_HELP: &str = "or let the response be generated and checked at compile time: put \
`#[auth_error(realm = \"mcp\", resource_metadata = \"https://<host>/.well-known/oauth-protected-resource/mcp\")]` \
on the error enum, with `#[auth_error(error = \"invalid_token\")]` / `#[auth_error(status = 403, error = \"insufficient_scope\", scope = \"...\")]` on its variants (crate auth-error, feature axum/actix-web/http)";

/// A `WWW-Authenticate` value the code sends, with where its text is written.
#[derive(Debug, Clone)]
pub struct ChallengeUse {
    pub text: String,
    pub loc: Loc,
    /// Sent with a 401.
    pub on_401: bool,
}

/// What the checks read: the model and its resolved response sites.
pub struct Cx<'m> {
    pub model: &'m Model,
    pub sites: Vec<Site>,
    pub challenges: Vec<ChallengeUse>,
}

impl<'m> Cx<'m> {
    pub fn new(model: &'m Model) -> Cx<'m> {
        let sites = model.sites();
        let mut challenges: Vec<ChallengeUse> = Vec::new();
        for s in &sites {
            for (name, value) in &s.resp.headers {
                let Some((val, file)) = value else { continue };
                if name != crate::frameworks::http::WWW_AUTHENTICATE {
                    continue;
                }
                if let Some((text, span, f)) = model.str_of(val, *file) {
                    let loc = Loc { file: f, span };
                    match challenges.iter_mut().find(|c| c.loc == loc) {
                        Some(c) => c.on_401 |= s.resp.status == 401,
                        None => challenges.push(ChallengeUse { text, loc, on_401: s.resp.status == 401 }),
                    }
                }
            }
        }
        challenges.sort_by_key(|c| c.loc);
        Cx { model, sites, challenges }
    }

    pub fn location(&self, loc: Loc) -> Location {
        let Span { line, col, end_line, end_col } = loc.span;
        let (line, column, end_line, end_column) = (line as usize, col as usize, end_line as usize, end_col as usize);
        Location { file: self.model.files[loc.file].rel.clone(), line, column, end_line, end_column }
    }

    /// Build a finding at `loc` with the causes as related locations.
    pub fn finding(
        &self,
        rule: &'static Rule,
        loc: Loc,
        message: String,
        help: String,
        causes: &[Cause],
        anchor: &str,
    ) -> Finding {
        let mut message = message;
        let mut related = Vec::new();
        for c in causes {
            match c.loc {
                Some(l) => related.push(Related {
                    file: self.model.files[l.file].rel.clone(),
                    line: l.span.first_line(),
                    message: c.message.clone(),
                }),
                None => {
                    message.push_str(" (");
                    message.push_str(&c.message);
                    message.push(')');
                }
            }
        }
        Finding {
            rule: rule.id,
            location: self.location(loc),
            message,
            help,
            related,
            anchor: anchor.to_string(),
            probe: None,
        }
    }
}

/// Run every rule with a check over the model.
pub fn run(model: &Model) -> Vec<Finding> {
    let cx = Cx::new(model);
    let mut out = Vec::new();
    for (_, check) in RULES {
        if let Check::Model(check) = check {
            check(&cx, &mut out);
        }
    }
    file::resolve(&cx, &mut out);
    drop_findings_reported_at_their_cause(out)
}

/// When a finding's cause (the helper, the arm) is itself reported for the same rule, the
/// finding at the call is noise: the fix is at the cause, and it is already reported there.
fn drop_findings_reported_at_their_cause(findings: Vec<Finding>) -> Vec<Finding> {
    let at: std::collections::HashSet<(&str, &str, usize)> =
        findings.iter().map(|f| (f.rule, f.location.file.as_str(), f.location.line)).collect();
    let elsewhere = |f: &Finding, r: &Related| r.file != f.location.file || r.line != f.location.line;
    let keep: Vec<bool> = findings
        .iter()
        .map(|f| !f.related.iter().any(|r| elsewhere(f, r) && at.contains(&(f.rule, r.file.as_str(), r.line))))
        .collect();
    findings.into_iter().zip(keep).filter_map(|(f, k)| k.then_some(f)).collect()
}
