//! A parser's complaint reduced to *where*: the format and the line and column, never
//! the parser's own message. Parsers quote what they choke on (TOML prints the broken
//! line beneath its message, serde says `invalid value: string "<the value>"`), and the
//! broken line of a credential file is usually the credential. Every error from parsing
//! a file's contents (extractors, the config, baselines, detector files, agent settings,
//! reports) goes through this type.

use std::fmt;

/// A file that does not parse as `format`, and where, when the parser knows.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct ParseError {
    pub format: &'static str,
    /// 1-based line and character column.
    pub at: Option<(usize, usize)>,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.at {
            Some((line, column)) => write!(f, "invalid {} at line {line}, column {column}", self.format),
            None => write!(f, "invalid {}", self.format),
        }
    }
}

impl ParseError {
    /// No position known (a database, or a parser that reports none).
    pub fn unplaced(format: &'static str) -> Self {
        ParseError { format, at: None }
    }

    /// An error at byte `offset` of `text`.
    pub fn at_offset(format: &'static str, text: &[u8], offset: usize) -> Self {
        ParseError { format, at: Some(position(text, offset.min(text.len()))) }
    }

    pub fn toml(err: &toml::de::Error, text: &str) -> Self {
        match err.span() {
            Some(span) => Self::at_offset("TOML", text.as_bytes(), span.start),
            None => Self::unplaced("TOML"),
        }
    }

    pub fn json(err: &serde_json::Error) -> Self {
        // serde_json reports line 0 when it has no position (I/O errors).
        let at = (err.line() > 0).then(|| (err.line(), err.column().max(1)));
        ParseError { format: "JSON", at }
    }

    pub fn yaml(err: &serde_norway::Error) -> Self {
        ParseError { format: "YAML", at: err.location().map(|l| (l.line(), l.column())) }
    }
}

/// 1-based line and character column of a byte offset.
pub fn position(buf: &[u8], offset: usize) -> (usize, usize) {
    let before = &buf[..offset];
    let line = memchr::memchr_iter(b'\n', before).count() + 1;
    let line_start = memchr::memrchr(b'\n', before).map_or(0, |i| i + 1);
    let column = String::from_utf8_lossy(&before[line_start..]).chars().count() + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOKEN: &str = "ghp_R8f2kL9qW3zX7vB1nM5tY6uH0jC4dE2aS7gQ"; // blastradius:allow

    #[test]
    fn toml_errors_keep_the_position_and_drop_the_text() {
        let text = format!("[a]\napi_key = \"{TOKEN}\" oops\n");
        let err = toml::from_str::<toml::Table>(&text).unwrap_err();
        assert!(err.to_string().contains(TOKEN), "the parser's own message quotes the line");
        let err = ParseError::toml(&err, &text);
        assert_eq!(err.to_string(), "invalid TOML at line 2, column 54");
    }

    #[test]
    fn yaml_and_json_errors_keep_the_position_and_drop_the_text() {
        let text = format!("token: !!int {TOKEN}\n");
        let err = serde_norway::from_str::<serde_json::Value>(&text).unwrap_err();
        assert!(err.to_string().contains(TOKEN), "the parser's own message quotes the value");
        assert_eq!(ParseError::yaml(&err).to_string(), "invalid YAML at line 1, column 8");
        let err = serde_json::from_str::<Vec<u8>>(&format!("[\"{TOKEN}\"]")).unwrap_err();
        assert!(err.to_string().contains(TOKEN));
        assert_eq!(ParseError::json(&err).to_string(), "invalid JSON at line 1, column 43");
    }
}
