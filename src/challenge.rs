//! `WWW-Authenticate` parsing (RFC 9110 §11.6.1) and OAuth Bearer challenge
//! validation (RFC 6750 §3, RFC 9728 §5.1).
//!
//! Grammar (RFC 9110 §11.1–§11.6.1, §5.6):
//!
//! ```text
//! WWW-Authenticate = #challenge                                     ; §11.6.1
//! challenge        = auth-scheme [ 1*SP ( token68 / #auth-param ) ] ; §11.3
//! auth-scheme      = token                                          ; §11.1
//! auth-param       = token BWS "=" BWS ( token / quoted-string )    ; §11.2
//! token68          = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="
//! token            = 1*tchar                                        ; §5.6.2
//! quoted-string    = DQUOTE *( qdtext / quoted-pair ) DQUOTE        ; §5.6.4
//! #rule            = [ element ] *( OWS "," OWS [ element ] )        ; §5.6.1
//! ```
//!
//! The same comma separates auth-params and challenges. After a comma, an
//! element of the form `token BWS "="` continues the current challenge; any
//! other element starts a new challenge (RFC 9110 §11.6.1).
//!
//! Values extracted from `format!` templates contain [`HOLE`] where an
//! interpolated argument was. A hole is treated as valid content wherever it
//! appears and never produces a problem by itself: unknown stays unknown.

#![forbid(unsafe_code)]

use std::collections::HashSet;

/// Placeholder char standing for an interpolated value of a `format!` template (e.g. `Bearer realm="{}"`).
/// Inside a quoted-string it counts as valid qdtext; outside quotes it counts as a valid token (tchar+).
/// It must never itself produce a problem (unknown content stays unknown).
pub const HOLE: char = '\u{E000}';

/// One `auth-param` (RFC 9110 §11.2). `value` is unescaped (quoted-pairs
/// resolved); `quoted` tells whether it was sent as a quoted-string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthParam {
    pub name: String,
    pub value: String,
    pub quoted: bool,
}

/// One challenge (RFC 9110 §11.3): a scheme plus either a token68 or a list
/// of auth-params.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Challenge {
    pub scheme: String,
    pub token68: Option<String>,
    pub params: Vec<AuthParam>,
}

/// A syntax error: `offset` is the byte offset into the parsed value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub offset: usize,
    pub message: String,
}

impl std::fmt::Display for ParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "at byte {}: {}", self.offset, self.message)
    }
}

impl std::error::Error for ParseError {}

/// What is wrong with a challenge. See [`validate_bearer`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ProblemKind {
    /// The value does not match the RFC 9110 §11.6.1 grammar (or is empty).
    Syntax,
    /// `Bearer` without any auth-param (RFC 6750 §3).
    NoParams,
    /// `Bearer` followed by a token68 instead of auth-params (RFC 6750 §3).
    Token68,
    /// The same auth-param name twice in one challenge (RFC 9110 §11.2).
    Duplicate,
    /// `realm` sent as a token instead of a quoted-string (RFC 9110 §11.5).
    RealmNotQuoted,
    /// An unquoted value containing non-tchar characters (RFC 9110 §11.2).
    NeedsQuoting,
    /// `error` / `error_description` outside %x20-21 / %x23-5B / %x5D-7E (RFC 6750 §3).
    BadChars,
    /// `error` is not a registered resource-server error code (RFC 6750 §3.1).
    UnregisteredError,
    /// `scope` is not NQCHAR scope-tokens separated by single spaces (RFC 6750 §3, RFC 6749 §3.3).
    BadScope,
    /// `error_uri` is not an absolute URI of allowed octets (RFC 6750 §3).
    BadErrorUri,
    /// `resource_metadata` is not an absolute https URL (RFC 9728 §5.1).
    BadResourceMetadata,
    /// CR, LF, NUL or another control character in the field value (RFC 9110 §5.5).
    ControlChars,
    /// No challenge uses the `Bearer` scheme (RFC 6750 §3).
    NotBearer,
}

/// One finding of [`validate_bearer`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub kind: ProblemKind,
    pub message: String,
    /// The rule's source, e.g. `"RFC 6750 §3"`.
    pub source: &'static str,
}

/// Error codes a resource server may put in `error` (RFC 6750 §3.1, RFC 9449 §7.1 / §9).
pub const REGISTERED_ERRORS: [&str; 5] =
    ["invalid_request", "invalid_token", "insufficient_scope", "invalid_dpop_proof", "use_dpop_nonce"];

// ---------------------------------------------------------------------------
// Character classes
// ---------------------------------------------------------------------------

/// `tchar` (RFC 9110 §5.6.2), plus [`HOLE`].
fn is_tchar(c: char) -> bool {
    c == HOLE
        || c.is_ascii_alphanumeric()
        || matches!(c, '!' | '#' | '$' | '%' | '&' | '\'' | '*' | '+' | '-' | '.' | '^' | '_' | '`' | '|' | '~')
}

/// token68 characters before the `=` padding (RFC 9110 §11.2), plus [`HOLE`].
fn is_token68_char(c: char) -> bool {
    c == HOLE || c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_' | '~' | '+' | '/')
}

/// `OWS` / `BWS` whitespace (RFC 9110 §5.6.3).
fn is_ows(c: char) -> bool {
    c == ' ' || c == '\t'
}

/// `qdtext` (RFC 9110 §5.6.4). Any non-ASCII char (including [`HOLE`]) counts as obs-text.
fn is_qdtext(c: char) -> bool {
    matches!(c, '\t' | ' ' | '!' | '\x23'..='\x5b' | '\x5d'..='\x7e') || !c.is_ascii()
}

/// The char after `\` in a `quoted-pair` (RFC 9110 §5.6.4).
fn is_quoted_pair_char(c: char) -> bool {
    matches!(c, '\t' | ' '..='\x7e') || !c.is_ascii()
}

/// `NQSCHAR` = %x20-21 / %x23-5B / %x5D-7E (RFC 6749 Appendix A; RFC 6750 §3 for
/// `error` and `error_description`).
fn is_nqschar(c: char) -> bool {
    c == HOLE || matches!(c, ' ' | '!' | '\x23'..='\x5b' | '\x5d'..='\x7e')
}

/// `NQCHAR` = %x21 / %x23-5B / %x5D-7E (RFC 6749 Appendix A; scope-token, `error_uri`).
fn is_nqchar(c: char) -> bool {
    c == HOLE || matches!(c, '!' | '\x23'..='\x5b' | '\x5d'..='\x7e')
}

/// Characters allowed to appear literally in a URI (RFC 3986 §2: unreserved,
/// reserved, and `%` of pct-encoded).
fn is_uri_char(c: char) -> bool {
    c == HOLE
        || c.is_ascii_alphanumeric()
        || matches!(
            c,
            '-' | '.'
                | '_'
                | '~'
                | ':'
                | '/'
                | '?'
                | '#'
                | '['
                | ']'
                | '@'
                | '!'
                | '$'
                | '&'
                | '\''
                | '('
                | ')'
                | '*'
                | '+'
                | ','
                | ';'
                | '='
                | '%'
        )
}

/// Control characters that RFC 9110 §5.5 forbids in a field value (HTAB is allowed).
fn is_forbidden_ctl(c: char) -> bool {
    (c.is_ascii_control() && c != '\t') || c == '\u{7f}'
}

/// Human-readable rendering of one char for messages.
fn show(c: char) -> String {
    match c {
        HOLE => "an interpolated value".to_string(),
        ' ' => "a space".to_string(),
        '\t' => "a tab".to_string(),
        '\r' => "CR (\\r)".to_string(),
        '\n' => "LF (\\n)".to_string(),
        '\0' => "NUL (\\0)".to_string(),
        c if c.is_ascii_graphic() => format!("`{c}`"),
        c if c.is_ascii() => format!("control character U+{:04X}", u32::from(c)),
        c => format!("`{c}` (U+{:04X})", u32::from(c)),
    }
}

