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
    /// What `--baseline` suppressed and which of its entries matched nothing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub baseline: Option<BaselineStats>,
    /// What `reach` covered of the home directory (`None` for other commands).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub home: Option<HomeStats>,
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
    /// to it with that `uriBaseId` (`reach` puts home-directory findings under `HOME`).
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

impl SkipCounts {
    pub fn total(&self) -> u64 {
        self.binary + self.too_large + self.unreadable + self.not_regular + self.timed_out
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
