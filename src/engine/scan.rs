//! Matches to findings. Every source (tree walk, git history, home stores, environment)
//! hands buffers to [`Scanner::findings_in`], which runs the detectors and decoders and
//! turns each match into an unclassified [`Finding`] with its position, key name and
//! file evidence; `classify::finish` then classifies and ranks the lot.

use super::decode;
use super::detect::{DetectorSet, Match};
use crate::model::finding::{fingerprint, Finding, Secret, Severity, Source};
use crate::model::result::{Origin, ScanResult, Stats};
use crate::source::walk::{self, Contents, WalkOptions, WalkStats};
use anyhow::Result;
use std::path::Path;
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
}

impl Scanner {
    pub fn new(detectors: DetectorSet) -> Self {
        Scanner { detectors }
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
        let mut findings: Vec<Finding> = matches
            .into_iter()
            .filter(|m| !super::allow::line_allows(buf, m.start))
            .map(|m| {
                self.finding(buf, &m, String::from_utf8_lossy(&buf[m.start..m.end]).into_owned(), origin, &mut lines)
            })
            .collect();
        for d in decoded {
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
        let key = match (key, enclosing_section(&buf[..lines.line_start])) {
            (Some(key), Some(section)) => Some(format!("{section}.{key}")),
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
            secret_redacted: secret.redacted(),
            fingerprint: fingerprint(&spec.provider, secret.expose()),
            secret,
            environment: spec.environment,
            scope: spec.scope,
            capabilities: spec.capabilities.clone(),
            blast_radius: 0,
            severity: Severity::Low,
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
        let started = Instant::now();
        let stats = WalkStats::default();
        let found: Mutex<Vec<Finding>> = Mutex::new(Vec::new());
        walk::walk(options, &stats, |path: &Path, contents: Contents<'_>| {
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
            if !local.is_empty() {
                found.lock().unwrap_or_else(|e| e.into_inner()).append(&mut local);
            }
        })?;
        let skipped = stats.skipped();
        Ok(ScanResult {
            findings: found.into_inner().unwrap_or_else(|e| e.into_inner()),
            stats: Stats {
                files: stats.files.load(std::sync::atomic::Ordering::Relaxed),
                bytes: stats.bytes.load(std::sync::atomic::Ordering::Relaxed),
                skipped: skipped.total(),
                skipped_by_reason: skipped,
                elapsed_ms: started.elapsed().as_millis() as u64,
                baseline: None,
            },
            warnings: stats.take_warnings(),
            uri_bases: Vec::new(),
        })
    }
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
    let start = text.rfind(|c: char| !(c.is_ascii_alphanumeric() || "_-.".contains(c))).map_or(0, |i| i + 1);
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
    fn sections_come_from_the_nearest_header_above() {
        use super::enclosing_section;
        let ini = b"[default]\nk=1\n\n[profile prod-admin]\nregion=x\n";
        assert_eq!(enclosing_section(ini).as_deref(), Some("profile prod-admin"));
        assert_eq!(enclosing_section(b"a=1\nb=2\n"), None);
        assert_eq!(enclosing_section(b"list:\n  - [1, 2]\n"), None);
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
