//! Detector definitions: data in `detectors/*.toml`, embedded at build time and
//! extendable at run time with `--detectors DIR`.
//!
//! A file describes one provider and holds one or more `[[detector]]` tables. Every
//! detector carries its own `examples` (strings it must find) and `negative_examples`
//! (strings it must not find); `blastradius detectors test` and `cargo test` run them.

use crate::model::finding::{Capability, Environment, Scope, Severity};
use anyhow::{bail, Context, Result};
use serde::Deserialize;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Detector files compiled into the binary by `build.rs`: (file name, contents).
pub static EMBEDDED: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/embedded_detectors.rs"));

/// One `detectors/<provider>.toml` file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DetectorFile {
    /// Provider id shared by every detector in the file, e.g. `github`.
    provider: String,
    /// Where the owner rotates or revokes these credentials.
    #[serde(default)]
    rotate_url: Option<String>,
    /// The provider's impact class (`detectors/classes.toml`), which sets the ceiling.
    #[serde(default)]
    class: Option<String>,
    /// One line: what the provider controls, and so why this class.
    #[serde(default)]
    class_reason: Option<String>,
    /// Key-name forms that name the provider (`anthropic`, `circleci`): a generic
    /// finding under such a key (`ANTHROPIC_AUTH_TOKEN`) is attributed to it.
    #[serde(default)]
    names: Vec<String>,
    /// The names are also common words: they count only as the first word of a key or
    /// of a key path segment (`RENDER_API_KEY`, not `PRE_RENDER_TOKEN`).
    #[serde(default)]
    names_prefix_only: bool,
    #[serde(rename = "detector")]
    detectors: Vec<DetectorSpec>,
}

/// A detector as written in TOML.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DetectorSpec {
    /// Unique id, e.g. `github-pat-classic`. Used as the SARIF rule id.
    pub id: String,
    /// Human name, e.g. "GitHub personal access token (classic)".
    pub name: String,
    /// Filled from the file's `provider`.
    #[serde(default)]
    pub provider: String,
    /// Filled from the file's `class`.
    #[serde(skip)]
    pub class: Option<String>,
    /// Filled from the file's `class_reason`.
    #[serde(skip)]
    pub class_reason: Option<String>,
    /// Filled from the file's `names`.
    #[serde(skip)]
    pub provider_names: Vec<String>,
    /// Filled from the file's `names_prefix_only`.
    #[serde(skip)]
    pub provider_names_prefix_only: bool,
    /// Credential kind, e.g. `personal-access-token`, `api-key`, `private-key`.
    pub kind: String,
    /// Literal strings, matched case-insensitively, at least one of which occurs in every
    /// match or at most 256 bytes before it. They drive the prefilter: a detector whose keywords are absent
    /// from a file never runs its regex there.
    pub keywords: Vec<String>,
    /// Regex (Rust `regex` syntax, bytes API) with a named group `secret` and optionally
    /// a named group `key` for the key name the value is assigned to.
    pub regex: String,
    /// Longest text, in bytes, a match can span after its keyword. Defaults to the
    /// regex's own length bound, or 1024 when the regex is unbounded (`+`, `*`).
    #[serde(default)]
    pub max_len: Option<usize>,
    /// Minimum Shannon entropy (bits per byte) of the secret, when the format alone is
    /// too loose to trust.
    #[serde(default)]
    pub min_entropy: Option<f32>,
    /// Structural checks a match must pass.
    #[serde(default)]
    pub validators: Vec<Validator>,
    /// Generic detectors (JWTs, URLs with passwords, key=value secrets) yield to a
    /// provider-specific detector that matches the same text.
    #[serde(default)]
    pub generic: bool,
    /// What the credential can do by default, before any other evidence.
    #[serde(default)]
    pub capabilities: Vec<Capability>,
    /// How far its authority extends by default.
    #[serde(default)]
    pub scope: Scope,
    /// The environment it reaches by default.
    #[serde(default)]
    pub environment: Environment,
    /// The provider's accounts usually map to one environment each (AWS accounts, GCP
    /// projects, Azure subscriptions): context clues then decide the environment even
    /// for an account-wide credential. Otherwise an account- or workspace-wide credential
    /// reaches production wherever it was found.
    #[serde(default)]
    pub account_per_environment: bool,
    /// Evidence read from the secret or its key name that refines the defaults.
    #[serde(default)]
    pub hints: Vec<Hint>,
    /// Does the provider keep backups inside the same scope the credential controls?
    #[serde(default)]
    pub destroys_backups: bool,
    /// This kind of credential reaches a different tier than its provider's class allows
    /// (an admin key of an LLM provider is critical, an incoming webhook is medium);
    /// `ceiling_reason` says why.
    #[serde(default)]
    pub ceiling: Option<Severity>,
    #[serde(default)]
    pub ceiling_reason: Option<String>,
    /// Detectors whose matches nearby (same file, same section) are the other parts of
    /// one credential: an AWS key id with its secret key and session token.
    #[serde(default)]
    pub pairs_with: Vec<String>,
    /// The value names the credential rather than being its secret (an AWS key id): in a
    /// group with a secret part, the secret leads.
    #[serde(default)]
    pub names_credential: bool,
    /// One line: what to do about a leaked credential of this kind.
    pub remediation: String,
    /// Where to rotate it; defaults to the file's `rotate_url`.
    #[serde(default)]
    pub rotate_url: Option<String>,
    /// Texts the detector must find (through the full engine: keywords, regex, filters).
    pub examples: Vec<String>,
    /// Texts the detector must not find anything in.
    pub negative_examples: Vec<String>,
    /// Loaded from a directory a config file named: it never displaces another
    /// detector's match (see [`load_layers`]).
    #[serde(skip)]
    pub added_by_config: bool,
}

