//! Reports. In: a classified, ranked [`ScanResult`]. Out: a human table, JSON, SARIF
//! 2.1.0 or a markdown summary. None prints a raw secret unless the user passed
//! `--show-secrets`. [`explain`] reads a JSON report back for one credential.

pub mod escape;
pub mod explain;
mod human;
mod json;
mod markdown;
mod sarif;
mod sarif_paths;

use crate::engine::detect::DetectorSet;
use crate::model::finding::Severity;
use crate::model::result::ScanResult;
use std::io::Write;

/// A report format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A ranked table for people (colour on a terminal).
    Human,
    /// Machine-readable findings and stats.
    Json,
    /// SARIF 2.1.0 for GitHub code scanning and other consumers.
    Sarif,
    /// A short summary table for a pull-request comment or `$GITHUB_STEP_SUMMARY`.
    Markdown,
}

impl Format {
    /// Every format's name, as written on the command line.
    pub const NAMES: [&'static str; 4] = ["human", "json", "sarif", "markdown"];
}

impl std::str::FromStr for Format {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(match s.to_ascii_lowercase().as_str() {
            "human" => Format::Human,
            "json" => Format::Json,
            "sarif" => Format::Sarif,
            "markdown" => Format::Markdown,
            _ => return Err(format!("must be one of {} (got `{s}`)", Format::NAMES.join(", "))),
        })
    }
}

/// What every report format renders.
pub struct Report<'a> {
    pub result: &'a ScanResult,
    pub detectors: &'a DetectorSet,
    pub show_secrets: bool,
    /// CI facts for SARIF (category, repository provenance).
    pub ci: &'a CiContext,
}

/// What a CI upload needs to know beyond the findings.
#[derive(Debug, Clone, Default)]
pub struct CiContext {
    /// SARIF `runAutomationDetails.id` (`--sarif-category`).
    pub category: Option<String>,
    /// The repository scanned, when inside one.
    pub provenance: Option<crate::source::git::provenance::Provenance>,
}

/// Writes `report` in `format` to `out`. `color` applies to the human format only.
pub fn render(format: Format, report: &Report<'_>, out: &mut dyn Write, color: bool) -> anyhow::Result<()> {
    match format {
        Format::Human => human::render(report, out, color),
        Format::Json => json::render(report, out),
        Format::Sarif => sarif::render(report, out),
        Format::Markdown => markdown::render(report, out),
    }
}

/// Count of distinct credentials per severity, most severe first. A credential found in
/// several places is scored once (by its worst exposure), so it counts once, in its band.
pub fn severity_counts(result: &ScanResult) -> [(Severity, usize); 4] {
    let mut seen = std::collections::HashSet::new();
    let mut counts = [Severity::Critical, Severity::High, Severity::Medium, Severity::Low].map(|s| (s, 0));
    for f in &result.findings {
        if seen.insert(f.fingerprint.as_str()) {
            if let Some((_, n)) = counts.iter_mut().find(|(s, _)| *s == f.severity) {
                *n += 1;
            }
        }
    }
    counts
}

/// `1 credential`, `2 credentials`: `count` and `noun`, plural unless the count is one.
pub fn plural(count: impl Into<u64>, noun: &str) -> String {
    let count = count.into();
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
}

/// Distinct credentials among the findings (one finding per place a credential was seen).
pub fn credential_count(result: &ScanResult) -> usize {
    severity_counts(result).iter().map(|(_, n)| n).sum()
}

/// One line: credentials per severity, the places they were found, files and time.
/// Counts credentials, like the human report's severity headers.
pub fn summary_line(result: &ScanResult) -> String {
    let counts =
        severity_counts(result).iter().map(|(s, n)| format!("{n} {}", s.as_str())).collect::<Vec<_>>().join(", ");
    let stats = &result.stats;
    let mut line = format!(
        "{} ({counts}) at {} in {} ({}, {} skipped) in {} ms",
        plural(credential_count(result) as u64, "credential"),
        plural(result.findings.len() as u64, "location"),
        plural(stats.files, "file"),
        plural(stats.bytes, "byte"),
        stats.skipped,
        stats.elapsed_ms
    );
    let hidden = stats.hidden_total();
    if hidden > 0 {
        let rules = stats.hidden_by_tree_rules.len();
        line.push_str(&format!(
            "; {} hidden by {} from the scanned tree (--no-config refuses them)",
            plural(hidden, "file"),
            plural(rules as u64, "rule")
        ));
    }
    line
}

/// What was left out of the report on purpose, e.g. `suppressed: 2 findings by the
/// baseline, 1 by allow comments`; `None` when nothing was.
pub fn suppressed_line(result: &ScanResult) -> Option<String> {
    let stats = &result.stats;
    let mut parts = Vec::new();
    if let Some(baseline) = stats.baseline.as_ref().filter(|b| b.suppressed > 0) {
        parts.push(format!("{} by the baseline", plural(baseline.suppressed as u64, "finding")));
    }
    if stats.inline_allowed > 0 {
        parts.push(format!("{} by allow comments", plural(stats.inline_allowed, "finding")));
    }
    (!parts.is_empty()).then(|| format!("suppressed: {}", parts.join(", ")))
}

/// The failure threshold a config file set, when one did: a config committed to the
/// scanned tree can relax the gate, so the report says so and counts what it lets pass.
/// `escape` makes the file name (untrusted) safe for the output format.
pub fn threshold_line(result: &ScanResult, escape: fn(&str) -> String) -> Option<String> {
    let set = result.stats.fail_on_from_config.as_ref()?;
    Some(format!(
        "fail-on {} set by {}: {} below it, not failing the run (--fail-on or --no-config overrides it)",
        set.fail_on,
        escape(&set.file),
        plural(set.not_failing, "credential")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plurals_say_one_without_an_s() {
        assert_eq!(plural(1u64, "file"), "1 file");
        assert_eq!(plural(0u64, "file"), "0 files");
        assert_eq!(plural(2u64, "finding"), "2 findings");
    }
}
