//! The catalogue of home-directory credential stores and history files, as data:
//! `detectors/stores/<tool>.toml`, embedded at build time. Each store names its tool, the
//! provider it belongs to, its format, every place it can live (the tool's override
//! variables first, then the XDG default, the macOS `~/Library/...` variant and the legacy
//! dotfile) and the key paths that hold secrets, each with the credential kind and scope.
//! Stores keyed by host (netrc, pgpass, git-credentials, docker `auths`, registry configs)
//! map the host to a provider through `detectors/stores/hosts.toml`.
//!
//! A missing file is simply not there; every place that exists is read (an agent can read
//! the default file even when an override points elsewhere).
//!
//! Facts: `shared/reference/credential-locations.md` §1–§3 and each tool's documentation.

use crate::model::finding::Scope;
use crate::model::names::url_host;
use crate::source::extract::Format;
use anyhow::{bail, Context, Result};
use regex::Regex;
use serde::Deserialize;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

/// Every `detectors/stores/*.toml` file: (file name, contents).
static EMBEDDED: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/embedded_stores.rs"));

/// The file of the host table among the embedded store files.
const HOSTS_FILE: &str = "hosts.toml";

/// Where a path is rooted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Base {
    /// The home directory.
    Home,
    /// `$XDG_CONFIG_HOME` when set, and `~/.config`.
    Config,
    /// `$XDG_DATA_HOME` when set, and `~/.local/share`.
    Data,
    /// `$XDG_STATE_HOME` when set, and `~/.local/state`.
    State,
    /// `$XDG_CACHE_HOME` when set, and `~/.cache`.
    Cache,
    /// `~/Library/Application Support` (macOS).
    MacSupport,
    /// `~/Library/Preferences` (macOS).
    MacPrefs,
    /// The directory a variable names.
    EnvDir(String),
}

/// One place a store can live. `*` in a path component matches any name in that directory.
///
/// Written in the data files as `~/p` (home), `config:p`, `data:p`, `state:p`, `cache:p`,
/// `mac-support:p`, `mac-prefs:p`, `$VAR/p` (under the directory a variable names),
/// `$VAR` (the file it names) and `list:$VAR` (a `:`-separated list of files).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Loc {
    /// A path under a base.
    At(Base, String),
    /// The file a variable names.
    EnvFile(String),
    /// A `:`-separated list of files a variable names (`KUBECONFIG`).
    EnvList(String),
}

impl Loc {
    /// Parses the data-file notation described on [`Loc`].
    pub fn parse(text: &str) -> Result<Loc> {
        if let Some(var) = text.strip_prefix("list:$") {
            return Ok(Loc::EnvList(checked_var(var)?.to_string()));
        }
        if let Some(rest) = text.strip_prefix('$') {
            return Ok(match rest.split_once('/') {
                Some((var, path)) => Loc::At(Base::EnvDir(checked_var(var)?.to_string()), checked_path(path)?),
                None => Loc::EnvFile(checked_var(rest)?.to_string()),
            });
        }
        if let Some(path) = text.strip_prefix("~/") {
            return Ok(Loc::At(Base::Home, checked_path(path)?));
        }
        let Some((base, path)) = text.split_once(':') else { bail!("location `{text}` has no base") };
        let base = match base {
            "config" => Base::Config,
            "data" => Base::Data,
            "state" => Base::State,
            "cache" => Base::Cache,
            "mac-support" => Base::MacSupport,
            "mac-prefs" => Base::MacPrefs,
            other => bail!("location `{text}`: unknown base `{other}`"),
        };
        Ok(Loc::At(base, checked_path(path)?))
    }
}

fn checked_var(var: &str) -> Result<&str> {
    if var.is_empty() || !var.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
        bail!("`{var}` is not a variable name");
    }
    Ok(var)
}

fn checked_path(path: &str) -> Result<String> {
    if path.is_empty() || path.starts_with('/') || path.split('/').any(|c| c.is_empty() || c == "..") {
        bail!("`{path}` is not a relative path");
    }
    Ok(path.to_string())
}

