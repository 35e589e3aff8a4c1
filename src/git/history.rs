//! The history reader: every blob reachable from all refs (or only from commits after
//! `--since REV`), each scanned exactly once by blob id. A finding carries the newest
//! commit (by commit time) whose tree holds that blob, and the blob's path there.
//! Works on bare repositories.

use super::tree::{self, BlobEntry};
use crate::finding::{Finding, Source};
use crate::scan::{Origin, ScanResult, Scanner, Stats};
use crate::suppress::PathFilter;
use anyhow::{Context, Result};
use gix::bstr::BString;
use gix::revision::walk::Sorting;
use gix::traverse::commit::simple::CommitTimeOrder;
use gix::ObjectId;
use rayon::prelude::*;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

/// How to read history.
#[derive(Default)]
pub struct HistoryOptions<'a> {
    /// Only commits not reachable from this revision, and only blobs not in its tree.
    pub since: Option<&'a str>,
    /// Blobs larger than this are skipped (0 = no limit).
    pub max_file_size: u64,
    /// Paths to leave out.
    pub filter: Option<&'a PathFilter>,
}

/// A blob to scan and where it was first met (newest commit first).
struct BlobJob {
    id: ObjectId,
    path: BString,
    commit: String,
}

/// Findings in every blob of `repo`'s history (see the module docs). Unclassified: call
/// [`crate::scan::finish`] before reporting.
pub fn scan(scanner: &Scanner, repo: &Path, since: Option<&str>) -> Result<Vec<Finding>> {
    let options = HistoryOptions { since, ..Default::default() };
    Ok(scan_with(scanner, repo, &options)?.findings)
}

/// Like [`scan`], with options and the counts reports carry.
pub fn scan_with(scanner: &Scanner, repo_path: &Path, options: &HistoryOptions<'_>) -> Result<ScanResult> {
    let started = Instant::now();
    let sync = super::discover(repo_path)?.into_sync();
    let counters = Counters::default();
    // Walking commits and trees is serial; it feeds the blob scanners as it goes so both
    // cores inflate objects from the start. Jobs carry their walk order, which is
    // restored afterwards so reports do not depend on thread timing.
    let (sender, receiver) = std::sync::mpsc::sync_channel::<(usize, BlobJob)>(4096);
    let sync = &sync;
    let (walked, mut scanned) = std::thread::scope(|scope| {
        // `move`: the walker owns the sender, so the channel closes when the walk ends.
        let walker = scope.spawn(move || {
            let repo = sync.to_thread_local();
            let mut order = 0;
            collect_blobs(&repo, options, &mut |job| {
                // The receiver lives until every job is scanned, so a send cannot fail.
                let _ = sender.send((order, job));
                order += 1;
            })
        });
        let scanned: Vec<(usize, Result<Vec<Finding>>)> = receiver
            .into_iter()
            .par_bridge()
            .map_init(
                || sync.to_thread_local(),
                |repo, (order, job)| (order, scan_blob(scanner, repo, &job, options, &counters)),
            )
            .collect();
        (walker.join(), scanned)
    });
    walked.map_err(|_| anyhow::anyhow!("the git history walker panicked"))??;
    scanned.sort_unstable_by_key(|(order, _)| *order);
    let findings =
        scanned.into_iter().map(|(_, found)| found).collect::<Result<Vec<_>>>()?.into_iter().flatten().collect();
    Ok(ScanResult {
        findings,
        stats: Stats {
            files: counters.blobs.load(Ordering::Relaxed),
            bytes: counters.bytes.load(Ordering::Relaxed),
            skipped: counters.skipped.load(Ordering::Relaxed),
            elapsed_ms: started.elapsed().as_millis() as u64,
            ..Default::default()
        },
        ..Default::default()
    })
}

#[derive(Default)]
struct Counters {
    blobs: AtomicU64,
    bytes: AtomicU64,
    skipped: AtomicU64,
}

