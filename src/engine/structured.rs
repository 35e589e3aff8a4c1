//! Structured files through the engine: every [`Field`] an extractor found is scanned
//! as a synthesized `leaf=value` line (so detectors that need a key name work on
//! structured files too), and each match is mapped back to the real line and column.

use super::context;
use super::scan::Scanner;
use crate::model::finding::Finding;
use crate::model::parse_error::ParseError;
use crate::model::result::Origin;
use crate::source::budget;
#[cfg(test)]
use crate::source::extract::position;
use crate::source::extract::{extract, Field, Format, Place};
use std::collections::HashSet;

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
/// back to the field's place in `raw` (the file's bytes; `None` for databases). Linear in
/// the number of fields; stops at the file's time budget, at its findings cap and after
/// [`MAX_FIELDS`] fields, recording the cap.
pub fn scan_fields(scanner: &Scanner, fields: &[Field], raw: Option<&[u8]>, origin: Origin<'_>) -> Vec<Finding> {
    let lines = raw.map(LineIndex::new);
    let mut spots = Spots::default();
    let mut out: Vec<Finding> = Vec::new();
    if fields.len() > MAX_FIELDS {
        budget::note_capped();
    }
    for field in fields.iter().take(MAX_FIELDS) {
        if budget::expired() {
            break;
        }
        for finding in field_findings(scanner, field, &synthetic_key(field.leaf()), origin, lines.as_ref()) {
            if spots.insert(&finding) {
                out.push(finding);
            }
        }
        if out.len() > budget::findings_left() {
            // Over the file's cap: the caller's `budget::keep` drops the extra and records it.
            break;
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
    let lines = raw.map(LineIndex::new);
    let mut out = field_findings(scanner, field, leaf, origin, lines.as_ref());
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
    lines: Option<&LineIndex<'_>>,
) -> Vec<Finding> {
    let prefix = format!("{leaf}=");
    let synthetic = format!("{prefix}{}", field.value);
    let mut out = scanner.findings_in(synthetic.as_bytes(), origin);
    for finding in &mut out {
        let start = byte_offset(synthetic.as_bytes(), finding.line, finding.column);
        let end = byte_offset(synthetic.as_bytes(), finding.end_line, finding.end_column);
        let inner = (start.saturating_sub(prefix.len()), end.saturating_sub(prefix.len()));
        place_finding(finding, field, inner, lines);
        finding.key = Some(field.key.clone());
    }
    out
}

/// Fields one file or store may contribute. Real credential files hold a few dozen; a
/// store with more is generated or hostile, and each field costs an engine pass.
pub const MAX_FIELDS: usize = 100_000;

/// The places already reported: two findings of the same rule at the same place (line,
/// column, path, commit) are one. A set, so de-duplicating n findings costs n look-ups,
/// not n² comparisons.
#[derive(Debug, Default)]
pub struct Spots(HashSet<(String, usize, usize, String, Option<String>)>);

impl Spots {
    /// The places of `findings`.
    pub fn of(findings: &[Finding]) -> Spots {
        let mut spots = Spots::default();
        for finding in findings {
            spots.insert(finding);
        }
        spots
    }

    /// Adds the place of `finding`; `false` when it was already there.
    pub fn insert(&mut self, finding: &Finding) -> bool {
        let key = (finding.rule_id.clone(), finding.line, finding.column, finding.path.clone(), finding.commit.clone());
        self.0.insert(key)
    }
}

/// Line starts of a buffer, so the line and column of many offsets cost a binary search
/// each instead of a pass over everything before them.
struct LineIndex<'a> {
    buf: &'a [u8],
    /// Byte offset of each line's first byte; `starts[0] == 0`.
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    fn new(buf: &'a [u8]) -> Self {
        let starts = std::iter::once(0).chain(memchr::memchr_iter(b'\n', buf).map(|i| i + 1)).collect();
        LineIndex { buf, starts }
    }

    /// What [`crate::source::extract::position`] says for `offset`, without reading the buffer before its line.
    fn position(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.buf.len());
        let line = self.starts.partition_point(|&start| start <= offset);
        let line_start = self.starts[line - 1];
        let column = String::from_utf8_lossy(&self.buf[line_start..offset]).chars().count() + 1;
        (line, column)
    }
}

/// A key name a detector's key regex can read: no `=`, whitespace or line breaks.
fn synthetic_key(leaf: &str) -> String {
    leaf.chars().map(|c| if c == '=' || c.is_whitespace() { '_' } else { c }).collect()
}

/// Sets a finding's line and column from the field's place. `inner` is the match's byte
/// span inside the decoded value; `lines` indexes the file's bytes.
fn place_finding(finding: &mut Finding, field: &Field, inner: (usize, usize), lines: Option<&LineIndex<'_>>) {
    match (&field.place, lines) {
        (Place::Bytes { offset, len, verbatim }, Some(lines)) => {
            let (start, end) = if *verbatim { (offset + inner.0, offset + inner.1) } else { (*offset, offset + len) };
            let (line, column) = lines.position(start);
            let (end_line, end_column) = lines.position(end);
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
    fn the_line_index_agrees_with_position() {
        let text = "a=1\r\nb=é2\n\nlast".as_bytes();
        let index = LineIndex::new(text);
        for offset in 0..=text.len() {
            if std::str::from_utf8(&text[..offset]).is_ok() {
                assert_eq!(index.position(offset), position(text, offset), "offset {offset}");
            }
        }
    }

    #[test]
    fn the_same_place_twice_is_one_finding_and_distinct_places_all_count() {
        let scanner =
            Scanner::new(crate::engine::detect::DetectorSet::new(crate::engine::spec::load(&[]).unwrap()).unwrap());
        let token = "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"; // blastradius:allow (fake)
        let field = |row| Field { key: "hosts.token".into(), value: token.into(), place: Place::Row(row) };
        let fields: Vec<Field> = (1..=2_000).flat_map(|row| [field(row), field(row)]).collect();
        let origin = Origin { path: "hosts.db", source: crate::model::finding::Source::Home, commit: None };
        let found = scan_fields(&scanner, &fields, None, origin);
        let github: Vec<&Finding> = found.iter().filter(|f| f.provider == "github").collect();
        assert_eq!(github.len(), 2_000, "each row once");
        assert!(github.iter().enumerate().all(|(i, f)| f.line == i + 1));
    }

    #[test]
    fn position_and_byte_offset_are_inverse() {
        let text = "ab\ncdé\nfg".as_bytes();
        for offset in [0, 2, 3, 5, 8, 9] {
            let (line, column) = position(text, offset);
            assert_eq!(byte_offset(text, line, column), offset, "offset {offset}");
        }
    }
}
