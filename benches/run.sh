#!/usr/bin/env bash
# Whole-process benchmarks: the lint against its floor (`--parse-only`: find, read and
# syn-parse the same files, nothing else), on 1 and 2 threads, with hyperfine (wall time) and
# /usr/bin/time (peak RSS). Corpora: generated workspaces of 1k, 10k and 50k files and the
# registry sources of the fixtures' framework crates. Writes docs/benchmarks.md.
# Usage: benches/run.sh [RUNS]    (needs hyperfine: apt-get install hyperfine)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-5}"
out=target/bench
mkdir -p "$out"
cargo build --release --locked -q
bin=target/release/cargo-mcp-lint

for n in 1000 10000 50000; do
  [ -f "$out/gen-$n/src/m$((n - 1)).rs" ] || cargo run --release --locked -q --example gen_workspace -- "$out/gen-$n" "$n" >/dev/null
done
if [ ! -d "$out/registry" ]; then
  (cd fixtures && cargo fetch --locked -q)
  src=$(ls -d "${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/ | head -n 1)
  mkdir -p "$out/registry"
  for c in axum-0 axum-core- rmcp- jsonrpsee jsonrpc- hyper-1 http-1 tower-0 tokio-1 reqwest-; do
    for d in "$src"$c*; do [ -d "$d" ] && cp -r "$d" "$out/registry/"; done
  done
fi

rows="$out/rows.tsv"
: > "$rows"
for corpus in gen-1000 gen-10000 gen-50000 registry; do
  dir="$out/$corpus"
  files=$(find "$dir" -name '*.rs' | wc -l)
  bytes=$(find "$dir" -name '*.rs' -print0 | xargs -0 cat | wc -c)
  for j in 1 2; do
    hyperfine -N -i -w 1 -r "$runs" --export-json "$out/$corpus-j$j.json" \
      "$bin -j$j --parse-only $dir" "$bin -j$j --format json --output /dev/null $dir" >/dev/null
    # The lint exits 1 when it finds defects (the generated code has some): not a failure here.
    rss_floor=$( { /usr/bin/time -f '%M' "$bin" -j$j --parse-only "$dir" 2>&1 >/dev/null || true; } | tail -n 1)
    rss_lint=$( { /usr/bin/time -f '%M' "$bin" -j$j --format json --output /dev/null "$dir" 2>&1 >/dev/null || true; } | tail -n 1)
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$corpus" "$files" "$bytes" "$j" "$rss_floor" "$rss_lint" "$out/$corpus-j$j.json" >> "$rows"
  done
done

python3 - "$rows" > docs/benchmarks.md <<'PY'
import json, sys, statistics
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1])]
print("# Benchmarks\n")
print("Whole-process medians from `benches/run.sh` (hyperfine, warm cache). *floor* = `--parse-only`:")
print("find, read and syn-parse the same files on the same thread pool; *lint* = the full run")
print("(parse, facts, model, rules, JSON to /dev/null). Ratio = lint / floor, measured in the same")
print("run. Peak RSS from /usr/bin/time. Reproduce: `benches/run.sh`; criterion: `cargo bench`.\n")
print("| corpus | files | MB | threads | floor (ms) | lint (ms) | ratio | files/s | MB/s | RSS floor (MB) | RSS lint (MB) |")
print("|---|---|---|---|---|---|---|---|---|---|---|")
med = {}
for corpus, files, size, j, rf, rl, path in rows:
    res = json.load(open(path))["results"]
    floor, lint = (statistics.median(r["times"]) for r in res)
    med[(corpus, j)] = lint
    mb = int(size) / 1e6
    print(f"| {corpus} | {files} | {mb:.1f} | {j} | {floor*1000:.0f} | {lint*1000:.0f} | {lint/floor:.2f} | {int(files)/lint:.0f} | {mb/lint:.1f} | {int(rf)/1024:.0f} | {int(rl)/1024:.0f} |")
print("\n| corpus | lint speed-up 1 → 2 threads |\n|---|---|")
for corpus in dict.fromkeys(r[0] for r in rows):
    if (corpus, "1") in med and (corpus, "2") in med:
        print(f"| {corpus} | {med[(corpus, '1')] / med[(corpus, '2')]:.2f}x |")
PY
cat docs/benchmarks.md
