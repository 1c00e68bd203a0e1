//! The registry's own contract: every rule of DESIGN §1 is registered once, documented, and
//! once it detects anything, proven by a positive (`// expect:`) and a negative (`// ok:`)
//! fixture site; rules the probe reports are proven against real servers in tests/probe.rs.

mod support;

use cargo_mcp_lint::rules::{probe_rules, Check, RULES};
use std::collections::HashSet;

const DESIGN_IDS: [&str; 16] = [
    "auth-status-200",
    "auth-status-500",
    "auth-status-other",
    "missing-www-authenticate",
    "malformed-www-authenticate",
    "missing-resource-metadata",
    "auth-status-by-string-match",
    "secret-compared-non-constant-time",
    "credential-in-query",
    "token-response-cacheable",
    "auth-backend-error-as-401",
    "auth-error-detail-leak",
    "bearer-scheme-case-sensitive",
    "cors-hides-www-authenticate",
    // The tool's own rules (DESIGN §4: unused suppressions are reported).
    "unused-suppression",
    "suppression-without-reason",
];

#[test]
fn every_design_rule_is_registered_once() {
    let ids: Vec<&str> = RULES.iter().map(|(r, _)| r.id).collect();
    let unique: HashSet<&str> = ids.iter().copied().collect();
    assert_eq!(unique.len(), ids.len(), "duplicate rule id in {ids:?}");
    for id in DESIGN_IDS {
        assert!(unique.contains(id), "{id} is not registered");
    }
    for id in &ids {
        let kebab = id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            && !id.starts_with('-')
            && !id.ends_with('-');
        assert!(kebab, "{id} is not kebab-case");
    }
}

#[test]
fn every_rule_is_documented() {
    for (r, _) in RULES {
        for (field, text) in [("summary", r.summary), ("why", r.why), ("bad", r.bad), ("good", r.good), ("fix", r.fix)]
        {
            assert!(!text.trim().is_empty(), "{}: empty {field}", r.id);
        }
        assert!(!r.summary.contains('\n'), "{}: summary must be one line", r.id);
        assert!(!r.sources.is_empty(), "{}: no sources", r.id);
        assert!(
            r.security_severity.parse::<f32>().is_ok_and(|s| (0.1..=10.0).contains(&s)),
            "{}: security_severity",
            r.id
        );
        assert!(!r.fix.contains("#[allow(mcp_lint"), "{}: suggests a suppression that does not compile", r.id);
    }
}

#[test]
fn detecting_rules_have_positive_and_negative_fixtures() {
    let markers = support::read_markers(&support::fixtures_dir());
    for (r, check) in RULES {
        assert_eq!(r.detects, check.detects(), "{}: `detects` must say whether a check is registered", r.id);
        // Probe-only rules are proven by tests/probe.rs (below), not by source fixtures.
        if !r.detects || matches!(check, Check::Probe) {
            continue;
        }
        let positives = markers.expect.iter().filter(|m| m.rule == r.id).count();
        let negatives = markers.ok.iter().filter(|m| m.rule == r.id).count();
        assert!(positives >= 5, "{}: {positives} positive fixture sites (`// expect:`), want at least 5", r.id);
        assert!(negatives >= 5, "{}: {negatives} negative fixture sites (`// ok:`), want at least 5", r.id);
    }
}

/// Every rule `cargo mcp-lint probe` reports (its own `probe-*` rules and the DESIGN §1 ids it
/// reuses) is asserted by name in tests/probe.rs, where each has a server that shows it; and
/// every probe-only rule is one the probe reports.
#[test]
fn probe_rules_are_exercised_by_the_probe_tests() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join("probe.rs");
    let tests = std::fs::read_to_string(&path).expect("tests/probe.rs");
    for r in probe_rules::ALL {
        assert!(tests.contains(&format!("\"{}\"", r.id)), "{}: not exercised by tests/probe.rs", r.id);
    }
    for (r, check) in RULES {
        if matches!(check, Check::Probe) {
            assert!(
                probe_rules::ALL.iter().any(|p| p.id == r.id),
                "{}: Check::Probe but not in probe_rules::ALL",
                r.id
            );
        }
    }
}
