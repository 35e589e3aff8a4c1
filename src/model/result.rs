//! What a scan produced: findings with the counts and warnings every report carries,
//! and where each buffer came from.

use super::finding::{Finding, Source};
use serde::Serialize;
use std::collections::BTreeMap;

/// Where a buffer came from, for the findings made from it.
#[derive(Debug, Clone, Copy)]
pub struct Origin<'a> {
    pub path: &'a str,
    pub source: Source,
    pub commit: Option<&'a str>,
}

/// Scans one buffer read from `origin`: what sources that cannot walk a tree (git
/// history, the index) call for each blob, so they need not know the engine.
pub type ScanBuffer<'a> = dyn Fn(&[u8], Origin<'_>) -> Vec<Finding> + Sync + 'a;

/// Counts every report carries.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Stats {
    pub files: u64,
    pub bytes: u64,
    pub skipped: u64,
    pub skipped_by_reason: SkipCounts,
    pub elapsed_ms: u64,
    /// Files left out by rules from files in the scanned tree (a config's `exclude`,
    /// `.blastradiusignore`): such rules may narrow a report, never silently.
    pub hidden_by_tree_rules: Vec<HiddenCount>,
    /// Matches left out because their line carries an allow comment (`blastradius:allow`).
    pub inline_allowed: u64,
    /// What the findings caps left out.
    pub capped: CapStats,
    /// What `--baseline` suppressed and which of its entries matched nothing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub baseline: Option<BaselineStats>,
    /// Git history scans only: the objects that could not be read.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub missing_objects: Option<MissingObjects>,
    /// What `reach` covered of the home directory (`None` for other commands).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub home: Option<HomeStats>,
    /// The failure threshold, when a config file set it rather than `--fail-on`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fail_on_from_config: Option<ConfigThreshold>,
}

/// A failure threshold a config file set: a config in the scanned tree can relax the
/// gate, so reports say so and count the credentials it lets pass.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ConfigThreshold {
    /// The config file that set it.
    pub file: String,
    /// `fail-on` as written there (`critical`, `high`, `medium`, `low`, `none`).
    pub fail_on: String,
    /// Credentials reported below the threshold: with `--fail-on low` they would fail the run.
    pub not_failing: u64,
}

/// Objects a git history scan could not read, by why. The scan goes on without them:
/// a missing tree hides the files under it, a missing commit its tree.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct MissingObjects {
    /// Blobs absent from a repository that is not a partial clone.
    pub blob: u64,
    /// Trees absent from a repository that is not a partial clone.
    pub tree: u64,
    /// Commits named by a ref or a parent but absent (grafts, broken repositories).
    pub commit: u64,
    /// Objects present but unreadable: bad compression, a broken delta, a tree or
    /// commit that does not decode.
    pub corrupt: u64,
    /// Objects a partial clone left on its promisor remote (`--filter`): not fetched,
    /// and not fetched by the scan either.
    pub promisor: u64,
}

impl MissingObjects {
    pub fn total(&self) -> u64 {
        self.blob + self.tree + self.commit + self.corrupt + self.promisor
    }

    /// `2 missing blobs, 1 corrupt object`: the kinds that occurred, for one line of text.
    pub fn describe(&self) -> String {
        let kinds = [
            (self.blob, "missing blob"),
            (self.tree, "missing tree"),
            (self.commit, "missing commit"),
            (self.corrupt, "corrupt object"),
            (self.promisor, "promisor object not fetched"),
        ];
        let plural = |n: u64, what: &str| match (n, what.split_once(' ')) {
            (1, _) => format!("1 {what}"),
            (_, Some((adjective, "object not fetched"))) => format!("{n} {adjective} objects not fetched"),
            _ => format!("{n} {what}s"),
        };
        let parts: Vec<String> = kinds.iter().filter(|(n, _)| *n > 0).map(|(n, what)| plural(*n, what)).collect();
        parts.join(", ")
    }
}

