//! Hostile filesystem input (issue #9): sockets and devices, a 5 GB sparse file, a 100 MB
//! single-line file, 10,000 nested directories, 100,000 tiny files, non-UTF-8 names and
//! contents, files that change under the scan, mixed line endings, the per-file time
//! budget, and one tree with all of it under a memory ceiling. FIFOs, symlink loops,
//! symlinks out of the tree, binary and mode-000 files are covered in `scan_cli.rs`.
#![cfg(target_os = "linux")]

#[path = "support/watched.rs"]
mod watched;
use serde_json::Value;
use std::ffi::CString;
use std::os::unix::ffi::OsStrExt;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// Fake, checksum-valid GitHub tokens made with `scripts/gen-token.py ghp_ hN`.
const TOKENS: [&str; 8] = [
    "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", // blastradius:allow
    "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", // blastradius:allow
    "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", // blastradius:allow
    "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", // blastradius:allow
    "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", // blastradius:allow
    "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", // blastradius:allow
    "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", // blastradius:allow
    "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", // blastradius:allow
];

/// The peak memory the issue allows a scan of the hostile tree.
const MAX_RSS_BYTES: i64 = 150 * 1024 * 1024;

/// One finished scan of a tree.
struct Scan {
    report: Value,
    stderr: String,
    code: i32,
    /// Peak resident memory of the scanning process.
    max_rss_bytes: i64,
    elapsed: Duration,
}

impl Scan {
    /// (path, line, column) of every finding, sorted.
    fn places(&self) -> Vec<(String, u64, u64)> {
        let mut places: Vec<(String, u64, u64)> = self.report["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .map(|f| {
                (f["path"].as_str().unwrap().to_string(), f["line"].as_u64().unwrap(), f["column"].as_u64().unwrap())
            })
            .collect();
        places.sort();
        places
    }

    /// The places of findings whose path ends with `suffix`.
    fn places_in(&self, suffix: &str) -> Vec<(u64, u64)> {
        self.places().into_iter().filter(|(p, _, _)| p.ends_with(suffix)).map(|(_, l, c)| (l, c)).collect()
    }

    fn skipped(&self, reason: &str) -> u64 {
        self.report["stats"]["skipped_by_reason"][reason].as_u64().expect("skip reason counted")
    }
}

/// Runs `blastradius scan --format json ROOT` with `extra` flags as a child process,
/// killed after `limit`; measures its own peak RSS with `wait4`.
fn scan(root: &Path, extra: &[&str], limit: Duration) -> Scan {
    let out = scratch_dir();
    let mut command = std::process::Command::new(assert_cmd::cargo::cargo_bin("blastradius"));
    command.args(["scan", "--format", "json", "--quiet"]).args(extra).arg(root);
    let run = watched::run_watched(command, out.path(), limit, &format!("scan of {}", root.display()));
    let report =
        serde_json::from_slice(&run.stdout).unwrap_or_else(|e| panic!("JSON report ({e}); stderr: {}", run.stderr));
    Scan { report, stderr: run.stderr, code: run.code, max_rss_bytes: run.max_rss_bytes, elapsed: run.elapsed }
}

/// A temporary directory, on tmpfs when there is one: creating and removing 10,000
/// nested directories or 100,000 files on a disk file system takes half a minute.
fn scratch_dir() -> tempfile::TempDir {
    let shm = Path::new("/dev/shm");
    let on_tmpfs = shm.is_dir().then(|| tempfile::tempdir_in(shm).ok()).flatten();
    on_tmpfs.unwrap_or_else(|| tempfile::tempdir().unwrap())
}

fn c_path(path: &Path) -> CString {
    CString::new(path.as_os_str().as_bytes()).unwrap()
}

fn env_line(token: &str) -> String {
    format!("GITHUB_TOKEN={token}\n")
}

/// A Unix socket with a listener on it, a character device `/dev/zero` would hang a
/// reader on, and `/dev/null`, when the sandbox lets us create device nodes. Returns
/// how many non-regular entries were planted.
fn plant_special_files(dir: &Path) -> (u64, std::os::unix::net::UnixListener) {
    std::fs::create_dir_all(dir).unwrap();
    let listener = std::os::unix::net::UnixListener::bind(dir.join("agent.sock")).unwrap();
    let mut planted = 1;
    for (name, minor) in [("zero", 5), ("null", 3)] {
        let path = c_path(&dir.join(name));
        // SAFETY: mknod with a valid NUL-terminated path.
        let made = unsafe { libc::mknod(path.as_ptr(), libc::S_IFCHR | 0o666, libc::makedev(1, minor)) };
        if made == 0 {
            planted += 1;
        } else {
            eprintln!("note: mknod not permitted here ({}); device nodes not tested", std::io::Error::last_os_error());
        }
    }
    std::fs::write(dir.join("next-to-socket.env"), env_line(TOKENS[0])).unwrap();
    (planted, listener)
}

