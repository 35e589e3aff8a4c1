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
}

impl Progress for () {}
