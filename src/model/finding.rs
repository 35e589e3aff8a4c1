//! The finding model: what one credential at one location is, as every report sees it,
//! and the words that classify it (source, environment, scope, capability, severity).
//!
//! A [`Finding`] never holds the raw secret in a form that prints: the value lives in a
//! [`Secret`], whose `Debug` and `Display` redact and which serializes to nothing. Reports
//! add the raw value only when the user asked for `--show-secrets`.

use serde::{Deserialize, Serialize};

pub use super::secret::Secret;

/// Where a credential was found, from an agent's point of view.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum Source {
    /// A file in a scanned tree (the workspace).
    Workspace,
    /// A file staged for the next commit.
    Staged,
    /// A blob in git history.
    GitHistory,
    /// A home-directory credential store.
    Home,
    /// A shell or REPL history file.
    History,
    /// The process environment.
    Env,
}

impl Source {
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Workspace => "workspace",
            Source::Staged => "staged",
            Source::GitHistory => "git-history",
            Source::Home => "home",
            Source::History => "history",
            Source::Env => "env",
        }
    }
}

/// The environment a credential reaches.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord, Default)]
#[serde(rename_all = "lowercase")]
pub enum Environment {
    #[default]
    Unknown,
    Test,
    Development,
    Staging,
    Production,
}

impl Environment {
    pub fn as_str(self) -> &'static str {
        match self {
            Environment::Production => "production",
            Environment::Staging => "staging",
            Environment::Development => "development",
            Environment::Test => "test",
            Environment::Unknown => "unknown",
        }
    }
}

/// What a credential lets its holder do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Capability {
    Read,
    Write,
    Admin,
    Delete,
}

impl Capability {
    pub fn as_str(self) -> &'static str {
        match self {
            Capability::Read => "read",
            Capability::Write => "write",
            Capability::Admin => "admin",
            Capability::Delete => "delete",
        }
    }
}

/// How far a credential's authority extends.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord, Default)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    /// Nothing is known about its scope.
    #[default]
    Unknown,
    /// One environment of one project (e.g. a Railway project token).
    Environment,
    /// One project, repository or service.
    Project,
    /// A workspace, team or organisation.
    Workspace,
    /// Everything the owning account can reach.
    Account,
}

impl Scope {
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Account => "account",
            Scope::Workspace => "workspace",
            Scope::Project => "project",
            Scope::Environment => "environment",
            Scope::Unknown => "unknown",
        }
    }
}

/// Severity band derived from the blast-radius score.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Low,
    Medium,
    High,
    Critical,
}

impl Severity {
    /// The next tier down (low stays low).
    pub fn lower(self) -> Severity {
        match self {
            Severity::Critical => Severity::High,
            Severity::High => Severity::Medium,
            Severity::Medium | Severity::Low => Severity::Low,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Critical => "critical",
            Severity::High => "high",
            Severity::Medium => "medium",
            Severity::Low => "low",
        }
    }
}

/// The severity at or above which a finding fails a run (exit code 1).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FailOn {
    Critical,
    High,
    Medium,
    Low,
    /// Never fail because of findings.
    None,
}

impl FailOn {
    /// Every value's name, as written on the command line and in config files.
    pub const NAMES: [&'static str; 5] = ["critical", "high", "medium", "low", "none"];

    /// The lowest severity that fails, `None` for [`FailOn::None`].
    pub fn threshold(self) -> Option<Severity> {
        match self {
            FailOn::Critical => Some(Severity::Critical),
            FailOn::High => Some(Severity::High),
            FailOn::Medium => Some(Severity::Medium),
            FailOn::Low => Some(Severity::Low),
            FailOn::None => None,
        }
    }

    /// The value's name, as written on the command line and in config files.
    pub fn as_str(self) -> &'static str {
        match self {
            FailOn::Critical => "critical",
            FailOn::High => "high",
            FailOn::Medium => "medium",
            FailOn::Low => "low",
            FailOn::None => "none",
        }
    }

    /// Does any of `findings` fail the run?
    pub fn fails(self, findings: &[Finding]) -> bool {
        self.threshold().is_some_and(|t| findings.iter().any(|f| f.severity >= t))
    }
}

impl std::str::FromStr for FailOn {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(match s.to_ascii_lowercase().as_str() {
            "critical" => FailOn::Critical,
            "high" => FailOn::High,
            "medium" => FailOn::Medium,
            "low" => FailOn::Low,
            "none" => FailOn::None,
            _ => return Err(format!("must be one of {} (got `{s}`)", FailOn::NAMES.join(", "))),
        })
    }
}

/// One credential at one location.
#[derive(Clone, Debug, Serialize)]
pub struct Finding {
    pub rule_id: String,
    pub rule_name: String,
    pub provider: String,
    /// The credential kind, e.g. `personal-access-token`, `private-key`.
    pub kind: String,
    /// The path as the user named it (relative roots give relative paths), `env:NAME`
    /// for environment variables.
    pub path: String,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    /// The commit a git-history finding was read from; `None` for files.
    pub commit: Option<String>,
    pub source: Source,
    /// Key name the value was assigned to, when one was seen (`RAILWAY_API_TOKEN=…`).
    pub key: Option<String>,
    #[serde(skip)]
    pub secret: Secret,
    pub secret_redacted: String,
    /// Stable identity of the credential ([`super::fingerprint`]).
    pub fingerprint: String,
    pub environment: Environment,
    pub scope: Scope,
    pub capabilities: Vec<Capability>,
    pub blast_radius: u8,
    pub severity: Severity,
    /// The provider's impact class (`detectors/classes.toml`), which sets the ceiling.
    pub impact_class: String,
    /// Identity of the credential this location belongs to: its parts found together
    /// (an AWS key id and its secret key) share it; otherwise the fingerprint.
    pub credential: String,
    pub reasons: Vec<String>,
    pub remediation: String,
    pub introspection: Option<serde_json::Value>,
    /// Facts classification established for ranking.
    #[serde(skip)]
    pub evidence: Evidence,
}

