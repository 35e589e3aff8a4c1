//! Evidence that needs decoding or the file around a credential: Sentry org-token
//! payloads, Kubernetes service-account token claims, kubeconfig contexts and client
//! certificates, Terraform state workspaces and tags. Each piece becomes a [`Clue`] that
//! classification ([`crate::classify`]) applies and records in the finding's `reasons`.
//!
//! Clues from the secret itself are read at classification time ([`secret_clues`]);
//! clues from the file are read while the file's bytes are at hand ([`annotate_file`],
//! called by every scanning path) and kept in the finding's evidence.

mod kubernetes;
mod sentry;
mod terraform;

use crate::finding::{Capability, Environment, Finding, Scope};

/// One piece of evidence about a credential, in plain words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clue {
    /// The environment the evidence names. It joins the other environment clues: the
    /// broadest reach among them wins.
    pub environment: Option<Environment>,
    /// The scope the evidence shows; the finding's scope is raised to it.
    pub scope: Option<Scope>,
    /// Capabilities the evidence shows; added to the finding's.
    pub capabilities: Vec<Capability>,
    /// The scope is one cluster or account, which usually serves one environment: it does
    /// not on its own make the credential production-reaching.
    pub per_environment: bool,
    /// What the evidence is, for `reasons`.
    pub reason: String,
}

impl Clue {
    /// A clue that names an environment.
    pub fn environment(env: Environment, reason: String) -> Clue {
        Clue { environment: Some(env), scope: None, capabilities: Vec::new(), per_environment: false, reason }
    }

    /// Full control of one cluster or account that serves one environment.
    pub fn cluster_admin(reason: String) -> Clue {
        Clue {
            environment: None,
            scope: Some(Scope::Account),
            capabilities: vec![Capability::Read, Capability::Write, Capability::Admin, Capability::Delete],
            per_environment: true,
            reason,
        }
    }
}

/// Clues read from the secret's own content (org-token payloads, JWT claims).
pub fn secret_clues(secret: &str) -> Vec<Clue> {
    let mut clues = sentry::org_token_clues(secret);
    clues.extend(kubernetes::token_clues(secret));
    clues
}

/// Adds to each finding the clues its file gives about it: the kubeconfig contexts of the
/// user entry holding it, the Terraform workspace and resource tags around it. Files
/// that are neither cost a couple of byte searches.
pub fn annotate_file(path: &str, buf: &[u8], findings: &mut [Finding]) {
    if findings.is_empty() {
        return;
    }
    let Some(file) = FileEvidence::read(path, buf) else { return };
    for finding in findings.iter_mut() {
        for clue in file.clues_for(finding.secret.expose()) {
            if !finding.evidence.clues.contains(&clue) {
                finding.evidence.clues.push(clue);
            }
        }
    }
}

/// A file whose structure says something about the credentials in it.
enum FileEvidence {
    Kubeconfig(serde_json::Value),
    TerraformState(terraform::State),
}

impl FileEvidence {
    fn read(path: &str, buf: &[u8]) -> Option<FileEvidence> {
        if let Some(state) = terraform::State::read(path, buf) {
            return Some(FileEvidence::TerraformState(state));
        }
        kubernetes::read_kubeconfig(buf).map(FileEvidence::Kubeconfig)
    }

    fn clues_for(&self, secret: &str) -> Vec<Clue> {
        match self {
            FileEvidence::Kubeconfig(doc) => kubernetes::kubeconfig_clues(doc, secret),
            FileEvidence::TerraformState(state) => state.clues_for(secret),
        }
    }
}

/// The environment a resource name (context, cluster, namespace, workspace) names: its
/// words (`prod-eks`, `gke_acme_us-central1_production`), or a local cluster (`kind-…`,
/// `minikube`, `docker-desktop`, `k3d-…`) for development.
pub fn name_environment(name: &str) -> Option<Environment> {
    let lower = name.to_ascii_lowercase();
    let local = ["kind-", "k3d-", "minikube", "docker-desktop", "rancher-desktop", "orbstack"];
    if local.iter().any(|l| lower.starts_with(l)) {
        return Some(Environment::Development);
    }
    crate::classify::words_environment(&lower)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resource_names_name_environments() {
        assert_eq!(name_environment("prod-eks"), Some(Environment::Production));
        assert_eq!(name_environment("gke_acme_us-central1_production"), Some(Environment::Production));
        assert_eq!(name_environment("arn:aws:eks:eu-west-1:123456789012:cluster/staging"), Some(Environment::Staging));
        assert_eq!(name_environment("kind-blastradius"), Some(Environment::Development));
        assert_eq!(name_environment("products"), None);
        assert_eq!(name_environment("default"), None);
    }

    #[test]
    fn plain_files_give_no_clues() {
        assert!(FileEvidence::read("notes.txt", b"token: abc\nusers: []\n").is_none());
    }
}
