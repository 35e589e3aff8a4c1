//! Decoding: finds secrets hidden inside base64 (Kubernetes Secret `data:` values,
//! Docker `auths`, `Authorization: Basic`), percent-encoding and JSON/YAML string
//! escapes (`\u002F`, `\/`), to a bounded depth and size.
//!
//! Only candidate regions are decoded, so a plain source tree costs one byte-table pass:
//! base64 runs of at least [`MIN_BASE64_RUN`] characters whose first bytes decode to
//! text, and the lines around `%XX` or `\u`/`\/`/`\x` escapes. The detectors then run
//! on the decoded text; a match found there is reported at the location of the encoded
//! text it came from.

use crate::engine::detect::{DetectorSet, Match};
use crate::engine::validate::decode_base64;

/// How many decoding layers deep to look (base64 inside base64 counts two).
pub const MAX_DEPTH: usize = 2;
/// Longest encoded region decoded, in bytes.
pub const MAX_REGION: usize = 64 * 1024;
/// Most bytes decoded per buffer: bounds the work on files full of base64.
pub const MAX_DECODED_PER_BUFFER: usize = 1024 * 1024;
/// Shortest base64 run worth decoding.
pub const MIN_BASE64_RUN: usize = 16;
/// Bytes of an escaped line kept on either side of the first escape.
const LINE_CONTEXT: usize = 2048;
/// Base64 characters decoded first to decide whether a run holds text.
const PROBE_CHARS: usize = 64;

/// The encodings undone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Base64,
    Percent,
    Escapes,
}

impl Encoding {
    /// Plain-words name used in finding reasons.
    pub fn as_str(self) -> &'static str {
        match self {
            Encoding::Base64 => "base64",
            Encoding::Percent => "percent-encoded",
            Encoding::Escapes => "string-escaped",
        }
    }
}

/// A match found in decoded text. `matched.start..matched.end` is the span of the
/// encoded text in the original buffer; `secret` is the decoded value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodedMatch {
    pub matched: Match,
    pub secret: String,
    /// The outermost encoding undone.
    pub encoding: Encoding,
}

/// A region of text to decode: its span and how it is encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Region {
    start: usize,
    end: usize,
    encoding: Encoding,
}

/// Decoded text plus, for each decoded byte, the offset of the byte it came from
/// (empty when the encoding does not map byte for byte, as with base64).
struct Decoded {
    text: Vec<u8>,
    origin: Vec<usize>,
}

/// Finds secrets inside the encoded regions of `buf`, read from `path`.
pub fn find_decoded(set: &DetectorSet, buf: &[u8], path: Option<&str>) -> Vec<DecodedMatch> {
    let mut budget = MAX_DECODED_PER_BUFFER;
    let mut found = Vec::new();
    for region in candidate_regions(buf, path) {
        let Some(decoded) = decode_region(buf, region, &mut budget) else { continue };
        collect(set, &decoded, region, path, 1, &mut budget, &mut found);
    }
    found.sort_by_key(|d| (d.matched.start, d.matched.end, d.matched.detector));
    found.dedup_by(|a, b| a.matched == b.matched && a.secret == b.secret);
    found
}

/// Runs the detectors on one decoded region, then looks one layer deeper.
fn collect(
    set: &DetectorSet,
    decoded: &Decoded,
    outer: Region,
    path: Option<&str>,
    depth: usize,
    budget: &mut usize,
    found: &mut Vec<DecodedMatch>,
) {
    for m in set.find_in(&decoded.text, path) {
        let secret = String::from_utf8_lossy(&decoded.text[m.start..m.end]).into_owned();
        let (start, end) = original_span(decoded, outer, m.start, m.end);
        let matched = Match { start, end, ..m };
        found.push(DecodedMatch { matched, secret, encoding: outer.encoding });
    }
    if depth >= MAX_DEPTH {
        return;
    }
    for inner in candidate_regions(&decoded.text, None) {
        if let Some(deeper) = decode_region(&decoded.text, inner, budget) {
            let whole = Decoded { text: deeper.text, origin: Vec::new() };
            collect(set, &whole, outer, path, depth + 1, budget, found);
        }
    }
}

/// Where a span of decoded text came from: exact for escapes and percent-encoding, the
/// whole encoded region for base64.
fn original_span(decoded: &Decoded, outer: Region, start: usize, end: usize) -> (usize, usize) {
    match (decoded.origin.get(start), end.checked_sub(1).and_then(|e| decoded.origin.get(e))) {
        (Some(&s), Some(&e)) => (s, e + 1),
        _ => (outer.start, outer.end),
    }
}

