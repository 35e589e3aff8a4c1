//! Impact classes (`detectors/classes.toml`): what a provider controls sets the ceiling of
//! its credentials' severity, and whether the provider partitions reach by environment
//! (severity rubric §2.1 and §2.4). Each provider names its class in its detector file or
//! vocabulary entry.

use crate::model::finding::Severity;
use anyhow::{bail, Context, Result};
use serde::Deserialize;
use std::sync::OnceLock;

const CLASSES_TOML: &str = include_str!("../../detectors/classes.toml");

/// The class of providers that declare none (a user's own detector without `class`).
pub const DEFAULT_CLASS: &str = "other";

/// One impact class.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImpactClass {
    pub id: String,
    /// The highest tier a typical credential of the class reaches.
    pub ceiling: Severity,
    /// The provider partitions reach by environment: staging and development cap the tier,
    /// test, local and example values are low, and account-wide credentials reach
    /// production.
    pub partitioned: bool,
    /// The cap for a development credential of a partitioned class.
    #[serde(default = "medium")]
    pub development: Severity,
    /// A credential known to be read-only drops a tier (not for secrets managers, where
    /// reading is the danger).
    #[serde(default = "yes")]
    pub read_only_lowers: bool,
    pub description: String,
}

fn medium() -> Severity {
    Severity::Medium
}

fn yes() -> bool {
    true
}

/// A kind of credential whose reach differs from its provider's class.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KindCeiling {
    /// The detector `kind` it applies to.
    pub id: String,
    pub ceiling: Severity,
    pub reason: String,
}

/// What a generic finding's key name or file name says it unlocks.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeyClass {
    pub class: String,
    /// Case-insensitive regex on the key path.
    pub key: String,
    /// Case-insensitive regex on the file name.
    #[serde(default)]
    pub file: Option<String>,
    pub reason: String,
}

/// The class and kind tables.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClassFile {
    #[serde(rename = "class")]
    pub classes: Vec<ImpactClass>,
    #[serde(rename = "kind", default)]
    pub kinds: Vec<KindCeiling>,
    #[serde(rename = "key", default)]
    pub keys: Vec<KeyClass>,
}

fn table() -> &'static ClassFile {
    static TABLE: OnceLock<ClassFile> = OnceLock::new();
    TABLE.get_or_init(|| parse(CLASSES_TOML).expect("detectors/classes.toml is valid (tested)"))
}

/// Every class, parsed once from the embedded table.
pub fn all() -> &'static [ImpactClass] {
    &table().classes
}

/// The class with this id.
pub fn by_id(id: &str) -> Option<&'static ImpactClass> {
    all().iter().find(|c| c.id == id)
}

/// The ceiling of a kind of credential, when it has its own.
pub fn kind_ceiling(kind: &str) -> Option<&'static KindCeiling> {
    table().kinds.iter().find(|k| k.id == kind)
}

/// The class a generic finding's key path or file name shows, with the reason.
pub fn class_of_names(key: Option<&str>, path: &str) -> Option<&'static KeyClass> {
    static COMPILED: OnceLock<Vec<(regex::Regex, Option<regex::Regex>)>> = OnceLock::new();
    let compiled = COMPILED.get_or_init(|| {
        let build = |pattern: &str| regex::RegexBuilder::new(pattern).case_insensitive(true).build();
        table()
            .keys
            .iter()
            .map(|k| {
                let key = build(&k.key).expect("key regexes in detectors/classes.toml compile (tested)");
                (key, k.file.as_deref().map(|f| build(f).expect("file regexes compile (tested)")))
            })
            .collect()
    });
    let file_name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    table().keys.iter().zip(compiled).find_map(|(entry, (key_re, file_re))| {
        let by_key = key.is_some_and(|k| key_re.is_match(k));
        let by_file = file_re.as_ref().is_some_and(|re| re.is_match(file_name));
        (by_key || by_file).then_some(entry)
    })
}

