//! The command line (clap derive): every flag and subcommand, with the examples `--help`
//! prints. [`super::options`] turns these into the library's option structs.

use blastradius::model::finding::FailOn;
use blastradius::pipeline::gate::{DEFAULT_MAX_FINDINGS, DEFAULT_MAX_FINDINGS_PER_FILE};
use blastradius::report::Format;
use blastradius::source::home::{agent, walk};
use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

const ABOUT: &str = "Find the credentials an AI coding agent could reach, and rank them by blast radius.";

const SCAN_EXAMPLES: &str = "\
Examples:
  blastradius scan                         scan the current directory
  blastradius scan src/ config/            scan two trees
  blastradius scan --format json -o findings.json .
  blastradius scan --format sarif -o blastradius.sarif --fail-on high .
  blastradius scan --exclude 'vendor/**' --exclude '*.min.js' .
  blastradius scan --introspect .          also ask providers (read-only) what each credential can do
  blastradius scan --staged                what the next commit would add (pre-commit)
  blastradius scan --git-history --since origin/main
  blastradius scan --format sarif -o blastradius.sarif --summary-markdown summary.md .
  blastradius scan --baseline other-baseline.json .   (.blastradius-baseline.json is used by default)

Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 usage or fatal error
(or, with --strict, a history scan that could not read every object).";

const DETECTORS_EXAMPLES: &str = "\
Examples:
  blastradius detectors list
  blastradius detectors test
  blastradius detectors test --detectors ./my-detectors";

const DETECTORS_LIST_EXAMPLES: &str = "\
Examples:
  blastradius detectors list
  blastradius detectors list --keywords            the prefilter keywords, one per line
  blastradius detectors list --detectors ./my-detectors";

const DETECTORS_TEST_EXAMPLES: &str = "\
Examples:
  blastradius detectors test
  blastradius detectors test --detectors ./my-detectors

Exit codes: 0 every example passes, 1 a detector failed one, 2 usage or load error.";

const HOOK_EXAMPLES: &str = "\
Examples:
  blastradius hook install           write .git/hooks/pre-commit (core.hooksPath is honoured)
  blastradius hook install --force   replace a foreign hook, keeping it as a backup
  blastradius hook uninstall

The hook runs `blastradius scan --staged`; bypass it once with `git commit --no-verify`.";

const HOOK_INSTALL_EXAMPLES: &str = "\
Examples:
  blastradius hook install
  blastradius hook install --force   replace a foreign hook, keeping it as pre-commit.blastradius-backup";

const HOOK_UNINSTALL_EXAMPLES: &str = "\
Examples:
  blastradius hook uninstall         remove the hook `hook install` wrote (a foreign hook is left alone)";

const BASELINE_EXAMPLES: &str = "\
Examples:
  blastradius baseline create                    write .blastradius-baseline.json for this directory
  blastradius baseline create -o accepted.json src/

Later scans and the pre-commit hook use .blastradius-baseline.json by themselves when it
exists in the scanned root (the repository root for --staged and --git-history).";

const EXPLAIN_EXAMPLES: &str = "\
Examples:
  blastradius scan --format json -o report.json . && blastradius explain 3f2a9c1d --report report.json
  blastradius explain 3f2a9c1d src/        rescan src/ and explain that credential";

/// Top-level command line.
#[derive(Debug, Parser)]
#[command(name = "blastradius", version, about = ABOUT, long_about = None, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Scan files and directories for credentials
    #[command(after_help = SCAN_EXAMPLES)]
    Scan(ScanArgs),
    /// Print the full evidence for one credential, by fingerprint
    #[command(after_help = EXPLAIN_EXAMPLES)]
    Explain(ExplainArgs),
    /// Everything an AI coding agent launched in a workspace could read
    #[command(after_help = REACH_EXAMPLES)]
    Reach(ReachArgs),
    /// List detectors or run their built-in examples
    #[command(subcommand, after_help = DETECTORS_EXAMPLES)]
    Detectors(DetectorsCommand),
    /// Check one credential, read from standard input, with its provider (read-only)
    #[command(after_help = INTROSPECT_EXAMPLES)]
    Introspect(IntrospectArgs),
    /// Install or remove the git pre-commit hook
    #[command(subcommand, after_help = HOOK_EXAMPLES)]
    Hook(HookCommand),
    /// Record the credentials found now, so later scans report only new ones
    #[command(subcommand, after_help = BASELINE_EXAMPLES)]
    Baseline(BaselineCommand),
}