/// A key path that holds a secret in a store, and what the secret is.
#[derive(Debug, Clone)]
pub struct SecretRule {
    /// The pattern as written: `user.token`, `auths.{host}.auth`, `machine {host}.password`.
    /// `*` is one key component (no `.`), `**` any run of components, `{host}` a host name
    /// (dots allowed) looked up in the host table. Matching ignores case. A finding without a
    /// key (plain-text stores) matches `**`.
    pub path: String,
    matcher: Regex,
    /// The credential kind: `cli-login`, `registry-auth`, `database-password`, …
    pub kind: String,
    pub scope: Scope,
    /// One line: what the tool keeps there.
    pub reason: String,
    /// The provider of this key path when it differs from the store's.
    pub provider: Option<String>,
    /// The scope is one account that serves one environment (a Snowflake account): it
    /// does not on its own make the credential production-reaching.
    pub per_environment: bool,
    /// The value is a URL (`https://user:token@host/simple`): the secret is its password
    /// and its host is looked up in the host table.
    pub in_url: bool,
    /// The value is `user:password` (a Bundler source login): the secret is the password.
    pub user_password: bool,
    /// The key path says more than the value's shape: the store's provider and kind
    /// replace even a provider detector's (`gs_secret_access_key` in `.boto` is a Google
    /// HMAC key, though the AWS key-name detector matches it).
    pub authoritative: bool,
}

/// A credential store or history file.
#[derive(Debug, Clone)]
pub struct Store {
    pub tool: String,
    /// The provider the store belongs to (a `detectors/<provider>.toml` name where one
    /// exists); `None` for stores that hold many providers' keys (agent configs, rc files).
    pub provider: Option<String>,
    pub format: Format,
    /// A shell or REPL history (read by [`super::history`], newest commands first).
    pub history: bool,
    pub locations: Vec<Loc>,
    /// File-name patterns (`*` wildcards) that identify this store in a workspace.
    pub workspace_names: Vec<String>,
    pub secrets: Vec<SecretRule>,
    /// Key paths that hold identifiers, not secrets (a Twilio API key SID): what only a
    /// secret-named key made a finding there is dropped.
    public: Vec<Regex>,
}

impl Store {
    /// Does the store say the value at `key` is an identifier, not a secret?
    pub fn is_public(&self, key: &str) -> bool {
        self.public.iter().any(|re| re.is_match(key))
    }
}

/// A secret rule that matched a key, with the provider it resolves to.
#[derive(Debug, Clone)]
pub struct Identity<'a> {
    pub tool: &'a str,
    pub rule: &'a SecretRule,
    /// The rule's provider, else the host's, else the store's.
    pub provider: Option<&'a str>,
}

/// A sample file in the tool's real format with fake credentials: the tests lay every
/// example out as a fake home and check what `reach` reports.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Example {
    /// Where the file goes, relative to the home (or to the workspace when `workspace`).
    pub path: String,
    #[serde(default)]
    pub workspace: bool,
    pub text: String,
    /// What in the file must stay silent (a placeholder, a reference, a public value).
    pub decoy: String,
    pub expect: Vec<Expected>,
    #[serde(skip)]
    pub tool: String,
}

/// One credential an example plants.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expected {
    /// The key path the finding must carry.
    pub key: String,
    pub provider: String,
    pub kind: Option<String>,
}

/// One row of the host table: hosts ending in `suffix` belong to `provider`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HostRule {
    pub suffix: String,
    pub provider: String,
    /// Hosts written by the provider's own tools or docs, checked by a test.
    pub examples: Vec<String>,
}

/// Stores, histories, their examples and the host table.
#[derive(Debug)]
pub struct Catalogue {
    /// Every store in file-name order; histories are flagged [`Store::history`].
    pub stores: Vec<Store>,
    pub examples: Vec<Example>,
    pub hosts: Vec<HostRule>,
    /// Detector providers that name a file format rather than a provider (`netrc`,
    /// `docker-config`, …): a store's provider replaces them.
    pub format_providers: Vec<String>,
}

/// The built-in catalogue.
pub fn catalogue() -> Result<&'static Catalogue> {
    static CATALOGUE: LazyLock<Result<Catalogue, String>> =
        LazyLock::new(|| Catalogue::parse(EMBEDDED).map_err(|e| format!("{e:#}")));
    CATALOGUE.as_ref().map_err(|e| anyhow::anyhow!("built-in store catalogue: {e}"))
}

