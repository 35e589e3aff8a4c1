//! The provider vocabulary (`detectors/vocabulary.toml`): long-tail providers known by
//! name only. A generic detector finds `SENDBIRD_API_TOKEN=…`, `sendbird.token: …`,
//! `"sendbirdSecret": …` or `--sendbird-token …` by its secret-looking key name and value;
//! when the key names a provider of the vocabulary, the finding is attributed to that
//! provider and ranked under its impact class. The vocabulary adds no keyword and no
//! regex: it reads the captured key name after matching, so it never changes what is
//! found, only whose it is.

use crate::engine::detect::DetectorSet;
use crate::engine::examples::DetectorResult;
use crate::engine::scan::Scanner;
use crate::model::finding::{Scope, Source};
use crate::model::result::Origin;
use anyhow::{bail, Context, Result};
use serde::Deserialize;
use std::collections::HashMap;
use std::sync::OnceLock;

const VOCABULARY_TOML: &str = include_str!("../../detectors/vocabulary.toml");

/// The longest run of key-name words one provider name spans (`launch`, `darkly` → 2).
const MAX_RUN: usize = 3;

/// Words that say what a value is, not whose: a run containing one names no provider
/// (`WEATHER_API_KEY` is not WeatherAPI's, `SECRET_SERVER_TOKEN` not Secret Server's).
const CREDENTIAL_WORDS: &[&str] =
    &["api", "key", "keys", "token", "secret", "auth", "access", "password", "pass", "client", "id", "private"];

/// The path examples are scanned under: no extension, so no file kind weighs on them
/// (as for detector examples).
const EXAMPLE_PATH: &str = "vocabulary-example";

/// One provider known by name.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// Provider id, lowercase `[a-z0-9-]`, unique among detector files and the vocabulary.
    pub id: String,
    /// Human name, e.g. "Sendbird".
    pub name: String,
    /// Key-name forms: lowercase words written together (`launchdarkly`, `newrelic`).
    pub names: Vec<String>,
    /// The provider's impact class (`detectors/classes.toml`).
    pub class: String,
    /// One line: what the provider controls, and so why this class.
    pub reason: String,
    /// The name is also an English word or a common identifier: it counts only as the
    /// first word of the key or of one of its path segments (`RENDER_API_KEY`,
    /// `services.render.token`, not `PRE_RENDER_TOKEN`).
    #[serde(default)]
    pub prefix_only: bool,
    /// Texts that must yield exactly one finding, attributed to this provider.
    pub examples: Vec<String>,
    /// For a provider with format detectors: the scope of its first (primary) detector.
    #[serde(skip)]
    pub typical_scope: Option<Scope>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct VocabularyFile {
    #[serde(rename = "provider")]
    providers: Vec<Entry>,
}

/// Every entry, with an index from name form to entry.
#[derive(Debug)]
pub struct Vocabulary {
    entries: Vec<Entry>,
    by_name: HashMap<String, usize>,
}

/// One word of a key name, lowercase, and whether it starts the key or a path segment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub text: String,
    pub segment_start: bool,
}

/// The built-in vocabulary, parsed once.
pub fn builtin() -> &'static Vocabulary {
    static VOCABULARY: OnceLock<Vocabulary> = OnceLock::new();
    VOCABULARY.get_or_init(|| parse(VOCABULARY_TOML).expect("detectors/vocabulary.toml is valid (tested)"))
}

/// Parses a vocabulary and checks its entries: valid ids and names, a known class, a
/// reason, at least one example, no id or name twice.
pub fn parse(text: &str) -> Result<Vocabulary> {
    let file: VocabularyFile = toml::from_str(text).context("provider vocabulary")?;
    let mut by_name: HashMap<String, usize> = HashMap::new();
    for (idx, entry) in file.providers.iter().enumerate() {
        check_entry(entry).with_context(|| format!("vocabulary provider `{}`", entry.id))?;
        if file.providers[..idx].iter().any(|e| e.id == entry.id) {
            bail!("vocabulary provider `{}` is declared twice", entry.id);
        }
        for name in &entry.names {
            if let Some(&other) = by_name.get(name) {
                bail!("the name `{name}` is claimed by `{}` and `{}`", file.providers[other].id, entry.id);
            }
            by_name.insert(name.clone(), idx);
        }
    }
    Ok(Vocabulary { entries: file.providers, by_name })
}

