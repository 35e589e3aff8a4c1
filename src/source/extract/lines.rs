//! Line-oriented formats: dotenv, INI, netrc, pgpass, git-credentials, raw token files.
//! Comments are skipped, so a commented-out example value is not a field.

use super::{Field, Place};
use base64::Engine;

/// Lines with the byte offset where each starts, line breaks removed.
fn lines_with_offsets(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut offset = 0;
    text.split_inclusive('\n').map(move |line| {
        let start = offset;
        offset += line.len();
        (start, line.trim_end_matches(['\n', '\r']))
    })
}

/// A field whose value sits at `offset..offset+len` in the file.
fn field(key: String, value: &str, offset: usize, verbatim: bool, len: usize) -> Field {
    Field { key, value: value.to_string(), place: Place::Bytes { offset, len, verbatim } }
}

/// A value as written after `=`: quotes removed (and for unquoted values a trailing
/// ` # comment` dropped). Returns the value, its byte offset within `raw` and whether the
/// bytes there are the value itself.
fn unquote(raw: &str) -> (String, usize, bool) {
    let lead = raw.len() - raw.trim_start().len();
    let trimmed = raw.trim();
    for quote in ['"', '\''] {
        if trimmed.len() >= 2 && trimmed.starts_with(quote) {
            if let Some(end) = trimmed[1..].find(quote) {
                let inner = &trimmed[1..1 + end];
                let escaped = quote == '"' && inner.contains('\\');
                let value = if escaped { inner.replace("\\n", "\n").replace("\\\"", "\"") } else { inner.to_string() };
                return (value, lead + 1, !escaped);
            }
        }
    }
    let value = match trimmed.find(" #") {
        Some(idx) => trimmed[..idx].trim_end(),
        None => trimmed,
    };
    (value.to_string(), lead, true)
}

/// `.env` files: `KEY=value`, `export KEY=value`, quotes, `#` comments.
pub fn dotenv(text: &str) -> Vec<Field> {
    let mut out = Vec::new();
    for (offset, line) in lines_with_offsets(text) {
        let body = line.trim_start();
        if body.starts_with('#') || body.is_empty() {
            continue;
        }
        let indent = line.len() - body.len();
        let (body, skipped) = match body.strip_prefix("export ") {
            Some(rest) => (rest.trim_start(), indent + (body.len() - rest.trim_start().len())),
            None => (body, indent),
        };
        let Some(eq) = body.find('=') else { continue };
        let key = body[..eq].trim();
        if key.is_empty() || key.contains(char::is_whitespace) {
            continue;
        }
        push_value(&mut out, key.to_string(), &body[eq + 1..], offset + skipped + eq + 1);
    }
    out
}

/// Unquotes a value and adds it (and any `Authorization:` header token inside) as fields.
fn push_value(out: &mut Vec<Field>, key: String, raw: &str, raw_offset: usize) {
    let (value, inner, verbatim) = unquote(raw);
    if value.is_empty() {
        return;
    }
    let start = raw_offset + inner;
    if let Some(auth) = authorization_token(&value) {
        // A Basic password is decoded from base64: its place is the written text.
        let verbatim = verbatim && !auth.decoded;
        out.push(field(format!("{key}.{}", auth.suffix), &auth.value, start + auth.at, verbatim, auth.written_len));
    }
    out.push(field(key, &value, start, verbatim, value.len()));
}

/// INI: `[section]`, `key = value` or `key: value`, `#`/`;` comments. Keys outside any
/// section (npmrc, pip.conf without header) have no section prefix.
pub fn ini(text: &str) -> Vec<Field> {
    let mut out = Vec::new();
    let mut section = String::new();
    for (offset, line) in lines_with_offsets(text) {
        let body = line.trim_start();
        if body.is_empty() || body.starts_with(['#', ';']) {
            continue;
        }
        if body.starts_with('[') {
            if let Some(end) = body.find(']') {
                section = body[1..end].trim().to_string();
            }
            continue;
        }
        let Some(sep) = separator(body) else { continue };
        let key = body[..sep].trim();
        if key.is_empty() {
            continue;
        }
        let path = if section.is_empty() { key.to_string() } else { format!("{section}.{key}") };
        let indent = line.len() - body.len();
        push_value(&mut out, path, &body[sep + 1..], offset + indent + sep + 1);
    }
    out
}

