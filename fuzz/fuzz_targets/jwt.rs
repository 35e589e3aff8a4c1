#![no_main]
//! JWT decoding and every structural validator on arbitrary candidate secrets.

use blastradius::engine::spec::Validator;
use blastradius::engine::validate;
use libfuzzer_sys::fuzz_target;

const VALIDATORS: [Validator; 5] =
    [Validator::Crc32Base62, Validator::Jwt, Validator::MixedClasses, Validator::LikelySecret, Validator::BasicAuth];

fuzz_target!(|data: &[u8]| {
    validate::jwt_header(data);
    validate::jwt_claims(&String::from_utf8_lossy(data));
    validate::decode_base64(data);
    for validator in VALIDATORS {
        validate::check(validator, data);
    }
});
