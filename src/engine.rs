//! The pipeline (DESIGN §5.1): parse every file in parallel (without what no check reads, doc
//! comments and unlinted test module bodies: `source::Omit`), extract compact facts and drop the
//! AST, build the workspace model, run the rules, apply levels and suppressions, sort.

use crate::config::{PackageSettings, DEFAULT_AUTH_CODES};
use crate::facts::{extract, ir::FileFacts, vocab::Vocab};
use crate::model::{Model, ModelFile, ModelPackage};
use crate::report::suppress::{self, Allow};
use crate::report::{fingerprint, FileError, Finding, Level, Report, Reported, Suppressed};
use crate::rules;
use crate::source::{self, Directive, Omit};
use crate::workspace::Plan;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

/// Stack for parser threads: syn and the extractor recurse per nesting level.
const STACK_BYTES: usize = 256 * 1024 * 1024;

/// What to run and how (the parts of the configuration the engine needs).
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub include_tests: bool,
    /// Paths to skip (relative to the plan root), also for `#[path]` modules found on the way.
    pub exclude: Option<globset::GlobSet>,
    /// Effective settings per package of the plan (same index); packages past the end use
    /// the defaults.
    pub settings: Vec<PackageSettings>,
    pub threads: Option<usize>,
}

/// One parsed file's result.
struct Parsed {
    path: PathBuf,
    package: usize,
    outcome: Result<(FileFacts, Vec<Directive>), source::ParseFailure>,
}

pub fn lint(plan: &Plan, opts: &Options) -> Result<Report, String> {
    let pool = worker_pool(opts.threads)?;
    // The model phase runs on a pool thread too: its resolver recurses (bounded), and the
    // main thread's stack is the smallest one around.
    Ok(pool.install(|| {
        let parsed = parse_all(plan, opts);
        analyse(plan, opts, parsed)
    }))
}

fn parse_all(plan: &Plan, opts: &Options) -> Vec<Parsed> {
    let include_tests = opts.include_tests;
    let excluded =
        |p: &Path| opts.exclude.as_ref().is_some_and(|g| g.is_match(p.strip_prefix(&plan.root).unwrap_or(p)));
    let mut seen: BTreeSet<PathBuf> = BTreeSet::new();
    let mut queue: Vec<(PathBuf, usize)> = Vec::new();
    for (pi, p) in plan.packages.iter().enumerate() {
        for f in &p.files {
            if !excluded(f) && seen.insert(f.clone()) {
                queue.push((f.clone(), pi));
            }
        }
    }
    let mut out = Vec::new();
    // `#[path]` modules can point outside the walked folders: follow them round by round.
    while !queue.is_empty() {
        // One file per job (`with_max_len(1)`): rayon otherwise hands a thread a run of files
        // it cannot give away once started, and on 2 threads one of them idled for the last
        // third of the registry corpus (docs/benchmarks.md).
        let mut batch: Vec<(usize, Parsed)> = largest_first(&queue, |(path, _)| path)
            .par_iter()
            .with_max_len(1)
            .map(|&i| (i, parse_one(&queue[i].0, queue[i].1, include_tests)))
            .collect();
        // Back in queue order: which file's `#[path]` module is found first must not depend on
        // file sizes.
        batch.sort_by_key(|(i, _)| *i);
        let batch: Vec<Parsed> = batch.into_iter().map(|(_, p)| p).collect();
        queue.clear();
        for p in &batch {
            if let Ok((facts, _)) = &p.outcome {
                for m in &facts.path_mods {
                    if m.exists() && !excluded(m) && seen.insert(m.clone()) {
                        queue.push((m.clone(), p.package));
                    }
                }
            }
        }
        out.extend(batch);
    }
    out
}

