//! `--message-format json`: rustc diagnostics as cargo prints them, one JSON object per line, so
//! rust-analyzer (`rust-analyzer.check.overrideCommand`) and anything else built on
//! `cargo_metadata::Message` reads our findings (research/tooling-anchors.md §2.1).
//!
//! A finding in a file of a known package is wrapped in a cargo `compiler-message` (so
//! rust-analyzer clears stale diagnostics per package); otherwise the bare diagnostic is
//! printed. The stream ends with `{"reason":"build-finished","success":…}`.

use super::{Level, PackageMeta, Related, Report, Reported};
use serde::Serialize;
use std::collections::HashMap;
use std::path::Path;

#[derive(Serialize)]
struct CompilerMessage<'a> {
    reason: &'static str,
    package_id: &'a str,
    manifest_path: String,
    target: Target<'a>,
    message: &'a Diagnostic,
}

#[derive(Serialize)]
struct Target<'a> {
    kind: [&'a str; 1],
    crate_types: [&'a str; 1],
    name: &'a str,
    src_path: String,
    edition: &'static str,
    doctest: bool,
    test: bool,
    doc: bool,
}

#[derive(Serialize)]
struct BuildFinished {
    reason: &'static str,
    success: bool,
}

/// rustc's JSON diagnostic (`src/doc/rustc/src/json.md`), in rustc's key order.
#[derive(Serialize)]
struct Diagnostic {
    #[serde(rename = "$message_type")]
    message_type: &'static str,
    message: String,
    code: Option<Code>,
    level: &'static str,
    spans: Vec<Span>,
    children: Vec<Diagnostic>,
    rendered: Option<String>,
}

#[derive(Serialize)]
struct Code {
    code: String,
    explanation: Option<String>,
}

#[derive(Serialize)]
struct Span {
    file_name: String,
    byte_start: usize,
    byte_end: usize,
    line_start: usize,
    line_end: usize,
    column_start: usize,
    column_end: usize,
    is_primary: bool,
    text: Vec<SpanLine>,
    label: Option<String>,
    suggested_replacement: Option<String>,
    suggestion_applicability: Option<String>,
    expansion: Option<()>,
}

#[derive(Serialize)]
struct SpanLine {
    text: String,
    highlight_start: usize,
    highlight_end: usize,
}

pub fn render(report: &Report) -> String {
    let mut sources = Sources::new(&report.root);
    let mut out = String::new();
    for r in &report.findings {
        let diag = diagnostic(r, &mut sources);
        let package = report.file_package.get(&r.finding.location.file).and_then(|&i| report.packages.get(i));
        let line = match package {
            Some(p) => serde_json::to_string(&wrap(p, &diag)),
            None => serde_json::to_string(&diag),
        };
        if let Ok(line) = line {
            out.push_str(&line);
            out.push('\n');
        }
    }
    let done = BuildFinished { reason: "build-finished", success: !report.has_errors() };
    if let Ok(line) = serde_json::to_string(&done) {
        out.push_str(&line);
        out.push('\n');
    }
    out
}

/// The diagnostic code: `mcp_lint::` and the rule id with `-` → `_` (rust-analyzer splits it
/// on `::` into source `mcp_lint` and code).
pub fn code(rule: &str) -> String {
    format!("mcp_lint::{}", rule.replace('-', "_"))
}

fn wrap<'a>(p: &'a PackageMeta, diag: &'a Diagnostic) -> CompilerMessage<'a> {
    let kind = p.target_kind.as_str();
    let crate_type = match kind {
        "lib" | "rlib" | "dylib" | "cdylib" | "staticlib" | "proc-macro" => kind,
        _ => "bin",
    };
    CompilerMessage {
        reason: "compiler-message",
        package_id: &p.id,
        manifest_path: p.manifest_path.to_string_lossy().into_owned(),
        target: Target {
            kind: [kind],
            crate_types: [crate_type],
            name: &p.target_name,
            src_path: p.target_src.to_string_lossy().into_owned(),
            edition: "2021",
            doctest: false,
            test: false,
            doc: false,
        },
        message: diag,
    }
}

fn level(l: Level) -> &'static str {
    match l {
        Level::Deny => "error",
        Level::Warn | Level::Allow => "warning",
    }
}

fn diagnostic(r: &Reported, sources: &mut Sources) -> Diagnostic {
    let f = &r.finding;
    let l = &f.location;
    let primary = sources.span(&l.file, (l.line, l.column), (l.end_line, l.end_column), Some(f.rule.to_string()));
    let help = format!("{}\nfor more information, run `cargo mcp-lint --explain {}`", f.help, f.rule);
    let mut children = vec![Diagnostic {
        message_type: "diagnostic",
        message: help,
        code: None,
        level: "help",
        spans: Vec::new(),
        children: Vec::new(),
        rendered: None,
    }];
    for rel in &f.related {
        children.push(note(rel, sources));
    }
    let rendered = rendered(r, &primary, &children);
    Diagnostic {
        message_type: "diagnostic",
        message: f.message.clone(),
        code: Some(Code { code: code(f.rule), explanation: None }),
        level: level(r.level),
        spans: vec![primary],
        children,
        rendered: Some(rendered),
    }
}

/// A related location: a `note` child whose span covers the line's text.
fn note(rel: &Related, sources: &mut Sources) -> Diagnostic {
    let (start, end) = sources.line_extent(&rel.file, rel.line);
    Diagnostic {
        message_type: "diagnostic",
        message: rel.message.clone(),
        code: None,
        level: "note",
        spans: vec![sources.span(&rel.file, (rel.line, start), (rel.line, end), None)],
        children: Vec::new(),
        rendered: None,
    }
}

