//! The pipeline (DESIGN §5.1): parse every file in parallel, extract compact facts and drop the
//! AST, build the workspace model, run the rules, apply levels and suppressions, sort.

use crate::facts::{extract, ir::FileFacts};
use crate::model::{Model, ModelFile, ModelPackage};
use crate::report::{fingerprint, FileError, Finding, Level, Report, Reported, Suppressed};
use crate::rules;
use crate::source::{self, Directive};
use crate::workspace::Plan;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

/// Stack for parser threads: syn and the extractor recurse per nesting level.
const STACK_BYTES: usize = 256 * 1024 * 1024;

/// What to run and how (the parts of the configuration the engine needs).
#[derive(Debug, Clone)]
pub struct Options {
    pub include_tests: bool,
    pub auth_codes: Vec<i64>,
    /// Effective level per rule id (rules not listed use their default).
    pub levels: HashMap<String, Level>,
    pub threads: Option<usize>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            include_tests: false,
            auth_codes: vec![-32001],
            levels: HashMap::new(),
            threads: None,
        }
    }
}

/// One parsed file's result.
struct Parsed {
    path: PathBuf,
    package: usize,
    outcome: Result<(FileFacts, Vec<Directive>), source::ParseFailure>,
}

pub fn lint(plan: &Plan, opts: &Options) -> Result<Report, String> {
    let mut builder = rayon::ThreadPoolBuilder::new().stack_size(STACK_BYTES);
    if let Some(n) = opts.threads {
        builder = builder.num_threads(n);
    }
    let pool = builder
        .build()
        .map_err(|e| format!("cannot start worker threads: {e}"))?;
    let parsed = pool.install(|| parse_all(plan, opts.include_tests));
    Ok(analyse(plan, opts, parsed))
}

fn parse_all(plan: &Plan, include_tests: bool) -> Vec<Parsed> {
    let mut seen: BTreeSet<PathBuf> = BTreeSet::new();
    let mut queue: Vec<(PathBuf, usize)> = Vec::new();
    for (pi, p) in plan.packages.iter().enumerate() {
        for f in &p.files {
            if seen.insert(f.clone()) {
                queue.push((f.clone(), pi));
            }
        }
    }
    let mut out = Vec::new();
    // `#[path]` modules can point outside the walked folders: follow them round by round.
    while !queue.is_empty() {
        let batch: Vec<Parsed> = queue
            .par_iter()
            .map(|(path, pkg)| parse_one(path, *pkg, include_tests))
            .collect();
        queue.clear();
        for p in &batch {
            if let Ok((facts, _)) = &p.outcome {
                for m in &facts.path_mods {
                    if m.exists() && seen.insert(m.clone()) {
                        queue.push((m.clone(), p.package));
                    }
                }
            }
        }
        out.extend(batch);
    }
    out
}

fn parse_one(path: &Path, package: usize, include_tests: bool) -> Parsed {
    let outcome = source::read(path).and_then(|text| {
        let file = source::parse(&text);
        let result = file.map(|f| {
            (
                extract::extract(&f, &text, path, include_tests),
                source::directives(&text),
            )
        });
        // The spans of this file are turned into line/col already; free proc-macro2's
        // thread-local source map (research/perf-anchors.md: otherwise every file stays in memory).
        proc_macro2::extra::invalidate_current_thread_spans();
        result
    });
    Parsed {
        path: path.to_path_buf(),
        package,
        outcome,
    }
}

/// The path as reported: relative to the root, `/`-separated; outside the root, as given.
fn relative(root: &Path, path: &Path) -> String {
    match path.strip_prefix(root) {
        Ok(rel) => rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/"),
        Err(_) => path.to_string_lossy().replace('\\', "/"),
    }
}

fn analyse(plan: &Plan, opts: &Options, mut parsed: Vec<Parsed>) -> Report {
    parsed.sort_by(|a, b| a.path.cmp(&b.path));
    let mut report = Report {
        files_scanned: parsed.len(),
        ..Report::default()
    };
    let mut files = Vec::new();
    let mut directives: BTreeMap<String, Vec<Directive>> = BTreeMap::new();
    for p in parsed {
        let rel = relative(&plan.root, &p.path);
        match p.outcome {
            Ok((facts, dirs)) => {
                directives.insert(rel.clone(), dirs);
                if let Some(meta) = &plan.packages[p.package].meta {
                    if let Some(i) = report.packages.iter().position(|m| m.id == meta.id) {
                        report.file_package.insert(rel.clone(), i);
                    }
                }
                files.push(ModelFile {
                    rel,
                    package: p.package,
                    facts,
                });
            }
            Err(e) => report.errors.push(FileError {
                file: rel,
                line: e.line,
                message: e.message,
            }),
        }
    }
    let packages = plan
        .packages
        .iter()
        .map(|p| ModelPackage {
            name: p.name.clone(),
            mcp: p.mcp_dependency,
        })
        .collect();
    let model = Model::new(files, packages, opts.auth_codes.clone());
    let findings = rules::run(&model);
    apply_levels(&mut report, findings, opts, &directives);
    report.sort();
    report
}

fn level_of(rule: &str, opts: &Options) -> Level {
    opts.levels
        .get(rule)
        .copied()
        .or_else(|| rules::find(rule).map(|r| r.default_level))
        .unwrap_or(Level::Warn)
}

/// Is this finding covered by a `// mcp-lint: allow(rule) -- reason` comment on its line or
/// the line before? A directive without a reason does not suppress.
fn suppression(f: &Finding, dirs: Option<&Vec<Directive>>) -> Option<String> {
    dirs?.iter().find_map(|d| {
        let covers = d.line == f.location.line || (d.own_line && d.line + 1 == f.location.line);
        let names = d.rules.iter().any(|r| r == f.rule || r == "all");
        if covers && names {
            d.reason.clone()
        } else {
            None
        }
    })
}

fn apply_levels(
    report: &mut Report,
    findings: Vec<Finding>,
    opts: &Options,
    dirs: &BTreeMap<String, Vec<Directive>>,
) {
    let mut findings = findings;
    findings.sort();
    findings.dedup_by(|a, b| a.rule == b.rule && a.location == b.location);
    let mut occurrences: HashMap<String, usize> = HashMap::new();
    for f in findings {
        let level = level_of(f.rule, opts);
        if level == Level::Allow {
            continue;
        }
        let key = fingerprint(f.rule, &f.location.file, &f.anchor, 0);
        let n = occurrences.entry(key).or_insert(0);
        let fp = fingerprint(f.rule, &f.location.file, &f.anchor, *n);
        *n += 1;
        let reported = Reported {
            finding: f,
            level,
            fingerprint: fp,
        };
        let file = reported.finding.location.file.clone();
        if let Some(justification) = suppression(&reported.finding, dirs.get(&file)) {
            report.suppressed += 1;
            report.suppressed_findings.push(Suppressed {
                reported,
                justification,
            });
            continue;
        }
        report.findings.push(reported);
    }
}
