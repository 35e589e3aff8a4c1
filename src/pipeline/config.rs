//! `.blastradius.toml`: per-repository defaults for excludes, extra detectors, the
//! failure threshold and the baseline file. Flags on the command line win. A config file
//! can never turn on network access or point requests at another endpoint: such keys are
//! rejected, so a checked-in file cannot make a scan talk to anyone.

use crate::model::finding::FailOn;
use crate::model::parse_error::ParseError;
use anyhow::{bail, Context, Result};
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// The config file looked for in the scanned root.
pub const CONFIG_FILE: &str = ".blastradius.toml";

/// Key fragments that would grant network access or redirect it.
const FORBIDDEN: [&str; 8] = ["network", "introspect", "online", "verify", "endpoint", "url", "proxy", "host"];

/// A parsed config file; relative paths are resolved against the file's directory.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Config {
    /// The file this was read from (`None` for parsed text or no file).
    pub file: Option<PathBuf>,
    pub exclude: Vec<String>,
    pub detectors: Vec<PathBuf>,
    pub fail_on: Option<FailOn>,
    pub baseline: Option<PathBuf>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawConfig {
    #[serde(default)]
    exclude: Vec<String>,
    #[serde(default)]
    detectors: Vec<PathBuf>,
    #[serde(default)]
    fail_on: Option<String>,
    #[serde(default)]
    baseline: Option<PathBuf>,
}

impl Config {
    /// Loads `explicit` (which must exist), else `root/.blastradius.toml` if present,
    /// else the empty config.
    pub fn discover(explicit: Option<&Path>, root: &Path) -> Result<Self> {
        match explicit {
            Some(path) => Self::load(path),
            None => {
                let path = if root.is_dir() { root.join(CONFIG_FILE) } else { PathBuf::new() };
                if path.is_file() {
                    Self::load(&path)
                } else {
                    Ok(Config::default())
                }
            }
        }
    }

    /// Reads and validates one config file.
    pub fn load(path: &Path) -> Result<Self> {
        let text = crate::source::file::read_settings(path)
            .map_err(|err| anyhow::anyhow!("cannot read config {}: {err}", path.display()))?;
        let base = path.parent().unwrap_or(Path::new("."));
        let config = Self::parse(&text, base).with_context(|| format!("invalid config {}", path.display()))?;
        Ok(Config { file: Some(path.to_path_buf()), ..config })
    }

    /// Parses config text; `base` resolves relative paths. Errors name the key or the
    /// position, never a value from the file.
    pub fn parse(text: &str, base: &Path) -> Result<Self> {
        let table: toml::Table = toml::from_str(text).map_err(|e| ParseError::toml(&e, text))?;
        reject_network_keys(&table, "")?;
        let raw: RawConfig = toml::from_str(text).map_err(|e| {
            anyhow::anyhow!(
                "{}: an unknown key or a value of the wrong type (expected {EXPECTED})",
                ParseError::toml(&e, text)
            )
        })?;
        let fail_on = raw.fail_on.as_deref().map(parse_fail_on).transpose()?;
        Ok(Config {
            file: None,
            exclude: raw.exclude,
            detectors: raw.detectors.into_iter().map(|p| base.join(p)).collect(),
            fail_on,
            baseline: raw.baseline.map(|p| base.join(p)),
        })
    }
}

/// What a config may hold, for error messages.
const EXPECTED: &str = "exclude = [\"glob\", …], detectors = [\"dir\", …], fail-on = \"level\", baseline = \"file\"";

fn parse_fail_on(value: &str) -> Result<FailOn> {
    value.parse().map_err(|_| anyhow::anyhow!("fail-on must be one of {}", FailOn::NAMES.join(", ")))
}

fn reject_network_keys(table: &toml::Table, prefix: &str) -> Result<()> {
    for (key, value) in table {
        let lower = key.to_ascii_lowercase();
        if FORBIDDEN.iter().any(|word| lower.contains(word)) {
            bail!(
                "key `{prefix}{key}` is not allowed: network access and endpoints can only be set on the \
                 command line, never by a config file"
            );
        }
        if let toml::Value::Table(inner) = value {
            reject_network_keys(inner, &format!("{prefix}{key}."))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_key_and_resolves_paths() {
        let text = "exclude = [\"vendor/**\"]\ndetectors = [\"dets\"]\nfail-on = \"high\"\nbaseline = \"b.json\"\n";
        let config = Config::parse(text, Path::new("/repo")).unwrap();
        assert_eq!(config.exclude, vec!["vendor/**"]);
        assert_eq!(config.detectors, vec![PathBuf::from("/repo/dets")]);
        assert_eq!(config.fail_on, Some(FailOn::High));
        assert_eq!(config.baseline, Some(PathBuf::from("/repo/b.json")));
    }

    #[test]
    fn network_and_endpoint_keys_are_rejected_with_a_clear_error() {
        for text in ["introspect = true", "[network]\nallow = true", "[github]\napi-url = \"http://x\""] {
            let err = Config::parse(text, Path::new(".")).unwrap_err().to_string();
            assert!(err.contains("not allowed"), "{text}: {err}");
        }
    }

    #[test]
    fn unknown_keys_and_bad_values_are_errors() {
        assert!(Config::parse("excludes = []", Path::new(".")).is_err());
        assert!(Config::parse("fail-on = \"severe\"", Path::new(".")).is_err());
    }
}