/// Every region of `buf` (read from `path`) worth decoding, in order.
fn candidate_regions(buf: &[u8], path: Option<&str>) -> Vec<Region> {
    let mut regions = base64_runs(buf);
    regions.extend(escaped_lines(buf, b'%', Encoding::Percent, is_percent_escape));
    let notebook = path.is_some_and(|p| p.to_ascii_lowercase().ends_with(".ipynb"));
    let is_escape = if notebook { is_notebook_escape } else { is_string_escape };
    regions.extend(escaped_lines(buf, b'\\', Encoding::Escapes, is_escape));
    regions
}

/// What a byte is in the base64 alphabet (standard and URL-safe, see [`in_alphabet`]):
/// the classes a run mixes decide whether it looks encoded. Zero for bytes outside it.
const BASE64_CLASS: [u8; 256] = {
    let mut table = [0; 256];
    let mut byte = 0;
    while byte < 256 {
        let b = byte as u8;
        table[byte] = if b.is_ascii_uppercase() {
            UPPER
        } else if b.is_ascii_lowercase() {
            LOWER
        } else if b.is_ascii_digit() {
            DIGIT
        } else if in_alphabet(b) {
            SYMBOL
        } else {
            0
        };
        byte += 1;
    }
    table
};
const UPPER: u8 = 1;
const LOWER: u8 = 2;
const DIGIT: u8 = 4;
const SYMBOL: u8 = 8;

/// Bytes classified at a time by [`base64_runs`], one bit each.
const BLOCK: usize = 64;
const _: () = assert!(MIN_BASE64_RUN == 16, "long_run_at finds runs of 16 bytes or more");

/// Runs of base64 characters (plus padding) long enough to hold a secret and mixing
/// upper case, lower case and digits, as encoded data does and identifiers rarely do.
fn base64_runs(buf: &[u8]) -> Vec<Region> {
    let mut regions = Vec::new();
    // Bytes are classified a block at a time into a bit mask, without a branch per
    // byte, and only blocks holding a long enough run are looked at byte by byte.
    let mut pos = 0;
    // Alphabet bytes just before `pos`.
    let mut run_before = 0;
    while pos < buf.len() {
        let block = &buf[pos..buf.len().min(pos + BLOCK)];
        let mask = alphabet_mask(block);
        let Some(inside) = long_run_at(mask, run_before) else {
            // Fewer than MIN_BASE64_RUN, or the block would have held a long run.
            run_before = if block.len() == BLOCK { (!mask).leading_zeros() as usize } else { 0 };
            pos += block.len();
            continue;
        };
        let run = expand_run(buf, pos + inside);
        let mut end = run.end;
        while end < buf.len() && end - run.end < 2 && buf[end] == b'=' {
            end += 1;
        }
        if end - run.start <= MAX_REGION && looks_encoded(run.len(), run.classes) {
            regions.push(Region { start: run.start, end, encoding: Encoding::Base64 });
        }
        // The byte before `end` ends the run, so no run carries over.
        pos = end;
        run_before = 0;
    }
    regions
}

/// One bit per byte of `block` (at most [`BLOCK`] bytes), set for bytes of the alphabet.
/// A fixed length and a test without table lookups let the compiler classify the bytes
/// with vector compares, one 0/1 byte each; a multiplication then packs each eight of
/// those into the eight bits of a byte. A short last block is padded with zero bytes,
/// which are outside the alphabet.
fn alphabet_mask(block: &[u8]) -> u64 {
    const PACK_BITS: u64 = 0x0102_0408_1020_4080;
    let mut padded = [0u8; BLOCK];
    let full: &[u8; BLOCK] = match block.try_into() {
        Ok(full) => full,
        Err(_) => {
            padded[..block.len()].copy_from_slice(block);
            &padded
        }
    };
    let flags: [u8; BLOCK] = std::array::from_fn(|k| u8::from(in_alphabet(full[k])));
    let (words, _) = flags.as_chunks::<8>();
    words
        .iter()
        .enumerate()
        .fold(0, |mask, (i, word)| mask | (u64::from_le_bytes(*word).wrapping_mul(PACK_BITS) >> 56) << (8 * i))
}

