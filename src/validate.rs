//! Structural validators named by detectors: checks a real credential always passes and
//! look-alikes usually fail.

use crate::detector::Validator;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;

const BASE62: &[u8; 62] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/// Runs one validator on a candidate secret.
pub fn check(validator: Validator, secret: &[u8]) -> bool {
    match validator {
        Validator::Crc32Base62 => crc32_base62_ok(secret),
        Validator::Jwt => jwt_header(secret).is_some(),
        Validator::MixedClasses => mixed_classes(secret),
    }
}

/// GitHub and npm tokens: `<prefix>_<30 random><6 checksum>`, where the checksum is the
/// CRC32 of the random part in base62, zero-padded to six characters.
fn crc32_base62_ok(secret: &[u8]) -> bool {
    let Some(underscore) = secret.iter().position(|&b| b == b'_') else { return false };
    let body = &secret[underscore + 1..];
    if body.len() != 36 {
        return false;
    }
    let (random, checksum) = body.split_at(30);
    base62_crc32(random).as_bytes() == checksum
}

/// Base62 of the CRC32 of `data`, zero-padded to six characters.
pub fn base62_crc32(data: &[u8]) -> String {
    let mut n = crc32fast::hash(data);
    let mut digits = [b'0'; 6];
    for slot in digits.iter_mut().rev() {
        *slot = BASE62[(n % 62) as usize];
        n /= 62;
    }
    String::from_utf8_lossy(&digits).into_owned()
}

/// Decodes a JWT's header; `Some` when it is a JSON object naming an algorithm.
pub fn jwt_header(secret: &[u8]) -> Option<serde_json::Value> {
    let header = secret.split(|&b| b == b'.').next()?;
    let decoded = URL_SAFE_NO_PAD.decode(header).ok()?;
    let value: serde_json::Value = serde_json::from_slice(&decoded).ok()?;
    value.get("alg")?;
    Some(value)
}

/// Decodes a JWT's payload (claims), if it is JSON.
pub fn jwt_claims(secret: &str) -> Option<serde_json::Value> {
    let payload = secret.split('.').nth(1)?;
    let decoded = URL_SAFE_NO_PAD.decode(payload.trim_end_matches('=')).ok()?;
    serde_json::from_slice(&decoded).ok()
}

fn mixed_classes(secret: &[u8]) -> bool {
    let digits = secret.iter().any(u8::is_ascii_digit);
    let letters = secret.iter().any(u8::is_ascii_alphabetic);
    digits && letters
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc32_checksum_round_trips() {
        let random = "R8f2kL9qW3zX7vB1nM5tY6uH0jC4dE";
        let token = format!("ghp_{random}{}", base62_crc32(random.as_bytes()));
        assert!(check(Validator::Crc32Base62, token.as_bytes()));
        let mut broken = token.clone().into_bytes();
        broken[10] = if broken[10] == b'a' { b'b' } else { b'a' };
        assert!(!check(Validator::Crc32Base62, &broken));
    }

    #[test]
    fn jwt_header_must_decode_to_json_with_alg() {
        let header = URL_SAFE_NO_PAD.encode(br#"{"alg":"HS256","typ":"JWT"}"#);
        let token = format!("{header}.e30.c2ln");
        assert!(check(Validator::Jwt, token.as_bytes()));
        assert!(!check(Validator::Jwt, b"eyJub3QiOiJqd3QifQ.e30.c2ln"));
    }

    #[test]
    fn mixed_classes_needs_letters_and_digits() {
        assert!(check(Validator::MixedClasses, b"ab12"));
        assert!(!check(Validator::MixedClasses, b"abcd"));
        assert!(!check(Validator::MixedClasses, b"1234"));
    }
}
