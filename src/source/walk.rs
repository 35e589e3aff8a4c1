//! The parallel filesystem walker: every regular file under the roots, git-ignored files
//! included (agents read `.env` whether git tracks it or not), never `.git/` internals,
//! never FIFOs, sockets or devices, never symlinks out of the roots. Files over
//! [`CHUNK_SIZE`] are read in overlapping chunks ([`crate::source::chunk`]), so memory stays
//! bounded whatever the file size; each file's scan runs within the time budget
//! ([`crate::source::budget`]).

use super::budget::{Limits, Outcome};
use super::chunk::{Chunk, ChunkReader, CHUNK_SIZE};
use super::file::{Links, ReadError};
use super::ignore::{ConfigExcludes, TreeRules};
use crate::model::result::{HiddenCount, SkipCounts, SkipReason};
use anyhow::{bail, Result};
use ignore::overrides::OverrideBuilder;
use ignore::{WalkBuilder, WalkState};
use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::Duration;

/// Bytes inspected for a NUL byte to decide a file is binary.
const BINARY_PROBE: usize = 8 * 1024;

/// What to walk and how.
#[derive(Debug, Clone)]
pub struct WalkOptions {
    pub roots: Vec<PathBuf>,
    pub threads: usize,
    /// Files larger than this are skipped as too large.
    pub max_file_size: u64,
    /// Globs (gitignore syntax) of paths to leave out, from the command line.
    pub excludes: Vec<String>,
    /// Globs from a config file: they hide files too, counted per glob.
    pub config_excludes: Option<ConfigExcludes>,
    /// Honour `.blastradiusignore` files found in the tree (counted per pattern).
    pub read_ignore_files: bool,
    /// Time one file's scan may take; `None`: unlimited.
    pub file_budget: Option<Duration>,
    /// Findings one file may produce; `None`: unlimited.
    pub max_findings_per_file: Option<usize>,
}

/// Sources that hold a whole file in memory (git blobs, home-directory stores) never
/// read more than this, whatever `--max-file-size` says.
pub const MAX_BUFFERED: u64 = 32 * 1024 * 1024;

/// The most bytes a source that cannot read in chunks may hold for one file.
pub fn buffer_limit(max_file_size: u64) -> u64 {
    max_file_size.min(MAX_BUFFERED)
}

/// What the walker hands the scanner for one file.
#[derive(Debug, Clone, Copy)]
pub struct Contents<'a> {
    pub bytes: &'a [u8],
    /// `None` for a whole file; where this chunk sits for a file read in chunks.
    pub chunk: Option<&'a Chunk>,
}

/// What a walk calls for each text file, or each chunk of a large one.
pub type Visit<'a> = dyn Fn(&Path, Contents<'_>) + Sync + 'a;

/// Counters shared by the walker threads.
#[derive(Debug, Default)]
pub struct WalkStats {
    pub files: AtomicU64,
    pub bytes: AtomicU64,
    binary: AtomicU64,
    too_large: AtomicU64,
    unreadable: AtomicU64,
    not_regular: AtomicU64,
    timed_out: AtomicU64,
    /// Files whose findings stopped at the per-file cap.
    pub capped: AtomicU64,
    warnings: Mutex<Vec<String>>,
    hidden: Mutex<Vec<HiddenCount>>,
}

impl WalkStats {
    pub fn skip(&self, reason: SkipReason) {
        let counter = match reason {
            SkipReason::Binary => &self.binary,
            SkipReason::TooLarge => &self.too_large,
            SkipReason::Unreadable => &self.unreadable,
            SkipReason::NotRegular => &self.not_regular,
            SkipReason::TimedOut => &self.timed_out,
        };
        counter.fetch_add(1, Ordering::Relaxed);
    }

    /// Counts and explains a file whose scan stopped at one of its `limits`.
    pub fn record(&self, path: &Path, outcome: Outcome, limits: Limits) {
        if outcome.timed_out {
            self.skip(SkipReason::TimedOut);
            self.warn(format!("{}: scan stopped at the per-file time budget; earlier findings kept", path.display()));
        }
        if outcome.capped {
            self.capped.fetch_add(1, Ordering::Relaxed);
            self.warn(capped_warning(path, limits));
        }
    }

