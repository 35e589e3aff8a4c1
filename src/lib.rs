//! blastradius: find the credentials an AI coding agent could reach, say what each one
//! could do and where, and rank them by blast radius.
//!
//! Data flows one way: sources ([`walk`]) → buffers → matches ([`detect`]) → findings
//! ([`scan`]) → classification ([`classify`]) → ranking ([`rank`]) → reports ([`report`]).

pub mod baseline;
pub mod budget;
pub mod chunk;
pub mod classify;
pub mod cli;
pub mod clue;
pub mod config;
pub mod decode;
pub mod detect;
pub mod detector;
pub mod detector_test;
pub mod explain;
pub mod extract;
pub mod filter;
pub mod finding;
pub mod gate;
pub mod generic;
pub mod git;
pub mod introspect;
pub mod keyword_search;
pub mod rank;
pub mod reach;
pub mod report;
pub mod run;
pub mod scan;
pub mod suppress;
pub mod validate;
pub mod walk;
