//! The one way the program opens a file to read it, for any reason: scanned files, the
//! config, baselines, reports, detector files, agent settings, ignore files, kubeconfigs.
//!
//! The file type is checked *before* the file is opened, because opening is not harmless:
//! a FIFO blocks until a writer appears, and opening some devices has side effects
//! (`O_NONBLOCK` does not prevent those). Only regular files are opened, never blocking
//! and never becoming the controlling terminal; the open handle is checked again (same
//! file, still regular) in case the path was swapped in between; and no more than a size
//! limit is read, whatever the file claims or grows to.
//!
//! Report and baseline files are written through [`write_private`]: a new owner-only
//! file in the target's directory, renamed into place, never through a symlink.

use crate::model::result::SkipReason;
use anyhow::{bail, Context};
use std::fs::{File, Metadata};
use std::io::{self, Read, Write};
use std::path::Path;

/// The most bytes read from a settings-like file: the config, a baseline, a detector
/// file, an ignore file, agent settings (`~/.claude/settings.json`,
/// `~/.codex/config.toml`) or a kubeconfig. Real ones are kilobytes.
pub const MAX_SETTINGS_SIZE: u64 = 16 * 1024 * 1024;

/// The most bytes read from a JSON report (`explain --report`).
pub const MAX_REPORT_SIZE: u64 = 256 * 1024 * 1024;

/// Whether a symlink at the path itself is followed. Either way its target must be a
/// regular file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Links {
    Follow,
    /// A symlink is "not a regular file" (the tree walker never leaves its roots).
    Refuse,
}

/// Why a file was not read. Never carries the file's contents.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("not a regular file")]
    NotRegular,
    #[error("larger than {limit} bytes")]
    TooLarge { limit: u64 },
    #[error("not UTF-8 text")]
    NotText,
    #[error("{0}")]
    Io(#[from] io::Error),
}

impl ReadError {
    /// There is no such file (or a component of the path is not a directory).
    pub fn is_not_found(&self) -> bool {
        matches!(self, ReadError::Io(err) if matches!(err.kind(), io::ErrorKind::NotFound | io::ErrorKind::NotADirectory))
    }
}

impl From<ReadError> for SkipReason {
    fn from(err: ReadError) -> Self {
        match err {
            ReadError::NotRegular => SkipReason::NotRegular,
            ReadError::TooLarge { .. } => SkipReason::TooLarge,
            ReadError::NotText | ReadError::Io(_) => SkipReason::Unreadable,
        }
    }
}

/// Opens a regular file for reading and returns it with its size: the type is checked
/// on the path first, then on the open handle.
pub fn open_regular(path: &Path, links: Links) -> Result<(File, u64), ReadError> {
    let before = match links {
        Links::Follow => std::fs::metadata(path)?,
        Links::Refuse => std::fs::symlink_metadata(path)?,
    };
    if !before.is_file() {
        return Err(ReadError::NotRegular);
    }
    let file = open_nonblocking(path, links)?;
    let after = file.metadata()?;
    if !after.is_file() || !same_file(&before, &after) {
        return Err(ReadError::NotRegular);
    }
    Ok((file, after.len()))
}

/// Opens a file that a directory listing has just reported as a regular file, not a
/// symlink (the entry's type from `readdir`): the listing is the check before the open,
/// so no second lookup of the path is made. The open refuses a symlink swapped in since
/// (`O_NOFOLLOW`), never blocks, and the type is checked again on the open handle.
pub fn open_listed_regular(path: &Path) -> Result<(File, u64), ReadError> {
    let file = open_nonblocking(path, Links::Refuse)?;
    let after = file.metadata()?;
    if !after.is_file() {
        return Err(ReadError::NotRegular);
    }
    Ok((file, after.len()))
}

/// The whole of a regular file of at most `max` bytes.
pub fn read_bytes(path: &Path, max: u64, links: Links) -> Result<Vec<u8>, ReadError> {
    let (file, len) = open_regular(path, links)?;
    if len > max {
        return Err(ReadError::TooLarge { limit: max });
    }
    let mut buf = Vec::with_capacity(len as usize);
    file.take(max.saturating_add(1)).read_to_end(&mut buf)?;
    if buf.len() as u64 > max {
        return Err(ReadError::TooLarge { limit: max });
    }
    Ok(buf)
}

/// A settings-like text file (see [`MAX_SETTINGS_SIZE`]), a symlink at the path
/// followed to its regular-file target.
pub fn read_settings(path: &Path) -> Result<String, ReadError> {
    read_text(path, MAX_SETTINGS_SIZE)
}

