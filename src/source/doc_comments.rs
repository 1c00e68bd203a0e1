//! Doc comments turned into plain comments before a file is lexed.
//!
//! proc-macro2's lexer turns every `///`, `//!`, `/** */` and `/*! */` comment into an
//! attribute (`#[doc = "..."]`), and syn parses each one into an `Attribute` holding a string
//! literal: on the registry corpus that is a quarter of all parse instructions
//! (docs/benchmarks.md). No check reads doc attributes, so the lint lexes a copy of the text in
//! which the third character of each doc comment opener is a space (`/// x` becomes `//  x`).
//! The copy has the same length and the same lines, so every span points at the same bytes of
//! the original, which is what anchors and messages read.
//!
//! Finding the openers needs a lexer's view of the text: a `///` inside a string literal, a
//! raw string or a block comment is not a doc comment. The scan below follows proc-macro2's
//! own rules (`src/parse.rs`: `skip_whitespace`, `block_comment`, `cooked_string`,
//! `raw_string`, `character`, `ident`). That the tokens of the copy are exactly the tokens of
//! the original without its doc attributes (`testing::docs_left_out_exactly`) is tested on
//! every fixture and on the registry corpus, and fuzzed (`fuzz/fuzz_targets/doc_comments.rs`). Where the scan cannot follow the text (an unterminated
//! string or comment, which the lexer rejects anyway), it stops and leaves the rest as written.

use std::borrow::Cow;

/// `text` with every doc comment made a plain comment; borrowed when it has none.
pub fn as_plain_comments(text: &str) -> Cow<'_, str> {
    let openers = doc_comment_openers(text.as_bytes());
    if openers.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut bytes = text.as_bytes().to_vec();
    for at in openers {
        // The third byte of `///`, `//!`, `/**` or `/*!`: ASCII replaced by ASCII.
        bytes[at] = b' ';
    }
    match String::from_utf8(bytes) {
        Ok(plain) => Cow::Owned(plain),
        Err(_) => Cow::Borrowed(text),
    }
}

/// Offsets of the third byte of every doc comment opener in `b`.
fn doc_comment_openers(b: &[u8]) -> Vec<usize> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let next = match b[i] {
            b'/' if b.get(i + 1) == Some(&b'/') => {
                if is_doc_line_comment(&b[i..]) {
                    out.push(i + 2);
                }
                Some(line_end(b, i))
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                if is_doc_block_comment(&b[i..]) {
                    out.push(i + 2);
                }
                block_comment_end(b, i)
            }
            b'"' => cooked_string_end(b, i + 1).map(|end| suffix_end(b, end)),
            b'\'' => Some(char_or_lifetime_end(b, i)),
            c if c == b'_' || c.is_ascii_alphabetic() => word_end(b, i),
            c if c >= 0x80 => Some(non_ascii_end(b, i)),
            _ => Some(i + 1),
        };
        match next {
            Some(n) => i = n,
            // Unterminated: the lexer rejects the file; leave the rest untouched.
            None => break,
        }
    }
    out
}

/// `///` (not `////`) and `//!` (proc-macro2 `skip_whitespace`, `doc_comment`).
fn is_doc_line_comment(s: &[u8]) -> bool {
    (s.starts_with(b"///") && !s.starts_with(b"////")) || s.starts_with(b"//!")
}

/// `/**` (not `/***` or `/**/`) and `/*!`.
fn is_doc_block_comment(s: &[u8]) -> bool {
    (s.starts_with(b"/**") && !s.starts_with(b"/***") && !s.starts_with(b"/**/")) || s.starts_with(b"/*!")
}

fn line_end(b: &[u8], from: usize) -> usize {
    b[from..].iter().position(|&c| c == b'\n').map_or(b.len(), |p| from + p)
}

/// Past the `*/` closing the block comment opened at `from`; comments nest.
fn block_comment_end(b: &[u8], from: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut i = from;
    while i + 1 < b.len() {
        if b[i] == b'/' && b[i + 1] == b'*' {
            depth += 1;
            i += 1;
        } else if b[i] == b'*' && b[i + 1] == b'/' {
            depth -= 1;
            if depth == 0 {
                return Some(i + 2);
            }
            i += 1;
        }
        i += 1;
    }
    None
}

/// Past the `"` closing a string whose contents start at `from`; `\` escapes one byte.
fn cooked_string_end(b: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    while i < b.len() {
        match b[i] {
            b'"' => return Some(i + 1),
            b'\\' => i += 2,
            _ => i += 1,
        }
    }
    None
}

