//! Structured extraction: where structure beats a regex. Each extractor turns a file into
//! [`Field`]s (key path, value, place in the file); [`scan_fields`] runs every value
//! through the normal engine with its key as context (a synthesized `KEY=value` line), so
//! detectors that need a key name work on structured files too, then maps the match back
//! to the real line and column.
//!
//! Convention: [`Field::key`] is the key path joined with `.`, section, profile and
//! context names included (`profile prod-admin.aws_secret_access_key`,
//! `users.prod-cluster-admin.token`): classification reads environment words from it.

mod bounded;
mod lines;
mod sqlite;
mod tree;

use crate::finding::Finding;
use crate::scan::{Origin, Scanner};
use anyhow::Result;
use std::path::Path;

/// A file format an extractor understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `KEY=value` lines, `export` allowed, `#` comments (`.env`, `.envrc`, rc files).
    Dotenv,
    /// `[section]` and `key = value` (AWS, pypirc, my.cnf, databrickscfg, gitconfig, npmrc).
    Ini,
    Json,
    Yaml,
    Toml,
    /// `machine h login u password p`.
    Netrc,
    /// `host:port:db:user:password`.
    Pgpass,
    /// `https://user:token@host` lines.
    GitCredentials,
    /// A SQLite database, opened read-only and immutable.
    Sqlite,
    /// The whole file is one secret (`~/.vault-token`, `~/.cache/huggingface/token`).
    Raw,
    /// No structure worth extracting: plain scanning.
    Plain,
}

impl Format {
    /// Every format read from bytes (all but SQLite), in a fixed order: fuzz targets and
    /// their regression tests pick one by index.
    pub const TEXT: [Format; 10] = [
        Format::Dotenv,
        Format::Ini,
        Format::Json,
        Format::Yaml,
        Format::Toml,
        Format::Netrc,
        Format::Pgpass,
        Format::GitCredentials,
        Format::Raw,
        Format::Plain,
    ];
}

/// Where a field's value sits in its file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// Byte span of the value as written. `verbatim` means the bytes there are exactly
    /// the value (no quoting, escaping or base64), so a match inside the value maps to an
    /// exact column; otherwise a match maps to the whole span.
    Bytes { offset: usize, len: usize, verbatim: bool },
    /// Row number in a database table (1-based).
    Row(usize),
}

/// One value and the key path it was assigned to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    /// Key path joined with `.`.
    pub key: String,
    /// The value, decoded (unquoted, unescaped, base64-decoded where the format says so).
    pub value: String,
    pub place: Place,
}

impl Field {
    /// The last component of the key path: the name a detector sees in `NAME=value`.
    pub fn leaf(&self) -> &str {
        self.key.rsplit('.').next().unwrap_or(&self.key)
    }
}

/// Extracts the fields of a text buffer in `format`. Errors mean the file does not parse.
pub fn extract(format: Format, buf: &[u8]) -> Result<Vec<Field>> {
    let text = std::str::from_utf8(buf)?;
    match format {
        Format::Dotenv => Ok(lines::dotenv(text)),
        Format::Ini => Ok(lines::ini(text)),
        Format::Netrc => Ok(lines::netrc(text)),
        Format::Pgpass => Ok(lines::pgpass(text)),
        Format::GitCredentials => Ok(lines::git_credentials(text)),
        Format::Raw => Ok(lines::raw(text)),
        Format::Json => tree::json(text),
        Format::Yaml => tree::yaml(text),
        Format::Toml => tree::toml(text),
        Format::Sqlite | Format::Plain => Ok(Vec::new()),
    }
}

/// Reads credential rows out of a SQLite database file (gcloud `credentials.db`,
/// `access_tokens.db`). The file is opened read-only and immutable: never written, never
/// locked, no journal created.
pub fn extract_sqlite(path: &Path) -> Result<Vec<Field>> {
    sqlite::fields(path)
}

/// Guesses a file's format from its name, for files found in a workspace walk. `None`
/// means plain scanning.
pub fn format_for_name(path: &Path) -> Option<Format> {
    let name = path.file_name()?.to_str()?;
    let lower = name.to_ascii_lowercase();
    let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    Some(match (lower.as_str(), ext.as_deref()) {
        (".env" | ".envrc" | ".flaskenv" | ".dev.vars", _) => Format::Dotenv,
        (n, _) if n.starts_with(".env.") || n.ends_with(".env") => Format::Dotenv,
        (".npmrc" | ".pypirc" | ".my.cnf" | ".databrickscfg" | ".gitconfig" | "pip.conf", _) => Format::Ini,
        (".netrc" | "_netrc", _) => Format::Netrc,
        (".pgpass" | "pgpass.conf", _) => Format::Pgpass,
        (".git-credentials", _) => Format::GitCredentials,
        (_, Some("tfstate" | "json")) => Format::Json,
        (n, _) if n.ends_with(".tfstate.backup") => Format::Json,
        (_, Some("yaml" | "yml")) => Format::Yaml,
        (_, Some("toml")) => Format::Toml,
        _ => return None,
    })
}

/// Findings in a file, using structure when `format` has an extractor and falling back
/// to plain scanning when the file does not parse (the error is returned alongside so the
/// caller can warn).
pub fn scan_structured(
    scanner: &Scanner,
    format: Format,
    buf: &[u8],
    origin: Origin<'_>,
) -> (Vec<Finding>, Option<anyhow::Error>) {
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
        let prefix = format!("{}=", synthetic_key(field.leaf()));
        let synthetic = format!("{prefix}{}", field.value);
        for mut finding in scanner.findings_in(synthetic.as_bytes(), origin) {
            let start = byte_offset(synthetic.as_bytes(), finding.line, finding.column);
            let end = byte_offset(synthetic.as_bytes(), finding.end_line, finding.end_column);
            let inner = (start.saturating_sub(prefix.len()), end.saturating_sub(prefix.len()));
            place_finding(&mut finding, field, inner, raw);
            finding.key = Some(field.key.clone());
            if !out.iter().any(|f| same_spot(f, &finding)) {
                out.push(finding);
            }
        }
    }
    if let Some(raw) = raw {
        crate::clue::annotate_file(origin.path, raw, &mut out);
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

/// 1-based line and character column of a byte offset.
pub fn position(buf: &[u8], offset: usize) -> (usize, usize) {
    let before = &buf[..offset];
    let line = memchr::memchr_iter(b'\n', before).count() + 1;
    let line_start = memchr::memrchr(b'\n', before).map_or(0, |i| i + 1);
    let column = String::from_utf8_lossy(&before[line_start..]).chars().count() + 1;
    (line, column)
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

    #[test]
    fn names_pick_formats() {
        assert_eq!(format_for_name(Path::new("a/.env.production")), Some(Format::Dotenv));
        assert_eq!(format_for_name(Path::new("prod.tfstate")), Some(Format::Json));
        assert_eq!(format_for_name(Path::new("k8s/secret.yaml")), Some(Format::Yaml));
        assert_eq!(format_for_name(Path::new("main.rs")), None);
    }
}
