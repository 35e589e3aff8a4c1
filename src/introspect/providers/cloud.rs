//! Clouds and hosting platforms: AWS, Kubernetes, Railway, Cloudflare, DigitalOcean,
//! Vercel, Netlify, Fly.io, Heroku, Render, Supabase, Neon, PlanetScale.

use super::{bearer, each, need, text, Pair, Provider, Session, A, D, R, W};
use crate::introspect::{sigv4, Credential, Introspection, Status};
use crate::model::finding::Scope;
use anyhow::Result;
use serde_json::Value;

pub(super) static PROVIDERS: &[Provider] = &[
    Provider {
        id: "aws",
        aliases: &["amazon"],
        base: "https://sts.amazonaws.com",
        hosts: &["sts.amazonaws.com"],
        per_credential_host: false,
        pair: Some(Pair::TokenFirst),
        check: aws,
    },
    Provider {
        id: "kubernetes",
        aliases: &["k8s", "kubeconfig"],
        base: "",
        hosts: &[],
        per_credential_host: true,
        pair: None,
        check: kubernetes,
    },
    Provider {
        id: "railway",
        aliases: &["railwayapp"],
        base: "https://backboard.railway.com",
        hosts: &["backboard.railway.com", "backboard.railway.app"],
        per_credential_host: false,
        pair: None,
        check: railway,
    },
    Provider {
        id: "cloudflare",
        aliases: &[],
        base: "https://api.cloudflare.com",
        hosts: &["api.cloudflare.com"],
        per_credential_host: false,
        pair: None,
        check: cloudflare,
    },
    Provider {
        id: "digitalocean",
        aliases: &[],
        base: "https://api.digitalocean.com",
        hosts: &["api.digitalocean.com"],
        per_credential_host: false,
        pair: None,
        check: digitalocean,
    },
    Provider {
        id: "vercel",
        aliases: &[],
        base: "https://api.vercel.com",
        hosts: &["api.vercel.com"],
        per_credential_host: false,
        pair: None,
        check: vercel,
    },
    Provider {
        id: "netlify",
        aliases: &[],
        base: "https://api.netlify.com",
        hosts: &["api.netlify.com"],
        per_credential_host: false,
        pair: None,
        check: netlify,
    },
    Provider {
        id: "flyio",
        aliases: &["fly"],
        base: "https://api.machines.dev",
        hosts: &["api.machines.dev"],
        per_credential_host: false,
        pair: None,
        check: flyio,
    },
    Provider {
        id: "heroku",
        aliases: &[],
        base: "https://api.heroku.com",
        hosts: &["api.heroku.com"],
        per_credential_host: false,
        pair: None,
        check: heroku,
    },
    Provider {
        id: "render",
        aliases: &[],
        base: "https://api.render.com",
        hosts: &["api.render.com"],
        per_credential_host: false,
        pair: None,
        check: render,
    },
    Provider {
        id: "supabase",
        aliases: &[],
        base: "https://api.supabase.com",
        hosts: &["api.supabase.com"],
        per_credential_host: false,
        pair: None,
        check: supabase,
    },
    Provider {
        id: "neon",
        aliases: &["neon-tech"],
        base: "https://console.neon.tech",
        hosts: &["console.neon.tech"],
        per_credential_host: false,
        pair: None,
        check: neon,
    },
    Provider {
        id: "planetscale",
        aliases: &[],
        base: "https://api.planetscale.com",
        hosts: &["api.planetscale.com"],
        per_credential_host: false,
        pair: Some(Pair::CompanionFirst),
        check: planetscale,
    },
];

/// Most objects listed per kind, to bound the number of follow-up requests.
const MAX_LISTED: usize = 5;

/// AWS accounts that exist to catch people using leaked keys (Thinkst canarytokens and
/// look-alikes, as listed by TruffleHog's `canary.go`). A key from one is never used.
const CANARY_ACCOUNTS: &[&str] = &[
    "052310077262",
    "171436882533",
    "534261010715",
    "595918472158",
    "717712589309",
    "819147034852",
    "992382622183",
    "730335385048",
    "266735846894",
    "893192397702",
    "044858866125",
    "251535659677",
    "344043088457",
    "351906852752",
    "390477818340",
    "426127672474",
    "427150556519",
    "439872796651",
    "445142720921",
    "465867158099",
    "637958123769",
    "693412236332",
    "732624840810",
    "735421457923",
    "959235150393",
    "982842642351",
];

