//! `scan --git-history` on the repository shapes CI meets: partial clones, promisor
//! remotes, shallow clones, and repositories with lost or broken objects. None of them
//! aborts the scan: what cannot be read is counted in `stats.missing_objects` and the
//! rest is scanned; `--strict` turns any such object into exit 2. Every repository is
//! built here with the git CLI; every credential is a fake made by `scripts/gen-token.py`.

use assert_cmd::Command;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use tempfile::TempDir;
mod support;
use support::git::git;

fn token(seed: &str) -> String {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/gen-token.py");
    let out = std::process::Command::new("python3").arg(script).args(["ghp_", seed]).output().expect("python3");
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

fn write(dir: &Path, path: &str, text: &str) {
    let path = dir.join(path);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn commit_all(dir: &Path, message: &str) -> String {
    git(dir, &["add", "-A"]);
    git(dir, &["commit", "-q", "-m", message]);
    git(dir, &["rev-parse", "HEAD"])
}

/// A repository of two commits: `small.env` and `config/app.env` (each a short file with
/// a token) and `big.env`, a token after 4 KB of padding, edited in the second commit.
fn source_repo() -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    git(dir.path(), &["init", "-q"]);
    let padding = "x = 1\n".repeat(700);
    write(dir.path(), "small.env", &format!("TOKEN={}\n", token("small")));
    write(dir.path(), "config/app.env", &format!("TOKEN={}\n", token("config")));
    write(dir.path(), "big.env", &format!("{padding}TOKEN={}\n", token("big-one")));
    commit_all(dir.path(), "one");
    write(dir.path(), "big.env", &format!("{padding}TOKEN={}\n", token("big-two")));
    commit_all(dir.path(), "two");
    dir
}

struct Run {
    code: i32,
    report: Value,
    stderr: String,
}

/// `blastradius scan --git-history REPO ARGS --format json`.
fn scan(repo: &Path, args: &[&str]) -> Run {
    let out = Command::cargo_bin("blastradius")
        .unwrap()
        .env("NO_COLOR", "1")
        .args(["scan", "--git-history", "--format", "json"])
        .args(args)
        .arg(repo)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let report = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}{stderr}", String::from_utf8_lossy(&out.stdout)));
    Run { code: out.status.code().unwrap(), report, stderr }
}

fn paths(report: &Value) -> Vec<String> {
    let mut paths: Vec<String> =
        report["findings"].as_array().unwrap().iter().map(|f| f["path"].as_str().unwrap().to_string()).collect();
    paths.sort();
    paths.dedup();
    paths
}

fn missing(blob: u64, tree: u64, commit: u64, corrupt: u64, promisor: u64) -> Value {
    json!({"blob": blob, "tree": tree, "commit": commit, "corrupt": corrupt, "promisor": promisor})
}

/// The id of the blob at `path` in HEAD.
fn blob_id(repo: &Path, path: &str) -> String {
    git(repo, &["rev-parse", &format!("HEAD:{path}")])
}

fn loose_object(repo: &Path, id: &str) -> PathBuf {
    repo.join(".git/objects").join(&id[..2]).join(&id[2..])
}

#[test]
fn a_partial_clone_counts_unfetched_blobs_as_promised_and_scans_the_rest() {
    let source = source_repo();
    git(source.path(), &["config", "uploadpack.allowFilter", "true"]);
    let clones = tempfile::tempdir().unwrap();
    let url = format!("file://{}", source.path().display());
    git(clones.path(), &["clone", "-q", "--bare", "--filter=blob:limit=1k", &url, "partial.git"]);
    let partial = clones.path().join("partial.git");

    let run = scan(&partial, &[]);
    assert_eq!(run.code, 1, "the blobs that were fetched hold credentials: {}", run.stderr);
    assert_eq!(paths(&run.report), ["config/app.env", "small.env"]);
    assert_eq!(run.report["stats"]["missing_objects"], missing(0, 0, 0, 0, 2), "both versions of big.env");
    assert!(run.stderr.contains("2 promisor objects not fetched"), "{}", run.stderr);
    assert!(!run.stderr.contains("scanning history"), "no progress bar when stderr is not a terminal");

    let strict = scan(&partial, &["--strict"]);
    assert_eq!(strict.code, 2, "--strict fails on any missing object");
    assert_eq!(paths(&strict.report), ["config/app.env", "small.env"], "the report is written all the same");
    assert!(strict.stderr.contains("--strict"), "{}", strict.stderr);
}

