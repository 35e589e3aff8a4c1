//! Generic secrets: is a value assigned to a secret-sounding name (`DB_PASSWORD=…`,
//! `"api_key": "…"`, `<password>…</password>`) a real credential, or a placeholder,
//! reference, path, URL, hash, identifier, version or prose?
//!
//! The answer is a scored model, not a single entropy cut-off. Values first pass hard
//! rejections (shapes that are never a literal secret: references, paths, URLs, lockfile
//! digests, versions, booleans, numbers, names). The rest get a linear score over
//! features of the value (entropy against what its length and alphabet allow, character
//! classes, class switches, English-likeness, length, UUID shape) and of its context
//! (how strongly the key name says "secret", what kind of file it is in). A value is a
//! likely secret when its score reaches [`THRESHOLD`]. README § "Generic secrets"
//! documents the weights.

/// Where a value was found: the key it was assigned to and the file it is in.
#[derive(Debug, Clone, Copy, Default)]
pub struct ValueContext<'a> {
    /// The assignment's key name, e.g. `DB_PASSWORD`, when the detector captured one.
    pub key: Option<&'a str>,
    /// The path of the file the value was read from, when known.
    pub path: Option<&'a str>,
}

/// Why a value can never be a literal secret.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rejection {
    /// Shorter than [`MIN_LEN`] or longer than [`MAX_LEN`] characters.
    Length,
    /// Whitespace, control characters or non-ASCII: prose or binary, not a token.
    NotToken,
    /// `${X}`, `$X`, `{{ x }}`, `process.env.X`, `os.environ[…]`, `ENV_VAR_NAME`.
    Reference,
    /// A file system path or file name.
    Path,
    /// A URL (credentials inside URLs are the URL detectors' job).
    Url,
    /// A lockfile or registry digest: `sha512-…`, `sha256:…`, `h1:…`.
    Digest,
    /// `1.2.3`, `v2.0.0-beta.1`.
    Version,
    /// `true`, `null`, `none`, `12345`, `3.14`.
    Literal,
    /// Contains a word that marks a template, test value or resource name.
    Placeholder,
    /// The key names something that is not a secret (`public_key`, `token_url`, `secret_name`).
    KeyNotSecret,
    /// Lockfiles and minified bundles: their values are generated, never typed secrets.
    GeneratedFile,
    /// A PEM block or SSH public key (left to the key detectors), or a `pk_`/`pk.`
    /// public key by the common vendor convention.
    KeyMaterial,
}

/// The model's verdict on one value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Assessment {
    Rejected(Rejection),
    Scored(f32),
}

/// Minimum length of a generic secret, in characters.
pub const MIN_LEN: usize = 8;
/// Maximum length of a generic secret, in characters.
pub const MAX_LEN: usize = 512;
/// Score at or above which a value is reported.
pub const THRESHOLD: f32 = 2.0;

/// Weights of the linear model; README § "Generic secrets" explains each.
pub mod weight {
    pub const BIAS: f32 = -2.0;
    pub const ENTROPY: f32 = 3.0;
    pub const CLASSES: f32 = 1.0;
    pub const SWITCHES: f32 = 1.5;
    pub const WORDINESS: f32 = -3.5;
    pub const LENGTH: f32 = 1.0;
    pub const KEY: f32 = 1.0;
    pub const FILE: f32 = 0.5;
    pub const UUID: f32 = -4.0;
    pub const HEX: f32 = -0.5;
}

/// Is `value`, found in `ctx`, likely a real secret?
pub fn likely_secret(value: &[u8], ctx: &ValueContext<'_>) -> bool {
    matches!(assess(value, ctx), Assessment::Scored(s) if s >= THRESHOLD)
}

/// Is `value`, assigned to a key that names a provider (see
/// [`crate::engine::vocabulary`]), likely a real secret? As [`likely_secret`], without
/// the UUID penalty: for a named provider a UUID is a common API key shape, not an
/// identifier (identifier keys such as `*_ID` are rejected by name), so one that passes
/// the hard rejections is a likely secret.
pub fn likely_provider_secret(value: &[u8], ctx: &ValueContext<'_>) -> bool {
    match assess(value, ctx) {
        Assessment::Rejected(_) => false,
        Assessment::Scored(score) => score >= THRESHOLD || std::str::from_utf8(value).is_ok_and(is_uuid),
    }
}

