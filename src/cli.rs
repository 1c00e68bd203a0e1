//! Command line (DESIGN §2) and exit codes (DESIGN §4): 0 clean, 1 error-level findings,
//! 2 could not run.

use crate::config::{self, ConfigError, Layer};
use crate::engine::{self, Options};
use crate::report::{self, baseline, Level, Report};
use crate::rules;
use crate::source::Omit;
use crate::workspace::{self, Selection};
use clap::{Parser, ValueEnum};
use std::ffi::OsString;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    Json,
    Sarif,
    Github,
}

/// `--message-format` (cargo's flag, for rust-analyzer's `check.overrideCommand`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MessageFormat {
    Human,
    Json,
}

/// Lint Rust MCP and JSON-RPC servers: auth failures must be answered with HTTP 401 and a
/// `WWW-Authenticate: Bearer` challenge.
#[derive(Debug, Parser)]
#[command(
    name = "cargo-mcp-lint",
    bin_name = "cargo mcp-lint",
    version,
    about,
    long_about = None,
    after_help = "Probe a running server's auth responses: cargo mcp-lint probe <URL> (see `cargo mcp-lint probe --help`)"
)]
pub struct Args {
    /// Files or folders to lint instead of the workspace.
    pub paths: Vec<PathBuf>,
    /// Path to Cargo.toml of the workspace to lint.
    #[arg(long, value_name = "PATH")]
    pub manifest_path: Option<PathBuf>,
    /// Lint only this package (repeatable).
    #[arg(short = 'p', long = "package", value_name = "SPEC")]
    pub package: Vec<String>,
    /// Skip this package (repeatable).
    #[arg(long, value_name = "SPEC")]
    pub exclude: Vec<String>,
    /// Lint `#[cfg(test)]` code and `tests/` too.
    #[arg(long)]
    pub include_tests: bool,
    /// Output format (default: human; github when GITHUB_ACTIONS=true).
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// Write a report to a file: `FILE` (in --format) or `FORMAT=FILE`; repeatable.
    #[arg(long, value_name = "[FORMAT=]FILE")]
    pub output: Vec<String>,
    /// `json`: rustc/cargo diagnostic lines on stdout, for rust-analyzer.
    #[arg(long, value_enum, value_name = "FMT")]
    pub message_format: Option<MessageFormat>,
    /// Set a rule (or `all`) to error level (repeatable).
    #[arg(short = 'D', long = "deny", value_name = "RULE")]
    pub deny: Vec<String>,
    /// Set a rule (or `all`) to warning level (repeatable).
    #[arg(short = 'W', long = "warn", value_name = "RULE")]
    pub warn: Vec<String>,
    /// Turn a rule (or `all`) off (repeatable).
    #[arg(short = 'A', long = "allow", value_name = "RULE")]
    pub allow: Vec<String>,
    /// Treat warnings as errors for the exit code.
    #[arg(long)]
    pub deny_warnings: bool,
    /// Read settings from this file too (keys as in mcp-lint.toml).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Only findings not in this baseline file count.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// With --baseline: rewrite it without the entries that match nothing any more.
    #[arg(long, requires = "baseline")]
    pub prune_baseline: bool,
    /// Write the current findings as a baseline file and exit 0.
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
    /// Print a rule's documentation and exit.
    #[arg(long, value_name = "RULE")]
    pub explain: Option<String>,
    /// List all rules and exit.
    #[arg(long)]
    pub list_rules: bool,
    /// Number of worker threads (default: all cores).
    #[arg(short = 'j', long = "jobs", value_name = "N")]
    pub jobs: Option<usize>,
    /// Benchmark floor: find, read and parse the files, then exit (benches/run.sh).
    #[arg(long, hide = true)]
    pub parse_only: bool,
    /// With `--parse-only`: parse what the lint parses (doc comments and test module bodies
    /// left out, `source::Omit`), to tell the analysis's cost from the parse's (benches/run.sh).
    #[arg(long, hide = true, requires = "parse_only")]
    pub as_lint: bool,
}

