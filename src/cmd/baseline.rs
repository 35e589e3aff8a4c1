//! `blastradius baseline create`: record today's credentials.

use super::cli::EngineArgs;
use super::{options, EXIT_CLEAN};
use anyhow::Result;
use std::path::{Path, PathBuf};

pub fn create(paths: Vec<PathBuf>, output: &Path, engine: &EngineArgs, config: Option<PathBuf>) -> Result<i32> {
    let baseline = blastradius::pipeline::gate::baseline_of(paths, &options::engine(engine), &options::config(config))?;
    baseline.save(output)?;
    eprintln!("baseline: wrote {} credentials to {}", baseline.entries.len(), output.display());
    Ok(EXIT_CLEAN)
}
