#!/usr/bin/env python3
"""Write the fake home directory and workspace used by the `reach` tests.

Usage: gen-reach-fixtures.py [OUT_DIR]   (default: fixtures/reach)

Every credential written here is FAKE: random values in the documented shape of each
tool's credential, seeded so the output is reproducible. Decoys (public keys,
certificates, lockfile hashes, ${VAR} references, commented examples, keyring
references) sit next to them and must never be reported.
"""
import base64
import json
import os
import random
import sqlite3
import sys
import zlib

OUT = sys.argv[1] if len(sys.argv) > 1 else "fixtures/reach"
HOME = os.path.join(OUT, "home")
WS = os.path.join(OUT, "workspace")
B62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def rnd(seed, n, alphabet=B62):
    r = random.Random(seed)
    return "".join(r.choice(alphabet) for _ in range(n))


def crc_token(prefix, seed):
    body = rnd(seed, 30)
    n = zlib.crc32(body.encode())
    digits = ""
    for _ in range(6):
        digits = B62[n % 62] + digits
        n //= 62
    return prefix + body + digits


def pem(kind, seed, lines=5):
    r = random.Random(seed)
    body = base64.b64encode(bytes(r.randrange(256) for _ in range(48 * lines))).decode()
    chunks = "\n".join(body[i:i + 64] for i in range(0, len(body), 64))
    return f"-----BEGIN {kind}-----\n{chunks}\n-----END {kind}-----\n"


def write(base, path, text, mode=0o600):
    full = os.path.join(base, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "w") as f:
        f.write(text)
    os.chmod(full, mode)


def hexs(seed, n):
    return rnd(seed, n, "0123456789abcdef")


