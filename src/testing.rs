//! Test and benchmark support: the lines a rule reports in a snippet, and a generated workspace
//! of realistic server code, the same for every benchmark and size (deterministic), so ratios
//! are comparable across runs.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Every Rust source of the fixtures and every fuzz regression (kept as `.rs.txt`, out of
/// cargo's and rustfmt's way), in path order: the inputs tests run the whole pipeline over.
pub fn fixture_sources() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("fixtures"), &mut files);
    rust_files(&root.join("tests").join("fuzz_regressions"), &mut files);
    files
}

/// `fixture_sources`, each read (lossily: a stray byte must not stop a comparison) with the
/// name it is reported under: what tests run something over every fixture and fuzz input with.
pub fn fixture_texts() -> Vec<(String, String)> {
    let read = |f: &PathBuf| std::fs::read(f).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
    fixture_sources()
        .iter()
        .map(|f| (f.display().to_string(), String::from_utf8_lossy(&read(f)).into_owned()))
        .collect()
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let mut entries: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        let name = p.to_string_lossy();
        if p.is_dir() && p.file_name().is_some_and(|n| n != "target") {
            rust_files(&p, out);
        } else if name.ends_with(".rs") || name.ends_with(".rs.txt") {
            out.push(p);
        }
    }
}

/// The framework crates of the fixtures, as cargo unpacks them in its registry: the real corpus
/// of the benchmarks (`benches/`, docs/benchmarks.md).
pub const REGISTRY_CRATES: &[&str] =
    &["axum-0", "axum-core-", "rmcp-", "jsonrpsee", "jsonrpc-", "hyper-1", "http-1", "tower-0", "tokio-1", "reqwest-"];

/// The folder of cargo's unpacked registry sources and the Rust files of `REGISTRY_CRATES` in
/// it, in path order; `None` before the fixtures' dependencies are fetched.
pub fn registry_corpus() -> Option<(PathBuf, Vec<PathBuf>)> {
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))?;
    let mut indexes: Vec<PathBuf> =
        std::fs::read_dir(home.join("registry").join("src")).ok()?.flatten().map(|e| e.path()).collect();
    indexes.sort();
    for src in indexes {
        let mut files = Vec::new();
        for e in std::fs::read_dir(&src).ok()?.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if REGISTRY_CRATES.iter().any(|c| name.starts_with(c)) {
                files.extend(crate::workspace::walk_rust_files(&e.path(), true, false));
            }
        }
        files.sort();
        if !files.is_empty() {
            return Some((src, files));
        }
    }
    None
}

/// The lines `rule` reports in `src` (the whole per-file pipeline, as `engine::lint_text`).
pub fn finding_lines(src: &str, rule: &str) -> Vec<usize> {
    let findings = crate::engine::lint_text(src).unwrap_or_default();
    findings.iter().filter(|f| f.rule == rule).map(|f| f.location.line).collect()
}

