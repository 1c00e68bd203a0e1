//! Framework knowledge, one module per framework, as tables where it can be. Each entry names
//! the upstream file that proves it (research/framework-catalog.md has the full catalog).

pub mod actix_web;
pub mod axum;
pub mod http;
pub mod jsonrpc_core;
pub mod jsonrpsee;
pub mod rmcp;
pub mod rust_mcp_sdk;
