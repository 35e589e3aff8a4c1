//! The domain model every stage shares: a [`finding::Finding`] and the words that
//! describe it, the [`secret::Secret`] that never prints and its
//! [`fingerprint`], the [`finding::Clue`]s evidence
//! becomes, the environment words of [`names`], and the [`result::ScanResult`] a scan hands to reports. Nothing here reads
//! files, runs detectors or knows about the command line.

pub mod finding;
pub mod fingerprint;
pub mod names;
pub mod parse_error;
pub mod result;
pub mod secret;