/// Hard rejections first, then the score.
pub fn assess(value: &[u8], ctx: &ValueContext<'_>) -> Assessment {
    let Ok(text) = std::str::from_utf8(value) else { return Assessment::Rejected(Rejection::NotToken) };
    let file = file_kind(ctx.path);
    let key = key_strength(ctx.key);
    if let Some(rejection) = reject(text, file, key) {
        return Assessment::Rejected(rejection);
    }
    Assessment::Scored(score(text, key, file))
}

/// A test on a value's text.
type ValueCheck = fn(&str) -> bool;

fn reject(text: &str, file: FileKind, key: KeyStrength) -> Option<Rejection> {
    let checks: [(ValueCheck, Rejection); 11] = [
        (|t| !(MIN_LEN..=MAX_LEN).contains(&t.len()) || (is_hex(t.as_bytes()) && t.len() < 16), Rejection::Length),
        (|t| !t.bytes().all(|b| b.is_ascii_graphic()), Rejection::NotToken),
        (is_reference, Rejection::Reference),
        (is_path, Rejection::Path),
        (|t| t.contains("://") || t.starts_with("data:"), Rejection::Url),
        (is_digest, Rejection::Digest),
        (is_version, Rejection::Version),
        (is_literal, Rejection::Literal),
        (has_placeholder_word, Rejection::Placeholder),
        (|t| t.starts_with("-----") || t.starts_with("ssh-") || t.starts_with("ecdsa-"), Rejection::KeyMaterial),
        (|t| ["pk_", "pk.", "pk-"].iter().any(|p| t.starts_with(p)), Rejection::KeyMaterial),
    ];
    if file == FileKind::Generated {
        return Some(Rejection::GeneratedFile);
    }
    if key == KeyStrength::NotSecret {
        return Some(Rejection::KeyNotSecret);
    }
    checks.iter().find(|(check, _)| check(text)).map(|(_, rejection)| *rejection)
}

/// The linear score of a value that passed the hard rejections.
pub fn score(text: &str, key: KeyStrength, file: FileKind) -> f32 {
    let bytes = text.as_bytes();
    weight::BIAS
        + weight::ENTROPY * entropy_ratio(bytes)
        + weight::CLASSES * class_variety(bytes)
        + weight::SWITCHES * class_switches(bytes)
        + weight::WORDINESS * wordiness(bytes)
        + weight::LENGTH * length_feature(bytes.len())
        + weight::KEY * key.value()
        + weight::FILE * file.value()
        + weight::UUID * f32::from(u8::from(is_uuid(text)))
        + weight::HEX * f32::from(u8::from(is_hex(bytes)))
}

/// Shannon entropy divided by the most a string of this length and alphabet can have:
/// near 1 for random tokens, lower for repetitive or word-like values.
pub fn entropy_ratio(bytes: &[u8]) -> f32 {
    if bytes.len() < 2 {
        return 0.0;
    }
    let alphabet = alphabet_size(bytes) as f32;
    let max = (bytes.len() as f32).log2().min(alphabet.log2());
    (entropy::shannon_entropy(bytes) / max).min(1.0)
}

/// 16 for hex strings, otherwise the sum of the sizes of the classes present.
fn alphabet_size(bytes: &[u8]) -> usize {
    if bytes.iter().all(|b| b.is_ascii_hexdigit() || *b == b'-') {
        return 16;
    }
    let sizes = [26, 26, 10, 32];
    let present = class_presence(bytes);
    sizes.iter().zip(present).filter(|(_, p)| *p).map(|(s, _)| s).sum()
}

/// The character class of a byte: lower, upper, digit, symbol.
fn class_of(b: u8) -> usize {
    match b {
        b'a'..=b'z' => 0,
        b'A'..=b'Z' => 1,
        b'0'..=b'9' => 2,
        _ => 3,
    }
}

fn class_presence(bytes: &[u8]) -> [bool; 4] {
    let mut present = [false; 4];
    for &b in bytes {
        present[class_of(b)] = true;
    }
    present
}

/// How many of the four classes (lower, upper, digit, symbol) occur, scaled to 0..=1.
pub fn class_variety(bytes: &[u8]) -> f32 {
    let count = class_presence(bytes).iter().filter(|p| **p).count();
    count.saturating_sub(1) as f32 / 3.0
}

/// Share of adjacent pairs whose character class changes, not counting the upper-to-lower
/// step inside a capitalised word: about 0.5 for random base62, under 0.2 for
/// identifiers and words.
pub fn class_switches(bytes: &[u8]) -> f32 {
    if bytes.len() < 2 {
        return 0.0;
    }
    let switches = bytes.windows(2).filter(|w| is_switch(w[0], w[1])).count();
    switches as f32 / (bytes.len() - 1) as f32
}