/// Whether `b` is in the base64 alphabet, standard and URL-safe: by arithmetic, which
/// vectorises, where a table lookup would not.
const fn in_alphabet(b: u8) -> bool {
    let letter = (b | 0x20).wrapping_sub(b'a') < 26;
    let digit = b.wrapping_sub(b'0') < 10;
    letter | digit | (b == b'+') | (b == b'/') | (b == b'-') | (b == b'_')
}

/// Where a run of at least [`MIN_BASE64_RUN`] alphabet bytes lies in a block, as the
/// offset of one of its bytes (0 for a run that began with the `run_before` bytes just
/// before the block); `None` when there is none.
fn long_run_at(mask: u64, run_before: usize) -> Option<usize> {
    let leading = (!mask).trailing_zeros() as usize;
    if run_before > 0 && run_before + leading >= MIN_BASE64_RUN {
        return Some(0);
    }
    // Bit k survives each step when the next 2, 4, 8, then 16 bits are all set.
    let mut starts = mask;
    for shift in [1, 2, 4, 8] {
        starts &= starts >> shift;
    }
    (starts != 0).then(|| starts.trailing_zeros() as usize)
}

/// A maximal run of base64 bytes and the classes of byte it holds.
struct Run {
    start: usize,
    end: usize,
    classes: u8,
}

impl Run {
    fn len(&self) -> usize {
        self.end - self.start
    }
}

/// The whole run around `buf[at]`, a base64 byte.
fn expand_run(buf: &[u8], at: usize) -> Run {
    let (mut start, mut end) = (at, at + 1);
    let mut classes = BASE64_CLASS[buf[at] as usize];
    while let Some(class) = start.checked_sub(1).map(|p| BASE64_CLASS[buf[p] as usize]).filter(|&c| c != 0) {
        classes |= class;
        start -= 1;
    }
    while let Some(class) = buf.get(end).map(|&b| BASE64_CLASS[b as usize]).filter(|&c| c != 0) {
        classes |= class;
        end += 1;
    }
    Run { start, end, classes }
}

/// Whether a run of `len` base64 bytes holding these classes of byte looks like
/// encoded data: upper case, lower case and digits, and a length base64 can have.
fn looks_encoded(len: usize, classes: u8) -> bool {
    len % 4 != 1 && classes & (UPPER | LOWER | DIGIT) == UPPER | LOWER | DIGIT
}

/// Lines holding an escape recognised by `is_escape` at an occurrence of `marker`,
/// clipped to [`LINE_CONTEXT`] bytes either side of the first escape.
fn escaped_lines(buf: &[u8], marker: u8, encoding: Encoding, is_escape: fn(&[u8], usize) -> bool) -> Vec<Region> {
    let mut regions: Vec<Region> = Vec::new();
    for at in memchr::memchr_iter(marker, buf) {
        if regions.last().is_some_and(|r| at < r.end) || !is_escape(buf, at) {
            continue;
        }
        // Look for the line's ends only within the context kept: minified files have
        // megabyte-long lines full of escapes.
        let floor = at.saturating_sub(LINE_CONTEXT);
        let ceiling = (at + LINE_CONTEXT).min(buf.len());
        let start = memchr::memrchr(b'\n', &buf[floor..at]).map_or(floor, |p| floor + p + 1);
        let end = memchr::memchr(b'\n', &buf[at..ceiling]).map_or(ceiling, |p| at + p);
        regions.push(Region { start, end, encoding });
    }
    regions
}

fn hex_at(buf: &[u8], at: usize, digits: usize) -> Option<u32> {
    let text = std::str::from_utf8(buf.get(at..at + digits)?).ok()?;
    u32::from_str_radix(text, 16).ok()
}

/// `%XX`, where XX is not a plain alphanumeric character (those are never escaped, so
/// `%20` counts but `100%41` in prose is unlikely).
fn is_percent_escape(buf: &[u8], at: usize) -> bool {
    hex_at(buf, at + 1, 2).is_some_and(|v| !(v as u8).is_ascii_alphanumeric())
}

/// `\uXXXX`, `\xXX` or `\/`: escapes that hide characters of a value.
fn is_string_escape(buf: &[u8], at: usize) -> bool {
    match buf.get(at + 1) {
        Some(b'u') => hex_at(buf, at + 2, 4).is_some(),
        Some(b'x') => hex_at(buf, at + 2, 2).is_some(),
        Some(b'/') => true,
        _ => false,
    }
}

