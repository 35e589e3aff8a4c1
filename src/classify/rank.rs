//! The blast-radius model: one table turns capability, environment, scope and exposure
//! into a 0–100 score and a severity band. The README documents the same table.
//!
//! score = 100 × capability × environment × scope, plus exposure and backup bonuses,
//! times the encrypted-key and public-by-design factors, clamped to 0–100. The same credential in several
//! places is scored once, with its worst exposure.

use crate::model::finding::{Capability, Environment, Finding, Scope, Severity, Source};
use std::collections::HashMap;

/// Weight of the most powerful capability a credential has.
pub fn capability_weight(caps: &[Capability]) -> f64 {
    match caps.iter().max() {
        Some(Capability::Delete) | Some(Capability::Admin) => 1.0,
        Some(Capability::Write) => 0.7,
        Some(Capability::Read) | None => 0.4,
    }
}

/// Weight of the environment a credential reaches.
pub fn environment_weight(env: Environment) -> f64 {
    match env {
        Environment::Production => 1.0,
        Environment::Unknown => 0.7,
        Environment::Staging => 0.55,
        Environment::Development => 0.3,
        Environment::Test => 0.2,
    }
}

/// Weight of how far a credential's authority extends.
pub fn scope_weight(scope: Scope) -> f64 {
    match scope {
        Scope::Account => 1.0,
        Scope::Workspace => 0.9,
        Scope::Project | Scope::Unknown => 0.75,
        Scope::Environment => 0.6,
    }
}

/// Points added for where an agent (or anyone) finds it: committed secrets have
/// already left the machine; environment variables vanish with the process.
pub fn exposure_points(source: Source) -> f64 {
    match source {
        Source::GitHistory | Source::Staged => 10.0,
        Source::Workspace => 6.0,
        Source::Home => 4.0,
        Source::History => 3.0,
        Source::Env => 2.0,
    }
}

/// Points added when a delete-capable credential also reaches the provider's backups.
pub const BACKUP_POINTS: f64 = 5.0;
/// Factor for a private key that is encrypted with a passphrase.
pub const ENCRYPTED_KEY_FACTOR: f64 = 0.3;
/// Factor for a value that is public by design (publishable keys, Supabase `anon`).
pub const PUBLIC_BY_DESIGN_FACTOR: f64 = 0.4;
/// Highest score of a credential the provider rejected when introspected: it stays
/// reported (it was exposed) but ranks low.
pub const INACTIVE_CAP: f64 = 15.0;

/// Severity bands over the score.
pub fn severity(score: u8) -> Severity {
    match score {
        80..=100 => Severity::Critical,
        55..=79 => Severity::High,
        30..=54 => Severity::Medium,
        _ => Severity::Low,
    }
}

/// Scores every finding. Findings sharing a fingerprint get the score of the worst
/// exposure among them.
pub fn rank(findings: &mut [Finding]) {
    let mut worst: HashMap<&str, Source> = HashMap::new();
    for f in findings.iter() {
        worst
            .entry(f.fingerprint.as_str())
            .and_modify(|s| {
                if exposure_points(f.source) > exposure_points(*s) {
                    *s = f.source
                }
            })
            .or_insert(f.source);
    }
    let worst: HashMap<String, Source> = worst.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
    for f in findings.iter_mut() {
        let exposure = worst.get(&f.fingerprint).copied().unwrap_or(f.source);
        score(f, exposure);
    }
}

fn score(f: &mut Finding, exposure: Source) {
    let mut score =
        100.0 * capability_weight(&f.capabilities) * environment_weight(f.environment) * scope_weight(f.scope)
            + exposure_points(exposure);
    if f.evidence.reaches_backups && f.capabilities.contains(&Capability::Delete) {
        score += BACKUP_POINTS;
    }
    if f.evidence.encrypted_key {
        score *= ENCRYPTED_KEY_FACTOR;
    }
    if f.evidence.public_by_design {
        score *= PUBLIC_BY_DESIGN_FACTOR;
    }
    if f.evidence.inactive {
        score = score.min(INACTIVE_CAP);
    }
    f.blast_radius = score.round().clamp(0.0, 100.0) as u8;
    f.severity = severity(f.blast_radius);
    f.reasons.push(format!("found in {}", exposure_words(f.source)));
    if exposure != f.source {
        f.reasons.push(format!("scored by its worst exposure: it is also in {}", exposure_words(exposure)));
    }
}

fn exposure_words(source: Source) -> &'static str {
    match source {
        Source::GitHistory => "git history: it has left this machine with every clone",
        Source::Staged => "a change staged for commit",
        Source::Workspace => "a workspace file any agent in this workspace can read",
        Source::Home => "a home-directory credential store",
        Source::History => "a shell history file",
        Source::Env => "the process environment",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_place_names_its_own_exposure_and_the_one_that_scored_it() {
        let scanner = crate::engine::scan::Scanner::new(crate::engine::detect::DetectorSet::load(&[]).unwrap());
        let text = b"GITHUB_TOKEN=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\n";
        fn place(path: &str, source: Source) -> crate::model::result::Origin<'_> {
            crate::model::result::Origin { path, source, commit: None }
        }
        let mut findings = scanner.findings_in(text, place("/home/u/.config/gh/hosts.yml", Source::Home));
        findings.extend(scanner.findings_in(text, place("app/.env", Source::Workspace)));
        assert_eq!(findings.len(), 2, "{findings:?}");
        rank(&mut findings);
        let home = findings.iter().find(|f| f.source == Source::Home).unwrap();
        assert!(home.reasons.iter().any(|r| r == "found in a home-directory credential store"), "{:?}", home.reasons);
        assert!(!home.reasons.iter().any(|r| r.starts_with("found in a workspace file")), "{:?}", home.reasons);
        assert!(home.reasons.iter().any(|r| r.contains("also in a workspace file")), "{:?}", home.reasons);
        let workspace = findings.iter().find(|f| f.source == Source::Workspace).unwrap();
        assert!(!workspace.reasons.iter().any(|r| r.contains("also in")), "{:?}", workspace.reasons);
    }

    #[test]
    fn severity_bands() {
        assert_eq!(severity(100), Severity::Critical);
        assert_eq!(severity(80), Severity::Critical);
        assert_eq!(severity(79), Severity::High);
        assert_eq!(severity(55), Severity::High);
        assert_eq!(severity(54), Severity::Medium);
        assert_eq!(severity(29), Severity::Low);
    }

    #[test]
    fn weights_order_as_documented() {
        assert!(capability_weight(&[Capability::Delete]) > capability_weight(&[Capability::Write]));
        assert!(capability_weight(&[Capability::Write]) > capability_weight(&[Capability::Read]));
        assert!(environment_weight(Environment::Production) > environment_weight(Environment::Staging));
        assert!(environment_weight(Environment::Staging) > environment_weight(Environment::Development));
        assert!(scope_weight(Scope::Account) > scope_weight(Scope::Workspace));
        assert!(scope_weight(Scope::Workspace) > scope_weight(Scope::Project));
        assert!(scope_weight(Scope::Project) > scope_weight(Scope::Environment));
        assert!(exposure_points(Source::GitHistory) > exposure_points(Source::Workspace));
        assert!(exposure_points(Source::Workspace) > exposure_points(Source::Home));
        assert!(exposure_points(Source::Home) > exposure_points(Source::History));
        assert!(exposure_points(Source::History) > exposure_points(Source::Env));
    }
}