fn is_switch(a: u8, b: u8) -> bool {
    class_of(a) != class_of(b) && !(a.is_ascii_uppercase() && b.is_ascii_lowercase())
}

/// The most frequent letter pairs of English and of identifiers built from English words.
const COMMON_BIGRAMS: &[&[u8; 2]] = &[
    b"th", b"he", b"in", b"er", b"an", b"re", b"on", b"at", b"en", b"nd", b"ti", b"es", b"or", b"te", b"of", b"ed",
    b"is", b"it", b"al", b"ar", b"st", b"to", b"nt", b"ng", b"se", b"ha", b"as", b"ou", b"io", b"le", b"ve", b"co",
    b"me", b"de", b"hi", b"ri", b"ro", b"ic", b"ne", b"ea", b"ra", b"ce", b"li", b"ch", b"ll", b"be", b"ma", b"si",
    b"om", b"ur", b"ca", b"el", b"ta", b"la", b"ns", b"di", b"fo", b"ho", b"pe", b"ec", b"pr", b"no", b"ct", b"us",
    b"ac", b"ot", b"il", b"tr", b"ly", b"nc", b"et", b"ut", b"ss", b"so", b"rs", b"un", b"lo", b"wa", b"ge", b"ie",
    b"wh", b"ee", b"wi", b"em", b"ad", b"ol", b"rt", b"po", b"we", b"na", b"ul", b"ni", b"ts", b"mo", b"ow", b"pa",
    b"im", b"mi", b"ai", b"sh", b"ir", b"su", b"id", b"os", b"iv", b"ia", b"am", b"fi", b"ci", b"vi", b"pl", b"ig",
    b"wo", b"rd", b"ke", b"ey", b"ck", b"up", b"ue", b"ag", b"ap", b"ev", b"ex", b"ty", b"ry", b"ld", b"lt", b"ov",
    b"fr", b"mp", b"da", b"ga", b"ff", b"ds", b"ba", b"bo", b"bu", b"do", b"ge", b"gr", b"qu", b"va", b"ab", b"ok",
];

/// Share of letter pairs (within words: runs of letters split at camelCase humps,
/// case-folded) that are common English bigrams: about 0.2 for random letters, 0.6 and
/// more for words and identifiers.
pub fn wordiness(bytes: &[u8]) -> f32 {
    if is_hex(bytes) {
        return 0.0;
    }
    let mut pairs = 0u32;
    let mut common = 0u32;
    for w in bytes.windows(2) {
        let in_word = w[0].is_ascii_alphabetic() && w[1].is_ascii_alphabetic();
        if !in_word || (w[0].is_ascii_lowercase() && w[1].is_ascii_uppercase()) {
            continue;
        }
        pairs += 1;
        let pair = [w[0].to_ascii_lowercase(), w[1].to_ascii_lowercase()];
        if COMMON_BIGRAMS.iter().any(|b| **b == pair) {
            common += 1;
        }
    }
    if pairs == 0 {
        return 0.0;
    }
    common as f32 / pairs as f32
}

/// 0 at [`MIN_LEN`] characters, rising to 1 at 20 and more.
pub fn length_feature(len: usize) -> f32 {
    (len.saturating_sub(MIN_LEN) as f32 / 12.0).min(1.0)
}

/// Only hex digits: as often a digest or test vector as a key.
pub fn is_hex(bytes: &[u8]) -> bool {
    bytes.iter().all(u8::is_ascii_hexdigit)
}

/// `8-4-4-4-12` hex digits: usually an identifier, not a secret.
pub fn is_uuid(text: &str) -> bool {
    let groups: Vec<&str> = text.split('-').collect();
    groups.len() == 5
        && groups.iter().zip([8, 4, 4, 4, 12]).all(|(g, n)| g.len() == n && g.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// `${X}`, `$X`, `{{ x }}`, `#{x}`, `%(x)s`, `process.env.X`, `os.environ`, and values
/// that are themselves the name of an environment variable (`DB_PASSWORD`).
pub fn is_reference(text: &str) -> bool {
    const MARKERS: &[&str] = &[
        "${",
        "{{",
        "}}",
        "#{",
        "%(",
        "process.env",
        "import.meta.env",
        "os.environ",
        "os.getenv",
        "getenv",
        "env(",
        "env.",
        "ENV[",
        "secrets.",
        "vars.",
        "!Ref",
        "ref+",
        "vault:",
        "secretsmanager:",
        "ssm:",
        "op://",
        "keyring:",
    ];
    text.starts_with('$')
        || (text.starts_with('%') && text.ends_with('%'))
        || MARKERS.iter().any(|m| text.contains(m))
        || is_env_var_name(text)
}

/// `SOME_ENV_NAME`: upper-case words joined by underscores.
fn is_env_var_name(text: &str) -> bool {
    text.contains('_')
        && text.split('_').all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit()))
        && text.split('_').filter(|w| w.bytes().all(|b| b.is_ascii_uppercase())).count() >= 2
}

