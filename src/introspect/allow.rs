//! The single allow-list of requests introspection may send: (provider, method, path,
//! body rule). Paths are relative to the provider's base URL, without the query string;
//! `*` stands for one path segment (an id the provider returned). Everything is a GET
//! except GraphQL queries, STS `GetCallerIdentity` and the Kubernetes self-review objects,
//! none of which changes anything at the provider.

/// HTTP methods introspection can express at all. There is no PUT, PATCH or DELETE.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
}

impl Method {
    /// The method as sent on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
        }
    }
}

/// What a request body must look like.
#[derive(Clone, Copy, Debug)]
pub enum BodyRule {
    /// No body (GET).
    Empty,
    /// A GraphQL document that is a query: no `mutation` or `subscription` anywhere.
    GraphqlQuery,
    /// Exactly this form body.
    Exact(&'static str),
    /// A Kubernetes object of this `kind` (a review object the API server never stores).
    KubernetesKind(&'static str),
}

/// One permitted request shape.
#[derive(Clone, Copy, Debug)]
pub struct Allowed {
    pub provider: &'static str,
    pub method: Method,
    pub path: &'static str,
    pub body: BodyRule,
}

const fn get(provider: &'static str, path: &'static str) -> Allowed {
    Allowed { provider, method: Method::Get, path, body: BodyRule::Empty }
}

const fn post(provider: &'static str, path: &'static str, body: BodyRule) -> Allowed {
    Allowed { provider, method: Method::Post, path, body }
}

/// Every request introspection is allowed to make.
pub static ALLOW_LIST: &[Allowed] = &[
    get("github", "/user"),
    get("github", "/user/memberships/orgs"),
    get("github", "/installation/repositories"),
    get("gitlab", "/api/v4/personal_access_tokens/self"),
    get("gitlab", "/api/v4/user"),
    post("aws", "/", BodyRule::Exact("Action=GetCallerIdentity&Version=2011-06-15")),
    post("railway", "/graphql/v2", BodyRule::GraphqlQuery),
    get("stripe", "/v1/account"),
    get("slack", "/api/auth.test"),
    get("openai", "/v1/models"),
    get("openai", "/v1/organization/projects"),
    get("anthropic", "/v1/models"),
    get("anthropic", "/v1/organizations/me"),
    get("huggingface", "/api/whoami-v2"),
    get("npm", "/-/whoami"),
    get("npm", "/-/npm/v1/tokens"),
    get("dockerhub", "/token"),
    get("cloudflare", "/client/v4/user/tokens/verify"),
    get("digitalocean", "/v2/account"),
    get("vercel", "/v5/user/tokens/current"),
    get("vercel", "/v2/teams"),
    get("netlify", "/api/v1/user"),
    get("netlify", "/api/v1/sites"),
    get("flyio", "/v1/apps"),
    get("heroku", "/account"),
    get("render", "/v1/owners"),
    get("supabase", "/v1/projects"),
    get("sentry", "/api/0/"),
    post("linear", "/graphql", BodyRule::GraphqlQuery),
    get("neon", "/api/v2/auth"),
    get("neon", "/api/v2/projects"),
    get("neon", "/api/v2/projects/*/branches"),
    get("planetscale", "/v1/organizations"),
    get("planetscale", "/v1/organizations/*/databases"),
    get("planetscale", "/v1/organizations/*/databases/*/branches"),
    get("terraform", "/api/v2/account/details"),
    get("terraform", "/api/v2/organizations"),
    get("doppler", "/v3/me"),
    get("datadog", "/api/v1/validate"),
    get("sendgrid", "/v3/scopes"),
    get("sendgrid", "/v3/user/profile"),
    get("twilio", "/2010-04-01/Accounts.json"),
    post(
        "kubernetes",
        "/apis/authentication.k8s.io/v1/selfsubjectreviews",
        BodyRule::KubernetesKind("SelfSubjectReview"),
    ),
    post(
        "kubernetes",
        "/apis/authorization.k8s.io/v1/selfsubjectrulesreviews",
        BodyRule::KubernetesKind("SelfSubjectRulesReview"),
    ),
];

/// Checks a request against the allow-list; the error says why it was refused.
pub fn permit(provider: &str, method: Method, path: &str, body: Option<&str>) -> Result<(), String> {
    let path = path.split('?').next().unwrap_or(path);
    let entry = ALLOW_LIST
        .iter()
        .find(|a| a.provider == provider && a.method == method && path_matches(a.path, path))
        .ok_or_else(|| format!("{} {path} is not on the introspection allow-list for {provider}", method.as_str()))?;
    check_body(entry.body, body)
}

fn path_matches(pattern: &str, path: &str) -> bool {
    let pattern: Vec<&str> = pattern.split('/').collect();
    let path: Vec<&str> = path.split('/').collect();
    pattern.len() == path.len()
        && pattern.iter().zip(&path).all(|(p, s)| {
            if *p == "*" {
                !s.is_empty()
                    && *s != "."
                    && *s != ".."
                    && s.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b))
            } else {
                p == s
            }
        })
}

