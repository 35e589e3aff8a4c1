//! Integration tests for the pre-commit and CI gate, in temporary git repositories made
//! with the git CLI. Every credential is a fake made by `scripts/gen-token.py`.

use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};
use tempfile::TempDir;
mod support;
use support::git::git;

fn token(seed: &str) -> String {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/gen-token.py");
    let out = std::process::Command::new("python3").arg(script).args(["ghp_", seed]).output().expect("python3");
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

fn repo() -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    git(dir.path(), &["init", "-q"]);
    dir
}

fn write(dir: &Path, path: &str, text: &str) {
    let path = dir.join(path);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn commit_all(dir: &Path, message: &str) -> String {
    git(dir, &["add", "-A"]);
    git(dir, &["commit", "-q", "-m", message]);
    git(dir, &["rev-parse", "HEAD"])
}

fn blastradius(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("blastradius").unwrap();
    cmd.current_dir(dir).env("NO_COLOR", "1");
    cmd
}

/// Runs blastradius with `args` plus `--format json`; returns (exit code, report).
fn scan_json(dir: &Path, args: &[&str]) -> (i32, Value) {
    let out = blastradius(dir).args(args).args(["--format", "json"]).output().unwrap();
    let report = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!("{e}: {}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
    });
    (out.status.code().unwrap(), report)
}

fn findings(report: &Value) -> Vec<Value> {
    report["findings"].as_array().unwrap().clone()
}

#[test]
fn staged_secret_fails_and_reports_the_staged_path_and_line() {
    let dir = repo();
    write(dir.path(), "README.md", "hello\n");
    commit_all(dir.path(), "init");
    write(dir.path(), "config/app.env", &format!("A=1\nB=2\nGITHUB_TOKEN={}\n", token("staged")));
    git(dir.path(), &["add", "config/app.env"]);
    let (code, report) = scan_json(dir.path(), &["scan", "--staged"]);
    assert_eq!(code, 1);
    let found = findings(&report);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0]["path"], "config/app.env");
    assert_eq!(found[0]["line"], 3);
    assert_eq!(found[0]["source"], "staged");
}

#[test]
fn unstaged_secret_is_not_reported_by_a_staged_scan() {
    let dir = repo();
    write(dir.path(), "app.env", "A=1\n");
    commit_all(dir.path(), "init");
    write(dir.path(), "app.env", &format!("A=1\nT={}\n", token("unstaged")));
    write(dir.path(), "new.env", &format!("T={}\n", token("untracked")));
    let (code, report) = scan_json(dir.path(), &["scan", "--staged"]);
    assert_eq!(code, 0, "{report}");
    assert!(findings(&report).is_empty());
}

#[test]
fn only_added_lines_of_a_changed_file_are_reported() {
    let dir = repo();
    let old = token("already-committed");
    write(dir.path(), "app.env", &format!("OLD={old}\nX=1\n"));
    commit_all(dir.path(), "init");
    let new = token("newly-added");
    write(dir.path(), "app.env", &format!("OLD={old}\nX=1\nNEW={new}\n"));
    git(dir.path(), &["add", "app.env"]);
    let (code, report) = scan_json(dir.path(), &["scan", "--staged"]);
    assert_eq!(code, 1);
    let found = findings(&report);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0]["line"], 3);
}

#[test]
fn staged_scan_works_before_the_first_commit_and_from_a_subdirectory() {
    let dir = repo();
    write(dir.path(), "sub/deep/key.txt", &format!("\n{}\n", token("first")));
    git(dir.path(), &["add", "-A"]);
    let (code, report) = scan_json(&dir.path().join("sub"), &["scan", "--staged"]);
    assert_eq!(code, 1);
    assert_eq!(findings(&report)[0]["path"], "sub/deep/key.txt");
    assert_eq!(findings(&report)[0]["line"], 2);
}

#[test]
fn staged_scan_reads_the_index_of_a_linked_worktree() {
    let dir = repo();
    write(dir.path(), "a.txt", "a\n");
    commit_all(dir.path(), "init");
    let wt = dir.path().join("wt");
    git(dir.path(), &["worktree", "add", "-q", "-b", "side", wt.to_str().unwrap()]);
    write(&wt, "leak.env", &format!("T={}\n", token("worktree")));
    git(&wt, &["add", "leak.env"]);
    let (code, report) = scan_json(&wt, &["scan", "--staged"]);
    assert_eq!(code, 1);
    assert_eq!(findings(&report)[0]["path"], "leak.env");
    let (main_code, _) = scan_json(dir.path(), &["scan", "--staged"]);
    assert_eq!(main_code, 0);
}

