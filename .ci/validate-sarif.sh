#!/usr/bin/env bash
# Validate the lint's SARIF with Microsoft's SARIF Multitool, GitHub's rules included
# (research/tooling-anchors.md §2.2). Fails on any error-level validation result.
set -euo pipefail
cd "$(dirname "$0")/.."
tool_dir=target/sarif-multitool
tool="$tool_dir/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool"
if [ ! -x "$tool" ]; then
  npm install --prefix "$tool_dir" --no-audit --no-fund --silent @microsoft/sarif-multitool-linux
  chmod u+x "$tool"   # npm may block the package's own postinstall chmod
fi
sarif=target/fixtures.sarif
result=target/fixtures.validation.sarif
# Findings exit 1: expected here, the fixtures are full of defects.
cargo run --quiet --locked -- --manifest-path fixtures/Cargo.toml --format sarif --output "$sarif" || [ $? -eq 1 ]
rm -f "$result"
"$tool" validate --rule-kind "Gh;Sarif" --output "$result" "$sarif" >/dev/null
python3 - "$result" <<'PY'
import json, sys
runs = json.load(open(sys.argv[1]))["runs"]
errors = [r for run in runs for r in run.get("results", []) if r.get("level", "warning") == "error"]
for e in errors:
    print("SARIF validation error:", e.get("ruleId"), e["message"].get("text", e["message"]))
print(f"SARIF Multitool: {len(errors)} error(s)")
sys.exit(1 if errors else 0)
PY
