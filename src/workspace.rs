//! Finding what to lint: the cargo workspace (through `cargo metadata --no-deps --offline`, which
//! never resolves, downloads, builds or runs anything) or explicit file and folder arguments.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Crates that exist only to serve MCP over HTTP: depending on one makes a package an MCP
/// server for `missing-resource-metadata` (framework-catalog.md §10). General SDKs (rmcp,
/// rust-mcp-sdk) are also used by clients; for those the source must show a server.
pub const MCP_SDK_CRATES: &[&str] = &["rust-mcp-axum", "rust-mcp-actix", "rmcp-actix-web", "poem-mcpserver"];

/// OAuth and JWT crates: a package depending on one takes part in OAuth.
pub const OAUTH_CRATES: &[&str] = &["oauth2", "openidconnect", "jsonwebtoken", "jwt-simple", "josekit", "biscuit"];

/// One unit of linting: a package (or, for path arguments, the whole set of paths).
#[derive(Debug, Clone)]
pub struct Package {
    pub name: String,
    /// Files to lint, absolute, sorted.
    pub files: Vec<PathBuf>,
    /// Depends on an MCP SDK (from the manifest).
    pub mcp_dependency: bool,
    /// Depends on an OAuth or JWT crate (from the manifest).
    pub oauth_dependency: bool,
    /// cargo's view of the package (absent for path arguments).
    pub meta: Option<crate::report::PackageMeta>,
    /// The package's own manifest (for `[package.metadata.mcp-lint]`).
    pub manifest_path: Option<PathBuf>,
}

/// What a run lints, and the folder that reported paths are relative to.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    pub root: PathBuf,
    pub packages: Vec<Package>,
    /// Folders or entries the walk could not read (permissions, vanished files), with why:
    /// reported as errors, never skipped silently.
    pub unreadable: Vec<(PathBuf, String)>,
}

/// How to select what to lint.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    pub manifest_path: Option<PathBuf>,
    pub packages: Vec<String>,
    pub exclude: Vec<String>,
    pub paths: Vec<PathBuf>,
    pub include_tests: bool,
}

/// A discovery failure: one line naming the problem (the CLI exits 2 with it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiscoveryError(pub String);

impl std::fmt::Display for DiscoveryError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

pub fn discover(sel: &Selection, cwd: &Path) -> Result<Plan, DiscoveryError> {
    if sel.paths.is_empty() {
        discover_workspace(sel, cwd)
    } else {
        discover_paths(sel, cwd)
    }
}

fn discover_paths(sel: &Selection, cwd: &Path) -> Result<Plan, DiscoveryError> {
    let mut files = BTreeSet::new();
    let mut unreadable = Vec::new();
    for p in &sel.paths {
        let abs = cwd.join(p);
        if !abs.exists() {
            return Err(DiscoveryError(format!("path `{}` does not exist", p.display())));
        }
        if abs.is_file() {
            files.insert(abs);
        } else {
            files.extend(walk_reporting(&abs, sel.include_tests, false, &mut unreadable));
        }
    }
    // Files of one crate belong together (MCP and OAuth signals are per crate): group them by
    // the nearest folder with a Cargo.toml, without running cargo.
    let mut groups: std::collections::BTreeMap<Option<PathBuf>, Vec<PathBuf>> = std::collections::BTreeMap::new();
    for f in files {
        groups.entry(nearest_manifest(&f)).or_default().push(f);
    }
    let packages = groups
        .into_iter()
        .map(|(manifest, files)| {
            let deps = manifest.as_deref().map(manifest_dependencies).unwrap_or_default();
            Package {
                name: manifest
                    .as_ref()
                    .and_then(|m| m.parent())
                    .and_then(|d| d.file_name())
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                files,
                mcp_dependency: deps.iter().any(|d| MCP_SDK_CRATES.contains(&d.as_str())),
                oauth_dependency: deps.iter().any(|d| OAUTH_CRATES.contains(&d.as_str())),
                meta: None,
                manifest_path: None,
            }
        })
        .collect();
    Ok(Plan { root: cwd.to_path_buf(), packages, unreadable })
}

