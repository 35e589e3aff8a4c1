//! Objects a history scan cannot read, counted by why, so a partial clone, a repository
//! with a lost pack or a broken loose object is scanned as far as it can be instead of
//! aborting with nothing reported.

use crate::model::result::MissingObjects;
use gix::objs::Kind;
use std::sync::atomic::{AtomicU64, Ordering};

/// Why an object could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unreadable {
    /// No object database holds it.
    Absent,
    /// It is there but does not inflate or decode, or is not of the kind its referrer says.
    Corrupt,
}

/// The unreadable objects met so far, shared by the scan's threads.
pub struct MissingTally {
    /// The repository is a partial clone: absent objects were left on its promisor remote.
    partial_clone: bool,
    blob: AtomicU64,
    tree: AtomicU64,
    commit: AtomicU64,
    corrupt: AtomicU64,
    promisor: AtomicU64,
}

impl MissingTally {
    pub fn new(repo: &gix::Repository) -> Self {
        MissingTally {
            partial_clone: is_partial_clone(repo),
            blob: AtomicU64::new(0),
            tree: AtomicU64::new(0),
            commit: AtomicU64::new(0),
            corrupt: AtomicU64::new(0),
            promisor: AtomicU64::new(0),
        }
    }

    /// Counts one object of `kind` that could not be read.
    pub fn record(&self, kind: Kind, why: Unreadable) {
        let counter = match (why, kind) {
            (Unreadable::Corrupt, _) => &self.corrupt,
            (Unreadable::Absent, _) if self.partial_clone => &self.promisor,
            (Unreadable::Absent, Kind::Tree) => &self.tree,
            (Unreadable::Absent, Kind::Commit | Kind::Tag) => &self.commit,
            (Unreadable::Absent, Kind::Blob) => &self.blob,
        };
        counter.fetch_add(1, Ordering::Relaxed);
    }

    pub fn counts(&self) -> MissingObjects {
        let load = |counter: &AtomicU64| counter.load(Ordering::Relaxed);
        MissingObjects {
            blob: load(&self.blob),
            tree: load(&self.tree),
            commit: load(&self.commit),
            corrupt: load(&self.corrupt),
            promisor: load(&self.promisor),
        }
    }
}

/// Whether `repo` is a partial clone: a remote is marked `promisor` (what `git clone
/// --filter` writes), `extensions.partialClone` names one, or a pack came from one (a
/// `.promisor` file beside it). Git treats an object as promised when an object from a
/// promisor pack refers to it; in such a repository every absent object is counted as
/// promised, which is what it almost always is.
fn is_partial_clone(repo: &gix::Repository) -> bool {
    let config = repo.config_snapshot();
    if config.string("extensions.partialClone").is_some() {
        return true;
    }
    let promisor_remote = repo
        .remote_names()
        .iter()
        .any(|name| config.boolean(format!("remote.{name}.promisor").as_str()).unwrap_or(false));
    promisor_remote || has_promisor_pack(repo)
}

fn has_promisor_pack(repo: &gix::Repository) -> bool {
    let Ok(entries) = std::fs::read_dir(repo.common_dir().join("objects").join("pack")) else { return false };
    entries.filter_map(Result::ok).any(|entry| entry.path().extension().is_some_and(|ext| ext == "promisor"))
}

/// Reads object `id` of `kind`: its data, or why it cannot be read. A lookup that fails
/// with an error (not "not found") means the object is there and broken.
pub fn read<'r>(repo: &'r gix::Repository, id: gix::ObjectId, kind: Kind) -> Result<gix::Object<'r>, Unreadable> {
    match repo.try_find_object(id) {
        Ok(Some(object)) if object.kind == kind => Ok(object),
        Ok(Some(_)) | Err(_) => Err(Unreadable::Corrupt),
        Ok(None) => Err(Unreadable::Absent),
    }
}

/// The size of object `id` of `kind`, read from its header only.
pub fn size(repo: &gix::Repository, id: gix::ObjectId, kind: Kind) -> Result<u64, Unreadable> {
    match repo.try_find_header(id) {
        Ok(Some(header)) if header.kind() == kind => Ok(header.size()),
        Ok(Some(_)) | Err(_) => Err(Unreadable::Corrupt),
        Ok(None) => Err(Unreadable::Absent),
    }
}
