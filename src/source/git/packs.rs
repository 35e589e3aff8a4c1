//! Every object of a repository's pack files, decoded once each and in parallel.
//!
//! Looking objects up one by one re-inflates the delta chains behind them again and again
//! (gix caches only the object asked for, not the bases on the way), which made the
//! history walk spend most of its time in zlib. Here each pack's entries are arranged
//! into their delta trees and every base is inflated once, with its deltas applied while
//! it is at hand: the way `git index-pack` resolves a pack.
//!
//! Objects are named by a dense number (their position in their pack's index, offset by
//! the packs before it) so callers can keep per-object facts in flat vectors and bit
//! sets instead of hash maps keyed by 20-byte ids. Objects outside every pack (loose
//! objects, alternates) have no number here; callers look those up through the odb.

use anyhow::{Context, Result};
use gix::objs::Kind;
use gix::odb::pack::{self, cache::delta, data::entry::Header};
use gix::ObjectId;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::sync::OnceLock;

/// The packs of one repository, numbered consecutively.
#[derive(Default)]
pub struct Packs {
    packs: Vec<NumberedPack>,
    total: u32,
}

struct NumberedPack {
    bundle: pack::Bundle,
    /// The number of this pack's first object (in index order).
    first: u32,
    /// Every entry in offset order with the object at the end of its delta chain, read
    /// from the entry headers once for all the kinds a scan decodes.
    entries: OnceLock<Result<Vec<PackEntry>, String>>,
}

/// A pack entry and the kind and size of the object its delta chain ends in.
#[derive(Clone, Copy)]
struct PackEntry {
    offset: u64,
    number: u32,
    root_kind: Kind,
    root_size: u64,
}

impl Packs {
    /// Opens every `objects/pack/*.idx` (with its pack) of `repo`, in name order so numbers
    /// do not depend on directory order. A pack that cannot be opened is left to the odb.
    pub fn open(repo: &gix::Repository) -> Result<Packs> {
        let dir = repo.common_dir().join("objects").join("pack");
        let mut indexes = index_files(&dir)?;
        indexes.sort();
        let mut packs = Packs::default();
        for path in indexes {
            let Ok(bundle) = pack::Bundle::at(&path, repo.object_hash()) else { continue };
            let count = bundle.index.num_objects();
            let Some(total) = packs.total.checked_add(count).filter(|t| *t < u32::MAX / 2) else { break };
            packs.packs.push(NumberedPack { bundle, first: packs.total, entries: OnceLock::new() });
            packs.total = total;
        }
        Ok(packs)
    }

    /// How many numbers are in use: every number is below this.
    pub fn total(&self) -> u32 {
        self.total
    }

    /// The id of the object numbered `number`.
    pub fn id(&self, number: u32) -> ObjectId {
        let pack = self.packs.iter().rev().find(|p| p.first <= number).expect("numbers come from these packs");
        pack.bundle.index.oid_at_index(number - pack.first).to_owned()
    }

    /// The number of `id`, if a pack holds it (the first pack that does, when several do).
    pub fn number(&self, id: &gix::oid) -> Option<u32> {
        self.packs.iter().find_map(|p| p.bundle.index.lookup(id).map(|index| p.first + index))
    }

    /// Decodes every object of kind `kind` in every pack, in parallel, and keeps what
    /// `inspect(number, data)` returns for it. Objects of other kinds are not inflated:
    /// git only deltifies objects against objects of their own kind, so each delta tree
    /// has one kind throughout. Delta trees whose base is larger than `max_root_size`
    /// bytes (0 = no limit) are left out; their objects are for the caller to look up,
    /// as are those of a pack that cannot be decoded (a truncated or corrupt pack): it is
    /// named in [`Decoded::failed`] and the other packs are decoded all the same.
    pub fn decode_all<R, F>(&self, kind: Kind, max_root_size: u64, inspect: &F) -> Decoded<R>
    where
        R: Send,
        F: Fn(u32, &[u8]) -> Option<R> + Sync,
    {
        let mut decoded = Decoded { kept: Vec::new(), failed: Vec::new() };
        for numbered in &self.packs {
            if let Err(err) = decode_pack(numbered, kind, max_root_size, inspect, &mut decoded.kept) {
                let name = numbered.bundle.pack.path().file_name().unwrap_or_default().to_string_lossy();
                decoded.failed.push(format!("cannot decode pack {name} ({err:#}); its objects were read one by one"));
            }
        }
        decoded
    }

