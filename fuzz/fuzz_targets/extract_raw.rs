#![no_main]
//! `extract::extract(Format::Raw, …)` on arbitrary bytes.

use blastradius::source::extract::Format;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| blastradius_fuzz::extract_and_check(Format::Raw, data));
