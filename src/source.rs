//! Reading and parsing one source file: UTF-8 and size checks, the nesting guard, syn parsing
//! with spans, and the comment directives that syn drops.

use proc_macro2::{Delimiter, TokenStream, TokenTree};
use std::path::Path;

pub(crate) mod doc_comments;
mod test_bodies;

/// Files above this size are reported instead of parsed: syn keeps ~34x the source size in
/// memory while a file is parsed (research/perf-anchors.md), so 16 MiB of source is ~550 MB.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// Deeper bracket nesting than this is reported instead of parsed: syn's parser recurses once
/// per level, and no hand-written Rust comes near it.
pub const MAX_NESTING: usize = 1_000;

/// Why a file could not be analysed; becomes an entry of `errors` in every output format.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseFailure {
    pub line: Option<usize>,
    pub message: String,
}

/// Read a file as UTF-8 text, refusing binaries and oversized files with a clear message.
pub fn read(path: &Path) -> Result<String, ParseFailure> {
    let fail = |message: String| ParseFailure { line: None, message };
    let meta = std::fs::metadata(path).map_err(|e| fail(format!("cannot read: {e}")))?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(fail(format!(
            "skipped: {} bytes is over the {} MiB limit for one file",
            meta.len(),
            MAX_FILE_BYTES / (1024 * 1024)
        )));
    }
    let bytes = std::fs::read(path).map_err(|e| fail(format!("cannot read: {e}")))?;
    if bytes.contains(&0) {
        return Err(fail("skipped: binary file (contains NUL bytes)".into()));
    }
    String::from_utf8(bytes).map_err(|e| {
        fail(format!("skipped: not valid UTF-8 (invalid byte at offset {})", e.utf8_error().valid_up_to()))
    })
}

/// What a parse may leave out of the syntax tree: nothing for the floor the lint is measured
/// against (and for `syn::parse_file`'s answer), what no check reads for the lint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Omit {
    /// Doc comments are lexed as plain comments, not as `#[doc]` attributes (`doc_comments.rs`).
    pub doc_comments: bool,
    /// A top-level `#[cfg(test)] mod name { .. }` keeps its attributes, name and braces but not
    /// its items (`test_bodies.rs`).
    pub test_bodies: bool,
}

impl Omit {
    pub const NOTHING: Omit = Omit { doc_comments: false, test_bodies: false };

    /// What the lint leaves out: doc comments always, test module bodies unless test code is
    /// linted (otherwise it is stripped before the checks, `extract::strip_tests`).
    pub fn for_lint(include_tests: bool) -> Omit {
        Omit { doc_comments: true, test_bodies: !include_tests }
    }
}

/// Parse a file with syn, leaving out what `omit` says (`Omit::NOTHING`: syn's whole parse).
/// The text is tokenized first (proc-macro2's lexer is iterative), so pathological nesting is
/// refused before syn's recursive parser sees it. Spans are the same whatever is left out: they
/// point into `content(text)`.
pub fn parse_with(text: &str, omit: Omit) -> Result<syn::File, ParseFailure> {
    let content = content(text);
    let lexed = if omit.doc_comments { doc_comments::as_plain_comments(content) } else { content.into() };
    let tokens: TokenStream = lexed.parse().map_err(|e: proc_macro2::LexError| ParseFailure {
        line: Some(e.span().start().line),
        message: "cannot parse: invalid tokens (an unclosed bracket, string or comment?)".to_string(),
    })?;
    if let Some(line) = too_deep(&tokens) {
        return Err(ParseFailure {
            line: Some(line),
            message: format!("skipped: code nested more than {MAX_NESTING} levels deep"),
        });
    }
    let file = if omit.test_bodies {
        syn::parse::Parser::parse2(test_bodies::without_test_bodies, tokens)
    } else {
        syn::parse2::<syn::File>(tokens)
    };
    file.map_err(|e| ParseFailure { line: Some(e.span().start().line), message: format!("cannot parse: {e}") })
}

/// The text a file's syntax tree is parsed from, which its spans' byte ranges point into: the
/// file without a BOM or a shebang line. syn's `parse_file` does the same (syn `src/lib.rs`);
/// the newline after a shebang is kept so lines stay aligned.
pub fn content(text: &str) -> &str {
    let content = text.strip_prefix('\u{feff}').unwrap_or(text);
    if let Some(rest) = content.strip_prefix("#!") {
        if !rest.trim_start().starts_with('[') {
            return content.find('\n').map_or("", |idx| &content[idx..]);
        }
    }
    content
}