/// One generated module: an axum auth middleware, handlers, a JSON-RPC helper, an error enum
/// with `IntoResponse`, and plain code, about 120 lines, varied by `i`.
pub fn module_source(i: usize) -> String {
    let mut s = String::new();
    let _ = write!(
        s,
        r##"//! Generated module {i}.
use axum::{{extract::{{Request, State}}, http::{{header, HeaderMap, StatusCode}}, middleware::Next, response::{{IntoResponse, Response}}, Json}};
use serde_json::{{json, Value}};

pub const AUTH_ERROR_{i}: i64 = -32001;
pub const CHALLENGE_{i}: &str = r#"Bearer realm="svc{i}", resource_metadata="https://svc{i}.example.com/.well-known/oauth-protected-resource/mcp""#;

#[derive(Debug)]
pub enum ApiError{i} {{
    MissingToken,
    InvalidToken,
    NotFound,
    Storage(String),
}}

impl IntoResponse for ApiError{i} {{
    fn into_response(self) -> Response {{
        match self {{
            ApiError{i}::MissingToken | ApiError{i}::InvalidToken => {{
                (StatusCode::UNAUTHORIZED, [(header::WWW_AUTHENTICATE, CHALLENGE_{i})], "unauthorized").into_response()
            }}
            ApiError{i}::NotFound => StatusCode::NOT_FOUND.into_response(),
            ApiError{i}::Storage(e) => {{
                eprintln!("storage: {{e}}");
                StatusCode::INTERNAL_SERVER_ERROR.into_response()
            }}
        }}
    }}
}}

fn bearer_{i}(headers: &HeaderMap) -> Option<&str> {{
    headers.get(header::AUTHORIZATION)?.to_str().ok()?.strip_prefix("Bearer ")
}}

fn rpc_error_{i}(id: Value, code: i64, message: &str) -> Response {{
    (StatusCode::OK, Json(json!({{"jsonrpc": "2.0", "id": id, "error": {{"code": code, "message": message}}}}))).into_response()
}}

pub async fn require_token_{i}(State(keys): State<Vec<String>>, req: Request, next: Next) -> Result<Response, ApiError{i}> {{
    let Some(token) = bearer_{i}(req.headers()) else {{
        return Err(ApiError{i}::MissingToken);
    }};
    if !keys.iter().any(|k| k == token) {{
        return Err(ApiError{i}::InvalidToken);
    }}
    Ok(next.run(req).await)
}}

pub async fn handler_{i}(headers: HeaderMap, Json(body): Json<Value>) -> Response {{
    let id = body.get("id").cloned().unwrap_or(Value::Null);
    if bearer_{i}(&headers).is_none() {{
        return rpc_error_{i}(id, AUTH_ERROR_{i}, "Unauthorized");
    }}
    match body.get("method").and_then(Value::as_str) {{
        Some("tools/list") => Json(json!({{"jsonrpc": "2.0", "id": id, "result": {{"tools": []}}}})).into_response(),
        Some(_) => rpc_error_{i}(id, -32601, "Method not found"),
        None => (StatusCode::BAD_REQUEST, "missing method").into_response(),
    }}
}}

pub fn checksum_{i}(data: &[u8]) -> u64 {{
    let mut h: u64 = {i};
    for (n, b) in data.iter().enumerate() {{
        h = h.wrapping_mul(31).wrapping_add(u64::from(*b) ^ n as u64);
        if h % 7 == 3 {{
            h = h.rotate_left(5);
        }}
    }}
    h
}}

pub struct Store{i} {{
    items: Vec<(String, u64)>,
}}

impl Store{i} {{
    pub fn get(&self, key: &str) -> Result<u64, ApiError{i}> {{
        self.items.iter().find(|(k, _)| k == key).map(|(_, v)| *v).ok_or(ApiError{i}::NotFound)
    }}

    pub fn put(&mut self, key: &str, value: u64) {{
        match self.items.iter_mut().find(|(k, _)| k == key) {{
            Some(slot) => slot.1 = value,
            None => self.items.push((key.to_string(), value)),
        }}
    }}
}}
"##
    );
    s
}

/// Write a one-package workspace with `files` modules under `dir`; returns the bytes written.
pub fn generate_workspace(dir: &Path, files: usize) -> std::io::Result<u64> {
    let src = dir.join("src");
    std::fs::create_dir_all(&src)?;
    std::fs::write(
        dir.join("Cargo.toml"),
        "[package]\nname = \"generated\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n[dependencies]\naxum = \"0.8\"\nserde_json = \"1\"\n",
    )?;
    let mut lib = String::new();
    let mut bytes = 0u64;
    for i in 0..files {
        let _ = writeln!(lib, "pub mod m{i};");
        let text = module_source(i);
        bytes += text.len() as u64;
        std::fs::write(src.join(format!("m{i}.rs")), text)?;
    }
    bytes += lib.len() as u64;
    std::fs::write(src.join("lib.rs"), lib)?;
    Ok(bytes)
}

/// A token's text (a group's delimiter) and where it starts and ends (line, column).
type Lexed = (String, (usize, usize), (usize, usize));

