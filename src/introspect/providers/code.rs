//! Code hosting, packages and developer platforms: GitHub, GitLab, npm, Docker Hub,
//! Hugging Face, Sentry, Terraform Cloud.

use super::{basic, bearer, each, header_list, need, text, Pair, Provider, Session, A, D, R, W};
use crate::introspect::{Credential, Introspection, Status};
use crate::model::finding::{Capability, Scope};
use anyhow::Result;

pub(super) static PROVIDERS: &[Provider] = &[
    Provider {
        id: "github",
        aliases: &["github-enterprise"],
        base: "https://api.github.com",
        hosts: &["api.github.com"],
        per_credential_host: false,
        pair: None,
        check: github,
    },
    Provider {
        id: "gitlab",
        aliases: &[],
        base: "https://gitlab.com",
        hosts: &["gitlab.com"],
        per_credential_host: false,
        pair: None,
        check: gitlab,
    },
    Provider {
        id: "npm",
        aliases: &["npmjs"],
        base: "https://registry.npmjs.org",
        hosts: &["registry.npmjs.org"],
        per_credential_host: false,
        pair: None,
        check: npm,
    },
    Provider {
        id: "dockerhub",
        aliases: &["docker", "docker-hub"],
        base: "https://auth.docker.io",
        hosts: &["auth.docker.io"],
        per_credential_host: false,
        pair: Some(Pair::CompanionFirst),
        check: dockerhub,
    },
    Provider {
        id: "huggingface",
        aliases: &["hf"],
        base: "https://huggingface.co",
        hosts: &["huggingface.co"],
        per_credential_host: false,
        pair: None,
        check: huggingface,
    },
    Provider {
        id: "sentry",
        aliases: &[],
        base: "https://sentry.io",
        hosts: &["sentry.io"],
        per_credential_host: false,
        pair: None,
        check: sentry,
    },
    Provider {
        id: "terraform",
        aliases: &["terraform-cloud", "hcp-terraform", "hashicorp"],
        base: "https://app.terraform.io",
        hosts: &["app.terraform.io"],
        per_credential_host: false,
        pair: None,
        check: terraform,
    },
];

fn github_headers(credential: &Credential) -> Vec<(&'static str, String)> {
    vec![
        bearer(credential),
        ("Accept", "application/vnd.github+json".into()),
        ("X-GitHub-Api-Version", "2022-11-28".into()),
    ]
}

/// `GET /user` (scopes in `X-OAuth-Scopes`), then `GET /user/memberships/orgs`;
/// installation tokens: `GET /installation/repositories`. Refresh tokens are skipped.
fn github(s: &Session<'_>, c: &Credential) -> Result<Introspection> {
    let token = c.token.expose();
    if token.starts_with("ghr_") {
        return Ok(s.result(Status::Skipped, "refresh tokens are never exchanged: that would rotate them"));
    }
    if token.starts_with("ghs_") {
        return github_installation(s, c);
    }
    let reply = s.get("/user", github_headers(c))?;
    if let Some(rejected) = s.rejected(&reply) {
        return Ok(rejected);
    }
    let user = reply.json()?;
    need(&user, "/login")?;
    let mut result = s.live();
    for field in ["login", "id", "type", "site_admin"] {
        result.identify(field, text(&user, &format!("/{field}")));
    }
    result.expires_at = reply.header("github-authentication-token-expiration").map(str::to_string);
    if reply.header("x-oauth-scopes").is_some() {
        result.scope = Some(Scope::Account);
        result.scopes = header_list(&reply, "x-oauth-scopes");
        result.set_capabilities(github_capabilities(&result.scopes));
    } else {
        result.reason = Some("fine-grained token: GitHub offers no self-permission API".into());
    }
    let orgs = s.get("/user/memberships/orgs", github_headers(c))?;
    if orgs.ok() {
        let orgs = orgs.json()?;
        let names = each(&orgs, "", "/organization/login").into_iter().zip(each(&orgs, "", "/role"));
        result.add_resources("organizations", names.map(|(org, role)| format!("{org} ({role})")));
    }
    Ok(result)
}

fn github_installation(s: &Session<'_>, c: &Credential) -> Result<Introspection> {
    let reply = s.get("/installation/repositories", github_headers(c))?;
    if let Some(rejected) = s.rejected(&reply) {
        return Ok(rejected);
    }
    let body = reply.json()?;
    let total = need(&body, "/total_count")?.as_u64().unwrap_or(0);
    let mut result = s.live();
    result.identify("kind", Some("installation"));
    result.add_resources("repositories", each(&body, "/repositories", "/full_name"));
    result.scope = Some(if total <= 1 { Scope::Project } else { Scope::Workspace });
    Ok(result)
}

