//! Repository facts for SARIF `versionControlProvenance`: where the repository lives
//! (credentials stripped from the remote URL), the commit and the branch.

use std::path::{Path, PathBuf};

/// The repository a report describes.
#[derive(Debug, Clone, Default)]
pub struct Provenance {
    /// The work tree root (the git directory for a bare repository).
    pub root: PathBuf,
    /// The `origin` remote (or the first one) as an https/ssh URI without user info.
    pub repository_uri: Option<String>,
    /// HEAD's commit id; `None` before the first commit.
    pub revision_id: Option<String>,
    /// The checked-out branch, e.g. `main`; `None` when HEAD is detached.
    pub branch: Option<String>,
}

/// Facts about the repository containing `path`, or `None` outside a repository.
pub fn of(path: &Path) -> Option<Provenance> {
    let repo = gix::discover(path).ok()?;
    let root = repo.workdir().unwrap_or(repo.git_dir());
    let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let config = repo.config_snapshot();
    let url = config.string("remote.origin.url").or_else(|| {
        let name = repo.remote_names().into_iter().next()?;
        config.string(format!("remote.{name}.url").as_str())
    });
    Some(Provenance {
        root,
        repository_uri: url.and_then(|u| public_uri(&u.to_string())),
        revision_id: repo.head_id().ok().map(|id| id.to_string()),
        branch: repo.head_name().ok().flatten().map(|name| name.shorten().to_string()),
    })
}

/// A remote URL as a URI safe to publish: user info (which may hold a token) removed,
/// scp-like `git@host:owner/repo.git` turned into `https://host/owner/repo.git`.
/// Local paths give `None`.
pub fn public_uri(url: &str) -> Option<String> {
    if let Some((scheme, rest)) = url.split_once("://") {
        if scheme == "file" {
            return None;
        }
        let (authority, path) = rest.split_once('/').unwrap_or((rest, ""));
        let host = authority.rsplit_once('@').map_or(authority, |(_, host)| host);
        return Some(format!("{scheme}://{host}/{path}"));
    }
    let (userhost, path) = url.split_once(':')?;
    if userhost.is_empty() || userhost.contains('/') {
        return None;
    }
    let host = userhost.rsplit_once('@').map_or(userhost, |(_, host)| host);
    Some(format!("https://{host}/{}", path.trim_start_matches('/')))
}

#[cfg(test)]
mod tests {
    use super::public_uri;

    #[test]
    fn user_info_is_stripped_from_remote_urls() {
        assert_eq!(
            public_uri("https://x-access-token:ghs_abc@github.com/o/r.git").as_deref(),
            Some("https://github.com/o/r.git")
        );
        assert_eq!(public_uri("git@github.com:o/r.git").as_deref(), Some("https://github.com/o/r.git"));
        assert_eq!(public_uri("ssh://git@host:22/o/r").as_deref(), Some("ssh://host:22/o/r"));
        assert_eq!(public_uri("/srv/git/r.git"), None);
        assert_eq!(public_uri("file:///srv/git/r.git"), None);
    }
}
