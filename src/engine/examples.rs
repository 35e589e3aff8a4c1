//! Runs every detector's own examples through the full engine (prefilter, regex,
//! filters, validators): each example must be found by its detector, each negative
//! example must not be.

use crate::engine::detect::DetectorSet;

/// How one detector's examples behaved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DetectorResult {
    pub id: String,
    /// Examples (positive and negative) that behaved.
    pub passed: usize,
    /// One line per example that did not.
    pub failures: Vec<String>,
}

/// Runs every detector's examples; one result per detector, in detector order.
pub fn results(set: &DetectorSet) -> Vec<DetectorResult> {
    set.detectors.iter().enumerate().map(|(idx, detector)| detector_result(set, idx, &detector.spec.id)).collect()
}

fn detector_result(set: &DetectorSet, idx: usize, id: &str) -> DetectorResult {
    let spec = &set.detectors[idx].spec;
    let found = |example: &String| set.find(example.as_bytes()).iter().any(|m| m.detector == idx);
    let mut failures = Vec::new();
    for (n, example) in spec.examples.iter().enumerate() {
        if !found(example) {
            failures.push(format!("{id}: example #{} not found", n + 1));
        }
    }
    for (n, example) in spec.negative_examples.iter().enumerate() {
        if found(example) {
            failures.push(format!("{id}: negative example #{} matched", n + 1));
        }
    }
    let total = spec.examples.len() + spec.negative_examples.len();
    DetectorResult { id: id.to_string(), passed: total - failures.len(), failures }
}

/// Returns one line per failed example; empty when every example behaves.
pub fn run(set: &DetectorSet) -> Vec<String> {
    results(set).into_iter().flat_map(|r| r.failures).collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_detector_example_behaves() {
        let set = crate::engine::detect::DetectorSet::load(&[]).expect("built-in detectors load");
        let failures = super::run(&set);
        assert!(failures.is_empty(), "detector example failures:\n{}", failures.join("\n"));
    }

    #[test]
    fn results_count_passes_and_failures_per_detector() {
        let text = r#"
provider = "demo"
[[detector]]
id = "demo-key"
name = "Demo key"
kind = "api-key"
keywords = ["dmk_"]
regex = '\b(?P<secret>dmk_[A-Za-z0-9]{20})\b'
remediation = "rotate"
examples = ["dmk_Q8v2Lr5Tz1Xw9Kp3Nb7M", "dmk_wrong"]
negative_examples = ["dmk_short"]
"#;
        let set = crate::engine::detect::DetectorSet::new(crate::engine::spec::parse_file(text).unwrap()).unwrap();
        let results = super::results(&set);
        assert_eq!(results.len(), 1);
        assert_eq!(results[0].passed, 2);
        assert_eq!(results[0].failures, ["demo-key: example #2 not found"]);
    }
}
