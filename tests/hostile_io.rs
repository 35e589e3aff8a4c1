//! Hostile files named by configuration, baselines and agent settings (issue #17): a
//! malformed baseline is a clean error, every file is read through one bounded reader
//! (no FIFO hangs, no device is opened, no gigabyte read), `reach` follows a home-store
//! symlink only to a regular file and warns about stores it cannot see, and `-o` writes
//! a new owner-only file and refuses a symlink.
#![cfg(target_os = "linux")]

use std::ffi::{CString, OsString};
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{symlink, PermissionsExt};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

#[path = "support/unprivileged.rs"]
mod unprivileged;
#[path = "support/watched.rs"]
mod watched;
use unprivileged::unprivileged;

/// A fake, checksum-valid token (`scripts/gen-token.py ghp_ hostile-io`).
const TOKEN: &str = "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"; // blastradius:allow

/// Peak memory allowed for a run whose input names a device or a huge sparse file.
const MAX_RSS_BYTES: i64 = 150 * 1024 * 1024;

/// How long a run may take before it counts as hung.
const LIMIT: Duration = Duration::from_secs(20);

/// One finished run of the binary.
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
    max_rss_bytes: i64,
    elapsed: Duration,
}

/// Runs the binary with `args` in `cwd`, killed after [`LIMIT`]; measures its peak RSS
/// with `wait4`.
fn run(cwd: &Path, args: Vec<OsString>) -> Run {
    let out = tempfile::tempdir().unwrap();
    let mut command = std::process::Command::new(assert_cmd::cargo::cargo_bin("blastradius"));
    command.args(&args).current_dir(cwd);
    let run = watched::run_watched(command, out.path(), LIMIT, &format!("{args:?}"));
    Run {
        code: run.code,
        stdout: String::from_utf8_lossy(&run.stdout).into_owned(),
        stderr: run.stderr,
        max_rss_bytes: run.max_rss_bytes,
        elapsed: run.elapsed,
    }
}

/// A command line of strings and paths.
macro_rules! args {
    ($($arg:expr),* $(,)?) => { vec![$(OsString::from($arg)),*] };
}

fn mkfifo(path: &Path) {
    let name = CString::new(path.as_os_str().as_bytes()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o644) }, 0, "mkfifo {}", path.display());
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// A tree with one credential to scan, and an empty workspace for `reach`.
fn tree(dir: &Path) -> (PathBuf, PathBuf) {
    let repo = dir.join("repo");
    write(&repo.join("app.env"), &format!("GITHUB_TOKEN={TOKEN}\n"));
    let workspace = dir.join("workspace");
    std::fs::create_dir_all(&workspace).unwrap();
    (repo, workspace)
}

fn assert_error(run: &Run, what: &str, expected: &str) {
    assert_eq!(run.code, 2, "{what}: exit 2 ({}); stderr: {}", run.code, run.stderr);
    assert!(
        run.stderr.contains("error:") && run.stderr.contains(expected),
        "{what}: says `{expected}`: {}",
        run.stderr
    );
}

fn report_bounds(what: &str, run: &Run) {
    eprintln!("{what}: {:?}, peak RSS {} MB", run.elapsed, run.max_rss_bytes >> 20);
    assert!(run.max_rss_bytes < MAX_RSS_BYTES, "{what}: peak RSS {} MB", run.max_rss_bytes >> 20);
}

#[test]
fn a_malformed_baseline_is_a_clean_error_in_every_shape() {
    let dir = tempfile::tempdir().unwrap();
    let (repo, _) = tree(dir.path());
    let entry = |fingerprint: &str| {
        format!(
            "{{\"version\": 2, \"fingerprints\": \"argon2id-v2\", \"entries\": [{{\"fingerprint\": \"{fingerprint}\", \
             \"rule_id\": \"github-pat\", \"secret_redacted\": \"ghp_…x\", \"paths\": []}}]}}"
        )
    };
    let shapes: [(&str, Vec<u8>, &str); 10] = [
        ("a fingerprint with a multi-byte character", entry("aaaaaaaaaaa\\u00e9bbbb").into_bytes(), "entry 1"),
        ("a fingerprint with a newline", entry("abc\\ndef").into_bytes(), "entry 1"),
        ("truncated JSON", entry("abc").as_bytes()[..40].to_vec(), "invalid JSON at line 1"),
        ("empty", Vec::new(), "invalid JSON"),
        (
            "entries of the wrong type",
            b"{\"version\": 2, \"fingerprints\": \"argon2id-v2\", \"entries\": {}}".to_vec(),
            "invalid JSON at line 1",
        ),
        ("a version of the wrong type", b"{\"version\": \"1\", \"entries\": []}".to_vec(), "invalid JSON at line 1"),
        ("another version", b"{\"version\": 9, \"entries\": []}".to_vec(), "unsupported baseline version 9"),
        ("an array", b"[]".to_vec(), "invalid JSON"),
        ("not UTF-8", b"{\"version\": 2, \"entries\": [\xff]}".to_vec(), "not UTF-8"),
        ("a rule id with an escape", entry("abc").replace("github-pat", "\\u001b[2J").into_bytes(), "rule_id"),
    ];
    for (what, bytes, expected) in shapes {
        let baseline = dir.path().join("baseline.json");
        std::fs::write(&baseline, &bytes).unwrap();
        let failed = run(dir.path(), args!["scan", "--baseline", &baseline, &repo]);
        assert_error(&failed, what, expected);
        assert!(failed.stderr.contains("baseline"), "{what}: names the baseline: {}", failed.stderr);
    }
    let failed = run(dir.path(), args!["scan", "--baseline", dir.path(), &repo]);
    assert_error(&failed, "a directory", "not a regular file");
}

