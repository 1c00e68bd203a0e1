//! `source::Text::of_span` finds a span's text from its line and column; proc-macro2's
//! `Span::byte_range` is the reference. On every fixture source and fuzz-regression input, every
//! token's and every group's text must be the same both ways.

use cargo_mcp_lint::source::{content, Text};
use proc_macro2::{TokenStream, TokenTree};

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
    let files = cargo_mcp_lint::testing::fixture_texts();
    assert!(files.len() > 50, "sources found: {}", files.len());
    let tokens: usize = files.iter().map(|(name, text)| compare_every_token(name, text)).sum();
    assert!(tokens > 10_000, "tokens compared: {tokens}");
}

#[test]
fn span_text_matches_byte_range_past_non_ascii_crlf_and_a_bom() {
    // Non-ASCII before and inside tokens, CRLF, tabs, a BOM, a multi-line raw string.
    let src = "\u{feff}// é ü 🎉\r\nfn f(x: &str) -> u8 {\r\n\tlet s = \"ünïcode 🎉\";\n    let t = r#\"a\nb\"#; // ß\n  if x == \"Bearer\" { 1 } else { 2 } }\n";
    assert!(compare_every_token("snippet", src) > 30);
    let text = Text::new(content(src));
    assert_eq!(text.line_of(0), 1);
    assert_eq!(text.lines(2, 2), "fn f(x: &str) -> u8 {\r\n");
}