/// The Cargo.toml of the crate a file belongs to, if any.
fn nearest_manifest(file: &Path) -> Option<PathBuf> {
    file.ancestors().skip(1).map(|d| d.join("Cargo.toml")).find(|m| m.is_file())
}

/// Dependency names of a manifest, read directly (path arguments do not run cargo); an
/// unreadable manifest has none.
fn manifest_dependencies(manifest: &Path) -> Vec<String> {
    let Ok(text) = std::fs::read_to_string(manifest) else { return Vec::new() };
    let Ok(table) = toml::from_str::<toml::Table>(&text) else { return Vec::new() };
    ["dependencies"]
        .iter()
        .filter_map(|k| table.get(*k).and_then(|d| d.as_table()))
        .flat_map(|t| t.keys().cloned())
        .collect()
}

fn discover_workspace(sel: &Selection, cwd: &Path) -> Result<Plan, DiscoveryError> {
    let mut cmd = cargo_metadata::MetadataCommand::new();
    cmd.no_deps().other_options(vec!["--offline".to_string()]).current_dir(cwd);
    if let Some(m) = &sel.manifest_path {
        let abs = cwd.join(m);
        if !abs.exists() {
            return Err(DiscoveryError(format!("manifest `{}` does not exist", m.display())));
        }
        cmd.manifest_path(abs);
    }
    let meta = cmd.exec().map_err(|e| DiscoveryError(metadata_error(&e)))?;
    let root = meta.workspace_root.clone().into_std_path_buf();
    let members: BTreeSet<_> = meta.workspace_members.iter().collect();
    for wanted in sel.packages.iter().chain(&sel.exclude) {
        if !meta.packages.iter().any(|p| members.contains(&p.id) && p.name.as_str() == wanted) {
            return Err(DiscoveryError(format!("package `{wanted}` is not a member of the workspace")));
        }
    }
    let mut packages = Vec::new();
    let mut unreadable = Vec::new();
    for pkg in meta.packages.iter().filter(|p| members.contains(&p.id)) {
        let name = pkg.name.to_string();
        if (!sel.packages.is_empty() && !sel.packages.contains(&name)) || sel.exclude.contains(&name) {
            continue;
        }
        let dir = pkg.manifest_path.parent().map(|d| d.as_std_path().to_path_buf()).unwrap_or_else(|| root.clone());
        let mut files: BTreeSet<PathBuf> = walk_reporting(&dir, sel.include_tests, true, &mut unreadable).collect();
        // Targets whose sources live outside the package folder (`path = "../x.rs"`).
        for t in &pkg.targets {
            let is_test = t
                .kind
                .iter()
                .any(|k| matches!(k, cargo_metadata::TargetKind::Test | cargo_metadata::TargetKind::Bench));
            let src = t.src_path.as_std_path();
            if (sel.include_tests || !is_test) && src.exists() {
                files.insert(src.to_path_buf());
            }
        }
        let mcp_dependency = pkg.dependencies.iter().any(|d| MCP_SDK_CRATES.contains(&d.name.as_str()));
        let main = pkg
            .targets
            .iter()
            .find(|t| t.kind.iter().any(|k| matches!(k, cargo_metadata::TargetKind::Lib)))
            .or_else(|| pkg.targets.first());
        let meta = main.map(|t| crate::report::PackageMeta {
            name: name.clone(),
            id: pkg.id.repr.clone(),
            manifest_path: pkg.manifest_path.clone().into_std_path_buf(),
            target_name: t.name.clone(),
            target_kind: t.kind.first().map(|k| k.to_string()).unwrap_or_else(|| "lib".into()),
            target_src: t.src_path.clone().into_std_path_buf(),
        });
        let manifest_path = Some(pkg.manifest_path.clone().into_std_path_buf());
        let oauth_dependency = pkg.dependencies.iter().any(|d| OAUTH_CRATES.contains(&d.name.as_str()));
        let files = files.into_iter().collect();
        packages.push(Package { name, files, mcp_dependency, oauth_dependency, meta, manifest_path });
    }
    Ok(Plan { root, packages, unreadable })
}

