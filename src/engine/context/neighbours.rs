//! What sits beside a credential in its file: the host it is for, and the environment the
//! file declares. Host names are evidence the rubric names (§2.4: `prod-db…`,
//! `localhost`): a URL on the credential's own line, or a host-like key in the same
//! record (`DB_HOST=127.0.0.1` beside `DB_PASSWORD`, `host: localhost` in the same YAML
//! block). A file that declares its environment (`NODE_ENV=development`,
//! `APP_ENV=production`) says it for every credential in it; a Docker Compose file's
//! services run on the machine that starts them.

use crate::model::finding::Clue;
use crate::model::names::{
    file_name_environment, host_environment, is_local_host, name_environment, url_host, words_environment,
};
use aho_corasick::AhoCorasick;
use std::sync::LazyLock;

/// Lines looked at on either side of the credential for a host of the same record.
const RECORD_LINES: usize = 6;

/// Host-like key names (their last word).
const HOST_WORDS: [&str; 10] =
    ["host", "hostname", "server", "addr", "address", "endpoint", "url", "uri", "dsn", "domain"];

/// Variables that declare which environment a file configures.
const ENVIRONMENT_VARIABLES: [&str; 16] = [
    "node_env",
    "rails_env",
    "rack_env",
    "app_env",
    "flask_env",
    "mix_env",
    "aspnetcore_environment",
    "dotnet_environment",
    "environment",
    "env",
    "stage",
    "deploy_env",
    "app_environment",
    "spring_profiles_active",
    "django_env",
    "go_env",
];

/// The lines (1-based, ascending, each once) that hold one of [`ENVIRONMENT_VARIABLES`]
/// in any case: one automaton pass over the file instead of parsing every line, which
/// matters for a large file holding one finding.
fn lines_naming_an_environment_variable(lines: &Lines<'_>) -> Vec<usize> {
    static NAMES: LazyLock<AhoCorasick> = LazyLock::new(|| {
        AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .build(ENVIRONMENT_VARIABLES)
            .expect("the environment variable names build an automaton")
    });
    let mut found: Vec<usize> = NAMES.find_iter(lines.text).map(|hit| lines.line_of(hit.start())).collect();
    found.sort_unstable();
    found.dedup();
    found
}

/// The file's lines, with their starts, computed once per file that has findings.
pub struct Lines<'a> {
    text: &'a [u8],
    starts: Vec<usize>,
}

impl<'a> Lines<'a> {
    pub fn new(text: &'a [u8]) -> Self {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text).map(|i| i + 1));
        Lines { text, starts }
    }

    /// Line `n` (1-based), without its line break; empty when out of range.
    fn line(&self, n: usize) -> &'a str {
        let Some(&start) = self.starts.get(n.wrapping_sub(1)) else { return "" };
        let end = self.starts.get(n).map_or(self.text.len(), |&e| e.saturating_sub(1));
        std::str::from_utf8(&self.text[start..end.max(start)]).unwrap_or("").trim_end_matches('\r')
    }

    /// The line (1-based) holding byte `offset`.
    fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&start| start <= offset)
    }

    fn count(&self) -> usize {
        self.starts.len()
    }
}

/// Host evidence for the credential on `line` (1-based) whose key is `key`.
pub fn host_clues(lines: &Lines<'_>, line: usize, key: Option<&str>) -> Vec<Clue> {
    let own = lines.line(line);
    let host = line_url_host(own).or_else(|| line_connection_host(own)).or_else(|| record_host(lines, line, key));
    host.and_then(|host| host_clue(&host)).into_iter().collect()
}

/// The server of a key-value connection string on the line (ADO.NET, ODBC, libpq:
/// `Server=localhost,1433;…`, `Data Source=db.prod;…`, `host=10.0.0.5 port=5432 …`).
fn line_connection_host(line: &str) -> Option<String> {
    let lower = line.to_ascii_lowercase();
    let names = ["server=", "data source=", "host=", "hostname=", "addr=", "address="];
    let (at, name) = names.iter().filter_map(|n| lower.find(n).map(|i| (i, n))).min()?;
    let boundary = at == 0 || !lower.as_bytes()[at - 1].is_ascii_alphanumeric();
    let value = lower[at + name.len()..].trim_start().trim_start_matches("tcp:");
    let host: String = value.chars().take_while(|c| c.is_ascii_alphanumeric() || "._-".contains(*c)).collect();
    (boundary && !host.is_empty() && (lower.contains(';') || lower.contains(" port="))).then_some(host)
}

