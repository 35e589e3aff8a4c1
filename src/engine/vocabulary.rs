//! The provider vocabulary: the long tail of providers, known by the names they give
//! their credentials (`SENDGRID_API_KEY`, `mistral.token`, `"groqSecret"`,
//! `--fireworks-api-key`) rather than by a documented token format.
//!
//! Entries are data in `detectors/vocabulary/*.toml`, embedded at build time. Each one
//! becomes a detector whose keywords are the provider's name variants, so the whole
//! vocabulary rides the one keyword automaton every detector shares: a file that names
//! no provider costs nothing more. The detector finds a value assigned to a key that
//! names the provider and a secret (`<name>_token`, `<name>Secret`, …), or passed to a
//! `--<name>-…-key` flag, and the generic-secret model decides whether the value is a
//! real secret. A provider-specific detector matching the same text wins; the vocabulary
//! detector in turn wins over the anonymous generic key=value detectors.

use crate::engine::spec::{self, DetectorSpec, NamedKey, Validator};
use crate::model::finding::{Capability, Scope};
use anyhow::{bail, Context, Result};
use serde::Deserialize;
use std::collections::HashMap;

/// Vocabulary files compiled into the binary by `build.rs`: (file name, contents).
pub static EMBEDDED: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/embedded_vocabulary.rs"));

/// Longest text, in bytes, a vocabulary match spans after its keyword: the rest of the
/// key name, the assignment and a value of at most 256 characters.
const MAX_LEN: usize = 384;

/// One `detectors/vocabulary/*.toml` file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct VocabularyFile {
    #[serde(rename = "provider")]
    providers: Vec<Entry>,
}

/// One provider family.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// Provider id, e.g. `sendgrid`; the same id as a `detectors/*.toml` file when the
    /// provider also has format-specific detectors.
    pub id: String,
    /// Display name, e.g. "SendGrid".
    pub name: String,
    /// The provider's name as it appears in variable and key names, lower case, words
    /// joined by `_`: `new_relic` also matches `NEW_RELIC`, `new-relic`, `newRelic`,
    /// `NEWRELIC` and `new.relic`.
    pub names: Vec<String>,
    /// What the provider controls: the ceiling of a leaked credential's blast radius.
    pub class: ImpactClass,
    /// Where the owner rotates or revokes these credentials.
    #[serde(default)]
    pub rotate_url: Option<String>,
    /// Texts the entry's detector must find and attribute to this provider.
    pub examples: Vec<String>,
    /// Texts it must not find anything in.
    pub negative_examples: Vec<String>,
}

/// What a provider controls (see `severity-rubric.md` § 2): infrastructure, cloud,
/// databases, clusters, secrets managers and payments can reach critical; code hosting,
/// registries, CI, messaging, email/SMS and LLM APIs high; the rest medium.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ImpactClass {
    Infrastructure,
    Cloud,
    Database,
    Cluster,
    SecretsManager,
    Payments,
    SourceHosting,
    PackageRegistry,
    Ci,
    Messaging,
    EmailSms,
    Llm,
    Observability,
    Analytics,
    Tracker,
    Maps,
    Framework,
    Other,
}

impl ImpactClass {
    /// The default capabilities of a provider-named credential of this class.
    fn capabilities(self) -> Vec<Capability> {
        use ImpactClass::*;
        match self {
            Infrastructure | Cloud | Database | Cluster | SecretsManager | Payments => {
                vec![Capability::Read, Capability::Write, Capability::Delete]
            }
            SourceHosting | PackageRegistry | Ci | Messaging | EmailSms | Llm => {
                vec![Capability::Read, Capability::Write]
            }
            Observability | Analytics | Tracker | Maps | Framework | Other => vec![Capability::Read],
        }
    }

    /// Cloud accounts usually map to one environment each (see
    /// [`DetectorSpec::account_per_environment`]).
    fn account_per_environment(self) -> bool {
        matches!(self, ImpactClass::Cloud | ImpactClass::Cluster | ImpactClass::Database)
    }
}

/// Every embedded vocabulary entry, checked (see [`check_entries`]).
pub fn load() -> Result<Vec<Entry>> {
    let mut entries = Vec::new();
    for (name, text) in EMBEDDED {
        let file: VocabularyFile = toml::from_str(text).with_context(|| format!("vocabulary file {name}"))?;
        entries.extend(file.providers);
    }
    check_entries(&entries)?;
    Ok(entries)
}