/// cargo's own message, reduced to the line that names the problem.
fn metadata_error(e: &cargo_metadata::Error) -> String {
    match e {
        cargo_metadata::Error::CargoMetadata { stderr } => {
            let line = stderr
                .lines()
                .map(str::trim)
                .find(|l| l.starts_with("error:"))
                .or_else(|| stderr.lines().map(str::trim).find(|l| !l.is_empty()))
                .unwrap_or("cargo metadata failed");
            let rest: Vec<&str> = stderr
                .lines()
                .map(str::trim)
                .skip_while(|l| *l != line)
                .skip(1)
                .filter(|l| !l.is_empty() && !l.starts_with("Caused by"))
                .take(2)
                .collect();
            let mut msg = line.trim_start_matches("error:").trim().to_string();
            if !rest.is_empty() {
                msg.push_str(": ");
                msg.push_str(&rest.join(" "));
            }
            format!("cannot read the workspace: {msg}")
        }
        cargo_metadata::Error::Io(io) => {
            format!("cannot run cargo (is it installed and on PATH?): {io}")
        }
        other => format!("cannot read the workspace: {other}"),
    }
}

/// `.rs` files under `dir`, skipping `target/`, hidden folders, what .gitignore ignores, nested
/// packages (they are linted as their own package or not at all) and, unless asked,
/// `tests/` and `benches/`.
pub fn walk_rust_files(dir: &Path, include_tests: bool, skip_nested_packages: bool) -> impl Iterator<Item = PathBuf> {
    walk_entries(dir, include_tests, skip_nested_packages).filter_map(Result::ok)
}

/// Same, recording what could not be read in `unreadable`.
fn walk_reporting<'u>(
    dir: &Path,
    include_tests: bool,
    skip_nested_packages: bool,
    unreadable: &'u mut Vec<(PathBuf, String)>,
) -> impl Iterator<Item = PathBuf> + 'u {
    let top = dir.to_path_buf();
    walk_entries(dir, include_tests, skip_nested_packages).filter_map(move |r| match r {
        Ok(p) => Some(p),
        Err(e) => {
            unreadable.push((walk_error_path(&e).unwrap_or_else(|| top.clone()), walk_error_message(&e)));
            None
        }
    })
}

/// The path an `ignore` error is about (it nests paths inside `WithPath`/`WithDepth`).
fn walk_error_path(e: &ignore::Error) -> Option<PathBuf> {
    match e {
        ignore::Error::WithPath { path, .. } => Some(path.clone()),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => walk_error_path(err),
        ignore::Error::Loop { child, .. } => Some(child.clone()),
        _ => None,
    }
}

/// The cause without the path (the path is the error's `file`).
fn walk_error_message(e: &ignore::Error) -> String {
    match e {
        ignore::Error::WithPath { err, .. }
        | ignore::Error::WithDepth { err, .. }
        | ignore::Error::WithLineNumber { err, .. } => walk_error_message(err),
        other => format!("cannot read: {other}"),
    }
}

fn walk_entries(
    dir: &Path,
    include_tests: bool,
    skip_nested_packages: bool,
) -> impl Iterator<Item = Result<PathBuf, ignore::Error>> {
    let top = dir.to_path_buf();
    let walker = ignore::WalkBuilder::new(dir)
        .hidden(true)
        .git_ignore(true)
        .git_global(false)
        .git_exclude(true)
        .require_git(false)
        .follow_links(false)
        .sort_by_file_name(|a, b| a.cmp(b))
        .filter_entry(move |e| {
            let p = e.path();
            if p == top || !e.file_type().is_some_and(|t| t.is_dir()) {
                return true;
            }
            let name = e.file_name().to_string_lossy();
            if name == "target" {
                return false;
            }
            if !include_tests && (name == "tests" || name == "benches") {
                return false;
            }
            !(skip_nested_packages && p.join("Cargo.toml").exists())
        })
        .build();
    walker.filter_map(|r| match r {
        Ok(e) => {
            let is_rs = e.file_type().is_some_and(|t| t.is_file()) && e.path().extension().is_some_and(|x| x == "rs");
            is_rs.then(|| Ok(e.into_path()))
        }
        // A `.gitignore` that cannot be parsed is not a reason to skip code.
        Err(ignore::Error::Partial(_)) => None,
        Err(e) => Some(Err(e)),
    })
}
