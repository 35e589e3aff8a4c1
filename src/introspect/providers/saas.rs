//! SaaS APIs: Stripe, Slack, OpenAI, Anthropic, Linear, Doppler, Datadog, SendGrid, Twilio.

use super::{basic, bearer, each, header_list, need, text, Pair, Provider, Session, A, D, R, W};
use crate::introspect::{Credential, Introspection, Status};
use crate::model::finding::{Capability, Scope};
use anyhow::Result;

pub(super) static PROVIDERS: &[Provider] = &[
    Provider {
        id: "stripe",
        aliases: &[],
        base: "https://api.stripe.com",
        hosts: &["api.stripe.com"],
        per_credential_host: false,
        pair: None,
        check: stripe,
    },
    Provider {
        id: "slack",
        aliases: &[],
        base: "https://slack.com",
        hosts: &["slack.com"],
        per_credential_host: false,
        pair: None,
        check: slack,
    },
    Provider {
        id: "openai",
        aliases: &[],
        base: "https://api.openai.com",
        hosts: &["api.openai.com"],
        per_credential_host: false,
        pair: None,
        check: openai,
    },
    Provider {
        id: "anthropic",
        aliases: &[],
        base: "https://api.anthropic.com",
        hosts: &["api.anthropic.com"],
        per_credential_host: false,
        pair: None,
        check: anthropic,
    },
    Provider {
        id: "linear",
        aliases: &[],
        base: "https://api.linear.app",
        hosts: &["api.linear.app"],
        per_credential_host: false,
        pair: None,
        check: linear,
    },
    Provider {
        id: "doppler",
        aliases: &[],
        base: "https://api.doppler.com",
        hosts: &["api.doppler.com"],
        per_credential_host: false,
        pair: None,
        check: doppler,
    },
    Provider {
        id: "datadog",
        aliases: &[],
        base: "https://api.datadoghq.com",
        hosts: &[
            "api.datadoghq.com",
            "api.us3.datadoghq.com",
            "api.us5.datadoghq.com",
            "api.datadoghq.eu",
            "api.ap1.datadoghq.com",
            "api.ddog-gov.com",
        ],
        per_credential_host: false,
        pair: None,
        check: datadog,
    },
    Provider {
        id: "sendgrid",
        aliases: &["twilio-sendgrid"],
        base: "https://api.sendgrid.com",
        hosts: &["api.sendgrid.com"],
        per_credential_host: false,
        pair: None,
        check: sendgrid,
    },
    Provider {
        id: "twilio",
        aliases: &[],
        base: "https://api.twilio.com",
        hosts: &["api.twilio.com"],
        per_credential_host: false,
        pair: Some(Pair::CompanionFirst),
        check: twilio,
    },
];

/// `GET /v1/account` for secret keys; a restricted key's 403 names its account.
fn stripe(s: &Session<'_>, c: &Credential) -> Result<Introspection> {
    let token = c.token.expose();
    if token.starts_with("pk_") || token.starts_with("whsec_") {
        return Ok(s.result(Status::Unsupported, "publishable keys and webhook secrets have no introspection"));
    }
    let reply = s.get("/v1/account", vec![bearer(c)])?;
    let environment = if token.contains("_live_") { "production" } else { "test" };
    if reply.status == 403 && reply.body.contains("restricted") {
        let mut result = s.live();
        result.identify("account", restricted_account(&reply.body));
        result.scopes.push("restricted".into());
        result.scope = Some(Scope::Account);
        result.add_environments([environment.to_string()]);
        result.reason = Some("restricted key: per-resource permissions cannot be read".into());
        return Ok(result);
    }
    if let Some(rejected) = s.rejected(&reply) {
        return Ok(rejected);
    }
    let body = reply.json()?;
    need(&body, "/id")?;
    let mut result = s.live();
    result.identify("account", text(&body, "/id"));
    result.identify("email", text(&body, "/email"));
    result.identify("country", text(&body, "/country"));
    result.scope = Some(Scope::Account);
    result.add_environments([environment.to_string()]);
    result.set_capabilities(vec![R, W, A, D]);
    Ok(result)
}

