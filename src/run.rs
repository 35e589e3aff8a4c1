//! Command execution: turns parsed arguments into scans and reports, and reports into
//! exit codes (0 clean, 1 findings at or above `--fail-on`, 2 usage or fatal error).

use crate::cli::{
    BaselineCommand, Cli, Command, DetectorsCommand, EngineArgs, ExplainArgs, FailOn, Format, HookCommand, OutputArgs,
};
use crate::detect::DetectorSet;
use crate::detector;
use crate::finding::Severity;
use crate::report::{self, Report};
use crate::scan::{self, ScanResult, Scanner};
use crate::walk::WalkOptions;
use anyhow::{Context, Result};
use clap::Parser;
use indicatif::{ProgressBar, ProgressStyle};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Exit code: no finding at or above the threshold.
pub const EXIT_CLEAN: i32 = 0;
/// Exit code: findings at or above the threshold.
pub const EXIT_FINDINGS: i32 = 1;
/// Exit code: usage error or fatal error.
pub const EXIT_ERROR: i32 = 2;

/// Parses the command line, runs it, and returns the process exit code.
pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            let _ = err.print();
            return if err.use_stderr() { EXIT_ERROR } else { EXIT_CLEAN };
        }
    };
    match dispatch(cli) {
        Ok(code) => code,
        Err(err) if is_broken_pipe(&err) => EXIT_CLEAN,
        Err(err) => {
            eprintln!("error: {err:#}");
            EXIT_ERROR
        }
    }
}

/// A reader such as `head` closed our standard output: stop quietly, like other Unix tools.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause.downcast_ref::<std::io::Error>().is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
            || cause.downcast_ref::<serde_json::Error>().and_then(|e| e.io_error_kind())
                == Some(std::io::ErrorKind::BrokenPipe)
    })
}

fn dispatch(cli: Cli) -> Result<i32> {
    match cli.command {
        Command::Scan(args) => crate::gate::scan_command(args),
        Command::Hook(HookCommand::Install { force }) => crate::gate::hook_install(force),
        Command::Hook(HookCommand::Uninstall) => crate::gate::hook_uninstall(),
        Command::Baseline(BaselineCommand::Create { paths, output, engine, config }) => {
            crate::gate::baseline_create(paths, &output, &engine, config)
        }
        Command::Explain(args) => explain_command(args),
        Command::Detectors(DetectorsCommand::List { detectors, keywords }) => list_detectors(&detectors, keywords),
        Command::Reach(args) => crate::reach::run(args),
        Command::Detectors(DetectorsCommand::Test { detectors }) => test_detectors(&detectors),
        Command::Introspect(args) => crate::introspect::command::introspect_command(&args),
    }
}

/// Loads built-in and extra detectors and compiles them.
pub fn load_detectors(extra: &[PathBuf]) -> Result<DetectorSet> {
    let set = DetectorSet::new(detector::load(extra)?)?;
    if !extra.is_empty() {
        // User-supplied regexes are compiled up front so a bad one fails loudly; the
        // built-in ones are covered by the test suite and compile on first use.
        set.compile_all()?;
    }
    Ok(set)
}

/// Scans `paths` (default `.`) and returns classified, ranked findings; with
/// `introspect`, providers are asked (read-only) between classification and ranking.
fn scan_paths(
    paths: Vec<PathBuf>,
    engine: &EngineArgs,
    quiet: bool,
    introspect: Option<&crate::introspect::Options>,
) -> Result<(Scanner, ScanResult)> {
    let scanner = Scanner::new(load_detectors(&engine.detectors)?);
    let roots = if paths.is_empty() { vec![PathBuf::from(".")] } else { paths };
    let options = WalkOptions {
        roots,
        threads: engine.threads.unwrap_or(0),
        max_file_size: engine.max_file_size,
        excludes: engine.exclude.clone(),
        file_budget: Some(engine.file_timeout),
    };
    let mut result = scan_tree_with_progress(&scanner, &options, quiet)?;
    match introspect {
        Some(options) => scan::finish_introspected(&scanner, &mut result.findings, options),
        None => scan::finish(&scanner, &mut result.findings),
    }
    Ok((scanner, result))
}

/// Classifies and ranks `findings`; with `introspect`, providers are asked (read-only)
/// first, within the bounds of `net`.
pub fn finish_findings(
    scanner: &Scanner,
    findings: &mut [crate::finding::Finding],
    introspect: bool,
    net: &crate::cli::NetworkArgs,
) -> Result<()> {
    if introspect {
        let options = crate::introspect::Options::from_args(&net.endpoint, net.introspect_timeout, net.max_requests)?;
        scan::finish_introspected(scanner, findings, &options);
    } else {
        scan::finish(scanner, findings);
    }
    Ok(())
}

