//! Objects of a history scan by dense key, read through the packs' bounded cache (or the
//! odb for objects outside the packs), and the depth-first tree walk that skips every
//! tree already seen. Nothing here grows with the repository but the bit sets: a bit per
//! object.

use super::missing::{self, MissingTally, Unreadable};
use super::packs::{Packs, Reader, MAX_OBJECT};
use gix::bstr::{BString, ByteVec};
use gix::object::tree::EntryKind;
use gix::objs::{Kind, TreeRefIter};
use gix::ObjectId;
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

    /// Where the object lies in the packs, for reading in pack order (objects outside the
    /// packs sort last).
    pub fn position(&self, key: u32) -> u64 {
        if self.is_packed(key) {
            self.packs.position(key)
        } else {
            u64::MAX
        }
    }
}

/// Reads objects by key: packed ones through a [`Reader`], the rest through the odb.
pub struct Objects<'a> {
    pub repo: gix::Repository,
    pub packs: &'a Packs,
    pub keys: &'a Keys<'a>,
    pub reader: Reader,
}

impl Objects<'_> {
    /// The object `key`, which its referrer says is of `kind`, into `out`.
    pub fn read(&mut self, key: u32, kind: Kind, out: &mut Vec<u8>) -> Result<(), Unreadable> {
        if self.keys.is_packed(key) {
            match self.packs.read(key, out, &mut self.reader) {
                Ok(found) if found == kind => return Ok(()),
                Ok(_) => return Err(Unreadable::Corrupt),
                // What the pack reader refuses (a tree over its size limit, a delta whose
                // base lies in another pack) the odb may still read. A blob over the limit
                // is left to the caller, which skips it by size instead of reading it.
                Err(_) if kind != Kind::Blob || self.size(key, kind).is_ok_and(|size| size <= MAX_OBJECT as u64) => {}
                Err(_) => return Err(Unreadable::Corrupt),
            }
        }
        let object = missing::read(&self.repo, self.keys.id(key), kind)?;
        out.clear();
        out.extend_from_slice(&object.data);
        Ok(())
    }

    /// The size of the object `key` when it costs no decoding to learn: packed objects
    /// stored whole (and `None` for deltas), objects outside the packs from their header.
    pub fn stored_size(&mut self, key: u32, kind: Kind) -> Result<Option<u64>, Unreadable> {
        if self.keys.is_packed(key) {
            return Ok(self.packs.stored_size(key));
        }
        missing::size(&self.repo, self.keys.id(key), kind).map(Some)
    }

    /// The size of the object `key` of `kind`, without decoding it.
    pub fn size(&mut self, key: u32, kind: Kind) -> Result<u64, Unreadable> {
        if self.keys.is_packed(key) {
            return self.packs.size(key, &mut self.reader).map_err(|_| Unreadable::Corrupt);
        }
        missing::size(&self.repo, self.keys.id(key), kind)
    }
}

/// The tree walk's memory of recently met ids: consecutive versions of a tree share
/// almost every entry, so most entries are keyed here instead of in a pack index. Bounded:
/// emptied when full.
#[derive(Default)]
pub struct RecentKeys(gix::hashtable::HashMap<ObjectId, u32>);

impl RecentKeys {
    const CAPACITY: usize = 1 << 16;

    fn key(&mut self, id: &gix::oid, keys: &Keys<'_>) -> u32 {
        if self.0.len() >= Self::CAPACITY {
            self.0.clear();
        }
        *self.0.entry(id.to_owned()).or_insert_with(|| keys.key(id))
    }
}

/// What a tree walk keeps between trees: the trees and blobs seen, recent keys and a
/// buffer.
#[derive(Default)]
pub struct Walker {
    pub seen_trees: BitSet,
    pub seen_blobs: BitSet,
    recent: RecentKeys,
    buffer: Vec<u8>,
}

impl Walker {
    /// The key of `id`.
    pub fn key(&mut self, id: &gix::oid, keys: &Keys<'_>) -> u32 {
        self.recent.key(id, keys)
    }

    /// Walks the tree `root` depth-first, skipping trees already seen. `on_blob` gets the
    /// key of each regular file not seen before and its path. Trees that cannot be read are
    /// counted in `missing` and skipped with everything under them. Returns the number of
    /// trees read.
    pub fn walk(
        &mut self,
        objects: &mut Objects<'_>,
        root: u32,
        missing: &MissingTally,
        on_blob: &mut dyn FnMut(u32, BString),
    ) -> u64 {
        let hash = objects.repo.object_hash();
        let mut read = 0;
        let mut stack = vec![(BString::default(), root)];
        while let Some((dir, key)) = stack.pop() {
            if !self.seen_trees.insert(key) {
                continue;
            }
            let mut data = std::mem::take(&mut self.buffer);
            if let Err(why) = objects.read(key, Kind::Tree, &mut data) {
                missing.record(Kind::Tree, why);
                self.buffer = data;
                continue;
            }
            read += 1;
            for entry in TreeRefIter::from_bytes(&data, hash) {
                let Ok(entry) = entry else {
                    missing.record(Kind::Tree, Unreadable::Corrupt);
                    break;
                };
                let is_tree = match entry.mode.kind() {
                    EntryKind::Tree => true,
                    EntryKind::Blob | EntryKind::BlobExecutable => false,
                    EntryKind::Link | EntryKind::Commit => continue,
                };
                let child = self.recent.key(entry.oid, objects.keys);
                if is_tree && !self.seen_trees.contains(child) {
                    stack.push((join(&dir, entry.filename), child));
                } else if !is_tree && self.seen_blobs.insert(child) {
                    on_blob(child, join(&dir, entry.filename));
                }
            }
            self.buffer = data;
        }
        read
    }
}

fn join(dir: &BString, name: &gix::bstr::BStr) -> BString {
    if dir.is_empty() {
        return name.to_owned();
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bit_set_grows_and_tells_first_insertions() {
        let mut set = BitSet::default();
        assert!(set.insert(5));
        assert!(!set.insert(5));
        assert!(set.insert(70_000));
        assert!(set.contains(5) && set.contains(70_000) && !set.contains(6));
    }
}
