//! Classification and ranking. In: unclassified findings from the engine, with their
//! detector and evidence. Out: findings with provider, environment, scope and
//! capabilities decided (every piece of evidence used recorded in `reasons`), scored and
//! ordered by blast radius ([`rank`]).

pub mod class;
pub mod clue;
pub mod group;
pub mod rank;
pub mod vocabulary;

use crate::engine::detect::Detector;
use crate::engine::generic::{file_kind, FileKind};
use crate::engine::scan::Scanner;
use crate::engine::spec::{DetectorSpec, Hint};
use crate::engine::validate::jwt_claims;
use crate::model::finding::{Capability, Clue, Environment, Finding, Scope, Source};
use crate::model::names::{
    file_name_environment, host_environment, is_local_host, key_environment, path_environment, url_host,
};

/// Classifies and ranks every finding, then orders them most dangerous first.
pub fn finish(scanner: &Scanner, findings: &mut [Finding]) {
    classify_all(scanner, findings);
    rank_and_sort(findings);
}

/// Who names a finding's provider when it is not its detector's own.
#[derive(Clone, Copy)]
pub enum Owner<'a> {
    /// A store named a provider that has detectors (the Railway CLI's `user.token` found
    /// by `credential-field`): their file's class applies.
    Store(&'a Detector),
    /// The key name names a provider of the vocabulary: its entry's class applies.
    Vocabulary(&'a vocabulary::Entry),
}

/// Classifies every finding whose detector is in the scanner's set, then groups the
/// parts of one credential found together.
pub fn classify_all(scanner: &Scanner, findings: &mut [Finding]) {
    let detector_names = vocabulary::of_detectors(&scanner.detectors);
    for finding in findings.iter_mut() {
        if let Some(detector) = scanner.detectors.by_id(&finding.rule_id) {
            let store_owner = (finding.provider != detector.spec.provider)
                .then(|| scanner.detectors.first_of_provider(&finding.provider))
                .flatten();
            let owner = match store_owner {
                // A store of a pseudo-provider (rclone's remotes are `generic`) says
                // nothing of what the value opens: its record or key name may.
                Some(store) if store.spec.class.as_deref().is_some_and(|c| c != class::DEFAULT_CLASS) => {
                    Some(Owner::Store(store))
                }
                Some(store) => vocabulary_owner(finding, detector, &detector_names).or(Some(Owner::Store(store))),
                None if finding.provider != detector.spec.provider => None,
                None => vocabulary_owner(finding, detector, &detector_names),
            };
            classify(finding, detector, owner);
        }
    }
    group::assign_credentials(findings, &scanner.detectors);
    group::share_environment_evidence(findings);
}

/// The provider a generic finding's key names, or failing that its record (`provider:
/// mistral` beside it, the host of the URL on its line), attributed to it: only for a
/// generic detector that does not know what the credential opens (class `other`) and a
/// finding no store claimed. The long-tail vocabulary is asked first, then the names
/// the detector files declare. The fingerprint stays the detector's, so baselines hold.
fn vocabulary_owner<'a>(
    finding: &mut Finding,
    detector: &Detector,
    detector_names: &'a vocabulary::Vocabulary,
) -> Option<Owner<'a>> {
    let spec = &detector.spec;
    let unknown_reach = spec.class.as_deref().is_none_or(|c| c == class::DEFAULT_CLASS);
    if !spec.generic || !unknown_reach {
        return None;
    }
    let vocabularies = [vocabulary::builtin(), detector_names];
    let lookup = |text: &str| vocabularies.iter().find_map(|v| v.provider_of_key(text));
    let (entry, reason) = if let Some(entry) = finding.key.as_deref().and_then(lookup) {
        let key = finding.key.as_deref().unwrap_or_default();
        (entry, format!("key name `{key}` names {} (provider vocabulary)", entry.name))
    } else {
        // The record's words are not echoed: a value beside a secret may be one too.
        let entry = finding.evidence.record_names.iter().find_map(|t| lookup(t))?;
        (
            entry,
            format!("its record (a `provider` or `type` beside it, its URL's host, its block) names {}", entry.name),
        )
    };
    finding.reasons.push(reason);
    finding.provider = entry.id.clone();
    typical_scope(finding, detector_names, entry);
    Some(Owner::Vocabulary(entry))
}

/// A generic finding attributed to a provider that has format detectors is that
/// provider's typical token (rubric §2.3): it takes the scope of the provider's first,
/// primary, detector when nothing showed its own.
fn typical_scope(finding: &mut Finding, detector_names: &vocabulary::Vocabulary, entry: &vocabulary::Entry) {
    let Some(scope) = detector_names.typical_scope(&entry.id) else { return };
    if finding.scope == Scope::Unknown && scope != Scope::Unknown {
        finding.scope = scope;
        finding.reasons.push(format!("scope {}: the provider's typical token", scope.as_str()));
    }
}

/// Decides every finding's tier and score (a credential's parts and places share the
/// highest), puts the deciding reason first and orders them most dangerous first.
pub fn rank_and_sort(findings: &mut [Finding]) {
    let worst = rank::worst_exposure(findings);
    share_public_by_design(findings);
    for f in findings.iter_mut() {
        let exposure = worst.get(&f.credential).copied().unwrap_or(f.source);
        let class = class::by_id(&f.impact_class).or_else(|| class::by_id(class::DEFAULT_CLASS));
        let Some(class) = class else { continue };
        let (tier, why) = rank::tier(f, class, &f.evidence.class_reason.clone());
        f.severity = tier;
        f.blast_radius = rank::score(f, tier, exposure);
        lead_with(&mut f.reasons, why);
        f.reasons.push(format!("found in {}", rank::exposure_words(f.source)));
        if exposure != f.source {
            f.reasons.push(format!("scored by its worst exposure: it is also in {}", rank::exposure_words(exposure)));
        }
    }
    let mut best: std::collections::HashMap<String, (u8, crate::model::finding::Severity)> = Default::default();
    for f in findings.iter() {
        let entry = best.entry(f.credential.clone()).or_insert((f.blast_radius, f.severity));
        if f.blast_radius > entry.0 {
            *entry = (f.blast_radius, f.severity);
        }
    }
    for f in findings.iter_mut() {
        if let Some(&(score, tier)) = best.get(&f.credential) {
            (f.blast_radius, f.severity) = (score, tier);
        }
    }
    findings.sort_by(|a, b| {
        b.blast_radius
            .cmp(&a.blast_radius)
            .then_with(|| a.credential.cmp(&b.credential))
            .then_with(|| a.path.cmp(&b.path))
            .then_with(|| a.line.cmp(&b.line))
            .then_with(|| a.column.cmp(&b.column))
    });
}

