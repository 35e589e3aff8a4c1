//! Evidence read from the secret itself at classification time: Sentry org-token
//! payloads and Kubernetes service-account token claims. (Evidence from the file around
//! a secret is read by the engine while the file is at hand: `engine::context`.)

mod kubernetes;
mod sentry;

use crate::model::finding::Clue;

/// Clues read from the secret's own content (org-token payloads, JWT claims).
pub fn secret_clues(secret: &str) -> Vec<Clue> {
    let mut clues = sentry::org_token_clues(secret);
    clues.extend(kubernetes::token_clues(secret));
    clues
}
