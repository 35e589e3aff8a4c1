//! Shared set-up and invariants for the blastradius fuzz targets (see `scripts/fuzz.sh`).
//! Every target feeds arbitrary bytes to one entry point; a panic, a timeout or running
//! out of memory is a bug in the product code.

use blastradius::engine::detect::DetectorSet;
use blastradius::source::extract::{self, Field, Format, Place};
use blastradius::engine::scan::Scanner;
use std::sync::LazyLock;

/// The built-in detectors, as `blastradius scan` uses them.
pub static SCANNER: LazyLock<Scanner> = LazyLock::new(|| {
    let specs = blastradius::engine::spec::load(&[]).expect("built-in detectors load");
    Scanner::new(DetectorSet::new(specs).expect("built-in detectors compile"))
});

/// The built-in detectors plus the credential-field fallback, as `blastradius reach` uses them.
pub static REACH_SCANNER: LazyLock<Scanner> =
    LazyLock::new(|| Scanner::new(blastradius::pipeline::reach::reach_detectors(&[]).expect("reach detectors load")));

/// Builds both scanners and compiles every detector regex: done before fuzzing starts,
/// so the first input is not charged the set-up time (tens of seconds under ASan).
pub fn init_scanners() {
    for scanner in [&*SCANNER, &*REACH_SCANNER] {
        scanner.detectors.compile_all().expect("detector regexes compile");
    }
}

/// Fields must point inside the buffer, and a verbatim field's bytes must be its value.
pub fn check_fields(buf: &[u8], fields: &[Field]) {
    for field in fields {
        let Place::Bytes { offset, len, verbatim } = field.place else { continue };
        let end = offset.checked_add(len).expect("place overflows");
        assert!(end <= buf.len(), "field {} at {offset}+{len} is past the end ({})", field.key, buf.len());
        if verbatim {
            assert_eq!(&buf[offset..end], field.value.as_bytes(), "verbatim field {} is not its bytes", field.key);
        }
    }
}

/// Extracts `buf` as `format` and checks the fields' places.
pub fn extract_and_check(format: Format, buf: &[u8]) {
    if let Ok(fields) = extract::extract(format, buf) {
        check_fields(buf, &fields);
    }
}

/// Every format an extractor reads from bytes, for targets that pick one from the input.
pub const TEXT_FORMATS: [Format; 10] = Format::TEXT;
