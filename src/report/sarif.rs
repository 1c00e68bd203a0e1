//! `--format sarif`: SARIF 2.1.0 as GitHub code scanning accepts it (research/tooling-anchors.md
//! §2.2): every rule with non-empty descriptions and help, ≥1 location per result,
//! `partialFingerprints.primaryLocationLineHash` computed the way `github/codeql-action` does,
//! and suppressed findings as results carrying `suppressions`.
//!
//! Objects are built with `json!`; serde_json's map keeps keys sorted, so the output is
//! deterministic.

use super::{Level, Location, Related, Report, Reported};
use crate::rules::{Rule, RULES};
use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

/// The URI base every artifact location is relative to (GitHub resolves it to the checkout).
pub const SRCROOT: &str = "%SRCROOT%";

/// GitHub shows at most 1024 characters of a rule's short and full description.
const MAX_DESCRIPTION: usize = 1024;

pub fn render(report: &Report) -> String {
    let mut s = serde_json::to_string_pretty(&document(report)).unwrap_or_else(|_| "{}".into());
    s.push('\n');
    s
}

/// The SARIF log as a JSON value (what `render` prints).
pub fn document(report: &Report) -> Value {
    let rules: Vec<&Rule> = RULES.iter().map(|(r, _)| *r).collect();
    let index: HashMap<&str, usize> = rules.iter().enumerate().map(|(i, r)| (r.id, i)).collect();
    let mut hashes = LineHashes::new(&report.root);

    let mut results: Vec<Value> = report.findings.iter().map(|r| result(r, &index, &mut hashes)).collect();
    for s in &report.suppressed_findings {
        let mut v = result(&s.reported, &index, &mut hashes);
        v["suppressions"] = json!([{ "kind": "inSource", "justification": s.justification }]);
        results.push(v);
    }

    let root_uri = dir_uri(&report.root);
    let mut invocation = json!({
        "executionSuccessful": true,
        "workingDirectory": { "uri": root_uri },
    });
    if !report.errors.is_empty() {
        invocation["toolExecutionNotifications"] = report
            .errors
            .iter()
            .map(|e| {
                let mut n = json!({
                    "level": "error",
                    "message": { "text": format!("{} could not be analysed: {}", e.file, e.message) },
                    "descriptor": { "id": "file-not-analysed" },
                });
                if let Some(line) = e.line {
                    n["locations"] = json!([{
                        "physicalLocation": physical(&e.file, Some((line, None))),
                    }]);
                }
                n
            })
            .collect();
    }

    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": env!("CARGO_PKG_NAME"),
                    "semanticVersion": env!("CARGO_PKG_VERSION"),
                    "informationUri": information_uri(),
                    "rules": rules.iter().map(|r| descriptor(r)).collect::<Vec<_>>(),
                }
            },
            "automationDetails": { "id": "cargo-mcp-lint/" },
            "originalUriBaseIds": { SRCROOT: { "uri": root_uri } },
            "columnKind": "unicodeCodePoints",
            "invocations": [invocation],
            "results": results,
        }]
    })
}

fn information_uri() -> &'static str {
    let repo = env!("CARGO_PKG_REPOSITORY");
    let home = env!("CARGO_PKG_HOMEPAGE");
    if !repo.is_empty() {
        repo
    } else if !home.is_empty() {
        home
    } else {
        "https://crates.io/crates/cargo-mcp-lint"
    }
}

/// `missing-www-authenticate` → `MissingWwwAuthenticate`.
pub fn camel_case(id: &str) -> String {
    id.split(['-', '_'])
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(first) => first.to_uppercase().chain(c).collect::<String>(),
                None => String::new(),
            }
        })
        .collect()
}

fn sarif_level(level: Level) -> &'static str {
    match level {
        Level::Deny => "error",
        Level::Warn => "warning",
        Level::Allow => "note",
    }
}

/// At most `MAX_DESCRIPTION` characters, cut at a word boundary with an ellipsis.
fn clip(text: &str) -> String {
    let text = text.trim();
    if text.chars().count() <= MAX_DESCRIPTION {
        return text.to_string();
    }
    let cut: String = text.chars().take(MAX_DESCRIPTION - 1).collect();
    let cut = match cut.rfind(char::is_whitespace) {
        Some(i) if i > MAX_DESCRIPTION / 2 => cut[..i].trim_end().to_string(),
        _ => cut,
    };
    format!("{cut}…")
}

fn explain_hint(id: &str) -> String {
    format!("Run `cargo mcp-lint --explain {id}` for the full rule documentation.")
}