/// Facts about a credential that change its score but have no field of their own.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Evidence {
    /// It can delete data and the provider keeps the backups inside the same scope.
    pub reaches_backups: bool,
    /// A private key protected by a passphrase.
    pub encrypted_key: bool,
    /// Meant to be public (shipped to browsers or apps), e.g. a Supabase `anon` key.
    pub public_by_design: bool,
    /// The provider rejected it when introspected (revoked, expired or unauthorized).
    pub inactive: bool,
    /// The provider confirmed, when introspected, that it administers the organisation.
    pub verified_admin: bool,
    /// It sits in a test fixture or documentation: an example more than a credential.
    pub example: bool,
    /// It only reaches a service on this machine (`localhost`, a loopback address).
    pub local_only: bool,
    /// Evidence (not a detector's default) shows it can only read.
    pub read_only: bool,
    /// The credential itself says it is test mode (`sk_test_`).
    pub test_mode: bool,
    /// A tier this kind of credential reaches instead of its class's ceiling, and why.
    pub ceiling: Option<(Severity, String)>,
    /// Why it reaches its class's ceiling: the class, or the evidence that decided.
    pub class_reason: String,
    /// The evidence that set the environment, when any did.
    pub environment_reason: Option<String>,
    /// What the file around it says (kubeconfig contexts, Terraform workspace and tags),
    /// read while the file was at hand; classification applies them.
    pub clues: Vec<Clue>,
    /// The API server of the kubeconfig cluster its user is bound to, read from the very
    /// bytes it was found in: the only endpoint introspection may send it to.
    pub server: Option<String>,
    /// What an agent profile said about how the agent reaches it, when that decides
    /// whether it is reported at all (file tools denied, the shell can still read it): it
    /// leads the reasons after classification.
    pub access_lead: Option<String>,
    /// The catalogue store (its tool's name) whose secret key path held it: the value is
    /// a credential because of where it sits, whatever its shape.
    pub store: Option<String>,
    /// What the credential's record says it is for, in the file's words: the value of a
    /// `provider`, `type` or `service` key beside it, or the host of a URL on its line
    /// (`provider: mistral`, `type = b2`, `https://jenkins.acme.dev/…`). Classification
    /// looks it up among the providers' names.
    pub record_names: Vec<String>,
}

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
    /// The evidence shows a service on this machine only (a `localhost` host beside it).
    pub local: bool,
    /// What the evidence is, for `reasons`.
    pub reason: String,
}

impl Clue {
    /// A clue that names an environment.
    pub fn environment(env: Environment, reason: String) -> Clue {
        Clue {
            environment: Some(env),
            scope: None,
            capabilities: Vec::new(),
            per_environment: false,
            local: false,
            reason,
        }
    }

    /// Full control of one cluster or account that serves one environment.
    /// A service on this machine only: development, local.
    pub fn local(reason: String) -> Clue {
        Clue { local: true, ..Clue::environment(Environment::Development, reason) }
    }

    /// Evidence that the credential can only read.
    pub fn read_only(reason: String) -> Clue {
        Clue {
            environment: None,
            scope: None,
            capabilities: vec![Capability::Read],
            per_environment: false,
            local: false,
            reason,
        }
    }

    /// An evidence-backed scope and nothing else.
    pub fn scope(scope: Scope, reason: String) -> Clue {
        Clue {
            environment: None,
            scope: Some(scope),
            capabilities: Vec::new(),
            per_environment: false,
            local: false,
            reason,
        }
    }

    pub fn cluster_admin(reason: String) -> Clue {
        Clue {
            local: false,
            environment: None,
            scope: Some(Scope::Account),
            capabilities: vec![Capability::Read, Capability::Write, Capability::Admin, Capability::Delete],
            per_environment: true,
            reason,
        }
    }
}

#[cfg(test)]
impl Finding {
    /// A finding of rule `rule_id` at line `line` of `a.txt`, for unit tests of code that
    /// only moves findings around.
    pub fn example(rule_id: &str, line: usize) -> Finding {
        Finding {
            rule_id: rule_id.to_string(),
            rule_name: String::new(),
            provider: String::new(),
            kind: String::new(),
            path: "a.txt".to_string(),
            line,
            column: 1,
            end_line: line,
            end_column: 2,
            commit: None,
            source: Source::Workspace,
            key: None,
            secret: Secret::default(),
            secret_redacted: String::new(),
            fingerprint: String::new(),
            environment: Environment::Unknown,
            scope: Scope::Unknown,
            capabilities: Vec::new(),
            blast_radius: 0,
            severity: Severity::Low,
            impact_class: String::new(),
            credential: String::new(),
            reasons: Vec::new(),
            remediation: String::new(),
            introspection: None,
            evidence: Evidence::default(),
        }
    }
}