#[test]
fn a_promisor_remote_that_kept_the_trees_leaves_nothing_to_scan_but_does_not_fail() {
    let source = source_repo();
    git(source.path(), &["config", "uploadpack.allowFilter", "true"]);
    let clones = tempfile::tempdir().unwrap();
    let url = format!("file://{}", source.path().display());
    git(clones.path(), &["clone", "-q", "--bare", "--filter=tree:0", &url, "treeless.git"]);
    let treeless = clones.path().join("treeless.git");
    assert_eq!(git(&treeless, &["config", "remote.origin.promisor"]), "true");

    let run = scan(&treeless, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.report["stats"]["files"], 0);
    assert_eq!(run.report["stats"]["missing_objects"], missing(0, 0, 0, 0, 2), "the root tree of each commit");
}

#[test]
fn a_shallow_clone_has_no_missing_objects() {
    let source = source_repo();
    let clones = tempfile::tempdir().unwrap();
    let url = format!("file://{}", source.path().display());
    git(clones.path(), &["clone", "-q", "--depth", "1", &url, "shallow"]);
    let run = scan(&clones.path().join("shallow"), &["--strict"]);
    assert_eq!(run.code, 1, "the cut-off parents are not missing objects: {}", run.stderr);
    assert_eq!(paths(&run.report), ["big.env", "config/app.env", "small.env"]);
    assert_eq!(run.report["stats"]["files"], 3, "only the blobs of the one commit the clone has");
    assert_eq!(run.report["stats"]["missing_objects"], missing(0, 0, 0, 0, 0));
}