#[test]
fn secret_removed_from_head_is_found_in_history_with_its_commit() {
    let dir = repo();
    write(dir.path(), "README.md", "hello\n");
    commit_all(dir.path(), "init");
    let secret = token("history");
    write(dir.path(), "deploy/creds.env", &format!("X=1\nTOKEN={secret}\n"));
    let leaked = commit_all(dir.path(), "add creds");
    std::fs::remove_file(dir.path().join("deploy/creds.env")).unwrap();
    commit_all(dir.path(), "remove creds");

    let (workspace_code, _) = scan_json(dir.path(), &["scan", "."]);
    assert_eq!(workspace_code, 0, "the secret is gone from the work tree");
    let (code, report) = scan_json(dir.path(), &["scan", "--git-history"]);
    assert_eq!(code, 1);
    let found = findings(&report);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0]["commit"], leaked.as_str());
    assert_eq!(found[0]["path"], "deploy/creds.env");
    assert_eq!(found[0]["line"], 2);
    assert_eq!(found[0]["source"], "git-history");

    let (since_code, _) = scan_json(dir.path(), &["scan", "--git-history", "--since", &leaked]);
    assert_eq!(since_code, 0, "nothing new after the leaking commit");
    let (before_code, _) = scan_json(dir.path(), &["scan", "--git-history", "--since", "HEAD~2"]);
    assert_eq!(before_code, 1, "the leak comes after HEAD~2");
}

#[test]
fn history_scan_works_on_a_bare_clone_and_scans_each_blob_once() {
    let dir = repo();
    let secret = token("bare");
    write(dir.path(), "a.env", &format!("T={secret}\n"));
    commit_all(dir.path(), "one");
    write(dir.path(), "b.txt", "unrelated\n");
    commit_all(dir.path(), "two");
    git(dir.path(), &["checkout", "-q", "-b", "other"]);
    write(dir.path(), "c.txt", "more\n");
    commit_all(dir.path(), "three");
    let bare = tempfile::tempdir().unwrap();
    let bare_path = bare.path().join("r.git");
    git(dir.path(), &["clone", "-q", "--bare", ".", bare_path.to_str().unwrap()]);
    let (code, report) = scan_json(bare.path(), &["scan", "--git-history", "r.git"]);
    assert_eq!(code, 1);
    assert_eq!(findings(&report).len(), 1, "the same blob in three commits is one finding");
    assert_eq!(report["stats"]["files"], 3, "three distinct text blobs");
}

/// Findings of a history scan as (path, commit, line, fingerprint), in report order.
fn history_findings(dir: &Path, args: &[&str]) -> (Vec<(String, String, u64, String)>, Value) {
    let (_, report) = scan_json(dir, &[&["scan", "--git-history"], args].concat());
    let found = findings(&report)
        .iter()
        .map(|f| {
            let text = |key: &str| f[key].as_str().unwrap().to_string();
            (text("path"), text("commit"), f["line"].as_u64().unwrap(), text("fingerprint"))
        })
        .collect();
    (found, report)
}

