//! The history reader: every blob reachable from all refs (or only from commits after
//! `--since REV`), each scanned exactly once by blob id. A finding carries the newest
//! commit (by commit time) whose tree holds that blob, and the blob's path there.
//! Works on bare repositories.

use super::packs::Packs;
use super::tree_store::{BitSet, Keys, TreeStore};
use crate::model::finding::{Finding, Source};
use crate::model::result::{Origin, ScanBuffer, ScanResult, Stats};
use crate::source::ignore::PathFilter;
use anyhow::{Context, Result};
use gix::bstr::BString;
use gix::objs::{CommitRefIter, Kind};
use gix::traverse::commit::simple::CommitTimeOrder;
use gix::traverse::commit::simple::Sorting;
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

/// Findings in every blob of `repo`'s history (see the module docs), skipping blobs over
/// [`crate::source::walk::MAX_BUFFERED`]. Unclassified: the caller classifies them before
/// reporting.
pub fn scan(scan_buffer: &ScanBuffer<'_>, repo: &Path, since: Option<&str>) -> Result<Vec<Finding>> {
    let options = HistoryOptions { since, max_file_size: crate::source::walk::MAX_BUFFERED, ..Default::default() };
    Ok(scan_with(scan_buffer, repo, &options)?.findings)
}

/// Like [`scan`], with options and the counts reports carry.
///
/// Three steps: the trees of every pack are decoded in parallel into a compact in-memory
/// form; commits are walked newest first over those trees to give each blob its commit
/// and path; then the packs' blobs are decoded in parallel and scanned. Each object is
/// inflated once. Objects outside the packs (loose objects, alternates) and every object
/// of a `--since` scan, which reads a small part of history, are looked up one by one.
pub fn scan_with(scan_buffer: &ScanBuffer<'_>, repo_path: &Path, options: &HistoryOptions<'_>) -> Result<ScanResult> {
    let started = Instant::now();
    let repo = super::discover(repo_path)?;
    let packs = if options.since.is_some() { Packs::default() } else { Packs::open(&repo)? };
    let keys = Keys::new(&packs);
    let trees = TreeStore::load(&packs, &keys, repo.object_hash())?;
    let commits = Commits::load(&repo, &packs)?;
    let plan = plan(&repo, &commits, &trees, &keys, options)?;
    let counters = Counters::default();
    let findings = scan_plan(scan_buffer, &repo.into_sync(), &packs, &plan, &keys, options, &counters)?;
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

/// A blob to scan and where it was first met (newest commit first).
struct Job {
    blob: u32,
    path: BString,
    commit: u32,
}

/// Every blob to scan, in walk order, and the commits the jobs name.
struct Plan {
    jobs: Vec<Job>,
    commits: Vec<ObjectId>,
}

/// Walks commits newest first and makes a job of each blob the first time it is seen.
fn plan(
    repo: &gix::Repository,
    commits: &Commits<'_>,
    trees: &TreeStore,
    keys: &Keys<'_>,
    options: &HistoryOptions<'_>,
) -> Result<Plan> {
    let mut seen_trees = BitSet::default();
    let mut seen_blobs = BitSet::default();
    let mut plan = Plan { jobs: Vec::new(), commits: Vec::new() };
    let mut hidden = Vec::new();
    if let Some(rev) = options.since {
        let commit = resolve_commit(repo, rev)?;
        let root = commits.tree(&commit)?;
        trees.walk(repo, keys, keys.key(&root), &mut seen_trees, &mut |blob, _| {
            seen_blobs.insert(blob);
        })?;
        hidden.push(commit);
    }
    let walk = gix::traverse::commit::Simple::filtered(ref_tips(repo)?, commits, not_cut_off(repo, commits)?)
        .sorting(Sorting::ByCommitTime(CommitTimeOrder::NewestFirst))
        .and_then(|walk| walk.hide(hidden))
        .map_err(|e| anyhow::anyhow!("cannot walk commits: {e}"))?
        .commit_graph(repo.commit_graph_if_enabled().ok().flatten());
    for info in walk {
        let info = info.map_err(|e| anyhow::anyhow!("cannot read commit: {e}"))?;
        let root = commits.tree(&info.id)?;
        let commit = plan.commits.len() as u32;
        plan.commits.push(info.id);
        trees.walk(repo, keys, keys.key(&root), &mut seen_trees, &mut |blob, path| {
            if seen_blobs.insert(blob) {
                let path = path();
                if !options.filter.is_some_and(|f| f.excludes(&path.to_string())) {
                    plan.jobs.push(Job { blob, path, commit });
                }
            }
        })?;
    }
    Ok(plan)
}

/// The commit walk's filter for shallow clones: the parents of a shallow commit are not
/// in the repository, so the walk stops there (as gix's own `rev_walk` does).
fn not_cut_off<'a>(repo: &gix::Repository, commits: &'a Commits<'_>) -> Result<impl FnMut(&gix::oid) -> bool + 'a> {
    let shallow = repo.shallow_commits().context("cannot read the shallow file")?;
    let mut cut_off: Vec<ObjectId> = Vec::new();
    Ok(move |id: &gix::oid| {
        if let Ok(i) = cut_off.binary_search_by(|c| c.as_ref().cmp(id)) {
            cut_off.remove(i);
            return false;
        }
        if shallow.as_ref().is_some_and(|s| s.binary_search_by(|c| c.as_ref().cmp(id)).is_ok()) {
            cut_off.extend(commits.parents(id));
            cut_off.sort_unstable();
        }
        true
    })
}

/// The headers (everything but the message) of every packed commit, decoded with the
/// trees, so the commit walk reads memory instead of inflating each commit. Commits
/// outside the packs are read from the repository.
struct Commits<'a> {
    repo: &'a gix::Repository,
    packs: &'a Packs,
    headers: Vec<(u32, Box<[u8]>)>,
}

