//! The labelled-corpus quality gate: scans every directory of `fixtures/corpus/` that
//! holds an `expected.toml` with the built-in detectors, classifies the findings (so a
//! generic finding carries the provider its key name names in the provider vocabulary)
//! and compares them with the labels. A found (file, line, provider) that is labelled is a true positive, an
//! unlabelled finding a false positive, a label not found a false negative. Fails below
//! [`MIN_RECALL`] recall or [`MIN_PRECISION`] precision.

use blastradius::engine::scan::Scanner;
use blastradius::model::finding::Source;
use blastradius::model::result::Origin;
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const MIN_RECALL: f64 = 0.98;
const MIN_PRECISION: f64 = 0.97;
const LABELS: &str = "expected.toml";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Expected {
    finding: Vec<Label>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Label {
    file: String,
    line: usize,
    provider: String,
}

/// (labelled directory relative to the corpus, file relative to it, line, provider)
type Key = (String, String, usize, String);

#[derive(Default)]
struct Tally {
    true_positives: usize,
    false_positives: usize,
    false_negatives: usize,
}

impl Tally {
    fn recall(&self) -> f64 {
        ratio(self.true_positives, self.true_positives + self.false_negatives)
    }
    fn precision(&self) -> f64 {
        ratio(self.true_positives, self.true_positives + self.false_positives)
    }
}

fn ratio(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        1.0
    } else {
        part as f64 / whole as f64
    }
}

fn corpus_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/corpus")
}

/// Every directory under `root` holding an `expected.toml`.
fn labelled_dirs(root: &Path) -> Vec<PathBuf> {
    let mut dirs = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        if dir.join(LABELS).is_file() {
            dirs.push(dir.clone());
        }
        for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("read {}: {e}", dir.display())) {
            let path = entry.expect("directory entry").path();
            if path.is_dir() {
                stack.push(path);
            }
        }
    }
    dirs.sort();
    dirs
}

/// Files under a labelled directory, leaving out nested labelled directories.
fn files_of(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(current) = stack.pop() {
        for entry in std::fs::read_dir(&current).expect("readable corpus directory") {
            let path = entry.expect("directory entry").path();
            if path.is_dir() && !path.join(LABELS).is_file() {
                stack.push(path);
            } else if path.is_file() && path.file_name().is_some_and(|n| n != LABELS) {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

fn relative(path: &Path, base: &Path) -> String {
    path.strip_prefix(base).expect("path under base").to_string_lossy().replace('\\', "/")
}

fn read_labels(dir: &Path, name: &str) -> BTreeSet<Key> {
    let text = std::fs::read_to_string(dir.join(LABELS)).expect("readable expected.toml");
    let expected: Expected = toml::from_str(&text).unwrap_or_else(|e| panic!("{name}/{LABELS}: {e}"));
    expected.finding.into_iter().map(|l| (name.to_string(), l.file, l.line, l.provider)).collect()
}

/// Scans a labelled directory as if it were a repository root, so file kinds (`.env`,
/// `tests/…`) read as they would in a real project.
fn scan_dir(scanner: &Scanner, dir: &Path, name: &str) -> BTreeMap<Key, String> {
    let mut found = BTreeMap::new();
    for file in files_of(dir) {
        let buf = std::fs::read(&file).expect("readable corpus file");
        let rel = relative(&file, dir);
        let origin = Origin { path: &rel, source: Source::Workspace, commit: None };
        let mut findings = scanner.findings_in(&buf, origin);
        blastradius::classify::classify_all(scanner, &mut findings);
        for finding in findings {
            let key = (name.to_string(), rel.clone(), finding.line, finding.provider.clone());
            found.insert(key, format!("{} {}", finding.rule_id, finding.secret_redacted));
        }
    }
    found
}

fn group_of(name: &str) -> String {
    name.split('/').next().unwrap_or(name).to_string()
}

#[test]
fn labelled_corpus_meets_recall_and_precision() {
    let scanner = Scanner::new(blastradius::engine::detect::DetectorSet::load(&[]).expect("built-in detectors load"));
    let root = corpus_root();
    let dirs = labelled_dirs(&root);
    assert!(!dirs.is_empty(), "no expected.toml under {}", root.display());
    let mut total = Tally::default();
    let mut groups: BTreeMap<String, Tally> = BTreeMap::new();
    let mut misses: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut noise: Vec<String> = Vec::new();
    for dir in &dirs {
        let name = relative(dir, &root);
        let labels = read_labels(dir, &name);
        let found = scan_dir(&scanner, dir, &name);
        let group = groups.entry(group_of(&name)).or_default();
        for key in &labels {
            let tally_field = if found.contains_key(key) { 0 } else { 1 };
            for tally in [&mut total, &mut *group] {
                if tally_field == 0 {
                    tally.true_positives += 1;
                } else {
                    tally.false_negatives += 1;
                }
            }
            if tally_field == 1 {
                misses.entry(key.3.clone()).or_default().push(format!("{}/{}:{}", key.0, key.1, key.2));
            }
        }
        for (key, what) in found.iter().filter(|(k, _)| !labels.contains(k)) {
            total.false_positives += 1;
            group.false_positives += 1;
            noise.push(format!("{}/{}:{} {} ({what})", key.0, key.1, key.2, key.3));
        }
    }
    println!("labelled corpus: {} directories", dirs.len());
    for (name, t) in &groups {
        println!(
            "  {name:<12} tp {:>4}  fp {:>3}  fn {:>3}  recall {:.3}  precision {:.3}",
            t.true_positives,
            t.false_positives,
            t.false_negatives,
            t.recall(),
            t.precision()
        );
    }
    println!(
        "  {:<12} tp {:>4}  fp {:>3}  fn {:>3}  recall {:.3}  precision {:.3}",
        "total",
        total.true_positives,
        total.false_positives,
        total.false_negatives,
        total.recall(),
        total.precision()
    );
    for (provider, places) in &misses {
        println!("missed {provider} ({}): {}", places.len(), places.join(", "));
    }
    for line in &noise {
        println!("false positive: {line}");
    }
    assert!(total.recall() >= MIN_RECALL, "recall {:.3} below {MIN_RECALL}", total.recall());
    assert!(total.precision() >= MIN_PRECISION, "precision {:.3} below {MIN_PRECISION}", total.precision());
}