fn check_entry(entry: &Entry) -> Result<()> {
    let valid_id =
        |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    let valid_name = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
    if !valid_id(&entry.id) || entry.id.starts_with('-') || entry.id.ends_with('-') {
        bail!("the id must be lowercase letters, digits and inner dashes");
    }
    if entry.names.is_empty() || !entry.names.iter().all(|n| valid_name(n)) {
        bail!("needs names, each lowercase letters and digits only");
    }
    if super::class::by_id(&entry.class).is_none() {
        bail!("names an unknown impact class `{}`", entry.class);
    }
    if entry.name.trim().is_empty() || entry.reason.trim().len() < 10 {
        bail!("needs a name and a reason");
    }
    if entry.examples.is_empty() {
        bail!("needs at least one example");
    }
    Ok(())
}

/// The names of providers that have format detectors (`names` in their detector file),
/// as entries with their file's class and class reason: the first file to claim a name
/// keeps it (the built-in files claim none twice, tested).
pub fn of_detectors(detectors: &DetectorSet) -> Vocabulary {
    let mut entries: Vec<Entry> = Vec::new();
    let mut by_name: HashMap<String, usize> = HashMap::new();
    for spec in detectors.detectors.iter().map(|d| &d.spec) {
        if spec.provider_names.is_empty() || entries.iter().any(|e| e.id == spec.provider) {
            continue;
        }
        for name in &spec.provider_names {
            by_name.entry(name.clone()).or_insert(entries.len());
        }
        entries.push(Entry {
            id: spec.provider.clone(),
            name: spec.provider.clone(),
            names: spec.provider_names.clone(),
            class: spec.class.clone().unwrap_or_else(|| super::class::DEFAULT_CLASS.to_string()),
            reason: spec.class_reason.clone().unwrap_or_default(),
            prefix_only: spec.provider_names_prefix_only,
            examples: Vec::new(),
            typical_scope: Some(spec.scope),
        });
    }
    Vocabulary { entries, by_name }
}

impl Vocabulary {
    /// The typical scope of a provider with format detectors (see [`of_detectors`]).
    pub fn typical_scope(&self, id: &str) -> Option<Scope> {
        self.entries.iter().find(|e| e.id == id).and_then(|e| e.typical_scope)
    }

    /// Every entry, in file order.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The provider a key name (or key path) names: every run of one to [`MAX_RUN`]
    /// consecutive words, joined, is looked up; the longest run found wins, the first
    /// of equal ones. A `prefix_only` name counts only at the start of a segment, and no
    /// run holds a word such as `api` or `token`.
    pub fn provider_of_key(&self, key: &str) -> Option<&Entry> {
        let words = words(key);
        let mut best: Option<(usize, &Entry)> = None;
        for start in 0..words.len() {
            let longest = MAX_RUN.min(words.len() - start);
            for len in (1..=longest).rev() {
                if best.is_some_and(|(found, _)| found >= len) {
                    break;
                }
                if let Some(entry) = self.run_entry(&words[start..start + len]) {
                    best = Some((len, entry));
                    break;
                }
            }
        }
        best.map(|(_, entry)| entry)
    }

    fn run_entry(&self, run: &[Word]) -> Option<&Entry> {
        if run.iter().any(|w| CREDENTIAL_WORDS.contains(&w.text.as_str())) {
            return None;
        }
        let joined: String = run.iter().map(|w| w.text.as_str()).collect();
        let entry = &self.entries[*self.by_name.get(&joined)?];
        (!entry.prefix_only || run[0].segment_start).then_some(entry)
    }
}

/// A key name split into lowercase words: at every character that is not an ASCII
/// letter or digit, and at camelCase boundaries (`launchDarklySdkKey` → launch, darkly,
/// sdk, key; `APIKey` → api, key). A word after `.`, `:` or `/` (a key path's segment)
/// or at the start is a segment start.
pub fn words(key: &str) -> Vec<Word> {
    let chars: Vec<char> = key.chars().collect();
    let mut words = Vec::new();
    let mut current = String::new();
    let mut segment_start = true;
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_ascii_alphanumeric() {
            flush(&mut words, &mut current, &mut segment_start);
            segment_start |= matches!(c, '.' | ':' | '/');
            continue;
        }
        if !current.is_empty() && camel_boundary(i.checked_sub(1).map(|j| chars[j]), c, chars.get(i + 1).copied()) {
            flush(&mut words, &mut current, &mut segment_start);
        }
        current.push(c.to_ascii_lowercase());
    }
    flush(&mut words, &mut current, &mut segment_start);
    words
}

