//! `blastradius detectors list|test`.

use super::{EXIT_CLEAN, EXIT_FINDINGS};
use anyhow::Result;
use blastradius::engine::detect::DetectorSet;
use std::io::Write;
use std::path::PathBuf;

pub fn list(extra: &[PathBuf], keywords_only: bool) -> Result<i32> {
    let set = DetectorSet::load(extra)?;
    let mut out = std::io::stdout().lock();
    if keywords_only {
        for keyword in set.keywords() {
            writeln!(out, "{keyword}")?;
        }
        return Ok(EXIT_CLEAN);
    }
    writeln!(out, "{:<40} {:<16} {:<24} KEYWORDS", "ID", "PROVIDER", "KIND")?;
    for d in &set.detectors {
        let s = &d.spec;
        writeln!(out, "{:<40} {:<16} {:<24} {}", s.id, s.provider, s.kind, s.keywords.join(","))?;
    }
    let providers: std::collections::BTreeSet<&str> = set
        .detectors
        .iter()
        .map(|d| d.spec.provider.as_str())
        .filter(|p| !matches!(*p, "generic" | "unknown"))
        .collect();
    writeln!(out, "{} detectors, {} providers", set.detectors.len(), providers.len())?;
    Ok(EXIT_CLEAN)
}

pub fn test(extra: &[PathBuf]) -> Result<i32> {
    let set = DetectorSet::load(extra)?;
    set.compile_all()?;
    let results = blastradius::engine::examples::results(&set);
    let mut out = std::io::stdout().lock();
    for r in &results {
        let total = r.passed + r.failures.len();
        let status = if r.failures.is_empty() { "ok  " } else { "FAIL" };
        writeln!(out, "{status} {:<40} {}/{total} examples pass", r.id, r.passed)?;
        for failure in &r.failures {
            writeln!(out, "     {failure}")?;
        }
    }
    let failures: usize = results.iter().map(|r| r.failures.len()).sum();
    let failed = results.iter().filter(|r| !r.failures.is_empty()).count();
    let examples: usize = set.detectors.iter().map(|d| d.spec.examples.len() + d.spec.negative_examples.len()).sum();
    writeln!(out, "{} detectors ({failed} failing), {examples} examples, {failures} failures", set.detectors.len())?;
    Ok(if failures == 0 { EXIT_CLEAN } else { EXIT_FINDINGS })
}
