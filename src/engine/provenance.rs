//! Store provenance: a value found at one of a catalogue store's secret key paths takes
//! the store's identity (provider, credential kind, scope, and a reason naming the tool
//! and the key path), even when no detector recognises its format. When a detector does
//! recognise it, the detector's rule stays; the store adds its scope where the detector's
//! is unknown, and its provider and kind where the detector names only a file format
//! (`netrc`, `docker-config`, the `credential-field` fallback) or the store's rule is
//! authoritative.

use super::scan::Scanner;
use super::structured;
use crate::model::finding::{Clue, Finding, Scope};
use crate::model::fingerprint::Fingerprinter;
use crate::model::result::Origin;
use crate::source::budget;
use crate::source::extract::{url_password, Field, Place};
use crate::source::home::catalogue::{Catalogue, Identity, Store};
use std::collections::HashSet;

/// The synthetic key a store's secret value is scanned under when no detector matched it
/// under its own key: one the `credential-field` fallback accepts.
const FALLBACK_KEY: &str = "secret";

/// Findings in a store's fields: the engine's, plus one for every value at a secret key
/// path that no detector matched (judged by the `credential-field` fallback's filters,
/// so placeholders and references stay silent); then the store's identity on each.
pub fn scan_store_fields(
    scanner: &Scanner,
    catalogue: &Catalogue,
    store: &Store,
    fields: &[Field],
    raw: Option<&[u8]>,
    origin: Origin<'_>,
) -> Vec<Finding> {
    let fields: Vec<Field> = fields.iter().map(|f| password_of_login(catalogue, store, f)).collect();
    let fields = fields.as_slice();
    let mut found = structured::scan_fields(scanner, fields, raw, origin);
    let mut keys_found: HashSet<String> = found.iter().filter_map(|f| f.key.clone()).collect();
    for field in fields {
        if found.len() > budget::findings_left() || budget::expired() {
            // Over the store's cap or out of time: the caller's `budget::keep` records it.
            break;
        }
        let Some(identity) = catalogue.identity(store, &field.key, &field.value) else { continue };
        if keys_found.contains(&field.key) {
            continue;
        }
        let target = if identity.rule.in_url { url_secret(field) } else { Some(field.clone()) };
        let Some(target) = target else { continue };
        let fallback = structured::scan_fields_as(scanner, &target, FALLBACK_KEY, raw, origin);
        keys_found.extend(fallback.iter().filter_map(|f| f.key.clone()));
        found.extend(fallback);
    }
    apply(scanner, catalogue, store, &mut found);
    found
}

/// Gives every finding at one of the store's secret key paths the store's identity, and
/// drops what only a secret-sounding key name made a finding at a path the store says
/// holds an identifier. A finding without a key (plain-text stores) is looked up under
/// the empty key.
pub fn apply(scanner: &Scanner, catalogue: &Catalogue, store: &Store, findings: &mut Vec<Finding>) {
    findings.retain(|f| {
        !(catalogue.is_format_provider(&f.provider) && f.key.as_deref().is_some_and(|k| store.is_public(k)))
    });
    for finding in findings.iter_mut() {
        let key = finding.key.clone().unwrap_or_default();
        let identity = catalogue.identity(store, &key, finding.secret.expose());
        if let Some(identity) = identity {
            inherit(&scanner.fingerprints, catalogue, finding, &identity, &key);
        }
    }
}

fn inherit(
    fingerprints: &Fingerprinter,
    catalogue: &Catalogue,
    finding: &mut Finding,
    identity: &Identity<'_>,
    key: &str,
) {
    let rule = identity.rule;
    let reason = match key {
        "" => format!("{} store: {}", identity.tool, rule.reason),
        key => format!("{} store, `{key}`: {}", identity.tool, rule.reason),
    };
    if rule.authoritative || catalogue.is_format_provider(&finding.provider) {
        if let Some(provider) = identity.provider {
            finding.provider = provider.to_string();
            finding.fingerprint = fingerprints.of(provider, finding.secret.expose()).to_string();
        }
        finding.kind = rule.kind.clone();
    }
    match (finding.scope, rule.scope) {
        // Classification raises the scope and leads with the reason that set it.
        (Scope::Unknown, scope) if scope != Scope::Unknown => {
            let clue = Clue { per_environment: rule.per_environment, ..Clue::scope(scope, reason) };
            finding.evidence.clues.push(clue)
        }
        _ => finding.reasons.push(reason),
    }
    finding.evidence.store = Some(identity.tool.to_string());
}

/// A field the store writes as `user:password` (a Bundler source login) narrowed to its
/// password, placed where the password is written when the value is verbatim; any other
/// field as it is.
fn password_of_login(catalogue: &Catalogue, store: &Store, field: &Field) -> Field {
    let is_login = catalogue.identity(store, &field.key, &field.value).is_some_and(|id| id.rule.user_password);
    let Some((user, password)) = field.value.split_once(':').filter(|_| is_login) else { return field.clone() };
    let place = match field.place {
        Place::Bytes { offset, verbatim: true, .. } => {
            Place::Bytes { offset: offset + user.len() + 1, len: password.len(), verbatim: true }
        }
        ref other => other.clone(),
    };
    Field { key: field.key.clone(), value: password.to_string(), place }
}

/// The password inside a URL-valued field (`https://user:token@host/simple`), as a field
/// of its own placed where the password is written when the value is verbatim.
fn url_secret(field: &Field) -> Option<Field> {
    let (_, at, password) = url_password(&field.value)?;
    let place = match field.place {
        Place::Bytes { offset, verbatim: true, .. } => {
            Place::Bytes { offset: offset + at, len: password.len(), verbatim: true }
        }
        ref other => other.clone(),
    };
    Some(Field { key: field.key.clone(), value: password.to_string(), place })
}
