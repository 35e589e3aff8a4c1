//! Inline allow comments: a line marked as a known, accepted credential is never
//! reported.

/// Comments that mark a line as a known, accepted credential. `gitleaks:allow` and
/// `pragma: allowlist secret` (detect-secrets) are honoured so existing annotations keep working.
const ALLOW_MARKERS: [&[u8]; 3] = [b"blastradius:allow", b"gitleaks:allow", b"pragma: allowlist secret"];

/// Does the line holding byte `offset` of `buf` carry an allow comment?
pub fn line_allows(buf: &[u8], offset: usize) -> bool {
    let offset = offset.min(buf.len());
    let start = memchr::memrchr(b'\n', &buf[..offset]).map_or(0, |i| i + 1);
    let end = memchr::memchr(b'\n', &buf[offset..]).map_or(buf.len(), |i| offset + i);
    let line = &buf[start..end];
    ALLOW_MARKERS.iter().any(|marker| memchr::memmem::find(line, marker).is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allow_markers_apply_to_their_own_line_only() {
        let buf = b"a = 1 # blastradius:allow\nb = 2\nc = 3 // gitleaks:allow\nd # pragma: allowlist secret\n";
        assert!(line_allows(buf, 2));
        assert!(!line_allows(buf, 27));
        assert!(line_allows(buf, 33));
        assert!(line_allows(buf, buf.len() - 5));
    }
}