#[test]
fn packed_history_reads_like_loose_history() {
    let dir = repo();
    let body = |version: usize| (0..200).map(|i| format!("line {i} of version {version}\n")).collect::<String>();
    let mut leaks = Vec::new();
    for version in 0..30 {
        write(dir.path(), "src/app/main.py", &body(version));
        write(dir.path(), &format!("docs/note{}.md", version % 4), &body(version * 7));
        if version % 10 == 3 {
            write(
                dir.path(),
                &format!("deploy/v{version}/creds.env"),
                &format!("A=1\nTOKEN={}\n", token(&format!("p{version}"))),
            );
            leaks.push(version);
        }
        commit_all(dir.path(), &format!("version {version}"));
    }
    let (loose, loose_report) = history_findings(dir.path(), &[]);
    assert_eq!(loose.len(), leaks.len(), "{loose:?}");

    git(dir.path(), &["repack", "-adq", "--depth=50", "--window=50"]);
    let index = std::fs::read_dir(dir.path().join(".git/objects/pack"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "idx"))
        .expect("a pack index");
    let verify = git(dir.path(), &["verify-pack", "-v", index.to_str().unwrap()]);
    assert!(verify.contains("chain length = 1"), "the pack holds deltas: {verify}");
    let (packed, packed_report) = history_findings(dir.path(), &[]);
    assert_eq!(packed, loose, "same findings, same order, from a pack");
    assert_eq!(packed_report["stats"]["files"], loose_report["stats"]["files"]);

    // Loose objects on top of a pack are read too.
    write(dir.path(), "late/creds.env", &format!("TOKEN={}\n", token("late")));
    let late = commit_all(dir.path(), "late leak");
    let (mixed, _) = history_findings(dir.path(), &[]);
    let (new, old): (Vec<_>, Vec<_>) = mixed.into_iter().partition(|f| f.0 == "late/creds.env");
    assert_eq!(new.len(), 1);
    assert_eq!(new[0].1, late);
    // The older files are still in the newest commit, which is now the one they carry.
    let unchanged = |f: &(String, String, u64, String)| (f.0.clone(), f.2, f.3.clone());
    assert_eq!(old.iter().map(unchanged).collect::<Vec<_>>(), packed.iter().map(unchanged).collect::<Vec<_>>());
    assert!(old.iter().all(|f| f.1 == late));
}

#[test]
fn history_of_a_shallow_clone_stops_where_the_clone_does() {
    let dir = repo();
    write(dir.path(), "old.env", &format!("TOKEN={}\n", token("gone")));
    commit_all(dir.path(), "one");
    std::fs::remove_file(dir.path().join("old.env")).unwrap();
    write(dir.path(), "a.env", &format!("TOKEN={}\n", token("kept")));
    commit_all(dir.path(), "two");
    write(dir.path(), "b.txt", "unrelated\n");
    let head = commit_all(dir.path(), "three");
    let shallow = tempfile::tempdir().unwrap();
    let url = format!("file://{}", dir.path().display());
    git(shallow.path(), &["clone", "-q", "--depth", "1", &url, "c"]);
    let (found, report) = history_findings(&shallow.path().join("c"), &[]);
    assert_eq!(found.iter().map(|f| (f.0.as_str(), f.1.as_str())).collect::<Vec<_>>(), [("a.env", head.as_str())]);
    assert_eq!(report["stats"]["files"], 2, "only the blobs of the one commit the clone has");
}

#[test]
fn one_process_reads_two_histories_each_with_its_own_names_and_objects() {
    // Both repositories hold the same file under the same name, so caches kept from the
    // first scan would be hit, and wrong, in the second.
    let scanner = blastradius::engine::scan::Scanner::new(blastradius::engine::detect::DetectorSet::load(&[]).unwrap());
    let shared = format!("TOKEN={}\n", token("shared"));
    let (first, second) = (repo(), repo());
    write(first.path(), "config/shared.env", &shared);
    write(first.path(), "only/first.env", &format!("TOKEN={}\n", token("first")));
    commit_all(first.path(), "first");
    write(second.path(), "zeta/extra/deeper/second.env", &format!("TOKEN={}\n", token("second")));
    write(second.path(), "config/shared.env", &shared);
    commit_all(second.path(), "second");
    let paths = |dir: &Path| {
        let scan_buffer = |buf: &[u8], origin: blastradius::model::result::Origin<'_>| scanner.findings_in(buf, origin);
        let found = blastradius::source::git::history::scan(&scan_buffer, dir, None).unwrap();
        let mut paths: Vec<String> = found.into_iter().map(|f| f.path).collect();
        paths.sort();
        paths
    };
    assert_eq!(paths(first.path()), ["config/shared.env", "only/first.env"]);
    assert_eq!(paths(second.path()), ["config/shared.env", "zeta/extra/deeper/second.env"]);
}

#[test]
fn packed_blobs_over_the_size_limit_are_skipped() {
    let dir = repo();
    let padding = "x = 1\n".repeat(20_000);
    write(dir.path(), "big.env", &format!("{padding}TOKEN={}\n", token("big")));
    write(dir.path(), "small.env", &format!("TOKEN={}\n", token("small")));
    commit_all(dir.path(), "one");
    git(dir.path(), &["repack", "-adq"]);
    let (found, report) = history_findings(dir.path(), &["--max-file-size", "4096"]);
    assert_eq!(found.iter().map(|f| f.0.as_str()).collect::<Vec<_>>(), ["small.env"]);
    assert_eq!(report["stats"]["skipped"], 1);
}