/// A file's text as its syntax tree sees it (`content`), with each line's start, to turn spans
/// into the text and the byte offsets they cover.
#[derive(Debug)]
pub struct Text<'a> {
    text: &'a str,
    /// Byte offset of each line's start (line 1 at index 0).
    line_starts: Vec<usize>,
}

impl<'a> Text<'a> {
    /// `content` must be the text the syntax tree was parsed from (`content`).
    pub fn new(content: &'a str) -> Text<'a> {
        // memchr: `str::match_indices` walks the text at several times the cost.
        let line_starts = std::iter::once(0).chain(memchr::memchr_iter(b'\n', content.as_bytes()).map(|i| i + 1));
        Text { text: content, line_starts: line_starts.collect() }
    }

    pub fn as_str(&self) -> &'a str {
        self.text
    }

    /// The text `span` covers ("" for a span without a location).
    pub fn of_span(&self, span: proc_macro2::Span) -> &'a str {
        self.byte_range(span).and_then(|r| self.text.get(r)).unwrap_or_default()
    }

    /// The bytes `span` covers (`None` for a span without a location). proc-macro2's
    /// `Span::byte_range` counts characters from the offset it was last asked about and files
    /// every answer in a BTreeMap (fallback.rs `FileInfo::byte`): on every return point of
    /// every function that was a twelfth of the lint's own work. From the line and column it is
    /// one lookup and a walk along one line.
    pub fn byte_range(&self, span: proc_macro2::Span) -> Option<std::ops::Range<usize>> {
        Some(self.offset(span.start())?..self.offset(span.end())?)
    }

    /// The text of lines `first..=last` (1-based, as spans count them), newlines included.
    pub fn lines(&self, first: usize, last: usize) -> &'a str {
        let starts = &self.line_starts;
        let at = |line: usize| line.checked_sub(1).and_then(|i| starts.get(i)).copied().unwrap_or(self.text.len());
        let (start, end) = (at(first), at(last.saturating_add(1)));
        self.text.get(start..end.max(start)).unwrap_or_default()
    }

    /// The line (1-based) of a byte offset.
    pub fn line_of(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|start| *start <= offset)
    }

    /// Byte offset of a line and column. Columns count characters from the line's start
    /// (proc-macro2 fallback.rs `FileInfo::offset_line_column`); line 0 is no location.
    fn offset(&self, at: proc_macro2::LineColumn) -> Option<usize> {
        let start = *self.line_starts.get(at.line.checked_sub(1)?)?;
        let rest = self.text.get(start..)?;
        if rest.as_bytes().get(..at.column).is_some_and(<[u8]>::is_ascii) {
            return Some(start + at.column);
        }
        Some(start + rest.char_indices().nth(at.column).map_or(rest.len(), |(i, _)| i))
    }
}

/// The line of the first group nested deeper than `MAX_NESTING`, or of the first run of more
/// than `MAX_NESTING` prefix operators (`!!!!x`, `return return x`, `&&&&x`): syn's parser
/// recurses once per prefix as it does per bracket. Walked with an explicit stack.
fn too_deep(tokens: &TokenStream) -> Option<usize> {
    let mut stack: Vec<(proc_macro2::token_stream::IntoIter, usize)> = vec![(tokens.clone().into_iter(), 0)];
    let mut prefix_run = 0usize;
    while let Some((iter, depth)) = stack.last_mut() {
        let depth = *depth;
        let tree = iter.next();
        let is_prefix = match &tree {
            Some(TokenTree::Punct(p)) => matches!(p.as_char(), '!' | '-' | '*' | '&'),
            Some(TokenTree::Ident(i)) => i == "return" || i == "break" || i == "yield" || i == "mut",
            _ => false,
        };
        prefix_run = if is_prefix { prefix_run + 1 } else { 0 };
        if prefix_run > MAX_NESTING {
            return tree.map(|t| t.span().start().line);
        }
        match tree {
            Some(TokenTree::Group(g)) => {
                if depth + 1 > MAX_NESTING {
                    return Some(g.span().start().line);
                }
                if g.delimiter() != Delimiter::None || !g.stream().is_empty() {
                    stack.push((g.stream().into_iter(), depth + 1));
                }
            }
            Some(_) => {}
            None => {
                stack.pop();
            }
        }
    }
    None
}

/// A `// mcp-lint: allow(rule, ...) -- reason` comment directive (syn drops comments, so these
/// are read from the raw text line by line; DESIGN §4).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directive {
    pub line: usize,
    pub rules: Vec<String>,
    pub reason: Option<String>,
    /// True when the comment is the only thing on its line (it then covers the next line).
    pub own_line: bool,
}

