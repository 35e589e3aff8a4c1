//! `reach` walks the home the way an agent can (issue 16, point 1): on a small home
//! generated in a temporary directory, credentials in stores the catalogue does not know
//! are found; caches, `node_modules` and browser profiles are skipped and counted; the
//! budget and the per-file cap are reported; every bound can be overridden. Every
//! credential here is fake: a pseudo-random string generated below.

use assert_cmd::Command;
use serde_json::Value;
use std::path::Path;

/// A fake secret-looking value (mixed case and digits), different for each `seed`.
fn fake(seed: u64) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    let mut state = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
    let mut out = String::from("Fk9q");
    for _ in 0..28 {
        state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        out.push(ALPHABET[(state >> 33) as usize % ALPHABET.len()] as char);
    }
    out
}

fn put(home: &Path, relative: &str, text: &str) {
    let path = home.join(relative);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// Uncatalogued stores the walk must find, as (path, contents).
fn planted() -> Vec<(&'static str, String)> {
    vec![
        (
            ".config/sometool/credentials.json",
            format!("{{\n  \"user\": \"dev\",\n  \"api_token\": \"{}\"\n}}\n", fake(1)),
        ),
        (".local/state/x/token", format!("{}\n", fake(2))),
        (".toolrc", format!("# sometool settings\nSOMETOOL_SECRET={}\n", fake(3))),
        ("Library/Application Support/Tool/settings.conf", format!("[server]\npassword = {}\n", fake(4))),
    ]
}

/// Places the walk must skip, each with a credential, and the reason it is counted under.
fn skipped() -> Vec<(&'static str, &'static str)> {
    vec![
        (".cache/sometool/credentials.json", "cache"),
        (".config/sometool/node_modules/pkg/credentials.json", "package cache or toolchain"),
        (".config/google-chrome/Default/credentials.json", "browser profile"),
    ]
}

/// A home holding the planted stores, the skipped ones, a catalogue store and a file
/// outside the places walked.
fn make_home() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path();
    for (path, text) in planted() {
        put(home, path, &text);
    }
    for (i, (path, _)) in skipped().iter().enumerate() {
        put(home, path, &format!("{{\"api_token\": \"{}\"}}\n", fake(100 + i as u64)));
    }
    put(home, ".aws/credentials", &format!("[default]\naws_secret_access_key = {}\n", fake(200)));
    put(home, "Documents/notes.json", &format!("{{\"api_token\": \"{}\"}}\n", fake(300)));
    put(home, ".config/sometool/settings.json", "{\"theme\": \"dark\", \"token_file\": \"~/.local/state/x/token\"}\n");
    dir
}

fn reach(home: &Path, extra: &[&str]) -> Value {
    let workspace = tempfile::tempdir().unwrap();
    let output = Command::cargo_bin("blastradius")
        .unwrap()
        .arg("reach")
        .arg("--home")
        .arg(home)
        .arg("--workspace")
        .arg(workspace.path())
        .args(["--no-env", "--no-git-history", "--format", "json", "--fail-on", "none", "--quiet"])
        .args(extra)
        .output()
        .unwrap();
    assert!(output.status.success(), "reach failed: {}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).unwrap()
}

/// Home-relative paths of the findings.
fn found(report: &Value, home: &Path) -> Vec<String> {
    let prefix = format!("{}/", home.display());
    let mut paths: Vec<String> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap().trim_start_matches(&prefix).to_string())
        .collect();
    paths.sort();
    paths
}

fn skipped_count(report: &Value, reason: &str) -> u64 {
    report["stats"]["home"]["skipped"][reason].as_u64().unwrap_or(0)
}

#[test]
fn uncatalogued_stores_are_found_and_skipped_places_are_counted() {
    let dir = make_home();
    let report = reach(dir.path(), &[]);
    let paths = found(&report, dir.path());
    for (path, _) in planted() {
        assert!(paths.iter().any(|p| p == path), "{path} not found: {paths:?}");
    }
    for (path, reason) in skipped() {
        assert!(!paths.iter().any(|p| p == path), "{path} should be skipped");
        assert_eq!(skipped_count(&report, reason), 1, "{reason}: {}", report["stats"]["home"]);
    }
    assert!(!paths.iter().any(|p| p.contains("Documents")), "only dot entries and ~/Library are walked");
    assert!(!paths.iter().any(|p| p.ends_with("settings.json")), "a path-valued field is no credential");
    assert_eq!(paths.iter().filter(|p| *p == ".aws/credentials").count(), 1, "a catalogue store is read once");

    let home = &report["stats"]["home"];
    assert_eq!(home["stores"]["aws"], 1, "{home}");
    assert_eq!(home["walked"], true);
    // The planted stores and the path-valued settings file.
    assert!(home["walked_files"].as_u64().unwrap() > planted().len() as u64, "{home}");
    assert!(home["walked_bytes"].as_u64().unwrap() > 0);
}