#[test]
fn baselined_credentials_stay_suppressed_when_moved_and_new_ones_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let old = token("baselined");
    write(dir.path(), "app.env", &format!("OLD={old}\n"));
    blastradius(dir.path()).args(["baseline", "create", "-o", "baseline.json", "."]).assert().success();
    let text = std::fs::read_to_string(dir.path().join("baseline.json")).unwrap();
    assert!(!text.contains(&old), "the baseline never holds the raw secret");
    assert!(!text.contains("\"line\""), "no line numbers in the baseline");

    write(dir.path(), "app.env", &format!("# moved down\n\n\nOLD={old}\n"));
    let (code, report) = scan_json(dir.path(), &["scan", "--baseline", "baseline.json", "."]);
    assert_eq!(code, 0, "{report}");
    assert_eq!(report["stats"]["baseline"]["suppressed"], 1);

    let new = token("not-baselined");
    write(dir.path(), "other.env", &format!("NEW={new}\n"));
    let (code, report) = scan_json(dir.path(), &["scan", "--baseline", "baseline.json", "."]);
    assert_eq!(code, 1);
    let found = findings(&report);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0]["path"], "other.env");
}

#[test]
fn baseline_file_is_deterministic_and_reports_stale_entries() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.env", &format!("A={}\nB={}\n", token("one"), token("two")));
    write(dir.path(), "b.env", &format!("A={}\n", token("one")));
    blastradius(dir.path()).args(["baseline", "create", "-o", "first.json", "."]).assert().success();
    blastradius(dir.path()).args(["baseline", "create", "-o", "second.json", "."]).assert().success();
    let first = std::fs::read_to_string(dir.path().join("first.json")).unwrap();
    assert_eq!(first, std::fs::read_to_string(dir.path().join("second.json")).unwrap());
    let parsed: Value = serde_json::from_str(&first).unwrap();
    assert_eq!(parsed["entries"].as_array().unwrap().len(), 2, "keyed by credential, not location");

    write(dir.path(), "a.env", "A=rotated\n");
    write(dir.path(), "b.env", "A=rotated\n");
    let out = blastradius(dir.path())
        .args(["scan", "--baseline", "first.json", "--format", "json", "a.env"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stderr).contains("2 of 2 entries"));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["stats"]["baseline"]["stale"].as_array().unwrap().len(), 2);
}

#[test]
fn inline_allow_comments_and_ignore_file_suppress() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "a.py",
        &format!(
            "A = '{}'  # blastradius:allow\nB = '{}'  # gitleaks:allow\nC = '{}'  # pragma: allowlist secret\n",
            token("a1"),
            token("a2"),
            token("a3")
        ),
    );
    write(dir.path(), "fixtures/keys.env", &format!("T={}\n", token("ignored")));
    write(dir.path(), ".blastradiusignore", "fixtures/\n");
    let (code, report) = scan_json(dir.path(), &["scan", "."]);
    assert_eq!(code, 0, "{report}");
    write(dir.path(), "a.py", &format!("D = '{}'\n", token("a4")));
    let (code, _) = scan_json(dir.path(), &["scan", "."]);
    assert_eq!(code, 1);
}

#[test]
fn ignore_file_applies_to_staged_scans() {
    let dir = repo();
    write(dir.path(), ".blastradiusignore", "testdata/**\n");
    write(dir.path(), "testdata/fake.env", &format!("T={}\n", token("testdata")));
    git(dir.path(), &["add", "-A"]);
    let (code, report) = scan_json(dir.path(), &["scan", "--staged"]);
    assert_eq!(code, 0, "{report}");
}

