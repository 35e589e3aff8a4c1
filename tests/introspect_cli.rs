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