fn descriptor(r: &Rule) -> Value {
    let mut markdown = format!(
        "{}\n\n**Why.** {}\n\n**How to fix.** {}\n\n**Bad**\n\n```rust\n{}\n```\n\n**Good**\n\n```rust\n{}\n```\n",
        r.summary, r.why, r.fix, r.bad, r.good
    );
    if !r.sources.is_empty() {
        markdown.push_str("\n**Sources.**\n\n");
        for s in r.sources {
            markdown.push_str(&format!("- {s}\n"));
        }
    }
    markdown.push('\n');
    markdown.push_str(&explain_hint(r.id));
    markdown.push('\n');
    let mut d = json!({
        "id": r.id,
        "name": camel_case(r.id),
        "shortDescription": { "text": clip(r.summary) },
        "fullDescription": { "text": clip(r.why) },
        "help": {
            "text": format!("{}\n\n{}", r.fix.trim(), explain_hint(r.id)),
            "markdown": markdown,
        },
        "defaultConfiguration": { "level": sarif_level(r.default_level) },
        "properties": {
            "tags": ["security", "mcp", "auth"],
            "precision": "high",
            "problem.severity": match r.default_level {
                Level::Deny => "error",
                Level::Warn => "warning",
                Level::Allow => "recommendation",
            },
            "security-severity": r.security_severity,
        },
    });
    if r.default_level == Level::Allow {
        d["defaultConfiguration"]["enabled"] = json!(false);
    }
    d
}

fn result(r: &Reported, index: &HashMap<&str, usize>, hashes: &mut LineHashes) -> Value {
    let f = &r.finding;
    if let Some(p) = &f.probe {
        return probe_result(r, p, index);
    }
    let l = &f.location;
    let mut fingerprints = Map::new();
    if let Some(h) = hashes.get(&l.file, l.line) {
        fingerprints.insert("primaryLocationLineHash".into(), json!(h));
    }
    fingerprints.insert("mcpLint/v1".into(), json!(r.fingerprint));
    let mut v = json!({
        "ruleId": f.rule,
        "level": sarif_level(r.level),
        "message": { "text": f.message },
        "locations": [{ "physicalLocation": region_location(l) }],
        "partialFingerprints": fingerprints,
    });
    if let Some(i) = index.get(f.rule) {
        v["ruleIndex"] = json!(i);
    }
    if !f.related.is_empty() {
        v["relatedLocations"] = f.related.iter().enumerate().map(|(i, rel)| related(i, rel)).collect();
    }
    v
}

/// A probe finding: the URL as the artifact (SARIF requires a location; there is no file),
/// the request and status as properties.
fn probe_result(r: &Reported, p: &super::ProbeSite, index: &HashMap<&str, usize>) -> Value {
    let f = &r.finding;
    let mut v = json!({
        "ruleId": f.rule,
        "level": sarif_level(r.level),
        "message": { "text": format!("{} ({})", f.message, super::probe_line(p)) },
        "locations": [{ "physicalLocation": { "artifactLocation": { "uri": p.url } } }],
        "partialFingerprints": { "mcpLint/v1": r.fingerprint },
        "properties": { "request": p.request, "status": p.status },
    });
    if let Some(i) = index.get(f.rule) {
        v["ruleIndex"] = json!(i);
    }
    v
}

fn region_location(l: &Location) -> Value {
    let mut p = physical(&l.file, Some((l.line, Some(l.column))));
    let region = &mut p["region"];
    region["endLine"] = json!(l.end_line.max(l.line));
    // SARIF: endColumn is one past the last character and must not precede startColumn on a
    // one-line region.
    let end_column = if l.end_line <= l.line { l.end_column.max(l.column + 1) } else { l.end_column.max(1) };
    region["endColumn"] = json!(end_column);
    p
}

fn related(i: usize, rel: &Related) -> Value {
    json!({
        "id": i,
        "physicalLocation": physical(&rel.file, Some((rel.line, None))),
        "message": { "text": rel.message },
    })
}

/// A `physicalLocation`: repo-relative paths against `%SRCROOT%`, paths outside the root as
/// absolute `file:` URIs.
fn physical(file: &str, start: Option<(usize, Option<usize>)>) -> Value {
    let artifact = if is_absolute(file) {
        json!({ "uri": file_uri(file) })
    } else {
        json!({ "uri": encode_path(file), "uriBaseId": SRCROOT })
    };
    let mut p = json!({ "artifactLocation": artifact });
    if let Some((line, col)) = start {
        let mut region = json!({ "startLine": line.max(1) });
        if let Some(c) = col {
            region["startColumn"] = json!(c.max(1));
        }
        p["region"] = region;
    }
    p
}

fn is_absolute(file: &str) -> bool {
    file.starts_with('/') || (file.len() > 2 && file.as_bytes()[1] == b':' && file.as_bytes()[0].is_ascii_alphabetic())
}

