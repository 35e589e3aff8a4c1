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
use indicatif::{HumanBytes, ProgressBar, ProgressState, ProgressStyle};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
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
    blastradius::source::file::check_output_target(path)?;
    let mut options = std::fs::OpenOptions::new();
    options.append(true).create(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // A symlink put there after the check is refused by the open itself.
        options.mode(0o600).custom_flags(libc::O_NOFOLLOW);
    }
    options.open(path).with_context(|| format!("cannot write the markdown summary to {}", path.display()))
}

/// A spinner on standard error, only on a terminal and only when not quiet: it names the
/// source being read and counts files. Once the work ahead is known (a history scan's
/// blobs) it becomes a bar: objects and bytes done of the total, byte rate and ETA.
pub struct Spinner {
    bar: ProgressBar,
    /// Bytes read of the planned objects, shown by the bar's template.
    bytes: Arc<AtomicU64>,
}

impl Spinner {
    /// `what` prefixes the message (`"scanning"`, `"reach"`).
    pub fn new(quiet: bool, what: &str) -> Self {
        Self::with_template(quiet, &format!("{{spinner}} {what}{{msg}}… {{pos}} files ({{elapsed}})"))
    }

    /// For a history scan, which counts no files: the step it is at until the bar starts.
    pub fn history(quiet: bool) -> Self {
        Self::with_template(quiet, "{spinner} scanning history{msg}… ({elapsed})")
    }

    fn with_template(quiet: bool, template: &str) -> Self {
        let bytes = Arc::new(AtomicU64::new(0));
        if quiet || !std::io::stderr().is_terminal() {
            return Spinner { bar: ProgressBar::hidden(), bytes };
        }
        let bar = ProgressBar::new_spinner();
        bar.set_style(ProgressStyle::with_template(template).unwrap_or_else(|_| ProgressStyle::default_spinner()));
        bar.enable_steady_tick(Duration::from_millis(120));
        Spinner { bar, bytes }
    }

    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

/// The bar of planned work: objects done of the packs' objects (unreachable ones are
/// never read, so the total is an upper bound and reads `~`), the packs' size, the bytes
/// scanned and their rate, and the ETA indicatif reckons from objects.
fn bar_style(done: Arc<AtomicU64>, total_bytes: u64) -> ProgressStyle {
    const TEMPLATE: &str = "{spinner} scanning history [{bar:24}] {pos}/~{len} objects ({total_bytes} of packs), \
                            {done_bytes} scanned, {byte_rate}, ETA {eta}";
    let rate_of = done.clone();
    let style = ProgressStyle::with_template(TEMPLATE).unwrap_or_else(|_| ProgressStyle::default_bar());
    style
        .with_key("done_bytes", move |_: &ProgressState, w: &mut dyn std::fmt::Write| {
            let _ = write!(w, "{}", HumanBytes(done.load(Ordering::Relaxed)));
        })
        .with_key("total_bytes", move |_: &ProgressState, w: &mut dyn std::fmt::Write| {
            let _ = write!(w, "{}", HumanBytes(total_bytes));
        })
        .with_key("byte_rate", move |state: &ProgressState, w: &mut dyn std::fmt::Write| {
            let _ = write!(w, "{}", byte_rate(rate_of.load(Ordering::Relaxed), state.elapsed()));
        })
        .progress_chars("=> ")
}

/// `12.5 MiB/s`: `bytes` over `elapsed`.
fn byte_rate(bytes: u64, elapsed: Duration) -> String {
    let seconds = elapsed.as_secs_f64();
    if seconds < 0.001 {
        return "- MiB/s".to_string();
    }
    format!("{}/s", HumanBytes((bytes as f64 / seconds) as u64))
}

impl Progress for Spinner {
    fn source(&self, name: &'static str) {
        self.bar.set_message(format!(": {name}"));
    }

    fn file(&self) {
        self.bar.inc(1);
    }

    fn planned(&self, objects: u64, bytes: u64) {
        self.bytes.store(0, Ordering::Relaxed);
        self.bar.set_position(0);
        self.bar.set_length(objects);
        self.bar.reset_elapsed();
        self.bar.reset_eta();
        if !self.bar.is_hidden() {
            self.bar.set_style(bar_style(self.bytes.clone(), bytes));
        }
    }

    fn objects(&self, objects: u64, bytes: u64) {
        self.bytes.fetch_add(bytes, Ordering::Relaxed);
        self.bar.inc(objects);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_rate_is_bytes_over_elapsed_time() {
        assert_eq!(byte_rate(10 * 1024 * 1024, Duration::from_secs(4)), "2.50 MiB/s");
        assert_eq!(byte_rate(1, Duration::ZERO), "- MiB/s");
    }

    /// A terminal that keeps what is drawn on it.
    #[derive(Debug, Default, Clone)]
    struct Screen(Arc<std::sync::Mutex<String>>);

    impl indicatif::TermLike for Screen {
        fn width(&self) -> u16 {
            200
        }
        fn move_cursor_up(&self, _: usize) -> std::io::Result<()> {
            Ok(())
        }
        fn move_cursor_down(&self, _: usize) -> std::io::Result<()> {
            Ok(())
        }
        fn move_cursor_right(&self, _: usize) -> std::io::Result<()> {
            Ok(())
        }
        fn move_cursor_left(&self, _: usize) -> std::io::Result<()> {
            Ok(())
        }
        fn write_line(&self, line: &str) -> std::io::Result<()> {
            self.write_str(line)
        }
        fn write_str(&self, text: &str) -> std::io::Result<()> {
            self.0.lock().unwrap().push_str(text);
            Ok(())
        }
        fn clear_line(&self) -> std::io::Result<()> {
            self.0.lock().unwrap().clear();
            Ok(())
        }
        fn flush(&self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn the_bar_shows_objects_bytes_rate_and_eta() {
        let screen = Screen::default();
        let target = indicatif::ProgressDrawTarget::term_like(Box::new(screen.clone()));
        let spinner = Spinner { bar: ProgressBar::with_draw_target(None, target), bytes: Arc::default() };
        spinner.planned(10, 8 * 1024 * 1024);
        for _ in 0..4 {
            spinner.objects(1, 768 * 1024);
        }
        spinner.bar.tick();
        let line = screen.0.lock().unwrap().clone();
        assert!(line.contains("4/~10 objects (8.00 MiB of packs)"), "{line}");
        assert!(line.contains("3.00 MiB scanned"), "{line}");
        assert!(line.contains("/s, ETA "), "{line}");
    }
}
