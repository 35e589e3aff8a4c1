//! `blastradius reach`: everything an agent launched here could read.

use super::cli::ReachArgs;
use super::options;
use super::output::{self, Spinner};
use anyhow::Result;
use blastradius::model::finding::FailOn;
use std::path::Path;

pub fn run(args: ReachArgs) -> Result<i32> {
    let reach_options = options::reach(&args)?;
    let spinner = Spinner::new(args.output.quiet, "reach");
    let reached = blastradius::pipeline::reach::reach(&reach_options, &spinner);
    spinner.finish();
    let (scanner, result) = reached?;
    let fail_on = args.output.fail_on.unwrap_or(FailOn::Low);
    output::emit(&scanner, &result, &options::output(&args.output), fail_on, Path::new("."))
}
