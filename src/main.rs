//! `cargo mcp-lint` / `cargo-mcp-lint`: the binary entry.

fn main() {
    let code = cargo_mcp_lint::cli::main(std::env::args_os().collect());
    std::process::exit(code);
}
