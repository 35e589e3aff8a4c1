//! Integration tests for `blastradius reach` on the fake home and workspace in
//! `fixtures/reach/` (regenerate with `scripts/gen-reach-fixtures.py`). Every credential
//! there is fake. Provider detectors come from `tests/data/reach-detectors/`.

use assert_cmd::Command;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
mod support;
use support::git::git;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn fixture_home() -> PathBuf {
    root().join("fixtures/reach/home")
}

fn fixture_workspace() -> PathBuf {
    root().join("fixtures/reach/workspace")
}

/// Runs `reach` with the test detectors; returns the parsed JSON report.
fn reach(home: &Path, workspace: &Path, extra: &[&str]) -> Value {
    let output = reach_command(home, workspace, extra).output().expect("runs");
    assert!(output.status.success(), "reach failed: {}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).expect("JSON report")
}

fn reach_command(home: &Path, workspace: &Path, extra: &[&str]) -> Command {
    reach_command_as("json", home, workspace, extra)
}

fn reach_command_as(format: &str, home: &Path, workspace: &Path, extra: &[&str]) -> Command {
    let mut cmd = Command::cargo_bin("blastradius").unwrap();
    cmd.arg("reach")
        .arg("--home")
        .arg(home)
        .arg("--workspace")
        .arg(workspace)
        .arg("--detectors")
        .arg(root().join("tests/data/reach-detectors"))
        .args(["--format", format, "--fail-on", "none", "--quiet"])
        .args(extra);
    cmd
}

fn findings(report: &Value) -> &Vec<Value> {
    report["findings"].as_array().expect("findings array")
}

/// `source path:line:column key`, with the home directory shown as `~`. The rule id is
/// left out on purpose: which detector claims a value changes as provider detectors land
/// on `main`; where each credential is and under which key does not.
fn row(f: &Value, home: &Path) -> String {
    let path = f["path"].as_str().unwrap().replace(&home.display().to_string(), "~");
    format!(
        "{} {}:{}:{} {}",
        f["source"].as_str().unwrap(),
        path,
        f["line"],
        f["column"],
        f["key"].as_str().unwrap_or("-")
    )
}

fn rows(report: &Value, home: &Path) -> Vec<String> {
    let mut rows: Vec<String> = findings(report).iter().map(|f| row(f, home)).collect();
    rows.sort();
    rows
}

/// Every planted credential, once per location; nothing from the decoys.
const EXPECTED_ANY: &[&str] = &[
    "history ~/.bash_history:3:21 GITHUB_TOKEN",
    "history ~/.bash_history:4:32 Authorization",
    "history ~/.bash_history:6:41 mysql.password",
    "history ~/.irb_history:1:23 SLACK_TOKEN",
    "history ~/.local/share/fish/fish_history:1:25 HF_TOKEN",
    "history ~/.node_repl_history:1:35 -",
    "history ~/.python_history:2:33 api_key",
    "history ~/.rediscli_history:1:6 redis.password",
    "history ~/.sh_history:1:20 VAULT_TOKEN",
    "history ~/.zsh_history:2:31 -u",
    "history ~/.zsh_history:3:40 -p",
    "home ~/.aider.conf.yml:2:20 anthropic-api-key",
    "home ~/.aws/credentials:2:21 default.aws_access_key_id",
    "home ~/.aws/credentials:3:25 default.aws_secret_access_key",
    "home ~/.aws/credentials:8:25 profile prod-admin.aws_secret_access_key",
    "home ~/.aws/sso/cache/5f1c0b9e.json:4:19 accessToken",
    "home ~/.azure/msal_token_cache.json:5:18 RefreshToken.acct-login.microsoftonline.com-refreshtoken.secret",
    "home ~/.bashrc:3:23 OPENAI_API_KEY",
    "home ~/.cache/huggingface/token:1:1 token",
    "home ~/.cargo/credentials.toml:2:10 registry.token",
    "home ~/.claude.json:7:34 mcpServers.linear.headers.Authorization.authorization_token",
    "home ~/.codeium/windsurf/mcp_config.json:11:31 mcpServers.stripe.env.STRIPE_SECRET_KEY",
    "home ~/.codex/auth.json:2:22 OPENAI_API_KEY",
    "home ~/.config/.wrangler/config/default.toml:1:16 oauth_token",
    "home ~/.config/Code/User/mcp.json:14:34 servers.brave.env.BRAVE_API_KEY",
    "home ~/.config/configstore/firebase-tools.json:3:23 tokens.refresh_token",
    "home ~/.config/configstore/firebase-tools.json:4:22 tokens.access_token",
    "home ~/.config/containers/auth.json:4:16 auths.quay.io.auth",
    "home ~/.config/doctl/config.yaml:1:15 access-token",
    "home ~/.config/gcloud/access_tokens.db:1:1 access_tokens.dev@acme.example.access_token",
    "home ~/.config/gcloud/application_default_credentials.json:3:21 client_secret",
    "home ~/.config/gcloud/application_default_credentials.json:4:21 refresh_token",
    "home ~/.config/gcloud/credentials.db:1:1 credentials.dev@acme.example.value.refresh_token",
    "home ~/.config/gh/hosts.yml:4:26 github.com.users.octo.oauth_token",
    "home ~/.config/glab-cli/config.yml:3:12 hosts.gitlab.com.token",
    "home ~/.config/hcloud/cli.toml:5:12 contexts.prod.token",
    "home ~/.config/ngrok/ngrok.yml:3:16 agent.authtoken",
    "home ~/.config/pypoetry/auth.toml:3:13 http-basic.acme-private.password",
    "home ~/.config/stripe/config.toml:3:22 default.test_mode_api_key",
    "home ~/.continue/config.yaml:6:13 models.Mistral.apiKey",
    "home ~/.cursor/mcp.json:10:29 mcpServers.slack.env.SLACK_BOT_TOKEN",
    "home ~/.databrickscfg:3:9 DEFAULT.token",
    "home ~/.dbt/profiles.yml:8:18 analytics.outputs.prod.password",
    "home ~/.docker/config.json:4:16 auths.ghcr.io.auth",
    "home ~/.doppler/.doppler.yaml:3:16 scoped./.token",
    "home ~/.fly/config.yml:1:15 access_token",
    "home ~/.gem/credentials:2:20 :rubygems_api_key",
    "home ~/.gemini/.env:1:16 GEMINI_API_KEY",
    "home ~/.git-credentials:1:14 github.com.octo.password",
    r#"home ~/.gitconfig:7:38 http "https://git.acme.example/".extraheader"#,
    "home ~/.kube/config:11:12 users.prod-cluster-admin.token",
    "home ~/.kube/config:15:22 users.dev-cert-user.client-key-data",
    "home ~/.kube/config:22:24 users.oidc-user.auth-provider.config.refresh-token",
    "home ~/.local/share/com.vercel.cli/auth.json:3:13 token",
    "home ~/.my.cnf:3:12 client.password",
    "home ~/.netlify/config.json:7:19 users.5fc3315c87b47477f490070e.auth.token",
    "home ~/.netrc:3:12 machine api.heroku.com.password",
    "home ~/.netrc:6:12 machine git.heroku.com.password",
    "home ~/.npmrc:1:34 //registry.npmjs.org/:_authToken",
    "home ~/.pgpass:1:41 prod-db.acme.example:5432:app:app_owner.password",
    "home ~/.pypirc:6:12 pypi.password",
    "home ~/.pulumi/credentials.json:4:32 accessTokens.https://api.pulumi.com",
    "home ~/.railway/config.json:10:15 user.token",
    "home ~/.sentryclirc:2:7 auth.token",
    "home ~/.snowflake/connections.toml:4:13 prod.password",
    "home ~/.ssh/id_ed25519:1:1 -",
    "home ~/.supabase/access-token:1:1 token",
    "home ~/.terraform.d/credentials.tfrc.json:4:17 credentials.app.terraform.io.token",
    "home ~/.twilio-cli/config.json:6:21 profiles.prod.apiSecret",
    "home ~/.vault-token:1:1 token",
    "home ~/Library/Application Support/Claude/claude_desktop_config.json:10:42 mcpServers.github.env.GITHUB_PERSONAL_ACCESS_TOKEN",
    "workspace .env:2:19 STRIPE_SECRET_KEY",
    "workspace .env:3:19 DATABASE_PASSWORD",
    "workspace .env.production:1:16 OPENAI_API_KEY",
    "workspace .env.production:2:19 RAILWAY_API_TOKEN",
    "workspace .mcp.json:6:42 mcpServers.gitlab.env.GITLAB_PERSONAL_ACCESS_TOKEN",
    "workspace deploy/db-secret.yaml:8:16 secret/prod-db-credentials.data.DB_PASSWORD",
    "workspace terraform.tfstate:12:26 resources.prod.instances.0.attributes.password",
];

#[test]
fn finds_every_planted_credential_once_per_location() {
    let report = reach(&fixture_home(), &fixture_workspace(), &["--no-env"]);
    let found = rows(&report, &fixture_home());
    let mut expected: Vec<String> = EXPECTED_ANY.iter().map(|s| s.to_string()).collect();
    expected.sort();
    assert_eq!(found, expected);
    let unique: BTreeSet<&String> = found.iter().collect();
    assert_eq!(unique.len(), found.len(), "a location reported twice");
}

#[test]
fn fixtures_cover_thirty_tools_and_every_history_format() {
    let report = reach(&fixture_home(), &fixture_workspace(), &["--no-env"]);
    let home_files: BTreeSet<String> = findings(&report)
        .iter()
        .filter(|f| f["source"] == "home")
        .map(|f| f["path"].as_str().unwrap().to_string())
        .collect();
    assert!(home_files.len() >= 30, "{} home stores with findings", home_files.len());
    let history: BTreeSet<String> = findings(&report)
        .iter()
        .filter(|f| f["source"] == "history")
        .map(|f| Path::new(f["path"].as_str().unwrap()).file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    for name in [
        ".bash_history",
        ".zsh_history",
        "fish_history",
        ".sh_history",
        ".python_history",
        ".node_repl_history",
        ".rediscli_history",
        ".irb_history",
    ] {
        assert!(history.contains(name), "no finding in {name}: {history:?}");
    }
}

#[test]
fn decoys_are_never_reported() {
    let report = reach(&fixture_home(), &fixture_workspace(), &["--no-env"]);
    let decoys = [
        ".env.example",
        "package-lock.json",
        "certs/server.crt",
        "src/config.py",
        "id_ed25519.pub",
        ".ssh/config",
        ".aws/config",
        ".psql_history",
        ".sqlite_history",
        ".mysql_history",
        ".config/zed/settings.json",
    ];
    for f in findings(&report) {
        let path = f["path"].as_str().unwrap();
        assert!(!decoys.iter().any(|d| path.ends_with(d)), "decoy reported: {}", row(f, &fixture_home()));
        let key = f["key"].as_str().unwrap_or("");
        assert!(
            !key.contains("client-certificate-data") && !key.contains("certificate-authority-data"),
            "certificate reported"
        );
        assert!(!path.contains(".doppler") || !key.contains("keyring"), "keyring reference reported");
    }
}

#[test]
fn structured_keys_carry_profiles_and_contexts() {
    let report = reach(&fixture_home(), &fixture_workspace(), &["--no-env"]);
    let keys: BTreeSet<&str> = findings(&report).iter().filter_map(|f| f["key"].as_str()).collect();
    for key in [
        "profile prod-admin.aws_secret_access_key",
        "users.prod-cluster-admin.token",
        "secret/prod-db-credentials.data.DB_PASSWORD",
        "auths.ghcr.io.auth",
    ] {
        assert!(keys.contains(key), "missing key {key}");
    }
}

#[test]
fn json_output_never_holds_raw_secrets() {
    let output = reach_command(&fixture_home(), &fixture_workspace(), &["--no-env"]).output().unwrap();
    let text = String::from_utf8_lossy(&output.stdout);
    let bashrc = std::fs::read_to_string(fixture_home().join(".bashrc")).unwrap();
    let openai = bashrc.lines().find_map(|l| l.strip_prefix("export OPENAI_API_KEY=")).unwrap();
    assert!(!text.contains(openai));
}

fn sources(report: &Value) -> BTreeSet<String> {
    findings(report).iter().map(|f| f["source"].as_str().unwrap().to_string()).collect()
}

fn reasons_of<'a>(report: &'a Value, path_suffix: &str) -> Vec<&'a str> {
    findings(report)
        .iter()
        .filter(|f| {
            let path = f["path"].as_str().unwrap();
            path == path_suffix || path.ends_with(&format!("/{path_suffix}"))
        })
        .flat_map(|f| f["reasons"].as_array().unwrap().iter().filter_map(Value::as_str))
        .collect()
}