/// Ids unique, names well formed and claimed by one entry only, examples present.
pub fn check_entries(entries: &[Entry]) -> Result<()> {
    let mut ids: HashMap<&str, ()> = HashMap::new();
    let mut owners: HashMap<String, &str> = HashMap::new();
    for entry in entries {
        if ids.insert(&entry.id, ()).is_some() {
            bail!("two vocabulary entries share the id `{}`", entry.id);
        }
        if entry.names.is_empty() || entry.examples.is_empty() || entry.negative_examples.is_empty() {
            bail!("vocabulary entry `{}` needs names, examples and negative_examples", entry.id);
        }
        for name in &entry.names {
            check_name(name).with_context(|| format!("vocabulary entry `{}`", entry.id))?;
            if let Some(other) = owners.insert(joined(name), &entry.id).filter(|other| *other != entry.id) {
                bail!("vocabulary entries `{other}` and `{}` both claim the name `{name}`", entry.id);
            }
        }
    }
    Ok(())
}

/// A name is lower-case ASCII words joined by `_`, at least three letters in all, and
/// not itself a word that names a secret (which would attribute every `api_key`).
fn check_name(name: &str) -> Result<()> {
    let well_formed =
        name.split('_').all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()));
    if !well_formed || joined(name).len() < 3 {
        bail!("name `{name}` must be lower-case words joined by `_`, three characters or more");
    }
    if SECRET_WORDS.contains(&joined(name).as_str()) {
        bail!("name `{name}` is a secret word, not a provider name");
    }
    Ok(())
}

/// The words that make a key name a secret's, as they end a lower-case run glued to a
/// provider name (`sendgridapikey`, `stripesecret`).
const SECRET_WORDS: &[&str] = &[
    "key",
    "apikey",
    "token",
    "apitoken",
    "authtoken",
    "accesstoken",
    "secret",
    "secretkey",
    "clientsecret",
    "password",
    "passwd",
    "pass",
    "pwd",
    "pat",
    "auth",
    "credential",
    "credentials",
    "accesskey",
    "privatekey",
];

/// A name's words without separators: `new_relic` → `newrelic`.
fn joined(name: &str) -> String {
    name.replace('_', "")
}

/// Every detector: the detector files' and `extra_dirs`' (see [`spec::load`]), then one
/// per vocabulary entry, unless a detector file already defines its id.
pub fn load_detectors(extra_dirs: &[std::path::PathBuf]) -> Result<Vec<DetectorSpec>> {
    let mut specs = spec::load(extra_dirs)?;
    let vocabulary: Vec<DetectorSpec> = self::specs(&load()?);
    let defined: std::collections::HashSet<String> = specs.iter().map(|s| s.id.clone()).collect();
    specs.extend(vocabulary.into_iter().filter(|s| !defined.contains(&s.id)));
    Ok(specs)
}

/// One detector per entry.
pub fn specs(entries: &[Entry]) -> Vec<DetectorSpec> {
    let runs = proper_runs(entries);
    let spec_of = |entry: &Entry| {
        let unless = entry
            .names
            .iter()
            .filter_map(|n| runs.get(&joined(n)))
            .flatten()
            .filter(|(id, _)| *id != entry.id)
            .map(|(_, whole)| whole.clone())
            .collect();
        spec(entry, unless)
    };
    entries.iter().map(spec_of).collect()
}

/// Every shorter run of whole words of every name of several words, joined, with the
/// entry and the whole name joined: `azure_devops` gives `azure` and `devops`, each
/// mapped to (`azure-devops`, `azuredevops`). A key spelling the whole name belongs to
/// that entry, not to one named by a run.
fn proper_runs(entries: &[Entry]) -> HashMap<String, Vec<(&str, String)>> {
    let mut runs: HashMap<String, Vec<(&str, String)>> = HashMap::new();
    for entry in entries {
        for name in entry.names.iter().filter(|n| n.contains('_')) {
            let words: Vec<&str> = name.split('_').collect();
            for i in 0..words.len() {
                for j in i + 1..=words.len() {
                    if j - i < words.len() {
                        runs.entry(words[i..j].concat()).or_default().push((&entry.id, joined(name)));
                    }
                }
            }
        }
    }
    runs
}

fn spec(entry: &Entry, unless: Vec<String>) -> DetectorSpec {
    DetectorSpec {
        id: format!("{}-named-secret", entry.id),
        name: format!("{} credential (named in its key)", entry.name),
        provider: entry.id.clone(),
        kind: "api-key".to_string(),
        keywords: keywords(&entry.names),
        regex: REGEX.to_string(),
        max_len: Some(MAX_LEN),
        min_entropy: None,
        validators: vec![Validator::ProviderSecret],
        generic: true,
        capabilities: entry.class.capabilities(),
        scope: Scope::Account,
        environment: Default::default(),
        account_per_environment: entry.class.account_per_environment(),
        hints: Vec::new(),
        destroys_backups: false,
        remediation: format!(
            "Revoke the credential in {}'s console and create a replacement, then load it from a secret manager instead of the file it was found in.",
            entry.name
        ),
        rotate_url: entry.rotate_url.clone(),
        examples: entry.examples.clone(),
        negative_examples: entry.negative_examples.clone(),
        named: Some(NamedKey { names: entry.names.iter().map(|n| joined(n)).collect(), unless }),
    }
}

