//! The history reader: every blob reachable from all refs (or only from commits after
//! `--since REV`), each scanned exactly once by blob id. A finding carries the newest
//! commit (by commit time) whose tree holds that blob, and the blob's path there.
//! Works on bare repositories.

use super::missing::{MissingTally, Unreadable};
use super::objects::{Keys, Objects, Walker};
use super::packs::{Packs, Reader, SharedCache};
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
use std::cell::RefCell;
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
    /// Told what the scan is doing (nothing is told when `None`).
    pub progress: Option<&'a dyn HistoryProgress>,
}

/// What a history scan tells as it goes, for a progress bar. Every method defaults to
/// doing nothing.
pub trait HistoryProgress: Sync {
    /// A step of the scan (`"walking commits"`).
    fn step(&self, _name: &'static str) {}
    /// The work ahead: the packs' `objects` (commits, trees and blobs; the scan reads each
    /// one reachable once), `bytes` bytes of packs on disk.
    fn planned(&self, _objects: u64, _bytes: u64) {}
    /// `objects` more objects are done (read, skipped or unreadable); `bytes` of blob
    /// content were read with them.
    fn objects(&self, _objects: u64, _bytes: u64) {}
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
/// One thread walks commits newest first and their trees depth-first, skipping every
/// tree and blob seen before, and hands the blobs it meets to the scanning threads in
/// chunks of [`CHUNK`]. Each chunk's blobs are read in pack order, through a delta-base
/// cache the threads share, and scanned. Objects are read from the packs directly (loose
/// objects and alternates through the odb), and the packs' pages are given back as they
/// are read, so memory stays at the caches' caps and a bit per object, whatever the size
/// of the history. Findings come in walk order, so reports do not depend on timing.
///
/// Objects that cannot be read (a partial clone's unfetched blobs, a lost or corrupt
/// object) are counted in `stats.missing_objects`, with a warning, and the scan goes on.
pub fn scan_with(scan_buffer: &ScanBuffer<'_>, repo_path: &Path, options: &HistoryOptions<'_>) -> Result<ScanResult> {
    let started = Instant::now();
    let progress = options.progress.unwrap_or(&());
    let repo = super::discover(repo_path)?;
    let missing = MissingTally::new(&repo);
    let packs = Packs::open(&repo)?;
    let keys = Keys::new(&packs);
    progress.planned(u64::from(packs.total()), packs.bytes());
    progress.step("walking commits");
    let counters = Counters::default();
    let shared = repo.clone().into_sync();
    let cache = SharedCache::new(BLOB_CACHE);
    let scan = Scan {
        scan_buffer,
        repo: &shared,
        packs: &packs,
        keys: &keys,
        cache: &cache,
        options,
        counters: &counters,
        missing: &missing,
        progress,
    };
    let mut objects =
        Objects { repo: odb_only(repo.clone()), packs: &packs, keys: &keys, reader: Reader::new(TREE_CACHE) };
    let (findings, walked) = std::thread::scope(|threads| {
        let (send, receive) = std::sync::mpsc::sync_channel::<Chunk>(1);
        let scanner = threads.spawn(|| receive.into_iter().flat_map(|chunk| scan.chunk(chunk)).collect::<Vec<_>>());
        let walked = walk(&mut objects, options, &missing, progress, &mut |chunk| {
            // The scanner ends only when this side hangs up, so a send cannot fail.
            let _ = send.send(chunk);
        });
        drop(send);
        (scanner.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)), walked)
    });
    walked?;
    packs.release_pages();
    let mut warnings = Vec::new();
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

/// Blobs handed to the scanning threads at a time: enough that reading them in pack
/// order follows delta chains, few enough that a chunk's paths take little memory.
const CHUNK: usize = 1 << 14;
/// The cap of the tree walk's delta-base cache, in bytes.
const TREE_CACHE: usize = 8 << 20;
/// The cap of the cache the blob-scanning threads share, in bytes.
const BLOB_CACHE: usize = 16 << 20;
/// The cap of the commit walk's delta-base cache, in bytes.
const COMMIT_CACHE: usize = 2 << 20;

/// A handle on `repo` for the objects outside the packs: without gix's own caches, which
/// would read the packs again beside this module's reader.
fn odb_only(mut repo: gix::Repository) -> gix::Repository {
    repo.objects.unset_pack_cache();
    repo.object_cache_size(None);
    repo
}

#[derive(Default)]
struct Counters {
    blobs: AtomicU64,
    bytes: AtomicU64,
    skipped: AtomicU64,
}

/// A blob to scan and where it was first met (newest commit first): its path and commit
/// are indexes into its chunk's tables.
struct Job {
    blob: u32,
    path: u32,
    commit: u32,
}

/// Blobs to scan, in walk order, and the paths and commits they name.
#[derive(Default)]
struct Chunk {
    jobs: Vec<Job>,
    paths: Vec<BString>,
    path_index: std::collections::HashMap<BString, u32>,
    commits: Vec<ObjectId>,
}

impl Chunk {
    fn push(&mut self, blob: u32, path: BString) {
        let path = match self.path_index.get(&path) {
            Some(&i) => i,
            None => {
                let i = self.paths.len() as u32;
                self.paths.push(path.clone());
                self.path_index.insert(path, i);
                i
            }
        };
        let commit = self.commits.len() as u32 - 1;
        self.jobs.push(Job { blob, path, commit });
    }
}

/// Walks commits newest first and hands each blob not seen before, in chunks, to `emit`.
fn walk(
    objects: &mut Objects<'_>,
    options: &HistoryOptions<'_>,
    missing: &MissingTally,
    progress: &dyn HistoryProgress,
    emit: &mut dyn FnMut(Chunk),
) -> Result<()> {
    let commits = CommitReader::new(objects);
    let mut walker = Walker::default();
    let mut hidden = Vec::new();
    if let Some(rev) = options.since {
        let commit = resolve_commit(&objects.repo, rev)?;
        match commits.tree(&commit) {
            Ok(root) => {
                let root = walker.key(&root, objects.keys);
                walker.walk(objects, root, missing, &mut |_, _| {});
            }
            Err(why) => missing.record(Kind::Commit, why),
        }
        hidden.push(commit);
    }
    let tips = ref_tips(&objects.repo, missing)?;
    let graph = objects.repo.commit_graph_if_enabled().ok().flatten();
    let walk = gix::traverse::commit::Simple::filtered(tips, &commits, not_cut_off(&objects.repo, &commits)?)
        .sorting(Sorting::ByCommitTime(CommitTimeOrder::NewestFirst))
        .and_then(|walk| walk.hide(hidden))
        .map_err(|e| anyhow::anyhow!("cannot walk commits: {e}"))?
        .commit_graph(graph);
    let mut chunk = Chunk::default();
    for info in walk {
        // The walk cannot name a parent it failed to read, and goes on with the others.
        let Ok(info) = info else {
            missing.record(Kind::Commit, Unreadable::Absent);
            continue;
        };
        let root = match commits.tree(&info.id) {
            Ok(root) => walker.key(&root, objects.keys),
            Err(why) => {
                missing.record(Kind::Commit, why);
                continue;
            }
        };
        chunk.commits.push(info.id);
        let trees = walker.walk(objects, root, missing, &mut |blob, path| {
            if !options.filter.is_some_and(|f| f.excludes(&path.to_string())) {
                chunk.push(blob, path);
            }
        });
        progress.objects(1 + trees, 0);
        if chunk.jobs.len() >= CHUNK {
            emit(std::mem::take(&mut chunk));
        }
    }
    if !chunk.jobs.is_empty() {
        emit(chunk);
    }
    Ok(())
}

/// The commit walk's filter for shallow clones: the parents of a shallow commit are not
/// in the repository, so the walk stops there (as gix's own `rev_walk` does).
fn not_cut_off<'a>(
    repo: &gix::Repository,
    commits: &'a CommitReader<'_>,
) -> Result<impl FnMut(&gix::oid) -> bool + 'a> {
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

