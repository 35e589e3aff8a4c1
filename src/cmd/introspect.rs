//! `blastradius introspect --provider NAME`: one credential from standard input.

use super::cli::IntrospectArgs;
use super::{options, EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS};
use anyhow::{anyhow, bail, Context, Result};
use blastradius::introspect::{check, providers, Client, Credential, Introspection, Status};
use blastradius::report::escape::{markdown, terminal};
use blastradius::report::Format;
use std::io::{Read, Write};

/// Longest credential accepted on standard input, in bytes.
const MAX_INPUT: u64 = 64 * 1024;

/// Reads the credential, checks it, prints the result; exit 0 live, 1 rejected, 2 otherwise.
pub fn run(args: &IntrospectArgs) -> Result<i32> {
    let provider = providers::find(&args.provider).ok_or_else(|| {
        let names: Vec<&str> = providers::all().iter().map(|p| p.id).collect();
        anyhow!("unknown provider `{}`; known: {}", args.provider, names.join(", "))
    })?;
    let options = options::network(&args.network)?;
    let mut input = String::new();
    std::io::stdin().take(MAX_INPUT).read_to_string(&mut input).context("cannot read the credential from stdin")?;
    if input.trim().is_empty() {
        bail!("no credential on standard input");
    }
    let credential = Credential::parse(provider, &input);
    let client = Client::new(&options.endpoints, options.limits.clone());
    let result = check(&client, provider, &credential);
    print(&result, args.format)?;
    Ok(match result.status {
        Status::Live => EXIT_CLEAN,
        status if status.is_dead() => EXIT_FINDINGS,
        _ => EXIT_ERROR,
    })
}

fn print(result: &Introspection, format: Format) -> Result<()> {
    let mut out = std::io::stdout().lock();
    match format {
        Format::Json => writeln!(out, "{}", serde_json::to_string_pretty(result)?)?,
        Format::Human => write_human(&mut out, result)?,
        Format::Markdown => write_markdown(&mut out, result)?,
        Format::Sarif => bail!("introspect cannot write SARIF (one credential has no file location); use json"),
    }
    Ok(())
}

fn write_human(out: &mut impl Write, result: &Introspection) -> Result<()> {
    for (label, value) in fields(result) {
        writeln!(out, "{:<13} {}", format!("{}:", terminal(&label)), terminal(&value))?;
    }
    Ok(())
}

/// A two-column table for a pull-request comment or `$GITHUB_STEP_SUMMARY`.
fn write_markdown(out: &mut impl Write, result: &Introspection) -> Result<()> {
    writeln!(out, "### blastradius introspect: {}\n", markdown(&result.provider))?;
    writeln!(out, "| Field | Value |")?;
    writeln!(out, "|---|---|")?;
    for (label, value) in fields(result) {
        writeln!(out, "| {} | {} |", markdown(&label), markdown(&value))?;
    }
    Ok(())
}

/// What a check found, as labelled lines, in the order every text format prints them.
fn fields(result: &Introspection) -> Vec<(String, String)> {
    let mut fields = vec![
        ("provider".to_string(), result.provider.to_string()),
        ("status".to_string(), result.status.as_str().to_string()),
    ];
    if let Some(reason) = &result.reason {
        fields.push(("reason".into(), reason.clone()));
    }
    for (name, value) in &result.identity {
        fields.push(("identity".into(), format!("{name} = {value}")));
    }
    if let Some(scope) = result.scope {
        fields.push(("scope".into(), scope.as_str().to_string()));
    }
    let caps: Vec<&str> = result.capabilities.iter().map(|c| c.as_str()).collect();
    let lists = [
        ("capabilities", caps.join(", ")),
        ("scopes", result.scopes.join(", ")),
        ("environments", result.environments.join(", ")),
    ];
    for (label, list) in lists {
        if !list.is_empty() {
            fields.push((label.into(), list));
        }
    }
    for (kind, names) in &result.resources {
        fields.push((kind.to_string(), names.join(", ")));
    }
    if let Some(expires) = &result.expires_at {
        fields.push(("expires_at".into(), expires.to_string()));
    }
    fields.push(("checked_at".into(), result.checked_at.to_string()));
    fields
}
