//! CI-grade use (issue: config layering, levels, suppressions, baseline, output routing, GitHub
//! mode), driven through the binary on small workspaces made by the test.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_cargo-mcp-lint"));
    c.env_remove("GITHUB_ACTIONS").env_remove("GITHUB_STEP_SUMMARY");
    c
}

fn run(args: &[&str], cwd: &Path) -> Output {
    bin().args(args).current_dir(cwd).output().expect("binary runs")
}

fn json(o: &Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&o.stdout)))
}

fn rules_of(doc: &serde_json::Value) -> Vec<(String, u64, String)> {
    doc["findings"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|f| {
                    (
                        f["rule"].as_str().unwrap_or("").to_string(),
                        f["line"].as_u64().unwrap_or(0),
                        f["severity"].as_str().unwrap_or("").to_string(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

const SERVER: &str = r#"use axum::http::StatusCode;

pub async fn gate(headers: axum::http::HeaderMap) -> Result<(), StatusCode> {
    if headers.get("authorization").is_none() {
        return Err(StatusCode::UNAUTHORIZED);
    }
    Ok(())
}

pub async fn mcp(headers: axum::http::HeaderMap) -> axum::Json<serde_json::Value> {
    if headers.get("x-api-key").is_none() {
        return axum::Json(serde_json::json!({"jsonrpc": "2.0", "id": 1, "error": {"code": -32099, "message": "Unauthorized"}}));
    }
    axum::Json(serde_json::json!({"jsonrpc": "2.0", "id": 1, "result": {}}))
}
"#;

/// A one-package workspace with the given extra manifest text and files.
fn workspace(name: &str, manifest_extra: &str, files: &[(&str, &str)]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("mcp-lint-ci-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("src")).expect("dir");
    let manifest = format!("[package]\nname = \"demo\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n{manifest_extra}");
    std::fs::write(dir.join("Cargo.toml"), manifest).expect("manifest");
    for (path, text) in files {
        let p = dir.join(path);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).expect("dir");
        }
        std::fs::write(p, text).expect("file");
    }
    dir
}

#[test]
fn defaults_report_both_defects() {
    let dir = workspace("defaults", "", &[("src/lib.rs", SERVER)]);
    let doc = json(&run(&["--format", "json"], &dir));
    // -32099 is not an auth code by default, but "Unauthorized" on the api-key branch is.
    assert_eq!(
        rules_of(&doc),
        vec![("missing-www-authenticate".into(), 5, "error".into()), ("auth-status-200".into(), 12, "error".into())]
    );
}

#[test]
fn package_metadata_sets_levels_and_mcp_lint_toml_overrides_it() {
    let extra = "[package.metadata.mcp-lint.rules]\nmissing-www-authenticate = \"warn\"\nauth-status-200 = \"allow\"\n";
    let dir = workspace("layers", extra, &[("src/lib.rs", SERVER)]);
    let o = run(&["--format", "json"], &dir);
    assert_eq!(o.status.code(), Some(0), "only a warning left");
    assert_eq!(rules_of(&json(&o)), vec![("missing-www-authenticate".into(), 5, "warning".into())]);

    std::fs::write(dir.join("mcp-lint.toml"), "[rules]\nauth-status-200 = \"deny\"\n").expect("toml");
    let o = run(&["--format", "json"], &dir);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        rules_of(&json(&o)),
        vec![("missing-www-authenticate".into(), 5, "warning".into()), ("auth-status-200".into(), 12, "error".into())]
    );

    // CLI flags are the top layer.
    let o = run(&["--format", "json", "-A", "all", "-D", "missing-www-authenticate"], &dir);
    assert_eq!(rules_of(&json(&o)), vec![("missing-www-authenticate".into(), 5, "error".into())]);
}

#[test]
fn auth_codes_and_exclude_come_from_config() {
    let dir = workspace("codes", "", &[("src/lib.rs", SERVER), ("src/legacy/old.rs", SERVER)]);
    std::fs::write(dir.join("src/lib.rs"), format!("#[path = \"legacy/old.rs\"]\nmod old;\n{SERVER}")).expect("lib");
    std::fs::write(dir.join("mcp-lint.toml"), "auth-codes = [-32099]\nexclude = [\"src/legacy/**\"]\n").expect("toml");
    let doc = json(&run(&["--format", "json"], &dir));
    let files: Vec<&str> =
        doc["findings"].as_array().expect("findings").iter().filter_map(|f| f["file"].as_str()).collect();
    assert!(files.iter().all(|f| *f == "src/lib.rs"), "excluded file linted: {files:?}");
    let msg = doc["findings"][1]["message"].as_str().expect("message");
    assert!(msg.contains("JSON-RPC error -32099"), "{msg}");
}

#[test]
fn config_error_points_into_the_file_and_exits_2() {
    let extra = "[package.metadata.mcp-lint.rules]\nmissing-www-authentication = \"deny\"\n";
    let dir = workspace("badconfig", extra, &[("src/lib.rs", SERVER)]);
    let o = run(&[], &dir);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("unknown rule"), "{err}");
    assert!(err.contains("Cargo.toml:7:1]"), "span into the manifest: {err}");
    assert!(err.contains("7 │ missing-www-authentication = \"deny\""), "snippet of the line: {err}");
    assert!(o.stdout.is_empty());
}

#[test]
fn baseline_counts_only_new_findings_and_survives_line_moves() {
    let dir = workspace("baseline", "", &[("src/lib.rs", SERVER)]);
    let o = run(&["--write-baseline", "mcp-lint-baseline.json"], &dir);
    assert_eq!(o.status.code(), Some(0));
    let o = run(&["--format", "json", "--baseline", "mcp-lint-baseline.json"], &dir);
    assert_eq!(o.status.code(), Some(0));
    let doc = json(&o);
    assert_eq!(doc["findings"].as_array().map(Vec::len), Some(0));
    assert_eq!(doc["baselined"], 2);

    // Unrelated edit that moves every line, plus one new defect.
    let moved = format!("// a comment\n\n{SERVER}\npub async fn admin() -> Result<(), StatusCode> {{\n    Err(StatusCode::UNAUTHORIZED)\n}}\n");
    std::fs::write(dir.join("src/lib.rs"), moved).expect("edit");
    let o = run(&["--format", "json", "--baseline", "mcp-lint-baseline.json"], &dir);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(rules_of(&json(&o)), vec![("missing-www-authenticate".into(), 20, "error".into())]);

    // Fix one baselined defect: its entry is stale and pruned.
    std::fs::write(dir.join("src/lib.rs"), SERVER.replace("return Err(StatusCode::UNAUTHORIZED);", "return Ok(());"))
        .expect("fix");
    let o = run(&["--baseline", "mcp-lint-baseline.json", "--prune-baseline"], &dir);
    assert_eq!(o.status.code(), Some(0));
    let base: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("mcp-lint-baseline.json")).expect("read")).expect("json");
    let rules: Vec<&str> =
        base["findings"].as_array().expect("entries").iter().filter_map(|e| e["rule"].as_str()).collect();
    assert_eq!(rules, vec!["auth-status-200"]);
}

