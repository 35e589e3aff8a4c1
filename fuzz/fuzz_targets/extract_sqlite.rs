#![no_main]
//! `extract::extract_sqlite` on an arbitrary database file, then the fields through the engine.

use blastradius::model::finding::Source;
use blastradius::model::result::Origin;
use libfuzzer_sys::fuzz_target;
use std::path::PathBuf;
use std::sync::LazyLock;

/// One database file per fuzzing process, rewritten for every input.
static DB: LazyLock<PathBuf> =
    LazyLock::new(|| std::env::temp_dir().join(format!("blastradius-fuzz-{}.db", std::process::id())));

fuzz_target!(init: blastradius_fuzz::init_scanners(), |data: &[u8]| {
    std::fs::write(&*DB, data).expect("write the database file");
    if let Ok(fields) = blastradius::source::extract::extract_sqlite(&DB) {
        let origin = Origin { path: "credentials.db", source: Source::Home, commit: None };
        blastradius::engine::structured::scan_fields(&blastradius_fuzz::REACH_SCANNER, &fields, None, origin);
    }
});
