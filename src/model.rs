//! The workspace model: every file's facts, indexed, and the resolver that turns a returned
//! value into the response a client receives (status, headers, body), following helper calls,
//! `IntoResponse` arms, `From` conversions and consts across files (DESIGN §5.2).
//! Unknown stays unknown: a status is only reported when the code fixes it.

use crate::facts::ir::*;
use crate::facts::signals;
use crate::frameworks::{actix_web, axum, http, rust_mcp_sdk};
use std::cell::RefCell;
use std::collections::HashMap as StdHashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// The model's indexes, keyed by names and small integers. The std hasher (SipHash, keyed per
/// process against collision attacks) was most of `Model::new`, which runs on one thread after
/// the parallel parse; the keys here are the project's own names, so a fast hash (FxHash, as
/// rustc uses) is enough. Nothing iterates these maps, so the order they keep is never seen.
type HashMap<K, V> = StdHashMap<K, V, BuildHasherDefault<FxHasher>>;

/// rustc's FxHasher: a multiply and a rotate per word.
#[derive(Default)]
struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.write_u64(u64::from_le_bytes(word));
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.write_u64(u64::from(i));
    }

    fn write_usize(&mut self, i: usize) {
        self.write_u64(i as u64);
    }

    fn write_u64(&mut self, i: u64) {
        self.0 = (self.0.rotate_left(5) ^ i).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// How many helper / impl hops the resolver follows.
const MAX_DEPTH: usize = 8;
/// Evidence weight needed to call a site an auth failure (DESIGN §5.3: never one keyword).
const AUTH_THRESHOLD: u8 = 2;

/// Where the resolver is: how many hops deep, and which variant of which type `self` is
/// (inside an `IntoResponse` arm, `self.status()` means that variant's status).
#[derive(Debug, Clone, Copy)]
pub struct Env<'a> {
    pub depth: usize,
    pub this: Option<(&'a str, &'a str)>,
    /// The arguments of the call being resolved, and the file they are written in.
    pub args: Option<(&'a [Val], usize)>,
}

impl<'a> Env<'a> {
    pub const ROOT: Env<'static> = Env { depth: 0, this: None, args: None };

    fn deeper(self) -> Env<'a> {
        Env { depth: self.depth + 1, ..self }
    }
}

/// One analysed file.
#[derive(Debug)]
pub struct ModelFile {
    /// Path relative to the workspace root, `/`-separated.
    pub rel: String,
    pub package: usize,
    pub facts: FileFacts,
}

#[derive(Debug, Clone)]
pub struct ModelPackage {
    pub name: String,
    /// Depends on an MCP SDK or serves an MCP route.
    pub mcp: bool,
    /// Takes part in OAuth (depends on an OAuth/JWT crate or mentions OAuth metadata).
    pub oauth: bool,
    /// JSON-RPC codes that mean "auth failure" here (config `auth-codes`).
    pub auth_codes: Vec<i64>,
}

/// A place in a file of the model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Loc {
    pub file: usize,
    pub span: Span,
}

/// A related location with its explanation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cause {
    pub loc: Option<Loc>,
    pub message: String,
}

/// What the response body carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Body {
    Empty,
    JsonRpcError {
        code: Option<i64>,
        message: Option<String>,
    },
    /// `{"error": "..."}` (OAuth style or ad hoc).
    ErrorJson {
        error: Option<String>,
    },
    Json,
    Text(Option<String>),
    /// An HTML page: a browser flow (an authorization server's login form), not an API answer.
    Html,
    Unknown,
}

/// How the status of a response was reached, for reporting where it is decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Via {
    /// Built right here.
    Local,
    /// Through a helper function, an `IntoResponse` arm or a conversion (see `causes`).
    Indirect,
}

/// The abstract response a value becomes.
#[derive(Debug, Clone, PartialEq)]
pub struct Resp {
    pub status: u16,
    /// The status is a framework default (a bare `Json(..)` is 200), not written in the code.
    pub implicit: bool,
    pub headers: Vec<(String, Option<(Val, usize)>)>,
    /// Some headers are unknown (a `HeaderMap` from elsewhere): header rules stay quiet.
    pub headers_open: bool,
    pub body: Body,
    pub causes: Vec<Cause>,
    pub via: Via,
    /// Evidence found on the way (names of variants, messages, codes).
    pub evidence: Evidence,
    /// Where the status was set, when that is not where the response is returned
    /// (`*res.status_mut() = ..`).
    pub status_at: Option<Span>,
    /// Where error text (`e.to_string()`, `format!("{e}")`) enters the body.
    pub leak: Option<Loc>,
}

/// Auth evidence for one site.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Evidence {
    pub branch: u8,
    pub variant: u8,
    pub code: u8,
    pub message: u8,
    pub name: u8,
    pub kind: Option<FailKind>,
}

impl Evidence {
    pub fn score(&self) -> u8 {
        self.branch + self.variant + self.code + self.message + self.name
    }
    pub fn is_auth(&self) -> bool {
        self.score() >= AUTH_THRESHOLD
    }
    fn merge(&mut self, o: &Evidence) {
        self.branch = self.branch.max(o.branch);
        self.variant = self.variant.max(o.variant);
        self.code = self.code.max(o.code);
        self.message = self.message.max(o.message);
        self.name = self.name.max(o.name);
        self.kind = self.kind.or(o.kind);
    }
}

/// A response site: a place where a function that produces responses returns one.
#[derive(Debug, Clone)]
pub struct Site {
    pub loc: Loc,
    pub anchor: String,
    pub resp: Resp,
    pub evidence: Evidence,
    /// Returned where an awaited credential lookup failed (or had its error folded away):
    /// where that lookup is.
    pub backend: Option<Loc>,
    /// The function handles auth: its name says so, or it reads credentials.
    pub auth_fn: bool,
}

impl Resp {
    pub fn new(status: u16, implicit: bool) -> Resp {
        Resp {
            status,
            implicit,
            headers: Vec::new(),
            headers_open: false,
            body: Body::Empty,
            causes: Vec::new(),
            via: Via::Local,
            evidence: Evidence::default(),
            status_at: None,
            leak: None,
        }
    }

    pub fn header(&self, name: &str) -> Option<&Option<(Val, usize)>> {
        self.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v)
    }

    pub fn has_challenge(&self) -> bool {
        self.header(http::WWW_AUTHENTICATE).is_some()
    }
}

