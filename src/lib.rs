//! cargo-mcp-lint: a syn-based lint that proves a Rust MCP or JSON-RPC server answers auth
//! failures with HTTP 401 and a `WWW-Authenticate: Bearer` challenge.
//!
//! Pipeline (DESIGN §5.1): `workspace` finds files, `source` parses them, `facts` extracts a
//! compact IR per file, `model` indexes and resolves it across files, `rules` check it, and
//! `report` renders the findings.

#![forbid(unsafe_code)]

pub mod challenge;
pub mod cli;
pub mod config;
pub mod engine;
pub mod facts;
pub mod frameworks;
pub mod model;
pub mod probe;
pub mod report;
pub mod rules;
pub mod source;
#[doc(hidden)]
pub mod testing;
pub mod workspace;
