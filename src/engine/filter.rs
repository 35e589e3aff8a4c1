//! Placeholder and reference filtering: values that look like a credential's shape but
//! are documentation, templates or variable references.

/// Documentation keys published by providers as examples; never real.
const DOCUMENTATION_VALUES: &[&str] =
    &["AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY"];

/// Words that mark a template value rather than a real one, matched case-insensitively
/// anywhere in the value.
const PLACEHOLDER_WORDS: &[&str] = &[
    "example",
    "changeme",
    "change_me",
    "change-me",
    "placeholder",
    "your-api-key",
    "your_api_key",
    "yourapikey",
    "your-token",
    "your_token",
    "yourtoken",
    "your-secret",
    "your_secret",
    "your-key",
    "your_key",
    "insert",
    "replace",
    "redacted",
    "xxxxxx",
    "******",
    "......",
    "<your",
    "here>",
    "todo",
    "fixme",
    "sample",
];

/// Markers of a template even inside a long value (a redacted key body, a docs snippet).
const FILLER_MARKERS: &[&str] = &["xxxxxx", "******", "......", "example", "redacted", "placeholder", "<your", "here>"];

/// Values at least this long (private-key bodies, JWTs, service-account JSON) are only
/// checked for references and filler markers: by chance alone, a few kilobytes of
/// base64 hold short words like `todo` and runs like `AAAAAA` often enough that the
/// full check would drop real keys.
const LONG_VALUE: usize = 128;

/// Does this candidate look like a placeholder, reference or documentation value?
pub fn is_placeholder(value: &[u8]) -> bool {
    let text = String::from_utf8_lossy(value);
    let lower = text.to_ascii_lowercase();
    if DOCUMENTATION_VALUES.iter().any(|v| text == *v) || is_reference(&text) {
        return true;
    }
    if value.len() >= LONG_VALUE {
        return FILLER_MARKERS.iter().any(|w| lower.contains(w));
    }
    PLACEHOLDER_WORDS.iter().any(|w| lower.contains(w)) || has_long_run(value, 6) || is_sequential(&lower)
}

/// `${VAR}`, `$VAR`, `{{ var }}`, `<token>`, `%VAR%`, `process.env.X`-style references.
fn is_reference(text: &str) -> bool {
    let t = text.trim_matches(|c| c == '"' || c == '\'');
    t.contains("${")
        || t.contains("{{")
        || t.contains("}}")
        || (t.starts_with('$') && t[1..].chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
        || (t.starts_with('<') && t.ends_with('>'))
        || (t.contains('<') && t.contains('>') && t.find('<') < t.find('>'))
        || (t.starts_with('%') && t.ends_with('%') && t.len() > 2)
        || t.starts_with("env.")
        || t.starts_with("process.env")
        || t.starts_with("os.environ")
}

/// Six or more of the same byte in a row (`aaaaaa`, `000000`): a fill pattern.
fn has_long_run(value: &[u8], min: usize) -> bool {
    let mut run = 1;
    for pair in value.windows(2) {
        if pair[0] == pair[1] && pair[0].is_ascii_alphanumeric() {
            run += 1;
            if run >= min {
                return true;
            }
        } else {
            run = 1;
        }
    }
    false
}

/// Counting sequences typed by hand: `1234567890`, `abcdefgh`.
fn is_sequential(lower: &str) -> bool {
    ["1234567890", "0123456789", "abcdefghij", "qwertyuiop"].iter().any(|s| lower.contains(s))
}

#[cfg(test)]
mod tests {
    use super::is_placeholder;

    #[test]
    fn references_and_templates_are_placeholders() {
        for value in ["${GITHUB_TOKEN}", "$STRIPE_KEY", "{{ secrets.TOKEN }}", "<your-token>", "%API_KEY%"] {
            assert!(is_placeholder(value.as_bytes()), "{value}");
        }
    }

    #[test]
    fn documentation_and_filler_values_are_placeholders() {
        for value in [
            "AKIAIOSFODNN7EXAMPLE",
            "sk_live_xxxxxxxxxxxxxxxxxxxxxxxx",
            "your-api-key-here",
            "changeme",
            "ghp_000000000000000000000000000000000000",
            "sk-1234567890abcdef",
        ] {
            assert!(is_placeholder(value.as_bytes()), "{value}");
        }
    }

    #[test]
    fn long_key_bodies_survive_chance_words_and_runs() {
        let body = format!(
            "MIIEvQIBADANBgkqhkiG9w0BAQEFAAAAAAASCBKcwggSjAgEAAoIBAQ{}todo{}",
            "Qk3x".repeat(40),
            "Zr8p".repeat(10)
        );
        assert!(!is_placeholder(body.as_bytes()));
        let redacted = format!("-----BEGIN PRIVATE KEY-----\n{}\n-----END PRIVATE KEY-----", "x".repeat(200));
        assert!(is_placeholder(redacted.as_bytes()));
    }

    #[test]
    fn random_looking_values_pass() {
        let values = ["ghp_R8f2kL9qW3zX7vB1nM5tY6uH0jC4dE2aS7gQ", "sk_live_51Nf8QmK2LrT7xZb9WcVd3Ye"]; // blastradius:allow
        for value in values {
            assert!(!is_placeholder(value.as_bytes()), "{value}");
        }
    }
}
