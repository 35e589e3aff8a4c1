//! File evidence: what the file around a credential says about it, read while the
//! file's bytes are at hand (every scanning path calls [`annotate_file`]): the host beside
//! it and the environment the file declares, the kubeconfig contexts and client
//! certificate of the user entry holding it, the Terraform workspace and resource tags
//! around it. Each piece becomes a [`Clue`] in the finding's evidence,
//! which classification applies.

mod kubeconfig;
mod neighbours;
mod terraform;

pub use kubeconfig::namespace_clue;

use crate::model::finding::Clue;
use crate::model::finding::Finding;

/// Adds to each finding the clues its file gives about it: the kubeconfig contexts of the
/// user entry holding it, the Terraform workspace and resource tags around it. Files
/// that are neither cost a couple of byte searches.
pub fn annotate_file(path: &str, buf: &[u8], findings: &mut [Finding]) {
    if findings.is_empty() {
        return;
    }
    let lines = neighbours::Lines::new(buf);
    let mut declared = neighbours::declared_clues(&lines, path);
    if declared.is_empty() {
        declared = neighbours::resource_clues(&lines, path);
    }
    let file = FileEvidence::read(path, buf);
    for finding in findings.iter_mut() {
        if let Some(FileEvidence::Kubeconfig(doc)) = &file {
            finding.evidence.server = kubeconfig::server_for(doc, finding.secret.expose());
        }
        let mut clues = neighbours::host_clues(&lines, finding.line, finding.key.as_deref());
        clues.extend(neighbours::read_only_clues(&lines, finding.line, finding.key.as_deref()));
        clues.extend(neighbours::sql_database_clues(&lines, finding.line));
        finding.evidence.record_names = neighbours::record_names(&lines, finding.line, finding.key.as_deref());
        clues.extend(declared.iter().cloned());
        if let Some(file) = &file {
            clues.extend(file.clues_for(finding.secret.expose()));
            if let FileEvidence::TerraformState(state) = file {
                finding.evidence.record_names.extend(state.holding_types(finding.secret.expose()));
            }
        }
        for clue in clues {
            if !finding.evidence.clues.contains(&clue) {
                finding.evidence.clues.push(clue);
            }
        }
    }
}

/// A file whose structure says something about the credentials in it.
enum FileEvidence {
    Kubeconfig(serde_json::Value),
    TerraformState(terraform::State),
}

impl FileEvidence {
    fn read(path: &str, buf: &[u8]) -> Option<FileEvidence> {
        if let Some(state) = terraform::State::read(path, buf) {
            return Some(FileEvidence::TerraformState(state));
        }
        kubeconfig::read_kubeconfig(buf).map(FileEvidence::Kubeconfig)
    }

    fn clues_for(&self, secret: &str) -> Vec<Clue> {
        match self {
            FileEvidence::Kubeconfig(doc) => kubeconfig::kubeconfig_clues(doc, secret),
            FileEvidence::TerraformState(state) => state.clues_for(secret),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_files_give_no_clues() {
        assert!(FileEvidence::read("notes.txt", b"token: abc\nusers: []\n").is_none());
    }
}
