//! What a scan produced: findings with the counts and warnings every report carries,
//! and where each buffer came from.

use super::finding::{Finding, Source};
use serde::Serialize;

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
    /// What the findings caps left out.
    pub capped: CapStats,
    /// What `--baseline` suppressed and which of its entries matched nothing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub baseline: Option<BaselineStats>,
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
