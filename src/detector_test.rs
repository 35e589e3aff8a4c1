//! Runs every detector's own examples through the full engine (prefilter, regex,
//! filters, validators): each example must be found by its detector, each negative
//! example must not be.

use crate::detect::DetectorSet;

/// Returns one line per failed example; empty when every example behaves.
pub fn run(set: &DetectorSet) -> Vec<String> {
    let mut failures = Vec::new();
    for (idx, detector) in set.detectors.iter().enumerate() {
        let id = &detector.spec.id;
        for (n, example) in detector.spec.examples.iter().enumerate() {
            if !set.find(example.as_bytes()).iter().any(|m| m.detector == idx) {
                failures.push(format!("{id}: example #{} not found", n + 1));
            }
        }
        for (n, example) in detector.spec.negative_examples.iter().enumerate() {
            if set.find(example.as_bytes()).iter().any(|m| m.detector == idx) {
                failures.push(format!("{id}: negative example #{} matched", n + 1));
            }
        }
    }
    failures
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_detector_example_behaves() {
        let set = crate::run::load_detectors(&[]).expect("built-in detectors load");
        let failures = super::run(&set);
        assert!(failures.is_empty(), "detector example failures:\n{}", failures.join("\n"));
    }
}
