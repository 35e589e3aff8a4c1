//! `--format human`: credentials grouped by severity, most dangerous first; each
//! credential once, with every place it was found.

use super::escape::terminal;
use super::{plural, summary_line, suppressed_line, Report};
use crate::model::finding::{Finding, Severity};
use crate::model::result::{CapStats, HomeStats};
use anstyle::{AnsiColor, Style};
use anyhow::Result;
use std::io::Write;

/// Locations listed per credential before "and N more".
const LOCATIONS_SHOWN: usize = 5;

pub fn render(report: &Report<'_>, out: &mut dyn Write, color: bool) -> Result<()> {
    let paint = Painter { color };
    let groups = group_by_credential(&report.result.findings);
    if groups.is_empty() {
        let none =
            if report.result.stats.suppressed() > 0 { "No new credentials found." } else { "No credentials found." };
        writeln!(out, "{none}")?;
    }
    for severity in [Severity::Critical, Severity::High, Severity::Medium, Severity::Low] {
        let in_band: Vec<&Vec<&Finding>> = groups.iter().filter(|g| g[0].severity == severity).collect();
        if in_band.is_empty() {
            continue;
        }
        let title = format!("{} ({})", severity.as_str().to_uppercase(), plural(in_band.len() as u64, "credential"));
        writeln!(out, "{}", paint.paint(severity_style(severity).bold(), &title))?;
        for group in in_band {
            credential(out, &paint, group, report.show_secrets)?;
        }
    }
    let skipped = &report.result.stats.skipped_by_reason;
    writeln!(out, "{}", summary_line(report.result))?;
    if let Some(home) = &report.result.stats.home {
        writeln!(out, "{}", home_line(home))?;
    }
    if let Some(suppressed) = suppressed_line(report.result) {
        writeln!(out, "{suppressed}")?;
    }
    if let Some(threshold) = super::threshold_line(report.result, |s| terminal(s).into_owned()) {
        writeln!(out, "{threshold}")?;
    }
    if skipped.total() > 0 {
        writeln!(
            out,
            "skipped: {} binary, {} too large, {} unreadable, {} not regular files, {} timed out",
            skipped.binary, skipped.too_large, skipped.unreadable, skipped.not_regular, skipped.timed_out
        )?;
    }
    for hidden in &report.result.stats.hidden_by_tree_rules {
        writeln!(
            out,
            "hidden by the scanned tree: {} files by `{}` in {}",
            hidden.files,
            terminal(&hidden.pattern),
            terminal(&hidden.file)
        )?;
    }
    if let Some(missing) = report.result.stats.missing_objects.as_ref().filter(|m| m.total() > 0) {
        writeln!(out, "missing objects: {}; their contents were not scanned", missing.describe())?;
    }
    if let Some(line) = capped_line(&report.result.stats.capped) {
        writeln!(out, "{line}")?;
    }
    Ok(())
}

/// What `reach` covered of the home, on one line: catalogue stores and tools, what the
/// walk read against its budget, and what it left out by reason.
fn home_line(home: &HomeStats) -> String {
    let stores: u64 = home.stores.values().sum();
    if !home.walked {
        return format!("home: {stores} catalogue stores of {} tools; no walk (--no-home-walk)", home.stores.len());
    }
    let skipped: Vec<String> = home.skipped.iter().map(|(reason, n)| format!("{n} {reason}")).collect();
    let skipped = if skipped.is_empty() { "nothing".to_string() } else { skipped.join(", ") };
    format!(
        "home: {stores} catalogue stores of {} tools; walk read {} files ({} of {} budget bytes, files up to {} bytes); left out: {skipped}",
        home.stores.len(),
        home.walked_files,
        home.walked_bytes,
        home.budget,
        home.max_file
    )
}

/// What the findings caps left out, when they left anything out.
fn capped_line(capped: &CapStats) -> Option<String> {
    if !capped.any() {
        return None;
    }
    let cap = |max: Option<usize>| max.map_or_else(|| "no".to_string(), |n| n.to_string());
    Some(format!(
        "capped: {} files stopped at {} findings each (--max-findings-per-file), \
         {} findings left out by the run cap of {} (--max-findings)",
        capped.files_capped,
        cap(capped.max_findings_per_file),
        capped.findings_dropped,
        cap(capped.max_findings)
    ))
}

fn credential(out: &mut dyn Write, paint: &Painter, group: &[&Finding], show_secrets: bool) -> Result<()> {
    let f = group[0];
    let caps: Vec<&str> = f.capabilities.iter().map(|c| c.as_str()).collect();
    let caps = if caps.is_empty() { "unknown".to_string() } else { caps.join(",") };
    let score = paint.paint(severity_style(f.severity).bold(), &format!("{:>3}", f.blast_radius));
    writeln!(
        out,
        "  {score}  {}  [{} {}]  env={} scope={} can={}",
        paint.paint(Style::new().bold(), &terminal(&f.rule_name)),
        terminal(&f.provider),
        terminal(&f.kind),
        f.environment.as_str(),
        f.scope.as_str(),
        caps
    )?;
    let value = if show_secrets { f.secret.expose().to_string() } else { f.secret_redacted.clone() };
    let key = f.key.as_deref().map(|k| format!("{} = ", terminal(k))).unwrap_or_default();
    writeln!(out, "       {key}{}  fp {}", terminal(&value), &f.fingerprint[..12])?;
    for location in group.iter().take(LOCATIONS_SHOWN) {
        writeln!(out, "       at {}", location_text(location))?;
    }
    if group.len() > LOCATIONS_SHOWN {
        writeln!(out, "       … and {} more places", group.len() - LOCATIONS_SHOWN)?;
    }
    if let Some(reason) = f.reasons.first() {
        writeln!(out, "       why: {}", terminal(reason))?;
    }
    if let Some(checked) = f.reasons.iter().find(|r| r.starts_with("introspection")) {
        writeln!(out, "       checked: {}", terminal(checked))?;
    }
    writeln!(out, "       fix: {}", terminal(&f.remediation))?;
    Ok(())
}

fn location_text(f: &Finding) -> String {
    let mut text = format!("{}:{}:{} [{}]", terminal(&f.path), f.line, f.column, f.source.as_str());
    if let Some(commit) = &f.commit {
        text.push_str(&format!(" commit {}", terminal(&commit[..commit.len().min(12)])));
    }
    text
}

/// Findings grouped by fingerprint, in the order of their first (highest-ranked) finding.
fn group_by_credential(findings: &[Finding]) -> Vec<Vec<&Finding>> {
    let mut groups: Vec<Vec<&Finding>> = Vec::new();
    let mut index: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for f in findings {
        match index.get(f.fingerprint.as_str()) {
            Some(&i) => groups[i].push(f),
            None => {
                index.insert(&f.fingerprint, groups.len());
                groups.push(vec![f]);
            }
        }
    }
    groups
}

fn severity_style(severity: Severity) -> Style {
    let color = match severity {
        Severity::Critical => AnsiColor::BrightRed,
        Severity::High => AnsiColor::Red,
        Severity::Medium => AnsiColor::Yellow,
        Severity::Low => AnsiColor::Cyan,
    };
    Style::new().fg_color(Some(color.into()))
}

struct Painter {
    color: bool,
}

impl Painter {
    fn paint(&self, style: Style, text: &str) -> String {
        if self.color {
            format!("{}{text}{}", style.render(), style.render_reset())
        } else {
            text.to_string()
        }
    }
}
