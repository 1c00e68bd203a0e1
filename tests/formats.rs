//! The machine formats (research/tooling-anchors.md §2.1-§2.3): rustc JSON lines as
//! `cargo_metadata` (and so rust-analyzer) parses them, SARIF as GitHub code scanning requires
//! it, and GitHub workflow commands with the toolkit's escaping.
//!
//! Set `MCP_LINT_SARIF_OUT=/path/file.sarif` to also write the fixtures' SARIF (for the SARIF
//! Multitool's `validate --rule-kind "Gh;Sarif"`).

use cargo_mcp_lint::engine::{lint, Options};
use cargo_mcp_lint::report::{github, rustc, sarif, Finding, Level, Location, Related, Report, Reported, Suppressed};
use cargo_mcp_lint::rules::RULES;
use cargo_mcp_lint::workspace::{discover, Selection};
use cargo_metadata::diagnostic::{Diagnostic, DiagnosticLevel};
use cargo_metadata::Message;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

/// The fixtures' report, linted once for every test.
fn fixtures() -> &'static Report {
    static REPORT: OnceLock<Report> = OnceLock::new();
    REPORT.get_or_init(|| {
        let dir = fixtures_dir();
        let sel = Selection { manifest_path: Some(dir.join("Cargo.toml")), ..Default::default() };
        let plan = discover(&sel, &dir).expect("fixtures workspace is discovered");
        let report = lint(&plan, &Options::default()).expect("fixtures are linted");
        assert!(!report.findings.is_empty(), "the fixtures must produce findings");
        report
    })
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("mcp-lint-formats-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("src")).expect("temp dir");
    dir
}

fn reported(rule: &'static str, level: Level, loc: (&str, usize, usize, usize, usize)) -> Reported {
    Reported {
        finding: Finding {
            rule,
            location: Location {
                file: loc.0.to_string(),
                line: loc.1,
                column: loc.2,
                end_line: loc.3,
                end_column: loc.4,
            },
            message: format!("{rule} here"),
            help: "do the right thing".to_string(),
            related: Vec::new(),
            anchor: String::new(),
            probe: None,
        },
        level,
        fingerprint: format!("{rule}:{}", loc.1),
    }
}

fn source_line(root: &Path, file: &str, line: usize) -> String {
    let text = std::fs::read_to_string(root.join(file)).expect("source readable");
    let l = text.split('\n').nth(line - 1).expect("line exists");
    l.strip_suffix('\r').unwrap_or(l).to_string()
}

// ---------------------------------------------------------------------------------------------
// rustc / cargo JSON

