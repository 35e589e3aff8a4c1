//! The only way introspection reaches the network. [`Client::send`] refuses, before any
//! byte is sent: a request not on [`allow::ALLOW_LIST`], a host the provider did not
//! declare, a non-HTTPS URL (plain HTTP only to a loopback `--endpoint` override), and a
//! URL containing the credential. It never follows redirects (a 3xx is an error), bounds
//! time, concurrency and the number of requests, and backs off on 429.

use super::allow::{self, Method};
use anyhow::{anyhow, bail, Context, Result};
use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex};
use std::time::Duration;
use ureq::http::Uri;

/// Largest response body read, in bytes.
const MAX_BODY: u64 = 2 * 1024 * 1024;

/// A parsed base URL: scheme, host, optional port and path prefix (GitHub Enterprise
/// serves its API under `/api/v3`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BaseUrl {
    pub scheme: String,
    pub host: String,
    pub port: Option<u16>,
    pub prefix: String,
}

impl BaseUrl {
    /// Parses `scheme://host[:port][/prefix]`. Only `https` and `http` are accepted here;
    /// where plain HTTP may be used is decided by the caller.
    pub fn parse(url: &str) -> Result<Self> {
        let uri: Uri = url.parse().with_context(|| "not a valid URL")?;
        let scheme = uri.scheme_str().ok_or_else(|| anyhow!("URL has no scheme"))?.to_ascii_lowercase();
        if scheme != "https" && scheme != "http" {
            bail!("only https URLs are accepted");
        }
        let host = uri.host().ok_or_else(|| anyhow!("URL has no host"))?.to_ascii_lowercase();
        if uri.query().is_some() || url.contains('@') {
            bail!("a base URL may not carry a query or credentials");
        }
        let prefix = uri.path().trim_end_matches('/').to_string();
        Ok(BaseUrl { scheme, host, port: uri.port_u16(), prefix })
    }

    /// True for 127.0.0.0/8, ::1 and `localhost`.
    pub fn is_loopback(&self) -> bool {
        let host = self.host.trim_start_matches('[').trim_end_matches(']');
        if host == "localhost" {
            return true;
        }
        host.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback())
    }

    /// `host[:port]`, as sent in the `Host` header.
    pub fn authority(&self) -> String {
        match self.port {
            Some(port) => format!("{}:{port}", self.host),
            None => self.host.clone(),
        }
    }

    fn url(&self, path: &str) -> String {
        format!("{}://{}{}{}", self.scheme, self.authority(), self.prefix, path)
    }
}

/// Where a provider's requests may go: what the client needs to know of a provider.
pub trait Destination {
    /// The provider id (allow-list key, `--endpoint` name).
    fn id(&self) -> &'static str;
    /// Default base URL (HTTPS).
    fn base(&self) -> &'static str;
    /// The only hosts requests may go to (besides an `--endpoint` override).
    fn hosts(&self) -> &'static [&'static str];
    /// The host comes with the credential (Kubernetes: the kubeconfig's server).
    fn per_credential_host(&self) -> bool;
}

/// `--endpoint PROVIDER=URL` overrides, from the command line only.
#[derive(Clone, Debug, Default)]
pub struct Endpoints {
    overrides: HashMap<&'static str, BaseUrl>,
}

impl Endpoints {
    /// Parses `PROVIDER=URL` values. `known` gives a provider name's id (`None`: unknown,
    /// an error); the URL must be HTTPS, or plain HTTP to a loopback address
    /// (127.0.0.0/8, ::1, localhost).
    pub fn parse(values: &[String], known: impl Fn(&str) -> Option<&'static str>) -> Result<Self> {
        let mut overrides = HashMap::new();
        for value in values {
            let (name, url) =
                value.split_once('=').ok_or_else(|| anyhow!("--endpoint expects PROVIDER=URL, got `{value}`"))?;
            let id = known(name).ok_or_else(|| anyhow!("--endpoint: unknown provider `{name}`"))?;
            let base = BaseUrl::parse(url).with_context(|| format!("--endpoint {name}"))?;
            if base.scheme == "http" && !base.is_loopback() {
                bail!("--endpoint {name}: plain http is accepted only for loopback addresses; use https");
            }
            overrides.insert(id, base);
        }
        Ok(Endpoints { overrides })
    }