/// The account id encoded in an access key id (not for legacy `AKIAI…`/`AKIAJ…` keys):
/// base32-decode characters 5–20, take 6 bytes big-endian, mask and shift by 7.
pub fn aws_account_from_key_id(key_id: &str) -> Option<String> {
    let body = key_id.get(4..20)?;
    if key_id.starts_with("AKIAI") || key_id.starts_with("AKIAJ") {
        return None;
    }
    let mut bits: u128 = 0;
    for c in body.bytes() {
        let value = match c {
            b'A'..=b'Z' => c - b'A',
            b'2'..=b'7' => c - b'2' + 26,
            _ => return None,
        };
        bits = (bits << 5) | u128::from(value);
    }
    let first_six = (bits >> (80 - 48)) as u64;
    Some(format!("{:012}", (first_six & 0x7fff_ffff_ff80) >> 7))
}

/// True when the key belongs to a known canary account.
pub fn aws_is_canary(key_id: &str) -> bool {
    aws_account_from_key_id(key_id).is_some_and(|account| CANARY_ACCOUNTS.contains(&account.as_str()))
}

const STS_BODY: &str = "Action=GetCallerIdentity&Version=2011-06-15";
const FORM: &str = "application/x-www-form-urlencoded; charset=utf-8";

/// SigV4-signed `POST /` `Action=GetCallerIdentity` to STS, after the offline canary check.
fn aws(s: &Session<'_>, c: &Credential) -> Result<Introspection> {
    let key_id = c.token.expose();
    if aws_is_canary(key_id) {
        return Ok(
            s.result(Status::Skipped, "the key belongs to a known canary account: using it would raise an alarm")
        );
    }
    if key_id.starts_with("ASIA") {
        return Ok(s.result(Status::Skipped, "temporary (ASIA) keys need their session token"));
    }
    let Some(secret) = &c.companion else {
        return Ok(s.result(Status::Skipped, "no secret access key found next to the key id"));
    };
    let amz_date = sigv4::amz_date_now();
    let host = s.authority();
    let input = sigv4::SignInput {
        method: "POST",
        host: &host,
        path: "/",
        query: "",
        content_type: FORM,
        payload: STS_BODY,
        amz_date: &amz_date,
        region: "us-east-1",
        service: "sts",
    };
    let authorization = sigv4::authorization(&input, key_id, secret.expose());
    let headers = vec![("Authorization", authorization), ("X-Amz-Date", amz_date.clone())];
    let reply = s.post("/", headers, FORM, STS_BODY.to_string())?;
    if let Some(rejected) = s.rejected(&reply) {
        return Ok(rejected);
    }
    if !reply.ok() {
        anyhow::bail!("HTTP {}", reply.status);
    }
    let arn = xml_text(&reply.body, "Arn").ok_or_else(|| anyhow::anyhow!("unexpected response: no Arn"))?;
    let mut result = s.live();
    result.identify("account", xml_text(&reply.body, "Account"));
    result.identify("user_id", xml_text(&reply.body, "UserId"));
    result.scope = Some(Scope::Account);
    if arn.ends_with(":root") {
        result.set_capabilities(vec![R, W, A, D]);
        result.reason = Some("root user of the account: everything, including deleting it".into());
    }
    result.identify("arn", Some(arn));
    Ok(result)
}

/// The text of the first `<tag>…</tag>` in an XML document.
fn xml_text(xml: &str, tag: &str) -> Option<String> {
    let open = format!("<{tag}>");
    let start = xml.find(&open)? + open.len();
    let end = xml[start..].find(&format!("</{tag}>"))? + start;
    Some(xml[start..end].trim().to_string())
}

