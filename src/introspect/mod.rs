//! Opt-in, read-only provider introspection: ask each provider, through its own identity
//! or token-metadata endpoint, who a credential belongs to, what it may do and which
//! environments it reaches.
//!
//! Nothing here runs unless the user passed `--introspect` (or ran `blastradius
//! introspect`). Every request goes through [`http::Client`], which enforces the safety
//! rules in one place: HTTPS to the provider's declared hosts only, no redirects, and
//! only the (provider, method, path) triples of [`allow::ALLOW_LIST`].
//!
//! In: classified, not yet ranked findings. Out: the same findings with the provider's
//! answer in `introspection`, replacing the offline guesses ([`finish_introspected`]
//! classifies, asks and ranks in that order).

pub mod allow;
pub mod apply;
pub mod http;
pub mod providers;
pub mod sigv4;

use crate::classify;
use crate::engine::scan::Scanner;
use crate::model::finding::{Capability, Finding, Scope, Secret};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, SystemTime};

pub use http::{Client, Endpoints, Limits};

/// What the provider said about a credential.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// The provider accepted it.
    Live,
    /// The provider says it was revoked, disabled or has expired.
    Revoked,
    /// The provider refused it (401/403 or its equivalent).
    Unauthorized,
    /// The check could not complete (network, timeout, unexpected answer).
    Error,
    /// No read-only check exists for this provider or credential kind.
    Unsupported,
    /// Deliberately not checked (canary account, refresh token, missing companion value,
    /// request cap reached).
    Skipped,
}

impl Status {
    /// The status as it appears in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Live => "live",
            Status::Revoked => "revoked",
            Status::Unauthorized => "unauthorized",
            Status::Error => "error",
            Status::Unsupported => "unsupported",
            Status::Skipped => "skipped",
        }
    }

    /// True when the provider rejected the credential: it no longer works.
    pub fn is_dead(self) -> bool {
        matches!(self, Status::Revoked | Status::Unauthorized)
    }
}

/// The result of introspecting one credential; serialised into `Finding.introspection`.
#[derive(Clone, Debug, Serialize)]
pub struct Introspection {
    pub provider: String,
    pub status: Status,
    /// Who the credential belongs to (login, account id, ARN, team …).
    pub identity: BTreeMap<String, String>,
    /// Scopes or permissions as the provider names them.
    pub scopes: Vec<String>,
    /// What the scopes allow, mapped as documented in the README; empty when unknown.
    pub capabilities: Vec<Capability>,
    /// How far its authority extends, when the provider says so.
    pub scope: Option<Scope>,
    /// Names of environments it reaches (`production`, `staging`, branch names …).
    pub environments: Vec<String>,
    /// Resources it reaches, by kind: `{"projects": ["api", "web"]}`.
    pub resources: BTreeMap<String, Vec<String>>,
    pub expires_at: Option<String>,
    /// RFC 3339 time of the check.
    pub checked_at: String,
    /// Why the status is what it is, in plain words; never contains the credential.
    pub reason: Option<String>,
}

impl Introspection {
    /// An empty result with the given status.
    pub fn new(provider: &str, status: Status) -> Self {
        Introspection {
            provider: provider.to_string(),
            status,
            identity: BTreeMap::new(),
            scopes: Vec::new(),
            capabilities: Vec::new(),
            scope: None,
            environments: Vec::new(),
            resources: BTreeMap::new(),
            expires_at: None,
            checked_at: humantime::format_rfc3339_seconds(SystemTime::now()).to_string(),
            reason: None,
        }
    }

    /// A result with a status and the reason for it.
    pub fn with_reason(provider: &str, status: Status, reason: impl Into<String>) -> Self {
        let mut result = Introspection::new(provider, status);
        result.reason = Some(reason.into());
        result
    }

    /// Records an identity field when the provider returned it.
    pub fn identify(&mut self, name: &str, value: Option<impl ToString>) {
        if let Some(value) = value {
            let value = value.to_string();
            if !value.is_empty() {
                self.identity.insert(name.to_string(), value);
            }
        }
    }

    /// Records resources of one kind (deduplicated, in order).
    pub fn add_resources(&mut self, kind: &str, names: impl IntoIterator<Item = String>) {
        let list = self.resources.entry(kind.to_string()).or_default();
        for name in names {
            if !list.contains(&name) {
                list.push(name);
            }
        }
    }

    /// Records environment names (deduplicated, in order).
    pub fn add_environments(&mut self, names: impl IntoIterator<Item = String>) {
        for name in names {
            if !self.environments.contains(&name) {
                self.environments.push(name);
            }
        }
    }

