//! `cargo run --release --example gen_workspace -- DIR FILES`: write the benchmark workspace.

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(dir), Some(n)) = (args.next(), args.next().and_then(|n| n.parse::<usize>().ok())) else {
        eprintln!("usage: gen_workspace DIR FILES");
        std::process::exit(2);
    };
    match cargo_mcp_lint::testing::generate_workspace(std::path::Path::new(&dir), n) {
        Ok(bytes) => println!("{n} files, {bytes} bytes in {dir}"),
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(2);
        }
    }
}
