//! `--format github`: GitHub Actions workflow commands (`::error file=…::message`), and a
//! Markdown summary for `$GITHUB_STEP_SUMMARY` (research/tooling-anchors.md §2.3).
//!
//! Escaping follows `actions/toolkit` `packages/core/src/command.ts` exactly. GitHub shows at
//! most 10 error and 10 warning annotations per step (50 per job) and drops the rest silently,
//! so errors come first and the step summary lists every finding.

use super::{Level, Report, Reported};
use std::collections::BTreeMap;

/// Annotations GitHub shows per step, per severity.
pub const ANNOTATIONS_PER_STEP: usize = 10;

/// At most this many rows in the summary's findings table (a step summary is capped at 1 MiB).
const MAX_SUMMARY_ROWS: usize = 500;

/// Escape a command's message (`escapeData`): `%`, CR and LF.
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escape a property value (`escapeProperty`): as `escape_data`, plus `:` and `,`.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// The findings, errors first, each group in report order.
fn by_severity(report: &Report) -> Vec<&Reported> {
    let mut out: Vec<&Reported> = report.findings.iter().collect();
    // A stable sort keeps the report order within each severity.
    out.sort_by_key(|r| std::cmp::Reverse(r.level));
    out
}

fn command(level: Level) -> &'static str {
    match level {
        Level::Deny => "error",
        Level::Warn | Level::Allow => "warning",
    }
}

/// One workflow command per finding, errors before warnings.
pub fn render(report: &Report) -> String {
    let mut out = String::new();
    for r in by_severity(report) {
        out.push_str(&annotation(r));
        out.push('\n');
    }
    out
}

/// `::error file=…,line=…,endLine=…,col=…,endColumn=…,title=…::message`
pub fn annotation(r: &Reported) -> String {
    let f = &r.finding;
    let l = &f.location;
    if let Some(p) = &f.probe {
        // A probe finding has no file: an annotation with a title only, the request in the text.
        let title = escape_property(&format!("mcp-lint({})", f.rule));
        let message = format!("{}\n{}\n(see `cargo mcp-lint --explain {}`)", f.message, probe_help(f, p), f.rule);
        return format!("::{} title={title}::{}", command(r.level), escape_data(&message));
    }
    let mut props = vec![
        format!("file={}", escape_property(&l.file)),
        format!("line={}", l.line),
        format!("endLine={}", l.end_line.max(l.line)),
    ];
    // Columns are only allowed when the annotation starts and ends on the same line.
    if l.end_line <= l.line {
        props.push(format!("col={}", l.column));
        props.push(format!("endColumn={}", l.end_column.max(l.column)));
    }
    props.push(format!("title={}", escape_property(&format!("mcp-lint({})", f.rule))));
    let mut message = f.message.clone();
    if !f.help.is_empty() {
        message.push_str("\nhelp: ");
        message.push_str(&f.help);
    }
    for rel in &f.related {
        message.push_str(&format!("\nnote: {}:{}: {}", rel.file, rel.line, rel.message));
    }
    message.push_str(&format!("\n(see `cargo mcp-lint --explain {}`)", f.rule));
    format!("::{} {}::{}", command(r.level), props.join(","), escape_data(&message))
}

/// `help: …` and the request line of a probe finding.
fn probe_help(f: &super::Finding, p: &super::ProbeSite) -> String {
    format!("help: {}\nrequest: {}", f.help, super::probe_line(p))
}

/// Text for a Markdown table cell: no line breaks, no pipes, no raw HTML.
fn cell(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('|', "\\|")
        .replace("\r\n", "<br>")
        .replace(['\n', '\r'], "<br>")
}

/// A Markdown summary for `$GITHUB_STEP_SUMMARY`: totals, counts per rule and severity, and a
/// table of the findings (errors first).
pub fn step_summary(report: &Report) -> String {
    let errors = report.findings.iter().filter(|f| f.level == Level::Deny).count();
    let warnings = report.findings.len() - errors;
    let mut out = String::from("## cargo-mcp-lint\n\n");
    out.push_str(&format!(
        "**{errors} error(s), {warnings} warning(s)** in {} file(s) scanned; {} suppressed in source; {} file(s) could not be analysed.\n\n",
        report.files_scanned,
        report.suppressed,
        report.errors.len()
    ));
    if report.findings.is_empty() {
        out.push_str("No findings.\n");
    } else {
        let mut counts: BTreeMap<(std::cmp::Reverse<Level>, &str), usize> = BTreeMap::new();
        for r in &report.findings {
            *counts.entry((std::cmp::Reverse(r.level), r.finding.rule)).or_insert(0) += 1;
        }
        out.push_str("| Rule | Severity | Findings |\n|---|---|---:|\n");
        for ((level, rule), n) in &counts {
            out.push_str(&format!("| `{rule}` | {} | {n} |\n", level.0.severity()));
        }
        if errors > ANNOTATIONS_PER_STEP || warnings > ANNOTATIONS_PER_STEP {
            out.push_str(&format!(
                "\n> [!NOTE]\n> GitHub shows at most {ANNOTATIONS_PER_STEP} error and {ANNOTATIONS_PER_STEP} warning annotations per step (50 per job) and drops the rest; every finding is listed below.\n"
            ));
        } else {
            out.push_str(&format!(
                "\nGitHub shows at most {ANNOTATIONS_PER_STEP} error and {ANNOTATIONS_PER_STEP} warning annotations per step; every finding is listed below.\n"
            ));
        }
        out.push_str("\n### Findings\n\n| Location | Rule | Severity | Message |\n|---|---|---|---|\n");
        let sorted = by_severity(report);
        for r in sorted.iter().take(MAX_SUMMARY_ROWS) {
            let f = &r.finding;
            out.push_str(&format!(
                "| `{}:{}` | `{}` | {} | {} |\n",
                cell(&f.location.file).replace('`', "'"),
                f.location.line,
                f.rule,
                r.level.severity(),
                cell(&f.message)
            ));
        }
        if sorted.len() > MAX_SUMMARY_ROWS {
            out.push_str(&format!(
                "\n{} more finding(s) not shown; run `cargo mcp-lint` locally for the full list.\n",
                sorted.len() - MAX_SUMMARY_ROWS
            ));
        }
    }
    if !report.errors.is_empty() {
        out.push_str("\n### Files not analysed\n\n| File | Reason |\n|---|---|\n");
        for e in &report.errors {
            let at = e.line.map_or(e.file.clone(), |l| format!("{}:{l}", e.file));
            out.push_str(&format!("| `{}` | {} |\n", cell(&at).replace('`', "'"), cell(&e.message)));
        }
    }
    out
}
