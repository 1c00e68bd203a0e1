#!/usr/bin/env bash
# Fuzz the per-file pipeline, the challenge parser and the doc-comment scan (cargo-fuzz,
# libFuzzer + ASan).
# Usage: [TARGETS="pipeline doc_comments"] fuzz/run.sh [SECONDS]
#        (default 1800 s per target, all targets in parallel)
# The machine's toolchain is stable; RUSTC_BOOTSTRAP lets cargo-fuzz pass its -Z flags.
set -euo pipefail
cd "$(dirname "$0")"
secs="${1:-1800}"
mkdir -p corpus/pipeline corpus/challenge corpus/doc_comments
# Seeds: every fixture source, and a few challenge values.
find ../fixtures -name '*.rs' -not -path '*/target/*' | while read -r f; do
  for t in pipeline doc_comments; do cp "$f" "corpus/$t/$(echo "$f" | tr '/.' '__')"; done
done
printf 'Bearer realm="mcp", resource_metadata="https://x/.well-known/oauth-protected-resource/mcp"' > corpus/challenge/valid
printf 'Basic realm="a", Bearer error="invalid_token", error_description="x"' > corpus/challenge/multi
printf 'Bearer realm=mcp, scope="a b"' > corpus/challenge/unquoted
export RUSTC_BOOTSTRAP=1
cargo fuzz build -O
for t in ${TARGETS:-pipeline challenge doc_comments}; do
  cargo fuzz run -O "$t" "corpus/$t" -- -max_total_time="$secs" -rss_limit_mb=4096 -max_len=65536 > "fuzz-$t.log" 2>&1 &
done
wait
tail -n 3 fuzz-*.log
