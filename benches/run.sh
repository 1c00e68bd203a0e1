#!/usr/bin/env bash
# Whole-process benchmarks: the lint against its floor (`--parse-only`: find, read and
# syn-parse the same files, nothing else) and against its own parse (`--parse-only --as-lint`:
# doc comments and test bodies left out, as the lint parses), on 1 and 2 threads, with
# hyperfine (wall time) and
# /usr/bin/time (peak RSS). Corpora: generated workspaces of 1k, 10k and 50k files and the
# registry sources of the fixtures' framework crates; instruction counts (cachegrind) for two of
# them. Adds the run to docs/benchmarks.md, above the earlier ones.
# Usage: benches/run.sh [RUNS]    (needs hyperfine: apt-get install hyperfine)
#        CORPORA="registry gen-1000" benches/run.sh [RUNS]    (a subset; default: all four)
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
for corpus in ${CORPORA:-gen-1000 gen-10000 gen-50000 registry}; do
  dir="$out/$corpus"
  files=$(find "$dir" -name '*.rs' | wc -l)
  bytes=$(find "$dir" -name '*.rs' -print0 | xargs -0 cat | wc -c)
  for j in 1 2; do
    # The floor (syn's whole parse), the lint's own parse (doc comments and test bodies left
    # out, `source::Omit`) and the lint.
    hyperfine -N -i -w 1 -r "$runs" --export-json "$out/$corpus-j$j.json" \
      "$bin -j$j --parse-only $dir" "$bin -j$j --parse-only --as-lint $dir" \
      "$bin -j$j --format json --output /dev/null $dir" >/dev/null
    # The lint exits 1 when it finds defects (the generated code has some): not a failure here.
    rss_floor=$( { /usr/bin/time -f '%M' "$bin" -j$j --parse-only "$dir" 2>&1 >/dev/null || true; } | tail -n 1)
    rss_lint=$( { /usr/bin/time -f '%M' "$bin" -j$j --format json --output /dev/null "$dir" 2>&1 >/dev/null || true; } | tail -n 1)
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$corpus" "$files" "$bytes" "$j" "$rss_floor" "$rss_lint" "$out/$corpus-j$j.json" >> "$rows"
  done
done

# Interleaved pairs on the registry corpus: hyperfine runs each command's batch in turn, so a
# change in the neighbours' load between the batches shows up as a change in the ratio. Here
# each pair is one floor run and one lint run back to back; the median of the pairs' ratios.
pairs="$out/pairs.tsv"
: > "$pairs"
if [ -d "$out/registry" ]; then
  for j in 1 2; do
    for i in $(seq $((runs * 2))); do
      hyperfine -N -i -r 1 --export-json "$out/pair.json" \
        "$bin -j$j --parse-only $out/registry" "$bin -j$j --format json --output /dev/null $out/registry" >/dev/null 2>&1
      python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"]; print(sys.argv[2], r[0]["mean"], r[1]["mean"], sep="\t")' \
        "$out/pair.json" "$j" >> "$pairs"
    done
  done
fi

# Instruction counts (cachegrind): the same ratio, free of the machine's noise, on 1 thread.
irs="$out/irs.tsv"
: > "$irs"
if command -v valgrind >/dev/null; then
  for corpus in registry gen-1000; do
    ir() { valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null "$@" 2>&1 >/dev/null | awk '/I *refs/ {gsub(",", "", $4); print $4}'; }
    printf '%s\t%s\t%s\t%s\n' "$corpus" "$(ir "$bin" -j1 --parse-only "$out/$corpus")" \
      "$(ir "$bin" -j1 --format json --output /dev/null "$out/$corpus")" \
      "$(ir "$bin" -j1 --parse-only --as-lint "$out/$corpus")" >> "$irs"
  done
fi

# The new run goes first, under the page's header; earlier runs stay below it.
section="$out/section.md"
python3 - "$rows" "$irs" "$(git rev-parse --short HEAD)" "$pairs" > "$section" <<'PY'
import json, sys, statistics
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1])]
irs = [l.rstrip("\n").split("\t") for l in open(sys.argv[2]) if l.strip()]
pairs = [l.rstrip("\n").split("\t") for l in open(sys.argv[4]) if l.strip()]
print(f"## Run at {sys.argv[3]}\n")
print("| corpus | files | MB | threads | floor (ms) | lint (ms) | ratio | files/s | MB/s | RSS floor (MB) | RSS lint (MB) | own parse (ms) | lint / own parse |")
print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
med = {}
for corpus, files, size, j, rf, rl, path in rows:
    res = json.load(open(path))["results"]
    floor, own, lint = (statistics.median(r["times"]) for r in res)
    med[(corpus, j)] = (floor, lint)
    mb = int(size) / 1e6
    print(f"| {corpus} | {files} | {mb:.1f} | {j} | {floor*1000:.0f} | {lint*1000:.0f} | {lint/floor:.2f} | {int(files)/lint:.0f} | {mb/lint:.1f} | {int(rf)/1024:.0f} | {int(rl)/1024:.0f} | {own*1000:.0f} | {lint/own:.2f} |")
print("\n| corpus | floor speed-up 1 → 2 threads | lint speed-up 1 → 2 threads |\n|---|---|---|")
for corpus in dict.fromkeys(r[0] for r in rows):
    if (corpus, "1") in med and (corpus, "2") in med:
        (f1, l1), (f2, l2) = med[(corpus, "1")], med[(corpus, "2")]
        print(f"| {corpus} | {f1 / f2:.2f}x | {l1 / l2:.2f}x |")
if pairs:
    print("\n| registry, interleaved pairs | pairs | floor median (ms) | lint median (ms) | median pair ratio |\n|---|---|---|---|---|")
    for j in ("1", "2"):
        ps = [(float(f), float(l)) for t, f, l in pairs if t == j]
        if ps:
            f, l = statistics.median(p[0] for p in ps), statistics.median(p[1] for p in ps)
            r = statistics.median(p[1] / p[0] for p in ps)
            print(f"| {j} thread(s) | {len(ps)} | {f*1000:.0f} | {l*1000:.0f} | {r:.2f} |")
if irs:
    print("\n| corpus | floor (M instructions) | lint (M instructions) | ratio | own parse (M instructions) | lint / own parse |\n|---|---|---|---|---|---|")
    for corpus, f, l, o in irs:
        print(f"| {corpus} | {int(f)/1e6:.0f} | {int(l)/1e6:.0f} | {int(l)/int(f):.3f} | {int(o)/1e6:.0f} | {int(l)/int(o):.3f} |")
print()
PY
marker='<!-- runs: newest first -->'
{
  sed "/^$marker\$/q" docs/benchmarks.md
  echo
  cat "$section"
  sed "1,/^$marker\$/d" docs/benchmarks.md
} > "$out/benchmarks.md"
mv "$out/benchmarks.md" docs/benchmarks.md
cat "$section"
