//! Reports agree with each other and say everything: severity headers and the summary
//! count the same thing (credentials), suppressed findings are counted, plurals are
//! right; `introspect` writes only the formats it lists; every subcommand's help has
//! examples. Every credential is a fake made by `scripts/gen-token.py`.

use assert_cmd::Command;
use std::path::Path;

fn token(seed: &str) -> String {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/gen-token.py");
    let out = std::process::Command::new("python3").arg(script).args(["ghp_", seed]).output().expect("python3");
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

fn blastradius(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("blastradius").unwrap();
    cmd.current_dir(dir).env("NO_COLOR", "1");
    cmd
}

fn stdout(cmd: &mut Command) -> String {
    String::from_utf8(cmd.output().unwrap().stdout).unwrap()
}

/// The number in a header such as `CRITICAL (2 credentials)`.
fn header_count(line: &str) -> usize {
    let inner = line.split('(').nth(1).and_then(|rest| rest.split(' ').next());
    inner.and_then(|n| n.parse().ok()).unwrap_or_else(|| panic!("header `{line}`"))
}

#[test]
fn severity_headers_and_the_summary_count_the_same_credentials() {
    let dir = tempfile::tempdir().unwrap();
    let shared = token("twice");
    std::fs::write(dir.path().join("a.env"), format!("T={shared}\nU={}\n", token("once"))).unwrap();
    std::fs::write(dir.path().join("b.env"), format!("T={shared}\n")).unwrap();
    let text = stdout(blastradius(dir.path()).args(["scan", "."]));
    let headers: Vec<&str> =
        text.lines().filter(|l| l.ends_with("credentials)") || l.ends_with("credential)")).collect();
    assert!(!headers.is_empty(), "{text}");
    let in_headers: usize = headers.iter().map(|l| header_count(l)).sum();
    assert_eq!(in_headers, 2, "{text}");
    let summary = text.lines().find(|l| l.contains(" in 2 files")).unwrap_or_else(|| panic!("{text}"));
    assert!(summary.starts_with("2 credentials ("), "{summary}");
    assert!(summary.contains(") at 3 locations in 2 files"), "{summary}");
}

#[test]
fn one_of_each_is_singular() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.env"), format!("T={}\n", token("single"))).unwrap();
    let text = stdout(blastradius(dir.path()).args(["scan", "."]));
    assert!(text.contains("(1 credential)"), "{text}");
    assert!(text.contains("1 credential (") && text.contains("at 1 location in 1 file ("), "{text}");
    assert!(!text.contains("1 findings") && !text.contains("1 files"), "{text}");
    let markdown = stdout(blastradius(dir.path()).args(["scan", "--format", "markdown", "."]));
    assert!(markdown.contains("### blastradius: 1 credential at 1 location"), "{markdown}");
}

#[test]
fn allow_comments_are_counted_as_suppressed_in_human_and_markdown() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!("A={}  # blastradius:allow\nB={}  # gitleaks:allow\n", token("allow-a"), token("allow-b"));
    std::fs::write(dir.path().join("a.env"), text).unwrap();
    let human = stdout(blastradius(dir.path()).args(["scan", "."]));
    assert!(human.contains("No new credentials found."), "{human}");
    assert!(human.contains("suppressed: 2 findings by allow comments"), "{human}");
    let markdown = stdout(blastradius(dir.path()).args(["scan", "--format", "markdown", "."]));
    assert!(markdown.contains("Suppressed: 2 findings by allow comments."), "{markdown}");
    let json: serde_json::Value =
        serde_json::from_str(&stdout(blastradius(dir.path()).args(["scan", "--format", "json", "."]))).unwrap();
    assert_eq!(json["stats"]["inline_allowed"], 2);
}

#[test]
fn introspect_refuses_the_format_it_cannot_write_and_lists_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let out = blastradius(dir.path())
        .args(["introspect", "--provider", "github", "--format", "sarif"])
        .write_stdin("ghp_x\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "sarif is refused before any request");
    let help = stdout(blastradius(dir.path()).args(["introspect", "--help"]));
    let help = help.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(help.contains("[possible values: human, json, markdown]"), "{help}");
}

#[test]
fn every_subcommand_help_has_examples() {
    let dir = tempfile::tempdir().unwrap();
    let commands: &[&[&str]] = &[
        &["scan"],
        &["explain"],
        &["reach"],
        &["introspect"],
        &["detectors"],
        &["detectors", "list"],
        &["detectors", "test"],
        &["hook"],
        &["hook", "install"],
        &["hook", "uninstall"],
        &["baseline"],
        &["baseline", "create"],
    ];
    for command in commands {
        let help = stdout(blastradius(dir.path()).args(*command).arg("--help"));
        assert!(help.contains("Examples:\n  blastradius "), "{command:?} --help has no examples:\n{help}");
    }
}

#[test]
fn detectors_list_shows_each_detectors_impact_class() {
    let dir = tempfile::tempdir().unwrap();
    let list = stdout(blastradius(dir.path()).args(["detectors", "list"]));
    let header = list.lines().next().unwrap();
    assert!(header.split_whitespace().eq(["ID", "PROVIDER", "CLASS", "KIND", "KEYWORDS"]), "{header}");
    let class_of = |id: &str| {
        let line = list.lines().find(|l| l.split_whitespace().next() == Some(id)).unwrap_or_else(|| panic!("{id}"));
        line.split_whitespace().nth(2).unwrap().to_string()
    };
    assert_eq!(class_of("stripe-secret-key"), "payments");
    assert_eq!(class_of("github-pat-classic"), "source-hosting");
}
