//! Matches to findings. Every source (tree walk, git history, home stores, environment)
//! hands buffers to [`Scanner::findings_in`], which runs the detectors and decoders and
//! turns each match into an unclassified [`Finding`] with its position, key name and
//! file evidence; `classify::finish` then classifies and ranks the lot.

use super::decode;
use super::detect::{DetectorSet, Match};
use crate::model::finding::{Finding, Secret, Severity, Source};
use crate::model::fingerprint::Fingerprinter;
use crate::model::result::{CapStats, Origin, ScanResult, Stats};
use crate::source::walk::{self, Contents, Visit, WalkOptions, WalkStats};
use anyhow::Result;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::Instant;

/// What a buffer handed to a file scanner is: a whole file, or one chunk of a file too
/// large to hold at once (no structure can be parsed from a chunk: scan it as text).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Whole,
    Chunk,
}

/// Turns one file (or chunk, see [`Part`]) at a path into findings.
pub type FileScanner<'a> = dyn Fn(&Path, &[u8], Part) -> Vec<Finding> + Sync + 'a;

/// Runs detectors over buffers and turns matches into findings.
pub struct Scanner {
    pub detectors: DetectorSet,
    /// Matches dropped so far because their line carries an allow comment; reports count
    /// them as suppressed so an allow comment never hides a credential silently.
    allowed: AtomicU64,
    /// Fingerprints every finding, each distinct value once.
    pub fingerprints: Fingerprinter,
}

impl Scanner {
    /// A scanner making unkeyed fingerprints.
    pub fn new(detectors: DetectorSet) -> Self {
        Scanner { detectors, allowed: AtomicU64::new(0), fingerprints: Fingerprinter::default() }
    }

    /// How many matches allow comments have suppressed in this scanner's scans so far.
    pub fn inline_allowed(&self) -> u64 {
        self.allowed.load(Ordering::Relaxed)
    }

    /// The same scanner with fingerprints keyed by `key` (`None`: unkeyed).
    pub fn with_fingerprint_key(self, key: Option<Secret>) -> Self {
        Scanner { fingerprints: Fingerprinter::new(key), ..self }
    }

    /// Findings in one buffer, unclassified (see `classify::finish`).
    pub fn findings_in(&self, buf: &[u8], origin: Origin<'_>) -> Vec<Finding> {
        match whole_file_variable(origin.path) {
            Some(variable) => self.whole_file_findings(buf, variable, origin),
            None => self.buffer_findings(buf, origin),
        }
    }

    /// A file whose whole content is one secret, scanned as `VARIABLE=<content>` so the
    /// detector of that variable judges it; positions are mapped back to the file.
    fn whole_file_findings(&self, buf: &[u8], variable: &str, origin: Origin<'_>) -> Vec<Finding> {
        let content = buf.trim_ascii();
        if content.len() > 1024 || content.contains(&b'\n') {
            return self.buffer_findings(buf, origin);
        }
        let leading = buf.len() - buf.trim_ascii_start().len();
        let prefix = format!("{variable}=");
        let mut synthetic = prefix.clone().into_bytes();
        synthetic.extend_from_slice(content);
        let mut findings = self.buffer_findings(&synthetic, origin);
        for finding in &mut findings {
            let (line, column) = crate::source::extract::position(buf, leading);
            finding.line = line;
            finding.end_line = line;
            finding.column = column + finding.column.saturating_sub(prefix.len() + 1);
            finding.end_column = column + finding.end_column.saturating_sub(prefix.len() + 1);
            finding.key = None;
            finding.reasons.push(format!("the whole file is a secret, read as {variable}"));
        }
        findings
    }

    /// Findings in one buffer as text.
    fn buffer_findings(&self, buf: &[u8], origin: Origin<'_>) -> Vec<Finding> {
        let mut matches = self.detectors.find_in(buf, Some(origin.path));
        let decoded = if crate::source::budget::expired() {
            Vec::new()
        } else {
            decode::find_decoded(&self.detectors, buf, Some(origin.path))
        };
        let decoded = decode::merge(&self.detectors, &mut matches, decoded);
        if matches.is_empty() && decoded.is_empty() {
            return Vec::new();
        }
        let mut lines = LineCursor::default();
        // The file's findings cap bounds what is built here: a file of a million tokens
        // must not become a million findings before the cap drops them.
        let mut room = crate::source::budget::findings_left();
        let mut findings: Vec<Finding> = Vec::new();
        for m in matches {
            if super::allow::line_allows(buf, m.start, m.end) {
                self.allowed.fetch_add(1, Ordering::Relaxed);
                continue;
            }
            if !take_one(&mut room) {
                break;
            }
            let secret = String::from_utf8_lossy(&buf[m.start..m.end]).into_owned();
            findings.push(self.finding(buf, &m, secret, origin, &mut lines));
        }
        for d in decoded {
            if !take_one(&mut room) {
                break;
            }
            let mut finding = self.finding(buf, &d.matched, d.secret, origin, &mut lines);
            finding.reasons.push(format!("found inside {} text", d.encoding.as_str()));
            findings.push(finding);
        }
        super::context::annotate_file(origin.path, buf, &mut findings);
        findings
    }