/// Commits for the walk, read from the packs through a small cache of their own (the
/// odb for commits outside the packs).
struct CommitReader<'a> {
    repo: gix::Repository,
    packs: &'a Packs,
    reader: RefCell<Reader>,
}

impl<'a> CommitReader<'a> {
    fn new(objects: &Objects<'a>) -> Self {
        CommitReader {
            repo: objects.repo.clone(),
            packs: objects.packs,
            reader: RefCell::new(Reader::new(COMMIT_CACHE)),
        }
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

impl gix::objs::Find for CommitReader<'_> {
    fn try_find<'b>(&self, id: &gix::oid, buffer: &'b mut Vec<u8>) -> gix::Result<Option<gix::objs::Data<'b>>> {
        let Some(number) = self.packs.number(id) else { return self.repo.objects.try_find(id, buffer) };
        let mut reader = self.reader.borrow_mut();
        match self.packs.read(number, buffer, &mut reader) {
            Ok(kind) => Ok(Some(gix::objs::Data::new(buffer, kind, self.repo.object_hash()))),
            // A corrupt packed copy: the odb may hold a good one elsewhere.
            Err(_) => self.repo.objects.try_find(id, buffer),
        }
    }
}

/// What scanning a chunk needs, shared by the scanning threads.
struct Scan<'a> {
    scan_buffer: &'a ScanBuffer<'a>,
    repo: &'a gix::ThreadSafeRepository,
    packs: &'a Packs,
    keys: &'a Keys<'a>,
    cache: &'a SharedCache,
    options: &'a HistoryOptions<'a>,
    counters: &'a Counters,
    missing: &'a MissingTally,
    progress: &'a dyn HistoryProgress,
}