const INTROSPECT_EXAMPLES: &str = "\
The credential is read from standard input, never from the command line. Providers whose
credentials have two parts take FIRST:SECOND: aws KEYID:SECRET, twilio SID:TOKEN,
planetscale ID:TOKEN, dockerhub USER:TOKEN. Kubernetes needs --endpoint kubernetes=URL.

Examples:
  blastradius introspect --provider github < token.txt
  pbpaste | blastradius introspect --provider railway --format json
  blastradius introspect --provider gitlab --endpoint gitlab=https://gitlab.example.com < token.txt

Exit codes: 0 live, 1 revoked or unauthorized, 2 error, unsupported or skipped.";

/// `blastradius introspect`: one credential from standard input.
#[derive(Debug, Args)]
pub struct IntrospectArgs {
    /// Provider to ask (github, gitlab, aws, railway, stripe, …)
    #[arg(long, value_name = "NAME")]
    pub provider: String,
    /// Output format (SARIF is for findings in files, so `scan` and `reach` write it)
    #[arg(long, default_value = "human", value_parser = introspect_format_parser())]
    pub format: Format,
    #[command(flatten)]
    pub network: NetworkArgs,
}

/// Flags that bound introspection's network use.
#[derive(Debug, Args, Clone)]
pub struct NetworkArgs {
    /// Send PROVIDER's requests to URL instead (self-hosted GitLab, GitHub Enterprise,
    /// tests); https, or http to a loopback address only; repeatable
    #[arg(long, value_name = "PROVIDER=URL")]
    pub endpoint: Vec<String>,
    /// Give up on one request after this many seconds
    #[arg(long, value_name = "SECS", default_value_t = 10)]
    pub introspect_timeout: u64,
    /// Send at most N requests in one run
    #[arg(long, value_name = "N", default_value_t = 200)]
    pub max_requests: usize,
}

#[derive(Debug, Args)]
pub struct ScanArgs {
    /// Files or directories to scan [default: .]
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub output: OutputArgs,
    #[command(flatten)]
    pub engine: EngineArgs,
    /// Ask each credential's provider, read-only, who it belongs to and what it can do
    /// (uses the network; off by default)
    #[arg(long)]
    pub introspect: bool,
    #[command(flatten)]
    pub network: NetworkArgs,
    #[command(flatten)]
    pub suppress: SuppressArgs,
    /// Scan what the next commit would add (index against HEAD) in the repository at PATH
    #[arg(long, conflicts_with = "git_history")]
    pub staged: bool,
    /// Scan every blob in the git history (all refs) of the repository at PATH
    #[arg(long)]
    pub git_history: bool,
    /// With --git-history: only commits after REV
    #[arg(long, value_name = "REV", requires = "git_history")]
    pub since: Option<String>,
    /// With --git-history: exit 2 when any object could not be read (missing, corrupt, or
    /// left on the remote by a partial clone), after writing the report
    #[arg(long, requires = "git_history")]
    pub strict: bool,
}

/// Baseline and config flags.
#[derive(Debug, Args, Clone, Default)]
pub struct SuppressArgs {
    /// Report only credentials not recorded in this baseline file
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Read settings from FILE instead of .blastradius.toml in the scanned root
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Read no settings from the scanned tree: no .blastradius.toml, no
    /// .blastradiusignore (for CI gates that must not trust the code they check)
    #[arg(long, conflicts_with = "config")]
    pub no_config: bool,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// Fingerprint of the credential, or its first 8+ hex digits
    pub fingerprint: String,
    /// Read findings from this JSON report instead of rescanning
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,
    /// Paths to rescan when no --report is given [default: .]
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub engine: EngineArgs,
}