    fn finding(&self, buf: &[u8], m: &Match, secret: String, origin: Origin<'_>, lines: &mut LineCursor) -> Finding {
        let spec = &self.detectors.detectors[m.detector].spec;
        let secret = Secret::new(secret);
        let (line, column) = lines.position(buf, m.start);
        let (end_line, end_column) = lines.clone().position(buf, m.end);
        let key = m.key.clone().or_else(|| assigned_key(&buf[lines.line_start..m.start]));
        let local_key = key.as_deref().is_none_or(|k| !k.contains('.'));
        let parents = if local_key && is_yaml(origin.path) {
            enclosing_yaml_keys(&buf[..m.start])
        } else {
            enclosing_section(&buf[..lines.line_start])
        };
        let key = match (key, parents) {
            (Some(key), Some(parents)) => Some(format!("{parents}.{key}")),
            (key, _) => key,
        };
        Finding {
            rule_id: spec.id.clone(),
            rule_name: spec.name.clone(),
            provider: spec.provider.clone(),
            kind: spec.kind.clone(),
            path: origin.path.to_string(),
            line,
            column,
            end_line,
            end_column,
            commit: origin.commit.map(str::to_string),
            source: origin.source,
            key,
            // A generic detector's keywords are key-name words, not formats: it shows none.
            secret_redacted: if spec.generic { secret.redacted() } else { secret.redacted_with(&spec.keywords) },
            fingerprint: self.fingerprints.of(&spec.provider, secret.expose()).to_string(),
            secret,
            environment: spec.environment,
            scope: spec.scope,
            capabilities: spec.capabilities.clone(),
            blast_radius: 0,
            severity: Severity::Low,
            impact_class: String::new(),
            credential: String::new(),
            reasons: Vec::new(),
            remediation: spec.remediation.clone(),
            introspection: None,
            evidence: Default::default(),
        }
    }

    /// Walks the roots in parallel and scans every text file.
    pub fn scan_tree(&self, options: &WalkOptions, on_file: &(dyn Fn() + Sync)) -> Result<ScanResult> {
        self.scan_tree_with(options, on_file, &|path: &Path, buf: &[u8], _: Part| {
            let path = path.to_string_lossy();
            self.findings_in(buf, Origin { path: &path, source: Source::Workspace, commit: None })
        })
    }

    /// Like [`Scanner::scan_tree`], with `scan_file(path, contents, part)` turning each
    /// file, or each chunk of a large one, into findings (the `reach` command uses
    /// structure where a whole file has it).
    pub fn scan_tree_with(
        &self,
        options: &WalkOptions,
        on_file: &(dyn Fn() + Sync),
        scan_file: &FileScanner<'_>,
    ) -> Result<ScanResult> {
        self.scan_walk(&|stats, visit| walk::walk(options, stats, visit), on_file, scan_file).map(|(result, _)| result)
    }

    /// Like [`Scanner::scan_tree_with`] over any walk: `walk(stats, visit)` calls `visit`
    /// for each file or chunk (the home walk brings its own filter). Returns the walker's
    /// statistics too, for sources that report more than the totals.
    pub fn scan_walk(
        &self,
        walk: &dyn Fn(&WalkStats, &Visit<'_>) -> Result<()>,
        on_file: &(dyn Fn() + Sync),
        scan_file: &FileScanner<'_>,
    ) -> Result<(ScanResult, WalkStats)> {
        let started = Instant::now();
        let stats = WalkStats::default();
        let found: Mutex<Vec<Finding>> = Mutex::new(Vec::new());
        walk(&stats, &|path: &Path, contents: Contents<'_>| {
            let mut local = match contents.chunk {
                None => {
                    on_file();
                    scan_file(path, contents.bytes, Part::Whole)
                }
                Some(chunk) => {
                    if chunk.index == 0 {
                        on_file();
                    }
                    chunk.place(scan_file(path, contents.bytes, Part::Chunk), contents.bytes)
                }
            };
            crate::source::budget::keep(&mut local);
            if !local.is_empty() {
                found.lock().unwrap_or_else(|e| e.into_inner()).append(&mut local);
            }
        })?;
        let skipped = stats.skipped();
        let result = ScanResult {
            findings: found.into_inner().unwrap_or_else(|e| e.into_inner()),
            stats: Stats {
                files: stats.files.load(std::sync::atomic::Ordering::Relaxed),
                bytes: stats.bytes.load(std::sync::atomic::Ordering::Relaxed),
                skipped: skipped.total(),
                skipped_by_reason: skipped,
                elapsed_ms: started.elapsed().as_millis() as u64,
                hidden_by_tree_rules: stats.take_hidden(),
                home: None,
                // The caps in force are filled in by the pipeline, which knows them.
                capped: CapStats { files_capped: stats.capped.load(Ordering::Relaxed), ..CapStats::default() },
                baseline: None,
                ..Stats::default()
            },
            warnings: stats.take_warnings(),
            uri_bases: Vec::new(),
        };
        Ok((result, stats))
    }
}

