//! The blast-radius model (the severity rubric, `shared/reference/severity-rubric.md`):
//! first the tier, then a score inside the tier's band. The README documents both.
//!
//! **Tier.** The provider's impact class sets the ceiling (infrastructure, cloud,
//! databases, clusters, secrets managers, payments and identity reach critical; code
//! hosting, registries, CI, messaging, email/SMS and LLM APIs high; the rest medium); a
//! detector or hint may set another ceiling for a kind of credential (an LLM provider's
//! admin key is critical, an incoming webhook medium). Then, in this order:
//! a credential the provider rejected, one public by design, an encrypted key, an
//! example in a fixture or documentation, a test-mode key, or (for providers that
//! partition by environment) a local-only or test credential is **low**; for those
//! providers a staging credential is at most medium and a development one at most the
//! class's development cap; a credential known to be read-only drops one tier.
//!
//! **Score.** Each tier has a band (critical 80–100, high 55–79, medium 30–54, low
//! 0–29), so the order between tiers is the tier's. Inside the band, scope (account >
//! workspace > project > environment), capability (delete or admin > write > read),
//! environment (production > unknown > staging > development > test) and exposure (git
//! history > workspace > home store > shell history > environment) place it. The same credential in several places takes its worst exposure.

use super::class::ImpactClass;
use crate::model::finding::{Capability, Environment, Finding, Scope, Severity, Source};
use std::collections::HashMap;

/// The score band of a tier: (lowest, highest).
pub fn band(severity: Severity) -> (f64, f64) {
    match severity {
        Severity::Critical => (80.0, 100.0),
        Severity::High => (55.0, 79.0),
        Severity::Medium => (30.0, 54.0),
        Severity::Low => (0.0, 29.0),
    }
}

/// The tier a score falls in (the inverse of [`band`]).
pub fn severity(score: u8) -> Severity {
    match score {
        80..=100 => Severity::Critical,
        55..=79 => Severity::High,
        30..=54 => Severity::Medium,
        _ => Severity::Low,
    }
}

/// Place inside the band for how far the authority extends.
pub fn scope_weight(scope: Scope) -> f64 {
    match scope {
        Scope::Account => 1.0,
        Scope::Workspace => 0.85,
        Scope::Unknown => 0.6,
        Scope::Project => 0.5,
        Scope::Environment => 0.3,
    }
}

/// Place inside the band for the most powerful capability held.
pub fn capability_weight(caps: &[Capability]) -> f64 {
    match caps.iter().max() {
        Some(Capability::Delete) | Some(Capability::Admin) => 1.0,
        Some(Capability::Write) => 0.7,
        Some(Capability::Read) => 0.3,
        None => 0.5,
    }
}

/// Place inside the band for the environment reached: evidence of production ranks a
/// little above no evidence at all.
pub fn environment_weight(env: Environment) -> f64 {
    match env {
        Environment::Production => 1.0,
        Environment::Unknown => 0.8,
        Environment::Staging => 0.5,
        Environment::Development => 0.3,
        Environment::Test => 0.1,
    }
}

/// Place inside the band for where it was found (rubric §2.6: only breaks ties).
pub fn exposure_weight(source: Source) -> f64 {
    match source {
        Source::GitHistory | Source::Staged => 1.0,
        Source::Workspace => 0.8,
        Source::Home => 0.6,
        Source::History => 0.4,
        Source::Env => 0.2,
    }
}