fn flush(words: &mut Vec<Word>, current: &mut String, segment_start: &mut bool) {
    if !current.is_empty() {
        words.push(Word { text: std::mem::take(current), segment_start: *segment_start });
        *segment_start = false;
    }
}

/// An upper-case letter after a lower-case letter (`sdkKey`), or one that starts a
/// capitalised word after a digit or an acronym (`s3Bucket`, `APIKey`; not `BACK4APP`).
fn camel_boundary(prev: Option<char>, c: char, next: Option<char>) -> bool {
    let Some(prev) = prev else { return false };
    let starts_word = next.is_some_and(|n| n.is_ascii_lowercase());
    c.is_ascii_uppercase() && (prev.is_ascii_lowercase() || (starts_word && !prev.is_ascii_lowercase()))
}

/// Runs every vocabulary example through the scanner and classification: each must
/// yield exactly one finding, attributed to its entry's provider. One result per entry.
pub fn example_results(scanner: &Scanner) -> Vec<DetectorResult> {
    builtin().entries().iter().map(|entry| entry_result(scanner, entry)).collect()
}

fn entry_result(scanner: &Scanner, entry: &Entry) -> DetectorResult {
    let mut failures = Vec::new();
    for (n, example) in entry.examples.iter().enumerate() {
        let providers = attributed_in(scanner, example);
        match providers.as_slice() {
            [one] if *one == entry.id => {}
            [] => failures.push(format!("{}: example #{} not found", entry.id, n + 1)),
            found => {
                let found = found.join(", ");
                failures.push(format!("{}: example #{} attributed to {found}", entry.id, n + 1));
            }
        }
    }
    DetectorResult { id: entry.id.clone(), passed: entry.examples.len() - failures.len(), failures }
}