#[test]
fn rustc_lines_parse_as_cargo_messages_with_right_spans_and_codes() {
    let report = fixtures();
    let out = rustc::render(report);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), report.findings.len() + 1);

    let messages: Vec<Message> = Message::parse_stream(out.as_bytes()).collect::<Result<_, _>>().expect("stream reads");
    assert_eq!(messages.len(), lines.len());

    let mut diagnostics: Vec<Diagnostic> = Vec::new();
    for (i, (m, r)) in messages.iter().zip(&report.findings).enumerate() {
        let d = match m {
            Message::CompilerMessage(cm) => {
                let p = &report.packages[report.file_package[&r.finding.location.file]];
                assert_eq!(cm.package_id.repr, p.id, "line {i}");
                assert_eq!(cm.target.name, p.target_name);
                assert_eq!(cm.target.src_path.as_std_path(), p.target_src);
                cm.message.clone()
            }
            Message::TextLine(t) => {
                // A file outside every package: a bare diagnostic, which rust-analyzer also reads.
                assert!(
                    !report.file_package.contains_key(&r.finding.location.file),
                    "line {i} should be a compiler-message: {t}"
                );
                serde_json::from_str::<Diagnostic>(t).expect("bare diagnostic parses")
            }
            other => panic!("unexpected message {other:?}"),
        };
        diagnostics.push(d);
    }
    assert!(
        messages.iter().any(|m| matches!(m, Message::CompilerMessage(_))),
        "fixture findings belong to packages and are wrapped"
    );
    match messages.last() {
        Some(Message::BuildFinished(b)) => assert_eq!(b.success, !report.has_errors()),
        other => panic!("last message must be build-finished, got {other:?}"),
    }

    for (d, r) in diagnostics.iter().zip(&report.findings) {
        let f = &r.finding;
        let l = &f.location;
        let code = d.code.as_ref().expect("code");
        assert_eq!(code.code, format!("mcp_lint::{}", f.rule.replace('-', "_")));
        assert_eq!(code.explanation, None);
        assert_eq!(d.message, f.message);
        let want = match r.level {
            Level::Deny => DiagnosticLevel::Error,
            _ => DiagnosticLevel::Warning,
        };
        assert_eq!(d.level, want);
        assert_eq!(d.spans.len(), 1);
        let s = &d.spans[0];
        assert!(s.is_primary);
        assert_eq!(s.file_name, l.file);
        assert_eq!((s.line_start, s.column_start), (l.line, l.column));
        assert_eq!(s.line_end, l.end_line);
        assert_eq!(s.label.as_deref(), Some(f.rule));
        assert!(s.suggested_replacement.is_none() && s.expansion.is_none());
        // Byte offsets and columns agree with the file text.
        let text = std::fs::read_to_string(report.root.join(&l.file)).expect("source");
        let line_text = source_line(&report.root, &l.file, l.line);
        assert_eq!(s.text[0].text, line_text);
        assert_eq!(s.text[0].highlight_start, l.column);
        assert_eq!(s.text.len(), l.end_line - l.line + 1);
        let start = s.byte_start as usize;
        let before: String = line_text.chars().take(l.column - 1).collect();
        assert!(text[..start].ends_with(&before), "{}:{}", l.file, l.line);
        if l.end_line == l.line {
            let flagged: String = line_text.chars().skip(l.column - 1).take(l.end_column - l.column).collect();
            assert_eq!(&text[start..s.byte_end as usize], flagged);
            assert_eq!(s.column_end, l.end_column);
        }
        // One help child, then one note per related location, each with its span.
        assert_eq!(d.children.len(), 1 + f.related.len());
        assert_eq!(d.children[0].level, DiagnosticLevel::Help);
        assert!(d.children[0].message.contains(&f.help));
        assert!(d.children[0].spans.is_empty() && d.children[0].children.is_empty());
        for (c, rel) in d.children[1..].iter().zip(&f.related) {
            assert_eq!(c.level, DiagnosticLevel::Note);
            assert_eq!(c.message, rel.message);
            assert_eq!(c.spans.len(), 1);
            assert_eq!(c.spans[0].file_name, rel.file);
            assert_eq!(c.spans[0].line_start, rel.line);
            assert!(c.spans[0].is_primary);
            assert!(c.children.is_empty());
        }
        let rendered = d.rendered.as_deref().expect("rendered");
        assert!(rendered.contains(&format!("{}:{}:{}", l.file, l.line, l.column)));
    }
    let related = report.findings.iter().map(|r| r.finding.related.len()).sum::<usize>();
    assert!(related > 0, "the fixtures exercise related locations");
}

#[test]
fn rustc_bare_diagnostics_unicode_columns_and_crlf() {
    let root = scratch("rustc");
    // Line 2 has multi-byte characters before the flagged call and a CRLF ending.
    std::fs::write(root.join("src/lib.rs"), "fn é() {}\r\nlet x = \"ü🙂\"; bad(1);\r\n\thelper();\n").expect("write");
    let mut r = reported("auth-status-200", Level::Warn, ("src/lib.rs", 2, 15, 2, 21));
    r.finding.related.push(Related { file: "src/lib.rs".into(), line: 3, message: "the helper".into() });
    let report = Report { findings: vec![r], root: root.clone(), ..Report::default() };
    let out = rustc::render(&report);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2);
    // No package: the bare diagnostic, which `Message` does not claim but `Diagnostic` parses.
    assert!(matches!(Message::parse_stream(lines[0].as_bytes()).next(), Some(Ok(Message::TextLine(_)))));
    let d: Diagnostic = serde_json::from_str(lines[0]).expect("diagnostic");
    let s = &d.spans[0];
    let text = std::fs::read_to_string(root.join("src/lib.rs")).expect("read");
    assert_eq!(&text[s.byte_start as usize..s.byte_end as usize], "bad(1)");
    assert_eq!(s.text[0].text, "let x = \"ü🙂\"; bad(1);");
    assert_eq!((s.text[0].highlight_start, s.text[0].highlight_end), (15, 21));
    assert_eq!(d.level, DiagnosticLevel::Warning);
    let note = &d.children[1].spans[0];
    assert_eq!(&text[note.byte_start as usize..note.byte_end as usize], "helper();");
    assert_eq!((note.column_start, note.column_end), (2, 11));
    let done: Value = serde_json::from_str(lines[1]).expect("json");
    assert_eq!(done, serde_json::json!({"reason": "build-finished", "success": true}));
    let _ = std::fs::remove_dir_all(&root);
}