/// Spends one unit of `room`; when none is left, records the cap and says no.
fn take_one(room: &mut usize) -> bool {
    if *room == 0 {
        crate::source::budget::note_capped();
        return false;
    }
    *room -= 1;
    true
}

/// The variable that usually carries the secret a file holds whole: Rails' master key
/// (`config/master.key`, and `config/credentials/<environment>.key`) is the value of
/// `RAILS_MASTER_KEY` wherever it is not a file.
fn whole_file_variable(path: &str) -> Option<&'static str> {
    let path = path.replace('\\', "/");
    let rails_key = path.ends_with("config/master.key")
        || (path.contains("config/credentials/") && path.ends_with(".key") && !path.ends_with("/.key"));
    rails_key.then_some("RAILS_MASTER_KEY")
}

/// The name a value is assigned to on its line: `NAME=`, `name: `, `"name": "`,
/// `name = '`, `export NAME=`, `name => `. Only the text right before the value counts.
pub fn assigned_key(line_prefix: &[u8]) -> Option<String> {
    let text = std::str::from_utf8(line_prefix).ok()?;
    let text = text.trim_end_matches([' ', '\t', '"', '\'', '`']);
    let text = text.strip_suffix("=>").or_else(|| text.strip_suffix(":=")).or_else(|| text.strip_suffix(['=', ':']))?;
    let text = text.trim_end_matches([' ', '\t', '"', '\'', ']']);
    let start = text
        .char_indices()
        .rev()
        .find(|&(_, c)| !(c.is_ascii_alphanumeric() || "_-.".contains(c)))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let key = &text[start..];
    (!key.is_empty() && key.len() <= 128).then(|| key.to_string())
}

/// The INI/TOML section (`[prod-admin]`, `[profile staging]`, `[server.db]`) that the
/// text ends in, if any: the nearest header line above, read backwards so the cost is
/// only paid for files with findings, and never more than 64 KiB back.
pub fn enclosing_section(before: &[u8]) -> Option<String> {
    const LOOK_BACK: usize = 64 * 1024;
    let floor = before.len().saturating_sub(LOOK_BACK);
    let before = &before[floor..];
    let mut end = before.len();
    while end > 0 {
        let start = memchr::memrchr(b'\n', &before[..end - 1]).map_or(0, |i| i + 1);
        let line = std::str::from_utf8(&before[start..end]).ok()?.trim();
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            let plain = !name.is_empty() && !name.contains(['=', ',', '"', '\'', '[', ']', '{']);
            return plain.then(|| name.trim().to_string());
        }
        end = start;
    }
    None
}

fn is_yaml(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    lower.ends_with(".yml") || lower.ends_with(".yaml")
}

/// The YAML mapping keys that enclose the text's last line (`development.database` for a
/// `password:` under `development:` → `database:`): each nearest line above indented
/// less than the one below it, read backwards only for files with findings and never
/// more than 64 KiB back.
pub fn enclosing_yaml_keys(before: &[u8]) -> Option<String> {
    const LOOK_BACK: usize = 64 * 1024;
    let floor = before.len().saturating_sub(LOOK_BACK);
    let text = String::from_utf8_lossy(&before[floor..]);
    let mut lines = text.lines().rev();
    let current = lines.next()?;
    let mut indent = current.len() - current.trim_start().len();
    let mut keys = Vec::new();
    for line in lines {
        let trimmed = line.trim_start();
        let this = line.len() - trimmed.len();
        if trimmed.is_empty() || trimmed.starts_with('#') || this >= indent {
            continue;
        }
        let item = trimmed.trim_start_matches("- ");
        let Some((name, rest)) = item.split_once(':') else { break };
        let plain = !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || "_.-".contains(c));
        if !plain || !(rest.trim().is_empty() || rest.trim().starts_with('&')) {
            break;
        }
        keys.push(name.to_string());
        indent = this;
        if indent == 0 {
            break;
        }
    }
    (!keys.is_empty()).then(|| keys.into_iter().rev().collect::<Vec<_>>().join("."))
}

