//! Offline classification: what a credential probably is, which environment it reaches
//! and what it can do, from the detector's defaults and the evidence around the match.
//! Every piece of evidence used is recorded in the finding's `reasons`.

use crate::detect::Detector;
use crate::detector::Hint;
use crate::finding::{Capability, Environment, Finding, Scope, Source};
use crate::validate::jwt_claims;

/// Applies detector defaults, the detector's hints and contextual evidence to a finding.
pub fn classify(finding: &mut Finding, detector: &Detector) {
    let mut intrinsic_env = None;
    for (hint, key_regex) in detector.spec.hints.iter().zip(&detector.hint_keys) {
        if !hint_applies(hint, key_regex.as_ref(), finding) {
            continue;
        }
        if let Some(env) = hint.environment {
            finding.environment = env;
            if hint.key_regex.is_none() {
                intrinsic_env = Some(env);
            }
        }
        if let Some(scope) = hint.scope {
            finding.scope = scope;
        }
        if let Some(caps) = &hint.capabilities {
            finding.capabilities = caps.clone();
        }
        finding.reasons.push(hint.reason.clone());
    }
    finding.capabilities.sort();
    finding.capabilities.dedup();
    if detector.spec.destroys_backups && finding.capabilities.contains(&Capability::Delete) {
        finding.evidence.reaches_backups = true;
        finding.reasons.push("can delete the provider's backups along with the data".into());
    }
    if finding.kind.contains("encrypted") {
        finding.evidence.encrypted_key = true;
        finding.reasons.push("the private key is encrypted: useless without its passphrase".into());
    }
    resolve_environment(finding, intrinsic_env, detector.spec.account_per_environment);
    finding.remediation = remediation(&detector.spec, finding);
}

/// One line: the detector's advice, where to rotate, and how to keep agents away from
/// where it was found.
fn remediation(spec: &crate::detector::DetectorSpec, finding: &Finding) -> String {
    let mut line = spec.remediation.trim_end_matches('.').to_string();
    if let Some(url) = &spec.rotate_url {
        line.push_str(&format!("; rotate at {url}"));
    }
    let keep_away = match finding.source {
        Source::Workspace => "; then keep it out of the workspace (secret manager or OS keychain) or add the file to the agent's deny list",
        Source::Staged => "; then unstage it and load it from a secret manager instead",
        Source::GitHistory => "; rotating is the only fix: the old commit keeps the value",
        Source::Home => "; then prefer short-lived or keychain-backed credentials for this tool",
        Source::History => "; then delete the history line and pass secrets through files or prompts, not arguments",
        Source::Env => "; then unset it before starting the agent",
    };
    line.push_str(keep_away);
    line.push('.');
    line
}

fn hint_applies(hint: &Hint, key_regex: Option<&regex::Regex>, finding: &Finding) -> bool {
    let secret = finding.secret.expose();
    let checks = [
        hint.secret_prefix.as_ref().map(|p| secret.starts_with(p.as_str())),
        hint.secret_contains.as_ref().map(|c| secret.contains(c.as_str())),
        key_regex.map(|re| finding.key.as_deref().is_some_and(|k| re.is_match(k))),
        hint.jwt_claim.as_ref().map(|claim| jwt_claim_matches(secret, claim)),
    ];
    checks.iter().any(Option::is_some) && checks.iter().all(|c| c.unwrap_or(true))
}

/// `claim` is `name=value`; true when the JWT payload has that string value.
fn jwt_claim_matches(secret: &str, claim: &str) -> bool {
    let Some((name, value)) = claim.split_once('=') else { return false };
    jwt_claims(secret).and_then(|claims| claims.get(name).and_then(|v| v.as_str().map(|s| s == value))).unwrap_or(false)
}

