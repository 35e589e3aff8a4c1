//! Paths left out of a scan. `--exclude` globs come from the person running the scan and
//! hide silently. Rules from files in the scanned tree (a config's `exclude`, and
//! `.blastradiusignore` files, gitignore syntax) may narrow the report too, but never
//! silently: every file they hide is counted against its rule ([`HiddenCounter`]) and
//! the reports list the counts.

use crate::model::result::HiddenCount;
use anyhow::{anyhow, Result};
use ignore::gitignore::{Gitignore, GitignoreBuilder, Glob};
use ignore::Match;
use std::collections::{BTreeMap, HashMap};
use std::hash::BuildHasher;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// The file of path globs (gitignore syntax) that a scanned directory may hold.
pub const IGNORE_FILE: &str = ".blastradiusignore";

/// An ignore file bigger than this is not read (and hides nothing).
pub const MAX_IGNORE_FILE: u64 = 1024 * 1024;

/// Reads an ignore file through the bounded reader; `None` when there is none or it
/// cannot be read safely (then it hides nothing).
pub type ReadIgnoreFile<'a> = &'a dyn Fn(&Path) -> Option<String>;

/// Exclude globs read from a config file, matched relative to `root`.
#[derive(Debug, Clone, Default)]
pub struct ConfigExcludes {
    /// The config file, named in the report next to each glob.
    pub file: PathBuf,
    /// The directory the globs are relative to (the scanned root).
    pub root: PathBuf,
    pub globs: Vec<String>,
}

impl ConfigExcludes {
    fn matcher(&self) -> Result<Gitignore> {
        let mut builder = GitignoreBuilder::new("");
        for glob in &self.globs {
            builder
                .add_line(Some(self.file.clone()), glob)
                .map_err(|e| anyhow!("invalid exclude glob `{glob}` in {}: {e}", self.file.display()))?;
        }
        Ok(builder.build()?)
    }
}

/// How many files each in-tree rule hid, keyed by (file that holds it, pattern).
#[derive(Debug, Default)]
pub struct HiddenCounter(Mutex<BTreeMap<(String, String), u64>>);

impl HiddenCounter {
    fn record(&self, rule: &Rule) {
        *self.0.lock().unwrap_or_else(|e| e.into_inner()).entry(rule.clone()).or_default() += 1;
    }

    /// The counts so far, ordered by file then pattern.
    pub fn counts(&self) -> Vec<HiddenCount> {
        let counts = self.0.lock().unwrap_or_else(|e| e.into_inner());
        counts
            .iter()
            .map(|((file, pattern), &files)| HiddenCount { file: file.clone(), pattern: pattern.clone(), files })
            .collect()
    }
}

/// An in-tree rule: the file that holds it and its pattern as written.
type Rule = (String, String);

fn rule_of(glob: &Glob) -> Rule {
    let file = glob.from().map_or_else(String::new, |p| p.to_string_lossy().into_owned());
    (file, glob.original().to_string())
}

/// Path globs to leave out of git scans, whose paths are relative to the repository root:
/// `--exclude` globs, plus the config's globs and the root's `.blastradiusignore`, which
/// are counted.
pub struct PathFilter {
    flags: Gitignore,
    in_tree: Gitignore,
    pub hidden: HiddenCounter,
}

impl PathFilter {
    /// Builds the filter for a root directory (`None` for a bare repository, or when its
    /// ignore file is refused); `read` reads that file.
    pub fn new(
        root: Option<&Path>,
        excludes: &[String],
        config: Option<&ConfigExcludes>,
        read: ReadIgnoreFile<'_>,
    ) -> Result<Self> {
        let mut flags = GitignoreBuilder::new("");
        for glob in excludes {
            flags.add_line(None, glob).map_err(|e| anyhow!("invalid exclude glob `{glob}`: {e}"))?;
        }
        let mut in_tree = GitignoreBuilder::new("");
        if let Some(config) = config {
            for glob in &config.globs {
                in_tree
                    .add_line(Some(config.file.clone()), glob)
                    .map_err(|e| anyhow!("invalid exclude glob `{glob}`: {e}"))?;
            }
        }
        if let Some(file) = root.map(|r| r.join(IGNORE_FILE)) {
            if let Some(text) = read(&file) {
                add_lines(&mut in_tree, &file, &text);
            }
        }
        Ok(PathFilter { flags: flags.build()?, in_tree: in_tree.build()?, hidden: HiddenCounter::default() })
    }

