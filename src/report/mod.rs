//! Findings, levels and the renderers (one file per output format).

pub mod baseline;
pub mod github;
pub mod human;
pub mod json;
pub mod rustc;
pub mod sarif;
pub mod suppress;

use serde::Serialize;

/// A rule's level, as configured (`allow | warn | deny`, DESIGN §4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    Allow,
    Warn,
    Deny,
}

impl Level {
    /// The severity word used in every output format.
    pub fn severity(self) -> &'static str {
        match self {
            Level::Allow => "allow",
            Level::Warn => "warning",
            Level::Deny => "error",
        }
    }

    pub fn parse(s: &str) -> Option<Level> {
        match s {
            "allow" | "off" => Some(Level::Allow),
            "warn" | "warning" => Some(Level::Warn),
            "deny" | "error" => Some(Level::Deny),
            _ => None,
        }
    }
}

/// A place in a file: 1-based line and column, end exclusive (DESIGN §3).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Location {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
}

/// A second location that explains a finding (the helper that hard-codes 200, the arm that maps
/// to 500).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Related {
    pub file: String,
    pub line: usize,
    pub message: String,
}

/// Where a finding of `cargo mcp-lint probe` was observed: a request to a running server and
/// the status it got, in place of a file and line (JSON: `url`, `request`, `status`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct ProbeSite {
    /// The URL the request went to (the probed endpoint, or a metadata URL).
    pub url: String,
    pub request: ProbeRequest,
    /// The final HTTP status (after redirects); `None` when no response came.
    pub status: Option<u16>,
}

/// Which request of the probe's plan (`method` plus the plan's name for it, e.g.
/// `no-credentials`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct ProbeRequest {
    pub method: &'static str,
    pub probe: &'static str,
}

/// `POST http://127.0.0.1:3000/mcp (no-credentials) -> 401`: a probe finding's place, in the
/// text formats.
pub fn probe_line(p: &ProbeSite) -> String {
    let status = p.status.map_or_else(|| "no response".to_string(), |s| s.to_string());
    format!("{} {} ({}) -> {status}", p.request.method, p.url, p.request.probe)
}

/// One finding, before levels are applied.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Finding {
    pub rule: &'static str,
    /// For a probe finding: the URL in `file`, line 0 (renderers print `probe` instead).
    pub location: Location,
    pub message: String,
    pub help: String,
    pub related: Vec<Related>,
    /// A short text that identifies the finding independently of its line (the normalised
    /// source of the flagged expression); feeds the fingerprint.
    pub anchor: String,
    /// Set for findings of `cargo mcp-lint probe` (none for the static lint).
    pub probe: Option<ProbeSite>,
}

/// A finding with its effective level, ready to render.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reported {
    pub finding: Finding,
    pub level: Level,
    pub fingerprint: String,
}

/// A file that could not be analysed.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct FileError {
    pub file: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    pub message: String,
}

/// The whole result of a run, in the order every renderer prints it.
#[derive(Debug, Default)]
pub struct Report {
    pub findings: Vec<Reported>,
    /// Number of findings suppressed in source (`suppressed` in JSON).
    pub suppressed: usize,
    /// Number of findings already in the baseline (`baselined` in JSON).
    pub baselined: usize,
    /// The suppressed findings themselves, with the reason given (SARIF `suppressions`).
    pub suppressed_findings: Vec<Suppressed>,
    pub files_scanned: usize,
    /// Files whose facts were extracted (scanned files minus those that could not be read or
    /// parsed): zero means nothing at all was linted (exit 2).
    pub files_analysed: usize,
    pub errors: Vec<FileError>,
    /// The cargo packages linted (empty for path arguments).
    pub packages: Vec<PackageMeta>,
    /// Reported file path → index into `packages`.
    pub file_package: std::collections::BTreeMap<String, usize>,
    /// Absolute folder that reported paths are relative to.
    pub root: std::path::PathBuf,
    /// For `cargo mcp-lint probe`: the probed URL and the number of requests sent (the human
    /// summary line names them instead of files).
    pub probed: Option<(String, usize)>,
}

/// A finding silenced by a directive, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suppressed {
    pub reported: Reported,
    pub justification: String,
}

/// What output formats need to know of a cargo package (rust-analyzer clears diagnostics per
/// `package_id`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackageMeta {
    pub name: String,
    /// cargo's package id (`path+file:///..#name@0.1.0`).
    pub id: String,
    pub manifest_path: std::path::PathBuf,
    /// The main target's name, kind (`lib`, `bin`) and source path.
    pub target_name: String,
    pub target_kind: String,
    pub target_src: std::path::PathBuf,
}

impl Report {
    /// Sort by file, line, column, rule (DESIGN §3), so output never depends on scheduling.
    pub fn sort(&mut self) {
        self.findings.sort_by(|a, b| {
            let (fa, fb) = (&a.finding, &b.finding);
            (&fa.location.file, fa.location.line, fa.location.column, fa.rule, &fa.message).cmp(&(
                &fb.location.file,
                fb.location.line,
                fb.location.column,
                fb.rule,
                &fb.message,
            ))
        });
        self.errors.sort();
    }

    pub fn has_errors(&self) -> bool {
        self.findings.iter().any(|f| f.level == Level::Deny)
    }
}

/// A fingerprint that survives line moves and unrelated edits: rule, file and the normalised
/// text of the flagged expression, plus an occurrence counter for identical twins in one file.
pub fn fingerprint(rule: &str, file: &str, anchor: &str, occurrence: usize) -> String {
    let normalised: String = anchor.split_whitespace().collect::<Vec<_>>().join(" ");
    let h = fnv1a(format!("{rule}\u{0}{file}\u{0}{normalised}").as_bytes());
    format!("{h:016x}:{occurrence}")
}

/// Hash of a text with its whitespace normalised (runs of whitespace count as one space), so
/// reformatting does not change it.
pub fn text_hash(text: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut first = true;
    for word in text.split_whitespace() {
        if !first {
            h = fnv_step(h, b' ');
        }
        first = false;
        for b in word.bytes() {
            h = fnv_step(h, b);
        }
    }
    h
}

fn fnv_step(h: u64, b: u8) -> u64 {
    (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
}

/// FNV-1a, 64 bit: stable across Rust versions and platforms (std's `DefaultHasher` is not).
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}
