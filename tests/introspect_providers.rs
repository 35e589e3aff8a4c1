//! Every provider against a local mock serving answers shaped as the provider documents
//! them: live, revoked/unauthorized and malformed. Then the safety properties, checked on
//! everything the mock received.

mod support;

use blastradius::introspect::{self, allow, providers, Client, Credential, Endpoints, Introspection, Limits, Status};
use blastradius::model::finding::{Capability, Scope};
use std::time::{Duration, Instant};
use support::mock::{MockServer, Recorded, Route};

const HTML: &str = "<html><body>maintenance</body></html>";

/// One provider's scenarios.
struct Case {
    provider: &'static str,
    /// What `blastradius introspect` would read from stdin.
    input: String,
    live: Vec<Route>,
    check: fn(&Introspection),
    rejected: Vec<Route>,
    rejected_as: Status,
    /// Path (and method) whose 200 answer is replaced by HTML in the malformed case.
    first: (&'static str, &'static str),
}

fn case(
    provider: &'static str,
    input: &str,
    first: (&'static str, &'static str),
    live: Vec<Route>,
    check: fn(&Introspection),
) -> Case {
    let rejected = vec![Route::new(first.0, first.1, 401, r#"{"message":"Bad credentials"}"#)];
    Case { provider, input: input.to_string(), live, check, rejected, rejected_as: Status::Unauthorized, first }
}

fn run(provider: &str, input: &str, routes: Vec<Route>) -> (Introspection, Vec<Recorded>) {
    run_with(provider, input, routes, Limits::default())
}

fn run_with(provider: &str, input: &str, routes: Vec<Route>, limits: Limits) -> (Introspection, Vec<Recorded>) {
    let server = MockServer::start(routes);
    let provider = providers::find(provider).expect("known provider");
    let endpoints = introspect::parse_endpoints(&[format!("{}={}", provider.id, server.url())]).unwrap();
    let client = Client::new(&endpoints, limits);
    let credential = Credential::parse(provider, input);
    let result = introspect::check(&client, provider, &credential);
    (result, server.requests())
}

fn has(result: &Introspection, caps: &[Capability]) -> bool {
    caps.iter().all(|c| result.capabilities.contains(c))
}

fn id(result: &Introspection, key: &str) -> String {
    result.identity.get(key).cloned().unwrap_or_default()
}

fn cases() -> Vec<Case> {
    use Capability::{Admin as A, Delete as D, Read as R, Write as W};
    let mut cases = vec![
        case("github", "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", ("GET", "/user"), vec![
            Route::get("/user", 200, r#"{"login":"octo","id":1,"type":"User","site_admin":false}"#)
                .header("X-OAuth-Scopes", "repo, delete_repo, read:org")
                .header("github-authentication-token-expiration", "2027-01-01 00:00:00 UTC"),
            Route::get("/user/memberships/orgs", 200, r#"[{"organization":{"login":"acme"},"role":"admin","state":"active"}]"#),
        ], |r| {
            assert_eq!(id(r, "login"), "octo");
            assert!(has(r, &[R, W, D]) && !has(r, &[A]), "{:?}", r.capabilities);
            assert_eq!(r.resources["organizations"], vec!["acme (admin)"]);
            assert!(r.expires_at.is_some());
        }),
        case("gitlab", "glpat-Xk3mP9qR2sT5vW8yZ1bC", ("GET", "/api/v4/personal_access_tokens/self"), vec![
            Route::get("/api/v4/personal_access_tokens/self", 200, r#"{"id":4,"name":"ci","revoked":false,"active":true,"scopes":["read_api","write_repository"],"user_id":7,"expires_at":"2027-01-01"}"#),
            Route::get("/api/v4/user", 200, r#"{"id":7,"username":"dev","bot":false}"#),
        ], |r| {
            assert_eq!(id(r, "username"), "dev");
            assert_eq!(r.capabilities, vec![R, W]);
            assert_eq!(r.expires_at.as_deref(), Some("2027-01-01"));
        }),
        case("aws", "AKIAQWERTYUIOPASDFGH:wJalrXUtnFEMIxK7MDENGxbPxRfiCYzzzzzzzzzz", ("POST", "/"), vec![
            Route::post("/", 200, "<GetCallerIdentityResponse><GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:root</Arn><UserId>123456789012</UserId><Account>123456789012</Account></GetCallerIdentityResult></GetCallerIdentityResponse>"),
        ], |r| {
            assert_eq!(id(r, "arn"), "arn:aws:iam::123456789012:root");
            assert!(has(r, &[A, D]));
        }),
        case("railway", "0c9f3f2e-6a1b-4c5d-8e7f-9a0b1c2d3e4f", ("POST", "/graphql/v2"), vec![
            Route::post("/graphql/v2", 200, r#"{"data":{"projectToken":{"projectId":"p1","environmentId":"e1","project":{"id":"p1","name":"shop"},"environment":{"id":"e1","name":"staging"}}}}"#).when_header("project-access-token"),
        ], |r| {
            assert_eq!(r.environments, vec!["staging"]);
            assert_eq!(r.scope, Some(Scope::Environment));
        }),
        case("stripe", "sk_live_51HxYzAbCdEfGhIjKlMnOpQrStUv", ("GET", "/v1/account"), vec![
            Route::get("/v1/account", 200, r#"{"id":"acct_1Abc","object":"account","email":"ops@example.com","country":"US"}"#),
        ], |r| {
            assert_eq!(id(r, "account"), "acct_1Abc");
            assert_eq!(r.environments, vec!["production"]);
            assert!(has(r, &[A, D]));
        }),
        case("slack", "xoxb-1234567890-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx", ("GET", "/api/auth.test"), vec![
            Route::get("/api/auth.test", 200, r#"{"ok":true,"url":"https://acme.slack.com/","team":"Acme","user":"deploybot","team_id":"T1","user_id":"U1"}"#)
                .header("x-oauth-scopes", "chat:write,channels:read"),
        ], |r| {
            assert_eq!(id(r, "team"), "Acme");
            assert_eq!(r.scopes, vec!["chat:write", "channels:read"]);
            assert_eq!(r.capabilities, vec![R, W]);
        }),
        case("openai", "sk-proj-AbCdEfGhIjKlMnOpQrStT3BlbkFJUvWxYzAbCdEfGhIj", ("GET", "/v1/models"), vec![
            Route::get("/v1/models", 200, r#"{"object":"list","data":[{"id":"gpt-x","object":"model"}]}"#).header("openai-organization", "org-acme"),
        ], |r| {
            assert_eq!(id(r, "organization"), "org-acme");
            assert_eq!(r.scope, Some(Scope::Project));
        }),
        case("anthropic", "sk-ant-api03-AbCdEfGhIjKlMnOpQrStUvWxYzAA", ("GET", "/v1/models"), vec![
            Route::get("/v1/models", 200, r#"{"data":[{"id":"claude-x","type":"model"}],"has_more":false}"#),
        ], |r| assert_eq!(r.capabilities, vec![R, W])),
        case("huggingface", "hf_AbCdEfGhIjKlMnOpQrStUvWxYzAbCdEfGh", ("GET", "/api/whoami-v2"), vec![
            Route::get("/api/whoami-v2", 200, r#"{"type":"user","name":"hfuser","orgs":[{"name":"acme","roleInOrg":"admin"}],"auth":{"type":"access_token","accessToken":{"displayName":"ci","role":"write"}}}"#),
        ], |r| {
            assert_eq!(id(r, "name"), "hfuser");
            assert!(has(r, &[W, D]));
            assert_eq!(r.resources["organizations"], vec!["acme (admin)"]);
        }),
        case("npm", "npm_abcdefghijklmnopqrstuvwxyz0123456789", ("GET", "/-/whoami"), vec![
            Route::get("/-/whoami", 200, r#"{"username":"npmuser"}"#),
            Route::get("/-/npm/v1/tokens", 200, r#"{"objects":[{"token":"npm_ab","key":"k1","readonly":true,"automation":false}],"total":1}"#),
        ], |r| {
            assert_eq!(id(r, "username"), "npmuser");
            assert_eq!(r.capabilities, vec![R]);
        }),
        case("dockerhub", "dockeruser:dckr_pat_AbCdEfGhIjKlMnOpQrStUvWxYz0", ("GET", "/token"), vec![
            Route::get("/token", 200, r#"{"token":"eyJhbGciOiJub25lIn0.e30.","access_token":"x","expires_in":300}"#),
        ], |r| assert_eq!(id(r, "username"), "dockeruser")),
        case("cloudflare", "cfut_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789AbCd0a1b2c3d", ("GET", "/client/v4/user/tokens/verify"), vec![
            Route::get("/client/v4/user/tokens/verify", 200, r#"{"success":true,"errors":[],"messages":[],"result":{"id":"tok1","status":"active","expires_on":"2027-01-01T00:00:00Z"}}"#),
        ], |r| {
            assert_eq!(id(r, "token_id"), "tok1");
            assert_eq!(r.expires_at.as_deref(), Some("2027-01-01T00:00:00Z"));
        }),
        case("digitalocean", "dop_v1_0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", ("GET", "/v2/account"), vec![
            Route::get("/v2/account", 200, r#"{"account":{"email":"ops@example.com","uuid":"u1","status":"active","team":{"uuid":"t1","name":"Acme"}}}"#),
        ], |r| {
            assert_eq!(id(r, "team"), "Acme");
            assert!(has(r, &[D]));
        }),
        case("vercel", "vcp_AbCdEfGhIjKlMnOpQrStUvWx", ("GET", "/v5/user/tokens/current"), vec![
            Route::get("/v5/user/tokens/current", 200, r#"{"token":{"id":"t1","name":"ci","type":"oauth2-token","origin":"manual","scopes":[{"type":"team","teamId":"team_1","origin":"manual"}],"expiresAt":1800000000000}}"#),
            Route::get("/v2/teams", 200, r#"{"teams":[{"id":"team_1","name":"Acme"}]}"#),
        ], |r| {
            assert_eq!(r.scope, Some(Scope::Workspace));
            assert!(r.environments.contains(&"production".to_string()));
            assert_eq!(r.resources["teams"], vec!["Acme"]);
            assert!(r.expires_at.as_deref().unwrap().starts_with("2027-01-15"));
        }),
        case("netlify", "nfp_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789", ("GET", "/api/v1/user"), vec![
            Route::get("/api/v1/user", 200, r#"{"id":"u1","email":"ops@example.com","full_name":"Ops"}"#),
            Route::get("/api/v1/sites", 200, r#"[{"id":"s1","name":"shop"}]"#),
        ], |r| assert_eq!(r.resources["sites"], vec!["shop"])),
        case("flyio", "fo1_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789AbCdEfG", ("GET", "/v1/apps"), vec![
            Route::get("/v1/apps", 200, r#"{"total_apps":1,"apps":[{"id":"a1","name":"api","machine_count":2}]}"#),
        ], |r| {
            assert_eq!(r.resources["apps"], vec!["api"]);
            assert!(has(r, &[A, D]));
        }),
        case("heroku", "HRKU-AA0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUV", ("GET", "/account"), vec![
            Route::get("/account", 200, r#"{"id":"01234567-89ab-cdef-0123-456789abcdef","email":"ops@example.com"}"#),
        ], |r| assert_eq!(id(r, "email"), "ops@example.com")),
        case("render", "rnd_AbCdEfGhIjKlMnOpQrStUvWxYz012345", ("GET", "/v1/owners"), vec![
            Route::get("/v1/owners", 200, r#"[{"owner":{"id":"own1","name":"Acme","email":"ops@example.com","type":"team"},"cursor":"c1"}]"#),
        ], |r| assert_eq!(r.resources["workspaces"], vec!["Acme"])),
        case("supabase", "sbp_0123456789abcdef0123456789abcdef01234567", ("GET", "/v1/projects"), vec![
            Route::get("/v1/projects", 200, r#"[{"id":"abcd","name":"shop","organization_id":"org1","region":"us-east-1","status":"ACTIVE_HEALTHY"}]"#),
        ], |r| {
            assert_eq!(r.resources["projects"], vec!["shop"]);
            assert!(has(r, &[A, D]));
        }),
        case("sentry", "sntryu_0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", ("GET", "/api/0/"), vec![
            Route::get("/api/0/", 200, r#"{"version":"0","auth":{"scopes":["project:read","project:write","org:admin"]},"user":{"email":"ops@example.com"}}"#),
        ], |r| {
            assert_eq!(id(r, "user"), "ops@example.com");
            assert!(has(r, &[W, A, D]));
        }),
        case("linear", "lin_api_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789AbCd", ("POST", "/graphql"), vec![
            Route::post("/graphql", 200, r#"{"data":{"viewer":{"id":"u","name":"Lin","email":"lin@example.com","admin":true},"organization":{"name":"Acme","urlKey":"acme"}}}"#),
        ], |r| {
            assert_eq!(id(r, "organization"), "Acme");
            assert!(has(r, &[A]));
        }),
        case("neon", "napi_abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz01", ("GET", "/api/v2/auth"), vec![
            Route::get("/api/v2/auth", 200, r#"{"account_id":"a1","auth_method":"api_key_user","auth_data":""}"#),
            Route::get("/api/v2/projects", 200, r#"{"projects":[{"id":"proj-1","name":"shop"}]}"#),
            Route::get("/api/v2/projects/proj-1/branches", 200, r#"{"branches":[{"name":"main","default":true,"protected":true},{"name":"preview-x","default":false}]}"#),
        ], |r| {
            assert_eq!(r.environments, vec!["production", "preview-x"]);
            assert_eq!(r.scope, Some(Scope::Account));
        }),
        case("planetscale", "tokenid12345:pscale_tkn_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789", ("GET", "/v1/organizations"), vec![
            Route::get("/v1/organizations", 200, r#"{"data":[{"name":"acme"}]}"#),
            Route::get("/v1/organizations/acme/databases", 200, r#"{"data":[{"name":"shop"}]}"#),
            Route::get("/v1/organizations/acme/databases/shop/branches", 200, r#"{"data":[{"name":"main","production":true},{"name":"dev","production":false}]}"#),
        ], |r| {
            assert_eq!(r.environments, vec!["production", "dev"]);
            assert_eq!(r.resources["databases"], vec!["acme/shop"]);
        }),
        case("terraform", "AbCdEfGhIjKlMn.atlasv1.AbCdEfGhIjKlMnOpQrStUvWxYz0123456789AbCdEfGhIjKlMnOpQrStUvWxYz01", ("GET", "/api/v2/account/details"), vec![
            Route::get("/api/v2/account/details", 200, r#"{"data":{"id":"user-1","type":"users","attributes":{"username":"tf","email":"ops@example.com","is-service-account":false}}}"#),
            Route::get("/api/v2/organizations", 200, r#"{"data":[{"id":"acme","type":"organizations","attributes":{"name":"acme","permissions":{"can-update":true,"can-destroy":true}}}]}"#),
        ], |r| {
            assert_eq!(id(r, "username"), "tf");
            assert!(has(r, &[A, D]));
        }),
        case("doppler", "dp.st.prd.AbCdEfGhIjKlMnOpQrStUvWxYz0123456789AbCd", ("GET", "/v3/me"), vec![
            Route::get("/v3/me", 200, r#"{"slug":"s1","name":"ci","type":"service","token_preview":"dp.st.prd…","workplace":{"slug":"acme","name":"Acme"}}"#),
        ], |r| {
            assert_eq!(r.environments, vec!["prd"]);
            assert_eq!(r.scope, Some(Scope::Environment));
        }),
        case("datadog", "0123456789abcdef0123456789abcdef", ("GET", "/api/v1/validate"), vec![
            Route::get("/api/v1/validate", 200, r#"{"valid":true}"#),
        ], |r| assert_eq!(r.capabilities, vec![W])),
        case("sendgrid", "SG.AbCdEfGhIjKlMnOpQrStUv.AbCdEfGhIjKlMnOpQrStUvWxYz0123456789AbCdEfG", ("GET", "/v3/scopes"), vec![
            Route::get("/v3/scopes", 200, r#"{"scopes":["mail.send","api_keys.create","alerts.read"]}"#),
            Route::get("/v3/user/profile", 200, r#"{"company":"Acme"}"#),
        ], |r| {
            assert_eq!(r.capabilities, vec![R, W, A]);
            assert_eq!(id(r, "company"), "Acme");
        }),
        case("twilio", "AC0123456789abcdef0123456789abcdef:0123456789abcdef0123456789abcdef", ("GET", "/2010-04-01/Accounts.json"), vec![
            Route::get("/2010-04-01/Accounts.json", 200, r#"{"accounts":[{"sid":"AC0123456789abcdef0123456789abcdef","friendly_name":"Acme","status":"active","type":"Full"}]}"#),
        ], |r| {
            assert_eq!(id(r, "type"), "Full");
            assert!(has(r, &[A, D]));
        }),
        case("kubernetes", "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl", ("POST", "/apis/authentication.k8s.io/v1/selfsubjectreviews"), vec![
            Route::post("/apis/authentication.k8s.io/v1/selfsubjectreviews", 201, r#"{"apiVersion":"authentication.k8s.io/v1","kind":"SelfSubjectReview","status":{"userInfo":{"username":"system:serviceaccount:default:deployer","groups":["system:serviceaccounts"]}}}"#),
            Route::post("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews", 201, r#"{"kind":"SelfSubjectRulesReview","status":{"resourceRules":[{"verbs":["get","list","delete"],"apiGroups":[""],"resources":["pods"]}]}}"#),
        ], |r| {
            assert_eq!(id(r, "username"), "system:serviceaccount:default:deployer");
            assert_eq!(r.capabilities, vec![R, D]);
        }),
    ];
    for case in &mut cases {
        match case.provider {
            "railway" => {
                case.rejected =
                    vec![Route::post("/graphql/v2", 200, r#"{"errors":[{"message":"Not Authorized"}],"data":null}"#)];
            }
            "slack" => {
                case.rejected = vec![Route::get("/api/auth.test", 200, r#"{"ok":false,"error":"token_revoked"}"#)];
                case.rejected_as = Status::Revoked;
            }
            "cloudflare" => {
                let body = r#"{"success":true,"errors":[],"messages":[],"result":{"id":"tok1","status":"disabled"}}"#;
                case.rejected = vec![Route::get("/client/v4/user/tokens/verify", 200, body)];
                case.rejected_as = Status::Revoked;
            }
            "gitlab" => {
                let body = r#"{"id":4,"name":"ci","revoked":true,"active":false,"scopes":["api"],"user_id":7}"#;
                case.rejected = vec![Route::get("/api/v4/personal_access_tokens/self", 200, body)];
                case.rejected_as = Status::Revoked;
            }
            _ => {}
        }
    }
    cases
}

#[test]
fn every_provider_has_a_case() {
    let covered: Vec<&str> = cases().iter().map(|c| c.provider).collect();
    for provider in providers::all() {
        assert!(covered.contains(&provider.id), "no test case for {}", provider.id);
    }
    assert!(covered.len() >= 25);
}

#[test]
fn live_answers_are_mapped() {
    for case in cases() {
        let (result, requests) = run(case.provider, &case.input, case.live.clone());
        assert_eq!(result.status, Status::Live, "{}: {:?}", case.provider, result.reason);
        assert!(!requests.is_empty());
        (case.check)(&result);
    }
}

#[test]
fn rejected_credentials_are_unauthorized_or_revoked() {
    for case in cases() {
        let (result, _) = run(case.provider, &case.input, case.rejected.clone());
        assert_eq!(result.status, case.rejected_as, "{}: {:?}", case.provider, result.reason);
        assert!(result.capabilities.is_empty());
    }
}

#[test]
fn malformed_answers_are_errors_not_guesses() {
    for case in cases() {
        let mut routes = vec![Route::new(case.first.0, case.first.1, 200, HTML)];
        routes.extend(case.live.clone());
        let (result, _) = run(case.provider, &case.input, routes);
        assert_eq!(result.status, Status::Error, "{}", case.provider);
        assert!(
            result.reason.as_deref().unwrap().contains("unexpected response"),
            "{}: {:?}",
            case.provider,
            result.reason
        );
    }
}

/// Headers a credential may travel in, as the providers document them.
const CREDENTIAL_HEADERS: &[&str] =
    &["authorization", "private-token", "x-api-key", "dd-api-key", "project-access-token"];

#[test]
fn every_request_sent_is_read_only_allow_listed_and_keeps_the_token_out_of_the_url() {
    let mut checked = 0;
    for case in cases() {
        let (_, requests) = run(case.provider, &case.input, case.live.clone());
        let secret = case.input.rsplit(':').next().unwrap().to_string();
        for request in &requests {
            assert!(["GET", "POST"].contains(&request.method.as_str()), "{}: {}", case.provider, request.method);
            let method = if request.method == "GET" { allow::Method::Get } else { allow::Method::Post };
            let body = (!request.body.is_empty()).then_some(request.body.as_str());
            if let Err(e) = allow::permit(case.provider, method, &request.target, body) {
                panic!("{}: {} {} not allowed: {e}", case.provider, request.method, request.target);
            }
            assert!(!request.body.to_ascii_lowercase().contains("mutation"), "{}", case.provider);
            assert!(!request.target.contains(&secret), "{}: token in URL", case.provider);
            for (name, value) in &request.headers {
                if value.contains(&secret) {
                    assert!(CREDENTIAL_HEADERS.contains(&name.as_str()), "{}: token in header {name}", case.provider);
                }
            }
            checked += 1;
        }
    }
    assert!(checked >= 29);
}

#[test]
fn aws_requests_are_sigv4_signed_get_caller_identity() {
    let case = cases().into_iter().find(|c| c.provider == "aws").unwrap();
    let (_, requests) = run("aws", &case.input, case.live);
    assert_eq!(requests.len(), 1);
    let request = &requests[0];
    assert_eq!(request.body, "Action=GetCallerIdentity&Version=2011-06-15");
    let authorization = request.header("authorization").unwrap();
    assert!(authorization.starts_with("AWS4-HMAC-SHA256 Credential=AKIAQWERTYUIOPASDFGH/"));
    assert!(authorization.contains("/us-east-1/sts/aws4_request"));
    assert!(!authorization.contains("wJalrXUtnFEMI"), "the secret key itself is never sent");
    assert!(request.header("x-amz-date").is_some());
    let content_types: Vec<_> = request.headers.iter().filter(|(n, _)| n == "content-type").collect();
    assert_eq!(content_types.len(), 1, "the signed content-type is the only one sent");
    assert_eq!(content_types[0].1, "application/x-www-form-urlencoded; charset=utf-8");
}

#[test]
fn railway_account_token_lists_every_environment() {
    let routes = railway_account_routes();
    let (result, requests) = run("railway", "0c9f3f2e-6a1b-4c5d-8e7f-9a0b1c2d3e4f", routes);
    assert_eq!(result.status, Status::Live, "{:?}", result.reason);
    assert_eq!(result.scope, Some(Scope::Account));
    assert_eq!(result.environments, vec!["production", "staging"]);
    assert_eq!(result.resources["workspaces"], vec!["Acme"]);
    assert!(requests.iter().all(|r| allow::graphql_query_only(&r.body).is_ok()));
}

/// A Railway mock that refuses the project-token query and answers `me`, `apiToken`
/// and `projects` for a Bearer account token.
pub fn railway_account_routes() -> Vec<Route> {
    vec![
        Route::post("/graphql/v2", 200, r#"{"errors":[{"message":"Project Token not found"}],"data":null}"#)
            .when_header("project-access-token"),
        Route::post("/graphql/v2", 200, r#"{"data":{"me":{"name":"Ops","email":"ops@example.com"}}}"#).when_body("me {"),
        Route::post("/graphql/v2", 200, r#"{"data":{"apiToken":{"workspaces":[{"id":"w1","name":"Acme"}]}}}"#)
            .when_body("apiToken"),
        Route::post("/graphql/v2", 200, r#"{"data":{"projects":{"edges":[{"node":{"id":"p1","name":"shop","environments":{"edges":[{"node":{"id":"e1","name":"production"}},{"node":{"id":"e2","name":"staging"}}]}}}]}}}"#)
            .when_body("projects {"),
    ]
}

#[test]
fn redirects_are_refused_not_followed() {
    let routes = vec![Route::get("/v2/account", 302, "").header("Location", "http://127.0.0.1:1/v2/account")];
    let (result, requests) = run("digitalocean", "dop_v1_00112233445566778899", routes);
    assert_eq!(result.status, Status::Error);
    assert!(result.reason.unwrap().contains("redirect"));
    assert_eq!(requests.len(), 1);
}

#[test]
fn rate_limits_are_retried_after_the_time_asked() {
    let routes = vec![
        Route::get("/v2/account", 429, "{}").header("Retry-After", "1").times(1),
        Route::get("/v2/account", 200, r#"{"account":{"email":"a@example.com","uuid":"u1"}}"#),
    ];
    let started = Instant::now();
    let (result, requests) = run("digitalocean", "dop_v1_00112233445566778899", routes);
    assert_eq!(result.status, Status::Live, "{:?}", result.reason);
    assert_eq!(requests.len(), 2);
    assert!(started.elapsed() >= Duration::from_millis(900));
}

#[test]
fn timeouts_are_honoured() {
    let routes = vec![Route::get("/v2/account", 200, "{}").delay(Duration::from_secs(5))];
    let limits = Limits { timeout: Duration::from_secs(1), ..Limits::default() };
    let started = Instant::now();
    let (result, _) = run_with("digitalocean", "dop_v1_00112233445566778899", routes, limits);
    assert_eq!(result.status, Status::Error);
    assert!(result.reason.unwrap().contains("timed out"));
    assert!(started.elapsed() < Duration::from_secs(4));
}

#[test]
fn the_request_cap_skips_what_is_left() {
    let case = cases().into_iter().find(|c| c.provider == "neon").unwrap();
    let limits = Limits { max_requests: 1, ..Limits::default() };
    let (result, requests) = run_with("neon", &case.input, case.live, limits);
    assert_eq!(requests.len(), 1);
    assert_eq!(result.status, Status::Skipped, "{:?}", result.reason);
}

#[test]
fn canary_aws_keys_are_never_sent() {
    // Account 052310077262 (a canarytokens.org account) encoded as a key id.
    let key_id = aws_key_id_for(52_310_077_262);
    let (result, requests) = run("aws", &format!("{key_id}:wJalrXUtnFEMIxK7MDENGxbPxRfiCYzzzzzzzzzz"), vec![]);
    assert_eq!(result.status, Status::Skipped);
    assert!(result.reason.unwrap().contains("canary"));
    assert!(requests.is_empty());
}

fn aws_key_id_for(account: u64) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let bits: u128 = (u128::from(account << 7) << 32) | 0x1234_5678;
    let body: String = (0..16).map(|i| ALPHABET[((bits >> (75 - 5 * i)) & 31) as usize] as char).collect();
    format!("AKIA{body}")
}

#[test]
fn error_messages_never_contain_the_token() {
    // The token as the only path segment of a refused request would end up in messages
    // if anything echoed the URL; nothing does.
    let token = "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";
    let (result, _) = run("github", token, vec![Route::get("/user", 500, token)]);
    assert_eq!(result.status, Status::Error);
    let json = serde_json::to_string(&result).unwrap();
    assert!(!json.contains(token));
}

#[test]
fn per_credential_servers_must_be_https() {
    let client = Client::new(&Endpoints::default(), Limits::default());
    let kubernetes = providers::find("kubernetes").unwrap();
    let mut credential = Credential::new("eyJhbGciOiJSUzI1NiJ9.e30.c2ln");
    credential.server = Some("http://10.0.0.1:6443".into());
    let result = introspect::check(&client, kubernetes, &credential);
    assert_eq!(result.status, Status::Skipped);
    assert!(result.reason.unwrap().contains("not https"));
}