#[test]
fn config_sets_defaults_that_flags_override_and_cannot_enable_network() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.env", &format!("T={}\n", token("config")));
    write(dir.path(), "vendor/b.env", &format!("T={}\n", token("vendored")));
    write(dir.path(), ".blastradius.toml", "fail-on = \"none\"\nexclude = [\"vendor/**\"]\n");
    let (code, report) = scan_json(dir.path(), &["scan", "."]);
    assert_eq!(code, 0);
    assert_eq!(findings(&report).len(), 1, "vendor/ excluded by config");
    let (code, _) = scan_json(dir.path(), &["scan", "--fail-on", "low", "."]);
    assert_eq!(code, 1, "the flag wins over the config");

    write(dir.path(), ".blastradius.toml", "[introspection]\nendpoint = \"http://127.0.0.1:9\"\n");
    blastradius(dir.path()).args(["scan", "."]).assert().code(2).stderr(predicates::str::contains("not allowed"));
}

#[test]
fn markdown_summary_is_a_redacted_table() {
    let dir = tempfile::tempdir().unwrap();
    let secret = token("markdown");
    write(dir.path(), "a.env", &format!("T={secret}\n"));
    let out = blastradius(dir.path()).args(["scan", "--format", "markdown", "--show-secrets", "."]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("| Blast radius | Severity |"), "{text}");
    assert!(text.contains("a.env:1"));
    assert!(!text.contains(&secret));
}

fn install_hook(dir: &Path) {
    blastradius(dir).args(["hook", "install"]).assert().success();
}

fn try_commit(dir: &Path) -> std::process::Output {
    std::process::Command::new("git")
        .current_dir(dir)
        .args(["-c", "user.name=Test", "-c", "user.email=test@example.com", "commit", "-q", "-m", "msg"])
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .output()
        .unwrap()
}

#[test]
fn installed_hook_blocks_a_commit_with_a_token_and_lets_a_clean_one_through() {
    let dir = repo();
    install_hook(dir.path());
    write(dir.path(), "clean.txt", "nothing to see\n");
    git(dir.path(), &["add", "-A"]);
    assert!(try_commit(dir.path()).status.success(), "a clean commit passes");

    write(dir.path(), "leak.env", &format!("T={}\n", token("hook")));
    git(dir.path(), &["add", "-A"]);
    let out = try_commit(dir.path());
    assert!(!out.status.success(), "the commit is blocked");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("commit blocked"), "{stderr}");
    assert!(stderr.contains("blastradius:allow") && stderr.contains("--no-verify"), "{stderr}");
    assert_eq!(git(dir.path(), &["rev-list", "--count", "HEAD"]), "1");
}

#[test]
fn hook_install_respects_foreign_hooks_and_worktrees() {
    let dir = repo();
    let hook = dir.path().join(".git/hooks/pre-commit");
    std::fs::create_dir_all(hook.parent().unwrap()).unwrap();
    std::fs::write(&hook, "#!/bin/sh\necho mine\n").unwrap();
    blastradius(dir.path()).args(["hook", "install"]).assert().code(2).stderr(predicates::str::contains("--force"));
    assert_eq!(std::fs::read_to_string(&hook).unwrap(), "#!/bin/sh\necho mine\n");
    blastradius(dir.path()).args(["hook", "install", "--force"]).assert().success();
    assert!(std::fs::read_to_string(&hook).unwrap().contains("scan --staged"));
    assert!(dir.path().join(".git/hooks/pre-commit.blastradius-backup").exists());
    blastradius(dir.path()).args(["hook", "uninstall"]).assert().success();
    assert!(!hook.exists());

    write(dir.path(), "a.txt", "a\n");
    commit_all(dir.path(), "init");
    let wt = dir.path().join("wt");
    git(dir.path(), &["worktree", "add", "-q", "-b", "side", wt.to_str().unwrap()]);
    install_hook(&wt);
    assert!(hook.exists(), "hooks of a linked worktree live in the common git dir");
}

