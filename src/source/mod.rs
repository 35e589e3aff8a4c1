//! Sources: where the bytes an agent could read come from. In: paths, a repository, a
//! home directory. Out: buffers (whole files, or chunks of large ones) with their
//! [`crate::model::result::Origin`], and key/value [`extract::Field`]s of structured files.
//! Nothing here runs a detector: callers pass a closure that scans each buffer.

pub mod budget;
pub mod chunk;
pub mod extract;
pub mod file;
pub mod git;
pub mod home;
pub mod ignore;
pub mod walk;
