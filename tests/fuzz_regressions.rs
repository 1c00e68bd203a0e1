//! Every input a fuzzer ever crashed on, replayed through the same entry point
//! (`engine::lint_text` for the pipeline, `challenge::validate_bearer` for the parser), on a
//! thread with libFuzzer's 8 MiB main-thread stack.

use std::path::PathBuf;

fn inputs(prefix: &str) -> Vec<(String, Vec<u8>)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests").join("fuzz_regressions");
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .expect("regression folder")
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(prefix))
        .map(|e| (e.file_name().to_string_lossy().into_owned(), std::fs::read(e.path()).expect("read")))
        .collect();
    out.sort();
    out
}

fn on_fuzzer_stack(f: impl FnOnce() + Send + 'static) {
    std::thread::Builder::new().stack_size(8 << 20).spawn(f).expect("thread").join().expect("no panic, no overflow");
}

#[test]
fn pipeline_regressions() {
    let cases = inputs("pipeline-");
    assert!(!cases.is_empty());
    for (name, bytes) in cases {
        on_fuzzer_stack(move || {
            let text = String::from_utf8_lossy(&bytes).into_owned();
            let _ = cargo_mcp_lint::engine::lint_text(&text);
            eprintln!("ok {name}");
        });
    }
}

#[test]
fn challenge_regressions() {
    for (name, bytes) in inputs("challenge-") {
        on_fuzzer_stack(move || {
            let _ = cargo_mcp_lint::challenge::validate_bearer(&String::from_utf8_lossy(&bytes));
            eprintln!("ok {name}");
        });
    }
}
