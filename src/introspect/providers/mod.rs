//! Provider modules: each declares its base URL and hosts and maps the provider's
//! read-only answers into an [`Introspection`]. All requests go through [`Session`],
//! which hands them to [`Client::send`] for the safety checks.

mod cloud;
mod code;
mod saas;

use super::allow::Method;
use super::http::{CapReached, Client, Destination, Reply, Request, Target};
use super::{Credential, Introspection, Status};
use crate::model::finding::Capability;
use anyhow::{anyhow, Result};
use serde_json::Value;

/// Read.
pub const R: Capability = Capability::Read;
/// Write.
pub const W: Capability = Capability::Write;
/// Admin.
pub const A: Capability = Capability::Admin;
/// Delete.
pub const D: Capability = Capability::Delete;

/// Which half of a `FIRST:SECOND` pair (from `blastradius introspect` stdin) is the
/// credential proper.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pair {
    /// `TOKEN:COMPANION` (AWS `KEYID:SECRET`, Datadog `APIKEY:APPKEY`).
    TokenFirst,
    /// `COMPANION:TOKEN` (Twilio `SID:TOKEN`, PlanetScale `ID:TOKEN`, Docker Hub `USER:TOKEN`).
    CompanionFirst,
}

/// One provider's introspection.
pub struct Provider {
    /// Id as detectors name the provider (`Finding.provider`).
    pub id: &'static str,
    /// Other spellings accepted for `--provider` and detector files.
    pub aliases: &'static [&'static str],
    /// Default base URL (HTTPS).
    pub base: &'static str,
    /// The only hosts requests may go to (besides an `--endpoint` override).
    pub hosts: &'static [&'static str],
    /// The host comes with the credential (Kubernetes: the kubeconfig's server).
    pub per_credential_host: bool,
    /// Set for providers whose credential has two parts.
    pub pair: Option<Pair>,
    /// Performs the read-only calls and maps the answers.
    pub check: fn(&Session<'_>, &Credential) -> Result<Introspection>,
}

impl Destination for Provider {
    fn id(&self) -> &'static str {
        self.id
    }

    fn base(&self) -> &'static str {
        self.base
    }

    fn hosts(&self) -> &'static [&'static str] {
        self.hosts
    }

    fn per_credential_host(&self) -> bool {
        self.per_credential_host
    }
}

/// Every provider, in README order.
pub fn all() -> Vec<&'static Provider> {
    code::PROVIDERS.iter().chain(cloud::PROVIDERS).chain(saas::PROVIDERS).collect()
}

/// A provider by id or alias, ignoring case and punctuation (`Fly.io`, `hugging-face`).
pub fn find(name: &str) -> Option<&'static Provider> {
    let wanted = normalize(name);
    all().into_iter().find(|p| normalize(p.id) == wanted || p.aliases.iter().any(|a| normalize(a) == wanted))
}

fn normalize(name: &str) -> String {
    name.chars().filter(|c| c.is_ascii_alphanumeric()).map(|c| c.to_ascii_lowercase()).collect()
}

/// Checks one credential; never fails: problems become `error` or `skipped`.
pub fn check(client: &Client, provider: &Provider, credential: &Credential) -> Introspection {
    let target = match client.target(provider, credential.server.as_deref()) {
        Ok(target) => target,
        Err(e) => {
            return Introspection::with_reason(provider.id, Status::Skipped, scrub(&format!("{e:#}"), credential))
        }
    };
    let session = Session { client, provider, target, secret: credential.token.expose() };
    match (provider.check)(&session, credential) {
        Ok(result) => result,
        Err(e) if e.downcast_ref::<CapReached>().is_some() => {
            Introspection::with_reason(provider.id, Status::Skipped, CapReached.to_string())
        }
        Err(e) => Introspection::with_reason(provider.id, Status::Error, scrub(&format!("{e:#}"), credential)),
    }
}

/// Removes the credential (and its companion) from a message, whatever produced it.
fn scrub(message: &str, credential: &Credential) -> String {
    let mut message = message.to_string();
    for secret in [Some(&credential.token), credential.companion.as_ref()].into_iter().flatten() {
        if secret.expose().len() >= 4 {
            message = message.replace(secret.expose(), "[redacted]");
        }
    }
    message
}

/// One credential's conversation with one provider.
pub struct Session<'a> {
    client: &'a Client,
    provider: &'a Provider,
    target: Target,
    secret: &'a str,
}