/// Applies detector defaults, the detector's hints and contextual evidence to a finding.
/// `owner` names the finding's provider when that is not the detector's own (a store or
/// the vocabulary named it); its impact class applies. The reason that decided the
/// classification goes first in `reasons`.
pub fn classify(finding: &mut Finding, detector: &Detector, owner: Option<Owner<'_>>) {
    let mut deciding = Deciding::default();
    let intrinsic_env = apply_hints(finding, detector, &mut deciding);
    let class = impact_class(finding, detector, owner);
    finding.evidence.test_mode = intrinsic_env == Some(Environment::Test);
    finding.evidence.example = is_example(finding);
    if detector.spec.generic && !finding.evidence.public_by_design {
        mark_public_name(finding);
    }
    let token_clues = clue::secret_clues(finding.secret.expose());
    let file_clues = std::mem::take(&mut finding.evidence.clues);
    let mut per_environment = detector.spec.account_per_environment;
    per_environment |= apply_clues(finding, &token_clues, intrinsic_env.is_some(), &mut deciding);
    per_environment |= apply_clues(finding, &file_clues, intrinsic_env.is_some(), &mut deciding);
    finding.capabilities.sort();
    finding.capabilities.dedup();
    if detector.spec.destroys_backups && finding.capabilities.contains(&Capability::Delete) {
        finding.evidence.reaches_backups = true;
        finding.reasons.push("can delete the provider's backups along with the data".into());
    }
    if finding.kind.contains("encrypted") {
        finding.evidence.encrypted_key = true;
        finding.reasons.push("the private key is encrypted: useless without its passphrase".into());
    }
    let mut environment_clues: Vec<(Environment, String, bool)> = Vec::new();
    for (clues, from_token) in [(&token_clues, true), (&file_clues, false)] {
        let named = clues.iter().filter_map(|c| c.environment.map(|env| (env, c.reason.clone(), from_token)));
        environment_clues.extend(named);
    }
    let spans = class.partitioned && !per_environment;
    resolve_environment(finding, intrinsic_env, environment_clues, spans, &mut deciding);
    if finding.evidence.example && finding.environment == Environment::Unknown {
        // A fixture's or a document's value is an example: it reaches no environment.
        finding.environment = Environment::Test;
    }
    finding.evidence.environment_reason =
        deciding.token_environment.clone().or(deciding.spans.clone()).or(deciding.context_environment.clone());
    let local_clue = token_clues.iter().chain(&file_clues).any(|c| c.local);
    let local_value = url_host(finding.secret.expose()).is_some_and(|h| is_local_host(&h))
        || finding.key.as_deref().is_some_and(|k| k.split([':', '.', '@', '/']).next().is_some_and(is_local_host));
    finding.evidence.local_only = finding.environment == Environment::Development && (local_clue || local_value);
    finding.evidence.clues = file_clues;
    finding.evidence.class_reason =
        deciding.lead(class.partitioned).unwrap_or_else(|| finding.evidence.class_reason.clone());
    finding.remediation = remediation(&detector.spec, finding);
}

/// The reasons that decided a classification, by how much they tell: the first one set
/// leads the finding's reasons (the human report's "why").
#[derive(Debug, Default)]
struct Deciding {
    /// The environment read from the credential itself (`sk_live_`, an org-token payload).
    token_environment: Option<String>,
    /// A credential whose scope spans environments, so it reaches production.
    spans: Option<String>,
    /// Evidence that set the scope or the capabilities.
    scope: Option<String>,
    /// The context clue (path, key name, host, kubeconfig, Terraform) that set the environment.
    context_environment: Option<String>,
}

impl Deciding {
    /// The evidence that decides a credential at its class's ceiling: for a provider that
    /// partitions by environment, what set the environment; otherwise only what set the
    /// scope or capabilities (the file's environment changes nothing there).
    fn lead(self, partitioned: bool) -> Option<String> {
        if partitioned {
            self.token_environment.or(self.spans).or(self.scope).or(self.context_environment)
        } else {
            self.scope
        }
    }
}

/// A value one place shows to be public by design (`NEXT_PUBLIC_FIREBASE_API_KEY`) is
/// public wherever else it sits (the same key inlined in `firebase.ts`).
fn share_public_by_design(findings: &mut [Finding]) {
    let public: std::collections::HashSet<String> =
        findings.iter().filter(|f| f.evidence.public_by_design).map(|f| f.credential.clone()).collect();
    for f in findings.iter_mut().filter(|f| !f.evidence.public_by_design && public.contains(&f.credential)) {
        f.evidence.public_by_design = true;
        f.reasons.push("the same value is public by design where else it is found".into());
    }
}

/// Puts `lead` first in `reasons`, once.
fn lead_with(reasons: &mut Vec<String>, lead: String) {
    reasons.retain(|r| *r != lead);
    reasons.insert(0, lead);
}