impl<'a> Commits<'a> {
    fn load(repo: &'a gix::Repository, packs: &'a Packs) -> Result<Self> {
        let header = |_: u32, data: &[u8]| {
            let end = memchr::memmem::find(data, b"\n\n").map_or(data.len(), |blank| blank + 1);
            Some(Box::from(&data[..end]))
        };
        let mut headers = packs.decode_all(Kind::Commit, 0, &header)?;
        headers.sort_unstable_by_key(|(number, _)| *number);
        Ok(Commits { repo, packs, headers })
    }

    /// The parents of commit `id` (none when it cannot be read).
    fn parents(&self, id: &gix::oid) -> Vec<ObjectId> {
        let mut buffer = Vec::new();
        match gix::objs::Find::try_find(self, id, &mut buffer) {
            Ok(Some(data)) => CommitRefIter::from_bytes(data.data, self.repo.object_hash()).parent_ids().collect(),
            _ => Vec::new(),
        }
    }

    /// The root tree of commit `id`.
    fn tree(&self, id: &gix::oid) -> Result<ObjectId> {
        let mut buffer = Vec::new();
        let commit = gix::objs::Find::try_find(self, id, &mut buffer)
            .map_err(|e| anyhow::anyhow!("{e}"))?
            .filter(|data| data.kind == Kind::Commit)
            .with_context(|| format!("commit {id} is missing"))?;
        let tree = CommitRefIter::from_bytes(commit.data, self.repo.object_hash()).tree_id();
        tree.map_err(|e| anyhow::anyhow!("commit {id} has no tree: {e}"))
    }
}

impl gix::objs::Find for Commits<'_> {
    fn try_find<'b>(&self, id: &gix::oid, buffer: &'b mut Vec<u8>) -> gix::Result<Option<gix::objs::Data<'b>>> {
        let number = self.packs.number(id);
        let found = number.and_then(|n| self.headers.binary_search_by_key(&n, |(k, _)| *k).ok());
        let Some(found) = found else { return self.repo.objects.try_find(id, buffer) };
        buffer.clear();
        buffer.extend_from_slice(&self.headers[found].1);
        Ok(Some(gix::objs::Data::new(buffer, Kind::Commit, self.repo.object_hash())))
    }
}

