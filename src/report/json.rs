//! `--format json`: the DESIGN §3 document. Structs (not `json!`) keep the documented key order.

use super::{FileError, ProbeRequest, Related, Report, Reported};
use serde::Serialize;

#[derive(Serialize)]
struct Doc<'r> {
    version: u32,
    tool: Tool,
    findings: Vec<Out<'r>>,
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

/// A static finding (file and line) or a probe finding (url, request, status); untagged, so a
/// static finding serializes exactly as before the probe existed.
#[derive(Serialize)]
#[serde(untagged)]
enum Out<'r> {
    File(FindingOut<'r>),
    Probe(ProbeOut<'r>),
}

/// A finding of `cargo mcp-lint probe`: `url`, `request` and `status` in place of the
/// file and line fields.
#[derive(Serialize)]
struct ProbeOut<'r> {
    rule: &'static str,
    severity: &'static str,
    message: &'r str,
    url: &'r str,
    request: &'r ProbeRequest,
    status: Option<u16>,
    help: &'r str,
    related: &'r [Related],
    fingerprint: &'r str,
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

fn finding(r: &Reported) -> Out<'_> {
    let f = &r.finding;
    if let Some(p) = &f.probe {
        return Out::Probe(ProbeOut {
            rule: f.rule,
            severity: r.level.severity(),
            message: &f.message,
            url: &p.url,
            request: &p.request,
            status: p.status,
            help: &f.help,
            related: &f.related,
            fingerprint: &r.fingerprint,
        });
    }
    let l = &f.location;
    Out::File(FindingOut {
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
    })
}