fn host_clue(host: &str) -> Option<Clue> {
    if is_local_host(host) {
        return Some(Clue::local(format!("host `{host}` beside it: a service on this machine only")));
    }
    let env = host_environment(host)?;
    Some(Clue::environment(env, format!("host `{host}` beside it suggests {}", env.as_str())))
}

/// The host of the first URL on the line.
fn line_url_host(line: &str) -> Option<String> {
    let at = line.find("://")?;
    let start = line[..at].rfind(|c: char| !(c.is_ascii_alphanumeric() || "+.-".contains(c))).map_or(0, |i| i + 1);
    url_host(&line[start..])
}

/// A host-like key of the same record (see [`record`]).
fn record_host(lines: &Lines<'_>, line: usize, key: Option<&str>) -> Option<String> {
    record(lines, line, key).find_map(|(name, value)| {
        let last = name.rsplit(['_', '.', '-']).next()?.to_ascii_lowercase();
        HOST_WORDS.contains(&last.as_str()).then(|| value_host(value)).flatten()
    })
}

/// The assignments of the credential's record: lines around `line` in the same block
/// (not crossing a blank line, a section header or a line indented less than this one),
/// whose key shares this key's prefix (`DB_` of `DB_PASSWORD`) when both have one.
fn record<'a>(lines: &'a Lines<'_>, line: usize, key: Option<&str>) -> impl Iterator<Item = (&'a str, &'a str)> + 'a {
    let indent = indentation(lines.line(line));
    let prefix = key.and_then(key_prefix);
    let in_block = move |n: usize| {
        let text = lines.line(n);
        let trimmed = text.trim();
        !(trimmed.is_empty() || trimmed.starts_with('[') || indentation(text) < indent)
    };
    let above = (line.saturating_sub(RECORD_LINES).max(1)..line).rev().take_while(move |&n| in_block(n));
    let below = (line + 1..=(line + RECORD_LINES).min(lines.count())).take_while(move |&n| in_block(n));
    above.chain(below).filter_map(move |n| {
        let (name, value) = assignment(lines.line(n))?;
        match (prefix.as_deref(), key_prefix(name)) {
            (Some(mine), Some(theirs)) if !mine.eq_ignore_ascii_case(&theirs) => None,
            _ => Some((name, value)),
        }
    })
}

/// Key names (their last word) whose value says which service a record is for.
const SERVICE_WORDS: [&str; 5] = ["provider", "type", "service", "vendor", "platform"];

/// What the credential's record names as its service: the values of `provider`, `type` or
/// `service` keys of the same record (see [`record`]), the host of a URL on the
/// credential's own line, and its key under the block holding it (`jwt_secret`).
pub fn record_names(lines: &Lines<'_>, line: usize, key: Option<&str>) -> Vec<String> {
    let mut names: Vec<String> = record(lines, line, key)
        .filter(|(name, _)| {
            let last = name.rsplit(['_', '.', '-']).next().unwrap_or(name).to_ascii_lowercase();
            SERVICE_WORDS.contains(&last.as_str())
        })
        .map(|(_, value)| value.to_string())
        .filter(|value| value.len() <= 64)
        .collect();
    names.extend(line_url_host(&unescape_history(lines.line(line))));
    if let (Some(parent), Some(key)) = (parent_key(lines, line), key) {
        // `jwt: { secret: … }` is a `jwt_secret`; `stripe: { secret: … }` Stripe's.
        let leaf = key.rsplit(['.', '/']).next().unwrap_or(key);
        names.push(format!("{parent}_{leaf}"));
    }
    names
}

