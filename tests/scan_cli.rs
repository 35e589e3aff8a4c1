//! End-to-end tests of `blastradius scan`: exact findings on fixture trees, exit codes,
//! every output format's redaction, SARIF schema validity, hostile filesystem entries.

use assert_cmd::Command;
use serde_json::Value;
use std::path::Path;

/// Every fake credential planted in `fixtures/core`, as (path, line, rule).
const CORE_FINDINGS: &[(&str, u64, &str)] = &[
    ("fixtures/core/.env", 2, "github-pat-classic"),
    ("fixtures/core/config/app.yaml", 6, "github-pat-classic"),
    ("fixtures/core/config/deploy.ini", 3, "aws-access-key-id"),
    ("fixtures/core/config/deploy.ini", 4, "aws-secret-access-key"),
    ("fixtures/core/config/deploy.ini", 9, "database-postgres-url"),
    ("fixtures/core/config/settings.json", 5, "stripe-secret-key"),
    ("fixtures/core/config/settings.json", 8, "slack-bot-token"),
    ("fixtures/core/scripts/deploy.sh", 3, "github-pat-classic"),
    ("fixtures/core/src/client.py", 3, "github-pat-classic"),
];

#[path = "support/core.rs"]
mod core_fixture;
use core_fixture::CORE_SECRETS;

fn blastradius() -> Command {
    let mut cmd = Command::cargo_bin("blastradius").expect("binary built");
    cmd.current_dir(env!("CARGO_MANIFEST_DIR")).env("NO_COLOR", "1");
    cmd
}

fn scan_json(args: &[&str]) -> (Value, i32) {
    let output = blastradius().args(["scan", "--format", "json"]).args(args).output().expect("runs");
    let json = serde_json::from_slice(&output.stdout).expect("JSON report");
    (json, output.status.code().expect("exit code"))
}

fn locations(report: &Value) -> Vec<(String, u64, String)> {
    let mut found: Vec<(String, u64, String)> = report["findings"]
        .as_array()
        .expect("findings array")
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
                f["rule_id"].as_str().unwrap().into(),
            )
        })
        .collect();
    found.sort();
    found
}

#[test]
fn finds_exactly_the_planted_credentials() {
    let (report, code) = scan_json(&["fixtures/core"]);
    assert_eq!(code, 1, "findings at or above the default --fail-on low exit 1");
    let expected: Vec<(String, u64, String)> =
        CORE_FINDINGS.iter().map(|(p, l, r)| (p.to_string(), *l, r.to_string())).collect();
    assert_eq!(locations(&report), expected);
}

#[test]
fn crlf_file_reports_right_line_and_column() {
    let (report, _) = scan_json(&["fixtures/core/src/client.py"]);
    let finding = &report["findings"][0];
    assert_eq!(finding["line"], 3);
    assert_eq!(finding["column"], 17);
    assert_eq!(finding["end_column"], 57);
}

#[test]
fn fail_on_threshold_and_clean_tree_exit_codes() {
    let (_, code) = scan_json(&["--fail-on", "none", "fixtures/core"]);
    assert_eq!(code, 0);
    let (report, code) = scan_json(&["fixtures/core/docs"]);
    assert_eq!(code, 0, "placeholders only: nothing to fail on");
    assert_eq!(report["findings"].as_array().unwrap().len(), 0);
}

#[test]
fn usage_errors_exit_2() {
    blastradius().args(["scan", "--format", "yaml"]).assert().code(2);
    blastradius().args(["scan", "no/such/dir"]).assert().code(2);
}

#[test]
fn json_report_has_stats_and_sorted_findings() {
    let (report, _) = scan_json(&["fixtures/core"]);
    assert_eq!(report["version"], 1);
    assert!(report["stats"]["files"].as_u64().unwrap() >= 5);
    assert!(report["stats"]["bytes"].as_u64().unwrap() > 0);
    let scores: Vec<u64> =
        report["findings"].as_array().unwrap().iter().map(|f| f["blast_radius"].as_u64().unwrap()).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "sorted by blast radius: {scores:?}");
    let fp = report["findings"][0]["fingerprint"].as_str().unwrap();
    assert_eq!(fp.len(), 64);
}

#[test]
fn no_output_format_leaks_a_secret_without_show_secrets() {
    for format in ["human", "json", "sarif"] {
        let output = blastradius().args(["scan", "--format", format, "fixtures/core"]).output().unwrap();
        let all = [output.stdout, output.stderr].concat();
        let text = String::from_utf8_lossy(&all);
        for secret in CORE_SECRETS {
            assert!(!text.contains(secret), "{format} output leaks {}", &secret[..8]);
            // Not even the random body without its prefix.
            assert!(!text.contains(&secret[8..20]), "{format} output leaks part of a secret");
        }
    }
}

