//! The command-line contracts (DESIGN §2-§4): help and version both ways, the JSON document,
//! exit codes 0/1/2 and the one-line errors. Snapshots are in tests/snapshots/.

mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_cargo-mcp-lint"))
}

fn run(args: &[&str], cwd: &Path) -> Output {
    bin().args(args).current_dir(cwd).env_remove("GITHUB_ACTIONS").output().expect("binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("mcp-lint-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

#[test]
fn help_works_directly_and_as_cargo_subcommand() {
    let direct = run(&["--help"], &repo());
    let sub = run(&["mcp-lint", "--help"], &repo());
    assert_eq!(direct.status.code(), Some(0));
    assert_eq!(sub.status.code(), Some(0));
    assert_eq!(stdout(&direct), stdout(&sub));
    insta::assert_snapshot!("help", stdout(&direct));
}

#[test]
fn version_works_both_ways() {
    for args in [&["--version"][..], &["mcp-lint", "--version"][..]] {
        let o = run(args, &repo());
        assert_eq!(o.status.code(), Some(0));
        assert_eq!(stdout(&o).trim(), format!("cargo-mcp-lint {}", env!("CARGO_PKG_VERSION")));
    }
}

#[test]
fn list_rules_names_every_rule() {
    let o = run(&["--list-rules"], &repo());
    assert_eq!(o.status.code(), Some(0));
    insta::assert_snapshot!("list_rules", stdout(&o));
}

#[test]
fn explain_prints_docs_and_rejects_unknown_rules() {
    let o = run(&["--explain", "missing_www_authenticate"], &repo());
    assert_eq!(o.status.code(), Some(0));
    let text = stdout(&o);
    for section in ["# missing-www-authenticate", "## Why it matters", "## Bad", "## Good", "## Fix", "## Sources"] {
        assert!(text.contains(section), "missing {section}");
    }
    let bad = run(&["--explain", "no-such-rule"], &repo());
    assert_eq!(bad.status.code(), Some(2));
    assert_eq!(stderr(&bad), "error: unknown rule `no-such-rule` (see --list-rules)\n");
}

#[test]
fn json_document_has_the_contract_shape() {
    let o = run(&["--format", "json", "fixtures/axum-missing-challenge/src"], &repo());
    assert_eq!(o.status.code(), Some(1), "error-level findings exit 1");
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).expect("one JSON document on stdout");
    let text = stdout(&o);
    let top = ["\"version\"", "\"tool\"", "\"findings\"", "\"suppressed\"", "\"files_scanned\"", "\"errors\""];
    let positions: Vec<usize> = top.iter().map(|k| text.find(k).expect("key present")).collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "keys in the documented order");
    assert_eq!(doc["version"], 1);
    assert_eq!(doc["tool"]["name"], "cargo-mcp-lint");
    let findings = doc["findings"].as_array().expect("findings");
    assert!(!findings.is_empty());
    for f in findings {
        let mut keys: Vec<&str> = f.as_object().expect("finding").keys().map(String::as_str).collect();
        keys.sort_unstable();
        assert_eq!(
            keys,
            [
                "column",
                "end_column",
                "end_line",
                "file",
                "fingerprint",
                "help",
                "line",
                "message",
                "related",
                "rule",
                "severity"
            ]
        );
        assert!(f["file"].as_str().is_some_and(|p| p.starts_with("fixtures/axum-missing-challenge/src/")), "{f}");
        assert!(f["line"].as_u64().is_some_and(|l| l >= 1) && f["column"].as_u64().is_some_and(|c| c >= 1));
    }
    let sorted = findings.windows(2).all(|w| {
        let k =
            |f: &serde_json::Value| (f["file"].as_str().map(str::to_string), f["line"].as_u64(), f["column"].as_u64());
        k(&w[0]) <= k(&w[1])
    });
    assert!(sorted, "findings sorted by file, line, column");
}

#[test]
fn clean_code_exits_zero() {
    let o = run(&["--format", "json", "fixtures/negatives/src"], &repo());
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(doc["findings"].as_array().map(Vec::len), Some(0));
}

#[test]
fn allow_all_and_deny_warnings_change_the_exit_code() {
    let allowed = run(&["-A", "all", "fixtures/axum-missing-challenge/src"], &repo());
    assert_eq!(allowed.status.code(), Some(0));
    let warn = run(&["-W", "all", "--format", "json", "fixtures/axum-missing-challenge/src"], &repo());
    assert_eq!(warn.status.code(), Some(0), "warnings alone exit 0");
    let denied = run(&["-W", "all", "--deny-warnings", "fixtures/axum-missing-challenge/src"], &repo());
    assert_eq!(denied.status.code(), Some(1));
}

#[test]
fn missing_path_is_a_one_line_error() {
    let o = run(&["does/not/exist"], &repo());
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(stderr(&o), "error: path `does/not/exist` does not exist\n");
}