/// The finding's impact class, recorded on it with the reason and any ceiling its
/// detector declares for this kind of credential.
fn impact_class(finding: &mut Finding, detector: &Detector, owner: Option<Owner<'_>>) -> &'static class::ImpactClass {
    let spec = &detector.spec;
    let from_hint = !finding.impact_class.is_empty();
    let (declared, declared_reason) = declared_class(spec, owner);
    let id = if from_hint { finding.impact_class.as_str() } else { declared.unwrap_or(class::DEFAULT_CLASS) };
    let mut class = class::by_id(id).or_else(|| class::by_id(class::DEFAULT_CLASS)).expect("the default class exists");
    let by_vocabulary = matches!(owner, Some(Owner::Vocabulary(_)));
    let named = (!from_hint && !by_vocabulary && class.id == class::DEFAULT_CLASS && spec.generic)
        .then(|| {
            class::class_of_names(finding.key.as_deref(), &finding.path).or_else(|| {
                // What the record names (a Terraform resource type) says it opens.
                finding.evidence.record_names.iter().find_map(|name| class::class_of_names(Some(name), ""))
            })
        })
        .flatten();
    if let Some(named) = named.and_then(|n| class::by_id(&n.class).map(|c| (n, c))) {
        class = named.1;
        finding.impact_class = class.id.clone();
        finding.evidence.class_reason = format!("{}: {}", class.id, named.0.reason);
    } else if !from_hint {
        finding.impact_class = class.id.clone();
        let reason = declared_reason.unwrap_or(&class.description);
        finding.evidence.class_reason = format!("{}: {reason}", class.id);
    }
    if finding.evidence.ceiling.is_some() {
        // A hint already named this credential's ceiling.
    } else if let Some(ceiling) = spec.ceiling {
        let why = spec.ceiling_reason.clone().unwrap_or_else(|| format!("{} reaches {}", spec.name, ceiling.as_str()));
        finding.evidence.ceiling = Some((ceiling, why));
    } else if let Some(kind) = class::kind_ceiling(&finding.kind) {
        finding.evidence.ceiling = Some((kind.ceiling, kind.reason.clone()));
    }
    class
}

/// The class and class reason that apply: the owner's when it declares one, else the
/// detector file's.
fn declared_class<'a>(spec: &'a DetectorSpec, owner: Option<Owner<'a>>) -> (Option<&'a str>, Option<&'a str>) {
    match owner {
        Some(Owner::Vocabulary(entry)) => (Some(&entry.class), Some(&entry.reason)),
        Some(Owner::Store(d)) if d.spec.class.is_some() => (d.spec.class.as_deref(), d.spec.class_reason.as_deref()),
        _ => (spec.class.as_deref(), spec.class_reason.as_deref()),
    }
}

/// A value in a test fixture or in documentation (rubric §1 low). Only paths inside a
/// scanned tree say so: a home store's path does not.
fn is_example(finding: &Finding) -> bool {
    if !matches!(finding.source, Source::Workspace | Source::Staged | Source::GitHistory) {
        return false;
    }
    let documentation = [".md", ".markdown", ".rst", ".adoc", ".html", ".htm"];
    match file_kind(Some(&finding.path)) {
        FileKind::Test => true,
        FileKind::Documentation => documentation.iter().any(|ext| finding.path.to_ascii_lowercase().ends_with(ext)),
        _ => false,
    }
}

/// Key-name prefixes that frameworks inline into the code they ship to browsers and apps
/// (Next.js, Vite, Create React App, Expo, Gatsby, Nuxt, SvelteKit and Astro's `PUBLIC_`).
const PUBLIC_PREFIXES: [&str; 7] =
    ["next_public_", "vite_", "react_app_", "expo_public_", "gatsby_", "nuxt_public_", "public_"];

/// A generic finding under a name that says the value is public by design: a browser-
/// bundled variable (`NEXT_PUBLIC_…`) or a key named public or publishable
/// (`MAPBOX_PUBLIC_TOKEN`, `publishableKey`). A format detector's own evidence (an
/// `sk_live_` key under such a name) is not overridden: only generic findings get here.
fn mark_public_name(finding: &mut Finding) {
    let Some(key) = finding.key.as_deref() else { return };
    let leaf = key.rsplit(['.', '/', ':']).next().unwrap_or(key);
    let lower = leaf.to_ascii_lowercase();
    let words = vocabulary::words(leaf);
    let bundled = PUBLIC_PREFIXES.iter().any(|p| lower.starts_with(p));
    let named = words.iter().any(|w| w.text == "public" || w.text == "publishable");
    if bundled || named {
        finding.evidence.public_by_design = true;
        finding.reasons.push(format!("key name `{leaf}` marks a value shipped to browsers or apps: public by design"));
    }
}

/// Applies the detector's hints; returns the environment the token itself names.
fn apply_hints(finding: &mut Finding, detector: &Detector, deciding: &mut Deciding) -> Option<Environment> {
    let mut intrinsic_env = None;
    for (hint, key_regex) in detector.spec.hints.iter().zip(detector.hint_keys()) {
        if !hint_applies(hint, key_regex.as_ref(), finding) {
            continue;
        }
        if let Some(env) = hint.environment {
            finding.environment = env;
            if hint.key_regex.is_none() {
                intrinsic_env = Some(env);
                deciding.token_environment = Some(hint.reason.clone());
            } else {
                deciding.context_environment = Some(hint.reason.clone());
            }
        }
        if let Some(scope) = hint.scope {
            finding.scope = scope;
        }
        if let Some(caps) = &hint.capabilities {
            finding.capabilities = caps.clone();
            finding.evidence.read_only = caps.as_slice() == [Capability::Read];
        }
        if let Some(class) = &hint.class {
            finding.impact_class = class.clone();
            finding.evidence.class_reason = format!("{class}: {}", hint.reason);
        }
        if hint.scope.is_some() || hint.capabilities.is_some() {
            deciding.scope = Some(hint.reason.clone());
        }
        finding.evidence.public_by_design |= hint.public_by_design;
        if let Some(ceiling) = hint.ceiling {
            finding.evidence.ceiling = Some((ceiling, hint.reason.clone()));
        }
        finding.reasons.push(hint.reason.clone());
    }
    intrinsic_env
}