/// What `reach` read of the home directory: the catalogue's stores and the bounded walk
/// around them. Its files and bytes are also counted in [`Stats`] totals.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct HomeStats {
    /// Catalogue stores that exist in this home (each read once, in its format), per tool.
    pub stores: BTreeMap<String, u64>,
    /// Whether the walk ran (`false` with `--no-home-walk`: the catalogue only).
    pub walked: bool,
    /// Files the walk read and scanned (catalogue stores are counted in `stores` instead).
    pub walked_files: u64,
    pub walked_bytes: u64,
    /// Directories and files the walk left out, per reason: a default skip rule's kind
    /// (`cache`, `browser profile`, …), `--home-skip`, `over --home-max-file`,
    /// `over --home-budget`, `workspace`, or what the reader found (`binary`, …). A
    /// directory left out counts once, whatever it holds.
    pub skipped: BTreeMap<String, u64>,
    /// The walk's limits: total bytes it may read, and the largest file it reads.
    pub budget: u64,
    pub max_file: u64,
}

/// Everything a scan produced.
#[derive(Debug, Default)]
pub struct ScanResult {
    pub findings: Vec<Finding>,
    pub stats: Stats,
    pub warnings: Vec<String>,
    /// Named roots for SARIF `originalUriBaseIds`: findings under one get a URI relative
    /// to it with that `uriBaseId`. `reach` names its workspace and `HOME`; findings
    /// outside the repository (home stores, histories, environment) never get a file URI,
    /// `HOME` only shortens their logical names to `~/…`.
    /// `%SRCROOT%` here replaces the current directory as the base of relative paths.
    pub uri_bases: Vec<(String, std::path::PathBuf)>,
}

/// Why a file was not scanned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SkipReason {
    Binary,
    TooLarge,
    Unreadable,
    NotRegular,
    /// The scan ran out of its time budget (what it found before is kept).
    TimedOut,
}

/// Serializable snapshot of skip counts.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct SkipCounts {
    pub binary: u64,
    pub too_large: u64,
    pub unreadable: u64,
    pub not_regular: u64,
    /// Files whose scan stopped at the time budget; their earlier findings are reported.
    pub timed_out: u64,
}

impl Stats {
    /// Findings left out of the report on purpose: by the baseline and by allow comments.
    pub fn suppressed(&self) -> u64 {
        self.baseline.as_ref().map_or(0, |b| b.suppressed as u64) + self.inline_allowed
    }
}

impl SkipCounts {
    pub fn total(&self) -> u64 {
        self.binary + self.too_large + self.unreadable + self.not_regular + self.timed_out
    }
}

/// How many files one in-tree rule left out of the scan.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct HiddenCount {
    /// The file that holds the rule (`.blastradius.toml`, a `.blastradiusignore`).
    pub file: String,
    /// The rule as written there.
    pub pattern: String,
    pub files: u64,
}

impl Stats {
    /// Every file the in-tree rules hid.
    pub fn hidden_total(&self) -> u64 {
        self.hidden_by_tree_rules.iter().map(|h| h.files).sum()
    }
}

/// The findings caps in force and what they left out. Capped findings still count for
/// nothing: the exit code is decided on the findings kept, which are the first of each
/// file and the highest-ranked of the run.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct CapStats {
    /// `--max-findings-per-file` (`null`: no cap).
    pub max_findings_per_file: Option<usize>,
    /// Files (or stores) whose findings or fields stopped at a cap.
    pub files_capped: u64,
    /// `--max-findings` (`null`: no cap).
    pub max_findings: Option<usize>,
    /// Findings left out by `--max-findings`, the lowest-ranked ones.
    pub findings_dropped: u64,
}

impl CapStats {
    /// Did a cap leave anything out?
    pub fn any(&self) -> bool {
        self.files_capped > 0 || self.findings_dropped > 0
    }
}

/// What applying a baseline did, for stderr and the JSON report's `stats.baseline`.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct BaselineStats {
    pub entries: usize,
    pub suppressed: usize,
    /// Entries that matched nothing in this scan: the credential was removed (or the
    /// scan did not cover it). Candidates for deletion from the baseline.
    pub stale: Vec<StaleEntry>,
}

/// A baseline entry that matched nothing.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct StaleEntry {
    pub fingerprint: String,
    pub rule_id: String,
    pub secret_redacted: String,
}