    /// Is the repository-relative `path` (a file) excluded? In-tree rules count it.
    pub fn excludes(&self, path: &str) -> bool {
        if Path::new(path).has_root() {
            return false;
        }
        if self.flags.matched_path_or_any_parents(path, false).is_ignore() {
            return true;
        }
        match self.in_tree.matched_path_or_any_parents(path, false) {
            Match::Ignore(glob) => {
                self.hidden.record(&rule_of(glob));
                true
            }
            _ => false,
        }
    }
}

/// Adds each line of an ignore file; a line that is not a valid glob is left out (it
/// would hide nothing in git either).
fn add_lines(builder: &mut GitignoreBuilder, file: &Path, text: &str) {
    for line in text.lines() {
        let _ = builder.add_line(Some(file.to_path_buf()), line);
    }
}

/// In-tree rules for a tree walk: the config's globs and the `.blastradiusignore` of
/// every directory walked. Directories are entered (see [`TreeRules::enter_dir`])
/// before their entries, as the walker visits them, so each file's rules are known.
pub struct TreeRules {
    config: Option<(PathBuf, Gitignore)>,
    read_ignore_files: bool,
    /// What applies in each directory entered, keyed by a hash of its path (deep trees
    /// would make the paths themselves cost gigabytes).
    dirs: Mutex<HashMap<u64, DirRules>>,
    hasher: std::collections::hash_map::RandomState,
    pub hidden: HiddenCounter,
}

/// The rules in force in one directory.
#[derive(Clone, Default)]
struct DirRules {
    /// Ignore files of this directory and its ancestors, deepest first.
    ignores: Option<Arc<IgnoreFile>>,
    /// The rule that hid this directory (and so everything below it).
    hidden_by: Option<Arc<Rule>>,
}

struct IgnoreFile {
    dir: PathBuf,
    matcher: Gitignore,
    parent: Option<Arc<IgnoreFile>>,
}

impl TreeRules {
    /// `read_ignore_files: false` (the `reach` command) leaves `.blastradiusignore` files
    /// unread: an agent reads those paths all the same.
    pub fn new(config: Option<&ConfigExcludes>, read_ignore_files: bool) -> Result<Self> {
        let config = config.map(|c| Ok::<_, anyhow::Error>((c.root.clone(), c.matcher()?))).transpose()?;
        Ok(TreeRules {
            config,
            read_ignore_files,
            dirs: Mutex::default(),
            hasher: Default::default(),
            hidden: HiddenCounter::default(),
        })
    }

    /// Records the rules of directory `dir`, entered by the walk (`read` reads its
    /// ignore file); returns whether an in-tree rule hides it.
    pub fn enter_dir(&self, dir: &Path, read: ReadIgnoreFile<'_>) -> bool {
        let parent = self.rules_of_parent(dir);
        let hidden_by = parent.hidden_by.clone().or_else(|| self.matching_rule(&parent, dir, true).map(Arc::new));
        let mut ignores = parent.ignores;
        if hidden_by.is_none() && self.read_ignore_files {
            let file = dir.join(IGNORE_FILE);
            if let Some(text) = read(&file) {
                let mut builder = GitignoreBuilder::new("");
                add_lines(&mut builder, &file, &text);
                if let Ok(matcher) = builder.build() {
                    ignores = Some(Arc::new(IgnoreFile { dir: dir.to_path_buf(), matcher, parent: ignores }));
                }
            }
        }
        let hidden = hidden_by.is_some();
        let key = self.hasher.hash_one(dir);
        self.dirs.lock().unwrap_or_else(|e| e.into_inner()).insert(key, DirRules { ignores, hidden_by });
        hidden
    }

    /// Does an in-tree rule hide the file at `path`? If so it is counted.
    pub fn hides_file(&self, path: &Path) -> bool {
        let parent = self.rules_of_parent(path);
        let rule = parent.hidden_by.as_deref().cloned().or_else(|| self.matching_rule(&parent, path, false));
        match rule {
            Some(rule) => {
                self.hidden.record(&rule);
                true
            }
            None => false,
        }
    }

