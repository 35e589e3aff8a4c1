//! The staged reader: what the next commit would add. Compares the index with HEAD's
//! tree; a new file is scanned whole, a changed file is scanned and only findings on
//! added lines are kept. Works before the first commit and in linked worktrees;
//! submodules, symlinks and conflicted entries are ignored.

use super::tree;
use crate::model::finding::Source;
use crate::model::result::{Origin, ScanBuffer, ScanResult, Stats};
use crate::source::ignore::PathFilter;
use anyhow::{Context, Result};
use gix::bstr::BString;
use gix::index::entry::{Mode, Stage};
use gix::ObjectId;
use imara_diff::{Algorithm, Diff, InternedInput};
use std::collections::HashMap;
use std::path::Path;
use std::time::Instant;

/// A staged file that differs from HEAD.
struct StagedChange {
    path: String,
    new: ObjectId,
    old: Option<ObjectId>,
}

/// Findings in the staged changes of the repository containing `repo_path`, with
/// repository-relative paths and line numbers of the staged content. Unclassified: the
/// caller classifies them before reporting.
pub fn scan(
    scan_buffer: &ScanBuffer<'_>,
    repo_path: &Path,
    filter: Option<&PathFilter>,
    max_size: u64,
) -> Result<ScanResult> {
    let started = Instant::now();
    let repo = super::discover(repo_path)?;
    let changes = staged_changes(&repo, filter)?;
    let mut result = ScanResult::default();
    for change in &changes {
        let blob = repo.find_blob(change.new).with_context(|| format!("cannot read staged {}", change.path))?;
        if crate::source::walk::is_binary(&blob.data) || (max_size > 0 && blob.data.len() as u64 > max_size) {
            result.stats.skipped += 1;
            continue;
        }
        result.stats.files += 1;
        result.stats.bytes += blob.data.len() as u64;
        let origin = Origin { path: &change.path, source: Source::Staged, commit: None };
        let mut found = scan_buffer(&blob.data, origin);
        if let (false, Some(old)) = (found.is_empty(), change.old) {
            let old = repo.find_blob(old).with_context(|| format!("cannot read {} in HEAD", change.path))?;
            let added = added_lines(&old.data, &blob.data);
            found.retain(|f| added.get(f.line - 1).copied().unwrap_or(false));
        }
        result.findings.append(&mut found);
    }
    result.stats = Stats { elapsed_ms: started.elapsed().as_millis() as u64, ..result.stats };
    Ok(result)
}

/// Index entries whose blob differs from HEAD's (or that HEAD lacks).
fn staged_changes(repo: &gix::Repository, filter: Option<&PathFilter>) -> Result<Vec<StagedChange>> {
    let index = repo.index_or_empty().context("cannot read the index")?;
    let head = head_blobs(repo)?;
    let mut changes = Vec::new();
    for entry in index.entries() {
        if entry.stage() != Stage::Unconflicted || !(entry.mode == Mode::FILE || entry.mode == Mode::FILE_EXECUTABLE) {
            continue;
        }
        let path_bytes = entry.path(&index);
        let old = head.get(path_bytes).copied();
        if old == Some(entry.id) {
            continue;
        }
        let path = path_bytes.to_string();
        if filter.is_some_and(|f| f.excludes(&path)) {
            continue;
        }
        changes.push(StagedChange { path, new: entry.id, old });
    }
    Ok(changes)
}

/// Path → blob id of every file in HEAD's tree; empty when there is no commit yet.
fn head_blobs(repo: &gix::Repository) -> Result<HashMap<BString, ObjectId>> {
    let mut blobs = HashMap::new();
    let Some(head) = repo.head_commit().ok() else { return Ok(blobs) };
    let root = head.tree_id().context("cannot read HEAD's tree")?.detach();
    tree::walk(repo, root, &mut |_| true, &mut |entry| {
        blobs.insert(entry.path, entry.id);
    })?;
    Ok(blobs)
}

/// For each line of `new` (0-based), whether a line diff against `old` marks it added.
fn added_lines(old: &[u8], new: &[u8]) -> Vec<bool> {
    let input = InternedInput::new(old, new);
    let diff = Diff::compute(Algorithm::Histogram, &input);
    (0..input.after.len() as u32).map(|line| diff.is_added(line)).collect()
}

#[cfg(test)]
mod tests {
    use super::added_lines;

    #[test]
    fn only_inserted_and_changed_lines_count_as_added() {
        let old = b"a\nb\nc\n";
        let new = b"a\nx\nb\nc2\n";
        assert_eq!(added_lines(old, new), vec![false, true, false, true]);
    }

    #[test]
    fn a_moved_line_counts_as_added() {
        assert_eq!(added_lines(b"s\na\nb\n", b"a\nb\ns\n"), vec![false, false, true]);
    }
}