AWS_ID = "AKIA" + rnd("aws-id", 16, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
AWS_SECRET = rnd("aws-secret", 40, B62 + "/+")
AWS_PROD_SECRET = rnd("aws-prod-secret", 40, B62 + "/+")
GH_HOSTS = crc_token("ghp_", "gh-hosts")
GH_CREDS = crc_token("ghp_", "git-credentials")
GH_MCP = crc_token("ghp_", "claude-desktop-mcp")
NPM = crc_token("npm_", "npmrc")
OPENAI = "sk-proj-" + rnd("openai-bashrc", 48, B62 + "_-")
OPENAI_CODEX = "sk-proj-" + rnd("openai-codex", 48, B62 + "_-")
ANTHROPIC = "sk-ant-api03-" + rnd("anthropic-aider", 93) + "AA"
STRIPE_TEST = "sk_test_" + rnd("stripe-test", 40)
STRIPE_LIVE = "sk_live_" + rnd("stripe-live", 40)
STRIPE_WINDSURF = "sk_live_" + rnd("stripe-windsurf", 40)
SLACK = "xoxb-" + rnd("slack1", 11, "0123456789") + "-" + rnd("slack2", 12, "0123456789") + "-" + rnd("slack3", 24)
GLPAT = "glpat-" + rnd("glab", 20)
HF = "hf_" + rnd("hf", 34, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
GEMINI = "AIza" + rnd("gemini", 35, B62 + "_-")
VAULT = "hvs." + rnd("vault", 90)
PYPI = "pypi-AgEIcHlwaS5vcmc" + rnd("pypi", 60, B62 + "_-")
SSH_KEY = pem("OPENSSH PRIVATE KEY", "ssh-ed25519")
KUBE_KEY = pem("RSA PRIVATE KEY", "kube-client-key", 8)
CERT = pem("CERTIFICATE", "kube-client-cert", 6)


def tok(seed, n=40):
    return rnd(seed, n)


def uuid(seed):
    h = hexs(seed, 32)
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-a{h[17:20]}-{h[20:32]}"


def home():
    w = lambda p, t, m=0o600: write(HOME, p, t, m)
    # Cloud and cluster
    w(".aws/credentials", f"""[default]
aws_access_key_id = {AWS_ID}
aws_secret_access_key = {AWS_SECRET}
# aws_secret_access_key = {rnd('aws-commented', 40)}

[profile prod-admin]
aws_access_key_id = AKIAIOSFODNN7EXAMPLE
aws_secret_access_key = {AWS_PROD_SECRET}
""")
    w(".aws/config", """[profile prod-admin]
region = eu-west-1
credential_process = /usr/local/bin/aws-vault exec prod-admin --json
""")
    w(".aws/sso/cache/5f1c0b9e.json", json.dumps({
        "startUrl": "https://acme.awsapps.com/start", "region": "eu-west-1",
        "accessToken": "aoa" + tok("sso-access", 60), "expiresAt": "2026-12-01T00:00:00Z"}, indent=2))
    w(".config/gcloud/application_default_credentials.json", json.dumps({
        "client_id": "764086051850-6qr4p6gpi6hn506pt8ejuq83di341hur.apps.googleusercontent.com",
        "client_secret": "d-" + tok("adc-client-secret", 22),
        "refresh_token": "1//0" + tok("adc-refresh", 60), "type": "authorized_user"}, indent=2))
    db = os.path.join(HOME, ".config/gcloud/credentials.db")
    if os.path.exists(db):
        os.remove(db)
    c = sqlite3.connect(db)
    c.execute("CREATE TABLE credentials (account_id TEXT PRIMARY KEY, value BLOB)")
    c.execute("INSERT INTO credentials VALUES (?, ?)", ("dev@acme.example", json.dumps({
        "client_id": "32555940559.apps.googleusercontent.com", "refresh_token": "1//0" + tok("gcloud-db-refresh", 60),
        "type": "authorized_user"}).encode()))
    c.commit()
    c.close()
    db = os.path.join(HOME, ".config/gcloud/access_tokens.db")
    if os.path.exists(db):
        os.remove(db)
    c = sqlite3.connect(db)
    c.execute("CREATE TABLE access_tokens (account_id TEXT PRIMARY KEY, access_token TEXT, token_expiry TIMESTAMP, rapt_token TEXT, id_token TEXT)")
    c.execute("INSERT INTO access_tokens VALUES (?, ?, ?, NULL, NULL)", ("dev@acme.example", "ya29." + tok("gcloud-access", 80), "2026-11-28 20:00:00"))
    c.commit()
    c.close()
    w(".azure/msal_token_cache.json", json.dumps({"RefreshToken": {"acct-login.microsoftonline.com-refreshtoken": {
        "credential_type": "RefreshToken", "secret": "0.AR8A" + tok("azure-refresh", 80), "home_account_id": uuid("az-home")}}}, indent=2))
    w(".kube/config", f"""apiVersion: v1
kind: Config
clusters:
- name: prod-cluster
  cluster:
    server: https://k8s.prod.acme.example
    certificate-authority-data: {base64.b64encode(CERT.encode()).decode()}
users:
- name: prod-cluster-admin
  user:
    token: {tok('kube-token', 48)}
- name: dev-cert-user
  user:
    client-certificate-data: {base64.b64encode(CERT.encode()).decode()}
    client-key-data: {base64.b64encode(KUBE_KEY.encode()).decode()}
- name: oidc-user
  user:
    auth-provider:
      name: oidc
      config:
        client-id: kubernetes
        refresh-token: {tok('kube-oidc-refresh', 43)}
""")
    # Containers and VCS
    w(".docker/config.json", json.dumps({"auths": {
        "ghcr.io": {"auth": base64.b64encode(("octo:" + tok("docker-ghcr", 32)).encode()).decode()},
        "https://index.docker.io/v1/": {}},
        "credsStore": "desktop"}, indent=2))
    w(".config/containers/auth.json", json.dumps({"auths": {
        "quay.io": {"auth": base64.b64encode(("robot:" + tok("podman-quay", 32)).encode()).decode()}}}, indent=2))
    w(".config/gh/hosts.yml", f"""github.com:
    users:
        octo:
            oauth_token: {GH_HOSTS}
    git_protocol: https
    user: octo
ghe.acme.example:
    git_protocol: ssh
    user: octo
""")
    w(".config/glab-cli/config.yml", f"""hosts:
  gitlab.com:
    token: {GLPAT}
    api_protocol: https
""")
    w(".git-credentials", f"https://octo:{GH_CREDS}@github.com\n")
    w(".gitconfig", f"""[user]
\tname = Octo Dev
\temail = octo@acme.example
[credential]
\thelper = osxkeychain
[http "https://git.acme.example/"]
\textraheader = Authorization: Bearer {tok('git-extraheader', 40)}
""", 0o644)
    w(".netrc", f"""machine api.heroku.com
  login octo@acme.example
  password {uuid('heroku-api')}
machine git.heroku.com
  login octo@acme.example
  password {uuid('heroku-api')}
""")
    # Package registries
    w(".npmrc", f"""//registry.npmjs.org/:_authToken={NPM}
//npm.pkg.github.com/:_authToken=${{GITHUB_TOKEN}}
; //registry.acme.example/:_authToken={crc_token('npm_', 'commented')}
""")
    w(".pypirc", f"""[distutils]
index-servers = pypi

[pypi]
username = __token__
password = {PYPI}
""")
    w(".config/pypoetry/auth.toml", f"""[http-basic.acme-private]
username = "ci"
password = "{tok('poetry-pass', 24)}"
""")
    w(".cargo/credentials.toml", f"""[registry]
token = "cio{tok('cargo-token', 32)}"
""")
    w(".gem/credentials", f"""---
:rubygems_api_key: rubygems_{hexs('rubygems', 48)}
""")
    # IaC and secret managers
    w(".terraform.d/credentials.tfrc.json", json.dumps({"credentials": {"app.terraform.io": {
        "token": tok("tfc-a", 14) + ".atlasv1." + tok("tfc-b", 67)}}}, indent=2))
    w(".pulumi/credentials.json", json.dumps({"current": "https://api.pulumi.com", "accessTokens": {
        "https://api.pulumi.com": "pul-" + hexs("pulumi", 40)}, "accounts": {}}, indent=2))
    w(".vault-token", VAULT + "\n")
    w(".doppler/.doppler.yaml", f"""scoped:
    /:
        token: dp.pt.{tok('doppler', 43)}
        api-host: https://api.doppler.com
    /home/dev/keyring-project:
        token: keyring:doppler-cli-token-{uuid('doppler-keyring')}
""")
    # Platforms
    w(".railway/config.json", json.dumps({"projects": {"/home/dev/app": {"projectPath": "/home/dev/app",
        "project": uuid("railway-project"), "environment": uuid("railway-env")}},
        "user": {"token": uuid("railway-token")}}, indent=2))
    w(".local/share/com.vercel.cli/auth.json", json.dumps({"// Note": "This is your Vercel credentials file. DO NOT SHARE!",
        "token": tok("vercel", 24)}, indent=2))
    w(".netlify/config.json", json.dumps({"userId": hexs("netlify-user", 24), "users": {hexs("netlify-user", 24): {
        "id": hexs("netlify-user", 24), "auth": {"token": "nfp_" + tok("netlify", 36)}}}}, indent=2))
    w(".fly/config.yml", f"access_token: fo1_{tok('fly', 43)}\nwire_guard_state: {{}}\n")
    w(".supabase/access-token", "sbp_" + hexs("supabase", 40))
    w(".config/configstore/firebase-tools.json", json.dumps({"tokens": {"refresh_token": "1//0" + tok("firebase-refresh", 60),
        "access_token": "ya29." + tok("firebase-access", 80)}}, indent=2))
    w(".config/stripe/config.toml", f"""[default]
device_name = "dev-laptop"
test_mode_api_key = "{STRIPE_TEST}"
test_mode_pub_key = "pk_test_{tok('stripe-pk', 40)}"
""")
    w(".config/.wrangler/config/default.toml", f"""oauth_token = "{tok('wrangler-oauth', 43)}"
expiration_time = "2026-11-28T21:00:00.000Z"
""")
    w(".config/doctl/config.yaml", f"""access-token: dop_v1_{hexs('doctl', 64)}
context: default
""")
    w(".config/hcloud/cli.toml", f"""active_context = "prod"

[[contexts]]
  name = "prod"
  token = "{tok('hcloud', 64)}"
""")
    w(".twilio-cli/config.json", json.dumps({"profiles": {"prod": {"accountSid": "AC" + hexs("twilio-sid", 32),
        "apiKey": "SK" + hexs("twilio-key", 32), "apiSecret": tok("twilio-secret", 32)}}}, indent=2))
    w(".config/ngrok/ngrok.yml", f"""version: "3"
agent:
    authtoken: 2{tok('ngrok', 26)}_{tok('ngrok2', 21)}
""")
    w(".sentryclirc", f"""[auth]
token=sntryu_{hexs('sentry', 64)}
""")
    w(".cache/huggingface/token", HF)
    # Data platforms
    w(".snowflake/connections.toml", f"""[prod]
account = "acme-prod"
user = "ANALYTICS"
password = "{tok('snowflake', 20)}"
""")
    w(".databrickscfg", f"""[DEFAULT]
host = https://acme.cloud.databricks.com
token = dapi{hexs('databricks', 32)}
""")
    w(".dbt/profiles.yml", f"""analytics:
  target: prod
  outputs:
    prod:
      type: postgres
      host: warehouse.acme.example
      user: dbt
      password: "{tok('dbt', 20)}"
    dev:
      type: postgres
      password: "{{{{ env_var('DBT_DEV_PASSWORD') }}}}"
""")
    w(".pgpass", f"prod-db.acme.example:5432:app:app_owner:{tok('pgpass', 24)}\n# localhost:5432:*:postgres:{tok('pgpass-commented', 24)}\n")
    w(".my.cnf", f"""[client]
user = root
password = {tok('mycnf', 20)}
""")
    # SSH: a private key, its public key (decoy)
    w(".ssh/id_ed25519", SSH_KEY)
    w(".ssh/id_ed25519.pub", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI" + tok("ssh-pub", 43) + " octo@laptop\n", 0o644)
    w(".ssh/config", "Host *\n  IdentityFile ~/.ssh/id_ed25519\n", 0o644)
    # Shell startup files
    w(".bashrc", f"""# ~/.bashrc
export PATH="$HOME/.cargo/bin:$PATH"
export OPENAI_API_KEY={OPENAI}
# export ANTHROPIC_API_KEY=sk-ant-api03-{rnd('commented-anthropic', 93)}AA
export GITHUB_TOKEN="${{GH_TOKEN}}"
alias ll='ls -la'
""", 0o644)
    # AI agents and MCP configurations
    w("Library/Application Support/Claude/claude_desktop_config.json", json.dumps({"mcpServers": {"github": {
        "command": "npx", "args": ["-y", "@modelcontextprotocol/server-github"],
        "env": {"GITHUB_PERSONAL_ACCESS_TOKEN": GH_MCP}}}}, indent=2))
    w(".claude.json", json.dumps({"mcpServers": {"linear": {"type": "http", "url": "https://mcp.linear.app/mcp",
        "headers": {"Authorization": "Bearer lin_api_" + tok("linear", 40)}},
        "sentry": {"type": "stdio", "command": "npx", "env": {"SENTRY_AUTH_TOKEN": "${SENTRY_AUTH_TOKEN}"}}}}, indent=2))
    w(".claude/settings.json", json.dumps({"permissions": {"deny": ["Read(~/.aws/**)", "Read(./.env)"]}}, indent=2))
    w(".cursor/mcp.json", json.dumps({"mcpServers": {"slack": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-slack"],
        "env": {"SLACK_BOT_TOKEN": SLACK, "SLACK_TEAM_ID": "T0" + tok("slack-team", 9).upper()}},
        "postgres": {"command": "npx", "env": {"PGPASSWORD": "${env:PGPASSWORD}"}}}}, indent=2))
    w(".config/Code/User/mcp.json", """{
  // VS Code MCP servers (JSON with comments)
  "inputs": [
    { "type": "promptString", "id": "perplexity-key", "description": "Perplexity API Key", "password": true }
  ],
  "servers": {
    "perplexity": {
      "type": "stdio",
      "command": "npx",
      "env": { "PERPLEXITY_API_KEY": "${input:perplexity-key}" },
    },
    "brave": {
      "command": "npx",
      "env": { "BRAVE_API_KEY": "BSA""" + tok("brave", 28) + """" }
    }
  }
}
""")
    w(".codeium/windsurf/mcp_config.json", json.dumps({"mcpServers": {"stripe": {"command": "npx",
        "args": ["-y", "@stripe/mcp", "--tools=all"], "env": {"STRIPE_SECRET_KEY": STRIPE_WINDSURF}}}}, indent=2))
    w(".codex/auth.json", json.dumps({"OPENAI_API_KEY": OPENAI_CODEX, "tokens": None, "last_refresh": None}, indent=2))
    w(".codex/config.toml", """model = "gpt-5-codex"

[shell_environment_policy]
inherit = "all"
exclude = ["AWS_*", "*_TOKEN"]
""")
    w(".gemini/.env", f"GEMINI_API_KEY={GEMINI}\n")
    w(".aider.conf.yml", f"""model: sonnet
anthropic-api-key: {ANTHROPIC}
# openai-api-key: sk-proj-{rnd('aider-commented', 48)}
""")
    w(".continue/config.yaml", f"""name: Local Assistant
models:
  - name: Mistral
    provider: mistral
    model: codestral-latest
    apiKey: {tok('mistral', 32)}
  - name: Keyring backed
    provider: openai
    apiKey: ${{{{ secrets.OPENAI_API_KEY }}}}
""")
    w(".config/zed/settings.json", """// Zed settings
{
  "theme": "One Dark",
  "context_servers": {
    "postgres": { "command": { "path": "mcp-postgres", "env": { "DATABASE_PASSWORD": "${PG_PASSWORD}" } } },
  },
}
""")
    # Histories, one per supported format
    w(".bash_history", f"""ls -la
#1700000000
export GITHUB_TOKEN={crc_token('ghp_', 'bash-history')}
curl -H 'Authorization: Bearer {tok('bash-curl', 40)}' https://api.acme.example/v1/me
git push -u origin main
mysql -h prod-db.acme.example -u root -p{tok('bash-mysql', 16)} app
""")
    w(".zsh_history", f""": 1700000000:0;cd ~/src/app
: 1700000100:3;curl -u deploy:{tok('zsh-curl-user', 20)} https://ci.acme.example/api/json
: 1700000200:0;docker login -u octo -p {tok('zsh-docker', 24)} ghcr.io
: 1700000300:0;docker login -u octo --password-stdin ghcr.io
""")
    w(".local/share/fish/fish_history", f"""- cmd: set -gx HF_TOKEN {HF}
  when: 1700000000
- cmd: echo done
  when: 1700000001
""")
    w(".sh_history", f"export VAULT_TOKEN={VAULT}\n")
    w(".python_history", f"import openai\nclient = openai.OpenAI(api_key=\"{OPENAI}\")\n")
    w(".node_repl_history", f"const stripe = require('stripe')('{STRIPE_LIVE}')\n.exit\n")
    w(".psql_history", "\\\\dt\nselect count(*) from users;\n")
    w(".mysql_history", "_HiStOrY_V2_\nshow\\040databases;\n")
    w(".rediscli_history", f"AUTH {tok('redis-auth', 24)}\nKEYS *\n")
    w(".sqlite_history", ".tables\nselect * from users;\n")
    w(".irb_history", f"ENV['SLACK_TOKEN'] = '{SLACK}'\n")


def workspace():
    w = lambda p, t, m=0o644: write(WS, p, t, m)
    w(".gitignore", ".env\nsecrets/\nnode_modules/\n")
    w(".aiderignore", ".env.production\n")
    w(".geminiignore", "deploy/\n")
    w(".cursorignore", "terraform.tfstate\n")
    w(".env", f"""# local development
STRIPE_SECRET_KEY={STRIPE_TEST}
DATABASE_PASSWORD={tok('ws-db-dev', 20)}
DEBUG=true
""")
    w(".env.production", f"""OPENAI_API_KEY={OPENAI}
RAILWAY_API_TOKEN={uuid('ws-railway')}
SESSION_SECRET=${{SESSION_SECRET}}
""")
    w(".env.example", """STRIPE_SECRET_KEY=sk_live_your_key_here
DATABASE_PASSWORD=changeme
OPENAI_API_KEY=<your-openai-key>
""")
    w("deploy/db-secret.yaml", f"""apiVersion: v1
kind: Secret
metadata:
  name: prod-db-credentials
type: Opaque
data:
  DB_USER: {base64.b64encode(b'app').decode()}
  DB_PASSWORD: {base64.b64encode(tok('k8s-db', 24).encode()).decode()}
""")
    w("terraform.tfstate", json.dumps({"version": 4, "resources": [{"mode": "managed", "type": "aws_db_instance",
        "name": "prod", "instances": [{"attributes": {"username": "admin", "password": tok("tfstate-db", 24),
        "endpoint": "prod.cluster.acme.example:5432"}}]}]}, indent=2))
    w(".mcp.json", json.dumps({"mcpServers": {"gitlab": {"command": "npx", "env": {"GITLAB_PERSONAL_ACCESS_TOKEN": "glpat-" + tok("ws-mcp-glpat", 20)}},
        "github": {"command": "npx", "env": {"GITHUB_TOKEN": "${GITHUB_TOKEN}"}}}}, indent=2))
    w(".claude/settings.json", json.dumps({"permissions": {"deny": ["Read(./.env.production)"]}}, indent=2))
    w("package-lock.json", json.dumps({"name": "app", "lockfileVersion": 3, "packages": {"node_modules/left-pad": {
        "version": "1.3.0", "integrity": "sha512-" + base64.b64encode(bytes(random.Random("lock").randrange(256) for _ in range(64))).decode()}}}, indent=2))
    w("src/config.py", """import os

STRIPE_KEY = os.environ["STRIPE_SECRET_KEY"]
DB_PASSWORD = os.environ.get("DATABASE_PASSWORD", "")
""")
    w("certs/server.crt", CERT)


if __name__ == "__main__":
    home()
    workspace()