/// Absolute, relative or home paths, Windows paths, and bare file names with a known
/// extension.
pub fn is_path(text: &str) -> bool {
    const EXTENSIONS: &[&str] = &[
        ".pem",
        ".key",
        ".json",
        ".txt",
        ".crt",
        ".cer",
        ".p12",
        ".pfx",
        ".jks",
        ".yaml",
        ".yml",
        ".env",
        ".cfg",
        ".conf",
        ".ini",
        ".properties",
        ".der",
        ".gpg",
        ".asc",
        ".pub",
        ".toml",
        ".xml",
        ".keystore",
        ".secret",
    ];
    let bytes = text.as_bytes();
    text.starts_with('/')
        || text.starts_with("./")
        || text.starts_with("../")
        || text.starts_with("~/")
        || text.starts_with("\\\\")
        || (bytes.len() > 2 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':' && matches!(bytes[2], b'\\' | b'/'))
        || EXTENSIONS.iter().any(|ext| text.to_ascii_lowercase().ends_with(ext))
}

/// Subresource-integrity and lockfile digests, container digests, Go module sums.
pub fn is_digest(text: &str) -> bool {
    const PREFIXES: &[&str] = &["sha1-", "sha256-", "sha384-", "sha512-", "md5-", "sha256:", "sha512:", "sha1:", "h1:"];
    let lower = text.to_ascii_lowercase();
    PREFIXES.iter().any(|p| lower.starts_with(p))
}

/// `1.2.3`, `v10.4`, `2.0.0-rc.1+build.5`.
pub fn is_version(text: &str) -> bool {
    let core = text.strip_prefix(['v', 'V']).unwrap_or(text);
    let core = core.split(['-', '+']).next().unwrap_or(core);
    core.contains('.') && core.split('.').all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()))
}

/// Booleans, nulls, numbers and numeric literals of source code (`-1073741717i32`,
/// `0xC000006B_u32`, `42UL`), and path segments (`::Variant`).
pub fn is_literal(text: &str) -> bool {
    const WORDS: &[&str] = &["true", "false", "yes", "no", "on", "off", "null", "nil", "none", "undefined", "disabled"];
    let lower = text.to_ascii_lowercase();
    WORDS.contains(&lower.as_str())
        || text.parse::<f64>().is_ok()
        || is_numeric_literal(&lower)
        || text.starts_with(':')
}

/// An integer literal with an optional sign, `0x`/`0o`/`0b` base, `_` separators and a
/// type suffix (Rust `i32`/`u64`/`usize`, C `u`/`l`/`ul`/`ll`).
fn is_numeric_literal(lower: &str) -> bool {
    const SUFFIXES: &[&str] = &[
        "i8", "i16", "i32", "i64", "i128", "isize", "u8", "u16", "u32", "u64", "u128", "usize", "f32", "f64", "ull",
        "ul", "ll", "u", "l",
    ];
    let unsigned = lower.strip_prefix('-').unwrap_or(lower);
    let (digits, hex) = match unsigned.strip_prefix("0x") {
        Some(rest) => (rest, true),
        None => (unsigned.strip_prefix("0o").or_else(|| unsigned.strip_prefix("0b")).unwrap_or(unsigned), false),
    };
    let body = SUFFIXES.iter().find_map(|s| digits.strip_suffix(s)).unwrap_or(digits);
    let body = body.trim_end_matches('_');
    let is_digit = |b: u8| if hex { b.is_ascii_hexdigit() } else { b.is_ascii_digit() };
    !body.is_empty() && body.bytes().all(|b| is_digit(b) || b == b'_') && body.bytes().any(is_digit)
}

/// Words that mark a template, a test value, or the name of a secret rather than the
/// secret itself (`db-password`, `github-token`, `my_secret_name`).
pub fn has_placeholder_word(text: &str) -> bool {
    const WORDS: &[&str] = &[
        "dummy",
        "fake",
        "mock",
        "foobar",
        "lorem",
        "notreal",
        "not_real",
        "not-real",
        "not-a-",
        "test_",
        "_test",
        "-test",
        "test-",
        "testing",
        "secret",
        "password",
        "passwd",
        "token",
        "apikey",
        "api_key",
        "api-key",
        "example",
        "xxxx",
        "****",
        "....",
        "default",
        "optional",
        "required",
        "your",
        "my_",
        "my-",
        "demo",
        "invalid",
        "unused",
        "change",
        "dev-only",
        "localhost",
        "<",
        ">",
        "some-",
        "some_",
        "generate",
        "random",
    ];
    let lower = text.to_ascii_lowercase();
    WORDS.iter().any(|w| lower.contains(w))
}

