//! Scoring `reach` against a labelled corpus (`fixtures/blast*/<machine>/labels.toml`):
//! a fake machine whose every credential a security engineer labelled with the tier and
//! environment the severity rubric gives it. See `fixtures/blast/README.md`.

use blastradius::model::finding::{Finding, Severity};
use blastradius::pipeline::gate::EngineOptions;
use blastradius::pipeline::reach::{reach, ReachOptions};
use blastradius::source::home::walk::HomeWalkOptions;
use serde::Deserialize;
use std::path::{Path, PathBuf};

#[derive(Debug, Deserialize)]
pub struct Labels {
    pub workspace: String,
    #[serde(rename = "credential")]
    pub credentials: Vec<Label>,
    #[serde(rename = "decoy", default)]
    pub decoys: Vec<Decoy>,
}

#[derive(Debug, Deserialize)]
pub struct Label {
    pub id: String,
    pub file: String,
    pub value: String,
    #[serde(default)]
    pub parts: Vec<String>,
    #[serde(default)]
    pub also: Vec<String>,
    pub tier: String,
    pub environment: String,
    #[serde(default)]
    pub optional: bool,
    #[serde(default)]
    pub kind: String,
}

#[derive(Debug, Deserialize)]
pub struct Decoy {
    pub file: String,
    pub value: String,
}

/// What the tool made of one labelled credential: its best-ranked finding.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub score: i32,
    pub severity: Option<Severity>,
    pub environment: String,
    pub why: String,
    pub rule: String,
}

/// The figures issue 15 asks for, and the detail to understand them.
#[derive(Debug)]
pub struct Figures {
    pub labelled: usize,
    pub found: usize,
    pub pairwise: f64,
    pub band: f64,
    pub critical_precision: f64,
    pub critical_recall: f64,
    pub environment: f64,
    pub decoys_reported: Vec<String>,
    pub rows: Vec<(String, String, String, Outcome, String)>,
}

impl Figures {
    pub fn print(&self, name: &str) {
        println!("corpus {name}: {} labelled credentials, {} found", self.labelled, self.found);
        println!(
            "  pairwise order {:.3}  band agreement {:.3}  critical precision {:.3} recall {:.3}  environment {:.3}",
            self.pairwise, self.band, self.critical_precision, self.critical_recall, self.environment
        );
        println!("  decoys reported: {}", self.decoys_reported.len());
        for d in &self.decoys_reported {
            println!("    decoy {d}");
        }
        for (id, tier, env, outcome, kind) in &self.rows {
            let band = outcome.severity.map_or("missed", |s| s.as_str());
            if band != tier || outcome.environment != *env {
                println!(
                    "  {id} {kind}: label {tier}/{env}, tool {band}/{} {} [{}] why: {}",
                    outcome.environment, outcome.score, outcome.rule, outcome.why
                );
            }
        }
    }
}

fn tier_rank(tier: &str) -> i32 {
    match tier {
        "critical" => 3,
        "high" => 2,
        "medium" => 1,
        _ => 0,
    }
}

