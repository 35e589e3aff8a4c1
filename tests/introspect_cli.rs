//! Introspection through the command line: the Railway acceptance scenario, off by
//! default, loopback-only plain HTTP overrides, and `blastradius introspect` on stdin.

mod support;

use assert_cmd::Command;
use serde_json::Value;
use support::mock::{MockServer, Route};

const PROJECT_TOKEN: &str = "0c9f3f2e-6a1b-4c5d-8e7f-9a0b1c2d3e4f";
const ACCOUNT_TOKEN: &str = "5b0c2a9e-7d41-4f3a-9e8b-1c2d3e4f5a6b";
const DETECTORS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/introspect-detectors");

/// Railway as documented: the project token answers `projectToken` (environment
/// `staging`); the account token answers `me`, `apiToken` and `projects`.
fn railway_mock() -> MockServer {
    let bearer = format!("Bearer {ACCOUNT_TOKEN}");
    MockServer::start(vec![
        Route::post("/graphql/v2", 200, r#"{"data":{"projectToken":{"projectId":"p1","environmentId":"e2","project":{"id":"p1","name":"shop"},"environment":{"id":"e2","name":"staging"}}}}"#)
            .when_header_is("project-access-token", PROJECT_TOKEN),
        Route::post("/graphql/v2", 200, r#"{"errors":[{"message":"Project Token not found"}],"data":null}"#)
            .when_header("project-access-token"),
        Route::post("/graphql/v2", 200, r#"{"data":{"me":{"name":"Ops","email":"ops@example.com"}}}"#)
            .when_header_is("authorization", &bearer)
            .when_body("me {"),
        Route::post("/graphql/v2", 200, r#"{"data":{"apiToken":{"workspaces":[{"id":"w1","name":"Acme"}]}}}"#)
            .when_header_is("authorization", &bearer)
            .when_body("apiToken"),
        Route::post("/graphql/v2", 200, r#"{"data":{"projects":{"edges":[{"node":{"id":"p1","name":"shop","environments":{"edges":[{"node":{"id":"e1","name":"production"}},{"node":{"id":"e2","name":"staging"}}]}}}]}}}"#)
            .when_header_is("authorization", &bearer)
            .when_body("projects {"),
        Route::post("/graphql/v2", 200, r#"{"errors":[{"message":"Not Authorized"}],"data":null}"#),
    ])
}

fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let env = format!("RAILWAY_TOKEN={PROJECT_TOKEN}\nRAILWAY_API_TOKEN={ACCOUNT_TOKEN}\n");
    std::fs::write(dir.path().join(".env.staging"), env).unwrap();
    dir
}

fn scan(dir: &std::path::Path, extra: &[&str]) -> (Value, i32) {
    let mut cmd = Command::cargo_bin("blastradius").unwrap();
    cmd.args(["scan", "--format", "json", "--quiet", "--detectors", DETECTORS]).args(extra).arg(dir);
    let output = cmd.output().unwrap();
    let code = output.status.code().unwrap();
    let doc = serde_json::from_slice(&output.stdout).unwrap_or(Value::Null);
    (doc, code)
}

fn finding<'a>(doc: &'a Value, key: &str) -> &'a Value {
    doc["findings"].as_array().unwrap().iter().find(|f| f["key"] == key).unwrap_or_else(|| panic!("no {key} finding"))
}

#[test]
fn account_token_ranks_critical_with_production_and_project_token_does_not() {
    let server = railway_mock();
    let dir = workspace();
    let endpoint = format!("railway={}", server.url());
    let (doc, _) = scan(dir.path(), &["--introspect", "--endpoint", &endpoint]);

    let account = finding(&doc, "RAILWAY_API_TOKEN");
    assert_eq!(account["introspection"]["status"], "live");
    assert_eq!(account["severity"], "critical", "{account:#}");
    assert_eq!(account["environment"], "production");
    let environments = account["introspection"]["environments"].as_array().unwrap();
    assert!(environments.contains(&Value::from("production")));

    let project = finding(&doc, "RAILWAY_TOKEN");
    assert_eq!(project["introspection"]["status"], "live");
    assert_ne!(project["severity"], "critical", "{project:#}");
    assert_eq!(project["environment"], "staging");
    assert_eq!(project["introspection"]["environments"], serde_json::json!(["staging"]));
    let reasons = project["reasons"].as_array().unwrap();
    assert!(reasons.iter().any(|r| r.as_str().unwrap().contains("introspection: live")));

    let requests = server.requests();
    assert!(requests.iter().all(|r| r.method == "POST" && !r.body.to_ascii_lowercase().contains("mutation")));
    assert_eq!(requests.iter().filter(|r| r.header("project-access-token") == Some(PROJECT_TOKEN)).count(), 1);
}

#[test]
fn no_network_without_the_flag() {
    let server = railway_mock();
    let dir = workspace();
    let endpoint = format!("railway={}", server.url());
    let (doc, _) = scan(dir.path(), &["--endpoint", &endpoint]);
    assert!(server.requests().is_empty());
    assert!(finding(&doc, "RAILWAY_API_TOKEN")["introspection"].is_null());
}

#[test]
fn revoked_credentials_drop_to_low() {
    let server = MockServer::start(vec![Route::post(
        "/graphql/v2",
        200,
        r#"{"errors":[{"message":"Not Authorized"}],"data":null}"#,
    )]);
    let dir = workspace();
    let endpoint = format!("railway={}", server.url());
    let (doc, _) = scan(dir.path(), &["--introspect", "--endpoint", &endpoint]);
    for key in ["RAILWAY_API_TOKEN", "RAILWAY_TOKEN"] {
        let f = finding(&doc, key);
        assert_eq!(f["introspection"]["status"], "unauthorized");
        assert_eq!(f["severity"], "low", "{f:#}");
    }
}

#[test]
fn network_errors_never_fail_the_scan() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    let dir = workspace();
    let endpoint = format!("railway=http://127.0.0.1:{port}");
    let (doc, code) = scan(dir.path(), &["--introspect", "--endpoint", &endpoint]);
    assert_eq!(code, 1, "findings, not an error");
    let f = finding(&doc, "RAILWAY_API_TOKEN");
    assert_eq!(f["introspection"]["status"], "error");
    assert_eq!(f["severity"], "critical", "offline ranking stands");
}

#[test]
fn plain_http_override_to_a_remote_host_is_refused() {
    let dir = workspace();
    let (_, code) = scan(dir.path(), &["--introspect", "--endpoint", "railway=http://203.0.113.7"]);
    assert_eq!(code, 2);
}

#[test]
fn introspect_command_reads_the_token_from_stdin() {
    let server = railway_mock();
    let output = Command::cargo_bin("blastradius")
        .unwrap()
        .args(["introspect", "--provider", "railway", "--format", "json", "--endpoint"])
        .arg(format!("railway={}", server.url()))
        .write_stdin(format!("{ACCOUNT_TOKEN}\n"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let result: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(result["status"], "live");
    assert_eq!(result["scope"], "account");
    assert!(!String::from_utf8_lossy(&output.stdout).contains(ACCOUNT_TOKEN));
}

#[test]
fn introspect_command_rejects_unknown_providers_and_empty_input() {
    let mut cmd = Command::cargo_bin("blastradius").unwrap();
    cmd.args(["introspect", "--provider", "nosuch"]).write_stdin("x");
    assert_eq!(cmd.output().unwrap().status.code(), Some(2));
    let mut cmd = Command::cargo_bin("blastradius").unwrap();
    cmd.args(["introspect", "--provider", "github"]).write_stdin("");
    assert_eq!(cmd.output().unwrap().status.code(), Some(2));
}

#[test]
fn aws_key_id_and_secret_in_one_file_are_checked_together_once() {
    let server = MockServer::start(vec![Route::post(
        "/",
        200,
        "<GetCallerIdentityResponse><GetCallerIdentityResult><Arn>arn:aws:iam::210987654321:user/deployer</Arn><UserId>AIDAEXAMPLEUSER</UserId><Account>210987654321</Account></GetCallerIdentityResult></GetCallerIdentityResponse>",
    )]);
    let dir = tempfile::tempdir().unwrap();
    let credentials = "[default]\naws_access_key_id = AKIAV7Q3XK5RMZ2TLP4N\naws_secret_access_key = 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\n";
    std::fs::write(dir.path().join("credentials"), credentials).unwrap();
    let endpoint = format!("aws={}", server.url());
    let (doc, _) = scan(dir.path(), &["--introspect", "--endpoint", &endpoint]);
    let findings = doc["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 2);
    for f in findings {
        assert_eq!(f["introspection"]["status"], "live", "{f:#}");
        assert_eq!(f["introspection"]["identity"]["arn"], "arn:aws:iam::210987654321:user/deployer");
    }
    let requests = server.requests();
    assert_eq!(requests.len(), 1);
    assert!(requests[0].header("authorization").unwrap().contains("Credential=AKIAV7Q3XK5RMZ2TLP4N/"));
}

#[test]
fn each_credential_is_checked_once_and_per_provider_concurrency_is_bounded() {
    let server =
        MockServer::start(vec![Route::get("/v2/account", 200, r#"{"account":{"email":"a@example.com","uuid":"u1"}}"#)
            .delay(std::time::Duration::from_millis(300))]);
    let dir = tempfile::tempdir().unwrap();
    let tokens: Vec<String> = (0..5).map(|i| format!("dop_v1_{}", hex_digest(i))).collect();
    let mut text = tokens.iter().map(|t| format!("DO_TOKEN={t}\n")).collect::<String>();
    text.push_str(&format!("DO_TOKEN_AGAIN={}\n", tokens[0]));
    std::fs::write(dir.path().join("tokens.env"), text).unwrap();
    let endpoint = format!("digitalocean={}", server.url());
    let (doc, _) = scan(dir.path(), &["--introspect", "--endpoint", &endpoint]);
    assert_eq!(doc["findings"].as_array().unwrap().len(), 6);
    assert_eq!(server.requests().len(), 5, "the repeated token is checked once");
    assert!(server.peak_concurrency() <= 2, "peak {}", server.peak_concurrency());
    assert!(server.peak_concurrency() >= 1);
}

#[test]
fn the_request_cap_leaves_the_rest_skipped() {
    let server =
        MockServer::start(vec![Route::get("/v2/account", 200, r#"{"account":{"email":"a@example.com","uuid":"u1"}}"#)]);
    let dir = tempfile::tempdir().unwrap();
    let tokens: Vec<String> = (0..3).map(|i| format!("dop_v1_{}", hex_digest(i))).collect();
    std::fs::write(dir.path().join("tokens.env"), tokens.iter().map(|t| format!("T={t}\n")).collect::<String>())
        .unwrap();
    let endpoint = format!("digitalocean={}", server.url());
    let (doc, _) = scan(dir.path(), &["--introspect", "--max-requests", "1", "--endpoint", &endpoint]);
    let statuses: Vec<&str> =
        doc["findings"].as_array().unwrap().iter().map(|f| f["introspection"]["status"].as_str().unwrap()).collect();
    assert_eq!(server.requests().len(), 1);
    assert_eq!(statuses.iter().filter(|s| **s == "live").count(), 1);
    assert_eq!(statuses.iter().filter(|s| **s == "skipped").count(), 2);
}

#[test]
fn reach_introspects_too_and_only_when_asked() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    let dir = workspace();
    let home = tempfile::tempdir().unwrap();
    let endpoint = format!("railway=http://127.0.0.1:{port}");
    let reach = |extra: &[&str]| {
        let output = Command::cargo_bin("blastradius")
            .unwrap()
            .args(["reach", "--format", "json", "--quiet", "--no-env", "--no-history", "--detectors", DETECTORS])
            .arg("--workspace")
            .arg(dir.path())
            .arg("--home")
            .arg(home.path())
            .args(extra)
            .output()
            .unwrap();
        serde_json::from_slice::<Value>(&output.stdout).unwrap()
    };
    let offline = reach(&[]);
    assert!(finding(&offline, "RAILWAY_API_TOKEN")["introspection"].is_null(), "no network without --introspect");
    let online = reach(&["--introspect", "--endpoint", &endpoint]);
    assert_eq!(finding(&online, "RAILWAY_API_TOKEN")["introspection"]["status"], "error");
}

/// 64 hex digits that differ for each `i`: the body of a fake DigitalOcean token.
fn hex_digest(i: usize) -> String {
    use sha2::Digest;
    format!("{:x}", sha2::Sha256::digest(format!("t\0{i}").as_bytes()))
}