#[test]
fn no_workspace_is_a_one_line_error() {
    let dir = scratch("noworkspace");
    let o = run(&[], &dir);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with("error: cannot read the workspace: could not find `Cargo.toml`"), "{err}");
}

#[test]
fn broken_manifest_is_a_one_line_error() {
    let dir = scratch("broken");
    std::fs::write(dir.join("Cargo.toml"), "[package\nname = \"x\"\n").expect("write");
    let o = run(&[], &dir);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with("error: cannot read the workspace: "), "{err}");
    assert!(err.contains("Cargo.toml"), "names the manifest: {err}");
}

#[test]
fn unknown_package_is_an_error() {
    let o = run(&["--manifest-path", "fixtures/Cargo.toml", "-p", "nope"], &repo());
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(stderr(&o), "error: package `nope` is not a member of the workspace\n");
}

#[test]
fn unparseable_and_binary_files_are_reported_and_the_rest_still_linted() {
    let dir = scratch("badfiles");
    std::fs::write(dir.join("broken.rs"), "fn main( {\n").expect("write");
    std::fs::write(dir.join("binary.rs"), [0u8, 159, 146, 150]).expect("write");
    std::fs::write(dir.join("latin1.rs"), [b'/', b'/', b' ', 0xe9, b'\n']).expect("write");
    std::fs::write(
        dir.join("good.rs"),
        "async fn mw() -> Result<(), StatusCode> {\n    Err(StatusCode::UNAUTHORIZED)\n}\n",
    )
    .expect("write");
    let o = run(&["--format", "json", "."], &dir);
    assert_eq!(o.status.code(), Some(1));
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(doc["files_scanned"], 4);
    let errors: Vec<String> = doc["errors"].as_array().expect("errors").iter().map(|e| e.to_string()).collect();
    insta::assert_snapshot!("bad_file_errors", errors.join("\n"));
    assert_eq!(doc["findings"][0]["rule"], "missing-www-authenticate");
    assert_eq!(doc["findings"][0]["file"], "good.rs");
}

#[test]
fn human_output_has_snippet_help_and_summary() {
    let o = run(&["fixtures/jsonrpc-handrolled/src"], &repo());
    assert_eq!(o.status.code(), Some(1));
    let text = stdout(&o);
    assert!(!text.contains('\u{1b}'), "no colour when stdout is not a terminal");
    assert!(text.contains("mcp-lint::auth-status-200"));
    assert!(text.contains("help:"));
    assert!(text.contains("file(s) scanned"));
}

#[test]
fn json_is_identical_across_thread_counts_and_runs() {
    let args = |j: &'static str| vec!["--format", "json", "-j", j, "--manifest-path", "fixtures/Cargo.toml"];
    let one = run(&args("1"), &repo());
    let two = run(&args("2"), &repo());
    let eight = run(&args("8"), &repo());
    let again = run(&args("2"), &repo());
    assert!(!one.stdout.is_empty());
    assert_eq!(one.stdout, two.stdout);
    assert_eq!(one.stdout, eight.stdout);
    assert_eq!(two.stdout, again.stdout);
}

#[test]
fn output_file_receives_the_report() {
    let dir = scratch("output");
    let out = dir.join("report.json");
    let o = bin()
        .args(["--format", "json", "--output"])
        .arg(&out)
        .arg("fixtures/negatives/src")
        .current_dir(repo())
        .output()
        .expect("runs");
    assert_eq!(o.status.code(), Some(0));
    assert!(o.stdout.is_empty(), "stdout carries nothing when --output is given");
    let doc: serde_json::Value = serde_json::from_slice(&std::fs::read(&out).expect("written")).expect("json");
    assert_eq!(doc["version"], 1);
}

#[test]
fn the_benchmark_floors_parse_everything_or_what_the_lint_parses() {
    // `--parse-only` is syn's whole parse; `--as-lint` leaves out what the lint leaves out, so a
    // doc comment with nothing to document fails only the first (benches/run.sh).
    let dir = scratch("floors");
    std::fs::write(dir.join("ok.rs"), "/// Docs.\npub fn ok() {}\n").expect("write");
    std::fs::write(dir.join("dangling.rs"), "impl S {\n    fn f() {}\n    /// gone\n}\n").expect("write");
    let full = run(&["--parse-only", "."], &dir);
    let as_lint = run(&["--parse-only", "--as-lint", "."], &dir);
    assert_eq!((full.status.code(), stderr(&full).trim()), (Some(0), "parsed 1 file(s)"));
    assert_eq!((as_lint.status.code(), stderr(&as_lint).trim()), (Some(0), "parsed 2 file(s)"));
    assert_eq!(run(&["--as-lint", "."], &dir).status.code(), Some(2));
}
