//! No command leaks a credential it found (issue #9): every output format, to standard
//! output and to report files, every verbosity, `explain`, `baseline create`, `reach`;
//! `--show-secrets` warns; bad input fails with a message, never a panic.

use assert_cmd::Command;
use std::path::Path;

#[path = "support/core.rs"]
mod core_fixture;
#[cfg(target_os = "linux")]
#[path = "support/unprivileged.rs"]
mod unprivileged;
use core_fixture::CORE_SECRETS;

/// A fake token planted in the fake home directory `reach` reads (gen-token.py ghp_ leak).
const HOME_TOKEN: &str = "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"; // blastradius:allow

const FORMATS: [&str; 4] = ["human", "json", "sarif", "markdown"];

fn blastradius() -> Command {
    let mut cmd = Command::cargo_bin("blastradius").expect("binary built");
    cmd.current_dir(env!("CARGO_MANIFEST_DIR")).env("NO_COLOR", "1").env("RUST_BACKTRACE", "1");
    cmd
}

/// Everything one command wrote: stdout, stderr, and the files it was told to write.
struct Transcript {
    what: String,
    text: String,
}

fn run(what: &str, cmd: &mut Command, files: &[&Path]) -> Transcript {
    let output = cmd.output().unwrap();
    let mut text = String::from_utf8_lossy(&output.stdout).into_owned();
    text.push_str(&String::from_utf8_lossy(&output.stderr));
    for file in files {
        text.push_str(&std::fs::read_to_string(file).unwrap_or_default());
    }
    assert!(matches!(output.status.code(), Some(0 | 1)), "{what}: {}", String::from_utf8_lossy(&output.stderr));
    Transcript { what: what.to_string(), text }
}

/// Neither a raw value nor a long piece of one appears anywhere.
fn assert_no_secret(transcript: &Transcript, secrets: &[&str]) {
    for secret in secrets {
        let middle = &secret[secret.len() / 3..secret.len() / 3 + 12];
        for needle in [*secret, &secret[8..20], middle] {
            assert!(
                !transcript.text.contains(needle),
                "{} leaks part of a secret starting {}",
                transcript.what,
                &secret[..4]
            );
        }
    }
}

/// A fake home directory with a git credential store and a shell history.
fn fake_home(dir: &Path) -> std::path::PathBuf {
    let home = dir.join("home");
    std::fs::create_dir_all(&home).unwrap();
    std::fs::write(home.join(".git-credentials"), format!("https://bot:{HOME_TOKEN}@github.com\n")).unwrap();
    std::fs::write(home.join(".bash_history"), format!("ls\nexport GH_TOKEN={HOME_TOKEN}\n")).unwrap();
    home
}

#[test]
fn no_command_format_or_verbosity_leaks_a_secret() {
    let dir = tempfile::tempdir().unwrap();
    let out = |name: &str| dir.path().join(name);
    let mut transcripts = Vec::new();
    for format in FORMATS {
        for quiet in [&[][..], &["--quiet"][..]] {
            let report = out(&format!("report-{format}-{}", quiet.len()));
            transcripts.push(run(
                &format!("scan --format {format} {quiet:?}"),
                blastradius().args(["scan", "--format", format]).args(quiet).arg("fixtures/core"),
                &[],
            ));
            transcripts.push(run(
                &format!("scan --format {format} -o {quiet:?}"),
                blastradius().args(["scan", "--format", format, "-o"]).arg(&report).args(quiet).arg("fixtures/core"),
                &[&report],
            ));
        }
    }
    let json = out("report-json-0");
    let report: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    let fingerprints: Vec<String> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["fingerprint"].as_str().unwrap()[..12].to_string())
        .collect();
    assert_eq!(fingerprints.len(), 9, "every planted credential is in the report");
    for fp in &fingerprints {
        transcripts.push(run("explain --report", blastradius().args(["explain", fp, "--report"]).arg(&json), &[]));
        transcripts.push(run("explain (rescan)", blastradius().args(["explain", fp, "fixtures/core"]), &[]));
    }
    let baseline = out("baseline.json");
    transcripts.push(run(
        "baseline create",
        blastradius().args(["baseline", "create", "fixtures/core", "-o"]).arg(&baseline),
        &[&baseline],
    ));
    transcripts.push(run(
        "scan --baseline",
        blastradius().args(["scan", "--baseline"]).arg(&baseline).arg("fixtures/core"),
        &[],
    ));
    let home = fake_home(dir.path());
    for format in FORMATS {
        let report = out(&format!("reach-{format}"));
        transcripts.push(run(
            &format!("reach --format {format}"),
            blastradius()
                .args(["reach", "--workspace", "fixtures/core", "--no-env", "--format", format, "--home"])
                .arg(&home)
                .args(["-o"])
                .arg(&report),
            &[&report],
        ));
    }
    let reach_human = run(
        "reach (stdout)",
        blastradius().args(["reach", "--workspace", "fixtures/core", "--no-env", "--home"]).arg(&home),
        &[],
    );
    assert!(
        reach_human.text.contains(".git-credentials:1:13 [home]") && reach_human.text.contains("[history]"),
        "reach found the home token: {}",
        reach_human.text
    );
    transcripts.push(reach_human);
    let all_secrets: Vec<&str> = CORE_SECRETS.iter().copied().chain([HOME_TOKEN]).collect();
    for transcript in &transcripts {
        assert_no_secret(transcript, &all_secrets);
    }
}

