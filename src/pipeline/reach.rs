//! Agent reach: everything an AI coding agent launched in a workspace could read.
//!
//! Sources, each tagged in the finding's `source`: the workspace tree (git-ignored files
//! included), a catalogue of home-directory credential stores, shell and REPL histories,
//! the workspace's git history and the process environment
//! ([`crate::source::home`]). Structured files go through extraction so values keep their
//! key names. An agent profile then drops what that agent cannot reach and explains what
//! it reaches only through a shell. Nothing here touches the network unless
//! introspection is asked for.

use super::gate::EngineOptions;
use super::Progress;
use crate::engine::detect::DetectorSet;
use crate::engine::provenance;
use crate::engine::scan::{Part, Scanner};
use crate::engine::spec::{self, DetectorSpec};
use crate::engine::structured;
use crate::model::finding::{Finding, Source};
use crate::model::result::{Origin, ScanResult, SkipReason};
use crate::source::budget::{self, Limits, Outcome};
use crate::source::extract::{self, Field, Format, Place};
use crate::source::file::{self, Links};
use crate::source::git::history::HistoryOptions;
use crate::source::home::agent::{self, Reach};
use crate::source::home::catalogue::{self, Catalogue, Resolver, Store};
use crate::source::home::history;
use crate::source::home::walk::HomeWalkOptions;
use crate::source::walk::{self, WalkOptions};
use anyhow::{bail, Context, Result};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicU64;
use std::time::Instant;

/// Detector id of the fallback for secret-named fields in structured files.
pub const CREDENTIAL_FIELD: &str = "credential-field";
const CREDENTIAL_FIELD_TOML: &str = include_str!("credential_field.toml");

/// What `reach` reads.
#[derive(Debug, Clone)]
pub struct ReachOptions {
    /// The workspace the agent is launched in (`.` when `None`).
    pub workspace: Option<PathBuf>,
    /// The home directory to read credential stores and histories from (`$HOME` when
    /// `None`). Override variables (KUBECONFIG, DOCKER_CONFIG, …) are honoured only for
    /// the real `$HOME`.
    pub home: Option<PathBuf>,
    /// The agent profile (see [`agent::PROFILES`]).
    pub agent: String,
    pub env: bool,
    pub history: bool,
    pub git_history: bool,
    /// How to walk the home beyond the catalogue's stores; `None`: no walk.
    pub home_walk: Option<HomeWalkOptions>,
    pub engine: EngineOptions,
    /// Ask providers (read-only) between classification and ranking.
    pub introspect: Option<crate::introspect::Options>,
}

/// Reads everything the agent could reach, classifies and ranks it.
pub fn reach(options: &ReachOptions, progress: &dyn Progress) -> Result<(Scanner, ScanResult)> {
    let started = Instant::now();
    let scanner = Scanner::new(reach_detectors(&options.engine.detectors)?)
        .with_fingerprint_key(options.engine.fingerprint_key.clone());
    let dirs = Dirs::resolve(options)?;
    let profile = agent::by_name(&options.agent).context("unknown agent profile")?;
    let mut result = collect(options, &dirs, profile, &scanner, progress)?;
    let reach = Reach::load(profile, &dirs.workspace, &dirs.home, &dirs.vars, &mut result.warnings);
    result.findings = keep_reachable(result.findings, &reach);
    match &options.introspect {
        Some(introspect) => crate::introspect::finish_introspected(&scanner, &mut result.findings, introspect),
        None => crate::classify::finish(&scanner, &mut result.findings),
    }
    lead_with_access(&mut result.findings);
    result.stats.inline_allowed = scanner.inline_allowed();
    super::gate::cap_run(&mut result, &options.engine);
    result.uri_bases = vec![("%SRCROOT%".to_string(), dirs.workspace), ("HOME".to_string(), dirs.home)];
    result.stats.elapsed_ms = started.elapsed().as_millis() as u64;
    Ok((scanner, result))
}

/// The workspace, the home directory and the override variables honoured for it.
struct Dirs {
    workspace: PathBuf,
    home: PathBuf,
    /// The process environment when `home` is the real `$HOME`, else empty.
    vars: HashMap<String, String>,
}

