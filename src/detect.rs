//! The detection engine: one Aho-Corasick automaton over every detector's keywords finds
//! candidate regions; only the regexes of detectors whose keywords occur run, and only in
//! windows around the keyword hits. Matches then pass entropy, placeholder and structural
//! checks.

use crate::detector::{DetectorSpec, Validator};
use crate::filter;
use crate::generic::ValueContext;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use anyhow::{Context, Result};
use regex::bytes::{CaptureLocations, Regex};
use std::collections::HashMap;
use std::sync::OnceLock;

/// Bytes searched before a keyword hit when the regex has no length bound: room for a
/// key name ahead of the keyword.
const DEFAULT_BEFORE: usize = 256;
/// Bytes searched after a keyword hit when neither the regex nor `max_len` bounds it.
pub const DEFAULT_MAX_LEN: usize = 1024;
/// No window extends further than this from its keyword.
const WINDOW_CAP: usize = 64 * 1024;

/// A detector ready to run.
pub struct Detector {
    pub spec: DetectorSpec,
    /// Bytes to search before and after a keyword hit.
    window_before: usize,
    window_after: usize,
    /// Each hint's `key_regex`, compiled (case-insensitive), in hint order.
    pub hint_keys: Vec<Option<regex::Regex>>,
    /// Compiled on first use: most detectors never run on a given tree, and compiling
    /// hundreds of regexes up front would dominate the start-up of small scans.
    regex: OnceLock<Result<Regex, String>>,
    secret_group: usize,
    key_group: Option<usize>,
    /// Scored by the generic-secret model: yields even to other generic detectors.
    fallback: bool,
}

/// One confirmed match in a buffer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Match {
    /// Index into [`DetectorSet::detectors`].
    pub detector: usize,
    /// Byte span of the secret in the buffer.
    pub start: usize,
    pub end: usize,
    /// The key name the value was assigned to, when the regex captured one.
    pub key: Option<String>,
}

/// Every detector, compiled once, with the shared keyword prefilter.
pub struct DetectorSet {
    pub detectors: Vec<Detector>,
    prefilter: AhoCorasick,
    /// For each prefilter pattern, the detectors that listed that keyword.
    keyword_detectors: Vec<Vec<usize>>,
    /// Every distinct lower-cased keyword, in prefilter pattern order.
    keywords: Vec<String>,
    by_id: HashMap<String, usize>,
}

impl DetectorSet {
    /// Compiles every detector's regex and builds the prefilter.
    pub fn new(specs: Vec<DetectorSpec>) -> Result<Self> {
        let mut detectors = Vec::with_capacity(specs.len());
        let mut keyword_index: HashMap<String, usize> = HashMap::new();
        let mut keywords: Vec<String> = Vec::new();
        let mut keyword_detectors: Vec<Vec<usize>> = Vec::new();
        for (idx, spec) in specs.into_iter().enumerate() {
            for keyword in &spec.keywords {
                let lower = keyword.to_ascii_lowercase();
                let pattern = *keyword_index.entry(lower.clone()).or_insert_with(|| {
                    keywords.push(lower);
                    keyword_detectors.push(Vec::new());
                    keywords.len() - 1
                });
                keyword_detectors[pattern].push(idx);
            }
            detectors.push(compile(spec)?);
        }
        let prefilter = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .build(&keywords)
            .context("building the keyword prefilter")?;
        let by_id = detectors.iter().enumerate().map(|(i, d)| (d.spec.id.clone(), i)).collect();
        Ok(DetectorSet { detectors, prefilter, keyword_detectors, keywords, by_id })
    }

    /// The detector with this id.
    pub fn by_id(&self, id: &str) -> Option<&Detector> {
        self.by_id.get(id).map(|&i| &self.detectors[i])
    }

    /// Compiles every regex now; errors name the detectors whose regex does not build.
    pub fn compile_all(&self) -> Result<()> {
        for detector in &self.detectors {
            if let Err(e) = detector.regex() {
                anyhow::bail!("detector `{}`: regex does not compile: {e}", detector.spec.id);
            }
        }
        Ok(())
    }

    /// Every distinct keyword, lower-cased.
    pub fn keywords(&self) -> &[String] {
        &self.keywords
    }