/// Run with the process arguments; returns the exit code.
pub fn main(mut argv: Vec<OsString>) -> i32 {
    // `cargo mcp-lint ...` runs `cargo-mcp-lint mcp-lint ...`.
    if argv.get(1).is_some_and(|a| a == "mcp-lint") {
        argv.remove(1);
    }
    // `probe` is dispatched before the lint's parser, whose positional paths would take it as
    // a folder name (`./probe` still lints a folder of that name).
    if argv.get(1).is_some_and(|a| a == "probe") {
        argv.remove(1);
        return probe_main(argv);
    }
    let args = match parse::<Args>(argv) {
        Ok(a) => a,
        Err(code) => return code,
    };
    match run(&args) {
        Ok(code) => code,
        Err(Failure::Message(msg)) => {
            eprintln!("error: {msg}");
            2
        }
        Err(Failure::Config(e)) => {
            eprint!("{}", e.render(std::io::stderr().is_terminal()));
            2
        }
    }
}

/// Why a run could not complete (exit 2).
enum Failure {
    Message(String),
    Config(Box<ConfigError>),
}

impl From<String> for Failure {
    fn from(s: String) -> Self {
        Failure::Message(s)
    }
}

fn run(args: &Args) -> Result<i32, Failure> {
    if args.list_rules {
        print_stdout(&list_rules());
        return Ok(0);
    }
    if let Some(id) = &args.explain {
        let rule = rules::find(id).ok_or_else(|| format!("unknown rule `{id}` (see --list-rules)"))?;
        print_stdout(&explain(rule));
        return Ok(0);
    }
    let outputs = outputs(args)?;
    let cli_layer = cli_layer(args)?;
    let cwd = std::env::current_dir().map_err(|e| format!("cannot read the current directory: {e}"))?;
    let sel = Selection {
        manifest_path: args.manifest_path.clone(),
        packages: args.package.clone(),
        exclude: args.exclude.clone(),
        paths: args.paths.clone(),
        include_tests: args.include_tests,
    };
    let plan = workspace::discover(&sel, &cwd).map_err(|e| e.to_string())?;
    if args.parse_only {
        let omit = if args.as_lint { Omit::for_lint(args.include_tests) } else { Omit::NOTHING };
        let n = engine::parse_floor(&plan, args.jobs, omit)?;
        eprintln!("parsed {n} file(s)");
        return Ok(0);
    }
    let config_path = args.config.as_ref().map(|c| cwd.join(c));
    let resolved = config::resolve(&plan, config_path.as_deref(), &cli_layer, args.paths.is_empty())
        .map_err(|e| Failure::Config(Box::new(e)))?;
    let opts = Options {
        include_tests: args.include_tests,
        exclude: Some(resolved.exclude),
        settings: resolved.packages,
        threads: args.jobs,
    };
    let mut report = engine::lint(&plan, &opts)?;

    if let Some(path) = &args.write_baseline {
        let path = cwd.join(path);
        baseline::write(&path, &baseline::of_report(&report))?;
        eprintln!("wrote {} finding(s) to the baseline {}", report.findings.len(), path.display());
        return Ok(0);
    }
    if let Some(path) = &args.baseline {
        let path = cwd.join(path);
        let base = baseline::load(&path)?;
        let stale = baseline::apply(&mut report, &base);
        if args.prune_baseline && !stale.is_empty() {
            baseline::write(&path, &baseline::pruned(&base, &stale))?;
            eprintln!("pruned {} stale entr(ies) from {}", stale.len(), path.display());
        } else if !stale.is_empty() {
            eprintln!(
                "note: {} baseline entr(ies) match nothing any more (--prune-baseline removes them)",
                stale.len()
            );
        }
    }

    for out in &outputs {
        let to_terminal = out.file.is_none() && std::io::stdout().is_terminal();
        let text = render(out.format, &report, to_terminal);
        match &out.file {
            Some(path) => {
                std::fs::write(cwd.join(path), text).map_err(|e| format!("cannot write `{}`: {e}", path.display()))?
            }
            None => print_stdout(&text),
        }
    }
    if let Ok(summary) = std::env::var("GITHUB_STEP_SUMMARY") {
        if outputs.iter().any(|o| o.format == Rendered::Github) && !summary.is_empty() {
            let _ = append(Path::new(&summary), &report::github::step_summary(&report));
        }
    }
    if report.files_analysed == 0 {
        // Exit 2 only when nothing at all could be linted (a report was still printed).
        let why = if report.files_scanned == 0 { "no Rust files to lint" } else { "no file could be analysed" };
        return Err(Failure::Message(why.to_string()));
    }
    Ok(exit_code(&report, args.deny_warnings))
}