fn paths(report: &Value) -> BTreeSet<String> {
    findings(report)
        .iter()
        .map(|f| f["path"].as_str().unwrap().replace(&fixture_home().display().to_string(), "~"))
        .collect()
}

#[test]
fn copilot_agent_sees_only_tracked_workspace_files() {
    let report = reach(&fixture_home(), &fixture_workspace(), &["--agent", "copilot-agent"]);
    assert_eq!(sources(&report), BTreeSet::from(["workspace".to_string()]));
    let expected: BTreeSet<String> = [".env.production", ".mcp.json", "deploy/db-secret.yaml", "terraform.tfstate"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    assert_eq!(paths(&report), expected, ".env is git-ignored: not in the cloud clone");
}

#[test]
fn aider_reads_only_unignored_workspace_files() {
    let report = reach(&fixture_home(), &fixture_workspace(), &["--agent", "aider"]);
    let expected: BTreeSet<String> =
        [".mcp.json", "deploy/db-secret.yaml", "terraform.tfstate"].iter().map(|s| s.to_string()).collect();
    assert_eq!(paths(&report), expected);
}

#[test]
fn cursor_ignored_files_are_reported_with_the_shell_nuance() {
    let report = reach(&fixture_home(), &fixture_workspace(), &["--agent", "cursor", "--no-env"]);
    assert_eq!(sources(&report).len(), 3, "workspace, home and history");
    let env = reasons_of(&report, ".env");
    assert!(
        env.iter().any(|r| r.contains("hides it from cursor's file tools, but its shell can still read it")),
        "{env:?}"
    );
    let state = reasons_of(&report, "terraform.tfstate");
    assert!(state.iter().any(|r| r.starts_with("`.cursorignore` hides it")), "{state:?}");
    let mcp = reasons_of(&report, ".mcp.json");
    assert!(mcp.iter().any(|r| r.contains("cursor's file tools read workspace files")), "{mcp:?}");
    let aws = reasons_of(&report, ".aws/credentials");
    assert!(aws.iter().any(|r| r.starts_with("outside the workspace")), "{aws:?}");
}

#[test]
fn claude_code_deny_rules_are_a_nuance_not_a_wall() {
    let report = reach(&fixture_home(), &fixture_workspace(), &["--agent", "claude-code", "--no-env"]);
    let aws = reasons_of(&report, ".aws/credentials");
    assert!(
        aws.iter().any(|r| r.contains("deny rule `Read(~/.aws/**)`") && r.contains("shell can still read")),
        "{aws:?}"
    );
    let prod = reasons_of(&report, ".env.production");
    assert!(prod.iter().any(|r| r.contains("deny rule `Read(./.env.production)`")), "{prod:?}");
    let kube = reasons_of(&report, ".kube/config");
    assert!(kube.iter().any(|r| r.contains("claude-code's file tools read outside the workspace")), "{kube:?}");
}

#[test]
fn gemini_cli_honours_geminiignore_for_file_tools_only() {
    let report = reach(&fixture_home(), &fixture_workspace(), &["--agent", "gemini-cli", "--no-env"]);
    let secret = reasons_of(&report, "deploy/db-secret.yaml");
    assert!(secret.iter().any(|r| r.starts_with("`.geminiignore` hides it")), "{secret:?}");
}

#[test]
fn environment_is_read_and_codex_policy_excludes_variables() {
    let slack = std::fs::read_to_string(fixture_home().join(".irb_history")).unwrap();
    let token = slack.split('\'').nth(3).unwrap().to_string();
    let run = |agent: &str| -> Value {
        let output = reach_command(&fixture_home(), &fixture_workspace(), &["--agent", agent, "--no-history"])
            .env("HOME", fixture_home())
            .env("REACH_FIXTURE_SLACK_TOKEN", &token)
            .env("REACH_FIXTURE_SLACK_BOT", &token)
            .output()
            .unwrap();
        serde_json::from_slice(&output.stdout).unwrap()
    };
    let env_paths = |report: &Value| -> BTreeSet<String> {
        findings(report)
            .iter()
            .filter(|f| f["source"] == "env")
            .map(|f| f["path"].as_str().unwrap().to_string())
            .collect()
    };
    let any = env_paths(&run("any"));
    assert!(any.contains("env:REACH_FIXTURE_SLACK_TOKEN") && any.contains("env:REACH_FIXTURE_SLACK_BOT"), "{any:?}");
    let codex = env_paths(&run("codex"));
    assert!(codex.contains("env:REACH_FIXTURE_SLACK_BOT"), "{codex:?}");
    assert!(!codex.contains("env:REACH_FIXTURE_SLACK_TOKEN"), "excluded by shell_environment_policy: {codex:?}");
    assert!(env_paths(&run("aider")).is_empty(), "aider's model does not see the environment");
}

#[test]
fn sarif_gives_home_findings_no_file_location_code_scanning_could_mistake() {
    let output = reach_command_as("sarif", &fixture_home(), &fixture_workspace(), &["--no-env"]).output().unwrap();
    let sarif: Value = serde_json::from_slice(&output.stdout).unwrap();
    let schema_path = root().join("tests/data/sarif-schema-2.1.0.json");
    // As in tests/scan_cli.rs: escape the official schema's bare `]` for the Rust regex engine.
    let schema_text = std::fs::read_to_string(schema_path).unwrap().replace("{2}]?$", "{2}\\\\]?$");
    let schema: Value = serde_json::from_str(&schema_text).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let errors: Vec<String> = validator.iter_errors(&sarif).map(|e| format!("{e} at {}", e.instance_path())).collect();
    assert!(errors.is_empty(), "SARIF schema errors: {errors:#?}");
    let run = &sarif["runs"][0];
    let bases: Vec<&String> = run["originalUriBaseIds"].as_object().unwrap().keys().collect();
    assert_eq!(bases, ["%SRCROOT%"], "no HOME base that would read as a folder of the repository");
    assert!(run["originalUriBaseIds"]["%SRCROOT%"]["uri"].as_str().unwrap().ends_with("fixtures/reach/workspace/"));
    let (mut in_workspace, mut outside) = (0, 0);
    for result in run["results"].as_array().unwrap() {
        let location = &result["locations"][0];
        match result["properties"]["source"].as_str().unwrap() {
            "workspace" | "git-history" => {
                let artifact = &location["physicalLocation"]["artifactLocation"];
                assert_eq!(artifact["uriBaseId"], "%SRCROOT%", "{result}");
                assert!(!artifact["uri"].as_str().unwrap().starts_with('/'), "{result}");
                in_workspace += 1;
            }
            _ => {
                assert!(location.get("physicalLocation").is_none(), "no file location outside the repo: {result}");
                let logical = &location["logicalLocations"][0];
                assert!(logical["name"].as_str().unwrap().starts_with("~/"), "{logical}");
                assert!(logical["kind"].as_str().unwrap().ends_with("store") || logical["kind"] == "shell-history");
                outside += 1;
            }
        }
    }
    assert!(in_workspace > 0 && outside > 0, "{in_workspace} workspace and {outside} home/history results");
    let aws = run["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["locations"][0]["logicalLocations"][0]["name"] == "~/.aws/credentials");
    assert!(aws.is_some(), "the AWS store is named relative to the home directory");
}

#[test]
fn home_findings_name_their_own_exposure() {
    let report = reach(&fixture_home(), &fixture_workspace(), &["--no-env"]);
    let home: Vec<&Value> = findings(&report).iter().filter(|f| f["source"] == "home").collect();
    assert!(!home.is_empty());
    for f in home {
        let reasons: Vec<&str> = f["reasons"].as_array().unwrap().iter().filter_map(Value::as_str).collect();
        assert!(reasons.contains(&"found in a home-directory credential store"), "{reasons:?}");
        assert!(!reasons.iter().any(|r| r.starts_with("found in a workspace file")), "{reasons:?}");
    }
}

#[test]
fn the_agents_access_nuance_leads_why_when_it_decides() {
    for agent in ["claude-code", "cursor"] {
        let report = reach(&fixture_home(), &fixture_workspace(), &["--agent", agent, "--no-env"]);
        let nuanced: Vec<&Value> = findings(&report)
            .iter()
            .filter(|f| f["reasons"].as_array().unwrap().iter().any(|r| r.as_str().unwrap().contains("shell can")))
            .collect();
        assert!(nuanced.len() >= 2, "{agent}: {nuanced:?}");
        for f in nuanced {
            let first = f["reasons"][0].as_str().unwrap();
            assert!(first.contains("shell can"), "{agent}: the access nuance leads: {:?}", f["reasons"]);
        }
    }
}

#[test]
fn override_variables_apply_to_the_real_home_only() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    std::fs::create_dir_all(&home).unwrap();
    let kubeconfig = dir.path().join("elsewhere.yaml");
    std::fs::write(&kubeconfig, "users:\n- name: ci\n  user:\n    token: Zq8Xv3Lm1Rt7Kp2Wn9Bc4Hd6\n").unwrap();
    let run = |home_arg: bool| -> Value {
        let mut cmd = Command::cargo_bin("blastradius").unwrap();
        cmd.args(["reach", "--format", "json", "--fail-on", "none", "--quiet", "--no-env", "--no-history"])
            .arg("--workspace")
            .arg(dir.path().join("home"))
            .env("HOME", if home_arg { dir.path().to_path_buf() } else { home.clone() })
            .env("KUBECONFIG", &kubeconfig);
        if home_arg {
            cmd.arg("--home").arg(&home);
        }
        serde_json::from_slice(&cmd.output().unwrap().stdout).unwrap()
    };
    let keys = |report: &Value| -> Vec<String> {
        findings(report).iter().map(|f| f["key"].as_str().unwrap_or("").to_string()).collect()
    };
    assert_eq!(keys(&run(false)), ["users.ci.token"], "KUBECONFIG honoured for the real home");
    assert!(keys(&run(true)).is_empty(), "KUBECONFIG ignored for another --home");
}

/// Bad input: corrupt JSON/YAML/SQLite, a FIFO, a dangling symlink, a symlinked config
/// directory and a history over the size limit. Each gives a warning; the scan goes on.
#[test]
fn bad_input_warns_and_the_scan_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    let ws = dir.path().join("ws");
    for sub in [".docker", ".kube", ".config/gcloud", ".aws", "ws"] {
        std::fs::create_dir_all(if sub == "ws" { ws.clone() } else { home.join(sub) }).unwrap();
    }
    std::fs::write(home.join(".docker/config.json"), "{\"auths\": {").unwrap();
    std::fs::write(home.join(".kube/config"), "users: [\n  token: Zq8Xv3Lm1Rt7Kp2Wn9Bc4Hd6\n").unwrap();
    std::fs::write(home.join(".config/gcloud/credentials.db"), b"SQLite format 3\0not really").unwrap();
    std::os::unix::fs::symlink(dir.path().join("missing"), home.join(".git-credentials")).unwrap();
    let status = std::process::Command::new("mkfifo").arg(home.join(".vault-token")).status().unwrap();
    assert!(status.success());
    let real_gh = dir.path().join("dotfiles/gh");
    std::fs::create_dir_all(&real_gh).unwrap();
    let gh_token = std::fs::read_to_string(fixture_home().join(".config/gh/hosts.yml")).unwrap();
    std::fs::write(real_gh.join("hosts.yml"), gh_token).unwrap();
    std::os::unix::fs::symlink(&real_gh, home.join(".config/gh")).unwrap();
    let mut history = "ls\n".repeat(50_000);
    history.push_str("export API_TOKEN=Zq8Xv3Lm1Rt7Kp2Wn9Bc4Hd6\n");
    std::fs::write(home.join(".bash_history"), history).unwrap();

    let report = reach(&home, &ws, &["--no-env", "--max-file-size", "4096"]);
    let warnings: Vec<String> =
        report["warnings"].as_array().unwrap().iter().map(|w| w.as_str().unwrap().to_string()).collect();
    let warned = |needle: &str| warnings.iter().any(|w| w.contains(needle));
    assert!(warned(".docker/config.json: not valid docker"), "{warnings:?}");
    assert!(warned(".kube/config: not valid kubectl"), "{warnings:?}");
    assert!(warned("credentials.db"), "{warnings:?}");
    assert!(warned(".git-credentials: cannot resolve"), "{warnings:?}");
    assert!(warned(".vault-token: not a regular file"), "{warnings:?}");
    assert!(warned(".config/gh/hosts.yml: symlink to"), "{warnings:?}");
    assert!(warned(".bash_history: larger than 4096 bytes"), "{warnings:?}");
    let keys: BTreeSet<String> =
        findings(&report).iter().map(|f| f["key"].as_str().unwrap_or("").to_string()).collect();
    assert!(keys.contains("github.com.users.octo.oauth_token"), "symlinked gh dir still read: {keys:?}");
    assert!(keys.contains("API_TOKEN"), "the newest history lines are scanned: {keys:?}");
}

