//! Criterion benchmarks: the whole lint against its floor (find, read and syn-parse the same
//! files, `engine::parse_floor`), measured in the same run, on 1 and 2 threads, for a generated
//! workspace and for the registry sources of the frameworks the fixtures use (after
//! `cargo fetch` in fixtures/). The ratio lint/floor is the number that matters (DESIGN §6:
//! at most 1.25); `benches/run.sh` measures the same with whole processes and peak RSS. The
//! lint leaves doc comments and test module bodies out of its own parse (`source::Omit`), so a
//! second floor parses what the lint parses: lint / that floor is the analysis's own cost.

use cargo_mcp_lint::engine::{self, Options};
use cargo_mcp_lint::source::Omit;
use cargo_mcp_lint::workspace::{walk_rust_files, Package, Plan};
use criterion::{criterion_group, criterion_main, Criterion};
use std::path::{Path, PathBuf};
use std::time::Duration;

fn plan(root: &Path, files: Vec<PathBuf>) -> Plan {
    let package = Package {
        name: "bench".into(),
        files,
        mcp_dependency: false,
        oauth_dependency: false,
        meta: None,
        manifest_path: None,
    };
    Plan { root: root.to_path_buf(), packages: vec![package], ..Plan::default() }
}

fn generated(n: usize) -> Plan {
    let dir = std::env::temp_dir().join(format!("mcp-lint-bench-{n}"));
    if !dir.join("src").join(format!("m{}.rs", n - 1)).exists() {
        cargo_mcp_lint::testing::generate_workspace(&dir, n).expect("generate");
    }
    let files = walk_rust_files(&dir, false, false).collect();
    plan(&dir, files)
}

fn registry() -> Option<Plan> {
    let (src, files) = cargo_mcp_lint::testing::registry_corpus()?;
    Some(plan(&src, files))
}

fn bench(c: &mut Criterion, name: &str, plan: &Plan) {
    let mut g = c.benchmark_group(name);
    g.sample_size(10).measurement_time(Duration::from_secs(8)).warm_up_time(Duration::from_secs(1));
    for threads in [1, 2] {
        g.bench_function(format!("parse-floor/j{threads}"), |b| {
            b.iter(|| engine::parse_floor(plan, Some(threads), Omit::NOTHING).expect("floor"))
        });
        // What the lint itself parses (doc comments and test bodies left out): lint / this is
        // the analysis's own cost.
        g.bench_function(format!("parse-as-lint/j{threads}"), |b| {
            b.iter(|| engine::parse_floor(plan, Some(threads), Omit::for_lint(false)).expect("floor"))
        });
        let opts = Options { threads: Some(threads), ..Options::default() };
        g.bench_function(format!("lint/j{threads}"), |b| b.iter(|| engine::lint(plan, &opts).expect("lint")));
    }
    g.finish();
}

fn benches(c: &mut Criterion) {
    bench(c, "generated-1k", &generated(1_000));
    if let Some(p) = registry() {
        bench(c, "registry-frameworks", &p);
    }
}

criterion_group!(lint, benches);
criterion_main!(lint);
