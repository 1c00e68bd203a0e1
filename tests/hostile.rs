//! Hostile inputs (issue: speed and robustness): each gives a clear error or a clean result,
//! never a panic or a hang; exit 2 only when nothing at all could be linted.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("mcp-lint-hostile-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("dir");
    dir
}

fn lint(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cargo-mcp-lint")).args(args).current_dir(cwd).output().expect("runs")
}

fn json(o: &Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&o.stderr)))
}

const DEFECT: &str = "async fn mw() -> Result<(), StatusCode> {\n    Err(StatusCode::UNAUTHORIZED)\n}\n";

fn errors_of(doc: &serde_json::Value) -> Vec<(String, String)> {
    doc["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .map(|e| (e["file"].as_str().unwrap_or("").to_string(), e["message"].as_str().unwrap_or("").to_string()))
        .collect()
}

#[test]
fn deep_nesting_huge_files_and_empty_files_do_not_stop_the_rest() {
    let dir = scratch("mixed");
    let n = 100_000;
    std::fs::write(dir.join("deep.rs"), format!("fn f() {{ let x = {}1{}; }}", "(".repeat(n), ")".repeat(n)))
        .expect("w");
    let unary = format!("fn g() -> bool {{ {}true }}", "!".repeat(n));
    std::fs::write(dir.join("unary.rs"), unary).expect("w");
    std::fs::write(dir.join("returns.rs"), format!("fn h() -> u8 {{ {}1 }}", "return ".repeat(n))).expect("w");
    let big = "// padding padding padding padding padding padding padding padding\n".repeat(800_000);
    std::fs::write(dir.join("huge.rs"), big).expect("w"); // ~54 MB
    std::fs::write(dir.join("empty.rs"), "").expect("w");
    std::fs::write(dir.join("good.rs"), DEFECT).expect("w");
    let o = lint(&["--format", "json", "."], &dir);
    assert_eq!(o.status.code(), Some(1), "{}", String::from_utf8_lossy(&o.stderr));
    let doc = json(&o);
    assert_eq!(doc["files_scanned"], 6);
    let errors = errors_of(&doc);
    assert_eq!(errors.len(), 4, "{errors:?}");
    assert_eq!(errors[0].0, "deep.rs");
    assert!(errors[0].1.contains("nested more than"), "{errors:?}");
    assert_eq!(errors[1].0, "huge.rs");
    assert!(errors[1].1.contains("MiB limit"), "{errors:?}");
    assert_eq!(errors[2].0, "returns.rs");
    assert_eq!(errors[3].0, "unary.rs");
    assert!(errors[3].1.contains("nested more than"), "{errors:?}");
    assert_eq!(doc["findings"][0]["file"], "good.rs");
}

#[test]
fn crlf_and_bom_keep_lines_and_columns() {
    let dir = scratch("crlf");
    let text = format!("\u{feff}{}", DEFECT.replace('\n', "\r\n"));
    std::fs::write(dir.join("crlf.rs"), text).expect("w");
    let doc = json(&lint(&["--format", "json", "."], &dir));
    assert_eq!(doc["findings"][0]["line"], 2);
    assert_eq!(doc["findings"][0]["column"], 5);
}

#[test]
fn path_cycles_and_symlink_loops_terminate() {
    let dir = scratch("cycles");
    std::fs::write(dir.join("a.rs"), format!("#[path = \"b.rs\"]\nmod b;\n{DEFECT}")).expect("w");
    std::fs::write(dir.join("b.rs"), "#[path = \"a.rs\"]\nmod a;\n").expect("w");
    std::fs::create_dir_all(dir.join("sub")).expect("dir");
    #[cfg(unix)]
    std::os::unix::fs::symlink(&dir, dir.join("sub").join("loop")).expect("symlink");
    let o = lint(&["--format", "json", "a.rs"], &dir);
    let doc = json(&o);
    assert_eq!(doc["files_scanned"], 2, "a.rs and, through #[path], b.rs; once each");
    let o = lint(&["--format", "json", "."], &dir);
    assert_eq!(json(&o)["files_scanned"], 2, "the symlink loop is not followed");
}

#[test]
fn nothing_lintable_exits_2_with_a_message() {
    let dir = scratch("nothing");
    std::fs::write(dir.join("broken.rs"), "fn (").expect("w");
    let o = lint(&["--format", "json", "."], &dir);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(String::from_utf8_lossy(&o.stderr), "error: no file could be analysed\n");
    assert_eq!(json(&o)["errors"].as_array().map(Vec::len), Some(1), "the report is still printed");
    let empty = scratch("empty");
    let o = lint(&["."], &empty);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(String::from_utf8_lossy(&o.stderr), "error: no Rust files to lint\n");
}

#[test]
fn no_cargo_on_path() {
    let dir = scratch("nocargo");
    std::fs::write(dir.join("Cargo.toml"), "[package]\nname = \"x\"\nversion = \"0.1.0\"\n").expect("w");
    std::fs::create_dir_all(dir.join("src")).expect("w");
    std::fs::write(dir.join("src/lib.rs"), DEFECT).expect("w");
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_cargo-mcp-lint"))
            .args(args)
            .current_dir(&dir)
            .env("PATH", "")
            .env_remove("CARGO")
            .output()
            .expect("runs")
    };
    let o = run(&[]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.starts_with("error: cannot run cargo"), "{err}");
    // Paths need no cargo.
    let o = run(&["--format", "json", "src"]);
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn a_workspace_of_a_thousand_members() {
    let dir = scratch("members");
    let members: Vec<String> = (0..1000).map(|i| format!("\"m{i}\"")).collect();
    std::fs::write(
        dir.join("Cargo.toml"),
        format!("[workspace]\nresolver = \"2\"\nmembers = [{}]\n", members.join(", ")),
    )
    .expect("w");
    for i in 0..1000 {
        let m = dir.join(format!("m{i}"));
        std::fs::create_dir_all(m.join("src")).expect("dir");
        std::fs::write(
            m.join("Cargo.toml"),
            format!("[package]\nname = \"m{i}\"\nversion = \"0.1.0\"\nedition = \"2021\"\n"),
        )
        .expect("w");
        std::fs::write(m.join("src/lib.rs"), if i == 999 { DEFECT } else { "pub fn f() {}\n" }).expect("w");
    }
    let o = lint(&["--format", "json"], &dir);
    assert_eq!(o.status.code(), Some(1), "{}", String::from_utf8_lossy(&o.stderr));
    let doc = json(&o);
    assert_eq!(doc["files_scanned"], 1000);
    assert_eq!(doc["findings"][0]["file"], "m999/src/lib.rs");
}

#[test]
fn never_runs_build_scripts_or_proc_macros_and_never_writes_to_the_project() {
    let dir = scratch("safety");
    let marker_build = dir.join("build-ran");
    let marker_macro = dir.join("macro-ran");
    std::fs::write(dir.join("Cargo.toml"), "[workspace]\nmembers = [\"app\", \"mac\"]\nresolver = \"2\"\n").expect("w");
    for d in ["app/src", "mac/src"] {
        std::fs::create_dir_all(dir.join(d)).expect("dir");
    }
    std::fs::write(
        dir.join("app/Cargo.toml"),
        "[package]\nname = \"app\"\nversion = \"0.1.0\"\nedition = \"2021\"\nbuild = \"build.rs\"\n[dependencies]\nmac = { path = \"../mac\" }\n",
    )
    .expect("w");
    std::fs::write(
        dir.join("app/build.rs"),
        format!("fn main() {{ std::fs::write({:?}, \"x\").unwrap(); }}\n", marker_build),
    )
    .expect("w");
    std::fs::write(dir.join("app/src/lib.rs"), format!("mac::touch!();\n{DEFECT}")).expect("w");
    std::fs::write(
        dir.join("mac/Cargo.toml"),
        "[package]\nname = \"mac\"\nversion = \"0.1.0\"\nedition = \"2021\"\n[lib]\nproc-macro = true\n",
    )
    .expect("w");
    std::fs::write(
        dir.join("mac/src/lib.rs"),
        format!(
            "#[proc_macro]\npub fn touch(_: proc_macro::TokenStream) -> proc_macro::TokenStream {{ std::fs::write({:?}, \"x\").unwrap(); Default::default() }}\n",
            marker_macro
        ),
    )
    .expect("w");
    let before = listing(&dir);
    let o = lint(&["--format", "json"], &dir);
    assert_eq!(o.status.code(), Some(1), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(!marker_build.exists(), "build.rs ran");
    assert!(!marker_macro.exists(), "the proc macro ran");
    assert_eq!(listing(&dir), before, "the lint wrote into the project (cargo metadata --no-deps writes no lock file)");
}

fn listing(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("read").flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p.clone());
            }
            out.push(p);
        }
    }
    out.sort();
    out
}