    /// Finds every credential in `buf`, ordered by position.
    pub fn find(&self, buf: &[u8]) -> Vec<Match> {
        self.find_in(buf, None)
    }

    /// Finds every credential in `buf`, read from `path` (the generic-secret model
    /// weighs the kind of file), ordered by position.
    pub fn find_in(&self, buf: &[u8], path: Option<&str>) -> Vec<Match> {
        let windows = self.candidate_windows(buf);
        let haystack = Haystack { buf, path };
        let mut sink = Sink::default();
        for (detector_idx, spans) in windows {
            let detector = &self.detectors[detector_idx];
            let Ok(regex) = detector.regex() else { continue };
            let mut locs = regex.capture_locations();
            for span in spans {
                detector.find_in_window(regex, detector_idx, &haystack, span, &mut locs, &mut sink);
            }
        }
        resolve_overlaps(&self.detectors, sink)
    }

    /// Keyword hits grouped per detector and merged into windows.
    fn candidate_windows(&self, buf: &[u8]) -> HashMap<usize, Vec<(usize, usize)>> {
        let mut windows: HashMap<usize, Vec<(usize, usize)>> = HashMap::new();
        for hit in self.prefilter.find_overlapping_iter(buf) {
            for &detector in &self.keyword_detectors[hit.pattern().as_usize()] {
                let d = &self.detectors[detector];
                let start = hit.start().saturating_sub(d.window_before);
                let end = (hit.end() + d.window_after).min(buf.len());
                let spans = windows.entry(detector).or_default();
                match spans.last_mut() {
                    Some(last) if start <= last.1 => last.1 = last.1.max(end),
                    _ => spans.push((start, end)),
                }
            }
        }
        windows
    }
}

/// The buffer being searched and the file it came from.
struct Haystack<'a> {
    buf: &'a [u8],
    path: Option<&'a str>,
}

/// What the regexes found: accepted matches, and spans a provider-specific detector
/// recognised but rejected (a bad checksum, a placeholder), where generic detectors
/// must not report either.
#[derive(Default)]
struct Sink {
    matches: Vec<Match>,
    vetoed: Vec<(usize, usize)>,
}

impl Detector {
    /// The compiled regex, compiling it on first use.
    pub fn regex(&self) -> Result<&Regex, &str> {
        self.regex.get_or_init(|| build_regex(&self.spec.regex)).as_ref().map_err(String::as_str)
    }

    #[allow(clippy::too_many_arguments)]
    fn find_in_window(
        &self,
        regex: &Regex,
        detector_idx: usize,
        haystack: &Haystack<'_>,
        (start, end): (usize, usize),
        locs: &mut CaptureLocations,
        sink: &mut Sink,
    ) {
        let buf = haystack.buf;
        // Search `buf[..end]` from `start` so that `\b` and anchors see the real context.
        let searched = &buf[..end];
        let mut pos = start;
        while pos <= end {
            let Some(whole) = regex.captures_read_at(locs, searched, pos) else { break };
            pos = if whole.end() > whole.start() { whole.end() } else { whole.end() + 1 };
            // Windows of one detector never overlap, so no match is seen twice.
            let Some((s, e)) = locs.get(self.secret_group) else { continue };
            let key = self.key_group.and_then(|g| locs.get(g)).map(|(ks, ke)| String::from_utf8_lossy(&buf[ks..ke]));
            let context = ValueContext { key: key.as_deref(), path: haystack.path };
            if !self.accepts_in(&buf[s..e], &context) {
                if !self.spec.generic {
                    sink.vetoed.push((s, e));
                }
                continue;
            }
            let key = key.map(|k| k.into_owned());
            sink.matches.push(Match { detector: detector_idx, start: s, end: e, key });
        }
    }

    /// Entropy, placeholder and structural checks on a candidate secret.
    pub fn accepts(&self, secret: &[u8]) -> bool {
        self.accepts_in(secret, &ValueContext::default())
    }