/// What gets rendered where.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rendered {
    Human,
    Json,
    Sarif,
    Github,
    Rustc,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Output {
    format: Rendered,
    file: Option<PathBuf>,
}

fn rendered(f: Format) -> Rendered {
    match f {
        Format::Human => Rendered::Human,
        Format::Json => Rendered::Json,
        Format::Sarif => Rendered::Sarif,
        Format::Github => Rendered::Github,
    }
}

/// The outputs of a run: stdout in the chosen format (on GitHub Actions without --format:
/// annotations plus the text report, since GitHub shows only the first 10 annotations of a
/// kind), plus every `--output`.
fn outputs(args: &Args) -> Result<Vec<Output>, String> {
    let on_github = std::env::var("GITHUB_ACTIONS").is_ok_and(|v| v == "true");
    let mut outs = Vec::new();
    let mut stdout_taken = false;
    for spec in &args.output {
        let (format, file) = match spec.split_once('=') {
            Some((f, file)) => {
                let format = Format::from_str(f, true).map_err(|_| {
                    format!("unknown output format `{f}` in `--output {spec}` (human, json, sarif, github)")
                })?;
                (rendered(format), file)
            }
            None => {
                stdout_taken = true;
                (rendered(args.format.unwrap_or(Format::Human)), spec.as_str())
            }
        };
        outs.push(Output { format, file: Some(PathBuf::from(file)) });
    }
    if stdout_taken {
        return Ok(outs);
    }
    if args.message_format == Some(MessageFormat::Json) {
        outs.insert(0, Output { format: Rendered::Rustc, file: None });
    } else if let Some(f) = args.format {
        outs.insert(0, Output { format: rendered(f), file: None });
    } else if on_github {
        outs.insert(0, Output { format: Rendered::Human, file: None });
        outs.insert(0, Output { format: Rendered::Github, file: None });
    } else {
        outs.insert(0, Output { format: Rendered::Human, file: None });
    }
    Ok(outs)
}

fn render(format: Rendered, report: &Report, color: bool) -> String {
    match format {
        Rendered::Human => report::human::render(report, &report.root, color),
        Rendered::Json => report::json::render(report),
        Rendered::Sarif => report::sarif::render(report),
        Rendered::Github => report::github::render(report),
        Rendered::Rustc => report::rustc::render(report),
    }
}

fn append(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write as _;
    let mut f = std::fs::OpenOptions::new().create(true).append(true).open(path)?;
    f.write_all(text.as_bytes())
}

fn exit_code(report: &Report, deny_warnings: bool) -> i32 {
    let failing = report.has_errors() || (deny_warnings && !report.findings.is_empty());
    i32::from(failing)
}

fn print_stdout(text: &str) {
    let mut out = std::io::stdout().lock();
    // A closed pipe (`| head`) is not an error worth a panic.
    let _ = out.write_all(text.as_bytes());
    let _ = out.flush();
}

/// `-A`, `-W`, `-D` as the top configuration layer; `all` first, then specific ids, each
/// flag kind in that order of strength.
fn cli_layer(args: &Args) -> Result<Layer, String> {
    let mut layer = Layer::default();
    for (ids, level) in [(&args.allow, Level::Allow), (&args.warn, Level::Warn), (&args.deny, Level::Deny)] {
        if ids.iter().any(|i| i == "all") {
            layer.rules.extend(rules::RULES.iter().map(|(r, _)| (r.id.to_string(), level)));
        }
        for id in ids.iter().filter(|i| *i != "all") {
            let rule = rules::find(id).ok_or_else(|| format!("unknown rule `{id}` (see --list-rules)"))?;
            layer.rules.push((rule.id.to_string(), level));
        }
    }
    Ok(layer)
}

pub fn list_rules() -> String {
    let mut s = String::new();
    for (r, check) in rules::RULES {
        let level = match r.default_level {
            Level::Deny => "error",
            Level::Warn => "warn",
            Level::Allow => "allow",
        };
        let status = match check {
            rules::Check::None => "  (not detected yet)",
            rules::Check::Probe => "  (cargo mcp-lint probe)",
            _ => "",
        };
        s.push_str(&format!("{:<36} {:<6} {}{status}\n", r.id, level, r.summary));
    }
    s
}

