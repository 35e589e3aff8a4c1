//! From findings to introspection jobs (one per distinct credential, with companion
//! values paired from the same file) and from results back to findings.

use super::providers::{self, Provider};
use super::{Credential, Introspection, Status};
use crate::model::finding::{Environment, Finding, Scope, Secret};
use crate::model::names::words_environment;
use std::collections::HashSet;

/// One distinct credential to check, and every finding that shares its result.
pub struct Job {
    pub provider: Option<&'static Provider>,
    pub provider_name: String,
    pub credential: Credential,
    pub fingerprints: Vec<String>,
}

/// Builds one job per distinct fingerprint. A companion finding (an AWS secret key next
/// to its key id, a Twilio SID next to its token) joins its partner's job.
pub fn collect_jobs(findings: &[Finding]) -> Vec<Job> {
    let mut seen: HashSet<&str> = HashSet::new();
    let mut jobs = Vec::new();
    for (index, finding) in findings.iter().enumerate() {
        if seen.contains(finding.fingerprint.as_str()) {
            continue;
        }
        let provider = providers::find(&finding.provider);
        let role = provider.map_or(Role::Whole, |p| role_of(p.id, finding.secret.expose()));
        if role == Role::Companion {
            continue;
        }
        seen.insert(&finding.fingerprint);
        let mut credential = Credential::new(finding.secret.expose());
        let mut fingerprints = vec![finding.fingerprint.clone()];
        if role == Role::Main {
            if let Some(partner) = nearest_companion(findings, index) {
                credential.companion = Some(Secret::new(partner.secret.expose()));
                fingerprints.push(partner.fingerprint.clone());
            }
        }
        if provider.is_some_and(|p| p.per_credential_host) {
            credential.server = kubeconfig_server(&finding.path);
        }
        jobs.push(Job { provider, provider_name: finding.provider.clone(), credential, fingerprints });
    }
    jobs
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    /// A credential on its own.
    Whole,
    /// The half that names the credential (AWS key id, Twilio auth token or key secret).
    Main,
    /// The other half (AWS secret key, Twilio SID); checked with its partner.
    Companion,
}

fn role_of(provider: &str, secret: &str) -> Role {
    match provider {
        "aws" if is_aws_key_id(secret) => Role::Main,
        "aws" => Role::Companion,
        "twilio" if is_twilio_sid(secret) => Role::Companion,
        "twilio" => Role::Main,
        _ => Role::Whole,
    }
}

fn is_aws_key_id(secret: &str) -> bool {
    secret.len() == 20 && ["AKIA", "ASIA", "ABIA", "ACCA", "A3T"].iter().any(|p| secret.starts_with(p))
}

fn is_twilio_sid(secret: &str) -> bool {
    (secret.starts_with("AC") || secret.starts_with("SK")) && secret.len() == 34
}

/// The companion finding of the same provider closest to `index` in the same file.
fn nearest_companion(findings: &[Finding], index: usize) -> Option<&Finding> {
    let main = &findings[index];
    findings
        .iter()
        .filter(|f| f.provider == main.provider && f.path == main.path && f.commit == main.commit)
        .filter(|f| role_of(&f.provider, f.secret.expose()) == Role::Companion)
        .min_by_key(|f| f.line.abs_diff(main.line))
}

/// The cluster server of a kubeconfig: the file's only `server:` URL. With several
/// clusters in one file the token's cluster cannot be told apart, so none is used.
fn kubeconfig_server(path: &str) -> Option<String> {
    let text = crate::source::file::read_settings(std::path::Path::new(path)).ok()?;
    let mut servers: Vec<String> = text
        .lines()
        .filter_map(|line| line.trim().strip_prefix("server:"))
        .map(|url| url.trim().trim_matches(['"', '\'']).to_string())
        .collect();
    servers.sort();
    servers.dedup();
    (servers.len() == 1).then(|| servers.remove(0))
}

