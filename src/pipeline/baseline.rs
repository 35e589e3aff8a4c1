//! Baselines: the credentials a team has already accepted (or is rotating), keyed by
//! secret fingerprint, so suppression survives moved lines, renamed files and
//! reformatting. The file is deterministic: sorted, no timestamps, no line numbers.

use crate::model::finding::Finding;
use crate::model::parse_error::ParseError;
use crate::model::result::{BaselineStats, StaleEntry};
use crate::source::file;
use anyhow::{anyhow, bail, Context, Result};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::Path;

/// The baseline file a scan uses by default when it exists in the scanned root (the
/// repository root for staged and history scans), and `baseline create` writes by default.
pub const DEFAULT_BASELINE: &str = ".blastradius-baseline.json";

/// Schema version of the baseline file.
pub const BASELINE_VERSION: u32 = 1;

/// A baseline file.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    pub version: u32,
    pub entries: Vec<Entry>,
}

/// One accepted credential. Only `fingerprint` matters for matching; the rest tells a
/// reviewer what it is without revealing it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub fingerprint: String,
    pub rule_id: String,
    pub secret_redacted: String,
    /// Where it was seen when the baseline was made (informational).
    pub paths: Vec<String>,
}

/// Longest fingerprint or rule id a baseline entry may hold.
const MAX_ID_LEN: usize = 256;

impl Entry {
    /// The strings a scan prints from an entry (stale entries go to the terminal) must be
    /// what `baseline create` writes: printable ASCII ids, a redacted value without
    /// control characters.
    fn check(&self) -> Result<()> {
        let id = |s: &str| !s.is_empty() && s.len() <= MAX_ID_LEN && s.bytes().all(|b| b.is_ascii_graphic());
        if !id(&self.fingerprint) {
            bail!("`fingerprint` must be 1 to {MAX_ID_LEN} printable ASCII characters");
        }
        if !id(&self.rule_id) {
            bail!("`rule_id` must be 1 to {MAX_ID_LEN} printable ASCII characters");
        }
        if self.secret_redacted.chars().any(char::is_control) || self.secret_redacted.len() > MAX_ID_LEN {
            bail!("`secret_redacted` must be at most {MAX_ID_LEN} bytes without control characters");
        }
        Ok(())
    }
}

impl Baseline {
    /// The baseline recording every credential in `findings`.
    pub fn from_findings(findings: &[Finding]) -> Self {
        let mut by_fingerprint: BTreeMap<&str, (&Finding, BTreeSet<&str>)> = BTreeMap::new();
        for f in findings {
            by_fingerprint.entry(&f.fingerprint).or_insert_with(|| (f, BTreeSet::new())).1.insert(&f.path);
        }
        let entries = by_fingerprint
            .into_iter()
            .map(|(fingerprint, (f, paths))| Entry {
                fingerprint: fingerprint.to_string(),
                rule_id: f.rule_id.clone(),
                secret_redacted: f.secret_redacted.clone(),
                paths: paths.into_iter().map(str::to_string).collect(),
            })
            .collect();
        Baseline { version: BASELINE_VERSION, entries }
    }

    /// Reads a baseline file (bounded, regular files only).
    pub fn load(path: &Path) -> Result<Self> {
        let text =
            file::read_settings(path).map_err(|err| anyhow!("cannot read baseline {}: {err}", path.display()))?;
        Self::parse(&text).with_context(|| format!("{} is not a blastradius baseline", path.display()))
    }

    /// Parses and checks baseline text. Errors give a position or an entry number, never
    /// text from the file (a baseline can come from the scanned repository).
    pub fn parse(text: &str) -> Result<Self> {
        let baseline: Baseline = serde_json::from_str(text).map_err(|e| {
            anyhow!(
                "{} (expected {{\"version\": {BASELINE_VERSION}, \"entries\": [{{\"fingerprint\", \"rule_id\", \
                 \"secret_redacted\", \"paths\"}}, …]}} as written by `baseline create`)",
                ParseError::json(&e)
            )
        })?;
        if baseline.version != BASELINE_VERSION {
            bail!("unsupported baseline version {} (this build reads version {BASELINE_VERSION})", baseline.version);
        }
        for (index, entry) in baseline.entries.iter().enumerate() {
            entry.check().with_context(|| format!("entry {}", index + 1))?;
        }
        Ok(baseline)
    }

    /// Writes the baseline as pretty JSON with a trailing newline, to a new owner-only
    /// file renamed into place (never through a symlink).
    pub fn save(&self, path: &Path) -> Result<()> {
        let mut text = serde_json::to_string_pretty(self)?;
        text.push('\n');
        file::write_private(path, |out| Ok(out.write_all(text.as_bytes())?))
    }

    /// Removes findings whose fingerprint is in the baseline. `report_stale` says whether
    /// unmatched entries mean anything for this scan (not for a staged scan, which sees
    /// only the next commit's changes).
    pub fn apply(&self, findings: &mut Vec<Finding>, report_stale: bool) -> BaselineStats {
        let known: HashSet<&str> = self.entries.iter().map(|e| e.fingerprint.as_str()).collect();
        let before = findings.len();
        let mut matched: HashSet<String> = HashSet::new();
        findings.retain(|f| {
            let baselined = known.contains(f.fingerprint.as_str());
            if baselined {
                matched.insert(f.fingerprint.clone());
            }
            !baselined
        });
        let stale = match report_stale {
            true => self
                .entries
                .iter()
                .filter(|e| !matched.contains(&e.fingerprint))
                .map(|e| StaleEntry {
                    fingerprint: e.fingerprint.clone(),
                    rule_id: e.rule_id.clone(),
                    secret_redacted: e.secret_redacted.clone(),
                })
                .collect(),
            false => Vec::new(),
        };
        BaselineStats { entries: self.entries.len(), suppressed: before - findings.len(), stale }
    }
}
