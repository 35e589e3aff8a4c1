//! `--format markdown`: a short summary for a pull-request comment or
//! `$GITHUB_STEP_SUMMARY`. Always redacted, even with `--show-secrets`.

use super::escape;
use super::Report;
use crate::model::finding::Finding;
use crate::model::result::ScanResult;
use anyhow::Result;
use std::io::Write;

/// Rows shown before the table is cut off.
const MAX_ROWS: usize = 20;

pub fn render(report: &Report<'_>, out: &mut dyn Write) -> Result<()> {
    let result = report.result;
    let findings = &result.findings;
    if findings.is_empty() {
        let none = if result.stats.suppressed() > 0 { "no new credentials found" } else { "no credentials found" };
        writeln!(out, "### blastradius: {none}\n")?;
        writeln!(out, "Scanned {} in {} ms.", super::plural(result.stats.files, "file"), result.stats.elapsed_ms)?;
        if let Some(suppressed) = super::suppressed_line(result) {
            writeln!(out, "\n{}.", capitalized(&suppressed))?;
        }
        threshold_note(out, result)?;
        hidden_note(out, result)?;
        return missing_objects(report, out);
    }
    writeln!(
        out,
        "### blastradius: {} at {}\n",
        super::plural(super::credential_count(result) as u64, "credential"),
        super::plural(findings.len() as u64, "location")
    )?;
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
            escape::markdown(&f.rule_name),
            location(f),
            escape::terminal(&f.secret_redacted).replace('`', "'").replace('|', "\\|")
        )?;
    }
    if findings.len() > MAX_ROWS {
        writeln!(out, "\n… and {} more; see the full report.", findings.len() - MAX_ROWS)?;
    }
    hidden_note(out, result)?;
    if let Some(suppressed) = super::suppressed_line(result) {
        writeln!(out, "\n{}.", capitalized(&suppressed))?;
    }
    threshold_note(out, result)?;
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

/// Says how many files rules from the scanned tree hid, when any did.
fn threshold_note(out: &mut dyn Write, result: &ScanResult) -> Result<()> {
    if let Some(line) = super::threshold_line(result, escape::markdown) {
        writeln!(out, "\n{}.", capitalized(&line))?;
    }
    Ok(())
}

fn hidden_note(out: &mut dyn Write, result: &ScanResult) -> Result<()> {
    let hidden = result.stats.hidden_total();
    if hidden > 0 {
        let files = super::plural(hidden, "file");
        writeln!(out, "\n{files} hidden by rules from the scanned tree (see `stats` in the JSON report).")?;
    }
    Ok(())
}

/// The path, escaped (it is untrusted), then the line and the commit (ours).
fn location(f: &Finding) -> String {
    let path = escape::markdown(&f.path);
    match &f.commit {
        Some(commit) => format!("{path}:{} @ {}", f.line, escape::markdown(&commit[..commit.len().min(12)])),
        None => format!("{path}:{}", f.line),
    }
}

/// `Suppressed: …` for a sentence of its own.
fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| first.to_uppercase().chain(chars).collect())
}