impl Catalogue {
    /// Parses store files and the host table.
    pub fn parse(files: &[(&str, &str)]) -> Result<Catalogue> {
        let mut catalogue =
            Catalogue { stores: Vec::new(), examples: Vec::new(), hosts: Vec::new(), format_providers: Vec::new() };
        for (name, text) in files {
            if *name == HOSTS_FILE {
                let table: HostFile = toml::from_str(text).with_context(|| format!("stores/{name}"))?;
                catalogue.hosts = table.host;
                catalogue.format_providers = table.format_providers;
                continue;
            }
            let file: ToolFile = toml::from_str(text).with_context(|| format!("stores/{name}"))?;
            file.add_to(&mut catalogue).with_context(|| format!("stores/{name}"))?;
        }
        Ok(catalogue)
    }

    /// Credential stores (not histories), in catalogue order.
    pub fn credential_stores(&self) -> impl Iterator<Item = &Store> {
        self.stores.iter().filter(|s| !s.history)
    }

    /// Shell and REPL histories, in catalogue order.
    pub fn histories(&self) -> impl Iterator<Item = &Store> {
        self.stores.iter().filter(|s| s.history)
    }

    /// The provider a host belongs to: the longest matching suffix in the host table.
    /// Accepts a bare host or anything a store writes around one (`https://h:443/v1/`,
    /// `//h/path/`, `user@h`).
    pub fn provider_for_host(&self, written: &str) -> Option<&str> {
        let host = bare_host(written);
        self.hosts
            .iter()
            .filter(|rule| host == rule.suffix || host.ends_with(&format!(".{}", rule.suffix)))
            .max_by_key(|rule| rule.suffix.len())
            .map(|rule| rule.provider.as_str())
    }

    /// What a store says about the value at `key` (`value` is the value itself, for rules
    /// whose host sits in a URL). `None` when no secret rule of the store matches.
    pub fn identity<'a>(&'a self, store: &'a Store, key: &str, value: &str) -> Option<Identity<'a>> {
        for rule in &store.secrets {
            let Some(caps) = rule.matcher.captures(key) else { continue };
            let host = match (caps.name("host"), rule.in_url) {
                (Some(host), _) => Some(host.as_str().to_string()),
                (None, true) => url_host(value),
                (None, false) => None,
            };
            let provider = rule
                .provider
                .as_deref()
                .or_else(|| host.as_deref().and_then(|h| self.provider_for_host(h)))
                .or(store.provider.as_deref());
            return Some(Identity { tool: &store.tool, rule, provider });
        }
        None
    }

    /// The store a workspace file belongs to, by its file name, or by the end of its path
    /// for a pattern with a `/` (`.bundle/config`, whose file name alone says nothing).
    pub fn workspace_store(&self, relative_path: &str) -> Option<&Store> {
        let lower = relative_path.to_ascii_lowercase().replace('\\', "/");
        let name = lower.rsplit('/').next().unwrap_or(&lower);
        let matches = |pattern: &String| match pattern.contains('/') {
            true => lower == *pattern || lower.ends_with(&format!("/{pattern}")),
            false => wildcard_match(pattern, name),
        };
        self.credential_stores().find(|s| s.workspace_names.iter().any(matches))
    }

    /// Is `provider` one that names a file format rather than a service?
    pub fn is_format_provider(&self, provider: &str) -> bool {
        provider == "unknown" || self.format_providers.iter().any(|p| p == provider)
    }
}

/// `detectors/stores/hosts.toml`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct HostFile {
    format_providers: Vec<String>,
    host: Vec<HostRule>,
}

