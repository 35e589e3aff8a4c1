//! `--format sarif`: SARIF 2.1.0 shaped for GitHub code scanning: one rule per detector
//! used, with help text, `security` tag and `security-severity`; results with relative
//! URIs, full regions (1-based, never a zero column), a content-based
//! `primaryLocationLineHash` that survives moved lines, and `rank` = blast radius.
//!
//! Git-history results name their commit in the message and carry a logical location
//! `COMMIT:PATH` and a credential fingerprint that do not depend on the file still being
//! in the checkout. Findings outside the repository (`reach`'s home stores, histories and
//! environment) get a logical location only, never a file URI, so code scanning cannot
//! show them as files of the repository.

use super::sarif_paths::uri_for;
use super::Report;
use crate::model::finding::{Finding, Severity, Source};
use anyhow::Result;
use serde_json::{json, Value};
use serde_sarif::sarif::{
    ArtifactLocation, Location, LogicalLocation, Message, MultiformatMessageString, PhysicalLocation, PropertyBag,
    Region, ReportingConfiguration, ReportingDescriptor, Result as SarifResult, ResultLevel, Run, RunAutomationDetails,
    Sarif, Tool, ToolComponent, VersionControlDetails,
};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashMap};
use std::io::Write;

/// The base every relative result URI is resolved against.
pub const SRCROOT: &str = "%SRCROOT%";

/// GitHub code scanning accepts at most this many results per run.
pub const MAX_RESULTS: usize = 5_000;

pub fn render(report: &Report<'_>, out: &mut dyn Write) -> Result<()> {
    let findings = top_findings(&report.result.findings);
    let paths = super::sarif_paths::PathBase::new(report.ci.provenance.as_ref());
    let (rules, rule_index) = rules(report, &findings);
    let mut occurrences: HashMap<(String, String), usize> = HashMap::new();
    let results: Vec<SarifResult> = findings
        .iter()
        .map(|f| {
            let n = occurrences.entry((f.path.clone(), f.fingerprint.clone())).or_insert(0);
            *n += 1;
            result(f, rule_index[f.rule_id.as_str()], *n, report.show_secrets, &paths, &report.result.uri_bases)
        })
        .collect();
    let driver = ToolComponent::builder()
        .name("blastradius")
        .version(env!("CARGO_PKG_VERSION"))
        .semantic_version(env!("CARGO_PKG_VERSION"))
        .information_uri("https://crates.io/crates/blastradius")
        .rules(rules)
        .build();
    let mut run = Run::builder().tool(Tool::builder().driver(driver).build()).results(results).build();
    run.column_kind = Some(json!("unicodeCodePoints"));
    let mut bases = BTreeMap::new();
    if let Some(root) = paths.root_uri() {
        bases.insert(SRCROOT.to_string(), ArtifactLocation::builder().uri(root).build());
    }
    for (name, dir) in report.result.uri_bases.iter().filter(|(name, _)| name == SRCROOT) {
        bases.insert(name.clone(), ArtifactLocation::builder().uri(super::sarif_paths::file_uri(dir)).build());
    }
    if !bases.is_empty() {
        run.original_uri_base_ids = Some(bases);
    }
    run.automation_details = Some(RunAutomationDetails::builder().id(automation_id(report)).build());
    run.version_control_provenance = report.ci.provenance.as_ref().map(|p| vec![provenance(p)]);
    run.properties = run_properties(report, findings.len());
    let sarif = Sarif::builder()
        .schema("https://json.schemastore.org/sarif-2.1.0.json")
        .version(json!("2.1.0"))
        .runs(vec![run])
        .build();
    serde_json::to_writer_pretty(&mut *out, &sarif)?;
    writeln!(out)?;
    Ok(())
}

/// The findings a run reports: highest blast radius first, at most [`MAX_RESULTS`].
fn top_findings(findings: &[Finding]) -> Vec<&Finding> {
    let mut top: Vec<&Finding> = findings.iter().collect();
    top.sort_by_key(|f| std::cmp::Reverse(f.blast_radius));
    top.truncate(MAX_RESULTS);
    top
}

/// `runAutomationDetails.id`: `--sarif-category` (a trailing `/` marks it as a
/// category for GitHub), `blastradius/` by default.
fn automation_id(report: &Report<'_>) -> String {
    let category = report.ci.category.as_deref().unwrap_or("blastradius");
    if category.ends_with('/') {
        category.to_string()
    } else {
        format!("{category}/")
    }
}