pub fn explain(r: &rules::Rule) -> String {
    format!(
        "# {id}\n\nDefault level: {level}\n\n{summary}\n\n## Why it matters\n\n{why}\n\n## Bad\n\n```rust\n{bad}\n```\n\n## Good\n\n```rust\n{good}\n```\n\n## Fix\n\n{fix}\n\n## Sources\n\n{sources}\n",
        id = r.id,
        level = r.default_level.severity(),
        summary = r.summary,
        why = r.why,
        bad = r.bad,
        good = r.good,
        fix = r.fix,
        sources = r.sources.iter().map(|s| format!("- {s}")).collect::<Vec<_>>().join("\n"),
    )
}

/// `cargo mcp-lint probe`: check a running MCP server's auth responses from the outside.
#[derive(Debug, Parser)]
#[command(name = "cargo-mcp-lint-probe", bin_name = "cargo mcp-lint probe", version, long_about = None)]
#[command(about = "Send an MCP client's requests (no credentials, an invalid token, a malformed header, Basic, \
GET, DELETE) to a running server and check its 401 challenges and RFC 9728 metadata")]
pub struct ProbeArgs {
    /// The MCP endpoint URL, exactly as clients call it (e.g. https://mcp.example.com/mcp).
    pub url: String,
    /// Output format (default: human; github when GITHUB_ACTIONS=true).
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// A token the server accepts: also checks that `bearer <token>` (lowercase) is accepted.
    /// Sent only to the probed origin, never to a redirect elsewhere or to metadata URLs.
    #[arg(long, value_name = "VALID_TOKEN")]
    pub token: Option<String>,
    /// Seconds each request may take.
    #[arg(long, value_name = "SECS", default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..=300))]
    pub timeout: u64,
    /// Treat warnings as errors for the exit code.
    #[arg(long)]
    pub deny_warnings: bool,
}

/// Parse the arguments, or print clap's message and give the exit code: 0 for `--help` and
/// `--version`, 2 for a usage error.
fn parse<T: Parser>(argv: Vec<OsString>) -> Result<T, i32> {
    T::try_parse_from(argv).map_err(|e| {
        let code = if e.use_stderr() { 2 } else { 0 };
        let _ = e.print();
        code
    })
}

fn probe_main(argv: Vec<OsString>) -> i32 {
    let args = match parse::<ProbeArgs>(argv) {
        Ok(a) => a,
        Err(code) => return code,
    };
    let opts = crate::probe::Options {
        url: args.url.trim().to_string(),
        token: args.token.clone(),
        timeout: std::time::Duration::from_secs(args.timeout),
    };
    let started = std::time::Instant::now();
    let outcome = match crate::probe::run(&opts) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("error: {e}");
            return 2;
        }
    };
    let mut report = probe_report(outcome.findings, outcome.errors);
    report.probed = Some((opts.url.clone(), outcome.requests));
    let on_github = std::env::var("GITHUB_ACTIONS").is_ok_and(|v| v == "true");
    let format = args.format.unwrap_or(if on_github { Format::Github } else { Format::Human });
    let to_terminal = std::io::stdout().is_terminal();
    print_stdout(&render(rendered(format), &report, to_terminal));
    if std::io::stderr().is_terminal() {
        eprintln!("probed {} with {} request(s) in {:.2?}", opts.url, outcome.requests, started.elapsed());
    }
    exit_code(&report, args.deny_warnings)
}

/// A report of probe findings at their rules' default levels, in plan order (the order the
/// requests were sent, so it is stable), with fingerprints for `--baseline`-style tooling.
pub fn probe_report(findings: Vec<report::Finding>, errors: Vec<report::FileError>) -> Report {
    let mut seen: std::collections::HashMap<(String, String, String), usize> = std::collections::HashMap::new();
    let findings = findings
        .into_iter()
        .filter_map(|f| {
            let level = rules::find(f.rule).map_or(Level::Deny, |r| r.default_level);
            if level == Level::Allow {
                return None;
            }
            let key = (f.rule.to_string(), f.location.file.clone(), f.anchor.clone());
            let n = seen.entry(key).or_insert(0);
            let fingerprint = report::fingerprint(f.rule, &f.location.file, &f.anchor, *n);
            *n += 1;
            Some(report::Reported { finding: f, level, fingerprint })
        })
        .collect();
    // SARIF needs a base folder even though no file is reported.
    let root = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("/"));
    Report { findings, errors, root, ..Report::default() }
}
