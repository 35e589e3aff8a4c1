//! The one place flags become library values: each function takes parsed arguments and
//! returns the option struct a library stage takes.

use super::cli::{EngineArgs, HomeWalkArgs, NetworkArgs, OutputArgs, ReachArgs, ScanArgs};
use anyhow::Result;
use blastradius::introspect;
use blastradius::model::finding::Secret;
use blastradius::pipeline::gate::{ConfigChoice, EngineOptions, Mode, ScanOptions};
use blastradius::pipeline::reach::ReachOptions;
use blastradius::source::home::walk::HomeWalkOptions;
use std::path::PathBuf;

/// Engine limits and extra detectors.
pub fn engine(args: &EngineArgs) -> EngineOptions {
    EngineOptions {
        threads: args.threads.unwrap_or(0),
        max_file_size: args.max_file_size,
        file_timeout: Some(args.file_timeout),
        max_findings_per_file: cap(args.max_findings_per_file),
        max_findings: cap(args.max_findings),
        fingerprint_key: fingerprint_key(),
        excludes: args.exclude.clone(),
        detectors: args.detectors.clone(),
    }
}

/// The fingerprint key from `BLASTRADIUS_FINGERPRINT_KEY` (never a flag: a flag shows
/// in the process list and shell history).
fn fingerprint_key() -> Option<Secret> {
    std::env::var(FINGERPRINT_KEY_VAR).ok().filter(|k| !k.is_empty()).map(Secret::new)
}

/// The variable holding the fingerprint key.
pub const FINGERPRINT_KEY_VAR: &str = "BLASTRADIUS_FINGERPRINT_KEY";

/// A cap from the command line, where 0 means none.
fn cap(n: usize) -> Option<usize> {
    (n > 0).then_some(n)
}

/// Introspection limits, or `None` when introspection was not asked for.
pub fn introspection(asked: bool, net: &NetworkArgs) -> Result<Option<introspect::Options>> {
    if !asked {
        return Ok(None);
    }
    Ok(Some(network(net)?))
}

/// Introspection limits and endpoint overrides (command line only, never a file).
pub fn network(net: &NetworkArgs) -> Result<introspect::Options> {
    introspect::Options::from_args(&net.endpoint, net.introspect_timeout, net.max_requests)
}

/// A config file named on the command line, else discovery in the scanned root.
pub fn config(file: Option<PathBuf>) -> ConfigChoice {
    file.map_or(ConfigChoice::Discover, ConfigChoice::File)
}

/// `scan`'s config flags: `--no-config` refuses every settings file in the tree.
fn scan_config(args: &super::cli::SuppressArgs) -> ConfigChoice {
    if args.no_config {
        ConfigChoice::Ignore
    } else {
        config(args.config.clone())
    }
}

/// `scan`'s flags as a gate scan.
pub fn scan(args: &ScanArgs) -> Result<ScanOptions> {
    let first = || args.paths.first().cloned().unwrap_or_else(|| PathBuf::from("."));
    let mode = if args.staged {
        Mode::Staged(first())
    } else if args.git_history {
        Mode::History { repo: first(), since: args.since.clone() }
    } else {
        Mode::Tree(args.paths.clone())
    };
    if !matches!(mode, Mode::Tree(_)) && args.paths.len() > 1 {
        anyhow::bail!("--staged and --git-history take at most one repository path");
    }
    Ok(ScanOptions {
        mode,
        engine: engine(&args.engine),
        config: scan_config(&args.suppress),
        baseline: args.suppress.baseline.clone(),
        fail_on: args.output.fail_on,
        introspect: introspection(args.introspect, &args.network)?,
    })
}

/// `reach`'s flags.
pub fn reach(args: &ReachArgs) -> Result<ReachOptions> {
    Ok(ReachOptions {
        workspace: args.workspace.clone(),
        home: args.home.clone(),
        agent: args.agent.clone(),
        env: !args.no_env,
        history: !args.no_history,
        git_history: !args.no_git_history,
        home_walk: home_walk(&args.home_walk),
        engine: engine(&args.engine),
        introspect: introspection(args.introspect, &args.network)?,
    })
}

/// The home walk's bounds, or `None` for `--no-home-walk`.
pub fn home_walk(args: &HomeWalkArgs) -> Option<HomeWalkOptions> {
    (!args.no_home_walk).then(|| HomeWalkOptions {
        skips: args.home_skip.clone(),
        default_skips: !args.home_no_default_skips,
        budget: args.home_budget,
        max_file: args.home_max_file,
    })
}

/// How a report is written: format, destination, secrets, CI category, quietness.
pub fn output(args: &OutputArgs) -> super::output::OutputOptions {
    super::output::OutputOptions {
        format: args.format,
        file: args.output.clone(),
        summary_markdown: args.summary_markdown.clone(),
        show_secrets: args.show_secrets,
        sarif_category: args.sarif_category.clone(),
        quiet: args.quiet,
    }
}