/// `versionControlProvenance` for the scanned repository. Without a remote the
/// repository is named by its local `file:` URI, as the schema requires a URI.
fn provenance(p: &crate::source::git::provenance::Provenance) -> VersionControlDetails {
    let uri = p.repository_uri.clone().unwrap_or_else(|| super::sarif_paths::file_uri(&p.root));
    let mut details = VersionControlDetails::builder().repository_uri(uri).build();
    details.revision_id = p.revision_id.clone();
    details.branch = p.branch.clone();
    details
}

/// `runs[0].properties`: whether results were cut to [`MAX_RESULTS`], and the files
/// that in-tree rules (a config's `exclude`, `.blastradiusignore`) hid from the scan,
/// what the findings caps left out, and the git objects a history scan could not read.
fn run_properties(report: &Report<'_>, shown: usize) -> Option<PropertyBag> {
    let total = report.result.findings.len();
    let mut properties = BTreeMap::new();
    if shown < total {
        let note = format!(
            "Only the {shown} findings with the highest blast radius of {total} are included (GitHub accepts at \
             most {MAX_RESULTS} results per run); run blastradius locally for the full list."
        );
        properties.insert("truncated".to_string(), json!(true));
        properties.insert("totalResults".to_string(), json!(total));
        properties.insert("note".to_string(), json!(note));
    }
    let stats = &report.result.stats;
    if !stats.hidden_by_tree_rules.is_empty() {
        properties.insert("hiddenByTreeRules".to_string(), json!(stats.hidden_by_tree_rules));
        properties.insert("hiddenFiles".to_string(), json!(stats.hidden_total()));
    }
    if stats.capped.any() {
        properties.insert("capped".to_string(), json!(stats.capped));
    }
    if let Some(threshold) = &stats.fail_on_from_config {
        properties.insert("failOnFromConfig".to_string(), json!(threshold));
    }
    if let Some(missing) = &stats.missing_objects {
        // Git history scans: the objects whose contents were not scanned, by why.
        properties.insert("missingObjects".to_string(), json!(missing));
    }
    (!properties.is_empty()).then(|| PropertyBag::builder().additional_properties(properties).build())
}