/// Combines what the token itself says with what its surroundings say. The token's own
/// evidence (a `sk_test_` prefix) decides; otherwise the broadest reach among the
/// contextual clues wins, and a credential whose scope spans a whole account or
/// workspace reaches production wherever it was found — unless the provider's accounts
/// are per environment, where the clues name the account's environment.
fn resolve_environment(finding: &mut Finding, intrinsic: Option<Environment>, account_per_environment: bool) {
    if let Some(env) = intrinsic {
        finding.environment = env;
        return;
    }
    let clues = context_clues(finding);
    for (env, reason) in &clues {
        finding.reasons.push(format!("{reason} suggests {}", env.as_str()));
    }
    let broadest = clues.iter().map(|(env, _)| *env).max();
    if let Some(env) = broadest {
        if clues.iter().any(|(e, _)| *e != env) {
            finding
                .reasons
                .push(format!("conflicting environment clues: assuming the broader reach, {}", env.as_str()));
        }
        finding.environment = finding.environment.max(env);
    }
    let spans_environments = matches!(finding.scope, Scope::Account | Scope::Workspace) && !account_per_environment;
    if spans_environments && finding.environment != Environment::Production {
        let was = finding.environment;
        finding.environment = Environment::Production;
        let scope = finding.scope.as_str();
        if was == Environment::Unknown {
            finding.reasons.push(format!("{scope}-wide credential: reaches every environment including production"));
        } else {
            finding.reasons.push(format!(
                "{scope}-wide credential found in a {} context: it still reaches production",
                was.as_str()
            ));
        }
    }
}

/// Environment clues from the path, the key name and host names in the value.
fn context_clues(finding: &Finding) -> Vec<(Environment, String)> {
    let mut clues = Vec::new();
    if let Some(env) = path_environment(&finding.path) {
        clues.push((env, format!("file path `{}`", finding.path)));
    }
    if let Some(key) = &finding.key {
        if let Some(env) = words_environment(key) {
            clues.push((env, format!("key name `{key}`")));
        }
    }
    if let Some(host) = url_host(finding.secret.expose()) {
        if let Some(env) = host_environment(&host) {
            clues.push((env, format!("host `{host}`")));
        }
    }
    clues
}

/// Environment named by a file or directory name (`.env.production`, `values-prod.yaml`,
/// `config/environments/staging.rb`). Only the last three components count, so a
/// checkout under `~/dev/` does not make everything development.
pub fn path_environment(path: &str) -> Option<Environment> {
    let components: Vec<&str> = path.split(['/', '\\']).collect();
    let start = components.len().saturating_sub(3);
    components[start..].iter().rev().find_map(|c| words_environment(c))
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
        "test" | "testing" | "sandbox" | "ci" => Environment::Test,
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
    words_environment(host)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_names_environments() {
        assert_eq!(path_environment("app/.env.production"), Some(Environment::Production));
        assert_eq!(path_environment("deploy/values-prod.yaml"), Some(Environment::Production));
        assert_eq!(path_environment("config/environments/staging.rb"), Some(Environment::Staging));
        assert_eq!(path_environment("appsettings.Development.json"), Some(Environment::Development));
        assert_eq!(path_environment("src/main.rs"), None);
        assert_eq!(path_environment("/home/me/dev/a/b/c/config.yml"), None);
    }

    #[test]
    fn key_names_environments() {
        assert_eq!(words_environment("PROD_DATABASE_URL"), Some(Environment::Production));
        assert_eq!(words_environment("STAGING_TOKEN"), Some(Environment::Staging));
        assert_eq!(words_environment("STRIPE_KEY"), None);
        assert_eq!(words_environment("PRODUCT_KEY"), None);
    }

    #[test]
    fn hosts_in_urls() {
        let url = "postgres://app:pw@prod-db.internal:5432/app";
        assert_eq!(url_host(url).as_deref(), Some("prod-db.internal"));
        assert_eq!(host_environment("prod-db.internal"), Some(Environment::Production));
        assert_eq!(host_environment("localhost"), Some(Environment::Development));
        assert_eq!(url_host("redis://:pw@127.0.0.1:6379").as_deref(), Some("127.0.0.1"));
    }
}