/// Percent-encode a path for a URI: unreserved characters and `/` stay as they are.
fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.replace('\\', "/").bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=@".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn file_uri(path: &str) -> String {
    let p = path.replace('\\', "/");
    if p.starts_with('/') {
        format!("file://{}", encode_path(&p))
    } else {
        // `C:/x` → `file:///C:/x`
        let (drive, rest) = p.split_at(2);
        format!("file:///{drive}{}", encode_path(rest))
    }
}

/// The `file:` URI of a folder, ending in `/` (SARIF requires it for base URIs).
fn dir_uri(dir: &Path) -> String {
    let mut s = file_uri(&dir.to_string_lossy());
    if !s.ends_with('/') {
        s.push('/');
    }
    s
}

/// Source files read once, hashed once.
struct LineHashes<'r> {
    root: &'r Path,
    files: HashMap<String, Option<BTreeMap<usize, String>>>,
}

impl<'r> LineHashes<'r> {
    fn new(root: &'r Path) -> Self {
        LineHashes { root, files: HashMap::new() }
    }

    fn get(&mut self, file: &str, line: usize) -> Option<&String> {
        let root = self.root;
        self.files
            .entry(file.to_string())
            .or_insert_with(|| {
                let bytes = std::fs::read(root.join(file)).ok()?;
                Some(line_hashes(&String::from_utf8_lossy(&bytes)))
            })
            .as_ref()?
            .get(&line)
    }
}

/// GitHub's `primaryLocationLineHash` for every line of `text` (1-based line → `hash:n`).
///
/// A port of `hash` in `github/codeql-action` `src/fingerprints.ts`: a rolling hash (base 37,
/// 64-bit wrapping like the `long` package) over the first 100 UTF-16 code units of the file
/// from the start of each line, skipping spaces and tabs, with CR, LF and CRLF normalised to LF,
/// a 65535 sentinel at the end of the input and zeros after it; `n` counts how often the same
/// hash was produced before, in line order.
pub fn line_hashes(text: &str) -> BTreeMap<usize, String> {
    const BLOCK_SIZE: usize = 100;
    const SPACE: u32 = b' ' as u32;
    const TAB: u32 = b'\t' as u32;
    const LF: u32 = b'\n' as u32;
    const CR: u32 = b'\r' as u32;
    const EOF: u32 = 65535;
    const MOD: u64 = 37;

    struct State {
        window: [u32; BLOCK_SIZE],
        line_numbers: [Option<usize>; BLOCK_SIZE],
        hash: u64,
        first_mod: u64,
        index: usize,
        counts: HashMap<u64, usize>,
        out: BTreeMap<usize, String>,
    }

    impl State {
        fn output_hash(&mut self) {
            let count = self.counts.entry(self.hash).or_insert(0);
            *count += 1;
            if let Some(line) = self.line_numbers[self.index] {
                self.out.insert(line, format!("{:x}:{count}", self.hash));
            }
            self.line_numbers[self.index] = None;
        }

        fn update_hash(&mut self, current: u32) {
            let begin = self.window[self.index];
            self.window[self.index] = current;
            self.hash = MOD
                .wrapping_mul(self.hash)
                .wrapping_add(u64::from(current))
                .wrapping_sub(self.first_mod.wrapping_mul(u64::from(begin)));
            self.index = (self.index + 1) % BLOCK_SIZE;
        }
    }

    let mut st = State {
        window: [0; BLOCK_SIZE],
        line_numbers: [None; BLOCK_SIZE],
        hash: 0,
        first_mod: MOD.wrapping_pow(BLOCK_SIZE as u32),
        index: 0,
        counts: HashMap::new(),
        out: BTreeMap::new(),
    };
    let mut line_number = 0;
    let mut line_start = true;
    let mut prev_cr = false;

    for unit in text.encode_utf16().map(u32::from).chain(std::iter::once(EOF)) {
        let mut current = unit;
        if current == SPACE || current == TAB || (prev_cr && current == LF) {
            prev_cr = false;
            continue;
        }
        if current == CR {
            current = LF;
            prev_cr = true;
        } else {
            prev_cr = false;
        }
        if st.line_numbers[st.index].is_some() {
            st.output_hash();
        }
        if line_start {
            line_start = false;
            line_number += 1;
            st.line_numbers[st.index] = Some(line_number);
        }
        if current == LF {
            line_start = true;
        }
        st.update_hash(current);
    }
    for _ in 0..BLOCK_SIZE {
        if st.line_numbers[st.index].is_some() {
            st.output_hash();
        }
        st.update_hash(0);
    }
    st.out
}
