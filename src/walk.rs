//! The parallel filesystem walker: every regular file under the roots, git-ignored files
//! included (agents read `.env` whether git tracks it or not), never `.git/` internals,
//! never FIFOs, sockets or devices, never symlinks out of the roots.

use anyhow::{bail, Result};
use ignore::overrides::OverrideBuilder;
use ignore::{WalkBuilder, WalkState};
use serde::Serialize;
use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

/// Bytes inspected for a NUL byte to decide a file is binary.
const BINARY_PROBE: usize = 8 * 1024;

/// What to walk and how.
#[derive(Debug, Clone)]
pub struct WalkOptions {
    pub roots: Vec<PathBuf>,
    pub threads: usize,
    pub max_file_size: u64,
    /// Globs (gitignore syntax) of paths to leave out.
    pub excludes: Vec<String>,
}

/// Why a file was not scanned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SkipReason {
    Binary,
    TooLarge,
    Unreadable,
    NotRegular,
}

/// Counters shared by the walker threads.
#[derive(Debug, Default)]
pub struct WalkStats {
    pub files: AtomicU64,
    pub bytes: AtomicU64,
    binary: AtomicU64,
    too_large: AtomicU64,
    unreadable: AtomicU64,
    not_regular: AtomicU64,
    warnings: Mutex<Vec<String>>,
}

/// Serializable snapshot of skip counts.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct SkipCounts {
    pub binary: u64,
    pub too_large: u64,
    pub unreadable: u64,
    pub not_regular: u64,
}

impl SkipCounts {
    pub fn total(&self) -> u64 {
        self.binary + self.too_large + self.unreadable + self.not_regular
    }
}

impl WalkStats {
    pub fn skip(&self, reason: SkipReason) {
        let counter = match reason {
            SkipReason::Binary => &self.binary,
            SkipReason::TooLarge => &self.too_large,
            SkipReason::Unreadable => &self.unreadable,
            SkipReason::NotRegular => &self.not_regular,
        };
        counter.fetch_add(1, Ordering::Relaxed);
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
        }
    }

    pub fn take_warnings(&self) -> Vec<String> {
        let mut warnings = std::mem::take(&mut *self.warnings.lock().unwrap_or_else(|e| e.into_inner()));
        warnings.sort();
        warnings
    }
}

/// Walks every root in parallel and calls `visit(path, contents)` for each text file.
/// `path` is the path as the user named its root.
pub fn walk<F>(options: &WalkOptions, stats: &WalkStats, visit: F) -> Result<()>
where
    F: Fn(&Path, &[u8]) + Sync,
{
    let Some((first, rest)) = options.roots.split_first() else { return Ok(()) };
    for root in &options.roots {
        if std::fs::symlink_metadata(root).is_err() {
            bail!("cannot read `{}`: no such file or directory", root.display());
        }
    }
    let mut builder = WalkBuilder::new(first);
    for root in rest {
        builder.add(root);
    }
    builder
        .standard_filters(false)
        .follow_links(false)
        .add_custom_ignore_filename(crate::suppress::IGNORE_FILE)
        .threads(options.threads)
        .filter_entry(|entry| !(entry.file_name() == ".git" && entry.file_type().is_some_and(|t| t.is_dir())));
    if !options.excludes.is_empty() {
        builder.overrides(exclude_overrides(first, &options.excludes)?);
    }
    builder.build_parallel().run(|| {
        let visit = &visit;
        let mut buf = Vec::new();
        Box::new(move |entry| {
            match entry {
                Ok(entry) => visit_entry(&entry, options, stats, &mut buf, visit),
                Err(err) => {
                    stats.skip(SkipReason::Unreadable);
                    stats.warn(format!("{err}"));
                }
            }
            WalkState::Continue
        })
    });
    Ok(())
}

fn exclude_overrides(root: &Path, excludes: &[String]) -> Result<ignore::overrides::Override> {
    let mut builder = OverrideBuilder::new(root);
    for glob in excludes {
        builder.add(&format!("!{glob}")).map_err(|e| anyhow::anyhow!("invalid --exclude glob `{glob}`: {e}"))?;
    }
    Ok(builder.build()?)
}

fn visit_entry<F>(entry: &ignore::DirEntry, options: &WalkOptions, stats: &WalkStats, buf: &mut Vec<u8>, visit: &F)
where
    F: Fn(&Path, &[u8]),
{
    let Some(file_type) = entry.file_type() else { return };
    if file_type.is_dir() {
        return;
    }
    let path = display_path(entry.path());
    if !file_type.is_file() {
        stats.skip(SkipReason::NotRegular);
        return;
    }
    match read_text_file(entry.path(), options.max_file_size, buf) {
        Ok(()) => {}
        Err(reason) => {
            if reason == SkipReason::Unreadable {
                stats.warn(format!("{}: cannot read file, skipped", path.display()));
            }
            stats.skip(reason);
            return;
        }
    }
    if let Some(decoded) = decode_utf16(buf) {
        *buf = decoded;
    }
    stats.files.fetch_add(1, Ordering::Relaxed);
    stats.bytes.fetch_add(buf.len() as u64, Ordering::Relaxed);
    // A bug triggered by one file must not take the whole scan down: report and go on.
    let scanned = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| visit(path, buf)));
    if scanned.is_err() {
        stats.skip(SkipReason::Unreadable);
        stats.warn(format!("{}: internal error while scanning this file, skipped (please report it)", path.display()));
    }
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

/// Opens without following a final symlink and without blocking (a FIFO swapped in
/// after the walk looked at the entry must not hang us), then re-checks on the open
/// handle that this is a regular file before reading it.
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
    let file = open_no_follow(path).map_err(|_| SkipReason::Unreadable)?;
    let meta = file.metadata().map_err(|_| SkipReason::Unreadable)?;
    if !meta.is_file() {
        return Err(SkipReason::NotRegular);
    }
    if meta.len() > max_size {
        return Err(SkipReason::TooLarge);
    }
    Ok(file)
}

/// A file that grew past the limit while being read is too large all the same.
fn check_size(buf: &[u8], max_size: u64) -> Result<(), SkipReason> {
    if buf.len() as u64 > max_size {
        return Err(SkipReason::TooLarge);
    }
    Ok(())
}

#[cfg(unix)]
fn open_no_follow(path: &Path) -> std::io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new().read(true).custom_flags(libc::O_NONBLOCK | libc::O_NOFOLLOW | libc::O_NOCTTY).open(path)
}

#[cfg(not(unix))]
fn open_no_follow(path: &Path) -> std::io::Result<File> {
    File::open(path)
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