/// One rule per detector that produced a result, in order of first use.
fn rules<'a>(report: &Report<'_>, findings: &[&'a Finding]) -> (Vec<ReportingDescriptor>, HashMap<&'a str, i64>) {
    let mut worst: Vec<(&'a Finding, u8)> = Vec::new();
    for &f in findings {
        match worst.iter_mut().find(|(w, _)| w.rule_id == f.rule_id) {
            Some((_, score)) => *score = (*score).max(f.blast_radius),
            None => worst.push((f, f.blast_radius)),
        }
    }
    let mut index = HashMap::new();
    let mut rules = Vec::new();
    for (f, score) in worst {
        index.insert(f.rule_id.as_str(), rules.len() as i64);
        let spec = match report.detectors.by_id(&f.rule_id) {
            Some(detector) => detector.spec.clone(),
            None => spec_from_finding(f),
        };
        rules.push(rule(&spec, score));
    }
    (rules, index)
}

/// A rule description for a finding whose detector is not in the set (a source's own
/// fallback detector): built from what the finding says about itself.
fn spec_from_finding(f: &Finding) -> crate::engine::spec::DetectorSpec {
    crate::engine::spec::DetectorSpec {
        id: f.rule_id.clone(),
        name: f.rule_name.clone(),
        provider: f.provider.clone(),
        kind: f.kind.clone(),
        generic: true,
        capabilities: f.capabilities.clone(),
        scope: f.scope,
        environment: f.environment,
        remediation: f.remediation.clone(),
        ..Default::default()
    }
}

fn rule(spec: &crate::engine::spec::DetectorSpec, worst_score: u8) -> ReportingDescriptor {
    let help_text = match &spec.rotate_url {
        Some(url) => format!("{} Rotate it at {url}.", spec.remediation),
        None => spec.remediation.clone(),
    };
    let full = format!(
        "A {} credential ({}) was found where an AI coding agent, or anyone with this checkout, can read it.",
        spec.provider, spec.kind
    );
    let properties = PropertyBag::builder()
        .tags(vec!["security".to_string(), "secret".to_string(), spec.provider.clone()])
        .additional_properties(BTreeMap::from([
            ("security-severity".to_string(), json!(format!("{:.1}", f64::from(worst_score) / 10.0))),
            ("precision".to_string(), json!(if spec.generic { "medium" } else { "high" })),
        ]))
        .build();
    let mut descriptor = ReportingDescriptor::builder()
        .id(spec.id.clone())
        .name(spec.name.clone())
        .short_description(text(&spec.name))
        .full_description(text(&full))
        .help(text(&help_text))
        .default_configuration(
            ReportingConfiguration::builder().level(json!(level(crate::classify::rank::severity(worst_score)))).build(),
        )
        .properties(properties)
        .build();
    descriptor.help_uri = spec.rotate_url.clone();
    descriptor
}

fn result(
    f: &Finding,
    rule_index: i64,
    occurrence: usize,
    show_secrets: bool,
    paths: &super::sarif_paths::PathBase,
    uri_bases: &[(String, std::path::PathBuf)],
) -> SarifResult {
    let location = location(f, paths, uri_bases);
    let message = format!(
        "{}{} ({}): {} severity, blast radius {}. {}",
        commit_prefix(f),
        f.rule_name,
        f.secret_redacted,
        f.severity.as_str(),
        f.blast_radius,
        f.reasons.first().map(String::as_str).unwrap_or("")
    );
    let mut properties = BTreeMap::from([
        ("fingerprint".to_string(), json!(f.fingerprint)),
        ("provider".to_string(), json!(f.provider)),
        ("severity".to_string(), json!(f.severity.as_str())),
        ("environment".to_string(), json!(f.environment.as_str())),
        ("scope".to_string(), json!(f.scope.as_str())),
        ("capabilities".to_string(), json!(f.capabilities)),
        ("source".to_string(), json!(f.source.as_str())),
        ("secretRedacted".to_string(), json!(f.secret_redacted)),
        ("reasons".to_string(), json!(f.reasons)),
        ("remediation".to_string(), json!(f.remediation)),
    ]);
    if let Some(commit) = &f.commit {
        properties.insert("commit".to_string(), json!(commit));
    }
    if show_secrets {
        properties.insert("secret".to_string(), Value::String(f.secret.expose().to_string()));
    }
    SarifResult::builder()
        .rule_id(f.rule_id.clone())
        .rule_index(rule_index)
        .level(level(f.severity))
        .message(Message::builder().text(message).build())
        .locations(vec![location])
        .partial_fingerprints(BTreeMap::from([
            ("primaryLocationLineHash".to_string(), line_hash(&f.rule_id, &f.fingerprint, occurrence)),
            (CREDENTIAL_FINGERPRINT.to_string(), credential_hash(&f.rule_id, &f.fingerprint)),
        ]))
        .rank(f64::from(f.blast_radius))
        .properties(PropertyBag::builder().additional_properties(properties).build())
        .build()
}

/// `partialFingerprints` key of the credential's identity: the same in every file,
/// commit and run, so it still matches once the file is deleted from the checkout.
pub const CREDENTIAL_FINGERPRINT: &str = "blastradiusCredential/v1";

/// Where a result is: a file and region, plus `COMMIT:PATH` for a git-history blob;
/// for a finding outside the repository a logical location only (see the module docs).
fn location(f: &Finding, paths: &super::sarif_paths::PathBase, uri_bases: &[(String, std::path::PathBuf)]) -> Location {
    if matches!(f.source, Source::Home | Source::History | Source::Env) {
        return Location::builder().logical_locations(vec![outside_repository(f, uri_bases)]).build();
    }
    let region = Region::builder()
        .start_line(f.line as i64)
        .start_column(f.column as i64)
        .end_line(f.end_line as i64)
        .end_column(f.end_column.max(1) as i64)
        .build();
    let artifact = artifact_location(f, paths, uri_bases);
    let physical = PhysicalLocation::builder().artifact_location(artifact).region(region).build();
    let mut location = Location::builder().physical_location(physical).build();
    if let Some(commit) = &f.commit {
        let blob = LogicalLocation::builder()
            .name(f.path.clone())
            .fully_qualified_name(format!("{commit}:{}", f.path))
            .kind("git-blob")
            .build();
        location.logical_locations = Some(vec![blob]);
    }
    location
}

/// A home-store, history or environment finding as a logical location named
/// `~/.aws/credentials` or `env:NAME`; the `kind` says which source it is.
fn outside_repository(f: &Finding, uri_bases: &[(String, std::path::PathBuf)]) -> LogicalLocation {
    let shown = match named_base(std::path::Path::new(&f.path), uri_bases) {
        Some((base, rest)) if base == "HOME" => format!("~/{rest}"),
        _ => f.path.clone(),
    };
    let kind = match f.source {
        Source::Env => "environment-variable",
        Source::History => "shell-history",
        _ => "home-credential-store",
    };
    LogicalLocation::builder()
        .name(shown.clone())
        .fully_qualified_name(format!("{}:{shown}:{}", f.source.as_str(), f.line))
        .kind(kind)
        .build()
}

/// `In commit 1a2b3c4d5e6f: ` for a git-history finding, else nothing.
fn commit_prefix(f: &Finding) -> String {
    match (&f.commit, f.source) {
        (Some(commit), Source::GitHistory) => {
            format!("In commit {} (git history): ", &commit[..commit.len().min(12)])
        }
        _ => String::new(),
    }
}

/// Hash of the rule and the credential alone: no path, line or commit.
pub fn credential_hash(rule_id: &str, fingerprint: &str) -> String {
    let digest = Sha256::digest(format!("credential\0{rule_id}\0{fingerprint}").as_bytes());
    digest.iter().take(16).map(|b| format!("{b:02x}")).collect()
}

/// critical and high → error, medium → warning, low → note.
fn level(severity: Severity) -> ResultLevel {
    match severity {
        Severity::Critical | Severity::High => ResultLevel::Error,
        Severity::Medium => ResultLevel::Warning,
        Severity::Low => ResultLevel::Note,
    }
}

/// Content-based line hash: depends on the rule and the secret (via its fingerprint)
/// and the occurrence count in the file, never on the line number, so alerts survive
/// edits above them.
pub fn line_hash(rule_id: &str, fingerprint: &str, occurrence: usize) -> String {
    let digest = Sha256::digest(format!("{rule_id}\0{fingerprint}").as_bytes());
    let hex: String = digest.iter().take(8).map(|b| format!("{b:02x}")).collect();
    format!("{hex}:{occurrence}")
}

/// Where a finding's artifact lives: under the workspace a command named as
/// `%SRCROOT%`, else relative to the repository root, else a `file:` URI.
fn artifact_location(
    f: &Finding,
    paths: &super::sarif_paths::PathBase,
    uri_bases: &[(String, std::path::PathBuf)],
) -> ArtifactLocation {
    let path = std::path::Path::new(&f.path);
    if let Some((base, relative)) = named_base(path, uri_bases) {
        return ArtifactLocation::builder().uri(uri_for(&relative)).uri_base_id(base).build();
    }
    if path.is_relative() && uri_bases.iter().any(|(name, _)| name == SRCROOT) {
        return ArtifactLocation::builder().uri(uri_for(&f.path)).uri_base_id(SRCROOT).build();
    }
    match paths.relative(f) {
        Some(relative) => ArtifactLocation::builder().uri(uri_for(&relative)).uri_base_id(SRCROOT).build(),
        None => ArtifactLocation::builder().uri(paths.absolute_uri(f)).build(),
    }
}

fn text(s: &str) -> MultiformatMessageString {
    MultiformatMessageString::builder().text(s.to_string()).build()
}

/// The named base (`HOME`, or a `%SRCROOT%` a command set) an absolute path lies under,
/// and the path relative to it.
fn named_base(path: &std::path::Path, uri_bases: &[(String, std::path::PathBuf)]) -> Option<(String, String)> {
    if !path.is_absolute() {
        return None;
    }
    uri_bases.iter().find_map(|(name, dir)| {
        path.strip_prefix(dir).ok().map(|rest| (name.clone(), rest.to_string_lossy().into_owned()))
    })
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_percent_encoded_relative_references() {
        assert_eq!(uri_for("a dir/.env"), "a%20dir/.env");
        assert_eq!(uri_for("src\\x#y.rs"), "src%5Cx%23y.rs", "a backslash is part of a Linux file name");
    }

    #[test]
    fn line_hash_ignores_line_numbers_but_not_content() {
        assert_eq!(line_hash("r", "fp", 1), line_hash("r", "fp", 1));
        assert_ne!(line_hash("r", "fp", 1), line_hash("r", "fp2", 1));
        assert!(line_hash("r", "fp", 2).ends_with(":2"));
    }
}
