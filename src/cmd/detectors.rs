//! `blastradius detectors list|test`.

use super::{EXIT_CLEAN, EXIT_FINDINGS};
use anyhow::Result;
use blastradius::classify::vocabulary;
use blastradius::engine::detect::DetectorSet;
use blastradius::engine::examples::DetectorResult;
use blastradius::engine::scan::Scanner;
use blastradius::report::escape::terminal;
use std::collections::BTreeSet;
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
    let with_detectors: BTreeSet<&str> = set.detectors.iter().map(|d| d.spec.provider.as_str()).collect();
    let by_name: Vec<&vocabulary::Entry> =
        vocabulary::builtin().entries().iter().filter(|e| !with_detectors.contains(e.id.as_str())).collect();
    writeln!(
        out,
        "\n{:<40} {:<16} NAMES (provider vocabulary: found by generic detectors, named by key)",
        "PROVIDER", "CLASS"
    )?;
    for entry in &by_name {
        let names = entry.names.join(",");
        writeln!(out, "{:<40} {:<16} {}", terminal(&entry.id), terminal(&entry.class), terminal(&names))?;
    }
    let (formats, names) = (with_detectors.len(), by_name.len());
    writeln!(
        out,
        "{} detectors, {} providers ({formats} with format detectors, {names} by name only)",
        set.detectors.len(),
        formats + names
    )?;
    Ok(EXIT_CLEAN)
}

pub fn test(extra: &[PathBuf]) -> Result<i32> {
    let set = DetectorSet::load(extra)?;
    set.compile_all()?;
    let results = blastradius::engine::examples::results(&set);
    let examples: usize = set.detectors.iter().map(|d| d.spec.examples.len() + d.spec.negative_examples.len()).sum();
    let detectors = set.detectors.len();
    let scanner = Scanner::new(set);
    let named = vocabulary::example_results(&scanner);
    let named_examples: usize = vocabulary::builtin().entries().iter().map(|e| e.examples.len()).sum();
    let mut out = std::io::stdout().lock();
    write_results(&mut out, &results)?;
    write_results(&mut out, &named)?;
    let failures: usize = results.iter().chain(&named).map(|r| r.failures.len()).sum();
    let failed = results.iter().filter(|r| !r.failures.is_empty()).count();
    let failed_named = named.iter().filter(|r| !r.failures.is_empty()).count();
    writeln!(
        out,
        "{detectors} detectors ({failed} failing), {} vocabulary providers ({failed_named} failing), {} examples, {failures} failures",
        named.len(),
        examples + named_examples
    )?;
    Ok(if failures == 0 { EXIT_CLEAN } else { EXIT_FINDINGS })
}

/// One line per detector or vocabulary provider, then one per failed example.
fn write_results(out: &mut impl Write, results: &[DetectorResult]) -> Result<()> {
    for r in results {
        let total = r.passed + r.failures.len();
        let status = if r.failures.is_empty() { "ok  " } else { "FAIL" };
        writeln!(out, "{status} {:<40} {}/{total} examples pass", terminal(&r.id), r.passed)?;
        for failure in &r.failures {
            writeln!(out, "     {}", terminal(failure))?;
        }
    }
    Ok(())
}