// ---------------------------------------------------------------------------------------------
// SARIF

fn sarif_of(report: &Report) -> Value {
    serde_json::from_str(&sarif::render(report)).expect("SARIF is JSON")
}

#[test]
fn sarif_meets_github_code_scanning_requirements() {
    let report = fixtures();
    let text = sarif::render(report);
    assert_eq!(text, sarif::render(report), "output is deterministic");
    if let Some(path) = std::env::var_os("MCP_LINT_SARIF_OUT") {
        std::fs::write(path, &text).expect("write SARIF");
    }
    let doc = sarif_of(report);
    assert_eq!(doc["$schema"], "https://json.schemastore.org/sarif-2.1.0.json");
    assert_eq!(doc["version"], "2.1.0");
    let runs = doc["runs"].as_array().expect("runs");
    assert_eq!(runs.len(), 1);
    let run = &runs[0];
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "cargo-mcp-lint");
    assert_eq!(driver["semanticVersion"], env!("CARGO_PKG_VERSION"));
    assert!(driver["informationUri"].as_str().is_some_and(|u| u.starts_with("https://")));
    assert_eq!(run["automationDetails"]["id"], "cargo-mcp-lint/");
    assert_eq!(run["invocations"][0]["executionSuccessful"], true);
    let wd = run["invocations"][0]["workingDirectory"]["uri"].as_str().expect("workingDirectory");
    assert!(wd.starts_with("file:///") && wd.ends_with('/'));
    assert_eq!(run["originalUriBaseIds"]["%SRCROOT%"]["uri"], wd);

    // Every registered rule, once, with the texts GitHub requires.
    let rules = driver["rules"].as_array().expect("rules");
    assert_eq!(rules.len(), RULES.len());
    for (d, (rule, _)) in rules.iter().zip(RULES) {
        assert_eq!(d["id"], rule.id);
        let name = d["name"].as_str().expect("name");
        assert!(name.chars().next().is_some_and(|c| c.is_ascii_uppercase()));
        assert!(!name.contains('-'));
        for key in ["shortDescription", "fullDescription"] {
            let t = d[key]["text"].as_str().expect(key);
            assert!(!t.trim().is_empty() && t.chars().count() <= 1024, "{key} of {}", rule.id);
        }
        assert!(!d["help"]["text"].as_str().expect("help").trim().is_empty());
        let md = d["help"]["markdown"].as_str().expect("markdown");
        assert!(md.contains(rule.bad) && md.contains(rule.good));
        let level = d["defaultConfiguration"]["level"].as_str().expect("level");
        assert!(level == "error" || level == "warning");
        let p = &d["properties"];
        assert_eq!(p["tags"], serde_json::json!(["security", "mcp", "auth"]));
        assert_eq!(p["security-severity"], rule.security_severity);
        assert_eq!(p["precision"], "high");
        assert!(p["problem.severity"].is_string());
    }

    let results = run["results"].as_array().expect("results");
    assert_eq!(results.len(), report.findings.len() + report.suppressed_findings.len());
    for (res, r) in results.iter().zip(&report.findings) {
        let f = &r.finding;
        assert_eq!(res["ruleId"], f.rule);
        let idx = res["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(rules[idx]["id"], f.rule);
        assert_eq!(res["level"], r.level.severity());
        assert!(!res["message"]["text"].as_str().expect("message").is_empty());
        let locs = res["locations"].as_array().expect("locations");
        assert!(!locs.is_empty());
        let pl = &locs[0]["physicalLocation"];
        assert_eq!(pl["artifactLocation"]["uri"], f.location.file.as_str());
        assert_eq!(pl["artifactLocation"]["uriBaseId"], "%SRCROOT%");
        let region = &pl["region"];
        assert_eq!(region["startLine"], f.location.line);
        assert_eq!(region["startColumn"], f.location.column);
        assert_eq!(region["endLine"], f.location.end_line);
        assert_eq!(region["endColumn"], f.location.end_column);
        let fp = &res["partialFingerprints"];
        let line_hash = fp["primaryLocationLineHash"].as_str().expect("line hash");
        let (hex, n) = line_hash.split_once(':').expect("hash:n");
        assert!(!hex.is_empty() && hex.chars().all(|c| c.is_ascii_hexdigit()));
        assert!(n.parse::<usize>().is_ok_and(|n| n >= 1));
        let text = std::fs::read_to_string(report.root.join(&f.location.file)).expect("source");
        assert_eq!(sarif::line_hashes(&text).get(&f.location.line).map(String::as_str), Some(line_hash));
        assert_eq!(fp["mcpLint/v1"], r.fingerprint.as_str());
        let related = res["relatedLocations"].as_array().map_or(0, Vec::len);
        assert_eq!(related, f.related.len());
        assert!(res.get("suppressions").is_none());
    }
}