impl Dirs {
    fn resolve(args: &ReachOptions) -> Result<Dirs> {
        let real_home = std::env::var_os("HOME").map(PathBuf::from);
        let home = match (&args.home, &real_home) {
            (Some(home), _) | (None, Some(home)) => absolute(home)?,
            (None, None) => bail!("no home directory: set HOME or pass --home"),
        };
        let workspace = absolute(args.workspace.as_deref().unwrap_or(Path::new(".")))?;
        if !workspace.is_dir() {
            bail!("workspace `{}` is not a directory", workspace.display());
        }
        let is_real_home = real_home.as_deref().and_then(|h| absolute(h).ok()).is_some_and(|h| same_dir(&h, &home));
        let vars = if is_real_home { std::env::vars().collect() } else { HashMap::new() };
        Ok(Dirs { workspace, home, vars })
    }
}

/// Reads every source the profile can reach and the flags leave in.
fn collect(
    args: &ReachOptions,
    dirs: &Dirs,
    profile: &agent::Profile,
    scanner: &Scanner,
    progress: &dyn Progress,
) -> Result<ScanResult> {
    let mut result = ScanResult::default();
    let catalogue = catalogue::catalogue()?;
    if contains_home(&dirs.workspace, &dirs.home) {
        result.warnings.push(format!(
            "workspace {} holds the home directory: not walked (it can hold gigabytes of caches); \
             the home-store catalogue covers it, pass --workspace for a project",
            dirs.workspace.display()
        ));
    } else {
        progress.source("workspace");
        let mut workspace_result = scan_workspace(scanner, catalogue, &dirs.workspace, &args.engine, progress)?;
        result.findings.append(&mut workspace_result.findings);
        result.warnings.append(&mut workspace_result.warnings);
        result.stats = workspace_result.stats;
    }
    let reader = HomeReader {
        scanner,
        catalogue,
        home: &dirs.home,
        vars: &dirs.vars,
        max_size: walk::buffer_limit(args.engine.max_file_size),
        limits: args.engine.file_limits(),
        progress,
    };
    if agent::reaches(profile, Source::Home) {
        progress.source("home-directory credential stores");
        reader.scan_stores(catalogue.credential_stores(), Source::Home, &mut result);
    }
    if args.history && agent::reaches(profile, Source::History) {
        progress.source("shell histories");
        reader.scan_stores(catalogue.histories(), Source::History, &mut result);
    }
    if agent::reaches(profile, Source::Home) {
        let history = args.history && agent::reaches(profile, Source::History);
        let stores: Vec<&Store> = catalogue.credential_stores().collect();
        let all: Vec<&Store> = stores.iter().copied().chain(catalogue.histories()).collect();
        let read = if history { &all[..] } else { &stores[..] };
        let plain = |buf: &[u8], origin: Origin<'_>| plain_findings(scanner, buf, origin);
        let cover = super::home::HomeCover {
            scanner,
            plain: &plain,
            resolver: Resolver { home: &dirs.home, vars: &dirs.vars },
            read,
            all: &all,
            workspace: &dirs.workspace,
            walk: args.home_walk.as_ref(),
            threads: args.engine.threads,
            limits: args.engine.file_limits(),
            progress,
        };
        cover.cover(&mut result)?;
    }
    if args.env && agent::reaches(profile, Source::Env) {
        progress.source("environment");
        result.findings.extend(scan_environment(scanner));
    }
    if args.git_history && agent::reaches(profile, Source::GitHistory) && dirs.workspace.join(".git").exists() {
        progress.source("git history");
        scan_git_history(scanner, &args.engine, &dirs.workspace, &mut result);
    }
    dedupe_locations(&mut result.findings);
    Ok(result)
}

/// Structured extraction and plain scanning can both report the same text; one finding
/// per location is kept, a detector's over the `credential-field` fallback.
fn dedupe_locations(findings: &mut Vec<crate::model::finding::Finding>) {
    findings.sort_by(|a, b| {
        (a.source, &a.path, a.line, a.column, a.rule_id == "credential-field").cmp(&(
            b.source,
            &b.path,
            b.line,
            b.column,
            b.rule_id == "credential-field",
        ))
    });
    findings.dedup_by(|later, kept| {
        later.source == kept.source
            && later.path == kept.path
            && (later.line, later.column, later.end_line, later.end_column)
                == (kept.line, kept.column, kept.end_line, kept.end_column)
    });
}

