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

/// Count of findings per severity, most severe first.
pub fn severity_counts(result: &ScanResult) -> [(Severity, usize); 4] {
    [Severity::Critical, Severity::High, Severity::Medium, Severity::Low]
        .map(|s| (s, result.findings.iter().filter(|f| f.severity == s).count()))
}

/// One line: findings per severity, distinct credentials, files and time.
pub fn summary_line(result: &ScanResult) -> String {
    let counts =
        severity_counts(result).iter().map(|(s, n)| format!("{n} {}", s.as_str())).collect::<Vec<_>>().join(", ");
    let mut credentials: Vec<&str> = result.findings.iter().map(|f| f.fingerprint.as_str()).collect();
    credentials.sort_unstable();
    credentials.dedup();
    let stats = &result.stats;
    let mut line = format!(
        "{} findings ({counts}) of {} distinct credentials in {} files ({} bytes, {} skipped) in {} ms",
        result.findings.len(),
        credentials.len(),
        stats.files,
        stats.bytes,
        stats.skipped,
        stats.elapsed_ms
    );
    let hidden = stats.hidden_total();
    if hidden > 0 {
        let rules = stats.hidden_by_tree_rules.len();
        line.push_str(&format!(
            "; {hidden} files hidden by {rules} rules from the scanned tree (--no-config refuses them)"
        ));
    }
    line
}