/// The providers of the findings in `text`, classified.
fn attributed_in(scanner: &Scanner, text: &str) -> Vec<String> {
    let origin = Origin { path: EXAMPLE_PATH, source: Source::Workspace, commit: None };
    let mut found = scanner.findings_in(text.as_bytes(), origin);
    super::classify_all(scanner, &mut found);
    found.into_iter().map(|f| f.provider).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::detect::DetectorSet;

    fn texts(key: &str) -> Vec<String> {
        words(key).into_iter().map(|w| w.text).collect()
    }

    #[test]
    fn keys_split_into_words_at_separators_and_camel_case() {
        assert_eq!(texts("launchDarklySdkKey"), ["launch", "darkly", "sdk", "key"]);
        assert_eq!(texts("SENDGRID_API_KEY"), ["sendgrid", "api", "key"]);
        assert_eq!(texts("sendbird.token"), ["sendbird", "token"]);
        assert_eq!(texts("--sendbird-token"), ["sendbird", "token"]);
        assert_eq!(texts("APIKey"), ["api", "key"]);
        assert_eq!(texts("s3Bucket"), ["s3", "bucket"]);
        assert_eq!(texts("BACK4APP_API_KEY"), ["back4app", "api", "key"]);
        let starts: Vec<bool> = words("services.web.RENDER_API_KEY").iter().map(|w| w.segment_start).collect();
        assert_eq!(starts, [true, true, true, false, false]);
    }

    fn sample() -> Vocabulary {
        parse(
            r#"
[[provider]]
id = "render-x"
name = "Render X"
names = ["renderx"]
class = "infrastructure"
reason = "hosting platform: deploys services"
prefix_only = true
examples = ["RENDERX_API_KEY=9f3Kq2LmX8vB7nR4tY1wZ6cD"]

[[provider]]
id = "launch"
name = "Launch"
names = ["launch"]
class = "other"
reason = "a one-word name that a longer one contains"
examples = ["LAUNCH_TOKEN=9f3Kq2LmX8vB7nR4tY1wZ6cD"]

[[provider]]
id = "launch-darkly-x"
name = "Launch Darkly X"
names = ["launchdarklyx"]
class = "other"
reason = "a three-word name: the longest run wins"
examples = ["LAUNCH_DARKLY_X_TOKEN=9f3Kq2LmX8vB7nR4tY1wZ6cD"]
"#,
        )
        .unwrap()
    }

    fn id_of(vocabulary: &Vocabulary, key: &str) -> Option<String> {
        vocabulary.provider_of_key(key).map(|e| e.id.clone())
    }

    #[test]
    fn prefix_only_names_count_only_at_the_start_of_a_segment() {
        let v = sample();
        assert_eq!(id_of(&v, "RENDERX_API_KEY").as_deref(), Some("render-x"));
        assert_eq!(id_of(&v, "renderx.token").as_deref(), Some("render-x"));
        assert_eq!(id_of(&v, "services.renderx.token").as_deref(), Some("render-x"));
        assert_eq!(id_of(&v, "PRE_RENDERX_CACHE_TOKEN"), None);
        assert_eq!(id_of(&v, "preRenderxToken"), None);
    }

    #[test]
    fn the_longest_run_wins() {
        let v = sample();
        assert_eq!(id_of(&v, "LAUNCH_TOKEN").as_deref(), Some("launch"));
        assert_eq!(id_of(&v, "launchDarklyXSdkKey").as_deref(), Some("launch-darkly-x"));
        assert_eq!(id_of(&v, "LAUNCH_DARKLY_X_TOKEN").as_deref(), Some("launch-darkly-x"));
        assert_eq!(id_of(&v, "LAUNCHER_TOKEN"), None);
        assert_eq!(id_of(&v, "LAUNCH_API_DARKLY_X_TOKEN").as_deref(), Some("launch"));
    }

    #[test]
    fn bad_entries_are_refused() {
        let entry = |id: &str, names: &str, class: &str, examples: &str| {
            format!(
                "[[provider]]\nid = \"{id}\"\nname = \"X\"\nnames = [{names}]\nclass = \"{class}\"\n\
                 reason = \"a reason long enough\"\nexamples = [{examples}]\n"
            )
        };
        let good = entry("acme", "\"acme\"", "other", "\"ACME_TOKEN=9f3Kq2LmX8vB7nR4tY1wZ6cD\"");
        assert!(parse(&good).is_ok());
        assert!(parse(&format!("{good}{good}")).is_err(), "duplicate id");
        let other = entry("acme-two", "\"acme\"", "other", "\"x\"");
        assert!(parse(&format!("{good}{other}")).is_err(), "duplicate name");
        assert!(parse(&entry("Acme", "\"acme\"", "other", "\"x\"")).is_err(), "upper-case id");
        assert!(parse(&entry("acme", "\"ac-me\"", "other", "\"x\"")).is_err(), "name with a dash");
        assert!(parse(&entry("acme", "\"acme\"", "nonsense", "\"x\"")).is_err(), "unknown class");
        assert!(parse(&entry("acme", "\"acme\"", "other", "")).is_err(), "no example");
    }

    #[test]
    fn the_built_in_vocabulary_is_large_and_new() {
        let vocabulary = builtin();
        assert!(vocabulary.entries().len() >= 500, "{} entries", vocabulary.entries().len());
        let specs = crate::engine::spec::load(&[]).unwrap();
        let providers: std::collections::BTreeSet<&str> = specs.iter().map(|s| s.provider.as_str()).collect();
        let squashed: std::collections::BTreeSet<String> = providers.iter().map(|p| p.replace('-', "")).collect();
        for entry in vocabulary.entries() {
            assert!(!providers.contains(entry.id.as_str()), "{} has a detector file", entry.id);
            for name in &entry.names {
                assert!(!squashed.contains(name), "{}: name `{name}` is a detector provider's", entry.id);
            }
        }
        assert!(providers.len() + vocabulary.entries().len() >= 700);
    }

    #[test]
    fn every_vocabulary_example_is_attributed_to_its_provider() {
        let scanner = Scanner::new(DetectorSet::load(&[]).unwrap());
        let failures: Vec<String> = example_results(&scanner).into_iter().flat_map(|r| r.failures).collect();
        assert!(failures.is_empty(), "vocabulary example failures:\n{}", failures.join("\n"));
    }
}