/// One `detectors/stores/<tool>.toml` file.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ToolFile {
    tool: String,
    provider: Option<String>,
    store: Vec<StoreEntry>,
    #[serde(default)]
    example: Vec<Example>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StoreEntry {
    format: String,
    #[serde(default)]
    history: bool,
    provider: Option<String>,
    locations: Vec<String>,
    #[serde(default)]
    workspace: Vec<String>,
    #[serde(default)]
    public: Vec<String>,
    #[serde(default)]
    secret: Vec<SecretEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SecretEntry {
    path: String,
    kind: String,
    scope: Scope,
    reason: String,
    provider: Option<String>,
    #[serde(default)]
    per_environment: bool,
    #[serde(default)]
    in_url: bool,
    #[serde(default)]
    user_password: bool,
    #[serde(default)]
    authoritative: bool,
}

impl ToolFile {
    fn add_to(self, catalogue: &mut Catalogue) -> Result<()> {
        if self.example.is_empty() {
            bail!("tool `{}` has no example", self.tool);
        }
        for entry in self.store {
            let secrets = entry.secret.into_iter().map(SecretEntry::into_rule).collect::<Result<Vec<_>>>()?;
            let locations = entry.locations.iter().map(|l| Loc::parse(l)).collect::<Result<Vec<_>>>()?;
            let public = entry.public.iter().map(|p| path_matcher(p)).collect::<Result<Vec<_>>>()?;
            catalogue.stores.push(Store {
                tool: self.tool.clone(),
                provider: entry.provider.or_else(|| self.provider.clone()),
                format: parse_format(&entry.format)?,
                history: entry.history,
                locations,
                workspace_names: entry.workspace.iter().map(|w| w.to_ascii_lowercase()).collect(),
                secrets,
                public,
            });
        }
        for mut example in self.example {
            example.tool = self.tool.clone();
            catalogue.examples.push(example);
        }
        Ok(())
    }
}

impl SecretEntry {
    fn into_rule(self) -> Result<SecretRule> {
        let matcher = path_matcher(&self.path)?;
        Ok(SecretRule {
            path: self.path,
            matcher,
            kind: self.kind,
            scope: self.scope,
            reason: self.reason,
            provider: self.provider,
            per_environment: self.per_environment,
            in_url: self.in_url,
            user_password: self.user_password,
            authoritative: self.authoritative,
        })
    }
}

/// Compiles a key-path pattern (see [`SecretRule::path`]) into an anchored regex.
fn path_matcher(pattern: &str) -> Result<Regex> {
    let mut re = String::from("(?i)^");
    let mut rest = pattern;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix("{host}") {
            re.push_str("(?P<host>.+)");
            rest = after;
        } else if let Some(after) = rest.strip_prefix("**") {
            re.push_str(".*");
            rest = after;
        } else if let Some(after) = rest.strip_prefix('*') {
            re.push_str("[^.]*");
            rest = after;
        } else {
            let end = rest.find(['*', '{']).filter(|&i| i > 0).unwrap_or(rest.len());
            re.push_str(&regex::escape(&rest[..end]));
            rest = &rest[end..];
        }
    }
    re.push('$');
    Regex::new(&re).with_context(|| format!("key path `{pattern}`"))
}

fn parse_format(name: &str) -> Result<Format> {
    Ok(match name {
        "dotenv" => Format::Dotenv,
        "ini" => Format::Ini,
        "json" => Format::Json,
        "yaml" => Format::Yaml,
        "toml" => Format::Toml,
        "netrc" => Format::Netrc,
        "pgpass" => Format::Pgpass,
        "git-credentials" => Format::GitCredentials,
        "sqlite" => Format::Sqlite,
        "raw" => Format::Raw,
        "plain" => Format::Plain,
        other => bail!("unknown format `{other}`"),
    })
}

/// The host in what a store writes around one: scheme, userinfo, port and path removed.
fn bare_host(written: &str) -> String {
    let mut host = written.trim().trim_start_matches("//");
    if let Some((_, rest)) = host.split_once("://") {
        host = rest;
    }
    host = host.split(['/', '?', '#']).next().unwrap_or(host);
    host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    host = host.split(':').next().unwrap_or(host);
    host.trim_end_matches('.').to_ascii_lowercase()
}

/// Does `name` match `pattern`, where `*` matches any run of characters?
fn wildcard_match(pattern: &str, name: &str) -> bool {
    match pattern.split_once('*') {
        None => pattern == name,
        Some((prefix, rest)) => {
            let Some(tail) = name.strip_prefix(prefix) else { return false };
            if rest.is_empty() {
                return true;
            }
            (0..=tail.len()).filter(|&i| tail.is_char_boundary(i)).any(|i| wildcard_match(rest, &tail[i..]))
        }
    }
}

/// Resolves locations against a home directory and the override variables in `vars`
/// (empty when overrides are not honoured).
pub struct Resolver<'a> {
    pub home: &'a Path,
    pub vars: &'a HashMap<String, String>,
}