#[test]
fn sarif_reports_suppressed_findings_with_their_justification() {
    let root = scratch("sarif");
    std::fs::write(root.join("src/a b.rs"), "fn f() {\n    deny();\n}\n").expect("write");
    let report = Report {
        findings: vec![reported("missing-www-authenticate", Level::Deny, ("src/a b.rs", 2, 5, 2, 11))],
        suppressed: 1,
        suppressed_findings: vec![Suppressed {
            reported: reported("auth-status-200", Level::Warn, ("src/a b.rs", 1, 1, 1, 3)),
            justification: "legacy endpoint".into(),
        }],
        root: root.clone(),
        ..Report::default()
    };
    let doc = sarif_of(&report);
    let results = doc["runs"][0]["results"].as_array().expect("results");
    assert_eq!(results.len(), 2);
    assert!(results[0].get("suppressions").is_none());
    assert_eq!(
        results[1]["suppressions"],
        serde_json::json!([{"kind": "inSource", "justification": "legacy endpoint"}])
    );
    // URIs are percent-encoded.
    assert_eq!(results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], "src/a%20b.rs");
    let _ = std::fs::remove_dir_all(&root);
}

/// Expected values come from github/codeql-action's `src/fingerprints.ts` run under node.
#[test]
fn line_hashes_match_codeql_action() {
    let cases: &[(String, &[&str])] = &[
        (
            "fn main() {\n    println!(\"hi\");\n}\n".into(),
            &["dc9d5485b04a08fc:1", "d769d05c16ffaee9:1", "32dce9ccfdbc9d3e:1", "c129715d7a2bc9a3:1"],
        ),
        (
            "a\r\nb\rc\n\n\tb\r\n  a\n".into(),
            &[
                "4cf5cff8506772cc:1",
                "86ec7f116683db4d:1",
                "4f70b5ef4142fdd1:1",
                "6acff80ca636da60:1",
                "77eeb3ce06ccfd76:1",
                "243cbaa4685aab12:1",
                "c129715d7a2bc9a3:1",
            ],
        ),
        (
            "let s = \"ü🙂\";\nlet s = \"ü🙂\";\n".into(),
            &["e2a38743e4acfad5:1", "af042fcdbdb60ca4:1", "c129715d7a2bc9a3:1"],
        ),
        (format!("{}\n{}", "x".repeat(150), "y".repeat(30)), &["52b56201ffb58620:1", "eed45a972b109c75:1"]),
        (String::new(), &["c129715d7a2bc9a3:1"]),
        (format!("{0}\n{0}\n", "x".repeat(120)), &["52b56201ffb58620:1", "52b56201ffb58620:2", "c129715d7a2bc9a3:1"]),
    ];
    for (text, want) in cases {
        let got = sarif::line_hashes(text);
        let got: Vec<&str> = got.values().map(String::as_str).collect();
        assert_eq!(&got, want, "{text:?}");
    }
}

#[test]
fn sarif_rule_names_are_camel_case() {
    assert_eq!(sarif::camel_case("missing-www-authenticate"), "MissingWwwAuthenticate");
    assert_eq!(sarif::camel_case("auth-status-200"), "AuthStatus200");
}