/// Walks the roots with a progress spinner (unless quiet).
pub fn scan_tree_with_progress(scanner: &Scanner, options: &WalkOptions, quiet: bool) -> Result<ScanResult> {
    let progress = progress_bar(quiet);
    let tick = || progress.inc(1);
    let result = scanner.scan_tree(options, &tick)?;
    progress.finish_and_clear();
    Ok(result)
}

fn explain_command(args: ExplainArgs) -> Result<i32> {
    let report = match &args.report {
        Some(path) => crate::explain::read_report(path)?,
        None => {
            let (_, result) = scan_paths(args.paths, &args.engine, false, None)?;
            serde_json::json!({ "findings": result.findings })
        }
    };
    let found = crate::explain::matching(&report, &args.fingerprint)?;
    if found.is_empty() {
        eprintln!("no credential with fingerprint {} in this report", args.fingerprint);
        return Ok(EXIT_FINDINGS);
    }
    crate::explain::print(&mut std::io::stdout().lock(), &found)?;
    Ok(EXIT_CLEAN)
}

/// Writes the report and returns the exit code `--fail-on` calls for.
pub fn emit(scanner: &Scanner, result: &ScanResult, output: &OutputArgs) -> Result<i32> {
    emit_in(scanner, result, output, Path::new("."))
}

/// [`emit`] for a scan of the repository containing `repo_hint`: SARIF gets that
/// repository's provenance and URIs relative to its root.
pub fn emit_in(scanner: &Scanner, result: &ScanResult, output: &OutputArgs, repo_hint: &Path) -> Result<i32> {
    if output.show_secrets {
        eprintln!("warning: --show-secrets: the report contains raw credential values; do not share or upload it");
    }
    let ci = report::CiContext {
        category: output.sarif_category.clone(),
        provenance: (output.format == Format::Sarif).then(|| crate::git::provenance::of(repo_hint)).flatten(),
    };
    let report = Report { result, detectors: &scanner.detectors, show_secrets: output.show_secrets, ci: &ci };
    match &output.output {
        Some(path) => {
            let mut file = create_private(path)?;
            report::render(output.format, &report, &mut file, false)?;
            file.flush()?;
        }
        None => {
            let color = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            let mut stdout = std::io::stdout().lock();
            report::render(output.format, &report, &mut stdout, color)?;
            stdout.flush()?;
        }
    }
    if !output.quiet {
        print_warnings(&result.warnings);
        if output.output.is_some() {
            eprintln!("{}", report::summary_line(result));
        }
    }
    Ok(exit_code(result, output.fail_on.unwrap_or(FailOn::Low)))
}

fn exit_code(result: &ScanResult, fail_on: FailOn) -> i32 {
    let threshold = match fail_on {
        FailOn::Critical => Severity::Critical,
        FailOn::High => Severity::High,
        FailOn::Medium => Severity::Medium,
        FailOn::Low => Severity::Low,
        FailOn::None => return EXIT_CLEAN,
    };
    if result.findings.iter().any(|f| f.severity >= threshold) {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    }
}

fn print_warnings(warnings: &[String]) {
    const SHOWN: usize = 5;
    for warning in warnings.iter().take(SHOWN) {
        eprintln!("warning: {warning}");
    }
    if warnings.len() > SHOWN {
        eprintln!("warning: … and {} more (see `stats` in the JSON report)", warnings.len() - SHOWN);
    }
}

/// Creates (or truncates) a report file readable by its owner only.
fn create_private(path: &Path) -> Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path).with_context(|| format!("cannot write report to {}", path.display()))
}

/// A spinner on standard error, only on a terminal and only when not quiet.
fn progress_bar(quiet: bool) -> ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new_spinner();
    bar.set_style(ProgressStyle::with_template("{spinner} scanning… {pos} files ({elapsed})").expect("valid template"));
    bar.enable_steady_tick(Duration::from_millis(120));
    bar
}

fn list_detectors(extra: &[PathBuf], keywords_only: bool) -> Result<i32> {
    let set = load_detectors(extra)?;
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
    writeln!(out, "{} detectors", set.detectors.len())?;
    Ok(EXIT_CLEAN)
}

fn test_detectors(extra: &[PathBuf]) -> Result<i32> {
    let set = load_detectors(extra)?;
    set.compile_all()?;
    let results = crate::detector_test::results(&set);
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