    pub fn warn(&self, message: String) {
        self.warnings.lock().unwrap_or_else(|e| e.into_inner()).push(message);
    }

    pub fn skipped(&self) -> SkipCounts {
        SkipCounts {
            binary: self.binary.load(Ordering::Relaxed),
            too_large: self.too_large.load(Ordering::Relaxed),
            unreadable: self.unreadable.load(Ordering::Relaxed),
            not_regular: self.not_regular.load(Ordering::Relaxed),
            timed_out: self.timed_out.load(Ordering::Relaxed),
        }
    }

    /// Files hidden by in-tree rules (a config's globs, `.blastradiusignore`), per rule.
    pub fn take_hidden(&self) -> Vec<HiddenCount> {
        std::mem::take(&mut *self.hidden.lock().unwrap_or_else(|e| e.into_inner()))
    }

    pub fn take_warnings(&self) -> Vec<String> {
        let mut warnings = std::mem::take(&mut *self.warnings.lock().unwrap_or_else(|e| e.into_inner()));
        warnings.sort();
        warnings
    }
}

/// Why a file's findings stop short, and how to see the rest.
pub fn capped_warning(path: &Path, limits: Limits) -> String {
    match limits.findings {
        Some(max) => format!(
            "{}: more than {max} findings or fields, only the first {max} reported (raise --max-findings-per-file)",
            path.display()
        ),
        None => format!("{}: more fields than a store may hold, the rest left out", path.display()),
    }
}

