//! The history reader: every blob reachable from all refs (or only from commits after
//! `--since REV`), each scanned exactly once by blob id. A finding carries the newest
//! commit (by commit time) whose tree holds that blob, and the blob's path there.
//! Works on bare repositories.

use super::missing::{self, MissingTally, Unreadable};
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
use std::sync::Mutex;
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
    /// Told what the scan is doing (nothing is told when `None`).
    pub progress: Option<&'a dyn HistoryProgress>,
}

/// What a history scan tells as it goes, for a progress bar. Every method defaults to
/// doing nothing.
pub trait HistoryProgress: Sync {
    /// A step before the blobs are scanned (`"reading trees"`).
    fn step(&self, _name: &'static str) {}
    /// The blobs are about to be scanned: `blobs` of them, about `bytes` bytes in all.
    fn planned(&self, _blobs: u64, _bytes: u64) {}
    /// One more blob is done (scanned, skipped or unreadable); `bytes` of it were read.
    fn blob(&self, _bytes: u64) {}
}

impl HistoryProgress for () {}

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
///
/// Objects that cannot be read (a partial clone's unfetched blobs, a lost or corrupt
/// object) are counted in `stats.missing_objects`, with a warning, and the scan goes on.
pub fn scan_with(scan_buffer: &ScanBuffer<'_>, repo_path: &Path, options: &HistoryOptions<'_>) -> Result<ScanResult> {
    let started = Instant::now();
    let progress = options.progress.unwrap_or(&());
    let repo = super::discover(repo_path)?;
    let missing = MissingTally::new(&repo);
    let mut warnings = Vec::new();
    let packs = if options.since.is_some() { Packs::default() } else { Packs::open(&repo)? };
    let keys = Keys::new(&packs);
    progress.step("reading trees");
    let trees = TreeStore::load(&packs, &keys, repo.object_hash(), &mut warnings);
    progress.step("reading commits");
    let commits = Commits::load(&repo, &packs, &mut warnings);
    progress.step("walking commits");
    let plan = plan(&repo, &commits, &trees, &keys, options, &missing)?;
    // The trees and commit headers are the largest things a scan holds, and the blobs
    // need neither: freed here, they do not add to the memory the blob decoding takes.
    drop((trees, commits));
    let counters = Counters::default();
    let scan =
        Scan { scan_buffer, plan: &plan, keys: &keys, options, counters: &counters, missing: &missing, progress };
    let findings = scan_plan(&scan, &repo.into_sync(), &packs, &mut warnings);
    warnings.sort_unstable();
    warnings.dedup();
    let missing = missing.counts();
    if missing.total() > 0 {
        warnings.push(format!("git history: {}; what they hold was not scanned", missing.describe()));
    }
    Ok(ScanResult {
        findings,
        stats: Stats {
            files: counters.blobs.load(Ordering::Relaxed),
            bytes: counters.bytes.load(Ordering::Relaxed),
            skipped: counters.skipped.load(Ordering::Relaxed),
            elapsed_ms: started.elapsed().as_millis() as u64,
            missing_objects: Some(missing),
            ..Default::default()
        },
        warnings,
        ..Default::default()
    })
}

#[derive(Default)]
struct Counters {
    blobs: AtomicU64,
    bytes: AtomicU64,
    skipped: AtomicU64,
}

/// A blob to scan and where it was first met (newest commit first): its path and commit
/// are indexes into the plan's tables, so a job costs 12 bytes however long its path.
struct Job {
    blob: u32,
    path: u32,
    commit: u32,
}

/// Every blob to scan, in walk order, and the commits and paths the jobs name. Most
/// blobs are versions of a file met before, so each path is stored once.
#[derive(Default)]
struct Plan {
    jobs: Vec<Job>,
    commits: Vec<ObjectId>,
    paths: Vec<BString>,
    path_index: std::collections::HashMap<BString, u32>,
}

impl Plan {
    fn intern_path(&mut self, path: BString) -> u32 {
        if let Some(&i) = self.path_index.get(&path) {
            return i;
        }
        let i = self.paths.len() as u32;
        self.paths.push(path.clone());
        self.path_index.insert(path, i);
        i
    }
}

/// Walks commits newest first and makes a job of each blob the first time it is seen.
fn plan(
    repo: &gix::Repository,
    commits: &Commits<'_>,
    trees: &TreeStore,
    keys: &Keys<'_>,
    options: &HistoryOptions<'_>,
    missing: &MissingTally,
) -> Result<Plan> {
    let mut seen_trees = BitSet::default();
    let mut seen_blobs = BitSet::default();
    let mut plan = Plan::default();
    let mut hidden = Vec::new();
    if let Some(rev) = options.since {
        let commit = resolve_commit(repo, rev)?;
        match commits.tree(&commit) {
            Ok(root) => trees.walk(repo, keys, keys.key(&root), &mut seen_trees, missing, &mut |blob, _| {
                seen_blobs.insert(blob);
            }),
            Err(why) => missing.record(Kind::Commit, why),
        }
        hidden.push(commit);
    }
    let tips = ref_tips(repo, missing)?;
    let walk = gix::traverse::commit::Simple::filtered(tips, commits, not_cut_off(repo, commits)?)
        .sorting(Sorting::ByCommitTime(CommitTimeOrder::NewestFirst))
        .and_then(|walk| walk.hide(hidden))
        .map_err(|e| anyhow::anyhow!("cannot walk commits: {e}"))?
        .commit_graph(repo.commit_graph_if_enabled().ok().flatten());
    for info in walk {
        // The walk cannot name a parent it failed to read, and goes on with the others.
        let Ok(info) = info else {
            missing.record(Kind::Commit, Unreadable::Absent);
            continue;
        };
        let root = match commits.tree(&info.id) {
            Ok(root) => root,
            Err(why) => {
                missing.record(Kind::Commit, why);
                continue;
            }
        };
        let commit = plan.commits.len() as u32;
        plan.commits.push(info.id);
        trees.walk(repo, keys, keys.key(&root), &mut seen_trees, missing, &mut |blob, path| {
            if seen_blobs.insert(blob) {
                let path = path();
                if !options.filter.is_some_and(|f| f.excludes(&path.to_string())) {
                    let path = plan.intern_path(path);
                    plan.jobs.push(Job { blob, path, commit });
                }
            }
        });
    }
    plan.path_index = Default::default();
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
    /// Packs that cannot be decoded are named in `warnings`; their commits are read one
    /// by one as the walk meets them.
    fn load(repo: &'a gix::Repository, packs: &'a Packs, warnings: &mut Vec<String>) -> Self {
        let header = |_: u32, data: &[u8]| {
            let end = memchr::memmem::find(data, b"\n\n").map_or(data.len(), |blank| blank + 1);
            Some(Box::from(&data[..end]))
        };
        let decoded = packs.decode_all(Kind::Commit, 0, &header);
        warnings.extend(decoded.failed);
        let mut headers = decoded.kept;
        headers.sort_unstable_by_key(|(number, _)| *number);
        Commits { repo, packs, headers }
    }

    /// The parents of commit `id` (none when it cannot be read).
    fn parents(&self, id: &gix::oid) -> Vec<ObjectId> {
        let mut buffer = Vec::new();
        match gix::objs::Find::try_find(self, id, &mut buffer) {
            Ok(Some(data)) => CommitRefIter::from_bytes(data.data, self.repo.object_hash()).parent_ids().collect(),
            _ => Vec::new(),
        }
    }

    /// The root tree of commit `id`, or why it cannot be read.
    fn tree(&self, id: &gix::oid) -> Result<ObjectId, Unreadable> {
        let mut buffer = Vec::new();
        let commit = match gix::objs::Find::try_find(self, id, &mut buffer) {
            Ok(Some(data)) if data.kind == Kind::Commit => data,
            Ok(Some(_)) | Err(_) => return Err(Unreadable::Corrupt),
            Ok(None) => return Err(Unreadable::Absent),
        };
        let tree = CommitRefIter::from_bytes(commit.data, self.repo.object_hash()).tree_id();
        tree.map_err(|_| Unreadable::Corrupt)
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

/// What scanning the planned blobs needs, shared by the scanning threads.
struct Scan<'a> {
    scan_buffer: &'a ScanBuffer<'a>,
    plan: &'a Plan,
    keys: &'a Keys<'a>,
    options: &'a HistoryOptions<'a>,
    counters: &'a Counters,
    missing: &'a MissingTally,
    progress: &'a dyn HistoryProgress,
}

/// Scans every job: packed blobs as their packs are decoded, the rest (and those of packs
/// that could not be decoded) looked up in parallel. Findings come back in walk order,
/// so reports do not depend on timing.
fn scan_plan(
    scan: &Scan<'_>,
    repo: &gix::ThreadSafeRepository,
    packs: &Packs,
    warnings: &mut Vec<String>,
) -> Vec<Finding> {
    let jobs = &scan.plan.jobs;
    let mut job_of_blob = vec![u32::MAX; packs.total() as usize];
    for (i, job) in jobs.iter().enumerate() {
        if scan.keys.is_packed(job.blob) {
            job_of_blob[job.blob as usize] = i as u32;
        }
    }
    let max_size = scan.options.max_file_size;
    let is_job = |number: u32| job_of_blob[number as usize] != u32::MAX;
    scan.progress.planned(jobs.len() as u64, packs.size_hint(Kind::Blob, max_size, is_job));
    // Findings are rare: they are kept here as they come, with their job's number, and
    // each job is marked done, so a pack that fails halfway loses nothing and scans
    // nothing twice.
    let found: Mutex<Vec<(u32, Vec<Finding>)>> = Mutex::default();
    let done = DoneSet::new(jobs.len());
    let finish = |job: u32, findings: Vec<Finding>| {
        done.insert(job);
        if !findings.is_empty() {
            found.lock().unwrap_or_else(|e| e.into_inner()).push((job, findings));
        }
    };
    let scan_packed = |number: u32, data: &[u8]| {
        let job = *job_of_blob.get(number as usize).filter(|j| **j != u32::MAX)?;
        finish(job, scan.data(&jobs[job as usize], data));
        None::<()>
    };
    warnings.extend(packs.decode_all(Kind::Blob, max_size, &scan_packed).failed);
    let rest: Vec<u32> = (0..jobs.len() as u32).filter(|j| !done.contains(*j)).collect();
    rest.into_par_iter()
        .for_each_init(|| repo.to_thread_local(), |repo, job| finish(job, scan.lookup(repo, &jobs[job as usize])));
    let mut found = found.into_inner().unwrap_or_else(|e| e.into_inner());
    found.sort_unstable_by_key(|(job, _)| *job);
    found.into_iter().flat_map(|(_, findings)| findings).collect()
}

/// A set of job numbers that threads add to.
struct DoneSet(Vec<AtomicU64>);

impl DoneSet {
    fn new(len: usize) -> Self {
        DoneSet((0..len.div_ceil(64)).map(|_| AtomicU64::new(0)).collect())
    }

    fn insert(&self, job: u32) {
        self.0[(job / 64) as usize].fetch_or(1 << (job % 64), Ordering::Relaxed);
    }

    fn contains(&self, job: u32) -> bool {
        self.0[(job / 64) as usize].load(Ordering::Relaxed) & (1 << (job % 64)) != 0
    }
}

/// Every commit a ref (or a detached HEAD) points at, tags peeled. A ref to an absent
/// object is counted as a missing commit.
fn ref_tips(repo: &gix::Repository, missing: &MissingTally) -> Result<Vec<ObjectId>> {
    let mut tips = Vec::new();
    let references = repo.references().context("cannot read refs")?;
    for reference in references.all().context("cannot read refs")? {
        let Ok(mut reference) = reference else { continue };
        let Ok(id) = reference.peel_to_id() else { continue };
        match repo.try_find_header(id.detach()) {
            Ok(Some(header)) if header.kind() == Kind::Commit => tips.push(id.detach()),
            Ok(None) => missing.record(Kind::Commit, Unreadable::Absent),
            Ok(Some(_)) | Err(_) => {}
        }
    }
    if let Ok(head) = repo.head_id() {
        tips.push(head.detach());
    }
    tips.sort_unstable();
    tips.dedup();
    Ok(tips)
}

/// Resolves a revision (`main`, `HEAD~3`, a hex id) to the commit it names.
pub fn resolve_commit(repo: &gix::Repository, rev: &str) -> Result<ObjectId> {
    let id = repo.rev_parse_single(rev).with_context(|| format!("cannot resolve revision `{rev}`"))?;
    let commit = id.object()?.peel_to_commit().with_context(|| format!("`{rev}` does not name a commit"))?;
    Ok(commit.id)
}

impl Scan<'_> {
    /// Scans a blob no pack traversal reached: its size is checked before it is read.
    fn lookup(&self, repo: &gix::Repository, job: &Job) -> Vec<Finding> {
        let id = self.keys.id(job.blob);
        let max_size = self.options.max_file_size;
        let data = missing::size(repo, id, Kind::Blob).and_then(|size| {
            if max_size > 0 && size > max_size {
                return Ok(None);
            }
            missing::read(repo, id, Kind::Blob).map(Some)
        });
        match data {
            Ok(Some(blob)) => self.data(job, &blob.data),
            Ok(None) => {
                self.counters.skipped.fetch_add(1, Ordering::Relaxed);
                self.progress.blob(0);
                Vec::new()
            }
            Err(why) => {
                self.missing.record(Kind::Blob, why);
                self.progress.blob(0);
                Vec::new()
            }
        }
    }

    fn data(&self, job: &Job, data: &[u8]) -> Vec<Finding> {
        let options = self.options;
        let too_big = options.max_file_size > 0 && data.len() as u64 > options.max_file_size;
        self.progress.blob(if too_big { 0 } else { data.len() as u64 });
        if too_big || crate::source::walk::is_binary(data) {
            self.counters.skipped.fetch_add(1, Ordering::Relaxed);
            return Vec::new();
        }
        self.counters.blobs.fetch_add(1, Ordering::Relaxed);
        self.counters.bytes.fetch_add(data.len() as u64, Ordering::Relaxed);
        let path = self.plan.paths[job.path as usize].to_string();
        let commit = self.plan.commits[job.commit as usize].to_string();
        let origin = Origin { path: &path, source: Source::GitHistory, commit: Some(&commit) };
        (self.scan_buffer)(data, origin)
    }
}