    /// The override for a provider, if any.
    pub fn get(&self, provider: &str) -> Option<&BaseUrl> {
        self.overrides.get(provider)
    }
}

/// Time, concurrency and volume bounds.
#[derive(Clone, Debug)]
pub struct Limits {
    /// Total time for one request, connect to last byte.
    pub timeout: Duration,
    /// Time to establish a connection.
    pub connect_timeout: Duration,
    /// Requests allowed in one run, retries included.
    pub max_requests: usize,
    /// Requests in flight at once, overall.
    pub concurrency: usize,
    /// Requests in flight at once to one provider.
    pub per_provider: usize,
    /// Retries after a 429.
    pub retries: u32,
    /// Longest wait honoured from `Retry-After`.
    pub max_retry_wait: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            timeout: Duration::from_secs(10),
            connect_timeout: Duration::from_secs(5),
            max_requests: 200,
            concurrency: 4,
            per_provider: 2,
            retries: 2,
            max_retry_wait: Duration::from_secs(5),
        }
    }
}

/// The request cap was reached; the credential is reported as skipped.
#[derive(Debug)]
pub struct CapReached;

impl std::fmt::Display for CapReached {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the --max-requests cap was reached")
    }
}

impl std::error::Error for CapReached {}

/// One request, as a provider module describes it.
pub struct Request {
    pub method: Method,
    /// Path relative to the base URL, with any query string.
    pub path: String,
    /// Headers, including the credential in the provider's documented header.
    pub headers: Vec<(&'static str, String)>,
    pub body: Option<String>,
}

/// A provider's answer.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    /// Header names in lower case.
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Reply {
    /// The first value of a header (name in any case).
    pub fn header(&self, name: &str) -> Option<&str> {
        let name = name.to_ascii_lowercase();
        self.headers.iter().find(|(n, _)| *n == name).map(|(_, v)| v.as_str())
    }

    /// True for 2xx.
    pub fn ok(&self) -> bool {
        (200..300).contains(&self.status)
    }

    /// The body as JSON; an error for a non-2xx status or a body that is not JSON.
    pub fn json(&self) -> Result<serde_json::Value> {
        if !self.ok() {
            bail!("HTTP {}", self.status);
        }
        serde_json::from_str(&self.body).map_err(|_| anyhow!("unexpected response: not JSON"))
    }
}

/// Where a request for one credential goes: the base URL and the hosts it may reach.
#[derive(Clone, Debug)]
pub struct Target {
    pub base: BaseUrl,
    /// A per-credential host (the Kubernetes server named next to the token).
    pub credential_host: Option<String>,
}

/// The safe HTTP client every provider module uses.
pub struct Client {
    agent: ureq::Agent,
    endpoints: Endpoints,
    limits: Limits,
    sent: AtomicUsize,
    gate: Gate,
}

impl Client {
    /// A client with no proxy, no redirects, and the given timeouts.
    pub fn new(endpoints: &Endpoints, limits: Limits) -> Self {
        let config = ureq::Agent::config_builder()
            .timeout_global(Some(limits.timeout))
            .timeout_connect(Some(limits.connect_timeout.min(limits.timeout)))
            .max_redirects(0)
            .http_status_as_error(false)
            .proxy(None)
            .user_agent(concat!("blastradius/", env!("CARGO_PKG_VERSION"), " (read-only credential introspection)"))
            .build();
        Client {
            agent: ureq::Agent::new_with_config(config),
            endpoints: endpoints.clone(),
            gate: Gate::new(limits.concurrency, limits.per_provider),
            limits,
            sent: AtomicUsize::new(0),
        }
    }

