//! kubeconfig files: the contexts, clusters and namespaces of the user entry holding a
//! credential, and the groups (`O=`) of its client certificate, where `system:masters`
//! means cluster-admin.

use crate::engine::validate::decode_base64;
use crate::model::finding::Clue;
use crate::model::names::{is_local_host, name_environment, url_host};
use serde_json::Value;

/// `kube-system` holds the cluster's own controllers; other namespaces name environments.
pub fn namespace_clue(namespace: &str, what: &str) -> Option<Clue> {
    if namespace == "kube-system" {
        return Some(Clue::cluster_admin(format!(
            "{what} `kube-system`: service accounts there are usually bound to cluster-wide roles"
        )));
    }
    let env = name_environment(namespace)?;
    Some(Clue::environment(env, format!("Kubernetes {what} `{namespace}` suggests {}", env.as_str())))
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
    let server_host = server_for(doc, secret).as_deref().and_then(url_host);
    if let Some(host) = server_host.filter(|h| is_local_host(h)) {
        clues.push(Clue::local(format!("kubeconfig cluster server `{host}`: a cluster on this machine only")));
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

/// The API server a secret held by one of the kubeconfig's users is meant for: the
/// `server` of the clusters its contexts name, when they agree on one; without such
/// contexts, the file's only cluster's. `None` when the file does not say which.
pub fn server_for(doc: &Value, secret: &str) -> Option<String> {
    let users = doc.get("users").and_then(Value::as_array).into_iter().flatten();
    let user = users.into_iter().find(|u| u.get("user").is_some_and(|body| holds(body, secret)))?;
    let user_name = user.get("name").and_then(Value::as_str).unwrap_or_default();
    let clusters: Vec<&Value> = doc.get("clusters").and_then(Value::as_array).into_iter().flatten().collect();
    let server_of = |cluster: &Value| cluster.pointer("/cluster/server").and_then(Value::as_str).map(str::to_string);
    let contexts = doc.get("contexts").and_then(Value::as_array).into_iter().flatten();
    let bound: Vec<&str> = contexts
        .filter(|c| c.pointer("/context/user").and_then(Value::as_str) == Some(user_name))
        .filter_map(|c| c.pointer("/context/cluster").and_then(Value::as_str))
        .collect();
    let mut servers: Vec<String> = if bound.is_empty() {
        clusters.iter().filter_map(|c| server_of(c)).collect()
    } else {
        let named = |c: &&&Value| c.get("name").and_then(Value::as_str).is_some_and(|n| bound.contains(&n));
        clusters.iter().filter(named).filter_map(|c| server_of(c)).collect()
    };
    servers.sort();
    servers.dedup();
    (servers.len() == 1).then(|| servers.remove(0))
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
    use crate::model::finding::{Environment, Scope};
    use base64::engine::general_purpose::STANDARD;
    use base64::Engine;

    const MASTERS_CERT: &str = include_str!("../../../fixtures/kubernetes/masters.crt");
    const VIEWER_CERT: &str = include_str!("../../../fixtures/kubernetes/viewer.crt");

    fn envs(clues: &[Clue]) -> Vec<Environment> {
        clues.iter().filter_map(|c| c.environment).collect()
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
        assert_eq!(envs(&dev), [Environment::Development; 4], "context, cluster, user `dev` and its loopback server");
        assert!(dev.iter().any(|c| c.local && c.reason.contains("`127.0.0.1`")), "{dev:?}");
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
    fn each_user_is_sent_only_to_its_own_cluster() {
        let text = kubeconfig("    token: ops-token-9e8a4b7c8d6e");
        let doc = read_kubeconfig(text.as_bytes()).unwrap();
        assert_eq!(server_for(&doc, "ops-token-9e8a4b7c8d6e").as_deref(), Some("https://10.0.0.1"));
        assert_eq!(server_for(&doc, "dev-token-4f1d2c3b9e8a").as_deref(), Some("https://127.0.0.1:6443"));
        assert_eq!(server_for(&doc, "not-in-the-file"), None);
        let unbound = "clusters:\n- name: a\n  cluster:\n    server: https://a.example\n\
                       - name: b\n  cluster:\n    server: https://b.example\ncontexts: []\n\
                       users:\n- name: u\n  user:\n    token: u-token-1234567890\n";
        let doc = read_kubeconfig(unbound.as_bytes()).unwrap();
        assert_eq!(server_for(&doc, "u-token-1234567890"), None, "two clusters and no context: no server");
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
