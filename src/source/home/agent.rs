//! Agent profiles: what an agent can read by default, as data. A profile says whether
//! the agent runs on this machine, whether it has a shell (which reads anything the user
//! can), whether its file tools leave the workspace, and which ignore files and deny
//! settings its file tools honour. Facts: `credential-locations.md` §5; the README's
//! "Agent reach" section states each profile's assumptions.

use crate::model::finding::{Finding, Source};
use crate::model::parse_error::ParseError;
use anyhow::{anyhow, bail, Result};
use globset::{GlobBuilder, GlobMatcher};
use ignore::gitignore::{Gitignore, GitignoreBuilder};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// What one agent can reach by default.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Profile {
    pub name: &'static str,
    /// Runs on the user's machine. Cloud agents see only the repository.
    pub local: bool,
    /// Has a shell or terminal tool (possibly behind an approval prompt).
    pub shell: bool,
    /// Its built-in file tools read outside the workspace.
    pub file_tools_leave_workspace: bool,
    /// Its shell inherits the launching environment.
    pub inherits_env: bool,
    /// The repository it sees holds only what git tracks (a fresh clone).
    pub tracked_files_only: bool,
    /// Ignore files its file tools honour, read from the workspace root.
    pub ignore_files: &'static [&'static str],
    /// Patterns its file tools ignore out of the box (gitignore syntax).
    pub builtin_ignores: &'static [&'static str],
    /// Claude Code `permissions.deny` `Read(...)` rules apply to its file tools.
    pub claude_deny_rules: bool,
    /// Codex `shell_environment_policy` decides which variables its shell sees.
    pub codex_env_policy: bool,
}

const fn profile(name: &'static str) -> Profile {
    Profile {
        name,
        local: true,
        shell: true,
        file_tools_leave_workspace: true,
        inherits_env: true,
        tracked_files_only: false,
        ignore_files: &[],
        builtin_ignores: &[],
        claude_deny_rules: false,
        codex_env_policy: false,
    }
}

/// Every profile `--agent` accepts.
pub static PROFILES: &[Profile] = &[
    profile("any"),
    Profile { claude_deny_rules: true, ..profile("claude-code") },
    Profile {
        file_tools_leave_workspace: false,
        ignore_files: &[".cursorignore", ".gitignore"],
        builtin_ignores: &[".env", ".env.*"],
        ..profile("cursor")
    },
    Profile { codex_env_policy: true, ..profile("codex") },
    Profile {
        local: false,
        file_tools_leave_workspace: false,
        inherits_env: false,
        tracked_files_only: true,
        ..profile("copilot-agent")
    },
    Profile { file_tools_leave_workspace: false, ..profile("copilot-vscode") },
    Profile {
        file_tools_leave_workspace: false,
        ignore_files: &[".geminiignore", ".aiexclude", ".gitignore"],
        ..profile("gemini-cli")
    },
    Profile {
        shell: false,
        file_tools_leave_workspace: false,
        inherits_env: false,
        ignore_files: &[".aiderignore", ".gitignore"],
        ..profile("aider")
    },
    Profile {
        file_tools_leave_workspace: false,
        ignore_files: &[".codeiumignore", ".gitignore"],
        ..profile("windsurf")
    },
    Profile { file_tools_leave_workspace: false, ignore_files: &[".clineignore"], ..profile("cline") },
];

/// The profile named `name`.
pub fn by_name(name: &str) -> Option<&'static Profile> {
    PROFILES.iter().find(|p| p.name == name)
}

/// A profile with the workspace's and home's ignore files and deny settings loaded.
pub struct Reach {
    pub profile: &'static Profile,
    workspace: PathBuf,
    ignores: Option<Gitignore>,
    gitignore: Option<Gitignore>,
    deny: Vec<(GlobMatcher, String)>,
    env_policy: EnvPolicy,
}

/// Codex `shell_environment_policy`, as far as it decides which variables a shell sees.
#[derive(Debug, Default)]
struct EnvPolicy {
    inherit_none: bool,
    exclude: Vec<GlobMatcher>,
    include_only: Vec<GlobMatcher>,
}