#[test]
fn human_report_groups_locations_of_one_credential() {
    let output = reach_command_as("human", &fixture_home(), &fixture_workspace(), &["--no-env"]).output().unwrap();
    let text = String::from_utf8_lossy(&output.stdout);
    let lines: Vec<&str> = text.lines().collect();
    let first = lines.iter().position(|l| l.contains(".netrc:3:12")).expect("netrc credential");
    assert!(lines[first + 1].contains(".netrc:6:12"), "both netrc locations under one credential:\n{text}");
}

#[test]
fn a_workspace_holding_the_home_directory_is_not_walked() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("notes.txt"), "export API_TOKEN=Zq8Xv3Lm1Rt7Kp2Wn9Bc4Hd6\n").unwrap();
    std::fs::write(dir.path().join(".vault-token"), "hvs.CAESIQ7xLm2Rv9Tk4Np8Wc1Zb6Hd3Jf5Ys0Ua7\n").unwrap();
    let report = reach(dir.path(), dir.path(), &["--no-env"]);
    let warnings = report["warnings"].as_array().unwrap();
    assert!(warnings.iter().any(|w| w.as_str().unwrap().contains("holds the home directory: not walked")));
    assert_eq!(sources(&report), BTreeSet::from(["home".to_string()]), "only the catalogue is read");
}

