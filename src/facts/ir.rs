//! The language-neutral facts kept per file after its AST is dropped: a small value IR for
//! everything that can become an HTTP response, plus function, impl and const summaries.
//! A second front end (TypeScript, DESIGN §5.5) would produce the same IR.

/// A source range: 1-based lines and columns, end exclusive (u32: the facts of every file are
/// kept until the end of the run, so they are kept small; files over 4 G lines are refused).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    pub line: u32,
    pub col: u32,
    pub end_line: u32,
    pub end_col: u32,
}

impl Span {
    /// The first line, as the reports count lines.
    pub fn first_line(&self) -> usize {
        self.line as usize
    }
}

/// Which wrapper a value sits in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wrapper {
    Ok,
    Err,
    Some,
    /// `Json(x)`: a JSON body, status 200 unless a status is set elsewhere.
    Json,
    /// Plain text bodies.
    Text,
    /// `Html(x)`: a page for a browser (a login form), never an API client's answer.
    Html,
    /// `AppendHeaders([...])` (axum-core `src/response/append_headers.rs`).
    AppendHeaders,
    /// Text made from an error value (`e.to_string()`, `format!("{e}")`): internal detail.
    /// Wraps a `Str` (the template, or a hole) whose span is where the text is made.
    ErrText,
}

/// Which JSON-RPC library built an error value (framework-catalog.md §10, §11).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RpcLib {
    /// rmcp `ErrorData` / `McpError` constructors.
    Rmcp,
    /// rmcp `CallToolResult::error`: a tool-level error inside a successful response.
    RmcpToolResult,
    /// jsonrpsee `ErrorObject` / `MethodResponse::error`.
    Jsonrpsee,
    /// jsonrpc-core `Error`.
    JsonrpcCore,
}

impl RpcLib {
    /// How the transport answers this value, with the upstream file that proves it.
    pub fn transport_note(self) -> &'static str {
        match self {
            RpcLib::Rmcp | RpcLib::RmcpToolResult => {
                "rmcp's StreamableHttpService sends JSON-RPC errors and tool results with HTTP 200 \
                 (rmcp src/transport/streamable_http_server/tower.rs)"
            }
            RpcLib::Jsonrpsee => {
                "jsonrpsee answers every JSON-RPC error with HTTP 200 \
                 (jsonrpsee server/src/transport/http.rs, from_template(StatusCode::OK, ..))"
            }
            RpcLib::JsonrpcCore => {
                "jsonrpc-http-server sends JSON-RPC errors with Response::ok, HTTP 200 \
                 (jsonrpc http/src/handler.rs)"
            }
        }
    }
}

/// An abstract value: what an expression may evaluate to, as far as responses are concerned.
/// Anything the extractor does not understand is `Unknown`; unknown never produces a finding.
#[derive(Debug, Clone, PartialEq)]
pub enum Val {
    Unknown,
    Int(i64),
    /// A string literal, or a `format!` template with `challenge::HOLE` for each argument.
    Str {
        text: String,
        span: Span,
    },
    /// A path not resolvable in the file (a const, usually): `NAME` or `Type::NAME`.
    Path(String),
    /// An HTTP status code value.
    Status {
        code: u16,
        span: Span,
    },
    /// A header name, lowercase.
    HeaderName(String),
    Tuple(Vec<Val>),
    Array(Vec<Val>),
    /// A JSON object (`json!({..})`), keys in source order.
    JsonObj(Vec<(String, Val)>),
    Wrap(Wrapper, Box<Val>),
    /// `Response::builder()` chains and `Response::new(body)`.
    Builder {
        status: Option<Box<Val>>,
        headers: Vec<(Val, Val)>,
        body: Option<Box<Val>>,
        span: Span,
    },
    /// A call of a function or method defined elsewhere: `name` or `Type::name`. `method`:
    /// called with a receiver (`x.name(args)`), so `args` start at the second parameter.
    Call {
        callee: String,
        args: Vec<Val>,
        method: bool,
        span: Span,
    },
    /// The value of the enclosing function's parameter at this index.
    Param(usize),
    /// An enum variant or struct value of a user type.
    Ctor {
        ty: Box<str>,
        variant: Option<Box<str>>,
        fields: Vec<(String, Val)>,
        span: Span,
    },
    /// A JSON-RPC error value of a known library.
    Rpc {
        lib: RpcLib,
        code: Option<Box<Val>>,
        message: Option<Box<Val>>,
        span: Span,
    },
    /// A value whose status or headers were changed after it was built
    /// (`*r.status_mut() = ..`, `r.headers_mut().insert(..)`).
    Mutated {
        base: Box<Val>,
        status: Option<Box<Val>>,
        headers: Vec<(Val, Val)>,
    },
    /// A `HeaderMap` built locally, with what was inserted.
    HeaderMap(Vec<(Val, Val)>),
    /// The error of `expr?` with no local conversion: it flows through `From` into the
    /// function's error type. `origin` names the call it came from (e.g. `decode`).
    Try {
        origin: String,
        span: Span,
    },
    /// One of several values (a `let` bound to an `if` or `match`).
    OneOf(Vec<Val>),
}

