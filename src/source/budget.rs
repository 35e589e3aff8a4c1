//! The per-file time budget. The walker runs each file's scan [`within`] a deadline on
//! its own thread; the engine asks [`expired`] between windows and detectors, the chunk
//! loop between chunks, and each stops when it says so. What was found before that point
//! is kept, and the file is counted as `timed_out`.
//!
//! The deadline lives in a thread-local so every source's path into the engine
//! ([`crate::engine::scan::Scanner::findings_in`]) honours it without carrying it along.

use std::cell::Cell;
use std::time::{Duration, Instant};

thread_local! {
    static DEADLINE: Cell<Option<Instant>> = const { Cell::new(None) };
    static EXCEEDED: Cell<bool> = const { Cell::new(false) };
}

/// Runs `scan` with a deadline `budget` from now on this thread (`None`: no deadline) and
/// returns its result and whether the deadline passed while it ran.
pub fn within<R>(budget: Option<Duration>, scan: impl FnOnce() -> R) -> (R, bool) {
    let deadline = budget.and_then(|b| Instant::now().checked_add(b));
    let guard = Restore { deadline: DEADLINE.replace(deadline), exceeded: EXCEEDED.replace(false) };
    let result = scan();
    let exceeded = EXCEEDED.get();
    drop(guard);
    (result, exceeded)
}

/// Has this thread's deadline passed? Loops over units of work call it between units and
/// stop when it returns `true`.
pub fn expired() -> bool {
    let Some(deadline) = DEADLINE.get() else { return false };
    let over = Instant::now() >= deadline;
    if over {
        EXCEEDED.set(true);
    }
    over
}

/// Puts back the enclosing deadline, also when the scan panics.
struct Restore {
    deadline: Option<Instant>,
    exceeded: bool,
}

impl Drop for Restore {
    fn drop(&mut self) {
        DEADLINE.set(self.deadline);
        EXCEEDED.set(self.exceeded);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_deadline_never_expires() {
        let (checked, exceeded) = within(None, expired);
        assert!(!checked && !exceeded);
        assert!(!expired(), "outside any budget");
    }

    #[test]
    fn a_zero_budget_expires_at_the_first_check_and_is_reported() {
        let (work_done, exceeded) = within(Some(Duration::ZERO), || if expired() { 0 } else { 1 });
        assert_eq!((work_done, exceeded), (0, true));
        assert!(!expired(), "the deadline ends with the scan");
    }

    #[test]
    fn an_unchecked_deadline_is_not_reported() {
        let ((), exceeded) = within(Some(Duration::ZERO), || {});
        assert!(!exceeded, "only a check that found the deadline passed counts");
    }
}