#[test]
fn show_secrets_warns_on_stderr_for_every_reporting_command() {
    let dir = tempfile::tempdir().unwrap();
    let home = fake_home(dir.path());
    let scan = blastradius().args(["scan", "--show-secrets", "-q", "fixtures/core"]).output().unwrap();
    let reach = blastradius()
        .args(["reach", "--show-secrets", "--no-env", "--workspace", "fixtures/core", "--home"])
        .arg(&home)
        .output()
        .unwrap();
    for (what, output) in [("scan", scan), ("reach", reach)] {
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains("warning: --show-secrets"), "{what} warns even with -q: {stderr}");
        assert!(String::from_utf8_lossy(&output.stdout).contains(CORE_SECRETS[0]), "{what} shows the value");
    }
}

/// A failing command exits 2 with an `error:` line naming the problem, and no panic.
fn assert_clean_failure(cmd: &mut Command, expected: &str) {
    let output = cmd.output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains(expected), "message names the problem ({expected}): {stderr}");
    assert!(!stderr.contains("panicked") && !stderr.contains("backtrace"), "no panic: {stderr}");
}

#[test]
fn bad_input_fails_with_a_message_and_no_backtrace() {
    let dir = tempfile::tempdir().unwrap();
    assert_clean_failure(blastradius().args(["scan", "--no-such-flag"]), "unexpected argument");
    assert_clean_failure(blastradius().args(["scan", "--max-file-size", "lots"]), "invalid value");
    assert_clean_failure(blastradius().args(["scan", "--file-timeout", "soon"]), "invalid value");
    assert_clean_failure(blastradius().args(["scan", "no/such/dir"]), "cannot read `no/such/dir`");
    let bad = dir.path().join("bad.toml");
    std::fs::write(&bad, "exclude = [unterminated\n").unwrap();
    assert_clean_failure(blastradius().args(["scan", "--config"]).arg(&bad).arg("fixtures/core"), "invalid config");
    let root = dir.path().join("with-config");
    std::fs::create_dir(&root).unwrap();
    std::fs::write(root.join(".blastradius.toml"), "fail-on = \"sometimes\"\n").unwrap();
    assert_clean_failure(blastradius().arg("scan").arg(&root), "invalid config");
    assert_clean_failure(
        blastradius().args(["scan", "--config"]).arg(dir.path().join("missing.toml")).arg("fixtures/core"),
        "cannot read config",
    );
}

#[cfg(target_os = "linux")]
#[test]
fn an_unreadable_root_is_an_error() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let locked = dir.path().join("locked");
    std::fs::create_dir(&locked).unwrap();
    std::fs::write(locked.join("a.env"), format!("T={}\n", CORE_SECRETS[0])).unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    let mut cmd = Command::from_std(unprivileged::unprivileged(dir.path()));
    cmd.arg("scan").arg(&locked);
    assert_clean_failure(&mut cmd, "cannot read");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
}

/// A fake token (`scripts/gen-token.py ghp_ leak-parse-errors`) planted in every broken file.
const BROKEN_TOKEN: &str = "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"; // blastradius:allow

