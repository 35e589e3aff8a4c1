//! blastradius: find the credentials an AI coding agent could reach, say what each one
//! could do and where, and rank them by blast radius.
//!
//! The library is a pipeline of stages; data flows one way, and a module only imports
//! modules of its own or an earlier stage (`tests/layout.rs` checks it):
//!
//! ```text
//! model         the shared domain: Finding, Secret, Clue, ScanResult
//!   ↓
//! source        where bytes come from: the tree walk (whole files or chunks), git
//!               history and the index, home-directory stores and agent profiles, shell
//!               histories; structured extraction turns files into key/value fields
//!   ↓  buffers and fields
//! engine        keyword prefilter, detectors (specs and matching), decoding, generic
//!               secrets, filters and validators, file evidence → unclassified findings
//!   ↓  findings
//! classify      provider, environment, scope and capability from the evidence, then
//!               the blast-radius score and severity band
//!   ↓  classified findings
//! introspect    opt-in, read-only questions to providers that replace the guesses
//!   ↓
//! report        human, JSON, SARIF and markdown renderings of a ScanResult
//!   ↓
//! pipeline      the stages put together: scanning a tree, a staged change or git
//!               history with config and baseline, and everything `reach` reads
//! ```
//!
//! The command line (`src/cmd/`, part of the binary only) turns flags into the option
//! structs these modules take; nothing in the library knows about it.

pub mod classify;
pub mod engine;
pub mod introspect;
pub mod model;
pub mod pipeline;
pub mod report;
pub mod source;
