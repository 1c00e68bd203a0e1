//! The fixture runner: lints the fixture workspace and compares the findings with the
//! `// expect:` markers in its sources (exact rule, file and line; any unmarked finding fails).
//! `// todo-expect:` markers are known misses: counted and printed, never failing.

mod support;

use cargo_mcp_lint::engine::{self, Options};
use cargo_mcp_lint::workspace::{self, Selection};
use std::collections::BTreeMap;
use support::{fixtures_dir, read_markers, Marker};

#[test]
fn fixtures_match_markers() {
    let root = fixtures_dir();
    let sel = Selection { manifest_path: Some(root.join("Cargo.toml")), ..Selection::default() };
    let plan = workspace::discover(&sel, &root).expect("fixture workspace");
    let report = engine::lint(&plan, &Options::default()).expect("lint runs");
    assert!(report.errors.is_empty(), "fixtures must all parse: {:?}", report.errors);
    let markers = read_markers(&root);

    let found: Vec<Marker> = report
        .findings
        .iter()
        .map(|r| Marker {
            file: r.finding.location.file.clone(),
            line: r.finding.location.line,
            rule: r.finding.rule.to_string(),
            group: None,
        })
        .collect();
    let mut problems = Vec::new();
    let mut matched = vec![false; found.len()];
    for m in &markers.expect {
        let hit = found
            .iter()
            .enumerate()
            .position(|(i, f)| !matched[i] && f.file == m.file && f.line == m.line && f.rule == m.rule);
        match hit {
            Some(i) => {
                matched[i] = true;
                if let Some(g) = &m.group {
                    let krate = m.file.split('/').next().unwrap_or_default().to_string();
                    let want = markers.related.get(&(krate, g.clone())).cloned().unwrap_or_default();
                    let got: Vec<(String, usize)> =
                        report.findings[i].finding.related.iter().map(|r| (r.file.clone(), r.line)).collect();
                    for w in &want {
                        if !got.contains(w) {
                            problems.push(format!(
                                "{}:{} {}: related location {}:{} (group {g}) missing; got {got:?}",
                                m.file, m.line, m.rule, w.0, w.1
                            ));
                        }
                    }
                    if want.is_empty() {
                        problems.push(format!(
                            "{}:{} {}: group {g} has no `// related[{g}]` marker",
                            m.file, m.line, m.rule
                        ));
                    }
                }
            }
            None => problems.push(format!("missed    {}:{} {}", m.file, m.line, m.rule)),
        }
    }
    for (i, f) in found.iter().enumerate() {
        if !matched[i] {
            let todo = markers.todo.iter().any(|t| t.file == f.file && t.line == f.line && t.rule == f.rule);
            let note = if todo { " (marked todo-expect: promote it to expect)" } else { "" };
            problems.push(format!(
                "unexpected {}:{} {}: {}{note}",
                f.file, f.line, f.rule, report.findings[i].finding.message
            ));
        }
    }

    let mut per_rule: BTreeMap<&str, (usize, usize, usize)> = BTreeMap::new();
    for m in &markers.expect {
        per_rule.entry(&m.rule).or_default().0 += 1;
    }
    for m in &markers.todo {
        per_rule.entry(&m.rule).or_default().1 += 1;
    }
    for m in &markers.ok {
        per_rule.entry(&m.rule).or_default().2 += 1;
    }
    eprintln!("rule                                expect  todo  ok");
    for (rule, (e, t, o)) in &per_rule {
        eprintln!("{rule:<36} {e:>6} {t:>5} {o:>3}");
    }
    for t in &markers.todo {
        eprintln!("todo-expect (known miss): {}:{} {}", t.file, t.line, t.rule);
    }
    assert!(problems.is_empty(), "fixture findings differ from markers:\n{}", problems.join("\n"));
}