    /// Sets capabilities, sorted and deduplicated.
    pub fn set_capabilities(&mut self, mut caps: Vec<Capability>) {
        caps.sort();
        caps.dedup();
        self.capabilities = caps;
    }
}

/// One credential to check: the value found plus, for providers that need two values,
/// its companion (AWS secret key, Twilio account SID, PlanetScale token id, Docker Hub
/// user name, Datadog application key) and, for Kubernetes, the cluster's server URL.
pub struct Credential {
    /// The value found (for AWS the access key id).
    pub token: Secret,
    /// The second half of a two-part credential, when one was found next to it.
    pub companion: Option<Secret>,
    /// The server a Kubernetes token belongs to.
    pub server: Option<String>,
}

impl Credential {
    /// A credential made of one value.
    pub fn new(token: &str) -> Self {
        Credential { token: Secret::new(token), companion: None, server: None }
    }

    /// Reads `FIRST:SECOND` for providers that take two values (see
    /// [`providers::Provider::pair`]); a single value otherwise.
    pub fn parse(provider: &providers::Provider, text: &str) -> Self {
        let text = text.trim();
        match (provider.pair, text.split_once(':')) {
            (Some(order), Some((first, second))) => {
                let (token, companion) = match order {
                    providers::Pair::CompanionFirst => (second, first),
                    providers::Pair::TokenFirst => (first, second),
                };
                Credential { token: Secret::new(token), companion: Some(Secret::new(companion)), server: None }
            }
            _ => Credential::new(text),
        }
    }
}

/// `PROVIDER=URL` overrides for known providers (see [`Endpoints::parse`]).
pub fn parse_endpoints(values: &[String]) -> anyhow::Result<Endpoints> {
    Endpoints::parse(values, |name| providers::find(name).map(|p| p.id))
}

/// Everything a run of introspection needs.
#[derive(Clone, Debug)]
pub struct Options {
    /// `--endpoint` overrides.
    pub endpoints: Endpoints,
    /// Timeouts, request cap and concurrency.
    pub limits: Limits,
}

impl Options {
    /// Options from the command-line values: `PROVIDER=URL` overrides, the per-request
    /// timeout and the request cap.
    pub fn from_args(endpoints: &[String], timeout_secs: u64, max_requests: usize) -> anyhow::Result<Self> {
        Ok(Options {
            endpoints: parse_endpoints(endpoints)?,
            limits: Limits { timeout: Duration::from_secs(timeout_secs.max(1)), max_requests, ..Limits::default() },
        })
    }
}

/// Checks one credential with one provider.
pub fn check(client: &Client, provider: &providers::Provider, credential: &Credential) -> Introspection {
    providers::check(client, provider, credential)
}

/// Introspects every finding of a known provider, each distinct credential once, and
/// applies the results: live credentials get the provider's capabilities, scope and
/// environments; rejected ones are marked inactive (ranked low by [`crate::classify::rank`]).
/// Network trouble never fails the run: it becomes `status: error` with a reason.
pub fn run(findings: &mut [Finding], options: &Options) {
    let client = Client::new(&options.endpoints, options.limits.clone());
    let jobs = apply::collect_jobs(findings);
    let results = check_all(&client, jobs, options.limits.concurrency);
    apply::apply_all(findings, &results);
}

/// Runs the jobs on a bounded pool of threads; returns results by fingerprint.
fn check_all(client: &Client, jobs: Vec<apply::Job>, threads: usize) -> HashMap<String, Introspection> {
    let queue = Mutex::new(jobs.into_iter().collect::<VecDeque<_>>());
    let results = Mutex::new(HashMap::new());
    std::thread::scope(|scope| {
        for _ in 0..threads.max(1) {
            scope.spawn(|| loop {
                let Some(job) = queue.lock().unwrap_or_else(|e| e.into_inner()).pop_front() else { break };
                let result = match job.provider {
                    Some(provider) => check(client, provider, &job.credential),
                    None => Introspection::with_reason(
                        &job.provider_name,
                        Status::Unsupported,
                        "no read-only introspection for this provider",
                    ),
                };
                let mut results = results.lock().unwrap_or_else(|e| e.into_inner());
                for fingerprint in job.fingerprints {
                    results.insert(fingerprint, result.clone());
                }
            });
        }
    });
    results.into_inner().unwrap_or_else(|e| e.into_inner())
}
/// Classifies, asks each credential's provider (read-only) and ranks, so what the
/// provider says replaces the offline guesses. Only call this when the user asked for
/// introspection: it uses the network.
pub fn finish_introspected(scanner: &Scanner, findings: &mut [Finding], options: &Options) {
    classify::classify_all(scanner, findings);
    run(findings, options);
    classify::rank_and_sort(findings);
}
