//! One credential, one identity: the parts of a credential found together (an AWS key id
//! beside its secret key and session token, a Datadog API key beside its application
//! key) share a credential id, so they are scored and reported once. Detectors declare
//! their partners (`pairs_with`); parts pair when they sit in the same file and the same
//! record: the same section or object (their key paths share a parent), or, without key
//! paths, within a few lines.

use crate::engine::detect::DetectorSet;
use crate::model::finding::{Environment, Finding};
use crate::source::extract::url_password;
use std::collections::HashMap;

/// The same value found in several places is one secret: where one place says which
/// environment it reaches (a `localhost` URL beside it, a production host, a declared
/// `NODE_ENV`) and another says nothing (`AUTH <password>` in a shell history), the
/// evidence holds for both. The broadest reach among the places that say something wins,
/// as it does among one finding's clues.
pub fn share_environment_evidence(findings: &mut [Finding]) {
    let mut best: HashMap<&str, usize> = HashMap::new();
    for (i, f) in findings.iter().enumerate() {
        if !has_environment_evidence(f) {
            continue;
        }
        let reach = |f: &Finding| (!f.evidence.local_only, super::rank::environment_weight(f.environment).to_bits());
        best.entry(secret_value(f))
            .and_modify(|b| {
                if reach(f) > reach(&findings[*b]) {
                    *b = i
                }
            })
            .or_insert(i);
    }
    let shared: Vec<(usize, usize)> = findings
        .iter()
        .enumerate()
        .filter(|(_, f)| !has_environment_evidence(f))
        .filter_map(|(i, f)| best.get(secret_value(f)).map(|&b| (i, b)))
        .collect();
    for (i, b) in shared {
        let (environment, local_only) = (findings[b].environment, findings[b].evidence.local_only);
        let reason = findings[b].evidence.environment_reason.clone().unwrap_or_default();
        let place = format!("the same value in {}:{}", findings[b].path, findings[b].line);
        let f = &mut findings[i];
        f.environment = environment;
        f.evidence.local_only = local_only;
        f.evidence.environment_reason = Some(format!("{place}: {reason}"));
    }
}

/// The secret itself: the password of a connection URL, else the whole value.
fn secret_value(f: &Finding) -> &str {
    let secret = f.secret.expose();
    url_password(secret).map_or(secret, |(_, _, password)| password)
}

fn has_environment_evidence(f: &Finding) -> bool {
    f.evidence.local_only || (f.environment != Environment::Unknown && f.evidence.environment_reason.is_some())
}

/// Lines apart two parts may be when their keys say nothing about a shared record.
const NEARBY_LINES: usize = 6;

/// Sets every finding's `credential`: the fingerprint of the secret part of its group,
/// or its own fingerprint when it stands alone.
pub fn assign_credentials(findings: &mut [Finding], detectors: &DetectorSet) {
    let mut parent: Vec<usize> = (0..findings.len()).collect();
    let mut by_file: HashMap<(&str, &str, Option<&str>), Vec<usize>> = HashMap::new();
    for (i, f) in findings.iter().enumerate() {
        by_file.entry((f.path.as_str(), f.source.as_str(), f.commit.as_deref())).or_default().push(i);
    }
    let pairs = |a: &Finding, b: &Finding| {
        let lists = |x: &Finding, y: &Finding| {
            detectors.by_id(&x.rule_id).is_some_and(|d| d.spec.pairs_with.contains(&y.rule_id))
        };
        (lists(a, b) || lists(b, a)) && same_record(a, b)
    };
    for members in by_file.values() {
        for (n, &i) in members.iter().enumerate() {
            for &j in &members[n + 1..] {
                if pairs(&findings[i], &findings[j]) {
                    union(&mut parent, i, j);
                }
            }
        }
    }
    // The leader is a secret part before a naming part, then the smallest fingerprint.
    let names_credential = |f: &Finding| detectors.by_id(&f.rule_id).is_some_and(|d| d.spec.names_credential);
    let mut leader: HashMap<usize, (bool, String)> = HashMap::new();
    for (i, f) in findings.iter().enumerate() {
        let candidate = (names_credential(f), f.fingerprint.clone());
        let current = leader.entry(find(&mut parent, i)).or_insert_with(|| candidate.clone());
        if candidate < *current {
            *current = candidate;
        }
    }
    for i in 0..findings.len() {
        findings[i].credential = leader[&find(&mut parent, i)].1.clone();
    }
}

/// Same section or object (key paths with the same parent), else within a few lines.
fn same_record(a: &Finding, b: &Finding) -> bool {
    let parent = |f: &Finding| f.key.as_deref().and_then(|k| k.rsplit_once('.')).map(|(p, _)| p.to_string());
    match (parent(a), parent(b)) {
        (Some(x), Some(y)) => x == y,
        _ => a.line.abs_diff(b.line) <= NEARBY_LINES,
    }
}

fn find(parent: &mut [usize], i: usize) -> usize {
    let mut root = i;
    while parent[root] != root {
        root = parent[root];
    }
    let mut at = i;
    while parent[at] != root {
        (parent[at], at) = (root, parent[at]);
    }
    root
}

fn union(parent: &mut [usize], a: usize, b: usize) {
    let (ra, rb) = (find(parent, a), find(parent, b));
    if ra != rb {
        parent[ra.max(rb)] = ra.min(rb);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::finding::Secret;

    fn found(path: &str, secret: &str, env: Environment, local: bool) -> Finding {
        let mut f = Finding::example("credential-field", 1);
        f.path = path.to_string();
        f.secret = Secret::new(secret.to_string());
        f.environment = env;
        f.evidence.local_only = local;
        f.evidence.environment_reason = (env != Environment::Unknown).then(|| "host `localhost` beside it".to_string());
        f
    }

    #[test]
    fn places_without_evidence_take_the_environment_of_the_same_value_elsewhere() {
        let mut findings = vec![
            found(".rediscli_history", "pw-1", Environment::Unknown, false),
            found(".env", "redis://:pw-1@localhost:6379/0", Environment::Development, true),
            found("notes.txt", "pw-2", Environment::Unknown, false),
        ];
        share_environment_evidence(&mut findings);
        assert_eq!(findings[0].environment, Environment::Development);
        assert!(findings[0].evidence.local_only);
        assert!(findings[0].evidence.environment_reason.as_deref().unwrap().starts_with("the same value in .env:1"));
        assert_eq!(findings[2].environment, Environment::Unknown, "another value keeps its own");
    }

    #[test]
    fn the_broadest_reach_among_the_places_wins() {
        let mut findings = vec![
            found("a", "pw", Environment::Unknown, false),
            found("b", "pw", Environment::Development, true),
            found("c", "pw", Environment::Production, false),
        ];
        share_environment_evidence(&mut findings);
        assert_eq!(findings[0].environment, Environment::Production);
        assert!(!findings[0].evidence.local_only);
    }
}
