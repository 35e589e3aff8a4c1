//! Environment words read from names: file paths, key names, host names and resource
//! names (`.env.production`, `PROD_DB_URL`, `prod-db.internal`, `kind-dev`).

use super::finding::Environment;

/// Environment named by a file or directory name (`.env.production`, `values-prod.yaml`,
/// `config/environments/staging.rb`). Only the last three components count, so a
/// checkout under `~/dev/` does not make everything development.
pub fn path_environment(path: &str) -> Option<Environment> {
    let components: Vec<&str> = path.split(['/', '\\']).collect();
    let start = components.len().saturating_sub(3);
    components[start..].iter().rev().find_map(|c| words_environment(c))
}

/// Environment named by a file's own name only (`.env.production`, `config-staging.json`):
/// for files in a tool's own directories, whose names are the tool's, not environments.
pub fn file_name_environment(path: &str) -> Option<Environment> {
    path.rsplit(['/', '\\']).next().and_then(words_environment)
}

/// Environment named by words in an identifier: `PROD_DB_URL`, `staging-api`, `.env.test`.
pub fn words_environment(text: &str) -> Option<Environment> {
    let lower = text.to_ascii_lowercase();
    let words = lower.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty());
    words.filter_map(word_environment).max()
}

fn word_environment(word: &str) -> Option<Environment> {
    Some(match word {
        "prod" | "production" | "prd" | "live" => Environment::Production,
        "staging" | "stage" | "stg" | "preprod" | "uat" => Environment::Staging,
        "dev" | "development" | "local" | "localhost" | "lab" | "playground" | "scratch" => Environment::Development,
        "test" | "testing" | "sandbox" => Environment::Test,
        _ => return None,
    })
}

/// Top-level domains that end a host name inside a key path (`gitlab.acme.dev.oauth2`):
/// the common generic ones, the country codes seen in company domains, and the private
/// suffixes of internal networks.
const TOP_LEVEL_DOMAINS: [&str; 26] = [
    "com", "net", "org", "io", "dev", "app", "co", "ai", "cloud", "sh", "tech", "me", "xyz", "site", "run", "us", "eu",
    "uk", "de", "fr", "nl", "se", "internal", "local", "lan", "corp",
];

/// Environment named by a key name or key path. Host names inside it (the
/// `gitlab.acme.dev` of a git-credentials key, the URL of a `http."https://…".extraHeader`
/// key) are read as hosts, so their top-level domain is never an environment; every
/// other word is read as in [`words_environment`].
pub fn key_environment(key: &str) -> Option<Environment> {
    let mut found = Vec::new();
    for segment in key.split(|c: char| c.is_whitespace() || "\"'=".contains(c)).filter(|s| !s.is_empty()) {
        if segment.contains("://") {
            found.extend(url_host(segment).and_then(|h| host_environment(&h)));
            continue;
        }
        let labels: Vec<&str> = segment.split('.').collect();
        let mut start = 0;
        while start < labels.len() {
            match host_end(&labels, start) {
                Some(end) => {
                    found.extend(host_environment(&labels[start..=end].join(".").to_ascii_lowercase()));
                    start = end + 1;
                }
                None => {
                    found.extend(words_environment(labels[start]));
                    start += 1;
                }
            }
        }
    }
    found.into_iter().max()
}

/// The last label of a host name that starts at `labels[start]`: two or more host-name
/// labels ending in a top-level domain.
fn host_end(labels: &[&str], start: usize) -> Option<usize> {
    let is_label = |l: &str| !l.is_empty() && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    (start + 1..labels.len()).rev().find(|&end| {
        TOP_LEVEL_DOMAINS.contains(&labels[end].to_ascii_lowercase().as_str())
            && labels[start..=end].iter().all(|l| is_label(l))
    })
}

/// Hosts of public services whose names hold an environment word that names the service,
/// not an environment of yours (Azure DevOps lives at `dev.azure.com`).
const SERVICE_HOSTS: [&str; 2] = ["dev.azure.com", "ssh.dev.azure.com"];

/// Host name in a URL-shaped value (`scheme://user:pass@host:port/...`).
pub fn url_host(value: &str) -> Option<String> {
    let rest = value.split_once("://")?.1;
    let authority = rest.split(['/', '?', '#']).next()?;
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = host_port.split(',').next()?.rsplit_once(':').map_or(host_port, |(h, _)| h);
    (!host.is_empty()).then(|| host.to_ascii_lowercase())
}

/// Loopback and the machine's own names: a service on this machine.
pub fn is_local_host(host: &str) -> bool {
    matches!(host, "localhost" | "::1" | "[::1]" | "0.0.0.0" | "host.docker.internal") || host.starts_with("127.")
}

/// Environment a host name points at: loopback is development, named hosts by their words.
pub fn host_environment(host: &str) -> Option<Environment> {
    if is_local_host(host) {
        return Some(Environment::Development);
    }
    if SERVICE_HOSTS.iter().any(|s| host == *s || host.ends_with(&format!(".{s}"))) {
        return None;
    }
    // The last label is a top-level domain (`acme.dev`), never an environment.
    let name = host.rsplit_once('.').map_or(host, |(name, _)| name);
    words_environment(name)
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
    words_environment(&lower)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_inside_key_paths_are_read_as_hosts() {
        assert_eq!(key_environment("gitlab.acme.dev.oauth2.password"), None);
        assert_eq!(key_environment("http \"https://dev.azure.com/acme/\".extraHeader"), None);
        assert_eq!(key_environment("db.staging.acme.io.password"), Some(Environment::Staging));
        assert_eq!(key_environment("dev.password"), Some(Environment::Development));
        assert_eq!(key_environment("PROD_DATABASE_URL"), Some(Environment::Production));
        assert_eq!(key_environment("http \"https://git.prod.acme.com/\".extraHeader"), Some(Environment::Production));
    }

    #[test]
    fn resource_names_name_environments() {
        assert_eq!(name_environment("prod-eks"), Some(Environment::Production));
        assert_eq!(name_environment("gke_acme_us-central1_production"), Some(Environment::Production));
        assert_eq!(name_environment("arn:aws:eks:eu-west-1:123456789012:cluster/staging"), Some(Environment::Staging));
        assert_eq!(name_environment("kind-blastradius"), Some(Environment::Development));
        assert_eq!(name_environment("products"), None);
        assert_eq!(name_environment("default"), None);
    }
}
