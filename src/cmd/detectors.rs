//! `blastradius detectors list|test`.

use super::{EXIT_CLEAN, EXIT_FINDINGS};
use anyhow::Result;
use blastradius::engine::detect::DetectorSet;
use blastradius::report::escape::terminal;
use std::io::Write;
use std::path::PathBuf;

pub fn list(extra: &[PathBuf], keywords_only: bool) -> Result<i32> {
    let set = DetectorSet::load(extra)?;
    let mut out = std::io::stdout().lock();
    if keywords_only {
        for keyword in set.keywords() {
            writeln!(out, "{}", terminal(keyword))?;
        }
        return Ok(EXIT_CLEAN);
    }
    writeln!(out, "{:<40} {:<16} {:<16} {:<24} KEYWORDS", "ID", "PROVIDER", "CLASS", "KIND")?;
    for d in &set.detectors {
        let s = &d.spec;
        let (id, provider, kind) = (terminal(&s.id), terminal(&s.provider), terminal(&s.kind));
        // A detector without a class of its own is ranked under the default class.
        let class = terminal(s.class.as_deref().unwrap_or(blastradius::classify::class::DEFAULT_CLASS));
        writeln!(out, "{id:<40} {provider:<16} {class:<16} {kind:<24} {}", terminal(&s.keywords.join(",")))?;
    }
    writeln!(out, "{} detectors", set.detectors.len())?;
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
        writeln!(out, "{status} {:<40} {}/{total} examples pass", terminal(&r.id), r.passed)?;
        for failure in &r.failures {
            writeln!(out, "     {}", terminal(failure))?;
        }
    }
    let failures: usize = results.iter().map(|r| r.failures.len()).sum();
    let failed = results.iter().filter(|r| !r.failures.is_empty()).count();
    let examples: usize = set.detectors.iter().map(|d| d.spec.examples.len() + d.spec.negative_examples.len()).sum();
    writeln!(out, "{} detectors ({failed} failing), {examples} examples, {failures} failures", set.detectors.len())?;
    Ok(if failures == 0 { EXIT_CLEAN } else { EXIT_FINDINGS })
}
