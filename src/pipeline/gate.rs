//! The pre-commit and CI gate: a scan of a tree, of what the next commit adds, or of git
//! history, under the scanned repository's `.blastradius.toml`, `.blastradiusignore` and
//! baseline. In: [`ScanOptions`]. Out: a classified, ranked [`ScanRun`].

use super::baseline::Baseline;
use super::config::Config;
use super::Progress;
use crate::classify;
use crate::engine::detect::DetectorSet;
use crate::engine::scan::Scanner;
use crate::model::finding::{FailOn, Finding};
use crate::model::result::{ConfigThreshold, Origin, ScanResult};
use crate::source::budget::{self, Limits};
use crate::source::git::{self, history::HistoryOptions};
use crate::source::ignore::{ConfigExcludes, PathFilter};
use crate::source::walk::{self, WalkOptions};
use anyhow::Result;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// Engine limits and extra detectors, shared by every command that scans.
#[derive(Debug, Clone)]
pub struct EngineOptions {
    /// Worker threads; 0 means one per CPU.
    pub threads: usize,
    /// Files larger than this are skipped (files over 8 MiB are read in chunks).
    pub max_file_size: u64,
    /// Time one file's scan may take; `None`: unlimited.
    pub file_timeout: Option<Duration>,
    /// Findings one file, blob or store may produce ([`DEFAULT_MAX_FINDINGS_PER_FILE`]);
    /// `None`: unlimited.
    pub max_findings_per_file: Option<usize>,
    /// Findings one run reports, the highest-ranked kept ([`DEFAULT_MAX_FINDINGS`]);
    /// `None`: unlimited.
    pub max_findings: Option<usize>,
    /// Key for fingerprints (`BLASTRADIUS_FINGERPRINT_KEY`); `None`: unkeyed.
    pub fingerprint_key: Option<crate::model::finding::Secret>,
    /// Globs (gitignore syntax) of paths to leave out.
    pub excludes: Vec<String>,
    /// Directories of extra detector files.
    pub detectors: Vec<PathBuf>,
}

/// The default per-file findings cap: a file with more is a generated or hostile file,
/// and a thousand of its findings say all a report can say about it.
pub const DEFAULT_MAX_FINDINGS_PER_FILE: usize = 1_000;
/// The default per-run findings cap: twice what GitHub code scanning takes in one run.
pub const DEFAULT_MAX_FINDINGS: usize = 10_000;

impl Default for EngineOptions {
    fn default() -> Self {
        EngineOptions {
            threads: 0,
            max_file_size: 256 * 1024 * 1024,
            file_timeout: Some(Duration::from_secs(30)),
            max_findings_per_file: Some(DEFAULT_MAX_FINDINGS_PER_FILE),
            max_findings: Some(DEFAULT_MAX_FINDINGS),
            fingerprint_key: None,
            excludes: Vec::new(),
            detectors: Vec::new(),
        }
    }
}

impl EngineOptions {
    /// Walk options for `roots` under these limits.
    pub fn walk(&self, roots: Vec<PathBuf>) -> WalkOptions {
        WalkOptions {
            roots,
            threads: self.threads,
            max_file_size: self.max_file_size,
            excludes: self.excludes.clone(),
            config_excludes: None,
            read_ignore_files: true,
            file_budget: self.file_timeout,
            max_findings_per_file: self.max_findings_per_file,
        }
    }

    /// The budget of one file, blob or store.
    pub fn file_limits(&self) -> Limits {
        Limits { time: self.file_timeout, findings: self.max_findings_per_file }
    }
}

/// Keeps the `max` highest-ranked findings (they are in rank order) and records the caps
/// in force and what the run cap dropped in `result.stats.capped`.
pub fn cap_run(result: &mut ScanResult, engine: &EngineOptions) {
    let capped = &mut result.stats.capped;
    capped.max_findings_per_file = engine.max_findings_per_file;
    capped.max_findings = engine.max_findings;
    let Some(max) = engine.max_findings else { return };
    if result.findings.len() > max {
        capped.findings_dropped = (result.findings.len() - max) as u64;
        result.findings.truncate(max);
        result.warnings.push(format!(
            "more than {max} findings: only the {max} highest-ranked reported, {} left out (raise --max-findings)",
            capped.findings_dropped
        ));
    }
}