/// Order files biggest first, so that the last jobs the threads share out are small ones: a big
/// file started last keeps one thread busy while the other has nothing left (the registry
/// corpus has a 440 KB file, rmcp's `transport/auth.rs`, which the lint spends about 70 ms on,
/// a sixth of a 2-thread run). Returns the indexes of `files` in that order.
fn largest_first<T>(files: &[T], path: impl Fn(&T) -> &Path) -> Vec<usize> {
    let mut order: Vec<usize> = (0..files.len()).collect();
    order.sort_by_cached_key(|&i| std::cmp::Reverse(std::fs::metadata(path(&files[i])).map_or(0, |m| m.len())));
    order
}

/// Worker threads with stacks big enough for syn and the extractor on deeply nested code.
fn worker_pool(threads: Option<usize>) -> Result<rayon::ThreadPool, String> {
    let mut builder = rayon::ThreadPoolBuilder::new().stack_size(STACK_BYTES);
    if let Some(n) = threads {
        builder = builder.num_threads(n);
    }
    builder.build().map_err(|e| format!("cannot start worker threads: {e}"))
}

/// The floor the lint is measured against (DESIGN §6): find, read and syn-parse the same files
/// on the same thread pool, and nothing else. Returns the number of files that parsed. With
/// `Omit::NOTHING` it is syn's whole parse; with `Omit::for_lint` it is the lint's own parse.
pub fn parse_floor(plan: &Plan, threads: Option<usize>, omit: Omit) -> Result<usize, String> {
    let pool = worker_pool(threads)?;
    let files: Vec<&PathBuf> = plan.packages.iter().flat_map(|p| &p.files).collect();
    Ok(pool.install(|| {
        largest_first(&files, |path| path)
            .par_iter()
            .with_max_len(1)
            .map(|&i| files[i])
            .filter(|path| {
                let ok = source::read(path).and_then(|text| source::parse_with(&text, omit).map(drop)).is_ok();
                proc_macro2::extra::invalidate_current_thread_spans();
                ok
            })
            .count()
    }))
}

/// The whole per-file pipeline on one text (parse, facts, model, rules), for fuzzing and for
/// embedding: never panics, whatever the input.
pub fn lint_text(text: &str) -> Result<Vec<Finding>, source::ParseFailure> {
    lint_one_text(text, Gates::On, Omit::for_lint(false))
}

/// `lint_text` with every gate open (`Vocab::all`): the answer the gates must never change
/// (tests/gates.rs).
#[doc(hidden)]
pub fn lint_text_ungated(text: &str) -> Result<Vec<Finding>, source::ParseFailure> {
    lint_one_text(text, Gates::Off, Omit::for_lint(false))
}

/// `lint_text` on the whole syntax tree (`Omit::NOTHING`): the answer leaving doc comments and
/// test bodies out must never change (tests/omitted_from_parse.rs).
#[doc(hidden)]
pub fn lint_text_full_parse(text: &str) -> Result<Vec<Finding>, source::ParseFailure> {
    lint_one_text(text, Gates::On, Omit::NOTHING)
}

fn lint_one_text(text: &str, gates: Gates, omit: Omit) -> Result<Vec<Finding>, source::ParseFailure> {
    let file = source::parse_with(text, omit)?;
    let facts = file_facts(file, text, Path::new("input.rs"), false, gates);
    proc_macro2::extra::invalidate_current_thread_spans();
    let files = vec![ModelFile { rel: "input.rs".into(), package: 0, facts }];
    let package = ModelPackage { name: String::new(), mcp: true, oauth: true, auth_codes: DEFAULT_AUTH_CODES.to_vec() };
    Ok(rules::run(&Model::new(files, vec![package])))
}

/// Whether checks may skip code without their words (`facts/vocab.rs`).
#[derive(Clone, Copy)]
enum Gates {
    On,
    Off,
}