fn only_holes(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c == HOLE)
}

// ---------------------------------------------------------------------------
// Parser
// ---------------------------------------------------------------------------

/// Internal, richer form of [`AuthParam`].
#[derive(Debug, Clone)]
struct PParam {
    name: String,
    value: String,
    quoted: bool,
    /// A quoted-pair (`\x`) was used inside the quoted-string.
    escaped: bool,
    /// Lenient mode only: the first non-tchar char of an unquoted value.
    needs_quoting: Option<char>,
}

/// Internal, richer form of [`Challenge`].
#[derive(Debug, Clone)]
struct PChallenge {
    scheme: String,
    token68: Option<String>,
    params: Vec<PParam>,
    /// A [`HOLE`] sits where params (or a token68) go: the param list is unknown.
    opaque: bool,
}

impl PChallenge {
    fn public(self) -> Challenge {
        Challenge {
            scheme: self.scheme,
            token68: self.token68,
            params: self
                .params
                .into_iter()
                .map(|p| AuthParam { name: p.name, value: p.value, quoted: p.quoted })
                .collect(),
        }
    }
}

struct Parser {
    chars: Vec<(usize, char)>,
    pos: usize,
    len: usize,
    /// Strict: unquoted non-token values are a syntax error. Lenient: they are
    /// recorded in [`PParam::needs_quoting`] and parsing goes on.
    strict: bool,
}

impl Parser {
    fn new(value: &str, strict: bool) -> Self {
        Parser { chars: value.char_indices().collect(), pos: 0, len: value.len(), strict }
    }

    fn peek(&self) -> Option<char> {
        self.peek_at(self.pos)
    }

    fn peek_at(&self, i: usize) -> Option<char> {
        self.chars.get(i).map(|&(_, c)| c)
    }

    fn offset_at(&self, i: usize) -> usize {
        self.chars.get(i).map_or(self.len, |&(o, _)| o)
    }

    fn err(&self, at: usize, message: String) -> ParseError {
        ParseError { offset: self.offset_at(at), message }
    }

    fn found(&self, at: usize) -> String {
        match self.peek_at(at) {
            Some(c) => show(c),
            None => "the end of the value".to_string(),
        }
    }

    /// Index of the first char at or after `i` that does not satisfy `f`.
    fn scan(&self, mut i: usize, f: impl Fn(char) -> bool) -> usize {
        while self.peek_at(i).is_some_and(&f) {
            i += 1;
        }
        i
    }

    fn take_while(&mut self, f: impl Fn(char) -> bool) -> String {
        let end = self.scan(self.pos, f);
        let s: String = self.chars.get(self.pos..end).unwrap_or_default().iter().map(|&(_, c)| c).collect();
        self.pos = end;
        s
    }

    fn skip_ows(&mut self) -> usize {
        let start = self.pos;
        self.pos = self.scan(self.pos, is_ows);
        self.pos - start
    }

    /// `token BWS "="` starts at the cursor (RFC 9110 §11.6.1 comma disambiguation).
    fn at_param(&self) -> bool {
        let t = self.scan(self.pos, is_tchar);
        t > self.pos && self.peek_at(self.scan(t, is_ows)) == Some('=')
    }

    /// If a token68 (followed by OWS and `,` / end) starts at the cursor, the
    /// index just past it.
    fn token68_end(&self) -> Option<usize> {
        let t = self.scan(self.pos, is_token68_char);
        if t == self.pos {
            return None;
        }
        let end = self.scan(t, |c| c == '=');
        let next = self.scan(end, is_ows);
        match self.peek_at(next) {
            None | Some(',') => Some(end),
            // `abc {}`: a hole tail; but `name={}` is an auth-param.
            Some(HOLE) if next > end => Some(end),
            Some(_) => None,
        }
    }

    /// `auth-param = token BWS "=" BWS ( token / quoted-string )` (RFC 9110 §11.2).
    fn param(&mut self) -> Result<PParam, ParseError> {
        let name = self.take_while(is_tchar);
        self.skip_ows();
        if self.peek() != Some('=') {
            return Err(self.err(
                self.pos,
                format!("expected `=` after auth-param name `{name}`, found {}", self.found(self.pos)),
            ));
        }
        self.pos += 1;
        self.skip_ows();
        match self.peek() {
            Some('"') => {
                let (value, escaped) = self.quoted_string(&name)?;
                Ok(PParam { name, value, quoted: true, escaped, needs_quoting: None })
            }
            Some(c) if c != ',' => {
                let start = self.pos;
                let value = self.take_while(|c| !is_ows(c) && c != ',' && c != '"');
                let bad = value.chars().position(|c| !is_tchar(c));
                let mut needs_quoting = None;
                if let Some(i) = bad {
                    let c = value.chars().nth(i).unwrap_or(' ');
                    if self.strict {
                        return Err(self.err(
                            start + i,
                            format!("{} is not allowed in an unquoted value: write {name}=\"{value}\"", show(c)),
                        ));
                    }
                    needs_quoting = Some(c);
                }
                Ok(PParam { name, value, quoted: false, escaped: false, needs_quoting })
            }
            _ => Err(self.err(self.pos, format!("auth-param `{name}` has no value: write {name}=\"...\""))),
        }
    }

    /// `quoted-string` (RFC 9110 §5.6.4). Returns the unescaped content and
    /// whether a quoted-pair was used.
    fn quoted_string(&mut self, name: &str) -> Result<(String, bool), ParseError> {
        let open = self.pos;
        self.pos += 1;
        let mut out = String::new();
        let mut escaped = false;
        loop {
            match self.peek() {
                None => {
                    return Err(self.err(open, format!("unterminated quoted-string in `{name}`: add the closing `\"`")))
                }
                Some('"') => {
                    self.pos += 1;
                    return Ok((out, escaped));
                }
                Some('\\') => {
                    escaped = true;
                    self.pos += 1;
                    match self.peek() {
                        None => {
                            return Err(self.err(
                                open,
                                format!(
                                    "unterminated quoted-string in `{name}` (it ends with `\\`): add the closing `\"`"
                                ),
                            ))
                        }
                        Some(c) if is_quoted_pair_char(c) => {
                            out.push(c);
                            self.pos += 1;
                        }
                        Some(c) => {
                            return Err(self.err(
                                self.pos,
                                format!("{} cannot be escaped in the quoted value of `{name}`", show(c)),
                            ))
                        }
                    }
                }
                Some(c) if is_qdtext(c) => {
                    out.push(c);
                    self.pos += 1;
                }
                Some(c) => {
                    return Err(
                        self.err(self.pos, format!("{} is not allowed in the quoted value of `{name}`", show(c)))
                    )
                }
            }
        }
    }

    /// `challenge = auth-scheme [ 1*SP ( token68 / #auth-param ) ]` (RFC 9110 §11.3),
    /// up to the first auth-param; later ones arrive through the comma rule.
    fn challenge(&mut self) -> Result<PChallenge, ParseError> {
        let start = self.pos;
        let scheme = self.take_while(is_tchar);
        if scheme.is_empty() {
            return Err(
                self.err(start, format!("expected an auth-scheme such as `Bearer`, found {}", self.found(start)))
            );
        }
        let mut ch = PChallenge { scheme, token68: None, params: Vec::new(), opaque: false };
        let ws = self.pos;
        let n = self.skip_ows();
        match self.peek() {
            None | Some(',') => return Ok(ch),
            Some(_) if n == 0 => {
                return Err(self.err(
                    self.pos,
                    format!("expected a space after the auth-scheme `{}`, found {}", ch.scheme, self.found(self.pos)),
                ))
            }
            Some(_) => {}
        }
        if let Some(tab) = (ws..self.pos).find(|&i| self.peek_at(i) == Some('\t')) {
            return Err(self.err(tab, format!("the auth-scheme `{}` must be followed by spaces, not a tab", ch.scheme)));
        }
        if let Some(end) = self.token68_end() {
            let t: String = self.chars.get(self.pos..end).unwrap_or_default().iter().map(|&(_, c)| c).collect();
            self.pos = end;
            ch.opaque = t.contains(HOLE);
            ch.token68 = Some(t);
        } else if self.at_param() {
            let p = self.param()?;
            ch.params.push(p);
        } else {
            return Err(self.err(
                self.pos,
                format!(
                    "expected auth-params (name=\"value\") or a token68 after `{}`, found {}",
                    ch.scheme,
                    self.found(self.pos)
                ),
            ));
        }
        Ok(ch)
    }

