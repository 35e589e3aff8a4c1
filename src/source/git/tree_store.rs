//! The trees of a repository's history in compact, in-memory form, and the dense keys
//! that name objects in it. Git trees repeat almost every entry from one version to the
//! next; here each name is stored once and each object id is a `u32`, so the whole
//! history's trees fit in memory and walking them costs no zlib or hashing.

use super::missing::{self, MissingTally, Unreadable};
use super::packs::Packs;
use anyhow::Result;
use gix::bstr::{BStr, BString, ByteVec};
use gix::object::tree::EntryKind;
use gix::objs::{Kind, TreeRefIter};
use gix::ObjectId;
use std::cell::RefCell;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

/// Dense keys for objects: pack numbers first, then ids met outside the packs.
pub struct Keys<'a> {
    packs: &'a Packs,
    unpacked: Mutex<Unpacked>,
}

#[derive(Default)]
struct Unpacked {
    keys: gix::hashtable::HashMap<ObjectId, u32>,
    ids: Vec<ObjectId>,
}

impl<'a> Keys<'a> {
    /// Keys over `packs`; ids outside them get keys as they are met.
    pub fn new(packs: &'a Packs) -> Self {
        Keys { packs, unpacked: Mutex::default() }
    }

    /// The key of `id`, made on first sight for objects outside the packs.
    pub fn key(&self, id: &gix::oid) -> u32 {
        if let Some(number) = self.packs.number(id) {
            return number;
        }
        let mut unpacked = self.unpacked.lock().unwrap_or_else(|e| e.into_inner());
        let next = self.packs.total() + unpacked.ids.len() as u32;
        let key = *unpacked.keys.entry(id.to_owned()).or_insert(next);
        if key == next {
            unpacked.ids.push(id.to_owned());
        }
        key
    }

    /// The object id `key` stands for.
    pub fn id(&self, key: u32) -> ObjectId {
        match key.checked_sub(self.packs.total()) {
            None => self.packs.id(key),
            Some(i) => self.unpacked.lock().unwrap_or_else(|e| e.into_inner()).ids[i as usize],
        }
    }

    /// Whether `key` is a pack number.
    pub fn is_packed(&self, key: u32) -> bool {
        key < self.packs.total()
    }
}

/// One entry of a tree: an interned name and the key of a blob or subtree.
#[derive(Clone, Copy)]
struct TreeEntry {
    /// The name's index in [`Names`], with [`SUBTREE`] set for trees.
    name: u32,
    child: u32,
}

const SUBTREE: u32 = 1 << 31;

/// The names of one store, with an id of their own: the per-thread caches of
/// [`Recent`] hold name ids and object keys of one store only and are emptied when a
/// thread meets another (a process may read several histories).
struct SharedNames {
    store: u64,
    table: Mutex<Names>,
}

impl SharedNames {
    fn new() -> Self {
        static STORES: AtomicU64 = AtomicU64::new(0);
        SharedNames { store: STORES.fetch_add(1, Ordering::Relaxed), table: Mutex::default() }
    }
}

/// File and directory names, each stored once.
#[derive(Default)]
struct Names {
    index: std::collections::HashMap<BString, u32>,
    names: Vec<BString>,
}

impl Names {
    fn intern(&mut self, name: &BStr) -> u32 {
        if let Some(&i) = self.index.get(name) {
            return i;
        }
        let i = self.names.len() as u32;
        self.names.push(name.to_owned());
        self.index.insert(name.to_owned(), i);
        i
    }
}

/// Every packed tree, decoded once, by key.
pub struct TreeStore {
    /// Indexed by pack number: the tree's entries in [`encode`]'s form; `None` for
    /// objects that are not trees.
    trees: Vec<Option<Box<[u8]>>>,
    names: SharedNames,
    hash: gix::hash::Kind,
}

