//! `blastradius baseline create`: record today's credentials.

use super::cli::EngineArgs;
use super::{options, EXIT_CLEAN};
use anyhow::Result;
use blastradius::pipeline::gate;
use std::path::{Path, PathBuf};

/// Scans `paths` and writes their credentials to `output`, by default the
/// `.blastradius-baseline.json` that later scans of the same root pick up by themselves.
pub fn create(paths: Vec<PathBuf>, output: Option<&Path>, engine: &EngineArgs, config: Option<PathBuf>) -> Result<i32> {
    let output = match output {
        Some(path) => path.to_path_buf(),
        None => gate::default_baseline_path(paths.first().map_or(Path::new("."), PathBuf::as_path)),
    };
    let baseline = gate::baseline_of(paths, &options::engine(engine), &options::config(config))?;
    baseline.save(&output)?;
    let credentials = blastradius::report::plural(baseline.entries.len() as u64, "credential");
    eprintln!("baseline: wrote {credentials} to {}", output.display());
    Ok(EXIT_CLEAN)
}
