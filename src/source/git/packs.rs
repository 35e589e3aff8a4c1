//! A repository's pack files, read object by object through a bounded cache of delta
//! bases, with the pages read given back as they go.
//!
//! A history scan reads every object once, in the order the commit walk meets them.
//! Packs store most objects as deltas against a neighbour; the cache keeps recently
//! decoded objects so the next version of a file is one small delta away. Memory stays
//! at the cache's cap whatever the repository's size: nothing is held per object but
//! the caller's bit sets.
//!
//! Objects are named by a dense number (their position in their pack's index, offset by
//! the packs before it) so callers keep per-object facts in bit sets instead of hash maps
//! keyed by 20-byte ids. Objects outside every pack (loose objects, alternates) have no
//! number here; callers look those up through the odb.

use anyhow::{Context, Result};
use gix::objs::Kind;
use gix::odb::pack::{self, cache::DecodeEntry, data::entry::Header};
use gix::ObjectId;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

/// The packs of one repository, numbered consecutively.
#[derive(Default)]
pub struct Packs {
    packs: Vec<NumberedPack>,
    total: u32,
}

struct NumberedPack {
    bundle: pack::Bundle,
    /// The index file's length, to give its pages back too.
    index_len: usize,
    /// The number of this pack's first object (in index order).
    first: u32,
    /// Compressed bytes read since the pack's pages were last given back.
    read: AtomicU64,
}

/// Why a packed object could not be read: it is corrupt (or its delta base is missing).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Corrupt;

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
            let index_len = std::fs::metadata(&path).map_or(0, |m| m.len() as usize);
            let count = bundle.index.num_objects();
            let Some(total) = packs.total.checked_add(count).filter(|t| *t < u32::MAX / 2) else { break };
            packs.packs.push(NumberedPack { bundle, index_len, first: packs.total, read: AtomicU64::new(0) });
            packs.total = total;
        }
        Ok(packs)
    }

    /// How many numbers are in use: every number is below this.
    pub fn total(&self) -> u32 {
        self.total
    }

    /// The packs' size on disk, in bytes.
    pub fn bytes(&self) -> u64 {
        self.packs.iter().map(|p| p.bundle.pack.data_len() as u64).sum()
    }

    /// The id of the object numbered `number`.
    pub fn id(&self, number: u32) -> ObjectId {
        let (pack, index) = self.locate(number);
        self.packs[pack].bundle.index.oid_at_index(index).to_owned()
    }

    /// The number of `id`, if a pack holds it (the first pack that does, when several do).
    pub fn number(&self, id: &gix::oid) -> Option<u32> {
        self.packs.iter().find_map(|p| {
            // A lookup's binary search makes a few pages of the index resident.
            account(p, 2 * PAGE as u64);
            lookup(&p.bundle.index, id).map(|index| p.first + index)
        })
    }

    /// Where the object numbered `number` lies, as one sortable number: pack by pack, then
    /// by offset. Reading objects in this order reads each pack front to back, which is
    /// how deltas follow their bases.
    pub fn position(&self, number: u32) -> u64 {
        let (pack, index) = self.locate(number);
        (pack as u64) << 48 | self.packs[pack].bundle.index.pack_offset_at_index(index)
    }

    /// Decodes the object numbered `number` into `out`, through the reader's cache.
    ///
    /// The delta chain is followed down to the first object the cache holds (or stored
    /// whole), then resolved upward, and every object on the way is cached: a history
    /// walk reads a file's versions one after another, whichever way the pack's deltas
    /// point, so each is then one delta away from a cached neighbour.
    pub fn read(&self, number: u32, out: &mut Vec<u8>, reader: &mut Reader) -> Result<Kind, Corrupt> {
        let (pack, index) = self.locate(number);
        let pack = &self.packs[pack];
        let data = &pack.bundle.pack;
        let mut entry = entry_at(pack, pack.bundle.index.pack_offset_at_index(index))?;
        let mut chain = Vec::new();
        let kind = loop {
            if let Some((kind, _)) = reader.cache.get(data.id, entry.data_offset, out) {
                break kind;
            }
            let base = match entry.header {
                Header::OfsDelta { base_distance } => entry.base_pack_offset(base_distance),
                Header::RefDelta { base_id } => {
                    let base = lookup(&pack.bundle.index, &base_id).ok_or(Corrupt)?;
                    pack.bundle.index.pack_offset_at_index(base)
                }
                header => {
                    let kind = header.as_kind().ok_or(Corrupt)?;
                    let consumed = inflate_entry(pack, &entry, out, &mut reader.inflate)?;
                    reader.keep(data.id, entry.data_offset, out, kind, consumed);
                    break kind;
                }
            };
            if chain.len() >= MAX_CHAIN {
                return Err(Corrupt);
            }
            chain.push(entry);
            entry = entry_at(pack, base)?;
        };
        let (mut instructions, mut target) = (Vec::new(), Vec::new());
        for delta in chain.iter().rev() {
            let consumed = inflate_entry(pack, delta, &mut instructions, &mut reader.inflate)?;
            apply_delta(out, &instructions, &mut target)?;
            std::mem::swap(out, &mut target);
            reader.keep(data.id, delta.data_offset, out, kind, consumed);
        }
        Ok(kind)
    }

    /// The size of the object numbered `number` when its entry header tells it, which it
    /// does for objects stored whole; `None` for deltas.
    pub fn stored_size(&self, number: u32) -> Option<u64> {
        let (pack, index) = self.locate(number);
        let bundle = &self.packs[pack].bundle;
        let entry = entry_at(&self.packs[pack], bundle.index.pack_offset_at_index(index)).ok()?;
        (!entry.header.is_delta()).then_some(entry.decompressed_size)
    }

    /// The size of the object numbered `number`, from its entry header (a delta's, from
    /// the start of its instructions) without decoding it.
    pub fn size(&self, number: u32, reader: &mut Reader) -> Result<u64, Corrupt> {
        let (pack, index) = self.locate(number);
        let pack = &self.packs[pack];
        let data = &pack.bundle.pack;
        let entry = entry_at(pack, pack.bundle.index.pack_offset_at_index(index))?;
        match entry.header {
            Header::OfsDelta { .. } | Header::RefDelta { .. } => {
                // A dynamic Huffman block's tables come before its first output byte, and
                // take up to a few hundred bytes.
                let end = (entry.data_offset + 4096).min(data.pack_end() as u64);
                let compressed = data.entry_slice(entry.data_offset..end).ok_or(Corrupt)?;
                delta_result_size(compressed, &mut reader.inflate).ok_or(Corrupt)
            }
            _ => Ok(entry.decompressed_size),
        }
    }

    /// Gives back the pages of every pack and index (see [`release_pages`]).
    pub fn release_pages(&self) {
        for pack in &self.packs {
            pack.read.store(0, Ordering::Relaxed);
            pack.release_pages();
        }
    }

    /// The pack holding the object numbered `number`, and the object's index in it.
    fn locate(&self, number: u32) -> (usize, u32) {
        let pack = self.packs.iter().rposition(|p| p.first <= number).expect("numbers come from these packs");
        (pack, number - self.packs[pack].first)
    }
}

