//! Untrusted strings cannot inject output (#17 item 8): hostile file names (ANSI escapes,
//! CR, LF, a GitHub Actions `::error` command, Markdown and HTML, `..\` climbs) are
//! created in a temporary directory and scanned in every format. Every credential is a
//! fake made by `scripts/gen-token.py`.

use assert_cmd::Command;
use serde_json::Value;
use std::path::Path;

fn token(seed: &str) -> String {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/gen-token.py");
    let out = std::process::Command::new("python3").arg(script).args(["ghp_", seed]).output().expect("python3");
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

/// Scans `dir` in `format`; returns (stdout, stderr).
fn scan(dir: &Path, format: &str) -> (String, String) {
    let out = Command::cargo_bin("blastradius")
        .unwrap()
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .args(["scan", "--format", format, "--fail-on", "none", "."])
        .output()
        .unwrap();
    (String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
}

/// A file whose name carries a newline, a forged report line and a workflow command.
const FORGED_LINES: &str = "x\nNo credentials found.\n::error file=a.rs::pwned\r.env";
/// A file whose name clears the screen and sets the window title.
const ANSI: &str = "y\x1b[2J\x1b]0;owned\x07\u{9b}31m.env";
/// A file whose name is Markdown and HTML.
const MARKDOWN: &str = "<img src=x onerror=alert(1)>[click](https:evil.test)@octocat|`z`.env";
/// A file whose name climbs out of the repository if backslashes become slashes.
const CLIMB: &str = "..\\..\\..\\etc\\passwd";

fn hostile_tree() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (i, name) in [FORGED_LINES, ANSI, MARKDOWN, CLIMB].iter().enumerate() {
        std::fs::write(dir.path().join(name), format!("GITHUB_TOKEN={}\n", token(&format!("hostile-{i}")))).unwrap();
    }
    dir
}

/// No line of `text` carries a raw control character, a workflow command or a forged line.
fn assert_no_control_characters(format: &str, text: &str) {
    for line in text.lines() {
        assert!(!line.starts_with("::"), "{format}: a workflow command line: {line:?}");
        assert_ne!(line, "No credentials found.", "{format}: a forged line");
        let bad = line.chars().find(|&c| c.is_control() && c != '\t');
        assert!(bad.is_none(), "{format}: raw {bad:?} in {line:?}");
        assert!(!line.contains('\t') || format != "human", "{format}: raw tab in {line:?}");
    }
    assert!(!text.contains('\r'), "{format}: a raw CR");
}

#[test]
fn hostile_file_names_cannot_forge_human_output_or_workflow_commands() {
    let dir = hostile_tree();
    let (stdout, stderr) = scan(dir.path(), "human");
    assert_no_control_characters("human", &stdout);
    assert_no_control_characters("stderr", &stderr);
    assert!(stdout.contains("x\\nNo credentials found.\\n::error file=a.rs::pwned\\r.env"), "{stdout}");
    assert!(stdout.contains("y\\x1b[2J\\x1b]0;owned\\x07\\x9b31m.env"), "{stdout}");
    assert_eq!(stdout.matches("       at ").count(), 4, "each file listed once: {stdout}");
}

#[test]
fn hostile_file_names_are_inert_in_markdown() {
    let dir = hostile_tree();
    let (stdout, _) = scan(dir.path(), "markdown");
    assert_no_control_characters("markdown", &stdout);
    for forbidden in ["<img", "](", "@octocat", "|`z`", "\n::error"] {
        assert!(!stdout.contains(forbidden), "{forbidden:?} in {stdout}");
    }
    let rows = stdout.lines().filter(|l| l.starts_with("| ") && !l.starts_with("| Blast")).count();
    assert_eq!(rows, 4, "one row per file, none split: {stdout}");
    for row in stdout.lines().filter(|l| l.starts_with("| ")) {
        assert_eq!(row.matches(" | ").count(), 4, "five cells: {row}");
    }
}

#[test]
fn hostile_file_names_never_become_climbing_sarif_uris() {
    let dir = hostile_tree();
    let (stdout, _) = scan(dir.path(), "sarif");
    let sarif: Value = serde_json::from_str(&stdout).unwrap();
    let uris: Vec<&str> = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].as_str().unwrap())
        .collect();
    assert_eq!(uris.len(), 4, "{uris:?}");
    assert!(uris.contains(&"..%5C..%5C..%5Cetc%5Cpasswd"), "{uris:?}");
    for uri in &uris {
        assert!(!uri.split('/').any(|segment| segment == ".." || segment == "."), "{uri}");
        assert!(!uri.contains('\\') && !uri.chars().any(char::is_control), "{uri}");
    }
}

#[test]
fn json_keeps_names_exact() {
    let dir = hostile_tree();
    let (stdout, _) = scan(dir.path(), "json");
    let report: Value = serde_json::from_str(&stdout).unwrap();
    let mut paths: Vec<&str> =
        report["findings"].as_array().unwrap().iter().map(|f| f["path"].as_str().unwrap()).collect();
    paths.sort();
    let mut expected = vec![FORGED_LINES, ANSI, MARKDOWN, CLIMB];
    expected.sort();
    assert_eq!(paths, expected, "JSON escapes by its own rules and keeps the exact name");
}
