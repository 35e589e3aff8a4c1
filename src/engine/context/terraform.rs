//! Terraform state: the workspace a state file belongs to (`terraform.tfstate.d/<ws>/`,
//! S3-style `env:/<ws>/…` keys, the backend key of `.terraform/terraform.tfstate`) and the
//! environment tags and attributes of the resource that holds a credential.

use crate::model::finding::Clue;
use crate::model::names::name_environment;
use serde_json::Value;

/// Attribute and tag names that hold an environment name.
const ENVIRONMENT_KEYS: &[&str] = &[
    "environment",
    "env",
    "stage",
    "environment_name",
    "deployment_environment",
    // The resource's own name, which names its environment by the same conventions as a
    // host name (`dispatch-prod`).
    "identifier",
    "cluster_identifier",
    "db_instance_identifier",
    "cluster_name",
    "name",
];
/// Attributes that hold resource tags or labels.
const TAG_KEYS: &[&str] = &["tags", "tags_all", "labels", "user_labels"];

/// A parsed state file and the workspace clues of its path.
pub struct State {
    doc: Value,
    workspace: Vec<Clue>,
}

impl State {
    /// A Terraform state file: named `*.tfstate` (or `.tfstate.backup`), or JSON with a
    /// `terraform_version`.
    pub fn read(path: &str, buf: &[u8]) -> Option<State> {
        let lower = path.to_ascii_lowercase();
        let named = lower.ends_with(".tfstate") || lower.ends_with(".tfstate.backup");
        if !named && memchr::memmem::find(buf, b"\"terraform_version\"").is_none() {
            return None;
        }
        let doc: Value = serde_json::from_slice(buf).ok()?;
        doc.get("terraform_version")?;
        let mut workspace: Vec<Clue> = path_workspace(path).into_iter().collect();
        workspace.extend(backend_key(&doc));
        Some(State { doc, workspace })
    }

    /// The workspace clues, then the environment tags of the resource holding the secret
    /// (or of every resource in the state when none holds it, e.g. a sensitive output).
    pub fn clues_for(&self, secret: &str) -> Vec<Clue> {
        let mut clues = self.workspace.clone();
        let resources: Vec<(String, &Value)> = instances(&self.doc).collect();
        let holding: Vec<&(String, &Value)> = resources.iter().filter(|(_, a)| contains(a, secret)).collect();
        let all: Vec<&(String, &Value)> = resources.iter().collect();
        if holding.is_empty() {
            // A sensitive output, held by no resource: every resource's evidence counts.
            clues.extend(resource_clues(&all));
            return clues;
        }
        let held = resource_clues(&holding);
        if !held.is_empty() {
            clues.extend(held);
            return clues;
        }
        // The holding resource names no environment (an IAM access key): one state is one
        // deployment, so the environment its resources agree on is the key's.
        let others = resource_clues(&all);
        if let [one] = others.as_slice() {
            let env = one.environment.expect("resource clues name an environment");
            let reason = format!("{}; the state's resources agree on it", one.reason);
            clues.push(Clue::environment(env, reason));
        }
        clues
    }
}

/// One environment clue per environment the resources' attributes name.
fn resource_clues(pool: &[&(String, &Value)]) -> Vec<Clue> {
    let mut clues: Vec<Clue> = Vec::new();
    for (address, attributes) in pool.iter().copied() {
        for (label, value) in environment_values(attributes) {
            let Some(env) = name_environment(&value) else { continue };
            if clues.iter().any(|c| c.environment == Some(env)) {
                continue;
            }
            let reason = format!("Terraform state: `{address}` has {label} = \"{value}\", suggesting {}", env.as_str());
            clues.push(Clue::environment(env, reason));
        }
    }
    clues
}

/// `terraform.tfstate.d/<workspace>/…` (local backend) or `env:/<workspace>/…` (the
/// S3 and GCS backends' workspace prefix).
fn path_workspace(path: &str) -> Option<Clue> {
    let parts: Vec<&str> = path.split(['/', '\\']).collect();
    let at = parts.iter().position(|p| *p == "terraform.tfstate.d" || *p == "env:")?;
    let workspace = parts.get(at + 1).filter(|w| !w.is_empty() && !w.ends_with(".tfstate"))?;
    let env = name_environment(workspace)?;
    Some(Clue::environment(env, format!("Terraform workspace `{workspace}` suggests {}", env.as_str())))
}

/// The remote state key in `.terraform/terraform.tfstate` (`env:/prod/app.tfstate`,
/// `production/network.tfstate`).
fn backend_key(doc: &Value) -> Option<Clue> {
    let config = doc.pointer("/backend/config")?;
    let key = config.get("key").or_else(|| config.get("prefix")).and_then(Value::as_str)?;
    let env = name_environment(key)?;
    Some(Clue::environment(env, format!("Terraform backend key `{key}` suggests {}", env.as_str())))
}

/// Every resource instance's address and attributes (state format 4).
impl State {
    /// The types of the resources holding the secret (`aws_rds_cluster`): they name what
    /// the credential opens.
    pub fn holding_types(&self, secret: &str) -> Vec<String> {
        let resources = self.doc.get("resources").and_then(Value::as_array).into_iter().flatten();
        let holding = resources.filter(|r| {
            let instances = r.get("instances").and_then(Value::as_array).into_iter().flatten();
            instances.filter_map(|i| i.get("attributes")).any(|a| contains(a, secret))
        });
        let mut types: Vec<String> =
            holding.filter_map(|r| r.get("type").and_then(Value::as_str)).map(String::from).collect();
        types.dedup();
        types
    }
}