/// Scans every job: packed blobs as their packs are decoded, the rest looked up in
/// parallel. Findings come back in walk order, so reports do not depend on timing.
fn scan_plan(
    scan_buffer: &ScanBuffer<'_>,
    repo: &gix::ThreadSafeRepository,
    packs: &Packs,
    plan: &Plan,
    keys: &Keys<'_>,
    options: &HistoryOptions<'_>,
    counters: &Counters,
) -> Result<Vec<Finding>> {
    let mut job_of_blob = vec![u32::MAX; packs.total() as usize];
    for (i, job) in plan.jobs.iter().enumerate() {
        if keys.is_packed(job.blob) {
            job_of_blob[job.blob as usize] = i as u32;
        }
    }
    let scan_packed = |number: u32, data: &[u8]| {
        let job = *job_of_blob.get(number as usize).filter(|j| **j != u32::MAX)?;
        let found = scan_data(scan_buffer, &plan.jobs[job as usize], &plan.commits, data, options, counters);
        Some((job, found))
    };
    let mut scanned: Vec<(u32, Vec<Finding>)> =
        packs.decode_all(Kind::Blob, options.max_file_size, &scan_packed)?.into_iter().map(|(_, s)| s).collect();
    let mut done = BitSet::default();
    for (job, _) in &scanned {
        done.insert(*job);
    }
    let rest: Vec<u32> = (0..plan.jobs.len() as u32).filter(|j| !done.contains(*j)).collect();
    let looked_up: Vec<(u32, Vec<Finding>)> = rest
        .into_par_iter()
        .map_init(
            || repo.to_thread_local(),
            |repo, job| {
                let found =
                    scan_blob(scan_buffer, repo, &plan.jobs[job as usize], keys, &plan.commits, options, counters);
                found.map(|found| (job, found))
            },
        )
        .collect::<Result<_>>()?;
    scanned.extend(looked_up);
    scanned.retain(|(_, found)| !found.is_empty());
    scanned.sort_unstable_by_key(|(job, _)| *job);
    Ok(scanned.into_iter().flat_map(|(_, found)| found).collect())
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

/// Scans a blob no pack traversal reached: its size is checked before it is read.
fn scan_blob(
    scan_buffer: &ScanBuffer<'_>,
    repo: &gix::Repository,
    job: &Job,
    keys: &Keys<'_>,
    commits: &[ObjectId],
    options: &HistoryOptions<'_>,
    counters: &Counters,
) -> Result<Vec<Finding>> {
    let id = keys.id(job.blob);
    if options.max_file_size > 0 {
        let size = repo.find_header(id).with_context(|| format!("cannot read blob {id}"))?.size();
        if size > options.max_file_size {
            counters.skipped.fetch_add(1, Ordering::Relaxed);
            return Ok(Vec::new());
        }
    }
    let blob = repo.find_blob(id).with_context(|| format!("cannot read blob {id}"))?;
    Ok(scan_data(scan_buffer, job, commits, &blob.data, options, counters))
}

fn scan_data(
    scan_buffer: &ScanBuffer<'_>,
    job: &Job,
    commits: &[ObjectId],
    data: &[u8],
    options: &HistoryOptions<'_>,
    counters: &Counters,
) -> Vec<Finding> {
    let too_big = options.max_file_size > 0 && data.len() as u64 > options.max_file_size;
    if too_big || crate::source::walk::is_binary(data) {
        counters.skipped.fetch_add(1, Ordering::Relaxed);
        return Vec::new();
    }
    counters.blobs.fetch_add(1, Ordering::Relaxed);
    counters.bytes.fetch_add(data.len() as u64, Ordering::Relaxed);
    let path = job.path.to_string();
    let commit = commits[job.commit as usize].to_string();
    let origin = Origin { path: &path, source: Source::GitHistory, commit: Some(&commit) };
    scan_buffer(data, origin)
}