/// The position of `id` in `index`, by interpolation search. Object ids are hashes,
/// spread evenly, so where an id's first eight bytes fall between those at the ends of
/// the range predicts where it lies; a guess that does not halve the range is followed
/// by a bisection step, which bounds the worst case. A lookup touches two or three pages
/// of the index instead of the dozen a bisection within a fan-out bucket does, which
/// matters when every new object of a large history is looked up.
fn lookup(index: &pack::index::File, id: &gix::oid) -> Option<u32> {
    let prefix = |id: &gix::oid| -> u64 {
        let mut head = [0u8; 8];
        let bytes = id.as_bytes();
        head[..bytes.len().min(8)].copy_from_slice(&bytes[..bytes.len().min(8)]);
        u64::from_be_bytes(head)
    };
    let target = prefix(id);
    let (mut low, mut high) = (0u32, index.num_objects());
    let mut interpolate = true;
    while low < high {
        let width = high - low;
        let guess = if interpolate && width > 8 {
            let (first, last) = (prefix(index.oid_at_index(low)), prefix(index.oid_at_index(high - 1)));
            if target < first || target > last {
                return None;
            }
            let span = u128::from(last - first).max(1);
            low + (u128::from(target - first) * u128::from(width - 1) / span) as u32
        } else {
            low + width / 2
        };
        match index.oid_at_index(guess).cmp(id) {
            std::cmp::Ordering::Equal => return Some(guess),
            std::cmp::Ordering::Less => low = guess + 1,
            std::cmp::Ordering::Greater => high = guess,
        }
        interpolate = !interpolate || high - low <= width / 2;
    }
    None
}

