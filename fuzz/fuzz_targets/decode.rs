#![no_main]
//! `decode::find_decoded`: base64, percent-encoding and string escapes, nested.

use blastradius_fuzz::SCANNER;
use libfuzzer_sys::fuzz_target;

fuzz_target!(init: blastradius_fuzz::init_scanners(), |data: &[u8]| {
    for found in blastradius::engine::decode::find_decoded(&SCANNER.detectors, data, Some("fuzz/input")) {
        let (start, end) = (found.matched.start, found.matched.end);
        assert!(start <= end && end <= data.len(), "decoded match {start}..{end} outside the buffer");
    }
});
