//! Inline allow comments: a line marked as a known, accepted credential is never
//! reported. The marker counts only inside a comment on the match's own line, outside
//! the match and outside any quoted string, so a value cannot allow itself
//! (`password = "x # blastradius:allow"`). Lines end at LF, CRLF or a lone CR.

/// Comments that mark a line as a known, accepted credential. `gitleaks:allow` and
/// `pragma: allowlist secret` (detect-secrets) are honoured so existing annotations keep working.
const ALLOW_MARKERS: [&[u8]; 3] = [b"blastradius:allow", b"gitleaks:allow", b"pragma: allowlist secret"];

/// Does the line holding the match `start..end` of `buf` carry an allow comment?
pub fn line_allows(buf: &[u8], start: usize, end: usize) -> bool {
    let start = start.min(buf.len());
    let end = end.clamp(start, buf.len());
    let line_start = memchr::memrchr2(b'\n', b'\r', &buf[..start]).map_or(0, |i| i + 1);
    let line_end = memchr::memchr2(b'\n', b'\r', &buf[start..]).map_or(buf.len(), |i| start + i);
    let line = &buf[line_start..line_end];
    let matched = (start - line_start)..(end.min(line_end) - line_start);
    // Most lines carry no marker: only those pay for the quote-aware scan.
    let markers: Vec<usize> = ALLOW_MARKERS
        .iter()
        .flat_map(|m| {
            memchr::memmem::find_iter(line, m).filter(|&at| at >= matched.end || at + m.len() <= matched.start)
        })
        .collect();
    match markers.iter().max() {
        None => false,
        Some(&last) => {
            comment_starts(line, matched).take_while(|&at| at <= last).any(|at| markers.iter().any(|&m| m >= at))
        }
    }
}

/// Where comments start on `line`: a `#`, `//`, `/*`, `<!--` or `-- ` outside quotes and
/// outside the `matched` span, and `;` as the first non-blank byte (INI). A comment
/// opener must follow a blank, a quote or punctuation, so `https://` or `a#b` opens none.
fn comment_starts(line: &[u8], matched: std::ops::Range<usize>) -> impl Iterator<Item = usize> + '_ {
    let mut quote: Option<u8> = None;
    let mut escaped = false;
    (0..line.len()).filter(move |&i| {
        let b = line[i];
        if matched.contains(&i) {
            return false;
        }
        if let Some(q) = quote {
            if escaped {
                escaped = false;
            } else if b == b'\\' && q != b'\'' {
                escaped = true;
            } else if b == q {
                quote = None;
            }
            return false;
        }
        let after_boundary = i == 0 || line[i - 1].is_ascii_whitespace() || b"\"'`,;)]}".contains(&line[i - 1]);
        if matches!(b, b'"' | b'`') || (b == b'\'' && after_boundary) {
            quote = Some(b);
            return false;
        }
        let rest = &line[i..];
        let opener = [&b"#"[..], b"//", b"/*", b"<!--", b"-- "].iter().any(|o| rest.starts_with(o));
        let ini = b == b';' && line[..i].iter().all(u8::is_ascii_whitespace);
        (opener && after_boundary) || ini
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Does the line holding the first occurrence of `value` allow it?
    fn allows(buf: &[u8], value: &str) -> bool {
        let start = memchr::memmem::find(buf, value.as_bytes()).unwrap();
        line_allows(buf, start, start + value.len())
    }

    #[test]
    fn allow_markers_apply_to_their_own_line_only() {
        let buf = b"a = v1 # blastradius:allow\nb = v2\nc = v3 // gitleaks:allow\nd = v4 # pragma: allowlist secret\n";
        assert!(allows(buf, "v1"));
        assert!(!allows(buf, "v2"));
        assert!(allows(buf, "v3"));
        assert!(allows(buf, "v4"));
    }

    #[test]
    fn lone_carriage_returns_end_lines() {
        let buf = b"a = v1 # blastradius:allow\rb = v2\r";
        assert!(allows(buf, "v1"));
        assert!(!allows(buf, "v2"), "one marker hid two lines");
        let crlf = b"a = v1 # blastradius:allow\r\nb = v2\r\n";
        assert!(allows(crlf, "v1"));
        assert!(!allows(crlf, "v2"));
    }

    #[test]
    fn a_marker_inside_a_string_or_the_match_does_not_count() {
        assert!(!allows(b"password = \"v1 # blastradius:allow\"\n", "v1"));
        assert!(!allows(b"password = 'v1 // gitleaks:allow'\n", "v1"));
        assert!(!allows(b"url = \"https://x\" + \"v1\" + \"# blastradius:allow\"\n", "v1"));
        assert!(!allows(b"token=v1#blastradius:allow\n", "v1#blastradius:allow"));
        assert!(!allows(b"see https://blastradius:allow@example.test v1\n", "v1"));
    }

    #[test]
    fn markers_in_comments_of_common_syntaxes_count() {
        assert!(allows(b"KEY=\"v1\" # blastradius:allow\n", "v1"));
        assert!(allows(b"key: 'it''s v1' # blastradius:allow\n", "v1"));
        assert!(allows(b"const k = \"v1\"; // blastradius:allow\n", "v1"));
        assert!(allows(b"k = \"v1\" /* gitleaks:allow */\n", "v1"));
        assert!(allows(b"<key>v1</key> <!-- blastradius:allow -->\n", "v1"));
        assert!(allows(b"SELECT 'v1'; -- blastradius:allow\n", "v1"));
        assert!(allows(b"; key = v1 blastradius:allow\n", "v1"));
        assert!(!allows(b"# v1blastradius:allow\n", "v1blastradius:allow"));
        assert!(allows(b"# example v1 blastradius:allow\n", "v1"));
    }
}