/// Past `r"..."`, `r#"..."#` and so on, whose `#`s start at `from`; `None` when it is not a raw
/// string: more than 255 `#`s (proc-macro2 `delimiter_of_raw_string`) or no closing quote.
fn raw_string_end(b: &[u8], from: usize) -> Option<usize> {
    let hashes = b[from..].iter().take_while(|&&c| c == b'#').count();
    if hashes > 255 || b.get(from + hashes) != Some(&b'"') {
        return None;
    }
    let delimiter = &b[from..from + hashes];
    let mut i = from + hashes + 1;
    while i < b.len() {
        if b[i] == b'"' && b[i + 1..].starts_with(delimiter) {
            return Some(i + 1 + hashes);
        }
        i += 1;
    }
    None
}

/// A character literal (`'x'`, `'\''`, `'é'`) or the quote of a lifetime or label (`'a`), at
/// `from`. A `"` or `/` inside a character literal opens nothing.
fn char_or_lifetime_end(b: &[u8], from: usize) -> usize {
    let after = from + 1;
    if b.get(after) == Some(&b'\\') {
        // An escape: the escaped byte, then up to the closing quote (`'\u{1F600}'`).
        let close = b.iter().skip(after + 2).position(|&c| c == b'\'' || c == b'\n');
        return match close {
            Some(p) if b[after + 2 + p] == b'\'' => suffix_end(b, after + 2 + p + 1),
            _ => after,
        };
    }
    let width = utf8_width(b.get(after).copied());
    if width > 0 && b.get(after + width) == Some(&b'\'') {
        suffix_end(b, after + width + 1)
    } else {
        // A lifetime or label: the name that follows is an ordinary word.
        after
    }
}

/// Past the suffix of a literal ending at `at` (`"x"suffix`, proc-macro2 `literal_suffix`): in
/// `"a"r"\" /// b"` the `r` is the first string's suffix and the second string is a plain one.
fn suffix_end(b: &[u8], at: usize) -> usize {
    match b.get(at) {
        Some(&c) if c == b'_' || c.is_ascii_alphabetic() => ident_end(b, at),
        Some(&c) if c >= 0x80 => non_ascii_end(b, at),
        _ => at,
    }
}

/// Past a non-ASCII character at `from`: whitespace alone, or the identifier it starts or
/// continues (`ér"x"` is the word `ér` and a plain string, not a raw one).
fn non_ascii_end(b: &[u8], from: usize) -> usize {
    let width = utf8_width(b.get(from).copied());
    let ch = b.get(from..from + width).and_then(|c| std::str::from_utf8(c).ok()).and_then(|c| c.chars().next());
    // proc-macro2 `is_whitespace`.
    if ch.is_some_and(|c| c.is_whitespace() || c == '\u{200e}' || c == '\u{200f}') {
        return from + width.max(1);
    }
    ident_end(b, from).max(from + 1)
}

fn utf8_width(first: Option<u8>) -> usize {
    match first {
        None => 0,
        Some(c) if c < 0x80 => 1,
        Some(c) if c >= 0xF0 => 4,
        Some(c) if c >= 0xE0 => 3,
        Some(_) => 2,
    }
}

/// A word at `from`: an identifier, a raw identifier, or the prefix of a byte, C or raw string
/// or a byte character (proc-macro2 `ident`, `literal`).
fn word_end(b: &[u8], from: usize) -> Option<usize> {
    let rest = &b[from..];
    for (prefix, raw) in [("br", true), ("cr", true), ("r", true), ("b", false), ("c", false)] {
        let Some(after) = rest.strip_prefix(prefix.as_bytes()) else { continue };
        let at = from + prefix.len();
        let hashes = after.iter().take_while(|&&c| c == b'#').count();
        match after.first() {
            // Over 255 `#`s the lexer rejects the file; the scan reads on as if it were words.
            Some(b'"' | b'#') if raw && hashes <= 255 && after.get(hashes) == Some(&b'"') => {
                return raw_string_end(b, at).map(|end| suffix_end(b, end))
            }
            Some(b'"') => return cooked_string_end(b, at + 1).map(|end| suffix_end(b, end)),
            Some(b'\'') if prefix == "b" => return Some(char_or_lifetime_end(b, at)),
            _ => {}
        }
    }
    // `r#ident` is a word like any other.
    let start = if rest.starts_with(b"r#") { from + 2 } else { from };
    Some(ident_end(b, start).max(from + 1))
}

