#![no_main]
//! The engine: `Scanner::findings_in` (prefilter, regexes, decoders, filters) over
//! arbitrary bytes, then classification and ranking.

use blastradius::model::finding::Source;
use blastradius::model::result::Origin;
use blastradius_fuzz::SCANNER;
use libfuzzer_sys::fuzz_target;

/// File names the generic-secret model treats differently.
const PATHS: [&str; 6] = ["src/main.rs", ".env", "config/settings.yaml", "package.json", "notes.txt", "id_rsa"];

fuzz_target!(init: blastradius_fuzz::init_scanners(), |data: &[u8]| {
    let Some((&selector, buf)) = data.split_first() else { return };
    let path = PATHS[usize::from(selector) % PATHS.len()];
    let mut findings = SCANNER.findings_in(buf, Origin { path, source: Source::Workspace, commit: None });
    blastradius::classify::finish(&SCANNER, &mut findings);
    for finding in &findings {
        assert!(finding.blast_radius <= 100, "blast radius {} over 100", finding.blast_radius);
    }
});