const SPARSE_SIZE: u64 = 5 * 1024 * 1024 * 1024;

fn plant_sparse(dir: &Path) {
    std::fs::create_dir_all(dir).unwrap();
    std::fs::File::create(dir.join("huge.log")).unwrap().set_len(SPARSE_SIZE).unwrap();
}

/// A 100 MB single-line minified script with a token in the middle and one at the very
/// end; returns the 1-based columns of both.
fn plant_minified(dir: &Path) -> [u64; 2] {
    const SIZE: usize = 100 * 1000 * 1000;
    std::fs::create_dir_all(dir).unwrap();
    let filler = b"function q(a,b){return a*b+1};var z=[1,2,3].map(q);";
    let mut text = Vec::with_capacity(SIZE + 200);
    let mut columns = [0; 2];
    while text.len() < SIZE / 2 {
        text.extend_from_slice(filler);
    }
    text.extend_from_slice(b"var cfg={auth:\"");
    columns[0] = text.len() as u64 + 1;
    text.extend_from_slice(TOKENS[1].as_bytes());
    text.extend_from_slice(b"\"};");
    while text.len() < SIZE {
        text.extend_from_slice(filler);
    }
    text.extend_from_slice(b"var t=\"");
    columns[1] = text.len() as u64 + 1;
    text.extend_from_slice(TOKENS[2].as_bytes());
    text.extend_from_slice(b"\"");
    std::fs::write(dir.join("bundle.min.js"), text).unwrap();
    columns
}

/// `levels` nested directories (far deeper than PATH_MAX), created relative to each
/// other; a token at depth `reachable` and one at the bottom.
fn plant_deep(dir: &Path, levels: usize, reachable: usize) {
    std::fs::create_dir_all(dir).unwrap();
    let mut fd = open_dir(libc::AT_FDCWD, &c_path(dir));
    let name = c"d";
    for level in 1..=levels {
        // SAFETY: valid directory descriptor and NUL-terminated name.
        assert_eq!(unsafe { libc::mkdirat(fd, name.as_ptr(), 0o755) }, 0, "mkdirat at level {level}");
        let next = open_dir(fd, name);
        // SAFETY: closing a descriptor we opened.
        unsafe { libc::close(fd) };
        fd = next;
        if level == reachable || level == levels {
            write_at(fd, c"deep.env", env_line(TOKENS[3]).as_bytes());
        }
    }
    // SAFETY: closing a descriptor we opened.
    unsafe { libc::close(fd) };
}

fn open_dir(at: libc::c_int, name: &std::ffi::CStr) -> libc::c_int {
    // SAFETY: valid descriptor (or AT_FDCWD) and NUL-terminated name.
    let fd = unsafe { libc::openat(at, name.as_ptr(), libc::O_DIRECTORY | libc::O_RDONLY | libc::O_CLOEXEC) };
    assert!(fd >= 0, "openat: {}", std::io::Error::last_os_error());
    fd
}

fn write_at(dir: libc::c_int, name: &std::ffi::CStr, bytes: &[u8]) {
    // SAFETY: valid descriptor and NUL-terminated name.
    let fd = unsafe { libc::openat(dir, name.as_ptr(), libc::O_CREAT | libc::O_WRONLY | libc::O_CLOEXEC, 0o644) };
    assert!(fd >= 0);
    // SAFETY: writing our own buffer to a descriptor we opened.
    assert_eq!(unsafe { libc::write(fd, bytes.as_ptr().cast(), bytes.len()) }, bytes.len() as isize);
    // SAFETY: closing a descriptor we opened.
    unsafe { libc::close(fd) };
}