/// Position of the first `=` or, when there is none, the first `: `.
fn separator(body: &str) -> Option<usize> {
    body.find('=').or_else(|| body.find(": "))
}

/// The credential of an `Authorization:` header inside a value.
pub struct AuthorizationToken {
    /// The key suffix to use: `authorization_token` or `authorization_password`.
    pub suffix: &'static str,
    /// The token, or the password decoded from a Basic header.
    pub value: String,
    /// Where the written token starts in the value, and its written length.
    pub at: usize,
    pub written_len: usize,
    /// `value` was decoded (Basic): it is not the written bytes.
    pub decoded: bool,
}

/// `Authorization: Bearer <token>`, `Authorization: token <t>` or `Basic <b64 user:pass>`
/// inside a value.
pub fn authorization_token(value: &str) -> Option<AuthorizationToken> {
    let lower = value.to_ascii_lowercase();
    let at = lower.find("authorization:")?;
    let rest = value[at + "authorization:".len()..].trim_start();
    let mut parts = rest.splitn(2, ' ');
    let scheme = parts.next()?.to_ascii_lowercase();
    let token_raw = parts.next()?.trim_start();
    // `token_raw` is a suffix of `value`.
    let token_at = value.len() - token_raw.len();
    let token: String = token_raw.chars().take_while(|c| !c.is_whitespace() && !"'\"".contains(*c)).collect();
    let written_len = token.len();
    let found = |suffix, value, decoded| AuthorizationToken { suffix, value, at: token_at, written_len, decoded };
    match scheme.as_str() {
        "bearer" | "token" => Some(found("authorization_token", token, false)),
        "basic" => {
            let decoded = base64::engine::general_purpose::STANDARD.decode(token.as_bytes()).ok()?;
            let text = String::from_utf8(decoded).ok()?;
            let password = text.split_once(':')?.1.to_string();
            Some(found("authorization_password", password, true))
        }
        _ => None,
    }
}

/// netrc: `machine <host> login <user> password <secret>` (tokens may span lines).
pub fn netrc(text: &str) -> Vec<Field> {
    let tokens = words_with_offsets(text);
    let mut out = Vec::new();
    let mut machine = String::from("default");
    let mut i = 0;
    while i < tokens.len() {
        let (_, word) = tokens[i];
        match word {
            "machine" if i + 1 < tokens.len() => {
                machine = tokens[i + 1].1.to_string();
                i += 1;
            }
            "default" => machine = "default".to_string(),
            "password" | "account" if i + 1 < tokens.len() => {
                let (offset, value) = tokens[i + 1];
                out.push(field(format!("machine {machine}.{word}"), value, offset, true, value.len()));
                i += 1;
            }
            _ => {}
        }
        i += 1;
    }
    out
}

/// Whitespace-separated words with their byte offsets, `#` comment lines skipped.
fn words_with_offsets(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    for (offset, line) in lines_with_offsets(text) {
        if line.trim_start().starts_with('#') {
            continue;
        }
        let mut pos = 0;
        for word in line.split_whitespace() {
            let at = line[pos..].find(word).map_or(pos, |i| pos + i);
            out.push((offset + at, word));
            pos = at + word.len();
        }
    }
    out
}

/// pgpass: `host:port:database:user:password`, `\:` and `\\` escapes.
pub fn pgpass(text: &str) -> Vec<Field> {
    let mut out = Vec::new();
    for (offset, line) in lines_with_offsets(text) {
        if line.trim_start().starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let parts = split_unescaped(line, ':');
        if parts.len() < 5 {
            continue;
        }
        let (at, written) = parts[4];
        let password = written.replace("\\:", ":").replace("\\\\", "\\");
        let key = format!("{}:{}:{}:{}.password", parts[0].1, parts[1].1, parts[2].1, parts[3].1);
        let verbatim = password == written;
        out.push(field(key, &password, offset + at, verbatim, written.len()));
    }
    out
}

/// Splits on `sep` not preceded by a backslash; the last part takes the rest of the line.
fn split_unescaped(line: &str, sep: char) -> Vec<(usize, &str)> {
    let mut parts = Vec::new();
    let mut start = 0;
    let mut escaped = false;
    for (i, c) in line.char_indices() {
        if escaped {
            escaped = false;
        } else if c == '\\' {
            escaped = true;
        } else if c == sep && parts.len() < 4 {
            parts.push((start, &line[start..i]));
            start = i + 1;
        }
    }
    parts.push((start, &line[start..]));
    parts
}

