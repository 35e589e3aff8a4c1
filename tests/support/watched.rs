//! Runs the binary as a child process under a watchdog and measures its peak RSS with
//! `wait4`: the hostile-input tests' one way to say "finished, within bounds".

use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// One finished run: exit code, outputs, peak RSS and wall time.
pub struct Watched {
    pub code: i32,
    pub stdout: Vec<u8>,
    pub stderr: String,
    pub max_rss_bytes: i64,
    pub elapsed: Duration,
}

/// Runs `command` (stdout and stderr go to files in `scratch`), kills it after `limit`,
/// and asserts that it finished, by exit rather than a signal, without a panic.
pub fn run_watched(mut command: Command, scratch: &Path, limit: Duration, what: &str) -> Watched {
    let (stdout_path, stderr_path) = (scratch.join("stdout"), scratch.join("stderr"));
    let started = Instant::now();
    let child = command
        .env("NO_COLOR", "1")
        .env("RUST_BACKTRACE", "1")
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&stdout_path).unwrap())
        .stderr(std::fs::File::create(&stderr_path).unwrap())
        .spawn()
        .unwrap();
    let pid = child.id() as libc::pid_t;
    let done = Arc::new(AtomicBool::new(false));
    let watchdog = {
        let done = Arc::clone(&done);
        std::thread::spawn(move || {
            let until = Instant::now() + limit;
            while Instant::now() < until {
                if done.load(Ordering::SeqCst) {
                    return false;
                }
                std::thread::sleep(Duration::from_millis(20));
            }
            // SAFETY: sending a signal to our own child, which we have not reaped yet.
            unsafe { libc::kill(pid, libc::SIGKILL) };
            true
        })
    };
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value for wait4 to fill in.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: waiting for our own child with valid out-pointers.
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    done.store(true, Ordering::SeqCst);
    assert_eq!(waited, pid, "wait4 failed");
    let hung = watchdog.join().unwrap();
    std::mem::forget(child); // already reaped by wait4
    let stderr = std::fs::read_to_string(&stderr_path).unwrap();
    assert!(!hung, "{what} did not finish within {limit:?}; stderr: {stderr}");
    assert!(libc::WIFEXITED(status), "{what} died by a signal; stderr: {stderr}");
    assert!(!stderr.contains("panicked"), "no panic: {stderr}");
    Watched {
        code: libc::WEXITSTATUS(status),
        stdout: std::fs::read(&stdout_path).unwrap(),
        stderr,
        max_rss_bytes: usage.ru_maxrss * 1024,
        elapsed: started.elapsed(),
    }
}