/// rustc's human form, short: header, arrow, the first source line with carets, help, notes.
fn rendered(r: &Reported, primary: &Span, children: &[Diagnostic]) -> String {
    let f = &r.finding;
    let gutter = " ".repeat(primary.line_start.to_string().len());
    let mut s = format!(
        "{}[{}]: {}\n{gutter}--> {}:{}:{}\n",
        level(r.level),
        code(f.rule),
        f.message,
        primary.file_name,
        primary.line_start,
        primary.column_start
    );
    if let Some(line) = primary.text.first() {
        let pad: String = line
            .text
            .chars()
            .take(line.highlight_start.saturating_sub(1))
            .map(|c| if c == '\t' { '\t' } else { ' ' })
            .collect();
        let carets = "^".repeat(line.highlight_end.saturating_sub(line.highlight_start).max(1));
        s.push_str(&format!(
            "{gutter} |\n{} | {}\n{gutter} | {pad}{carets} {}\n{gutter} |\n",
            primary.line_start, line.text, f.rule
        ));
    }
    for c in children {
        match c.spans.first() {
            Some(sp) => {
                s.push_str(&format!("{gutter} = {}: {}:{}: {}\n", c.level, sp.file_name, sp.line_start, c.message))
            }
            None => {
                s.push_str(&format!("{gutter} = {}: {}\n", c.level, c.message.replace('\n', &format!("\n{gutter}   "))))
            }
        }
    }
    s
}

/// Source texts, read once per file, split into lines.
struct Sources<'r> {
    root: &'r Path,
    files: HashMap<String, Option<Lines>>,
}

/// A file's lines: byte offset of each line start and its text without the line ending.
struct Lines {
    lines: Vec<(usize, String)>,
    len: usize,
}

impl Lines {
    fn new(text: &str) -> Lines {
        let mut lines = Vec::new();
        let mut off = 0;
        for l in text.split_inclusive('\n') {
            let content = l.strip_suffix('\n').unwrap_or(l);
            let content = content.strip_suffix('\r').unwrap_or(content);
            lines.push((off, content.to_string()));
            off += l.len();
        }
        Lines { lines, len: text.len() }
    }

    /// Byte offset of 1-based `line`, 1-based char `col` (clamped to the line's end).
    fn offset(&self, line: usize, col: usize) -> usize {
        match self.lines.get(line.wrapping_sub(1)) {
            Some((start, text)) => {
                let in_line: usize = text.chars().take(col.saturating_sub(1)).map(char::len_utf8).sum();
                start + in_line
            }
            None => self.len,
        }
    }

    fn text(&self, line: usize) -> Option<&str> {
        self.lines.get(line.wrapping_sub(1)).map(|(_, t)| t.as_str())
    }
}

impl<'r> Sources<'r> {
    fn new(root: &'r Path) -> Self {
        Sources { root, files: HashMap::new() }
    }

    fn lines(&mut self, file: &str) -> Option<&Lines> {
        let root = self.root;
        self.files
            .entry(file.to_string())
            .or_insert_with(|| {
                let bytes = std::fs::read(root.join(file)).ok()?;
                Some(Lines::new(&String::from_utf8_lossy(&bytes)))
            })
            .as_ref()
    }

    /// The columns of a line's text without its surrounding whitespace (1-based, end
    /// exclusive); `(1, 1)` for a blank or unreadable line.
    fn line_extent(&mut self, file: &str, line: usize) -> (usize, usize) {
        let Some(text) = self.lines(file).and_then(|l| l.text(line)) else {
            return (1, 1);
        };
        let leading = text.chars().take_while(|c| c.is_whitespace()).count();
        let trimmed = text.trim().chars().count();
        if trimmed == 0 {
            (1, 1)
        } else {
            (leading + 1, leading + trimmed + 1)
        }
    }

    fn span(
        &mut self,
        file: &str,
        (line_start, column_start): (usize, usize),
        (line_end, column_end): (usize, usize),
        label: Option<String>,
    ) -> Span {
        let line_start = line_start.max(1);
        let column_start = column_start.max(1);
        let line_end = line_end.max(line_start);
        let column_end = if line_end == line_start { column_end.max(column_start) } else { column_end.max(1) };
        let (byte_start, byte_end, text) = match self.lines(file) {
            Some(lines) => {
                let start = lines.offset(line_start, column_start);
                let end = lines.offset(line_end, column_end).max(start);
                let text = (line_start..=line_end)
                    .filter_map(|n| {
                        let t = lines.text(n)?;
                        let chars = t.chars().count();
                        let hs = if n == line_start { column_start } else { 1 };
                        let he = if n == line_end { column_end } else { chars + 1 };
                        Some(SpanLine {
                            text: t.to_string(),
                            highlight_start: hs.min(chars + 1),
                            highlight_end: he.min(chars + 1).max(hs.min(chars + 1)),
                        })
                    })
                    .collect();
                (start, end, text)
            }
            None => (0, 0, Vec::new()),
        };
        Span {
            file_name: file.to_string(),
            byte_start,
            byte_end,
            line_start,
            line_end,
            column_start,
            column_end,
            is_primary: true,
            text,
            label,
            suggested_replacement: None,
            suggestion_applicability: None,
            expansion: None,
        }
    }
}