/// Writes `bytes` at `root/relative`, creating directories.
fn plant(root: &Path, relative: &str, bytes: &[u8]) {
    let path = root.join(relative);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

/// Malformed files of every extractor format, each built around `BROKEN_TOKEN`, laid out
/// where `reach` extracts them: (relative path, contents).
fn broken_files(home: bool) -> Vec<(&'static str, Vec<u8>)> {
    let t = BROKEN_TOKEN;
    // Line formats only fail on bytes that are not UTF-8.
    let bad_utf8 = |text: String| [text.as_bytes(), b"\xff\xfe\n"].concat();
    let toml = format!("model = \"o4\"\napi_key = \"{t}\" oops\n").into_bytes();
    let json = format!("{{\"auths\": {{\"ghcr.io\": {{\"identitytoken\": \"{t}\" ,,}}").into_bytes();
    let mut files = vec![
        (".codex/config.toml", toml),
        (".netrc", bad_utf8(format!("machine api.github.com login bot password {t}"))),
        (".pgpass", bad_utf8(format!("db.internal:5432:app:app:{t}"))),
        (".git-credentials", bad_utf8(format!("https://bot:{t}@github.com"))),
    ];
    if home {
        files.extend([
            (".config/gh/hosts.yml", format!("github.com:\n    oauth_token: !!int {t}\n").into_bytes()),
            (".docker/config.json", json),
            (".aws/credentials", bad_utf8(format!("[default]\naws_session_token = {t}"))),
            (".continue/.env", bad_utf8(format!("GITHUB_TOKEN={t}"))),
            (".vault-token", bad_utf8(t.to_string())),
            (".config/gcloud/access_tokens.db", [&b"SQLite format 3\0"[..], t.as_bytes(), &[0xAB; 200]].concat()),
            (".claude/settings.json", format!("{{\"permissions\": {{\"deny\": [\"Read({t})\" 7").into_bytes()),
        ]);
    } else {
        files.extend([
            (
                "k8s/secret.yaml",
                format!("apiVersion: v1\nkind: Secret\nmetadata:\n  name: gh\nstringData:\n  token: !!int {t}\n")
                    .into_bytes(),
            ),
            (".vscode/mcp.json", json),
            ("infra/prod.tfstate", format!("{{\"outputs\": {{\"token\": {{\"value\": \"{t}\"").into_bytes()),
            (".env", bad_utf8(format!("GITHUB_TOKEN={t}"))),
            (".npmrc", bad_utf8(format!("//npm.pkg.github.com/:_authToken={t}"))),
        ]);
    }
    files
}

/// stdout, stderr and written files of a command that may fail, which must not panic.
fn run_any(what: &str, cmd: &mut Command, files: &[&Path]) -> Transcript {
    let output = cmd.output().unwrap();
    let mut text = String::from_utf8_lossy(&output.stdout).into_owned();
    text.push_str(&String::from_utf8_lossy(&output.stderr));
    for file in files {
        text.push_str(&std::fs::read_to_string(file).unwrap_or_default());
    }
    assert!(matches!(output.status.code(), Some(0..=2)), "{what}: exit {:?}: {text}", output.status.code());
    assert!(!text.contains("panicked"), "{what}: {text}");
    Transcript { what: what.to_string(), text }
}

/// Neither the token nor any eight characters of it, nor its last four (which redaction
/// once showed), appear.
fn assert_no_piece_of(transcript: &Transcript, token: &str) {
    let tail = &token[token.len() - 4..];
    let windows = (0..=token.len() - 8).map(|i| &token[i..i + 8]);
    for needle in windows.chain([tail]) {
        assert!(
            !transcript.text.contains(needle),
            "{} shows `{needle}` of the planted token:\n{}",
            transcript.what,
            transcript.text
        );
    }
}

#[test]
fn parse_errors_never_quote_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let (workspace, home) = (dir.path().join("w"), dir.path().join("h"));
    for (path, bytes) in broken_files(false) {
        plant(&workspace, path, &bytes);
    }
    for (path, bytes) in broken_files(true) {
        plant(&home, path, &bytes);
    }
    let mut transcripts = Vec::new();
    for format in FORMATS {
        let report = dir.path().join(format!("reach.{format}"));
        for agent in ["any", "claude-code", "codex"] {
            let reach = || {
                let mut cmd = blastradius();
                cmd.args(["reach", "--no-env", "--agent", agent, "--format", format, "--workspace"])
                    .arg(&workspace)
                    .arg("--home")
                    .arg(&home);
                cmd
            };
            transcripts.push(run_any(&format!("reach --agent {agent} --format {format}"), &mut reach(), &[]));
            transcripts.push(run_any(
                &format!("reach --agent {agent} --format {format} -o"),
                reach().arg("-o").arg(&report),
                &[&report],
            ));
        }
        let report = dir.path().join(format!("scan.{format}"));
        transcripts.push(run_any(
            &format!("scan --format {format} -o"),
            blastradius().args(["scan", "--format", format, "-o"]).arg(&report).arg(&workspace),
            &[&report],
        ));
    }
    let warned = transcripts.iter().find(|t| t.what == "reach --agent codex --format json").unwrap();
    for (path, position) in [
        (".codex/config.toml", "invalid TOML at line 2, column"),
        ("secret.yaml", "invalid YAML at line 6, column"),
        ("hosts.yml", "invalid YAML at line 2, column"),
        (".env", "invalid UTF-8 at line 1, column"),
        ("access_tokens.db", "invalid SQLite database"),
    ] {
        let said = warned.text.lines().any(|l| l.contains(path) && l.contains(position));
        assert!(said, "a warning names {path} and `{position}`:\n{}", warned.text);
    }
    transcripts.extend(broken_settings_runs(dir.path()));
    for transcript in &transcripts {
        assert_no_piece_of(transcript, BROKEN_TOKEN);
    }
}