    /// [`Detector::accepts`], with the key name and file the secret was found in.
    pub fn accepts_in(&self, secret: &[u8], context: &ValueContext<'_>) -> bool {
        if secret.is_empty() || filter::is_placeholder(secret) {
            return false;
        }
        if let Some(min) = self.spec.min_entropy {
            if entropy::shannon_entropy(secret) < min {
                return false;
            }
        }
        self.spec.validators.iter().all(|v| crate::validate::check_in(*v, secret, context))
    }

    /// Runs the regex over a whole text with no prefilter: used by example tests.
    pub fn find_all(&self, text: &[u8]) -> Vec<(usize, usize)> {
        let Ok(regex) = self.regex() else { return Vec::new() };
        let mut locs = regex.capture_locations();
        let mut sink = Sink::default();
        let haystack = Haystack { buf: text, path: None };
        self.find_in_window(regex, 0, &haystack, (0, text.len()), &mut locs, &mut sink);
        sink.matches.into_iter().map(|m| (m.start, m.end)).collect()
    }
}

fn build_regex(pattern: &str) -> Result<Regex, String> {
    regex::bytes::RegexBuilder::new(pattern).size_limit(16 * 1024 * 1024).build().map_err(|e| e.to_string())
}

/// Checks the regex's syntax and finds its groups without compiling it (see
/// [`Detector::regex`]).
fn compile(spec: DetectorSpec) -> Result<Detector> {
    let hir = regex_syntax::ParserBuilder::new()
        .utf8(false)
        .build()
        .parse(&spec.regex)
        .with_context(|| format!("detector `{}`: invalid regex", spec.id))?;
    let secret_group =
        capture_index(&hir, "secret").with_context(|| format!("detector `{}`: no `secret` group", spec.id))?;
    let key_group = capture_index(&hir, "key");
    let hint_keys = spec
        .hints
        .iter()
        .map(|h| h.key_regex.as_deref().map(compile_key_regex).transpose())
        .collect::<Result<_>>()
        .with_context(|| format!("detector `{}`: invalid hint key_regex", spec.id))?;
    // A keyword may sit in the match or next to it (a key name before the value), so
    // bounded regexes get their longest match plus the same gap on either side.
    let longest = longest_match(&spec.regex).map(|len| len + DEFAULT_BEFORE);
    let window_before = longest.unwrap_or(DEFAULT_BEFORE).min(WINDOW_CAP);
    let window_after = spec.max_len.or(longest).unwrap_or(DEFAULT_MAX_LEN).min(WINDOW_CAP);
    let fallback = spec.validators.contains(&Validator::LikelySecret);
    Ok(Detector {
        spec,
        window_before,
        window_after,
        hint_keys,
        regex: OnceLock::new(),
        secret_group,
        key_group,
        fallback,
    })
}

/// Index of the capture group called `name`, as the compiled regex will number it.
fn capture_index(hir: &regex_syntax::hir::Hir, name: &str) -> Option<usize> {
    use regex_syntax::hir::HirKind;
    match hir.kind() {
        HirKind::Capture(cap) if cap.name.as_deref() == Some(name) => Some(cap.index as usize),
        HirKind::Capture(cap) => capture_index(&cap.sub, name),
        HirKind::Concat(subs) | HirKind::Alternation(subs) => subs.iter().find_map(|h| capture_index(h, name)),
        HirKind::Repetition(rep) => capture_index(&rep.sub, name),
        _ => None,
    }
}

/// The longest text the regex can match, when it is bounded: a match can start no
/// further before its keyword, nor end further after it, than this.
fn longest_match(pattern: &str) -> Option<usize> {
    let hir = regex_syntax::ParserBuilder::new().utf8(false).build().parse(pattern).ok()?;
    hir.properties().maximum_len()
}

fn compile_key_regex(pattern: &str) -> Result<regex::Regex> {
    Ok(regex::RegexBuilder::new(pattern).case_insensitive(true).build()?)
}