/// In a Jupyter notebook every line of a cell's source or output is a JSON string, so
/// the code in it reads `api_key = \"…\"` and ends in `\n`: escaped quotes and line
/// ends are worth undoing there too (elsewhere JSON full of them would cost decoding for
/// little).
fn is_notebook_escape(buf: &[u8], at: usize) -> bool {
    is_string_escape(buf, at) || matches!(buf.get(at + 1), Some(b'"' | b'n'))
}

/// Decodes one region, within the budget; `None` when it does not decode to text.
fn decode_region(buf: &[u8], region: Region, budget: &mut usize) -> Option<Decoded> {
    let encoded = &buf[region.start..region.end];
    if encoded.len() > *budget {
        return None;
    }
    let decoded = match region.encoding {
        Encoding::Base64 => decode_base64_text(encoded)?,
        Encoding::Percent => offset(percent_decode(encoded), region.start),
        Encoding::Escapes => offset(unescape(encoded), region.start),
    };
    *budget -= encoded.len();
    Some(decoded)
}

fn offset(mut decoded: Decoded, by: usize) -> Decoded {
    decoded.origin.iter_mut().for_each(|o| *o += by);
    decoded
}

/// Base64 that decodes to text; the first [`PROBE_CHARS`] are decoded first so binary
/// data (images, fonts) is rejected before the rest is decoded.
fn decode_base64_text(encoded: &[u8]) -> Option<Decoded> {
    let run_len = encoded.iter().position(|&b| b == b'=').unwrap_or(encoded.len());
    let probe_len = run_len.min(PROBE_CHARS) / 4 * 4;
    if !is_text(&decode_base64(&encoded[..probe_len.max(4).min(run_len)])?) {
        return None;
    }
    let text = decode_base64(encoded)?;
    is_text(&text).then_some(Decoded { text, origin: Vec::new() })
}

/// Printable ASCII, whitespace or UTF-8 beyond ASCII; no control bytes.
fn is_text(bytes: &[u8]) -> bool {
    !bytes.is_empty()
        && std::str::from_utf8(bytes).is_ok()
        && bytes.iter().all(|&b| b >= 0x20 || matches!(b, b'\n' | b'\r' | b'\t'))
}

/// Undoes `%XX` escapes, keeping each decoded byte's source offset.
fn percent_decode(encoded: &[u8]) -> Decoded {
    let mut out = Decoded { text: Vec::with_capacity(encoded.len()), origin: Vec::with_capacity(encoded.len()) };
    let mut i = 0;
    while i < encoded.len() {
        match (encoded[i], hex_at(encoded, i + 1, 2)) {
            (b'%', Some(v)) => {
                out.text.push(v as u8);
                out.origin.push(i);
                i += 3;
            }
            (b, _) => {
                out.text.push(b);
                out.origin.push(i);
                i += 1;
            }
        }
    }
    out
}

/// Undoes JSON and YAML double-quoted string escapes, keeping source offsets.
fn unescape(encoded: &[u8]) -> Decoded {
    let mut out = Decoded { text: Vec::with_capacity(encoded.len()), origin: Vec::with_capacity(encoded.len()) };
    let mut i = 0;
    while i < encoded.len() {
        let (decoded, consumed) = unescape_one(encoded, i);
        let mut utf8 = [0u8; 4];
        for &b in decoded.encode_utf8(&mut utf8).as_bytes() {
            out.text.push(b);
            out.origin.push(i);
        }
        i += consumed;
    }
    out
}

/// The character at `i` and how many source bytes it took.
fn unescape_one(encoded: &[u8], i: usize) -> (char, usize) {
    if encoded[i] != b'\\' {
        return (char::from(encoded[i]), 1);
    }
    let simple = |c: char| (c, 2);
    match encoded.get(i + 1) {
        Some(b'u') => unicode_escape(encoded, i).unwrap_or(simple('\\')),
        Some(b'x') => hex_at(encoded, i + 2, 2).and_then(char::from_u32).map_or(simple('\\'), |c| (c, 4)),
        Some(b'n') => simple('\n'),
        Some(b't') => simple('\t'),
        Some(b'r') => simple('\r'),
        Some(&b @ (b'/' | b'\\' | b'"' | b'\'')) => simple(char::from(b)),
        _ => (char::from(encoded[i]), 1),
    }
}