/// Removes a tree made by [`plant_deep`] bottom-up through directory descriptors (a
/// recursive removal by path is quadratic at this depth).
fn remove_deep(dir: &Path, levels: usize) {
    let mut fd = open_dir(libc::AT_FDCWD, &c_path(dir));
    for _ in 0..levels {
        let next = open_dir(fd, c"d");
        // SAFETY: closing a descriptor we opened.
        unsafe { libc::close(fd) };
        fd = next;
    }
    for _ in 0..levels {
        let parent = open_dir(fd, c"..");
        // SAFETY: valid descriptors and NUL-terminated names; a missing file is fine.
        unsafe {
            libc::unlinkat(fd, c"deep.env".as_ptr(), 0);
            libc::close(fd);
            assert_eq!(libc::unlinkat(parent, c"d".as_ptr(), libc::AT_REMOVEDIR), 0);
        }
        fd = parent;
    }
    // SAFETY: closing a descriptor we opened.
    unsafe { libc::close(fd) };
}

const TINY_FILES: usize = 100_000;

/// 100,000 tiny files in 100 directories; one holds a token.
fn plant_tiny_files(dir: &Path) {
    for d in 0..100 {
        let sub = dir.join(format!("d{d:03}"));
        std::fs::create_dir_all(&sub).unwrap();
        for f in 0..TINY_FILES / 100 {
            let body = if (d, f) == (42, 420) { env_line(TOKENS[4]) } else { format!("n={f}\n") };
            std::fs::write(sub.join(format!("f{f:04}.txt")), body).unwrap();
        }
    }
}

/// A file whose name is not UTF-8 and a file whose contents are not; returns the column
/// of the token in the second (invalid bytes count as one character each).
fn plant_non_utf8(dir: &Path) -> u64 {
    use std::os::unix::ffi::OsStrExt;
    std::fs::create_dir_all(dir).unwrap();
    let name = std::ffi::OsStr::from_bytes(b"caf\xe9-\xff.env");
    std::fs::write(dir.join(name), env_line(TOKENS[5])).unwrap();
    let mut latin1 = b"# r\xe9glages\nmot_de_passe_\xe9t\xe9 \xab ".to_vec();
    let column = "mot_de_passe_?t? ? ".chars().count() as u64 + 1;
    latin1.extend_from_slice(TOKENS[6].as_bytes());
    latin1.extend_from_slice(b" \xbb\n");
    std::fs::write(dir.join("latin1.conf"), latin1).unwrap();
    column
}

/// LF, CRLF and lone-CR line endings in one file; returns the expected (line, column) of
/// the token. Only `\n` ends a line, as in git and grep.
fn plant_mixed_endings(dir: &Path) -> (u64, u64) {
    std::fs::create_dir_all(dir).unwrap();
    let text = format!("a=1\nb=2\r\nc=3\rd=4\r\n\r\n\nGITHUB_TOKEN={}\r\n", TOKENS[7]);
    std::fs::write(dir.join("mixed.env"), text).unwrap();
    (6, 14)
}

#[test]
fn sockets_and_device_nodes_are_never_opened() {
    let dir = scratch_dir();
    let (planted, _listener) = plant_special_files(dir.path());
    let scan = scan(dir.path(), &[], Duration::from_secs(60));
    assert_eq!(scan.skipped("not_regular"), planted, "{}", scan.report["stats"]);
    assert_eq!(scan.places_in("next-to-socket.env"), [(1, 14)]);
    assert_eq!(scan.skipped("unreadable"), 0, "nothing was opened and failed: {}", scan.stderr);
}

#[test]
fn a_5gb_sparse_file_is_skipped_unread() {
    let dir = scratch_dir();
    plant_sparse(dir.path());
    let scan = scan(dir.path(), &[], Duration::from_secs(60));
    assert_eq!(scan.skipped("too_large"), 1);
    assert_eq!(scan.report["stats"]["bytes"], 0, "not a byte read");
    assert!(scan.elapsed < Duration::from_secs(20), "took {:?}", scan.elapsed);
}

#[test]
fn a_100mb_single_line_file_is_scanned_in_chunks() {
    let dir = scratch_dir();
    let columns = plant_minified(dir.path());
    let scan = scan(dir.path(), &[], Duration::from_secs(300));
    assert_eq!(scan.places_in("bundle.min.js"), [(1, columns[0]), (1, columns[1])]);
    assert_eq!(scan.report["findings"].as_array().unwrap().len(), 2, "nothing else, nothing twice");
    assert_eq!(scan.skipped("too_large"), 0);
    assert!(scan.max_rss_bytes < MAX_RSS_BYTES, "peak RSS {} MB", scan.max_rss_bytes >> 20);
}

