//! One credential, one identity: the parts of a credential found together (an AWS key id
//! beside its secret key and session token, a Datadog API key beside its application
//! key) share a credential id, so they are scored and reported once. Detectors declare
//! their partners (`pairs_with`); parts pair when they sit in the same file and the same
//! record: the same section or object (their key paths share a parent), or, without key
//! paths, within a few lines.

use crate::engine::detect::DetectorSet;
use crate::model::finding::Finding;
use std::collections::HashMap;

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
