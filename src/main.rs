//! `cargo mcp-lint` / `cargo-mcp-lint`: the binary entry.

/// mimalloc instead of the system allocator: syn and the facts make many small allocations
/// (glibc malloc and free were 22% of a profile; docs/benchmarks.md). oxlint does the same.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let code = cargo_mcp_lint::cli::main(std::env::args_os().collect());
    std::process::exit(code);
}