#[test]
fn the_size_cap_counts_a_file_as_too_large() {
    let dir = scratch_dir();
    std::fs::write(dir.path().join("a.env"), env_line(TOKENS[0])).unwrap();
    std::fs::write(dir.path().join("big.txt"), vec![b'x'; 10_000]).unwrap();
    let scan = scan(dir.path(), &["--max-file-size", "1000"], Duration::from_secs(60));
    assert_eq!(scan.skipped("too_large"), 1);
    assert_eq!(scan.places_in("a.env").len(), 1);
}

#[test]
fn crlf_lines_stay_right_across_chunk_boundaries() {
    const MIB: usize = 1024 * 1024;
    let dir = scratch_dir();
    // Tokens just before the first chunk's end (in the overlap both chunks read), across
    // that end, and deep in later chunks.
    let spots = [8 * MIB - 300 * 1024, 8 * MIB - 20, 8 * MIB + 10, 15 * MIB, 19 * MIB];
    let mut text = Vec::with_capacity(20 * MIB);
    let mut expected = Vec::new();
    for (i, spot) in spots.iter().enumerate() {
        while text.len() < *spot {
            text.extend_from_slice(b"plain line of configuration text\r\n");
        }
        let line = memchr_count(&text) + 1;
        text.extend_from_slice(format!("GITHUB_TOKEN={}\r\n", TOKENS[i]).as_bytes());
        expected.push((line, 14));
    }
    while text.len() < 20 * MIB {
        text.extend_from_slice(b"\r\n");
    }
    std::fs::write(dir.path().join("big.env.txt"), text).unwrap();
    let scan = scan(dir.path(), &[], Duration::from_secs(300));
    let mut found = scan.places_in("big.env.txt");
    found.sort();
    assert_eq!(found, expected);
}

fn memchr_count(text: &[u8]) -> u64 {
    text.iter().filter(|&&b| b == b'\n').count() as u64
}

#[test]
fn ten_thousand_nested_directories() {
    let dir = scratch_dir();
    let tree = dir.path().join("deep");
    plant_deep(&tree, 10_000, 100);
    let scan = scan(&tree, &[], Duration::from_secs(300));
    remove_deep(&tree, 10_000);
    let found = scan.places_in("deep.env");
    assert_eq!(found, [(1, 14)], "the reachable token, once: {:?}", scan.places());
    assert!(scan.skipped("unreadable") >= 1, "what cannot be opened is counted: {}", scan.report["stats"]);
    assert!(!scan.report["warnings"].as_array().unwrap().is_empty(), "and reported");
}

#[test]
fn a_hundred_thousand_tiny_files() {
    let dir = scratch_dir();
    plant_tiny_files(dir.path());
    let scan = scan(dir.path(), &[], Duration::from_secs(300));
    assert_eq!(scan.report["stats"]["files"], TINY_FILES as u64);
    assert_eq!(scan.places_in("d042/f0420.txt"), [(1, 14)]);
    assert_eq!(scan.places().len(), 1);
}

#[test]
fn non_utf8_names_and_contents() {
    let dir = scratch_dir();
    let column = plant_non_utf8(dir.path());
    let scan = scan(dir.path(), &[], Duration::from_secs(60));
    assert_eq!(scan.places_in("caf\u{FFFD}-\u{FFFD}.env"), [(1, 14)], "{:?}", scan.places());
    assert_eq!(scan.places_in("latin1.conf"), [(2, column)]);
}

#[test]
fn mixed_line_endings_keep_line_numbers() {
    let dir = scratch_dir();
    let expected = plant_mixed_endings(dir.path());
    let scan = scan(dir.path(), &[], Duration::from_secs(60));
    assert_eq!(scan.places_in("mixed.env"), [expected]);
}

#[test]
fn files_vanishing_and_changing_during_the_scan() {
    let dir = scratch_dir();
    std::fs::write(dir.path().join("stable.env"), env_line(TOKENS[0])).unwrap();
    let churn_dir = dir.path().join("churn");
    std::fs::create_dir(&churn_dir).unwrap();
    for i in 0..200 {
        std::fs::write(churn_dir.join(format!("f{i}.txt")), format!("v={i}\n")).unwrap();
    }
    let stop = Arc::new(AtomicBool::new(false));
    let churn = {
        let stop = Arc::clone(&stop);
        std::thread::spawn(move || churn_files(&churn_dir, &stop))
    };
    for _ in 0..5 {
        let scan = scan(dir.path(), &[], Duration::from_secs(60));
        assert_eq!(scan.code, 1, "findings, no error: {}", scan.stderr);
        assert_eq!(scan.places_in("stable.env"), [(1, 14)]);
    }
    stop.store(true, Ordering::SeqCst);
    assert!(churn.join().unwrap() > 0, "the files did change during the scans");
}

