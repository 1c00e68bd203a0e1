//! `--format json`: the DESIGN §3 document. Structs (not `json!`) keep the documented key order.

use super::{FileError, Related, Report, Reported};
use serde::Serialize;

#[derive(Serialize)]
struct Doc<'r> {
    version: u32,
    tool: Tool,
    findings: Vec<FindingOut<'r>>,
    suppressed: usize,
    /// Extension of DESIGN §3: findings matched by `--baseline`.
    baselined: usize,
    files_scanned: usize,
    errors: &'r [FileError],
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct FindingOut<'r> {
    rule: &'static str,
    severity: &'static str,
    message: &'r str,
    file: &'r str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    help: &'r str,
    related: &'r [Related],
    fingerprint: &'r str,
}

pub fn render(report: &Report) -> String {
    let doc = Doc {
        version: 1,
        tool: Tool { name: env!("CARGO_PKG_NAME"), version: env!("CARGO_PKG_VERSION") },
        findings: report.findings.iter().map(finding).collect(),
        suppressed: report.suppressed,
        baselined: report.baselined,
        files_scanned: report.files_scanned,
        errors: &report.errors,
    };
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_else(|_| "{}".to_string());
    s.push('\n');
    s
}

fn finding(r: &Reported) -> FindingOut<'_> {
    let f = &r.finding;
    let l = &f.location;
    FindingOut {
        rule: f.rule,
        severity: r.level.severity(),
        message: &f.message,
        file: &l.file,
        line: l.line,
        column: l.column,
        end_line: l.end_line,
        end_column: l.end_column,
        help: &f.help,
        related: &f.related,
        fingerprint: &r.fingerprint,
    }
}
