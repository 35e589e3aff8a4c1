//! `blastradius scan`: a tree, a staged change or git history, gated by `--fail-on`.

use super::cli::ScanArgs;
use super::output::{self, Spinner};
use super::{options, EXIT_ERROR, EXIT_FINDINGS};
use anyhow::Result;
use blastradius::model::result::ScanResult;
use blastradius::report::escape;
use std::path::Path;

/// Printed when a staged scan fails, so a blocked commit says what to do.
const BLOCKED_HINT: &str = "\
blastradius: commit blocked: the staged changes add the credentials above.
  - remove them from the files and `git add` again, and rotate any that are real;
  - a false positive or accepted value: add `blastradius:allow` in a comment on that line,
    or run `blastradius baseline create` in the repository root: it records every credential
    found now in .blastradius-baseline.json, which later scans and this hook use by themselves;
  - to bypass this check once: git commit --no-verify";

pub fn run(args: ScanArgs) -> Result<i32> {
    let scan_options = options::scan(&args)?;
    let spinner = match args.git_history {
        true => Spinner::history(args.output.quiet),
        false => Spinner::new(args.output.quiet || args.staged, "scanning"),
    };
    let run = blastradius::pipeline::gate::scan(&scan_options, &spinner);
    spinner.finish();
    let run = run?;
    if !args.output.quiet {
        print_stale(&run.result, scan_options.baseline.as_deref());
    }
    let code = output::emit(&run.scanner, &run.result, &options::output(&args.output), run.fail_on, &run.root)?;
    if args.staged && code == EXIT_FINDINGS {
        eprintln!("{BLOCKED_HINT}");
    }
    if let Some(missing) = run.result.stats.missing_objects.as_ref().filter(|m| args.strict && m.total() > 0) {
        eprintln!("error: --strict: the history scan could not read every object ({})", missing.describe());
        return Ok(EXIT_ERROR);
    }
    Ok(code)
}

/// Lists on standard error the baseline entries that matched nothing.
pub fn print_stale(result: &ScanResult, named: Option<&Path>) {
    let Some(stats) = &result.stats.baseline else { return };
    if stats.stale.is_empty() {
        return;
    }
    let file =
        named.map_or_else(|| "the baseline".to_string(), |p| escape::terminal(&p.display().to_string()).into_owned());
    eprintln!(
        "baseline: {} of {} entries in {file} no longer match anything; remove them once the credentials are rotated:",
        stats.stale.len(),
        stats.entries,
    );
    for entry in &stats.stale {
        eprintln!(
            "  {} {} ({})",
            escape::terminal(&entry.rule_id),
            escape::terminal(&entry.secret_redacted),
            entry.fingerprint.chars().take(12).collect::<String>()
        );
    }
}