/// The facts of one parsed file: extraction, then (test code stripped) the file-level rules.
/// The gate words (`Vocab`) are found once here for both.
fn file_facts(mut file: syn::File, text: &str, path: &Path, include_tests: bool, gates: Gates) -> FileFacts {
    let text = source::Text::new(source::content(text));
    let vocab = match gates {
        Gates::On => Vocab::of(&text),
        Gates::Off => Vocab::all(),
    };
    let mut facts = extract::extract(&file, &text, path, include_tests, &vocab);
    if !include_tests {
        extract::strip_tests(&mut file);
    }
    rules::file::run(&file, &text, &vocab, &mut facts);
    facts
}

fn parse_one(path: &Path, package: usize, include_tests: bool) -> Parsed {
    let outcome = source::read(path).and_then(|text| {
        let file = source::parse_with(&text, Omit::for_lint(include_tests));
        let result = file.map(|f| (file_facts(f, &text, path, include_tests, Gates::On), source::directives(&text)));
        // The spans of this file are turned into line/col already; free proc-macro2's
        // thread-local source map (research/perf-anchors.md: otherwise every file stays in memory).
        proc_macro2::extra::invalidate_current_thread_spans();
        result
    });
    Parsed { path: path.to_path_buf(), package, outcome }
}

/// The path as reported: relative to the root, `/`-separated; outside the root, as given.
fn relative(root: &Path, path: &Path) -> String {
    match path.strip_prefix(root) {
        Ok(rel) => rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/"),
        Err(_) => path.to_string_lossy().replace('\\', "/"),
    }
}

fn analyse(plan: &Plan, opts: &Options, mut parsed: Vec<Parsed>) -> Report {
    parsed.sort_by(|a, b| a.path.cmp(&b.path));
    let test_files = test_module_files(&parsed, opts.include_tests);
    parsed.retain(|p| !test_files.contains(&p.path));
    let mut report = Report {
        files_scanned: parsed.len(),
        root: plan.root.clone(),
        packages: plan.packages.iter().filter_map(|p| p.meta.clone()).collect(),
        ..Report::default()
    };
    let mut files = Vec::new();
    let mut allows: BTreeMap<String, Vec<Allow>> = BTreeMap::new();
    for p in parsed {
        let rel = relative(&plan.root, &p.path);
        match p.outcome {
            Ok((facts, dirs)) => {
                let mut file_allows = suppress::from_directives(&dirs);
                file_allows.extend(facts.allows.iter().map(|a| Allow {
                    rules: a.rules.clone(),
                    reason: a.reason.clone(),
                    line: a.at.line as usize,
                    column: a.at.col as usize,
                    first: a.first as usize,
                    last: a.last as usize,
                }));
                allows.insert(rel.clone(), file_allows);
                if let Some(meta) = &plan.packages[p.package].meta {
                    if let Some(i) = report.packages.iter().position(|m| m.id == meta.id) {
                        report.file_package.insert(rel.clone(), i);
                    }
                }
                files.push(ModelFile { rel, package: p.package, facts });
                report.files_analysed += 1;
            }
            Err(e) => report.errors.push(FileError { file: rel, line: e.line, message: e.message }),
        }
    }
    for (path, message) in &plan.unreadable {
        report.errors.push(FileError { file: relative(&plan.root, path), line: None, message: message.clone() });
    }
    let file_pkg: HashMap<String, usize> = files.iter().map(|f| (f.rel.clone(), f.package)).collect();
    let packages = plan
        .packages
        .iter()
        .enumerate()
        .map(|(i, p)| ModelPackage {
            name: p.name.clone(),
            mcp: p.mcp_dependency,
            oauth: p.oauth_dependency,
            auth_codes: settings(opts, i).map_or_else(|| DEFAULT_AUTH_CODES.to_vec(), |s| s.auth_codes.clone()),
        })
        .collect();
    let model = Model::new(files, packages);
    let findings = rules::run(&model);
    // Freeing every file's facts takes milliseconds and nothing waits for it: another worker
    // does it while this one reports (with 2 threads it would otherwise sit idle).
    rayon::spawn(move || drop(model));
    apply_levels(&mut report, findings, opts, &allows, &file_pkg);
    report.sort();
    report
}