/// Parses a class table; ids must be unique and `other` must exist.
pub fn parse(text: &str) -> Result<ClassFile> {
    let file: ClassFile = toml::from_str(text).context("impact class table")?;
    for (i, class) in file.classes.iter().enumerate() {
        if file.classes[..i].iter().any(|c| c.id == class.id) {
            bail!("impact class `{}` is declared twice", class.id);
        }
    }
    for entry in &file.keys {
        if !file.classes.iter().any(|c| c.id == entry.class) {
            bail!("key class entry names an unknown class `{}`", entry.class);
        }
        for pattern in std::iter::once(&entry.key).chain(&entry.file) {
            regex::Regex::new(pattern).with_context(|| format!("key class regex `{pattern}`"))?;
        }
    }
    for kind in &file.kinds {
        if file.kinds.iter().filter(|k| k.id == kind.id).count() > 1 {
            bail!("kind `{}` is declared twice", kind.id);
        }
    }
    if !file.classes.iter().any(|c| c.id == DEFAULT_CLASS) {
        bail!("the impact class table has no `{DEFAULT_CLASS}` class");
    }
    Ok(file)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_parses_and_ceilings_follow_the_rubric() {
        assert!(all().len() >= 17);
        let ceiling = |id: &str| by_id(id).unwrap().ceiling;
        for id in ["infrastructure", "cloud", "database", "cluster", "secrets-manager", "payments"] {
            assert_eq!(ceiling(id), Severity::Critical, "{id}");
        }
        for id in ["source-hosting", "package-registry", "ci", "messaging", "email-sms", "llm"] {
            assert_eq!(ceiling(id), Severity::High, "{id}");
        }
        for id in ["observability", "analytics", "tracker", "maps", "other"] {
            assert_eq!(ceiling(id), Severity::Medium, "{id}");
        }
        assert!(by_id("infrastructure").unwrap().partitioned && !by_id("source-hosting").unwrap().partitioned);
        assert_eq!(kind_ceiling("webhook-url").unwrap().ceiling, Severity::Medium);
    }

    #[test]
    fn every_built_in_provider_declares_a_known_class_with_a_reason() {
        let specs = crate::engine::spec::load(&[]).unwrap();
        let mut providers = std::collections::BTreeSet::new();
        for spec in &specs {
            let class =
                spec.class.as_deref().unwrap_or_else(|| panic!("{}: provider {} has no class", spec.id, spec.provider));
            assert!(by_id(class).is_some(), "{}: class `{class}` is not in detectors/classes.toml", spec.id);
            let reason = spec.class_reason.as_deref().unwrap_or_default();
            assert!(reason.len() >= 10, "{}: provider {} has no class_reason", spec.id, spec.provider);
            providers.insert(spec.provider.as_str());
        }
        assert!(providers.len() >= 190, "{} providers", providers.len());
    }

    #[test]
    fn generic_key_names_and_files_name_their_class() {
        let class = |key: Option<&str>, path: &str| class_of_names(key, path).map(|k| k.class.as_str());
        assert_eq!(class(Some("DB_PASSWORD"), ".env"), Some("database"));
        assert_eq!(class(Some("spring.datasource.password"), "application.properties"), Some("database"));
        assert_eq!(class(Some("production.password"), "config/database.yml"), Some("database"));
        assert_eq!(class(Some("SECRET_KEY"), "settings.py"), Some("framework"));
        assert_eq!(class(Some("NEXTAUTH_SECRET"), ".env"), Some("framework"));
        assert_eq!(class(Some("API_TOKEN"), ".env"), None);
        assert_eq!(class(Some("DBT_PROFILE"), ".env"), None);
    }

    #[test]
    fn duplicate_or_missing_default_classes_are_refused() {
        let one = "[[class]]\nid = \"other\"\nceiling = \"medium\"\npartitioned = false\ndescription = \"x\"\n";
        assert!(parse(one).is_ok());
        assert!(parse(&format!("{one}{one}")).is_err());
        assert!(parse(&one.replace("other", "misc")).is_err());
    }
}