/// Flags shared by every command that reports findings.
#[derive(Debug, Args, Clone)]
pub struct OutputArgs {
    /// Report format
    #[arg(long, default_value = "human", value_parser = format_parser())]
    pub format: Format,
    /// Write the report to FILE instead of standard output (created with mode 0600)
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Also append a markdown summary of the same scan to FILE (e.g. "$GITHUB_STEP_SUMMARY")
    #[arg(long, value_name = "FILE")]
    pub summary_markdown: Option<PathBuf>,
    /// Exit with 1 when a finding is at or above this severity [default: low]
    #[arg(long, value_name = "SEVERITY", value_parser = fail_on_parser())]
    pub fail_on: Option<FailOn>,
    /// SARIF `runAutomationDetails.id`, to tell several uploads for one commit apart
    #[arg(long, value_name = "ID")]
    pub sarif_category: Option<String>,
    /// Include raw secret values in the report (never do this in CI logs)
    #[arg(long)]
    pub show_secrets: bool,
    /// No progress indicator and no summary on standard error
    #[arg(short, long)]
    pub quiet: bool,
}

/// Flags that tune the engine.
#[derive(Debug, Args, Clone)]
pub struct EngineArgs {
    /// Worker threads [default: number of CPUs]
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
    /// Skip files larger than this many bytes (files over 8 MiB are scanned in chunks)
    #[arg(long, value_name = "BYTES", default_value_t = 256 * 1024 * 1024)]
    pub max_file_size: u64,
    /// Stop scanning one file after this long (e.g. 30s, 500ms), keep what it found so
    /// far and count it as timed out
    #[arg(long, value_name = "DURATION", default_value = "30s", value_parser = humantime::parse_duration)]
    pub file_timeout: std::time::Duration,
    /// Report at most N findings per file, blob or store (the first ones); 0: no cap
    #[arg(long, value_name = "N", default_value_t = DEFAULT_MAX_FINDINGS_PER_FILE)]
    pub max_findings_per_file: usize,
    /// Report at most N findings in all (the highest-ranked ones); 0: no cap
    #[arg(long, value_name = "N", default_value_t = DEFAULT_MAX_FINDINGS)]
    pub max_findings: usize,
    /// Leave out paths matching GLOB (gitignore syntax); repeatable
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,
    /// Load extra detector files (*.toml) from DIR; repeatable
    #[arg(long, value_name = "DIR")]
    pub detectors: Vec<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum DetectorsCommand {
    /// Print every detector: id, provider, kind and keywords
    #[command(after_help = DETECTORS_LIST_EXAMPLES)]
    List {
        /// Load extra detector files from DIR
        #[arg(long, value_name = "DIR")]
        detectors: Vec<PathBuf>,
        /// Print only the distinct prefilter keywords, one per line
        #[arg(long)]
        keywords: bool,
    },
    /// Run every detector's examples and negative examples; exit 1 on any failure
    #[command(after_help = DETECTORS_TEST_EXAMPLES)]
    Test {
        /// Load extra detector files from DIR
        #[arg(long, value_name = "DIR")]
        detectors: Vec<PathBuf>,
    },
}

/// Accepts the report formats' names (listed in `--help`) and yields the library's [`Format`].
fn format_parser() -> impl TypedValueParser<Value = Format> {
    PossibleValuesParser::new(Format::NAMES).map(|name| name.parse().unwrap_or(Format::Human))
}

/// The formats `introspect` writes: one credential's check has no file location, so no SARIF.
fn introspect_format_parser() -> impl TypedValueParser<Value = Format> {
    let names = Format::NAMES.into_iter().filter(|name| *name != "sarif");
    PossibleValuesParser::new(names).map(|name| name.parse().unwrap_or(Format::Human))
}

/// Accepts the severity names (listed in `--help`) and yields the library's [`FailOn`].
fn fail_on_parser() -> impl TypedValueParser<Value = FailOn> {
    PossibleValuesParser::new(FailOn::NAMES).map(|name| name.parse().unwrap_or(FailOn::Low))
}

fn agent_parser() -> PossibleValuesParser {
    PossibleValuesParser::new(agent::PROFILES.iter().map(|p| p.name))
}

const REACH_EXAMPLES: &str = "\
Examples:
  blastradius reach                          this workspace, your home directory, histories, environment
  blastradius reach --agent cursor           only what Cursor can read by default
  blastradius reach --no-env --no-history --format json -o reach.json
  blastradius reach --workspace ~/src/app --format sarif -o reach.sarif
  blastradius reach --home-skip '.config/huge-app' --home-budget 1000000000
  blastradius reach --no-home-walk              only the store catalogue's exact paths in the home

Besides the catalogue's credential stores, reach walks the home's dotfiles and
dot-directories and macOS ~/Library/{Application Support,Preferences}, leaving out caches,
browser profiles, VCS object stores, package caches and toolchains, VM images, media and
trash (the README lists every default skip), files over --home-max-file and whatever comes
after --home-budget bytes. The report's stats say what it covered and skipped.

Nothing is sent anywhere: reach reads files and prints a report.
Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 usage or fatal error.";

/// Arguments of `blastradius reach`.
#[derive(Debug, Args)]
pub struct ReachArgs {
    /// The workspace the agent is launched in [default: current directory]
    #[arg(long, value_name = "DIR")]
    pub workspace: Option<PathBuf>,
    /// The home directory to read credential stores and histories from [default: $HOME].
    /// Override variables (KUBECONFIG, DOCKER_CONFIG, …) are honoured only for the real $HOME
    #[arg(long, value_name = "DIR")]
    pub home: Option<PathBuf>,
    /// What this agent can read by default
    #[arg(long, value_name = "NAME", default_value = "any", value_parser = agent_parser())]
    pub agent: String,
    /// Leave out the process environment
    #[arg(long)]
    pub no_env: bool,
    /// Leave out shell and REPL histories
    #[arg(long)]
    pub no_history: bool,
    /// Leave out the workspace's git history
    #[arg(long)]
    pub no_git_history: bool,
    #[command(flatten)]
    pub home_walk: HomeWalkArgs,
    #[command(flatten)]
    pub output: OutputArgs,
    #[command(flatten)]
    pub engine: EngineArgs,
    /// Ask each credential's provider, read-only, who it belongs to and what it can do
    /// (uses the network; off by default)
    #[arg(long)]
    pub introspect: bool,
    #[command(flatten)]
    pub network: NetworkArgs,
}

/// How `reach` walks the home beyond the store catalogue.
#[derive(Debug, Args, Clone)]
pub struct HomeWalkArgs {
    /// Read only the store catalogue's exact paths in the home, no walk of its dotfiles,
    /// dot-directories and ~/Library/{Application Support,Preferences}
    #[arg(long)]
    pub no_home_walk: bool,
    /// Also leave out of the home walk paths matching GLOB, relative to the home (`*`
    /// stays in one directory, `**` crosses them; a matching directory is not entered);
    /// repeatable
    #[arg(long, value_name = "GLOB")]
    pub home_skip: Vec<String>,
    /// Walk what the default skip list leaves out: caches, browser profiles, VCS object
    /// stores, package caches and toolchains, VM images, media, trash (README lists it)
    #[arg(long)]
    pub home_no_default_skips: bool,
    /// Stop opening files in the home walk once this many bytes were read
    #[arg(long, value_name = "BYTES", default_value_t = walk::DEFAULT_BUDGET)]
    pub home_budget: u64,
    /// Leave out home-walk files larger than this many bytes
    #[arg(long, value_name = "BYTES", default_value_t = walk::DEFAULT_MAX_FILE)]
    pub home_max_file: u64,
}

#[derive(Debug, Subcommand)]
pub enum HookCommand {
    /// Write .git/hooks/pre-commit running `blastradius scan --staged`
    #[command(after_help = HOOK_INSTALL_EXAMPLES)]
    Install {
        /// Replace a pre-commit hook not written by blastradius (kept as a backup)
        #[arg(long)]
        force: bool,
    },
    /// Remove the pre-commit hook written by `hook install`
    #[command(after_help = HOOK_UNINSTALL_EXAMPLES)]
    Uninstall,
}

#[derive(Debug, Subcommand)]
pub enum BaselineCommand {
    /// Scan PATHs and write every credential found to FILE
    #[command(after_help = BASELINE_EXAMPLES)]
    Create {
        /// Files or directories to scan [default: .]
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// The baseline file to write [default: .blastradius-baseline.json in the first PATH,
        /// which scans of that root then use by themselves]
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        #[command(flatten)]
        engine: EngineArgs,
        /// Read settings from FILE instead of .blastradius.toml in the scanned root
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
    },
}
