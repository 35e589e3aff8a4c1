//! Tree formats (JSON, YAML, TOML): every string leaf becomes a field keyed by its path.
//! A few values are decoded on the way: Docker `auths.*.auth` (base64 `user:pass`),
//! Kubernetes Secret `data:` entries and kubeconfig `*-data` keys (base64), and
//! `Authorization` header values (the token after the scheme).
//!
//! The parsers used here do not report positions, so each value is located in the raw
//! text by searching for it as written (escaped the way the format writes it), moving
//! forward through the document so repeated values land on their own lines.

use super::lines::authorization_token;
use super::{Field, Place};
use crate::model::parse_error::ParseError;
use base64::Engine;
use serde_json::Value;

/// How a format writes a string, for finding it in the raw text.
#[derive(Clone, Copy)]
enum Syntax {
    Json,
    Yaml,
    Toml,
}

/// JSON, or JSON with comments and trailing commas (VS Code, Zed and Cursor settings).
pub fn json(text: &str) -> Result<Vec<Field>, ParseError> {
    let value: Value = match serde_json::from_str(text) {
        Ok(value) => value,
        // Blanking keeps every byte where it was, so the position holds for the file.
        Err(_) => serde_json::from_str(&strip_jsonc(text)).map_err(|e| ParseError::json(&e))?,
    };
    Ok(Walker::new(text, Syntax::Json).run(&value))
}

