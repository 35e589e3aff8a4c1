//! `blastradius hook install|uninstall`: a pre-commit hook that runs
//! `blastradius scan --staged`. The hooks directory is resolved like git does:
//! `core.hooksPath` when set, else `hooks/` in the common git directory (shared by
//! linked worktrees).

use crate::source::file::read_settings;
use anyhow::{bail, Context, Result};
use std::path::{Path, PathBuf};

/// Marks a hook file as ours, so install can update it and uninstall can remove it.
const MARKER: &str = "# installed by `blastradius hook install`";

/// What `install` did.
#[derive(Debug, PartialEq, Eq)]
pub enum Installed {
    /// Wrote a new hook.
    Created(PathBuf),
    /// Replaced an earlier blastradius hook.
    Updated(PathBuf),
    /// Replaced a foreign hook (with `--force`), keeping it as `pre-commit.blastradius-backup`.
    Replaced { hook: PathBuf, backup: PathBuf },
}

/// The directory git runs hooks from for the repository containing `path`.
pub fn hooks_dir(path: &Path) -> Result<PathBuf> {
    let repo = super::discover(path)?;
    let configured = repo.config_snapshot().trusted_path("core.hooksPath").ok().flatten();
    Ok(match configured {
        Some(dir) if dir.is_absolute() => dir,
        Some(dir) => repo.workdir().unwrap_or(repo.git_dir()).join(dir),
        None => repo.common_dir().join("hooks"),
    })
}

/// Writes the pre-commit hook. A hook not written by blastradius is left alone unless
/// `force`, in which case it is kept as a backup next to ours.
pub fn install(path: &Path, force: bool) -> Result<Installed> {
    let dir = hooks_dir(path)?;
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let hook = dir.join("pre-commit");
    let outcome = match read_settings(&hook) {
        Err(err) if err.is_not_found() => Installed::Created(hook.clone()),
        Ok(existing) if existing.contains(MARKER) => Installed::Updated(hook.clone()),
        _ if !force => bail!(
            "{} exists and was not written by blastradius; add `blastradius scan --staged` to it yourself, \
             or rerun with --force to replace it (the old hook is kept as pre-commit.blastradius-backup)",
            hook.display()
        ),
        _ => {
            let backup = dir.join("pre-commit.blastradius-backup");
            std::fs::rename(&hook, &backup).with_context(|| format!("cannot back up {}", hook.display()))?;
            Installed::Replaced { hook: hook.clone(), backup }
        }
    };
    write_executable(&hook, &script())?;
    Ok(outcome)
}

/// Removes the hook if blastradius wrote it; returns its path, or `None` when there was none.
pub fn uninstall(path: &Path) -> Result<Option<PathBuf>> {
    let hook = hooks_dir(path)?.join("pre-commit");
    let Ok(existing) = read_settings(&hook) else { return Ok(None) };
    if !existing.contains(MARKER) {
        bail!("{} was not written by blastradius; leaving it in place", hook.display());
    }
    std::fs::remove_file(&hook).with_context(|| format!("cannot remove {}", hook.display()))?;
    Ok(Some(hook))
}

/// The hook script: this binary by absolute path when it still exists at commit time,
/// else `blastradius` from PATH.
fn script() -> String {
    let exe = std::env::current_exe().ok().and_then(|p| p.to_str().map(shell_quote)).unwrap_or_default();
    format!(
        "#!/bin/sh\n{MARKER}\n# Blocks commits that add credentials. Bypass once: git commit --no-verify\n\
         blastradius={exe}\n\
         [ -x \"$blastradius\" ] || blastradius=blastradius\n\
         exec \"$blastradius\" scan --staged --quiet\n"
    )
}

fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}

fn write_executable(path: &Path, contents: &str) -> Result<()> {
    std::fs::write(path, contents).with_context(|| format!("cannot write {}", path.display()))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755))
            .with_context(|| format!("cannot make {} executable", path.display()))?;
    }
    Ok(())
}
