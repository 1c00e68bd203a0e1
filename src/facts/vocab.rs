//! Which words of a fixed list a file's text contains, and where, found in one pass over the
//! bytes (Aho-Corasick, ASCII case-insensitive).
//!
//! A check whose every finding needs one of its words somewhere in the checked code skips the
//! files, or the functions, whose text holds none of them: the answer is the same and the walk
//! is saved (the registry corpus: half its bytes mention no credential word at all, and most
//! functions of the other half do not either; docs/benchmarks.md). Words are matched in the
//! raw text, identifiers, literals and comments alike, so a gate only ever lets more through
//! than the check needs. The checks read identifiers through `signals::words`, which folds
//! ASCII case only, so ASCII case-insensitive matching is exact for them. The one thing a gate
//! cannot see is a word spelled only through escapes inside a string literal
//! (`"x-api-\x6bey"`); docs/known-limitations.md.

use crate::source::Text;
use aho_corasick::AhoCorasick;
use std::sync::OnceLock;

/// The words gates ask for. Each is searched as written in `NEEDLES` (same order).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Word {
    /// `auth`, `Authorization`, `AUTHORIZATION`, `unauthorized`, `oauth`.
    Auth,
    Bearer,
    Basic,
    Dpop,
    /// `token`, `access_token`, `x-auth-token`.
    Token,
    /// `api_key`, `ApiKey`, `x-api-key`.
    Key,
    Jwt,
    Credential,
    Secret,
    /// `password`, `passwd`.
    Passw,
    Passphrase,
    Signature,
    Hmac,
    Cors,
    Query,
    /// Words of OAuth endpoints (`signals::OAUTH_ENDPOINT_MARKERS`).
    Grant,
    Invalid,
    Redirect,
    CodeUnderscore,
    Client,
    /// `Json(..)`, `.json(..)`.
    Json,
    /// `no-store`, `NoStore`, `NO_STORE`.
    Store,
    /// `CACHE_CONTROL`, `"cache-control"`, `set_cache_headers(..)`.
    Cache,
    /// poem-openapi `#[derive(SecurityScheme)]`.
    Security,
    /// Rocket `#[catch(..)]`.
    Catch,
    /// Rocket `#[derive(Responder)]`.
    Responder,
    /// warp `err.find::<T>()`.
    Find,
}

const NEEDLES: &[(Word, &str)] = &[
    (Word::Auth, "auth"),
    (Word::Bearer, "bearer"),
    (Word::Basic, "basic"),
    (Word::Dpop, "dpop"),
    (Word::Token, "token"),
    (Word::Key, "key"),
    (Word::Jwt, "jwt"),
    (Word::Credential, "credential"),
    (Word::Secret, "secret"),
    (Word::Passw, "passw"),
    (Word::Passphrase, "passphrase"),
    (Word::Signature, "signature"),
    (Word::Hmac, "hmac"),
    (Word::Cors, "cors"),
    (Word::Query, "query"),
    (Word::Grant, "grant"),
    (Word::Invalid, "invalid"),
    (Word::Redirect, "redirect"),
    (Word::CodeUnderscore, "code_"),
    (Word::Client, "client"),
    (Word::Json, "json"),
    (Word::Store, "store"),
    (Word::Cache, "cache"),
    (Word::Security, "security"),
    (Word::Catch, "catch"),
    (Word::Responder, "responder"),
    (Word::Find, "find"),
];

/// Words any credential check needs: the nouns of `signals::AUTH_WORDS_IN_IDENTS`,
/// `signals::AUTH_LITERALS` (`x-*-key`, `x-*-token` included) and `flow::is_secret_name`.
pub const CREDENTIAL: &[Word] = &[
    Word::Auth,
    Word::Bearer,
    Word::Token,
    Word::Key,
    Word::Jwt,
    Word::Credential,
    Word::Secret,
    Word::Passw,
    Word::Passphrase,
    Word::Signature,
    Word::Hmac,
];

fn matcher() -> &'static AhoCorasick {
    static M: OnceLock<AhoCorasick> = OnceLock::new();
    M.get_or_init(|| {
        // A DFA: more memory (a few hundred KB for these needles), the fewest steps per byte.
        AhoCorasick::builder()
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .ascii_case_insensitive(true)
            .build(NEEDLES.iter().map(|(_, n)| n))
            .unwrap_or_else(|e| unreachable!("fixed needles always build: {e}"))
    })
}