#[test]
fn show_secrets_prints_them_in_every_format() {
    for format in ["human", "json", "sarif"] {
        let output =
            blastradius().args(["scan", "--show-secrets", "--format", format, "fixtures/core"]).output().unwrap();
        let text = String::from_utf8_lossy(&output.stdout);
        for secret in CORE_SECRETS {
            assert!(text.contains(secret), "{format} output with --show-secrets lacks a secret");
        }
        assert!(String::from_utf8_lossy(&output.stderr).contains("--show-secrets"), "warns on stderr");
    }
}

#[test]
fn sarif_is_valid_against_the_official_schema() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.sarif");
    blastradius().args(["scan", "--format", "sarif", "-o"]).arg(&out).arg("fixtures/core").assert().code(1);
    let sarif: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let schema_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/sarif-schema-2.1.0.json");
    // The official schema's `language` patterns have a bare `]`, a literal in ECMA-262
    // but an error in the Rust regex dialect: escape it, same meaning.
    let schema_text = std::fs::read_to_string(schema_path).unwrap().replace("{2}]?$", "{2}\\\\]?$");
    let schema: Value = serde_json::from_str(&schema_text).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let errors: Vec<String> = validator.iter_errors(&sarif).map(|e| format!("{e} at {}", e.instance_path())).collect();
    assert!(errors.is_empty(), "SARIF schema errors: {errors:#?}");
    let mut broken = sarif.clone();
    broken["runs"][0]["results"][0]["level"] = Value::from("fatal");
    assert!(!validator.is_valid(&broken), "the validator rejects an invalid level");

    let run = &sarif["runs"][0];
    for rule in run["tool"]["driver"]["rules"].as_array().unwrap() {
        assert!(rule["help"]["text"].as_str().is_some_and(|t| !t.is_empty()));
        assert!(rule["shortDescription"]["text"].as_str().is_some());
        assert!(rule["fullDescription"]["text"].as_str().is_some());
        assert!(rule["properties"]["tags"].as_array().unwrap().contains(&Value::from("security")));
        let severity: f64 = rule["properties"]["security-severity"].as_str().unwrap().parse().unwrap();
        assert!((0.0..=10.0).contains(&severity));
    }
    for result in run["results"].as_array().unwrap() {
        let location = &result["locations"][0]["physicalLocation"];
        let uri = location["artifactLocation"]["uri"].as_str().unwrap();
        assert!(!uri.starts_with('/') && !uri.contains("://"), "relative URI: {uri}");
        assert_eq!(location["artifactLocation"]["uriBaseId"], "%SRCROOT%");
        for key in ["startLine", "startColumn", "endLine", "endColumn"] {
            assert!(location["region"][key].as_u64().unwrap() >= 1, "{key} positive");
        }
        assert!(result["partialFingerprints"]["primaryLocationLineHash"].as_str().is_some());
        assert!(result["rank"].as_f64().is_some());
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&out).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "report files are private");
    }
}

#[test]
fn sarif_line_hash_survives_moved_lines() {
    let dir = tempfile::tempdir().unwrap();
    let token = CORE_SECRETS[0];
    let hash_for = |text: String| {
        std::fs::write(dir.path().join("a.env"), text).unwrap();
        let output = blastradius().args(["scan", "--format", "sarif"]).arg(dir.path()).output().unwrap();
        let sarif: Value = serde_json::from_slice(&output.stdout).unwrap();
        sarif["runs"][0]["results"][0]["partialFingerprints"]["primaryLocationLineHash"].as_str().unwrap().to_string()
    };
    let before = hash_for(format!("T={token}\n"));
    let after = hash_for(format!("# a comment\n\nT={token}\n"));
    assert_eq!(before, after);
}

