//! `source::Text::of_span` finds a span's text from its line and column; proc-macro2's
//! `Span::byte_range` is the reference. On every fixture source and fuzz-regression input, every
//! token's and every group's text must be the same both ways.

use cargo_mcp_lint::source::{content, Text};
use proc_macro2::{TokenStream, TokenTree};
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let mut entries: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() && p.file_name().is_some_and(|n| n != "target") {
            rust_files(&p, out);
        } else if p.to_string_lossy().ends_with(".rs") || p.to_string_lossy().ends_with(".rs.txt") {
            // Fuzz regressions are kept as `.rs.txt`, out of cargo's and rustfmt's way.
            out.push(p);
        }
    }
}

/// Compares every token of `src` and returns how many there were (0 if it does not lex).
fn compare_every_token(name: &str, src: &str) -> usize {
    let content = content(src);
    let Ok(tokens) = content.parse::<TokenStream>() else { return 0 };
    let text = Text::new(content);
    let mut stack = vec![tokens];
    let mut seen = 0;
    while let Some(ts) = stack.pop() {
        for t in ts {
            let span = t.span();
            assert_eq!(text.of_span(span), &content[span.byte_range()], "{name}: `{t}`");
            seen += 1;
            if let TokenTree::Group(g) = t {
                stack.push(g.stream());
            }
        }
    }
    proc_macro2::extra::invalidate_current_thread_spans();
    seen
}

#[test]
fn span_text_matches_byte_range_on_every_fixture_token() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("fixtures"), &mut files);
    rust_files(&root.join("tests").join("fuzz_regressions"), &mut files);
    assert!(files.len() > 50, "sources found: {}", files.len());
    let mut tokens = 0;
    for f in &files {
        let bytes = std::fs::read(f).expect("read");
        tokens += compare_every_token(&f.display().to_string(), &String::from_utf8_lossy(&bytes));
    }
    assert!(tokens > 10_000, "tokens compared: {tokens}");
}
