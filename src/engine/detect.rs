//! The detection engine: one Aho-Corasick automaton over every detector's keywords finds
//! candidate regions; only the regexes of detectors whose keywords occur run, and only in
//! windows around the keyword hits. Matches then pass entropy, placeholder and structural
//! checks.

use crate::engine::filter;
use crate::engine::generic::ValueContext;
use crate::engine::keyword_search::KeywordSearch;
use crate::engine::spec::{DetectorSpec, Validator};
use anyhow::Result;
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
    /// Built on first use: most detectors never see a keyword in a given scan, and
    /// parsing and compiling hundreds of regexes up front would dominate the start-up
    /// of small scans such as a pre-commit hook's.
    compiled: OnceLock<Result<Compiled, String>>,
    /// Scored by the generic-secret model: yields even to other generic detectors.
    fallback: bool,
}

/// What running a detector needs, derived from its spec.
struct Compiled {
    regex: Regex,
    secret_group: usize,
    key_group: Option<usize>,
    /// Bytes to search before and after a keyword hit.
    window_before: usize,
    window_after: usize,
    /// Each hint's `key_regex`, compiled (case-insensitive), in hint order.
    hint_keys: Vec<Option<regex::Regex>>,
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
    prefilter: KeywordSearch,
    /// For each keyword, the detectors that listed that keyword.
    keyword_detectors: Vec<Vec<usize>>,
    /// Every distinct lower-cased keyword, in the order the keyword search numbers them.
    keywords: Vec<String>,
    by_id: HashMap<String, usize>,
}

