//! The store corpus: every example of every catalogue store (`detectors/stores/*.toml`),
//! each a small file in the tool's real format with a planted fake credential and a
//! decoy, laid out as a fake home (and workspace) in a temporary directory. `reach --home`
//! must find the planted credentials (recall ≥ 0.97), report nothing else (precision ≥
//! 0.97) and give each credential the provider the example names.

use assert_cmd::Command;
use blastradius::source::home::catalogue::{catalogue, Example, Resolver};
use serde_json::Value;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// A finding as the corpus compares it: where it is, under which key, and what it is.
#[derive(Debug)]
struct Reported {
    path: String,
    key: String,
    provider: String,
    kind: String,
}

/// Writes every example under `home` or `workspace`; returns (example, absolute path).
fn lay_out<'a>(examples: &'a [Example], home: &Path, workspace: &Path) -> Vec<(&'a Example, PathBuf)> {
    examples
        .iter()
        .map(|example| {
            let root = if example.workspace { workspace } else { home };
            let path = root.join(&example.path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, example.text.trim_start_matches('\n')).unwrap();
            (example, path)
        })
        .collect()
}

fn reach(home: &Path, workspace: &Path) -> Vec<Reported> {
    let output = Command::cargo_bin("blastradius")
        .unwrap()
        .arg("reach")
        .arg("--home")
        .arg(home)
        .arg("--workspace")
        .arg(workspace)
        .args(["--format", "json", "--fail-on", "none", "--quiet"])
        .output()
        .expect("reach runs");
    assert!(output.status.success(), "reach failed: {}", String::from_utf8_lossy(&output.stderr));
    let report: Value = serde_json::from_slice(&output.stdout).expect("JSON report");
    let text = |f: &Value, name: &str| f[name].as_str().unwrap_or("-").to_string();
    report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| Reported {
            path: text(f, "path"),
            key: text(f, "key"),
            provider: text(f, "provider"),
            kind: text(f, "kind"),
        })
        .collect()
}

#[test]
fn every_example_sits_where_its_store_looks() {
    let catalogue = catalogue().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    let workspace = dir.path().join("workspace");
    let laid = lay_out(&catalogue.examples, &home, &workspace);
    let vars = HashMap::new();
    let resolver = Resolver { home: &home, vars: &vars };
    let mut lost = Vec::new();
    for (example, path) in &laid {
        let stores = catalogue.stores.iter().filter(|s| s.tool == example.tool);
        let found = if example.workspace {
            let name = path.file_name().unwrap().to_string_lossy();
            catalogue.workspace_store(&name).is_some_and(|s| s.tool == example.tool)
        } else {
            stores.into_iter().any(|s| resolver.paths(s).contains(path))
        };
        if !found {
            lost.push(format!("{}: {}", example.tool, example.path));
        }
    }
    assert!(lost.is_empty(), "examples no store of their tool reads: {lost:#?}");
}

#[test]
fn store_corpus_recall_precision_and_providers() {
    let catalogue = catalogue().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    let workspace = dir.path().join("workspace");
    std::fs::create_dir_all(&workspace).unwrap();
    let laid = lay_out(&catalogue.examples, &home, &workspace);
    let reported = reach(&home, &workspace);

    let mut planted = 0;
    let mut misses = Vec::new();
    let mut wrong = Vec::new();
    let mut matched = vec![false; reported.len()];
    for (example, path) in &laid {
        let path = path.display().to_string();
        for expected in &example.expect {
            planted += 1;
            let hit = reported.iter().enumerate().find(|(i, r)| {
                !matched[*i] && r.path.ends_with(&example.path) && path.ends_with(&r.path) && r.key == expected.key
            });
            let Some((i, r)) = hit else {
                misses.push(format!("{}: {} `{}`", example.tool, example.path, expected.key));
                continue;
            };
            matched[i] = true;
            let kind_ok = expected.kind.as_ref().is_none_or(|k| *k == r.kind);
            if r.provider != expected.provider || !kind_ok {
                wrong.push(format!(
                    "{}: {} `{}` is {}/{}, expected {}/{}",
                    example.tool,
                    example.path,
                    expected.key,
                    r.provider,
                    r.kind,
                    expected.provider,
                    expected.kind.as_deref().unwrap_or("any")
                ));
            }
        }
    }
    let extra: Vec<String> = reported
        .iter()
        .zip(&matched)
        .filter(|(_, m)| !**m)
        .map(|(r, _)| format!("{} `{}` ({}/{})", r.path, r.key, r.provider, r.kind))
        .collect();
    let found = planted - misses.len();
    let recall = found as f64 / planted as f64;
    let precision = found as f64 / (found + extra.len()) as f64;
    println!("store corpus: {} examples, {planted} planted, recall {recall:.3}, precision {precision:.3}", laid.len());
    println!("misses: {misses:#?}\nreported beyond the planted: {extra:#?}\nwrong identity: {wrong:#?}");
    assert!(recall >= 0.97, "recall {recall:.3}; misses: {misses:#?}");
    assert!(precision >= 0.97, "precision {precision:.3}; false positives: {extra:#?}");
    assert!(wrong.is_empty(), "credentials without their store's provider/kind: {wrong:#?}");
}

#[test]
fn every_store_tool_has_a_planted_credential_and_a_decoy() {
    let catalogue = catalogue().unwrap();
    let mut tools: Vec<&str> = catalogue.stores.iter().map(|s| s.tool.as_str()).collect();
    tools.sort_unstable();
    tools.dedup();
    for tool in tools {
        let examples: Vec<&Example> = catalogue.examples.iter().filter(|e| e.tool == tool).collect();
        assert!(examples.iter().any(|e| !e.expect.is_empty()), "{tool}: no planted credential");
        assert!(examples.iter().all(|e| !e.decoy.trim().is_empty()), "{tool}: an example without a decoy");
    }
}