/// `POST selfsubjectreviews` (who am I) and `selfsubjectrulesreviews` (what may I do in
/// `default`) against the kubeconfig's own server. Neither object is stored.
fn kubernetes(s: &Session<'_>, c: &Credential) -> Result<Introspection> {
    let review = serde_json::json!({"apiVersion": "authentication.k8s.io/v1", "kind": "SelfSubjectReview"});
    let reply = s.post(
        "/apis/authentication.k8s.io/v1/selfsubjectreviews",
        vec![bearer(c)],
        "application/json",
        review.to_string(),
    )?;
    if let Some(rejected) = s.rejected(&reply) {
        return Ok(rejected);
    }
    let who = reply.json()?;
    let username = need(&who, "/status/userInfo/username")?.as_str().unwrap_or_default().to_string();
    let groups = each(&who, "/status/userInfo/groups", "");
    let mut result = s.live();
    result.identify("username", Some(username));
    result.identify("groups", Some(groups.join(",")));
    let rules = serde_json::json!({
        "apiVersion": "authorization.k8s.io/v1",
        "kind": "SelfSubjectRulesReview",
        "spec": {"namespace": "default"}
    });
    let path = "/apis/authorization.k8s.io/v1/selfsubjectrulesreviews";
    let reply = s.post(path, vec![bearer(c)], "application/json", rules.to_string())?;
    let mut verbs = Vec::new();
    if reply.ok() {
        let body = reply.json()?;
        if let Some(rules) = body.pointer("/status/resourceRules").and_then(Value::as_array) {
            for rule in rules {
                verbs.extend(each(rule, "/verbs", ""));
            }
        }
    }
    verbs.sort();
    verbs.dedup();
    let masters = groups.iter().any(|g| g == "system:masters");
    let mut caps = kubernetes_capabilities(&verbs);
    if masters {
        caps.extend([R, W, A, D]);
    }
    result.scope = Some(if caps.contains(&A) { Scope::Account } else { Scope::Project });
    result.set_capabilities(caps);
    result.scopes = verbs;
    Ok(result)
}

/// get/list/watch R; create/update/patch W; delete/deletecollection D; `*`, escalate,
/// bind, impersonate A.
pub fn kubernetes_capabilities(verbs: &[String]) -> Vec<crate::model::finding::Capability> {
    let mut caps = Vec::new();
    for verb in verbs.iter().map(String::as_str) {
        match verb {
            "get" | "list" | "watch" => caps.push(R),
            "create" | "update" | "patch" => caps.push(W),
            "delete" | "deletecollection" => caps.push(D),
            "*" => caps.extend([R, W, A, D]),
            "escalate" | "bind" | "impersonate" => caps.push(A),
            _ => {}
        }
    }
    caps
}

const RAILWAY_GRAPHQL: &str = "/graphql/v2";
const RAILWAY_PROJECT_TOKEN: &str =
    "query { projectToken { projectId environmentId project { id name } environment { id name } } }";
const RAILWAY_ME: &str = "query { me { name email } }";
const RAILWAY_API_TOKEN: &str = "query { apiToken { workspaces { id name } } }";
const RAILWAY_PROJECTS: &str =
    "query { projects { edges { node { id name environments { edges { node { id name } } } } } } }";

/// Project token first (`Project-Access-Token`), then account/workspace (`Bearer`):
/// `me`, `apiToken.workspaces`, and every reachable project with its environments.
fn railway(s: &Session<'_>, c: &Credential) -> Result<Introspection> {
    let token = c.token.expose().to_string();
    let reply = s.graphql(RAILWAY_GRAPHQL, vec![("Project-Access-Token", token)], RAILWAY_PROJECT_TOKEN)?;
    if reply.ok() {
        let body = reply.json()?;
        if let Some(project_token) = body.pointer("/data/projectToken").filter(|v| !v.is_null()) {
            return Ok(railway_project_token(s, project_token));
        }
    }
    let me = railway_data(s, c, RAILWAY_ME, "/data/me")?;
    let api_token = railway_data(s, c, RAILWAY_API_TOKEN, "/data/apiToken")?;
    let workspaces = api_token.as_ref().map(|t| each(t, "/workspaces", "/name")).unwrap_or_default();
    if me.is_none() && api_token.is_none() {
        return Ok(s.result(Status::Unauthorized, "Railway accepted it neither as a project nor as an API token"));
    }
    let mut result = s.live();
    if let Some(me) = &me {
        result.identify("name", text(me, "/name"));
        result.identify("email", text(me, "/email"));
    }
    result.scope = Some(if me.is_some() { Scope::Account } else { Scope::Workspace });
    result.identify("kind", Some(if me.is_some() { "account token" } else { "workspace token" }));
    result.add_resources("workspaces", workspaces);
    if let Some(projects) = railway_data(s, c, RAILWAY_PROJECTS, "/data/projects/edges")? {
        for project in projects.as_array().into_iter().flatten() {
            result.add_resources("projects", text(project, "/node/name"));
            let envs = project.pointer("/node/environments/edges").cloned().unwrap_or_default();
            result.add_environments(each(&envs, "", "/node/name"));
        }
    }
    result.set_capabilities(vec![R, W, A, D]);
    Ok(result)
}