impl TreeStore {
    /// Decodes every tree of every pack, in parallel. Packs that cannot be decoded are
    /// named in `warnings`; their trees are read one by one as walks meet them.
    pub fn load(packs: &Packs, keys: &Keys<'_>, hash: gix::hash::Kind, warnings: &mut Vec<String>) -> TreeStore {
        let names = SharedNames::new();
        let decode = |_: u32, data: &[u8]| parse_tree(data, hash, keys, &names).ok().map(|e| encode(&e));
        let mut trees = Vec::new();
        trees.resize_with(packs.total() as usize, || None);
        let decoded = packs.decode_all(Kind::Tree, 0, &decode);
        for (number, entries) in decoded.kept {
            trees[number as usize] = Some(entries);
        }
        warnings.extend(decoded.failed);
        TreeStore { trees, names, hash }
    }

    /// The entries of the tree `key`: from memory, or read through `repo` when no pack
    /// holds it (or its pack could not be decoded).
    fn entries(&self, repo: &gix::Repository, keys: &Keys<'_>, key: u32) -> Result<Vec<TreeEntry>, Unreadable> {
        if let Some(Some(encoded)) = self.trees.get(key as usize) {
            return Ok(decode(encoded));
        }
        let tree = missing::read(repo, keys.id(key), Kind::Tree)?;
        parse_tree(&tree.data, self.hash, keys, &self.names).map_err(|_| Unreadable::Corrupt)
    }

    /// Walks the tree `root` depth-first, skipping trees already seen. `on_blob` gets each
    /// regular file's key and a function that builds its path (most blobs met are already
    /// known, and need none). Trees that cannot be read are counted in `missing` and
    /// skipped with everything under them.
    pub fn walk(
        &self,
        repo: &gix::Repository,
        keys: &Keys<'_>,
        root: u32,
        seen_trees: &mut BitSet,
        missing: &MissingTally,
        on_blob: &mut dyn FnMut(u32, &dyn Fn() -> BString),
    ) {
        let mut stack = vec![(BString::default(), root)];
        while let Some((dir, key)) = stack.pop() {
            if !seen_trees.insert(key) {
                continue;
            }
            let entries = match self.entries(repo, keys, key) {
                Ok(entries) => entries,
                Err(why) => {
                    missing.record(Kind::Tree, why);
                    continue;
                }
            };
            for entry in entries {
                let path = || join(&dir, self.name(entry));
                if entry.name & SUBTREE != 0 {
                    if !seen_trees.contains(entry.child) {
                        stack.push((path(), entry.child));
                    }
                } else {
                    on_blob(entry.child, &path);
                }
            }
        }
    }

    fn name(&self, entry: TreeEntry) -> BString {
        let names = self.names.table.lock().unwrap_or_else(|e| e.into_inner());
        names.names[(entry.name & !SUBTREE) as usize].clone()
    }
}

/// A tree's regular files and subtrees (symlinks and submodules are not scanned).
fn parse_tree(data: &[u8], hash: gix::hash::Kind, keys: &Keys<'_>, names: &SharedNames) -> Result<Vec<TreeEntry>> {
    RECENT.with_borrow_mut(|recent| {
        recent.serve(names.store);
        let mut entries = Vec::new();
        for entry in TreeRefIter::from_bytes(data, hash) {
            let entry = entry?;
            let flag = match entry.mode.kind() {
                EntryKind::Tree => SUBTREE,
                EntryKind::Blob | EntryKind::BlobExecutable => 0,
                EntryKind::Link | EntryKind::Commit => continue,
            };
            let name = recent.name(entry.filename, &names.table);
            entries.push(TreeEntry { name: name | flag, child: recent.key(entry.oid, keys) });
        }
        recent.forget_if_full();
        Ok(entries)
    })
}

/// A tree's entries as LEB128 varints, name (with the subtree flag as its lowest bit)
/// then child: name indexes and pack numbers are small numbers, so an entry takes about
/// 5 bytes instead of 8. The trees of a long history are the largest thing a scan holds.
fn encode(entries: &[TreeEntry]) -> Box<[u8]> {
    let mut out = Vec::with_capacity(entries.len() * 5);
    for entry in entries {
        let name = (entry.name & !SUBTREE) << 1 | u32::from(entry.name & SUBTREE != 0);
        for mut value in [name, entry.child] {
            while value >= 0x80 {
                out.push(value as u8 | 0x80);
                value >>= 7;
            }
            out.push(value as u8);
        }
    }
    out.into_boxed_slice()
}

