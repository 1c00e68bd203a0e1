//! What the lint leaves out of its syntax trees (`source::Omit::for_lint`: doc comments, and
//! the bodies of inline test modules unless test code is linted) never changes an answer: on
//! every fixture source, fuzz regression input and generated module, the findings are those of
//! a full parse. Something that read doc attributes, or test bodies before they are stripped
//! (a survey of `use` items, a framework scan), would fail here with the file.

use cargo_mcp_lint::engine::{lint_text, lint_text_full_parse};

fn same_as_full_parse(name: &str, text: &str) -> usize {
    match (lint_text(text), lint_text_full_parse(text)) {
        (Ok(skipped), Ok(parsed)) => {
            assert_eq!(skipped, parsed, "{name}: what the lint leaves out changed the findings");
            parsed.len()
        }
        (Err(a), Err(b)) => {
            assert_eq!(a, b, "{name}");
            0
        }
        // A syntax error inside a test module, or a doc comment with nothing to document,
        // fails only the full parse.
        (Ok(_), Err(e)) => {
            assert!(e.message.starts_with("cannot parse"), "{name}: {e:?}");
            0
        }
        (Err(e), Ok(_)) => panic!("{name}: fails only with parts left out: {e:?}"),
    }
}

#[test]
fn leaving_parts_out_never_changes_findings_of_the_fixtures() {
    let files = cargo_mcp_lint::testing::fixture_texts();
    assert!(files.len() > 50, "fixture sources found: {}", files.len());
    // The comparison covers files that have test modules and doc comments.
    let with_tests = files.iter().filter(|(_, t)| t.contains("#[cfg(test)]\nmod tests {")).count();
    let with_docs = files.iter().filter(|(_, t)| t.contains("/// ")).count();
    assert!(with_tests >= 2 && with_docs >= 10, "sources with a test module {with_tests}, with docs {with_docs}");
    let findings: usize = files.iter().map(|(name, text)| same_as_full_parse(name, text)).sum();
    assert!(findings > 100, "findings compared: {findings}");
}

#[test]
fn leaving_parts_out_never_changes_findings_of_generated_modules() {
    let findings: usize =
        (0..40).map(|i| same_as_full_parse(&format!("module {i}"), &cargo_mcp_lint::testing::module_source(i))).sum();
    assert!(findings > 0);
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
    assert_eq!(lint_text_full_parse(src), Ok(Vec::new()));
}
