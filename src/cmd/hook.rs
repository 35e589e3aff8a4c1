//! `blastradius hook install|uninstall`: the git pre-commit hook.

use super::EXIT_CLEAN;
use anyhow::Result;
use blastradius::source::git::hook;
use std::path::Path;

pub fn install(force: bool) -> Result<i32> {
    match hook::install(Path::new("."), force)? {
        hook::Installed::Created(path) => eprintln!("installed pre-commit hook at {}", path.display()),
        hook::Installed::Updated(path) => eprintln!("updated pre-commit hook at {}", path.display()),
        hook::Installed::Replaced { hook, backup } => {
            eprintln!("replaced pre-commit hook at {} (old hook kept as {})", hook.display(), backup.display())
        }
    }
    Ok(EXIT_CLEAN)
}

pub fn uninstall() -> Result<i32> {
    match hook::uninstall(Path::new("."))? {
        Some(path) => eprintln!("removed pre-commit hook {}", path.display()),
        None => eprintln!("no pre-commit hook installed"),
    }
    Ok(EXIT_CLEAN)
}