#[test]
fn a_deleted_loose_blob_is_counted_and_every_report_says_so() {
    let repo = source_repo();
    std::fs::remove_file(loose_object(repo.path(), &blob_id(repo.path(), "small.env"))).unwrap();

    let run = scan(repo.path(), &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(paths(&run.report), ["big.env", "config/app.env"]);
    assert_eq!(run.report["stats"]["missing_objects"], missing(1, 0, 0, 0, 0));
    assert!(run.stderr.contains("git history: 1 missing blob"), "{}", run.stderr);

    let report = |format: &str| {
        let out = Command::cargo_bin("blastradius")
            .unwrap()
            .env("NO_COLOR", "1")
            .args(["scan", "--git-history", "--format", format])
            .arg(repo.path())
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    let sarif: Value = serde_json::from_str(&report("sarif")).unwrap();
    assert_eq!(sarif["runs"][0]["properties"]["missingObjects"], missing(1, 0, 0, 0, 0));
    let human = report("human");
    assert!(human.contains("missing objects: 1 missing blob; their contents were not scanned"), "{human}");
    assert!(report("markdown").contains("**Not scanned:** 1 missing blob in the git history."));
}

#[test]
fn a_corrupt_loose_object_is_counted_as_corrupt() {
    let repo = source_repo();
    let object = loose_object(repo.path(), &blob_id(repo.path(), "config/app.env"));
    let mut permissions = std::fs::metadata(&object).unwrap().permissions();
    #[allow(clippy::permissions_set_readonly_false)]
    permissions.set_readonly(false);
    std::fs::set_permissions(&object, permissions).unwrap();
    std::fs::write(&object, b"not a zlib stream at all").unwrap();

    let run = scan(repo.path(), &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(paths(&run.report), ["big.env", "small.env"]);
    assert_eq!(run.report["stats"]["missing_objects"], missing(0, 0, 0, 1, 0));
}

/// Repacks `repo` into one pack holding every object but `left_out`, as if that object
/// had been lost from the pack.
fn repack_without(repo: &Path, left_out: &str) {
    git(repo, &["repack", "-adq"]);
    let objects = git(repo, &["rev-list", "--objects", "--all"]);
    let kept: String = objects
        .lines()
        .filter_map(|line| line.split(' ').next())
        .filter(|id| *id != left_out)
        .map(|id| id.to_string() + "\n")
        .collect();
    let pack_dir = repo.join(".git/objects/pack");
    let old: Vec<PathBuf> = std::fs::read_dir(&pack_dir).unwrap().map(|e| e.unwrap().path()).collect();
    let mut child = std::process::Command::new("git")
        .current_dir(repo)
        .args(["pack-objects", "-q", pack_dir.join("pack").to_str().unwrap()])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    use std::io::Write;
    child.stdin.take().unwrap().write_all(kept.as_bytes()).unwrap();
    assert!(child.wait().unwrap().success());
    for path in old {
        std::fs::remove_file(path).unwrap();
    }
}

#[test]
fn a_blob_lost_from_a_pack_is_counted_and_the_rest_of_the_pack_is_scanned() {
    let repo = source_repo();
    repack_without(repo.path(), &blob_id(repo.path(), "small.env"));
    let run = scan(repo.path(), &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(paths(&run.report), ["big.env", "config/app.env"]);
    assert_eq!(run.report["stats"]["missing_objects"], missing(1, 0, 0, 0, 0));
}

#[test]
fn a_tree_lost_from_a_pack_hides_the_files_under_it_only() {
    let repo = source_repo();
    repack_without(repo.path(), &blob_id(repo.path(), "config"));
    let run = scan(repo.path(), &["--strict"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(paths(&run.report), ["big.env", "small.env"]);
    assert_eq!(run.report["stats"]["missing_objects"], missing(0, 1, 0, 0, 0), "both commits share the tree");
}

#[test]
fn a_corrupt_pack_entry_is_counted_and_the_other_objects_are_still_scanned() {
    let repo = source_repo();
    git(repo.path(), &["repack", "-adq", "--depth=0"]);
    let broken = blob_id(repo.path(), "small.env");
    let pack_dir = repo.path().join(".git/objects/pack");
    let index = std::fs::read_dir(&pack_dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "idx"))
        .unwrap();
    // `verify-pack -v` lines: id type size size-in-pack offset.
    let listing = git(repo.path(), &["verify-pack", "-v", index.to_str().unwrap()]);
    let line = listing.lines().find(|l| l.starts_with(&broken)).expect("the blob is packed");
    let fields: Vec<u64> = line.split_whitespace().skip(2).take(3).map(|f| f.parse().unwrap()).collect();
    let (in_pack, offset) = (fields[1], fields[2]);
    let pack = index.with_extension("pack");
    let mut bytes = std::fs::read(&pack).unwrap();
    // Past the entry header (2 bytes for a small blob), overwrite the zlib stream.
    for byte in &mut bytes[(offset + 2) as usize..(offset + in_pack) as usize] {
        *byte = 0xff;
    }
    let mut permissions = std::fs::metadata(&pack).unwrap().permissions();
    #[allow(clippy::permissions_set_readonly_false)]
    permissions.set_readonly(false);
    std::fs::set_permissions(&pack, permissions).unwrap();
    std::fs::write(&pack, bytes).unwrap();

    let run = scan(repo.path(), &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(paths(&run.report), ["big.env", "config/app.env"]);
    assert_eq!(run.report["stats"]["missing_objects"], missing(0, 0, 0, 1, 0));
    assert_eq!(run.report["stats"]["files"], 3, "each readable blob scanned once: {}", run.report["stats"]);
}
