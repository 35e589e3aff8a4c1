//! Kubernetes service-account tokens: the namespace and service-account name in the
//! token's claims name its environment, or show it is cluster-wide.

use crate::engine::context::namespace_clue;
use crate::engine::validate::jwt_claims;
use crate::model::finding::Clue;
use crate::model::names::name_environment;
use serde_json::Value;

/// Namespace and service-account name from a service-account JWT: the bound-token
/// `kubernetes.io` claim or the legacy `kubernetes.io/serviceaccount/…` claims.
pub fn token_clues(secret: &str) -> Vec<Clue> {
    if !secret.starts_with("eyJ") {
        return Vec::new();
    }
    let Some(claims) = jwt_claims(secret) else { return Vec::new() };
    let bound = claims.get("kubernetes.io");
    let text = |bound_path: &str, legacy: &str| {
        bound
            .and_then(|b| b.pointer(bound_path))
            .or_else(|| claims.get(legacy))
            .and_then(Value::as_str)
            .map(str::to_string)
    };
    let namespace = text("/namespace", "kubernetes.io/serviceaccount/namespace");
    let account = text("/serviceaccount/name", "kubernetes.io/serviceaccount/service-account.name");
    let mut clues = Vec::new();
    if let Some(ns) = namespace.as_deref() {
        clues.extend(namespace_clue(ns, "service-account token namespace"));
    }
    if let Some(name) = account.as_deref() {
        if is_admin_name(name) {
            clues.push(Clue::cluster_admin(format!(
                "service account `{name}`: an admin-like name, probably bound to cluster-admin"
            )));
        } else if let Some(env) = name_environment(name) {
            clues.push(Clue::environment(env, format!("service account `{name}` suggests {}", env.as_str())));
        }
    }
    clues
}

/// `cluster-admin`, `admin`, `…-admin`, `root`: names people give to all-powerful accounts.
fn is_admin_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.split(|c: char| !c.is_ascii_alphanumeric()).any(|w| matches!(w, "admin" | "root" | "superuser"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::finding::{Capability, Environment, Scope};
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use base64::Engine;

    fn jwt(claims: &str) -> String {
        let enc = |s: &str| URL_SAFE_NO_PAD.encode(s);
        format!("{}.{}.{}", enc(r#"{"alg":"RS256","kid":"k1"}"#), enc(claims), enc("not-a-real-signature"))
    }

    fn envs(clues: &[Clue]) -> Vec<Environment> {
        clues.iter().filter_map(|c| c.environment).collect()
    }

    #[test]
    fn bound_token_namespace_names_the_environment() {
        let claims = r#"{"iss":"https://kubernetes.default.svc","kubernetes.io":{"namespace":"production","serviceaccount":{"name":"deployer","uid":"u1"}}}"#;
        let clues = token_clues(&jwt(claims));
        assert_eq!(envs(&clues), [Environment::Production]);
        assert!(clues[0].reason.contains("`production`"), "{}", clues[0].reason);
    }

    #[test]
    fn legacy_token_in_kube_system_is_cluster_admin() {
        let claims = r#"{"iss":"kubernetes/serviceaccount","kubernetes.io/serviceaccount/namespace":"kube-system","kubernetes.io/serviceaccount/service-account.name":"ci"}"#;
        let clues = token_clues(&jwt(claims));
        assert_eq!(clues.len(), 1);
        assert_eq!(clues[0].scope, Some(Scope::Account));
        assert!(clues[0].capabilities.contains(&Capability::Admin) && clues[0].per_environment);
    }

    #[test]
    fn admin_like_service_account_names_are_admin_and_decoys_are_not() {
        let admin = r#"{"kubernetes.io":{"namespace":"apps","serviceaccount":{"name":"cluster-admin"}}}"#;
        assert_eq!(token_clues(&jwt(admin))[0].scope, Some(Scope::Account));
        let decoy = r#"{"kubernetes.io":{"namespace":"products","serviceaccount":{"name":"badminton-bot"}}}"#;
        assert!(token_clues(&jwt(decoy)).is_empty());
        let not_kubernetes = r#"{"role":"service_role","namespace":"prod"}"#;
        assert!(token_clues(&jwt(not_kubernetes)).is_empty());
        assert!(token_clues("eyJnot.a.jwt").is_empty());
    }
}
