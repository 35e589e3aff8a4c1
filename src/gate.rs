//! The pre-commit and CI gate: `scan --staged`, `scan --git-history`, config files,
//! baselines, `hook` and `baseline` commands. [`crate::run`] dispatches here.

use crate::baseline::Baseline;
use crate::cli::{EngineArgs, FailOn, OutputArgs, ScanArgs, SuppressArgs};
use crate::config::Config;
use crate::git::{self, history::HistoryOptions, hook};
use crate::scan::{self, ScanResult, Scanner};
use crate::suppress::PathFilter;
use crate::walk::{self, WalkOptions};
use anyhow::Result;
use std::path::{Path, PathBuf};

/// Settings after merging the config file under the command line (flags win; list
/// settings such as excludes and detectors add up).
#[derive(Debug, Clone)]
pub struct Settings {
    pub excludes: Vec<String>,
    pub detectors: Vec<PathBuf>,
    pub fail_on: Option<FailOn>,
    pub baseline: Option<PathBuf>,
}

impl Settings {
    /// Loads the config for `root` (or `suppress.config`) and lays the flags over it.
    pub fn resolve(engine: &EngineArgs, suppress: &SuppressArgs, fail_on: Option<FailOn>, root: &Path) -> Result<Self> {
        let config = Config::discover(suppress.config.as_deref(), &config_root(root))?;
        Ok(Settings {
            excludes: config.exclude.into_iter().chain(engine.exclude.iter().cloned()).collect(),
            detectors: config.detectors.into_iter().chain(engine.detectors.iter().cloned()).collect(),
            fail_on: fail_on.or(config.fail_on),
            baseline: suppress.baseline.clone().or(config.baseline),
        })
    }
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

/// Runs `scan` with its git and suppression flags and writes the report.
pub fn scan_command(args: ScanArgs) -> Result<i32> {
    let roots = if args.paths.is_empty() { vec![PathBuf::from(".")] } else { args.paths.clone() };
    let git_mode = args.staged || args.git_history;
    if git_mode && roots.len() > 1 {
        anyhow::bail!("--staged and --git-history take at most one repository path");
    }
    let settings_root =
        if git_mode { repo_root(&roots[0]).unwrap_or_else(|_| roots[0].clone()) } else { roots[0].clone() };
    let settings = Settings::resolve(&args.engine, &args.suppress, args.output.fail_on, &settings_root)?;
    let scanner = Scanner::new(crate::run::load_detectors(&settings.detectors)?);
    let mut result = if git_mode {
        let filter =
            PathFilter::new(Some(&settings_root).filter(|p| p.is_dir()).map(PathBuf::as_path), &settings.excludes)?;
        if args.staged {
            git::staged::scan(&scanner, &roots[0], Some(&filter), walk::buffer_limit(args.engine.max_file_size))?
        } else {
            let options = HistoryOptions {
                since: args.since.as_deref(),
                max_file_size: walk::buffer_limit(args.engine.max_file_size),
                filter: Some(&filter),
            };
            git::history::scan_with(&scanner, &roots[0], &options)?
        }
    } else {
        let options = WalkOptions {
            roots,
            threads: args.engine.threads.unwrap_or(0),
            max_file_size: args.engine.max_file_size,
            excludes: settings.excludes.clone(),
            file_budget: Some(args.engine.file_timeout),
        };
        crate::run::scan_tree_with_progress(&scanner, &options, args.output.quiet)?
    };
    crate::run::finish_findings(&scanner, &mut result.findings, args.introspect, &args.network)?;
    if let Some(path) = &settings.baseline {
        apply_baseline(&mut result, path, !args.staged, args.output.quiet)?;
    }
    let output = OutputArgs { fail_on: settings.fail_on, ..args.output };
    let code = crate::run::emit_in(&scanner, &result, &output, &settings_root)?;
    if args.staged && code == crate::run::EXIT_FINDINGS {
        eprintln!("{}", BLOCKED_HINT);
    }
    Ok(code)
}

/// Printed when a staged scan fails, so a blocked commit says what to do.
const BLOCKED_HINT: &str = "\
blastradius: commit blocked: the staged changes add the credentials above.
  - remove them from the files and `git add` again, and rotate any that are real;
  - a false positive or accepted value: add `blastradius:allow` in a comment on that line,
    or record it with `blastradius baseline create -o .blastradius-baseline.json`;
  - to bypass this check once: git commit --no-verify";

/// Drops the findings recorded in the baseline at `path`, lists stale entries on stderr
/// (unless `quiet`) and records both in `result.stats.baseline`. Call after
/// [`scan::finish`]; other commands (`reach`) use it for their `--baseline`.
pub fn apply_baseline(result: &mut ScanResult, path: &Path, report_stale: bool, quiet: bool) -> Result<()> {
    let baseline = Baseline::load(path)?;
    let stats = baseline.apply(&mut result.findings, report_stale);
    if !quiet && !stats.stale.is_empty() {
        eprintln!(
            "baseline: {} of {} entries in {} no longer match anything; remove them once the credentials are rotated:",
            stats.stale.len(),
            stats.entries,
            path.display()
        );
        for entry in &stats.stale {
            eprintln!(
                "  {} {} ({})",
                entry.rule_id,
                entry.secret_redacted,
                &entry.fingerprint[..12.min(entry.fingerprint.len())]
            );
        }
    }
    result.stats.baseline = Some(stats);
    Ok(())
}

/// `baseline create -o FILE [PATH]...`: scans the paths and records every credential.
pub fn baseline_create(
    paths: Vec<PathBuf>,
    output: &Path,
    engine: &EngineArgs,
    config: Option<PathBuf>,
) -> Result<i32> {
    let roots = if paths.is_empty() { vec![PathBuf::from(".")] } else { paths };
    let suppress = SuppressArgs { baseline: None, config };
    let settings = Settings::resolve(engine, &suppress, None, &roots[0])?;
    let scanner = Scanner::new(crate::run::load_detectors(&settings.detectors)?);
    let options = WalkOptions {
        roots,
        threads: engine.threads.unwrap_or(0),
        max_file_size: engine.max_file_size,
        excludes: settings.excludes,
        file_budget: Some(engine.file_timeout),
    };
    let mut result = scanner.scan_tree(&options, &|| {})?;
    scan::finish(&scanner, &mut result.findings);
    let baseline = Baseline::from_findings(&result.findings);
    baseline.save(output)?;
    eprintln!("baseline: wrote {} credentials to {}", baseline.entries.len(), output.display());
    Ok(crate::run::EXIT_CLEAN)
}

/// `hook install [--force]`.
pub fn hook_install(force: bool) -> Result<i32> {
    match hook::install(Path::new("."), force)? {
        hook::Installed::Created(path) => eprintln!("installed pre-commit hook at {}", path.display()),
        hook::Installed::Updated(path) => eprintln!("updated pre-commit hook at {}", path.display()),
        hook::Installed::Replaced { hook, backup } => {
            eprintln!("replaced pre-commit hook at {} (old hook kept as {})", hook.display(), backup.display())
        }
    }
    Ok(crate::run::EXIT_CLEAN)
}

/// `hook uninstall`.
pub fn hook_uninstall() -> Result<i32> {
    match hook::uninstall(Path::new("."))? {
        Some(path) => eprintln!("removed pre-commit hook {}", path.display()),
        None => eprintln!("no pre-commit hook installed"),
    }
    Ok(crate::run::EXIT_CLEAN)
}