/// How strongly a key name says its value is a secret.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyStrength {
    /// `password`, `secret`, `api_key`, `private_key`, `client_secret`, `auth_token`, …
    Strong,
    /// `token`, `*_key`, `auth`, `session`: secrets often, other things sometimes.
    Medium,
    /// No key captured.
    Unknown,
    /// The key names something about a secret, not the secret (`public_key`,
    /// `token_url`, `secret_name`, `password_file`, `api_key_id`), or has no secret
    /// word of its own (`compass`, `secretive`).
    NotSecret,
}

impl KeyStrength {
    /// The key feature's value.
    pub fn value(self) -> f32 {
        match self {
            KeyStrength::Strong => 1.0,
            KeyStrength::Medium => 0.5,
            KeyStrength::Unknown | KeyStrength::NotSecret => 0.0,
        }
    }
}

/// Splits a key into lower-case words: `dbPassword` → `db`, `password`;
/// `spring.datasource.password` → `spring`, `datasource`, `password`.
pub fn key_words(key: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut current = String::new();
    let mut previous_lower = false;
    for c in key.chars() {
        if !c.is_ascii_alphanumeric() {
            previous_lower = false;
            push_word(&mut words, &mut current);
            continue;
        }
        if c.is_ascii_uppercase() && previous_lower {
            push_word(&mut words, &mut current);
        }
        previous_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
        current.push(c.to_ascii_lowercase());
    }
    push_word(&mut words, &mut current);
    words
}

fn push_word(words: &mut Vec<String>, current: &mut String) {
    if !current.is_empty() {
        words.push(std::mem::take(current));
    }
}

/// Rates a key name; see [`KeyStrength`].
pub fn key_strength(key: Option<&str>) -> KeyStrength {
    const NOT_SECRET: &[&str] = &[
        "public",
        "publishable",
        "pub",
        "id",
        "ids",
        "name",
        "names",
        "file",
        "filename",
        "path",
        "dir",
        "url",
        "uri",
        "endpoint",
        "host",
        "type",
        "field",
        "label",
        "length",
        "len",
        "size",
        "format",
        "header",
        "hash",
        "digest",
        "checksum",
        "expiry",
        "expires",
        "expiration",
        "ttl",
        "timeout",
        "count",
        "version",
        "policy",
        "provider",
        "mode",
        "method",
        "enabled",
        "enable",
        "required",
        "prompt",
        "placeholder",
        "hint",
        "regex",
        "pattern",
        "min",
        "max",
        "ref",
        "arn",
        "kind",
        "description",
        "message",
        "error",
        "input",
        "column",
        "prefix",
        "suffix",
        "location",
        "store",
        "manager",
        "helper",
        "cmd",
        "command",
        "env",
        "var",
        "fingerprint",
        "algorithm",
        "alg",
        "usage",
        "limit",
        "rotation",
        "template",
        "encoding",
        "schema",
        "strategy",
        "callback",
        "handler",
        "source",
        "reset",
        "forgot",
        "confirm",
        "confirmation",
        "validation",
        "tokenizer",
        "tokens",
        "uuid",
        "keyid",
        "hashed",
        "sha",
        "sha1",
        "sha256",
        "sha512",
        "md5",
        "bcrypt",
        "commit",
        "rev",
        "revision",
        "etag",
        "nonce",
        "iv",
        "vector",
        "sample",
        "dummy",
        "fake",
        "mock",
        "index",
        "mount",
        "volume",
        "ssm",
        "param",
        "parameter",
    ];
    const STRONG: &[&str] = &[
        "password",
        "passwd",
        "pwd",
        "passphrase",
        "pass",
        "secret",
        "secrets",
        "apikey",
        "privatekey",
        "secretkey",
        "accesskey",
        "clientsecret",
        "authtoken",
        "credential",
        "credentials",
        "pat",
        "pw",
    ];
    const STRONG_PAIRS: &[(&str, &str)] = &[
        ("api", "key"),
        ("private", "key"),
        ("access", "key"),
        ("secret", "key"),
        ("auth", "token"),
        ("access", "token"),
        ("refresh", "token"),
        ("signing", "key"),
        ("encryption", "key"),
        ("master", "key"),
    ];
    const MEDIUM: &[&str] =
        &["token", "key", "auth", "authorization", "session", "bearer", "cookie", "apitoken", "accesstoken"];
    // Client-side or non-secret uses, unless a strong word says otherwise
    // (`LAUNCHDARKLY_MOBILE_KEY` is public, `CACHE_AUTH_TOKEN` is not).
    const CLIENT_SIDE: &[&str] = &["cache", "mobile", "storefront", "delivery", "site", "anon", "browser", "frontend"];
    // Keys that name the public half of a pair: the secret is the `*_SECRET` beside it.
    const PUBLIC_HALF: &[(&str, &str)] =
        &[("client", "key"), ("app", "key"), ("application", "key"), ("write", "key"), ("publishable", "key")];
    let Some(key) = key else { return KeyStrength::Unknown };
    let words = key_words(key);
    let has = |w: &str| words.iter().any(|x| x == w);
    if NOT_SECRET.iter().any(|w| has(w)) {
        KeyStrength::NotSecret
    } else if STRONG.iter().any(|w| has(w)) || words.windows(2).any(|p| STRONG_PAIRS.contains(&(&p[0], &p[1]))) {
        KeyStrength::Strong
    } else if CLIENT_SIDE.iter().any(|w| has(w)) || words.windows(2).any(|p| PUBLIC_HALF.contains(&(&p[0], &p[1]))) {
        KeyStrength::NotSecret
    } else if MEDIUM.iter().any(|w| has(w)) {
        KeyStrength::Medium
    } else {
        // A key that only contains a secret word inside another word: `compass`, `secretive`.
        KeyStrength::NotSecret
    }
}

