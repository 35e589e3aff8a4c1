//! Runs every detector's own examples through the full engine (prefilter, regex,
//! filters, validators): each example must be found by its detector, each negative
//! example must not be.

use crate::detect::DetectorSet;

/// Returns one line per failed example; empty when every example behaves.
pub fn run(set: &DetectorSet) -> Vec<String> {
    let mut failures = Vec::new();
    for (idx, detector) in set.detectors.iter().enumerate() {
        let id = &detector.spec.id;
        for example in &detector.spec.examples {
            if !set.find(example.as_bytes()).iter().any(|m| m.detector == idx) {
                failures.push(format!("{id}: example not found: {}", crate::finding::redact(example)));
            }
        }
        for example in &detector.spec.negative_examples {
            if set.find(example.as_bytes()).iter().any(|m| m.detector == idx) {
                failures.push(format!("{id}: negative example matched: {}", crate::finding::redact(example)));
            }
        }
    }
    failures
}