impl DetectorSet {
    /// Builds the prefilter; each detector's regex compiles on first use (see
    /// [`DetectorSet::compile_all`] to check them all now).
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
            let fallback = spec.validators.contains(&Validator::LikelySecret);
            detectors.push(Detector { spec, compiled: OnceLock::new(), fallback });
        }
        let prefilter = KeywordSearch::new(&keywords)?;
        let by_id = detectors.iter().enumerate().map(|(i, d)| (d.spec.id.clone(), i)).collect();
        Ok(DetectorSet { detectors, prefilter, keyword_detectors, keywords, by_id })
    }

    /// Loads the built-in detectors and those in `extra` directories and builds the set.
    /// Regexes from `extra` are compiled now, so a bad one fails loudly; the built-in
    /// ones are covered by the test suite and compile on first use.
    pub fn load(extra: &[std::path::PathBuf]) -> Result<Self> {
        Ok(Self::load_layers(extra, &[])?.0)
    }

    /// Like [`DetectorSet::load`], with `adding` directories that may only add detectors
    /// (see [`super::spec::load_layers`]); returns the warnings about refused ones.
    pub fn load_layers(replacing: &[std::path::PathBuf], adding: &[std::path::PathBuf]) -> Result<(Self, Vec<String>)> {
        let (specs, warnings) = super::spec::load_layers(replacing, adding)?;
        let set = DetectorSet::new(specs)?;
        if !replacing.is_empty() || !adding.is_empty() {
            set.compile_all()?;
        }
        Ok((set, warnings))
    }

    /// The detector with this id.
    pub fn by_id(&self, id: &str) -> Option<&Detector> {
        self.by_id.get(id).map(|&i| &self.detectors[i])
    }

    /// The first detector of `provider` (they share their file's class and reason).
    pub fn first_of_provider(&self, provider: &str) -> Option<&Detector> {
        self.detectors.iter().find(|d| d.spec.provider == provider)
    }

    /// Compiles every detector now; the error names the first one that does not build.
    pub fn compile_all(&self) -> Result<()> {
        for detector in &self.detectors {
            if let Err(e) = detector.compiled() {
                anyhow::bail!("detector `{}`: {e}", detector.spec.id);
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
        if windows.is_empty() {
            return Vec::new();
        }
        let haystack = Haystack { buf, path };
        let mut sink = Sink::default();
        // Under a findings cap a detector stops once it alone has found one more than the
        // cap's worth (the one more tells the cap it cut something): the first findings
        // are what the cap keeps, and a file of a million tokens must not cost a million
        // regex matches per detector.
        let cap = crate::source::budget::findings_left();
        for group in windows.chunk_by(|a, b| a.detector == b.detector) {
            let detector = &self.detectors[group[0].detector];
            let Ok(compiled) = detector.compiled() else { continue };
            let mut locs = compiled.regex.capture_locations();
            let stop_at = sink.matches.len().saturating_add(cap).saturating_add(1);
            for window in group {
                if crate::source::budget::expired() {
                    return resolve_overlaps(&self.detectors, sink);
                }
                if sink.matches.len() >= stop_at {
                    break;
                }
                detector.find_in_window(compiled, window, &haystack, &mut locs, &mut sink, stop_at);
            }
        }
        resolve_overlaps(&self.detectors, sink)
    }

    /// Keyword hits turned into windows, merged where they overlap and ordered by
    /// detector. Files without a keyword allocate nothing.
    fn candidate_windows(&self, buf: &[u8]) -> Vec<Window> {
        let mut windows: Vec<Window> = Vec::new();
        self.prefilter.for_each_hit(buf, |hit| {
            for &detector in &self.keyword_detectors[hit.keyword] {
                let Ok(compiled) = self.detectors[detector].compiled() else { continue };
                let start = hit.start.saturating_sub(compiled.window_before);
                let end = (hit.end + compiled.window_after).min(buf.len());
                windows.push(Window { detector, start, end });
            }
        });
        // Hits arrive in no particular order: sort, then merge each detector's
        // overlapping windows.
        windows.sort_unstable_by_key(|w| (w.detector, w.start));
        windows.dedup_by(|next, kept| {
            let overlapping = next.detector == kept.detector && next.start <= kept.end;
            if overlapping {
                kept.end = kept.end.max(next.end);
            }
            overlapping
        });
        windows
    }
}

/// A stretch of the buffer one detector's regex must search.
#[derive(Debug, Clone, Copy)]
struct Window {
    detector: usize,
    start: usize,
    end: usize,
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
    /// Spans rejected by a specific detector, with that detector's index.
    vetoed: Vec<(usize, usize, usize)>,
}

impl Detector {
    /// The detector's regex, window sizes and hint keys, built on first use.
    fn compiled(&self) -> Result<&Compiled, &str> {
        self.compiled.get_or_init(|| compile(&self.spec)).as_ref().map_err(String::as_str)
    }

    /// The compiled regex.
    pub fn regex(&self) -> Result<&Regex, &str> {
        self.compiled().map(|c| &c.regex)
    }

    /// Each hint's `key_regex`, compiled (case-insensitive), in hint order; empty when
    /// the detector does not compile.
    pub fn hint_keys(&self) -> &[Option<regex::Regex>] {
        self.compiled().map(|c| c.hint_keys.as_slice()).unwrap_or_default()
    }

    fn find_in_window(
        &self,
        compiled: &Compiled,
        &Window { detector, start, end }: &Window,
        haystack: &Haystack<'_>,
        locs: &mut CaptureLocations,
        sink: &mut Sink,
        stop_at: usize,
    ) {
        let Compiled { regex, secret_group, key_group, .. } = compiled;
        let buf = haystack.buf;
        // Search `buf[..end]` from `start` so that `\b` and anchors see the real context.
        let searched = &buf[..end];
        let mut pos = start;
        while pos <= end && sink.matches.len() < stop_at {
            let Some(whole) = regex.captures_read_at(locs, searched, pos) else { break };
            pos = if whole.end() > whole.start() { whole.end() } else { whole.end() + 1 };
            // Windows of one detector never overlap, so no match is seen twice.
            let Some((s, e)) = locs.get(*secret_group) else { continue };
            let key = key_group.and_then(|g| locs.get(g)).map(|(ks, ke)| String::from_utf8_lossy(&buf[ks..ke]));
            let context = ValueContext { key: key.as_deref(), path: haystack.path };
            if !self.accepts_in(&buf[s..e], &context) {
                if !self.spec.generic {
                    sink.vetoed.push((s, e, detector));
                }
                continue;
            }
            let key = key.map(|k| k.into_owned());
            sink.matches.push(Match { detector, start: s, end: e, key });
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
        self.spec.validators.iter().all(|v| crate::engine::validate::check_in(*v, secret, context))
    }

    /// Runs the regex over a whole text with no prefilter: used by example tests.
    pub fn find_all(&self, text: &[u8]) -> Vec<(usize, usize)> {
        let Ok(compiled) = self.compiled() else { return Vec::new() };
        let mut locs = compiled.regex.capture_locations();
        let mut sink = Sink::default();
        let haystack = Haystack { buf: text, path: None };
        let whole = Window { detector: 0, start: 0, end: text.len() };
        self.find_in_window(compiled, &whole, &haystack, &mut locs, &mut sink, usize::MAX);
        sink.matches.into_iter().map(|m| (m.start, m.end)).collect()
    }
}

/// Parses the regex once for its groups and length bound, then compiles it and the
/// hint keys. Errors say what is wrong, for `--detectors` authors.
fn compile(spec: &DetectorSpec) -> Result<Compiled, String> {
    let hir = regex_syntax::ParserBuilder::new()
        .utf8(false)
        .unicode(false)
        .build()
        .parse(&spec.regex)
        .map_err(|e| format!("invalid regex: {e}"))?;
    let secret_group = capture_index(&hir, "secret").ok_or("the regex has no `secret` group")?;
    let key_group = capture_index(&hir, "key");
    let (window_before, window_after) = window_sizes(spec, &hir);
    // Credentials are ASCII: without Unicode classes and case folding (`\w`, `(?i)`)
    // the automata are several times smaller and their lazy DFAs warm up much faster.
    let regex = regex::bytes::RegexBuilder::new(&spec.regex)
        .unicode(false)
        .size_limit(16 * 1024 * 1024)
        .build()
        .map_err(|e| format!("regex does not compile: {e}"))?;
    let hint_keys = spec
        .hints
        .iter()
        .map(|h| h.key_regex.as_deref().map(compile_key_regex).transpose())
        .collect::<Result<_, _>>()
        .map_err(|e| format!("invalid hint key_regex: {e}"))?;
    Ok(Compiled { regex, secret_group, key_group, window_before, window_after, hint_keys })
}

/// How far around a keyword hit to search: (before, after).
///
/// When every match must contain one of the detector's keywords (a literal the regex
/// cannot match without, such as the `ghp_` of a GitHub token), a match lies within its
/// longest length of the hit, and the window is just that. Otherwise a keyword may sit
/// next to the match (a key name before the value), and bounded regexes get their
/// longest match plus a gap on either side.
fn window_sizes(spec: &DetectorSpec, hir: &regex_syntax::hir::Hir) -> (usize, usize) {
    let longest = hir.properties().maximum_len();
    if let Some(longest) = longest.filter(|_| keyword_always_matched(spec, hir)) {
        let longest = longest.min(WINDOW_CAP);
        return (longest, spec.max_len.unwrap_or(longest).min(longest));
    }
    let longest = longest.map(|len| len + DEFAULT_BEFORE);
    let before = longest.unwrap_or(DEFAULT_BEFORE).min(WINDOW_CAP);
    let after = spec.max_len.or(longest).unwrap_or(DEFAULT_MAX_LEN).min(WINDOW_CAP);
    (before, after)
}

/// Whether some keyword occurs (ignoring ASCII case, as the prefilter matches) in a
/// literal every match of the regex contains.
fn keyword_always_matched(spec: &DetectorSpec, hir: &regex_syntax::hir::Hir) -> bool {
    let mut literals = Vec::new();
    required_literals(hir, &mut literals);
    literals.iter().any(|literal| {
        let literal = literal.to_ascii_lowercase();
        spec.keywords.iter().any(|k| {
            let k = k.to_ascii_lowercase().into_bytes();
            !k.is_empty() && literal.windows(k.len()).any(|w| w == k.as_slice())
        })
    })
}

/// Literals that every match of `hir` contains: those of its concatenated parts,
/// captures and mandatory repetitions. Alternatives and case-insensitive text yield
/// none, which only ever makes windows wider.
fn required_literals(hir: &regex_syntax::hir::Hir, out: &mut Vec<Vec<u8>>) {
    use regex_syntax::hir::HirKind;
    match hir.kind() {
        HirKind::Literal(literal) => out.push(literal.0.to_vec()),
        HirKind::Capture(cap) => required_literals(&cap.sub, out),
        HirKind::Repetition(rep) if rep.min > 0 => required_literals(&rep.sub, out),
        HirKind::Concat(subs) => subs.iter().for_each(|sub| required_literals(sub, out)),
        _ => {}
    }
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

fn compile_key_regex(pattern: &str) -> Result<regex::Regex, regex::Error> {
    regex::RegexBuilder::new(pattern).case_insensitive(true).build()
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
    // A detector a config file added never displaces another's match: a checked-in file
    // must not be able to shadow built-in detection.
    let displaces =
        |by: usize, m: &Match| !detectors[by].spec.added_by_config || detectors[m.detector].spec.added_by_config;
    let mut kept = specific;
    for m in generic {
        let taken = kept.iter().any(|k| overlaps((k.start, k.end), &m) && displaces(k.detector, &m));
        let vetoed = sink.vetoed.iter().any(|&(s, e, by)| overlaps((s, e), &m) && displaces(by, &m));
        if !taken && !vetoed {
            kept.push(m);
        }
    }
    kept.sort_by_key(|m| (m.start, m.end));
    kept
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::spec::parse_file;

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
    fn a_detector_added_by_config_never_displaces_a_built_in_match() {
        let mut specs = parse_file(DEMO).unwrap();
        specs.retain(|s| s.id == "demo-generic");
        let mut added = parse_file(DEMO).unwrap().remove(0);
        added.added_by_config = true;
        // Matches the same text as the generic detector, and vetoes what it rejects.
        added.keywords = vec!["token".into()];
        added.regex = r"token\s*=\s*(?P<secret>[A-Za-z0-9_]{16,})".into();
        added.min_entropy = Some(99.0);
        specs.push(added.clone());
        let text = b"token = Q8v2Lr5Tz1Xw9Kp3Nb7M\n";
        let found = DetectorSet::new(specs.clone()).unwrap().find(text);
        assert_eq!(found.len(), 1, "a veto by a config detector does not hide the built-in match");
        assert_eq!(found[0].detector, 0);

        added.min_entropy = None;
        *specs.last_mut().unwrap() = added;
        let found = DetectorSet::new(specs).unwrap().find(text);
        assert!(found.iter().any(|m| m.detector == 0), "the built-in match is kept next to the added one");
    }

    #[test]
    fn windows_follow_the_regex_length_bound() {
        let set = set(DEMO);
        let bounded = set.by_id("demo-key").unwrap().compiled().unwrap();
        assert_eq!(bounded.window_after, 24, "the keyword is in every match: the longest match");
        let unbounded = set.by_id("demo-generic").unwrap().compiled().unwrap();
        assert_eq!(unbounded.window_after, DEFAULT_MAX_LEN);
        let mut text = b"token = ".to_vec();
        text.extend(b"Q8v2Lr5Tz1Xw9Kp3".iter().cycle().take(3000));
        let found = set.find(&text);
        assert_eq!(found.len(), 1);
        assert!(found[0].end - found[0].start <= DEFAULT_MAX_LEN, "unbounded regex stops at max_len");
    }

    fn windows_of(keywords: &str, regex: &str) -> (usize, usize) {
        let text = format!(
            r#"
provider = "demo"
[[detector]]
id = "d"
name = "D"
kind = "api-key"
keywords = {keywords}
regex = '{regex}'
remediation = "rotate"
examples = ["x"]
negative_examples = ["y"]
"#
        );
        let set = set(&text);
        let compiled = set.by_id("d").unwrap().compiled().unwrap();
        (compiled.window_before, compiled.window_after)
    }

    #[test]
    fn windows_keep_a_gap_unless_the_keyword_is_in_every_match() {
        let (literal, gap) = (20 + 4, 20 + 4 + DEFAULT_BEFORE);
        assert_eq!(windows_of(r#"["dmk_"]"#, r"\b(?P<secret>dmk_[a-z]{20})"), (literal, literal));
        assert_eq!(
            windows_of(r#"["mk_"]"#, r"(?:\A|\s)(?P<secret>dmk_[a-z]{20})"),
            (literal + 1, literal + 1),
            "inside"
        );
        assert_eq!(windows_of(r#"["DMK"]"#, r"\b(?P<secret>dmk_[a-z]{20})"), (literal, literal), "any case");
        assert_eq!(windows_of(r#"["demo"]"#, r"\b(?P<secret>dmk_[a-z]{20})"), (gap, gap), "a context keyword");
        assert_eq!(windows_of(r#"["dmk_"]"#, r"\b(?P<secret>(?i:dmk_)[a-z]{20})"), (gap, gap), "case-insensitive");
        assert_eq!(windows_of(r#"["dmk_"]"#, r"\b(?P<secret>(?:dmk_|xyz_)[a-z]{20})"), (gap, gap), "an alternative");
        assert_eq!(windows_of(r#"["dmk_"]"#, r"\b(?P<secret>(?:dmk_)?[a-z]{24})"), (gap + 4, gap + 4), "optional");
    }

    #[test]
    fn narrow_windows_find_every_match_around_repeated_keywords() {
        let set = set(DEMO);
        let body = "Q8v2Lr5Tz1Xw9Kp3Nb7MhY6c";
        let mut text = String::new();
        for i in 0..10 {
            text.push_str(&" ".repeat(i * 7));
            text.push_str("dmk_");
            text.push_str(&body[i % 4..i % 4 + 20]);
        }
        text.push_str(" dmk_tooshort dmk_");
        text.push_str(&"x".repeat(30));
        let found = set.find(text.as_bytes());
        assert_eq!(found.len(), 10, "every well-formed token, none of the malformed ones");
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
        DetectorSet::load(&[]).unwrap().compile_all().unwrap();
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