/// Deletes, recreates, truncates, grows and swaps files for directories until `stop`;
/// returns how many changes it made.
fn churn_files(dir: &Path, stop: &AtomicBool) -> u64 {
    let mut changes = 0;
    while !stop.load(Ordering::SeqCst) {
        for i in 0..200 {
            let path = dir.join(format!("f{i}.txt"));
            let _ = match (changes + i) % 4 {
                0 => std::fs::remove_file(&path),
                1 => std::fs::write(&path, "v=1\n".repeat(i as usize * 100)),
                2 => std::fs::File::create(&path).map(drop),
                _ => std::fs::remove_file(&path).and_then(|()| std::fs::create_dir(&path)),
            };
            let _ = std::fs::remove_dir(&path);
            changes += 1;
        }
    }
    changes
}

#[test]
fn the_time_budget_stops_a_file_and_counts_it() {
    let dir = scratch_dir();
    std::fs::write(dir.path().join("a.env"), env_line(TOKENS[0])).unwrap();
    std::fs::write(dir.path().join("b.env"), env_line(TOKENS[1])).unwrap();
    let scan = scan(dir.path(), &["--file-timeout", "0s"], Duration::from_secs(60));
    assert_eq!(scan.skipped("timed_out"), 2, "{}", scan.report["stats"]);
    assert!(scan.report["warnings"].to_string().contains("time budget"));
    let generous = self::scan(dir.path(), &["--file-timeout", "10min"], Duration::from_secs(60));
    assert_eq!(generous.skipped("timed_out"), 0);
    assert_eq!(generous.places().len(), 2);

    let human = assert_cmd::Command::cargo_bin("blastradius")
        .unwrap()
        .args(["scan", "--file-timeout", "0ms"])
        .arg(dir.path())
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&human.stdout);
    assert!(text.contains("2 timed out"), "the human report's skipped line: {text}");
}

/// Every case above in one tree: the scan finishes, finds every reachable planted token
/// and stays under the memory ceiling.
#[test]
fn one_tree_with_every_hostile_case() {
    let dir = scratch_dir();
    let root = dir.path();
    let (_, _listener) = plant_special_files(&root.join("special"));
    plant_sparse(&root.join("sparse"));
    let minified = plant_minified(&root.join("minified"));
    plant_deep(&root.join("deep"), 10_000, 100);
    plant_tiny_files(&root.join("tiny"));
    let latin1_column = plant_non_utf8(&root.join("names"));
    let mixed = plant_mixed_endings(&root.join("endings"));
    std::os::unix::fs::symlink("/dev/zero", root.join("zero-link")).unwrap();
    std::os::unix::fs::symlink(root, root.join("loop")).unwrap();
    let fifo = c_path(&root.join("fifo"));
    // SAFETY: mkfifo with a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o644) }, 0);

    let scan = scan(root, &[], Duration::from_secs(600));
    remove_deep(&root.join("deep"), 10_000);
    assert_eq!(scan.code, 1, "{}", scan.stderr);
    assert_eq!(scan.places_in("next-to-socket.env"), [(1, 14)]);
    assert_eq!(scan.places_in("bundle.min.js"), [(1, minified[0]), (1, minified[1])]);
    assert_eq!(scan.places_in("deep.env"), [(1, 14)]);
    assert_eq!(scan.places_in("d042/f0420.txt"), [(1, 14)]);
    assert_eq!(scan.places_in(".env").len(), 4, "socket, deep, non-UTF-8 name, mixed endings");
    assert_eq!(scan.places_in("latin1.conf"), [(2, latin1_column)]);
    assert_eq!(scan.places_in("mixed.env"), [mixed]);
    assert_eq!(scan.skipped("too_large"), 1, "the sparse file");
    assert!(scan.max_rss_bytes < MAX_RSS_BYTES, "peak RSS {} MB", scan.max_rss_bytes >> 20);
    eprintln!("hostile tree: {:?}, peak RSS {} MB", scan.elapsed, scan.max_rss_bytes >> 20);
}