pub struct Model {
    pub files: Vec<ModelFile>,
    pub packages: Vec<ModelPackage>,
    fns_by_name: Index<String>,
    /// The same, per package: lookups prefer the caller's package, and must stay O(1) when a
    /// name (`get`, `new`) has thousands of definitions.
    fns_by_pkg_name: Index<(usize, String)>,
    consts_by_pkg_name: Index<(usize, String)>,
    /// (type, trait) → impl methods.
    impls: Index<(String, String)>,
    consts: Index<String>,
    /// `#[auth_error]` types by name: (file, facts).
    auth_error_types: HashMap<String, Vec<(usize, AuthErrorType)>>,
    /// `From` conversions by target type: (file, conversion).
    froms: HashMap<String, Vec<(usize, FromFacts)>>,
    helper_cache: RefCell<HashMap<(usize, usize), Option<Resp>>>,
}

/// Functions or constants by a key: (file, index in that file's facts), in file order.
type Index<K> = HashMap<K, Vec<(usize, usize)>>;

/// Functions by name, and methods also by `Type::name`.
fn index_fns_by_name(files: &[ModelFile]) -> Index<String> {
    let mut out: Index<String> = HashMap::default();
    for (fi, f) in files.iter().enumerate() {
        for (i, func) in f.facts.fns.iter().enumerate() {
            out.entry(func.name.clone()).or_default().push((fi, i));
            if let Some(ty) = &func.self_ty {
                out.entry(format!("{ty}::{}", func.name)).or_default().push((fi, i));
            }
        }
    }
    out
}

/// `index_fns_by_name` per package.
fn index_fns_by_pkg_name(files: &[ModelFile]) -> Index<(usize, String)> {
    let mut out: Index<(usize, String)> = HashMap::default();
    for (fi, f) in files.iter().enumerate() {
        for (i, func) in f.facts.fns.iter().enumerate() {
            out.entry((f.package, func.name.clone())).or_default().push((fi, i));
            if let Some(ty) = &func.self_ty {
                out.entry((f.package, format!("{ty}::{}", func.name))).or_default().push((fi, i));
            }
        }
    }
    out
}

/// Trait methods by (type, trait), and Rocket `#[derive(Responder)]` types, which are
/// responses (`frameworks::resolve_ctor`).
fn index_impls(files: &[ModelFile]) -> Index<(String, String)> {
    let mut out: Index<(String, String)> = HashMap::default();
    for (fi, f) in files.iter().enumerate() {
        for (i, func) in f.facts.fns.iter().enumerate() {
            if let (Some(ty), Some(tr)) = (&func.self_ty, &func.trait_name) {
                out.entry((ty.clone(), tr.clone())).or_default().push((fi, i));
            }
        }
        for d in &f.facts.fw.responders {
            out.entry((d.ty.clone(), crate::frameworks::rocket::DERIVED_IMPL.to_string())).or_default();
        }
    }
    out
}

/// Constants by name (and by the name without its owner), and the same per package.
fn index_consts(files: &[ModelFile]) -> (Index<String>, Index<(usize, String)>) {
    let mut consts: Index<String> = HashMap::default();
    let mut by_pkg: Index<(usize, String)> = HashMap::default();
    for (fi, f) in files.iter().enumerate() {
        for (i, c) in f.facts.consts.iter().enumerate() {
            consts.entry(c.name.clone()).or_default().push((fi, i));
            by_pkg.entry((f.package, c.name.clone())).or_default().push((fi, i));
            if let Some((_, short)) = c.name.rsplit_once("::") {
                consts.entry(short.to_string()).or_default().push((fi, i));
                by_pkg.entry((f.package, short.to_string())).or_default().push((fi, i));
            }
        }
    }
    (consts, by_pkg)
}

/// `From` conversions by target type: thiserror's `#[from]` and written `impl From<X> for T`.
fn index_froms(files: &[ModelFile]) -> HashMap<String, Vec<(usize, FromFacts)>> {
    let mut out: HashMap<String, Vec<(usize, FromFacts)>> = HashMap::default();
    for (fi, f) in files.iter().enumerate() {
        for d in &f.facts.froms {
            out.entry(d.target.clone()).or_default().push((fi, d.clone()));
        }
        for func in f.facts.fns.iter().filter(|func| func.trait_name.as_deref() == Some("From")) {
            let (Some(target), Some(ret)) = (&func.self_ty, func.rets.first()) else {
                continue;
            };
            out.entry(target.clone()).or_default().push((
                fi,
                FromFacts {
                    target: target.clone(),
                    source: func.trait_arg.clone().unwrap_or_default(),
                    generic: func.trait_arg_generic,
                    val: ret.val.clone(),
                    span: func.span,
                },
            ));
        }
    }
    out
}

/// `#[auth_error]` types by name.
fn index_auth_error_types(files: &[ModelFile]) -> HashMap<String, Vec<(usize, AuthErrorType)>> {
    let mut out: HashMap<String, Vec<(usize, AuthErrorType)>> = HashMap::default();
    for (fi, f) in files.iter().enumerate() {
        for t in &f.facts.auth_error_types {
            out.entry(t.ty.clone()).or_default().push((fi, t.clone()));
        }
    }
    out
}

impl Model {
    pub fn new(files: Vec<ModelFile>, packages: Vec<ModelPackage>) -> Model {
        // Two halves of about the same work, built side by side (the model phase is otherwise
        // single-threaded); each map gets its entries in the same order either way.
        let ((fns_by_name, impls), (fns_by_pkg_name, (consts, consts_by_pkg_name), froms, auth_error_types)) =
            rayon::join(
                || (index_fns_by_name(&files), index_impls(&files)),
                || {
                    (
                        index_fns_by_pkg_name(&files),
                        index_consts(&files),
                        index_froms(&files),
                        index_auth_error_types(&files),
                    )
                },
            );
        let mut packages = packages;
        for f in &files {
            if let Some(p) = packages.get_mut(f.package) {
                p.mcp |= f.facts.mcp_signal;
                p.oauth |= f.facts.oauth_signal;
            }
        }
        Model {
            files,
            packages,
            fns_by_name,
            fns_by_pkg_name,
            consts_by_pkg_name,
            impls,
            consts,
            auth_error_types,
            froms,
            helper_cache: RefCell::new(HashMap::default()),
        }
    }