/// Applies the scope and capabilities that clues show and records their reasons (an
/// environment-only clue is left out when the token itself named the environment).
/// Returns true when a clue's scope is one cluster or account serving one environment.
fn apply_clues(finding: &mut Finding, clues: &[Clue], token_named_env: bool, deciding: &mut Deciding) -> bool {
    let mut per_environment = false;
    for clue in clues {
        let shapes_scope = clue.scope.is_some() || !clue.capabilities.is_empty();
        if let Some(scope) = clue.scope {
            finding.scope = finding.scope.max(scope);
            per_environment |= clue.per_environment;
        }
        finding.capabilities.extend(clue.capabilities.iter().copied());
        if !clue.capabilities.is_empty() {
            finding.evidence.read_only = clue.capabilities == [Capability::Read];
        }
        if shapes_scope {
            deciding.scope = Some(clue.reason.clone());
        }
        if shapes_scope || !token_named_env {
            finding.reasons.push(clue.reason.clone());
        }
    }
    per_environment
}

/// One line: the detector's advice, where to rotate, and how to keep agents away from
/// where it was found.
fn remediation(spec: &crate::engine::spec::DetectorSpec, finding: &Finding) -> String {
    let mut line = spec.remediation.trim_end_matches('.').to_string();
    if let Some(url) = &spec.rotate_url {
        line.push_str(&format!("; rotate at {url}"));
    }
    let keep_away = match finding.source {
        Source::Workspace => "; then keep it out of the workspace (secret manager or OS keychain) or add the file to the agent's deny list",
        Source::Staged => "; then unstage it and load it from a secret manager instead",
        Source::GitHistory => "; rotating is the only fix: the old commit keeps the value",
        Source::Home => "; then prefer short-lived or keychain-backed credentials for this tool",
        Source::History => "; then delete the history line and pass secrets through files or prompts, not arguments",
        Source::Env => "; then unset it before starting the agent",
    };
    line.push_str(keep_away);
    line.push('.');
    line
}

fn hint_applies(hint: &Hint, key_regex: Option<&regex::Regex>, finding: &Finding) -> bool {
    let secret = finding.secret.expose();
    let checks = [
        hint.secret_prefix.as_ref().map(|p| secret.starts_with(p.as_str())),
        hint.secret_contains.as_ref().map(|c| secret.contains(c.as_str())),
        key_regex.map(|re| finding.key.as_deref().is_some_and(|k| re.is_match(k))),
        hint.jwt_claim.as_ref().map(|claim| jwt_claim_matches(secret, claim)),
    ];
    checks.iter().any(Option::is_some) && checks.iter().all(|c| c.unwrap_or(true))
}

/// `claim` is `name=value`; true when the JWT payload has that string value.
fn jwt_claim_matches(secret: &str, claim: &str) -> bool {
    let Some((name, value)) = claim.split_once('=') else { return false };
    jwt_claims(secret).and_then(|claims| claims.get(name).and_then(|v| v.as_str().map(|s| s == value))).unwrap_or(false)
}

/// Combines what the token itself says with what its surroundings say. The token's own
/// evidence (a `sk_test_` prefix) decides; otherwise the broadest reach among the
/// clues wins (`clues` are the decoded and file evidence: environment, reason, read from
/// the token), and when `reaches_across` (a provider that hosts environments, whose
/// accounts are not themselves per environment) a credential whose scope spans a whole
/// account or workspace reaches production wherever it was found.
fn resolve_environment(
    finding: &mut Finding,
    intrinsic: Option<Environment>,
    mut clues: Vec<(Environment, String, bool)>,
    reaches_across: bool,
    deciding: &mut Deciding,
) {
    if let Some(env) = intrinsic {
        finding.environment = env;
        return;
    }
    for (env, reason) in context_clues(finding) {
        finding.reasons.push(reason.clone());
        clues.push((env, reason, false));
    }
    let broadest = clues.iter().map(|(env, _, _)| *env).max();
    if let Some(env) = broadest {
        if clues.iter().any(|(e, _, _)| *e != env) {
            finding
                .reasons
                .push(format!("conflicting environment clues: assuming the broader reach, {}", env.as_str()));
        }
        if env >= finding.environment {
            finding.environment = env;
            if let Some((_, reason, from_token)) = clues.into_iter().find(|(e, _, _)| *e == env) {
                let slot = if from_token { &mut deciding.token_environment } else { &mut deciding.context_environment };
                *slot = Some(reason);
            }
        }
    }
    let spans_environments = matches!(finding.scope, Scope::Account | Scope::Workspace) && reaches_across;
    if spans_environments && finding.environment != Environment::Production {
        let was = finding.environment;
        finding.environment = Environment::Production;
        let scope = finding.scope.as_str();
        let reason = if was == Environment::Unknown {
            format!("{scope}-wide credential: reaches every environment including production")
        } else {
            format!("{scope}-wide credential found in a {} context: it still reaches production", was.as_str())
        };
        finding.reasons.push(reason.clone());
        deciding.spans = Some(reason);
    }
}