/// What to scan.
#[derive(Debug, Clone)]
pub enum Mode {
    /// Files and directories (`.` when empty).
    Tree(Vec<PathBuf>),
    /// What the next commit would add, in the repository containing the path.
    Staged(PathBuf),
    /// Every blob in the history of the repository containing `repo`, or only in
    /// commits after `since`.
    History { repo: PathBuf, since: Option<String> },
}

/// Where settings come from.
#[derive(Debug, Clone, Default)]
pub enum ConfigChoice {
    /// `.blastradius.toml` in the scanned root, if there is one.
    #[default]
    Discover,
    /// This file, which must exist.
    File(PathBuf),
    /// No config file at all, whatever the scanned tree holds (`--no-config`); the
    /// tree's `.blastradiusignore` files are not read either.
    Ignore,
}

/// Everything one gate scan needs.
#[derive(Debug, Clone)]
pub struct ScanOptions {
    pub mode: Mode,
    pub engine: EngineOptions,
    pub config: ConfigChoice,
    /// Report only credentials not in this baseline (the config's when `None`).
    pub baseline: Option<PathBuf>,
    /// The failure threshold asked for on the command line (the config's when `None`).
    pub fail_on: Option<FailOn>,
    /// Ask providers (read-only) between classification and ranking.
    pub introspect: Option<crate::introspect::Options>,
}

/// What a gate scan produced.
pub struct ScanRun {
    pub scanner: Scanner,
    pub result: ScanResult,
    /// The threshold that decides the exit code: the flag's, else the config's, else `low`.
    pub fail_on: FailOn,
    /// The directory settings were read from (the repository root for git scans): SARIF
    /// paths and provenance are relative to it.
    pub root: PathBuf,
}

/// Settings after merging the config file under the options (options win; list
/// settings such as excludes and detectors add up). What came from the config file is
/// kept apart: its excludes are counted in the report and its detectors may only add.
#[derive(Debug, Clone)]
pub struct Settings {
    /// `--exclude` globs.
    pub excludes: Vec<String>,
    /// The config's `exclude` globs, relative to the scanned root.
    pub config_excludes: Option<ConfigExcludes>,
    /// `--detectors` directories: a detector there may replace a built-in one.
    pub detectors: Vec<PathBuf>,
    /// The config's `detectors` directories: they may only add detectors.
    pub config_detectors: Vec<PathBuf>,
    /// Read `.blastradiusignore` files (not under `--no-config`).
    pub read_ignore_files: bool,
    pub fail_on: Option<FailOn>,
    /// The config file `fail_on` came from, when `--fail-on` did not set it.
    pub fail_on_file: Option<PathBuf>,
    pub baseline: Option<PathBuf>,
}

impl Settings {
    /// Loads the config for `root` (or the chosen file) and lays the options over it.
    pub fn resolve(
        engine: &EngineOptions,
        config: &ConfigChoice,
        baseline: Option<&Path>,
        fail_on: Option<FailOn>,
        root: &Path,
    ) -> Result<Self> {
        let read_ignore_files = !matches!(config, ConfigChoice::Ignore);
        let in_tree = read_ignore_files;
        let config = match config {
            ConfigChoice::Discover => Config::discover(None, &config_root(root))?,
            ConfigChoice::File(path) => Config::load(path)?,
            ConfigChoice::Ignore => Config::default(),
        };
        let config_excludes = (!config.exclude.is_empty()).then(|| ConfigExcludes {
            file: config.file.clone().unwrap_or_default(),
            root: config_root(root),
            globs: config.exclude,
        });
        let default_baseline = || Some(default_baseline_path(root)).filter(|path| in_tree && path.is_file());
        Ok(Settings {
            excludes: engine.excludes.clone(),
            config_excludes,
            detectors: engine.detectors.clone(),
            config_detectors: config.detectors,
            read_ignore_files,
            fail_on_file: config.file.clone().filter(|_| fail_on.is_none() && config.fail_on.is_some()),
            fail_on: fail_on.or(config.fail_on),
            baseline: baseline.map(Path::to_path_buf).or(config.baseline).or_else(default_baseline),
        })
    }