#[test]
fn works_without_network() {
    // A network namespace with no interfaces: any connection attempt fails.
    let probe = Command::new("unshare").args(["-n", "true"]).output();
    if !probe.is_ok_and(|o| o.status.success()) {
        eprintln!("skipped: `unshare -n` is not available here (needs root or user namespaces)");
        return;
    }
    let dir = scratch("nonet");
    std::fs::write(
        dir.join("Cargo.toml"),
        "[package]\nname = \"x\"\nversion = \"0.1.0\"\nedition = \"2021\"\n[dependencies]\naxum = \"0.8\"\n",
    )
    .expect("w");
    std::fs::create_dir_all(dir.join("src")).expect("w");
    std::fs::write(dir.join("src/lib.rs"), DEFECT).expect("w");
    let o = Command::new("unshare")
        .args(["-n", env!("CARGO_BIN_EXE_cargo-mcp-lint"), "--format", "json"])
        .current_dir(&dir)
        .output()
        .expect("runs");
    assert_eq!(o.status.code(), Some(1), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(json(&o)["findings"][0]["rule"], "missing-www-authenticate");
}

/// An unreadable folder becomes an `errors` entry; the readable files are still linted. Root
/// reads through permissions, so where the folder stays readable (CI runs as root here) there
/// is nothing to observe and the test says so instead of passing silently.
#[cfg(unix)]
#[test]
fn unreadable_folders_are_reported_not_skipped() {
    use std::os::unix::fs::PermissionsExt;
    let dir = scratch("unreadable");
    std::fs::write(dir.join("ok.rs"), DEFECT).expect("w");
    let locked = dir.join("locked");
    std::fs::create_dir_all(&locked).expect("dir");
    std::fs::write(locked.join("hidden.rs"), DEFECT).expect("w");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    if std::fs::read_dir(&locked).is_ok() {
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).expect("chmod");
        eprintln!("unreadable_folders_are_reported_not_skipped: permissions are not enforced for this user (root); not observable here");
        return;
    }
    let out = lint(&["--format", "json", "."], &dir);
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    let doc = json(&out);
    let errors = errors_of(&doc);
    assert!(errors.iter().any(|(f, m)| f == "locked" && m.contains("cannot read")), "{errors:?}");
    assert_eq!(doc["findings"].as_array().map(Vec::len), Some(1), "ok.rs is still linted");
}
