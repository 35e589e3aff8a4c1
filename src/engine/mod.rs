//! The detection engine. In: buffers with their origin, or structured fields. Out:
//! unclassified [`crate::model::finding::Finding`]s, each carrying the detector's
//! defaults and the evidence read around it.
//!
//! [`spec`] is the detector data format (`detectors/*.toml`), [`detect`] the matcher (one
//! keyword automaton over every detector, regexes only near keyword hits), [`decode`]
//! looks inside base64 and escapes, [`generic`] scores values assigned to secret-like
//! names, [`filter`] and [`validate`] drop look-alikes, [`allow`] honours inline allow
//! comments, [`context`] reads file evidence, [`vocabulary`] names the long tail of providers, [`scan`] turns matches into findings and
//! [`structured`] runs extracted fields through it; [`examples`] runs every detector's
//! own examples.

pub mod allow;
pub mod context;
pub mod decode;
pub mod detect;
pub mod examples;
pub mod filter;
pub mod generic;
pub mod keyword_search;
pub mod scan;
pub mod spec;
pub mod structured;
pub mod validate;
pub mod vocabulary;