/// A structural check on a candidate secret.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Validator {
    /// GitHub-style token: the last 6 characters are the base62 CRC32 of the 30 before
    /// them (`ghp_`, `gho_`, `ghu_`, `ghs_`, `ghr_`, `npm_`).
    Crc32Base62,
    /// A JSON Web Token: the header decodes to a JSON object with an `alg`.
    Jwt,
    /// Not all digits, not all letters: real keys mix character classes.
    MixedClasses,
    /// The generic-secret model ([`crate::engine::generic`]) scores the value, its key name and
    /// its file as a likely real secret.
    LikelySecret,
    /// Base64 of `user:password` with a plausible password (HTTP Basic, Docker `auth`).
    BasicAuth,
    /// Not a URL: a URL's password or query parameters are other detectors' to report,
    /// so a key=value fallback leaves it to them.
    NotUrl,
}

/// One piece of evidence a detector knows how to read.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Hint {
    /// Applies when the secret starts with this text.
    #[serde(default)]
    pub secret_prefix: Option<String>,
    /// Applies when the secret contains this text.
    #[serde(default)]
    pub secret_contains: Option<String>,
    /// Applies when the key name matches this regex (case-insensitive).
    #[serde(default)]
    pub key_regex: Option<String>,
    /// Applies when a JWT claim in the secret has this value: `"role=service_role"`.
    #[serde(default)]
    pub jwt_claim: Option<String>,
    /// The tier this evidence allows instead of the class's ceiling (an admin key).
    #[serde(default)]
    pub ceiling: Option<Severity>,
    /// The impact class this evidence shows, for detectors whose matches belong to many
    /// providers (a generic password whose key names a database).
    #[serde(default)]
    pub class: Option<String>,
    #[serde(default)]
    pub environment: Option<Environment>,
    #[serde(default)]
    pub scope: Option<Scope>,
    #[serde(default)]
    pub capabilities: Option<Vec<Capability>>,
    /// The value is meant to be public (publishable keys, Supabase `anon` keys): its loss
    /// exposes only what is already exposed by design.
    #[serde(default)]
    pub public_by_design: bool,
    /// Plain-words evidence recorded in the finding's reasons.
    pub reason: String,
}

/// Reads the embedded detectors, then every `*.toml` in `extra_dirs`. A detector from
/// an extra directory replaces an embedded one with the same id.
pub fn load(extra_dirs: &[PathBuf]) -> Result<Vec<DetectorSpec>> {
    Ok(load_layers(extra_dirs, &[])?.0)
}

/// The built-in detectors, then those in `replacing` (directories named on the command
/// line: a detector there replaces one with the same id), then those in `adding`
/// (directories a config file names, usually from the scanned tree: they may only add
/// detectors, so a clash keeps the existing one and yields a warning). Detectors from
/// `adding` are marked [`DetectorSpec::added_by_config`].
pub fn load_layers(replacing: &[PathBuf], adding: &[PathBuf]) -> Result<(Vec<DetectorSpec>, Vec<String>)> {
    let mut specs = Vec::new();
    for (name, text) in EMBEDDED {
        specs.extend(parse_file(text).with_context(|| format!("built-in detector file {name}"))?);
    }
    for (path, extra) in read_dirs(replacing)? {
        for spec in extra {
            specs.retain(|s: &DetectorSpec| s.id != spec.id);
            specs.push(spec);
        }
        let _ = path;
    }
    let mut warnings = Vec::new();
    for (path, extra) in read_dirs(adding)? {
        for mut spec in extra {
            if specs.iter().any(|s| s.id == spec.id) {
                warnings.push(format!(
                    "{}: detector `{}` is already defined; a config file may only add detectors, so the \
                     existing one is kept",
                    path.display(),
                    spec.id
                ));
                continue;
            }
            spec.added_by_config = true;
            specs.push(spec);
        }
    }
    check_unique_ids(&specs)?;
    Ok((specs, warnings))
}