/// Secrets an agent can recover with `git log -p`: those in the workspace's history that
/// are no longer in its working tree (the ones still there are already reported).
fn scan_git_history(scanner: &Scanner, engine: &EngineOptions, workspace: &Path, result: &mut ScanResult) {
    let capped = AtomicU64::new(0);
    let scan_buffer = |buf: &[u8], origin: Origin<'_>| super::gate::capped_scan(scanner, engine, &capped, buf, origin);
    let options = HistoryOptions { max_file_size: crate::source::walk::MAX_BUFFERED, ..Default::default() };
    let history = crate::source::git::history::scan_with(&scan_buffer, workspace, &options);
    result.stats.capped.files_capped += capped.into_inner();
    match history {
        Ok(history) => {
            result.warnings.extend(history.warnings);
            let current: std::collections::HashSet<String> = result
                .findings
                .iter()
                .filter(|f| f.source == Source::Workspace)
                .map(|f| f.fingerprint.clone())
                .collect();
            result.findings.extend(history.findings.into_iter().filter(|f| !current.contains(&f.fingerprint)));
        }
        Err(err) => result.warnings.push(format!("git history of {}: {err:#}; skipped", workspace.display())),
    }
}

/// Built-in and extra detectors, plus the credential-field fallback unless a detector
/// file already defines it: the detectors `reach` runs.
pub fn reach_detectors(extra: &[PathBuf]) -> Result<DetectorSet> {
    let mut specs: Vec<DetectorSpec> = spec::load(extra)?;
    if !specs.iter().any(|s| s.id == CREDENTIAL_FIELD) {
        specs.extend(spec::parse_file(CREDENTIAL_FIELD_TOML).context("credential-field detector")?);
    }
    DetectorSet::new(specs)
}

/// A path made absolute against the current directory, without resolving symlinks.
fn absolute(path: &Path) -> Result<PathBuf> {
    std::path::absolute(path).with_context(|| format!("cannot resolve `{}`", path.display()))
}

/// Is the home directory the workspace or inside it?
fn contains_home(workspace: &Path, home: &Path) -> bool {
    let canonical = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
    canonical(home).starts_with(canonical(workspace))
}

fn same_dir(a: &Path, b: &Path) -> bool {
    a == b || matches!((a.canonicalize(), b.canonicalize()), (Ok(x), Ok(y)) if x == y)
}

/// What every home and history read needs.
struct HomeReader<'a> {
    scanner: &'a Scanner,
    catalogue: &'a Catalogue,
    home: &'a Path,
    vars: &'a HashMap<String, String>,
    max_size: u64,
    /// Each store's budget, the same as a workspace file's.
    limits: Limits,
    progress: &'a dyn Progress,
}

