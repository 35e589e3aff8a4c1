//! Large files in bounded memory: a file over [`CHUNK_SIZE`] is read and scanned in
//! chunks that overlap by [`OVERLAP`] bytes. The overlap is split in the middle: a chunk
//! reports only the findings that start in the part it owns, and every finding has at
//! least half the overlap of context on either side in the chunk that reports it, which
//! is more than the widest detector window (a keyword ± 64 KiB). So each credential is
//! reported once, with the line and column it has in the whole file.

use crate::model::finding::Finding;
use std::io::{self, Read};
use std::ops::Range;

/// Bytes read per chunk; files up to this size are read whole.
pub const CHUNK_SIZE: usize = 8 * 1024 * 1024;
/// Bytes each chunk shares with the next one.
pub const OVERLAP: usize = 512 * 1024;

/// Where a chunk sits in its file, and which of its findings it reports.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Chunk {
    /// 0 for the first chunk of a file.
    pub index: usize,
    /// Byte offset of the chunk's first byte in the file.
    pub offset: u64,
    /// Newlines in the file before the chunk's first byte.
    pub lines_before: usize,
    /// Characters between the last of those newlines and the chunk's first byte.
    pub columns_before: usize,
    /// Byte range of the chunk whose findings it reports.
    pub owned: Range<usize>,
}

impl Chunk {
    /// Keeps the findings made from `bytes` (this chunk) that start in the owned range,
    /// and moves their lines and columns from the chunk to the file.
    pub fn place(&self, findings: Vec<Finding>, bytes: &[u8]) -> Vec<Finding> {
        let from = super::extract::position(bytes, self.owned.start);
        let to = super::extract::position(bytes, self.owned.end);
        findings
            .into_iter()
            .filter(|f| (f.line, f.column) >= from && (f.line, f.column) < to)
            .map(|mut f| {
                (f.line, f.column) = self.in_file(f.line, f.column);
                (f.end_line, f.end_column) = self.in_file(f.end_line, f.end_column);
                f
            })
            .collect()
    }

    fn in_file(&self, line: usize, column: usize) -> (usize, usize) {
        let column = if line == 1 { column + self.columns_before } else { column };
        (line + self.lines_before, column)
    }
}

/// Reads a file in overlapping chunks of at most `chunk_size` bytes.
pub struct ChunkReader<R> {
    reader: R,
    buf: Vec<u8>,
    chunk: Chunk,
    /// Where the next chunk starts in `buf`; `None` once the last chunk was handed out.
    next_start: Option<usize>,
    started: bool,
    read: u64,
    chunk_size: usize,
    overlap: usize,
}

impl<R: Read> ChunkReader<R> {
    /// Reads `reader` in chunks of [`CHUNK_SIZE`], reusing `buf`'s memory. `buf` holds
    /// the bytes already read from the start of the file (none, or a first block).
    pub fn new(reader: R, buf: Vec<u8>) -> Self {
        Self::with_sizes(reader, buf, CHUNK_SIZE, OVERLAP)
    }

    /// Like [`ChunkReader::new`] with other sizes; `overlap` must be under `chunk_size`.
    pub fn with_sizes(reader: R, buf: Vec<u8>, chunk_size: usize, overlap: usize) -> Self {
        assert!(overlap < chunk_size && buf.len() <= chunk_size, "chunks must advance");
        ChunkReader {
            read: buf.len() as u64,
            reader,
            buf,
            chunk: Chunk::default(),
            next_start: Some(0),
            started: false,
            chunk_size,
            overlap,
        }
    }

    /// The next chunk and where it sits, or `None` after the last one. A file that
    /// shrinks while being read ends early; one that grows is read up to the limit of the
    /// reader it was given.
    pub fn next_chunk(&mut self) -> io::Result<Option<(&[u8], &Chunk)>> {
        let Some(start) = self.next_start else { return Ok(None) };
        if self.started {
            self.advance(start);
        }
        let wanted = (self.chunk_size - self.buf.len()) as u64;
        let fresh = (&mut self.reader).take(wanted).read_to_end(&mut self.buf)?;
        self.read += fresh as u64;
        let at_end = self.buf.len() < self.chunk_size;
        let own_from = if self.started { self.overlap / 2 } else { 0 };
        if at_end {
            self.next_start = None;
            self.chunk.owned = own_from.min(self.buf.len())..self.buf.len();
        } else {
            let next = char_start(&self.buf, self.buf.len() - self.overlap);
            self.next_start = Some(next);
            self.chunk.owned = own_from..(next + self.overlap / 2).max(own_from);
        }
        self.started = true;
        Ok(Some((&self.buf, &self.chunk)))
    }

    /// Bytes read from the file so far.
    pub fn bytes_read(&self) -> u64 {
        self.read
    }

    /// The buffer, for reuse.
    pub fn into_buffer(self) -> Vec<u8> {
        self.buf
    }

    /// Drops the bytes before `next` and counts the lines and columns they held.
    fn advance(&mut self, next: usize) {
        let consumed = &self.buf[..next];
        let newlines = memchr::memchr_iter(b'\n', consumed).count();
        match memchr::memrchr(b'\n', consumed) {
            Some(last) => self.chunk.columns_before = chars(&consumed[last + 1..]),
            None => self.chunk.columns_before += chars(consumed),
        }
        self.chunk.lines_before += newlines;
        self.chunk.index += 1;
        self.chunk.offset += next as u64;
        self.buf.drain(..next);
    }
}