    /// Requests sent so far (retries included).
    pub fn requests_sent(&self) -> usize {
        self.sent.load(Ordering::Relaxed).min(self.limits.max_requests)
    }

    /// The base URL for a provider: the `--endpoint` override, else the credential's own
    /// server (Kubernetes; HTTPS only), else the provider's default.
    pub fn target(&self, provider: &dyn Destination, server: Option<&str>) -> Result<Target> {
        if let Some(base) = self.endpoints.get(provider.id()) {
            return Ok(Target { base: base.clone(), credential_host: None });
        }
        if provider.per_credential_host() {
            let server = server.ok_or_else(|| anyhow!("no server URL next to the credential"))?;
            let base = BaseUrl::parse(server)?;
            if base.scheme != "https" {
                bail!("the credential's server is not https; refusing to send the credential");
            }
            return Ok(Target { credential_host: Some(base.host.clone()), base });
        }
        Ok(Target { base: BaseUrl::parse(provider.base())?, credential_host: None })
    }

    /// Sends one request after every safety check; see the module documentation.
    /// `secret` is the credential, used only to make sure it is not in the URL.
    pub fn send(&self, provider: &dyn Destination, target: &Target, secret: &str, request: &Request) -> Result<Reply> {
        allow::permit(provider.id(), request.method, &request.path, request.body.as_deref()).map_err(|e| anyhow!(e))?;
        self.check_target(provider, target)?;
        if !request.path.starts_with('/') {
            bail!("request path must be absolute");
        }
        let url = target.base.url(&request.path);
        if secret.len() >= 4 && url.contains(secret) {
            bail!("refused: the credential would appear in the URL");
        }
        let _permit = self.gate.acquire(provider.id());
        let mut attempt = 0;
        loop {
            if self.sent.fetch_add(1, Ordering::Relaxed) >= self.limits.max_requests {
                return Err(CapReached.into());
            }
            let reply = self.execute(&url, request)?;
            if reply.status == 429 && attempt < self.limits.retries {
                std::thread::sleep(self.retry_wait(&reply, attempt));
                attempt += 1;
                continue;
            }
            if (300..400).contains(&reply.status) {
                bail!("HTTP {}: redirects are never followed", reply.status);
            }
            return Ok(reply);
        }
    }

    fn check_target(&self, provider: &dyn Destination, target: &Target) -> Result<()> {
        let base = &target.base;
        let overridden = self.endpoints.get(provider.id()) == Some(base);
        match base.scheme.as_str() {
            "https" => {}
            "http" if overridden && base.is_loopback() => {}
            _ => bail!("refused: {}:// is not allowed (https only; http only to a loopback override)", base.scheme),
        }
        let declared = provider.hosts().contains(&base.host.as_str());
        let credential =
            target.credential_host.as_deref() == Some(base.host.as_str()) && provider.per_credential_host();
        if !(declared || overridden || credential) {
            bail!("refused: host {} is not declared by the {} provider", base.host, provider.id());
        }
        Ok(())
    }

    fn execute(&self, url: &str, request: &Request) -> Result<Reply> {
        let result = match (&request.method, &request.body) {
            (Method::Get, _) => {
                let mut builder = self.agent.get(url);
                for (name, value) in &request.headers {
                    builder = builder.header(*name, value);
                }
                builder.call()
            }
            (Method::Post, body) => {
                let mut builder = self.agent.post(url);
                for (name, value) in &request.headers {
                    builder = builder.header(*name, value);
                }
                builder.send(body.as_deref().unwrap_or(""))
            }
        };
        let mut response = result.map_err(|e| anyhow!("request failed: {}", describe(&e)))?;
        let status = response.status().as_u16();
        let headers = response
            .headers()
            .iter()
            .filter_map(|(n, v)| v.to_str().ok().map(|v| (n.as_str().to_ascii_lowercase(), v.to_string())))
            .collect();
        let body = response
            .body_mut()
            .with_config()
            .limit(MAX_BODY)
            .read_to_string()
            .map_err(|e| anyhow!("reading the response failed: {}", describe(&e)))?;
        Ok(Reply { status, headers, body })
    }