/// Lines of a file, first and last (1-based, as spans count them). Gates work on whole lines:
/// a line shared with the code before a function only lets more through. Line 0 (a span
/// without a location: proc-macro2 under `cfg(fuzzing)`, call-site spans) means unknown, and
/// an unknown range always passes.
pub type Lines = std::ops::RangeInclusive<u32>;

/// The gate words of one file: which occur, and on which lines.
#[derive(Debug, Default)]
pub struct Vocab {
    present: u64,
    /// (line, word), by line.
    at: Vec<(u32, Word)>,
}

impl Vocab {
    /// Scan the text the syntax tree was parsed from.
    pub fn of(text: &Text) -> Vocab {
        let mut v = Vocab::default();
        for m in matcher().find_overlapping_iter(text.as_str()) {
            let word = NEEDLES[m.pattern().as_usize()].0;
            v.present |= bit(word);
            v.at.push((u32::try_from(text.line_of(m.start())).unwrap_or(u32::MAX), word));
        }
        // Overlapping matches come by where they end; gates look them up by line.
        v.at.sort_by_key(|(line, _)| *line);
        v
    }

    /// Everything passes (for callers without the text).
    pub fn all() -> Vocab {
        Vocab { present: u64::MAX, ..Vocab::default() }
    }

    /// Does the file contain one of `words`?
    pub fn has(&self, words: &[Word]) -> bool {
        words.iter().any(|w| self.present & bit(*w) != 0)
    }

    /// Do the `lines` contain (the start of) one of `words`?
    pub fn in_lines(&self, lines: Lines, words: &[Word]) -> bool {
        if self.present == u64::MAX || *lines.start() == 0 {
            return true;
        }
        let first = self.at.partition_point(|(l, _)| l < lines.start());
        self.at[first..].iter().take_while(|(l, _)| l <= lines.end()).any(|(_, w)| words.contains(w))
    }

    /// Do the `lines` of `text` contain `name` (an identifier a gate must also let through,
    /// such as a helper function's name)?
    pub fn name_in_lines(&self, text: &Text, lines: Lines, name: &str) -> bool {
        if self.present == u64::MAX || *lines.start() == 0 {
            return true;
        }
        text.lines(*lines.start() as usize, *lines.end() as usize).contains(name)
    }
}

fn bit(w: Word) -> u64 {
    1 << (w as u32)
}

/// The lines a function covers, from `fn` to its closing brace (its signature and body).
pub fn fn_lines(sig: &syn::Signature, block: &syn::Block) -> Lines {
    let (start, end) = (sig.fn_token.span.start().line, block.brace_token.span.close().end().line);
    let n = |l: usize| u32::try_from(l).unwrap_or(u32::MAX);
    n(start)..=n(end.max(start))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_words_case_insensitively_and_overlapping() {
        let v = Vocab::of(&Text::new("let h = req.headers().get(AUTHORIZATION); let apiKey = 1;"));
        assert!(v.has(&[Word::Auth]));
        assert!(v.has(&[Word::Key]));
        assert!(!v.has(&[Word::Token, Word::Cors]));
        // "passphrase" holds no "passw", and both are found where they are; "authmac" holds
        // "auth" and, overlapping it, "hmac".
        let v = Vocab::of(&Text::new("passphrase passwd authmac"));
        assert!(v.has(&[Word::Passphrase]) && v.has(&[Word::Passw]) && v.has(&[Word::Hmac]));
    }

    #[test]
    fn lines_see_only_their_text() {
        let text = "fn a() {}\nfn check_token() {\n    helper()\n}\n";
        let text = Text::new(text);
        let v = Vocab::of(&text);
        assert!(!v.in_lines(1..=1, CREDENTIAL));
        assert!(v.in_lines(2..=4, CREDENTIAL));
        assert!(v.name_in_lines(&text, 3..=3, "helper"));
        assert!(!v.name_in_lines(&text, 1..=2, "helper"));
        // Unknown lines and `all` pass.
        assert!(v.in_lines(0..=0, &[Word::Cors]));
        assert!(Vocab::all().in_lines(1..=1, &[Word::Cors]));
    }

    #[test]
    fn fn_lines_cover_signature_and_body() {
        let text = "struct S;\nfn f(auth: &str)\n    -> bool {\n    auth.is_empty()\n}\n";
        let file: syn::File = syn::parse_str(text).expect("parses");
        let syn::Item::Fn(f) = &file.items[1] else { panic!("a fn") };
        assert_eq!(fn_lines(&f.sig, &f.block), 2..=5);
    }
}