/// Walks every root in parallel and calls `visit(path, contents)` for each text file,
/// once per chunk for a file read in chunks. `path` is the path as the user named its
/// root. A root that does not exist or cannot be read is an error. Files hidden by
/// in-tree rules are still walked (not read), so each one is counted.
pub fn walk<F>(options: &WalkOptions, stats: &WalkStats, visit: F) -> Result<()>
where
    F: Fn(&Path, Contents<'_>) + Sync,
{
    let not_git_internals =
        |entry: &ignore::DirEntry| !(entry.file_name() == ".git" && entry.file_type().is_some_and(|t| t.is_dir()));
    walk_filtered(options, stats, not_git_internals, visit)
}

/// [`walk`], with `keep(entry)` instead of the `.git/` rule deciding which entries below
/// the roots are walked: a directory it rejects is not entered, a file it rejects is not
/// opened. The home walk uses it to skip caches and to hold a byte budget.
pub fn walk_filtered<F, K>(options: &WalkOptions, stats: &WalkStats, keep: K, visit: F) -> Result<()>
where
    F: Fn(&Path, Contents<'_>) + Sync,
    K: Fn(&ignore::DirEntry) -> bool + Send + Sync + 'static,
{
    let Some((first, rest)) = options.roots.split_first() else { return Ok(()) };
    for root in &options.roots {
        check_root(root)?;
    }
    let mut builder = WalkBuilder::new(first);
    for root in rest {
        builder.add(root);
    }
    builder.standard_filters(false).follow_links(false).threads(options.threads).filter_entry(keep);
    if !options.excludes.is_empty() {
        builder.overrides(exclude_overrides(first, &options.excludes)?);
    }
    let rules = TreeRules::new(options.config_excludes.as_ref(), options.read_ignore_files)?;
    builder.build_parallel().run(|| {
        let visit = &visit;
        let rules = &rules;
        let mut buf = Vec::new();
        Box::new(move |entry| {
            match entry {
                Ok(entry) => visit_entry(&entry, options, rules, stats, &mut buf, visit),
                Err(err) => {
                    stats.skip(SkipReason::Unreadable);
                    stats.warn(format!("{err}"));
                }
            }
            WalkState::Continue
        })
    });
    *stats.hidden.lock().unwrap_or_else(|e| e.into_inner()) = rules.hidden.counts();
    Ok(())
}

fn exclude_overrides(root: &Path, excludes: &[String]) -> Result<ignore::overrides::Override> {
    let mut builder = OverrideBuilder::new(root);
    for glob in excludes {
        builder.add(&format!("!{glob}")).map_err(|e| anyhow::anyhow!("invalid --exclude glob `{glob}`: {e}"))?;
    }
    Ok(builder.build()?)
}

/// A root the user named must exist and be readable: a scan that silently skips its
/// whole input would look clean.
fn check_root(root: &Path) -> Result<()> {
    let readable = match std::fs::metadata(root) {
        Ok(meta) if meta.is_dir() => std::fs::read_dir(root).map(drop),
        Ok(meta) if meta.is_file() => match super::file::open_regular(root, Links::Follow) {
            Err(ReadError::Io(err)) => Err(err),
            _ => Ok(()),
        },
        Ok(_) => Ok(()),
        Err(err) => Err(err),
    };
    match readable {
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
            bail!("cannot read `{}`: no such file or directory", root.display())
        }
        Err(err) => bail!("cannot read `{}`: {err}", root.display()),
        Ok(()) => Ok(()),
    }
}

fn visit_entry<F>(
    entry: &ignore::DirEntry,
    options: &WalkOptions,
    rules: &TreeRules,
    stats: &WalkStats,
    buf: &mut Vec<u8>,
    visit: &F,
) where
    F: Fn(&Path, Contents<'_>),
{
    let Some(file_type) = entry.file_type() else { return };
    if file_type.is_dir() {
        rules.enter_dir(entry.path(), &read_ignore_file);
        return;
    }
    if rules.hides_file(entry.path()) {
        return;
    }
    let path = display_path(entry.path());
    if !file_type.is_file() {
        stats.skip(SkipReason::NotRegular);
        return;
    }
    let limits = Limits { time: options.file_budget, findings: options.max_findings_per_file };
    let (scanned, outcome) =
        super::budget::within(limits, || scan_file(entry.path(), path, options, stats, buf, visit));
    if let Err(reason) = scanned {
        if reason == SkipReason::Unreadable {
            stats.warn(format!("{}: cannot read file, skipped", path.display()));
        }
        stats.skip(reason);
    }
    stats.record(path, outcome, limits);
}

/// Reads and scans one file: whole when it is small, in chunks otherwise.
fn scan_file<F>(
    real: &Path,
    path: &Path,
    options: &WalkOptions,
    stats: &WalkStats,
    buf: &mut Vec<u8>,
    visit: &F,
) -> Result<(), SkipReason>
where
    F: Fn(&Path, Contents<'_>),
{
    // The walker's entry said regular file (its type from the directory listing).
    let (mut file, len) = super::file::open_listed_regular(real).map_err(SkipReason::from)?;
    if len > options.max_file_size {
        return Err(SkipReason::TooLarge);
    }
    // The first block decides binary before more is read (build directories hold
    // gigabytes of object files).
    buf.clear();
    (&mut file).take(BINARY_PROBE as u64).read_to_end(buf).map_err(|_| SkipReason::Unreadable)?;
    if !has_utf16_bom(buf) && is_binary(buf) {
        return Err(SkipReason::Binary);
    }
    if len > CHUNK_SIZE as u64 {
        if has_utf16_bom(buf) {
            // Decoding in chunks is not supported: say so rather than scan garbage.
            stats.warn(format!("{}: UTF-16 file over {CHUNK_SIZE} bytes, skipped", path.display()));
            return Err(SkipReason::TooLarge);
        }
        let rest = len.saturating_sub(buf.len() as u64);
        return scan_chunked(file.take(rest), path, stats, buf, visit);
    }
    // A file that grows after we looked at its size is read up to the chunk size only.
    let rest = (CHUNK_SIZE - buf.len()) as u64;
    file.take(rest).read_to_end(buf).map_err(|_| SkipReason::Unreadable)?;
    if let Some(decoded) = decode_utf16(buf) {
        *buf = decoded;
    }
    stats.files.fetch_add(1, Ordering::Relaxed);
    stats.bytes.fetch_add(buf.len() as u64, Ordering::Relaxed);
    guarded_visit(path, Contents { bytes: buf, chunk: None }, stats, visit);
    Ok(())
}

/// Scans a large file chunk by chunk, stopping at the time budget; `buf` holds the
/// file's first bytes, already read. A read error after the first chunk keeps what was
/// found and counts the file as unreadable.
fn scan_chunked<F>(
    file: impl Read,
    path: &Path,
    stats: &WalkStats,
    buf: &mut Vec<u8>,
    visit: &F,
) -> Result<(), SkipReason>
where
    F: Fn(&Path, Contents<'_>),
{
    let mut reader = ChunkReader::new(file, std::mem::take(buf));
    let outcome = scan_chunks(&mut reader, path, stats, visit);
    stats.bytes.fetch_add(reader.bytes_read(), Ordering::Relaxed);
    *buf = reader.into_buffer();
    outcome
}

fn scan_chunks<F, R>(reader: &mut ChunkReader<R>, path: &Path, stats: &WalkStats, visit: &F) -> Result<(), SkipReason>
where
    F: Fn(&Path, Contents<'_>),
    R: Read,
{
    while let Some((bytes, chunk)) = reader.next_chunk().map_err(|_| SkipReason::Unreadable)? {
        if chunk.index == 0 {
            stats.files.fetch_add(1, Ordering::Relaxed);
        } else if super::budget::expired() {
            return Ok(());
        } else if super::budget::findings_left() == 0 {
            // The cap is spent: what the rest of the file holds would be dropped anyway.
            super::budget::note_capped();
            return Ok(());
        }
        if !guarded_visit(path, Contents { bytes, chunk: Some(chunk) }, stats, visit) {
            break;
        }
    }
    Ok(())
}

/// A bug triggered by one file must not take the whole scan down: report it, count the
/// file as unreadable and return `false` (scan no more of it).
fn guarded_visit<F>(path: &Path, contents: Contents<'_>, stats: &WalkStats, visit: &F) -> bool
where
    F: Fn(&Path, Contents<'_>),
{
    let scanned = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| visit(path, contents)));
    if scanned.is_err() {
        stats.skip(SkipReason::Unreadable);
        stats.warn(format!("{}: internal error while scanning this file, skipped (please report it)", path.display()));
    }
    scanned.is_ok()
}

/// A file that starts with a UTF-16 byte-order mark, decoded to UTF-8 (Windows tools
/// write `.reg` exports, PowerShell output and some configs this way).
pub fn decode_utf16(buf: &[u8]) -> Option<Vec<u8>> {
    if !has_utf16_bom(buf) {
        return None;
    }
    let little_endian = buf[0] == 0xFF;
    let units = buf[2..].chunks_exact(2).map(|pair| {
        let bytes = [pair[0], pair[1]];
        if little_endian {
            u16::from_le_bytes(bytes)
        } else {
            u16::from_be_bytes(bytes)
        }
    });
    let text: String = char::decode_utf16(units).map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER)).collect();
    Some(text.into_bytes())
}

fn has_utf16_bom(buf: &[u8]) -> bool {
    matches!(buf, [0xFF, 0xFE, ..] | [0xFE, 0xFF, ..])
}

/// `./a/b` is shown as `a/b`; other paths as given.
fn display_path(path: &Path) -> &Path {
    path.strip_prefix("./").unwrap_or(path)
}

/// Reads a regular file of at most `max_size` bytes: a symlink at the path, a FIFO or a
/// device swapped in after the walk looked at the entry is refused before it is opened.
pub fn read_regular_file(path: &Path, max_size: u64, buf: &mut Vec<u8>) -> Result<(), SkipReason> {
    let file = open_regular(path, max_size)?;
    buf.clear();
    file.take(max_size + 1).read_to_end(buf).map_err(|_| SkipReason::Unreadable)?;
    check_size(buf, max_size)
}

/// [`read_regular_file`] for files scanned as text: reads the first block, and stops
/// there when it is binary (build directories hold gigabytes of object files, and an
/// agent's workspace usually has one).
pub fn read_text_file(path: &Path, max_size: u64, buf: &mut Vec<u8>) -> Result<(), SkipReason> {
    let file = open_regular(path, max_size)?;
    buf.clear();
    let mut reader = file.take(max_size + 1);
    (&mut reader).take(BINARY_PROBE as u64).read_to_end(buf).map_err(|_| SkipReason::Unreadable)?;
    if !has_utf16_bom(buf) && is_binary(buf) {
        return Err(SkipReason::Binary);
    }
    reader.read_to_end(buf).map_err(|_| SkipReason::Unreadable)?;
    check_size(buf, max_size)
}

fn open_regular(path: &Path, max_size: u64) -> Result<File, SkipReason> {
    let (file, len) = open_sized(path)?;
    if len > max_size {
        return Err(SkipReason::TooLarge);
    }
    Ok(file)
}

/// Opens a regular file through the one bounded reader ([`super::file`]): type checked
/// before the open, a symlink refused, and returns it with its size.
fn open_sized(path: &Path) -> Result<(File, u64), SkipReason> {
    super::file::open_regular(path, Links::Refuse).map_err(SkipReason::from)
}

/// An ignore file's text, read like any other file (type checked, size capped, never
/// blocking); `None` when there is none or it is refused, and then it hides nothing.
pub fn read_ignore_file(path: &Path) -> Option<String> {
    let mut buf = Vec::new();
    read_regular_file(path, super::ignore::MAX_IGNORE_FILE, &mut buf).ok()?;
    Some(String::from_utf8_lossy(&buf).into_owned())
}

/// A file that grew past the limit while being read is too large all the same.
fn check_size(buf: &[u8], max_size: u64) -> Result<(), SkipReason> {
    if buf.len() as u64 > max_size {
        return Err(SkipReason::TooLarge);
    }
    Ok(())
}

/// A NUL byte in the first block marks a binary file.
pub fn is_binary(buf: &[u8]) -> bool {
    memchr::memchr(0, &buf[..buf.len().min(BINARY_PROBE)]).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_with_bom_is_decoded() {
        let mut le = vec![0xFF, 0xFE];
        le.extend("a=b\r\n".encode_utf16().flat_map(|u| u.to_le_bytes()));
        assert_eq!(decode_utf16(&le).unwrap(), b"a=b\r\n");
        let mut be = vec![0xFE, 0xFF];
        be.extend("é".encode_utf16().flat_map(|u| u.to_be_bytes()));
        assert_eq!(decode_utf16(&be).unwrap(), "é".as_bytes());
        assert!(decode_utf16(b"plain").is_none());
    }

    #[test]
    fn a_large_file_out_of_time_keeps_the_chunks_scanned_before() {
        let text = vec![b'a'; 1000];
        let seen = Mutex::new(Vec::new());
        let visit = |_: &Path, contents: Contents<'_>| {
            seen.lock().unwrap().push(contents.chunk.unwrap().index);
            std::thread::sleep(Duration::from_millis(30));
        };
        let stats = WalkStats::default();
        let mut reader = ChunkReader::with_sizes(&text[..], Vec::new(), 100, 20);
        let scan = || scan_chunks(&mut reader, Path::new("big.txt"), &stats, &visit);
        let (outcome, ended) = crate::source::budget::within(Limits::time(Some(Duration::from_millis(10))), scan);
        assert_eq!((outcome, ended.timed_out), (Ok(()), true));
        assert_eq!(*seen.lock().unwrap(), [0], "the first chunk's scan counts, no chunk after the deadline");

        let mut reader = ChunkReader::with_sizes(&text[..], Vec::new(), 100, 20);
        let scan = || scan_chunks(&mut reader, Path::new("big.txt"), &stats, &visit);
        let (_, ended) = crate::source::budget::within(Limits::default(), scan);
        assert!(!ended.timed_out);
        assert_eq!(seen.lock().unwrap().len(), 1 + 13, "every chunk without a budget");
    }

    #[test]
    fn binary_files_are_read_no_further_than_the_first_block() {
        let dir = tempfile::tempdir().unwrap();
        let object = dir.path().join("lib.a");
        let mut bytes = b"!<arch>\n\0".to_vec();
        bytes.resize(4 * BINARY_PROBE, b'x');
        std::fs::write(&object, &bytes).unwrap();
        let mut buf = Vec::new();
        assert_eq!(read_text_file(&object, u64::MAX / 2, &mut buf), Err(SkipReason::Binary));
        assert!(buf.len() <= BINARY_PROBE, "read {} bytes of a binary file", buf.len());

        let utf16 = dir.path().join("export.reg");
        let mut text = vec![0xFF, 0xFE];
        text.extend("key=value\r\n".repeat(2000).encode_utf16().flat_map(|u| u.to_le_bytes()));
        std::fs::write(&utf16, &text).unwrap();
        assert_eq!(read_text_file(&utf16, u64::MAX / 2, &mut buf), Ok(()));
        assert_eq!(buf, text, "UTF-16 text is read whole despite its NUL bytes");
    }

    #[test]
    fn nul_in_first_block_is_binary() {
        assert!(is_binary(b"abc\0def"));
        assert!(!is_binary(b"abc def"));
    }
}
