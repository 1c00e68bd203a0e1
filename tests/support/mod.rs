//! Shared by the integration tests: reading `// expect:` markers from fixture sources.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// One marker: what must (or must not yet) be reported at a line.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Marker {
    pub file: String,
    pub line: usize,
    pub rule: String,
    pub group: Option<String>,
}

#[derive(Debug, Default)]
pub struct Markers {
    pub expect: Vec<Marker>,
    pub todo: Vec<Marker>,
    /// `// ok: rule` lines: negative sites documented for a rule.
    pub ok: Vec<Marker>,
    /// `// related[g]` lines, by crate folder and group.
    pub related: BTreeMap<(String, String), Vec<(String, usize)>>,
}

pub fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

/// All `.rs` files under `dir`, skipping `target/`.
pub fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                if p.file_name().is_some_and(|n| n != "target" && !n.to_string_lossy().starts_with('.')) {
                    stack.push(p);
                }
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// Parse the markers of every fixture source. `rel` is relative to `root`.
pub fn read_markers(root: &Path) -> Markers {
    let mut m = Markers::default();
    for path in rust_files(root) {
        let rel = path.strip_prefix(root).unwrap_or(&path).to_string_lossy().replace('\\', "/");
        let krate = rel.split('/').next().unwrap_or_default().to_string();
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let lines: Vec<&str> = text.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            let Some(pos) = line.find("//") else { continue };
            let comment = &line[pos..];
            let own_line = line[..pos].trim().is_empty();
            let target = if own_line { next_code_line(&lines, i) } else { i + 1 };
            for (kind, group, rule) in parse_comment(comment) {
                let marker = Marker { file: rel.clone(), line: target, rule, group: group.clone() };
                match kind {
                    "expect" => m.expect.push(marker),
                    "todo-expect" => m.todo.push(marker),
                    "ok" => m.ok.push(marker),
                    "related" => {
                        if let Some(g) = group {
                            m.related.entry((krate.clone(), g)).or_default().push((rel.clone(), target));
                        }
                    }
                    _ => {}
                }
            }
        }
    }
    m
}

/// The 1-based line of the next line after `i` that is not a comment-only line.
fn next_code_line(lines: &[&str], i: usize) -> usize {
    let mut j = i + 1;
    while j < lines.len() && lines[j].trim_start().starts_with("//") {
        j += 1;
    }
    j + 1
}

/// Markers in one comment: `expect: a, b`, `expect[g]: a`, `todo-expect: a`, `ok: a`,
/// `related[g]`. Several may share a comment, separated by `//`.
fn parse_comment(comment: &str) -> Vec<(&'static str, Option<String>, String)> {
    let mut out = Vec::new();
    for part in comment.split("//").map(str::trim).filter(|p| !p.is_empty()) {
        for kind in ["todo-expect", "expect", "ok", "related"] {
            let Some(rest) = part.strip_prefix(kind) else {
                continue;
            };
            let (group, rest) = match rest.strip_prefix('[') {
                Some(r) => match r.split_once(']') {
                    Some((g, r)) => (Some(g.to_string()), r),
                    None => continue,
                },
                None => (None, rest),
            };
            if kind == "related" {
                if group.is_some() {
                    out.push((kind, group, String::new()));
                }
                break;
            }
            let Some(list) = rest.strip_prefix(':') else {
                continue;
            };
            for rule in list.split(',') {
                let id: String = rule
                    .trim()
                    .chars()
                    .take_while(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-')
                    .collect();
                let is_whole = rule.trim().len() == id.len();
                if !id.is_empty() {
                    out.push((kind, group.clone(), id));
                }
                // Only the first word of each comma item is an id; stop at prose.
                if !is_whole {
                    break;
                }
            }
            break;
        }
    }
    out
}