    /// Candidates in the same package as `file` when there are any, else all of them: two
    /// crates of a workspace often define types and helpers of the same name.
    fn scoped<T: Clone>(&self, file: usize, cands: &[(usize, T)]) -> Vec<(usize, T)> {
        let pkg = self.files.get(file).map(|f| f.package);
        let same: Vec<(usize, T)> =
            cands.iter().filter(|(f, _)| self.files.get(*f).map(|x| x.package) == pkg).cloned().collect();
        if same.is_empty() {
            cands.to_vec()
        } else {
            same
        }
    }

    pub fn func(&self, (f, i): (usize, usize)) -> &FnFacts {
        &self.files[f].facts.fns[i]
    }

    /// The auth JSON-RPC codes configured for this file's package.
    fn auth_codes(&self, file: usize) -> &[i64] {
        self.files
            .get(file)
            .and_then(|f| self.packages.get(f.package))
            .map_or(crate::config::DEFAULT_AUTH_CODES, |p| p.auth_codes.as_slice())
    }

    /// Is the package of this file an MCP server?
    pub fn is_mcp(&self, file: usize) -> bool {
        self.files.get(file).and_then(|f| self.packages.get(f.package)).is_some_and(|p| p.mcp)
    }

    /// Does this file's package take part in OAuth?
    pub fn is_oauth(&self, file: usize) -> bool {
        self.files.get(file).and_then(|f| self.packages.get(f.package)).is_some_and(|p| p.oauth)
    }

    // ------------------------------------------------------------ consts and scalars

    fn lookup_const(&self, file: usize, name: &str) -> Option<(&Val, usize)> {
        let hits = self.in_package(file, name, &self.consts_by_pkg_name, &self.consts)?;
        let (f, i) = *hits.first()?;
        let c = &self.files[f].facts.consts[i];
        // Several consts of that name with different values: unknown.
        let all_same = hits.iter().all(|&(f2, i2)| self.files[f2].facts.consts[i2].val == c.val);
        all_same.then_some((&c.val, f))
    }

    /// The integer a value stands for, through consts.
    pub fn int_of(&self, v: &Val, file: usize) -> Option<i64> {
        match v {
            Val::Int(i) => Some(*i),
            Val::Path(p) => self.lookup_const(file, p).and_then(|(v, f)| self.int_of(v, f)),
            Val::Wrap(_, inner) => self.int_of(inner, file),
            _ => None,
        }
    }

    /// The string a value stands for, through consts, with the file its literal lives in.
    pub fn str_of(&self, v: &Val, file: usize) -> Option<(String, Span, usize)> {
        match v {
            Val::Str { text, span } => Some((text.clone(), *span, file)),
            Val::Path(p) => self.lookup_const(file, p).and_then(|(v, f)| self.str_of(v, f)),
            Val::Wrap(_, inner) => self.str_of(inner, file),
            _ => None,
        }
    }

    fn header_name(&self, v: &Val, file: usize) -> Option<String> {
        match v {
            Val::HeaderName(n) => Some(n.clone()),
            other => self.str_of(other, file).map(|(t, _, _)| t.to_ascii_lowercase()),
        }
    }

    fn is_auth_code(&self, v: &Val, file: usize) -> bool {
        self.int_of(v, file).is_some_and(|c| self.auth_codes(file).contains(&c))
    }

    fn is_auth_message(&self, v: &Val, file: usize) -> bool {
        self.str_of(v, file).is_some_and(|(t, _, _)| signals::is_auth_text(&t)) || self.array_has_auth_text(v, file)
    }

    fn array_has_auth_text(&self, v: &Val, file: usize) -> bool {
        match v {
            Val::Array(items) => items.iter().any(|i| self.is_auth_message(i, file)),
            Val::Call { args, .. } => args.iter().any(|a| self.is_auth_message(a, file)),
            _ => false,
        }
    }

    // ------------------------------------------------------------ sites

    /// Every response site of the workspace, resolved.
    pub fn sites(&self) -> Vec<Site> {
        let mut out = Vec::new();
        for (fi, file) in self.files.iter().enumerate() {
            for func in &file.facts.fns {
                if !self.produces_responses(func) {
                    continue;
                }
                for ret in &func.rets {
                    let Some(mut resp) = self.resolve_ret(fi, func, ret) else {
                        continue;
                    };
                    let mut ev = resp.evidence;
                    if let Some(kind) = ret.ctx.auth_branch.or_else(|| self.deferred_auth(fi, ret.ctx)) {
                        ev.branch = 2;
                        // What the code says it answers (a "malformed header" message, a scope
                        // variant) is more specific than which branch failed.
                        let specific = matches!(resp.evidence.kind, Some(FailKind::Malformed | FailKind::Scope));
                        ev.kind = if specific { resp.evidence.kind } else { Some(kind) };
                    }
                    if func.auth_named {
                        ev.name = 1;
                    }
                    if ev.kind.is_none() {
                        ev.kind = resp.evidence.kind;
                    }
                    if func.oauth_endpoint {
                        // RFC 6749 §5.2 errors of the authorization server are not auth
                        // failures of the protected resource.
                        ev = Evidence::default();
                    }
                    resp.evidence = ev;
                    if func.auth_error_fn && !resp.has_challenge() {
                        // `#[auth_error] fn reject(..)`: the macro adds the challenge.
                        resp.headers.push((http::WWW_AUTHENTICATE.to_string(), None));
                    }
                    let span = resp.status_at.unwrap_or(ret.span);
                    let backend = ret.ctx.backend.map(|span| Loc { file: fi, span });
                    if !might_matter(&resp, &ev, backend.is_some()) {
                        continue;
                    }
                    out.push(Site {
                        loc: Loc { file: fi, span },
                        anchor: format!("{:016x}", ret.anchor),
                        resp,
                        evidence: ev,
                        backend,
                        auth_fn: func.auth_named
                            || func.reads_credentials
                            || func.self_ty.as_deref().is_some_and(signals::is_auth_name),
                    });
                }
            }
        }
        out
    }

    /// A branch that failed a check on a helper's result is an auth branch when the helper
    /// reads credentials (`ingest_key(req.headers())` reading `"x-ingest-key"`).
    fn deferred_auth(&self, file: usize, ctx: Ctx) -> Option<FailKind> {
        let (kind, idx) = ctx.deferred?;
        let name = self.files[file].facts.callees.get(usize::try_from(idx).ok()?)?;
        let id = self.unique_fn(file, name)?;
        self.func(id).reads_credentials.then_some(kind)
    }

