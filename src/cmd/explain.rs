//! `blastradius explain FINGERPRINT`: the full evidence for one credential.

use super::cli::ExplainArgs;
use super::{options, EXIT_CLEAN, EXIT_FINDINGS};
use anyhow::Result;
use blastradius::pipeline::gate::{self, ConfigChoice, Mode, ScanOptions};
use blastradius::report::explain;

pub fn run(args: ExplainArgs) -> Result<i32> {
    let report = match &args.report {
        Some(path) => explain::read_report(path)?,
        None => {
            let scan = ScanOptions {
                mode: Mode::Tree(args.paths.clone()),
                engine: options::engine(&args.engine),
                config: ConfigChoice::Ignore,
                baseline: None,
                fail_on: None,
                introspect: None,
            };
            let run = gate::scan(&scan, &())?;
            serde_json::json!({ "findings": run.result.findings })
        }
    };
    let found = explain::matching(&report, &args.fingerprint)?;
    if found.is_empty() {
        eprintln!("no credential with fingerprint {} in this report", args.fingerprint);
        return Ok(EXIT_FINDINGS);
    }
    explain::print(&mut std::io::stdout().lock(), &found)?;
    Ok(EXIT_CLEAN)
}
