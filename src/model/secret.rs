//! Raw credential values and what may be shown of them.
//!
//! A [`Secret`] never prints: its `Debug` and `Display` redact, it serializes to its
//! redacted form and it zeroizes its memory on drop. Reports add the raw value only when
//! the user asked for `--show-secrets`.

use serde::Serialize;
use std::fmt;
use zeroize::Zeroize;

/// A raw credential value. Prints and serializes only in redacted form.
#[derive(Clone, PartialEq, Eq, Hash, Default)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The raw value. Call sites must be reports honouring `--show-secrets`, or
    /// classification that reads structure (prefixes, JWT claims) without printing it.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// A redacted form that identifies the value to its owner without revealing it:
    /// a short known prefix, the last four characters of a machine-made value and the
    /// length (see [`redact`]).
    pub fn redacted(&self) -> String {
        redact(&self.0, "")
    }

    /// [`Secret::redacted`] for a credential of `kind` (`password`, `api-key`, …): a
    /// password never shows its tail, whatever it looks like.
    pub fn redacted_as(&self, kind: &str) -> String {
        redact(&self.0, kind)
    }
}

impl Drop for Secret {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Secret({})", self.redacted())
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.redacted())
    }
}

impl Serialize for Secret {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.redacted())
    }
}

/// Redacts a value of credential `kind`: keeps a vendor prefix such as `ghp_` or
/// `sk_live_` (never more than a third of the value), the last four characters only when
/// the value is machine-made (see [`guessable`]), and the length.
pub fn redact(value: &str, kind: &str) -> String {
    let chars: Vec<char> = value.chars().collect();
    let len = chars.len();
    if len < 12 {
        return format!("… ({len} chars)");
    }
    let prefix_len = vendor_prefix_len(value).min(len / 3);
    let prefix: String = chars[..prefix_len].iter().collect();
    if guessable(value, kind) {
        return format!("{prefix}… ({len} chars)");
    }
    let tail: String = chars[len - 4..].iter().collect();
    format!("{prefix}…{tail} ({len} chars)")
}

/// Values shorter than this may be chosen by a person: no tail is shown.
const MACHINE_MADE_LEN: usize = 20;
/// Shannon entropy (bits per byte) below which a value is too regular to be random.
const MACHINE_MADE_ENTROPY: f32 = 3.5;

/// Could a person have chosen this value, so its last four characters would narrow a
/// dictionary search? Passwords by kind, and short or low-entropy values whatever their
/// kind. Random tokens are long and dense; their tail helps their owner find them.
pub fn guessable(value: &str, kind: &str) -> bool {
    let chosen_kind = ["password", "passphrase", "passwd", "basic-auth"].iter().any(|k| kind.contains(k));
    chosen_kind
        || value.chars().count() < MACHINE_MADE_LEN
        || entropy::shannon_entropy(value.as_bytes()) < MACHINE_MADE_ENTROPY
}

/// Length of a leading vendor marker: everything up to and including the last `_` or `-`
/// among the first 12 characters, when that part has no digits (digits are key material).
fn vendor_prefix_len(value: &str) -> usize {
    let head: String = value.chars().take(12).collect();
    match head.rfind(['_', '-']) {
        Some(idx) if !head[..idx].bytes().any(|b| b.is_ascii_digit()) => idx + 1,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn redaction_keeps_prefix_tail_and_length_only() {
        let value = "ghp_Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4zA0b1";
        let red = redact(value, "personal-access-token");
        assert_eq!(red, format!("ghp_…A0b1 ({} chars)", value.len()));
        assert!(!red.contains("Ab3dEf"));
    }
    #[test]
    fn redaction_never_reveals_short_values() {
        assert_eq!(redact("hunter2", ""), "… (7 chars)");
    }
    #[test]
    fn prefix_with_digits_is_not_kept() {
        assert_eq!(redact("4f1d2c3b-aaaa-bbbb-cccc-1234567890ab", "api-key"), "…90ab (36 chars)");
    }
    #[test]
    fn guessable_values_never_show_their_tail() {
        // A password by kind, however random it looks.
        assert_eq!(redact("Xk9#mP2$vL7qR4tW8zN1", "password"), "… (20 chars)");
        // Person-sized or regular values, whatever the detector called them.
        assert_eq!(redact("Summer2024Summer", "api-key"), "… (16 chars)");
        assert_eq!(redact("aaaaaaaaaaaaaaaaaaaaaaaa1234", "token"), "… (28 chars)");
        assert!(!Secret::new("correct-horse-battery").redacted().contains("tery"));
    }
    #[test]
    fn debug_and_serialize_redact() {
        let secret = Secret::new("sk_live_51HxYzAbCdEfGhIjKlMnOpQr");
        assert!(!format!("{secret:?}").contains("51HxYz"));
        assert!(!serde_json::to_string(&secret).unwrap().contains("51HxYz"));
    }
}
