//! Shell and REPL histories: bash (with `#<epoch>` lines), zsh (extended
//! `: <start>:<elapsed>;cmd`), fish (`- cmd: …`), sh, python, node, psql, mysql,
//! redis-cli, sqlite and irb. The whole text goes through the engine; on top of that,
//! secrets that only the shape of a command reveals become fields with a key naming them:
//! `export X=…`, `set -x X …`, `curl -H 'Authorization: Bearer …'`, `-u user:pass`,
//! `mysql -pPASS`, `docker login -p …`, `redis-cli -a …`, `AUTH …`.

use crate::source::extract::{Field, Place};
use regex::Regex;
use std::sync::LazyLock;

/// One command pattern: the regex (group 1 names the key when `named`, the last group is
/// the secret) and the key path for the field.
struct CommandPattern {
    regex: LazyLock<Regex>,
    /// Key path; `{1}` is replaced by capture group 1.
    key: &'static str,
}

macro_rules! pattern {
    ($re:expr, $key:expr) => {
        CommandPattern { regex: LazyLock::new(|| Regex::new($re).expect("valid history pattern")), key: $key }
    };
}

static PATTERNS: [CommandPattern; 10] = [
    // export X=…, X=… cmd, setenv-free assignments
    pattern!(r#"(?:^|[\s;&|(])([A-Za-z_][A-Za-z0-9_]*)=('[^']*'|"[^"]*"|[^\s;&|'"]+)"#, "{1}"),
    // fish `set -gx X value`, csh `setenv X value`
    pattern!(
        r#"\b(?:set\s+-[a-zA-Z]*x[a-zA-Z]*|setenv)\s+([A-Za-z_][A-Za-z0-9_]*)\s+('[^']*'|"[^"]*"|[^\s;&|'"]+)"#,
        "{1}"
    ),
    // -H 'Authorization: Bearer …' / token / X-API-Key / PRIVATE-TOKEN headers
    pattern!(r#"(?i)\b(authorization):\s*(?:bearer|token)\s+([^\s'"]+)"#, "header.Authorization.authorization_token"),
    pattern!(r#"(?i)\b(x-api-key|api-key|private-token|x-auth-token):\s*([^\s'"]+)"#, "header.{1}"),
    // curl/wget/http -u user:pass, --user=user:pass
    pattern!(r#"(?:^|\s)(?:-u|--user)[\s=]+['"]?([^\s:'"]+):([^\s'"]+)"#, "user {1}.password"),
    // mysql -pPASS / --password=PASS (also mariadb, mysqldump, mysqladmin)
    pattern!(r#"\b(mysql|mariadb|mysqldump|mysqladmin)\b[^\n]*?\s(?:-p|--password=)([^\s'"]+)"#, "{1}.password"),
    // docker/podman/helm login -p PASS / --password PASS (not --password-stdin)
    pattern!(
        r#"\b(docker|podman|helm|buildah|skopeo)\b[^\n]*?\s(?:-p|--password)[\s=]+([^\s'"-][^\s'"]*)"#,
        "{1} login.password"
    ),
    // redis-cli -a PASS, sshpass -p PASS, redis AUTH PASS
    pattern!(r#"(?:\b(redis-cli)\b[^\n]*?\s-a\s+|\b(sshpass)\s+-p\s*|^(AUTH)\s+)([^\s'"]+)"#, "redis.password"),
    // SQL typed into psql, mysql, sqlite: ALTER/CREATE USER|ROLE … PASSWORD '…' or
    // IDENTIFIED BY '…', SET PASSWORD … = '…'
    pattern!(
        r#"(?i)\b(?:(?:alter|create)\s+(?:user|role)\b[^;]*?\b(?:password|identified\s+by)|set\s+password\b[^;=]*=)\s*(?:password\s*\(\s*)?('[^']+')"#,
        "sql.password"
    ),
    // mongosh: db.createUser({ user: …, pwd: "…" }), db.auth("user", "…")
    pattern!(r#"\b(?:pwd\s*:\s*|db\.auth\(\s*['"][^'"]*['"]\s*,\s*)('[^']+'|"[^"]+")"#, "mongo.password"),
];

/// Fields for every secret-shaped argument in a history file. Offsets point into `text`.
pub fn fields(text: &str) -> Vec<Field> {
    let vis = text.starts_with(LIBEDIT_HEADER);
    let mut out = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let (decoded, map) = decode_line(line.trim_end_matches(['\n', '\r']), vis);
        let (command, at) = command_of(&decoded);
        for pattern in &PATTERNS {
            for caps in pattern.regex.captures_iter(command) {
                let Some(secret) = (1..caps.len()).rev().find_map(|i| caps.get(i)) else { continue };
                let name = caps.get(1).map_or("", |m| m.as_str());
                let (value, start, verbatim) = unquote(secret.as_str());
                if value.is_empty() {
                    continue;
                }
                let key = pattern.key.replace("{1}", name);
                let from = at + secret.start() + start;
                let (written_at, written_end) = (map[from], map[from + value.len()]);
                // Verbatim only when the written bytes are the value: a decoded escape or
                // a psql line break (`\x01` read as a space) keeps the length but not the bytes.
                let verbatim = verbatim && line.as_bytes().get(written_at..written_end) == Some(value.as_bytes());
                let place = Place::Bytes { offset: offset + written_at, len: written_end - written_at, verbatim };
                out.push(Field { key, value: value.to_string(), place });
            }
        }
        offset += line.len();
    }
    out
}

/// The first line of a history file written by libedit (macOS Python, mysql, sqlite3):
/// its lines are vis(3)-encoded.
const LIBEDIT_HEADER: &str = "_HiStOrY_V2_";

/// psql writes the line breaks of a multi-line query as this byte (`NL_IN_HISTORY`).
const PSQL_NEWLINE: u8 = 0x01;

/// A history line as it was typed: libedit's vis(3) escapes (`\040` for a space, `\\` for
/// a backslash, any `\NNN` octal byte) decoded when `vis`, and psql's `\x01` line breaks
/// turned back into spaces. Returns the text and, for each of its bytes, the offset of
/// the byte it came from in `line`, plus one entry for the end.
fn decode_line(line: &str, vis: bool) -> (String, Vec<usize>) {
    let bytes = line.as_bytes();
    let mut out: Vec<u8> = Vec::with_capacity(bytes.len());
    let mut map = Vec::with_capacity(bytes.len() + 1);
    let mut i = 0;
    while i < bytes.len() {
        let (byte, width) = match bytes[i] {
            b'\\' if vis => vis_escape(&bytes[i..]),
            PSQL_NEWLINE => (b' ', 1),
            b => (b, 1),
        };
        out.push(byte);
        map.push(i);
        i += width;
    }
    map.push(bytes.len());
    match String::from_utf8(out) {
        Ok(text) => (text, map),
        // An escape produced a byte that is not UTF-8 on its own: keep the line as written.
        Err(_) => (line.to_string(), (0..=bytes.len()).collect()),
    }
}

/// A line of a libedit history as it was typed (see [`decode_line`]).
pub fn as_typed(line: &str) -> String {
    decode_line(line, true).0
}

/// One vis(3) escape at the start of `rest` (which starts with a backslash): the byte it
/// stands for and how many bytes it takes. An unknown escape stands for itself.
fn vis_escape(rest: &[u8]) -> (u8, usize) {
    let octal = rest.get(1..4).filter(|d| d.iter().all(|b| (b'0'..=b'7').contains(b)));
    if let Some(digits) = octal {
        let value = digits.iter().fold(0u32, |n, d| n * 8 + u32::from(d - b'0'));
        if let Ok(byte) = u8::try_from(value) {
            return (byte, 4);
        }
    }
    match rest.get(1) {
        Some(b'\\') => (b'\\', 2),
        Some(b's') => (b' ', 2),
        Some(b'n') => (b'\n', 2),
        Some(b't') => (b'\t', 2),
        _ => (b'\\', 1),
    }
}

/// The command text of a history line and its byte offset in the line: strips the zsh
/// extended prefix and the fish `- cmd: ` prefix; `#<epoch>` bash lines have none.
fn command_of(line: &str) -> (&str, usize) {
    if let Some(rest) = line.strip_prefix(": ") {
        if let Some(semi) = rest.find(';') {
            let stamp = &rest[..semi];
            if stamp.split(':').all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit())) {
                let at = 2 + semi + 1;
                return (&line[at..], at);
            }
        }
    }
    if let Some(rest) = line.strip_prefix("- cmd: ") {
        return (rest, line.len() - rest.len());
    }
    let is_stamp = line.len() > 1 && line.starts_with('#') && line[1..].bytes().all(|b| b.is_ascii_digit());
    if is_stamp {
        return ("", 0);
    }
    (line, 0)
}

/// Strips one level of matching quotes: (value, offset of the value, verbatim).
fn unquote(written: &str) -> (&str, usize, bool) {
    for quote in ['\'', '"'] {
        if written.len() >= 2 && written.starts_with(quote) && written.ends_with(quote) {
            return (&written[1..written.len() - 1], 1, true);
        }
    }
    (written, 0, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(String, String)> {
        fields(text).into_iter().map(|f| (f.key, f.value)).collect()
    }

    fn pair(key: &str, value: &str) -> (String, String) {
        (key.to_string(), value.to_string())
    }

    #[test]
    fn zsh_extended_and_fish_prefixes_are_stripped() {
        assert_eq!(found(": 1700000000:0;export API_TOKEN=abc123\n"), [pair("API_TOKEN", "abc123")]);
        assert_eq!(found("- cmd: set -gx API_TOKEN abc123\n  when: 1700000000\n"), [pair("API_TOKEN", "abc123")]);
        assert!(found("#1700000000\n").is_empty());
    }

    #[test]
    fn command_shapes_name_their_secrets() {
        assert_eq!(
            found("curl -H 'Authorization: Bearer tok_abc' https://api.example.com\n"),
            [pair("header.Authorization.authorization_token", "tok_abc")]
        );
        assert_eq!(found("curl -u alice:s3cret https://x\n"), [pair("user alice.password", "s3cret")]);
        assert_eq!(found("mysql -h db -u root -pS3cretPw app\n"), [pair("mysql.password", "S3cretPw")]);
        assert_eq!(found("docker login -u bob -p dckr_pass ghcr.io\n"), [pair("docker login.password", "dckr_pass")]);
        assert!(found("docker login --password-stdin\n").is_empty());
        assert_eq!(found("AUTH r3disPw\n"), [pair("redis.password", "r3disPw")]);
    }

    #[test]
    fn sql_and_mongo_shell_passwords_are_fields() {
        assert_eq!(found("ALTER USER app WITH PASSWORD 'Pg-s3cret';\n"), [pair("sql.password", "Pg-s3cret")]);
        assert_eq!(found("CREATE USER 'ro'@'%' IDENTIFIED BY 'My-s3cret';\n"), [pair("sql.password", "My-s3cret")]);
        assert_eq!(found("SET PASSWORD FOR 'ro'@'%' = 'N3w-pass';\n"), [pair("sql.password", "N3w-pass")]);
        assert_eq!(found("db.auth(\"admin\", \"M0ngo-pw\")\n"), [pair("mongo.password", "M0ngo-pw")]);
        assert!(found("ALTER USER app WITH PASSWORD NULL;\n").is_empty());
    }

    #[test]
    fn libedit_escapes_are_decoded_and_placed_on_the_written_bytes() {
        let text = "_HiStOrY_V2_\nclient\\040=\\040OpenAI(api_key=\"sk-abc\\040def\")\n";
        let fields = fields(text);
        assert_eq!(fields.len(), 1, "{fields:?}");
        assert_eq!((fields[0].key.as_str(), fields[0].value.as_str()), ("api_key", "sk-abc def"));
        let Place::Bytes { offset, len, verbatim } = fields[0].place else { panic!() };
        assert_eq!(&text[offset..offset + len], "sk-abc\\040def");
        assert!(!verbatim);
    }

    #[test]
    fn psql_multi_line_queries_are_joined() {
        let text = "ALTER ROLE app\u{1}WITH PASSWORD 'Pg-s3cret';\n";
        assert_eq!(found(text), [pair("sql.password", "Pg-s3cret")]);
    }

    #[test]
    fn offsets_point_at_the_value() {
        let text = "ls\n: 1700000000:0;export K_TOKEN=\"v4lue\"\n";
        let field = &fields(text)[0];
        let Place::Bytes { offset, len, .. } = field.place else { panic!() };
        assert_eq!(&text[offset..offset + len], "v4lue");
    }
}
