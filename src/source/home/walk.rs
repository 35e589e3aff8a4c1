//! The bounded walk of the home directory: the places developer tools keep config and
//! state, read the way an agent's shell can. Walked: every dotfile and dot-directory of
//! the home (so `~/.config`, `~/.local/share` and `~/.local/state`), and macOS
//! `~/Library/Application Support` and `~/Library/Preferences`. Left out: the
//! [`DEFAULT_SKIPS`] (caches, browser profiles, VCS object stores, package caches and
//! toolchains, large binary stores, trash), extra skip globs, files over the per-file cap
//! and every file after the byte budget is spent. Catalogue stores met on the way are left
//! to the catalogue, which reads them in their own format.
//!
//! Nothing here runs a detector: [`HomeWalk::run`] hands each file's bytes to a closure,
//! and [`format_for`] says which extractor suits a walked file.

use crate::model::result::{HomeStats, SkipCounts};
use crate::source::budget::Limits;
use crate::source::extract::{self, Format};
use crate::source::walk::{self, Visit, WalkOptions, WalkStats};
use anyhow::{anyhow, Result};
use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use std::collections::{BTreeMap, HashSet};
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Bytes the walk reads at most, all files together, unless `--home-budget` says otherwise.
pub const DEFAULT_BUDGET: u64 = 256 * 1024 * 1024;
/// The largest file the walk reads unless `--home-max-file` says otherwise: config and
/// state files are small, and what is bigger is mostly logs, databases and media.
pub const DEFAULT_MAX_FILE: u64 = 4 * 1024 * 1024;

/// The reason counted for files over the per-file cap.
pub const OVER_MAX_FILE: &str = "over --home-max-file";
/// The reason counted for files left unread once the budget was spent.
pub const OVER_BUDGET: &str = "over --home-budget";
/// The reason counted for paths matching an extra skip glob.
pub const USER_SKIP: &str = "--home-skip";

/// What the walk leaves out by default, by kind. Globs match the path relative to the
/// home; `*` stays within one path component, `**` crosses them. A directory that
/// matches is not entered. These hold gigabytes an agent has no reason to read and no
/// credentials a developer tool writes there (the catalogue still reads the few stores
/// that live under them, such as `~/.cache/huggingface/token`).
pub static DEFAULT_SKIPS: &[(&str, &[&str])] = &[
    (
        "cache",
        &[
            ".cache",
            "Library/Caches",
            "**/Cache",
            "**/Code Cache",
            "**/GPUCache",
            "**/CachedData",
            "**/CachedExtensionVSIXs",
            "**/Service Worker",
            ".thumbnails",
        ],
    ),
    (
        "browser profile",
        &[
            ".mozilla",
            ".librewolf",
            ".config/google-chrome*",
            ".config/chromium",
            ".config/BraveSoftware",
            ".config/microsoft-edge*",
            ".config/vivaldi",
            ".config/opera",
            "Library/Application Support/Google/Chrome*",
            "Library/Application Support/Chromium",
            "Library/Application Support/BraveSoftware",
            "Library/Application Support/Microsoft Edge*",
            "Library/Application Support/Firefox",
            "Library/Application Support/Arc",
            "Library/Safari",
        ],
    ),
    (
        "vcs objects",
        &["**/.git/objects", "**/.git/lfs", "**/.git/modules/*/objects", "**/.hg/store", "**/.svn/pristine"],
    ),
    (
        "package cache or toolchain",
        &[
            "**/node_modules",
            "**/site-packages",
            ".npm/_cacache",
            ".npm/_npx",
            ".pnpm-store",
            ".local/share/pnpm/store",
            ".yarn/berry/cache",
            ".bun/install/cache",
            ".cargo/registry",
            ".cargo/git",
            ".rustup",
            ".m2/repository",
            ".gradle/caches",
            ".gradle/wrapper/dists",
            ".ivy2/cache",
            ".sbt/boot",
            ".nuget/packages",
            ".dotnet",
            "go/pkg/mod",
            ".go/pkg/mod",
            ".pyenv/versions",
            ".local/lib",
            ".local/share/virtualenvs",
            ".virtualenvs",
            ".conda/pkgs",
            ".conda/envs",
            ".nvm/versions",
            ".rbenv/versions",
            ".gem/ruby",
            ".asdf/installs",
            ".local/share/mise/installs",
            ".sdkman/candidates",
            ".julia/packages",
            ".julia/artifacts",
            ".ghcup",
            ".stack/programs",
            ".pub-cache",
            ".terraform.d/plugins",
            ".terraform.d/plugin-cache",
            ".vscode/extensions",
            ".vscode-server",
            ".cursor/extensions",
            ".windsurf/extensions",
            ".android/avd",
            ".platformio/packages",
            ".arduino15/packages",
        ],
    ),
    (
        "large binary store",
        &[
            ".local/share/docker",
            ".local/share/containers/storage",
            ".local/share/libvirt/images",
            ".local/share/gnome-boxes/images",
            ".local/share/flatpak",
            ".local/share/Steam",
            ".steam",
            ".vagrant.d/boxes",
            ".minikube/cache",
            ".docker/desktop/vms",
            ".lima/*/*disk",
            "**/*.{qcow2,vmdk,vdi,vhd,vhdx,img,iso,dmg,rawdisk}",
            "**/*.{mp4,mkv,mov,avi,webm,mp3,flac,wav,m4a}",
        ],
    ),
    ("trash", &[".local/share/Trash", ".Trash"]),
];