impl HomeReader<'_> {
    /// Reads every existing path of every store once (by canonical path).
    fn scan_stores<'s>(&self, stores: impl Iterator<Item = &'s Store>, source: Source, result: &mut ScanResult) {
        let resolver = Resolver { home: self.home, vars: self.vars };
        let mut seen: HashSet<PathBuf> = HashSet::new();
        for store in stores {
            for path in resolver.paths(store) {
                let Some(real) = self.resolve(&path, result) else { continue };
                if !seen.insert(real.clone()) {
                    continue;
                }
                self.progress.file();
                let display = path.to_string_lossy().into_owned();
                let (found, outcome) = budget::within(self.limits, || {
                    let mut found = match source {
                        Source::History => self.scan_history(store, &real, &display, result),
                        _ => self.scan_store(store, &real, &display, result),
                    };
                    budget::keep(&mut found);
                    found
                });
                record_outcome(result, &path, outcome, self.limits);
                result.findings.extend(found);
            }
        }
    }

    /// The real path behind `path`. A symlink anywhere on the way is followed with a
    /// warning when its target is a regular file (an agent follows it too, wherever it
    /// points); a link to anything else (a device, a FIFO, a directory) is never opened,
    /// and a dangling or unresolvable one is skipped, each with a warning.
    fn resolve(&self, path: &Path, result: &mut ScanResult) -> Option<PathBuf> {
        let real = match path.canonicalize() {
            Ok(real) => real,
            Err(err) if err.kind() == std::io::ErrorKind::PermissionDenied => {
                result.stats.skipped += 1;
                result.stats.skipped_by_reason.unreadable += 1;
                result.warnings.push(format!(
                    "{}: cannot be read (a directory on the way is not searchable: {err}), skipped",
                    path.display()
                ));
                return None;
            }
            Err(err) => {
                result.warnings.push(format!("{}: cannot resolve ({err}), skipped", path.display()));
                return None;
            }
        };
        let expected = self.home.canonicalize().ok().and_then(|h| path.strip_prefix(self.home).ok().map(|r| h.join(r)));
        let linked = expected.as_deref().is_some_and(|e| e != real) || (expected.is_none() && real != path);
        if !linked {
            return Some(real);
        }
        if !std::fs::metadata(&real).is_ok_and(|meta| meta.is_file()) {
            result.stats.skipped += 1;
            result.stats.skipped_by_reason.not_regular += 1;
            result.warnings.push(format!(
                "{}: symlink to {}, not a regular file: not opened, skipped",
                path.display(),
                real.display()
            ));
            return None;
        }
        result.warnings.push(format!("{}: symlink to {}, read the target", path.display(), real.display()));
        Some(real)
    }

    /// Reads a regular file, warning about anything else.
    fn read(&self, real: &Path, display: &str, result: &mut ScanResult) -> Option<Vec<u8>> {
        let mut buf = Vec::new();
        match walk::read_text_file(real, self.max_size, &mut buf) {
            Ok(()) => {
                result.stats.files += 1;
                result.stats.bytes += buf.len() as u64;
                Some(buf)
            }
            Err(reason) => {
                skip(result, reason, display);
                None
            }
        }
    }

    fn scan_store(&self, store: &Store, real: &Path, display: &str, result: &mut ScanResult) -> Vec<Finding> {
        let origin = Origin { path: display, source: Source::Home, commit: None };
        if store.format == Format::Sqlite {
            return self.scan_sqlite(store, real, origin, result);
        }
        let Some(buf) = self.read(real, display, result) else { return Vec::new() };
        let (found, error) = scan_known_store(self.scanner, self.catalogue, store, &buf, origin);
        if let Some(err) = error {
            result.warnings.push(format!("{display}: not valid {} ({err}); scanned as plain text", store.tool));
        }
        found
    }

    fn scan_sqlite(&self, store: &Store, real: &Path, origin: Origin<'_>, result: &mut ScanResult) -> Vec<Finding> {
        match std::fs::metadata(real) {
            Ok(meta) if meta.is_file() => {}
            _ => {
                skip(result, SkipReason::NotRegular, origin.path);
                return Vec::new();
            }
        }
        match extract::extract_sqlite(real) {
            Ok(fields) => {
                result.stats.files += 1;
                provenance::scan_store_fields(self.scanner, self.catalogue, store, &fields, None, origin)
            }
            Err(err) => {
                result.warnings.push(format!("{}: {err}; skipped", origin.path));
                Vec::new()
            }
        }
    }

    /// A history file: command-shaped secrets as fields, plus plain scanning of the
    /// text. A file over the size limit is scanned from its end (the newest commands).
    fn scan_history(&self, store: &Store, real: &Path, display: &str, result: &mut ScanResult) -> Vec<Finding> {
        let origin = Origin { path: display, source: Source::History, commit: None };
        let buf = match read_tail(real, self.max_size) {
            Ok((buf, truncated)) => {
                if truncated {
                    result.warnings.push(format!(
                        "{display}: larger than {} bytes, only the newest {} bytes scanned",
                        self.max_size, self.max_size
                    ));
                }
                buf
            }
            Err(reason) => {
                skip(result, reason, display);
                return Vec::new();
            }
        };
        result.stats.files += 1;
        result.stats.bytes += buf.len() as u64;
        let text = String::from_utf8_lossy(&buf);
        let fields = history::fields(&text);
        let mut found = structured::scan_fields(self.scanner, &fields, Some(text.as_bytes()), origin);
        let mut spots = structured::Spots::of(&found);
        for finding in plain_findings(self.scanner, text.as_bytes(), origin) {
            if spots.insert(&finding) {
                found.push(finding);
            }
        }
        provenance::apply(self.scanner, self.catalogue, store, &mut found);
        found
    }
}