/// The key of the block holding `line` in an indented file (a JSON object's or YAML
/// mapping's name, `"jwt": {` or `jwt:`) or the section it sits in (`[jwt]`).
fn parent_key(lines: &Lines<'_>, line: usize) -> Option<String> {
    let indent = indentation(lines.line(line));
    let above = (line.saturating_sub(MAX_PARENT_LINES).max(1)..line).rev();
    for n in above {
        let text = lines.line(n);
        let trimmed = text.trim();
        if let Some(section) = trimmed.strip_prefix('[').and_then(|t| t.strip_suffix(']')) {
            return Some(section.trim_matches(['"', '\'']).to_string()).filter(|s| is_plain_name(s));
        }
        if trimmed.is_empty() || indentation(text) >= indent {
            continue;
        }
        let opens = trimmed.ends_with('{') || trimmed.ends_with(':');
        let name = trimmed.trim_end_matches('{').trim_end().trim_end_matches(':').trim().trim_matches(['"', '\'']);
        return (opens && is_plain_name(name)).then(|| name.to_string());
    }
    None
}

/// Lines looked at above a credential for the block that holds it.
const MAX_PARENT_LINES: usize = 40;

fn is_plain_name(name: &str) -> bool {
    !name.is_empty() && name.len() <= 64 && name.chars().all(|c| c.is_ascii_alphanumeric() || "_.-".contains(c))
}

/// A line as typed: libedit's vis(3) escapes (the mysql and sqlite clients' `\040`)
/// decoded, as the history reader decodes them.
fn unescape_history(line: &str) -> String {
    crate::source::home::history::as_typed(line)
}

/// Key names (their last word) that name the account a password logs in as. Not
/// `account`: netrc's `account` token is a second password, and the value is quoted.
const USER_WORDS: [&str; 5] = ["user", "username", "usr", "login", "role"];

/// Read-only evidence for the credential on `line` whose key is `key`: the user or role
/// it logs in as, its key, or its host says so by a common convention (`metabase_ro`,
/// `REPORTING_RO`, `app_readonly`, `DB_RO_PASSWORD`, an Aurora reader endpoint
/// `….cluster-ro-….rds.amazonaws.com`), or the line grants it `SELECT` only.
pub fn read_only_clues(lines: &Lines<'_>, line: usize, key: Option<&str>) -> Vec<Clue> {
    let own = lines.line(line);
    let user = line_url_user(own).map(|u| ("user", u.to_string()));
    let key_named = key.map(|k| ("key", k.rsplit_once('.').map_or(k, |(path, _)| path).to_string()));
    let record_user = record(lines, line, key).find_map(|(name, value)| {
        let last = name.rsplit(['_', '.', '-']).next()?.to_ascii_lowercase();
        USER_WORDS.contains(&last.as_str()).then(|| ("user", value.to_string()))
    });
    let host = line_url_host(own).or_else(|| record_host(lines, line, key)).map(|h| ("host", h));
    let named = [user, record_user, key_named, host].into_iter().flatten().find(|(_, name)| names_read_only(name));
    if let Some((what, name)) = named {
        return vec![Clue::read_only(format!("{what} `{name}` names a read-only login"))];
    }
    if grants_select_only(own) {
        return vec![Clue::read_only("the statement grants SELECT only: a read-only login".into())];
    }
    if line_comment(own).is_some_and(names_read_only) {
        // The comment is not quoted: a line holding a secret may hold more of it there.
        return vec![Clue::read_only("the comment on its line calls it read-only".into())];
    }
    let statement = unescape_history(own);
    if let Some(user) = sql_user(&statement) {
        if names_read_only(&user) {
            return vec![Clue::read_only(format!("the statement's user `{user}` names a read-only login"))];
        }
        let grants = statement_window(lines, line).find(|l| grants_select_only(l) && l.contains(user.as_str()));
        if grants.is_some() {
            return vec![Clue::read_only(format!("`{user}` is granted SELECT only nearby: a read-only login"))];
        }
    }
    Vec::new()
}

/// The comment at the end of a line (`# read-only reporting key`, `// ro`): text after a
/// `#` or `//` that follows a space, so no URL fragment or token character counts.
fn line_comment(line: &str) -> Option<&str> {
    [" #", "\t#", " //"].iter().filter_map(|mark| line.find(mark).map(|at| &line[at + mark.len()..])).next()
}

/// The user a SQL statement creates or changes the password of (`CREATE USER
/// 'metabase_ro'@'%' IDENTIFIED BY …`, `ALTER ROLE app WITH PASSWORD …`).
fn sql_user(statement: &str) -> Option<String> {
    let lower = statement.to_ascii_lowercase();
    let sets_password = lower.contains("identified by") || lower.contains("password");
    let at = ["create user ", "alter user ", "create role ", "alter role "]
        .iter()
        .find_map(|s| lower.find(s).map(|i| i + s.len()))?;
    let name = lower[at..].trim_start().trim_start_matches("if not exists ").split([' ', '@', ';']).next()?;
    let name = name.trim_matches(['\'', '"', '`']);
    (sets_password && !name.is_empty()).then(|| name.to_string())
}

