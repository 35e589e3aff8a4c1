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
        "dev" | "development" | "local" | "localhost" => Environment::Development,
        "test" | "testing" | "sandbox" => Environment::Test,
        _ => return None,
    })
}

/// Host name in a URL-shaped value (`scheme://user:pass@host:port/...`).
pub fn url_host(value: &str) -> Option<String> {
    let rest = value.split_once("://")?.1;
    let authority = rest.split(['/', '?', '#']).next()?;
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = host_port.split(',').next()?.rsplit_once(':').map_or(host_port, |(h, _)| h);
    (!host.is_empty()).then(|| host.to_ascii_lowercase())
}

/// Environment a host name points at: loopback is development, named hosts by their words.
pub fn host_environment(host: &str) -> Option<Environment> {
    if host == "localhost"
        || host.starts_with("127.")
        || host == "::1"
        || host == "[::1]"
        || host == "host.docker.internal"
    {
        return Some(Environment::Development);
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
    fn resource_names_name_environments() {
        assert_eq!(name_environment("prod-eks"), Some(Environment::Production));
        assert_eq!(name_environment("gke_acme_us-central1_production"), Some(Environment::Production));
        assert_eq!(name_environment("arn:aws:eks:eu-west-1:123456789012:cluster/staging"), Some(Environment::Staging));
        assert_eq!(name_environment("kind-blastradius"), Some(Environment::Development));
        assert_eq!(name_environment("products"), None);
        assert_eq!(name_environment("default"), None);
    }
}