    /// After an element: OWS, an optional [`HOLE`] tail, then `,` or the end.
    fn end_of_element(&mut self, cur: &mut PChallenge) -> Result<(), ParseError> {
        self.skip_ows();
        if self.peek() == Some(HOLE) {
            self.take_while(is_tchar);
            cur.opaque = true;
            self.skip_ows();
        }
        match self.peek() {
            None | Some(',') => Ok(()),
            Some(_) => Err(self.err(
                self.pos,
                format!(
                    "expected `,` or the end of the value, found {}: separate auth-params and challenges with `, ` and quote values that contain spaces",
                    self.found(self.pos)
                ),
            )),
        }
    }

    fn run(mut self) -> Result<Vec<PChallenge>, ParseError> {
        let mut out: Vec<PChallenge> = Vec::new();
        self.skip_ows();
        while let Some(c) = self.peek() {
            if c == ',' {
                // Empty list elements are ignored (RFC 9110 §5.6.1).
                self.pos += 1;
                self.skip_ows();
                continue;
            }
            let element_start = self.pos;
            let continues = self.at_param();
            let cur = if continues {
                let name = self.take_while(is_tchar);
                self.pos = element_start;
                let Some(cur) = out.last_mut() else {
                    return Err(self.err(
                        element_start,
                        format!(
                            "auth-param `{name}` comes before any auth-scheme: start the challenge with a scheme, e.g. Bearer {name}=\"...\""
                        ),
                    ));
                };
                if let (Some(t), false) = (&cur.token68, cur.opaque) {
                    let message = match t.strip_suffix('=') {
                        Some(stem) if !stem.is_empty() && stem.chars().all(is_tchar) => format!(
                            "auth-param `{stem}` has no value: write {stem}=\"...\""
                        ),
                        _ => format!(
                            "auth-param `{name}` follows a token68 in the `{}` challenge: a challenge carries either a token68 or auth-params",
                            cur.scheme
                        ),
                    };
                    return Err(self.err(element_start, message));
                }
                let p = self.param()?;
                cur.params.push(p);
                cur
            } else {
                let ch = self.challenge()?;
                if ch.scheme.starts_with(HOLE) {
                    // The hole may hold auth-params that continue the previous challenge.
                    if let Some(prev) = out.last_mut() {
                        prev.opaque = true;
                    }
                }
                out.push(ch);
                match out.last_mut() {
                    Some(cur) => cur,
                    None => break,
                }
            };
            self.end_of_element(cur)?;
        }
        Ok(out)
    }
}

fn parse_impl(value: &str, strict: bool) -> Result<Vec<PChallenge>, ParseError> {
    Parser::new(value, strict).run()
}

/// Parse a full header value (possibly several comma-separated challenges) per RFC 9110 §11.6.1,
/// handling the ambiguous comma (after a comma, `token BWS "="` continues the current challenge,
/// anything else starts a new scheme), quoted-strings with quoted-pairs, BWS/OWS, empty list elements.
///
/// Values of quoted auth-params are returned unescaped. An empty value (or one
/// made only of empty list elements) yields `Ok(vec![])`; RFC 9110 §11.6.1
/// requires at least one challenge, which [`validate_bearer`] checks.
///
/// [`HOLE`] handling: a hole is a tchar outside quotes and qdtext inside
/// them; a hole-only element right after the scheme is returned as a
/// `token68`, and a hole right after a value (`realm="x"{}`) is dropped.
/// Params may follow a token68 that contains a hole.
///
/// # Errors
///
/// The first place where `value` breaks the RFC 9110 §11.6.1 grammar: a
/// missing comma, an unterminated quoted-string, a control character, an
/// unquoted value holding a non-tchar (e.g. an unquoted URL), an auth-param
/// before any scheme or after a token68, and so on.
pub fn parse(value: &str) -> Result<Vec<Challenge>, ParseError> {
    parse_impl(value, true).map(|v| v.into_iter().map(PChallenge::public).collect())
}

// ---------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------

fn problem(kind: ProblemKind, message: String, source: &'static str) -> Problem {
    Problem { kind, message, source }
}

/// A parse error is blamed on a hole when the offending char is a [`HOLE`] or
/// directly follows one (ignoring OWS).
fn hole_adjacent(value: &str, offset: usize) -> bool {
    let cur = value.get(offset..).and_then(|s| s.chars().next());
    let prev = value.get(..offset).and_then(|s| s.chars().rev().find(|&c| !is_ows(c)));
    cur == Some(HOLE) || prev == Some(HOLE)
}

fn is_bearer(scheme: &str) -> bool {
    scheme.eq_ignore_ascii_case("bearer")
}

/// Validate a header value meant as an OAuth Bearer challenge. Returns every problem found (empty = valid).
/// If no challenge uses the Bearer scheme (case-insensitive), return one `NotBearer` problem
/// (callers decide whether that matters; e.g. `Basic realm="x"` is a valid challenge but not Bearer).
///
/// Checked:
/// - control characters (CR, LF, NUL, other CTLs except HTAB) anywhere: RFC 9110 §5.5;
/// - the RFC 9110 §11.6.1 grammar (one [`ProblemKind::Syntax`] problem, then nothing else
///   except control characters); an empty value is a syntax problem too;
/// - in every challenge: duplicate param names (RFC 9110 §11.2), unquoted `realm`
///   (RFC 9110 §11.5), unquoted values with non-tchar characters (RFC 9110 §11.2);
/// - in `Bearer` challenges: at least one auth-param and no token68 (RFC 6750 §3);
///   `error` / `error_description` octets and no quoted-pairs (RFC 6750 §3);
///   registered `error` codes (RFC 6750 §3.1, RFC 9449); `scope` syntax
///   (RFC 6750 §3, RFC 6749 §3.3); `error_uri` absolute URI of allowed octets
///   (RFC 6750 §3); `resource_metadata` absolute https URL, http only for
///   `localhost` / `127.0.0.1` / `[::1]` (RFC 9728 §5.1).
///
/// A [`HOLE`] never causes a problem: values containing holes are checked
/// only where the literal text decides the answer.
#[must_use]
pub fn validate_bearer(value: &str) -> Vec<Problem> {
    let mut problems = Vec::new();

    let sanitized: String;
    let value = if let Some((off, c)) = value.char_indices().find(|&(_, c)| is_forbidden_ctl(c)) {
        problems.push(problem(
            ProblemKind::ControlChars,
            format!(
                "header value contains {} at byte {off}: strip CR, LF, NUL and other control characters (e.g. from exception text) before building the header",
                show(c)
            ),
            "RFC 9110 §5.5",
        ));
        // Same byte length: every CTL is one byte and becomes one SP.
        sanitized = value.chars().map(|c| if is_forbidden_ctl(c) { ' ' } else { c }).collect();
        sanitized.as_str()
    } else {
        value
    };

    let challenges = match parse_impl(value, false) {
        Ok(c) => c,
        Err(e) => {
            if !hole_adjacent(value, e.offset) {
                problems.push(problem(
                    ProblemKind::Syntax,
                    format!("malformed WWW-Authenticate value at byte {}: {}", e.offset, e.message),
                    "RFC 9110 §11.6.1",
                ));
            }
            return problems;
        }
    };

    if challenges.is_empty() {
        problems.push(problem(
            ProblemKind::Syntax,
            "WWW-Authenticate value has no challenge: send at least one, e.g. Bearer realm=\"mcp\"".to_string(),
            "RFC 9110 §11.6.1",
        ));
        return problems;
    }

    for ch in &challenges {
        check_generic(ch, &mut problems);
        if is_bearer(&ch.scheme) {
            check_bearer(ch, &mut problems);
        }
    }

    let any_bearer = challenges.iter().any(|c| is_bearer(&c.scheme));
    let unknown_scheme = challenges.iter().any(|c| c.scheme.contains(HOLE));
    if !any_bearer && !unknown_scheme {
        let schemes: Vec<&str> = challenges.iter().map(|c| c.scheme.as_str()).collect();
        problems.push(problem(
            ProblemKind::NotBearer,
            format!(
                "no Bearer challenge (found {}): OAuth-protected resources must offer e.g. Bearer realm=\"mcp\"",
                schemes.join(", ")
            ),
            "RFC 6750 §3",
        ));
    }
    problems
}