/// How an agent reaches a finding it keeps.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Access {
    /// Reasons to add to the finding; the first goes in front.
    pub reasons: Vec<String>,
    /// The first reason decides the finding: the agent's file tools may not read it but
    /// its shell can, so it leads `why:` even after classification adds its own lead.
    pub decides: bool,
}

impl Access {
    fn plain(reasons: Vec<String>) -> Access {
        Access { reasons, decides: false }
    }

    fn deciding(reason: String) -> Access {
        Access { reasons: vec![reason], decides: true }
    }
}

impl Reach {
    /// Loads what `profile` honours. `warnings` collects unreadable or malformed settings.
    pub fn load(
        profile: &'static Profile,
        workspace: &Path,
        home: &Path,
        vars: &HashMap<String, String>,
        warnings: &mut Vec<String>,
    ) -> Reach {
        let ignores = (!profile.ignore_files.is_empty() || !profile.builtin_ignores.is_empty())
            .then(|| ignore_matcher(workspace, profile.ignore_files, profile.builtin_ignores, warnings));
        let gitignore =
            profile.tracked_files_only.then(|| ignore_matcher(workspace, &[".gitignore"], &[".git/"], warnings));
        let deny =
            if profile.claude_deny_rules { claude_deny_rules(workspace, home, vars, warnings) } else { Vec::new() };
        let env_policy =
            if profile.codex_env_policy { codex_env_policy(home, vars, warnings) } else { EnvPolicy::default() };
        Reach { profile, workspace: workspace.to_path_buf(), ignores, gitignore, deny, env_policy }
    }

    /// Decides whether the agent reaches a finding. `Some(access)` keeps it with the
    /// reasons to add (the first goes in front); `None` drops it.
    pub fn judge(&self, finding: &Finding) -> Option<Access> {
        let p = self.profile;
        if p.name == "any" {
            return Some(Access::plain(Vec::new()));
        }
        match finding.source {
            Source::Workspace | Source::Staged => self.judge_workspace(finding),
            Source::GitHistory => (p.shell || p.tracked_files_only)
                .then(|| Access::plain(vec![format!("{} can run `git log -p` and read it", p.name)])),
            Source::Home | Source::History => self.judge_outside(finding),
            Source::Env => self.judge_env(finding).map(Access::plain),
        }
    }

    fn judge_workspace(&self, finding: &Finding) -> Option<Access> {
        let p = self.profile;
        let relative = Path::new(&finding.path);
        if let Some(gitignore) = &self.gitignore {
            if gitignore.matched_path_or_any_parents(relative, false).is_ignore() {
                return None;
            }
        }
        let denied_by = self.ignored_by(relative).or_else(|| self.denied_by(&self.workspace.join(relative)));
        match denied_by {
            None => Some(Access::plain(vec![format!("{}'s file tools read workspace files", p.name)])),
            Some(why) if p.shell => Some(Access::deciding(format!(
                "{why} hides it from {}'s file tools, but its shell can still read it (`cat`, `grep`)",
                p.name
            ))),
            Some(_) => None,
        }
    }

    fn judge_outside(&self, finding: &Finding) -> Option<Access> {
        let p = self.profile;
        if !p.local {
            return None;
        }
        let denied = self.denied_by(Path::new(&finding.path));
        match (p.file_tools_leave_workspace, denied, p.shell) {
            (true, None, _) => Some(Access::plain(vec![format!("{}'s file tools read outside the workspace", p.name)])),
            (_, Some(why), true) => Some(Access::deciding(format!(
                "{why} hides it from {}'s file tools, but its shell can still read it",
                p.name
            ))),
            (false, None, true) => Some(Access::deciding(format!(
                "outside the workspace: {}'s file tools stay in the workspace, but its shell can read it",
                p.name
            ))),
            (_, _, false) => None,
        }
    }

    fn judge_env(&self, finding: &Finding) -> Option<Vec<String>> {
        let p = self.profile;
        if !p.local || !p.inherits_env || !p.shell {
            return None;
        }
        let name = finding.path.strip_prefix("env:").unwrap_or(&finding.path);
        let policy = &self.env_policy;
        if policy.inherit_none
            || policy.exclude.iter().any(|g| g.is_match(name))
            || (!policy.include_only.is_empty() && !policy.include_only.iter().any(|g| g.is_match(name)))
        {
            return None;
        }
        Some(vec![format!("{}'s shell inherits this variable from the environment it was launched in", p.name)])
    }

