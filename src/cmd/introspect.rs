//! `blastradius introspect --provider NAME`: one credential from standard input.

use super::cli::IntrospectArgs;
use super::{options, EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS};
use anyhow::{anyhow, bail, Context, Result};
use blastradius::introspect::{check, providers, Client, Credential, Introspection, Status};
use blastradius::report::escape::terminal;
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
        Format::Json | Format::Sarif => writeln!(out, "{}", serde_json::to_string_pretty(result)?)?,
        Format::Human | Format::Markdown => write_human(&mut out, result)?,
    }
    Ok(())
}

fn write_human(out: &mut impl Write, result: &Introspection) -> Result<()> {
    writeln!(out, "provider:     {}", terminal(&result.provider))?;
    writeln!(out, "status:       {}", result.status.as_str())?;
    if let Some(reason) = &result.reason {
        writeln!(out, "reason:       {}", terminal(reason))?;
    }
    for (name, value) in &result.identity {
        writeln!(out, "identity:     {} = {}", terminal(name), terminal(value))?;
    }
    if let Some(scope) = result.scope {
        writeln!(out, "scope:        {}", scope.as_str())?;
    }
    let caps: Vec<&str> = result.capabilities.iter().map(|c| c.as_str()).collect();
    let lists = [
        ("capabilities", caps.join(", ")),
        ("scopes", result.scopes.join(", ")),
        ("environments", result.environments.join(", ")),
    ];
    for (label, list) in lists {
        if !list.is_empty() {
            writeln!(out, "{:<13} {}", format!("{label}:"), terminal(&list))?;
        }
    }
    for (kind, names) in &result.resources {
        writeln!(out, "{:<13} {}", format!("{}:", terminal(kind)), terminal(&names.join(", ")))?;
    }
    if let Some(expires) = &result.expires_at {
        writeln!(out, "expires_at:   {}", terminal(expires))?;
    }
    writeln!(out, "checked_at:   {}", result.checked_at)?;
    Ok(())
}
