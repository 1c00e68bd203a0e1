//! The baseline (DESIGN §4): a JSON file of finding fingerprints. With `--baseline`, findings
//! already in it do not count, so a team can adopt the lint on an existing codebase and fail
//! only on new problems. Fingerprints hash the rule, the file and the normalised text of the
//! flagged expression (not its line), so they survive line moves and unrelated edits.
//! Format: docs/baseline.md.

use super::Report;
use serde::{Deserialize, Serialize};
use std::path::Path;

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Entry {
    pub rule: String,
    pub file: String,
    pub fingerprint: String,
    /// For people reading the file; not used for matching.
    #[serde(default)]
    pub message: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Baseline {
    pub version: u32,
    pub tool: String,
    pub findings: Vec<Entry>,
}

impl Baseline {
    fn key(e: &Entry) -> (&str, &str, &str) {
        (&e.rule, &e.file, &e.fingerprint)
    }
}

/// The baseline of the current findings (suppressed ones excluded: they have their reason).
pub fn of_report(report: &Report) -> Baseline {
    let mut findings: Vec<Entry> = report
        .findings
        .iter()
        .map(|r| Entry {
            rule: r.finding.rule.to_string(),
            file: r.finding.location.file.clone(),
            fingerprint: r.fingerprint.clone(),
            message: r.finding.message.clone(),
        })
        .collect();
    findings.sort();
    Baseline { version: 1, tool: env!("CARGO_PKG_NAME").to_string(), findings }
}

pub fn write(path: &Path, baseline: &Baseline) -> Result<(), String> {
    let mut text = serde_json::to_string_pretty(baseline).map_err(|e| e.to_string())?;
    text.push('\n');
    std::fs::write(path, text).map_err(|e| format!("cannot write baseline `{}`: {e}", path.display()))
}

pub fn load(path: &Path) -> Result<Baseline, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read baseline `{}`: {e}", path.display()))?;
    let b: Baseline =
        serde_json::from_str(&text).map_err(|e| format!("baseline `{}` is not valid: {e}", path.display()))?;
    if b.version != 1 {
        return Err(format!("baseline `{}` has version {}, this tool reads version 1", path.display(), b.version));
    }
    Ok(b)
}

/// Drop the findings the baseline knows; return the baseline entries that matched nothing
/// (stale: the defect was fixed or the code moved to another file).
pub fn apply(report: &mut Report, baseline: &Baseline) -> Vec<Entry> {
    let known: std::collections::BTreeSet<(&str, &str, &str)> = baseline.findings.iter().map(Baseline::key).collect();
    let mut matched = std::collections::BTreeSet::new();
    let before = report.findings.len();
    report.findings.retain(|r| {
        let k = (r.finding.rule, r.finding.location.file.as_str(), r.fingerprint.as_str());
        if known.contains(&k) {
            matched.insert((k.0.to_string(), k.1.to_string(), k.2.to_string()));
            false
        } else {
            true
        }
    });
    report.baselined = before - report.findings.len();
    baseline
        .findings
        .iter()
        .filter(|e| !matched.contains(&(e.rule.clone(), e.file.clone(), e.fingerprint.clone())))
        .cloned()
        .collect()
}

/// The baseline without its stale entries.
pub fn pruned(baseline: &Baseline, stale: &[Entry]) -> Baseline {
    let mut b = baseline.clone();
    b.findings.retain(|e| !stale.contains(e));
    b
}