/// A file of a catalogue store: its fields with the store's identity, or, for plain-text
/// stores and files that do not parse, plain scanning with the identity applied by key.
/// A parse error is returned alongside so the caller can warn.
fn scan_known_store(
    scanner: &Scanner,
    catalogue: &Catalogue,
    store: &Store,
    buf: &[u8],
    origin: Origin<'_>,
) -> (Vec<Finding>, Option<crate::model::parse_error::ParseError>) {
    let mut error = None;
    if store.format != Format::Plain {
        match extract::extract(store.format, buf) {
            Ok(fields) => {
                return (provenance::scan_store_fields(scanner, catalogue, store, &fields, Some(buf), origin), None)
            }
            Err(err) => error = Some(err),
        }
    }
    let mut found = scanner.findings_in(buf, origin);
    provenance::apply(scanner, catalogue, store, &mut found);
    (found, error)
}

/// Counts and explains a store whose scan stopped at its time budget or a cap.
fn record_outcome(result: &mut ScanResult, path: &Path, outcome: Outcome, limits: Limits) {
    if outcome.timed_out {
        result.stats.skipped_by_reason.timed_out += 1;
        result.stats.skipped += 1;
        result
            .warnings
            .push(format!("{}: scan stopped at the per-file time budget; earlier findings kept", path.display()));
    }
    if outcome.capped {
        result.stats.capped.files_capped += 1;
        result.warnings.push(walk::capped_warning(path, limits));
    }
}

fn skip(result: &mut ScanResult, reason: SkipReason, display: &str) {
    let counts = &mut result.stats.skipped_by_reason;
    let what = match reason {
        SkipReason::Binary => {
            counts.binary += 1;
            "binary"
        }
        SkipReason::TooLarge => {
            counts.too_large += 1;
            "too large"
        }
        SkipReason::Unreadable => {
            counts.unreadable += 1;
            "cannot be read"
        }
        SkipReason::NotRegular => {
            counts.not_regular += 1;
            "not a regular file"
        }
        SkipReason::TimedOut => {
            counts.timed_out += 1;
            "out of time"
        }
    };
    result.stats.skipped += 1;
    result.warnings.push(format!("{display}: {what}, skipped"));
}

/// The last `max` bytes of a regular file (opened without following a final symlink or
/// blocking), and whether anything before them was left out.
fn read_tail(path: &Path, max: u64) -> std::result::Result<(Vec<u8>, bool), SkipReason> {
    use std::io::{Read, Seek, SeekFrom};
    let mut buf = Vec::new();
    match walk::read_regular_file(path, max, &mut buf) {
        Ok(()) => return Ok((buf, false)),
        Err(SkipReason::TooLarge) => {}
        Err(other) => return Err(other),
    }
    let (mut file, len) = file::open_regular(path, Links::Refuse).map_err(SkipReason::from)?;
    file.seek(SeekFrom::Start(len.saturating_sub(max))).map_err(|_| SkipReason::Unreadable)?;
    file.take(max).read_to_end(&mut buf).map_err(|_| SkipReason::Unreadable)?;
    // Drop the partial first line.
    let start = memchr::memchr(b'\n', &buf).map_or(0, |i| i + 1);
    buf.drain(..start);
    Ok((buf, true))
}

/// Plain scanning: every detector except the credential-field fallback, which only
/// judges structured fields.
fn plain_findings(scanner: &Scanner, buf: &[u8], origin: Origin<'_>) -> Vec<Finding> {
    let mut found = scanner.findings_in(buf, origin);
    found.retain(|f| f.rule_id != CREDENTIAL_FIELD);
    found
}