/// Characters as the engine counts columns.
fn chars(bytes: &[u8]) -> usize {
    String::from_utf8_lossy(bytes).chars().count()
}

/// `pos`, moved back (at most 3 bytes) so a chunk never starts inside a UTF-8 character.
fn char_start(buf: &[u8], pos: usize) -> usize {
    let mut at = pos;
    while at > 0 && pos - at < 3 && buf.get(at).is_some_and(|b| b & 0xC0 == 0x80) {
        at -= 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every chunk of `text`, as (bytes, chunk) pairs.
    fn chunks(text: &[u8], size: usize, overlap: usize) -> Vec<(Vec<u8>, Chunk)> {
        let mut reader = ChunkReader::with_sizes(text, Vec::new(), size, overlap);
        let mut out = Vec::new();
        while let Some((bytes, chunk)) = reader.next_chunk().unwrap() {
            out.push((bytes.to_vec(), chunk.clone()));
        }
        assert_eq!(reader.bytes_read(), text.len() as u64);
        out
    }

    #[test]
    fn owned_ranges_cover_the_file_once() {
        let text: Vec<u8> = (0..1000u32).map(|i| b'a' + (i % 26) as u8).collect();
        let mut covered = Vec::new();
        for (bytes, chunk) in chunks(&text, 100, 40) {
            covered.extend_from_slice(&bytes[chunk.owned.clone()]);
            assert!(chunk.owned.start >= 20 || chunk.index == 0, "context before: {chunk:?}");
            assert!(bytes.len() - chunk.owned.end >= 20 || chunk.owned.end == bytes.len());
            let offset = chunk.offset as usize;
            assert_eq!(&text[offset..offset + bytes.len()], &bytes[..]);
        }
        assert_eq!(covered, text);
    }

    #[test]
    fn lines_and_columns_before_each_chunk_are_counted() {
        let text = "ab\ncdé\r\nfghij".repeat(20);
        let all = chunks(text.as_bytes(), 16, 6);
        assert!(all.len() > 10);
        for (_, chunk) in all {
            let (line, column) = crate::source::extract::position(text.as_bytes(), chunk.offset as usize);
            assert_eq!((chunk.lines_before, chunk.columns_before), (line - 1, column - 1), "{chunk:?}");
        }
    }

    #[test]
    fn bytes_already_read_start_the_first_chunk() {
        let text: Vec<u8> = (0..500u32).map(|i| b'a' + (i % 26) as u8).collect();
        let mut reader = ChunkReader::with_sizes(&text[30..], text[..30].to_vec(), 100, 20);
        let mut covered = Vec::new();
        while let Some((bytes, chunk)) = reader.next_chunk().unwrap() {
            covered.extend_from_slice(&bytes[chunk.owned.clone()]);
        }
        assert_eq!(covered, text);
        assert_eq!(reader.bytes_read(), 500);
    }

    #[test]
    fn chunks_never_start_inside_a_character() {
        let text = "é".repeat(100);
        for (bytes, chunk) in chunks(text.as_bytes(), 17, 5) {
            assert!(text.is_char_boundary(chunk.offset as usize), "{chunk:?}");
            assert_ne!(bytes[0] & 0xC0, 0x80);
        }
    }

    #[test]
    fn a_file_that_shrinks_while_read_ends_early() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("shrinking.txt");
        std::fs::write(&path, vec![b'x'; 1000]).unwrap();
        let file = std::fs::File::open(&path).unwrap();
        let mut reader = ChunkReader::with_sizes(file, Vec::new(), 100, 20);
        assert_eq!(reader.next_chunk().unwrap().unwrap().0.len(), 100);
        std::fs::File::create(&path).unwrap().set_len(150).unwrap();
        let mut more = 0;
        while reader.next_chunk().unwrap().is_some() {
            more += 1;
        }
        assert!(more <= 2, "reading stopped at the new end");
        assert_eq!(reader.bytes_read(), 150);
    }

    #[test]
    fn a_file_that_grows_while_read_stops_at_the_given_limit() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("growing.txt");
        std::fs::write(&path, vec![b'x'; 300]).unwrap();
        let file = std::fs::File::open(&path).unwrap();
        let mut reader = ChunkReader::with_sizes(file.take(300), Vec::new(), 100, 20);
        reader.next_chunk().unwrap();
        std::fs::OpenOptions::new().append(true).open(&path).unwrap().write_all(&[b'y'; 10_000]).unwrap();
        while reader.next_chunk().unwrap().is_some() {}
        assert_eq!(reader.bytes_read(), 300);
    }

    #[test]
    fn an_unlinked_file_is_read_to_its_end() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("vanishing.txt");
        std::fs::write(&path, vec![b'x'; 1000]).unwrap();
        let file = std::fs::File::open(&path).unwrap();
        let mut reader = ChunkReader::with_sizes(file, Vec::new(), 100, 20);
        reader.next_chunk().unwrap();
        std::fs::remove_file(&path).unwrap();
        while reader.next_chunk().unwrap().is_some() {}
        assert_eq!(reader.bytes_read(), 1000);
    }

    use std::io::Write;
}