/// SARIF from `dir` (a subdirectory of the repository) scanning `path`.
fn sarif(dir: &Path, args: &[&str]) -> Value {
    let out = blastradius(dir).args(["scan", "--format", "sarif"]).args(args).output().unwrap();
    assert!(out.status.code() != Some(2), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

fn schema_validator() -> jsonschema::Validator {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/sarif-schema-2.1.0.json");
    // The official schema's `run.language` pattern has a bare `]` (a literal in
    // ECMAScript regexes) that the Rust regex engine rejects; escaping it keeps its meaning.
    let text = std::fs::read_to_string(path).unwrap().replace("[a-zA-Z]{2}]?$", "[a-zA-Z]{2}\\\\]?$");
    let schema: Value = serde_json::from_str(&text).unwrap();
    jsonschema::validator_for(&schema).unwrap()
}

#[test]
fn sarif_meets_github_ingestion_rules_and_carries_provenance() {
    let dir = repo();
    git(dir.path(), &["remote", "add", "origin", "https://user:ghp_notareal@github.com/acme/app.git"]);
    write(dir.path(), "src/conf/app.env", &format!("X=1\nT={}\n", token("sarif")));
    let head = commit_all(dir.path(), "init");
    let run_dir = dir.path().join("src");
    let doc = sarif(&run_dir, &["--sarif-category", "secrets", "conf"]);
    let errors: Vec<String> = schema_validator().iter_errors(&doc).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:?}");

    let run = &doc["runs"][0];
    assert_eq!(run["automationDetails"]["id"], "secrets/");
    let vcs = &run["versionControlProvenance"][0];
    assert_eq!(vcs["repositoryUri"], "https://github.com/acme/app.git");
    assert_eq!(vcs["revisionId"], head.as_str());
    assert_eq!(vcs["branch"], "main");
    for rule in run["tool"]["driver"]["rules"].as_array().unwrap() {
        let score: f64 = rule["properties"]["security-severity"].as_str().unwrap().parse().unwrap();
        assert!((0.0..=10.0).contains(&score));
        assert!(rule["properties"]["tags"].as_array().unwrap().contains(&Value::from("security")));
        assert!(rule["shortDescription"]["text"].is_string() && rule["help"]["text"].is_string());
    }
    let result = &run["results"][0];
    let location = &result["locations"][0]["physicalLocation"];
    assert_eq!(location["artifactLocation"]["uri"], "src/conf/app.env", "relative to the repository root");
    assert_eq!(location["artifactLocation"]["uriBaseId"], "%SRCROOT%");
    for key in ["startLine", "startColumn", "endLine", "endColumn"] {
        assert!(location["region"][key].as_i64().unwrap() >= 1, "{key}");
    }
    assert_eq!(location["region"]["startLine"], 2);
    let hash = result["partialFingerprints"]["primaryLocationLineHash"].clone();

    let text = std::fs::read_to_string(dir.path().join("src/conf/app.env")).unwrap();
    write(dir.path(), "src/conf/app.env", &format!("# a new header\n\n{text}"));
    let moved = sarif(&run_dir, &["conf"]);
    let moved_result = &moved["runs"][0]["results"][0];
    assert_eq!(moved_result["locations"][0]["physicalLocation"]["region"]["startLine"], 4);
    assert_eq!(moved_result["partialFingerprints"]["primaryLocationLineHash"], hash);
    assert_eq!(moved["runs"][0]["automationDetails"]["id"], "blastradius/");
}

#[test]
fn sarif_keeps_at_most_5000_results_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let line = format!("T={}\n", token("many"));
    write(dir.path(), "many.env", &line.repeat(5_003));
    // Past the default per-file findings cap (1000), which is lifted here.
    let doc = sarif(dir.path(), &["--max-findings-per-file", "0", "."]);
    let run = &doc["runs"][0];
    assert_eq!(run["results"].as_array().unwrap().len(), 5_000);
    assert_eq!(run["properties"]["truncated"], true);
    assert_eq!(run["properties"]["totalResults"], 5_003);
    assert!(run.get("versionControlProvenance").is_none(), "not a git repository");
}