/// A UTF-8 text file of at most `max` bytes, a symlink at the path followed.
pub fn read_text(path: &Path, max: u64) -> Result<String, ReadError> {
    String::from_utf8(read_bytes(path, max, Links::Follow)?).map_err(|_| ReadError::NotText)
}

#[cfg(unix)]
fn open_nonblocking(path: &Path, links: Links) -> io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    let no_follow = if links == Links::Refuse { libc::O_NOFOLLOW } else { 0 };
    std::fs::OpenOptions::new().read(true).custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY | no_follow).open(path)
}

#[cfg(not(unix))]
fn open_nonblocking(path: &Path, _links: Links) -> io::Result<File> {
    File::open(path)
}

#[cfg(unix)]
fn same_file(a: &Metadata, b: &Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    (a.dev(), a.ino()) == (b.dev(), b.ino())
}

#[cfg(not(unix))]
fn same_file(_a: &Metadata, _b: &Metadata) -> bool {
    true
}

/// Refuses an output path that is a symlink (writing would go to its target) or exists
/// as anything but a regular file.
pub fn check_output_target(path: &Path) -> anyhow::Result<()> {
    match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => {
            bail!("{} is a symlink: refusing to write through it (remove it or name another file)", path.display())
        }
        Ok(meta) if !meta.is_file() => {
            bail!("{} exists and is not a regular file: refusing to replace it", path.display())
        }
        Ok(_) => {}
        Err(err) if err.kind() == io::ErrorKind::NotFound => {}
        Err(err) => return Err(err).with_context(|| format!("cannot write {}", path.display())),
    }
    Ok(())
}

/// Writes a file readable by its owner only: `write` fills a new 0600 file created in
/// the same directory, which is then renamed over `path`. An existing file's mode is not
/// kept (a report can hold `--show-secrets` values), a symlink at `path` is refused
/// rather than followed, and a failed write leaves any old file untouched.
pub fn write_private(path: &Path, write: impl FnOnce(&mut dyn Write) -> anyhow::Result<()>) -> anyhow::Result<()> {
    check_output_target(path)?;
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let prefix = format!(".{name}.");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o600));
    }
    let context = || format!("cannot write {}", path.display());
    let mut temp = builder.tempfile_in(dir).with_context(context)?;
    {
        let mut out = io::BufWriter::new(temp.as_file_mut());
        write(&mut out)?;
        out.flush().with_context(context)?;
    }
    temp.as_file().sync_all().with_context(context)?;
    temp.persist(path).map_err(|err| err.error).with_context(context)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regular_files_are_read_within_the_limit() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.toml");
        std::fs::write(&path, "x = 1\n").unwrap();
        assert_eq!(read_settings(&path).unwrap(), "x = 1\n");
        assert!(matches!(read_bytes(&path, 3, Links::Follow), Err(ReadError::TooLarge { limit: 3 })));
        std::fs::write(&path, b"\xff\xfe").unwrap();
        assert!(matches!(read_settings(&path), Err(ReadError::NotText)));
        assert!(read_settings(&dir.path().join("missing")).unwrap_err().is_not_found());
    }

    #[cfg(unix)]
    #[test]
    fn devices_directories_and_refused_links_are_not_regular() {
        let dir = tempfile::tempdir().unwrap();
        let link = dir.path().join("zero");
        std::os::unix::fs::symlink("/dev/zero", &link).unwrap();
        assert!(matches!(read_bytes(&link, 10, Links::Follow), Err(ReadError::NotRegular)));
        assert!(matches!(read_bytes(dir.path(), 10, Links::Follow), Err(ReadError::NotRegular)));
        let file = dir.path().join("f");
        std::fs::write(&file, "ok").unwrap();
        let to_file = dir.path().join("to-file");
        std::os::unix::fs::symlink(&file, &to_file).unwrap();
        assert_eq!(read_bytes(&to_file, 10, Links::Follow).unwrap(), b"ok");
        assert!(matches!(read_bytes(&to_file, 10, Links::Refuse), Err(ReadError::NotRegular)));
    }

    #[cfg(unix)]
    #[test]
    fn private_writes_replace_the_file_with_mode_0600_and_refuse_links() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("report.json");
        std::fs::write(&path, "old").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        write_private(&path, |out| Ok(out.write_all(b"new")?)).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
        let target = dir.path().join("target");
        std::fs::write(&target, "keep").unwrap();
        let link = dir.path().join("link.json");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        let err = write_private(&link, |out| Ok(out.write_all(b"x")?)).unwrap_err();
        assert!(err.to_string().contains("is a symlink"), "{err}");
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "keep");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 3, "no temporary file left behind");
    }
}
