//! `--format markdown`: a short summary for a pull-request comment or
//! `$GITHUB_STEP_SUMMARY`. Always redacted, even with `--show-secrets`.

use super::Report;
use crate::model::finding::Finding;
use anyhow::Result;
use std::io::Write;

/// Rows shown before the table is cut off.
const MAX_ROWS: usize = 20;

pub fn render(report: &Report<'_>, out: &mut dyn Write) -> Result<()> {
    let result = report.result;
    let findings = &result.findings;
    if findings.is_empty() {
        writeln!(out, "### blastradius: no credentials found\n")?;
        writeln!(out, "Scanned {} files in {} ms.", result.stats.files, result.stats.elapsed_ms)?;
        return missing_objects(report, out);
    }
    writeln!(out, "### blastradius: {} credential findings\n", findings.len())?;
    let counts: Vec<String> = super::severity_counts(result)
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(s, n)| format!("**{n}** {}", s.as_str()))
        .collect();
    writeln!(out, "{}\n", counts.join(" · "))?;
    writeln!(out, "| Blast radius | Severity | Credential | Location | Value |")?;
    writeln!(out, "|---:|---|---|---|---|")?;
    for f in findings.iter().take(MAX_ROWS) {
        writeln!(
            out,
            "| {} | {} | {} | {} | `{}` |",
            f.blast_radius,
            f.severity.as_str(),
            cell(&f.rule_name),
            cell(&location(f)),
            f.secret_redacted.replace('`', "'")
        )?;
    }
    if findings.len() > MAX_ROWS {
        writeln!(out, "\n… and {} more; see the full report.", findings.len() - MAX_ROWS)?;
    }
    if let Some(baseline) = &result.stats.baseline {
        writeln!(out, "\n{} baselined findings suppressed.", baseline.suppressed)?;
    }
    writeln!(out, "\nRotate each credential at its provider, then remove it from the code and history.")?;
    missing_objects(report, out)
}

/// The git objects a history scan could not read, so a reader knows the summary is partial.
fn missing_objects(report: &Report<'_>, out: &mut dyn Write) -> Result<()> {
    if let Some(missing) = report.result.stats.missing_objects.as_ref().filter(|m| m.total() > 0) {
        writeln!(out, "\n**Not scanned:** {} in the git history.", missing.describe())?;
    }
    Ok(())
}

fn location(f: &Finding) -> String {
    match &f.commit {
        Some(commit) => format!("{}:{} @ {}", f.path, f.line, &commit[..commit.len().min(12)]),
        None => format!("{}:{}", f.path, f.line),
    }
}

/// Escapes what would break a table cell.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}
