//! Baselines: the credentials a team has already accepted (or is rotating), keyed by
//! secret fingerprint, so suppression survives moved lines, renamed files and
//! reformatting. The file is deterministic: sorted, no timestamps, no line numbers.

use crate::model::finding::Finding;
use crate::model::fingerprint;
use crate::model::result::{BaselineStats, StaleEntry};
use anyhow::{bail, Context, Result};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::Path;

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

    /// Reads a baseline file.
    pub fn load(path: &Path) -> Result<Self> {
        let text = std::fs::read_to_string(path).with_context(|| format!("cannot read baseline {}", path.display()))?;
        let not_a_baseline = || format!("{} is not a blastradius baseline", path.display());
        let versioned: Versioned = serde_json::from_str(&text).with_context(not_a_baseline)?;
        match versioned.version {
            1 => bail!(
                "{}: a version-1 baseline; its fingerprints are plain SHA-256 hashes, which let anyone test \
                 password guesses against them, and this version no longer makes them. Recreate it with \
                 `blastradius baseline create -o {}` (review the new file, commit it, and delete the old one \
                 from history if it held weak passwords)",
                path.display(),
                path.display()
            ),
            BASELINE_VERSION => {}
            other => bail!("{}: unsupported baseline version {other}", path.display()),
        }
        serde_json::from_str(&text).with_context(not_a_baseline)
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

    /// Writes the baseline as pretty JSON with a trailing newline.
    pub fn save(&self, path: &Path) -> Result<()> {
        let mut text = serde_json::to_string_pretty(self)?;
        text.push('\n');
        std::fs::write(path, text).with_context(|| format!("cannot write baseline {}", path.display()))
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
