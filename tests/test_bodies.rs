//! Inline test modules are not built into syntax trees unless test code is linted
//! (`source::TestBodies::Skip`): on every fixture source, generated module and fuzz regression
//! input, the findings are those of a full parse. Something that read test bodies before they
//! are stripped (a survey of `use` items, a framework scan) would fail here with the file.

use cargo_mcp_lint::engine::{lint_text, lint_text_parsing_test_bodies};

fn same_with_and_without_test_bodies(name: &str, text: &str) -> usize {
    match (lint_text(text), lint_text_parsing_test_bodies(text)) {
        (Ok(skipped), Ok(parsed)) => {
            assert_eq!(skipped, parsed, "{name}: skipping test bodies changed the findings");
            parsed.len()
        }
        (Err(a), Err(b)) => {
            assert_eq!(a, b, "{name}");
            0
        }
        // A syntax error inside a test module fails only the full parse.
        (Ok(_), Err(e)) => {
            assert!(e.message.starts_with("cannot parse"), "{name}: {e:?}");
            0
        }
        (Err(e), Ok(_)) => panic!("{name}: fails only without test bodies: {e:?}"),
    }
}

#[test]
fn skipping_test_bodies_never_changes_findings_of_the_fixtures() {
    let files = cargo_mcp_lint::testing::fixture_sources();
    assert!(files.len() > 50, "fixture sources found: {}", files.len());
    let with_tests = files
        .iter()
        .filter(|f| std::fs::read_to_string(f).is_ok_and(|t| t.contains("#[cfg(test)]\nmod tests {")))
        .count();
    // The comparison covers files that have test modules.
    assert!(with_tests >= 2, "fixture sources with a test module: {with_tests}");
    let mut findings = 0;
    for f in &files {
        let bytes = std::fs::read(f).expect("read");
        findings += same_with_and_without_test_bodies(&f.display().to_string(), &String::from_utf8_lossy(&bytes));
    }
    assert!(findings > 100, "findings compared: {findings}");
}

#[test]
fn skipping_test_bodies_never_changes_findings_of_generated_modules_and_fuzz_inputs() {
    for i in 0..40 {
        same_with_and_without_test_bodies(&format!("module {i}"), &cargo_mcp_lint::testing::module_source(i));
    }
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_regressions");
    let mut inputs = 0;
    for entry in std::fs::read_dir(&dir).expect("fuzz regressions") {
        let path = entry.expect("entry").path();
        let bytes = std::fs::read(&path).expect("read");
        same_with_and_without_test_bodies(&path.display().to_string(), &String::from_utf8_lossy(&bytes));
        inputs += 1;
    }
    assert!(inputs > 0);
}

#[test]
fn a_test_module_that_would_be_found_is_the_same_either_way() {
    // Inside `mod tests` this handler would be a finding; test code is not linted, with or
    // without its body parsed. `use axum` appears only in the test module.
    let src = r#"
pub fn plain() -> u32 { 1 }

#[cfg(test)]
mod tests {
    use axum::{http::StatusCode, response::IntoResponse};
    async fn auth_mw() -> axum::response::Response {
        (StatusCode::OK, "Unauthorized: missing bearer token").into_response()
    }
}
"#;
    let outside_tests = lint_text(&src.replace("#[cfg(test)]\n", "")).expect("parses");
    assert_eq!(outside_tests.iter().map(|f| (f.rule, f.location.line)).collect::<Vec<_>>(), [("auth-status-200", 7)]);
    assert_eq!(lint_text(src), Ok(Vec::new()));
    assert_eq!(lint_text_parsing_test_bodies(src), Ok(Vec::new()));
}
