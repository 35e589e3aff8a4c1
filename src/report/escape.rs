//! Escaping of untrusted text, per output format, in one place. File names, key names,
//! detector names from in-tree detector files and provider replies (a GitHub `login`)
//! are chosen by whoever wrote the scanned tree or runs the server: printed raw they
//! could clear the screen, forge report lines, inject GitHub Actions workflow commands
//! (`::error …::` at the start of a log line), or turn a pull-request comment into links
//! and @mentions.

use std::borrow::Cow;
use std::fmt::Write;

/// Characters never written raw to a terminal or log: C0 controls (ESC, CR, LF, TAB, …),
/// DEL, C1 controls, and the bidirectional overrides that reorder what is shown.
fn is_hostile(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}')
}

/// Text for a terminal, a log or stderr: every hostile character shown visibly escaped
/// (`\n`, `\r`, `\t`, `\x1b`, `\u{202e}`), so one value always stays on one line and
/// no line of output can be started by it.
pub fn terminal(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_hostile) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if is_hostile(c) && (c as u32) < 0x100 => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c if is_hostile(c) => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Text for Markdown (a table cell or a line of prose): control characters escaped as
/// for [`terminal`], HTML and `&` as entities, `@` as an entity (no mentions), and every
/// character Markdown gives a meaning to backslash-escaped (no links, images, emphasis,
/// code spans, headings or table breaks).
pub fn markdown(text: &str) -> String {
    let visible = terminal(text);
    let mut out = String::with_capacity(visible.len() + 8);
    for c in visible.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '@' => out.push_str("&#64;"),
            '\\' | '`' | '*' | '_' | '{' | '}' | '[' | ']' | '(' | ')' | '#' | '+' | '-' | '!' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// A path as a URI reference: `/` between the path's components and each component
/// percent-encoded outside the unreserved set. A backslash inside a file name (legal on
/// Linux) is encoded, never turned into a separator, and no `.` or `..` segment is
/// produced, so `..\..\etc\passwd` cannot climb out of the repository.
pub fn uri_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    if path.starts_with('/') {
        out.push('/');
    }
    let segments = path.split('/').filter(|s| !s.is_empty() && *s != ".");
    for (i, segment) in segments.enumerate() {
        if i > 0 {
            out.push('/');
        }
        if segment == ".." {
            out.push_str("%2E%2E");
            continue;
        }
        for byte in segment.bytes() {
            if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
                out.push(byte as char);
            } else {
                let _ = write!(out, "%{byte:02X}");
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_text_never_carries_a_control_character() {
        let hostile = "a\x1b[2J\rb\nc\u{9b}d\u{202e}e\tf\x7f";
        let shown = terminal(hostile);
        assert_eq!(shown, "a\\x1b[2J\\rb\\nc\\x9bd\\u{202e}e\\tf\\x7f");
        assert!(!shown.chars().any(is_hostile));
        assert!(matches!(terminal("plain/path.env"), Cow::Borrowed(_)));
    }

    #[test]
    fn markdown_text_is_inert() {
        let shown = markdown("<img src=x onerror=alert(1)> [a](https://evil.test) @octocat | `x`\r\n# h");
        for forbidden in ["<img", "](", "@octocat", " | ", "`x`", "\r", "\n"] {
            assert!(!shown.contains(forbidden), "{forbidden:?} in {shown}");
        }
    }

    #[test]
    fn uri_paths_never_climb_or_split_on_backslashes() {
        assert_eq!(uri_path("..\\..\\..\\etc\\passwd"), "..%5C..%5C..%5Cetc%5Cpasswd");
        assert_eq!(uri_path("../../etc/passwd"), "%2E%2E/%2E%2E/etc/passwd");
        assert_eq!(uri_path("./src/a b.rs"), "src/a%20b.rs");
        assert_eq!(uri_path("/home/u/.env"), "/home/u/.env");
    }
}