fn instances(doc: &Value) -> impl Iterator<Item = (String, &Value)> {
    let resources = doc.get("resources").and_then(Value::as_array).into_iter().flatten();
    resources.flat_map(|r| {
        let module = r.get("module").and_then(Value::as_str).map(|m| format!("{m}.")).unwrap_or_default();
        let kind = r.get("type").and_then(Value::as_str).unwrap_or("resource");
        let name = r.get("name").and_then(Value::as_str).unwrap_or("unnamed");
        let address = format!("{module}{kind}.{name}");
        let instances = r.get("instances").and_then(Value::as_array).into_iter().flatten();
        instances.filter_map(move |i| i.get("attributes").map(|a| (address.clone(), a)))
    })
}

/// `environment = "production"` attributes and `tags.Environment = "production"` tags.
fn environment_values(attributes: &Value) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let is_env_key = |k: &str| ENVIRONMENT_KEYS.contains(&k.to_ascii_lowercase().as_str());
    let Some(map) = attributes.as_object() else { return found };
    for (key, value) in map {
        if let (true, Some(text)) = (is_env_key(key), value.as_str()) {
            found.push((key.clone(), text.to_string()));
        }
        if TAG_KEYS.contains(&key.as_str()) {
            for (tag, tag_value) in value.as_object().into_iter().flatten() {
                if let (true, Some(text)) = (is_env_key(tag), tag_value.as_str()) {
                    found.push((format!("{key}.{tag}"), text.to_string()));
                }
            }
        }
    }
    found
}

/// Does any string in the value contain the secret?
fn contains(value: &Value, secret: &str) -> bool {
    match value {
        Value::String(text) => text.contains(secret),
        Value::Object(map) => map.values().any(|v| contains(v, secret)),
        Value::Array(items) => items.iter().any(|v| contains(v, secret)),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::finding::Environment;

    const STATE: &str = r#"{
  "version": 4, "terraform_version": "1.9.5", "serial": 3, "lineage": "l", "outputs": {},
  "resources": [
    {"mode": "managed", "type": "aws_db_instance", "name": "main", "instances": [
      {"attributes": {"password": "db-password-example", "tags": {"Environment": "production", "Team": "core"}}}]},
    {"mode": "managed", "type": "aws_iam_access_key", "name": "ci", "module": "module.ci", "instances": [
      {"attributes": {"secret": "iam-secret-example", "environment": "staging"}}]}
  ]
}"#;

    fn envs(clues: &[Clue]) -> Vec<Environment> {
        clues.iter().filter_map(|c| c.environment).collect()
    }

    #[test]
    fn the_holding_resource_tags_name_the_environment() {
        let state = State::read("infra/terraform.tfstate", STATE.as_bytes()).unwrap();
        let db = state.clues_for("db-password-example");
        assert_eq!(envs(&db), [Environment::Production]);
        assert!(
            db[0].reason.contains("`aws_db_instance.main` has tags.Environment = \"production\""),
            "{}",
            db[0].reason
        );
        let key = state.clues_for("iam-secret-example");
        assert_eq!(envs(&key), [Environment::Staging]);
        assert!(key[0].reason.contains("module.ci.aws_iam_access_key.ci"));
        let elsewhere = state.clues_for("in-an-output-only");
        assert_eq!(envs(&elsewhere), [Environment::Production, Environment::Staging]);
    }

    #[test]
    fn a_resource_that_names_no_environment_takes_the_one_the_state_agrees_on() {
        let agreed = STATE.replace(r#""environment": "staging""#, r#""user": "ci-deployer""#);
        let state = State::read("infra/terraform.tfstate", agreed.as_bytes()).unwrap();
        let key = state.clues_for("iam-secret-example");
        assert_eq!(envs(&key), [Environment::Production]);
        assert!(key[0].reason.ends_with("the state's resources agree on it"), "{}", key[0].reason);
        let split = STATE
            .replace(r#""environment": "staging""#, r#""user": "ci-deployer""#)
            .replace(r#""Team": "core""#, r#""Team": "core"}}}]}, {"type": "aws_s3_bucket", "name": "b", "instances": [{"attributes": {"tags": {"Environment": "staging""#);
        let state = State::read("infra/terraform.tfstate", split.as_bytes()).unwrap();
        assert!(envs(&state.clues_for("iam-secret-example")).is_empty(), "the resources disagree");
    }

    #[test]
    fn workspace_directories_and_backend_keys_name_the_environment() {
        let state = State::read("terraform.tfstate.d/prod/terraform.tfstate", STATE.as_bytes()).unwrap();
        assert!(state.workspace[0].reason.starts_with("Terraform workspace `prod`"));
        let s3 = State::read("mirror/env:/staging/network/terraform.tfstate", STATE.as_bytes()).unwrap();
        assert_eq!(envs(&s3.workspace), [Environment::Staging]);
        let backend = r#"{"version": 3, "terraform_version": "1.9.5", "backend": {"type": "s3", "config": {"bucket": "b", "key": "env:/production/app.tfstate"}}}"#;
        let state = State::read(".terraform/terraform.tfstate", backend.as_bytes()).unwrap();
        assert_eq!(envs(&state.workspace), [Environment::Production]);
    }

    #[test]
    fn decoys_name_no_environment() {
        let untagged = r#"{"terraform_version": "1.9.5", "resources": [{"type": "x", "name": "y", "instances": [{"attributes": {"tags": {"Product": "prod-analytics", "environment_id": "production"}}}]}]}"#;
        let state = State::read("terraform.tfstate.d/default/terraform.tfstate", untagged.as_bytes()).unwrap();
        assert!(state.clues_for("anything").is_empty());
        assert!(State::read("a.tfstate", b"{not json").is_none());
        assert!(State::read("package.json", br#"{"name": "terraform_version"}"#).is_none());
        assert!(State::read("config.json", br#"{"resources": []}"#).is_none());
    }
}