impl Resolver<'_> {
    /// Every path a store can live at that exists or cannot be looked at (a directory on
    /// the way is unreadable: the caller warns rather than report nothing), in catalogue
    /// order, without repeats.
    pub fn paths(&self, store: &Store) -> Vec<PathBuf> {
        let mut out: Vec<PathBuf> = Vec::new();
        for loc in &store.locations {
            for path in self.candidates(loc) {
                if !out.contains(&path) && exists_or_hidden(&path) {
                    out.push(path);
                }
            }
        }
        out
    }

    fn var(&self, name: &str) -> Option<&str> {
        self.vars.get(name).map(String::as_str).filter(|v| !v.is_empty())
    }

    fn candidates(&self, loc: &Loc) -> Vec<PathBuf> {
        match loc {
            Loc::EnvFile(name) => self.var(name).map(PathBuf::from).into_iter().collect(),
            Loc::EnvList(name) => self
                .var(name)
                .map(|list| std::env::split_paths(list).filter(|p| !p.as_os_str().is_empty()).collect())
                .unwrap_or_default(),
            Loc::At(base, pattern) => self.bases(base).into_iter().flat_map(|dir| expand(&dir, pattern)).collect(),
        }
    }

    fn bases(&self, base: &Base) -> Vec<PathBuf> {
        let home = self.home;
        let xdg = |var: &str, default: &str| {
            let mut dirs = vec![home.join(default)];
            if let Some(dir) = self.var(var) {
                dirs.insert(0, PathBuf::from(dir));
            }
            dirs
        };
        match base {
            Base::Home => vec![home.to_path_buf()],
            Base::Config => xdg("XDG_CONFIG_HOME", ".config"),
            Base::Data => xdg("XDG_DATA_HOME", ".local/share"),
            Base::State => xdg("XDG_STATE_HOME", ".local/state"),
            Base::Cache => xdg("XDG_CACHE_HOME", ".cache"),
            Base::MacSupport => vec![home.join("Library/Application Support")],
            Base::MacPrefs => vec![home.join("Library/Preferences")],
            Base::EnvDir(name) => self.var(name).map(PathBuf::from).into_iter().collect(),
        }
    }
}

/// Does `path` exist, or is it hidden behind a directory we may not search?
fn exists_or_hidden(path: &Path) -> bool {
    match std::fs::symlink_metadata(path) {
        Ok(_) => true,
        Err(err) => err.kind() == std::io::ErrorKind::PermissionDenied,
    }
}

/// Expands `*` wildcards (one per component at most) against the directory tree. A
/// directory that cannot be listed yields the pattern itself, so the unreadable store
/// gets a warning.
fn expand(dir: &Path, pattern: &str) -> Vec<PathBuf> {
    let mut current = vec![dir.to_path_buf()];
    for component in pattern.split('/') {
        let mut next = Vec::new();
        for base in &current {
            match component.split_once('*') {
                None => next.push(base.join(component)),
                Some((prefix, suffix)) => next.extend(matching_entries(base, prefix, suffix)),
            }
        }
        current = next;
    }
    current
}