    /// The total size of the objects numbered `wanted`, from their pack entry headers,
    /// leaving out delta trees over `max_root_size` (0 = no limit) as `decode_all` does:
    /// a delta counts as large as the object at the root of its chain, which consecutive
    /// versions of a file nearly are. For progress only.
    pub fn size_hint(&self, kind: Kind, max_root_size: u64, wanted: impl Fn(u32) -> bool) -> u64 {
        let entries = self.packs.iter().filter_map(|numbered| cached_entries(numbered).ok()).flatten();
        let counted = |e: &&PackEntry| e.root_kind == kind && (max_root_size == 0 || e.root_size <= max_root_size);
        entries.filter(counted).filter(|e| wanted(e.number)).map(|e| e.root_size).sum()
    }
}

/// What [`Packs::decode_all`] kept, and the packs it could not decode.
pub struct Decoded<R> {
    pub kept: Vec<(u32, R)>,
    pub failed: Vec<String>,
}

fn index_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e).with_context(|| format!("cannot list {}", dir.display())),
    };
    Ok(entries
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "idx"))
        .collect())
}

/// One pack entry in the delta tree, with what `inspect` kept for it.
struct Node<R> {
    offset: u64,
    number: u32,
    kept: Option<R>,
}

fn decode_pack<R, F>(
    numbered: &NumberedPack,
    kind: Kind,
    max_root_size: u64,
    inspect: &F,
    kept: &mut Vec<(u32, R)>,
) -> Result<()>
where
    R: Send,
    F: Fn(u32, &[u8]) -> Option<R> + Sync,
{
    let (pack, index) = (&numbered.bundle.pack, &numbered.bundle.index);
    let entries = entries_of_kind(numbered, kind, max_root_size)?;
    if entries.is_empty() {
        return Ok(());
    }
    let interrupt = AtomicBool::new(false);
    let read = ReadPages::new(pack);
    let nodes = entries.into_iter().map(|(offset, number)| Node { offset, number, kept: None });
    let tree = delta::Tree::from_offsets_in_pack(
        pack.path(),
        nodes,
        &|node: &Node<R>| node.offset,
        &|id| Ok(index.lookup(id).map(|i| index.pack_offset_at_index(i))),
        &mut gix::progress::Discard,
        &interrupt,
        index.object_hash(),
    )
    .map_err(|e| anyhow::anyhow!("{e}"))?;
    let outcome = tree
        .traverse(
            |range, pack: &pack::data::File| pack.entry_slice(range),
            pack,
            pack.pack_end() as u64,
            |node: &mut Node<R>, _: &dyn gix::progress::Progress, context: delta::traverse::Context<'_>| {
                read.add(context.entry_end - context.entry.data_offset);
                if context.entry.header.as_kind() == Some(kind) {
                    node.kept = inspect(node.number, context.decompressed);
                }
                Ok(())
            },
            delta::traverse::Options {
                object_progress: Box::new(gix::progress::Discard),
                size_progress: &mut gix::progress::Discard,
                thread_limit: Some(rayon::current_num_threads()),
                should_interrupt: &interrupt,
                object_hash: index.object_hash(),
                alloc_limit_bytes: None,
            },
        )
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    release_pages(pack);
    let items = outcome.roots.into_iter().chain(outcome.children);
    kept.extend(items.filter_map(|item| item.data.kept.map(|k| (item.data.number, k))));
    Ok(())
}

/// The entries (pack offset, number) whose delta chain ends in an object of `kind` no
/// larger than `max_root_size` (0 = any size), sorted by offset.
fn entries_of_kind(numbered: &NumberedPack, kind: Kind, max_root_size: u64) -> Result<Vec<(u64, u32)>> {
    let entries = cached_entries(numbered)?;
    let wanted = |e: &PackEntry| e.root_kind == kind && (max_root_size == 0 || e.root_size <= max_root_size);
    // gix reads the first entry's header without seeking, so the pack's first entry must be
    // in any subset; when it is a delta (only thin packs do that), so must everything.
    let first_is_delta = entries
        .first()
        .is_some_and(|first| numbered.bundle.pack.entry(first.offset).is_ok_and(|e| e.header.is_delta()));
    Ok(entries
        .iter()
        .enumerate()
        .filter(|(i, entry)| first_is_delta || *i == 0 || wanted(entry))
        .map(|(_, entry)| (entry.offset, entry.number))
        .collect())
}

/// The pack's entries, read from their headers on first use.
fn cached_entries(numbered: &NumberedPack) -> Result<&[PackEntry]> {
    let entries = numbered.entries.get_or_init(|| chained_entries(numbered).map_err(|e| format!("{e:#}")));
    entries.as_deref().map_err(|e| anyhow::anyhow!("{e}"))
}