fn railway_project_token(s: &Session<'_>, project_token: &Value) -> Introspection {
    let mut result = s.live();
    result.identify("kind", Some("project token"));
    result.identify("project", text(project_token, "/project/name"));
    result.identify("environment", text(project_token, "/environment/name"));
    result.add_resources("projects", text(project_token, "/project/name"));
    result.add_environments(text(project_token, "/environment/name"));
    result.scope = Some(Scope::Environment);
    result.set_capabilities(vec![R, W, A, D]);
    result
}

/// Runs a Bearer query; `Some(data at pointer)` when Railway answered it, `None` when it
/// refused (GraphQL errors, 401/403). Transport errors and non-JSON answers are errors.
fn railway_data(s: &Session<'_>, c: &Credential, query: &str, pointer: &str) -> Result<Option<Value>> {
    let reply = s.graphql(RAILWAY_GRAPHQL, vec![bearer(c)], query)?;
    if matches!(reply.status, 400 | 401 | 403) {
        return Ok(None);
    }
    let body = reply.json()?;
    if body.get("data").is_none() && body.get("errors").is_none() {
        anyhow::bail!("unexpected response: neither data nor errors");
    }
    Ok(body.pointer(pointer).filter(|v| !v.is_null()).cloned())
}

/// `GET /client/v4/user/tokens/verify`: status and expiry.
fn cloudflare(s: &Session<'_>, c: &Credential) -> Result<Introspection> {
    let reply = s.get("/client/v4/user/tokens/verify", vec![bearer(c)])?;
    if let Some(rejected) = s.rejected(&reply) {
        return Ok(rejected);
    }
    let body = reply.json()?;
    let status = need(&body, "/result/status")?.as_str().unwrap_or_default().to_string();
    let mut result = match status.as_str() {
        "active" => s.live(),
        other => s.result(Status::Revoked, format!("Cloudflare reports the token {other}")),
    };
    result.identify("token_id", text(&body, "/result/id"));
    result.expires_at = text(&body, "/result/expires_on");
    Ok(result)
}

/// `GET /v2/account`: the account and team. Custom scopes cannot be read, so full
/// access is assumed.
fn digitalocean(s: &Session<'_>, c: &Credential) -> Result<Introspection> {
    if c.token.expose().starts_with("dor_") {
        return Ok(s.result(Status::Skipped, "refresh tokens are never exchanged: that would rotate them"));
    }
    let reply = s.get("/v2/account", vec![bearer(c)])?;
    if let Some(rejected) = s.rejected(&reply) {
        return Ok(rejected);
    }
    let body = reply.json()?;
    need(&body, "/account/uuid")?;
    let mut result = s.live();
    result.identify("email", text(&body, "/account/email"));
    result.identify("team", text(&body, "/account/team/name"));
    result.identify("account_status", text(&body, "/account/status"));
    result.scope = Some(Scope::Account);
    result.set_capabilities(vec![R, W, D]);
    Ok(result)
}

/// `GET /v5/user/tokens/current` (type, scopes, expiry), then `GET /v2/teams`.
fn vercel(s: &Session<'_>, c: &Credential) -> Result<Introspection> {
    let reply = s.get("/v5/user/tokens/current", vec![bearer(c)])?;
    if let Some(rejected) = s.rejected(&reply) {
        return Ok(rejected);
    }
    let body = reply.json()?;
    need(&body, "/token/id")?;
    let mut result = s.live();
    result.identify("token_name", text(&body, "/token/name"));
    result.identify("type", text(&body, "/token/type"));
    let scope_types = each(&body, "/token/scopes", "/type");
    result.scope = Some(if scope_types.iter().any(|t| t == "user") { Scope::Account } else { Scope::Workspace });
    result.scopes = scope_types;
    result.expires_at = body.pointer("/token/expiresAt").and_then(Value::as_u64).map(epoch_millis);
    result.set_capabilities(vec![R, W, D]);
    result.add_environments(["production", "preview", "development"].map(String::from));
    let teams = s.get("/v2/teams", vec![bearer(c)])?;
    if teams.ok() {
        result.add_resources("teams", each(&teams.json()?, "/teams", "/name"));
    }
    Ok(result)
}

fn epoch_millis(ms: u64) -> String {
    let time = std::time::UNIX_EPOCH + std::time::Duration::from_millis(ms);
    humantime::format_rfc3339_seconds(time).to_string()
}