/// The config, a baseline, a detector file and a report, each malformed around the
/// token, through every command that reads them.
fn broken_settings_runs(dir: &Path) -> Vec<Transcript> {
    let t = BROKEN_TOKEN;
    let clean = dir.join("clean");
    plant(&clean, "README", b"nothing here\n");
    let mut runs = Vec::new();
    for (name, config) in [
        ("syntax", format!("exclude = [\"{t}\" oops\n")),
        ("wrong type", format!("detectors = \"{t}\"\n")),
        ("bad level", format!("fail-on = \"{t}\"\n")),
    ] {
        let file = dir.join(format!("config-{}.toml", name.len()));
        std::fs::write(&file, &config).unwrap();
        runs.push(run_any(
            &format!("scan --config ({name})"),
            blastradius().arg("scan").arg("--config").arg(&file).arg(&clean),
            &[],
        ));
        let root = dir.join(format!("in-tree-{}", name.len()));
        plant(&root, ".blastradius.toml", config.as_bytes());
        runs.push(run_any(&format!("scan with in-tree config ({name})"), blastradius().arg("scan").arg(&root), &[]));
    }
    for (name, baseline) in [
        ("truncated", format!("{{\"version\": 1, \"entries\": [{{\"fingerprint\": \"{t}")),
        ("wrong type", format!("{{\"version\": 1, \"entries\": [{{\"fingerprint\": \"a\", \"rule_id\": \"b\", \"secret_redacted\": \"c\", \"paths\": \"{t}\"}}]}}")),
        ("unknown key", format!("{{\"version\": 1, \"{t}\": []}}")),
    ] {
        let file = dir.join(format!("baseline-{}.json", name.len()));
        std::fs::write(&file, baseline).unwrap();
        runs.push(run_any(&format!("scan --baseline ({name})"), blastradius().arg("scan").arg("--baseline").arg(&file).arg(&clean), &[]));
    }
    let detectors = dir.join("dets");
    plant(&detectors, "broken.toml", format!("provider = \"{t}\" oops\n").as_bytes());
    runs.push(run_any(
        "scan --detectors",
        blastradius().arg("scan").arg("--detectors").arg(&detectors).arg(&clean),
        &[],
    ));
    runs.push(run_any(
        "detectors list --detectors",
        blastradius().args(["detectors", "list", "--detectors"]).arg(&detectors),
        &[],
    ));
    let report = dir.join("broken-report.json");
    std::fs::write(&report, format!("{{\"findings\": [\"{t}\" x")).unwrap();
    runs.push(run_any("explain --report", blastradius().args(["explain", "abcdef", "--report"]).arg(&report), &[]));
    runs
}