/// Checks that apply to every challenge, whatever its scheme (RFC 9110 §11.2, §11.5).
fn check_generic(ch: &PChallenge, problems: &mut Vec<Problem>) {
    let mut seen: HashSet<String> = HashSet::new();
    let mut reported: HashSet<String> = HashSet::new();
    for p in &ch.params {
        if p.name.contains(HOLE) {
            continue;
        }
        let lower = p.name.to_ascii_lowercase();
        if !seen.insert(lower.clone()) && reported.insert(lower) {
            problems.push(problem(
                ProblemKind::Duplicate,
                format!("auth-param `{}` appears more than once in the {} challenge: send it once", p.name, ch.scheme),
                "RFC 9110 §11.2",
            ));
        }
    }

    for p in &ch.params {
        // `realm={}`: a `format!` hole where a quoted-string is required. Display output of a
        // string carries no quotes (a `{:?}` hole arrives here already quoted), so flag it.
        let realm_hole = p.name.eq_ignore_ascii_case("realm") && only_holes(&p.value);
        if p.quoted || p.name.contains(HOLE) || (only_holes(&p.value) && !realm_hole) {
            continue;
        }
        if p.name.eq_ignore_ascii_case("realm") {
            problems.push(problem(
                ProblemKind::RealmNotQuoted,
                format!("`realm` must be a quoted-string: write realm=\"{}\"", p.value),
                "RFC 9110 §11.5",
            ));
        } else if let Some(c) = p.needs_quoting {
            problems.push(problem(
                ProblemKind::NeedsQuoting,
                format!(
                    "unquoted value of `{}` contains {}, which a token cannot hold: write {}=\"{}\"",
                    p.name,
                    show(c),
                    p.name,
                    p.value
                ),
                "RFC 9110 §11.2",
            ));
        }
    }
}

/// RFC 6750 §3 / RFC 9728 §5.1 checks for one `Bearer` challenge.
fn check_bearer(ch: &PChallenge, problems: &mut Vec<Problem>) {
    if let Some(t) = &ch.token68 {
        if !ch.opaque {
            problems.push(problem(
                ProblemKind::Token68,
                format!(
                    "a Bearer challenge carries auth-params, not a token68 (`{t}`): write e.g. Bearer realm=\"mcp\""
                ),
                "RFC 6750 §3",
            ));
        }
    } else if ch.params.is_empty() && !ch.opaque {
        problems.push(problem(
            ProblemKind::NoParams,
            "a Bearer challenge needs at least one auth-param: write e.g. Bearer realm=\"mcp\"".to_string(),
            "RFC 6750 §3",
        ));
    }

    for p in &ch.params {
        if p.name.contains(HOLE) {
            continue;
        }
        match p.name.to_ascii_lowercase().as_str() {
            "error" => {
                let bad = check_nqschar(p, problems);
                if !bad && !p.value.contains(HOLE) {
                    check_error_code(&p.value, problems);
                }
            }
            "error_description" => {
                check_nqschar(p, problems);
            }
            "scope" => check_scope(p, problems),
            "error_uri" => check_error_uri(p, problems),
            "resource_metadata" => check_resource_metadata(p, problems),
            _ => {}
        }
    }
}

/// `error` / `error_description`: `1*( %x20-21 / %x23-5B / %x5D-7E )` (RFC 6750 §3).
/// Reports at most one problem; returns whether it did.
fn check_nqschar(p: &PParam, problems: &mut Vec<Problem>) -> bool {
    let name = &p.name;
    let message = if p.escaped {
        format!("`{name}` must not use quoted-pair escapes: remove every `\\` and `\"` from the value")
    } else if p.value.is_empty() {
        format!("`{name}` must not be empty: give a value or omit the parameter")
    } else if let Some(c) = p.value.chars().find(|&c| !is_nqschar(c)) {
        format!("`{name}` contains {}: only printable ASCII and spaces are allowed, without `\"` or `\\`", show(c))
    } else {
        return false;
    };
    problems.push(problem(ProblemKind::BadChars, message, "RFC 6750 §3"));
    true
}

/// `error` should be a registered code (RFC 6750 §3.1; RFC 9449 §7.1 adds the `DPoP` ones).
fn check_error_code(value: &str, problems: &mut Vec<Problem>) {
    if REGISTERED_ERRORS.contains(&value) {
        return;
    }
    let message = match REGISTERED_ERRORS
        .iter()
        .find(|r| r.eq_ignore_ascii_case(value.trim()))
    {
        Some(r) => format!("error codes are case-sensitive and unpadded: write error=\"{r}\""),
        None => format!(
            "`error` value `{value}` is not a registered code: use invalid_request, invalid_token or insufficient_scope (DPoP: invalid_dpop_proof, use_dpop_nonce)"
        ),
    };
    problems.push(problem(ProblemKind::UnregisteredError, message, "RFC 6750 §3.1"));
}

/// `scope = scope-token *( SP scope-token )`, `scope-token = 1*NQCHAR`
/// (RFC 6750 §3, RFC 6749 §3.3).
fn check_scope(p: &PParam, problems: &mut Vec<Problem>) {
    if p.escaped {
        problems.push(problem(
            ProblemKind::BadScope,
            "`scope` must not use quoted-pair escapes: remove every `\\` and `\"` from the value".to_string(),
            "RFC 6750 §3",
        ));
    } else if p.value.is_empty() {
        problems.push(problem(
            ProblemKind::BadScope,
            "`scope` must list at least one scope: write e.g. scope=\"files:read\" or omit it".to_string(),
            "RFC 6750 §3",
        ));
        return;
    } else if let Some(c) = p.value.chars().find(|&c| c != ' ' && !is_nqchar(c)) {
        problems.push(problem(
            ProblemKind::BadScope,
            format!(
                "`scope` contains {}: scope tokens are printable ASCII without `\"` or `\\`, separated by single spaces",
                show(c)
            ),
            "RFC 6750 §3",
        ));
    }
    if p.value.split(' ').any(str::is_empty) {
        let fixed: Vec<&str> = p.value.split(' ').filter(|s| !s.is_empty()).collect();
        problems.push(problem(
            ProblemKind::BadScope,
            format!(
                "`scope` has an empty scope-token (leading, trailing or double space): write scope=\"{}\"",
                fixed.join(" ")
            ),
            "RFC 6750 §3",
        ));
    }
}

enum UriScheme {
    /// Lowercased scheme.
    Scheme(String),
    /// A [`HOLE`] comes before the `:`; the scheme is unknown.
    Unknown,
    /// No valid `scheme ":"` prefix (RFC 3986 §3.1).
    Missing,
}

