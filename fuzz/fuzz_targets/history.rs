#![no_main]
//! `reach::history::fields` (shell and REPL histories) on arbitrary text.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let fields = blastradius::source::home::history::fields(&text);
    blastradius_fuzz::check_fields(text.as_bytes(), &fields);
});