impl Session<'_> {
    /// GET `path` (relative to the base URL) with these headers.
    pub fn get(&self, path: &str, headers: Vec<(&'static str, String)>) -> Result<Reply> {
        let request = Request { method: Method::Get, path: path.to_string(), headers, body: None };
        self.client.send(self.provider, &self.target, self.secret, &request)
    }

    /// POST a documented read-only body.
    pub fn post(
        &self,
        path: &str,
        mut headers: Vec<(&'static str, String)>,
        content_type: &str,
        body: String,
    ) -> Result<Reply> {
        headers.push(("Content-Type", content_type.to_string()));
        let request = Request { method: Method::Post, path: path.to_string(), headers, body: Some(body) };
        self.client.send(self.provider, &self.target, self.secret, &request)
    }

    /// POST a GraphQL query.
    pub fn graphql(&self, path: &str, headers: Vec<(&'static str, String)>, query: &str) -> Result<Reply> {
        let body = serde_json::json!({ "query": query }).to_string();
        self.post(path, headers, "application/json", body)
    }

    /// `host[:port]` requests go to.
    pub fn authority(&self) -> String {
        self.target.base.authority()
    }

    /// An empty live result for this provider.
    pub fn live(&self) -> Introspection {
        Introspection::new(self.provider.id, Status::Live)
    }

    /// A result with a status and reason for this provider.
    pub fn result(&self, status: Status, reason: impl Into<String>) -> Introspection {
        Introspection::with_reason(self.provider.id, status, reason)
    }

    /// `unauthorized` for a 401 or 403, otherwise `None`.
    pub fn rejected(&self, reply: &Reply) -> Option<Introspection> {
        matches!(reply.status, 401 | 403)
            .then(|| self.result(Status::Unauthorized, format!("the provider answered HTTP {}", reply.status)))
    }
}

/// `Authorization: Bearer <token>`.
pub fn bearer(credential: &Credential) -> (&'static str, String) {
    ("Authorization", format!("Bearer {}", credential.token.expose()))
}

/// `Authorization: Basic base64(user:password)`.
pub fn basic(user: &str, password: &str) -> (&'static str, String) {
    use base64::Engine;
    (
        "Authorization",
        format!("Basic {}", base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"))),
    )
}

/// The value at a JSON pointer, or an "unexpected response" error naming it.
pub fn need<'v>(value: &'v Value, pointer: &str) -> Result<&'v Value> {
    value.pointer(pointer).filter(|v| !v.is_null()).ok_or_else(|| anyhow!("unexpected response: no {pointer}"))
}

/// A string (or number, or boolean) at a JSON pointer.
pub fn text(value: &Value, pointer: &str) -> Option<String> {
    match value.pointer(pointer)? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// For an array at `pointer`, the string at `field` (a pointer) of each element.
pub fn each(value: &Value, pointer: &str, field: &str) -> Vec<String> {
    value
        .pointer(pointer)
        .and_then(Value::as_array)
        .map(|items| items.iter().filter_map(|item| text(item, field)).collect())
        .unwrap_or_default()
}

/// Scope strings from a header such as `X-OAuth-Scopes: repo, read:org`.
pub fn header_list(reply: &Reply, name: &str) -> Vec<String> {
    reply
        .header(name)
        .map(|v| v.split([',', ' ']).filter(|s| !s.is_empty()).map(str::to_string).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::super::allow::Method;
    use super::super::http::{BaseUrl, Endpoints, Limits};
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn at_least_25_providers_with_unique_ids() {
        let providers = all();
        assert!(providers.len() >= 25, "{}", providers.len());
        let ids: HashSet<_> = providers.iter().map(|p| p.id).collect();
        assert_eq!(ids.len(), providers.len());
    }

    #[test]
    fn every_provider_is_on_the_allow_list_and_declares_https_hosts() {
        for provider in all() {
            assert!(super::super::allow::ALLOW_LIST.iter().any(|a| a.provider == provider.id), "{}", provider.id);
            if provider.per_credential_host {
                continue;
            }
            assert!(provider.base.starts_with("https://"), "{}", provider.id);
            let host = super::super::http::BaseUrl::parse(provider.base).unwrap().host;
            assert!(provider.hosts.contains(&host.as_str()), "{}", provider.id);
        }
    }

    #[test]
    fn names_are_found_by_alias_and_spelling() {
        assert_eq!(find("Fly.io").unwrap().id, "flyio");
        assert_eq!(find("hugging-face").unwrap().id, "huggingface");
        assert_eq!(find("k8s").unwrap().id, "kubernetes");
        assert!(find("nosuch").is_none());
    }

    #[test]
    fn scrub_removes_token_and_companion() {
        let credential = Credential {
            token: crate::model::finding::Secret::new("AKIAEXAMPLEKEY1"),
            companion: Some(crate::model::finding::Secret::new("secretpart")),
            server: None,
        };
        let message = scrub("bad AKIAEXAMPLEKEY1 and secretpart", &credential);
        assert_eq!(message, "bad [redacted] and [redacted]");
    }

    #[test]
    fn undeclared_hosts_and_plain_http_are_refused_before_sending() {
        let client = Client::new(&Endpoints::default(), Limits::default());
        let github = find("github").unwrap();
        let request = Request { method: Method::Get, path: "/user".into(), headers: vec![], body: None };
        let elsewhere = Target { base: BaseUrl::parse("https://evil.example").unwrap(), credential_host: None };
        let err = client.send(github, &elsewhere, "tok", &request).unwrap_err();
        assert!(err.to_string().contains("not declared"), "{err}");
        let plain = Target { base: BaseUrl::parse("http://127.0.0.1:1").unwrap(), credential_host: None };
        let err = client.send(github, &plain, "tok", &request).unwrap_err();
        assert!(err.to_string().contains("not allowed"), "{err}");
        assert_eq!(client.requests_sent(), 0);
    }

    #[test]
    fn token_in_url_is_refused() {
        let endpoints = Endpoints::parse(&["fly=http://127.0.0.1:1".into()], |name| find(name).map(|p| p.id)).unwrap();
        let client = Client::new(&endpoints, Limits::default());
        let fly = find("flyio").unwrap();
        let target = client.target(fly, None).unwrap();
        let request = Request {
            method: Method::Get,
            path: "/v1/apps?org_slug=fo1_secretvalue".into(),
            headers: vec![],
            body: None,
        };
        let err = client.send(fly, &target, "fo1_secretvalue", &request).unwrap_err();
        assert!(err.to_string().contains("in the URL"));
        assert!(!err.to_string().contains("fo1_secretvalue"));
    }
}