/// The workspace tree, git-ignored files included; files with a known structure
/// (`.env*`, tfstate, netrc, MCP configs, Kubernetes Secret manifests, …) are extracted.
fn scan_workspace(
    scanner: &Scanner,
    catalogue: &Catalogue,
    workspace: &Path,
    engine: &EngineOptions,
    progress: &dyn Progress,
) -> Result<ScanResult> {
    // An agent reads what a `.blastradiusignore` lists all the same: reach never reads one.
    let options = WalkOptions { read_ignore_files: false, ..engine.walk(vec![workspace.to_path_buf()]) };
    let warnings = std::sync::Mutex::new(Vec::new());
    let tick = || progress.file();
    let scan_file = |path: &Path, buf: &[u8], part: Part| -> Vec<Finding> {
        let relative = path.strip_prefix(workspace).unwrap_or(path).to_string_lossy().into_owned();
        let origin = Origin { path: &relative, source: Source::Workspace, commit: None };
        if let (Part::Whole, Some(store)) = (part, catalogue.workspace_store(&relative)) {
            let (found, error) = scan_known_store(scanner, catalogue, store, buf, origin);
            if let Some(err) = error {
                let warning = format!("{relative}: not valid {} ({err}); scanned as plain text", store.tool);
                warnings.lock().unwrap_or_else(|e| e.into_inner()).push(warning);
            }
            return found;
        }
        let format = if part == Part::Whole { workspace_format(path, buf) } else { None };
        let Some(format) = format else { return plain_findings(scanner, buf, origin) };
        let (found, error) = structured::scan_structured(scanner, format, buf, origin);
        if let Some(err) = error {
            warnings
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push(format!("{relative}: {err}; scanned as plain text"));
            return plain_findings(scanner, buf, origin);
        }
        found
    };
    let mut result = scanner.scan_tree_with(&options, &tick, &scan_file)?;
    result.warnings.extend(warnings.into_inner().unwrap_or_else(|e| e.into_inner()));
    Ok(result)
}

/// Structure worth extracting in a workspace file: credential file names, Terraform
/// state, agent/MCP configs and Kubernetes Secret manifests. Other JSON/YAML/TOML files
/// are scanned as plain text.
fn workspace_format(path: &Path, buf: &[u8]) -> Option<Format> {
    let format = extract::format_for_name(path)?;
    let name = path.file_name()?.to_string_lossy().to_ascii_lowercase();
    let parent = path.parent().and_then(|p| p.file_name()).map(|n| n.to_string_lossy().to_ascii_lowercase());
    let agent_config =
        matches!(parent.as_deref(), Some(".cursor" | ".vscode" | ".claude" | ".gemini" | ".roo" | ".codex"));
    match format {
        Format::Json => {
            (name.contains("tfstate") || name.ends_with("mcp.json") || (agent_config && name.ends_with(".json")))
                .then_some(Format::Json)
        }
        Format::Yaml => (memchr::memmem::find(buf, b"kind: Secret").is_some()).then_some(Format::Yaml),
        Format::Toml => agent_config.then_some(Format::Toml),
        other => Some(other),
    }
}

/// Every variable of this process's environment, as `env:NAME`.
fn scan_environment(scanner: &Scanner) -> Vec<Finding> {
    let mut found = Vec::new();
    for (name, value) in std::env::vars_os() {
        let (Some(name), Some(value)) = (name.to_str(), value.to_str()) else { continue };
        let path = format!("env:{name}");
        let field = Field {
            key: name.to_string(),
            value: value.to_string(),
            place: Place::Bytes { offset: 0, len: value.len(), verbatim: true },
        };
        let origin = Origin { path: &path, source: Source::Env, commit: None };
        found.extend(structured::scan_fields(scanner, &[field], Some(value.as_bytes()), origin));
    }
    found
}

/// Applies the credential-field key check and the agent profile.
fn keep_reachable(findings: Vec<Finding>, reach: &Reach) -> Vec<Finding> {
    let mut kept = Vec::with_capacity(findings.len());
    for mut finding in findings {
        if finding.rule_id == CREDENTIAL_FIELD && !credential_value(&finding) {
            continue;
        }
        let Some(access) = reach.judge(&finding) else { continue };
        let mut reasons = access.reasons.into_iter();
        if let Some(first) = reasons.next() {
            if access.decides {
                finding.evidence.access_lead = Some(first.clone());
            }
            finding.reasons.insert(0, first);
        }
        finding.reasons.extend(reasons);
        kept.push(finding);
    }
    kept
}

