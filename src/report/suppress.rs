//! Suppressions (DESIGN §4): `// mcp-lint: allow(rule) -- reason` on the line or the line
//! before, and `#[cfg_attr(mcp_lint, allow(mcp_lint::rule, reason = ".."))]` on items. A reason
//! is required; suppressions that match nothing are reported.

use super::{Finding, Location};
use crate::rules::engine_rules::{SUPPRESSION_WITHOUT_REASON, UNUSED_SUPPRESSION};

/// One suppression, from either form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Allow {
    pub rules: Vec<String>,
    pub reason: Option<String>,
    /// Where the directive or attribute is written (1-based line, column).
    pub line: usize,
    pub column: usize,
    /// The lines it covers, inclusive.
    pub first: usize,
    pub last: usize,
}

impl Allow {
    fn covers(&self, f: &Finding) -> bool {
        (self.first..=self.last).contains(&f.location.line) && self.rules.iter().any(|r| r == f.rule || r == "all")
    }
}

/// The outcome for one file: which findings are suppressed (with the reason), and the
/// findings about the suppressions themselves.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Parallel to the findings passed in: `Some(reason)` when suppressed.
    pub suppressed: Vec<Option<String>>,
    pub meta: Vec<Finding>,
}

/// Match findings (all of one file) against that file's suppressions.
pub fn apply(file: &str, findings: &[&Finding], allows: &[Allow]) -> Outcome {
    let mut used = vec![false; allows.len()];
    let mut out = Outcome::default();
    for f in findings {
        let hit = allows.iter().enumerate().find(|(_, a)| a.covers(f));
        let reason = hit.and_then(|(i, a)| {
            used[i] = true;
            a.reason.clone()
        });
        out.suppressed.push(reason);
    }
    for (a, used) in allows.iter().zip(used) {
        let at = Location {
            file: file.to_string(),
            line: a.line,
            column: a.column,
            end_line: a.line,
            end_column: a.column + 1,
        };
        let names = a.rules.join(", ");
        let unknown: Vec<&String> = a.rules.iter().filter(|r| *r != "all" && crate::rules::find(r).is_none()).collect();
        if !unknown.is_empty() {
            out.meta.push(meta(
                &UNUSED_SUPPRESSION,
                at.clone(),
                format!("suppression names unknown rule `{}`", unknown[0].as_str()),
                "use an id from `cargo mcp-lint --list-rules`",
            ));
        } else if !used {
            out.meta.push(meta(
                &UNUSED_SUPPRESSION,
                at.clone(),
                format!("suppression of `{names}` matches no finding"),
                "delete it: a stale suppression would hide the next real defect here",
            ));
        }
        if a.reason.is_none() {
            out.meta.push(meta(
                &SUPPRESSION_WITHOUT_REASON,
                at,
                format!("suppression of `{names}` has no reason, so it suppresses nothing"),
                "write why after `--`: `// mcp-lint: allow(rule-id) -- reason` (or `reason = \"..\"` in the cfg_attr form)",
            ));
        }
    }
    out
}

fn meta(rule: &'static crate::rules::Rule, location: Location, message: String, help: &str) -> Finding {
    let anchor = format!("{}:{}", rule.id, message);
    Finding { rule: rule.id, location, message, help: help.to_string(), related: Vec::new(), anchor, probe: None }
}

/// Comment directives of a file as suppressions: a trailing directive covers its own line, a
/// directive alone on its line covers the next line.
pub fn from_directives(dirs: &[crate::source::Directive]) -> Vec<Allow> {
    dirs.iter()
        .map(|d| {
            let target = if d.own_line { d.line + 1 } else { d.line };
            Allow {
                rules: d.rules.clone(),
                reason: d.reason.clone(),
                line: d.line,
                column: 1,
                first: target,
                last: target,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(rule: &'static str, line: usize) -> Finding {
        Finding {
            rule,
            location: Location { file: "a.rs".into(), line, column: 1, end_line: line, end_column: 2 },
            message: String::new(),
            help: String::new(),
            related: Vec::new(),
            anchor: String::new(),
            probe: None,
        }
    }

    fn allow(rules: &[&str], reason: Option<&str>, line: usize, first: usize, last: usize) -> Allow {
        Allow {
            rules: rules.iter().map(|r| r.to_string()).collect(),
            reason: reason.map(str::to_string),
            line,
            column: 1,
            first,
            last,
        }
    }

    #[test]
    fn reason_suppresses_and_missing_reason_does_not() {
        let f = [finding("auth-status-200", 10), finding("auth-status-200", 20)];
        let refs: Vec<&Finding> = f.iter().collect();
        let allows =
            [allow(&["auth-status-200"], Some("legacy"), 9, 10, 10), allow(&["auth-status-200"], None, 19, 20, 20)];
        let out = apply("a.rs", &refs, &allows);
        assert_eq!(out.suppressed, vec![Some("legacy".to_string()), None]);
        let rules: Vec<&str> = out.meta.iter().map(|m| m.rule).collect();
        assert_eq!(rules, vec!["suppression-without-reason"]);
        assert_eq!(out.meta[0].location.line, 19);
    }

    #[test]
    fn unused_and_unknown_are_reported() {
        let f = [finding("auth-status-200", 10)];
        let refs: Vec<&Finding> = f.iter().collect();
        let allows = [allow(&["auth-status-500"], Some("x"), 3, 4, 4), allow(&["no-such-rule"], Some("x"), 5, 6, 6)];
        let out = apply("a.rs", &refs, &allows);
        assert_eq!(out.suppressed, vec![None]);
        let msgs: Vec<&str> = out.meta.iter().map(|m| m.message.as_str()).collect();
        assert_eq!(
            msgs,
            vec![
                "suppression of `auth-status-500` matches no finding",
                "suppression names unknown rule `no-such-rule`"
            ]
        );
    }

    #[test]
    fn item_allow_covers_its_lines() {
        let f = [finding("missing-www-authenticate", 15), finding("missing-www-authenticate", 40)];
        let refs: Vec<&Finding> = f.iter().collect();
        let out = apply("a.rs", &refs, &[allow(&["missing-www-authenticate"], Some("r"), 9, 10, 30)]);
        assert_eq!(out.suppressed, vec![Some("r".to_string()), None]);
        assert!(out.meta.is_empty());
    }
}