/// The header of the pack entry at `offset`.
fn entry_at(pack: &NumberedPack, offset: u64) -> Result<pack::data::Entry, Corrupt> {
    account(pack, PAGE as u64);
    pack.bundle.pack.entry(offset).map_err(|_| Corrupt)
}

/// Inflates one pack entry (an object or a delta's instructions) into `out`; returns the
/// compressed bytes it took, which are counted toward giving the pack's pages back.
fn inflate_entry(
    pack: &NumberedPack,
    entry: &pack::data::Entry,
    out: &mut Vec<u8>,
    inflate: &mut gix::zlib::Inflate,
) -> Result<usize, Corrupt> {
    let size = usize::try_from(entry.decompressed_size).map_err(|_| Corrupt)?;
    if size > MAX_OBJECT {
        return Err(Corrupt);
    }
    out.clear();
    out.resize(size, 0);
    let consumed = pack.bundle.pack.decompress_entry(entry, inflate, out).map_err(|_| Corrupt)?;
    // However few bytes an entry takes, reading it makes a whole page resident.
    account(pack, consumed.max(PAGE) as u64);
    Ok(consumed)
}

/// Applies git delta `instructions` to `base` into `target` (pack format: the base's and
/// the result's sizes as LEB128 numbers, then copy-from-base and insert instructions).
/// A delta that reads outside its base, or builds another size than it says, is corrupt.
fn apply_delta(base: &[u8], instructions: &[u8], target: &mut Vec<u8>) -> Result<(), Corrupt> {
    let mut input = instructions.iter().copied();
    let mut number = || {
        let (mut value, mut shift) = (0u64, 0);
        loop {
            let byte = input.next().ok_or(Corrupt)?;
            value |= u64::from(byte & 0x7f).checked_shl(shift).ok_or(Corrupt)?;
            if byte < 0x80 {
                return Ok(value);
            }
            shift += 7;
        }
    };
    let base_size = number()?;
    let result_size = number()?;
    if base_size != base.len() as u64 || result_size > MAX_OBJECT as u64 {
        return Err(Corrupt);
    }
    let consumed = instructions.len() - input.len();
    target.clear();
    target.reserve(result_size as usize);
    let mut rest = &instructions[consumed..];
    while let Some((&op, tail)) = rest.split_first() {
        rest = tail;
        if op & 0x80 != 0 {
            let mut field = |bits: u8, first: u32| -> Result<usize, Corrupt> {
                let mut value = 0usize;
                for i in 0..bits {
                    if op & (1 << (first + u32::from(i))) != 0 {
                        let (&byte, tail) = rest.split_first().ok_or(Corrupt)?;
                        rest = tail;
                        value |= usize::from(byte) << (8 * i);
                    }
                }
                Ok(value)
            };
            let offset = field(4, 0)?;
            let size = match field(3, 4)? {
                0 => 0x10000,
                size => size,
            };
            let copied = offset.checked_add(size).and_then(|end| base.get(offset..end)).ok_or(Corrupt)?;
            target.extend_from_slice(copied);
        } else if op != 0 {
            let (inserted, tail) = rest.split_at_checked(usize::from(op)).ok_or(Corrupt)?;
            target.extend_from_slice(inserted);
            rest = tail;
        } else {
            return Err(Corrupt);
        }
        if target.len() as u64 > result_size {
            return Err(Corrupt);
        }
    }
    if target.len() as u64 == result_size {
        Ok(())
    } else {
        Err(Corrupt)
    }
}

/// The longest delta chain followed: git writes at most 4095 (`pack.depth`'s cap); a
/// longer one is a cycle in a corrupt pack.
const MAX_CHAIN: usize = 10_000;

/// Counts the bytes of `pack` and its index a read touches (at least a page per entry
/// or lookup), giving their pages back every [`RELEASE_EVERY`] bytes so a pass over a
/// large pack does not leave it all resident. The kernel maps up to 16 cached pages
/// around each page fault, so what is resident runs ahead of the count; the interval is
/// a trade between that and faulting pages back in (system time).
fn account(pack: &NumberedPack, bytes: u64) {
    let before = pack.read.fetch_add(bytes, Ordering::Relaxed);
    if before < RELEASE_EVERY && before + bytes >= RELEASE_EVERY {
        pack.read.store(0, Ordering::Relaxed);
        pack.release_pages();
    }
}

