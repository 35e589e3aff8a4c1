//! Shared test helpers.
pub mod mock;
