//! Structured extraction: where structure beats a regex. Each extractor turns a file into
//! [`Field`]s (key path, value, place in the file); the engine
//! (`engine::structured::scan_fields`) runs every value with its key as context, so
//! detectors that need a key name work on structured files too.
//!
//! Convention: [`Field::key`] is the key path joined with `.`, section, profile and
//! context names included (`profile prod-admin.aws_secret_access_key`,
//! `users.prod-cluster-admin.token`): classification reads environment words from it.

mod bounded;
mod lines;
mod sqlite;
mod tree;

pub use crate::model::parse_error::position;
use crate::model::parse_error::ParseError;
pub use lines::url_password;
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

/// Extracts the fields of a text buffer in `format`. Errors mean the file does not parse,
/// and say only where.
pub fn extract(format: Format, buf: &[u8]) -> Result<Vec<Field>, ParseError> {
    let text = std::str::from_utf8(buf).map_err(|e| ParseError::at_offset("UTF-8", buf, e.valid_up_to()))?;
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
/// locked, no journal created. The error says only that the database could not be read:
/// SQLite's messages can quote the file's schema.
pub fn extract_sqlite(path: &Path) -> Result<Vec<Field>, ParseError> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_pick_formats() {
        assert_eq!(format_for_name(Path::new("a/.env.production")), Some(Format::Dotenv));
        assert_eq!(format_for_name(Path::new("prod.tfstate")), Some(Format::Json));
        assert_eq!(format_for_name(Path::new("k8s/secret.yaml")), Some(Format::Yaml));
        assert_eq!(format_for_name(Path::new("main.rs")), None);
    }
}