/// Every entry of the pack in offset order, with the object its delta chain ends in. A
/// delta has its base's kind, so one pass in offset order settles every offset delta
/// (their bases come earlier); ref deltas may point forward and are settled in further
/// passes.
fn chained_entries(numbered: &NumberedPack) -> Result<Vec<PackEntry>> {
    let (pack, index) = (&numbered.bundle.pack, &numbered.bundle.index);
    let mut by_offset: Vec<(u64, u32)> =
        (0..index.num_objects()).map(|i| (index.pack_offset_at_index(i), numbered.first + i)).collect();
    by_offset.sort_unstable();
    let position = |offset: u64| by_offset.binary_search_by_key(&offset, |(o, _)| *o).ok();
    let mut links: Vec<Link> = Vec::with_capacity(by_offset.len());
    for &(offset, _) in &by_offset {
        let entry = pack.entry(offset).map_err(|e| anyhow::anyhow!("{e}"))?;
        links.push(match entry.header {
            Header::OfsDelta { base_distance } => Link::Delta(offset.checked_sub(base_distance).and_then(position)),
            Header::RefDelta { base_id } => Link::Delta(ref_base(index, &base_id).and_then(position)),
            header => Link::Root(header.as_kind().context("a pack entry has no object kind")?, entry.decompressed_size),
        });
    }
    release_pages(pack);
    let roots = chain_roots(&links)?;
    let entry = |((offset, number), (root_kind, root_size))| PackEntry { offset, number, root_kind, root_size };
    Ok(by_offset.into_iter().zip(roots).map(entry).collect())
}

/// How a pack entry's delta chain goes on.
#[derive(Clone, Copy)]
enum Link {
    /// Not a delta: the object's kind and size.
    Root(Kind, u64),
    /// A delta against the entry at this position in offset order.
    Delta(Option<usize>),
}

/// The (kind, size) of the object at the end of each entry's delta chain.
fn chain_roots(links: &[Link]) -> Result<Vec<(Kind, u64)>> {
    let mut roots: Vec<Option<(Kind, u64)>> = vec![None; links.len()];
    let mut unsettled = links.len();
    while unsettled > 0 {
        let before = unsettled;
        for (i, link) in links.iter().enumerate() {
            if roots[i].is_some() {
                continue;
            }
            roots[i] = match *link {
                Link::Root(kind, size) => Some((kind, size)),
                Link::Delta(Some(base)) => roots[base],
                Link::Delta(None) => anyhow::bail!("a delta's base is missing from its pack"),
            };
            unsettled -= usize::from(roots[i].is_some());
        }
        anyhow::ensure!(unsettled < before, "the pack's deltas form a cycle");
    }
    Ok(roots.into_iter().flatten().collect())
}

/// Counts the pack bytes a traversal has inflated, and every [`ReadPages::EVERY`] bytes
/// gives the pages read back (see [`release_pages`]), so the pack's mapping does not stay
/// resident as the traversal reads it all.
struct ReadPages<'a> {
    pack: &'a pack::data::File,
    bytes: std::sync::atomic::AtomicU64,
}

impl<'a> ReadPages<'a> {
    const EVERY: u64 = 64 << 20;

    fn new(pack: &'a pack::data::File) -> Self {
        ReadPages { pack, bytes: Default::default() }
    }

    fn add(&self, bytes: u64) {
        let before = self.bytes.fetch_add(bytes, std::sync::atomic::Ordering::Relaxed);
        if before / Self::EVERY != (before + bytes) / Self::EVERY {
            release_pages(self.pack);
        }
    }
}

/// Takes the pages of `pack`'s memory map out of this process's resident set. A pass
/// over a pack touches every page of it, and without this a 400 MB pack stays resident
/// until the scan ends, though each object's bytes are inflated once and not read again.
/// The pages stay in the page cache, so the rare later read (a delta's base, another
/// thread's entry) faults them back in from there.
#[cfg(unix)]
fn release_pages(pack: &pack::data::File) {
    let Some(mapped) = pack.entry_slice(0..pack.pack_end() as u64) else { return };
    // SAFETY: the slice starts at the map's first byte (page-aligned) and lies inside the
    // map. The map is a read-only file mapping, never written through, so MADV_DONTNEED
    // does not change its contents: a later read faults in the same file bytes, and
    // references into it stay valid.
    unsafe {
        libc::madvise(mapped.as_ptr() as *mut libc::c_void, mapped.len(), libc::MADV_DONTNEED);
    }
}

#[cfg(not(unix))]
fn release_pages(_: &pack::data::File) {}