fn check_body(rule: BodyRule, body: Option<&str>) -> Result<(), String> {
    match (rule, body) {
        (BodyRule::Empty, None) => Ok(()),
        (BodyRule::Empty, Some(_)) => Err("a GET request must not carry a body".into()),
        (_, None) => Err("this POST needs its documented read-only body".into()),
        (BodyRule::Exact(expected), Some(body)) if body == expected => Ok(()),
        (BodyRule::Exact(_), Some(_)) => Err("the form body is not the documented read-only call".into()),
        (BodyRule::GraphqlQuery, Some(body)) => graphql_query_only(body),
        (BodyRule::KubernetesKind(kind), Some(body)) => kubernetes_kind(kind, body),
    }
}

/// A GraphQL request is allowed only when it is a query: the words `mutation` and
/// `subscription` may not appear anywhere in the body, in any case.
pub fn graphql_query_only(body: &str) -> Result<(), String> {
    let lower = body.to_ascii_lowercase();
    if lower.contains("mutation") || lower.contains("subscription") {
        return Err("GraphQL mutations and subscriptions are never sent".into());
    }
    let value: serde_json::Value = serde_json::from_str(body).map_err(|_| "GraphQL body is not JSON".to_string())?;
    let query = value.get("query").and_then(|q| q.as_str()).unwrap_or("").trim_start();
    if query.starts_with('{') || query.starts_with("query") {
        Ok(())
    } else {
        Err("GraphQL body is not a query".into())
    }
}

fn kubernetes_kind(kind: &str, body: &str) -> Result<(), String> {
    let value: serde_json::Value =
        serde_json::from_str(body).map_err(|_| "Kubernetes review body is not JSON".to_string())?;
    if value.get("kind").and_then(|k| k.as_str()) == Some(kind) {
        Ok(())
    } else {
        Err(format!("only a {kind} object may be posted here"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_listed_paths_pass() {
        assert!(permit("github", Method::Get, "/user", None).is_ok());
        assert!(permit("github", Method::Get, "/user?x=1", None).is_ok());
        assert!(permit("github", Method::Post, "/user", Some("{}")).is_err());
        assert!(permit("github", Method::Get, "/user/repos", None).is_err());
        assert!(permit("gitlab", Method::Get, "/user", None).is_err());
    }

    #[test]
    fn wildcards_match_one_plain_segment() {
        assert!(permit("neon", Method::Get, "/api/v2/projects/p-1/branches", None).is_ok());
        assert!(permit("neon", Method::Get, "/api/v2/projects/a/b/branches", None).is_err());
        assert!(permit("neon", Method::Get, "/api/v2/projects/../branches", None).is_err());
        assert!(permit("neon", Method::Get, "/api/v2/projects//branches", None).is_err());
    }

    #[test]
    fn graphql_mutations_are_refused_in_any_case() {
        assert!(graphql_query_only(r#"{"query":"query { me { name } }"}"#).is_ok());
        assert!(graphql_query_only(r#"{"query":"{ me { name } }"}"#).is_ok());
        assert!(graphql_query_only(r#"{"query":"mutation { projectDelete(id: \"x\") }"}"#).is_err());
        assert!(graphql_query_only(r#"{"query":"query { me } MUTATION { x }"}"#).is_err());
        assert!(graphql_query_only("not json").is_err());
    }

    #[test]
    fn post_bodies_must_be_the_documented_ones() {
        let sts = "Action=GetCallerIdentity&Version=2011-06-15";
        assert!(permit("aws", Method::Post, "/", Some(sts)).is_ok());
        assert!(permit("aws", Method::Post, "/", Some("Action=CreateUser&Version=2010-05-08")).is_err());
        let review = r#"{"apiVersion":"authentication.k8s.io/v1","kind":"SelfSubjectReview"}"#;
        let path = "/apis/authentication.k8s.io/v1/selfsubjectreviews";
        assert!(permit("kubernetes", Method::Post, path, Some(review)).is_ok());
        assert!(permit("kubernetes", Method::Post, path, Some(r#"{"kind":"Pod"}"#)).is_err());
        assert!(permit("stripe", Method::Get, "/v1/account", Some("x")).is_err());
    }
}
