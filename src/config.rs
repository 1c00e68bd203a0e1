//! Configuration (DESIGN §4), lowest to highest priority: defaults,
//! `[workspace.metadata.mcp-lint]`, `[package.metadata.mcp-lint]`, `mcp-lint.toml` at the
//! workspace root, `--config FILE`, command-line flags. The keys are the same in every layer
//! (`mcp-lint.toml` has them at top level). Never `[lints.mcp-lint]`: cargo hands unknown lint
//! tools to rustc, which breaks the build (research/tooling-anchors.md §0).

use crate::report::Level;
use crate::rules;
use crate::workspace::Plan;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// One layer of settings, validated.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Layer {
    pub auth_codes: Option<Vec<i64>>,
    /// Globs of paths to skip, relative to the workspace root.
    pub exclude: Vec<String>,
    /// Rule levels in the order given (later entries win); `all` is expanded.
    pub rules: Vec<(String, Level)>,
    /// Per-rule option tables (`{ level = "warn", ... }`), for rules that take options.
    pub options: BTreeMap<String, toml::Table>,
}

/// A configuration error, with the file and the span of the offending text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub file: PathBuf,
    pub text: String,
    pub span: Option<Range<usize>>,
    pub message: String,
}

impl ConfigError {
    /// A miette diagnostic pointing into the file.
    pub fn render(&self, color: bool) -> String {
        crate::report::human::render_config_error(self, color)
    }
}

/// Effective settings for one package.
#[derive(Debug, Clone, PartialEq)]
pub struct PackageSettings {
    pub levels: HashMap<String, Level>,
    pub auth_codes: Vec<i64>,
}

/// Everything the run needs from configuration.
#[derive(Debug, Clone)]
pub struct Resolved {
    /// Indexed like `Plan::packages`.
    pub packages: Vec<PackageSettings>,
    pub exclude: globset::GlobSet,
}

/// The default JSON-RPC codes that mean "auth failure" (DESIGN §4).
pub const DEFAULT_AUTH_CODES: &[i64] = &[-32001];

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawLayer {
    auth_codes: Option<Vec<i64>>,
    exclude: Option<Vec<Spanned<String>>>,
    rules: Option<BTreeMap<Spanned<String>, Spanned<RawRule>>>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum RawRule {
    Level(String),
    Table(toml::Table),
}

#[derive(Deserialize)]
struct RawManifest {
    workspace: Option<RawMetaHolder>,
    package: Option<RawMetaHolder>,
}

#[derive(Deserialize)]
struct RawMetaHolder {
    metadata: Option<RawMetadata>,
}

#[derive(Deserialize)]
struct RawMetadata {
    #[serde(rename = "mcp-lint")]
    mcp_lint: Option<RawLayer>,
}

/// Where in a file the settings live.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    /// `mcp-lint.toml` / `--config`: keys at top level.
    TopLevel,
    /// `[workspace.metadata.mcp-lint]` of a Cargo.toml.
    Workspace,
    /// `[package.metadata.mcp-lint]` of a Cargo.toml.
    Package,
}

fn error(file: &Path, text: &str, span: Option<Range<usize>>, message: impl Into<String>) -> ConfigError {
    ConfigError { file: file.to_path_buf(), text: text.to_string(), span, message: message.into() }
}

/// Read one layer from a file's text. The whole file is deserialized once, with `Spanned`
/// leaves, so every error points at the offending text.
pub fn parse_layer(text: &str, file: &Path, section: Section) -> Result<Option<Layer>, ConfigError> {
    let toml_error = |e: toml::de::Error| error(file, text, e.span(), e.message().to_string());
    let raw = match section {
        Section::TopLevel => Some(toml::from_str::<RawLayer>(text).map_err(toml_error)?),
        Section::Workspace | Section::Package => {
            let manifest: RawManifest = toml::from_str(text).map_err(toml_error)?;
            let holder = if section == Section::Workspace { manifest.workspace } else { manifest.package };
            holder.and_then(|h| h.metadata).and_then(|m| m.mcp_lint)
        }
    };
    let Some(raw) = raw else { return Ok(None) };
    let mut layer = Layer { auth_codes: raw.auth_codes, ..Layer::default() };
    for g in raw.exclude.unwrap_or_default() {
        if let Err(e) = globset::Glob::new(g.get_ref()) {
            return Err(error(file, text, Some(g.span()), format!("invalid glob: {e}")));
        }
        layer.exclude.push(g.into_inner());
    }
    for (id, setting) in raw.rules.unwrap_or_default() {
        let set_span = setting.span();
        let ids: Vec<String> = if id.get_ref() == "all" {
            rules::RULES.iter().map(|(r, _)| r.id.to_string()).collect()
        } else {
            let rule = rules::find(id.get_ref()).ok_or_else(|| {
                error(file, text, Some(id.span()), format!("unknown rule `{}` (see --list-rules)", id.get_ref()))
            })?;
            vec![rule.id.to_string()]
        };
        let (level_text, options) = match setting.into_inner() {
            RawRule::Level(l) => (Some(l), None),
            RawRule::Table(mut t) => {
                let level = match t.remove("level") {
                    Some(toml::Value::String(s)) => Some(s),
                    Some(_) => {
                        return Err(error(file, text, Some(set_span), "`level` must be a string: allow, warn or deny"))
                    }
                    None => None,
                };
                (level, Some(t))
            }
        };
        for rid in ids {
            if let Some(l) = &level_text {
                let level = Level::parse(l).ok_or_else(|| {
                    error(file, text, Some(set_span.clone()), format!("unknown level `{l}`: use allow, warn or deny"))
                })?;
                layer.rules.push((rid.clone(), level));
            }
            if let Some(o) = options.as_ref().filter(|o| !o.is_empty()) {
                layer.options.insert(rid, o.clone());
            }
        }
    }
    Ok(Some(layer))
}

