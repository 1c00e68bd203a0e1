//! The word gates (`src/facts/vocab.rs`) only skip work: on every fixture source, seed and
//! generated module, and on the fuzzers' regression inputs, the findings with the gates are the
//! findings with every gate open. A gate that hid a finding would fail here with the file and
//! the finding it lost.

use cargo_mcp_lint::engine::{lint_text, lint_text_ungated};

fn same_with_and_without_gates(name: &str, text: &str) -> usize {
    let gated = lint_text(text);
    let open = lint_text_ungated(text);
    match (gated, open) {
        (Ok(gated), Ok(open)) => {
            assert_eq!(gated, open, "{name}: the gates changed the findings");
            open.len()
        }
        (Err(a), Err(b)) => {
            assert_eq!(a, b, "{name}");
            0
        }
        (a, b) => panic!("{name}: parsed differently: {a:?} / {b:?}"),
    }
}

#[test]
fn gates_never_change_findings_of_the_fixtures() {
    let files = cargo_mcp_lint::testing::fixture_texts();
    assert!(files.len() > 50, "fixture sources found: {}", files.len());
    let findings: usize = files.iter().map(|(name, text)| same_with_and_without_gates(name, text)).sum();
    // The comparison is between answers that say something.
    assert!(findings > 100, "findings compared: {findings}");
}

#[test]
fn gates_never_change_findings_of_generated_modules() {
    let mut findings = 0;
    for i in 0..40 {
        findings += same_with_and_without_gates(&format!("module {i}"), &cargo_mcp_lint::testing::module_source(i));
    }
    assert!(findings > 0);
}

#[test]
fn gates_see_words_anywhere_in_a_function() {
    // `check` holds no credential word, only a call of a helper that reads `Authorization`,
    // and no scheme, only a constant holding one: both gates must let it through.
    let src = r#"
const PREFIX: &str = "Bearer ";
fn header_value(h: &http::HeaderMap) -> Option<&str> {
    h.get(http::header::AUTHORIZATION)?.to_str().ok()
}
fn check(h: &http::HeaderMap, expected: &str) -> bool {
    let v = header_value(h);
    let Some(v) = v else { return false };
    let Some(t) = v.strip_prefix(PREFIX) else { return false };
    t == expected
}
"#;
    let rules: Vec<&str> = lint_text(src).expect("parses").iter().map(|f| f.rule).collect();
    assert_eq!(rules, ["secret-compared-non-constant-time", "bearer-scheme-case-sensitive"]);
    assert_eq!(same_with_and_without_gates("helper and const", src), 2);
}
