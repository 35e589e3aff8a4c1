//! The finding model: what one credential at one location is, as every report sees it.
//!
//! A [`Finding`] never holds the raw secret in a form that prints: the value lives in a
//! [`Secret`], whose `Debug` and `Display` redact and which serializes to nothing. Reports
//! add the raw value only when the user asked for `--show-secrets`.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::fmt;
use zeroize::Zeroize;

/// A raw credential value. Prints and serializes only in redacted form.
#[derive(Clone, PartialEq, Eq, Hash, Default)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The raw value. Call sites must be reports honouring `--show-secrets`, or
    /// classification that reads structure (prefixes, JWT claims) without printing it.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// A redacted form that identifies the value to its owner without revealing it:
    /// a short known prefix, the last four characters and the length.
    pub fn redacted(&self) -> String {
        redact(&self.0)
    }
}

impl Drop for Secret {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Secret({})", self.redacted())
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.redacted())
    }
}

impl Serialize for Secret {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.redacted())
    }
}

/// Redacts a value: keeps a vendor prefix such as `ghp_` or `sk_live_` (never more than
/// a third of the value), the last four characters when the value is long enough, and
/// the length.
pub fn redact(value: &str) -> String {
    let chars: Vec<char> = value.chars().collect();
    let len = chars.len();
    if len < 12 {
        return format!("… ({len} chars)");
    }
    let prefix_len = vendor_prefix_len(value).min(len / 3);
    let prefix: String = chars[..prefix_len].iter().collect();
    let tail: String = chars[len - 4..].iter().collect();
    format!("{prefix}…{tail} ({len} chars)")
}

/// Length of a leading vendor marker: everything up to and including the last `_` or `-`
/// among the first 12 characters, when that part has no digits (digits are key material).
fn vendor_prefix_len(value: &str) -> usize {
    let head: String = value.chars().take(12).collect();
    match head.rfind(['_', '-']) {
        Some(idx) if !head[..idx].bytes().any(|b| b.is_ascii_digit()) => idx + 1,
        _ => 0,
    }
}

/// The first line of a parser's error about scanned content: where the file is broken,
/// never the source excerpt some parsers (TOML) print beneath it, which can quote the
/// very credential on the broken line.
pub fn content_error(err: &dyn fmt::Display) -> String {
    let text = format!("{err:#}");
    let first = text.lines().next().unwrap_or_default().trim_end();
    first.to_string()
}

/// Stable identity of a credential: hex SHA-256 of provider and value. The same secret
/// gets the same fingerprint in every file, commit and run.
pub fn fingerprint(provider: &str, secret: &str) -> String {
    let mut hasher = Sha256::new();
    hasher.update(provider.as_bytes());
    hasher.update([0u8]);
    hasher.update(secret.as_bytes());
    format!("{:x}", hasher.finalize())
}

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
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Critical => "critical",
            Severity::High => "high",
            Severity::Medium => "medium",
            Severity::Low => "low",
        }
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
    pub fingerprint: String,
    pub environment: Environment,
    pub scope: Scope,
    pub capabilities: Vec<Capability>,
    pub blast_radius: u8,
    pub severity: Severity,
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
    /// What the file around it says (kubeconfig contexts, Terraform workspace and tags),
    /// read while the file was at hand; classification applies them.
    pub clues: Vec<crate::clue::Clue>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redaction_keeps_prefix_tail_and_length_only() {
        let value = "ghp_Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4zA0b1";
        let red = redact(value);
        assert_eq!(red, format!("ghp_…A0b1 ({} chars)", value.len()));
        assert!(!red.contains("Ab3dEf"));
    }

    #[test]
    fn redaction_never_reveals_short_values() {
        assert_eq!(redact("hunter2"), "… (7 chars)");
    }

    #[test]
    fn prefix_with_digits_is_not_kept() {
        assert_eq!(redact("4f1d2c3b-aaaa-bbbb-cccc-1234567890ab"), "…90ab (36 chars)");
    }

    #[test]
    fn debug_and_serialize_redact() {
        let secret = Secret::new("sk_live_51HxYzAbCdEfGhIjKlMnOpQr");
        assert!(!format!("{secret:?}").contains("51HxYz"));
        assert!(!serde_json::to_string(&secret).unwrap().contains("51HxYz"));
    }

    #[test]
    fn content_errors_keep_the_location_and_drop_the_excerpt() {
        let err = toml::from_str::<toml::Table>("token = ghp_R8f2kL9qW3zX7vB1nM5tY6uH0jC4dE2aS7gQ\n").unwrap_err();
        let text = content_error(&err);
        assert!(text.contains("line 1"), "{text}");
        assert!(!text.contains("R8f2kL9q"), "{text}");
    }

    #[test]
    fn fingerprint_depends_on_provider_and_value_only() {
        assert_eq!(fingerprint("github", "abc"), fingerprint("github", "abc"));
        assert_ne!(fingerprint("github", "abc"), fingerprint("gitlab", "abc"));
        assert_eq!(fingerprint("github", "abc").len(), 64);
    }
}