#[test]
fn baselines_and_configs_that_name_fifos_or_devices_fail_fast_and_small() {
    let dir = tempfile::tempdir().unwrap();
    let (repo, _) = tree(dir.path());
    let fifo = dir.path().join("baseline.fifo");
    mkfifo(&fifo);
    let zero = dir.path().join("zero.json");
    symlink("/dev/zero", &zero).unwrap();
    for (what, baseline) in [("a FIFO", &fifo), ("a link to /dev/zero", &zero)] {
        let failed = run(dir.path(), args!["scan", "--baseline", baseline, &repo]);
        assert_error(&failed, what, "not a regular file");
        report_bounds(&format!("--baseline {what}"), &failed);
    }
    write(&repo.join(".blastradius.toml"), "baseline = \"zero.json\"\n");
    symlink("/dev/zero", repo.join("zero.json")).unwrap();
    let failed = run(dir.path(), args!["scan", &repo]);
    assert_error(&failed, "config baseline = /dev/zero", "not a regular file");
    report_bounds("config baseline = /dev/zero", &failed);
    let config = repo.join(".blastradius.toml");
    std::fs::remove_file(&config).unwrap();
    symlink("/dev/zero", &config).unwrap();
    let failed = run(dir.path(), args!["scan", "--config", &config, &repo]);
    assert_error(&failed, "--config /dev/zero", "not a regular file");
}

/// `reach --agent AGENT` over a home whose `settings` path is what `make` leaves there.
fn reach_with(dir: &Path, agent: &str, settings: &str, make: impl FnOnce(&Path)) -> Run {
    let (_, workspace) = tree(dir);
    let home = dir.join(format!("home-{agent}"));
    write(&home.join(".git-credentials"), &format!("https://bot:{TOKEN}@github.com\n"));
    let path = home.join(settings);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    make(&path);
    run(
        dir,
        args!["reach", "--no-env", "--format", "json", "--agent", agent, "--workspace", &workspace, "--home", &home],
    )
}

fn assert_finished_with_warning(run: &Run, what: &str, warning: &str) {
    assert_eq!(run.code, 1, "{what}: the home token is still reported; stderr: {}", run.stderr);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let warnings = report["warnings"].to_string();
    assert!(warnings.contains(warning), "{what}: warns `{warning}`: {warnings}");
    report_bounds(what, run);
}

#[test]
fn agent_settings_that_are_fifos_devices_or_huge_are_bounded() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = reach_with(&dir.path().join("a"), "codex", ".codex/config.toml", mkfifo);
    assert_finished_with_warning(&fifo, "~/.codex/config.toml a FIFO", "config.toml: not a regular file");
    let zero = reach_with(&dir.path().join("b"), "codex", ".codex/config.toml", |p| symlink("/dev/zero", p).unwrap());
    assert_finished_with_warning(&zero, "~/.codex/config.toml -> /dev/zero", "not a regular file");
    let sparse = reach_with(&dir.path().join("c"), "claude-code", ".claude/settings.json", |p| {
        std::fs::File::create(p).unwrap().set_len(2 << 30).unwrap();
    });
    assert_finished_with_warning(&sparse, "2 GB sparse ~/.claude/settings.json", "settings.json: larger than");
}