#[cfg(unix)]
#[test]
fn hostile_entries_neither_hang_nor_abort_the_scan() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    let tree = dir.path().join("tree");
    std::fs::create_dir(&tree).unwrap();
    let root = tree.as_path();
    std::fs::write(root.join("token.env"), format!("T={}\n", CORE_SECRETS[1])).unwrap();
    let fifo = root.join("pipe");
    let c_path = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    // SAFETY: mkfifo with a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c_path.as_ptr(), 0o644) }, 0);
    std::fs::create_dir(root.join("loop")).unwrap();
    symlink(root.join("loop"), root.join("loop/again")).unwrap();
    symlink("/etc/hostname", root.join("outside")).unwrap();
    symlink("/dev/zero", root.join("zero")).unwrap();
    let mut binary = vec![0u8; 64];
    binary.extend_from_slice(CORE_SECRETS[2].as_bytes());
    std::fs::write(root.join("blob.bin"), binary).unwrap();
    std::fs::write(root.join("locked.env"), format!("T={}\n", CORE_SECRETS[3])).unwrap();
    std::fs::set_permissions(root.join("locked.env"), std::os::unix::fs::PermissionsExt::from_mode(0o000)).unwrap();

    let output = scan_maybe_unprivileged(root);
    let report: Value = serde_json::from_slice(&output.stdout).expect("JSON report");
    let paths: Vec<&str> = report["findings"].as_array().unwrap().iter().map(|f| f["path"].as_str().unwrap()).collect();
    assert_eq!(paths.len(), 1, "only the readable text file holds a finding: {paths:?}");
    assert!(paths[0].ends_with("token.env"));
    let skipped = &report["stats"]["skipped_by_reason"];
    assert_eq!(skipped["binary"], 1);
    assert!(skipped["not_regular"].as_u64().unwrap() >= 4, "fifo and symlinks skipped: {skipped}");
    assert_eq!(skipped["unreadable"], 1, "the 000 file is counted: {skipped}");
    assert!(String::from_utf8_lossy(&output.stderr).contains("locked.env"), "warned about the unreadable file");
}

/// Root reads mode-000 files; drop to `nobody` (with setpriv) so the unreadable case is real.
#[cfg(unix)]
fn scan_maybe_unprivileged(root: &Path) -> std::process::Output {
    let bin = assert_cmd::cargo::cargo_bin("blastradius");
    let is_root = unsafe { libc::geteuid() } == 0;
    let mut cmd = if is_root {
        make_world_traversable(root);
        // The build tree may sit under a private directory: run a copy from the temp dir.
        let copy = root.parent().unwrap().join("blastradius-unprivileged");
        std::fs::copy(&bin, &copy).unwrap();
        let mut c = std::process::Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"]).arg(copy);
        c
    } else {
        std::process::Command::new(bin)
    };
    cmd.args(["scan", "--format", "json", "--fail-on", "none"]).arg(root);
    let child = cmd.stdout(std::process::Stdio::piped()).stderr(std::process::Stdio::piped()).spawn().unwrap();
    wait_with_deadline(child, std::time::Duration::from_secs(60))
}

#[cfg(unix)]
fn make_world_traversable(root: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let mut dir = Some(root);
    while let Some(d) = dir {
        let mode = std::fs::metadata(d).unwrap().permissions().mode();
        std::fs::set_permissions(d, std::fs::Permissions::from_mode(mode | 0o755)).unwrap();
        dir = d.parent().filter(|p| p != &Path::new("/"));
    }
    for entry in ["token.env", "blob.bin"] {
        std::fs::set_permissions(root.join(entry), std::fs::Permissions::from_mode(0o644)).unwrap();
    }
}

fn wait_with_deadline(mut child: std::process::Child, deadline: std::time::Duration) -> std::process::Output {
    let started = std::time::Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            return child.wait_with_output().unwrap();
        }
        if started.elapsed() > deadline {
            child.kill().unwrap();
            panic!("scan hung on hostile entries");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

#[test]
fn explain_reads_a_report_and_lists_every_location() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.env"), format!("T={}\n", CORE_SECRETS[0])).unwrap();
    std::fs::write(dir.path().join("b.yaml"), format!("token: {}\n", CORE_SECRETS[0])).unwrap();
    let report = dir.path().join("report.json");
    blastradius().args(["scan", "--format", "json", "-o"]).arg(&report).arg(dir.path()).assert().code(1);
    let json: Value = serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    let fingerprint = json["findings"][0]["fingerprint"].as_str().unwrap();
    let output = blastradius().args(["explain", &fingerprint[..12], "--report"]).arg(&report).output().unwrap();
    assert!(output.status.success());
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(text.contains("found in 2 place(s)"), "{text}");
    assert!(text.contains("a.env:1:3") && text.contains("b.yaml:1:8"), "{text}");
    assert!(!text.contains(CORE_SECRETS[0]));
    blastradius().args(["explain", "0000000000", "--report"]).arg(&report).assert().code(1);
}

#[test]
fn utf16_files_are_decoded_and_scanned() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!("# exported\r\nTOKEN={}\r\n", CORE_SECRETS[2]);
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(|u| u.to_le_bytes()));
    std::fs::write(dir.path().join("settings.reg"), bytes).unwrap();
    let output = blastradius().args(["scan", "--format", "json"]).arg(dir.path()).output().unwrap();
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["findings"][0]["line"], 2);
    assert_eq!(report["findings"][0]["column"], 7);
}