#[test]
fn git_history_finds_a_removed_secret_with_its_commit() {
    let dir = tempfile::tempdir().unwrap();
    let workspace = dir.path().join("ws");
    let home = dir.path().join("home");
    std::fs::create_dir_all(&workspace).unwrap();
    std::fs::create_dir_all(&home).unwrap();
    let removed = "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";
    let kept = "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";
    git(&workspace, &["init", "-q"]);
    std::fs::write(workspace.join("deploy.env"), format!("GITHUB_TOKEN={removed}\nOTHER={kept}\n")).unwrap();
    git(&workspace, &["add", "."]);
    git(&workspace, &["commit", "-qm", "add deploy settings"]);
    let commit = git(&workspace, &["rev-parse", "HEAD"]);
    std::fs::write(workspace.join("deploy.env"), format!("OTHER={kept}\n")).unwrap();
    git(&workspace, &["commit", "-qam", "remove the token"]);

    let report = reach(&home, &workspace, &["--no-env", "--no-history"]);
    let history: Vec<&Value> = findings(&report).iter().filter(|f| f["source"] == "git-history").collect();
    assert_eq!(history.len(), 1, "only the removed secret comes from history: {history:?}");
    assert_eq!(history[0]["commit"], commit.as_str());
    assert_eq!(history[0]["path"], "deploy.env");
    assert_eq!(history[0]["line"], 1);
    let workspace_hits = findings(&report).iter().filter(|f| f["source"] == "workspace").count();
    assert_eq!(workspace_hits, 1, "the kept secret is reported once, from the working tree");

    let without = reach(&home, &workspace, &["--no-env", "--no-history", "--no-git-history"]);
    assert!(findings(&without).iter().all(|f| f["source"] != "git-history"));
}

#[test]
fn parse_errors_never_quote_the_broken_line() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    let workspace = dir.path().join("ws");
    std::fs::create_dir_all(home.join(".cargo")).unwrap();
    std::fs::create_dir_all(&workspace).unwrap();
    let token = "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";
    // Unquoted: invalid TOML, and the TOML parser's message quotes the line it fails on.
    std::fs::write(home.join(".cargo/credentials.toml"), format!("[registry]\ntoken = {token}\n")).unwrap();
    let output = reach_command(&home, &workspace, &["--no-env", "--no-history"]).output().unwrap();
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    let warnings = report["warnings"].to_string();
    assert!(warnings.contains("credentials.toml") && warnings.contains("line 2"), "{warnings}");
    assert!(!warnings.contains(&token[4..20]), "a warning quotes the secret: {warnings}");
    assert!(!String::from_utf8_lossy(&output.stderr).contains(&token[4..20]));
}
