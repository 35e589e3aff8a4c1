//! Keeps the README honest: its custom-detector example must load and pass its own examples.

use assert_cmd::Command;

#[test]
fn readme_detector_example_passes_detectors_test() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let section = readme.find("## Writing a detector").expect("README has a detector section");
    let start = section + readme[section..].find("```toml\n").expect("it has a TOML example") + "```toml\n".len();
    let end = start + readme[start..].find("```").unwrap();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("acme.toml"), &readme[start..end]).unwrap();
    let output = Command::cargo_bin("blastradius")
        .unwrap()
        .args(["detectors", "test", "--detectors"])
        .arg(dir.path())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{stdout}");
    assert!(stdout.contains(" 0 failures"), "{stdout}");
    let list = Command::cargo_bin("blastradius")
        .unwrap()
        .args(["detectors", "list", "--detectors"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&list.stdout).contains("acme-api-token"));
}

/// The sample reports in the README are what this build prints (`scripts/readme-samples.sh`).
#[test]
fn readme_samples_are_current() {
    let out = std::process::Command::new("bash")
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/readme-samples.sh"))
        .arg("--check")
        .env("BLASTRADIUS", env!("CARGO_BIN_EXE_blastradius"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
}

/// The README installs from source with `--locked`, so it builds the versions in Cargo.lock.
#[test]
fn readme_installs_with_locked() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    for line in readme.lines().filter(|l| l.trim_start().starts_with("cargo install ")) {
        assert!(line.contains("--locked") || line.contains("cargo-fuzz"), "{line}");
    }
}
