//! `suppression-without-reason`: a suppression that gives no reason, and so does not suppress.

use super::Rule;
use crate::report::Level;

pub static RULE: Rule = Rule {
    id: "suppression-without-reason",
    default_level: Level::Warn,
    summary: "a suppression without a reason; it does not suppress anything until it has one",
    why: "Every exception to an auth rule must say why, so that a security reviewer can judge it \
          and so that it can be removed once the reason is gone. A directive without a reason is \
          reported and the finding it names stays reported.",
    bad: r#"// mcp-lint: allow(auth-status-200)
return rpc_error(id, -32001, "Unauthorized");"#,
    good: r#"// mcp-lint: allow(auth-status-200) -- stdio bridge: the HTTP status never reaches a client
return rpc_error(id, -32001, "Unauthorized");"#,
    fix: "Write the reason after `--`: `// mcp-lint: allow(rule-id) -- reason`, or \
          `#[cfg_attr(mcp_lint, allow(mcp_lint::rule_id, reason = \"...\"))]` on the item.",
    sources: &["DESIGN.md section 4 (suppression, with a reason required)"],
    security_severity: "1.0",
    detects: true,
};
