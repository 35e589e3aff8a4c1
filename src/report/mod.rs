//! Reports: JSON, SARIF 2.1.0 and a human table. None prints a raw secret unless the
//! user passed `--show-secrets`.

mod human;
mod json;
mod markdown;
mod sarif;
mod sarif_paths;

use crate::cli::Format;
use crate::detect::DetectorSet;
use crate::finding::Severity;
use crate::scan::ScanResult;
use anyhow::Result;
use std::io::Write;

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
    pub provenance: Option<crate::git::provenance::Provenance>,
}

/// Writes `report` in `format` to `out`. `color` applies to the human format only.
pub fn render(format: Format, report: &Report<'_>, out: &mut dyn Write, color: bool) -> Result<()> {
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
    format!(
        "{} findings ({counts}) of {} distinct credentials in {} files ({} bytes, {} skipped) in {} ms",
        result.findings.len(),
        credentials.len(),
        stats.files,
        stats.bytes,
        stats.skipped,
        stats.elapsed_ms
    )
}
