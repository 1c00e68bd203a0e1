//! `docs/rules/<id>.md` are generated from the same source as `--explain` (the rule's `Rule`
//! value) and must stay identical to it. Regenerate with `MCP_LINT_BLESS=1 cargo test --test docs`.

use cargo_mcp_lint::cli::explain;
use cargo_mcp_lint::rules::RULES;
use std::path::PathBuf;

fn docs_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("docs").join("rules")
}

#[test]
fn rule_docs_match_explain() {
    let bless = std::env::var_os("MCP_LINT_BLESS").is_some();
    let mut stale = Vec::new();
    for (rule, _) in RULES {
        let path = docs_dir().join(format!("{}.md", rule.id));
        let want = explain(rule);
        if bless {
            std::fs::create_dir_all(docs_dir()).expect("docs dir");
            std::fs::write(&path, &want).expect("write doc");
        } else if std::fs::read_to_string(&path).ok().as_deref() != Some(want.as_str()) {
            stale.push(path.display().to_string());
        }
    }
    let known: Vec<String> = RULES.iter().map(|(r, _)| format!("{}.md", r.id)).collect();
    let extra: Vec<String> = std::fs::read_dir(docs_dir())
        .map(|rd| {
            rd.flatten().map(|e| e.file_name().to_string_lossy().into_owned()).filter(|n| !known.contains(n)).collect()
        })
        .unwrap_or_default();
    assert!(stale.is_empty(), "out of date (run MCP_LINT_BLESS=1 cargo test --test docs): {stale:?}");
    assert!(extra.is_empty(), "docs for rules that do not exist: {extra:?}");
}
