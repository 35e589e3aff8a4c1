//! Writing reports: to a new owner-only file renamed into place or to standard output (colour
//! on a terminal), warnings and the summary line on standard error, progress spinners,
//! and the exit code `--fail-on` calls for.

use super::{EXIT_CLEAN, EXIT_FINDINGS};
use anyhow::{Context, Result};
use blastradius::engine::scan::Scanner;
use blastradius::model::finding::FailOn;
use blastradius::model::result::ScanResult;
use blastradius::pipeline::Progress;
use blastradius::report::{self, Format, Report};
use indicatif::{ProgressBar, ProgressStyle};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// How one report is written.
#[derive(Debug, Clone)]
pub struct OutputOptions {
    pub format: Format,
    /// Write here instead of standard output.
    pub file: Option<PathBuf>,
    /// Also append the markdown summary of the same result here (`$GITHUB_STEP_SUMMARY`).
    pub summary_markdown: Option<PathBuf>,
    pub show_secrets: bool,
    pub sarif_category: Option<String>,
    /// No progress, warnings or summary on standard error.
    pub quiet: bool,
}

/// Writes the report of a scan of the repository containing `repo_hint` (SARIF gets its
/// provenance and URIs relative to its root) and returns the exit code `fail_on` calls for.
pub fn emit(
    scanner: &Scanner,
    result: &ScanResult,
    output: &OutputOptions,
    fail_on: FailOn,
    repo_hint: &Path,
) -> Result<i32> {
    if output.show_secrets {
        eprintln!("warning: --show-secrets: the report contains raw credential values; do not share or upload it");
    }
    let ci = report::CiContext {
        category: output.sarif_category.clone(),
        provenance: (output.format == Format::Sarif)
            .then(|| blastradius::source::git::provenance::of(repo_hint))
            .flatten(),
    };
    let report = Report { result, detectors: &scanner.detectors, show_secrets: output.show_secrets, ci: &ci };
    match &output.file {
        Some(path) => {
            blastradius::source::file::write_private(path, |file| report::render(output.format, &report, file, false))
                .context("cannot write the report")?;
        }
        None => {
            let color = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            let mut stdout = std::io::stdout().lock();
            report::render(output.format, &report, &mut stdout, color)?;
            stdout.flush()?;
        }
    }
    if let Some(path) = &output.summary_markdown {
        let mut file = open_append(path)?;
        report::render(Format::Markdown, &report, &mut file, false)?;
        file.flush()?;
    }
    if !output.quiet {
        print_warnings(&result.warnings);
        if output.file.is_some() {
            eprintln!("{}", report::summary_line(result));
        }
    }
    Ok(if fail_on.fails(&result.findings) { EXIT_FINDINGS } else { EXIT_CLEAN })
}

fn print_warnings(warnings: &[String]) {
    const SHOWN: usize = 5;
    for warning in warnings.iter().take(SHOWN) {
        eprintln!("warning: {}", report::escape::terminal(warning));
    }
    if warnings.len() > SHOWN {
        eprintln!("warning: … and {} more (see `stats` in the JSON report)", warnings.len() - SHOWN);
    }
}

/// Opens a summary file for appending (GitHub's step summary collects several steps'
/// output), creating it readable by its owner only.
fn open_append(path: &Path) -> Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.append(true).create(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path).with_context(|| format!("cannot write the markdown summary to {}", path.display()))
}

/// A spinner on standard error, only on a terminal and only when not quiet: it names the
/// source being read and counts files.
pub struct Spinner {
    bar: ProgressBar,
}

impl Spinner {
    /// `what` prefixes the message (`"scanning"`, `"reach"`).
    pub fn new(quiet: bool, what: &str) -> Self {
        if quiet || !std::io::stderr().is_terminal() {
            return Spinner { bar: ProgressBar::hidden() };
        }
        let bar = ProgressBar::new_spinner();
        let template = format!("{{spinner}} {what}{{msg}}… {{pos}} files ({{elapsed}})");
        bar.set_style(ProgressStyle::with_template(&template).unwrap_or_else(|_| ProgressStyle::default_spinner()));
        bar.enable_steady_tick(Duration::from_millis(120));
        Spinner { bar }
    }

    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

impl Progress for Spinner {
    fn source(&self, name: &'static str) {
        self.bar.set_message(format!(": {name}"));
    }

    fn file(&self) {
        self.bar.inc(1);
    }
}