/// Walks commits newest first and hands each blob id to `emit` the first time it is seen.
fn collect_blobs(repo: &gix::Repository, options: &HistoryOptions<'_>, emit: &mut dyn FnMut(BlobJob)) -> Result<()> {
    // Object ids are already uniformly distributed: gix's id-hashing sets skip SipHash.
    let mut seen_trees = gix::hashtable::HashSet::default();
    let mut seen_blobs = gix::hashtable::HashSet::default();
    let mut hidden = Vec::new();
    if let Some(rev) = options.since {
        let commit = resolve_commit(repo, rev)?;
        let root = repo.find_commit(commit)?.tree_id()?.detach();
        tree::walk(repo, root, &mut |id| seen_trees.insert(id), &mut |blob| {
            seen_blobs.insert(blob.id);
        })?;
        hidden.push(commit);
    }
    let walk = repo
        .rev_walk(ref_tips(repo)?)
        .sorting(Sorting::ByCommitTime(CommitTimeOrder::NewestFirst))
        .with_hidden(hidden)
        .all()
        .context("cannot walk commits")?;
    for info in walk {
        let info = info.context("cannot read commit")?;
        let commit = repo.find_commit(info.id)?;
        let root = commit.tree_id().with_context(|| format!("commit {} has no tree", info.id))?.detach();
        let commit_hex = info.id.to_string();
        tree::walk(repo, root, &mut |id| seen_trees.insert(id), &mut |BlobEntry { path, id }| {
            if seen_blobs.insert(id) && !options.filter.is_some_and(|f| f.excludes(&path.to_string())) {
                emit(BlobJob { id, path, commit: commit_hex.clone() });
            }
        })?;
    }
    Ok(())
}

/// Every commit a ref (or a detached HEAD) points at, tags peeled.
fn ref_tips(repo: &gix::Repository) -> Result<Vec<ObjectId>> {
    let mut tips = Vec::new();
    let references = repo.references().context("cannot read refs")?;
    for reference in references.all().context("cannot read refs")? {
        let Ok(mut reference) = reference else { continue };
        let Ok(id) = reference.peel_to_id() else { continue };
        if is_commit(repo, id.detach()) {
            tips.push(id.detach());
        }
    }
    if let Ok(head) = repo.head_id() {
        tips.push(head.detach());
    }
    tips.sort_unstable();
    tips.dedup();
    Ok(tips)
}

fn is_commit(repo: &gix::Repository, id: ObjectId) -> bool {
    repo.find_header(id).is_ok_and(|h| h.kind() == gix::object::Kind::Commit)
}

/// Resolves a revision (`main`, `HEAD~3`, a hex id) to the commit it names.
pub fn resolve_commit(repo: &gix::Repository, rev: &str) -> Result<ObjectId> {
    let id = repo.rev_parse_single(rev).with_context(|| format!("cannot resolve revision `{rev}`"))?;
    let commit = id.object()?.peel_to_commit().with_context(|| format!("`{rev}` does not name a commit"))?;
    Ok(commit.id)
}

fn scan_blob(
    scanner: &Scanner,
    repo: &gix::Repository,
    job: &BlobJob,
    options: &HistoryOptions<'_>,
    counters: &Counters,
) -> Result<Vec<Finding>> {
    if options.max_file_size > 0 {
        let size = repo.find_header(job.id).with_context(|| format!("cannot read blob {}", job.id))?.size();
        if size > options.max_file_size {
            counters.skipped.fetch_add(1, Ordering::Relaxed);
            return Ok(Vec::new());
        }
    }
    let blob = repo.find_blob(job.id).with_context(|| format!("cannot read blob {}", job.id))?;
    if crate::walk::is_binary(&blob.data) {
        counters.skipped.fetch_add(1, Ordering::Relaxed);
        return Ok(Vec::new());
    }
    counters.blobs.fetch_add(1, Ordering::Relaxed);
    counters.bytes.fetch_add(blob.data.len() as u64, Ordering::Relaxed);
    let path = job.path.to_string();
    let origin = Origin { path: &path, source: Source::GitHistory, commit: Some(&job.commit) };
    Ok(scanner.findings_in(&blob.data, origin))
}