#[test]
fn home_store_symlinks_are_followed_only_to_regular_files() {
    let dir = tempfile::tempdir().unwrap();
    let (_, workspace) = tree(dir.path());
    let home = dir.path().join("home");
    std::fs::create_dir_all(&home).unwrap();
    // A store linked out of the home (a dotfiles checkout): read, as the agent can.
    let outside = dir.path().join("dotfiles/git-credentials");
    write(&outside, &format!("https://bot:{TOKEN}@github.com\n"));
    symlink(&outside, home.join(".git-credentials")).unwrap();
    symlink("/dev/zero", home.join(".netrc")).unwrap();
    let fifo = dir.path().join("pgpass.fifo");
    mkfifo(&fifo);
    symlink(&fifo, home.join(".pgpass")).unwrap();
    // A writer blocks in open() until someone opens the FIFO for reading: if the scan
    // opens it, the writer gets through.
    let opened = Arc::new(AtomicBool::new(false));
    let writer = {
        let (opened, fifo) = (Arc::clone(&opened), fifo.clone());
        std::thread::spawn(move || {
            let _file = std::fs::OpenOptions::new().write(true).open(&fifo);
            opened.store(true, Ordering::SeqCst);
        })
    };
    let reached =
        run(dir.path(), args!["reach", "--no-env", "--format", "json", "--workspace", &workspace, "--home", &home]);
    let opened_by_scan = opened.load(Ordering::SeqCst);
    // Release the writer.
    drop(std::fs::OpenOptions::new().read(true).custom_flags_nonblock().open(&fifo));
    writer.join().unwrap();
    assert!(!opened_by_scan, "the FIFO behind ~/.pgpass was opened");
    let report: serde_json::Value = serde_json::from_str(&reached.stdout).unwrap();
    let warnings = report["warnings"].to_string();
    assert!(warnings.contains(".git-credentials: symlink to"), "{warnings}");
    assert!(warnings.contains(".netrc: symlink to /dev/zero, not a regular file"), "{warnings}");
    assert!(
        warnings.contains(".pgpass: symlink to") && warnings.contains("pgpass.fifo, not a regular file"),
        "{warnings}"
    );
    let paths: Vec<&str> = report["findings"].as_array().unwrap().iter().filter_map(|f| f["path"].as_str()).collect();
    assert!(paths.iter().any(|p| p.ends_with(".git-credentials")), "the linked store is read: {paths:?}");
    assert_eq!(report["stats"]["skipped_by_reason"]["not_regular"], 2, "{}", report["stats"]);
}

/// Opening a FIFO for reading without blocking.
trait NonBlocking {
    fn custom_flags_nonblock(&mut self) -> &mut Self;
}

impl NonBlocking for std::fs::OpenOptions {
    fn custom_flags_nonblock(&mut self) -> &mut Self {
        use std::os::unix::fs::OpenOptionsExt;
        self.custom_flags(libc::O_NONBLOCK)
    }
}

#[test]
fn a_store_in_an_unreadable_directory_is_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let workspace = dir.path().join("workspace");
    std::fs::create_dir_all(&workspace).unwrap();
    let home = dir.path().join("home");
    write(&home.join(".aws/credentials"), &format!("[default]\naws_session_token = {TOKEN}\n"));
    write(&home.join(".aws/sso/cache/token.json"), "{}");
    let open = |p: &Path, mode| std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).unwrap();
    open(&home, 0o755);
    let mut cmd = unprivileged(dir.path());
    open(&home.join(".aws"), 0o000);
    let output = cmd
        .args(["reach", "--no-env", "--format", "json", "--workspace"])
        .arg(&workspace)
        .arg("--home")
        .arg(&home)
        .output()
        .unwrap();
    open(&home.join(".aws"), 0o755);
    let report: serde_json::Value = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&output.stderr)));
    let warnings = report["warnings"].to_string();
    assert!(warnings.contains(".aws/credentials: cannot be read"), "{warnings}");
    assert!(warnings.contains(".aws/sso/cache/*.json: cannot be read"), "{warnings}");
    assert!(report["stats"]["skipped_by_reason"]["unreadable"].as_u64().unwrap() >= 2, "{}", report["stats"]);
}

#[test]
fn report_files_are_new_owner_only_files_and_never_symlinks() {
    let dir = tempfile::tempdir().unwrap();
    let (repo, _) = tree(dir.path());
    let report = dir.path().join("report.json");
    write(&report, "old report\n");
    std::fs::set_permissions(&report, std::fs::Permissions::from_mode(0o644)).unwrap();
    let scan = |extra: &str, out: &Path| run(dir.path(), args!["scan", "--format", "json", extra, "-o", out, &repo]);
    let shown = scan("--show-secrets", &report);
    assert_eq!(shown.code, 1, "{}", shown.stderr);
    assert_eq!(std::fs::metadata(&report).unwrap().permissions().mode() & 0o777, 0o600, "an existing 0644 file");
    assert!(std::fs::read_to_string(&report).unwrap().contains("\"findings\""));
    let fresh = dir.path().join("fresh.sarif");
    scan("--quiet", &fresh);
    assert_eq!(std::fs::metadata(&fresh).unwrap().permissions().mode() & 0o777, 0o600, "a new file");

    let target = dir.path().join("precious");
    write(&target, "keep me\n");
    let link = dir.path().join("link.json");
    symlink(&target, &link).unwrap();
    let refused = scan("--quiet", &link);
    assert_error(&refused, "-o symlink", "is a symlink");
    let baseline = run(dir.path(), args!["baseline", "create", &repo, "-o", &link]);
    assert_error(&baseline, "baseline create -o symlink", "is a symlink");
    let summary = run(dir.path(), args!["scan", "--quiet", "--summary-markdown", &link, &repo]);
    assert_error(&summary, "--summary-markdown symlink", "is a symlink");
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "keep me\n", "the link's target is untouched");
    assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "no temporary files left: {leftovers:?}");
}
