//! Recursive tree walking for the staged reader.

use anyhow::{Context, Result};
use gix::bstr::{BString, ByteVec};
use gix::object::tree::EntryKind;
use gix::ObjectId;

/// A blob (regular or executable file) met while walking a tree.
pub struct BlobEntry {
    pub path: BString,
    pub id: ObjectId,
}

/// Walks the tree `root` depth-first. Subtrees for which `enter(tree_id)` returns false
/// are skipped; `on_blob` sees every regular file. Symlinks and submodules are ignored.
pub fn walk(
    repo: &gix::Repository,
    root: ObjectId,
    enter: &mut dyn FnMut(ObjectId) -> bool,
    on_blob: &mut dyn FnMut(BlobEntry),
) -> Result<()> {
    let mut stack: Vec<(BString, ObjectId)> = vec![(BString::default(), root)];
    while let Some((prefix, tree_id)) = stack.pop() {
        if !enter(tree_id) {
            continue;
        }
        let tree = repo.find_tree(tree_id).with_context(|| format!("cannot read tree {tree_id}"))?;
        let decoded = tree.decode().with_context(|| format!("cannot decode tree {tree_id}"))?;
        for entry in &decoded.entries {
            let mut path = prefix.clone();
            if !path.is_empty() {
                path.push_byte(b'/');
            }
            path.push_str(entry.filename);
            match entry.mode.kind() {
                EntryKind::Tree => stack.push((path, entry.oid.to_owned())),
                EntryKind::Blob | EntryKind::BlobExecutable => on_blob(BlobEntry { path, id: entry.oid.to_owned() }),
                EntryKind::Link | EntryKind::Commit => {}
            }
        }
    }
    Ok(())
}