    fn rules_of_parent(&self, path: &Path) -> DirRules {
        let Some(parent) = path.parent() else { return DirRules::default() };
        let key = self.hasher.hash_one(parent);
        self.dirs.lock().unwrap_or_else(|e| e.into_inner()).get(&key).cloned().unwrap_or_default()
    }

    /// The rule that ignores `path`: the deepest ignore file with an opinion decides (a
    /// `!pattern` there re-includes), then the config's globs.
    fn matching_rule(&self, rules: &DirRules, path: &Path, is_dir: bool) -> Option<Rule> {
        let mut file = rules.ignores.as_deref();
        while let Some(ignore) = file {
            if let Ok(relative) = path.strip_prefix(&ignore.dir) {
                match ignore.matcher.matched(relative, is_dir) {
                    Match::Ignore(glob) => return Some(rule_of(glob)),
                    Match::Whitelist(_) => return None,
                    Match::None => {}
                }
            }
            file = ignore.parent.as_deref();
        }
        let (root, matcher) = self.config.as_ref()?;
        let relative = path.strip_prefix(root).ok().filter(|r| !r.as_os_str().is_empty())?;
        match matcher.matched(relative, is_dir) {
            Match::Ignore(glob) => Some(rule_of(glob)),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(path: &Path) -> Option<String> {
        std::fs::read_to_string(path).ok()
    }

    #[test]
    fn path_filter_matches_globs_and_parent_directories() {
        let filter = PathFilter::new(None, &["vendor/".to_string(), "*.min.js".to_string()], None, &read).unwrap();
        assert!(filter.excludes("vendor/a/b.txt"));
        assert!(filter.excludes("web/app.min.js"));
        assert!(!filter.excludes("src/main.rs"));
        assert!(filter.hidden.counts().is_empty(), "flags hide without counting");
    }

    #[test]
    fn ignore_file_in_root_is_read_and_counted() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(IGNORE_FILE), "fixtures/**\n").unwrap();
        let filter = PathFilter::new(Some(dir.path()), &[], None, &read).unwrap();
        assert!(filter.excludes("fixtures/keys/.env"));
        assert!(filter.excludes("fixtures/b.env"));
        assert!(!filter.excludes("src/.env"));
        let counts = filter.hidden.counts();
        assert_eq!(counts.len(), 1);
        assert_eq!((counts[0].pattern.as_str(), counts[0].files), ("fixtures/**", 2));
        assert!(counts[0].file.ends_with(IGNORE_FILE));
    }

    #[test]
    fn tree_rules_hide_below_ignored_directories_and_count_each_file() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("sub/deep")).unwrap();
        std::fs::write(root.join("sub").join(IGNORE_FILE), "deep/\n*.key\n!keep.key\n").unwrap();
        let config =
            ConfigExcludes { file: root.join(".blastradius.toml"), root: root.into(), globs: vec!["*.log".into()] };
        let rules = TreeRules::new(Some(&config), true).unwrap();
        assert!(!rules.enter_dir(root, &read));
        assert!(!rules.enter_dir(&root.join("sub"), &read));
        assert!(rules.enter_dir(&root.join("sub/deep"), &read));
        assert!(rules.hides_file(&root.join("sub/deep/a.env")));
        assert!(rules.hides_file(&root.join("sub/x.key")));
        assert!(!rules.hides_file(&root.join("sub/keep.key")));
        assert!(!rules.hides_file(&root.join("top.key")), "a subdirectory's file rules only below it");
        assert!(rules.hides_file(&root.join("sub/run.log")));
        let counts: Vec<(String, u64)> = rules.hidden.counts().into_iter().map(|c| (c.pattern, c.files)).collect();
        assert_eq!(counts, [("*.log".to_string(), 1), ("*.key".to_string(), 1), ("deep/".to_string(), 1)]);

        let reach = TreeRules::new(None, false).unwrap();
        reach.enter_dir(root, &read);
        reach.enter_dir(&root.join("sub"), &read);
        assert!(!reach.hides_file(&root.join("sub/x.key")), "ignore files unread");
    }
}
