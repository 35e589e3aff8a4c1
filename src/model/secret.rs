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
    /// a short known prefix, the last four characters and the length.
    pub fn redacted(&self) -> String {
        redact(&self.0)
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

/// Redacts a value: keeps a vendor prefix such as `ghp_` or `sk_live_` (never more than
/// a third of the value), the last four characters when the value is long enough, and
/// the length.
pub fn redact(value: &str) -> String {
    let chars: Vec<char> = value.chars().collect();
    let len = chars.len();
    if len < 12 {
        return format!("… ({len} chars)");
    }
    let prefix_len = vendor_prefix_len(value).min(len / 3);
    let prefix: String = chars[..prefix_len].iter().collect();
    let tail: String = chars[len - 4..].iter().collect();
    format!("{prefix}…{tail} ({len} chars)")
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
        let red = redact(value);
        assert_eq!(red, format!("ghp_…A0b1 ({} chars)", value.len()));
        assert!(!red.contains("Ab3dEf"));
    }
    #[test]
    fn redaction_never_reveals_short_values() {
        assert_eq!(redact("hunter2"), "… (7 chars)");
    }
    #[test]
    fn prefix_with_digits_is_not_kept() {
        assert_eq!(redact("4f1d2c3b-aaaa-bbbb-cccc-1234567890ab"), "…90ab (36 chars)");
    }
    #[test]
    fn debug_and_serialize_redact() {
        let secret = Secret::new("sk_live_51HxYzAbCdEfGhIjKlMnOpQr");
        assert!(!format!("{secret:?}").contains("51HxYz"));
        assert!(!serde_json::to_string(&secret).unwrap().contains("51HxYz"));
    }
}