/// Keeps one match per stretch of text: provider-specific matches first (the first of
/// identical spans wins), then generic matches (JWTs, URLs with passwords), longest
/// first, then the generic-secret model's key=value matches last, each only where
/// nothing kept overlaps it and no provider-specific detector rejected the text.
fn resolve_overlaps(detectors: &[Detector], sink: Sink) -> Vec<Match> {
    let (mut specific, mut generic): (Vec<Match>, Vec<Match>) =
        sink.matches.into_iter().partition(|m| !detectors[m.detector].spec.generic);
    specific.sort_by_key(|m| (m.start, m.end, m.detector));
    specific.dedup_by_key(|m| (m.start, m.end));
    generic.sort_by_key(|m| (detectors[m.detector].fallback, std::cmp::Reverse(m.end - m.start), m.start, m.detector));
    let overlaps = |a: (usize, usize), m: &Match| a.0 < m.end && m.start < a.1;
    let mut kept = specific;
    for m in generic {
        let taken = kept.iter().any(|k| overlaps((k.start, k.end), &m));
        if !taken && !sink.vetoed.iter().any(|&v| overlaps(v, &m)) {
            kept.push(m);
        }
    }
    kept.sort_by_key(|m| (m.start, m.end));
    kept
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detector::parse_file;

    fn set(text: &str) -> DetectorSet {
        DetectorSet::new(parse_file(text).unwrap()).unwrap()
    }

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

[[detector]]
id = "demo-generic"
name = "Generic"
kind = "generic"
generic = true
keywords = ["token"]
regex = 'token\s*=\s*(?P<secret>[A-Za-z0-9_]{16,})'
remediation = "rotate"
examples = ["token = Q8v2Lr5Tz1Xw9Kp3Nb7M"]  # blastradius:allow
negative_examples = ["token = short"]
"#;

    #[test]
    fn finds_keyword_led_match_case_insensitively() {
        let set = set(DEMO);
        let text = b"# config\nDMK = dmk_Q8v2Lr5Tz1Xw9Kp3Nb7M\n";
        let found = set.find(text);
        assert_eq!(found.len(), 1);
        assert_eq!(&text[found[0].start..found[0].end], b"dmk_Q8v2Lr5Tz1Xw9Kp3Nb7M");
    }

    #[test]
    fn specific_detector_wins_over_generic_on_same_text() {
        let set = set(DEMO);
        let found = set.find(b"token = dmk_Q8v2Lr5Tz1Xw9Kp3Nb7M\n");
        assert_eq!(found.len(), 1);
        assert_eq!(set.detectors[found[0].detector].spec.id, "demo-key");
    }

    #[test]
    fn windows_follow_the_regex_length_bound() {
        assert_eq!(longest_match(r"dmk_[A-Za-z0-9]{20}"), Some(24));
        assert_eq!(longest_match(r"token\s*=\s*[A-Za-z0-9]+"), None);
        let set = set(DEMO);
        let mut text = b"token = ".to_vec();
        text.extend(b"Q8v2Lr5Tz1Xw9Kp3".iter().cycle().take(3000));
        let found = set.find(&text);
        assert_eq!(found.len(), 1);
        assert!(found[0].end - found[0].start <= DEFAULT_MAX_LEN, "unbounded regex stops at max_len");
    }

    #[test]
    fn capture_indexes_match_the_compiled_regex() {
        let pattern = r"(a)(?P<key>b)(?:c(?P<secret>d))";
        let hir = regex_syntax::ParserBuilder::new().build().parse(pattern).unwrap();
        let compiled = Regex::new(pattern).unwrap();
        let names: Vec<Option<&str>> = compiled.capture_names().collect();
        assert_eq!(capture_index(&hir, "secret"), names.iter().position(|n| *n == Some("secret")));
        assert_eq!(capture_index(&hir, "key"), names.iter().position(|n| *n == Some("key")));
    }

    #[test]
    fn every_built_in_regex_compiles() {
        crate::run::load_detectors(&[]).unwrap().compile_all().unwrap();
    }

    #[test]
    fn nothing_runs_without_a_keyword() {
        let set = set(DEMO);
        assert!(set.find(b"Q8v2Lr5Tz1Xw9Kp3Nb7M nothing here").is_empty());
    }

    #[test]
    fn word_boundary_sees_context_before_the_window() {
        let set = set(DEMO);
        let mut text = vec![b'a'; 2000];
        text.extend_from_slice(b"dmk_Q8v2Lr5Tz1Xw9Kp3Nb7M");
        assert!(set.find(&text).is_empty(), "match glued to a preceding word must not count");
    }
}