/// How the walk is bounded.
#[derive(Debug, Clone)]
pub struct HomeWalkOptions {
    /// Globs (see [`DEFAULT_SKIPS`]) to leave out as well.
    pub skips: Vec<String>,
    /// Apply [`DEFAULT_SKIPS`].
    pub default_skips: bool,
    /// Stop opening files once this many bytes are spoken for.
    pub budget: u64,
    /// Leave out files larger than this.
    pub max_file: u64,
}

impl Default for HomeWalkOptions {
    fn default() -> Self {
        HomeWalkOptions { skips: Vec::new(), default_skips: true, budget: DEFAULT_BUDGET, max_file: DEFAULT_MAX_FILE }
    }
}

/// One walk of one home directory.
pub struct HomeWalk {
    home: PathBuf,
    threads: usize,
    file_budget: Option<Duration>,
    max_findings_per_file: Option<usize>,
    rules: Arc<Rules>,
}

/// What decides, entry by entry, whether the walk goes on; shared with the walker threads.
struct Rules {
    home: PathBuf,
    skips: GlobSet,
    /// The reason counted for each glob of `skips`, by index.
    reasons: Vec<&'static str>,
    /// Catalogue stores: read by the catalogue, never walked.
    catalogue: HashSet<PathBuf>,
    /// The workspace, when it is inside the home: scanned as the workspace already.
    workspace: Option<PathBuf>,
    max_file: u64,
    budget: u64,
    reserved: AtomicU64,
    skipped: Mutex<BTreeMap<String, u64>>,
}

impl HomeWalk {
    /// A walk of `home` under `options`; `catalogue` lists the stores the catalogue reads
    /// (as it names them), `workspace` the directory already scanned as the workspace.
    pub fn new(
        home: &Path,
        options: &HomeWalkOptions,
        catalogue: HashSet<PathBuf>,
        workspace: Option<&Path>,
    ) -> Result<Self> {
        let (skips, reasons) = skip_set(options)?;
        let rules = Rules {
            home: home.to_path_buf(),
            skips,
            reasons,
            catalogue,
            workspace: workspace.filter(|w| w.starts_with(home)).map(Path::to_path_buf),
            max_file: options.max_file,
            budget: options.budget,
            reserved: AtomicU64::new(0),
            skipped: Mutex::new(BTreeMap::new()),
        };
        Ok(HomeWalk {
            home: home.to_path_buf(),
            threads: 0,
            file_budget: None,
            max_findings_per_file: None,
            rules: Arc::new(rules),
        })
    }

    /// Worker threads (0: one per CPU), and the time one file's scan may take and the
    /// findings it may make.
    pub fn with_limits(mut self, threads: usize, limits: Limits) -> Self {
        self.threads = threads;
        self.file_budget = limits.time;
        self.max_findings_per_file = limits.findings;
        self
    }

    /// Walks the home, calling `visit` for each file (each chunk of a file over the chunk
    /// size), and counts what it left out. Walker statistics land in `stats`.
    pub fn run(&self, stats: &WalkStats, visit: &Visit<'_>) -> Result<()> {
        if !self.home.is_dir() {
            return Ok(());
        }
        let options = WalkOptions {
            roots: vec![self.home.clone()],
            threads: self.threads,
            max_file_size: self.rules.max_file,
            excludes: Vec::new(),
            // An agent reads the home whatever a file there says: no ignore files, no config.
            config_excludes: None,
            read_ignore_files: false,
            file_budget: self.file_budget,
            max_findings_per_file: self.max_findings_per_file,
        };
        let rules = Arc::clone(&self.rules);
        walk::walk_filtered(&options, stats, move |entry| rules.keep(entry), visit)
    }

