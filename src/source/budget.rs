//! The per-file budget: a time limit and a cap on findings. Every source runs one file's
//! (or blob's, or store's) scan [`within`] its [`Limits`]; the engine asks [`expired`]
//! between windows, detectors and fields, and [`findings_left`] before it turns matches
//! into findings, and each stops when told. What was found before that point is kept, and
//! the [`Outcome`] says whether the file timed out or was capped.
//!
//! The limits live in thread-locals so every source's path into the engine
//! ([`crate::engine::scan::Scanner::findings_in`]) honours them without carrying them along.

use crate::model::finding::Finding;
use std::cell::Cell;
use std::time::{Duration, Instant};

thread_local! {
    static DEADLINE: Cell<Option<Instant>> = const { Cell::new(None) };
    static EXCEEDED: Cell<bool> = const { Cell::new(false) };
    static FINDINGS_LEFT: Cell<Option<usize>> = const { Cell::new(None) };
    static CAPPED: Cell<bool> = const { Cell::new(false) };
}

/// What one file's scan may spend. `None`: unlimited.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Limits {
    pub time: Option<Duration>,
    /// Findings one file may produce; the rest of the file is not reported.
    pub findings: Option<usize>,
}

impl Limits {
    /// A time limit only.
    pub fn time(time: Option<Duration>) -> Self {
        Limits { time, findings: None }
    }
}

/// How one file's scan ended against its [`Limits`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Outcome {
    /// A check found the deadline passed: the scan stopped early.
    pub timed_out: bool,
    /// Something was left out because of a cap (findings, fields or rows).
    pub capped: bool,
}

/// Runs `scan` under `limits` on this thread and returns its result and how it ended.
/// The enclosing limits are restored afterwards, also when `scan` panics.
pub fn within<R>(limits: Limits, scan: impl FnOnce() -> R) -> (R, Outcome) {
    let deadline = limits.time.and_then(|b| Instant::now().checked_add(b));
    let guard = Restore {
        deadline: DEADLINE.replace(deadline),
        exceeded: EXCEEDED.replace(false),
        findings_left: FINDINGS_LEFT.replace(limits.findings),
        capped: CAPPED.replace(false),
    };
    let result = scan();
    let outcome = Outcome { timed_out: EXCEEDED.get(), capped: CAPPED.get() };
    drop(guard);
    (result, outcome)
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

/// How many more findings the current file may have (`usize::MAX` without a cap). The
/// engine makes no more findings than this from one buffer; [`keep`] spends them.
pub fn findings_left() -> usize {
    FINDINGS_LEFT.get().unwrap_or(usize::MAX)
}

/// Keeps the first of `findings` that fit in what is left of the current file's cap,
/// spends the cap on them and records a cap when some had to go. Call once per buffer
/// of final findings (a whole file, or a chunk's findings after placing them).
pub fn keep(findings: &mut Vec<Finding>) {
    let left = findings_left();
    if findings.len() > left {
        findings.truncate(left);
        note_capped();
    }
    if let Some(rest) = FINDINGS_LEFT.get() {
        FINDINGS_LEFT.set(Some(rest - findings.len()));
    }
}

/// Records that the current file's scan left something out because of a cap.
pub fn note_capped() {
    CAPPED.set(true);
}

/// Puts back the enclosing limits, also when the scan panics.
struct Restore {
    deadline: Option<Instant>,
    exceeded: bool,
    findings_left: Option<usize>,
    capped: bool,
}

impl Drop for Restore {
    fn drop(&mut self) {
        DEADLINE.set(self.deadline);
        EXCEEDED.set(self.exceeded);
        FINDINGS_LEFT.set(self.findings_left);
        CAPPED.set(self.capped);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_deadline_never_expires() {
        let (checked, outcome) = within(Limits::default(), expired);
        assert!(!checked && !outcome.timed_out);
        assert!(!expired(), "outside any budget");
    }

    #[test]
    fn a_zero_budget_expires_at_the_first_check_and_is_reported() {
        let (work_done, outcome) = within(Limits::time(Some(Duration::ZERO)), || if expired() { 0 } else { 1 });
        assert_eq!((work_done, outcome.timed_out), (0, true));
        assert!(!expired(), "the deadline ends with the scan");
    }

    #[test]
    fn an_unchecked_deadline_is_not_reported() {
        let ((), outcome) = within(Limits::time(Some(Duration::ZERO)), || {});
        assert!(!outcome.timed_out, "only a check that found the deadline passed counts");
    }

    #[test]
    fn the_findings_cap_is_spent_across_buffers_and_reported_when_hit() {
        let finding = || Finding::example("rule", 1);
        let limits = Limits { time: None, findings: Some(3) };
        let (kept, outcome) = within(limits, || {
            let mut first = vec![finding(), finding()];
            keep(&mut first);
            assert_eq!(findings_left(), 1);
            let mut second = vec![finding(), finding()];
            keep(&mut second);
            first.len() + second.len()
        });
        assert_eq!((kept, outcome.capped), (3, true));
        assert_eq!(findings_left(), usize::MAX, "the cap ends with the scan");

        let (kept, outcome) = within(limits, || {
            let mut all = vec![finding(), finding(), finding()];
            keep(&mut all);
            all.len()
        });
        assert_eq!((kept, outcome.capped), (3, false), "exactly the cap is not capped");
    }
}
