//! Every provider-vocabulary entry's examples go through the whole scanner and come
//! out attributed to that entry's provider; its negative examples do not.

use blastradius::engine::detect::DetectorSet;
use blastradius::engine::scan::Scanner;
use blastradius::engine::vocabulary;
use blastradius::model::finding::Source;
use blastradius::model::result::Origin;

/// Every entry's examples, scanned as a `.env` file through the whole scanner, are
/// attributed to that entry's provider; its negative examples yield nothing named
/// after it.
#[test]
fn every_example_is_attributed_to_its_provider() {
    let scanner = Scanner::new(DetectorSet::load(&[]).expect("detectors load"));
    let mut failures = Vec::new();
    for entry in vocabulary::load().expect("vocabulary loads") {
        for (n, example) in entry.examples.iter().enumerate() {
            let origin = Origin { path: "app/.env", source: Source::Workspace, commit: None };
            let found = scanner.findings_in(example.as_bytes(), origin);
            if !found.iter().any(|f| f.provider == entry.id) {
                let got: Vec<&str> = found.iter().map(|f| f.rule_id.as_str()).collect();
                failures.push(format!("{}: example #{} found as {got:?}", entry.id, n + 1));
            }
        }
        for (n, example) in entry.negative_examples.iter().enumerate() {
            let origin = Origin { path: "app/.env", source: Source::Workspace, commit: None };
            let found = scanner.findings_in(example.as_bytes(), origin);
            if let Some(f) = found.iter().find(|f| f.rule_id == format!("{}-named-secret", entry.id)) {
                failures.push(format!("{}: negative example #{} found ({})", entry.id, n + 1, f.rule_id));
            }
        }
    }
    assert!(failures.is_empty(), "{} vocabulary example failures:\n{}", failures.len(), failures.join("\n"));
}