/// The tier and the reason that decided it, for one classified finding.
pub fn tier(f: &Finding, class: &ImpactClass, class_reason: &str) -> (Severity, String) {
    let (ceiling, ceiling_reason) = match &f.evidence.ceiling {
        Some((tier, reason)) => (*tier, reason.clone()),
        None => (class.ceiling, class_reason.to_string()),
    };
    let ceiling = if f.evidence.verified_admin { Severity::Critical } else { ceiling };
    let low = |why: &str| (Severity::Low, why.to_string());
    if f.evidence.inactive {
        return low("rejected by its provider when introspected: it no longer works");
    }
    if f.evidence.public_by_design {
        return low("public by design: meant to be shipped to browsers or apps");
    }
    if f.evidence.encrypted_key {
        return low("the private key is encrypted: useless without its passphrase");
    }
    if f.evidence.example {
        return low("in a test fixture or documentation: an example more than a credential");
    }
    if f.evidence.test_mode {
        return low("test mode: it cannot touch live data or money");
    }
    let mut tier = ceiling;
    let mut why = ceiling_reason;
    let because = |what: &str| match &f.evidence.environment_reason {
        Some(evidence) => format!("{evidence}: {what}"),
        None => what.to_string(),
    };
    if class.partitioned {
        match f.environment {
            Environment::Test => return (Severity::Low, because("a test environment only")),
            _ if f.evidence.local_only => return (Severity::Low, because("a service on this machine only")),
            Environment::Staging if tier > Severity::Medium => {
                tier = Severity::Medium;
                why = because(&format!("staging only, at most medium for {}", class.id));
            }
            Environment::Development if tier > class.development => {
                tier = class.development;
                why = because(&format!("development only, at most {} for {}", tier.as_str(), class.id));
            }
            _ => {}
        }
    }
    if f.evidence.read_only && class.read_only_lowers && tier > Severity::Low {
        tier = tier.lower();
        why = format!("read-only: one tier below its class ({})", class.id);
    }
    (tier, why)
}

/// The score inside `tier`'s band.
pub fn score(f: &Finding, tier: Severity, exposure: Source) -> u8 {
    let (lo, hi) = band(tier);
    let place = 0.35 * scope_weight(f.scope)
        + 0.3 * capability_weight(&f.capabilities)
        + 0.25 * environment_weight(f.environment)
        + 0.1 * exposure_weight(exposure);
    (lo + (hi - lo) * place).round().clamp(lo, hi) as u8
}

/// The worst exposure of every credential (by credential id).
pub fn worst_exposure(findings: &[Finding]) -> HashMap<String, Source> {
    let mut worst: HashMap<String, Source> = HashMap::new();
    for f in findings {
        worst
            .entry(f.credential.clone())
            .and_modify(|s| {
                if exposure_weight(f.source) > exposure_weight(*s) {
                    *s = f.source
                }
            })
            .or_insert(f.source);
    }
    worst
}

/// In words, for `reasons`.
pub fn exposure_words(source: Source) -> &'static str {
    match source {
        Source::GitHistory => "git history: it has left this machine with every clone",
        Source::Staged => "a change staged for commit",
        Source::Workspace => "a workspace file any agent in this workspace can read",
        Source::Home => "a home-directory credential store",
        Source::History => "a shell or REPL history file",
        Source::Env => "the process environment",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bands_and_severity_agree() {
        for tier in [Severity::Critical, Severity::High, Severity::Medium, Severity::Low] {
            let (lo, hi) = band(tier);
            assert_eq!(severity(lo as u8), tier);
            assert_eq!(severity(hi as u8), tier);
        }
    }

    #[test]
    fn weights_order_as_documented() {
        assert!(scope_weight(Scope::Account) > scope_weight(Scope::Workspace));
        assert!(scope_weight(Scope::Workspace) > scope_weight(Scope::Project));
        assert!(scope_weight(Scope::Project) > scope_weight(Scope::Environment));
        assert!(capability_weight(&[Capability::Delete]) > capability_weight(&[Capability::Write]));
        assert!(capability_weight(&[Capability::Write]) > capability_weight(&[Capability::Read]));
        assert!(exposure_weight(Source::GitHistory) > exposure_weight(Source::Workspace));
        assert!(exposure_weight(Source::Workspace) > exposure_weight(Source::Home));
        assert!(exposure_weight(Source::Home) > exposure_weight(Source::History));
        assert!(exposure_weight(Source::History) > exposure_weight(Source::Env));
    }
}