/// Runs `reach` over the machine (no process environment, no git history) and scores it.
pub fn evaluate(machine_dir: &Path) -> Figures {
    let labels: Labels = toml::from_str(&std::fs::read_to_string(machine_dir.join("labels.toml")).unwrap()).unwrap();
    let home = machine_dir.join("home");
    let workspace = machine_dir.join(&labels.workspace);
    let options = ReachOptions {
        workspace: Some(workspace.clone()),
        home: Some(home),
        agent: "any".into(),
        env: false,
        history: true,
        git_history: false,
        engine: EngineOptions::default(),
        introspect: None,
        // What `reach` does by default: the catalogue, then the bounded walk of the home.
        home_walk: Some(HomeWalkOptions::default()),
    };
    let (_, result) = reach(&options, &()).expect("reach runs on the corpus");
    let canonical = |p: PathBuf| p.canonicalize().unwrap_or(p);
    let finding_path = |f: &Finding| {
        let path = Path::new(&f.path);
        canonical(if path.is_absolute() { path.to_path_buf() } else { workspace.join(path) })
    };
    let located: Vec<(&Finding, PathBuf)> = result.findings.iter().map(|f| (f, finding_path(f))).collect();
    // A finding reports a labelled value when its secret is the value or holds it (a
    // connection URL holds its password) or is a long part of it (the body of a PEM block);
    // parts of eight characters or fewer (user names) must match exactly.
    let reports = |f: &Finding, value: &str| {
        // JSON keeps a PEM block's newlines escaped; labels hold them decoded.
        let secret = f.secret.expose().replace("\\n", "\n");
        let secret = secret.as_str();
        secret == value
            || (value.len() > 8 && secret.contains(value))
            || (secret.len() >= 24 && value.contains(secret.trim()))
    };
    let outcome_of = |label: &Label| -> Outcome {
        let files: Vec<PathBuf> =
            std::iter::once(&label.file).chain(&label.also).map(|f| canonical(machine_dir.join(f))).collect();
        let best = std::iter::once(&label.value)
            .chain(&label.parts)
            .flat_map(|v| located.iter().filter(move |(f, _)| reports(f, v)))
            .filter(|(_, path)| files.contains(path))
            .map(|(f, _)| *f)
            .max_by_key(|f| f.blast_radius);
        match best {
            Some(f) => Outcome {
                score: f.blast_radius as i32,
                severity: Some(f.severity),
                environment: f.environment.as_str().to_string(),
                why: f.reasons.first().cloned().unwrap_or_default(),
                rule: f.rule_id.clone(),
            },
            None => Outcome {
                score: -1,
                severity: None,
                environment: "missed".into(),
                why: String::new(),
                rule: String::new(),
            },
        }
    };
    let scored: Vec<(&Label, Outcome)> = labels
        .credentials
        .iter()
        .map(|l| (l, outcome_of(l)))
        .filter(|(l, o)| !(l.optional && o.severity.is_none()))
        .collect();
    let found = scored.iter().filter(|(_, o)| o.severity.is_some()).count();
    let (mut ordered, mut pairs) = (0.0, 0.0);
    for (a, oa) in &scored {
        for (b, ob) in &scored {
            if tier_rank(&a.tier) > tier_rank(&b.tier) {
                pairs += 1.0;
                ordered += match oa.score.cmp(&ob.score) {
                    std::cmp::Ordering::Greater => 1.0,
                    std::cmp::Ordering::Equal => 0.5,
                    std::cmp::Ordering::Less => 0.0,
                };
            }
        }
    }
    let band_of = |o: &Outcome| o.severity.map_or("missed", |s| s.as_str()).to_string();
    let agree = scored.iter().filter(|(l, o)| band_of(o) == l.tier).count();
    let called_critical = scored.iter().filter(|(_, o)| o.severity == Some(Severity::Critical)).count();
    let true_critical =
        scored.iter().filter(|(l, o)| l.tier == "critical" && o.severity == Some(Severity::Critical)).count();
    let labelled_critical = scored.iter().filter(|(l, _)| l.tier == "critical").count();
    let env_right = scored.iter().filter(|(l, o)| o.severity.is_some() && o.environment == l.environment).count();
    let decoys_reported = labels
        .decoys
        .iter()
        .filter(|d| {
            let file = canonical(machine_dir.join(&d.file));
            located.iter().any(|(f, p)| *p == file && reports(f, &d.value))
        })
        .map(|d| format!("{} in {}", d.value.chars().take(24).collect::<String>(), d.file))
        .collect();
    let ratio = |a: usize, b: usize| if b == 0 { 1.0 } else { a as f64 / b as f64 };
    Figures {
        labelled: scored.len(),
        found,
        pairwise: if pairs == 0.0 { 1.0 } else { ordered / pairs },
        band: ratio(agree, scored.len()),
        critical_precision: ratio(true_critical, called_critical),
        critical_recall: ratio(true_critical, labelled_critical),
        environment: ratio(env_right, scored.len()),
        decoys_reported,
        rows: scored
            .into_iter()
            .map(|(l, o)| (l.id.clone(), l.tier.clone(), l.environment.clone(), o, l.kind.clone()))
            .collect(),
    }
}
