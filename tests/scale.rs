//! Bounds at scale and published fingerprints (issue 17, items 6, 7 and 10): a token
//! store of 20,000 rows is read in linear time, findings are capped per file and per run
//! and the caps are reported, and fingerprints are neither a plain hash of the value nor
//! shown next to a password's tail.
#![cfg(target_os = "linux")]

use assert_cmd::Command;
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::path::Path;
use std::time::{Duration, Instant};

/// A fake, checksum-valid GitHub token (`scripts/gen-token.py ghp_ hN`).
const TOKEN: &str = "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"; // blastradius:allow

/// A fake Google OAuth access token: `ya29.` and 120 characters of a fixed
/// pseudo-random sequence (no real token has been seen with these bytes).
fn fake_gcloud_token() -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let body: String = (0..120)
        .map(|_| {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            ALPHABET[(state >> 58) as usize] as char
        })
        .collect();
    format!("ya29.{body}")
}

/// Runs blastradius with `args`, returns (exit code, stdout, stderr, elapsed).
fn run(args: &[&str], dir: &Path, env: &[(&str, &str)]) -> (i32, String, String, Duration) {
    let started = Instant::now();
    let mut cmd = Command::cargo_bin("blastradius").unwrap();
    cmd.current_dir(dir).args(args).env("NO_COLOR", "1").env_remove("BLASTRADIUS_FINGERPRINT_KEY");
    for (name, value) in env {
        cmd.env(name, value);
    }
    let output = cmd.output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "{stderr}");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr,
        started.elapsed(),
    )
}

fn json(stdout: &str, stderr: &str) -> Value {
    serde_json::from_str(stdout).unwrap_or_else(|e| panic!("JSON report ({e}); stderr: {stderr}"))
}

fn findings(report: &Value) -> &Vec<Value> {
    report["findings"].as_array().expect("findings")
}

/// A gcloud `access_tokens.db` with `rows` rows, one account and one token each (the
/// same token: the test is about rows, not about fingerprinting distinct values).
fn write_token_db(home: &Path, rows: usize) {
    let dir = home.join(".config/gcloud");
    std::fs::create_dir_all(&dir).unwrap();
    let mut db = rusqlite::Connection::open(dir.join("access_tokens.db")).unwrap();
    db.execute_batch(
        "CREATE TABLE access_tokens (account_id TEXT PRIMARY KEY, access_token TEXT, token_expiry TIMESTAMP, \
         rapt_token TEXT, id_token TEXT)",
    )
    .unwrap();
    let token = fake_gcloud_token();
    let insert = db.transaction().unwrap();
    for i in 0..rows {
        insert
            .execute(
                "INSERT INTO access_tokens (account_id, access_token) VALUES (?1, ?2)",
                [format!("user{i}@example.com"), token.clone()],
            )
            .unwrap();
    }
    insert.commit().unwrap();
}

/// `reach` over a home holding only the token database, with `extra` flags.
fn reach_store(home: &Path, workspace: &Path, extra: &[&str]) -> (Value, String, Duration) {
    let (home, workspace) = (home.to_str().unwrap(), workspace.to_str().unwrap());
    let mut args = vec!["reach", "--home", home, "--workspace", workspace, "--no-env", "--no-history"];
    args.extend(["--no-git-history", "--format", "json", "--fail-on", "none"]);
    args.extend(extra);
    let (code, stdout, stderr, elapsed) = run(&args, Path::new(workspace), &[]);
    assert_eq!(code, 0, "{stderr}");
    (json(&stdout, &stderr), stderr, elapsed)
}