fn matching_entries(dir: &Path, prefix: &str, suffix: &str) -> Vec<PathBuf> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) if err.kind() == std::io::ErrorKind::PermissionDenied => {
            return vec![dir.join(format!("{prefix}*{suffix}"))];
        }
        Err(_) => return Vec::new(),
    };
    let mut out: Vec<PathBuf> = entries
        .filter_map(|e| e.ok())
        .filter(|e| {
            let name = e.file_name();
            let name = name.to_string_lossy();
            name.len() >= prefix.len() + suffix.len() && name.starts_with(prefix) && name.ends_with(suffix)
        })
        .map(|e| e.path())
        .collect();
    out.sort();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store(locations: &[&str]) -> Store {
        Store {
            tool: "test".into(),
            provider: None,
            format: Format::Ini,
            history: false,
            locations: locations.iter().map(|l| Loc::parse(l).unwrap()).collect(),
            workspace_names: Vec::new(),
            secrets: Vec::new(),
            public: Vec::new(),
        }
    }

    #[test]
    fn overrides_and_defaults_are_both_resolved() {
        let dir = tempfile::tempdir().unwrap();
        let home = dir.path().join("home");
        std::fs::create_dir_all(home.join(".aws")).unwrap();
        std::fs::write(home.join(".aws/credentials"), "").unwrap();
        let elsewhere = dir.path().join("creds");
        std::fs::write(&elsewhere, "").unwrap();
        let vars = HashMap::from([("AWS_SHARED_CREDENTIALS_FILE".to_string(), elsewhere.display().to_string())]);
        let resolver = Resolver { home: &home, vars: &vars };
        let store = store(&["$AWS_SHARED_CREDENTIALS_FILE", "~/.aws/credentials"]);
        assert_eq!(resolver.paths(&store), [elsewhere, home.join(".aws/credentials")]);
    }

    #[test]
    fn wildcards_expand_per_component() {
        let dir = tempfile::tempdir().unwrap();
        let cache = dir.path().join(".aws/sso/cache");
        std::fs::create_dir_all(&cache).unwrap();
        std::fs::write(cache.join("a.json"), "{}").unwrap();
        std::fs::write(cache.join("b.txt"), "").unwrap();
        assert_eq!(expand(dir.path(), ".aws/sso/cache/*.json"), [cache.join("a.json")]);
    }

    #[test]
    fn location_notation_parses_every_form() {
        assert_eq!(Loc::parse("~/.netrc").unwrap(), Loc::At(Base::Home, ".netrc".into()));
        assert_eq!(Loc::parse("config:gh/hosts.yml").unwrap(), Loc::At(Base::Config, "gh/hosts.yml".into()));
        assert_eq!(
            Loc::parse("$CARGO_HOME/credentials.toml").unwrap(),
            Loc::At(Base::EnvDir("CARGO_HOME".into()), "credentials.toml".into())
        );
        assert_eq!(Loc::parse("$NETRC").unwrap(), Loc::EnvFile("NETRC".into()));
        assert_eq!(Loc::parse("list:$KUBECONFIG").unwrap(), Loc::EnvList("KUBECONFIG".into()));
        for bad in ["/etc/passwd", "~/../x", "nowhere:x", "$BAD-VAR", "relative"] {
            assert!(Loc::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn key_paths_match_components_and_capture_hosts() {
        let netrc = path_matcher("machine {host}.password").unwrap();
        let caps = netrc.captures("machine api.heroku.com.password").unwrap();
        assert_eq!(&caps["host"], "api.heroku.com");
        let git = path_matcher("{host}.*.password").unwrap();
        assert_eq!(&git.captures("github.com.bob.password").unwrap()["host"], "github.com");
        let one = path_matcher("profiles.*.outputs.*.password").unwrap();
        assert!(!one.is_match("analytics.outputs.prod.password"));
        assert!(one.is_match("profiles.a.outputs.prod.password"));
        assert!(!one.is_match("profiles.a.b.outputs.prod.password"));
        assert!(path_matcher("mcpServers.**.env.*").unwrap().is_match("mcpServers.x.y.env.TOKEN"));
    }

    #[test]
    fn hosts_resolve_by_longest_suffix() {
        let catalogue = catalogue().unwrap();
        assert_eq!(catalogue.provider_for_host("api.heroku.com"), Some("heroku"));
        assert_eq!(catalogue.provider_for_host("https://index.docker.io/v1/"), Some("docker-hub"));
        assert_eq!(catalogue.provider_for_host("//registry.npmjs.org/"), Some("npm"));
        assert_eq!(catalogue.provider_for_host("notheroku.com"), None);
        for rule in &catalogue.hosts {
            for example in &rule.examples {
                assert_eq!(catalogue.provider_for_host(example), Some(rule.provider.as_str()), "{example}");
            }
        }
    }

    #[test]
    fn wildcards_match_file_names() {
        assert!(wildcard_match("*.tfstate", "prod.tfstate"));
        assert!(wildcard_match("*service-account*.json", "ci-service-account-key.json"));
        assert!(!wildcard_match("*.tfstate", "prod.tfstate.txt"));
    }

    #[test]
    fn embedded_catalogue_parses_with_examples_for_every_tool() {
        let catalogue = catalogue().unwrap();
        let mut tools: Vec<&str> = catalogue.stores.iter().map(|s| s.tool.as_str()).collect();
        tools.dedup();
        for tool in &tools {
            assert!(catalogue.examples.iter().any(|e| e.tool == *tool), "{tool} has no example");
        }
        assert!(catalogue.credential_stores().count() >= 30);
        assert!(catalogue.histories().count() >= 10);
    }
}