#[test]
fn walked_findings_name_their_file_and_catalogue_findings_their_tool() {
    let dir = make_home();
    let report = reach(dir.path(), &[]);
    let reasons = |suffix: &str| -> Vec<String> {
        report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["path"].as_str().unwrap().ends_with(suffix))
            .flat_map(|f| f["reasons"].as_array().unwrap().iter().map(|r| r.as_str().unwrap().to_string()))
            .collect()
    };
    let walked = reasons(".local/state/x/token");
    assert!(walked.iter().any(|r| r.contains("home walk") && r.contains("~/.local/state/x/token")), "{walked:?}");
    let store = reasons(".aws/credentials");
    assert!(store.iter().any(|r| r.contains("known aws store")), "{store:?}");
    for f in report["findings"].as_array().unwrap() {
        assert_eq!(f["source"], "home");
    }
}

#[test]
fn budget_and_per_file_cap_are_reported() {
    let dir = make_home();
    let report = reach(dir.path(), &["--home-max-file", "60"]);
    let paths = found(&report, dir.path());
    assert!(!paths.iter().any(|p| p.ends_with("credentials.json")), "bigger than the cap: {paths:?}");
    assert!(skipped_count(&report, "over --home-max-file") >= 1);
    assert_eq!(report["stats"]["home"]["max_file"], 60);

    let report = reach(dir.path(), &["--home-budget", "0"]);
    let home = &report["stats"]["home"];
    assert_eq!(home["walked_files"], 0, "{home}");
    assert_eq!(home["budget"], 0);
    assert!(skipped_count(&report, "over --home-budget") >= planted().len() as u64, "{home}");
    let warnings = report["warnings"].to_string();
    assert!(warnings.contains("budget"), "{warnings}");
    assert_eq!(found(&report, dir.path()), [".aws/credentials"], "the catalogue is read whatever the budget");
}

#[test]
fn skips_can_be_added_dropped_or_the_walk_left_out() {
    let dir = make_home();
    let report = reach(dir.path(), &["--home-no-default-skips"]);
    let paths = found(&report, dir.path());
    for (path, _) in skipped() {
        assert!(paths.iter().any(|p| p == path), "{path} walked without the default skips: {paths:?}");
    }

    let report = reach(dir.path(), &["--home-skip", ".config/sometool", "--home-skip", "**/token"]);
    let paths = found(&report, dir.path());
    assert!(!paths.iter().any(|p| p.starts_with(".config/sometool") || p.ends_with("/token")), "{paths:?}");
    assert_eq!(skipped_count(&report, "--home-skip"), 2);

    let report = reach(dir.path(), &["--no-home-walk"]);
    assert_eq!(found(&report, dir.path()), [".aws/credentials"]);
    assert_eq!(report["stats"]["home"]["walked"], false);
}

#[test]
fn human_report_states_the_home_coverage_on_one_line() {
    let dir = make_home();
    let workspace = tempfile::tempdir().unwrap();
    let output = Command::cargo_bin("blastradius")
        .unwrap()
        .args(["reach", "--no-env", "--fail-on", "none", "--quiet", "--home"])
        .arg(dir.path())
        .arg("--workspace")
        .arg(workspace.path())
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&output.stdout);
    let line = text.lines().find(|l| l.starts_with("home: ")).unwrap_or_else(|| panic!("no home line in {text}"));
    assert!(line.contains("1 catalogue stores of 1 tools"), "{line}");
    assert!(line.contains("1 cache") && line.contains("1 browser profile"), "{line}");
    assert!(!text.contains(&fake(2)), "no raw secret in the report");
}

#[test]
fn bad_skip_glob_is_a_usage_error_naming_the_glob() {
    let dir = make_home();
    let workspace = tempfile::tempdir().unwrap();
    let output = Command::cargo_bin("blastradius")
        .unwrap()
        .args(["reach", "--no-env", "--quiet", "--home-skip", "a/{b", "--home"])
        .arg(dir.path())
        .arg("--workspace")
        .arg(workspace.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("a/{b"));
}

#[test]
fn readme_lists_every_default_skip() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    for (kind, globs) in blastradius::source::home::walk::DEFAULT_SKIPS {
        let row = readme.lines().find(|l| l.starts_with(&format!("| {kind} |"))).unwrap_or_else(|| panic!("{kind}"));
        for glob in *globs {
            assert!(row.contains(&format!("`{glob}`")), "README's {kind} row lacks {glob}");
        }
    }
}
