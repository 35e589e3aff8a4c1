//! `reach` in the home directory beyond the catalogue's exact paths: the bounded walk
//! ([`crate::source::home::walk`]) scanned with the full engine, structure by file type,
//! and the catalogue's identity on what it read. In: the home, the catalogue, the walk's
//! bounds. Out: findings with source `home` and the `stats.home` coverage record.

use super::Progress;
use crate::engine::scan::{Part, Scanner};
use crate::engine::structured;
use crate::model::finding::{Finding, Source};
use crate::model::result::{HomeStats, Origin, ScanBuffer, ScanResult};
use crate::source::budget::Limits;
use crate::source::extract::Format;
use crate::source::home::catalogue::{Resolver, Store};
use crate::source::home::walk::{self, HomeWalk, HomeWalkOptions, OVER_BUDGET};
use anyhow::Result;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

/// What covering the home needs.
pub struct HomeCover<'a> {
    pub scanner: &'a Scanner,
    /// Plain-text scanning as `reach` does it (the credential-field fallback judges
    /// structured fields only).
    pub plain: &'a ScanBuffer<'a>,
    pub resolver: Resolver<'a>,
    /// The catalogue lists read by this run (stores, and histories unless left out).
    pub read: &'a [&'a Store],
    /// Every catalogue list: none of their files is walked, read or not.
    pub all: &'a [&'a Store],
    pub workspace: &'a Path,
    /// `None`: no walk (`--no-home-walk`), only the catalogue's stores.
    pub walk: Option<&'a HomeWalkOptions>,
    pub threads: usize,
    pub limits: Limits,
    pub progress: &'a dyn Progress,
}

impl<'a> HomeCover<'a> {
    /// Names the tool of every finding the catalogue read, walks the rest of the home
    /// when asked, and records what was covered in `result.stats.home`.
    pub fn cover(&self, result: &mut ScanResult) -> Result<()> {
        let read = self.catalogue_paths(self.read);
        name_tools(&mut result.findings, &read);
        let mut stats = HomeStats::default();
        if let Some(options) = self.walk {
            self.progress.source("home directory walk");
            stats = self.walk(options, self.never_walked(), result)?;
        }
        for tool in read.values() {
            *stats.stores.entry(tool.to_string()).or_default() += 1;
        }
        result.stats.home = Some(stats);
        Ok(())
    }

    /// Every existing path of the lists' stores, as the catalogue names it, with its tool.
    fn catalogue_paths(&self, stores: &[&'a Store]) -> HashMap<PathBuf, &'a str> {
        let mut paths = HashMap::new();
        for store in stores {
            for path in self.resolver.paths(store) {
                paths.entry(path).or_insert(store.tool.as_str());
            }
        }
        paths
    }

    /// The files of every catalogue list, as named and as resolved: the catalogue reads
    /// them (or was told not to), the walk never does.
    fn never_walked(&self) -> HashSet<PathBuf> {
        let named = self.catalogue_paths(self.all).into_keys();
        named.flat_map(|path| path.canonicalize().ok().into_iter().chain([path])).collect()
    }

    fn walk(
        &self,
        options: &HomeWalkOptions,
        catalogue: HashSet<PathBuf>,
        result: &mut ScanResult,
    ) -> Result<HomeStats> {
        let home = self.resolver.home;
        let walker =
            HomeWalk::new(home, options, catalogue, Some(self.workspace))?.with_limits(self.threads, self.limits);
        let tick = || self.progress.file();
        let scan_file = |path: &Path, buf: &[u8], part: Part| self.scan_walked(path, buf, part);
        let (mut walked, walk_stats) =
            self.scanner.scan_walk(&|stats, visit| walker.run(stats, visit), &tick, &scan_file)?;
        let stats = walker.stats(&walk_stats);
        if let Some(left) = stats.skipped.get(OVER_BUDGET) {
            result.warnings.push(format!(
                "home walk: byte budget of {} bytes spent, {left} files left unread (raise --home-budget)",
                stats.budget
            ));
        }
        result.findings.append(&mut walked.findings);
        result.warnings.append(&mut walked.warnings);
        let totals = &mut result.stats;
        totals.files += walked.stats.files;
        totals.bytes += walked.stats.bytes;
        totals.skipped += walked.stats.skipped;
        let (sum, add) = (&mut totals.skipped_by_reason, &walked.stats.skipped_by_reason);
        sum.binary += add.binary;
        sum.too_large += add.too_large;
        sum.unreadable += add.unreadable;
        sum.not_regular += add.not_regular;
        sum.timed_out += add.timed_out;
        totals.capped.files_capped += walked.stats.capped.files_capped;
        Ok(stats)
    }

    /// One walked file (or chunk): structure where its type has it, plain text otherwise
    /// or when it does not parse (config files in the wild are often JSON with comments,
    /// still worth a plain scan and not worth a warning). Each finding names the file.
    fn scan_walked(&self, path: &Path, buf: &[u8], part: Part) -> Vec<Finding> {
        let display = path.to_string_lossy();
        let origin = Origin { path: &display, source: Source::Home, commit: None };
        let mut found = match walked_format(path, buf, part) {
            Format::Plain => (self.plain)(buf, origin),
            format => match structured::scan_structured(self.scanner, format, buf, origin) {
                (found, None) => found,
                (_, Some(_)) => (self.plain)(buf, origin),
            },
        };
        let relative = path.strip_prefix(self.resolver.home).unwrap_or(path);
        let reason = format!("found by the home walk in ~/{}, a file outside the store catalogue", relative.display());
        for finding in &mut found {
            finding.reasons.push(reason.clone());
        }
        found
    }
}

/// The format to read a walked file in: none for a chunk of a large file, and a token
/// file of several lines is text, not one value.
fn walked_format(path: &Path, buf: &[u8], part: Part) -> Format {
    match (part, walk::format_for(path)) {
        (Part::Chunk, _) => Format::Plain,
        (Part::Whole, Format::Raw) if buf.trim_ascii().contains(&b'\n') => Format::Plain,
        (Part::Whole, format) => format,
    }
}

/// Adds the catalogue's identity to what it read: "known `tool` store".
fn name_tools(findings: &mut [Finding], read: &HashMap<PathBuf, &str>) {
    for finding in findings.iter_mut().filter(|f| matches!(f.source, Source::Home | Source::History)) {
        if let Some(tool) = read.get(Path::new(&finding.path)) {
            finding.reasons.push(format!("known {tool} store (catalogue)"));
        }
    }
}