    /// The ignore file (or built-in rule) that hides a workspace path from file tools.
    fn ignored_by(&self, relative: &Path) -> Option<String> {
        let ignores = self.ignores.as_ref()?;
        let matched = ignores.matched_path_or_any_parents(relative, false);
        if !matched.is_ignore() {
            return None;
        }
        let source = matched.inner().and_then(|g| g.from()).and_then(|f| f.file_name()).map(|n| n.to_string_lossy());
        Some(match source {
            Some(file) => format!("`{file}`"),
            None => format!("{}'s built-in ignore list", self.profile.name),
        })
    }

    /// The Claude Code deny rule that matches an absolute path.
    fn denied_by(&self, absolute: &Path) -> Option<String> {
        self.deny.iter().find(|(glob, _)| glob.is_match(absolute)).map(|(_, rule)| format!("deny rule `{rule}`"))
    }
}

fn ignore_matcher(workspace: &Path, files: &[&str], builtin: &[&str], warnings: &mut Vec<String>) -> Gitignore {
    let mut builder = GitignoreBuilder::new(workspace);
    for line in builtin {
        let _ = builder.add_line(None, line);
    }
    for file in files {
        let path = workspace.join(file);
        let text = match crate::source::file::read_settings(&path) {
            Ok(text) => text,
            Err(err) if err.is_not_found() => continue,
            Err(err) => {
                warnings.push(format!("{}: {err}, not honoured", path.display()));
                continue;
            }
        };
        for (number, line) in text.lines().enumerate() {
            if builder.add_line(Some(path.clone()), line).is_err() {
                warnings.push(format!("{}: line {}: invalid pattern, ignored", path.display(), number + 1));
            }
        }
    }
    builder.build().unwrap_or_else(|err| {
        warnings.push(format!("ignore files in {}: {err}", workspace.display()));
        Gitignore::empty()
    })
}

/// `Read(...)` rules from Claude Code's user settings (`~/.claude`, or `CLAUDE_CONFIG_DIR`)
/// and project settings, as absolute globs.
fn claude_deny_rules(
    workspace: &Path,
    home: &Path,
    vars: &HashMap<String, String>,
    warnings: &mut Vec<String>,
) -> Vec<(GlobMatcher, String)> {
    let user_dir = vars.get("CLAUDE_CONFIG_DIR").map(PathBuf::from).unwrap_or_else(|| home.join(".claude"));
    let files = [
        user_dir.join("settings.json"),
        workspace.join(".claude/settings.json"),
        workspace.join(".claude/settings.local.json"),
    ];
    let mut rules = Vec::new();
    for file in &files {
        match read_deny_rules(file) {
            Ok(None) => {}
            Ok(Some(found)) => {
                for rule in found {
                    if let Some(glob) = deny_glob(&rule, workspace, home) {
                        rules.push((glob, rule));
                    }
                }
            }
            Err(err) => warnings.push(format!("{err:#}")),
        }
    }
    rules
}

/// The `Read(...)` deny rules of one settings file; `None` when there is no such file.
fn read_deny_rules(file: &Path) -> Result<Option<Vec<String>>> {
    let text = match crate::source::file::read_settings(file) {
        Ok(text) => text,
        Err(err) if err.is_not_found() => return Ok(None),
        Err(err) => bail!("{}: {err}, its deny rules are not honoured", file.display()),
    };
    let value: serde_json::Value = serde_json::from_str(&text)
        .map_err(|e| anyhow!("{}: {}, its deny rules are not honoured", file.display(), ParseError::json(&e)))?;
    let deny = value.pointer("/permissions/deny").and_then(|d| d.as_array()).cloned().unwrap_or_default();
    Ok(Some(deny.iter().filter_map(|r| r.as_str()).filter(|r| r.starts_with("Read(")).map(str::to_string).collect()))
}