/// `\uXXXX`, including a surrogate pair `\uD83D\uDE00`.
fn unicode_escape(encoded: &[u8], i: usize) -> Option<(char, usize)> {
    let high = hex_at(encoded, i + 2, 4)?;
    if (0xD800..0xDC00).contains(&high) && encoded.get(i + 6..i + 8) == Some(b"\\u") {
        let low = hex_at(encoded, i + 8, 4)?;
        let code = 0x10000 + ((high - 0xD800) << 10) + (low.checked_sub(0xDC00)?);
        return char::from_u32(code).map(|c| (c, 12));
    }
    char::from_u32(high).map(|c| (c, 6))
}

/// Merges decoded matches into the raw ones: a raw provider-specific match wins over a
/// decoded one on the same text; a decoded provider-specific match wins over a raw
/// generic one; otherwise the raw match stays. Returns the decoded matches kept.
pub fn merge(set: &DetectorSet, raw: &mut Vec<Match>, decoded: Vec<DecodedMatch>) -> Vec<DecodedMatch> {
    let generic = |m: &Match| set.detectors[m.detector].spec.generic;
    let overlaps = |a: &Match, b: &Match| a.start < b.end && b.start < a.end;
    let mut kept: Vec<DecodedMatch> = Vec::new();
    for d in decoded {
        let beaten = raw.iter().any(|r| overlaps(r, &d.matched) && (!generic(r) || generic(&d.matched)));
        if beaten || kept.iter().any(|k| overlaps(&k.matched, &d.matched)) {
            continue;
        }
        if !generic(&d.matched) {
            raw.retain(|r| !overlaps(r, &d.matched));
        }
        kept.push(d);
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::spec::parse_file;
    use base64::engine::general_purpose::STANDARD;
    use base64::Engine;

    const DEMO: &str = r#"
provider = "demo"
[[detector]]
id = "demo-key"
name = "Demo key"
kind = "api-key"
keywords = ["dmk_"]
regex = '\b(?P<secret>dmk_[A-Za-z0-9]{20})\b'
remediation = "rotate"
examples = ["dmk_Q8v2Lr5Tz1Xw9Kp3Nb7M"]
negative_examples = ["dmk_short"]
"#;
    const KEY: &str = "dmk_Q8v2Lr5Tz1Xw9Kp3Nb7M";

    fn set() -> DetectorSet {
        DetectorSet::new(parse_file(DEMO).unwrap()).unwrap()
    }

    #[test]
    fn finds_a_key_inside_base64_at_the_encoded_location() {
        let encoded = STANDARD.encode(format!("api_key={KEY}"));
        let text = format!("kind: Secret\ndata:\n  config: {encoded}\n");
        let found = find_decoded(&set(), text.as_bytes(), None);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].secret, KEY);
        assert_eq!(&text[found[0].matched.start..found[0].matched.end], encoded);
        assert_eq!(found[0].encoding, Encoding::Base64);
    }

    #[test]
    fn finds_a_key_two_base64_layers_deep_but_not_three() {
        let once = STANDARD.encode(format!("token: {KEY}"));
        let twice = STANDARD.encode(format!("inner: {once}"));
        let thrice = STANDARD.encode(format!("outer: {twice}"));
        assert_eq!(find_decoded(&set(), twice.as_bytes(), None).len(), 1);
        assert!(find_decoded(&set(), thrice.as_bytes(), None).is_empty());
    }

    #[test]
    fn finds_percent_encoded_and_escaped_keys_at_their_exact_place() {
        let percent = "next=https%3A%2F%2Fapp%2Fcb%3Fk%3Ddmk_Q8v2Lr5Tz1Xw9Kp3Nb7M%26x%3D1";
        let found = find_decoded(&set(), percent.as_bytes(), None);
        assert_eq!(found[0].secret, KEY);
        assert_eq!(&percent[found[0].matched.start..found[0].matched.end], KEY);
        let escaped = r#"{"url": "https:\/\/h\/?k=dmk\u005fQ8v2Lr5Tz1Xw9Kp3Nb7M"}"#;
        let found = find_decoded(&set(), escaped.as_bytes(), None);
        assert_eq!(found[0].secret, KEY);
        assert_eq!(&escaped[found[0].matched.start..found[0].matched.end], r"dmk\u005fQ8v2Lr5Tz1Xw9Kp3Nb7M");
    }

    #[test]
    fn binary_base64_and_identifiers_are_not_decoded() {
        let image = STANDARD.encode([0x89u8, b'P', b'N', b'G', 0, 0, 0, 13, 1, 2, 3, 255, 0, 7, 9, 1, 0, 0]);
        assert!(candidate_regions(b"someVeryLongIdentifierName", None).is_empty());
        let regions = candidate_regions(image.as_bytes(), None);
        let mut budget = MAX_DECODED_PER_BUFFER;
        assert!(regions.iter().all(|r| decode_region(image.as_bytes(), *r, &mut budget).is_none()));
    }

    #[test]
    fn skipping_base64_scan_finds_the_same_runs_as_a_byte_by_byte_one() {
        // The plain definition: every maximal run of alphabet bytes, plus up to two `=`.
        let is_base64_byte = |b: u8| BASE64_CLASS[b as usize] != 0;
        let every_run = |buf: &[u8]| -> Vec<(usize, usize)> {
            let mut runs = Vec::new();
            let mut i = 0;
            while i < buf.len() {
                if !is_base64_byte(buf[i]) {
                    i += 1;
                    continue;
                }
                let start = i;
                while i < buf.len() && is_base64_byte(buf[i]) {
                    i += 1;
                }
                let mut end = i;
                while end < buf.len() && end - i < 2 && buf[end] == b'=' {
                    end += 1;
                }
                let classes = buf[start..i].iter().fold(0, |c, &b| c | BASE64_CLASS[b as usize]);
                if i - start >= MIN_BASE64_RUN && looks_encoded(i - start, classes) {
                    runs.push((start, end));
                }
                i = end;
            }
            runs
        };
        // Pseudo-random texts mixing long and short runs, separators and padding.
        let alphabet = b"aZ9+/=== .\n-_Qx7";
        let mut state = 0x9e37_79b9_u32;
        for len in [0, 15, 16, 17, 31, 64, 500, 4096] {
            for _ in 0..50 {
                let text: Vec<u8> = (0..len)
                    .map(|_| {
                        state ^= state << 13;
                        state ^= state >> 17;
                        state ^= state << 5;
                        let pick = state as usize % 40;
                        if pick < alphabet.len() {
                            alphabet[pick]
                        } else {
                            b"kT4mW8pL2vR6nB0c"[pick % 16]
                        }
                    })
                    .collect();
                let found: Vec<(usize, usize)> = base64_runs(&text).iter().map(|r| (r.start, r.end)).collect();
                assert_eq!(found, every_run(&text), "text: {:?}", String::from_utf8_lossy(&text));
            }
        }
    }

    #[test]
    fn the_alphabet_is_standard_and_url_safe_base64() {
        let expected: Vec<u8> = (b'A'..=b'Z').chain(b'a'..=b'z').chain(b'0'..=b'9').chain(*b"+/-_").collect();
        let alphabet: Vec<u8> = (0..=255u8).filter(|&b| in_alphabet(b)).collect();
        let mut sorted = expected.clone();
        sorted.sort_unstable();
        assert_eq!(alphabet, sorted);
        assert!(expected.iter().all(|&b| BASE64_CLASS[b as usize] != 0));
    }

    #[test]
    fn escaped_quotes_are_undone_in_notebooks_only() {
        let set = DetectorSet::load(&[]).unwrap();
        let cell = br#"   "source": ["client_secret = \"Wvj7FAc9QeWJKY40uvSwMFLZDe1f8rESQedUStPK\"\n"]"#;
        let in_notebook = find_decoded(&set, cell, Some("work/analysis.ipynb"));
        assert_eq!(in_notebook.len(), 1);
        assert_eq!(in_notebook[0].secret, "Wvj7FAc9QeWJKY40uvSwMFLZDe1f8rESQedUStPK");
        assert!(find_decoded(&set, cell, Some("data/cells.json")).is_empty());
    }

    #[test]
    fn unescape_handles_unicode_surrogates_and_simple_escapes() {
        let decoded = unescape(br#"a\/b\u0041\uD83D\uDE00\n\x41"#);
        assert_eq!(String::from_utf8(decoded.text).unwrap(), "a/bA\u{1F600}\nA");
    }

    #[test]
    fn merge_prefers_raw_specific_then_decoded_specific() {
        let set = set();
        let decoded = |start, end| DecodedMatch {
            matched: Match { detector: 0, start, end, key: None },
            secret: KEY.into(),
            encoding: Encoding::Base64,
        };
        let mut raw = vec![Match { detector: 0, start: 0, end: 10, key: None }];
        assert!(merge(&set, &mut raw, vec![decoded(5, 20)]).is_empty());
        assert_eq!(merge(&set, &mut raw, vec![decoded(20, 30)]).len(), 1);
    }
}
