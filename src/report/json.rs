//! `--format json`: `{"version": 1, "findings": [...], "stats": {...}, "warnings": [...]}`.

use super::Report;
use anyhow::Result;
use serde_json::{json, Value};
use std::io::Write;

/// Schema version of the JSON report.
pub const JSON_VERSION: u32 = 1;

pub fn render(report: &Report<'_>, out: &mut dyn Write) -> Result<()> {
    let findings = report
        .result
        .findings
        .iter()
        .map(|f| {
            let mut value = serde_json::to_value(f)?;
            if report.show_secrets {
                value["secret"] = Value::String(f.secret.expose().to_string());
            }
            Ok(value)
        })
        .collect::<Result<Vec<_>>>()?;
    let doc = json!({
        "version": JSON_VERSION,
        "tool": { "name": "blastradius", "version": env!("CARGO_PKG_VERSION") },
        "findings": findings,
        "stats": report.result.stats,
        "warnings": report.result.warnings,
    });
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)?;
    Ok(())
}