/// The history lines around a statement (the session it was typed in), unescaped.
fn statement_window<'a>(lines: &'a Lines<'_>, line: usize) -> impl Iterator<Item = String> + 'a {
    let first = line.saturating_sub(RECORD_LINES).max(1);
    (first..=(line + RECORD_LINES).min(lines.count())).map(|n| unescape_history(lines.line(n)))
}

/// The environment a SQL session names for a password set in it: the database it is
/// `USE`d on or granted on (`GRANT SELECT ON portal_production.*`).
pub fn sql_database_clues(lines: &Lines<'_>, line: usize) -> Vec<Clue> {
    if sql_user(&unescape_history(lines.line(line))).is_none() {
        return Vec::new();
    }
    let named = statement_window(lines, line).find_map(|statement| {
        let lower = statement.to_ascii_lowercase();
        let used = lower.strip_prefix("use ").map(|rest| rest.trim_end_matches(';').trim());
        let granted = lower.strip_prefix("grant ").and_then(|rest| rest.split(" on ").nth(1));
        let database = used.or_else(|| granted.and_then(|on| on.split('.').next()))?;
        let database = database.trim().trim_matches(['`', '"', '\'']).to_string();
        // Only an identifier is quoted in the reason: never text that could be a password.
        is_plain_name(&database).then(|| words_environment(&database).map(|env| (env, database))).flatten()
    });
    named
        .map(|(env, database)| {
            Clue::environment(
                env,
                format!("the session works on database `{database}`, which suggests {}", env.as_str()),
            )
        })
        .into_iter()
        .collect()
}

/// `ro`, `readonly`, `reader` or `read only` as a word of `name` (words split at any
/// character that is not a letter or digit).
fn names_read_only(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    let words: Vec<&str> = lower.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()).collect();
    words.iter().any(|w| matches!(*w, "ro" | "readonly" | "reader" | "readers"))
        || words.windows(2).any(|pair| pair == ["read", "only"])
}

/// The user name of a URL on the line (`postgres://user:password@host`).
fn line_url_user(line: &str) -> Option<&str> {
    let rest = &line[line.find("://")? + 3..];
    let userinfo = &rest[..rest.find('@')?];
    let user = userinfo.split(':').next()?;
    (!user.is_empty() && !user.contains('/')).then_some(user)
}

/// A `GRANT` of `SELECT` and nothing that writes.
fn grants_select_only(line: &str) -> bool {
    let lower = line.to_ascii_lowercase();
    let Some(at) = lower.find("grant ") else { return false };
    let privileges = &lower[at + 6..lower[at..].find(" on ").map_or(lower.len(), |i| at + i)];
    privileges.split(',').all(|p| p.trim() == "select" || p.trim() == "usage" || p.trim() == "show view")
        && privileges.contains("select")
}

/// `DB` of `DB_PASSWORD`, `spring.datasource` of `spring.datasource.password`.
fn key_prefix(key: &str) -> Option<String> {
    let leaf = key.rsplit('.').next().unwrap_or(key);
    leaf.rsplit_once('_').map(|(prefix, _)| prefix.to_ascii_lowercase()).filter(|p| !p.is_empty())
}

fn indentation(line: &str) -> usize {
    line.len() - line.trim_start().len()
}

/// `key = value`, `key: value`, `export KEY=value`, with quotes stripped.
fn assignment(line: &str) -> Option<(&str, &str)> {
    let line = line.trim().trim_start_matches("export ").trim_start_matches("- ");
    let at = line.find(['=', ':'])?;
    let name = line[..at].trim().trim_matches(['"', '\'']);
    let value = line[at + 1..].trim().trim_matches(['"', '\'', ',']);
    let plain = !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || "_.-".contains(c));
    (plain && !value.is_empty()).then_some((name, value))
}