    fn class_is_response(&self, c: &TyClass) -> bool {
        match c {
            TyClass::Response | TyClass::Rpc | TyClass::Fixed(..) => true,
            TyClass::Named(n) => self.has_response_impl(n) || n == rust_mcp_sdk::AUTH_ERROR,
            TyClass::Other => false,
        }
    }

    fn produces_responses(&self, f: &FnFacts) -> bool {
        if f.trait_name.as_deref().is_some_and(|t| axum::RESPONSE_TRAITS.contains(&t)) {
            return true;
        }
        if actix_web::RESPONSE_TRAITS.iter().any(|(t, m)| f.trait_name.as_deref() == Some(*t) && f.name == *m) {
            return true;
        }
        self.class_is_response(&f.sig.ok) || f.sig.err.as_ref().is_some_and(|e| self.class_is_response(e))
    }

    fn has_response_impl(&self, ty: &str) -> bool {
        axum::RESPONSE_TRAITS.iter().any(|t| self.impls.contains_key(&(ty.to_string(), t.to_string())))
            || actix_web::RESPONSE_TRAITS.iter().any(|(t, _)| self.impls.contains_key(&(ty.to_string(), t.to_string())))
            || self.impls.contains_key(&(ty.to_string(), crate::frameworks::rocket::DERIVED_IMPL.to_string()))
    }

    /// The method that turns `ty` into a response: axum's `into_response`, actix's
    /// `error_response` (written, or synthesised from the `ResponseError` defaults by the
    /// extractor) or `respond_to`.
    fn response_method(&self, file: usize, ty: &str) -> Option<(usize, usize)> {
        let axum_impl = axum::RESPONSE_TRAITS.iter().map(|t| (*t, "into_response"));
        let mut cands: Vec<(usize, (usize, usize))> = Vec::new();
        for (tr, method) in axum_impl.chain(actix_web::RESPONSE_TRAITS.iter().copied()) {
            let Some(ids) = self.impls.get(&(ty.to_string(), tr.to_string())) else { continue };
            cands.extend(ids.iter().filter(|&&id| self.func(id).name == method).map(|&id| (id.0, id)));
        }
        // Scoped over all traits at once: an axum type of the same name in another package of
        // the workspace must not shadow this package's actix impl.
        self.scoped(file, &cands).first().map(|(_, id)| *id)
    }

    /// The response a return point produces, if known.
    fn resolve_ret(&self, file: usize, func: &FnFacts, ret: &Ret) -> Option<Resp> {
        self.resolve_ret_in(file, func, ret, Env::ROOT)
    }

    /// Same, inside a call whose arguments `env` carries.
    fn resolve_ret_in(&self, file: usize, func: &FnFacts, ret: &Ret, env: Env) -> Option<Resp> {
        let (class, val) = match (&ret.val, ret.is_try) {
            (Val::Try { origin, .. }, _) => {
                let err = func.sig.err.as_ref()?;
                return self.resolve_try(file, err, origin, env.deeper());
            }
            (Val::Wrap(Wrapper::Err, inner), true) => {
                // `.ok_or_else(|| anyhow!(..))?`: a value that is not a response itself still
                // goes through `From` into the error type.
                let err = func.sig.err.as_ref()?;
                let direct = match err {
                    TyClass::Rpc => self.resolve_rpc(file, inner, env),
                    TyClass::Fixed(code, note) => Some(fixed(*code, note)),
                    TyClass::Other => None,
                    _ => self.resolve(file, inner, env),
                };
                return direct.or_else(|| self.resolve_try(file, err, "", env.deeper()));
            }
            (Val::Wrap(Wrapper::Err, inner), _) => (func.sig.err.as_ref()?, &**inner),
            (Val::Wrap(Wrapper::Ok, inner), false) => (&func.sig.ok, &**inner),
            (v, _) => {
                let err = func
                    .sig
                    .err
                    .as_ref()
                    .filter(|e| matches!(func.sig.ok, TyClass::Other) && !matches!(e, TyClass::Fixed(..)));
                (err.unwrap_or(&func.sig.ok), v)
            }
        };
        match class {
            TyClass::Other => None,
            TyClass::Rpc => self.resolve_rpc(file, val, env),
            TyClass::Fixed(code, note) => Some(fixed(*code, note)),
            _ => self.resolve(file, val, env),
        }
    }

    /// A value returned in-band by a JSON-RPC transport: always HTTP 200.
    fn resolve_rpc(&self, file: usize, v: &Val, env: Env) -> Option<Resp> {
        match v {
            Val::Rpc { lib, code, message, .. } => {
                let mut r = Resp::new(200, true);
                let code_v = code.as_deref();
                r.body = Body::JsonRpcError {
                    code: code_v.and_then(|c| self.int_of(c, file)),
                    message: message.as_deref().and_then(|m| self.str_of(m, file)).map(|(t, _, _)| t),
                };
                if code_v.is_some_and(|c| self.is_auth_code(c, file)) {
                    r.evidence.code = 1;
                }
                if message.as_deref().is_some_and(|m| self.is_auth_message(m, file)) {
                    r.evidence.message = 1;
                    r.evidence.kind = message
                        .as_deref()
                        .and_then(|m| self.str_of(m, file))
                        .and_then(|(t, _, _)| signals::fail_kind_of_text(&t));
                }
                r.causes.push(Cause { loc: None, message: lib.transport_note().to_string() });
                r.via = Via::Indirect;
                Some(r)
            }
            Val::Ctor { fields, .. } if has_field(fields, "code") && has_field(fields, "message") => {
                let mut r = Resp::new(200, true);
                self.json_rpc_body(&mut r, file, fields);
                r.causes.push(Cause {
                    loc: None,
                    message: "a JSON-RPC transport answers error objects with HTTP 200".into(),
                });
                r.via = Via::Indirect;
                Some(r)
            }
            Val::Call { .. } => {
                self.resolve(file, v, env.deeper()).filter(|r| matches!(r.body, Body::JsonRpcError { .. }))
            }
            _ => None,
        }
    }

