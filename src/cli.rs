//! Command line (DESIGN §2) and exit codes (DESIGN §4): 0 clean, 1 error-level findings,
//! 2 could not run.

use crate::engine::{self, Options};
use crate::report::{self, Level, Report};
use crate::rules;
use crate::workspace::{self, Selection};
use clap::{Parser, ValueEnum};
use std::ffi::OsString;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    Json,
}

/// Lint Rust MCP and JSON-RPC servers: auth failures must be answered with HTTP 401 and a
/// `WWW-Authenticate: Bearer` challenge.
#[derive(Debug, Parser)]
#[command(name = "cargo-mcp-lint", bin_name = "cargo mcp-lint", version, about, long_about = None)]
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
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Write the report to this file instead of stdout.
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,
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
    /// Print a rule's documentation and exit.
    #[arg(long, value_name = "RULE")]
    pub explain: Option<String>,
    /// List all rules and exit.
    #[arg(long)]
    pub list_rules: bool,
    /// Number of worker threads (default: all cores).
    #[arg(short = 'j', long = "jobs", value_name = "N")]
    pub jobs: Option<usize>,
}

/// Run with the process arguments; returns the exit code.
pub fn main(mut argv: Vec<OsString>) -> i32 {
    // `cargo mcp-lint ...` runs `cargo-mcp-lint mcp-lint ...`.
    if argv.get(1).is_some_and(|a| a == "mcp-lint") {
        argv.remove(1);
    }
    let args = match Args::try_parse_from(argv) {
        Ok(a) => a,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return code;
        }
    };
    match run(&args) {
        Ok(code) => code,
        Err(msg) => {
            eprintln!("error: {msg}");
            2
        }
    }
}

fn run(args: &Args) -> Result<i32, String> {
    if args.list_rules {
        print_stdout(&list_rules());
        return Ok(0);
    }
    if let Some(id) = &args.explain {
        let rule =
            rules::find(id).ok_or_else(|| format!("unknown rule `{id}` (see --list-rules)"))?;
        print_stdout(&explain(rule));
        return Ok(0);
    }
    let levels = levels(args)?;
    let cwd =
        std::env::current_dir().map_err(|e| format!("cannot read the current directory: {e}"))?;
    let sel = Selection {
        manifest_path: args.manifest_path.clone(),
        packages: args.package.clone(),
        exclude: args.exclude.clone(),
        paths: args.paths.clone(),
        include_tests: args.include_tests,
    };
    let plan = workspace::discover(&sel, &cwd).map_err(|e| e.to_string())?;
    let opts = Options {
        include_tests: args.include_tests,
        levels,
        threads: args.jobs,
        ..Options::default()
    };
    let report = engine::lint(&plan, &opts)?;
    let to_terminal = args.output.is_none() && std::io::stdout().is_terminal();
    let text = match args.format {
        Format::Human => report::human::render(&report, &plan.root, to_terminal),
        Format::Json => report::json::render(&report),
    };
    match &args.output {
        Some(path) => std::fs::write(path, text)
            .map_err(|e| format!("cannot write `{}`: {e}", path.display()))?,
        None => print_stdout(&text),
    }
    Ok(exit_code(&report, args.deny_warnings))
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

/// `-A`, `-W`, `-D` applied in that order of strength, `all` first then specific ids.
fn levels(args: &Args) -> Result<std::collections::HashMap<String, Level>, String> {
    let mut out = std::collections::HashMap::new();
    for (ids, level) in [
        (&args.allow, Level::Allow),
        (&args.warn, Level::Warn),
        (&args.deny, Level::Deny),
    ] {
        for id in ids.iter().filter(|i| *i == "all") {
            let _ = id;
            for (r, _) in rules::RULES {
                out.insert(r.id.to_string(), level);
            }
        }
        for id in ids.iter().filter(|i| *i != "all") {
            let rule =
                rules::find(id).ok_or_else(|| format!("unknown rule `{id}` (see --list-rules)"))?;
            out.insert(rule.id.to_string(), level);
        }
    }
    Ok(out)
}

pub fn list_rules() -> String {
    let mut s = String::new();
    for (r, check) in rules::RULES {
        let level = match r.default_level {
            Level::Deny => "error",
            Level::Warn => "warn",
            Level::Allow => "allow",
        };
        let status = if check.is_some() {
            ""
        } else {
            "  (not detected yet)"
        };
        s.push_str(&format!(
            "{:<36} {:<6} {}{status}\n",
            r.id, level, r.summary
        ));
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
