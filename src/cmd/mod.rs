//! The command layer (binary only): parses the command line, turns flags into the
//! library's option structs ([`options`]), runs one subcommand and maps the outcome to an
//! exit code (0 clean, 1 findings at or above `--fail-on`, 2 usage or fatal error).
//! Nothing in the library imports this.

mod baseline;
mod cli;
mod detectors;
mod explain;
mod hook;
mod introspect;
mod options;
mod output;
mod reach;
mod scan;

use clap::Parser;
use cli::{BaselineCommand, Cli, Command, DetectorsCommand, HookCommand};

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
            eprintln!("error: {}", blastradius::report::escape::terminal(&format!("{err:#}")));
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

fn dispatch(cli: Cli) -> anyhow::Result<i32> {
    match cli.command {
        Command::Scan(args) => scan::run(args),
        Command::Reach(args) => reach::run(args),
        Command::Explain(args) => explain::run(args),
        Command::Introspect(args) => introspect::run(&args),
        Command::Detectors(DetectorsCommand::List { detectors, keywords }) => detectors::list(&detectors, keywords),
        Command::Detectors(DetectorsCommand::Test { detectors }) => detectors::test(&detectors),
        Command::Hook(HookCommand::Install { force }) => hook::install(force),
        Command::Hook(HookCommand::Uninstall) => hook::uninstall(),
        Command::Baseline(BaselineCommand::Create { paths, output, engine, config }) => {
            baseline::create(paths, output.as_deref(), &engine, config)
        }
    }
}