fn ref_base(index: &pack::index::File, id: &ObjectId) -> Option<u64> {
    index.lookup(id).map(|i| index.pack_offset_at_index(i))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::process::Command;

    fn git(dir: &Path, args: &[&str]) -> String {
        let out = Command::new("git")
            .current_dir(dir)
            .args(["-c", "user.name=T", "-c", "user.email=t@example.com", "-c", "init.defaultBranch=main"])
            .args(args)
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .output()
            .unwrap();
        assert!(out.status.success(), "git {args:?}");
        String::from_utf8(out.stdout).unwrap()
    }

    /// A packed repository in which versions of one file are deltas of each other,
    /// beside a big blob; returns it and its blobs' ids (from git) by size.
    fn packed_repo() -> (tempfile::TempDir, Vec<(u64, String)>) {
        let dir = tempfile::tempdir().unwrap();
        git(dir.path(), &["init", "-q"]);
        for version in 0..12 {
            let text: String =
                (0..300).map(|i| format!("{i} {}\n", if i == version { "changed" } else { "same" })).collect();
            std::fs::write(dir.path().join("file.txt"), text).unwrap();
            git(dir.path(), &["add", "-A"]);
            git(dir.path(), &["commit", "-qm", &format!("v{version}")]);
        }
        std::fs::write(dir.path().join("big.txt"), "b".repeat(100_000)).unwrap();
        git(dir.path(), &["add", "-A"]);
        git(dir.path(), &["commit", "-qm", "big"]);
        git(dir.path(), &["repack", "-adq"]);
        let listing = git(
            dir.path(),
            &["cat-file", "--batch-all-objects", "--batch-check=%(objecttype) %(objectsize) %(objectname)"],
        );
        let blobs = listing
            .lines()
            .filter_map(|line| line.strip_prefix("blob "))
            .map(|rest| {
                let (size, id) = rest.split_once(' ').unwrap();
                (size.parse().unwrap(), id.to_string())
            })
            .collect();
        (dir, blobs)
    }

    #[test]
    fn every_blob_is_decoded_once_with_its_content_and_number() {
        let (dir, blobs) = packed_repo();
        let repo = gix::open(dir.path()).unwrap();
        let packs = Packs::open(&repo).unwrap();
        let decoded =
            packs.decode_all(Kind::Blob, 0, &|number, data: &[u8]| Some((packs.id(number), data.to_vec()))).kept;
        assert_eq!(decoded.len(), blobs.len(), "each blob once");
        for (number, (id, data)) in &decoded {
            assert_eq!(packs.number(id), Some(*number));
            assert_eq!(repo.find_blob(*id).unwrap().data, *data, "blob {id}");
        }
        let mut ids: Vec<String> = decoded.iter().map(|(_, (id, _))| id.to_string()).collect();
        let mut expected: Vec<String> = blobs.iter().map(|(_, id)| id.clone()).collect();
        ids.sort();
        expected.sort();
        assert_eq!(ids, expected);
    }

    #[test]
    fn deltas_are_resolved_and_kinds_stay_apart() {
        let (dir, _) = packed_repo();
        let pack_dir = dir.path().join(".git/objects/pack");
        let index = index_files(&pack_dir).unwrap().pop().expect("a pack index");
        let verify = git(dir.path(), &["verify-pack", "-v", index.to_str().unwrap()]);
        assert!(verify.contains("chain length = 1"), "the pack holds deltas");
        let repo = gix::open(dir.path()).unwrap();
        let packs = Packs::open(&repo).unwrap();
        let trees = packs.decode_all(Kind::Tree, 0, &|number, _: &[u8]| Some(packs.id(number))).kept;
        assert_eq!(trees.len(), 13, "one root tree per commit");
        for (_, id) in trees {
            assert_eq!(repo.find_header(id).unwrap().kind(), Kind::Tree);
        }
    }

    #[test]
    fn released_pages_read_back_the_same_bytes() {
        let (dir, _) = packed_repo();
        let repo = gix::open(dir.path()).unwrap();
        let packs = Packs::open(&repo).unwrap();
        let pack = &packs.packs[0].bundle.pack;
        let whole = 0..pack.pack_end() as u64;
        let before = pack.entry_slice(whole.clone()).unwrap().to_vec();
        release_pages(pack);
        assert_eq!(pack.entry_slice(whole).unwrap(), before.as_slice());
    }

    #[test]
    fn delta_trees_over_the_size_limit_are_left_to_the_caller() {
        let (dir, blobs) = packed_repo();
        let repo = gix::open(dir.path()).unwrap();
        let packs = Packs::open(&repo).unwrap();
        let decoded = packs.decode_all(Kind::Blob, 50_000, &|_, data: &[u8]| Some(data.len())).kept;
        assert_eq!(decoded.len(), blobs.iter().filter(|(size, _)| *size <= 50_000).count());
        assert!(decoded.iter().all(|(_, len)| *len <= 50_000));
    }
}