/// Why a failure happened, as far as the code says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FailKind {
    /// No credentials at all: 401 without `error` (RFC 6750 §3.1).
    Missing,
    /// Credentials presented and rejected: 401 `invalid_token`.
    Invalid,
    /// A malformed request: 400 `invalid_request` is allowed.
    Malformed,
    /// Valid token, not enough scope: 403 `insufficient_scope`.
    Scope,
}

/// The auth evidence that holds where a value is returned (DESIGN §5.3).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Ctx {
    /// Inside the failing branch of a check on credentials (`None` / `Err` / false arm of a
    /// check on the Authorization header, an API key or a token verification).
    pub auth_branch: Option<FailKind>,
    /// Inside the failing branch of a check whose credential use is hidden in a helper
    /// (`let Some(key) = ingest_key(req.headers()) else { .. }`): the failure kind and the
    /// helper's name (an index into `FileFacts::callees`). The model decides once it knows
    /// whether the helper reads credentials.
    pub deferred: Option<(FailKind, u32)>,
    /// Inside the branch taken when an awaited credential lookup (a store, a remote service)
    /// failed, or had its error folded into "not found": where the lookup is.
    pub backend: Option<Span>,
}

/// One place where a function hands a value back: its tail, a `return`, a `?`.
#[derive(Debug, Clone, PartialEq)]
pub struct Ret {
    pub val: Val,
    pub span: Span,
    pub ctx: Ctx,
    /// Variants of `self` this return belongs to (inside `match self { A | B => .. }`).
    pub variants: Vec<String>,
    /// Hash of the whitespace-normalised source text of the returned expression, for
    /// fingerprints that survive line moves (kept as a hash: facts stay compact).
    pub anchor: u64,
    /// True when this is the error of `?` (the value is the error, not the function's result).
    pub is_try: bool,
    /// The `match self` arm this return belongs to, when the status is decided in an arm and
    /// returned later (`let (status, msg) = match self { .. }; (status, msg).into_response()`).
    pub arm: Option<Span>,
}

/// What a type in a signature can become.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TyClass {
    /// A response or something the framework turns into one (`Response`, `impl IntoResponse`,
    /// `StatusCode`, `Json<_>`, tuples of those).
    Response,
    /// A JSON-RPC error or result sent in-band by a JSON-RPC transport.
    Rpc,
    /// A user type, a response if it has an `IntoResponse`-like impl.
    Named(String),
    /// Whatever the value, the framework answers this status (rmcp's service factory errors
    /// become 500), with the note that proves it.
    Fixed(u16, &'static str),
    Other,
}

/// A function's return type: `Result<ok, err>` or a plain `ok`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetSig {
    pub ok: TyClass,
    pub err: Option<TyClass>,
}

/// A function or method, summarised.
#[derive(Debug, Clone, PartialEq)]
pub struct FnFacts {
    pub name: String,
    /// The `impl` target type (last path segment), for methods.
    pub self_ty: Option<String>,
    /// The implemented trait (last path segment), for trait impls.
    pub trait_name: Option<String>,
    /// The type a `From` impl converts from (`From<X>` gives `X`); `None` for other traits.
    pub trait_arg: Option<String>,
    /// The trait argument is a generic parameter of the impl (a blanket `impl<E> From<E>`).
    pub trait_arg_generic: bool,
    pub sig: RetSig,
    pub params: Vec<String>,
    pub rets: Vec<Ret>,
    pub span: Span,
    /// The function's name says it handles auth (`auth_middleware`, `validate_token`).
    pub auth_named: bool,
    /// The body reads a credential header (`AUTHORIZATION`, `"x-api-key"`): a helper whose
    /// result is a credential or a verdict on one.
    pub reads_credentials: bool,
    /// Under `#[auth_error]`: the macro adds the challenge to what it returns.
    pub auth_error_fn: bool,
    /// The body speaks the OAuth authorization server's protocol (`grant_type`,
    /// `invalid_grant`, `redirect_uri`): a token, authorize or registration endpoint, whose
    /// client errors are not failed requests to the protected resource.
    pub oauth_endpoint: bool,
}

/// A `From<X> for T` conversion, written or derived (thiserror's `#[from]`).
#[derive(Debug, Clone, PartialEq)]
pub struct FromFacts {
    pub target: String,
    pub source: String,
    pub generic: bool,
    pub val: Val,
    pub span: Span,
}