#[test]
fn a_twenty_thousand_row_token_store_is_read_whole_in_linear_time() {
    let home = tempfile::tempdir().unwrap();
    let workspace = tempfile::tempdir().unwrap();
    write_token_db(home.path(), 20_000);
    let uncapped = ["--max-findings-per-file", "0", "--max-findings", "0", "--file-timeout", "10m"];
    let (report, _, elapsed) = reach_store(home.path(), workspace.path(), &uncapped);
    let rows: std::collections::BTreeSet<u64> = findings(&report).iter().map(|f| f["line"].as_u64().unwrap()).collect();
    assert_eq!(rows.len(), 20_000, "one finding per row, none lost");
    assert_eq!(findings(&report).len(), 20_000, "none twice");
    assert_eq!(report["stats"]["capped"]["files_capped"], 0);
    // Quadratic de-duplication took a minute for 64k rows in a release build; the linear
    // work here takes a few seconds in release and well under this in a debug build.
    assert!(elapsed < Duration::from_secs(600), "20,000 rows took {elapsed:?}");
}

#[test]
fn a_home_store_has_the_time_budget_and_findings_cap_of_a_file() {
    let home = tempfile::tempdir().unwrap();
    let workspace = tempfile::tempdir().unwrap();
    write_token_db(home.path(), 5_000);
    let (report, stderr, _) = reach_store(home.path(), workspace.path(), &["--file-timeout", "1ms"]);
    assert_eq!(report["stats"]["skipped_by_reason"]["timed_out"], 1, "{stderr}");
    assert!(findings(&report).len() < 5_000);
    assert!(stderr.contains("per-file time budget"), "{stderr}");

    let (report, stderr, _) = reach_store(home.path(), workspace.path(), &["--file-timeout", "10m"]);
    assert_eq!(findings(&report).len(), 1_000, "the default per-file cap: {stderr}");
    assert_eq!(report["stats"]["capped"]["files_capped"], 1);
}

/// A file of `lines` lines, each holding the same fake token.
fn write_token_file(dir: &Path, lines: usize) {
    let text: String = (0..lines).map(|i| format!("token_{i} = {TOKEN}\n")).collect();
    std::fs::write(dir.join("tokens.txt"), text).unwrap();
}

#[test]
fn findings_are_capped_per_file_and_the_cap_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    write_token_file(dir.path(), 1_500);
    let (code, stdout, stderr, _) = run(&["scan", "--format", "json", "tokens.txt"], dir.path(), &[]);
    assert_eq!(code, 1, "the kept findings still fail the run: {stderr}");
    let report = json(&stdout, &stderr);
    assert_eq!(findings(&report).len(), 1_000, "the default cap");
    let capped = &report["stats"]["capped"];
    assert_eq!(capped["max_findings_per_file"], 1_000);
    assert_eq!(capped["files_capped"], 1);
    assert!(stderr.contains("--max-findings-per-file"), "{stderr}");
    let lines: Vec<u64> = findings(&report).iter().map(|f| f["line"].as_u64().unwrap()).collect();
    assert_eq!(lines.iter().max(), Some(&1_000), "the first ones are kept");

    let (_, stdout, stderr, _) =
        run(&["scan", "--format", "json", "--max-findings-per-file", "0", "tokens.txt"], dir.path(), &[]);
    assert_eq!(findings(&json(&stdout, &stderr)).len(), 1_500, "0 lifts the cap");

    let (_, human, _, _) = run(&["scan", "tokens.txt"], dir.path(), &[]);
    assert!(human.contains("capped: 1 files stopped at 1000 findings each"), "{human}");
    let (_, sarif, stderr, _) = run(&["scan", "--format", "sarif", "tokens.txt"], dir.path(), &[]);
    let sarif = json(&sarif, &stderr);
    assert_eq!(sarif["runs"][0]["properties"]["capped"]["files_capped"], 1, "SARIF run properties");
}

#[test]
fn the_run_cap_keeps_the_highest_ranked_and_counts_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    write_token_file(dir.path(), 300);
    std::fs::write(dir.path().join("prod.env"), format!("PROD_GITHUB_TOKEN={TOKEN}\n")).unwrap();
    let args = ["scan", "--format", "json", "--max-findings", "100", "."];
    let (code, stdout, stderr, _) = run(&args, dir.path(), &[]);
    assert_eq!(code, 1, "{stderr}");
    let report = json(&stdout, &stderr);
    assert_eq!(findings(&report).len(), 100);
    assert_eq!(report["stats"]["capped"]["max_findings"], 100);
    assert_eq!(report["stats"]["capped"]["findings_dropped"], 201);
    let scores: Vec<u64> = findings(&report).iter().map(|f| f["blast_radius"].as_u64().unwrap()).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "ranked order kept");
    assert!(stderr.contains("--max-findings"), "{stderr}");
}

