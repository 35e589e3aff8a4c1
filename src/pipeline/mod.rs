//! The stages put together, for the commands (and anyone using the library): scanning
//! a tree, a staged change or git history under the repository's config and baseline
//! ([`gate`]), and everything an agent could read ([`reach`]). In: option structs. Out:
//! classified, ranked [`crate::model::result::ScanResult`]s ready for [`crate::report`].

pub mod baseline;
pub mod config;
pub mod gate;
pub mod home;
pub mod reach;

/// What a long scan tells the user as it goes (a spinner on a terminal). Every method
/// defaults to doing nothing; `&()` is the silent progress.
pub trait Progress: Sync {
    /// A new source is being read (`"workspace"`, `"shell histories"`).
    fn source(&self, _name: &'static str) {}
    /// One more file was read.
    fn file(&self) {}
    /// The amount of work ahead is known: at most `objects` objects, stored in `bytes`
    /// bytes (a history scan's packs). Later calls to [`Progress::objects`] count toward it.
    fn planned(&self, _objects: u64, _bytes: u64) {}
    /// `objects` more planned objects are done; `bytes` of content were scanned with them.
    fn objects(&self, _objects: u64, _bytes: u64) {}
}

impl Progress for () {}

/// A [`Progress`] as the history reader's progress: its steps become sources.
pub(crate) struct HistoryTicks<'a>(pub &'a dyn Progress);

impl crate::source::git::history::HistoryProgress for HistoryTicks<'_> {
    fn step(&self, name: &'static str) {
        self.0.source(name);
    }

    fn planned(&self, objects: u64, bytes: u64) {
        self.0.planned(objects, bytes);
    }

    fn objects(&self, objects: u64, bytes: u64) {
        self.0.objects(objects, bytes);
    }
}