    fn json_rpc_body(&self, r: &mut Resp, file: usize, fields: &[(String, Val)]) {
        let code = field(fields, "code");
        let message = field(fields, "message");
        r.body = Body::JsonRpcError {
            code: code.and_then(|c| self.int_of(c, file)),
            message: message.and_then(|m| self.str_of(m, file)).map(|(t, _, _)| t),
        };
        if code.is_some_and(|c| self.is_auth_code(c, file)) {
            r.evidence.code = 1;
        }
        if let Some(m) = message {
            if self.is_auth_message(m, file) {
                r.evidence.message = 1;
                r.evidence.kind = self.str_of(m, file).and_then(|(t, _, _)| signals::fail_kind_of_text(&t));
            }
        }
    }

    /// `expr?` in a function returning `Result<_, E>`: the error becomes `E` through `From`
    /// (a blanket `impl<E: Into<anyhow::Error>> From<E>`, or a conversion from a JWT error when
    /// the failing call verifies a token).
    fn resolve_try(&self, file: usize, err: &TyClass, origin: &str, env: Env) -> Option<Resp> {
        let TyClass::Named(ty) = err else { return None };
        let froms = self.scoped(file, self.froms.get(ty)?);
        let verify_call = signals::is_auth_ident(origin)
            || ["decode", "verify", "validate", "introspect"].iter().any(|w| origin.contains(w));
        let is_jwt = |src: &str| src.contains("jsonwebtoken") || src.contains("jwt") || src.contains("Jwt");
        let (file, conv) = froms
            .iter()
            .find(|(_, c)| verify_call && is_jwt(&c.source))
            .or_else(|| froms.iter().find(|(_, c)| c.generic))?;
        let target = match &conv.val {
            v @ Val::Ctor { .. } => v.clone(),
            _ => Val::Ctor { ty: ty.as_str().into(), variant: None, fields: Vec::new(), span: conv.span },
        };
        let mut r = self.resolve(*file, &target, env.deeper())?;
        r.via = Via::Indirect;
        r.causes.insert(
            0,
            Cause {
                loc: Some(Loc { file: *file, span: conv.span }),
                message: format!("`?` converts the error into `{ty}` here"),
            },
        );
        Some(r)
    }

    // ------------------------------------------------------------ values

    /// The response a value becomes, or `None` when the code does not fix its status.
    pub fn resolve(&self, file: usize, v: &Val, env: Env) -> Option<Resp> {
        if env.depth > MAX_DEPTH {
            return None;
        }
        match v {
            Val::Status { code, .. } => Some(Resp::new(*code, false)),
            Val::Wrap(Wrapper::Json, inner) => {
                let mut r = Resp::new(200, true);
                self.body_of(&mut r, file, inner);
                Some(r)
            }
            Val::Wrap(Wrapper::Html, _) => {
                let mut r = Resp::new(200, true);
                r.body = Body::Html;
                Some(r)
            }
            Val::Wrap(Wrapper::Text, inner) => {
                let mut r = Resp::new(200, true);
                r.body = Body::Text(self.str_of(inner, file).map(|(t, _, _)| t));
                if self.is_auth_message(inner, file) {
                    r.evidence.message = 1;
                }
                Some(r)
            }
            Val::Str { text, .. } => {
                let mut r = Resp::new(200, true);
                if signals::is_auth_text(text) {
                    r.evidence.message = 1;
                    r.evidence.kind = signals::fail_kind_of_text(text);
                }
                r.body = Body::Text(Some(text.clone()));
                Some(r)
            }
            Val::Wrap(Wrapper::Ok | Wrapper::Err | Wrapper::Some, inner) => self.resolve(file, inner, env),
            Val::Wrap(Wrapper::ErrText, inner) => {
                let mut r = self.resolve(file, inner, env)?;
                r.leak = r.leak.or_else(|| find_leak(v).map(|span| Loc { file, span }));
                Some(r)
            }
            Val::Wrap(Wrapper::AppendHeaders, _) | Val::HeaderMap(_) | Val::Array(_) => {
                let mut r = Resp::new(200, true);
                self.apply_parts(&mut r, file, v);
                Some(r)
            }
            Val::Tuple(elems) => self.resolve_tuple(file, elems, env),
            Val::Builder { status, headers, body, .. } => {
                let (code, implicit) = match status.as_deref() {
                    None => (200, true),
                    Some(s) => (self.status_of(file, s, env)?, false),
                };
                let mut r = Resp::new(code, implicit);
                for (k, val) in headers {
                    self.push_header(&mut r, file, k, val);
                }
                if let Some(b) = body {
                    self.body_of(&mut r, file, b);
                }
                Some(r)
            }
            Val::Mutated { base, status, headers } => {
                let mut r = match self.resolve(file, base, env) {
                    Some(r) => r,
                    None if status.is_some() => {
                        let mut r = Resp::new(0, false);
                        r.headers_open = true;
                        r
                    }
                    None => return None,
                };
                if let Some(s) = status {
                    r.status = self.status_of(file, s, env)?;
                    r.implicit = false;
                    r.via = Via::Local;
                    if let Val::Status { span, .. } = &**s {
                        r.status_at = Some(*span);
                    }
                }
                for (k, val) in headers {
                    self.push_header(&mut r, file, k, val);
                }
                Some(r)
            }
            Val::Call { callee, args, method, .. } => self.resolve_call(file, callee, args, *method, env),
            Val::Ctor { ty, variant, fields, span } if &**ty == rust_mcp_sdk::AUTH_ERROR => {
                self.rust_mcp_sdk_error(file, variant.as_deref(), fields, *span)
            }
            Val::Ctor { ty, variant, fields, .. } => {
                if let Some(r) = crate::frameworks::resolve_ctor(self, file, ty, variant.as_deref(), fields) {
                    return r;
                }
                self.resolve_ctor(file, ty, variant.as_deref(), env)
            }
            Val::Rpc { .. } => None,
            Val::OneOf(vals) => {
                let rs: Option<Vec<Resp>> = vals.iter().map(|x| self.resolve(file, x, env)).collect();
                merge_all(rs?)
            }
            Val::Path(p) => {
                let (cv, cf) = self.lookup_const(file, p)?;
                self.resolve(cf, &cv.clone(), env.deeper())
            }
            Val::Param(i) => {
                let (args, arg_file) = env.args?;
                let arg = args.get(*i)?;
                self.resolve(arg_file, arg, Env { depth: env.depth + 1, this: env.this, args: None })
            }
            Val::Int(_) | Val::Unknown | Val::HeaderName(_) | Val::JsonObj(_) | Val::Try { .. } => None,
        }
    }