/// What kind of file a value sits in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// `.env`, `.envrc`, `.npmrc`, `.netrc`, `credentials`: files that exist to hold secrets.
    SecretStore,
    /// YAML, JSON, TOML, INI, properties, XML, HCL, shell profiles.
    Config,
    /// Unknown file or no path.
    Unknown,
    /// Source code.
    Source,
    /// Markdown, text, HTML: examples more than secrets.
    Documentation,
    /// Tests and test data (`tests/`, `testdata/`, `*_test.go`, `test_*.py`): vectors
    /// and fixtures more than secrets.
    Test,
    /// Lockfiles, minified bundles, source maps: generated, never typed secrets.
    Generated,
}

impl FileKind {
    /// The file feature's value.
    pub fn value(self) -> f32 {
        match self {
            FileKind::SecretStore => 1.0,
            FileKind::Config => 0.5,
            FileKind::Unknown | FileKind::Generated => 0.0,
            FileKind::Source => -0.5,
            FileKind::Documentation => -2.0,
            FileKind::Test => -3.0,
        }
    }
}

/// Classifies a path by its name and extension.
pub fn file_kind(path: Option<&str>) -> FileKind {
    const GENERATED: &[&str] = &[
        "package-lock.json",
        "npm-shrinkwrap.json",
        "yarn.lock",
        "pnpm-lock.yaml",
        "cargo.lock",
        "poetry.lock",
        "pipfile.lock",
        "gemfile.lock",
        "composer.lock",
        "go.sum",
        "packages.lock.json",
        "flake.lock",
        "uv.lock",
        "bun.lock",
    ];
    const SECRET_STORES: &[&str] = &[".envrc", ".npmrc", ".netrc", ".pypirc", "credentials", ".dev.vars", ".flaskenv"];
    let Some(path) = path else { return FileKind::Unknown };
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path).to_ascii_lowercase();
    let ext = name.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
    if GENERATED.contains(&name.as_str()) || name.ends_with(".min.js") || name.ends_with(".map") {
        FileKind::Generated
    } else if SECRET_STORES.contains(&name.as_str()) || name == ".env" || name.starts_with(".env.") || ext == "env" {
        FileKind::SecretStore
    } else if is_test_path(path, &name) {
        FileKind::Test
    } else {
        kind_by_extension(ext)
    }
}

/// Test directories and test file naming conventions of common languages.
fn is_test_path(path: &str, name: &str) -> bool {
    const DIRS: &[&str] = &["test", "tests", "testdata", "__tests__", "spec", "specs", "testing"];
    let stem = name.split('.').next().unwrap_or(name);
    path.split(['/', '\\']).any(|part| DIRS.contains(&part.to_ascii_lowercase().as_str()))
        || stem.starts_with("test_")
        || stem.ends_with("_test")
        || stem.ends_with("_spec")
        || name.contains(".test.")
        || name.contains(".spec.")
}