/// Turns byte offsets into 1-based line and column (in characters), scanning forward
/// from the previous offset so a file with many matches is read once.
#[derive(Debug, Clone, Default)]
struct LineCursor {
    offset: usize,
    line: usize,
    line_start: usize,
}

impl LineCursor {
    fn position(&mut self, buf: &[u8], offset: usize) -> (usize, usize) {
        if offset < self.offset {
            *self = LineCursor::default();
        }
        let segment = &buf[self.offset..offset];
        self.line += memchr::memchr_iter(b'\n', segment).count();
        if let Some(last_newline) = memchr::memrchr(b'\n', segment) {
            self.line_start = self.offset + last_newline + 1;
        }
        self.offset = offset;
        let column = String::from_utf8_lossy(&buf[self.line_start..offset]).chars().count() + 1;
        (self.line + 1, column)
    }
}

#[cfg(test)]
mod tests {
    use super::LineCursor;

    #[test]
    fn line_and_column_are_one_based_and_crlf_safe() {
        let text = b"a\r\nbb\r\n  key\n";
        let mut cursor = LineCursor::default();
        assert_eq!(cursor.position(text, 0), (1, 1));
        assert_eq!(cursor.position(text, 3), (2, 1));
        assert_eq!(cursor.position(text, 9), (3, 3));
    }

    #[test]
    fn assigned_keys_in_common_syntaxes() {
        use super::assigned_key;
        assert_eq!(assigned_key(b"PROD_KEY=").as_deref(), Some("PROD_KEY"));
        assert_eq!(assigned_key(b"export PROD_KEY=\"").as_deref(), Some("PROD_KEY"));
        assert_eq!(assigned_key(b"  api_key: '").as_deref(), Some("api_key"));
        assert_eq!(assigned_key(b"{\"stripe.secret\": \"").as_deref(), Some("stripe.secret"));
        assert_eq!(assigned_key(b"token => ").as_deref(), Some("token"));
        assert_eq!(assigned_key(b"curl -H 'Authorization: Bearer "), None);
        assert_eq!(assigned_key(b"see "), None);
    }

    #[test]
    fn yaml_parents_come_from_less_indented_keys_above() {
        use super::enclosing_yaml_keys;
        let yaml = b"default: &d\n  adapter: pg\ndevelopment:\n  <<: *d\n  database: dev\n  password: ";
        assert_eq!(enclosing_yaml_keys(yaml).as_deref(), Some("development"));
        let nested = b"spring:\n  datasource:\n    url: x\n    password: ";
        assert_eq!(enclosing_yaml_keys(nested).as_deref(), Some("spring.datasource"));
        assert_eq!(enclosing_yaml_keys(b"password: ").as_deref(), None);
        assert_eq!(enclosing_yaml_keys(b"text: |\n  some prose\n  password: ").as_deref(), None);
    }

    #[test]
    fn sections_come_from_the_nearest_header_above() {
        use super::enclosing_section;
        let ini = b"[default]\nk=1\n\n[profile prod-admin]\nregion=x\n";
        assert_eq!(enclosing_section(ini).as_deref(), Some("profile prod-admin"));
        assert_eq!(enclosing_section(b"a=1\nb=2\n"), None);
        assert_eq!(enclosing_section(b"list:\n  - [1, 2]\n"), None);
    }

    #[test]
    fn a_key_after_a_multibyte_character_is_cut_at_a_char_boundary() {
        assert_eq!(super::assigned_key("±token=".as_bytes()).as_deref(), Some("token"));
        assert_eq!(super::assigned_key("x ±=".as_bytes()), None);
    }

    #[test]
    fn a_rails_master_key_file_is_found_at_its_place() {
        use crate::engine::detect::DetectorSet;
        use crate::model::finding::Source;
        use crate::model::result::Origin;
        let scanner = super::Scanner::new(DetectorSet::load(&[]).unwrap());
        let key = b"7c2e9a4f1b8d3e6a0c5f9b2d7e4a1c8f\n";
        for path in ["config/master.key", "app/config/credentials/production.key"] {
            let found = scanner.findings_in(key, Origin { path, source: Source::Workspace, commit: None });
            assert_eq!(found.len(), 1, "{path}");
            assert_eq!((found[0].rule_id.as_str(), found[0].line, found[0].column), ("rails-master-key", 1, 1));
            assert_eq!(found[0].end_column, 33);
        }
        let elsewhere = Origin { path: "notes/master.key.txt", source: Source::Workspace, commit: None };
        assert!(scanner.findings_in(key, elsewhere).is_empty(), "a bare hex string elsewhere is no finding");
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let text = "é = x".as_bytes();
        assert_eq!(LineCursor::default().position(text, 5), (1, 5));
    }
}
