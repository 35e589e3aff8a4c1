//! The home directory as an agent sees it: the catalogue of credential stores and
//! histories ([`catalogue`]), what each agent can read ([`agent`]) and how shell and REPL
//! histories hold secrets ([`history`]), and the bounded walk of the places developer
//! tools keep config and state ([`walk`]).

pub mod agent;
pub mod catalogue;
pub mod history;
pub mod walk;
