//! Git sources, read with `gix` (never a `git` subprocess): the staged changes of the
//! next commit ([`staged`]), every blob in history ([`history`], which reads pack files
//! with `packs` and walks trees with `objects`), the pre-commit hook ([`hook`])
//! and the repository facts SARIF reports carry ([`provenance`]).

pub mod history;
pub mod hook;
mod missing;
mod objects;
mod packs;
pub mod provenance;
pub mod staged;
mod tree;

use anyhow::{Context, Result};
use std::path::Path;

/// Opens the repository that contains `path` (a work tree, a linked worktree or a bare
/// repository).
pub fn discover(path: &Path) -> Result<gix::Repository> {
    gix::discover(path).with_context(|| format!("`{}` is not inside a git repository", path.display()))
}