/// `GET /api/v1/user`, then `GET /api/v1/sites`. Netlify tokens have no scopes.
fn netlify(s: &Session<'_>, c: &Credential) -> Result<Introspection> {
    let reply = s.get("/api/v1/user", vec![bearer(c)])?;
    if let Some(rejected) = s.rejected(&reply) {
        return Ok(rejected);
    }
    let user = reply.json()?;
    need(&user, "/id")?;
    let mut result = s.live();
    result.identify("email", text(&user, "/email"));
    result.identify("name", text(&user, "/full_name"));
    result.scope = Some(Scope::Account);
    result.set_capabilities(vec![R, W, D]);
    let sites = s.get("/api/v1/sites", vec![bearer(c)])?;
    if sites.ok() {
        result.add_resources("sites", each(&sites.json()?, "", "/name"));
    }
    Ok(result)
}

/// `GET /v1/apps?org_slug=personal` on the Machines API.
fn flyio(s: &Session<'_>, c: &Credential) -> Result<Introspection> {
    let token = c.token.expose();
    let header = if token.starts_with("FlyV1 ") { token.to_string() } else { format!("Bearer {token}") };
    let reply = s.get("/v1/apps?org_slug=personal", vec![("Authorization", header)])?;
    if let Some(rejected) = s.rejected(&reply) {
        return Ok(rejected);
    }
    let body = reply.json()?;
    need(&body, "/apps")?;
    let mut result = s.live();
    result.add_resources("apps", each(&body, "/apps", "/name"));
    result.scope = Some(Scope::Workspace);
    let full_user = token.starts_with("fo1_");
    result.set_capabilities(if full_user { vec![R, W, A, D] } else { vec![R, W, D] });
    Ok(result)
}

/// `GET /account` (Platform API v3).
fn heroku(s: &Session<'_>, c: &Credential) -> Result<Introspection> {
    let headers = vec![bearer(c), ("Accept", "application/vnd.heroku+json; version=3".into())];
    let reply = s.get("/account", headers)?;
    if let Some(rejected) = s.rejected(&reply) {
        return Ok(rejected);
    }
    let body = reply.json()?;
    need(&body, "/id")?;
    let mut result = s.live();
    result.identify("email", text(&body, "/email"));
    result.scope = Some(Scope::Account);
    result.set_capabilities(vec![R, W, D]);
    Ok(result)
}

/// `GET /v1/owners`: the workspaces the key reaches.
fn render(s: &Session<'_>, c: &Credential) -> Result<Introspection> {
    let reply = s.get("/v1/owners", vec![bearer(c), ("Accept", "application/json".into())])?;
    if let Some(rejected) = s.rejected(&reply) {
        return Ok(rejected);
    }
    let body = reply.json()?;
    if !body.is_array() {
        anyhow::bail!("unexpected response: not a list of owners");
    }
    let mut result = s.live();
    let owners = each(&body, "", "/owner/name");
    result.identify("email", each(&body, "", "/owner/email").into_iter().next());
    result.scope = Some(if owners.len() > 1 { Scope::Account } else { Scope::Workspace });
    result.add_resources("workspaces", owners);
    result.set_capabilities(vec![R, W, D]);
    Ok(result)
}

/// `GET /v1/projects` on the Management API: every project in the token's organisations.
fn supabase(s: &Session<'_>, c: &Credential) -> Result<Introspection> {
    let reply = s.get("/v1/projects", vec![bearer(c)])?;
    if let Some(rejected) = s.rejected(&reply) {
        return Ok(rejected);
    }
    let body = reply.json()?;
    if !body.is_array() {
        anyhow::bail!("unexpected response: not a list of projects");
    }
    let mut result = s.live();
    result.add_resources("projects", each(&body, "", "/name"));
    result.add_resources("organizations", each(&body, "", "/organization_id"));
    result.scope = Some(Scope::Workspace);
    result.set_capabilities(vec![R, W, A, D]);
    Ok(result)
}