/// git credential store: one `scheme://user:password@host/path` per line.
pub fn git_credentials(text: &str) -> Vec<Field> {
    let mut out = Vec::new();
    for (offset, line) in lines_with_offsets(text) {
        if let Some((key, at, password)) = url_password(line) {
            out.push(field(key, password, offset + at, true, password.len()));
        }
    }
    out
}

/// The password in a URL with userinfo: key `<host>.<user>.password`, its byte offset in
/// `text` and the password as written.
pub fn url_password(text: &str) -> Option<(String, usize, &str)> {
    let scheme_end = text.find("://")? + 3;
    let rest = &text[scheme_end..];
    let authority_end = rest.find(['/', '?', '#', ' ', '\'', '"']).unwrap_or(rest.len());
    let authority = &rest[..authority_end];
    let (userinfo, host) = authority.rsplit_once('@')?;
    let (user, password) = userinfo.split_once(':')?;
    if password.is_empty() {
        return None;
    }
    let at = scheme_end + user.len() + 1;
    Some((format!("{host}.{user}.password"), at, password))
}

/// A file that holds one secret and nothing else.
pub fn raw(text: &str) -> Vec<Field> {
    let value = text.trim();
    if value.is_empty() || value.contains('\n') {
        return Vec::new();
    }
    let offset = text.len() - text.trim_start().len();
    vec![field("token".to_string(), value, offset, true, value.len())]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spot(text: &str, f: &Field) -> String {
        let Place::Bytes { offset, len, .. } = f.place else { panic!("byte place") };
        text[offset..offset + len].to_string()
    }

    #[test]
    fn dotenv_handles_export_quotes_and_comments() {
        let text = "# API_KEY=commented\nexport A_TOKEN=\"abc def\"\nB=plain # note\n  C='x'\n";
        let fields = dotenv(text);
        let keys: Vec<&str> = fields.iter().map(|f| f.key.as_str()).collect();
        assert_eq!(keys, ["A_TOKEN", "B", "C"]);
        assert_eq!(fields[0].value, "abc def");
        assert_eq!(spot(text, &fields[0]), "abc def");
        assert_eq!(spot(text, &fields[1]), "plain");
        assert_eq!(spot(text, &fields[2]), "x");
    }

    #[test]
    fn ini_prefixes_sections() {
        let text = "[profile prod-admin]\n; aws_secret_access_key = no\naws_secret_access_key = s3cr3t\n";
        let fields = ini(text);
        assert_eq!(fields.len(), 1);
        assert_eq!(fields[0].key, "profile prod-admin.aws_secret_access_key");
        assert_eq!(spot(text, &fields[0]), "s3cr3t");
    }

    #[test]
    fn ini_splits_authorization_headers() {
        let text = "[http \"https://git.example.com\"]\n\textraheader = Authorization: Bearer tok123\n";
        let fields = ini(text);
        assert_eq!(fields[0].key, "http \"https://git.example.com\".extraheader.authorization_token");
        assert_eq!(spot(text, &fields[0]), "tok123");
    }

    #[test]
    fn netrc_spans_lines() {
        let text = "machine api.heroku.com\n  login me@example.com\n  password hrku-abc\n";
        let fields = netrc(text);
        assert_eq!(fields.len(), 1);
        assert_eq!(fields[0].key, "machine api.heroku.com.password");
        assert_eq!(spot(text, &fields[0]), "hrku-abc");
    }

    #[test]
    fn pgpass_unescapes() {
        let fields = pgpass("db.prod:5432:app:admin:pa\\:ss\n");
        assert_eq!(fields[0].key, "db.prod:5432:app:admin.password");
        assert_eq!(fields[0].value, "pa:ss");
    }

    #[test]
    fn git_credentials_take_the_password() {
        let text = "https://bob:tok3n@github.com\n"; // blastradius:allow (fake)
        let fields = git_credentials(text);
        assert_eq!(fields[0].key, "github.com.bob.password");
        assert_eq!(spot(text, &fields[0]), "tok3n");
    }
}
