//! Files committed to the scanned tree cannot switch the gate off (#17 item 2): an
//! in-tree `.blastradius.toml` may add detectors but not replace built-in ones, its
//! excludes and every `.blastradiusignore` are listed in the report with the files they
//! hid, `reach` reads no ignore file, and `--no-config` refuses all of them. Every
//! credential is a fake made by `scripts/gen-token.py`.

use assert_cmd::Command;
use serde_json::Value;
use std::path::Path;
mod support;
use support::git::git;

fn token(seed: &str) -> String {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/gen-token.py");
    let out = std::process::Command::new("python3").arg(script).args(["ghp_", seed]).output().expect("python3");
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

fn write(dir: &Path, path: &str, text: &str) {
    let path = dir.join(path);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// Runs blastradius in `dir` with `args`; returns (exit code, stdout, stderr).
fn run(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out =
        Command::cargo_bin("blastradius").unwrap().current_dir(dir).env("NO_COLOR", "1").args(args).output().unwrap();
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    (out.status.code().unwrap(), text(&out.stdout), text(&out.stderr))
}

fn scan_json(dir: &Path, args: &[&str]) -> (i32, Value) {
    let (code, stdout, stderr) = run(dir, &[&["scan", "--format", "json"], args].concat());
    let report = serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout}{stderr}"));
    (code, report)
}

fn rules(report: &Value) -> Vec<String> {
    report["findings"].as_array().unwrap().iter().map(|f| f["rule_id"].as_str().unwrap().to_string()).collect()
}

/// `dets/` redefines the built-in GitHub detector with a regex that never matches.
const NEVER_MATCHES: &str = r#"
provider = "github"
[[detector]]
id = "github-pat-classic"
name = "Disabled"
kind = "personal-access-token"
keywords = ["ghp_"]
regex = '(?P<secret>ghp_NEVER[0-9]{99})'
remediation = "none"
examples = ["ghp_NEVER000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"]
negative_examples = ["ghp_x"]
"#;

/// A tree whose config tries to replace the built-in GitHub detector.
fn tree_redefining_a_builtin(dir: &Path) {
    write(dir, "app.env", &format!("GITHUB_TOKEN={}\n", token("in-tree-redefine")));
    write(dir, "dets/github.toml", NEVER_MATCHES);
    write(dir, ".blastradius.toml", "detectors = [\"dets\"]\n");
}

#[test]
fn an_in_tree_detector_cannot_replace_a_built_in_one() {
    let dir = tempfile::tempdir().unwrap();
    tree_redefining_a_builtin(dir.path());
    let (code, report) = scan_json(dir.path(), &["."]);
    assert_eq!(code, 1, "{report}");
    assert_eq!(rules(&report), ["github-pat-classic"]);
    let warnings = report["warnings"].to_string();
    assert!(warnings.contains("github-pat-classic") && warnings.contains("may only add"), "{warnings}");
}

#[test]
fn an_in_tree_detector_cannot_replace_a_built_in_one_in_git_history() {
    let dir = tempfile::tempdir().unwrap();
    git(dir.path(), &["init", "-q"]);
    tree_redefining_a_builtin(dir.path());
    git(dir.path(), &["add", "-A"]);
    git(dir.path(), &["commit", "-q", "-m", "config"]);
    let (code, report) = scan_json(dir.path(), &["--git-history", "."]);
    assert_eq!(code, 1, "{report}");
    assert_eq!(rules(&report), ["github-pat-classic"]);
}

#[test]
fn in_tree_detectors_may_still_add_new_ids() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "app.txt", "ACME=acme_Q8v2Lr5Tz1Xw9Kp3Nb7M\n");
    let added = NEVER_MATCHES
        .replace("provider = \"github\"", "provider = \"acme\"")
        .replace("id = \"github-pat-classic\"", "id = \"acme-token\"")
        .replace("keywords = [\"ghp_\"]", "keywords = [\"acme_\"]")
        .replace("(?P<secret>ghp_NEVER[0-9]{99})", "(?P<secret>acme_[A-Za-z0-9]{20})")
        .replace(&format!("[\"ghp_NEVER{}\"]", "0".repeat(99)), "[\"acme_Q8v2Lr5Tz1Xw9Kp3Nb7M\"]");
    write(dir.path(), "dets/acme.toml", &added);
    write(dir.path(), ".blastradius.toml", "detectors = [\"dets\"]\n");
    let (_, report) = scan_json(dir.path(), &["app.txt"]);
    assert_eq!(rules(&report), ["acme-token"], "{report}");
    assert!(report["warnings"].as_array().unwrap().is_empty(), "{report}");
}