    /// What the walk covered, with the reader's own skips (binary, unreadable, …) added.
    pub fn stats(&self, stats: &WalkStats) -> HomeStats {
        let mut skipped = self.rules.skipped.lock().unwrap_or_else(|e| e.into_inner()).clone();
        for (reason, count) in reader_skips(&stats.skipped()) {
            if count > 0 {
                *skipped.entry(reason.to_string()).or_default() += count;
            }
        }
        HomeStats {
            stores: BTreeMap::new(),
            walked: true,
            walked_files: stats.files.load(Ordering::Relaxed),
            walked_bytes: stats.bytes.load(Ordering::Relaxed),
            skipped,
            budget: self.rules.budget,
            max_file: self.rules.max_file,
        }
    }
}

impl Rules {
    /// Walk into this directory, open this file? Counts the reason when not.
    fn keep(&self, entry: &ignore::DirEntry) -> bool {
        let Ok(relative) = entry.path().strip_prefix(&self.home) else { return true };
        let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
        if !in_walked_places(relative, entry.depth(), is_dir) {
            return false;
        }
        if is_dir && self.workspace.as_deref() == Some(entry.path()) {
            self.count("workspace");
            return false;
        }
        if let Some(index) = self.skips.matches(relative).first() {
            self.count(self.reasons[*index]);
            return false;
        }
        if !is_dir && self.catalogue.contains(entry.path()) {
            // The catalogue reads (and checks) its own stores, symlinked ones included.
            return false;
        }
        if is_dir || !entry.file_type().is_some_and(|t| t.is_file()) {
            // Symlinks and special files: the reader counts them as not regular.
            return true;
        }
        self.fits(entry.metadata().map_or(0, |m| m.len()))
    }

    /// Does a file of `len` bytes fit the per-file cap and what is left of the budget?
    /// A file that fits takes its share of the budget.
    fn fits(&self, len: u64) -> bool {
        if len > self.max_file {
            self.count(OVER_MAX_FILE);
            return false;
        }
        let budget = self.budget;
        let reserved = self.reserved.fetch_update(Ordering::Relaxed, Ordering::Relaxed, |used| {
            used.checked_add(len).filter(|total| *total <= budget)
        });
        if reserved.is_err() {
            self.count(OVER_BUDGET);
            return false;
        }
        true
    }

    fn count(&self, reason: &str) {
        let mut skipped = self.skipped.lock().unwrap_or_else(|e| e.into_inner());
        *skipped.entry(reason.to_string()).or_default() += 1;
    }
}

/// The places walked: dot entries of the home, and two folders of macOS `~/Library`.
fn in_walked_places(relative: &Path, depth: usize, is_dir: bool) -> bool {
    let mut components = relative.components().map(|c| c.as_os_str());
    let Some(top) = components.next() else { return true };
    if top.as_encoded_bytes().starts_with(b".") {
        return true;
    }
    if top != OsStr::new("Library") || (depth == 1 && !is_dir) {
        return false;
    }
    match components.next() {
        None => true,
        Some(second) => second == OsStr::new("Application Support") || second == OsStr::new("Preferences"),
    }
}

/// The skip globs in force and the reason of each.
fn skip_set(options: &HomeWalkOptions) -> Result<(GlobSet, Vec<&'static str>)> {
    let mut builder = GlobSetBuilder::new();
    let mut reasons = Vec::new();
    let defaults = DEFAULT_SKIPS.iter().filter(|_| options.default_skips);
    let defaults = defaults.flat_map(|(reason, globs)| globs.iter().map(move |g| (*reason, g.to_string())));
    let extra = options.skips.iter().map(|g| (USER_SKIP, g.trim_end_matches('/').to_string()));
    for (reason, glob) in defaults.chain(extra) {
        let compiled = GlobBuilder::new(&glob)
            .literal_separator(true)
            .build()
            .map_err(|e| anyhow!("invalid --home-skip glob `{glob}`: {e}"))?;
        builder.add(compiled);
        reasons.push(reason);
    }
    Ok((builder.build()?, reasons))
}

