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

    /// A redacted form that reveals no character of the value: only its length (see
    /// [`redact`]). The fingerprint and the location tell its owner which one it is.
    pub fn redacted(&self) -> String {
        redact(&self.0, &[])
    }

    /// [`Secret::redacted`] that also shows the public format marker the value starts
    /// with, when it is one of `markers` (a detector's keywords such as `ghp_`, `sk_live_`,
    /// `glpat-`): the same for every token of its kind, so it tells the reader the format
    /// and nothing of the secret.
    pub fn redacted_with(&self, markers: &[String]) -> String {
        redact(&self.0, markers)
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

/// Redacts a value to the longest of `markers` it starts with (a literal ending in `_`, `-`
/// or `.`, at most a third of the value) and its length. No character of the secret part
/// is shown: not a tail, not a head a person chose.
pub fn redact(value: &str, markers: &[String]) -> String {
    let len = value.chars().count();
    let is_marker =
        |m: &&String| m.ends_with(['_', '-', '.']) && m.chars().count() * 3 <= len && value.starts_with(m.as_str());
    let marker = markers.iter().filter(is_marker).max_by_key(|m| m.len()).map_or("", |m| m.as_str());
    format!("{marker}… ({len} chars)")
}

#[cfg(test)]
mod tests {
    use super::*;
    fn markers(list: &[&str]) -> Vec<String> {
        list.iter().map(|m| m.to_string()).collect()
    }
    #[test]
    fn redaction_keeps_a_detector_marker_and_the_length_only() {
        let value = "ghp_Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4zA0b1";
        assert_eq!(redact(value, &markers(&["ghp_"])), format!("ghp_… ({} chars)", value.len()));
        let live = "sk_live_51HxYzAbCdEfGhIjKlMnOpQr";
        assert_eq!(redact(live, &markers(&["sk_", "sk_live_"])), "sk_live_… (32 chars)");
        assert_eq!(redact(value, &[]), "… (40 chars)");
    }
    #[test]
    fn redaction_never_reveals_a_chosen_head_or_any_tail() {
        assert_eq!(redact("hunter2", &markers(&["hunter"])), "… (7 chars)", "a keyword without a separator");
        assert_eq!(redact("correct-horse-battery", &markers(&["token", "auth"])), "… (21 chars)");
        assert_eq!(redact("key_Xk9mP2v", &markers(&["key_"])), "… (11 chars)", "a marker over a third");
        for value in ["Xk9#mP2$vL7qR4tW8zN1", "4f1d2c3b-aaaa-bbbb-cccc-1234567890ab", "AKIAQ4TN7XW2LKP3MZB6"] {
            assert_eq!(redact(value, &markers(&["pass", "-key"])), format!("… ({} chars)", value.len()));
        }
    }
    #[test]
    fn debug_and_serialize_redact() {
        let secret = Secret::new("sk_live_51HxYzAbCdEfGhIjKlMnOpQr");
        assert!(!format!("{secret:?}").contains("51HxYz"));
        assert!(!serde_json::to_string(&secret).unwrap().contains("51HxYz"));
    }
}
