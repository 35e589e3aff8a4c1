//! SQLite credential databases (gcloud `credentials.db` and `access_tokens.db`). Opened
//! read-only with `immutable=1`: SQLite neither writes, locks nor creates a journal, so
//! reading a database the tool has open is safe.

use super::{Field, Place};
use crate::model::parse_error::ParseError;
use anyhow::{Context, Result};
use rusqlite::types::ValueRef;
use rusqlite::{Connection, OpenFlags};
use serde_json::Value;
use std::path::Path;

/// Tables known to hold credentials: (table, column naming the row, secret columns).
/// A secret column holding a JSON object is flattened.
const CREDENTIAL_TABLES: &[(&str, &str, &[&str])] = &[
    ("credentials", "account_id", &["value"]),
    ("access_tokens", "account_id", &["access_token", "id_token", "rapt_token"]),
];

/// Rows read from one table: gcloud keeps one per account and scope, a few dozen at most.
pub const MAX_ROWS: usize = 50_000;
/// Bytes read from one cell: a token or a JSON credential is a few kilobytes.
const MAX_CELL: usize = 1024 * 1024;
/// Bytes read from one database in all: gcloud's stores are kilobytes; a database of
/// large cells in their place is not a credential store, and must not fill memory.
pub const MAX_TOTAL: usize = 32 * 1024 * 1024;

pub fn fields(path: &Path) -> Result<Vec<Field>, ParseError> {
    read_fields(path).map_err(|_| ParseError::unplaced("SQLite database"))
}

fn read_fields(path: &Path) -> Result<Vec<Field>> {
    let connection = open_immutable(path)?;
    let mut out = Vec::new();
    let mut total = 0;
    for (table, name_column, secret_columns) in CREDENTIAL_TABLES {
        if !has_table(&connection, table)? {
            continue;
        }
        for column in *secret_columns {
            read_column(&connection, table, name_column, column, &mut out, &mut total)
                .with_context(|| format!("{}: reading table `{table}`", path.display()))?;
        }
    }
    Ok(out)
}

fn open_immutable(path: &Path) -> Result<Connection> {
    let uri = format!("file:{}?immutable=1", uri_path(path));
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let connection = Connection::open_with_flags(uri, flags)
        .with_context(|| format!("{}: cannot open as SQLite", path.display()))?;
    connection
        .query_row("SELECT count(*) FROM sqlite_master", [], |_| Ok(()))
        .with_context(|| format!("{}: not a readable SQLite database", path.display()))?;
    Ok(connection)
}

/// Percent-encodes the characters a SQLite URI path cannot hold literally.
fn uri_path(path: &Path) -> String {
    let mut out = String::new();
    for c in path.to_string_lossy().chars() {
        match c {
            '?' | '#' | '%' => out.push_str(&format!("%{:02X}", c as u32)),
            _ => out.push(c),
        }
    }
    out
}

fn has_table(connection: &Connection, table: &str) -> Result<bool> {
    let count: i64 = connection.query_row(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?1",
        [table],
        |row| row.get(0),
    )?;
    Ok(count > 0)
}

fn read_column(
    connection: &Connection,
    table: &str,
    name_column: &str,
    column: &str,
    out: &mut Vec<Field>,
    total: &mut usize,
) -> Result<()> {
    if !has_column(connection, table, column)? {
        return Ok(());
    }
    // One row more than the cap tells a capped table from a full one; `substr` bounds
    // each cell (on bytes for blobs) before SQLite hands it over.
    let sql = format!(
        "SELECT substr(\"{name_column}\", 1, {MAX_CELL}), substr(\"{column}\", 1, {MAX_CELL}) \
         FROM \"{table}\" ORDER BY rowid LIMIT {}",
        MAX_ROWS + 1
    );
    let mut statement = connection.prepare(&sql)?;
    let rows = statement.query_map([], |row| Ok((text(row.get_ref(0)?), text(row.get_ref(1)?))))?;
    for (index, row) in rows.enumerate() {
        if index == MAX_ROWS {
            crate::source::budget::note_capped();
            break;
        }
        if crate::source::budget::expired() {
            break;
        }
        let (name, value) = row?;
        if value.is_empty() {
            continue;
        }
        *total += name.len() + value.len();
        if *total > MAX_TOTAL {
            crate::source::budget::note_capped();
            break;
        }
        push_value(&format!("{table}.{name}.{column}"), &value, index + 1, out);
    }
    Ok(())
}

/// Does `table` have a column named `column`? Read from `pragma_table_info` as values:
/// a corrupt or hostile database can name a column with bytes that are not UTF-8, which
/// rusqlite's `column_names()` panics on.
fn has_column(connection: &Connection, table: &str, column: &str) -> Result<bool> {
    let count: i64 =
        connection.query_row("SELECT count(*) FROM pragma_table_info(?1) WHERE name = ?2", [table, column], |row| {
            row.get(0)
        })?;
    Ok(count > 0)
}

/// A text or blob cell as text (gcloud writes JSON into BLOB columns).
fn text(cell: ValueRef<'_>) -> String {
    match cell {
        ValueRef::Text(bytes) | ValueRef::Blob(bytes) => String::from_utf8_lossy(bytes).into_owned(),
        ValueRef::Integer(n) => n.to_string(),
        ValueRef::Real(_) | ValueRef::Null => String::new(),
    }
}

/// A JSON object is flattened one level deep per key; anything else is one field.
fn push_value(key: &str, value: &str, row: usize, out: &mut Vec<Field>) {
    match serde_json::from_str::<Value>(value) {
        Ok(Value::Object(map)) => {
            for (name, child) in map {
                if let Some(text) = child.as_str().filter(|t| !t.is_empty()) {
                    out.push(Field { key: format!("{key}.{name}"), value: text.to_string(), place: Place::Row(row) });
                }
            }
        }
        _ => out.push(Field { key: key.to_string(), value: value.to_string(), place: Place::Row(row) }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_gcloud_tables_and_flattens_json() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("credentials.db");
        let db = Connection::open(&path).unwrap();
        db.execute_batch(
            "CREATE TABLE credentials (account_id TEXT PRIMARY KEY, value BLOB);
             INSERT INTO credentials VALUES ('me@example.com', '{\"refresh_token\":\"1//0abc\",\"type\":\"authorized_user\"}');",
        )
        .unwrap();
        drop(db);
        let found = fields(&path).unwrap();
        let keys: Vec<&str> = found.iter().map(|f| f.key.as_str()).collect();
        assert_eq!(keys, ["credentials.me@example.com.value.refresh_token", "credentials.me@example.com.value.type"]);
        assert_eq!(found[0].place, Place::Row(1));
    }

    #[test]
    fn corrupt_database_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("access_tokens.db");
        std::fs::write(&path, b"SQLite format 3\0garbage garbage garbage").unwrap();
        assert!(fields(&path).is_err());
    }
}