    fn status_of(&self, file: usize, v: &Val, env: Env) -> Option<u16> {
        match v {
            Val::Status { code, .. } => Some(*code),
            other => match self.int_of(other, file) {
                Some(i) => u16::try_from(i).ok(),
                None => match other {
                    Val::Call { .. } | Val::Path(_) | Val::Param(_) => self
                        .resolve(file, other, env.deeper())
                        .filter(|r| r.body == Body::Empty && r.headers.is_empty())
                        .map(|r| r.status),
                    _ => None,
                },
            },
        }
    }

    /// axum tuples: `(StatusCode, parts.., body)` and `(parts.., body)`; actix's reversed
    /// `(body, StatusCode)` (framework-catalog.md §2.1, §5.1).
    fn resolve_tuple(&self, file: usize, elems: &[Val], env: Env) -> Option<Resp> {
        let (first, rest) = elems.split_first()?;
        let first_status = self.status_of(file, first, env);
        if let Some(code) = first_status {
            let (body, parts) = rest.split_last().map_or((None, &[][..]), |(b, p)| (Some(b), p));
            let mut r = match body {
                Some(b) => match self.resolve(file, b, env) {
                    Some(mut inner) => {
                        inner.status = code;
                        inner.implicit = false;
                        inner.via = Via::Local;
                        inner
                    }
                    None => {
                        let mut r = Resp::new(code, false);
                        r.body = Body::Unknown;
                        r
                    }
                },
                None => Resp::new(code, false),
            };
            for p in parts {
                self.apply_parts(&mut r, file, p);
            }
            return Some(r);
        }
        if let (Some(last), true) = (elems.last(), elems.len() == 2) {
            if let Some(code) = self.status_of(file, last, env) {
                let mut r = self.resolve(file, first, env).unwrap_or_else(|| Resp::new(code, false));
                r.status = code;
                r.implicit = false;
                return Some(r);
            }
        }
        let (body, parts) = elems.split_last()?;
        // Without a status in front, the leading elements must be header parts; anything else
        // (a call that may return a status) leaves the response unknown.
        let is_part = |p: &Val| matches!(p, Val::Array(_) | Val::Wrap(Wrapper::AppendHeaders, _) | Val::HeaderMap(_));
        if !parts.iter().all(is_part) {
            return None;
        }
        let mut r = self.resolve(file, body, env)?;
        for p in parts {
            self.apply_parts(&mut r, file, p);
        }
        Some(r)
    }

    /// Header parts of a tuple: `[(K, V); N]`, `AppendHeaders(..)`, a local `HeaderMap`.
    fn apply_parts(&self, r: &mut Resp, file: usize, part: &Val) {
        match part {
            Val::Array(items) => {
                for it in items {
                    match it {
                        Val::Tuple(kv) if kv.len() == 2 => self.push_header(r, file, &kv[0], &kv[1]),
                        _ => r.headers_open = true,
                    }
                }
            }
            Val::Wrap(Wrapper::AppendHeaders, inner) => self.apply_parts(r, file, inner),
            Val::HeaderMap(kvs) => {
                for (k, v) in kvs {
                    self.push_header(r, file, k, v);
                }
            }
            _ => r.headers_open = true,
        }
    }

    fn push_header(&self, r: &mut Resp, file: usize, k: &Val, v: &Val) {
        match self.header_name(k, file) {
            Some(name) => {
                let value = (!matches!(v, Val::Unknown)).then(|| (v.clone(), file));
                r.headers.push((name, value));
            }
            None => r.headers_open = true,
        }
    }

    fn body_of(&self, r: &mut Resp, file: usize, v: &Val) {
        r.leak = r.leak.or_else(|| find_leak(v).map(|span| Loc { file, span }));
        match v {
            Val::JsonObj(entries) => {
                r.body = Body::Json;
                if let Some(err) = field(entries, "error") {
                    self.error_body(r, file, err);
                }
            }
            Val::Ctor { fields, .. } => {
                r.body = Body::Json;
                if has_field(fields, "code") && has_field(fields, "message") {
                    self.json_rpc_body(r, file, fields);
                } else if let Some(err) = field(fields, "error") {
                    self.error_body(r, file, err);
                }
            }
            Val::Str { text, .. } => {
                r.body = Body::Text(Some(text.clone()));
                if let Ok(serde_json::Value::Object(obj)) = serde_json::from_str::<serde_json::Value>(text) {
                    r.body = Body::Json;
                    if let Some(err) = obj.get("error") {
                        let code = err.get("code").and_then(serde_json::Value::as_i64);
                        let message = err.get("message").and_then(|m| m.as_str()).map(str::to_string);
                        if code.is_some_and(|c| self.auth_codes(file).contains(&c)) {
                            r.evidence.code = 1;
                        }
                        if message.as_deref().is_some_and(signals::is_auth_text) {
                            r.evidence.message = 1;
                        }
                        r.body = Body::JsonRpcError { code, message };
                    }
                } else if signals::is_auth_text(text) {
                    r.evidence.message = 1;
                    r.evidence.kind = signals::fail_kind_of_text(text);
                }
            }
            Val::Wrap(_, inner) => self.body_of(r, file, inner),
            Val::Path(_) => {
                if let Some((_, _, _)) = self.str_of(v, file) {
                    if self.is_auth_message(v, file) {
                        r.evidence.message = 1;
                    }
                }
                r.body = Body::Unknown;
            }
            _ => r.body = Body::Unknown,
        }
    }

    fn error_body(&self, r: &mut Resp, file: usize, err: &Val) {
        match err {
            Val::JsonObj(fields) | Val::Ctor { fields, .. } if has_field(fields, "code") => {
                self.json_rpc_body(r, file, fields)
            }
            Val::Wrap(_, inner) => self.error_body(r, file, inner),
            other => {
                let text = self.str_of(other, file).map(|(t, _, _)| t);
                if text.as_deref().is_some_and(signals::is_auth_text) {
                    r.evidence.message = 1;
                    r.evidence.kind = text.as_deref().and_then(signals::fail_kind_of_text);
                }
                r.body = Body::ErrorJson { error: text };
            }
        }
    }

