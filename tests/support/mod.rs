//! Shared test helpers.
pub mod git;
pub mod mock;
