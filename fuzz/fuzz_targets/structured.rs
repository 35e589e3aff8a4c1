#![no_main]
//! `extract::scan_structured`: the first byte picks the format, the rest is the file;
//! fields go through the engine and findings are mapped back to the file.

use blastradius::model::finding::Source;
use blastradius::model::result::Origin;
use blastradius_fuzz::{REACH_SCANNER, TEXT_FORMATS};
use libfuzzer_sys::fuzz_target;

fuzz_target!(init: blastradius_fuzz::init_scanners(), |data: &[u8]| {
    let Some((&selector, buf)) = data.split_first() else { return };
    let format = TEXT_FORMATS[usize::from(selector) % TEXT_FORMATS.len()];
    let origin = Origin { path: "fuzz/input", source: Source::Home, commit: None };
    let (findings, _) = blastradius::engine::structured::scan_structured(&REACH_SCANNER, format, buf, origin);
    for finding in findings {
        assert!(finding.line >= 1 && finding.end_line >= finding.line, "bad lines for {}", finding.rule_id);
    }
});