/// How many bytes of a pack and its index are touched between two releases of their pages.
const RELEASE_EVERY: u64 = 64 << 20;

impl NumberedPack {
    /// Gives back the pages of the pack and of its index: looking up ids touches every
    /// page of an index in the end, which would keep 24 bytes per object resident.
    fn release_pages(&self) {
        release_pages(&self.bundle.pack);
        release_index_pages(&self.bundle.index, self.index_len);
    }
}

/// The largest object (or delta) read from a pack, in bytes: a larger one is refused
/// instead of allocated. Callers learn its size from [`Packs::size`].
pub const MAX_OBJECT: usize = 64 << 20;

/// The smallest amount of a pack one read makes resident: a page.
const PAGE: usize = 4096;

/// What one thread reads packs with: a zlib state and a handle on a delta-base cache.
pub struct Reader {
    inflate: gix::zlib::Inflate,
    cache: Box<dyn DecodeEntry + Send>,
    /// Objects larger than this are not cached: a quarter of the cache's cap, so one
    /// large blob neither evicts the working set nor is copied in only to be refused.
    largest_cached: usize,
}

impl Reader {
    /// A reader with its own cache of at most `bytes` bytes.
    pub fn new(bytes: usize) -> Self {
        let cache = Box::new(pack::cache::lru::MemoryCappedHashmap::new(bytes));
        Reader { inflate: Default::default(), cache, largest_cached: bytes / 4 }
    }

    /// A reader sharing `cache` with other threads.
    pub fn shared(cache: &SharedCache) -> Self {
        Reader { inflate: Default::default(), cache: Box::new(cache.clone()), largest_cached: cache.bytes / 4 }
    }

    /// Caches a decoded object, unless it is too large to be worth it.
    fn keep(&mut self, pack_id: u32, offset: u64, data: &[u8], kind: Kind, compressed_size: usize) {
        if data.len() <= self.largest_cached {
            self.cache.put(pack_id, offset, data, kind, compressed_size);
        }
    }
}

/// A delta-base cache several threads read through: one thread's decoded object is the
/// base another thread's next delta needs.
#[derive(Clone)]
pub struct SharedCache {
    cache: Arc<Mutex<pack::cache::lru::MemoryCappedHashmap>>,
    bytes: usize,
}

impl SharedCache {
    /// A cache holding at most `bytes` bytes of decoded objects.
    pub fn new(bytes: usize) -> Self {
        SharedCache { cache: Arc::new(Mutex::new(pack::cache::lru::MemoryCappedHashmap::new(bytes))), bytes }
    }
}

impl DecodeEntry for SharedCache {
    fn put(&mut self, pack_id: u32, offset: u64, data: &[u8], kind: Kind, compressed_size: usize) {
        self.cache.lock().unwrap_or_else(|e| e.into_inner()).put(pack_id, offset, data, kind, compressed_size);
    }

    fn get(&mut self, pack_id: u32, offset: u64, out: &mut Vec<u8>) -> Option<(Kind, usize)> {
        self.cache.lock().unwrap_or_else(|e| e.into_inner()).get(pack_id, offset, out)
    }
}