    /// The detectors these settings ask for, with a warning for each config detector
    /// that tried to redefine an existing id (the existing one is kept).
    pub fn detector_set(&self) -> Result<(DetectorSet, Vec<String>)> {
        DetectorSet::load_layers(&self.detectors, &self.config_detectors)
    }

    /// Walk options for `roots` under `engine`'s limits and these settings.
    pub fn walk(&self, engine: &EngineOptions, roots: Vec<PathBuf>) -> WalkOptions {
        WalkOptions {
            excludes: self.excludes.clone(),
            config_excludes: self.config_excludes.clone(),
            read_ignore_files: self.read_ignore_files,
            ..engine.walk(roots)
        }
    }

    /// The filter for git scans of the repository at `root`.
    fn path_filter(&self, root: &Path) -> Result<PathFilter> {
        let ignore_root = Some(root).filter(|p| p.is_dir() && self.read_ignore_files);
        PathFilter::new(ignore_root, &self.excludes, self.config_excludes.as_ref(), &walk::read_ignore_file)
    }
}

/// Where the default baseline of a scan of `root` lives: `.blastradius-baseline.json`
/// beside the config file. Scans use it when it exists; `baseline create` writes it.
pub fn default_baseline_path(root: &Path) -> PathBuf {
    config_root(root).join(super::baseline::DEFAULT_BASELINE)
}

/// Where config and ignore files live for a scan of `path`: the path itself when it
/// is a directory, else its directory.
fn config_root(path: &Path) -> PathBuf {
    if path.is_dir() {
        path.to_path_buf()
    } else {
        path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new(".")).to_path_buf()
    }
}

/// The work tree root of the repository containing `path`, for config and ignore files.
fn repo_root(path: &Path) -> Result<PathBuf> {
    let repo = git::discover(path)?;
    Ok(repo.workdir().unwrap_or(repo.git_dir()).to_path_buf())
}

/// Runs a gate scan: settings, detectors, the scan itself, classification (and
/// introspection when asked), ranking, then the baseline.
pub fn scan(options: &ScanOptions, progress: &dyn Progress) -> Result<ScanRun> {
    let root = match &options.mode {
        Mode::Tree(roots) => roots.first().cloned().unwrap_or_else(|| PathBuf::from(".")),
        Mode::Staged(repo) | Mode::History { repo, .. } => repo_root(repo).unwrap_or_else(|_| repo.clone()),
    };
    let settings =
        Settings::resolve(&options.engine, &options.config, options.baseline.as_deref(), options.fail_on, &root)?;
    let (detectors, detector_warnings) = settings.detector_set()?;
    let scanner = Scanner::new(detectors).with_fingerprint_key(options.engine.fingerprint_key.clone());
    let mut result = scan_mode(&scanner, options, &settings, &root, progress)?;
    result.warnings.extend(detector_warnings);
    result.stats.inline_allowed = scanner.inline_allowed();
    match &options.introspect {
        Some(introspect) => crate::introspect::finish_introspected(&scanner, &mut result.findings, introspect),
        None => classify::finish(&scanner, &mut result.findings),
    }
    if let Some(path) = &settings.baseline {
        let report_stale = !matches!(options.mode, Mode::Staged(_));
        apply_baseline(&mut result, &scanner, path, report_stale)?;
    }
    cap_run(&mut result, &options.engine);
    let fail_on = settings.fail_on.unwrap_or(FailOn::Low);
    if let Some(file) = &settings.fail_on_file {
        result.stats.fail_on_from_config = Some(config_threshold(&result, fail_on, file, &root));
    }
    Ok(ScanRun { scanner, result, fail_on, root })
}