/// Classic and OAuth scopes: `read:*` R; `repo`, `workflow`, `write:*` W; `delete_repo`,
/// `delete:*` D; `admin:*`, `site_admin` A.
pub fn github_capabilities(scopes: &[String]) -> Vec<Capability> {
    let mut caps = vec![R];
    for scope in scopes {
        let scope = scope.as_str();
        if matches!(scope, "repo" | "public_repo" | "workflow") || scope.starts_with("write:") {
            caps.push(W);
        }
        if scope == "delete_repo" || scope.starts_with("delete:") {
            caps.push(D);
        }
        if scope.starts_with("admin:") || scope == "site_admin" {
            caps.push(A);
        }
    }
    caps
}

/// `GET /api/v4/personal_access_tokens/self` (`PRIVATE-TOKEN`), then `GET /api/v4/user`.
fn gitlab(s: &Session<'_>, c: &Credential) -> Result<Introspection> {
    let auth = || vec![("PRIVATE-TOKEN", c.token.expose().to_string())];
    let reply = s.get("/api/v4/personal_access_tokens/self", auth())?;
    if let Some(rejected) = s.rejected(&reply) {
        return Ok(rejected);
    }
    let token = reply.json()?;
    let scopes: Vec<String> = need(&token, "/scopes")?
        .as_array()
        .map(|a| a.iter().filter_map(|s| s.as_str().map(str::to_string)).collect())
        .unwrap_or_default();
    let revoked = text(&token, "/revoked").as_deref() == Some("true");
    let inactive = text(&token, "/active").as_deref() == Some("false");
    if revoked || inactive {
        let mut result = s.result(Status::Revoked, "GitLab reports the token revoked or inactive");
        result.expires_at = text(&token, "/expires_at");
        return Ok(result);
    }
    let mut result = s.live();
    result.identify("token_name", text(&token, "/name"));
    result.identify("user_id", text(&token, "/user_id"));
    result.expires_at = text(&token, "/expires_at");
    result.set_capabilities(gitlab_capabilities(&scopes));
    result.scopes = scopes;
    result.scope = Some(Scope::Account);
    let user = s.get("/api/v4/user", auth())?;
    if user.ok() {
        let user = user.json()?;
        result.identify("username", text(&user, "/username"));
        if text(&user, "/bot").as_deref() == Some("true") {
            result.scope = Some(Scope::Project);
            result.identify("kind", Some("project or group token"));
        }
    }
    Ok(result)
}

/// `read_*` R; `write_*` W; `api` W and D (assumes Maintainer or Owner); `sudo`,
/// `admin_mode`, `*_runner` A.
pub fn gitlab_capabilities(scopes: &[String]) -> Vec<Capability> {
    let mut caps = Vec::new();
    for scope in scopes.iter().map(String::as_str) {
        match scope {
            "api" => caps.extend([R, W, D]),
            "sudo" | "admin_mode" | "create_runner" | "manage_runner" => caps.push(A),
            s if s.starts_with("write_") => caps.push(W),
            s if s.starts_with("read_") => caps.push(R),
            _ => {}
        }
    }
    caps
}

/// `GET /-/whoami`, then `GET /-/npm/v1/tokens` to find whether this token is read-only.
fn npm(s: &Session<'_>, c: &Credential) -> Result<Introspection> {
    let reply = s.get("/-/whoami", vec![bearer(c)])?;
    if let Some(rejected) = s.rejected(&reply) {
        return Ok(rejected);
    }
    let whoami = reply.json()?;
    let mut result = s.live();
    result.identify("username", Some(need(&whoami, "/username")?.as_str().unwrap_or_default()));
    result.scope = Some(Scope::Account);
    result.set_capabilities(vec![R, W]);
    let tokens = s.get("/-/npm/v1/tokens", vec![bearer(c)])?;
    if tokens.ok() {
        let tokens = tokens.json()?;
        let own = tokens.pointer("/objects").and_then(|o| o.as_array()).and_then(|objects| {
            objects.iter().find(|o| {
                text(o, "/token").is_some_and(|prefix| prefix.len() >= 4 && c.token.expose().starts_with(&prefix))
            })
        });
        if let Some(own) = own {
            if text(own, "/readonly").as_deref() == Some("true") {
                result.set_capabilities(vec![R]);
                result.scopes.push("read-only".into());
            } else {
                result.scopes.push(
                    if text(own, "/automation").as_deref() == Some("true") { "automation" } else { "publish" }.into(),
                );
            }
        }
    }
    Ok(result)
}

/// `GET https://auth.docker.io/token?service=registry.docker.io` with Basic
/// `user:token`: the registry's own login check. Needs the account name.
fn dockerhub(s: &Session<'_>, c: &Credential) -> Result<Introspection> {
    let Some(user) = &c.companion else {
        return Ok(s.result(Status::Skipped, "Docker Hub needs the account name next to the token"));
    };
    let reply = s.get("/token?service=registry.docker.io", vec![basic(user.expose(), c.token.expose())])?;
    if let Some(rejected) = s.rejected(&reply) {
        return Ok(rejected);
    }
    let body = reply.json()?;
    need(&body, "/token")?;
    let mut result = s.live();
    result.identify("username", Some(user.expose()));
    result.scope = Some(Scope::Account);
    Ok(result)
}