/// Every detector file in `dirs`, parsed, with its path.
fn read_dirs(dirs: &[PathBuf]) -> Result<Vec<(PathBuf, Vec<DetectorSpec>)>> {
    let mut files = Vec::new();
    for dir in dirs {
        for path in toml_files(dir)? {
            let text = crate::source::file::read_settings(&path)
                .map_err(|err| anyhow::anyhow!("cannot read detector file {}: {err}", path.display()))?;
            let specs = parse_file(&text).with_context(|| format!("detector file {}", path.display()))?;
            files.push((path, specs));
        }
    }
    Ok(files)
}

fn toml_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let entries =
        std::fs::read_dir(dir).with_context(|| format!("cannot read detector directory {}", dir.display()))?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|ext| ext == "toml") && p.is_file())
        .collect();
    files.sort();
    Ok(files)
}

/// Parses one detector file and checks each detector's own invariants.
pub fn parse_file(text: &str) -> Result<Vec<DetectorSpec>> {
    let file: DetectorFile = toml::from_str(text).map_err(|e| crate::model::parse_error::ParseError::toml(&e, text))?;
    let mut specs = file.detectors;
    for spec in &mut specs {
        spec.provider = file.provider.clone();
        spec.class = file.class.clone();
        spec.class_reason = file.class_reason.clone();
        spec.provider_names = file.names.clone();
        spec.provider_names_prefix_only = file.names_prefix_only;
        if spec.rotate_url.is_none() {
            spec.rotate_url = file.rotate_url.clone();
        }
        check_spec(spec).with_context(|| format!("detector `{}`", spec.id))?;
    }
    Ok(specs)
}

fn check_spec(spec: &DetectorSpec) -> Result<()> {
    if spec.keywords.is_empty() || spec.keywords.iter().any(|k| k.trim().len() < 2) {
        bail!("needs at least one keyword, each of two or more characters, for the prefilter");
    }
    if spec.examples.is_empty() || spec.negative_examples.is_empty() {
        bail!("needs both `examples` and `negative_examples`");
    }
    if !spec.regex.contains("(?P<secret>") && !spec.regex.contains("(?<secret>") {
        bail!("regex has no named group `secret`");
    }
    Ok(())
}

fn check_unique_ids(specs: &[DetectorSpec]) -> Result<()> {
    let mut seen: HashMap<&str, ()> = HashMap::new();
    for spec in specs {
        if seen.insert(&spec.id, ()).is_some() {
            bail!("two detectors share the id `{}`", spec.id);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_embedded_file_parses() {
        let specs = load(&[]).expect("built-in detectors load");
        assert!(specs.len() >= EMBEDDED.len());
    }

    #[test]
    fn detector_without_negative_examples_is_rejected() {
        let text = r#"
provider = "demo"
[[detector]]
id = "demo-key"
name = "Demo key"
kind = "api-key"
keywords = ["demo_"]
regex = '(?P<secret>demo_[a-z]{8})'
remediation = "rotate"
examples = ["demo_abcdefgh"]
negative_examples = []
"#;
        let err = parse_file(text).unwrap_err();
        assert!(format!("{err:#}").contains("negative_examples"));
    }

    #[test]
    fn every_built_in_detector_has_a_prefilter_keyword() {
        for (name, text) in EMBEDDED {
            let file: DetectorFile = toml::from_str(text).unwrap_or_else(|e| panic!("{name}: {e}"));
            for spec in file.detectors {
                assert!(!spec.keywords.is_empty(), "{name}: detector `{}` has no keyword", spec.id);
                for keyword in &spec.keywords {
                    assert!(keyword.trim().len() >= 2, "{name}: detector `{}` has keyword {keyword:?}", spec.id);
                }
            }
        }
    }

    #[test]
    fn detector_without_keywords_is_rejected() {
        let text = r#"
provider = "demo"
[[detector]]
id = "demo-key"
name = "Demo key"
kind = "api-key"
keywords = []
regex = '(?P<secret>demo_[a-z]{8})'
remediation = "rotate"
examples = ["demo_abcdefgh"]
negative_examples = ["demo_"]
"#;
        let err = parse_file(text).unwrap_err();
        assert!(format!("{err:#}").contains("keyword"));
    }

    #[test]
    fn unknown_fields_are_errors() {
        let text = "provider = \"x\"\ncolour = 1\ndetector = []\n";
        assert!(parse_file(text).is_err());
    }
}