/// The host a value names: a URL's, or `host[:port][/path]`.
fn value_host(value: &str) -> Option<String> {
    if value.contains("://") {
        return url_host(value);
    }
    let host = value.split(['/', ',', ' ']).next()?;
    let host = if host.starts_with('[') { host } else { host.rsplit_once(':').map_or(host, |(h, _)| h) };
    let hostlike = !host.is_empty() && host.chars().all(|c| c.is_ascii_alphanumeric() || "-.[]:".contains(c));
    hostlike.then(|| host.to_ascii_lowercase())
}

/// The environment a whole file declares (`NODE_ENV=development`, `RAILS_ENV: staging`),
/// when its declarations agree; a Compose file's services are local unless its name
/// names an environment.
pub fn declared_clues(lines: &Lines<'_>, path: &str) -> Vec<Clue> {
    let lower = path.to_ascii_lowercase();
    if [".json", ".tfstate", ".backup"].iter().any(|ext| lower.ends_with(ext)) {
        // Keys there are attributes of one object (a resource's tags), not the file's.
        return Vec::new();
    }
    let mut declared = None;
    for n in lines_naming_an_environment_variable(lines) {
        let line = lines.line(n);
        if line.trim_start().starts_with(['"', '\'']) {
            continue;
        }
        let Some((name, value)) = assignment(line) else { continue };
        let name_lower = name.to_ascii_lowercase();
        if !ENVIRONMENT_VARIABLES.contains(&name_lower.as_str()) || (name_lower == "stage" && is_pipeline(&lower)) {
            continue;
        }
        let Some(env) = words_environment(value) else { continue };
        match declared {
            None => declared = Some((env, name.to_string(), value.to_string())),
            Some((seen, _, _)) if seen == env => {}
            Some(_) => return Vec::new(),
        }
    }
    if let Some((env, name, value)) = declared {
        let reason = format!("the file declares {name}={value}: {}", env.as_str());
        let local = value.eq_ignore_ascii_case("local");
        return vec![if local { Clue::local(reason) } else { Clue::environment(env, reason) }];
    }
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path).to_ascii_lowercase();
    let compose = name.starts_with("docker-compose") || name.starts_with("compose.") || name.starts_with("compose-");
    if compose && (name.ends_with(".yml") || name.ends_with(".yaml")) && file_name_environment(&name).is_none() {
        return vec![Clue::local("a Docker Compose file: its services run on the machine that starts them".into())];
    }
    Vec::new()
}

/// Keys (their last word or words) that name the resource a file's credentials belong to:
/// the app, project or cluster (`app = "notify-prod"` in `fly.toml`, `quota_project_id`
/// in gcloud's credentials).
/// Not `account`: netrc's `account` is a second password.
const RESOURCE_KEYS: [&str; 12] = [
    "app",
    "app_name",
    "application",
    "project",
    "project_id",
    "projectid",
    "quota_project_id",
    "project_name",
    "cluster",
    "cluster_name",
    "site",
    "service_name",
];

/// The environment the resources a file names agree on (`app = "notify-prod"`): a
/// credential in a file about one app, project or account reaches that resource's
/// environment. Nothing when they disagree or when none names an environment.
pub fn resource_clues(lines: &Lines<'_>, path: &str) -> Vec<Clue> {
    let lower = path.to_ascii_lowercase();
    if lower.ends_with(".tfstate") || lower.ends_with(".backup") {
        return Vec::new();
    }
    let mut named: Option<(crate::model::finding::Environment, String, String)> = None;
    // Inside a map of projects (firebase-tools' `"activeProjects": { "<dir>": "<project>" }`)
    // every value is a project name.
    let mut in_project_map = false;
    for n in 1..=lines.count().min(MAX_RESOURCE_LINES) {
        let text = lines.line(n).trim();
        if in_project_map && text.starts_with('}') {
            in_project_map = false;
            continue;
        }
        let mapped = in_project_map
            .then(|| text.rsplit_once(':'))
            .flatten()
            .map(|(_, value)| ("project", value.trim().trim_matches(['"', '\'', ','])));
        let Some((name, value)) = mapped.or_else(|| assignment(lines.line(n))) else { continue };
        let name_lower = name.to_ascii_lowercase().replace('-', "_");
        if name_lower.ends_with("projects") && value.starts_with('{') && !value.contains('}') {
            in_project_map = true;
            continue;
        }
        if !RESOURCE_KEYS.contains(&name_lower.as_str()) {
            continue;
        }
        let Some(env) = name_environment(value) else { continue };
        match &named {
            None => named = Some((env, name.to_string(), value.to_string())),
            Some((seen, _, _)) if *seen == env => {}
            Some(_) => return Vec::new(),
        }
    }
    named
        .map(|(env, name, value)| {
            Clue::environment(env, format!("the file is about {name} `{value}`, which suggests {}", env.as_str()))
        })
        .into_iter()
        .collect()
}