/// Puts the agent's access nuance back in front of the reasons classification reordered,
/// where it decided the finding (file tools denied, the shell still reads it): that is
/// what the reader of `why:` needs to know first.
fn lead_with_access(findings: &mut [Finding]) {
    for finding in findings {
        let Some(lead) = finding.evidence.access_lead.take() else { continue };
        if let Some(at) = finding.reasons.iter().position(|r| *r == lead) {
            let reason = finding.reasons.remove(at);
            finding.reasons.insert(0, reason);
        }
    }
}

/// A credential-field match counts when its key names a secret and its value is not a
/// path, URL, e-mail address, reference or keyring marker.
fn credential_value(finding: &Finding) -> bool {
    if finding.evidence.store.is_some() {
        // The store says this key path holds a secret, whatever the key is called.
        return !looks_like_non_secret(finding.secret.expose());
    }
    let key = finding.key.as_deref().unwrap_or("");
    let leaf = key.rsplit('.').next().unwrap_or(key);
    let value = finding.secret.expose();
    names_secret(leaf) && !looks_like_non_secret(value)
}

/// Words of an identifier: split on non-alphanumerics and lower→upper case changes.
fn words(identifier: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut previous_lower = false;
    for c in identifier.chars() {
        if !c.is_ascii_alphanumeric() {
            previous_lower = false;
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
            continue;
        }
        if c.is_ascii_uppercase() && previous_lower && !current.is_empty() {
            out.push(std::mem::take(&mut current));
        }
        previous_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
        current.push(c.to_ascii_lowercase());
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// Does a key name say its value is a secret? `password`, `token`, `secret`, `api_key`,
/// `authToken`, … but not `token_file`, `password_command` or `aws_access_key_id`.
pub fn names_secret(key: &str) -> bool {
    const SECRET_WORDS: &[&str] = &[
        "password",
        "passwd",
        "pwd",
        "pass",
        "secret",
        "token",
        "apikey",
        "credential",
        "credentials",
        "auth",
        "authtoken",
        "accesstoken",
        "passphrase",
        "privatekey",
    ];
    const NOT_SECRET_LAST: &[&str] = &[
        "file",
        "path",
        "dir",
        "url",
        "uri",
        "sock",
        "socket",
        "helper",
        "id",
        "type",
        "expiry",
        "expires",
        "expiration",
        "at",
        "name",
        "user",
        "username",
        "method",
        "command",
        "cmd",
        "process",
        "store",
        "endpoint",
        "host",
        "env",
        "var",
        "length",
        "count",
        "provider",
        "mode",
        "source",
    ];
    let words = words(key);
    let Some(last) = words.last() else { return false };
    if NOT_SECRET_LAST.contains(&last.as_str()) {
        return false;
    }
    let pairs = words.windows(2).any(|w| {
        matches!((w[0].as_str(), w[1].as_str()), ("api" | "access" | "private" | "secret" | "auth" | "signing", "key"))
    });
    pairs || words.iter().any(|w| SECRET_WORDS.contains(&w.as_str()))
}

fn looks_like_non_secret(value: &str) -> bool {
    let lower = value.to_ascii_lowercase();
    value.starts_with(['/', '~', '.'])
        || (lower.contains("://") && !lower.contains('@'))
        || (value.contains('@') && !value.contains(':') && value.contains('.'))
        || lower.contains("keyring")
        || lower.contains("keychain")
        || lower.starts_with("op://")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_names_are_recognised_by_words() {
        for key in
            ["password", "DB_PASSWORD", "_authToken", "aws_secret_access_key", "api-key", "oauth_token", "apiKey"]
        {
            assert!(names_secret(key), "{key}");
        }
        for key in ["aws_access_key_id", "token_file", "passwordCommand", "author", "credential_process", "username"] {
            assert!(!names_secret(key), "{key}");
        }
    }
}