/// `GET /api/whoami-v2`: user, organisations and the token's role or fine-grained grants.
fn huggingface(s: &Session<'_>, c: &Credential) -> Result<Introspection> {
    let reply = s.get("/api/whoami-v2", vec![bearer(c)])?;
    if let Some(rejected) = s.rejected(&reply) {
        return Ok(rejected);
    }
    let body = reply.json()?;
    let role = need(&body, "/auth/accessToken/role")?.as_str().unwrap_or_default().to_string();
    let mut result = s.live();
    result.identify("name", text(&body, "/name"));
    result.identify("token_name", text(&body, "/auth/accessToken/displayName"));
    let orgs = each(&body, "/orgs", "/name").into_iter().zip(each(&body, "/orgs", "/roleInOrg"));
    result.add_resources("organizations", orgs.map(|(name, role)| format!("{name} ({role})")));
    result.scope = Some(Scope::Account);
    let caps = match role.as_str() {
        "read" => vec![R],
        "write" => vec![R, W, D],
        _ => {
            let mut grants = Vec::new();
            if let Some(scoped) = body.pointer("/auth/accessToken/fineGrained/scoped").and_then(|v| v.as_array()) {
                for entry in scoped {
                    grants.extend(each(entry, "/permissions", ""));
                }
            }
            grants.extend(each(&body, "/auth/accessToken/fineGrained/global", ""));
            let caps = fine_grained_capabilities(&grants);
            result.scopes = grants;
            caps
        }
    };
    if result.scopes.is_empty() {
        result.scopes.push(role);
    }
    result.set_capabilities(caps);
    Ok(result)
}

fn fine_grained_capabilities(grants: &[String]) -> Vec<Capability> {
    let mut caps = vec![R];
    for grant in grants {
        if grant.ends_with(".write") || grant.ends_with(".delete") {
            caps.push(W);
        }
        if grant.contains("manage") || grant.contains("admin") {
            caps.push(A);
        }
    }
    caps
}

/// `GET /api/0/`: the token's scopes and user.
fn sentry(s: &Session<'_>, c: &Credential) -> Result<Introspection> {
    let reply = s.get("/api/0/", vec![bearer(c)])?;
    if let Some(rejected) = s.rejected(&reply) {
        return Ok(rejected);
    }
    let body = reply.json()?;
    need(&body, "/version")?;
    if body.pointer("/auth").is_none_or(|a| a.is_null()) {
        return Ok(s.result(Status::Unauthorized, "Sentry did not recognise the token"));
    }
    let scopes = each(&body, "/auth/scopes", "");
    let mut caps = vec![R];
    for scope in &scopes {
        if scope.ends_with(":write") {
            caps.push(W);
        }
        if scope.ends_with(":admin") {
            caps.extend([A, D]);
        }
    }
    let mut result = s.live();
    result.identify("user", text(&body, "/user/email").or_else(|| text(&body, "/user/username")));
    result.set_capabilities(caps);
    result.scopes = scopes;
    result.scope = Some(Scope::Workspace);
    Ok(result)
}

/// `GET /api/v2/account/details`, then `GET /api/v2/organizations` with their permissions.
fn terraform(s: &Session<'_>, c: &Credential) -> Result<Introspection> {
    let headers = || vec![bearer(c), ("Accept", "application/vnd.api+json".into())];
    let account = s.get("/api/v2/account/details", headers())?;
    if let Some(rejected) = s.rejected(&account) {
        return Ok(rejected);
    }
    let mut result = s.live();
    if account.ok() {
        let account = account.json()?;
        need(&account, "/data/attributes")?;
        result.identify("username", text(&account, "/data/attributes/username"));
        result.identify("service_account", text(&account, "/data/attributes/is-service-account"));
    }
    let orgs = s.get("/api/v2/organizations", headers())?;
    if let Some(rejected) = s.rejected(&orgs) {
        return Ok(rejected);
    }
    let orgs = orgs.json()?;
    let list = need(&orgs, "/data")?.as_array().cloned().unwrap_or_default();
    let mut caps = vec![R, W];
    for org in &list {
        if text(org, "/attributes/permissions/can-destroy").as_deref() == Some("true") {
            caps.push(D);
        }
        if text(org, "/attributes/permissions/can-update").as_deref() == Some("true") {
            caps.push(A);
        }
    }
    result.add_resources("organizations", list.iter().filter_map(|o| text(o, "/attributes/name")));
    result.set_capabilities(caps);
    result.scope = Some(Scope::Workspace);
    Ok(result)
}