fn read(file: &Path) -> Result<String, ConfigError> {
    std::fs::read_to_string(file).map_err(|e| error(file, "", None, format!("cannot read: {e}")))
}

/// Resolve every layer for the plan. `config_file` is `--config`; `cli` holds the flags.
pub fn resolve(
    plan: &Plan,
    config_file: Option<&Path>,
    cli: &Layer,
    workspace_mode: bool,
) -> Result<Resolved, ConfigError> {
    let mut shared_before_package: Vec<Layer> = Vec::new();
    let root_manifest = plan.root.join("Cargo.toml");
    if workspace_mode && root_manifest.exists() {
        if let Some(l) = parse_layer(&read(&root_manifest)?, &root_manifest, Section::Workspace)? {
            shared_before_package.push(l);
        }
    }
    let mut shared_after_package: Vec<Layer> = Vec::new();
    let toml_file = plan.root.join("mcp-lint.toml");
    if toml_file.exists() {
        if let Some(l) = parse_layer(&read(&toml_file)?, &toml_file, Section::TopLevel)? {
            shared_after_package.push(l);
        }
    }
    if let Some(f) = config_file {
        if !f.exists() {
            return Err(error(f, "", None, "config file does not exist"));
        }
        if let Some(l) = parse_layer(&read(f)?, f, Section::TopLevel)? {
            shared_after_package.push(l);
        }
    }
    shared_after_package.push(cli.clone());

    let mut excludes = globset::GlobSetBuilder::new();
    let mut packages = Vec::new();
    for pkg in &plan.packages {
        let mut layers: Vec<Layer> = shared_before_package.clone();
        if let Some(m) = &pkg.manifest_path {
            if workspace_mode {
                if let Some(mut l) = parse_layer(&read(m)?, m, Section::Package)? {
                    // Package excludes are relative to the package folder.
                    let dir = m.parent().and_then(|d| d.strip_prefix(&plan.root).ok()).map(Path::to_path_buf);
                    if let Some(dir) = dir.filter(|d| !d.as_os_str().is_empty()) {
                        l.exclude = l.exclude.iter().map(|g| format!("{}/{g}", dir.to_string_lossy())).collect();
                    }
                    layers.push(l);
                }
            }
        }
        layers.extend(shared_after_package.iter().cloned());
        let mut levels = HashMap::new();
        let mut auth_codes = DEFAULT_AUTH_CODES.to_vec();
        for l in &layers {
            for (id, level) in &l.rules {
                levels.insert(id.clone(), *level);
            }
            if let Some(c) = &l.auth_codes {
                auth_codes = c.clone();
            }
            for g in &l.exclude {
                if let Ok(glob) = globset::Glob::new(g) {
                    excludes.add(glob);
                }
            }
        }
        packages.push(PackageSettings { levels, auth_codes });
    }
    let exclude = excludes.build().map_err(|e| error(&plan.root, "", None, format!("invalid exclude glob: {e}")))?;
    Ok(Resolved { packages, exclude })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layer(text: &str, section: Section) -> Result<Option<Layer>, ConfigError> {
        parse_layer(text, Path::new("Cargo.toml"), section)
    }

    #[test]
    fn workspace_metadata_keys() {
        let text = r#"
[workspace]
members = ["a"]

[workspace.metadata.mcp-lint]
auth-codes = [-32001, -32003]
exclude = ["examples/legacy/**"]

[workspace.metadata.mcp-lint.rules]
missing-resource-metadata = "deny"
secret-compared-non-constant-time = { level = "warn" }
"#;
        let l = layer(text, Section::Workspace).expect("valid").expect("present");
        assert_eq!(l.auth_codes, Some(vec![-32001, -32003]));
        assert_eq!(l.exclude, vec!["examples/legacy/**"]);
        assert_eq!(
            l.rules,
            vec![
                ("missing-resource-metadata".to_string(), Level::Deny),
                ("secret-compared-non-constant-time".to_string(), Level::Warn)
            ]
        );
    }

    #[test]
    fn absent_section_is_none() {
        assert_eq!(layer("[package]\nname = \"x\"\n", Section::Package).expect("valid"), None);
    }

    #[test]
    fn unknown_rule_points_at_the_key() {
        let text = "[rules]\nnot-a-rule = \"deny\"\n";
        let e = layer(text, Section::TopLevel).expect_err("unknown rule");
        assert_eq!(e.message, "unknown rule `not-a-rule` (see --list-rules)");
        let span = e.span.expect("span");
        assert_eq!(&text[span], "not-a-rule");
    }

    #[test]
    fn bad_level_points_at_the_value() {
        let text = "[package]\nname = \"x\"\n[package.metadata.mcp-lint.rules]\nauth-status-200 = \"loud\"\n";
        let e = layer(text, Section::Package).expect_err("bad level");
        assert_eq!(e.message, "unknown level `loud`: use allow, warn or deny");
        assert_eq!(&text[e.span.expect("span")], "\"loud\"");
    }

    #[test]
    fn unknown_key_is_an_error_with_span() {
        let text = "auth-codez = [1]\n";
        let e = layer(text, Section::TopLevel).expect_err("unknown key");
        assert!(e.message.contains("unknown field `auth-codez`"), "{}", e.message);
        assert_eq!(&text[e.span.expect("span")], "auth-codez");
    }

    #[test]
    fn syntax_error_has_span() {
        let e = layer("rules = [\n", Section::TopLevel).expect_err("syntax");
        assert!(e.span.is_some());
    }
}