#[test]
fn baseline_create_alone_unblocks_the_next_commit() {
    let dir = repo();
    install_hook(dir.path());
    write(dir.path(), "accepted.env", &format!("T={}\n", token("accepted")));
    git(dir.path(), &["add", "-A"]);
    let blocked = try_commit(dir.path());
    assert!(!blocked.status.success(), "the hook blocks the credential");
    assert!(String::from_utf8_lossy(&blocked.stderr).contains("blastradius baseline create"));

    blastradius(dir.path()).args(["baseline", "create"]).assert().success();
    assert!(dir.path().join(".blastradius-baseline.json").is_file(), "written where scans look by default");
    let out = try_commit(dir.path());
    assert!(out.status.success(), "the baseline alone unblocks the commit: {}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(git(dir.path(), &["rev-list", "--count", "HEAD"]), "1");

    write(dir.path(), "new.env", &format!("T={}\n", token("not-accepted")));
    git(dir.path(), &["add", "new.env"]);
    assert!(!try_commit(dir.path()).status.success(), "a credential not in the baseline is still blocked");
}

#[test]
fn scans_use_the_default_baseline_only_when_it_exists_and_say_what_it_suppressed() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.env", &format!("T={}\n", token("default-baseline")));
    let (code, report) = scan_json(dir.path(), &["scan", "."]);
    assert_eq!(code, 1, "no baseline file: nothing suppressed");
    assert!(report["stats"].get("baseline").is_none(), "{report}");

    blastradius(dir.path()).args(["baseline", "create"]).assert().success();
    let (code, report) = scan_json(dir.path(), &["scan", "."]);
    assert_eq!(code, 0, "{report}");
    assert_eq!(report["stats"]["baseline"]["suppressed"], 1);

    let human = blastradius(dir.path()).args(["scan", "."]).output().unwrap();
    let text = String::from_utf8_lossy(&human.stdout);
    assert!(!text.contains("No credentials found."), "{text}");
    assert!(text.contains("No new credentials found."), "{text}");
    assert!(text.contains("suppressed: 1 finding by the baseline"), "{text}");
    let markdown = blastradius(dir.path()).args(["scan", "--format", "markdown", "."]).output().unwrap();
    let text = String::from_utf8_lossy(&markdown.stdout);
    assert!(text.contains("no new credentials found"), "{text}");
    assert!(text.contains("Suppressed: 1 finding by the baseline."), "{text}");
}

#[test]
fn sarif_of_a_deleted_files_history_names_the_commit_and_keeps_a_fingerprint() {
    let dir = repo();
    write(dir.path(), "README.md", "hello\n");
    commit_all(dir.path(), "init");
    write(dir.path(), "deploy/creds.env", &format!("TOKEN={}\n", token("sarif-history")));
    let leaked = commit_all(dir.path(), "add creds");
    std::fs::remove_file(dir.path().join("deploy/creds.env")).unwrap();
    commit_all(dir.path(), "remove creds");

    let out = blastradius(dir.path()).args(["scan", "--git-history", "--format", "sarif"]).output().unwrap();
    let sarif: Value = serde_json::from_slice(&out.stdout).unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 1);
    let result = &results[0];
    let message = result["message"]["text"].as_str().unwrap();
    assert!(message.starts_with(&format!("In commit {}", &leaked[..12])), "{message}");
    let logical = &result["locations"][0]["logicalLocations"][0];
    assert_eq!(logical["fullyQualifiedName"], format!("{leaked}:deploy/creds.env").as_str());
    let credential = result["partialFingerprints"]["blastradiusCredential/v1"].as_str().unwrap();
    assert_eq!(credential.len(), 32);

    write(dir.path(), "elsewhere/again.env", &format!("TOKEN={}\n", token("sarif-history")));
    commit_all(dir.path(), "leak it again elsewhere");
    let out = blastradius(dir.path()).args(["scan", "--git-history", "--format", "sarif"]).output().unwrap();
    let sarif: Value = serde_json::from_slice(&out.stdout).unwrap();
    for result in sarif["runs"][0]["results"].as_array().unwrap() {
        assert_eq!(result["partialFingerprints"]["blastradiusCredential/v1"], credential, "same credential, same id");
    }
}

#[test]
fn summary_markdown_comes_from_the_same_scan_as_the_sarif() {
    let dir = repo();
    write(dir.path(), "a.env", &format!("T={}\n", token("one-scan")));
    commit_all(dir.path(), "one");
    let summary = dir.path().join("summary.md");
    std::fs::write(&summary, "earlier step\n").unwrap();
    let out = blastradius(dir.path())
        .args(["scan", "--git-history", "--quiet", "--format", "sarif", "-o", "out.sarif", "--summary-markdown"])
        .arg(&summary)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let sarif: Value = serde_json::from_str(&std::fs::read_to_string(dir.path().join("out.sarif")).unwrap()).unwrap();
    assert_eq!(sarif["runs"][0]["results"].as_array().unwrap().len(), 1);
    let text = std::fs::read_to_string(&summary).unwrap();
    assert!(text.starts_with("earlier step\n### blastradius: 1 credential at 1 location"), "appended: {text}");
    assert!(text.contains("a.env:1 @ "), "{text}");
}