/// What may follow a short one-word name in a key: a separator, or the start of a
/// secret word glued on in camelCase or capitals (`expoToken`, `EXPOTOKEN`).
const NAME_SUFFIXES: &[&str] = &["_", "-", ".", "key", "token", "secret", "api", "pass", "auth", "access", "client"];

/// One-word names this long are distinctive enough to be keywords on their own.
const DISTINCTIVE_LEN: usize = 8;

/// What the prefilter must catch. A name of several words is distinctive in every
/// spelling: `new_relic` gives `new_relic`, `new-relic`, `new.relic` and `newrelic`; so
/// is a long one-word name (`sendgrid`). A short one-word name is often part of
/// everyday words (`expo` in `export`, `box` in `checkbox`), so it is only a keyword
/// with what may follow it in a key ([`NAME_SUFFIXES`]): `expo_`, `expotoken`, … Case
/// is ignored.
fn keywords(names: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    let mut add = |spelling: String| {
        if !out.contains(&spelling) {
            out.push(spelling);
        }
    };
    for name in names {
        if name.contains('_') {
            ["_", "-", ".", ""].iter().for_each(|sep| add(name.replace('_', sep)));
        } else if name.len() >= DISTINCTIVE_LEN {
            add(name.clone());
        } else {
            NAME_SUFFIXES.iter().for_each(|suffix| add(format!("{name}{suffix}")));
        }
    }
    out
}

/// The one regex every vocabulary detector runs (compiled once, see
/// [`crate::engine::detect`]): an assignment (`=`, `:`, `=>`, `:=`, an XML element) to a
/// key, or a command-line flag `--…-<secret word>` followed by a space (captured as
/// `flag`, which stands for the key). Which provider the key names is checked in code
/// ([`key_rest`]), so the regex does not depend on the names. The value syntax is the
/// generic detectors' (`detectors/generic.toml`).
pub const REGEX: &str = concat!(
    r#"(?m)(?:(?P<key>[A-Za-z0-9_.\-]+)["'`\]]{0,2}(?:[ \t]*:[ \t]*&?(?:'static[ \t]+)?[A-Za-z_][A-Za-z0-9_<>\[\]]*)?"#,
    r#"(?:[ \t]*(?::=|=>|=|:)[ \t]*|>)|(?P<flag>--[A-Za-z0-9][A-Za-z0-9\-]*-(?i:key|token|secret|password|pat))[ \t]+)"#,
    r#"["'`]?(?P<secret>[^\s"'`<>,;(){}\[\]\\=#|][^\s"'`<>,;(){}\[\]\\]{7,255})["'`]?(?:[\s,;)\]}<]|$)"#,
);

/// Does `key` name the provider? Some run of its words (split at separators and
/// camelCase humps) spells one of its names, or one word is a name glued to a secret
/// word (`SENDGRIDAPIKEY`); and no run spells a longer name of another provider that
/// contains it (`AZURE_DEVOPS_PAT` is Azure DevOps', not Azure's). A key that merely
/// contains a name inside another word (`SANDBOX_TOKEN` for `box`) does not.
pub fn key_names_provider(key: Option<&str>, named: &NamedKey) -> bool {
    key_rest(key, named).is_some()
}

/// When `key` names the provider (see [`key_names_provider`]), the rest of its words
/// joined by `_` (`MAX_MIND_API_KEY` → `api_key`, `sendgridapikey` → `apikey`): what
/// says whether the value is a secret, without the name's own words (`max`, `type`,
/// `file`) that would read as "not a secret".
pub fn key_rest(key: Option<&str>, named: &NamedKey) -> Option<String> {
    let words = crate::engine::generic::key_words(key?);
    let (start, end, glued) = spelled(&words, &named.names)?;
    if spelled(&words, &named.unless).is_some() {
        return None;
    }
    let mut rest: Vec<&str> = words[..start].iter().chain(&words[end..]).map(String::as_str).collect();
    if let Some(secret_word) = glued {
        rest.insert(start, secret_word);
    }
    Some(rest.join("_"))
}