/// Environment clues from the path, the key name and host names in the value, each with
/// its reason.
fn context_clues(finding: &Finding) -> Vec<(Environment, String)> {
    let mut clues = Vec::new();
    let suggests = |what: String, env: Environment| (env, format!("{what} suggests {}", env.as_str()));
    let path_env = match finding.source {
        Source::Home | Source::History => file_name_environment(&finding.path),
        _ => path_environment(&finding.path),
    };
    if let Some(env) = path_env {
        clues.push(suggests(format!("file path `{}`", finding.path), env));
    }
    if let Some(key) = &finding.key {
        if let Some(env) = key_environment(key) {
            clues.push(suggests(format!("key name `{key}`"), env));
        }
    }
    if let Some(host) = url_host(finding.secret.expose()) {
        if let Some(env) = host_environment(&host) {
            clues.push(suggests(format!("host `{host}`"), env));
        }
    }
    clues
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::detect::DetectorSet;
    use crate::model::names::words_environment;
    use crate::model::result::Origin;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use base64::Engine;

    const DETECTORS: &str = r#"
provider = "demo"
class = "infrastructure"
[[detector]]
id = "demo-live"
name = "Demo key"
kind = "api-key"
keywords = ["dmk_"]
regex = '\b(?P<secret>dmk_(?:live|test)_[A-Za-z0-9]{16})\b'
capabilities = ["read", "write"]
scope = "project"
remediation = "Rotate it"
examples = ["dmk_live_Q8v2Lr5Tz1Xw9Kp3"]
negative_examples = ["dmk_live_short"]
[[detector.hints]]
secret_prefix = "dmk_live_"
environment = "production"
reason = "live-mode demo key"
[[detector.hints]]
secret_prefix = "dmk_test_"
environment = "test"
reason = "test-mode demo key"

[[detector]]
id = "demo-uuid"
name = "Demo platform token"
kind = "api-token"
keywords = ["demo_"]
regex = '(?P<key>DEMO_[A-Z_]*TOKEN)=(?P<secret>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})'
capabilities = ["read", "write", "delete"]
destroys_backups = true
remediation = "Rotate it"
examples = ["DEMO_TOKEN=4f1d2c3b-9e8a-4b7c-8d6e-5f4a3b2c1d0e"]
negative_examples = ["DEMO_TOKEN=nope"]
[[detector.hints]]
key_regex = "^DEMO_API_TOKEN$"
scope = "account"
capabilities = ["read", "write", "admin", "delete"]
reason = "account token"
[[detector.hints]]
key_regex = "^DEMO_TOKEN$"
scope = "environment"
reason = "project token"

[[detector]]
id = "demo-jwt"
name = "Demo JWT"
kind = "jwt"
keywords = ["eyJ"]
regex = '(?P<secret>eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)'
validators = ["jwt"]
capabilities = ["read"]
remediation = "Rotate it"
examples = ["eyJhbGciOiJIUzI1NiJ9.eyJyb2xlIjoiYW5vbiJ9.c2lnbmF0dXJl"]
negative_examples = ["eyJub3QiOiJqd3QifQ.e30.c2ln"]
[[detector.hints]]
jwt_claim = "role=service_role"
capabilities = ["read", "write", "admin", "delete"]
reason = "service_role key"

[[detector]]
id = "demo-cloud"
name = "Demo cloud key"
kind = "access-key"
keywords = ["dck_"]
regex = '\b(?P<secret>dck_[A-Za-z0-9]{16})\b'
capabilities = ["admin"]
scope = "account"
account_per_environment = true
remediation = "Rotate it"
examples = ["dck_Q8v2Lr5Tz1Xw9Kp3"]
negative_examples = ["dck_short"]
"#;

    fn classify_text(path: &str, text: &str) -> Finding {
        let specs = crate::engine::spec::parse_file(DETECTORS).unwrap();
        let scanner = Scanner::new(DetectorSet::new(specs).unwrap());
        let origin = Origin { path, source: crate::model::finding::Source::Workspace, commit: None };
        let mut findings = scanner.findings_in(text.as_bytes(), origin);
        assert_eq!(findings.len(), 1, "one finding in {text}");
        crate::classify::finish(&scanner, &mut findings);
        findings.remove(0)
    }

    fn jwt(claims: &str) -> String {
        let enc = |s: &str| URL_SAFE_NO_PAD.encode(s);
        format!("{}.{}.{}", enc(r#"{"alg":"HS256","typ":"JWT"}"#), enc(claims), enc("sig-bytes-here"))
    }

    #[test]
    fn token_prefix_decides_the_environment_over_the_file_name() {
        let f = classify_text(".env.production", "K=dmk_test_Q8v2Lr5Tz1Xw9Kp3\n");
        assert_eq!(f.environment, Environment::Test);
        assert!(f.reasons.iter().any(|r| r == "test-mode demo key"));
        let f = classify_text("app.env", "K=dmk_live_Q8v2Lr5Tz1Xw9Kp3\n");
        assert_eq!(f.environment, Environment::Production);
    }

    #[test]
    fn key_name_sets_scope_and_account_tokens_reach_production_from_staging() {
        let account = classify_text(".env.staging", "DEMO_API_TOKEN=4f1d2c3b-9e8a-4b7c-8d6e-5f4a3b2c1d0e\n");
        assert_eq!(account.scope, Scope::Account);
        assert_eq!(account.environment, Environment::Production);
        assert!(account.reasons.iter().any(|r| r.contains("it still reaches production")), "{:?}", account.reasons);
        assert!(account.evidence.reaches_backups);
        let project = classify_text(".env.staging", "DEMO_TOKEN=4f1d2c3b-9e8a-4b7c-8d6e-5f4a3b2c1d0e\n");
        assert_eq!(project.scope, Scope::Environment);
        assert_eq!(project.environment, Environment::Staging);
        assert!(account.blast_radius > project.blast_radius);
    }

    #[test]
    fn jwt_claims_change_capabilities() {
        let service = classify_text("a.env", &format!("K={}\n", jwt(r#"{"role":"service_role"}"#)));
        assert!(service.capabilities.contains(&crate::model::finding::Capability::Admin));
        let anon = classify_text("a.env", &format!("K={}\n", jwt(r#"{"role":"anon"}"#)));
        assert_eq!(anon.capabilities, vec![crate::model::finding::Capability::Read]);
        assert!(service.blast_radius > anon.blast_radius);
    }

    #[test]
    fn conflicting_context_clues_take_the_broader_reach() {
        let f = classify_text(".env.staging", "PROD_CLOUD_KEY=dck_Q8v2Lr5Tz1Xw9Kp3\n");
        assert_eq!(f.environment, Environment::Production);
        assert!(f.reasons.iter().any(|r| r.starts_with("conflicting environment clues")), "{:?}", f.reasons);
    }

    #[test]
    fn host_names_in_urls_are_clues() {
        let f = classify_text("settings.py", "K = 'dck_Q8v2Lr5Tz1Xw9Kp3'\n");
        assert_eq!(f.environment, Environment::Unknown);
        assert_eq!(host_environment("db.staging.internal"), Some(Environment::Staging));
    }

    #[test]
    fn per_environment_accounts_follow_their_context() {
        let dev = classify_text("profiles/dev/credentials", "k = dck_Q8v2Lr5Tz1Xw9Kp3\n");
        assert_eq!(dev.environment, Environment::Development);
        let unknown = classify_text("credentials", "k = dck_Q8v2Lr5Tz1Xw9Kp3\n");
        assert_eq!(unknown.environment, Environment::Unknown);
        let prod = classify_text("profiles/prod/credentials", "k = dck_Q8v2Lr5Tz1Xw9Kp3\n");
        assert!(prod.blast_radius > unknown.blast_radius && unknown.blast_radius > dev.blast_radius);
    }

    #[test]
    fn remediation_is_one_line_with_the_next_step() {
        let f = classify_text("a.env", "K=dmk_live_Q8v2Lr5Tz1Xw9Kp3\n");
        assert!(f.remediation.starts_with("Rotate it;"));
        assert!(f.remediation.contains("deny list"));
        assert!(!f.remediation.contains('\n'));
    }

    #[test]
    fn the_reason_that_decided_leads_not_a_backups_note() {
        let f = classify_text("app.env", "DEMO_PROD_TOKEN=4f1d2c3b-9e8a-4b7c-8d6e-5f4a3b2c1d0e\n");
        assert!(f.reasons.iter().any(|r| r.contains("backups")), "{:?}", f.reasons);
        assert_eq!(f.reasons[0], "key name `DEMO_PROD_TOKEN` suggests production");
        let staging = classify_text(".env.staging", "DEMO_API_TOKEN=4f1d2c3b-9e8a-4b7c-8d6e-5f4a3b2c1d0e\n");
        assert!(staging.reasons[0].contains("it still reaches production"), "{:?}", staging.reasons);
        let live = classify_text(".env.staging", "K=dmk_live_Q8v2Lr5Tz1Xw9Kp3\n");
        assert_eq!(live.reasons[0], "live-mode demo key");
        let service = classify_text(".env.production", &format!("K={}\n", jwt(r#"{"role":"service_role"}"#)));
        assert_eq!(service.reasons[0], "service_role key");
    }

    /// The built-in detectors, for evidence that lives in detector files or needs a real
    /// provider's detector.
    fn builtin() -> &'static Scanner {
        static SCANNER: std::sync::OnceLock<Scanner> = std::sync::OnceLock::new();
        SCANNER.get_or_init(|| Scanner::new(DetectorSet::new(crate::engine::spec::load(&[]).unwrap()).unwrap()))
    }

    fn classify_builtin(path: &str, text: &str) -> Vec<Finding> {
        let scanner = builtin();
        let origin = Origin { path, source: crate::model::finding::Source::Workspace, commit: None };
        let mut findings = scanner.findings_in(text.as_bytes(), origin);
        crate::classify::finish(scanner, &mut findings);
        findings
    }

    #[test]
    fn sentry_org_token_payload_names_org_and_region_and_is_organisation_wide() {
        let token = "sntrys_eyJpYXQiOiAxNzkwMDEyMzQ1LjEyMzQ1NiwgInVybCI6ICJodHRwczovL3NlbnRyeS5pbyIsICJyZWdpb25fdXJsIjogImh0dHBzOi8vdXMuc2VudHJ5LmlvIiwgIm9yZyI6ICJhY21lLWNvcnAifQ==_2oA9ibaiaF2tvCrM82wvuWtuzTM+mxFb9OoEnAm67do"; // blastradius:allow (fake)
        let found = classify_builtin(".env.staging", &format!("SENTRY_AUTH_TOKEN={token}\n"));
        assert_eq!(found.len(), 1);
        let f = &found[0];
        assert_eq!((f.environment, f.scope), (Environment::Staging, Scope::Workspace));
        assert!(f.reasons[0].contains("organisation `acme-corp` (region us"), "{:?}", f.reasons);
        let user = classify_builtin(
            ".env.staging",
            "SENTRY_AUTH_TOKEN=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\n", // blastradius:allow (fake)
        );
        assert!(user[0].reasons.iter().all(|r| !r.contains("org token")), "{:?}", user[0].reasons);
    }

    #[test]
    fn aws_root_like_names_are_account_admin() {
        let pair = "aws_access_key_id = AKIAQ4TN7XW2LKP3MZB6\naws_secret_access_key = k9Xq2Lw7Rt4Vz8Nb1Mc5Hd3Fg6Jp0Ys+Ue/WiOaT\n"; // blastradius:allow (fake)
        let is_root = |f: &Finding| f.reasons.iter().any(|r| r.starts_with("root-like name"));
        let root = classify_builtin("credentials", &format!("[root]\n{pair}"));
        assert_eq!(root.len(), 2);
        for f in &root {
            assert!(is_root(f) && f.capabilities.contains(&Capability::Admin) && f.scope == Scope::Account, "{f:?}");
            assert!(f.reasons[0].starts_with("root-like name"), "{:?}", f.reasons);
        }
        let env = classify_builtin("deploy.env", "AWS_ROOT_ACCESS_KEY_ID=AKIAQ4TN7XW2LKP3MZB6\n"); // blastradius:allow (fake)
        assert!(is_root(&env[0]));
        for decoy in ["[groot]\n", "[chroot-builder]\n", "[default]\n"] {
            let found = classify_builtin("credentials", &format!("{decoy}{pair}"));
            assert!(found.iter().all(|f| !is_root(f) && !f.capabilities.contains(&Capability::Admin)), "{decoy}");
        }
    }

    #[test]
    fn kubeconfig_context_and_masters_certificate_classify_the_client_key() {
        let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/ranking/home/.kube/config"))
            .unwrap();
        let found = classify_builtin("home/.kube/config", &text);
        let key = found.iter().find(|f| f.rule_id == "kubernetes-client-key-data").unwrap();
        assert_eq!((key.environment, key.scope), (Environment::Production, Scope::Account));
        assert!(key.capabilities.contains(&Capability::Admin));
        assert!(key.reasons[0].contains("system:masters"), "{:?}", key.reasons);
        assert!(key.reasons.iter().any(|r| r.contains("`prod-eks` (current-context)")), "{:?}", key.reasons);
        let dev = found.iter().find(|f| f.rule_id == "kubernetes-kubeconfig-token").unwrap();
        assert_eq!((dev.environment, dev.scope), (Environment::Development, Scope::Unknown));
        assert!(dev.reasons[0].contains("`kind-dev`"), "{:?}", dev.reasons);
    }

    #[test]
    fn kubeconfig_evidence_holds_for_structured_scans() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/ranking/home/.kube/config");
        let text = std::fs::read(path).unwrap();
        let scanner = builtin();
        let origin = Origin { path: "~/.kube/config", source: crate::model::finding::Source::Home, commit: None };
        let (mut found, error) =
            crate::engine::structured::scan_structured(scanner, crate::source::extract::Format::Yaml, &text, origin);
        assert!(error.is_none());
        crate::classify::finish(scanner, &mut found);
        let key = found.iter().find(|f| f.key.as_deref() == Some("users.admin.client-key-data")).unwrap();
        assert_eq!((key.environment, key.scope), (Environment::Production, Scope::Account));
    }

    #[test]
    fn service_account_token_namespace_sets_environment_or_cluster_scope() {
        let text =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/ranking/services/deploy/kube.env"))
                .unwrap();
        let found = classify_builtin("kube.env", &text);
        let by_key = |k: &str| found.iter().find(|f| f.key.as_deref() == Some(k)).unwrap();
        let staging = by_key("KUBE_TOKEN");
        assert_eq!((staging.environment, staging.scope), (Environment::Staging, Scope::Unknown));
        let system = by_key("KUBE_OPERATOR_TOKEN");
        assert_eq!((system.environment, system.scope), (Environment::Unknown, Scope::Account));
        assert!(system.reasons[0].contains("kube-system"), "{:?}", system.reasons);
    }

    #[test]
    fn terraform_state_tags_and_workspaces_set_the_environment() {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/ranking/infra");
        let tagged = std::fs::read_to_string(format!("{root}/terraform.tfstate")).unwrap();
        let found = classify_builtin("infra/terraform.tfstate", &tagged);
        assert_eq!(found[0].environment, Environment::Production);
        assert!(found[0].reasons[0].contains("tags.Environment = \"production\""), "{:?}", found[0].reasons);
        let untagged = tagged.replace("\"production\"", "\"shared\"");
        assert_eq!(classify_builtin("infra/terraform.tfstate", &untagged)[0].environment, Environment::Unknown);
        let workspace =
            std::fs::read_to_string(format!("{root}/terraform.tfstate.d/staging/terraform.tfstate")).unwrap();
        let found = classify_builtin("infra/terraform.tfstate.d/staging/terraform.tfstate", &workspace);
        assert_eq!(found[0].environment, Environment::Staging);
        assert!(found[0].reasons[0].starts_with("Terraform workspace `staging`"), "{:?}", found[0].reasons);
    }

    #[test]
    fn a_generic_finding_under_a_vocabulary_name_takes_that_provider_and_class() {
        let value = "Xq7Tn2Lm9Rv4Bw8Kz1Yp5Hd3"; // blastradius:allow (fake)
        let found = classify_builtin(".env", &format!("SENDBIRD_API_TOKEN={value}\n"));
        assert_eq!(found.len(), 1);
        let f = &found[0];
        assert_eq!((f.rule_id.as_str(), f.provider.as_str()), ("generic-token", "sendbird"));
        assert_eq!(f.impact_class, "messaging");
        assert!(
            f.evidence.class_reason.starts_with("messaging: chat and messaging API"),
            "{}",
            f.evidence.class_reason
        );
        let named = "key name `SENDBIRD_API_TOKEN` names Sendbird (provider vocabulary)";
        assert!(f.reasons.iter().any(|r| r == named), "{:?}", f.reasons);
        let unnamed = classify_builtin(".env", &format!("CHAT_API_TOKEN={value}\n"));
        assert_eq!((unnamed[0].provider.as_str(), unnamed[0].impact_class.as_str()), ("generic", "other"));
        assert!(f.blast_radius > unnamed[0].blast_radius, "a messaging class ranks above `other`");
    }

    #[test]
    fn vocabulary_attribution_keeps_the_generic_fingerprint() {
        let value = "Xq7Tn2Lm9Rv4Bw8Kz1Yp5Hd3"; // blastradius:allow (fake)
        let named = classify_builtin(".env", &format!("SENDBIRD_API_TOKEN={value}\n"));
        let unnamed = classify_builtin(".env", &format!("CHAT_API_TOKEN={value}\n"));
        assert_eq!(named[0].provider, "sendbird");
        assert_eq!(named[0].fingerprint, unnamed[0].fingerprint);
        assert_eq!(named[0].fingerprint, builtin().fingerprints.of("generic", value).as_ref());
    }

    #[test]
    fn a_format_detector_wins_over_the_vocabulary() {
        let github = "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"; // blastradius:allow (fake, from detectors/github.toml)
        let found = classify_builtin(".env", &format!("SENDBIRD_TOKEN={github}\n"));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].provider, "github");
        assert!(found[0].reasons.iter().all(|r| !r.contains("provider vocabulary")), "{:?}", found[0].reasons);
        let stripe = "sk_test_zyCiB4kGwW9mK0xSI9QNepGs"; // blastradius:allow (fake, from detectors/stripe.toml)
        let found = classify_builtin("settings.py", &format!("SENDBIRD_API_KEY = \"{stripe}\"\n"));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].provider, "stripe");
    }

    #[test]
    fn vocabulary_names_prefix_only_and_cli_flags() {
        let value = "Lp4Rz8Qm2Tv7Xn3Kb9Wd6Yc1"; // blastradius:allow (fake)
        let provider = |text: &str| classify_builtin(".env", text).first().map(|f| f.provider.clone());
        assert_eq!(provider(&format!("PORTER_API_TOKEN={value}\n")).as_deref(), Some("porter"));
        assert_eq!(provider(&format!("PASSPORTER_API_TOKEN={value}\n")).as_deref(), Some("generic"));
        assert_eq!(provider(&format!("BUILD_PORTER_API_TOKEN={value}\n")).as_deref(), Some("generic"));
        let yaml = classify_builtin("config/ci.yml", &format!("launchpad:\n  token: {value}\n"));
        assert_eq!(yaml[0].provider, "launchpad");
        let flag = classify_builtin("deploy.sh", &format!("sendbird-cli push --sendbird-token {value} --yes\n"));
        assert_eq!(flag.len(), 1);
        assert_eq!((flag[0].rule_id.as_str(), flag[0].provider.as_str()), ("generic-cli-flag", "sendbird"));
    }

    #[test]
    fn browser_bundled_and_public_names_are_public_by_design() {
        let value = "Rk4Tz8Vq2Lm7Xn3Wb9Hd6Yc1"; // blastradius:allow (fake)
        for text in [format!("REACT_APP_MAPS_API_KEY={value}\n"), format!("VITE_ANALYTICS_API_KEY={value}\n")] {
            let found = classify_builtin(".env", &text);
            assert_eq!(found[0].severity, crate::model::finding::Severity::Low, "{text}: {:?}", found[0].reasons);
            assert!(found[0].evidence.public_by_design);
        }
        let secret = classify_builtin(".env", &format!("MAPS_API_KEY={value}\n"));
        assert!(!secret[0].evidence.public_by_design);
        let mut both = classify_builtin(".env", &format!("MAPS_API_KEY={value}\n"));
        both.extend(classify_builtin("web/.env", &format!("VITE_MAPS_API_KEY={value}\n")));
        for f in &mut both {
            f.credential = f.fingerprint.clone();
        }
        crate::classify::rank_and_sort(&mut both);
        assert!(both.iter().all(|f| f.evidence.public_by_design), "public wherever else the value sits");
    }

    #[test]
    fn detector_files_name_their_providers_for_generic_findings() {
        let value = "Lq5Wz9Tm3Rv7Xk2Nb8Hc4Jd6"; // blastradius:allow (fake)
        let found = classify_builtin("settings.json", &format!("\"ANTHROPIC_AUTH_TOKEN\": \"{value}\"\n"));
        assert_eq!((found[0].provider.as_str(), found[0].impact_class.as_str()), ("anthropic", "llm"));
        let turbo = classify_builtin("ci.yml", &format!("env:\n  TURBO_TOKEN: {value}\n"));
        assert_eq!((turbo[0].provider.as_str(), turbo[0].scope), ("vercel", Scope::Account));
        assert_eq!(turbo[0].environment, Environment::Production, "{:?}", turbo[0].reasons);
        let prefix_only = classify_builtin(".env", &format!("PRE_RENDER_TOKEN={value}\n"));
        assert_eq!(prefix_only[0].provider, "generic");
    }

    #[test]
    fn the_record_names_the_provider_when_the_key_does_not() {
        let value = "Pz6Kq1Vm8Rt3Xw7Nb2Hd9Lc4"; // blastradius:allow (fake)
        let yaml = format!("models:\n  - name: Autocomplete\n    provider: mistral\n    apiKey: {value}\n");
        let found = classify_builtin("config.yaml", &yaml);
        assert_eq!((found[0].provider.as_str(), found[0].impact_class.as_str()), ("mistral", "llm"));
        let nested =
            classify_builtin("production.json", &format!("{{\n  \"jwt\": {{\n    \"secret\": \"{value}\"\n  }}\n}}\n"));
        assert_eq!(nested[0].impact_class, "framework", "{:?}", nested[0].reasons);
        let plain = classify_builtin("config.yaml", &format!("models:\n  - name: Autocomplete\n    apiKey: {value}\n"));
        assert_eq!(plain[0].provider, "generic");
    }

    #[test]
    fn a_read_only_comment_or_grant_drops_a_tier() {
        let key = "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"; // blastradius:allow (fake, from detectors/stripe.toml)
        let plain = classify_builtin("report.py", &format!("stripe.api_key = \"{key}\"\n"));
        let commented =
            classify_builtin("report.py", &format!("stripe.api_key = \"{key}\"  # read-only reporting key\n"));
        assert_eq!(plain[0].severity, crate::model::finding::Severity::Critical);
        assert_eq!(commented[0].severity, crate::model::finding::Severity::High, "{:?}", commented[0].reasons);
        assert!(commented[0].reasons.iter().all(|r| !r.contains("reporting")), "the comment is not quoted");
    }

    #[test]
    fn private_keys_and_signing_passphrases_are_high() {
        let found = classify_builtin("gradle.properties", "signing.password=wQ7XmJ2vLk9TzR4bNp6Hc3\n");
        assert_eq!(found[0].impact_class, "private-key", "{:?}", found[0].reasons);
        assert_eq!(found[0].severity, crate::model::finding::Severity::High);
    }

    #[test]
    fn path_names_environments() {
        assert_eq!(path_environment("app/.env.production"), Some(Environment::Production));
        assert_eq!(path_environment("deploy/values-prod.yaml"), Some(Environment::Production));
        assert_eq!(path_environment("config/environments/staging.rb"), Some(Environment::Staging));
        assert_eq!(path_environment("appsettings.Development.json"), Some(Environment::Development));
        assert_eq!(path_environment("src/main.rs"), None);
        assert_eq!(path_environment("/home/me/dev/a/b/c/config.yml"), None);
    }

    #[test]
    fn key_names_environments() {
        assert_eq!(words_environment("PROD_DATABASE_URL"), Some(Environment::Production));
        assert_eq!(words_environment("STAGING_TOKEN"), Some(Environment::Staging));
        assert_eq!(words_environment("STRIPE_KEY"), None);
        assert_eq!(words_environment("PRODUCT_KEY"), None);
    }

    #[test]
    fn hosts_in_urls() {
        let url = "postgres://app:pw@prod-db.internal:5432/app";
        assert_eq!(url_host(url).as_deref(), Some("prod-db.internal"));
        assert_eq!(host_environment("prod-db.internal"), Some(Environment::Production));
        assert_eq!(host_environment("localhost"), Some(Environment::Development));
        assert_eq!(url_host("redis://:pw@127.0.0.1:6379").as_deref(), Some("127.0.0.1"));
    }
}