fn kind_by_extension(ext: &str) -> FileKind {
    match ext {
        "yml" | "yaml" | "json" | "toml" | "ini" | "cfg" | "conf" | "properties" | "xml" | "config" | "tf"
        | "tfvars" | "hcl" | "sh" | "bash" | "zsh" | "tfstate" => FileKind::Config,
        "md" | "markdown" | "rst" | "txt" | "adoc" | "html" | "htm" => FileKind::Documentation,
        "" => FileKind::Unknown,
        _ => FileKind::Source,
    }
}

#[cfg(test)]
mod literal_tests {
    use super::is_literal;

    #[test]
    fn source_code_numbers_and_paths_are_literals() {
        for text in ["-1073741717i32", "0xC000006B_u32", "2147483648u32", "42UL", "1_000_000", "::Aes128Gcm"] {
            assert!(is_literal(text), "{text}");
        }
        for text in ["3KA3R2D9fV", "0xZZ12ab", "a1b2c3d4e5f6u32x"] {
            assert!(!is_literal(text), "{text}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const RANDOM_62: &str = "q7Wm2ZkR9vXb4TnL8pHs3Jd";

    fn ctx<'a>(key: &'a str, path: &'a str) -> ValueContext<'a> {
        ValueContext { key: Some(key), path: Some(path) }
    }

    #[test]
    fn entropy_ratio_separates_random_from_repetitive() {
        assert!(entropy_ratio(RANDOM_62.as_bytes()) > 0.9);
        assert!(entropy_ratio(b"abababababababab") < 0.3);
        assert!(entropy_ratio(b"3f9c2a7e1b8d4f60a5c9e2b7d1f3a8c4") > 0.85, "hex is judged against 16 symbols");
    }

    #[test]
    fn class_variety_counts_classes() {
        assert_eq!(class_variety(b"abcdefgh"), 0.0);
        assert_eq!(class_variety(b"abcDEF12"), 2.0 / 3.0);
        assert_eq!(class_variety(b"aB3!"), 1.0);
    }

    #[test]
    fn class_switches_are_high_for_random_and_low_for_identifiers() {
        assert!(class_switches(RANDOM_62.as_bytes()) > 0.5);
        assert!(class_switches(b"getPasswordFromVault") < 0.2);
    }

    #[test]
    fn wordiness_is_high_for_words_and_low_for_random() {
        assert!(wordiness(b"correcthorsebatterystaple") > 0.5);
        assert!(wordiness(RANDOM_62.as_bytes()) < 0.25);
        assert_eq!(wordiness(b"12345678"), 0.0);
        assert_eq!(wordiness(b"deadbeefcafe0123"), 0.0, "hex is never prose");
    }

    #[test]
    fn length_feature_ramps_from_min_to_twenty() {
        assert_eq!(length_feature(MIN_LEN), 0.0);
        assert!((length_feature(14) - 0.5).abs() < 1e-6);
        assert_eq!(length_feature(64), 1.0);
    }

    #[test]
    fn hex_is_recognised() {
        assert!(is_hex(b"deadbeef0123") && !is_hex(RANDOM_62.as_bytes()));
    }

    #[test]
    fn uuid_shape_is_recognised() {
        assert!(is_uuid("3f2b8c1e-9d4a-4b7e-8f21-6c5d9e0a1b2c"));
        assert!(!is_uuid("3f2b8c1e9d4a4b7e8f216c5d9e0a1b2c"));
    }

    #[test]
    fn references_are_recognised() {
        for value in [
            "${DB_PASSWORD}",
            "$TOKEN",
            "{{ .Values.token }}",
            "process.env.API_KEY",
            "os.environ.get",
            "DB_PASSWORD",
            "%API_KEY%",
            "op://vault/item/field",
        ] {
            assert!(is_reference(value), "{value}");
        }
        assert!(!is_reference(RANDOM_62));
    }

    #[test]
    fn paths_urls_digests_versions_literals() {
        assert!(is_path("/etc/ssl/private/server.key") && is_path("./secrets/db.txt") && is_path("C:\\keys\\a.pfx"));
        assert!(is_path("service-account.json") && !is_path(RANDOM_62));
        assert!(is_digest("sha512-Zm9vYmFyYmF6cXV4") && is_digest("sha256:9f86d081884c7d65") && !is_digest(RANDOM_62));
        assert!(is_version("1.2.3") && is_version("v10.4.0-rc.1") && !is_version("1a.2"));
        assert!(is_literal("true") && is_literal("12345678") && is_literal("3.14159265") && !is_literal(RANDOM_62));
    }

    #[test]
    fn placeholder_words_are_recognised() {
        for value in ["my-db-password", "your_token_here", "dummy-value-123", "github-token"] {
            assert!(has_placeholder_word(value), "{value}");
        }
        assert!(!has_placeholder_word(RANDOM_62));
    }

    #[test]
    fn key_words_split_every_style() {
        assert_eq!(key_words("dbPassword"), ["db", "password"]);
        assert_eq!(key_words("spring.datasource.password"), ["spring", "datasource", "password"]);
        assert_eq!(key_words("STRIPE_API_KEY"), ["stripe", "api", "key"]);
    }

    #[test]
    fn key_strength_grades_names() {
        assert_eq!(key_strength(Some("DB_PASSWORD")), KeyStrength::Strong);
        assert_eq!(key_strength(Some("clientSecret")), KeyStrength::Strong);
        assert_eq!(key_strength(Some("OPENAI_API_KEY")), KeyStrength::Strong);
        assert_eq!(key_strength(Some("SLACK_TOKEN")), KeyStrength::Medium);
        assert_eq!(key_strength(Some("public_key")), KeyStrength::NotSecret);
        assert_eq!(key_strength(Some("token_url")), KeyStrength::NotSecret);
        assert_eq!(key_strength(Some("secret_name")), KeyStrength::NotSecret);
        assert_eq!(key_strength(Some("compass_heading")), KeyStrength::NotSecret);
        assert_eq!(key_strength(Some("LAUNCHDARKLY_MOBILE_KEY")), KeyStrength::NotSecret);
        assert_eq!(key_strength(Some("CACHE_AUTH_TOKEN")), KeyStrength::Strong);
        assert_eq!(key_strength(None), KeyStrength::Unknown);
    }

    #[test]
    fn file_kinds_follow_names_and_extensions() {
        assert_eq!(file_kind(Some("app/.env.production")), FileKind::SecretStore);
        assert_eq!(file_kind(Some("deploy/values.yaml")), FileKind::Config);
        assert_eq!(file_kind(Some("src/client.py")), FileKind::Source);
        assert_eq!(file_kind(Some("docs/setup.md")), FileKind::Documentation);
        assert_eq!(file_kind(Some("pkg/auth/auth_test.go")), FileKind::Test);
        assert_eq!(file_kind(Some("tests/test_crypto.py")), FileKind::Test);
        assert_eq!(file_kind(Some("src/__tests__/login.test.js")), FileKind::Test);
        assert_eq!(file_kind(Some("web/package-lock.json")), FileKind::Generated);
        assert_eq!(file_kind(Some("dist/app.min.js")), FileKind::Generated);
        assert_eq!(file_kind(None), FileKind::Unknown);
    }

    #[test]
    fn random_value_under_secret_key_is_likely_secret() {
        assert!(likely_secret(RANDOM_62.as_bytes(), &ctx("DB_PASSWORD", ".env")));
        assert!(likely_secret(b"3f9c2a7e1b8d4f60a5c9e2b7d1f3a8c4", &ctx("SECRET_KEY", "settings.py")));
    }

    #[test]
    fn look_alikes_are_not() {
        let env = |key| ValueContext { key: Some(key), path: Some(".env") };
        assert!(!likely_secret(b"getPasswordFromVault", &env("password")));
        assert!(!likely_secret(b"3f2b8c1e-9d4a-4b7e-8f21-6c5d9e0a1b2c", &env("api_token")));
        assert!(!likely_secret(RANDOM_62.as_bytes(), &env("public_key")));
        assert!(!likely_secret(RANDOM_62.as_bytes(), &ctx("password", "yarn.lock")));
        assert_eq!(assess(b"${DB_PASSWORD}", &env("password")), Assessment::Rejected(Rejection::Reference));
        assert_eq!(assess(b"379b4767", &env("api_key")), Assessment::Rejected(Rejection::Length));
        assert_eq!(assess(b"pk.Q8v2Lr5Tz1Xw9Kp3", &env("token")), Assessment::Rejected(Rejection::KeyMaterial));
    }

    #[test]
    fn documentation_context_lowers_the_score() {
        let in_env = assess(RANDOM_62.as_bytes(), &ctx("token", ".env"));
        let in_docs = assess(RANDOM_62.as_bytes(), &ctx("token", "README.md"));
        match (in_env, in_docs) {
            (Assessment::Scored(a), Assessment::Scored(b)) => assert!(a > b),
            other => panic!("both should be scored: {other:?}"),
        }
    }
}