/// The entries [`encode`] wrote.
fn decode(mut bytes: &[u8]) -> Vec<TreeEntry> {
    let mut next = || {
        let (mut value, mut shift) = (0u32, 0);
        while let Some((&byte, rest)) = bytes.split_first() {
            bytes = rest;
            value |= u32::from(byte & 0x7f) << shift;
            if byte < 0x80 {
                return Some(value);
            }
            shift += 7;
        }
        None
    };
    let mut entries = Vec::new();
    while let (Some(name), Some(child)) = (next(), next()) {
        let flag = if name & 1 == 1 { SUBTREE } else { 0 };
        entries.push(TreeEntry { name: name >> 1 | flag, child });
    }
    entries
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encoded_entries_decode_to_the_same_entries() {
        let edges = [0, 1, 0x7f, 0x80, 0x3fff, 0x4000, (1 << 21) - 1, SUBTREE - 1];
        let mut entries = Vec::new();
        for (i, &name) in edges.iter().enumerate() {
            let flag = if i % 2 == 0 { SUBTREE } else { 0 };
            entries.push(TreeEntry { name: name | flag, child: edges[edges.len() - 1 - i] });
            entries.push(TreeEntry { name, child: u32::MAX });
        }
        let decoded = decode(&encode(&entries));
        let pairs = |e: &[TreeEntry]| e.iter().map(|e| (e.name, e.child)).collect::<Vec<_>>();
        assert_eq!(pairs(&decoded), pairs(&entries));
    }

    #[test]
    fn a_typical_entry_takes_fewer_bytes_than_its_fixed_form() {
        let entries: Vec<TreeEntry> =
            (0..50).map(|i| TreeEntry { name: 2000 + i, child: 1_500_000 + i * 7919 }).collect();
        assert!(encode(&entries).len() <= 5 * entries.len());
    }
}

thread_local! {
    static RECENT: RefCell<Recent> = RefCell::default();
}

/// Per-thread memory of recently met names and ids. Consecutive versions of a tree
/// (which the pack traversal decodes one after another) share almost every entry, so
/// most lookups end here instead of in the shared name table or a pack index.
#[derive(Default)]
struct Recent {
    /// The store whose ids these are.
    store: Option<u64>,
    names: std::collections::HashMap<BString, u32>,
    keys: gix::hashtable::HashMap<ObjectId, u32>,
}

impl Recent {
    const CAPACITY: usize = 1 << 16;

    /// Forgets what belongs to another store.
    fn serve(&mut self, store: u64) {
        if self.store != Some(store) {
            *self = Recent { store: Some(store), ..Recent::default() };
        }
    }

    fn name(&mut self, name: &BStr, names: &Mutex<Names>) -> u32 {
        if let Some(&id) = self.names.get(name) {
            return id;
        }
        let id = names.lock().unwrap_or_else(|e| e.into_inner()).intern(name);
        self.names.insert(name.to_owned(), id);
        id
    }

    fn key(&mut self, id: &gix::oid, keys: &Keys<'_>) -> u32 {
        *self.keys.entry(id.to_owned()).or_insert_with(|| keys.key(id))
    }

    fn forget_if_full(&mut self) {
        if self.names.len() > Self::CAPACITY {
            self.names.clear();
        }
        if self.keys.len() > Self::CAPACITY {
            self.keys.clear();
        }
    }
}

fn join(dir: &BString, name: BString) -> BString {
    if dir.is_empty() {
        return name;
    }
    let mut path = dir.clone();
    path.push_byte(b'/');
    path.push_str(name);
    path
}

/// A growable set of keys.
#[derive(Default)]
pub struct BitSet(Vec<u64>);

impl BitSet {
    /// Adds `key`; false when it was already there.
    pub fn insert(&mut self, key: u32) -> bool {
        let (word, bit) = ((key / 64) as usize, 1u64 << (key % 64));
        if word >= self.0.len() {
            self.0.resize(word + 1, 0);
        }
        let fresh = self.0[word] & bit == 0;
        self.0[word] |= bit;
        fresh
    }

    /// Whether `key` is in the set.
    pub fn contains(&self, key: u32) -> bool {
        self.0.get((key / 64) as usize).is_some_and(|word| word & (1u64 << (key % 64)) != 0)
    }
}
