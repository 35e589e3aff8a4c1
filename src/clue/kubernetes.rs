//! Kubernetes: service-account token claims (namespace, service-account name), kubeconfig
//! contexts, clusters and namespaces, and the groups (`O=`) of a user's client
//! certificate, where `system:masters` means cluster-admin.

use super::{name_environment, Clue};
use crate::validate::{decode_base64, jwt_claims};
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

/// `kube-system` holds the cluster's own controllers; other namespaces name environments.
fn namespace_clue(namespace: &str, what: &str) -> Option<Clue> {
    if namespace == "kube-system" {
        return Some(Clue::cluster_admin(format!(
            "{what} `kube-system`: service accounts there are usually bound to cluster-wide roles"
        )));
    }
    let env = name_environment(namespace)?;
    Some(Clue::environment(env, format!("Kubernetes {what} `{namespace}` suggests {}", env.as_str())))
}

/// `cluster-admin`, `admin`, `…-admin`, `root`: names people give to all-powerful accounts.
fn is_admin_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.split(|c: char| !c.is_ascii_alphanumeric()).any(|w| matches!(w, "admin" | "root" | "superuser"))
}

/// A kubeconfig document, when the buffer looks like one and parses.
pub fn read_kubeconfig(buf: &[u8]) -> Option<Value> {
    let find = |needle: &[u8]| memchr::memmem::find(buf, needle).is_some();
    if !(find(b"users:") && find(b"contexts:")) {
        return None;
    }
    let doc: Value = serde_norway::from_slice(buf).ok()?;
    doc.get("users").and_then(Value::as_array)?;
    Some(doc)
}

/// Clues for a secret held by one of the kubeconfig's users: the contexts that use that
/// user (context, cluster and namespace names) and its client certificate's groups.
pub fn kubeconfig_clues(doc: &Value, secret: &str) -> Vec<Clue> {
    let users = doc.get("users").and_then(Value::as_array).into_iter().flatten();
    let Some(user) = users.into_iter().find(|u| u.get("user").is_some_and(|body| holds(body, secret))) else {
        return Vec::new();
    };
    let user_name = user.get("name").and_then(Value::as_str).unwrap_or_default();
    let mut clues: Vec<Clue> = Vec::new();
    let current = doc.get("current-context").and_then(Value::as_str);
    let contexts = doc.get("contexts").and_then(Value::as_array).into_iter().flatten();
    for context in contexts.filter(|c| c.pointer("/context/user").and_then(Value::as_str) == Some(user_name)) {
        clues.extend(context_clues(context, current));
    }
    if let Some(env) = name_environment(user_name) {
        clues.push(Clue::environment(env, format!("kubeconfig user `{user_name}` suggests {}", env.as_str())));
    }
    let certificate = user.pointer("/user/client-certificate-data").and_then(Value::as_str);
    if let Some(groups) = certificate.and_then(certificate_groups) {
        if groups.iter().any(|g| g == "system:masters") {
            clues.push(Clue::cluster_admin(
                "client certificate in group `system:masters`: cluster-admin, every resource in the cluster".into(),
            ));
        }
    }
    clues
}

fn context_clues(context: &Value, current: Option<&str>) -> Vec<Clue> {
    let name = context.get("name").and_then(Value::as_str).unwrap_or_default();
    let marker = if current == Some(name) { " (current-context)" } else { "" };
    let mut clues = Vec::new();
    let named = [("context", Some(name)), ("cluster", context.pointer("/context/cluster").and_then(Value::as_str))];
    for (what, value) in named {
        let Some(value) = value.filter(|v| !v.is_empty()) else { continue };
        if let Some(env) = name_environment(value) {
            let reason = format!("kubeconfig {what} `{value}`{marker} suggests {}", env.as_str());
            clues.push(Clue::environment(env, reason));
        }
    }
    if let Some(ns) = context.pointer("/context/namespace").and_then(Value::as_str) {
        clues.extend(namespace_clue(ns, &format!("namespace of context `{name}`")));
    }
    clues
}

/// Does a user entry hold the secret, as written or inside a base64 value (`*-data`
/// keys, which structured scans decode before matching)?
fn holds(body: &Value, secret: &str) -> bool {
    const SHORTEST_INSIDE: usize = 16;
    match body {
        Value::String(text) => {
            text == secret
                || (secret.len() >= SHORTEST_INSIDE
                    && text.len() > secret.len()
                    && decode_base64(text.trim().as_bytes())
                        .is_some_and(|plain| memchr::memmem::find(&plain, secret.as_bytes()).is_some()))
        }
        Value::Object(map) => map.values().any(|v| holds(v, secret)),
        Value::Array(items) => items.iter().any(|v| holds(v, secret)),
        _ => false,
    }
}