/// `acct_…` from "… on account 'acct_123'. Having the 'rak_…' permission …".
fn restricted_account(message: &str) -> Option<String> {
    let start = message.find("acct_")?;
    let id: String = message[start..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
    Some(id)
}

/// `GET /api/auth.test` (token in the header): team and user; scopes in `X-OAuth-Scopes`.
fn slack(s: &Session<'_>, c: &Credential) -> Result<Introspection> {
    if c.token.expose().starts_with("xoxe-") {
        return Ok(s.result(Status::Skipped, "refresh tokens are never exchanged: that would rotate them"));
    }
    let reply = s.get("/api/auth.test", vec![bearer(c)])?;
    if let Some(rejected) = s.rejected(&reply) {
        return Ok(rejected);
    }
    let body = reply.json()?;
    let ok = need(&body, "/ok")?.as_bool().unwrap_or(false);
    if !ok {
        let error = text(&body, "/error").unwrap_or_else(|| "unknown".into());
        let status = match error.as_str() {
            "token_revoked" | "token_expired" | "account_inactive" => Status::Revoked,
            _ => Status::Unauthorized,
        };
        return Ok(s.result(status, format!("Slack answered `{error}`")));
    }
    let mut result = s.live();
    for field in ["team", "team_id", "user", "user_id", "bot_id", "url"] {
        result.identify(field, text(&body, &format!("/{field}")));
    }
    result.scopes = header_list(&reply, "x-oauth-scopes");
    result.set_capabilities(slack_capabilities(&result.scopes));
    result.scope = Some(Scope::Workspace);
    Ok(result)
}

/// `*:read`, `*:history` R; `*:write` W; `admin*`, `*:manage` A and D.
pub fn slack_capabilities(scopes: &[String]) -> Vec<Capability> {
    let mut caps = Vec::new();
    for scope in scopes {
        if scope.ends_with(":read") || scope.ends_with(":history") {
            caps.push(R);
        }
        if scope.contains(":write") {
            caps.push(W);
        }
        if scope.starts_with("admin") || scope.ends_with(":manage") {
            caps.extend([A, D]);
        }
    }
    caps
}

/// `GET /v1/models`; admin keys also `GET /v1/organization/projects`.
fn openai(s: &Session<'_>, c: &Credential) -> Result<Introspection> {
    let reply = s.get("/v1/models", vec![bearer(c)])?;
    if matches!(reply.status, 401 | 403) && reply.body.contains("Missing scopes") {
        let mut result = s.live();
        result.reason = Some("restricted key: it lacks the model-read permission".into());
        result.scope = Some(Scope::Project);
        return Ok(result);
    }
    if let Some(rejected) = s.rejected(&reply) {
        return Ok(rejected);
    }
    let body = reply.json()?;
    need(&body, "/data")?;
    let mut result = s.live();
    result.identify("organization", reply.header("openai-organization"));
    result.identify("project", reply.header("openai-project"));
    result.scope = Some(Scope::Project);
    result.set_capabilities(vec![R, W]);
    if c.token.expose().starts_with("sk-admin-") {
        let projects = s.get("/v1/organization/projects", vec![bearer(c)])?;
        if projects.ok() {
            result.add_resources("projects", each(&projects.json()?, "/data", "/name"));
        }
        result.scope = Some(Scope::Workspace);
        result.set_capabilities(vec![R, W, A, D]);
    }
    Ok(result)
}

/// `GET /v1/models` (free, read-only); admin keys `GET /v1/organizations/me`.
fn anthropic(s: &Session<'_>, c: &Credential) -> Result<Introspection> {
    let headers = vec![("x-api-key", c.token.expose().to_string()), ("anthropic-version", "2023-06-01".into())];
    let admin = c.token.expose().starts_with("sk-ant-admin");
    let path = if admin { "/v1/organizations/me" } else { "/v1/models" };
    let reply = s.get(path, headers)?;
    if let Some(rejected) = s.rejected(&reply) {
        return Ok(rejected);
    }
    let body = reply.json()?;
    let mut result = s.live();
    if admin {
        need(&body, "/id")?;
        result.identify("organization", text(&body, "/name"));
        result.identify("organization_id", text(&body, "/id"));
        result.scope = Some(Scope::Workspace);
        result.set_capabilities(vec![R, W, A, D]);
    } else {
        need(&body, "/data")?;
        result.identify("organization_id", reply.header("anthropic-organization-id"));
        result.scope = Some(Scope::Workspace);
        result.set_capabilities(vec![R, W]);
    }
    Ok(result)
}

const LINEAR_VIEWER: &str = "query { viewer { id name email admin } organization { name urlKey } }";

/// GraphQL `viewer` and `organization` (key sent bare in `Authorization`).
fn linear(s: &Session<'_>, c: &Credential) -> Result<Introspection> {
    let reply = s.graphql("/graphql", vec![("Authorization", c.token.expose().to_string())], LINEAR_VIEWER)?;
    if matches!(reply.status, 400 | 401 | 403) {
        return Ok(s.result(Status::Unauthorized, format!("the provider answered HTTP {}", reply.status)));
    }
    let body = reply.json()?;
    let viewer = need(&body, "/data/viewer")?;
    let mut result = s.live();
    result.identify("name", text(viewer, "/name"));
    result.identify("email", text(viewer, "/email"));
    result.identify("organization", text(&body, "/data/organization/name"));
    let admin = text(viewer, "/admin").as_deref() == Some("true");
    result.set_capabilities(if admin { vec![R, W, A] } else { vec![R, W] });
    result.scope = Some(Scope::Workspace);
    Ok(result)
}

/// `GET /v3/me`: token type and workplace; a service token's config names its environment.
fn doppler(s: &Session<'_>, c: &Credential) -> Result<Introspection> {
    let reply = s.get("/v3/me", vec![bearer(c)])?;
    if let Some(rejected) = s.rejected(&reply) {
        return Ok(rejected);
    }
    let body = reply.json()?;
    let kind = need(&body, "/type")?.as_str().unwrap_or_default().to_string();
    let mut result = s.live();
    result.identify("name", text(&body, "/name"));
    result.identify("type", Some(&kind));
    result.identify("workplace", text(&body, "/workplace/name"));
    match kind.as_str() {
        "personal" | "cli" => {
            result.scope = Some(Scope::Account);
            result.set_capabilities(vec![R, W, A, D]);
        }
        "service" => {
            result.scope = Some(Scope::Environment);
            result.set_capabilities(vec![R]);
            result.add_environments(doppler_config(c.token.expose()));
        }
        _ => {
            result.scope = Some(Scope::Workspace);
            result.set_capabilities(vec![R, W]);
        }
    }
    Ok(result)
}

/// The config slug of a `dp.st.<config>.<secret>` service token.
fn doppler_config(token: &str) -> Option<String> {
    let parts: Vec<&str> = token.split('.').collect();
    (parts.len() == 4 && parts[1] == "st").then(|| parts[2].to_string())
}

/// `GET /api/v1/validate` with `DD-API-KEY`: an API key can submit telemetry only.
fn datadog(s: &Session<'_>, c: &Credential) -> Result<Introspection> {
    let reply = s.get("/api/v1/validate", vec![("DD-API-KEY", c.token.expose().to_string())])?;
    if let Some(rejected) = s.rejected(&reply) {
        return Ok(rejected);
    }
    let body = reply.json()?;
    if !need(&body, "/valid")?.as_bool().unwrap_or(false) {
        return Ok(s.result(Status::Unauthorized, "Datadog reports the key invalid"));
    }
    let mut result = s.live();
    result.scope = Some(Scope::Workspace);
    result.set_capabilities(vec![W]);
    result.reason = Some("an API key submits telemetry; it cannot read or delete".into());
    Ok(result)
}

/// `GET /v3/scopes`, then `GET /v3/user/profile` when allowed.
fn sendgrid(s: &Session<'_>, c: &Credential) -> Result<Introspection> {
    let reply = s.get("/v3/scopes", vec![bearer(c)])?;
    if let Some(rejected) = s.rejected(&reply) {
        return Ok(rejected);
    }
    let body = reply.json()?;
    need(&body, "/scopes")?;
    let scopes = each(&body, "/scopes", "");
    let mut result = s.live();
    result.set_capabilities(sendgrid_capabilities(&scopes));
    result.scopes = scopes;
    result.scope = Some(Scope::Account);
    let profile = s.get("/v3/user/profile", vec![bearer(c)])?;
    if profile.ok() {
        let profile = profile.json()?;
        result.identify("company", text(&profile, "/company"));
    }
    Ok(result)
}

/// `*.read` R; `mail.send` and other writes W; `*.delete` D; keys, teammates, subusers A.
pub fn sendgrid_capabilities(scopes: &[String]) -> Vec<Capability> {
    let mut caps = Vec::new();
    for scope in scopes {
        if scope.ends_with(".read") {
            caps.push(R);
        }
        if scope == "mail.send" || scope.ends_with(".create") || scope.ends_with(".update") {
            caps.push(W);
        }
        if scope.ends_with(".delete") {
            caps.push(D);
        }
        if ["api_keys.", "teammates.", "subusers."].iter().any(|p| scope.starts_with(p)) && !scope.ends_with(".read") {
            caps.push(A);
        }
    }
    caps
}

/// `GET /2010-04-01/Accounts.json` with Basic `SID:secret`.
fn twilio(s: &Session<'_>, c: &Credential) -> Result<Introspection> {
    let Some(sid) = &c.companion else {
        return Ok(s.result(Status::Skipped, "Twilio needs the account or API key SID next to the secret"));
    };
    let reply = s.get("/2010-04-01/Accounts.json", vec![basic(sid.expose(), c.token.expose())])?;
    if let Some(rejected) = s.rejected(&reply) {
        return Ok(rejected);
    }
    let body = reply.json()?;
    need(&body, "/accounts")?;
    let mut result = s.live();
    result.identify("sid", Some(sid.expose()));
    result.identify("type", each(&body, "/accounts", "/type").into_iter().next());
    result.add_resources("accounts", each(&body, "/accounts", "/friendly_name"));
    result.scope = Some(Scope::Account);
    let auth_token = sid.expose().starts_with("AC");
    result.set_capabilities(if auth_token { vec![R, W, A, D] } else { vec![R, W] });
    Ok(result)
}