/// A `const` or `static` with a literal value.
#[derive(Debug, Clone, PartialEq)]
pub struct ConstFacts {
    pub name: String,
    pub val: Val,
    pub span: Span,
}

/// `#[cfg_attr(mcp_lint, allow(mcp_lint::rule, reason = ".."))]` on an item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AllowFacts {
    /// Rule ids in kebab-case.
    pub rules: Vec<String>,
    pub reason: Option<String>,
    /// The attribute's position.
    pub at: Span,
    /// The item's lines, inclusive.
    pub first: u32,
    pub last: u32,
}

/// A type under `#[auth_error(..)]` (crate `auth-error`): its responses are generated with
/// the right status and a valid challenge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthErrorType {
    pub ty: String,
    /// The type-level `status` (401 when not given).
    pub status: u16,
    /// Variants with their own `status`.
    pub variants: Vec<(String, u16)>,
    pub span: Span,
}

/// Everything kept of one file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FileFacts {
    pub fns: Vec<FnFacts>,
    pub consts: Vec<ConstFacts>,
    /// `From` conversions derived by attributes (written impls are in `fns`).
    pub froms: Vec<FromFacts>,
    /// `#[path = ".."]` module files this file declares, resolved relative to it.
    pub path_mods: Vec<std::path::PathBuf>,
    /// Files of modules declared `#[cfg(test)] mod x;` here (test code, skipped).
    pub test_mods: Vec<std::path::PathBuf>,
    /// Item-level suppressions.
    pub allows: Vec<AllowFacts>,
    /// Types whose responses `#[auth_error]` generates.
    pub auth_error_types: Vec<AuthErrorType>,
    /// Names of helpers referenced by `Ctx::deferred`.
    pub callees: Vec<String>,
    /// The file speaks OAuth (JWT validation, an OAuth client, protected-resource metadata).
    pub oauth_signal: bool,
    /// The file uses an MCP SDK or serves an MCP route (`"/mcp"`).
    pub mcp_signal: bool,
    /// Findings of the file-level rules (`rules::Check::File`).
    pub hits: Vec<Hit>,
    /// Structs with a field named for a credential (`api_key`, `token`), for `When`.
    pub credential_types: Vec<String>,
    /// Structs that serialise an `access_token` field (OAuth token responses), for
    /// `When::TokenResponseUncached` (`rules/token_response_cacheable.rs`).
    pub token_types: Vec<String>,
    /// Handlers routed under a tower-http `SetResponseHeaderLayer` that sets
    /// `Cache-Control: no-store`.
    pub no_store_handlers: Vec<String>,
    /// The file installs no-store where its routes are not followed (a layer on a nested or
    /// merged router or a variable, an axum middleware taking `Next` that sets it).
    pub no_store_anywhere: bool,
    /// What the file says about its package for framework resolution (warp `recover`
    /// handlers, Rocket catchers): `frameworks::file_facts`.
    pub fw: crate::frameworks::FwFacts,
}

/// A finding a rule decided inside one file, from its syntax alone (`rules::Check::File`).
/// `when` is what the rest of the workspace must show for it to hold.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub rule: &'static str,
    pub span: Span,
    pub message: String,
    pub help: String,
    /// Hash of the flagged source text (see `Ret::anchor`).
    pub anchor: u64,
    /// Secondary locations in the same file, with what each shows.
    pub related: Vec<(Span, String)>,
    pub when: When,
}

/// The workspace condition under which a `Hit` is a finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum When {
    Always,
    /// The package answers some request with a `WWW-Authenticate` challenge or a 401.
    PackageChallenges,
    /// The named type (a `Query<T>` extractor's `T`) has a field named for a credential
    /// (`FileFacts::credential_types`, any file of the package).
    TypeHasCredentialField(String),
    /// A token response, in the handler named by the second field, without
    /// `Cache-Control: no-store`. Holds unless the package routes that handler under a
    /// no-store layer (`FileFacts::no_store_handlers`) or installs no-store where the routes
    /// are not followed (`no_store_anywhere`); when a type is named, only if a struct of that
    /// name in the package has an `access_token` field (`FileFacts::token_types`, any file).
    TokenResponseUncached(Option<String>, String),
    /// No warp `recover` handler of the package looks for this rejection type
    /// (`frameworks::not_recovered`).
    NotRecovered(String),
}

impl FileFacts {
    /// Give back the spare capacity of the vectors grown during the walk: the facts of every
    /// file live until the end of the run, the walk's slack should not.
    pub fn shrink(&mut self) {
        for f in &mut self.fns {
            f.rets.shrink_to_fit();
            f.params.shrink_to_fit();
        }
        self.fns.shrink_to_fit();
        self.consts.shrink_to_fit();
        self.froms.shrink_to_fit();
        self.callees.shrink_to_fit();
        self.hits.shrink_to_fit();
    }
}