/// Lines read for [`resource_clues`]: resource names sit near the top of a config file.
const MAX_RESOURCE_LINES: usize = 400;

/// A CI pipeline definition, where `stage: test` names a pipeline stage, not an
/// environment.
fn is_pipeline(lower_path: &str) -> bool {
    let name = lower_path.rsplit(['/', '\\']).next().unwrap_or(lower_path);
    let pipelines = [".gitlab-ci.yml", "bitbucket-pipelines.yml", "azure-pipelines.yml", ".travis.yml", "jenkinsfile"];
    pipelines.contains(&name)
        || ["/.github/workflows/", "/.circleci/", "/.buildkite/", "/.gitlab/"]
            .iter()
            .any(|dir| format!("/{lower_path}").contains(dir))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::finding::Environment;

    fn hosts(text: &str, line: usize, key: &str) -> Vec<(Option<Environment>, bool)> {
        host_clues(&Lines::new(text.as_bytes()), line, Some(key))
            .into_iter()
            .map(|c| (c.environment, c.local))
            .collect()
    }

    fn clue_envs(clues: &[Clue]) -> Vec<Option<Environment>> {
        clues.iter().map(|c| c.environment).collect()
    }

    #[test]
    fn the_resource_a_file_is_about_names_its_environment() {
        let fly = "app = \"notify-prod\"\nprimary_region = \"ams\"\n[env]\n  SLACK_TOKEN = \"x\"\n";
        assert_eq!(
            clue_envs(&resource_clues(&Lines::new(fly.as_bytes()), "fly.toml")),
            [Some(Environment::Production)]
        );
        let adc = "{\n  \"quota_project_id\": \"acme-analytics-stg\",\n  \"refresh_token\": \"x\"\n}\n";
        assert_eq!(clue_envs(&resource_clues(&Lines::new(adc.as_bytes()), "adc.json")), [Some(Environment::Staging)]);
        let map = "{\n  \"activeProjects\": {\n    \"/home/me/src/app\": \"app-prod\"\n  }\n}\n";
        assert_eq!(clue_envs(&resource_clues(&Lines::new(map.as_bytes()), "f.json")), [Some(Environment::Production)]);
        let split = "[a]\nproject = \"x-prod\"\n[b]\nproject = \"x-dev\"\n";
        assert!(resource_clues(&Lines::new(split.as_bytes()), "c.toml").is_empty(), "they disagree");
    }

    #[test]
    fn a_sql_session_names_its_database_and_read_only_users() {
        let history = "_HiStOrY_V2_\nuse\\040shop_production;\nCREATE\\040USER\\040'bi'@'%'\\040IDENTIFIED\\040BY\\040'pw';\nGRANT\\040SELECT\\040ON\\040shop_production.*\\040TO\\040'bi'@'%';\n";
        let lines = Lines::new(history.as_bytes());
        assert_eq!(clue_envs(&sql_database_clues(&lines, 3)), [Some(Environment::Production)]);
        let read_only = read_only_clues(&lines, 3, Some("sql.password"));
        assert_eq!(read_only.len(), 1, "granted SELECT only nearby");
        let writer = history.replace("GRANT\\040SELECT", "GRANT\\040ALL");
        assert!(read_only_clues(&Lines::new(writer.as_bytes()), 3, Some("sql.password")).is_empty());
    }

    #[test]
    fn connection_strings_and_pipeline_stages() {
        let line = "\"Db\": \"Server=localhost,1433;Database=edi;User Id=sa;Password=x\"";
        assert_eq!(line_connection_host(line).as_deref(), Some("localhost"));
        assert_eq!(line_connection_host("hostname = not a connection string"), None);
        let ci = "stages: [test]\njob:\n  stage: test\n  variables:\n    SONAR_TOKEN: x\n";
        assert!(declared_clues(&Lines::new(ci.as_bytes()), ".gitlab-ci.yml").is_empty());
        let serverless = "service: api\nstage: test\n";
        assert_eq!(
            clue_envs(&declared_clues(&Lines::new(serverless.as_bytes()), "serverless.yml")),
            [Some(Environment::Test)]
        );
    }

    #[test]
    fn hosts_on_the_line_or_in_the_record_are_evidence() {
        let local = vec![(Some(Environment::Development), true)];
        assert_eq!(hosts("DATABASE_URL=postgres://u:pw@localhost:5432/db\n", 1, "DATABASE_URL"), local);
        assert_eq!(
            hosts("DB_HOST=127.0.0.1\nDB_PORT=3306\nDB_PASSWORD=x\nMAIL_HOST=smtp.example\n", 3, "DB_PASSWORD"),
            local
        );
        let yaml =
            "development:\n  host: localhost\n  password: x\nproduction:\n  host: prod-db.internal\n  password: y\n";
        assert_eq!(hosts(yaml, 3, "password"), local);
        assert_eq!(hosts(yaml, 6, "password"), vec![(Some(Environment::Production), false)]);
    }

    #[test]
    fn other_records_and_other_prefixes_are_not() {
        assert!(hosts("MAIL_HOST=localhost\nDB_PASSWORD=x\n", 2, "DB_PASSWORD").is_empty());
        assert!(hosts("DB_HOST=localhost\n\nAPI_TOKEN=x\n", 3, "API_TOKEN").is_empty());
        assert!(hosts("[a]\nhost = localhost\n[b]\npassword = x\n", 4, "password").is_empty());
        assert!(
            hosts("API_URL=https://api.acme.dev\nAPI_KEY=x\n", 2, "API_KEY").is_empty(),
            "a .dev domain is no environment"
        );
    }

    #[test]
    fn read_only_logins_are_named_by_user_role_key_host_or_grant() {
        let read_only = |text: &str, line: usize, key: &str| {
            !read_only_clues(&Lines::new(text.as_bytes()), line, Some(key)).is_empty()
        };
        assert!(read_only("DATABASE_URL=postgres://metabase_ro:pw@db.internal/app\n", 1, "DATABASE_URL"));
        assert!(read_only("[prod]\nuser = REPORTING_RO\npassword = x\n", 3, "prod.password"));
        assert!(read_only("DB_RO_PASSWORD=x\n", 1, "DB_RO_PASSWORD"));
        assert!(read_only(
            "h.cluster-ro-abc.eu-west-1.rds.amazonaws.com:5432:d:app:pw\n",
            1,
            "h.cluster-ro-abc.eu-west-1.rds.amazonaws.com:5432:d:app.password"
        ));
        assert!(read_only("GRANT SELECT ON app.* TO 'bi'@'%' IDENTIFIED BY 'pw';\n", 1, "password"));
        assert!(!read_only("GRANT SELECT, INSERT ON app.* TO 'bi'@'%';\n", 1, "password"));
        assert!(!read_only("DATABASE_URL=postgres://app:pw@robot.internal/app\n", 1, "DATABASE_URL"));
        assert!(!read_only("[prod]\nuser = root\npassword = x\n", 3, "prod.password"));
        assert!(!read_only("PROVIDER_ROUTE_KEY=x\n", 1, "PROVIDER_ROUTE_KEY"));
    }

    #[test]
    fn files_declare_their_environment_when_they_agree() {
        let clues = |text: &str, path: &str| -> Vec<(Option<Environment>, bool)> {
            declared_clues(&Lines::new(text.as_bytes()), path).into_iter().map(|c| (c.environment, c.local)).collect()
        };
        assert_eq!(clues("NODE_ENV=development\nK=v\n", ".env"), vec![(Some(Environment::Development), false)]);
        assert_eq!(clues("APP_ENV=local\n", ".env"), vec![(Some(Environment::Development), true)]);
        assert_eq!(clues("RAILS_ENV: production\n", "app.yml"), vec![(Some(Environment::Production), false)]);
        assert!(clues("NODE_ENV=development\nAPP_ENV=production\n", ".env").is_empty());
        assert_eq!(clues("services: {}\n", "docker-compose.yml"), vec![(Some(Environment::Development), true)]);
        assert!(clues("services: {}\n", "docker-compose.prod.yml").is_empty());
    }
}