#[test]
fn outputs_route_formats_to_files_and_stdout() {
    let dir = workspace("outputs", "", &[("src/lib.rs", SERVER)]);
    let o = run(&["--format", "json", "--output", "sarif=out.sarif", "--output", "github=annotations.txt"], &dir);
    assert_eq!(o.status.code(), Some(1));
    assert!(json(&o)["findings"].is_array(), "stdout keeps the chosen format");
    let sarif: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("out.sarif")).expect("sarif")).expect("json");
    assert_eq!(sarif["version"], "2.1.0");
    let ann = std::fs::read_to_string(dir.join("annotations.txt")).expect("github");
    assert!(ann.starts_with("::error file=src/lib.rs,line=5"), "{ann}");
}

#[test]
fn github_actions_gets_annotations_text_and_a_step_summary() {
    let dir = workspace("gha", "", &[("src/lib.rs", SERVER)]);
    let summary = dir.join("summary.md");
    let o = bin()
        .current_dir(&dir)
        .env("GITHUB_ACTIONS", "true")
        .env("GITHUB_STEP_SUMMARY", &summary)
        .output()
        .expect("runs");
    assert_eq!(o.status.code(), Some(1));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.starts_with("::error "), "annotations first: {out}");
    assert!(out.contains("mcp-lint::missing-www-authenticate"), "text report too: {out}");
    let md = std::fs::read_to_string(&summary).expect("summary written");
    assert!(md.contains("missing-www-authenticate"), "{md}");
}

#[test]
fn message_format_json_is_cargo_messages() {
    let dir = workspace("rustc", "", &[("src/lib.rs", SERVER)]);
    let o = run(&["--message-format", "json"], &dir);
    let msgs: Vec<cargo_metadata::Message> = cargo_metadata::Message::parse_stream(std::io::Cursor::new(o.stdout))
        .collect::<Result<_, _>>()
        .expect("valid lines");
    let codes: Vec<String> = msgs
        .iter()
        .filter_map(|m| match m {
            cargo_metadata::Message::CompilerMessage(c) => c.message.code.as_ref().map(|c| c.code.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(codes, vec!["mcp_lint::missing_www_authenticate", "mcp_lint::auth_status_200"]);
    assert!(matches!(msgs.last(), Some(cargo_metadata::Message::BuildFinished(b)) if !b.success));
}
