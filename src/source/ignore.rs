//! Paths left out of a scan: `--exclude` and config globs plus a root's
//! `.blastradiusignore` (gitignore syntax).

use anyhow::{anyhow, Result};
use ignore::gitignore::{Gitignore, GitignoreBuilder};
use std::path::Path;

/// The file of path globs (gitignore syntax) that a scanned root may hold.
pub const IGNORE_FILE: &str = ".blastradiusignore";

/// Path globs to leave out of git scans, whose paths are relative to the repository root:
/// `--exclude` and config globs plus the root's `.blastradiusignore`.
pub struct PathFilter {
    matcher: Gitignore,
}

impl PathFilter {
    /// Builds the filter for a root directory (`None` for a bare repository).
    pub fn new(root: Option<&Path>, excludes: &[String]) -> Result<Self> {
        let base = root.unwrap_or(Path::new(""));
        let mut builder = GitignoreBuilder::new(base);
        if let Some(root) = root {
            let file = root.join(IGNORE_FILE);
            match super::file::read_settings(&file) {
                Ok(text) => {
                    for (number, line) in text.lines().enumerate() {
                        builder
                            .add_line(Some(file.clone()), line)
                            .map_err(|_| anyhow!("{}: line {}: invalid glob", file.display(), number + 1))?;
                    }
                }
                Err(err) if err.is_not_found() => {}
                Err(err) => return Err(anyhow!("cannot read {}: {err}", file.display())),
            }
        }
        for glob in excludes {
            builder.add_line(None, glob).map_err(|e| anyhow!("invalid exclude glob `{glob}`: {e}"))?;
        }
        Ok(PathFilter { matcher: builder.build()? })
    }

    /// Is the repository-relative `path` (a file) excluded?
    pub fn excludes(&self, path: &str) -> bool {
        self.matcher.matched_path_or_any_parents(path, false).is_ignore()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_filter_matches_globs_and_parent_directories() {
        let filter = PathFilter::new(None, &["vendor/".to_string(), "*.min.js".to_string()]).unwrap();
        assert!(filter.excludes("vendor/a/b.txt"));
        assert!(filter.excludes("web/app.min.js"));
        assert!(!filter.excludes("src/main.rs"));
    }

    #[test]
    fn ignore_file_in_root_is_read() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(IGNORE_FILE), "fixtures/**\n").unwrap();
        let filter = PathFilter::new(Some(dir.path()), &[]).unwrap();
        assert!(filter.excludes("fixtures/keys/.env"));
        assert!(!filter.excludes("src/.env"));
    }
}