fn uri_scheme(value: &str) -> UriScheme {
    let mut s = String::new();
    for (i, c) in value.chars().enumerate() {
        if c == HOLE {
            return UriScheme::Unknown;
        }
        if c == ':' {
            return if i > 0 { UriScheme::Scheme(s) } else { UriScheme::Missing };
        }
        let ok =
            if i == 0 { c.is_ascii_alphabetic() } else { c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.') };
        if !ok {
            return UriScheme::Missing;
        }
        s.push(c.to_ascii_lowercase());
    }
    UriScheme::Missing
}

/// `error_uri`: an absolute URI of `%x21 / %x23-5B / %x5D-7E` (RFC 6750 §3).
fn check_error_uri(p: &PParam, problems: &mut Vec<Problem>) {
    let push = |problems: &mut Vec<Problem>, m: String| {
        problems.push(problem(ProblemKind::BadErrorUri, m, "RFC 6750 §3"));
    };
    if p.escaped {
        push(problems, "`error_uri` must not use quoted-pair escapes: remove every `\\` from the value".to_string());
    } else if let Some(c) = p.value.chars().find(|&c| !is_nqchar(c)) {
        push(problems, format!("`error_uri` contains {}, which a URI cannot hold: percent-encode it", show(c)));
    }
    if let UriScheme::Missing = uri_scheme(&p.value) {
        push(
            problems,
            format!(
                "`error_uri` must be an absolute URI, not `{}`: write e.g. error_uri=\"https://example.com/docs/errors\"",
                p.value
            ),
        );
    }
}

/// `resource_metadata`: the absolute URL of the protected resource metadata
/// (RFC 9728 §5.1); TLS is required (RFC 9728 §7.1), so `https`, with `http`
/// tolerated only for loopback development hosts.
fn check_resource_metadata(p: &PParam, problems: &mut Vec<Problem>) {
    const EXAMPLE: &str = "resource_metadata=\"https://mcp.example.com/.well-known/oauth-protected-resource/mcp\"";
    let push = |problems: &mut Vec<Problem>, m: String| {
        problems.push(problem(ProblemKind::BadResourceMetadata, m, "RFC 9728 §5.1"));
    };
    let v = p.value.as_str();
    if p.escaped {
        push(
            problems,
            "`resource_metadata` must not use quoted-pair escapes: remove every `\\` from the URL".to_string(),
        );
    } else if let Some(c) = v.chars().find(|&c| !is_uri_char(c)) {
        push(problems, format!("`resource_metadata` contains {}, which a URL cannot hold: percent-encode it", show(c)));
    }
    let scheme = match uri_scheme(v) {
        UriScheme::Unknown => return,
        UriScheme::Missing => {
            push(
                problems,
                format!("`resource_metadata` must be an absolute https URL, not `{v}`: write e.g. {EXAMPLE}"),
            );
            return;
        }
        UriScheme::Scheme(s) => s,
    };
    if scheme != "https" && scheme != "http" {
        push(problems, format!("`resource_metadata` must be an https URL, not `{scheme}:`: write e.g. {EXAMPLE}"));
        return;
    }
    // Everything after "scheme:"; the scheme is ASCII so the byte index is valid.
    let rest = v.get(scheme.len() + 1..).unwrap_or_default();
    if rest.starts_with(HOLE) || (rest.starts_with('/') && rest.get(1..).is_some_and(|r| r.starts_with(HOLE))) {
        return;
    }
    let Some(after) = rest.strip_prefix("//") else {
        push(
            problems,
            format!("`resource_metadata` must be an absolute URL with a host (`{scheme}://host/...`), not `{v}`"),
        );
        return;
    };
    let authority = after.split(['/', '?', '#']).next().unwrap_or_default();
    if authority.contains(HOLE) {
        return;
    }
    let hostport = authority.rsplit('@').next().unwrap_or_default();
    let (host, port) = if hostport.starts_with('[') {
        match hostport.find(']') {
            Some(i) => (hostport.get(..=i).unwrap_or_default(), hostport.get(i + 1..).unwrap_or_default()),
            None => (hostport, ""),
        }
    } else {
        match hostport.find(':') {
            Some(i) => (hostport.get(..i).unwrap_or_default(), hostport.get(i..).unwrap_or_default()),
            None => (hostport, ""),
        }
    };
    if host.is_empty() || (host.starts_with('[') && !host.ends_with(']')) {
        push(problems, format!("`resource_metadata` has no valid host: write e.g. {EXAMPLE}"));
        return;
    }
    let port_ok = port.is_empty() || (port.starts_with(':') && port.chars().skip(1).all(|c| c.is_ascii_digit()));
    if !port_ok {
        push(problems, format!("`resource_metadata` has an invalid port `{port}`: write e.g. {EXAMPLE}"));
    }
    if scheme == "http" {
        let h = host.to_ascii_lowercase();
        if !matches!(h.as_str(), "localhost" | "127.0.0.1" | "[::1]") {
            push(
                problems,
                format!(
                    "`resource_metadata` must use https (plain http is only acceptable for localhost): write resource_metadata=\"https{}\"",
                    v.get(scheme.len()..).unwrap_or_default()
                ),
            );
        }
    }
}

/// Convenience: the Bearer challenge's param (name matched case-insensitively), if any.
///
/// Looks through every `Bearer` challenge in order and returns the first match.
#[must_use]
pub fn bearer_param<'a>(challenges: &'a [Challenge], name: &str) -> Option<&'a AuthParam> {
    challenges
        .iter()
        .filter(|c| is_bearer(&c.scheme))
        .flat_map(|c| c.params.iter())
        .find(|p| p.name.eq_ignore_ascii_case(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    const PRM: &str = "https://mcp.example.com/.well-known/oauth-protected-resource/mcp";

    fn kinds(value: &str) -> Vec<ProblemKind> {
        validate_bearer(value).into_iter().map(|p| p.kind).collect()
    }

    fn h(template: &str) -> String {
        template.replace("{}", &HOLE.to_string())
    }

    fn param(name: &str, value: &str, quoted: bool) -> AuthParam {
        AuthParam { name: name.to_string(), value: value.to_string(), quoted }
    }

    // --- spec-rules.md §2.2, valid -------------------------------------------

    #[test]
    fn spec_valid_examples() {
        let valid = [
            format!("Bearer realm=\"mcp\", resource_metadata=\"{PRM}\", scope=\"files:read\""),
            format!("Bearer realm=\"example\", error=\"invalid_token\", error_description=\"The access token expired\", resource_metadata=\"{PRM}\""),
            format!("Bearer error=\"insufficient_scope\", scope=\"files:read files:write\", resource_metadata=\"{PRM}\", error_description=\"Additional file write permission required\""),
            "Bearer realm=\"mcp\"".to_string(),
            "Bearer error=\"invalid_request\", error_description=\"Token sent in more than one way\"".to_string(),
            "Bearer error_description=\"Token expired at 2026-01-01T00:00:00Z\", error=\"invalid_token\"".to_string(),
            "Bearer error_uri=\"https://mcp.example.com/docs/errors#invalid_token\", error=\"invalid_token\"".to_string(),
        ];
        for v in &valid {
            assert_eq!(validate_bearer(v), vec![], "{v}");
            assert!(parse(v).is_ok(), "{v}");
        }
    }

    #[test]
    fn parse_spec_example_structure() {
        let v = format!("Bearer realm=\"mcp\", resource_metadata=\"{PRM}\", scope=\"files:read\"");
        let c = parse(&v).expect("valid");
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].scheme, "Bearer");
        assert_eq!(c[0].token68, None);
        assert_eq!(
            c[0].params,
            vec![
                param("realm", "mcp", true),
                param("resource_metadata", PRM, true),
                param("scope", "files:read", true),
            ]
        );
    }

    // --- spec-rules.md §2.2, invalid -----------------------------------------

    #[test]
    fn spec_bare_bearer() {
        assert_eq!(kinds("Bearer"), vec![ProblemKind::NoParams]);
        assert_eq!(kinds("Bearer   "), vec![ProblemKind::NoParams]);
        let p = validate_bearer("Bearer");
        assert_eq!(p[0].source, "RFC 6750 §3");
    }

    #[test]
    fn spec_realm_not_quoted() {
        let p = validate_bearer("Bearer realm=mcp");
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].kind, ProblemKind::RealmNotQuoted);
        assert_eq!(p[0].message, "`realm` must be a quoted-string: write realm=\"mcp\"");
        // The strict parser accepts it: `mcp` is a token.
        let c = parse("Bearer realm=mcp").expect("token value");
        assert_eq!(c[0].params, vec![param("realm", "mcp", false)]);
    }

    #[test]
    fn spec_resource_metadata_unquoted() {
        let v = "Bearer resource_metadata=https://x/.well-known/oauth-protected-resource";
        assert_eq!(kinds(v), vec![ProblemKind::NeedsQuoting]);
        let e = parse(v).expect_err("`:` is not tchar");
        assert_eq!(e.offset, v.find(':').unwrap_or(0));
        assert!(e.message.contains("resource_metadata=\""), "{}", e.message);
    }

    #[test]
    fn spec_duplicate_param() {
        assert_eq!(kinds("Bearer scope=\"a\", scope=\"b\""), vec![ProblemKind::Duplicate]);
        // Names compare case-insensitively; a third copy is reported once.
        assert_eq!(kinds("Bearer realm=\"a\", REALM=\"b\", Realm=\"c\""), vec![ProblemKind::Duplicate]);
    }

    #[test]
    fn spec_error_description_quoted_pair() {
        let v = r#"Bearer error="invalid_token", error_description="Token \"abc\" expired""#;
        assert_eq!(kinds(v), vec![ProblemKind::BadChars]);
        let c = parse(v).expect("valid HTTP");
        assert_eq!(c[0].params[1].value, "Token \"abc\" expired");
        // Any quoted-pair counts, even one that unescapes to an allowed char.
        assert_eq!(kinds(r#"Bearer error_description="a\b""#), vec![ProblemKind::BadChars]);
    }

    #[test]
    fn spec_error_description_non_ascii() {
        let v = "Bearer error=\"invalid_token\", error_description=\"Jeton expiré\"";
        let p = validate_bearer(v);
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].kind, ProblemKind::BadChars);
        assert!(p[0].message.contains("é"), "{}", p[0].message);
    }

    #[test]
    fn spec_scope_double_space() {
        let p = validate_bearer("Bearer scope=\"files:read  files:write\"");
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].kind, ProblemKind::BadScope);
        assert!(p[0].message.contains("scope=\"files:read files:write\""));
    }

    // --- parser ---------------------------------------------------------------

    #[test]
    fn multi_challenge_basic_then_bearer() {
        let v = "Basic realm=\"a\", Bearer error=\"invalid_token\"";
        let c = parse(v).expect("valid");
        assert_eq!(c.len(), 2);
        assert_eq!(c[0].scheme, "Basic");
        assert_eq!(c[0].params, vec![param("realm", "a", true)]);
        assert_eq!(c[1].scheme, "Bearer");
        assert_eq!(c[1].params, vec![param("error", "invalid_token", true)]);
        assert_eq!(validate_bearer(v), vec![]);
    }

    #[test]
    fn multi_challenge_bearer_then_dpop() {
        let v = "Bearer realm=\"a\", DPoP algs=\"ES256\"";
        let c = parse(v).expect("valid");
        assert_eq!(c.len(), 2);
        assert_eq!(c[1].scheme, "DPoP");
        assert_eq!(c[1].params, vec![param("algs", "ES256", true)]);
        assert_eq!(validate_bearer(v), vec![]);
        assert_eq!(bearer_param(&c, "algs"), None, "algs belongs to DPoP, not Bearer");
    }

    #[test]
    fn token68_challenges_and_comma_rule() {
        let v = "Negotiate abc+/d==, Basic dXNlcg, Bearer realm=\"x\", scope=\"a\"";
        let c = parse(v).expect("valid");
        assert_eq!(c.len(), 3);
        assert_eq!(c[0].token68.as_deref(), Some("abc+/d=="));
        assert_eq!(c[1].token68.as_deref(), Some("dXNlcg"));
        assert_eq!(c[2].params.len(), 2);
        assert_eq!(validate_bearer(v), vec![]);
    }

    #[test]
    fn comma_and_equals_inside_quotes() {
        let v = "Bearer realm=\"a, b=c\", error_description=\"x, Basic y=z\"";
        let c = parse(v).expect("valid");
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].params[0].value, "a, b=c");
        assert_eq!(c[0].params[1].value, "x, Basic y=z");
        assert_eq!(validate_bearer(v), vec![]);
    }

    #[test]
    fn quoted_pairs_are_unescaped() {
        let c = parse(r#"Custom realm="a\"b\\c\d", x=y"#).expect("valid");
        assert_eq!(c[0].params[0].value, "a\"b\\cd");
        assert_eq!(c[0].params[1], param("x", "y", false));
        // Quoted-pairs in realm are legal HTTP and are not flagged.
        assert_eq!(kinds(r#"Bearer realm="a\"b""#), vec![]);
    }

    #[test]
    fn ows_and_bws_variations() {
        let v = "  Bearer   realm = \"x\" ,scope=\"a b\"\t,\terror =\tinvalid_token  ";
        let c = parse(v).expect("valid");
        assert_eq!(c.len(), 1);
        assert_eq!(
            c[0].params,
            vec![param("realm", "x", true), param("scope", "a b", true), param("error", "invalid_token", false),]
        );
        assert_eq!(validate_bearer(v), vec![]);
    }

    #[test]
    fn empty_list_elements_are_skipped() {
        let v = ", Bearer realm=\"x\",";
        let c = parse(v).expect("valid");
        assert_eq!(c.len(), 1);
        assert_eq!(validate_bearer(v), vec![]);
        let c = parse(",,Bearer realm=\"x\" , , scope=\"a\",, Basic realm=\"b\" ,").expect("valid");
        assert_eq!(c.len(), 2);
        assert_eq!(c[0].params.len(), 2);
    }

    #[test]
    fn empty_value_has_no_challenge() {
        assert_eq!(parse("").expect("empty list"), vec![]);
        assert_eq!(kinds(""), vec![ProblemKind::Syntax]);
        assert_eq!(kinds(" , ,"), vec![ProblemKind::Syntax]);
    }

    #[test]
    fn unterminated_quote() {
        let v = "Bearer realm=\"mcp, scope=\"a\"x";
        // The quoted-string closes at the second `"`, then `a` is unexpected.
        assert!(parse(v).is_err());
        let v = "Bearer realm=\"mcp";
        let e = parse(v).expect_err("unterminated");
        assert_eq!(e.offset, 13);
        assert!(e.message.contains("unterminated"), "{}", e.message);
        assert_eq!(kinds(v), vec![ProblemKind::Syntax]);
        assert!(parse("Bearer realm=\"mcp\\").is_err());
    }

    #[test]
    fn syntax_errors_have_offsets_and_messages() {
        // Missing comma between params.
        let e = parse("Bearer realm=\"a\" scope=\"b\"").expect_err("no comma");
        assert_eq!(e.offset, 17);
        assert!(e.message.contains("expected `,`"), "{}", e.message);
        // Param before any scheme.
        let e = parse("realm=\"a\"").expect_err("no scheme");
        assert_eq!(e.offset, 0);
        assert!(e.message.contains("before any auth-scheme"));
        // Params after a token68.
        assert!(parse("Basic abc, realm=\"a\"").is_err());
        // No space after the scheme.
        assert!(parse("Bearer\"x\"").is_err());
        // Tab instead of SP after the scheme (RFC 9110 §11.3: 1*SP).
        assert!(parse("Bearer\trealm=\"x\"").is_err());
        // Missing value.
        let e = parse("Bearer realm=, scope=\"a\"").expect_err("no value");
        assert!(e.message.contains("has no value"), "{}", e.message);
        // Not a token where the scheme should be.
        assert!(parse("\"Bearer\" realm=\"x\"").is_err());
        // Control char inside quotes.
        assert!(parse("Bearer realm=\"a\u{1}\"").is_err());
        assert_eq!(kinds("Bearer realm=\"a\" scope=\"b\""), vec![ProblemKind::Syntax]);
    }

    #[test]
    fn unquoted_scope_with_space_is_a_syntax_problem() {
        let p = validate_bearer("Bearer scope=files:read files:write");
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].kind, ProblemKind::Syntax);
        assert!(p[0].message.contains("quote values that contain spaces"));
    }

    #[test]
    fn offsets_are_bytes() {
        let v = "Bearer error_description=\"é\" x";
        let e = parse(v).expect_err("junk after value");
        assert_eq!(e.offset, v.len() - 1);
    }

    // --- Bearer checks ---------------------------------------------------------

    #[test]
    fn scheme_is_case_insensitive() {
        assert_eq!(kinds("bearer realm=\"x\""), vec![]);
        assert_eq!(kinds("BEARER realm=\"x\""), vec![]);
        assert_eq!(kinds("bEaReR"), vec![ProblemKind::NoParams]);
    }

    #[test]
    fn bearer_token68_form() {
        assert_eq!(kinds("Bearer abc123"), vec![ProblemKind::Token68]);
        assert_eq!(kinds("Bearer abc=="), vec![ProblemKind::Token68]);
    }

    #[test]
    fn not_bearer() {
        assert_eq!(kinds("Basic realm=\"x\""), vec![ProblemKind::NotBearer]);
        assert_eq!(kinds("Basic realm=x, DPoP algs=ES256"), vec![ProblemKind::RealmNotQuoted, ProblemKind::NotBearer]);
        let p = validate_bearer("Negotiate");
        assert_eq!(p[0].kind, ProblemKind::NotBearer);
        assert!(p[0].message.contains("Negotiate"));
    }

    #[test]
    fn error_codes() {
        for code in REGISTERED_ERRORS {
            assert_eq!(kinds(&format!("Bearer error=\"{code}\"")), vec![], "{code}");
        }
        assert_eq!(kinds("Bearer error=\"unauthorized\""), vec![ProblemKind::UnregisteredError]);
        let p = validate_bearer("Bearer error=\"Invalid_Token\"");
        assert_eq!(p[0].kind, ProblemKind::UnregisteredError);
        assert!(p[0].message.contains("error=\"invalid_token\""));
        assert_eq!(kinds("Bearer error=\"\""), vec![ProblemKind::BadChars]);
        // Bad chars are reported instead of "unregistered".
        assert_eq!(kinds("Bearer error=\"bad\\\"code\""), vec![ProblemKind::BadChars]);
    }

    #[test]
    fn error_description_tab_and_empty() {
        assert_eq!(kinds("Bearer error_description=\"a\tb\""), vec![ProblemKind::BadChars]);
        assert_eq!(kinds("Bearer error_description=\"\""), vec![ProblemKind::BadChars]);
        // Unquoted with a non-tchar (also invalid HTTP).
        assert_eq!(kinds("Bearer error_description=expired!ok(now)"), vec![ProblemKind::NeedsQuoting]);
    }

    #[test]
    fn control_chars() {
        assert_eq!(kinds("Bearer realm=\"x\",\r\n scope=\"a\""), vec![ProblemKind::ControlChars]);
        assert_eq!(kinds("Bearer error_description=\"boom\r\nSet-Cookie: x=y\""), vec![ProblemKind::ControlChars]);
        assert_eq!(kinds("Bearer realm=\"x\0\""), vec![ProblemKind::ControlChars]);
        let p = validate_bearer("Bearer realm=\"a\"\n");
        assert_eq!(p.len(), 1);
        assert!(p[0].message.contains("LF"));
        assert_eq!(p[0].source, "RFC 9110 §5.5");
    }

    #[test]
    fn scope_rules() {
        assert_eq!(kinds("Bearer scope=\"a b c\""), vec![]);
        assert_eq!(kinds("Bearer scope=files"), vec![]);
        assert_eq!(kinds("Bearer scope=\"\""), vec![ProblemKind::BadScope]);
        assert_eq!(kinds("Bearer scope=\" a\""), vec![ProblemKind::BadScope]);
        assert_eq!(kinds("Bearer scope=\"a \""), vec![ProblemKind::BadScope]);
        assert_eq!(kinds("Bearer scope=\"a\tb\""), vec![ProblemKind::BadScope]);
        assert_eq!(kinds("Bearer scope=\"a\\\"b\""), vec![ProblemKind::BadScope]);
        assert_eq!(kinds("Bearer scope=\"lecture\""), vec![]);
        assert_eq!(kinds("Bearer scope=\"écrire  lire\""), vec![ProblemKind::BadScope, ProblemKind::BadScope]);
    }

    #[test]
    fn error_uri_rules() {
        assert_eq!(kinds("Bearer error_uri=\"urn:example:errors:token\""), vec![]);
        assert_eq!(kinds("Bearer error_uri=\"/docs/errors\""), vec![ProblemKind::BadErrorUri]);
        assert_eq!(kinds("Bearer error_uri=\"https://x/a b\""), vec![ProblemKind::BadErrorUri]);
        assert_eq!(kinds("Bearer error_uri=\"\""), vec![ProblemKind::BadErrorUri]);
    }

    #[test]
    fn resource_metadata_rules() {
        let ok = [
            PRM,
            "HTTPS://MCP.EXAMPLE.COM/.well-known/oauth-protected-resource",
            "https://mcp.example.com:8443/.well-known/oauth-protected-resource?x=1",
            "http://localhost:3000/.well-known/oauth-protected-resource/mcp",
            "http://127.0.0.1/.well-known/oauth-protected-resource",
            "http://[::1]:8080/.well-known/oauth-protected-resource",
            "https://[2001:db8::1]/.well-known/oauth-protected-resource",
        ];
        for u in ok {
            assert_eq!(validate_bearer(&format!("Bearer resource_metadata=\"{u}\"")), vec![], "{u}");
        }
        let bad = [
            "http://mcp.example.com/.well-known/oauth-protected-resource",
            "/.well-known/oauth-protected-resource",
            "mcp.example.com/.well-known/oauth-protected-resource",
            "ftp://mcp.example.com/x",
            "https:/mcp.example.com/x",
            "https:///x",
            "https://mcp.example.com:port/x",
            "https://mcp.example.com/a b",
            "",
        ];
        for u in bad {
            let k = kinds(&format!("Bearer resource_metadata=\"{u}\""));
            assert_eq!(k, vec![ProblemKind::BadResourceMetadata], "{u}");
        }
        let p = validate_bearer("Bearer resource_metadata=\"http://x.example/prm\"");
        assert!(p[0].message.contains("\"https://x.example/prm\""), "{}", p[0].message);
    }

    #[test]
    fn unknown_params_are_allowed() {
        assert_eq!(kinds("Bearer realm=\"x\", max_age=300, acr_values=\"urn:a urn:b\""), vec![]);
    }

    #[test]
    fn multiple_problems_are_all_reported() {
        let v =
            "Bearer realm=mcp, scope=\"a  b\", scope=\"c\", error=\"nope\", resource_metadata=\"http://evil.example/\"";
        let mut k = kinds(v);
        k.sort();
        assert_eq!(
            k,
            vec![
                ProblemKind::Duplicate,
                ProblemKind::RealmNotQuoted,
                ProblemKind::UnregisteredError,
                ProblemKind::BadScope,
                ProblemKind::BadResourceMetadata,
            ]
        );
        for p in validate_bearer(v) {
            assert!(p.source.starts_with("RFC "), "{p:?}");
            let first = p.message.chars().next().unwrap_or('A');
            assert!(!first.is_ascii_uppercase(), "{p:?}");
        }
    }

    #[test]
    fn bearer_param_lookup() {
        let c = parse("Basic realm=\"b\", bearer Realm=\"x\", Scope=\"a\"").expect("valid");
        assert_eq!(bearer_param(&c, "realm").map(|p| p.value.as_str()), Some("x"));
        assert_eq!(bearer_param(&c, "SCOPE").map(|p| p.value.as_str()), Some("a"));
        assert_eq!(bearer_param(&c, "error"), None);
        assert_eq!(bearer_param(&[], "realm"), None);
    }

    // --- HOLE -------------------------------------------------------------------

    #[test]
    fn hole_in_quoted_values() {
        assert_eq!(kinds(&h("Bearer realm=\"{}\", error=\"{}\"")), vec![]);
        assert_eq!(kinds(&h("Bearer error=\"{}\", error_description=\"token {} expired\"")), vec![]);
        assert_eq!(kinds(&h("Bearer scope=\"{}\"")), vec![]);
        assert_eq!(kinds(&h("Bearer scope=\"files:{} {}\"")), vec![]);
        assert_eq!(kinds(&h("Bearer error_uri=\"{}\"")), vec![]);
    }

    #[test]
    fn hole_in_resource_metadata() {
        for t in [
            "Bearer resource_metadata=\"{}/.well-known/oauth-protected-resource\"",
            "Bearer resource_metadata=\"{}\"",
            "Bearer resource_metadata=\"https://{}/.well-known/oauth-protected-resource\"",
            "Bearer resource_metadata=\"http://{}/.well-known/oauth-protected-resource\"",
            "Bearer resource_metadata=\"{}://{}/x\"",
            "Bearer resource_metadata=\"https://mcp.example.com{}\"",
        ] {
            assert_eq!(validate_bearer(&h(t)), vec![], "{t}");
        }
        // Literal text still decides what it can.
        assert_eq!(
            kinds(&h("Bearer resource_metadata=\"http://mcp.example.com/{}\"")),
            vec![ProblemKind::BadResourceMetadata]
        );
        assert_eq!(kinds(&h("Bearer resource_metadata={}/.well-known/x")), vec![ProblemKind::NeedsQuoting]);
    }

    #[test]
    fn hole_in_param_position() {
        assert_eq!(kinds(&h("Bearer {}")), vec![]);
        assert_eq!(kinds(&h("Bearer {}{}")), vec![]);
        assert_eq!(kinds(&h("Bearer {}, realm=\"x\"")), vec![]);
        assert_eq!(kinds(&h("Bearer realm=\"x\"{}")), vec![]);
        assert_eq!(kinds(&h("Bearer realm=\"x\" {}, scope=\"a\"")), vec![]);
        assert_eq!(kinds(&h("Bearer, {}")), vec![]);
        assert_eq!(kinds(&h("Bearer {}=\"a\", {}=\"b\"")), vec![]);
        let c = parse(&h("Bearer {}, realm=\"x\"")).expect("valid");
        assert_eq!(c[0].token68.as_deref(), Some("\u{E000}"));
        assert_eq!(c[0].params, vec![param("realm", "x", true)]);
        // Problems in the literal text are still found.
        assert_eq!(kinds(&h("Bearer {}, realm=mcp")), vec![ProblemKind::RealmNotQuoted]);
    }

    #[test]
    fn hole_unquoted_values_and_schemes() {
        // A hole cannot supply the quotes `realm` needs (a `{:?}` hole arrives quoted).
        assert_eq!(kinds(&h("Bearer realm={}")), vec![ProblemKind::RealmNotQuoted]);
        assert_eq!(kinds(&h("Bearer error={}, scope={}")), vec![]);
        assert_eq!(kinds(&h("{}")), vec![]);
        assert_eq!(kinds(&h("{} realm=\"x\"")), vec![]);
        assert_eq!(kinds(&h("Basic realm=\"a\", {}")), vec![]);
        // Parse errors right at / after a hole are not blamed on the template.
        assert_eq!(kinds(&h("Bearer realm={}\"x\"")), vec![]);
        assert_eq!(kinds(&h("Bearer realm=\"x\"{}=\"y\"")), vec![]);
        assert_eq!(kinds(&h("{}\"x\"")), vec![]);
        // ...but errors elsewhere still are.
        assert_eq!(kinds(&h("Bearer realm=\"{}")), vec![ProblemKind::Syntax]);
    }

    #[test]
    fn holes_replacing_values_of_valid_headers_stay_valid() {
        let v = format!("Bearer realm=\"mcp\", error=\"invalid_token\", error_description=\"The access token expired\", scope=\"files:read files:write\", error_uri=\"https://e.example/x\", resource_metadata=\"{PRM}\"");
        let c = parse(&v).expect("valid");
        for target in &c[0].params {
            let templ = v.replace(&format!("\"{}\"", target.value), "\"\u{E000}\"");
            assert_eq!(validate_bearer(&templ), vec![], "{templ}");
            // A bare hole may stand for a whole quoted value, except for `realm`, which
            // must be quoted in the template (a Display hole prints no quotes).
            let templ = v.replace(&format!("\"{}\"", target.value), "\u{E000}");
            let expected = if target.name == "realm" { vec![ProblemKind::RealmNotQuoted] } else { vec![] };
            assert_eq!(validate_bearer(&templ).into_iter().map(|p| p.kind).collect::<Vec<_>>(), expected, "{templ}");
        }
    }

    // --- robustness -------------------------------------------------------------

    #[test]
    fn arbitrary_junk_does_not_panic() {
        let alphabet: Vec<char> = [
            'B', 'e', 'a', 'r', ' ', '\t', ',', '=', '"', '\\', 'x', ':', '/', '[', ']', '@', '\r', '\n', '\0', 'é',
            HOLE, '€', '\u{7f}', '~', '+', '.', '%',
        ]
        .to_vec();
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..20_000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let len = (state % 24) as usize;
            let mut s = String::new();
            let mut x = state;
            for _ in 0..len {
                x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                let i = ((x >> 33) % alphabet.len() as u64) as usize;
                s.push(alphabet.get(i).copied().unwrap_or('x'));
            }
            let _ = parse(&s);
            let _ = validate_bearer(&s);
        }
    }

    #[test]
    fn every_prefix_and_mutation_does_not_panic() {
        let v = format!("Basic realm=\"é\\\"\", Bearer realm=\"mcp\", scope=\"a b\", error=\"invalid_token\", resource_metadata=\"{PRM}\", x=y, Negotiate abc==");
        let chars: Vec<char> = v.chars().collect();
        for i in 0..=chars.len() {
            let prefix: String = chars.iter().take(i).collect();
            let _ = parse(&prefix);
            let _ = validate_bearer(&prefix);
            for m in ['"', '\\', ',', '=', ' ', HOLE, '\n', 'é'] {
                let mut mutated = chars.clone();
                if let Some(c) = mutated.get_mut(i) {
                    *c = m;
                }
                let s: String = mutated.iter().collect();
                let _ = parse(&s);
                let _ = validate_bearer(&s);
            }
        }
    }

    #[test]
    fn problems_are_deterministic() {
        let v = "Bearer realm=mcp, realm=\"x\", error=\"e\"";
        assert_eq!(validate_bearer(v), validate_bearer(v));
    }
}