/// Blanks `//` and `/* */` comments and trailing commas outside strings with spaces, so
/// byte offsets stay those of the original text.
fn strip_jsonc(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = bytes.to_vec();
    let (mut i, mut in_string) = (0, false);
    while i < bytes.len() {
        let b = bytes[i];
        if in_string {
            match b {
                b'\\' => i += 1,
                b'"' => in_string = false,
                _ => {}
            }
        } else if b == b'"' {
            in_string = true;
        } else if bytes[i..].starts_with(b"//") {
            let end = memchr::memchr(b'\n', &bytes[i..]).map_or(bytes.len(), |n| i + n);
            out[i..end].fill(b' ');
            i = end;
            continue;
        } else if bytes[i..].starts_with(b"/*") {
            let end = memchr::memmem::find(&bytes[i + 2..], b"*/").map_or(bytes.len(), |n| i + 2 + n + 2);
            out[i..end].iter_mut().filter(|c| **c != b'\n').for_each(|c| *c = b' ');
            i = end;
            continue;
        } else if b == b',' {
            let next = bytes[i + 1..].iter().zip(&out[i + 1..]).find(|(_, o)| !o.is_ascii_whitespace());
            if matches!(next, Some((_, b'}' | b']')) | None) {
                out[i] = b' ';
            }
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Every document of a (possibly multi-document) YAML stream; alias expansion is bounded.
pub fn yaml(text: &str) -> Result<Vec<Field>, ParseError> {
    let mut walker = Walker::new(text, Syntax::Yaml);
    let documents = super::bounded::yaml_documents(text).map_err(|e| ParseError::yaml(&e))?;
    Ok(documents.iter().flat_map(|value| walker.run(value)).collect())
}

pub fn toml(text: &str) -> Result<Vec<Field>, ParseError> {
    let value: Value = toml::from_str(text).map_err(|e| ParseError::toml(&e, text))?;
    Ok(Walker::new(text, Syntax::Toml).run(&value))
}

/// Flattens a value tree into fields, locating each in the raw text.
struct Walker<'a> {
    text: &'a str,
    syntax: Syntax,
    cursor: usize,
    /// Bytes of text left to search when locating values (see [`Walker::find_charged`]).
    search_budget: usize,
}

/// Bytes searched per byte of text when locating values: a document whose values sit in
/// order costs about one; values written differently from their decoded form cost a
/// whole-text search each, which this caps.
const SEARCH_BYTES_PER_TEXT_BYTE: usize = 16;
/// Search budget every document gets whatever its size.
const MIN_SEARCH_BYTES: usize = 1 << 20;

impl<'a> Walker<'a> {
    fn new(text: &'a str, syntax: Syntax) -> Self {
        let search_budget = text.len().saturating_mul(SEARCH_BYTES_PER_TEXT_BYTE).saturating_add(MIN_SEARCH_BYTES);
        Walker { text, syntax, cursor: 0, search_budget }
    }

    fn run(&mut self, root: &Value) -> Vec<Field> {
        let mut out = Vec::new();
        let secret_manifest = is_kubernetes_secret(root);
        let mut path = Vec::new();
        if secret_manifest {
            let name = root.pointer("/metadata/name").and_then(Value::as_str).unwrap_or("unnamed");
            path.push(format!("secret/{name}"));
            for section in ["data", "stringData"] {
                if let Some(map) = root.get(section).and_then(Value::as_object) {
                    path.push(section.to_string());
                    for (key, value) in map {
                        path.push(key.clone());
                        self.leaf(&path, value, section == "data", &mut out);
                        path.pop();
                    }
                    path.pop();
                }
            }
            return out;
        }
        self.walk(root, &mut path, &mut out);
        out
    }

    fn walk(&mut self, value: &Value, path: &mut Vec<String>, out: &mut Vec<Field>) {
        match value {
            Value::Object(map) => {
                for (key, child) in map {
                    path.push(key.clone());
                    self.walk(child, path, out);
                    path.pop();
                }
            }
            Value::Array(items) => {
                let singular = path.last().and_then(|p| p.strip_suffix('s')).map(str::to_string);
                for (index, item) in items.iter().enumerate() {
                    self.array_item(item, index, singular.as_deref(), path, out);
                }
            }
            Value::String(_) => {
                let base64 = path.last().is_some_and(|k| is_base64_key(path, k));
                self.leaf(path, value, base64, out);
            }
            _ => {}
        }
    }

    /// An array element is named by its `name` field when it has one, and a kubeconfig
    /// style wrapper (`users[].user`) is skipped: `users.prod-admin.token`.
    fn array_item(
        &mut self,
        item: &Value,
        index: usize,
        singular: Option<&str>,
        path: &mut Vec<String>,
        out: &mut Vec<Field>,
    ) {
        let name = item.get("name").and_then(Value::as_str);
        path.push(name.map_or_else(|| index.to_string(), str::to_string));
        match (item.as_object(), name) {
            (Some(map), Some(_)) => {
                for (key, child) in map.iter().filter(|(key, _)| *key != "name") {
                    let wrapper = singular == Some(key.as_str()) && child.is_object();
                    if !wrapper {
                        path.push(key.clone());
                    }
                    self.walk(child, path, out);
                    if !wrapper {
                        path.pop();
                    }
                }
            }
            _ => self.walk(item, path, out),
        }
        path.pop();
    }

    /// Adds one string value, decoding base64 when `base64` says it is encoded.
    fn leaf(&mut self, path: &[String], value: &Value, base64: bool, out: &mut Vec<Field>) {
        let Some(written) = value.as_str() else { return };
        if written.is_empty() {
            return;
        }
        let key = path.join(".");
        let decoded = if base64 { decode_base64(path, written) } else { None };
        let (offset, len, found) = self.locate(written);
        // Verbatim only when the located bytes are the value itself: any escape the format
        // wrote (`\b`, `\u0041`, a folded line) shifts every offset inside the value.
        let verbatim =
            found && decoded.is_none() && self.text.as_bytes().get(offset..offset + len) == Some(written.as_bytes());
        if let Some(plain) = decoded {
            out.push(Field { key, value: plain, place: Place::Bytes { offset, len, verbatim: false } });
            return;
        }
        let is_header = path.last().is_some_and(|k| k.eq_ignore_ascii_case("authorization"));
        if is_header {
            let header = format!("Authorization: {written}");
            if let Some(auth) = authorization_token(&header) {
                let at = auth.at - "Authorization: ".len();
                let place = if verbatim && !auth.decoded {
                    Place::Bytes { offset: offset + at, len: auth.written_len, verbatim: true }
                } else {
                    Place::Bytes { offset, len, verbatim: false }
                };
                out.push(Field { key: format!("{key}.{}", auth.suffix), value: auth.value, place });
            }
        }
        out.push(Field { key, value: written.to_string(), place: Place::Bytes { offset, len, verbatim } });
    }

    /// Byte offset and length of `value` as written, searched from the cursor first. The
    /// bool says whether it was found; when not, the place falls back to the cursor.
    fn locate(&mut self, value: &str) -> (usize, usize, bool) {
        let needle = match self.syntax {
            Syntax::Json => serde_json::to_string(value).map(|s| s[1..s.len() - 1].to_string()).unwrap_or_default(),
            Syntax::Yaml | Syntax::Toml => value.lines().next().unwrap_or(value).to_string(),
        };
        let found = if needle.is_empty() { None } else { self.search(needle.as_bytes()) };
        match found {
            Some(at) => {
                self.cursor = at + needle.len();
                (at, needle.len(), true)
            }
            None => (self.cursor, 0, false),
        }
    }

    /// Where `needle` is written: after the cursor, else anywhere.
    fn search(&mut self, needle: &[u8]) -> Option<usize> {
        let cursor = self.cursor;
        self.find_charged(cursor, needle).or_else(|| self.find_charged(0, needle))
    }

    /// `needle` in the text from `start`, searching no more bytes than the budget has
    /// left and charging those searched. Once the budget is spent, values are no longer
    /// located (their place falls back to the cursor), so time stays linear in the text.
    fn find_charged(&mut self, start: usize, needle: &[u8]) -> Option<usize> {
        let haystack = &self.text.as_bytes()[start..];
        let window = &haystack[..haystack.len().min(self.search_budget)];
        let found = memchr::memmem::find(window, needle);
        self.search_budget -= found.map_or(window.len(), |i| i + needle.len());
        found.map(|i| start + i)
    }
}

fn is_kubernetes_secret(root: &Value) -> bool {
    root.get("kind").and_then(Value::as_str) == Some("Secret") && root.get("apiVersion").is_some()
}

/// Keys whose values are base64 by definition: Docker `auths.<registry>.auth`, and
/// kubeconfig `client-key-data` / `client-certificate-data` / `certificate-authority-data`.
fn is_base64_key(path: &[String], key: &str) -> bool {
    let docker_auth = key == "auth" && path.len() >= 3 && path[path.len() - 3] == "auths";
    docker_auth || key.ends_with("-data")
}

/// Decodes base64 text; Docker auth values keep only the password of `user:pass`.
fn decode_base64(path: &[String], written: &str) -> Option<String> {
    let bytes = base64::engine::general_purpose::STANDARD.decode(written.trim().as_bytes()).ok()?;
    let text = String::from_utf8(bytes).ok()?;
    if path.last().is_some_and(|k| k == "auth") {
        return text.split_once(':').map(|(_, password)| password.to_string());
    }
    Some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(fields: &[Field]) -> Vec<&str> {
        fields.iter().map(|f| f.key.as_str()).collect()
    }

    #[test]
    fn kubeconfig_users_are_named_and_key_data_decoded() {
        let text = "users:\n- name: prod-admin\n  user:\n    token: abc123\n    client-key-data: aGVsbG8=\n";
        let fields = yaml(text).unwrap();
        assert_eq!(keys(&fields), ["users.prod-admin.token", "users.prod-admin.client-key-data"]);
        assert_eq!(fields[1].value, "hello");
    }

    #[test]
    fn docker_auth_is_decoded_to_the_password() {
        let text = r#"{"auths":{"ghcr.io":{"auth":"dXNlcjpwYXNz"}}}"#;
        let fields = json(text).unwrap();
        assert_eq!(keys(&fields), ["auths.ghcr.io.auth"]);
        assert_eq!(fields[0].value, "pass");
        assert!(matches!(fields[0].place, Place::Bytes { verbatim: false, .. }));
    }

    #[test]
    fn kubernetes_secret_data_is_decoded() {
        let text = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ndata:\n  PASSWORD: aHVudGVyMg==\n";
        let fields = yaml(text).unwrap();
        assert_eq!(keys(&fields), ["secret/db.data.PASSWORD"]);
        assert_eq!(fields[0].value, "hunter2");
    }

    #[test]
    fn authorization_headers_yield_the_token() {
        let text = r#"{"headers":{"Authorization":"Bearer tok_123"}}"#;
        let fields = json(text).unwrap();
        assert_eq!(keys(&fields), ["headers.Authorization.authorization_token", "headers.Authorization"]);
        assert_eq!(fields[0].value, "tok_123");
        let Place::Bytes { offset, len, .. } = fields[0].place else { panic!() };
        assert_eq!(&text[offset..offset + len], "tok_123");
    }

    #[test]
    fn repeated_values_get_their_own_places() {
        let text = "[a]\ntoken = \"same\"\n[b]\ntoken = \"same\"\n";
        let fields = toml(text).unwrap();
        let offsets: Vec<usize> =
            fields.iter().map(|f| if let Place::Bytes { offset, .. } = f.place { offset } else { 0 }).collect();
        assert_ne!(offsets[0], offsets[1]);
    }

    #[test]
    fn json_with_comments_and_trailing_commas_parses() {
        let text = "// top\n{\n  \"a\": \"x//y\", /* c */\n  \"b\": [1,],\n}\n";
        let fields = json(text).unwrap();
        assert_eq!(keys(&fields), ["a"]);
        assert_eq!(fields[0].value, "x//y");
    }

    #[test]
    fn values_written_with_control_escapes_are_not_verbatim() {
        // `\b` and `\f` are written as two bytes each: mapping positions inside the
        // value one to one would point past it.
        for text in ["{\"k\":\"a\\bsecret\"}", "{\"k\":\"\\fab\"}", "{\"k\":\"x\\u0001y\"}"] {
            let fields = json(text).unwrap();
            let Place::Bytes { offset, len, verbatim } = fields[0].place else { panic!() };
            assert!(!verbatim, "{text}: marked verbatim at {offset}+{len}");
        }
        let fields = json("{\"k\":\"plain\"}").unwrap();
        assert!(matches!(fields[0].place, Place::Bytes { offset: 6, len: 5, verbatim: true }));
    }

    #[test]
    fn broken_documents_are_errors() {
        assert!(json("{\"a\":").is_err());
        assert!(yaml("a: [1, 2").is_err());
        assert!(toml("a = ").is_err());
    }
}
