//! SARIF artifact URIs relative to the repository root (GitHub code scanning resolves
//! them against the checkout), whatever directory blastradius ran from.

use crate::model::finding::{Finding, Source};
use crate::source::git::provenance::Provenance;
use std::path::{Component, Path, PathBuf};

/// The directory result URIs are relative to, and the directory finding paths are.
pub struct PathBase {
    /// The repository root, else the current directory (canonical).
    root: PathBuf,
    /// The current directory (canonical), which workspace paths are relative to.
    cwd: PathBuf,
    /// Git-sourced paths are already relative to the repository root.
    in_repo: bool,
}

impl PathBase {
    pub fn new(provenance: Option<&Provenance>) -> Self {
        let cwd = std::env::current_dir().and_then(std::fs::canonicalize).unwrap_or_default();
        let root = provenance.map_or_else(|| cwd.clone(), |p| p.root.clone());
        PathBase { root, cwd, in_repo: provenance.is_some() }
    }

    /// `file:///root/` for `originalUriBaseIds`.
    pub fn root_uri(&self) -> Option<String> {
        (!self.root.as_os_str().is_empty()).then(|| file_uri(&self.root))
    }

    /// The finding's path relative to the root, `None` when it lies outside.
    pub fn relative(&self, f: &Finding) -> Option<String> {
        if self.in_repo && matches!(f.source, Source::Staged | Source::GitHistory) {
            return Some(f.path.clone());
        }
        let absolute = self.absolute(f);
        let relative = absolute.strip_prefix(&self.root).ok()?;
        relative.to_str().map(str::to_string)
    }

    /// `file:` URI of a finding outside the root.
    pub fn absolute_uri(&self, f: &Finding) -> String {
        file_uri(&self.absolute(f)).trim_end_matches('/').to_string()
    }

    fn absolute(&self, f: &Finding) -> PathBuf {
        let path = Path::new(&f.path);
        let joined = if path.is_absolute() { path.to_path_buf() } else { self.cwd.join(path) };
        std::fs::canonicalize(&joined).unwrap_or_else(|_| normalize(&joined))
    }
}

/// Removes `.` and `..` components without touching the file system.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// `file:///a%20b/c/` for a directory path (trailing slash added).
pub fn file_uri(path: &Path) -> String {
    let text = path.to_string_lossy();
    let trimmed = text.trim_end_matches('/');
    format!("file://{}/", uri_for(trimmed))
}
/// A path as a URI reference (see [`super::escape::uri_path`]).
pub fn uri_for(path: &str) -> String {
    super::escape::uri_path(path)
}