/// Past the identifier characters from `at` (ASCII letters, digits, `_`, and any non-ASCII).
fn ident_end(b: &[u8], at: usize) -> usize {
    at + b[at..].iter().take_while(|&&c| c == b'_' || c.is_ascii_alphanumeric() || c >= 0x80).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(s: &str) -> String {
        as_plain_comments(s).into_owned()
    }

    #[test]
    fn doc_comments_become_plain_comments_of_the_same_length() {
        assert_eq!(plain("/// a\nfn f() {}\n"), "//  a\nfn f() {}\n");
        assert_eq!(plain("//! crate\n"), "//  crate\n");
        assert_eq!(plain("/** a */ fn f() {}"), "/*  a */ fn f() {}");
        assert_eq!(plain("/*! a */"), "/*  a */");
        assert_eq!(plain("fn f() {\n    /// inner\n    let x = 1;\n}"), "fn f() {\n    //  inner\n    let x = 1;\n}");
    }

    #[test]
    fn plain_comments_and_look_alikes_stay() {
        for s in ["//// rule\n", "// x\n", "/*** banner ***/", "/**/ fn f() {}", "/* /** nested */ */", "// ///\n"] {
            assert!(matches!(as_plain_comments(s), Cow::Borrowed(_)), "{s}");
        }
    }

    #[test]
    fn strings_characters_and_lifetimes_hide_nothing() {
        let cases = [
            r#"let u = "file:///x"; /// doc"#,
            r##"let u = r#"/// not a "doc" "#; /// doc"##,
            r#"let u = b"///"; let c = c"///"; let r = br"///"; /// doc"#,
            r#"let q = '"'; let s = "/// no"; /// doc"#,
            r#"let q = b'"'; let s = "/// no"; /// doc"#,
            r#"let e = '\''; let s = "/// no"; /// doc"#,
            r#"let e = "\"///"; /// doc"#,
            r#"fn f<'a>(x: &'a str) -> &'a str { "/// no" } /// doc"#,
            r#"let r#type = 1; let s = "/// no"; /// doc"#,
            r#"let u = '\u{1F600}'; let s = "/// no"; /// doc"#,
            r#"let u = 'é'; let s = "/// no"; /// doc"#,
            r#"let s = ér"\" /// no"; /// doc"#,
            r#"let s = "a"r"\" /// no"; let c = 'x'r"\" /// no"; /// doc"#,
            "let x = 1;\u{2028}r\"\\\" /// doc",
            "/* a \"string\" in a comment */ /// doc",
            "'label: loop { break 'label; } /// doc",
        ];
        for c in cases {
            let out = plain(c);
            assert_eq!(out.len(), c.len());
            let changed: Vec<usize> =
                c.bytes().zip(out.bytes()).enumerate().filter(|(_, (a, b))| a != b).map(|(i, _)| i).collect();
            assert_eq!(changed, vec![c.rfind("/// doc").expect("a doc comment") + 2], "{c}");
        }
    }

    /// `testing::docs_left_out_exactly`, which must hold; returns the doc comments made plain.
    fn same_tokens_without_docs(name: &str, text: &str) -> usize {
        crate::testing::docs_left_out_exactly(text).unwrap_or_else(|e| panic!("{name}: {e}"))
    }

    #[test]
    fn the_copy_lexes_as_the_original_without_docs_on_every_fixture() {
        let changed: usize = crate::testing::fixture_texts()
            .iter()
            .map(|(name, text)| same_tokens_without_docs(name, crate::source::content(text)))
            .sum();
        assert!(changed > 50, "doc comments made plain: {changed}");
    }

    #[test]
    fn the_copy_lexes_as_the_original_without_docs_on_the_registry_corpus() {
        // The frameworks' own sources (1,188 files, 76,000 doc comments): present once the
        // fixtures' dependencies are fetched, which CI does before the tests.
        let Some((_, files)) = crate::testing::registry_corpus() else {
            eprintln!("registry corpus not fetched: skipped");
            return;
        };
        let mut changed = 0;
        for f in &files {
            let Ok(text) = std::fs::read_to_string(f) else { continue };
            changed += same_tokens_without_docs(&f.display().to_string(), crate::source::content(&text));
        }
        assert!(files.len() > 500 && changed > 10_000, "files {}, doc comments made plain {changed}", files.len());
    }

    #[test]
    fn raw_strings_follow_the_lexers_limit_of_255_hashes() {
        let ok = format!("let s = r{h}\"/// no\"{h}; /// doc", h = "#".repeat(255));
        assert_eq!(plain(&ok).bytes().zip(ok.bytes()).filter(|(a, b)| a != b).count(), 1);
        let over = format!("let s = r{h}\"/// no\"{h}; /// doc", h = "#".repeat(256));
        // The lexer rejects this file; the scan still changes only the doc comment.
        assert_eq!(plain(&over).bytes().zip(over.bytes()).filter(|(a, b)| a != b).count(), 1);
        assert_eq!(crate::testing::docs_left_out_exactly(&ok), Ok(1));
    }

    #[test]
    fn unterminated_text_is_left_as_it_is_from_there() {
        assert_eq!(plain("/// a\nlet s = \"open /// b"), "//  a\nlet s = \"open /// b");
        assert_eq!(plain("/* open /// b"), "/* open /// b");
        assert_eq!(plain("r#\"open /// b"), "r#\"open /// b");
    }
}
