//! `--format json`: the DESIGN §3 document.

use super::{Report, Reported};
use serde_json::{json, Value};

pub fn render(report: &Report) -> String {
    let findings: Vec<Value> = report.findings.iter().map(finding).collect();
    let doc = json!({
        "version": 1,
        "tool": { "name": env!("CARGO_PKG_NAME"), "version": env!("CARGO_PKG_VERSION") },
        "findings": findings,
        "suppressed": report.suppressed,
        "files_scanned": report.files_scanned,
        "errors": report.errors,
    });
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_else(|_| "{}".to_string());
    s.push('\n');
    s
}

fn finding(r: &Reported) -> Value {
    let f = &r.finding;
    let l = &f.location;
    json!({
        "rule": f.rule,
        "severity": r.level.severity(),
        "message": f.message,
        "file": l.file,
        "line": l.line,
        "column": l.column,
        "end_line": l.end_line,
        "end_column": l.end_column,
        "help": f.help,
        "related": f.related,
        "fingerprint": r.fingerprint,
    })
}