impl Scan<'_> {
    /// Scans a chunk's blobs in pack order, one contiguous run per thread; returns their
    /// findings in walk order.
    fn chunk(&self, chunk: Chunk) -> Vec<Finding> {
        let mut order: Vec<u32> = (0..chunk.jobs.len() as u32).collect();
        order.sort_unstable_by_key(|&i| self.keys.position(chunk.jobs[i as usize].blob));
        let run = order.len().div_ceil(rayon::current_num_threads().max(1)).max(1);
        let mut found: Vec<(u32, Vec<Finding>)> = order
            .par_chunks(run)
            .flat_map_iter(|run| {
                let mut objects = Objects {
                    repo: odb_only(self.repo.to_thread_local()),
                    packs: self.packs,
                    keys: self.keys,
                    reader: Reader::shared(self.cache),
                };
                let mut buffer = Vec::new();
                let scanned =
                    run.iter().map(|&i| (i, self.job(&mut objects, &chunk, &chunk.jobs[i as usize], &mut buffer)));
                scanned.filter(|(_, findings)| !findings.is_empty()).collect::<Vec<_>>()
            })
            .collect();
        self.packs.release_pages();
        found.sort_unstable_by_key(|(i, _)| *i);
        found.into_iter().flat_map(|(_, findings)| findings).collect()
    }

    /// Reads and scans one blob. A blob stored whole is skipped by its size before it is
    /// decoded; a delta is decoded, as learning its size costs nearly as much, and one
    /// over the packs' object limit is refused by the reader and then sized.
    fn job(&self, objects: &mut Objects<'_>, chunk: &Chunk, job: &Job, buffer: &mut Vec<u8>) -> Vec<Finding> {
        let max_size = self.options.max_file_size;
        let too_big = |size: u64| max_size > 0 && size > max_size;
        let read = objects.stored_size(job.blob, Kind::Blob).and_then(|size| {
            if size.is_some_and(too_big) {
                return Ok(false);
            }
            match objects.read(job.blob, Kind::Blob, buffer) {
                Err(Unreadable::Corrupt) if objects.size(job.blob, Kind::Blob).is_ok_and(too_big) => Ok(false),
                read => read.map(|()| true),
            }
        });
        match read {
            Ok(true) => self.data(chunk, job, buffer),
            Ok(false) => {
                self.counters.skipped.fetch_add(1, Ordering::Relaxed);
                self.progress.objects(1, 0);
                Vec::new()
            }
            Err(why) => {
                self.missing.record(Kind::Blob, why);
                self.progress.objects(1, 0);
                Vec::new()
            }
        }
    }

    fn data(&self, chunk: &Chunk, job: &Job, data: &[u8]) -> Vec<Finding> {
        let too_big = self.options.max_file_size > 0 && data.len() as u64 > self.options.max_file_size;
        self.progress.objects(1, if too_big { 0 } else { data.len() as u64 });
        if too_big || crate::source::walk::is_binary(data) {
            self.counters.skipped.fetch_add(1, Ordering::Relaxed);
            return Vec::new();
        }
        self.counters.blobs.fetch_add(1, Ordering::Relaxed);
        self.counters.bytes.fetch_add(data.len() as u64, Ordering::Relaxed);
        let path = chunk.paths[job.path as usize].to_string();
        let commit = chunk.commits[job.commit as usize].to_string();
        let origin = Origin { path: &path, source: Source::GitHistory, commit: Some(&commit) };
        (self.scan_buffer)(data, origin)
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