    /// A call of a helper: its summary (all its returns agree on a response), with evidence
    /// from the call's own arguments (`rpc_error(id, -32001, "Unauthorized")`).
    fn resolve_call(&self, file: usize, callee: &str, args: &[Val], method: bool, env: Env) -> Option<Resp> {
        if let (Some(name), Some((ty, variant))) = (callee.strip_prefix("self."), env.this) {
            return self.resolve_self_method(file, ty, variant, name, env);
        }
        let callee = callee.strip_prefix("self.").unwrap_or(callee);
        let id = self.unique_fn(file, callee)?;
        let helper = self.func(id);
        // A helper whose status is an argument (`error_response(StatusCode::UNAUTHORIZED, ..)`):
        // resolved again with this call's arguments, aligned to the helper's parameters.
        let mut r = match self.helper_summary(id, env) {
            Some(r) => r,
            None if env.args.is_none() => {
                let shift = usize::from(method && helper.params.first().is_some_and(|p| p == "self"));
                let mut padded: Vec<Val> = vec![Val::Unknown; shift];
                padded.extend(args.iter().cloned());
                let call_env = Env { depth: env.depth + 1, this: None, args: Some((&padded, file)) };
                let resps: Option<Vec<Resp>> =
                    helper.rets.iter().map(|ret| self.resolve_ret_in(id.0, helper, ret, call_env)).collect();
                let mut r = merge_all(resps?)?;
                // The call decides the status: the response is built here, by this call.
                r.via = Via::Local;
                return Some(self.with_call_evidence(r, file, args, helper, id));
            }
            None => return None,
        };
        r.via = Via::Indirect;
        Some(self.with_call_evidence(r, file, args, helper, id))
    }

    /// The cause (the helper) and the evidence a call's own arguments carry
    /// (`rpc_error(id, -32001, "Unauthorized")`).
    fn with_call_evidence(&self, mut r: Resp, file: usize, args: &[Val], helper: &FnFacts, id: (usize, usize)) -> Resp {
        let at = helper.rets.first().map_or(helper.span, |ret| ret.span);
        let challenge = if r.has_challenge() { "" } else { " without WWW-Authenticate" };
        let message = match r.via {
            Via::Local => format!("`{}` answers with the status this call passes{challenge}", helper.name),
            Via::Indirect => format!("`{}` always answers {}{challenge}", helper.name, r.status),
        };
        r.causes.insert(0, Cause { loc: Some(Loc { file: id.0, span: at }), message });
        for a in args {
            if self.is_auth_code(a, file) {
                r.evidence.code = 1;
            }
            if self.is_auth_message(a, file) {
                r.evidence.message = 1;
                r.evidence.kind = r
                    .evidence
                    .kind
                    .or_else(|| self.str_of(a, file).and_then(|(t, _, _)| signals::fail_kind_of_text(&t)));
            }
        }
        let code_arg = helper.params.iter().position(|p| p == "code").and_then(|i| args.get(i));
        if let Some(code) = code_arg.and_then(|a| self.int_of(a, file)) {
            if let Body::JsonRpcError { code: c @ None, .. } = &mut r.body {
                *c = Some(code);
            }
        }
        r
    }

    /// `self.status()` inside the arm of a known variant: that variant's arm of `status`.
    fn resolve_self_method(&self, file: usize, ty: &str, variant: &str, method: &str, env: Env) -> Option<Resp> {
        let id = self.unique_fn(file, &format!("{ty}::{method}"))?;
        let f = self.func(id);
        let resps: Option<Vec<Resp>> =
            variant_rets(f, Some(variant)).iter().map(|r| self.resolve(id.0, &r.val, env.deeper())).collect();
        merge_all(resps?)
    }

    /// Entries named `name` in `file`'s package if there are any, else in the workspace;
    /// without copying (some names have thousands of entries).
    fn in_package<'m>(
        &self,
        file: usize,
        name: &str,
        by_pkg: &'m HashMap<(usize, String), Vec<(usize, usize)>>,
        all: &'m HashMap<String, Vec<(usize, usize)>>,
    ) -> Option<&'m [(usize, usize)]> {
        let pkg = self.files.get(file)?.package;
        by_pkg.get(&(pkg, name.to_string())).or_else(|| all.get(name)).map(Vec::as_slice)
    }

    fn unique_fn(&self, file: usize, callee: &str) -> Option<(usize, usize)> {
        let hits = self.in_package(file, callee, &self.fns_by_pkg_name, &self.fns_by_name)?;
        match hits {
            [one] => Some(*one),
            _ => None,
        }
    }

    fn helper_summary(&self, id: (usize, usize), env: Env) -> Option<Resp> {
        if let Some(cached) = self.helper_cache.borrow().get(&id) {
            return cached.clone();
        }
        // Mark in progress (recursion answers unknown).
        self.helper_cache.borrow_mut().insert(id, None);
        let f = self.func(id);
        let resps: Option<Vec<Resp>> = if f.rets.is_empty() || !self.produces_responses(f) {
            None
        } else {
            f.rets.iter().map(|ret| self.resolve_ret_in(id.0, f, ret, Env { args: None, ..env.deeper() })).collect()
        };
        let summary = resps.and_then(merge_all);
        self.helper_cache.borrow_mut().insert(id, summary.clone());
        summary
    }

    /// `Type::Variant` through the type's `IntoResponse` impl (the arm for that variant).
    fn resolve_ctor(&self, file: usize, ty: &str, variant: Option<&str>, env: Env) -> Option<Resp> {
        if let Some(r) = self.auth_error_response(file, ty, variant) {
            return Some(r);
        }
        let id = self.response_method(file, ty)?;
        let f = self.func(id);
        let rets = variant_rets(f, variant);
        let this_env = Env { depth: env.depth + 1, this: variant.map(|v| (ty, v)), args: None };
        let resps: Option<Vec<Resp>> = rets.iter().map(|r| self.resolve(id.0, &r.val, this_env)).collect();
        let mut r = merge_all(resps?)?;
        let arm = rets.iter().find(|r| !r.variants.is_empty()).or(rets.first())?;
        let arm_span = arm.arm.unwrap_or(arm.span);
        let name = match variant {
            Some(v) => format!("{ty}::{v}"),
            None => ty.to_string(),
        };
        r.via = Via::Indirect;
        r.causes.insert(
            0,
            Cause {
                loc: Some(Loc { file: id.0, span: arm_span }),
                message: format!(
                    "`{name}` becomes {}{} here",
                    r.status,
                    if r.has_challenge() { "" } else { " without WWW-Authenticate" }
                ),
            },
        );
        if let Some(v) = variant {
            if signals::is_auth_variant(v) {
                r.evidence.variant = 2;
                r.evidence.kind = signals::fail_kind_of_text(v).or(r.evidence.kind);
            } else if signals::is_auth_variant(ty) {
                r.evidence.variant = 1;
            }
        } else if signals::is_auth_variant(ty) {
            r.evidence.variant = 1;
        }
        Some(r)
    }
}