/// The fingerprint the first scheme published: hex SHA-256 of provider, NUL, value.
fn plain_hash(provider: &str, value: &str) -> String {
    format!("{:x}", Sha256::digest(format!("{provider}\0{value}").as_bytes()))
}

#[test]
fn a_fingerprint_is_not_a_plain_hash_and_no_redaction_shows_a_tail() {
    let dir = tempfile::tempdir().unwrap();
    let password = "kT9#vQ2mX7pL4wZ8rN5s"; // blastradius:allow (fake, random-looking on purpose)
    std::fs::write(dir.path().join("app.env"), format!("DB_PASSWORD={password}\nGITHUB_TOKEN={TOKEN}\n")).unwrap();
    let (_, stdout, stderr, _) = run(&["scan", "--format", "json", "."], dir.path(), &[]);
    let report = json(&stdout, &stderr);
    let by_kind = |kind: &str| findings(&report).iter().find(|f| f["kind"] == kind).cloned().expect(kind);
    let pw = by_kind("password");
    let fp = pw["fingerprint"].as_str().unwrap();
    assert_eq!(fp.len(), 64);
    assert_ne!(fp, plain_hash(pw["provider"].as_str().unwrap(), password), "a guess cannot be checked by SHA-256");
    let red = pw["secret_redacted"].as_str().unwrap();
    assert_eq!(red, "… (20 chars)", "no tail for a password, however random");
    let token = by_kind("personal-access-token");
    let red = token["secret_redacted"].as_str().unwrap();
    assert_eq!(red, format!("ghp_… ({} chars)", TOKEN.len()), "a token shows its format marker, none of its secret");

    let (_, again, _, _) = run(&["scan", "--format", "json", "."], dir.path(), &[]);
    assert_eq!(by_fp(&report), by_fp(&json(&again, "")), "stable across runs");

    let key = [("BLASTRADIUS_FINGERPRINT_KEY", "team secret, never published")];
    let (_, keyed, _, _) = run(&["scan", "--format", "json", "."], dir.path(), &key);
    assert!(by_fp(&json(&keyed, "")).iter().all(|fp| !by_fp(&report).contains(fp)), "a key changes every fingerprint");
}

fn by_fp(report: &Value) -> Vec<String> {
    let mut fps: Vec<String> =
        findings(report).iter().map(|f| f["fingerprint"].as_str().unwrap().to_string()).collect();
    fps.sort();
    fps
}

#[test]
fn an_old_baseline_or_one_made_with_another_key_is_explained() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("app.env"), format!("GITHUB_TOKEN={TOKEN}\n")).unwrap();
    let old = serde_json::json!({"version": 1, "entries": [{
        "fingerprint": plain_hash("github", TOKEN), "rule_id": "github-pat-classic",
        "secret_redacted": "ghp_…vOUa (40 chars)", "paths": ["app.env"]}]});
    std::fs::write(dir.path().join("old.json"), old.to_string()).unwrap();
    let (code, _, stderr, _) = run(&["scan", "--baseline", "old.json", "app.env"], dir.path(), &[]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("version-1 baseline") && stderr.contains("baseline create"), "{stderr}");

    let key = [("BLASTRADIUS_FINGERPRINT_KEY", "k1")];
    let (code, _, stderr, _) = run(&["baseline", "create", "-o", "keyed.json", "app.env"], dir.path(), &key);
    assert_eq!(code, 0, "{stderr}");
    let (code, _, _, _) = run(&["scan", "--baseline", "keyed.json", "app.env"], dir.path(), &key);
    assert_eq!(code, 0, "the same key matches");
    let (code, _, stderr, _) = run(&["scan", "--baseline", "keyed.json", "app.env"], dir.path(), &[]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("BLASTRADIUS_FINGERPRINT_KEY"), "{stderr}");
}
