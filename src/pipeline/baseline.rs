//! Baselines: the credentials a team has already accepted (or is rotating), keyed by
//! secret fingerprint, so suppression survives moved lines, renamed files and
//! reformatting. The file is deterministic: sorted, no timestamps, no line numbers.

use crate::model::finding::Finding;
use crate::model::fingerprint;
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

/// Schema version of the baseline file. Version 1 held unsalted SHA-256 fingerprints,
/// which let anyone holding the file test password guesses; version 2 holds Argon2id
/// ones ([`crate::model::fingerprint`]).
pub const BASELINE_VERSION: u32 = 2;

/// A baseline file.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    pub version: u32,
    /// How the fingerprints were made: [`fingerprint::SCHEME`] or, with
    /// `BLASTRADIUS_FINGERPRINT_KEY`, [`fingerprint::KEYED_SCHEME`].
    pub fingerprints: String,
    pub entries: Vec<Entry>,
}

/// Just the version, read first so an old baseline gets an explanation rather than a
/// schema error.
#[derive(Deserialize)]
struct Versioned {
    version: u32,
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
    /// The baseline recording every credential in `findings`, fingerprinted by `scheme`.
    pub fn from_findings(findings: &[Finding], scheme: &str) -> Self {
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
        Baseline { version: BASELINE_VERSION, fingerprints: scheme.to_string(), entries }
    }

    /// Reads a baseline file (bounded, regular files only).
    pub fn load(path: &Path) -> Result<Self> {
        let text =
            file::read_settings(path).map_err(|err| anyhow!("cannot read baseline {}: {err}", path.display()))?;
        Self::parse(&text).with_context(|| format!("baseline {}", path.display()))
    }

    /// Parses and checks baseline text. Errors give a position or an entry number, never
    /// text from the file (a baseline can come from the scanned repository).
    pub fn parse(text: &str) -> Result<Self> {
        let not_a_baseline = |e: serde_json::Error| {
            anyhow!(
                "not a blastradius baseline: {} (expected {{\"version\": {BASELINE_VERSION}, \"fingerprints\", \
                 \"entries\": [{{\"fingerprint\", \"rule_id\", \"secret_redacted\", \"paths\"}}, …]}} as written \
                 by `baseline create`)",
                ParseError::json(&e)
            )
        };
        let versioned: Versioned = serde_json::from_str(text).map_err(not_a_baseline)?;
        match versioned.version {
            1 => bail!(
                "a version-1 baseline; its fingerprints are plain SHA-256 hashes, which let anyone test \
                 password guesses against them, and this version no longer makes them. Recreate it with \
                 `blastradius baseline create` (review the new file, commit it, and delete the old one \
                 from history if it held weak passwords)"
            ),
            BASELINE_VERSION => {}
            other => bail!("unsupported baseline version {other} (this build reads version {BASELINE_VERSION})"),
        }
        let baseline: Baseline = serde_json::from_str(text).map_err(not_a_baseline)?;
        for (index, entry) in baseline.entries.iter().enumerate() {
            entry.check().with_context(|| format!("entry {}", index + 1))?;
        }
        Ok(baseline)
    }

    /// Fails when the baseline's fingerprints were made by another scheme than `scheme`
    /// (with a key and scanned without, or the reverse): nothing would match, and every
    /// accepted credential would come back as new.
    pub fn check_scheme(&self, scheme: &str, path: &Path) -> Result<()> {
        if self.fingerprints == scheme {
            return Ok(());
        }
        let hint = if scheme == fingerprint::KEYED_SCHEME {
            "this scan has BLASTRADIUS_FINGERPRINT_KEY set and the baseline was made without it"
        } else if self.fingerprints == fingerprint::KEYED_SCHEME {
            "the baseline was made with BLASTRADIUS_FINGERPRINT_KEY: set the same key for this scan"
        } else {
            "recreate it with `blastradius baseline create`"
        };
        bail!("{}: fingerprints made by `{}`, this scan makes `{scheme}`; {hint}", path.display(), self.fingerprints)
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