fn settings(opts: &Options, package: usize) -> Option<&PackageSettings> {
    opts.settings.get(package)
}

fn level_of(rule: &str, package: Option<usize>, opts: &Options) -> Level {
    package
        .and_then(|p| settings(opts, p))
        .and_then(|s| s.levels.get(rule).copied())
        .or_else(|| rules::find(rule).map(|r| r.default_level))
        .unwrap_or(Level::Warn)
}

/// Files of modules declared `#[cfg(test)] mod x;` elsewhere: test code, skipped unless
/// `--include-tests` (their own text carries no `cfg(test)`).
fn test_module_files(parsed: &[Parsed], include_tests: bool) -> std::collections::HashSet<PathBuf> {
    if include_tests {
        return std::collections::HashSet::new();
    }
    parsed
        .iter()
        .filter_map(|p| p.outcome.as_ref().ok())
        .flat_map(|(facts, _)| facts.test_mods.iter().cloned())
        .collect()
}

/// Levels, then suppressions (with the findings about suppressions themselves), then
/// fingerprints.
fn apply_levels(
    report: &mut Report,
    findings: Vec<Finding>,
    opts: &Options,
    allows: &BTreeMap<String, Vec<Allow>>,
    file_pkg: &HashMap<String, usize>,
) {
    let mut findings = findings;
    findings.sort();
    findings.dedup_by(|a, b| a.rule == b.rule && a.location == b.location);
    // Suppressions are matched before levels: a directive for a rule turned off is still used.
    let mut by_file: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, f) in findings.iter().enumerate() {
        by_file.entry(f.location.file.as_str()).or_default().push(i);
    }
    let mut justifications: Vec<Option<String>> = vec![None; findings.len()];
    let mut meta = Vec::new();
    for (file, file_allows) in allows {
        let idx = by_file.get(file.as_str()).cloned().unwrap_or_default();
        let refs: Vec<&Finding> = idx.iter().map(|&i| &findings[i]).collect();
        let outcome = suppress::apply(file, &refs, file_allows);
        for (i, reason) in idx.into_iter().zip(outcome.suppressed) {
            justifications[i] = reason;
        }
        meta.extend(outcome.meta);
    }
    let all = findings.into_iter().zip(justifications).chain(meta.into_iter().map(|m| (m, None)));
    let mut occurrences: HashMap<String, usize> = HashMap::new();
    for (f, justification) in all {
        let level = level_of(f.rule, file_pkg.get(&f.location.file).copied(), opts);
        if level == Level::Allow {
            continue;
        }
        let key = fingerprint(f.rule, &f.location.file, &f.anchor, 0);
        let n = occurrences.entry(key).or_insert(0);
        let fp = fingerprint(f.rule, &f.location.file, &f.anchor, *n);
        *n += 1;
        let reported = Reported { finding: f, level, fingerprint: fp };
        match justification {
            Some(justification) => {
                report.suppressed += 1;
                report.suppressed_findings.push(Suppressed { reported, justification });
            }
            None => report.findings.push(reported),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn largest_files_go_first_and_ties_keep_their_order() {
        let dir = std::env::temp_dir().join(format!("mcp-lint-largest-first-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let files: Vec<PathBuf> = [("a.rs", 10), ("b.rs", 300), ("c.rs", 10), ("d.rs", 20)]
            .iter()
            .map(|(name, len)| {
                let p = dir.join(name);
                std::fs::write(&p, "x".repeat(*len)).expect("write");
                p
            })
            .chain([dir.join("missing.rs")])
            .collect();
        assert_eq!(largest_first(&files, |p| p), vec![1, 3, 0, 2, 4]);
        std::fs::remove_dir_all(&dir).expect("clean up");
    }
}
