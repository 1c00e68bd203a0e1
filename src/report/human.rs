//! Human diagnostics through miette: source snippet, label, help, related locations; colour
//! only when writing to a terminal.

use super::{Level, Location, Report, Reported};
use miette::{Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, Severity, SourceSpan};
use std::collections::HashMap;
use std::fmt;
use std::path::Path;

/// One rendered diagnostic (a finding, or one of its related locations).
#[derive(Debug)]
struct Diag {
    message: String,
    code: Option<String>,
    severity: Severity,
    help: Option<String>,
    source: Option<NamedSource<String>>,
    label: Option<LabeledSpan>,
    related: Vec<Diag>,
}

impl fmt::Display for Diag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Diag {}

impl Diagnostic for Diag {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.code.as_ref().map(|c| Box::new(c) as Box<dyn fmt::Display>)
    }
    fn severity(&self) -> Option<Severity> {
        Some(self.severity)
    }
    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help.as_ref().map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }
    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.source.as_ref().map(|s| s as &dyn miette::SourceCode)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        self.label.clone().map(|l| Box::new(std::iter::once(l)) as Box<dyn Iterator<Item = LabeledSpan>>)
    }
    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn Diagnostic> + 'a>> {
        if self.related.is_empty() {
            return None;
        }
        Some(Box::new(self.related.iter().map(|d| d as &dyn Diagnostic)))
    }
}

/// Source texts read once per file, for snippets.
struct Sources<'r> {
    root: &'r Path,
    cache: HashMap<String, Option<String>>,
}

impl Sources<'_> {
    fn get(&mut self, file: &str) -> Option<String> {
        let root = self.root;
        self.cache.entry(file.to_string()).or_insert_with(|| std::fs::read_to_string(root.join(file)).ok()).clone()
    }

    /// The byte range of a 1-based line/column range in `text` (columns count chars).
    fn span(text: &str, line: usize, col: usize, end_line: usize, end_col: usize) -> SourceSpan {
        let start = offset(text, line, col);
        let end = offset(text, end_line, end_col).max(start);
        SourceSpan::new(start.into(), end - start)
    }

    fn named(&mut self, file: &str) -> Option<(NamedSource<String>, String)> {
        let text = self.get(file)?;
        Some((NamedSource::new(file, text.clone()), text))
    }
}

fn offset(text: &str, line: usize, col: usize) -> usize {
    let mut off = 0;
    for (i, l) in text.split_inclusive('\n').enumerate() {
        if i + 1 == line {
            let in_line: usize = l.chars().take(col.saturating_sub(1)).map(char::len_utf8).sum();
            return off + in_line.min(l.len());
        }
        off += l.len();
    }
    text.len()
}

fn severity(level: Level) -> Severity {
    match level {
        Level::Deny => Severity::Error,
        Level::Warn | Level::Allow => Severity::Warning,
    }
}

fn diag_for(r: &Reported, sources: &mut Sources) -> Diag {
    let f = &r.finding;
    if let Some(p) = &f.probe {
        // No source to show: the request and its status are the place.
        return Diag {
            message: format!("{}\n  --> {}", f.message, super::probe_line(p)),
            code: Some(format!("mcp-lint::{}", f.rule)),
            severity: severity(r.level),
            help: Some(format!("{}\n(see `cargo mcp-lint --explain {}`)", f.help, f.rule)),
            source: None,
            label: None,
            related: Vec::new(),
        };
    }
    let Location { file, line, column, end_line, end_column } = &f.location;
    let (source, label) = match sources.named(file) {
        Some((named, text)) => {
            let span = Sources::span(&text, *line, *column, *end_line, *end_column);
            (Some(named), Some(LabeledSpan::new_primary_with_span(Some(f.rule.to_string()), span)))
        }
        None => (None, None),
    };
    let related = f
        .related
        .iter()
        .map(|rel| {
            let (source, label) = match sources.named(&rel.file) {
                Some((named, text)) => {
                    let span = Sources::span(&text, rel.line, 1, rel.line, usize::MAX);
                    (Some(named), Some(LabeledSpan::new_with_span(Some("here".into()), span)))
                }
                None => (None, None),
            };
            Diag {
                message: format!("{}:{}: {}", rel.file, rel.line, rel.message),
                code: None,
                severity: Severity::Advice,
                help: None,
                source,
                label,
                related: Vec::new(),
            }
        })
        .collect();
    // The snippet header names the place; without a readable source, the message must.
    let message = if source.is_some() { f.message.clone() } else { format!("{} ({file}:{line}:{column})", f.message) };
    Diag {
        message,
        code: Some(format!("mcp-lint::{}", f.rule)),
        severity: severity(r.level),
        help: Some(format!("{}\n(see `cargo mcp-lint --explain {}`)", f.help, f.rule)),
        source,
        label,
        related,
    }
}

pub fn render(report: &Report, root: &Path, color: bool) -> String {
    let theme = if color { GraphicalTheme::unicode() } else { GraphicalTheme::unicode_nocolor() };
    let handler = GraphicalReportHandler::new_themed(theme).with_width(100);
    let mut sources = Sources { root, cache: HashMap::new() };
    let mut out = String::new();
    for r in &report.findings {
        let d = diag_for(r, &mut sources);
        if handler.render_report(&mut out, &d).is_err() {
            out.push_str(&format!("{}: {}\n", r.finding.rule, r.finding.message));
        }
        out.push('\n');
    }
    for e in &report.errors {
        let where_ = e.line.map_or(e.file.clone(), |l| format!("{}:{l}", e.file));
        out.push_str(&format!("error: {where_}: {}\n", e.message));
    }
    let errors = report.findings.iter().filter(|f| f.level == Level::Deny).count();
    let warnings = report.findings.len() - errors;
    if let Some((url, requests)) = &report.probed {
        out.push_str(&format!(
            "probed {url} with {requests} request(s): {errors} error(s), {warnings} warning(s), {} request(s) not judged\n",
            report.errors.len()
        ));
        return out;
    }
    out.push_str(&format!(
        "{} file(s) scanned: {errors} error(s), {warnings} warning(s), {} suppressed, {} file(s) could not be analysed\n",
        report.files_scanned,
        report.suppressed,
        report.errors.len()
    ));
    out
}

/// A configuration error as a diagnostic pointing into the file (DESIGN §4: config errors
/// carry a span).
pub fn render_config_error(e: &crate::config::ConfigError, color: bool) -> String {
    let theme = if color { GraphicalTheme::unicode() } else { GraphicalTheme::unicode_nocolor() };
    let handler = GraphicalReportHandler::new_themed(theme).with_width(100);
    let name = e.file.to_string_lossy().into_owned();
    let (source, label) = match &e.span {
        Some(span) if !e.text.is_empty() => (
            Some(NamedSource::new(name.clone(), e.text.clone())),
            Some(LabeledSpan::new_primary_with_span(
                Some("here".into()),
                SourceSpan::new(span.start.into(), span.end - span.start),
            )),
        ),
        _ => (None, None),
    };
    let d = Diag {
        message: format!("invalid configuration in {name}: {}", e.message),
        code: Some("mcp-lint::config".to_string()),
        severity: Severity::Error,
        help: None,
        source,
        label,
        related: Vec::new(),
    };
    let mut out = String::new();
    if handler.render_report(&mut out, &d).is_err() {
        out = format!("error: invalid configuration in {name}: {}\n", e.message);
    }
    out
}