/// Whether the plain-comment copy the lint lexes (`source::Omit::doc_comments`) has exactly
/// the tokens of `text` without the attributes proc-macro2 makes of doc comments, at the same
/// places: `Ok(how many doc comment openers were changed)`, or `Err(what differs)`. When
/// `text` itself does not lex, the copy may (a bare CR in a doc comment): `Ok(0)`.
///
/// Built for fuzzing (`cfg(fuzzing)`), proc-macro2 has no span locations: every span is empty,
/// so a doc comment cannot be told from a written `#[doc = ".."]`. Then every doc attribute is
/// left out on both sides and only the tokens are compared.
pub fn docs_left_out_exactly(text: &str) -> Result<usize, String> {
    let plain = crate::source::doc_comments::as_plain_comments(text);
    let Ok(original) = lexed(text, Side::Original) else { return Ok(0) };
    let copy = lexed(&plain, Side::Copy).map_err(|e| format!("only the plain-comment copy fails to lex: {e}"))?;
    if let Some(i) = (0..original.len().max(copy.len())).find(|&i| original.get(i) != copy.get(i)) {
        return Err(format!("token {i} differs: {:?} in the original, {:?} in the copy", original.get(i), copy.get(i)));
    }
    Ok(text.bytes().zip(plain.bytes()).filter(|(a, b)| a != b).count())
}

#[derive(Clone, Copy, PartialEq)]
enum Side {
    /// Its doc comments are left out.
    Original,
    /// Has no doc comments left.
    Copy,
}

/// Every token of `text` (groups as their delimiters) with where it starts and ends, without
/// the doc attributes `side` calls for.
fn lexed(text: &str, side: Side) -> Result<Vec<Lexed>, String> {
    let ts: proc_macro2::TokenStream = text.parse().map_err(|e: proc_macro2::LexError| e.to_string())?;
    let mut out = Vec::new();
    flatten(ts, text, side, &mut out);
    Ok(out)
}

fn flatten(ts: proc_macro2::TokenStream, text: &str, side: Side, out: &mut Vec<Lexed>) {
    use proc_macro2::TokenTree;
    let at = |s: proc_macro2::Span| ((s.start().line, s.start().column), (s.end().line, s.end().column));
    let trees: Vec<TokenTree> = ts.into_iter().collect();
    let mut i = 0;
    while let Some(t) = trees.get(i) {
        // A doc attribute is `#`, maybe `!`, and `[doc = ..]`; made of a comment, all its tokens
        // span the comment.
        if let TokenTree::Punct(p) = t {
            let bang = matches!(trees.get(i + 1), Some(TokenTree::Punct(b)) if b.as_char() == '!');
            let body = trees.get(i + 1 + usize::from(bang));
            let range = p.span().byte_range();
            let leave_out = if range.is_empty() {
                body.is_some_and(is_doc_attr_body)
            } else {
                side == Side::Original && text.get(range).is_some_and(|s| s.starts_with("//") || s.starts_with("/*"))
            };
            if p.as_char() == '#' && leave_out {
                i += 2 + usize::from(bang);
                continue;
            }
        }
        let (lo, hi) = at(t.span());
        match t {
            TokenTree::Group(g) => {
                out.push((format!("{:?}(", g.delimiter()), lo, hi));
                flatten(g.stream(), text, side, out);
                out.push((format!("){:?}", g.delimiter()), lo, hi));
            }
            other => out.push((other.to_string(), lo, hi)),
        }
        i += 1;
    }
}

/// `[doc = ..]`.
fn is_doc_attr_body(t: &proc_macro2::TokenTree) -> bool {
    let proc_macro2::TokenTree::Group(g) = t else { return false };
    let mut inside = g.stream().into_iter();
    g.delimiter() == proc_macro2::Delimiter::Bracket
        && matches!(inside.next(), Some(proc_macro2::TokenTree::Ident(i)) if i == "doc")
        && matches!(inside.next(), Some(proc_macro2::TokenTree::Punct(p)) if p.as_char() == '=')
}