/// Where a run of up to four `words` spells one of `names` (start, end), or a word is a
/// name glued to a secret word (start, start + 1, the secret word).
fn spelled<'w>(words: &'w [String], names: &[String]) -> Option<(usize, usize, Option<&'w str>)> {
    for start in 0..words.len() {
        let mut run = String::new();
        for (taken, word) in words[start..].iter().take(4).enumerate() {
            run.push_str(word);
            if names.contains(&run) {
                return Some((start, start + taken + 1, None));
            }
        }
        let word = &words[start];
        let glued = names.iter().find_map(|n| word.strip_prefix(n.as_str()).filter(|rest| SECRET_WORDS.contains(rest)));
        if let Some(secret_word) = glued {
            return Some((start, start + 1, Some(secret_word)));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    fn named(list: &[&str]) -> NamedKey {
        NamedKey { names: names(list), unless: Vec::new() }
    }

    #[test]
    fn the_vocabulary_loads_and_names_many_providers() {
        let entries = load().expect("vocabulary loads");
        let specs = load_detectors(&[]).expect("detectors load");
        let providers: std::collections::HashSet<&str> =
            specs.iter().map(|s| s.provider.as_str()).filter(|p| *p != "generic").collect();
        assert!(entries.len() >= 500, "{} vocabulary entries", entries.len());
        assert!(providers.len() >= 700, "{} providers", providers.len());
    }

    #[test]
    fn keys_name_a_provider_by_whole_words_only() {
        let sendgrid = named(&["sendgrid"]);
        let relic = named(&["newrelic"]);
        let boxes = named(&["box"]);
        for key in ["SENDGRID_API_KEY", "sendGridToken", "sendgrid.secret", "MY_SENDGRID_KEY", "SENDGRIDAPIKEY"] {
            assert!(key_names_provider(Some(key), &sendgrid), "{key}");
        }
        for key in ["NEW_RELIC_LICENSE_KEY", "newRelicApiKey", "newrelic-token"] {
            assert!(key_names_provider(Some(key), &relic), "{key}");
        }
        for key in ["SANDBOX_TOKEN", "inbox_secret", "BOXES_KEY", "boxcarKey"] {
            assert!(!key_names_provider(Some(key), &boxes), "{key}");
        }
        assert!(key_names_provider(Some("BOX_TOKEN"), &boxes) && !key_names_provider(None, &boxes));
        assert_eq!(key_rest(Some("MAX_MIND_API_KEY"), &named(&["maxmind"])).as_deref(), Some("api_key"));
        assert_eq!(key_rest(Some("typeSensePassword"), &named(&["typesense"])).as_deref(), Some("password"));
        assert_eq!(key_rest(Some("SENDGRIDAPIKEY"), &sendgrid).as_deref(), Some("apikey"));
        assert_eq!(key_rest(Some("--sendgrid-api-key"), &sendgrid).as_deref(), Some("api_key"));
    }

    #[test]
    fn keywords_cover_every_separator() {
        assert_eq!(keywords(&names(&["new_relic"])), ["new_relic", "new-relic", "new.relic", "newrelic"]);
        let groq = keywords(&names(&["groq"]));
        assert!(groq.contains(&"groq_".to_string()) && groq.contains(&"groqtoken".to_string()));
        assert!(!groq.contains(&"groq".to_string()), "a bare short name would hit inside everyday words");
        assert_eq!(keywords(&names(&["sendgrid"])), ["sendgrid"]);
    }

    #[test]
    fn a_longer_name_of_another_provider_takes_the_key() {
        let entry = |id: &str, name: &str| Entry {
            id: id.into(),
            name: id.into(),
            names: names(&[name]),
            class: ImpactClass::Other,
            rotate_url: None,
            examples: names(&["x"]),
            negative_examples: names(&["y"]),
        };
        let entries = [entry("azure", "azure"), entry("azure-devops", "azure_devops"), entry("zure", "zure")];
        let specs = specs(&entries);
        let azure = specs[0].named.as_ref().unwrap();
        assert_eq!(azure.unless, ["azuredevops"]);
        assert!(key_names_provider(Some("AZURE_CLIENT_SECRET"), azure));
        assert!(!key_names_provider(Some("AZURE_DEVOPS_PAT"), azure));
        assert!(key_names_provider(Some("AZURE_DEVOPS_PAT"), specs[1].named.as_ref().unwrap()));
        assert!(specs[2].named.as_ref().unwrap().unless.is_empty(), "only whole words shadow");
    }

    #[test]
    fn bad_entries_are_rejected() {
        let entry = |id: &str, name: &str| Entry {
            id: id.into(),
            name: id.into(),
            names: names(&[name]),
            class: ImpactClass::Other,
            rotate_url: None,
            examples: names(&["x"]),
            negative_examples: names(&["y"]),
        };
        assert!(check_entries(&[entry("a", "acme"), entry("b", "acme")]).is_err(), "a name claimed twice");
        assert!(check_entries(&[entry("a", "acme"), entry("a", "zenith")]).is_err(), "an id used twice");
        assert!(check_entries(&[entry("a", "Acme")]).is_err(), "upper case");
        assert!(check_entries(&[entry("a", "api_key")]).is_err(), "a secret word");
        assert!(check_entries(&[entry("a", "ab")]).is_err(), "too short");
        assert!(check_entries(&[entry("a", "acme_cloud")]).is_ok());
    }
}