/// Applies each result to the findings that share its fingerprint.
pub fn apply_all(findings: &mut [Finding], results: &std::collections::HashMap<String, Introspection>) {
    for finding in findings.iter_mut() {
        if let Some(result) = results.get(&finding.fingerprint) {
            apply(finding, result);
        }
    }
}

/// What the provider said replaces the offline guesses; the evidence goes in `reasons`.
pub fn apply(finding: &mut Finding, result: &Introspection) {
    match result.status {
        Status::Live => apply_live(finding, result),
        status if status.is_dead() => {
            finding.evidence.inactive = true;
            finding.reasons.push(format!(
                "introspection: {} at {} ({}): it no longer works",
                result.status.as_str(),
                result.provider,
                result.reason.as_deref().unwrap_or("rejected")
            ));
        }
        _ => finding.reasons.push(format!(
            "introspection {}: {}",
            result.status.as_str(),
            result.reason.as_deref().unwrap_or("no details")
        )),
    }
    finding.introspection = serde_json::to_value(result).ok();
}

fn apply_live(finding: &mut Finding, result: &Introspection) {
    let mut evidence = Vec::new();
    if let Some(who) = identity_summary(result) {
        evidence.push(who);
    }
    if !result.capabilities.is_empty() {
        finding.capabilities = result.capabilities.clone();
        let caps: Vec<&str> = result.capabilities.iter().map(|c| c.as_str()).collect();
        evidence.push(format!("can {}", caps.join("/")));
    }
    if let Some(scope) = result.scope {
        finding.scope = scope;
        evidence.push(format!("{}-wide", scope.as_str()));
    }
    if !result.environments.is_empty() {
        finding.environment =
            result.environments.iter().filter_map(|e| words_environment(e)).max().unwrap_or(Environment::Unknown);
        evidence.push(format!("reaches environments {}", result.environments.join(", ")));
    } else if matches!(finding.scope, Scope::Account | Scope::Workspace) {
        finding.environment = Environment::Production;
        evidence.push("reaches every environment, production included".into());
    }
    if let Some(reason) = &result.reason {
        evidence.push(reason.clone());
    }
    finding.reasons.push(format!("introspection: live at {}: {}", result.provider, evidence.join("; ")));
}

fn identity_summary(result: &Introspection) -> Option<String> {
    let keys = ["kind", "login", "username", "arn", "email", "name", "account", "team"];
    let parts: Vec<String> =
        keys.iter().filter_map(|k| result.identity.get(*k).map(|v| format!("{k} {v}"))).take(2).collect();
    (!parts.is_empty()).then(|| parts.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kubeconfig_with_one_cluster_names_its_server() {
        let dir = tempfile::tempdir().unwrap();
        let one = dir.path().join("one");
        std::fs::write(&one, "clusters:\n- cluster:\n    server: \"https://k8s.example.com:6443\"\n  name: prod\n")
            .unwrap();
        assert_eq!(kubeconfig_server(one.to_str().unwrap()).as_deref(), Some("https://k8s.example.com:6443"));
        let two = dir.path().join("two");
        std::fs::write(&two, "- cluster:\n    server: https://a.example\n- cluster:\n    server: https://b.example\n")
            .unwrap();
        assert_eq!(kubeconfig_server(two.to_str().unwrap()), None);
    }

    #[test]
    fn credential_halves_are_told_apart() {
        assert!(role_of("aws", "AKIAV7Q3XK5RMZ2TLP4N") == Role::Main); // blastradius:allow (fake key id)
        assert!(role_of("aws", "k8Tq2ZpL9vXw4Rn7Ys1Bd6Hf3Jm0Gc5Ne8Ua2Wqx") == Role::Companion);
        assert!(role_of("twilio", "AC0123456789abcdef0123456789abcdef") == Role::Companion);
        assert!(role_of("github", "ghp_x") == Role::Whole);
    }
}
