//! The severity rubric's worked examples (`severity-rubric.md` §3), one test row each
//! (issue 15's acceptance): each row's credential is planted with the evidence the row
//! names, in the file the row names, and `reach` must give it the row's tier. Values are
//! fresh fakes made here (GitHub tokens by `scripts/gen-token.py`), not the detectors'
//! own examples, so a row cannot pass by matching an example string.

use assert_cmd::Command;
use serde_json::Value;
use std::path::Path;

/// A fake value of `len` characters from `alphabet`, the same for the same seed.
fn fake(seed: &str, len: usize, alphabet: &[u8]) -> String {
    let mut state =
        seed.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3));
    (0..len)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            alphabet[(state % alphabet.len() as u64) as usize] as char
        })
        .collect()
}

const BASE62: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const HEX: &[u8] = b"0123456789abcdef";

fn uuid(seed: &str) -> String {
    let h = fake(seed, 32, HEX);
    format!("{}-{}-4{}-a{}-{}", &h[..8], &h[8..12], &h[13..16], &h[17..20], &h[20..32])
}

fn github_token(seed: &str) -> String {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/gen-token.py");
    let out = std::process::Command::new("python3").arg(script).args(["ghp_", seed]).output().expect("python3");
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

/// An AWS access key id: `AKIA` and 16 base32 characters.
fn aws_key_id(seed: &str) -> String {
    format!("AKIA{}", fake(seed, 16, b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"))
}

fn aws_secret(seed: &str) -> String {
    fake(seed, 40, b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
}

/// One row: files under the home (`~/…`) or the workspace, the value to look for, and
/// the tier the rubric gives it.
struct Row {
    what: &'static str,
    files: Vec<(String, String)>,
    value: String,
    tier: &'static str,
}

fn row(what: &'static str, tier: &'static str, value: String, files: &[(&str, String)]) -> Row {
    Row { what, files: files.iter().map(|(p, t)| (p.to_string(), t.clone())).collect(), value, tier }
}

fn rows() -> Vec<Row> {
    let railway_account = uuid("rubric railway account");
    let railway_project = uuid("rubric railway project");
    let railway_cli = uuid("rubric railway cli");
    let pg_admin = fake("rubric pgpass", 24, BASE62);
    let pg_local = fake("rubric local db", 16, BASE62);
    let heroku = uuid("rubric heroku");
    let gh = github_token("rubric gh hosts");
    let brew = github_token("rubric homebrew");
    let vault = format!("hvs.{}", fake("rubric vault", 24, BASE62));
    let doppler = format!("dp.st.prd.{}", fake("rubric doppler", 43, BASE62));
    let stripe_test = format!("sk_test_{}", fake("rubric stripe", 99, BASE62));
    let sentry = sentry_token();
    let (default_id, default_secret) = (aws_key_id("rubric aws default"), aws_secret("rubric aws default"));
    let (dev_id, dev_secret) = (aws_key_id("rubric aws dev"), aws_secret("rubric aws dev"));
    let openai = format!(
        "sk-proj-{}T3BlbkFJ{}",
        fake("rubric openai a", 74, b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
        fake("rubric openai b", 74, b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
    );
    let encrypted_key =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/ranking/home/.ssh/id_rsa_legacy"))
            .unwrap();
    vec![
        row(
            "RAILWAY_API_TOKEN in .env.staging",
            "critical",
            railway_account.clone(),
            &[("ws/.env.staging", format!("RAILWAY_API_TOKEN={railway_account}\n"))],
        ),
        row(
            "RAILWAY_TOKEN in .env.staging",
            "medium",
            railway_project.clone(),
            &[("ws/.env.staging", format!("RAILWAY_TOKEN={railway_project}\n"))],
        ),
        row(
            "user.token in ~/.railway/config.json",
            "critical",
            railway_cli.clone(),
            &[(
                "~/.railway/config.json",
                format!("{{\n  \"projects\": {{}},\n  \"user\": {{\n    \"token\": \"{railway_cli}\"\n  }}\n}}\n"),
            )],
        ),
        row(
            "production admin in ~/.pgpass",
            "critical",
            pg_admin.clone(),
            &[("~/.pgpass", format!("prod-db.rentals.internal:5432:rentals:app_admin:{pg_admin}\n"))],
        ),
        row(
            "postgres URL of a localhost development database",
            "low",
            pg_local.clone(),
            &[("ws/.env", format!("DATABASE_URL=postgres://app:{pg_local}@localhost:5432/dev\n"))],
        ),
        row(
            "machine api.heroku.com in ~/.netrc",
            "critical",
            heroku.clone(),
            &[("~/.netrc", format!("machine api.heroku.com\n  login dev@example.com\n  password {heroku}\n"))],
        ),
        row(
            "ghp_ token in ~/.config/gh/hosts.yml",
            "high",
            gh.clone(),
            &[(
                "~/.config/gh/hosts.yml",
                format!("github.com:\n    oauth_token: {gh}\n    user: dev\n    git_protocol: https\n"),
            )],
        ),
        row(
            "HOMEBREW_GITHUB_API_TOKEN",
            "medium",
            brew.clone(),
            &[("~/.zshrc", format!("export HOMEBREW_GITHUB_API_TOKEN={brew}\n"))],
        ),
        row("Vault token in ~/.vault-token", "critical", vault.clone(), &[("~/.vault-token", vault.clone())]),
        row(
            "DOPPLER_TOKEN=dp.st.prd.",
            "critical",
            doppler.clone(),
            &[("ws/.env", format!("DOPPLER_TOKEN={doppler}\n"))],
        ),
        row("sk_test_ key", "low", stripe_test.clone(), &[("ws/.env", format!("STRIPE_SECRET_KEY={stripe_test}\n"))]),
        row(
            "SENTRY_AUTH_TOKEN=sntrys_",
            "medium",
            sentry.clone(),
            &[("ws/.env", format!("SENTRY_AUTH_TOKEN={sentry}\n"))],
        ),
        row(
            "AWS key pair under [default], no other evidence",
            "critical",
            default_secret.clone(),
            &[(
                "~/.aws/credentials",
                format!("[default]\naws_access_key_id = {default_id}\naws_secret_access_key = {default_secret}\n"),
            )],
        ),
        row(
            "AWS key pair under [dev], region and account of a sandbox",
            "medium",
            dev_secret.clone(),
            &[
                (
                    "~/.aws/credentials",
                    format!(
                        "# personal sandbox account 210987654321\n[dev]\naws_access_key_id = {dev_id}\naws_secret_access_key = {dev_secret}\n"
                    ),
                ),
                ("~/.aws/config", "[profile dev]\nregion = us-west-2\n".to_string()),
            ],
        ),
        row(
            "OPENAI_API_KEY in .env.development",
            "high",
            openai.clone(),
            &[("ws/.env.development", format!("OPENAI_API_KEY={openai}\n"))],
        ),
        row("encrypted id_rsa", "low", "Proc-Type: 4,ENCRYPTED".to_string(), &[("~/.ssh/id_rsa", encrypted_key)]),
    ]
}

/// A Sentry organization token: `sntrys_`, base64 of its JSON claims, `_`, a secret.
fn sentry_token() -> String {
    use base64::Engine;
    let claims =
        r#"{"iat":1790012345.5,"url":"https://sentry.io","region_url":"https://us.sentry.io","org":"rentals"}"#;
    let body = base64::engine::general_purpose::STANDARD.encode(claims);
    format!("sntrys_{body}_{}", fake("rubric sentry", 43, BASE62))
}

/// `reach` over a home and workspace holding only `row`'s files, as JSON.
fn reach(row: &Row) -> Value {
    let dir = tempfile::tempdir().unwrap();
    let (home, workspace) = (dir.path().join("home"), dir.path().join("ws"));
    std::fs::create_dir_all(&workspace).unwrap();
    std::fs::create_dir_all(&home).unwrap();
    for (path, text) in &row.files {
        let path = match path.strip_prefix("~/") {
            Some(rest) => home.join(rest),
            None => dir.path().join(path),
        };
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    let out = Command::cargo_bin("blastradius")
        .unwrap()
        .args(["reach", "--no-env", "--no-git-history", "--format", "json", "--show-secrets", "--home"])
        .arg(&home)
        .arg("--workspace")
        .arg(&workspace)
        .output()
        .unwrap();
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{}: {e}", row.what))
}

/// The tier of the credential holding `value` (the worst of its findings).
fn tier_of(report: &Value, value: &str) -> Option<(String, String)> {
    let findings = report["findings"].as_array()?;
    let holding = |f: &&Value| f["secret"].as_str().is_some_and(|s| s.contains(value) || value.contains(s));
    let found = findings.iter().find(holding)?;
    let credential = found["credential"].as_str().unwrap_or_default();
    let order = ["critical", "high", "medium", "low"];
    let worst = findings
        .iter()
        .filter(|f| f["credential"].as_str() == Some(credential))
        .filter_map(|f| f["severity"].as_str())
        .min_by_key(|s| order.iter().position(|o| o == s))?;
    let why = found["reasons"].get(0).and_then(Value::as_str).unwrap_or_default();
    Some((worst.to_string(), why.to_string()))
}

#[test]
fn every_worked_example_of_the_rubric_gets_its_tier() {
    let mut wrong = Vec::new();
    for row in rows() {
        let report = reach(&row);
        match tier_of(&report, &row.value) {
            Some((tier, _)) if tier == row.tier => {}
            Some((tier, why)) => wrong.push(format!("{}: {tier}, the rubric says {} (why: {why})", row.what, row.tier)),
            None => wrong.push(format!("{}: not found", row.what)),
        }
    }
    assert!(wrong.is_empty(), "rows of the rubric's worked examples that disagree:\n  {}", wrong.join("\n  "));
}