    fn retry_wait(&self, reply: &Reply, attempt: u32) -> Duration {
        let asked = reply.header("retry-after").and_then(|v| v.trim().parse::<u64>().ok()).map(Duration::from_secs);
        let backoff = Duration::from_millis(500u64 << attempt.min(6));
        asked.unwrap_or(backoff).min(self.limits.max_retry_wait)
    }
}

/// A short description of a transport error (no URL, no headers).
fn describe(error: &ureq::Error) -> String {
    match error {
        ureq::Error::Timeout(_) => "timed out".into(),
        ureq::Error::Io(e) => format!("network error ({})", e.kind()),
        ureq::Error::HostNotFound => "host not found".into(),
        ureq::Error::ConnectionFailed => "connection failed".into(),
        ureq::Error::Tls(_) | ureq::Error::Rustls(_) => "TLS error".into(),
        ureq::Error::BodyExceedsLimit(_) => "response too large".into(),
        other => format!("{other}"),
    }
}

/// Bounds requests in flight, overall and per provider.
struct Gate {
    state: Mutex<(usize, HashMap<&'static str, usize>)>,
    freed: Condvar,
    overall: usize,
    per_provider: usize,
}

struct Permit<'a> {
    gate: &'a Gate,
    provider: &'static str,
}

impl Gate {
    fn new(overall: usize, per_provider: usize) -> Self {
        Gate {
            state: Mutex::new((0, HashMap::new())),
            freed: Condvar::new(),
            overall: overall.max(1),
            per_provider: per_provider.max(1),
        }
    }

    fn acquire(&self, provider: &'static str) -> Permit<'_> {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        loop {
            let mine = state.1.get(provider).copied().unwrap_or(0);
            if state.0 < self.overall && mine < self.per_provider {
                state.0 += 1;
                *state.1.entry(provider).or_default() += 1;
                return Permit { gate: self, provider };
            }
            state = self.freed.wait(state).unwrap_or_else(|e| e.into_inner());
        }
    }
}

impl Drop for Permit<'_> {
    fn drop(&mut self) {
        let mut state = self.gate.state.lock().unwrap_or_else(|e| e.into_inner());
        state.0 -= 1;
        if let Some(count) = state.1.get_mut(self.provider) {
            *count -= 1;
        }
        self.gate.freed.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Provider names for these tests, as `introspect::providers::find` gives them.
    fn known(name: &str) -> Option<&'static str> {
        ["railway", "gitlab"].into_iter().find(|id| *id == name)
    }

    #[test]
    fn plain_http_overrides_only_for_loopback() {
        assert!(Endpoints::parse(&["railway=http://127.0.0.1:8080".into()], known).is_ok());
        assert!(Endpoints::parse(&["railway=http://[::1]:8080".into()], known).is_ok());
        assert!(Endpoints::parse(&["gitlab=http://localhost:9/".into()], known).is_ok());
        assert!(Endpoints::parse(&["gitlab=http://gitlab.example.com".into()], known).is_err());
        assert!(Endpoints::parse(&["gitlab=http://10.0.0.1".into()], known).is_err());
        assert!(Endpoints::parse(&["gitlab=https://gitlab.example.com".into()], known).is_ok());
        assert!(Endpoints::parse(&["nosuch=https://x.example".into()], known).is_err());
        assert!(Endpoints::parse(&["gitlab=ftp://x.example".into()], known).is_err());
        assert!(Endpoints::parse(&["gitlab=https://user:pw@x.example".into()], known).is_err());
    }

    #[test]
    fn base_urls_keep_their_prefix() {
        let base = BaseUrl::parse("https://ghe.example.com/api/v3/").unwrap();
        assert_eq!(base.url("/user"), "https://ghe.example.com/api/v3/user");
        assert!(!base.is_loopback());
        assert!(BaseUrl::parse("http://127.8.9.10:1").unwrap().is_loopback());
    }
}