/// The organisations (`O=`, Kubernetes groups) in the subject of a base64 PEM or DER
/// certificate; `None` when it does not parse.
pub fn certificate_groups(data: &str) -> Option<Vec<String>> {
    let bytes = decode_base64(data.trim().as_bytes())?;
    let der = match x509_parser::pem::parse_x509_pem(&bytes) {
        Ok((_, pem)) => pem.contents,
        Err(_) => bytes,
    };
    let (_, cert) = x509_parser::parse_x509_certificate(&der).ok()?;
    let groups = cert.subject().iter_organization().filter_map(|o| o.as_str().ok()).map(str::to_string).collect();
    Some(groups)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::{Capability, Environment, Scope};
    use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
    use base64::Engine;

    const MASTERS_CERT: &str = include_str!("../../fixtures/kubernetes/masters.crt");
    const VIEWER_CERT: &str = include_str!("../../fixtures/kubernetes/viewer.crt");

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

    fn kubeconfig(user: &str) -> String {
        format!(
            "apiVersion: v1\nkind: Config\ncurrent-context: gke_acme_us-central1_production\nclusters:\n\
             - name: gke_acme_us-central1_production\n  cluster:\n    server: https://10.0.0.1\n\
             - name: kind-dev\n  cluster:\n    server: https://127.0.0.1:6443\n\
             contexts:\n- name: gke_acme_us-central1_production\n  context:\n    cluster: gke_acme_us-central1_production\n    user: ops\n    namespace: payments\n\
             - name: kind-dev\n  context:\n    cluster: kind-dev\n    user: dev\n\
             users:\n- name: ops\n  user:\n{user}\n- name: dev\n  user:\n    token: dev-token-4f1d2c3b9e8a\n"
        )
    }

    #[test]
    fn kubeconfig_contexts_of_the_holding_user_name_the_environment() {
        let text = kubeconfig("    token: ops-token-9e8a4b7c8d6e");
        let doc = read_kubeconfig(text.as_bytes()).unwrap();
        let ops = kubeconfig_clues(&doc, "ops-token-9e8a4b7c8d6e");
        assert_eq!(envs(&ops), [Environment::Production, Environment::Production]);
        assert!(ops[0].reason.contains("(current-context)"), "{}", ops[0].reason);
        let dev = kubeconfig_clues(&doc, "dev-token-4f1d2c3b9e8a");
        assert_eq!(envs(&dev), [Environment::Development; 3], "context, cluster and user `dev`");
        assert!(kubeconfig_clues(&doc, "not-in-the-file").is_empty());
    }

    #[test]
    fn system_masters_certificate_makes_the_key_cluster_admin() {
        let key = STANDARD.encode("-----BEGIN EC PRIVATE KEY-----\nfake\n-----END EC PRIVATE KEY-----\n");
        let user =
            |cert: &str| format!("    client-certificate-data: {}\n    client-key-data: {key}", STANDARD.encode(cert));
        let doc = read_kubeconfig(kubeconfig(&user(MASTERS_CERT)).as_bytes()).unwrap();
        let clues = kubeconfig_clues(&doc, &key);
        let admin: Vec<&Clue> = clues.iter().filter(|c| c.scope == Some(Scope::Account)).collect();
        assert_eq!(admin.len(), 1, "{clues:?}");
        assert!(admin[0].reason.contains("system:masters"));
        let decoded_key = String::from_utf8(STANDARD.decode(&key).unwrap()).unwrap();
        assert_eq!(kubeconfig_clues(&doc, &decoded_key), clues, "structured scans see the decoded key");
        assert_eq!(kubeconfig_clues(&doc, decoded_key.trim_end()), clues, "a detector's match inside it");
        let doc = read_kubeconfig(kubeconfig(&user(VIEWER_CERT)).as_bytes()).unwrap();
        assert!(kubeconfig_clues(&doc, &key).iter().all(|c| c.scope.is_none()));
    }

    #[test]
    fn certificate_groups_are_the_subject_organisations() {
        assert_eq!(certificate_groups(&STANDARD.encode(MASTERS_CERT)).unwrap(), ["system:masters"]);
        assert_eq!(certificate_groups(&STANDARD.encode(VIEWER_CERT)).unwrap(), ["viewers"]);
        assert_eq!(certificate_groups("bm90IGEgY2VydGlmaWNhdGU="), None);
        assert_eq!(certificate_groups("%%%"), None);
    }

    #[test]
    fn broken_or_foreign_yaml_is_not_a_kubeconfig() {
        assert!(read_kubeconfig(b"users: [\ncontexts:").is_none());
        assert!(read_kubeconfig(b"name: x\n").is_none());
        assert!(read_kubeconfig(b"users: 3\ncontexts: []\n").is_none());
    }
}
