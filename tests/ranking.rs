//! Issue 4's ordering test: `fixtures/ranking` holds fake credentials with a documented
//! expected severity and environment each (`expected.toml`). Every credential expected
//! critical must rank above every one expected low, at least 90% of pairs across
//! different expected severities must be ordered correctly, and at least 95% of known
//! environments must be right.

use assert_cmd::Command;
use serde::Deserialize;
use serde_json::Value;
use std::collections::HashMap;

#[derive(Deserialize)]
struct Expected {
    credential: Vec<Credential>,
}

#[derive(Deserialize)]
struct Credential {
    file: String,
    line: u64,
    severity: String,
    environment: String,
    label: String,
}

fn severity_rank(s: &str) -> u8 {
    match s {
        "critical" => 3,
        "high" => 2,
        "medium" => 1,
        _ => 0,
    }
}

fn scores() -> (Vec<Credential>, Vec<(u64, String)>) {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/ranking");
    let expected: Expected =
        toml::from_str(&std::fs::read_to_string(format!("{root}/expected.toml")).unwrap()).unwrap();
    let output = Command::cargo_bin("blastradius")
        .unwrap()
        .current_dir(root)
        .args(["scan", "--format", "json", "--fail-on", "none", "."])
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    let by_location: HashMap<(String, u64), &Value> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| ((f["path"].as_str().unwrap().to_string(), f["line"].as_u64().unwrap()), f))
        .collect();
    assert_eq!(by_location.len(), expected.credential.len(), "exactly the planted credentials are found");
    let found = expected
        .credential
        .iter()
        .map(|c| {
            let f = by_location.get(&(c.file.clone(), c.line)).unwrap_or_else(|| panic!("not found: {}", c.label));
            (f["blast_radius"].as_u64().unwrap(), f["environment"].as_str().unwrap().to_string())
        })
        .collect();
    (expected.credential, found)
}

#[test]
fn critical_ranks_above_low_and_pairs_are_ordered() {
    let (expected, found) = scores();
    assert!(expected.len() >= 25);
    let mut pairs = 0;
    let mut ordered = 0;
    let mut misordered = Vec::new();
    for (i, a) in expected.iter().enumerate() {
        for (j, b) in expected.iter().enumerate() {
            let (ra, rb) = (severity_rank(&a.severity), severity_rank(&b.severity));
            if ra <= rb {
                continue;
            }
            pairs += 1;
            if found[i].0 > found[j].0 {
                ordered += 1;
            } else {
                misordered.push(format!("{} ({}) <= {} ({})", a.label, found[i].0, b.label, found[j].0));
            }
            if a.severity == "critical" && b.severity == "low" {
                assert!(found[i].0 > found[j].0, "critical `{}` must outrank low `{}`", a.label, b.label);
            }
        }
    }
    let ratio = ordered as f64 / pairs as f64;
    println!("ordered pairs: {ordered}/{pairs} = {ratio:.3}");
    assert!(ratio >= 0.9, "only {ratio:.3} of pairs ordered; misordered:\n{}", misordered.join("\n"));
}

#[test]
fn environments_are_right() {
    let (expected, found) = scores();
    let known: Vec<usize> = (0..expected.len()).filter(|&i| expected[i].environment != "unknown").collect();
    let right = known.iter().filter(|&&i| found[i].1 == expected[i].environment).count();
    let wrong: Vec<String> = known
        .iter()
        .filter(|&&i| found[i].1 != expected[i].environment)
        .map(|&i| format!("{}: expected {}, got {}", expected[i].label, expected[i].environment, found[i].1))
        .collect();
    let accuracy = right as f64 / known.len() as f64;
    println!("environment accuracy: {right}/{} = {accuracy:.3}", known.len());
    assert!(accuracy >= 0.95, "environment accuracy {accuracy:.3}:\n{}", wrong.join("\n"));
}

#[test]
fn the_incident_token_is_critical_and_the_project_token_is_not() {
    let (expected, found) = scores();
    let index = |label: &str| expected.iter().position(|c| c.label.starts_with(label)).unwrap();
    let account = index("account-wide Railway token");
    let project = index("Railway project token");
    assert!(found[account].0 >= 80 && found[account].1 == "production");
    assert!(found[project].0 < 80);
}