/// Find suppression directives. Only `//` comments are considered, and only when the marker
/// text starts the comment, so a string literal mentioning the syntax is not a directive.
pub fn directives(text: &str) -> Vec<Directive> {
    let mut out = Vec::new();
    // Most files have none: one search instead of a look at every line.
    if !text.contains("mcp-lint:") {
        return out;
    }
    for (idx, line) in text.lines().enumerate() {
        let Some(pos) = line.find("//") else { continue };
        let comment = line[pos + 2..].trim_start_matches('/').trim();
        let Some(rest) = comment.strip_prefix("mcp-lint:") else {
            continue;
        };
        let rest = rest.trim();
        let Some(args) = rest.strip_prefix("allow(") else {
            continue;
        };
        let Some(close) = args.find(')') else {
            continue;
        };
        let rules = args[..close].split(',').map(|r| r.trim().replace('_', "-")).filter(|r| !r.is_empty()).collect();
        let tail = args[close + 1..].trim();
        // The reason runs to the end of the line or to another ` //` comment on it.
        let reason = tail
            .strip_prefix("--")
            .map(|r| r.split(" //").next().unwrap_or_default().trim())
            .filter(|r| !r.is_empty())
            .map(str::to_string);
        out.push(Directive { line: idx + 1, rules, reason, own_line: line[..pos].trim().is_empty() });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<syn::File, ParseFailure> {
        parse_with(text, Omit::NOTHING)
    }

    #[test]
    fn parses_with_bom_and_shebang() {
        let f = parse("\u{feff}#!/usr/bin/env run\nfn main() {}\n").expect("parses");
        assert_eq!(f.items.len(), 1);
    }

    const TEST_BODIES: Omit = Omit { doc_comments: false, test_bodies: true };

    /// Top-level items as `(name, first line, last line, items inside)`.
    fn outline(f: &syn::File) -> Vec<(String, usize, usize, usize)> {
        use syn::spanned::Spanned;
        f.items
            .iter()
            .map(|i| {
                let inner = match i {
                    syn::Item::Mod(m) => m.content.as_ref().map_or(0, |(_, items)| items.len()),
                    _ => 0,
                };
                let name = match i {
                    syn::Item::Mod(m) => m.ident.to_string(),
                    syn::Item::Fn(f) => f.sig.ident.to_string(),
                    syn::Item::Struct(s) => s.ident.to_string(),
                    _ => "?".to_string(),
                };
                (name, i.span().start().line, i.span().end().line, inner)
            })
            .collect()
    }

    #[test]
    fn test_module_bodies_are_skipped_with_their_spans_kept() {
        let src = "fn a() {}\n#[cfg(test)]\n/// docs\npub(crate) mod tests {\n    #![allow(dead_code)]\n    use super::*;\n    #[test]\n    fn t() { a(); }\n}\nstruct After;\n";
        let full = parse_with(src, Omit::NOTHING).expect("parses");
        let skipped = parse_with(src, TEST_BODIES).expect("parses");
        assert_eq!(outline(&full), vec![("a".into(), 1, 1, 0), ("tests".into(), 2, 9, 2), ("After".into(), 10, 10, 0)]);
        assert_eq!(
            outline(&skipped),
            vec![("a".into(), 1, 1, 0), ("tests".into(), 2, 9, 0), ("After".into(), 10, 10, 0)]
        );
        let syn::Item::Mod(m) = &skipped.items[1] else { panic!("a module") };
        // `cfg(test)` and the doc comment; the body's inner `allow` goes with the body.
        assert_eq!(m.attrs.len(), 2);
        assert!(crate::facts::extract::is_test_attr(&m.attrs));
    }

    #[test]
    fn only_inline_test_modules_are_skipped() {
        let src = "#[cfg(test)]\nmod file_tests;\n#[cfg(not(test))]\nmod real { fn f() {} }\n#[cfg_attr(test, derive(Debug))]\nstruct S;\n#[cfg(test)]\nfn helper() { let _ = 1; }\n#[cfg(all(test, feature = \"x\"))]\nmod gated { fn g() {} }\n#[cfg(test)]\nunsafe mod u { fn h() {} }\n";
        let full = parse_with(src, Omit::NOTHING).expect("parses");
        let skipped = parse_with(src, TEST_BODIES).expect("parses");
        // `mod file_tests;` has no body, `cfg(not(test))` and `cfg(all(test, ..))` are not test
        // code for `is_test_attr` (stripping keeps them too), a test `fn` is parsed as usual.
        let with_bodies = |f: &syn::File| outline(f).iter().map(|o| o.3).collect::<Vec<_>>();
        assert_eq!(with_bodies(&full), vec![0, 1, 0, 0, 1, 1]);
        assert_eq!(with_bodies(&skipped), vec![0, 1, 0, 0, 1, 0]);
        assert_eq!(
            outline(&full).iter().map(|o| (o.1, o.2)).collect::<Vec<_>>(),
            outline(&skipped).iter().map(|o| (o.1, o.2)).collect::<Vec<_>>()
        );
    }

    #[test]
    fn a_syntax_error_only_inside_a_test_module_no_longer_fails_the_file() {
        let src = "fn a() {}\n#[cfg(test)]\nmod tests {\n    fn t() { let x = ; }\n}\n";
        assert_eq!(parse_with(src, Omit::NOTHING).err().and_then(|e| e.line), Some(4));
        assert_eq!(parse_with(src, TEST_BODIES).map(|f| f.items.len()), Ok(2));
        // Outside test code the error is the same either way.
        let bad = "fn a() { let x = ; }\n#[cfg(test)]\nmod tests {}\n";
        assert_eq!(parse_with(bad, TEST_BODIES).err(), parse_with(bad, Omit::NOTHING).err());
        // Tokens are still lexed: an unclosed string inside a test module is still an error.
        assert!(parse_with("#[cfg(test)]\nmod t { fn f() { \"open } }\n", TEST_BODIES).is_err());
    }

    #[test]
    fn doc_comments_leave_the_tree_and_nothing_else() {
        let src = "//! crate docs\n/// A handler.\n#[derive(Debug)]\nstruct S;\nimpl S {\n    /// Method docs.\n    fn f(&self) -> &str { \"/// kept\" }\n}\n";
        let full = parse_with(src, Omit::NOTHING).expect("parses");
        let lint = parse_with(src, Omit::for_lint(true)).expect("parses");
        assert_eq!((full.attrs.len(), lint.attrs.len()), (1, 0));
        let (syn::Item::Struct(a), syn::Item::Struct(b)) = (&full.items[0], &lint.items[0]) else { panic!("structs") };
        assert_eq!((a.attrs.len(), b.attrs.len()), (2, 1));
        // The string literal is untouched and its span is the same.
        use quote::ToTokens;
        let lit = |f: &syn::File| {
            let syn::Item::Impl(i) = &f.items[1] else { panic!("impl") };
            let syn::ImplItem::Fn(m) = &i.items[0] else { panic!("fn") };
            let tokens = m.block.to_token_stream().to_string();
            let span = m.block.stmts[0].to_token_stream().into_iter().next().map(|t| t.span().start());
            (tokens, span.map(|s| (s.line, s.column)))
        };
        assert_eq!(lit(&full), lit(&lint));
        assert_eq!(lit(&lint).1, Some((7, 26)));
        // A doc comment with nothing to document fails syn's parse, not the lint's.
        let dangling = "impl S {\n    fn f() {}\n    /// gone\n}\n";
        assert!(parse_with(dangling, Omit::NOTHING).is_err());
        assert!(parse_with(dangling, Omit::for_lint(false)).is_ok());
    }

    #[test]
    fn syntax_error_has_line() {
        let e = parse("fn main() {\n let x = ;\n}\n").err().expect("fails");
        assert_eq!(e.line, Some(2));
        assert!(e.message.starts_with("cannot parse"), "{}", e.message);
    }

    #[test]
    fn deep_nesting_is_refused_not_overflowed() {
        let n = 100_000;
        let src = format!("fn f() {{ let x = {}1{}; }}", "(".repeat(n), ")".repeat(n));
        let e = parse(&src).err().expect("too deep");
        assert!(e.message.contains("nested"), "{}", e.message);
    }

    #[test]
    fn directive_forms() {
        let d = directives(
            "let a = 1; // mcp-lint: allow(auth-status-200) -- legacy client\n\
             // mcp-lint: allow(missing_www_authenticate)\n\
             let s = \"// not: mcp-lint: allow(x)\";\n",
        );
        assert_eq!(d.len(), 2);
        assert_eq!(d[0].rules, vec!["auth-status-200"]);
        assert_eq!(d[0].reason.as_deref(), Some("legacy client"));
        assert!(!d[0].own_line);
        assert_eq!(d[1].rules, vec!["missing-www-authenticate"]);
        assert_eq!(d[1].reason, None);
        assert!(d[1].own_line);
    }
}
