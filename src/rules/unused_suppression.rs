//! `unused-suppression`: a suppression that matches no finding.

use super::Rule;
use crate::report::Level;

pub static RULE: Rule = Rule {
    id: "unused-suppression",
    default_level: Level::Warn,
    summary: "a suppression (comment directive or cfg_attr allow) that matches no finding",
    why: "A suppression that no longer matches anything hides nothing today but will silently \
          hide the next real defect on that line. Removing stale suppressions keeps every \
          exception in the codebase justified, the way clippy's #[expect] and ast-grep's \
          unused-suppression do.",
    bad: r#"// mcp-lint: allow(auth-status-200) -- legacy client needs 200
async fn health() -> &'static str {
    "ok"
}"#,
    good: r#"async fn health() -> &'static str {
    "ok"
}"#,
    fix: "Delete the directive, or correct the rule id if it was misspelled.",
    sources: &["tooling-anchors.md section 1 (unused-suppression report)", "DESIGN.md section 4"],
    security_severity: "1.0",
    detects: true,
};
