//! The catalogue of home-directory credential stores and history files: data, not code.
//! Each store names its tool, its format and every place it can live: the tool's override
//! variables first, then the XDG default, the macOS `~/Library/...` variant and the legacy
//! dotfile. A missing file is simply not there; every place that exists is read (an agent
//! can read the default file even when an override points elsewhere).
//!
//! Facts: `shared/reference/credential-locations.md` §1–§3.

use crate::source::extract::Format;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Where a path is rooted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Base {
    /// The home directory.
    Home,
    /// `$XDG_CONFIG_HOME` when set, and `~/.config`.
    Config,
    /// `$XDG_DATA_HOME` when set, and `~/.local/share`.
    Data,
    /// `$XDG_CACHE_HOME` when set, and `~/.cache`.
    Cache,
    /// `~/Library/Application Support` (macOS).
    MacSupport,
    /// `~/Library/Preferences` (macOS).
    MacPrefs,
    /// The directory a variable names.
    EnvDir(&'static str),
}

/// One place a store can live. `*` in a path component matches any name in that directory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Loc {
    /// A path under a base.
    At(Base, &'static str),
    /// The file a variable names.
    EnvFile(&'static str),
    /// A `:`-separated list of files a variable names (`KUBECONFIG`).
    EnvList(&'static str),
}

/// A credential store or history file.
#[derive(Debug, Clone, Copy)]
pub struct Store {
    pub tool: &'static str,
    pub format: Format,
    pub locations: &'static [Loc],
}

use Base::*;
use Format::*;
use Loc::*;

macro_rules! store {
    ($tool:expr, $format:expr, [$($loc:expr),+ $(,)?]) => {
        Store { tool: $tool, format: $format, locations: &[$($loc),+] }
    };
}

/// Home-directory credential stores, agent and MCP configurations, shell rc files.
pub static STORES: &[Store] = &[
    // Cloud and cluster
    store!("aws", Ini, [EnvFile("AWS_SHARED_CREDENTIALS_FILE"), At(Home, ".aws/credentials")]),
    store!("aws", Ini, [EnvFile("AWS_CONFIG_FILE"), At(Home, ".aws/config")]),
    store!("aws-sso-cache", Json, [At(Home, ".aws/sso/cache/*.json"), At(Home, ".aws/cli/cache/*.json")]),
    store!(
        "gcloud",
        Json,
        [
            At(EnvDir("CLOUDSDK_CONFIG"), "application_default_credentials.json"),
            At(Config, "gcloud/application_default_credentials.json"),
            At(EnvDir("CLOUDSDK_CONFIG"), "legacy_credentials/*/adc.json"),
            At(Config, "gcloud/legacy_credentials/*/adc.json"),
        ]
    ),
    store!(
        "gcloud",
        Ini,
        [At(EnvDir("CLOUDSDK_CONFIG"), "legacy_credentials/*/.boto"), At(Config, "gcloud/legacy_credentials/*/.boto")]
    ),
    store!(
        "gcloud",
        Sqlite,
        [
            At(EnvDir("CLOUDSDK_CONFIG"), "credentials.db"),
            At(Config, "gcloud/credentials.db"),
            At(EnvDir("CLOUDSDK_CONFIG"), "access_tokens.db"),
            At(Config, "gcloud/access_tokens.db"),
        ]
    ),
    store!("google-application-credentials", Json, [EnvFile("GOOGLE_APPLICATION_CREDENTIALS")]),
    store!(
        "azure",
        Json,
        [
            At(EnvDir("AZURE_CONFIG_DIR"), "msal_token_cache.json"),
            At(Home, ".azure/msal_token_cache.json"),
            At(EnvDir("AZURE_CONFIG_DIR"), "service_principal_entries.json"),
            At(Home, ".azure/service_principal_entries.json"),
            At(Home, ".azure/accessTokens.json"),
        ]
    ),
    store!("kubectl", Yaml, [EnvList("KUBECONFIG"), At(Home, ".kube/config")]),
    // Containers and VCS
    store!(
        "docker",
        Json,
        [At(EnvDir("DOCKER_CONFIG"), "config.json"), At(Home, ".docker/config.json"), At(Home, ".dockercfg")]
    ),
    store!(
        "podman",
        Json,
        [
            EnvFile("REGISTRY_AUTH_FILE"),
            At(EnvDir("XDG_RUNTIME_DIR"), "containers/auth.json"),
            At(Config, "containers/auth.json"),
        ]
    ),
    store!("gh", Yaml, [At(EnvDir("GH_CONFIG_DIR"), "hosts.yml"), At(Config, "gh/hosts.yml")]),
    store!(
        "glab",
        Yaml,
        [
            At(EnvDir("GLAB_CONFIG_DIR"), "config.yml"),
            At(Config, "glab-cli/config.yml"),
            At(MacSupport, "glab-cli/config.yml"),
        ]
    ),
    store!("glab", Dotenv, [At(Home, ".glab-cli/config/.env")]),
    store!("git-credentials", GitCredentials, [At(Home, ".git-credentials"), At(Config, "git/credentials")]),
    store!("git-config", Ini, [EnvFile("GIT_CONFIG_GLOBAL"), At(Home, ".gitconfig"), At(Config, "git/config")]),
    store!("netrc (heroku, …)", Netrc, [EnvFile("NETRC"), At(Home, ".netrc"), At(Home, "_netrc")]),
    // Package registries
    store!("npm", Ini, [EnvFile("NPM_CONFIG_USERCONFIG"), At(Home, ".npmrc")]),
    store!("yarn", Yaml, [At(Home, ".yarnrc.yml")]),
    store!("yarn", Plain, [At(Home, ".yarnrc")]),
    store!("pypi", Ini, [At(Home, ".pypirc")]),
    store!(
        "pip",
        Ini,
        [
            EnvFile("PIP_CONFIG_FILE"),
            At(Config, "pip/pip.conf"),
            At(Home, ".pip/pip.conf"),
            At(MacSupport, "pip/pip.conf"),
        ]
    ),
    store!(
        "poetry",
        Toml,
        [
            At(EnvDir("POETRY_CONFIG_DIR"), "auth.toml"),
            At(Config, "pypoetry/auth.toml"),
            At(MacSupport, "pypoetry/auth.toml"),
        ]
    ),
    store!(
        "cargo",
        Toml,
        [
            At(EnvDir("CARGO_HOME"), "credentials.toml"),
            At(EnvDir("CARGO_HOME"), "credentials"),
            At(Home, ".cargo/credentials.toml"),
            At(Home, ".cargo/credentials"),
        ]
    ),
    store!("rubygems", Yaml, [At(Home, ".gem/credentials")]),
    store!("maven", Plain, [At(Home, ".m2/settings.xml"), At(Home, ".m2/settings-security.xml")]),
    store!(
        "gradle",
        Dotenv,
        [At(EnvDir("GRADLE_USER_HOME"), "gradle.properties"), At(Home, ".gradle/gradle.properties")]
    ),
    store!("nuget", Plain, [At(Home, ".nuget/NuGet/NuGet.Config"), At(Config, "NuGet/NuGet.Config")]),
    store!(
        "composer",
        Json,
        [At(EnvDir("COMPOSER_HOME"), "auth.json"), At(Config, "composer/auth.json"), At(Home, ".composer/auth.json"),]
    ),
    // Infrastructure as code and secret managers
    store!("terraform", Json, [At(Home, ".terraform.d/credentials.tfrc.json")]),
    store!("terraform", Plain, [EnvFile("TF_CLI_CONFIG_FILE"), At(Home, ".terraformrc")]),
    store!("pulumi", Json, [At(EnvDir("PULUMI_HOME"), "credentials.json"), At(Home, ".pulumi/credentials.json")]),
    store!("vault", Raw, [At(Home, ".vault-token")]),
    store!("doppler", Yaml, [At(EnvDir("DOPPLER_CONFIG_DIR"), ".doppler.yaml"), At(Home, ".doppler/.doppler.yaml")]),
    // Platforms and hosting
    store!(
        "railway",
        Json,
        [
            At(Home, ".railway/config.json"),
            At(Home, ".railway/config-staging.json"),
            At(Home, ".railway/config-dev.json"),
        ]
    ),
    store!("vercel", Json, [At(Data, "com.vercel.cli/auth.json"), At(MacSupport, "com.vercel.cli/auth.json")]),
    store!(
        "netlify",
        Json,
        [At(Home, ".netlify/config.json"), At(Config, "netlify/config.json"), At(MacPrefs, "netlify/config.json"),]
    ),
    store!("flyctl", Yaml, [At(Home, ".fly/config.yml")]),
    store!("supabase", Raw, [At(Home, ".supabase/access-token"), At(Config, "supabase/access-token")]),
    store!("firebase", Json, [At(Config, "configstore/firebase-tools.json")]),
    store!("stripe", Toml, [At(Config, "stripe/config.toml")]),
    store!(
        "wrangler",
        Toml,
        [
            At(Home, ".wrangler/config/default.toml"),
            At(Config, ".wrangler/config/default.toml"),
            At(MacPrefs, ".wrangler/config/default.toml"),
        ]
    ),
    store!("doctl", Yaml, [At(Config, "doctl/config.yaml"), At(MacSupport, "doctl/config.yaml")]),
    store!("linode", Ini, [At(Config, "linode-cli"), At(Home, ".linode-cli")]),
    store!("hcloud", Toml, [EnvFile("HCLOUD_CONFIG"), At(Config, "hcloud/cli.toml")]),
    store!("twilio", Json, [At(Home, ".twilio-cli/config.json")]),
    store!(
        "ngrok",
        Yaml,
        [At(Config, "ngrok/ngrok.yml"), At(MacSupport, "ngrok/ngrok.yml"), At(Home, ".ngrok2/ngrok.yml")]
    ),
    store!("sentry-cli", Ini, [At(Home, ".sentryclirc")]),
    store!(
        "huggingface",
        Raw,
        [
            EnvFile("HF_TOKEN_PATH"),
            At(EnvDir("HF_HOME"), "token"),
            At(Cache, "huggingface/token"),
            At(Home, ".huggingface/token"),
        ]
    ),
    store!(
        "huggingface",
        Ini,
        [
            EnvFile("HF_STORED_TOKENS_PATH"),
            At(EnvDir("HF_HOME"), "stored_tokens"),
            At(Cache, "huggingface/stored_tokens"),
        ]
    ),
    // Data platforms and databases
    store!(
        "snowflake",
        Toml,
        [
            At(EnvDir("SNOWFLAKE_HOME"), "connections.toml"),
            At(EnvDir("SNOWFLAKE_HOME"), "config.toml"),
            At(Home, ".snowflake/connections.toml"),
            At(Home, ".snowflake/config.toml"),
        ]
    ),
    store!("databricks", Ini, [EnvFile("DATABRICKS_CONFIG_FILE"), At(Home, ".databrickscfg")]),
    store!("dbt", Yaml, [At(EnvDir("DBT_PROFILES_DIR"), "profiles.yml"), At(Home, ".dbt/profiles.yml")]),
    store!("postgres", Pgpass, [EnvFile("PGPASSFILE"), At(Home, ".pgpass")]),
    store!("mysql", Ini, [At(Home, ".my.cnf")]),
    // SSH keys (public keys are read too: no detector matches them)
    store!("ssh", Plain, [At(Home, ".ssh/id_*"), At(Home, ".ssh/*.pem"), At(Home, ".ssh/*.key")]),
    // Shell startup files and home-level .env files
    store!(
        "shell-rc",
        Dotenv,
        [
            At(Home, ".bashrc"),
            At(Home, ".bash_profile"),
            At(Home, ".profile"),
            At(Home, ".zshrc"),
            At(Home, ".zshenv"),
            At(Home, ".zprofile"),
            At(Home, ".env"),
        ]
    ),
    store!("fish-config", Plain, [At(Config, "fish/config.fish")]),
    // AI agents and MCP configurations
    store!(
        "claude-desktop",
        Json,
        [At(MacSupport, "Claude/claude_desktop_config.json"), At(Config, "Claude/claude_desktop_config.json"),]
    ),
    store!(
        "claude-code",
        Json,
        [
            At(Home, ".claude.json"),
            At(EnvDir("CLAUDE_CONFIG_DIR"), ".claude.json"),
            At(EnvDir("CLAUDE_CONFIG_DIR"), "settings.json"),
            At(EnvDir("CLAUDE_CONFIG_DIR"), ".credentials.json"),
            At(Home, ".claude/settings.json"),
            At(Home, ".claude/settings.local.json"),
            At(Home, ".claude/.credentials.json"),
        ]
    ),
    store!("cursor", Json, [At(Home, ".cursor/mcp.json")]),
    store!(
        "vscode",
        Json,
        [
            At(Config, "Code/User/mcp.json"),
            At(Config, "Code/User/settings.json"),
            At(MacSupport, "Code/User/mcp.json"),
            At(MacSupport, "Code/User/settings.json"),
        ]
    ),
    store!("windsurf", Json, [At(Home, ".codeium/windsurf/mcp_config.json")]),
    store!(
        "cline",
        Json,
        [
            At(Config, "Code/User/globalStorage/saoudrizwan.claude-dev/settings/cline_mcp_settings.json"),
            At(MacSupport, "Code/User/globalStorage/saoudrizwan.claude-dev/settings/cline_mcp_settings.json"),
            At(Config, "Code/User/globalStorage/rooveterinaryinc.roo-cline/settings/mcp_settings.json"),
            At(MacSupport, "Code/User/globalStorage/rooveterinaryinc.roo-cline/settings/mcp_settings.json"),
        ]
    ),
    store!("continue", Yaml, [At(Home, ".continue/config.yaml")]),
    store!("continue", Json, [At(Home, ".continue/config.json")]),
    store!("continue", Dotenv, [At(Home, ".continue/.env")]),
    store!("codex", Json, [At(EnvDir("CODEX_HOME"), "auth.json"), At(Home, ".codex/auth.json")]),
    store!("codex", Toml, [At(EnvDir("CODEX_HOME"), "config.toml"), At(Home, ".codex/config.toml")]),
    store!(
        "gemini-cli",
        Json,
        [
            At(Home, ".gemini/settings.json"),
            At(Home, ".gemini/oauth_creds.json"),
            At(Home, ".gemini/mcp-oauth-tokens.json"),
        ]
    ),
    store!("gemini-cli", Dotenv, [At(Home, ".gemini/.env")]),
    store!("aider", Yaml, [At(Home, ".aider.conf.yml")]),
    store!("zed", Json, [At(Config, "zed/settings.json")]),
];

/// Shell and REPL history files (format: see [`super::history`]).
pub static HISTORIES: &[Store] = &[
    store!("bash", Plain, [EnvFile("HISTFILE"), At(Home, ".bash_history")]),
    store!("zsh", Plain, [At(Home, ".zsh_history"), At(Home, ".zhistory")]),
    store!("fish", Plain, [At(Data, "fish/fish_history"), At(Config, "fish/fish_history")]),
    store!("sh", Plain, [At(Home, ".sh_history")]),
    store!("python", Plain, [EnvFile("PYTHON_HISTORY"), At(Home, ".python_history")]),
    store!("node", Plain, [EnvFile("NODE_REPL_HISTORY"), At(Home, ".node_repl_history")]),
    store!("psql", Plain, [EnvFile("PSQL_HISTORY"), At(Home, ".psql_history")]),
    store!("mysql", Plain, [EnvFile("MYSQL_HISTFILE"), At(Home, ".mysql_history")]),
    store!("redis-cli", Plain, [EnvFile("REDISCLI_HISTFILE"), At(Home, ".rediscli_history")]),
    store!("sqlite", Plain, [EnvFile("SQLITE_HISTORY"), At(Home, ".sqlite_history")]),
    store!("irb", Plain, [At(Home, ".irb_history"), At(Data, "irb/irb_history")]),
];

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
        for loc in store.locations {
            for path in self.candidates(*loc) {
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

    fn candidates(&self, loc: Loc) -> Vec<PathBuf> {
        match loc {
            EnvFile(name) => self.var(name).map(PathBuf::from).into_iter().collect(),
            EnvList(name) => self
                .var(name)
                .map(|list| std::env::split_paths(list).filter(|p| !p.as_os_str().is_empty()).collect())
                .unwrap_or_default(),
            At(base, pattern) => self.bases(base).into_iter().flat_map(|dir| expand(&dir, pattern)).collect(),
        }
    }

    fn bases(&self, base: Base) -> Vec<PathBuf> {
        let home = self.home;
        let xdg = |var: &str, default: &str| {
            let mut dirs = vec![home.join(default)];
            if let Some(dir) = self.var(var) {
                dirs.insert(0, PathBuf::from(dir));
            }
            dirs
        };
        match base {
            Home => vec![home.to_path_buf()],
            Config => xdg("XDG_CONFIG_HOME", ".config"),
            Data => xdg("XDG_DATA_HOME", ".local/share"),
            Cache => xdg("XDG_CACHE_HOME", ".cache"),
            MacSupport => vec![home.join("Library/Application Support")],
            MacPrefs => vec![home.join("Library/Preferences")],
            EnvDir(name) => self.var(name).map(PathBuf::from).into_iter().collect(),
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
        let store = store!("aws", Ini, [EnvFile("AWS_SHARED_CREDENTIALS_FILE"), At(Home, ".aws/credentials")]);
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
    fn catalogue_covers_at_least_thirty_tools() {
        let mut tools: Vec<&str> = STORES.iter().map(|s| s.tool).collect();
        tools.sort_unstable();
        tools.dedup();
        assert!(tools.len() >= 30, "{} tools", tools.len());
    }
}