/// `Read(//abs)`, `Read(~/x)`, `Read(/x)` (relative to the project), `Read(./x)` or
/// `Read(x)` (relative to the workspace; a bare name matches at any depth).
fn deny_glob(rule: &str, workspace: &Path, home: &Path) -> Option<GlobMatcher> {
    let inner = rule.strip_prefix("Read(")?.strip_suffix(')')?;
    let pattern = if let Some(abs) = inner.strip_prefix("//") {
        format!("/{abs}")
    } else if let Some(rest) = inner.strip_prefix("~/") {
        format!("{}/{rest}", home.display())
    } else if let Some(rest) = inner.strip_prefix('/').or_else(|| inner.strip_prefix("./")) {
        format!("{}/{rest}", workspace.display())
    } else if inner.contains('/') {
        format!("{}/{inner}", workspace.display())
    } else {
        format!("{}/**/{inner}", workspace.display())
    };
    let glob = GlobBuilder::new(&pattern).literal_separator(true).build().ok()?;
    Some(glob.compile_matcher())
}

/// Reads `[shell_environment_policy]` from `$CODEX_HOME/config.toml` (or `~/.codex`).
fn codex_env_policy(home: &Path, vars: &HashMap<String, String>, warnings: &mut Vec<String>) -> EnvPolicy {
    let dir = vars.get("CODEX_HOME").map(PathBuf::from).unwrap_or_else(|| home.join(".codex"));
    let file = dir.join("config.toml");
    let text = match crate::source::file::read_settings(&file) {
        Ok(text) => text,
        Err(err) if err.is_not_found() => return EnvPolicy::default(),
        Err(err) => {
            warnings.push(format!("{}: {err}, its shell_environment_policy is not honoured", file.display()));
            return EnvPolicy::default();
        }
    };
    let table: toml::Table = match toml::from_str(&text) {
        Ok(table) => table,
        Err(err) => {
            warnings.push(format!("{}: {}", file.display(), ParseError::toml(&err, &text)));
            return EnvPolicy::default();
        }
    };
    let Some(policy) = table.get("shell_environment_policy").and_then(|p| p.as_table()) else {
        return EnvPolicy::default();
    };
    let globs = |key: &str| -> Vec<GlobMatcher> {
        let list = policy.get(key).and_then(|v| v.as_array()).cloned().unwrap_or_default();
        list.iter()
            .filter_map(|v| v.as_str())
            .filter_map(|p| GlobBuilder::new(p).case_insensitive(true).build().ok())
            .map(|g| g.compile_matcher())
            .collect()
    };
    let inherit = policy.get("inherit").and_then(|v| v.as_str()).unwrap_or("all");
    EnvPolicy {
        inherit_none: matches!(inherit, "none" | "core"),
        exclude: globs("exclude"),
        include_only: globs("include_only"),
    }
}

/// Can an agent with this profile reach a source at all? Lets the command skip reading it.
pub fn reaches(profile: &Profile, source: Source) -> bool {
    let outside = profile.local && (profile.shell || profile.file_tools_leave_workspace);
    match source {
        Source::Workspace | Source::Staged => true,
        Source::GitHistory => profile.shell || profile.tracked_files_only,
        Source::Home | Source::History => outside,
        Source::Env => profile.local && profile.shell && profile.inherits_env,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_profile_named_in_the_issue_exists() {
        for name in [
            "claude-code",
            "cursor",
            "codex",
            "copilot-agent",
            "copilot-vscode",
            "gemini-cli",
            "aider",
            "windsurf",
            "cline",
            "any",
        ] {
            assert!(by_name(name).is_some(), "{name}");
        }
    }

    #[test]
    fn deny_rule_forms_resolve_to_absolute_globs() {
        let ws = Path::new("/w");
        let home = Path::new("/h");
        let matches = |rule: &str, path: &str| deny_glob(rule, ws, home).unwrap().is_match(path);
        assert!(matches("Read(./.env)", "/w/.env"));
        assert!(matches("Read(~/.aws/**)", "/h/.aws/credentials"));
        assert!(matches("Read(//etc/secrets/*)", "/etc/secrets/x"));
        assert!(matches("Read(.env.*)", "/w/app/.env.production"));
        assert!(!matches("Read(./.env)", "/w/app/.env"));
    }
}
