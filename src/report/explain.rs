//! `blastradius explain FINGERPRINT`: the full evidence for one credential, from a JSON
//! report (`--report FILE`) or from a fresh scan of the given paths.

use anyhow::{bail, Context, Result};
use serde_json::Value;
use std::io::Write;
use std::path::Path;

/// Minimum number of hex digits accepted as a fingerprint prefix.
pub const MIN_PREFIX: usize = 8;

/// Every finding in a JSON report whose fingerprint starts with `prefix`.
pub fn matching(report: &Value, prefix: &str) -> Result<Vec<Value>> {
    let prefix = prefix.to_ascii_lowercase();
    if prefix.len() < MIN_PREFIX || !prefix.bytes().all(|b| b.is_ascii_hexdigit()) {
        bail!(
            "a fingerprint needs at least {MIN_PREFIX} hex digits (see the `fingerprint` field or `fp` in the report)"
        );
    }
    let findings = report["findings"].as_array().context("not a blastradius JSON report: no `findings` array")?;
    let found: Vec<Value> = findings
        .iter()
        .filter(|f| f["fingerprint"].as_str().is_some_and(|fp| fp.starts_with(&prefix)))
        .cloned()
        .collect();
    let mut credentials: Vec<&str> = found.iter().filter_map(|f| f["fingerprint"].as_str()).collect();
    credentials.dedup();
    if credentials.len() > 1 {
        bail!("fingerprint prefix `{prefix}` matches {} credentials: give more digits", credentials.len());
    }
    Ok(found)
}

/// Reads a JSON report written by `--format json`.
pub fn read_report(path: &Path) -> Result<Value> {
    let text = crate::source::file::read_text(path, crate::source::file::MAX_REPORT_SIZE)
        .map_err(|err| anyhow::anyhow!("cannot read report {}: {err}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| {
        anyhow::anyhow!("{} is not a JSON report: {}", path.display(), crate::model::parse_error::ParseError::json(&e))
    })
}

/// Prints one credential's evidence: identity, classification, score, every reason and
/// every location.
pub fn print(out: &mut dyn Write, findings: &[Value]) -> Result<()> {
    let first = &findings[0];
    // Every string here came from a report file: shown escaped (see `escape::terminal`).
    let text = |value: &Value| super::escape::terminal(value.as_str().unwrap_or("-")).into_owned();
    let field = |name: &str| text(&first[name]);
    writeln!(out, "{} ({})", field("rule_name"), field("rule_id"))?;
    writeln!(out, "  provider     {}", field("provider"))?;
    writeln!(out, "  kind         {}", field("kind"))?;
    writeln!(out, "  value        {}", field("secret_redacted"))?;
    writeln!(out, "  fingerprint  {}", field("fingerprint"))?;
    writeln!(out, "  severity     {} (blast radius {})", field("severity"), first["blast_radius"])?;
    writeln!(out, "  environment  {}", field("environment"))?;
    writeln!(out, "  scope        {}", field("scope"))?;
    writeln!(out, "  capabilities {}", list(&first["capabilities"]))?;
    writeln!(out, "evidence:")?;
    for reason in first["reasons"].as_array().into_iter().flatten() {
        writeln!(out, "  - {}", text(reason))?;
    }
    writeln!(out, "found in {} place(s):", findings.len())?;
    for f in findings {
        let commit = f["commit"].as_str().map(|_| format!(" commit {}", text(&f["commit"]))).unwrap_or_default();
        let key = f["key"].as_str().map(|_| format!(" key {}", text(&f["key"]))).unwrap_or_default();
        writeln!(out, "  - {}:{}:{} [{}]{key}{commit}", text(&f["path"]), f["line"], f["column"], text(&f["source"]))?;
    }
    if !first["introspection"].is_null() {
        writeln!(out, "introspection: {}", first["introspection"])?;
    }
    writeln!(out, "fix: {}", field("remediation"))?;
    Ok(())
}

fn list(value: &Value) -> String {
    let items: Vec<&str> = value.as_array().into_iter().flatten().filter_map(Value::as_str).collect();
    if items.is_empty() {
        "unknown".into()
    } else {
        super::escape::terminal(&items.join(", ")).into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn report() -> Value {
        json!({"findings": [
            {"fingerprint": "abcdef0123456789", "path": "a", "line": 1, "column": 1, "reasons": ["r1"], "capabilities": ["read"]},
            {"fingerprint": "abcdef0123456789", "path": "b", "line": 2, "column": 3, "reasons": ["r1"], "capabilities": ["read"]},
            {"fingerprint": "abcdef0199999999", "path": "c", "line": 1, "column": 1, "reasons": [], "capabilities": []},
        ]})
    }

    #[test]
    fn prefix_selects_every_location_of_one_credential() {
        assert_eq!(matching(&report(), "ABCDEF0123").unwrap().len(), 2);
    }

    #[test]
    fn ambiguous_or_short_prefixes_are_errors() {
        assert!(matching(&report(), "abcdef01").is_err());
        assert!(matching(&report(), "abc").is_err());
        assert!(matching(&report(), "zzzzzzzzzz").is_err());
    }

    #[test]
    fn print_lists_reasons_and_locations() {
        let found = matching(&report(), "abcdef0123").unwrap();
        let mut out = Vec::new();
        print(&mut out, &found).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains("- r1"));
        assert!(text.contains("found in 2 place(s)"));
        assert!(text.contains("- b:2:3"));
    }
}