/// What a config file's `fail-on` does to this run: the credentials it lets pass.
fn config_threshold(result: &ScanResult, fail_on: FailOn, file: &Path, root: &Path) -> ConfigThreshold {
    let passing = |f: &&Finding| fail_on.threshold().is_none_or(|t| f.severity < t);
    let credentials: HashSet<&str> = result.findings.iter().filter(passing).map(|f| f.credential.as_str()).collect();
    ConfigThreshold {
        file: file.strip_prefix(root).unwrap_or(file).to_string_lossy().into_owned(),
        fail_on: fail_on.as_str().to_string(),
        not_failing: credentials.len() as u64,
    }
}

fn scan_mode(
    scanner: &Scanner,
    options: &ScanOptions,
    settings: &Settings,
    root: &Path,
    progress: &dyn Progress,
) -> Result<ScanResult> {
    let capped = AtomicU64::new(0);
    let scan_buffer = |buf: &[u8], origin: Origin<'_>| capped_scan(scanner, &options.engine, &capped, buf, origin);
    let limit = walk::buffer_limit(options.engine.max_file_size);
    let (mut result, filter) = match &options.mode {
        Mode::Tree(roots) => {
            let roots = if roots.is_empty() { vec![PathBuf::from(".")] } else { roots.clone() };
            return scanner.scan_tree(&settings.walk(&options.engine, roots), &|| progress.file());
        }
        Mode::Staged(repo) => {
            let filter = settings.path_filter(root)?;
            (git::staged::scan(&scan_buffer, repo, Some(&filter), limit)?, filter)
        }
        Mode::History { repo, since } => {
            let filter = settings.path_filter(root)?;
            let ticks = super::HistoryTicks(progress);
            let history = HistoryOptions {
                since: since.as_deref(),
                max_file_size: limit,
                filter: Some(&filter),
                progress: Some(&ticks),
            };
            (git::history::scan_with(&scan_buffer, repo, &history)?, filter)
        }
    };
    result.stats.hidden_by_tree_rules = filter.hidden.counts();
    result.stats.capped.files_capped = capped.into_inner();
    if result.stats.capped.files_capped > 0 {
        result.warnings.push(format!(
            "{} blobs had more findings than --max-findings-per-file; only their first ones reported",
            result.stats.capped.files_capped
        ));
    }
    Ok(result)
}

/// One blob's findings under the per-file cap; `capped` counts the blobs it cut short.
pub fn capped_scan(
    scanner: &Scanner,
    engine: &EngineOptions,
    capped: &AtomicU64,
    buf: &[u8],
    origin: Origin<'_>,
) -> Vec<Finding> {
    let limits = Limits { time: None, findings: engine.max_findings_per_file };
    let (found, outcome) = budget::within(limits, || {
        let mut found = scanner.findings_in(buf, origin);
        budget::keep(&mut found);
        found
    });
    if outcome.capped {
        capped.fetch_add(1, Ordering::Relaxed);
    }
    found
}

/// Drops the findings recorded in the baseline at `path` and records what it did in
/// `result.stats.baseline` (stale entries only when `report_stale`). Call after
/// classification, which the fingerprints do not depend on, so any command can use it.
pub fn apply_baseline(result: &mut ScanResult, scanner: &Scanner, path: &Path, report_stale: bool) -> Result<()> {
    let baseline = Baseline::load(path)?;
    baseline.check_scheme(scanner.fingerprints.scheme(), path)?;
    result.stats.baseline = Some(baseline.apply(&mut result.findings, report_stale));
    Ok(())
}

/// The baseline recording every credential found in `roots` (default `.`), under the
/// first root's config.
pub fn baseline_of(roots: Vec<PathBuf>, engine: &EngineOptions, config: &ConfigChoice) -> Result<Baseline> {
    let roots = if roots.is_empty() { vec![PathBuf::from(".")] } else { roots };
    let settings = Settings::resolve(engine, config, None, None, &roots[0])?;
    let scanner = Scanner::new(settings.detector_set()?.0).with_fingerprint_key(engine.fingerprint_key.clone());
    let mut result = scanner.scan_tree(&settings.walk(engine, roots), &|| {})?;
    classify::finish(&scanner, &mut result.findings);
    Ok(Baseline::from_findings(&result.findings, scanner.fingerprints.scheme()))
}