// ---------------------------------------------------------------------------------------------
// GitHub workflow commands

#[test]
fn github_escaping_matches_actions_toolkit() {
    let s = "100% sure:\r\nline, two";
    assert_eq!(github::escape_data(s), "100%25 sure:%0D%0Aline, two");
    assert_eq!(github::escape_property(s), "100%25 sure%3A%0D%0Aline%2C two");
    // `%` is escaped first, so an already-escaped sequence is not decoded by GitHub.
    assert_eq!(github::escape_data("%0A"), "%250A");
    assert_eq!(github::escape_property("a:b,c%"), "a%3Ab%2Cc%25");
}

#[test]
fn github_annotation_escapes_message_and_properties() {
    let mut r = reported("auth-status-500", Level::Deny, ("src/a,b:c.rs", 3, 5, 3, 9));
    r.finding.message = "50% of 401s: wrong,\nreally".into();
    r.finding.help = String::new();
    let line = github::annotation(&r);
    assert!(!line.contains('\n'));
    assert_eq!(
        line,
        "::error file=src/a%2Cb%3Ac.rs,line=3,endLine=3,col=5,endColumn=9,\
         title=mcp-lint(auth-status-500)::50%25 of 401s: wrong,%0Areally%0A\
         (see `cargo mcp-lint --explain auth-status-500`)"
    );
    // A multi-line region: GitHub refuses columns then.
    let r = reported("auth-status-200", Level::Warn, ("src/x.rs", 3, 5, 4, 2));
    let line = github::annotation(&r);
    assert!(line.starts_with("::warning file=src/x.rs,line=3,endLine=4,title="));
}

#[test]
fn github_errors_come_before_warnings() {
    let report = Report {
        findings: vec![
            reported("auth-status-other", Level::Warn, ("a.rs", 1, 1, 1, 2)),
            reported("auth-status-500", Level::Deny, ("a.rs", 2, 1, 2, 2)),
            reported("auth-status-other", Level::Warn, ("b.rs", 1, 1, 1, 2)),
            reported("auth-status-200", Level::Deny, ("b.rs", 2, 1, 2, 2)),
        ],
        ..Report::default()
    };
    let out = github::render(&report);
    let files: Vec<(&str, &str)> = out
        .lines()
        .map(|l| {
            let (cmd, rest) = l[2..].split_once(' ').expect("command");
            (cmd, rest.split(',').next().expect("file"))
        })
        .collect();
    assert_eq!(
        files,
        [("error", "file=a.rs"), ("error", "file=b.rs"), ("warning", "file=a.rs"), ("warning", "file=b.rs"),]
    );

    // The fixtures: one line per finding, all errors first.
    let report = fixtures();
    let out = github::render(report);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), report.findings.len());
    let first_warning = lines.iter().position(|l| l.starts_with("::warning ")).unwrap_or(lines.len());
    assert!(lines[..first_warning].iter().all(|l| l.starts_with("::error ")));
    assert!(lines[first_warning..].iter().all(|l| l.starts_with("::warning ")));
}

#[test]
fn github_step_summary_counts_and_lists_findings() {
    let report = fixtures();
    let md = github::step_summary(report);
    let errors = report.findings.iter().filter(|r| r.level == Level::Deny).count();
    let warnings = report.findings.len() - errors;
    assert!(md.contains(&format!("**{errors} error(s), {warnings} warning(s)**")));
    assert!(md.contains("at most 10 error and 10 warning annotations per step"));
    for r in &report.findings {
        let f = &r.finding;
        assert!(md.contains(&format!("| `{}:{}` | `{}` |", f.location.file, f.location.line, f.rule)));
    }
    for rule in report.findings.iter().map(|r| r.finding.rule) {
        assert!(md.contains(&format!("| `{rule}` | ")));
    }
    let mut r = reported("auth-status-200", Level::Warn, ("a.rs", 1, 1, 1, 2));
    r.finding.message = "a | b\n<c>".into();
    let md = github::step_summary(&Report { findings: vec![r], ..Report::default() });
    assert!(md.contains("| a \\| b<br>&lt;c&gt; |"));
}