impl Model {
    /// rust-mcp-sdk's `AuthenticationError::<variant>`, as the SDK's `AuthMiddleware` answers
    /// it (`frameworks::rust_mcp_sdk::VARIANTS`). The construction site decides the status, so
    /// the response is built here (`Via::Local`).
    fn rust_mcp_sdk_error(
        &self,
        file: usize,
        variant: Option<&str>,
        fields: &[(String, Val)],
        at: Span,
    ) -> Option<Resp> {
        let variant = variant?;
        // `status_code: Some(401)` / `None`; anything else (a variable) leaves it unknown.
        let status_field = match field(fields, "status_code") {
            Some(Val::Wrap(Wrapper::Some, v)) => match &**v {
                Val::Status { code, .. } => Some(Some(*code)),
                v => self.int_of(v, file).and_then(|i| u16::try_from(i).ok()).map(Some),
            },
            Some(Val::Path(p)) if p == "None" => Some(None),
            _ => None,
        };
        let (status, challenge, kind) = rust_mcp_sdk::answer(variant, status_field)?;
        let mut r = Resp::new(status, false);
        if challenge {
            r.headers.push((http::WWW_AUTHENTICATE.to_string(), None));
        }
        r.body = Body::Json;
        if kind.is_some() {
            // The type names an authentication failure; the variant says which.
            r.evidence.variant = 2;
            r.evidence.kind = kind;
        }
        r.status_at = Some(at);
        r.causes.push(Cause { loc: None, message: rust_mcp_sdk::NOTE.to_string() });
        Some(r)
    }

    /// A type under `#[auth_error]`: the macro generates its response (the status it was
    /// given, a challenge it validated at compile time, a JSON body), so it is right by
    /// construction.
    fn auth_error_response(&self, file: usize, ty: &str, variant: Option<&str>) -> Option<Resp> {
        let (tf, t) = self.scoped(file, self.auth_error_types.get(ty)?).into_iter().next()?;
        let status = variant.and_then(|v| t.variants.iter().find(|(n, _)| n == v)).map_or(t.status, |(_, s)| *s);
        let mut r = Resp::new(status, false);
        r.headers.push((http::WWW_AUTHENTICATE.to_string(), None));
        r.body = Body::Json;
        // The macro only accepts 400 with `invalid_request` and 403 with `insufficient_scope`
        // (RFC 6750 §3.1), so those statuses say what kind of failure this is.
        r.evidence.kind = match status {
            400 => Some(FailKind::Malformed),
            403 => Some(FailKind::Scope),
            _ => None,
        };
        r.via = Via::Indirect;
        r.causes.push(Cause {
            loc: Some(Loc { file: tf, span: t.span }),
            message: format!("`#[auth_error]` generates the response of `{ty}`"),
        });
        Some(r)
    }
}

/// The returns of `f` that apply to `variant`: its own `match self` arms when it has them,
/// else the returns outside any arm.
fn variant_rets<'f>(f: &'f FnFacts, variant: Option<&str>) -> Vec<&'f Ret> {
    let matches = |r: &&Ret| variant.is_some_and(|v| r.variants.iter().any(|x| x == v));
    let specific: Vec<&Ret> = f.rets.iter().filter(matches).collect();
    if specific.is_empty() {
        f.rets.iter().filter(|r| r.variants.is_empty()).collect()
    } else {
        specific
    }
}

/// A response whose status the framework fixes, whatever the value.
/// Whether any rule can read this site: an auth failure, a 401/403, a challenge, error text or
/// a failed lookup. The others (most responses of a server) are dropped as they are resolved,
/// so the sites of a large workspace are not all held at once.
fn might_matter(r: &Resp, ev: &Evidence, backend: bool) -> bool {
    ev.is_auth()
        || matches!(r.status, 401 | 403)
        || r.leak.is_some()
        || backend
        || r.headers.iter().any(|(name, _)| name == http::WWW_AUTHENTICATE)
}

/// Where error text is made inside a body value (a JSON field, a struct field, a tuple part).
fn find_leak(v: &Val) -> Option<Span> {
    match v {
        Val::Wrap(Wrapper::ErrText, inner) => match &**inner {
            Val::Str { span, .. } => Some(*span),
            _ => None,
        },
        Val::Wrap(_, inner) => find_leak(inner),
        Val::JsonObj(entries) => entries.iter().find_map(|(_, v)| find_leak(v)),
        Val::Ctor { fields, .. } => fields.iter().find_map(|(_, v)| find_leak(v)),
        Val::Tuple(items) | Val::Array(items) => items.iter().find_map(find_leak),
        _ => None,
    }
}

fn fixed(code: u16, note: &str) -> Resp {
    let mut r = Resp::new(code, true);
    r.via = Via::Indirect;
    r.causes.push(Cause { loc: None, message: note.to_string() });
    r
}

fn field<'v>(fields: &'v [(String, Val)], name: &str) -> Option<&'v Val> {
    fields.iter().find(|(k, _)| k == name).map(|(_, v)| v)
}

fn has_field(fields: &[(String, Val)], name: &str) -> bool {
    field(fields, name).is_some()
}

/// Merge the responses of several returns: known only when they agree on status and on
/// whether a challenge is sent.
fn merge_all(rs: Vec<Resp>) -> Option<Resp> {
    let mut it = rs.into_iter();
    let mut acc = it.next()?;
    for r in it {
        if r.status != acc.status || r.has_challenge() != acc.has_challenge() || r.headers_open != acc.headers_open {
            return None;
        }
        acc.evidence.merge(&r.evidence);
        acc.leak = acc.leak.or(r.leak);
    }
    Some(acc)
}