/// The size of the object a delta produces: the second of the two LEB128 numbers its
/// instructions start with (base size, result size), from the first bytes inflated.
fn delta_result_size(compressed: &[u8], inflate: &mut gix::zlib::Inflate) -> Option<u64> {
    let mut head = [0u8; 20];
    inflate.reset();
    let (_, _, written) = inflate.once(compressed, &mut head).ok()?;
    let mut numbers = head[..written].iter();
    let mut next = || {
        let (mut value, mut shift) = (0u64, 0);
        for &byte in numbers.by_ref() {
            value |= u64::from(byte & 0x7f) << shift;
            if byte < 0x80 {
                return Some(value);
            }
            shift += 7;
            if shift > 63 {
                return None;
            }
        }
        None
    };
    next()?;
    next()
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

/// Takes the pages of `pack`'s memory map out of this process's resident set. A pass
/// over a pack touches every page of it, and without this a 400 MB pack stays resident
/// until the scan ends, though each object's bytes are read once or twice. The pages
/// stay in the page cache, so a later read faults them back in from there.
fn release_pages(pack: &pack::data::File) {
    let Some(mapped) = pack.entry_slice(0..pack.pack_end() as u64) else { return };
    // SAFETY: the slice starts at the map's first byte and lies inside the map, which is
    // gix's read-only map of the pack file.
    unsafe { dont_need(mapped.as_ptr(), mapped.len()) }
}

/// Takes the pages of a version-2 pack index's memory map out of the resident set, as
/// [`release_pages`] does for packs. gix does not hand out the map itself; its start is
/// where the format puts the id table's first entry (after the 8-byte header and the
/// 1 KiB fan-out table), which a page-aligned address confirms. Otherwise nothing is done.
fn release_index_pages(index: &pack::index::File, len: usize) {
    const ID_TABLE: usize = 8 + 256 * 4;
    if index.version() != pack::index::Version::V2 || index.num_objects() == 0 || len <= ID_TABLE {
        return;
    }
    let Some(start) = (index.oid_at_index(0).as_bytes().as_ptr() as usize).checked_sub(ID_TABLE) else { return };
    if start % 4096 != 0 {
        return;
    }
    // SAFETY: for a version-2 index the id table starts `ID_TABLE` bytes into the file, so
    // `start` is the first byte of gix's read-only map of it, which spans the file's
    // `len` bytes.
    unsafe { dont_need(start as *const u8, len) }
}

/// Tells the kernel the `len` bytes at `start` are not needed for now.
///
/// # Safety
/// `start` must be the page-aligned start of a read-only file mapping (never written
/// through) of at least `len` bytes. MADV_DONTNEED then leaves its contents as they
/// are: later reads fault in the same file bytes, and references into it stay valid.
#[cfg(unix)]
unsafe fn dont_need(start: *const u8, len: usize) {
    // SAFETY: the caller's contract above.
    unsafe {
        libc::madvise(start as *mut libc::c_void, len, libc::MADV_DONTNEED);
    }
}

#[cfg(not(unix))]
unsafe fn dont_need(_: *const u8, _: usize) {}

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
    fn every_object_reads_back_with_its_content_kind_and_size() {
        let (dir, blobs) = packed_repo();
        let repo = gix::open(dir.path()).unwrap();
        let packs = Packs::open(&repo).unwrap();
        assert!(packs.total() > blobs.len() as u32, "commits and trees are numbered too");
        let mut reader = Reader::new(1 << 20);
        let mut out = Vec::new();
        for (size, id) in &blobs {
            let id = ObjectId::from_hex(id.as_bytes()).unwrap();
            let number = packs.number(&id).expect("packed");
            assert_eq!(packs.id(number), id);
            assert_eq!(packs.read(number, &mut out, &mut reader), Ok(Kind::Blob));
            assert_eq!(repo.find_blob(id).unwrap().data, out, "blob {id}");
            assert_eq!(packs.size(number, &mut reader), Ok(*size), "size of {id}");
        }
    }

    #[test]
    fn deltas_read_through_a_shared_cache_and_sort_by_position() {
        let (dir, blobs) = packed_repo();
        let pack_dir = dir.path().join(".git/objects/pack");
        let index = index_files(&pack_dir).unwrap().pop().expect("a pack index");
        let verify = git(dir.path(), &["verify-pack", "-v", index.to_str().unwrap()]);
        assert!(verify.contains("chain length = 1"), "the pack holds deltas");
        let repo = gix::open(dir.path()).unwrap();
        let packs = Packs::open(&repo).unwrap();
        let cache = SharedCache::new(1 << 20);
        let (mut first, mut second) = (Reader::shared(&cache), Reader::shared(&cache));
        let mut numbers: Vec<u32> =
            blobs.iter().map(|(_, id)| packs.number(&ObjectId::from_hex(id.as_bytes()).unwrap()).unwrap()).collect();
        numbers.sort_by_key(|n| packs.position(*n));
        let (mut a, mut b) = (Vec::new(), Vec::new());
        for pair in numbers.windows(2) {
            packs.read(pair[0], &mut a, &mut first).unwrap();
            packs.read(pair[1], &mut b, &mut second).unwrap();
            assert!(packs.position(pair[0]) < packs.position(pair[1]));
            assert_eq!(repo.find_blob(packs.id(pair[1])).unwrap().data, b);
        }
    }

    #[test]
    fn lookup_finds_every_packed_id_where_the_index_has_it_and_no_other() {
        let dir = tempfile::tempdir().unwrap();
        git(dir.path(), &["init", "-q"]);
        for i in 0..300 {
            std::fs::write(dir.path().join(format!("f{i}.txt")), format!("file {i}\n")).unwrap();
        }
        git(dir.path(), &["add", "-A"]);
        git(dir.path(), &["commit", "-qm", "many"]);
        git(dir.path(), &["repack", "-adq"]);
        let repo = gix::open(dir.path()).unwrap();
        let packs = Packs::open(&repo).unwrap();
        let index = &packs.packs[0].bundle.index;
        assert!(index.num_objects() > 300);
        for i in 0..index.num_objects() {
            let id = index.oid_at_index(i).to_owned();
            assert_eq!(lookup(index, &id), Some(i), "{id}");
            let mut absent = id.as_bytes().to_vec();
            *absent.last_mut().unwrap() ^= 1;
            let absent = ObjectId::from_bytes_or_panic(&absent);
            assert_eq!(lookup(index, &absent), index.lookup(absent), "{absent}");
        }
        assert_eq!(lookup(index, &ObjectId::from_bytes_or_panic(&[0; 20])), None);
        assert_eq!(lookup(index, &ObjectId::from_bytes_or_panic(&[0xff; 20])), None);
    }

    #[test]
    fn a_delta_copies_from_its_base_and_inserts_literals() {
        let base = b"0123456789abcdef";
        // Sizes (16, 9); copy 4 bytes from offset 10 ("abcd"); insert "XY"; copy 3 from 0.
        let delta = [16, 9, 0x80 | 0x01 | 0x10, 10, 4, 2, b'X', b'Y', 0x80 | 0x10, 3];
        let mut target = Vec::new();
        assert_eq!(apply_delta(base, &delta, &mut target), Ok(()));
        assert_eq!(target, b"abcdXY012");
    }

    #[test]
    fn a_delta_that_reads_outside_its_base_or_lies_about_sizes_is_corrupt() {
        let base = b"0123456789abcdef";
        let mut target = Vec::new();
        let outside = [16, 4, 0x80 | 0x01 | 0x10, 14, 4];
        assert_eq!(apply_delta(base, &outside, &mut target), Err(Corrupt));
        let wrong_base = [15, 2, 2, b'X', b'Y'];
        assert_eq!(apply_delta(base, &wrong_base, &mut target), Err(Corrupt));
        let short = [16, 3, 2, b'X', b'Y'];
        assert_eq!(apply_delta(base, &short, &mut target), Err(Corrupt));
        let reserved = [16, 1, 0];
        assert_eq!(apply_delta(base, &reserved, &mut target), Err(Corrupt));
        let truncated = [16, 2, 5, b'X'];
        assert_eq!(apply_delta(base, &truncated, &mut target), Err(Corrupt));
    }

    #[test]
    fn released_pages_read_back_the_same_bytes() {
        let (dir, _) = packed_repo();
        let repo = gix::open(dir.path()).unwrap();
        let packs = Packs::open(&repo).unwrap();
        let pack = &packs.packs[0].bundle.pack;
        let whole = 0..pack.pack_end() as u64;
        let before = pack.entry_slice(whole.clone()).unwrap().to_vec();
        packs.release_pages();
        assert_eq!(pack.entry_slice(whole).unwrap(), before.as_slice());
    }

    #[test]
    fn a_corrupt_pack_entry_is_an_error_not_a_panic() {
        let (dir, blobs) = packed_repo();
        let pack_dir = dir.path().join(".git/objects/pack");
        let pack_file = index_files(&pack_dir).unwrap().pop().unwrap().with_extension("pack");
        let mut permissions = std::fs::metadata(&pack_file).unwrap().permissions();
        #[allow(clippy::permissions_set_readonly_false)]
        permissions.set_readonly(false);
        std::fs::set_permissions(&pack_file, permissions).unwrap();
        let mut bytes = std::fs::read(&pack_file).unwrap();
        let end = bytes.len() - 20;
        for byte in &mut bytes[12..end] {
            *byte = !*byte;
        }
        std::fs::write(&pack_file, bytes).unwrap();
        let repo = gix::open(dir.path()).unwrap();
        let packs = Packs::open(&repo).unwrap();
        let mut reader = Reader::new(1 << 20);
        let id = ObjectId::from_hex(blobs[0].1.as_bytes()).unwrap();
        let number = packs.number(&id).unwrap();
        assert_eq!(packs.read(number, &mut Vec::new(), &mut reader), Err(Corrupt));
    }
}