/// `GET /api/v2/auth`, `GET /api/v2/projects`, then each project's branches: the default
/// branch is production.
fn neon(s: &Session<'_>, c: &Credential) -> Result<Introspection> {
    let reply = s.get("/api/v2/auth", vec![bearer(c)])?;
    if let Some(rejected) = s.rejected(&reply) {
        return Ok(rejected);
    }
    let auth = reply.json()?;
    let method = need(&auth, "/auth_method")?.as_str().unwrap_or_default().to_string();
    let mut result = s.live();
    result.identify("account_id", text(&auth, "/account_id"));
    result.identify("auth_method", Some(&method));
    result.scope = Some(match method.as_str() {
        "api_key_org" => Scope::Workspace,
        "api_key_project" => Scope::Project,
        _ => Scope::Account,
    });
    result.set_capabilities(if method == "api_key_org" { vec![R, W, A, D] } else { vec![R, W, D] });
    let projects = s.get("/api/v2/projects", vec![bearer(c)])?;
    if !projects.ok() {
        return Ok(result);
    }
    let projects = projects.json()?;
    let ids: Vec<String> = each(&projects, "/projects", "/id").into_iter().filter(|id| plain_segment(id)).collect();
    result.add_resources("projects", each(&projects, "/projects", "/name"));
    for id in ids.iter().take(MAX_LISTED) {
        let branches = s.get(&format!("/api/v2/projects/{id}/branches"), vec![bearer(c)])?;
        if branches.ok() {
            let branches = branches.json()?;
            for branch in branches.pointer("/branches").and_then(Value::as_array).into_iter().flatten() {
                let default = text(branch, "/default").as_deref() == Some("true");
                result.add_environments(if default { Some("production".to_string()) } else { text(branch, "/name") });
            }
        }
    }
    Ok(result)
}

/// `GET /v1/organizations`, their databases and branches: the `production` flag.
fn planetscale(s: &Session<'_>, c: &Credential) -> Result<Introspection> {
    let token = c.token.expose();
    let header = match &c.companion {
        Some(id) => format!("{}:{token}", id.expose()),
        None if token.starts_with("pscale_oauth_") => format!("Bearer {token}"),
        None => return Ok(s.result(Status::Skipped, "PlanetScale service tokens need their token id")),
    };
    let auth = || vec![("Authorization", header.clone())];
    let reply = s.get("/v1/organizations", auth())?;
    if let Some(rejected) = s.rejected(&reply) {
        return Ok(rejected);
    }
    let orgs = reply.json()?;
    need(&orgs, "/data")?;
    let mut result = s.live();
    let org_names: Vec<String> = each(&orgs, "/data", "/name");
    result.add_resources("organizations", org_names.clone());
    result.scope = Some(Scope::Workspace);
    result.set_capabilities(vec![R, W, D]);
    for org in org_names.iter().filter(|o| plain_segment(o)).take(MAX_LISTED) {
        let dbs = s.get(&format!("/v1/organizations/{org}/databases"), auth())?;
        if !dbs.ok() {
            continue;
        }
        let db_names = each(&dbs.json()?, "/data", "/name");
        result.add_resources("databases", db_names.iter().map(|d| format!("{org}/{d}")));
        for db in db_names.iter().filter(|d| plain_segment(d)).take(MAX_LISTED) {
            let branches = s.get(&format!("/v1/organizations/{org}/databases/{db}/branches"), auth())?;
            if branches.ok() {
                let branches = branches.json()?;
                for branch in branches.pointer("/data").and_then(Value::as_array).into_iter().flatten() {
                    let production = text(branch, "/production").as_deref() == Some("true");
                    result.add_environments(if production { Some("production".into()) } else { text(branch, "/name") });
                }
            }
        }
    }
    Ok(result)
}

/// Ids from a response go into a path only when they are one plain segment.
fn plain_segment(id: &str) -> bool {
    !id.is_empty() && id != "." && id != ".." && id.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn account_id_decodes_from_key_id() {
        // Built from account 123456789012: (id << 7) as 6 bytes, then base32.
        let key_id = aws_key_id_for(123_456_789_012);
        assert_eq!(aws_account_from_key_id(&key_id).as_deref(), Some("123456789012"));
        assert!(aws_account_from_key_id("AKIAIOSFODNN7EXAMPLE").is_none());
    }

    #[test]
    fn canary_accounts_are_recognised_offline() {
        assert!(aws_is_canary(&aws_key_id_for(52_310_077_262)));
        assert!(!aws_is_canary(&aws_key_id_for(123_456_789_012)));
    }

    /// A syntactically valid `AKIA` key id that encodes the given account.
    pub(crate) fn aws_key_id_for(account: u64) -> String {
        const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        let bits: u128 = (u128::from(account << 7) << 32) | 0x1234_5678;
        let body: String = (0..16).map(|i| ALPHABET[((bits >> (75 - 5 * i)) & 31) as usize] as char).collect();
        format!("AKIA{body}")
    }

    #[test]
    fn kubernetes_verbs_map_to_capabilities() {
        let verbs: Vec<String> = ["get", "list", "delete"].map(String::from).to_vec();
        let caps = kubernetes_capabilities(&verbs);
        assert!(caps.contains(&R) && caps.contains(&D) && !caps.contains(&A));
        assert!(kubernetes_capabilities(&["*".to_string()]).contains(&A));
    }
}
