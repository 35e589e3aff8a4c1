//! Structured files through the engine: every [`Field`] an extractor found is scanned
//! as a synthesized `leaf=value` line (so detectors that need a key name work on
//! structured files too), and each match is mapped back to the real line and column.

use super::context;
use super::scan::Scanner;
use crate::model::finding::Finding;
use crate::model::parse_error::ParseError;
use crate::model::result::Origin;
use crate::source::extract::{extract, position, Field, Format, Place};

/// Findings in a file, using structure when `format` has an extractor and falling back
/// to plain scanning when the file does not parse (the error is returned alongside so the
/// caller can warn; it says only where the file is broken).
pub fn scan_structured(
    scanner: &Scanner,
    format: Format,
    buf: &[u8],
    origin: Origin<'_>,
) -> (Vec<Finding>, Option<ParseError>) {
    if format == Format::Plain {
        return (scanner.findings_in(buf, origin), None);
    }
    match extract(format, buf) {
        Ok(fields) => (scan_fields(scanner, &fields, Some(buf), origin), None),
        Err(err) => (scanner.findings_in(buf, origin), Some(err)),
    }
}

/// Runs every field's value through the engine as `leaf=value` and maps each finding
/// back to the field's place in `raw` (the file's bytes; `None` for databases).
pub fn scan_fields(scanner: &Scanner, fields: &[Field], raw: Option<&[u8]>, origin: Origin<'_>) -> Vec<Finding> {
    let mut out: Vec<Finding> = Vec::new();
    for field in fields {
        for finding in field_findings(scanner, field, &synthetic_key(field.leaf()), origin, raw) {
            if !out.iter().any(|f| same_spot(f, &finding)) {
                out.push(finding);
            }
        }
    }
    if let Some(raw) = raw {
        context::annotate_file(origin.path, raw, &mut out);
    }
    out
}

/// Like [`scan_fields`] for one field, but the engine sees the value under `leaf` instead
/// of the field's own key name; the findings keep the field's key.
pub fn scan_fields_as(
    scanner: &Scanner,
    field: &Field,
    leaf: &str,
    raw: Option<&[u8]>,
    origin: Origin<'_>,
) -> Vec<Finding> {
    let mut out = field_findings(scanner, field, leaf, origin, raw);
    if let Some(raw) = raw {
        context::annotate_file(origin.path, raw, &mut out);
    }
    out
}

/// The engine's findings in `leaf=value`, placed at the field and keyed by its key path.
fn field_findings(
    scanner: &Scanner,
    field: &Field,
    leaf: &str,
    origin: Origin<'_>,
    raw: Option<&[u8]>,
) -> Vec<Finding> {
    let prefix = format!("{leaf}=");
    let synthetic = format!("{prefix}{}", field.value);
    let mut out = scanner.findings_in(synthetic.as_bytes(), origin);
    for finding in &mut out {
        let start = byte_offset(synthetic.as_bytes(), finding.line, finding.column);
        let end = byte_offset(synthetic.as_bytes(), finding.end_line, finding.end_column);
        let inner = (start.saturating_sub(prefix.len()), end.saturating_sub(prefix.len()));
        place_finding(finding, field, inner, raw);
        finding.key = Some(field.key.clone());
    }
    out
}

/// A key name a detector's key regex can read: no `=`, whitespace or line breaks.
fn synthetic_key(leaf: &str) -> String {
    leaf.chars().map(|c| if c == '=' || c.is_whitespace() { '_' } else { c }).collect()
}

/// Two findings of the same rule at the same place are one finding.
pub fn same_spot(a: &Finding, b: &Finding) -> bool {
    a.rule_id == b.rule_id && a.line == b.line && a.column == b.column && a.path == b.path && a.commit == b.commit
}

/// Sets a finding's line and column from the field's place. `inner` is the match's byte
/// span inside the decoded value.
fn place_finding(finding: &mut Finding, field: &Field, inner: (usize, usize), raw: Option<&[u8]>) {
    match (&field.place, raw) {
        (Place::Bytes { offset, len, verbatim }, Some(raw)) => {
            let (start, end) = if *verbatim { (offset + inner.0, offset + inner.1) } else { (*offset, offset + len) };
            let (line, column) = position(raw, start.min(raw.len()));
            let (end_line, end_column) = position(raw, end.min(raw.len()));
            (finding.line, finding.column, finding.end_line, finding.end_column) = (line, column, end_line, end_column);
        }
        (Place::Row(row), _) => {
            (finding.line, finding.column, finding.end_line, finding.end_column) = (*row, 1, *row, 1);
        }
        (Place::Bytes { .. }, None) => {}
    }
}

/// Inverse of [`position`]: the byte offset of a 1-based line and character column.
fn byte_offset(buf: &[u8], line: usize, column: usize) -> usize {
    let mut start = 0;
    for _ in 1..line {
        match memchr::memchr(b'\n', &buf[start..]) {
            Some(i) => start += i + 1,
            None => return buf.len(),
        }
    }
    let rest = String::from_utf8_lossy(&buf[start..]);
    let chars: usize = rest.chars().take(column.saturating_sub(1)).map(char::len_utf8).sum();
    (start + chars).min(buf.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn position_and_byte_offset_are_inverse() {
        let text = "ab\ncdé\nfg".as_bytes();
        for offset in [0, 2, 3, 5, 8, 9] {
            let (line, column) = position(text, offset);
            assert_eq!(byte_offset(text, line, column), offset, "offset {offset}");
        }
    }
}
