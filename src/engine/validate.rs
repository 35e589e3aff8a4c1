//! Structural validators named by detectors: checks a real credential always passes and
//! look-alikes usually fail.

use crate::engine::generic::ValueContext;
use crate::engine::spec::Validator;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;

const BASE62: &[u8; 62] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/// Runs one validator on a candidate secret.
pub fn check(validator: Validator, secret: &[u8]) -> bool {
    match validator {
        Validator::Crc32Base62 => crc32_base62_ok(secret),
        Validator::Jwt => jwt_header(secret).is_some(),
        Validator::MixedClasses => mixed_classes(secret),
        Validator::LikelySecret => crate::engine::generic::likely_secret(secret, &ValueContext::default()),
        Validator::BasicAuth => basic_auth_ok(secret),
        Validator::NotUrl => memchr::memmem::find(secret, b"://").is_none(),
    }
}

/// Runs one validator with what is known about where the secret was found: the
/// generic-secret model weighs the key name and file kind.
pub fn check_in(validator: Validator, secret: &[u8], context: &ValueContext<'_>) -> bool {
    match validator {
        Validator::LikelySecret => crate::engine::generic::likely_secret(secret, context),
        other => check(other, secret),
    }
}

/// Base64 that decodes to `user:password`, both printable, the password neither a
/// placeholder nor the user name repeated.
fn basic_auth_ok(secret: &[u8]) -> bool {
    let Some(decoded) = decode_base64(secret) else { return false };
    let Ok(text) = std::str::from_utf8(&decoded) else { return false };
    let Some((user, password)) = text.split_once(':') else { return false };
    let printable = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_graphic() || b == b' ');
    printable(user)
        && printable(password)
        && password.len() >= 6
        && password != user
        && !crate::engine::filter::is_placeholder(password.as_bytes())
        && !crate::engine::generic::has_placeholder_word(password)
}

/// Decodes standard or URL-safe base64, padded or not.
pub fn decode_base64(text: &[u8]) -> Option<Vec<u8>> {
    use base64::engine::general_purpose::{STANDARD_NO_PAD, URL_SAFE_NO_PAD as URL};
    let trimmed = text.strip_suffix(b"==").or_else(|| text.strip_suffix(b"=")).unwrap_or(text);
    STANDARD_NO_PAD.decode(trimmed).or_else(|_| URL.decode(trimmed)).ok()
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
    fn basic_auth_needs_user_and_real_password() {
        use base64::engine::general_purpose::STANDARD;
        let encode = |s: &str| STANDARD.encode(s);
        assert!(check(Validator::BasicAuth, encode("deploy:Vq8#nR2pLx7w").as_bytes()));
        assert!(!check(Validator::BasicAuth, encode("deploy:").as_bytes()));
        assert!(!check(Validator::BasicAuth, encode("admin:admin").as_bytes()));
        assert!(!check(Validator::BasicAuth, encode("user:your-password").as_bytes()));
        assert!(!check(Validator::BasicAuth, b"not base64 at all"));
    }

    #[test]
    fn likely_secret_uses_the_key_context() {
        let value = b"q7Wm2ZkR9vXb4TnL8pHs3Jd";
        let secret_key = ValueContext { key: Some("DB_PASSWORD"), path: Some(".env") };
        let public_key = ValueContext { key: Some("public_key"), path: Some(".env") };
        assert!(check_in(Validator::LikelySecret, value, &secret_key));
        assert!(!check_in(Validator::LikelySecret, value, &public_key));
    }

    #[test]
    fn mixed_classes_needs_letters_and_digits() {
        assert!(check(Validator::NotUrl, b"Xq7Tn2Lm9Rv4"));
        assert!(!check(Validator::NotUrl, b"https://mcp.example/?k=Xq7Tn2Lm9Rv4"));
        assert!(check(Validator::MixedClasses, b"ab12"));
        assert!(!check(Validator::MixedClasses, b"abcd"));
        assert!(!check(Validator::MixedClasses, b"1234"));
    }
}