#[test]
fn in_tree_excludes_are_listed_with_the_files_they_hid() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.env", &format!("T={}\n", token("excluded-a")));
    write(dir.path(), "sub/b.env", &format!("T={}\n", token("excluded-b")));
    write(dir.path(), ".blastradius.toml", "exclude = [\"**\"]\n");
    let (code, report) = scan_json(dir.path(), &["."]);
    assert_eq!((code, rules(&report).len()), (0, 0), "the tree may narrow the report: {report}");
    let hidden = &report["stats"]["hidden_by_tree_rules"];
    assert_eq!(hidden.as_array().unwrap().len(), 1, "{hidden}");
    assert_eq!(hidden[0]["pattern"], "**");
    assert!(hidden[0]["file"].as_str().unwrap().ends_with(".blastradius.toml"), "{hidden}");
    assert!(hidden[0]["files"].as_u64().unwrap() >= 2, "{hidden}");

    let (_, stdout, _) = run(dir.path(), &["scan", "."]);
    assert!(stdout.contains("hidden by the scanned tree:") && stdout.contains("by `**`"), "{stdout}");
    assert!(stdout.contains("files hidden by 1 rule from the scanned tree"), "{stdout}");
    let (_, sarif, _) = run(dir.path(), &["scan", "--format", "sarif", "."]);
    let sarif: Value = serde_json::from_str(&sarif).unwrap();
    let properties = &sarif["runs"][0]["properties"];
    assert!(properties["hiddenFiles"].as_u64().unwrap() >= 2, "{properties}");
    assert_eq!(properties["hiddenByTreeRules"][0]["pattern"], "**");

    let (code, report) = scan_json(dir.path(), &["--no-config", "."]);
    assert_eq!((code, rules(&report).len()), (1, 2), "--no-config refuses the excludes: {report}");
    assert!(report["stats"]["hidden_by_tree_rules"].as_array().unwrap().is_empty());
}

#[test]
fn ignore_files_in_subdirectories_are_counted_and_refused_by_no_config_and_reach() {
    let dir = tempfile::tempdir().unwrap();
    let workspace = dir.path().join("w");
    write(&workspace, "sub/a.env", &format!("T={}\n", token("subdir-ignored")));
    write(&workspace, "sub/.blastradiusignore", "*.env\n");
    let (code, report) = scan_json(&workspace, &["."]);
    assert_eq!(code, 0, "{report}");
    let hidden = &report["stats"]["hidden_by_tree_rules"];
    assert_eq!(hidden[0]["pattern"], "*.env", "{hidden}");
    assert_eq!(hidden[0]["files"], 1);
    assert!(hidden[0]["file"].as_str().unwrap().ends_with("sub/.blastradiusignore"), "{hidden}");

    let (code, report) = scan_json(&workspace, &["--no-config", "."]);
    assert_eq!((code, rules(&report).len()), (1, 1), "{report}");

    let home = dir.path().join("home");
    std::fs::create_dir_all(&home).unwrap();
    let reach = |extra: &[&str]| -> Value {
        let mut args = vec!["reach", "--format", "json", "--fail-on", "none", "--quiet", "--no-env", "--no-history"];
        args.extend_from_slice(extra);
        let (_, stdout, stderr) = run(dir.path(), &args);
        serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout}{stderr}"))
    };
    let report = reach(&["--home", home.to_str().unwrap(), "--workspace", workspace.to_str().unwrap()]);
    let paths: Vec<&str> = report["findings"].as_array().unwrap().iter().filter_map(|f| f["path"].as_str()).collect();
    assert!(paths.iter().any(|p| p.ends_with("sub/a.env")), "reach lists what an agent can read: {report}");
}

#[test]
fn no_config_refuses_the_tree_in_git_history_too() {
    let dir = tempfile::tempdir().unwrap();
    git(dir.path(), &["init", "-q"]);
    write(dir.path(), "testdata/a.env", &format!("T={}\n", token("history-ignored")));
    write(dir.path(), ".blastradiusignore", "testdata/**\n");
    write(dir.path(), ".blastradius.toml", "exclude = [\"*.env\"]\n");
    git(dir.path(), &["add", "-A"]);
    git(dir.path(), &["commit", "-q", "-m", "fixtures"]);
    let (code, report) = scan_json(dir.path(), &["--git-history", "."]);
    assert_eq!(code, 0, "{report}");
    let hidden = report["stats"]["hidden_by_tree_rules"].as_array().unwrap();
    assert_eq!(hidden.iter().map(|h| h["files"].as_u64().unwrap()).sum::<u64>(), 1, "{hidden:?}");
    let (code, report) = scan_json(dir.path(), &["--git-history", "--no-config", "."]);
    assert_eq!((code, rules(&report).len()), (1, 1), "{report}");
}

#[test]
fn an_in_tree_threshold_is_disclosed_with_what_it_lets_pass() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "app.env", &format!("GITHUB_TOKEN={}\n", token("in-tree-threshold")));
    write(dir.path(), ".blastradius.toml", "fail-on = \"none\"\n");

    let (code, report) = scan_json(dir.path(), &["."]);
    assert_eq!(code, 0, "the config's threshold decides the exit code");
    let set = &report["stats"]["fail_on_from_config"];
    assert_eq!(set["fail_on"], "none", "{report}");
    assert_eq!(set["file"], ".blastradius.toml");
    assert_eq!(set["not_failing"], 1, "the credential it lets pass is counted");

    let (_, human, _) = run(dir.path(), &["scan", "."]);
    assert!(
        human.contains("fail-on none set by .blastradius.toml: 1 credential below it, not failing the run"),
        "{human}"
    );
    let (code, sarif, _) = run(dir.path(), &["scan", "--format", "sarif", "."]);
    assert_eq!(code, 0);
    assert!(sarif.contains("\"failOnFromConfig\""), "{sarif}");

    for overriding in [["--fail-on", "low"].as_slice(), ["--no-config"].as_slice()] {
        let (code, report) = scan_json(dir.path(), &[overriding, &["."]].concat());
        assert_eq!(code, 1, "{overriding:?} fails on the credential");
        assert!(report["stats"].get("fail_on_from_config").is_none(), "{overriding:?}: {report}");
    }
}