/// The reader's skip counts under the names the home stats use.
fn reader_skips(counts: &SkipCounts) -> [(&'static str, u64); 5] {
    [
        ("binary", counts.binary),
        ("too large", counts.too_large),
        ("unreadable", counts.unreadable),
        ("not a regular file", counts.not_regular),
        ("timed out", counts.timed_out),
    ]
}

/// The extractor for a walked file: by name where the workspace rules know it, then the
/// conventions of config and state directories (`*.conf`, `*.ini`, `*.properties`, a
/// file named `token` holding one value). `Plain` when none applies.
pub fn format_for(path: &Path) -> Format {
    if let Some(format) = extract::format_for_name(path) {
        return format;
    }
    let name = path.file_name().map(|n| n.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
    let ext = path.extension().map(|e| e.to_string_lossy().to_ascii_lowercase());
    match (name.as_str(), ext.as_deref()) {
        (_, Some("ini" | "cfg" | "conf")) | ("credentials" | "config", None) => Format::Ini,
        (_, Some("properties")) => Format::Dotenv,
        (n, _) if is_token_file(n) => Format::Raw,
        _ => Format::Plain,
    }
}

/// `token`, `access-token`, `api_key`, `auth_token`, `*.token`: files that hold one secret.
fn is_token_file(name: &str) -> bool {
    let stem = name.strip_suffix(".txt").unwrap_or(name);
    stem.ends_with("token") || stem.ends_with("api_key") || stem.ends_with("apikey")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_dot_entries_and_two_library_folders_are_walked() {
        let walked = |p: &str, depth: usize, is_dir: bool| in_walked_places(Path::new(p), depth, is_dir);
        assert!(walked(".config", 1, true));
        assert!(walked(".bashrc", 1, false));
        assert!(walked(".config/tool/token", 3, false));
        assert!(!walked("Documents", 1, true));
        assert!(!walked("notes.txt", 1, false));
        assert!(walked("Library", 1, true));
        assert!(walked("Library/Application Support/tool/config.json", 4, false));
        assert!(walked("Library/Preferences", 2, true));
        assert!(!walked("Library/Mail", 2, true));
        assert!(!walked("Library", 1, false));
    }

    #[test]
    fn default_skips_match_by_kind_and_globs_stay_in_one_component() {
        let (set, reasons) = skip_set(&HomeWalkOptions::default()).unwrap();
        let reason = |p: &str| set.matches(p).first().map(|i| reasons[*i]);
        assert_eq!(reason(".cache"), Some("cache"));
        assert_eq!(reason(".config/Code/Cache"), Some("cache"));
        assert_eq!(reason(".config/sometool/node_modules"), Some("package cache or toolchain"));
        assert_eq!(reason(".config/google-chrome"), Some("browser profile"));
        assert_eq!(reason(".dotfiles/.git/objects"), Some("vcs objects"));
        assert_eq!(reason(".local/share/vm/disk.qcow2"), Some("large binary store"));
        assert_eq!(reason(".config/sometool"), None);
        assert_eq!(reason(".config/sometool/cache.json"), None);
        assert_eq!(reason(".local/state/x/token"), None);

        let options =
            HomeWalkOptions { default_skips: false, skips: vec![".config/noisy/".into()], ..Default::default() };
        let (set, reasons) = skip_set(&options).unwrap();
        assert!(set.matches(".cache").is_empty(), "defaults dropped");
        assert_eq!(reasons[set.matches(".config/noisy")[0]], USER_SKIP);
        assert!(skip_set(&HomeWalkOptions { skips: vec!["a/{b".into()], ..Default::default() }).is_err());
    }

    #[test]
    fn files_fit_the_cap_and_the_budget_until_it_is_spent() {
        let options = HomeWalkOptions { budget: 100, max_file: 60, ..Default::default() };
        let walk = HomeWalk::new(Path::new("/h"), &options, HashSet::new(), None).unwrap();
        let rules = &walk.rules;
        assert!(!rules.fits(61));
        assert!(rules.fits(60));
        assert!(rules.fits(40));
        assert!(!rules.fits(1));
        assert!(rules.fits(0));
        let skipped = rules.skipped.lock().unwrap().clone();
        assert_eq!(skipped, BTreeMap::from([(OVER_MAX_FILE.to_string(), 1), (OVER_BUDGET.to_string(), 1)]));
    }

    #[test]
    fn walked_files_get_formats_from_config_conventions() {
        assert_eq!(format_for(Path::new("/h/.config/t/credentials.json")), Format::Json);
        assert_eq!(format_for(Path::new("/h/.config/t/settings.conf")), Format::Ini);
        assert_eq!(format_for(Path::new("/h/.local/state/x/token")), Format::Raw);
        assert_eq!(format_for(Path::new("/h/.t/access-token")), Format::Raw);
        assert_eq!(format_for(Path::new("/h/.t/app.properties")), Format::Dotenv);
        assert_eq!(format_for(Path::new("/h/.t/notes.md")), Format::Plain);
    }
}
