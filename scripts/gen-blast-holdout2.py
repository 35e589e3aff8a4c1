#!/usr/bin/env python3
"""Generate the second sealed hold-out blast-radius corpus.

Usage: gen-blast-holdout2.py [OUT_DIR]        (default: fixtures/blast-holdout2)

Deletes and rewrites OUT_DIR/corvid-fedora/ (home/..., labels.toml) and OUT_DIR/README.md,
then re-reads every file and checks that each labelled value, part and decoy is really
there (literally, JSON-escaped or inside a base64 field), that no decoy overlaps a
credential, and that the minimum counts and the tier mix are met. Exits non-zero on any
failure.

One fake machine, `corvid-fedora`: the Fedora Workstation 40 desktop (Linux, user dara, fish
as the login shell, podman instead of Docker) of Dara Lindqvist, staff engineer on the
payments-infrastructure team of Corvid Ledger, a fictional fintech (invoicing, expense cards
and payouts for freelancers in the EU). The corpus was written and labelled from the severity
rubric (/work/shared/reference/severity-rubric.md) alone, without running or reading the
scanner, so it can serve as a hold-out set for the ranking. Each label carries the rubric
clause that decides it.

Every credential here is FAKE: random values from a seeded generator, shaped after the
formats in /work/shared/reference/providers.md (shapes marked (?) there, or absent from it,
are guesses and are listed in the README). Stdlib only (Python >= 3.11); RSA/EC/Ed25519 keys
are generated and DER-encoded by hand. Running the script twice gives byte-identical output.
"""

import base64
import hashlib
import json
import re
import shutil
import struct
import sys
import tomllib
import uuid
import zlib
from pathlib import Path
import random

SEED = 0xC0A71D2E
MACHINE = "corvid-fedora"
WS = "home/src/ledgerline"
HOMEABS = "/home/dara"
EMAIL = "dara@corvidledger.com"

R = random.Random(SEED)

B62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
ALNUM = B62
HEX = "0123456789abcdef"
UHEX = "0123456789ABCDEF"
LOWER_ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789"
UPPER_ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
B64 = B62 + "+/"
B64URL = B62 + "-_"


# ---------------------------------------------------------------------------------------
# random values (the same helpers as gen-blast-holdout.py, plus shapes new to this corpus)


def s(n, alphabet=ALNUM):
    return "".join(R.choice(alphabet) for _ in range(n))


def hexs(n):
    return s(n, HEX)


def rbytes(n):
    return bytes(R.randrange(256) for _ in range(n))


def b64(data):
    return base64.b64encode(data).decode()


def b64url(data):
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def uuid4():
    return str(uuid.UUID(bytes=rbytes(16), version=4))


def digits(n):
    return str(R.randrange(1, 10)) + s(n - 1, "0123456789")


def password(n=24):
    return s(n, ALNUM)


def crc_b62(body):
    n = zlib.crc32(body.encode())
    out = ""
    for _ in range(6):
        out = B62[n % 62] + out
        n //= 62
    return out


def crc_token(prefix):
    """GitHub/npm scheme: 30 random base62 characters + base62(CRC32) in 6 characters."""
    body = s(30)
    return prefix + body + crc_b62(body)


def aws_key_id(account, prefix="AKIA"):
    """A key id whose characters 5-20 decode to `account` (providers.md §3)."""
    v = (1 << 47) | (int(account) << 7) | R.randrange(128)
    raw = v.to_bytes(6, "big") + rbytes(4)
    kid = prefix + base64.b32encode(raw).decode()
    assert len(kid) == 20
    dec = int.from_bytes(base64.b32decode(kid[4:])[:6], "big")
    assert (dec & 0x7FFFFFFFFF80) >> 7 == int(account)
    return kid


def aws_secret():
    return s(40, B64)


def aws_session_token():
    return "IQoJb3JpZ2luX2Vj" + s(R.randrange(700, 760), B64)


def aws_sso_token(kind="aoa"):
    return kind + "AAAAAG" + s(R.randrange(300, 340), B64URL)  # (?) shape guessed


def gh(prefix="ghp_"):
    return crc_token(prefix)


def gh_fine():
    return "github_pat_" + s(22) + "_" + s(59)


def glpat():
    return "glpat-" + s(20, B64URL)


def gldt():
    return "gldt-" + s(20, B64URL)


def stripe(prefix):
    return prefix + "51" + s(14, ALNUM) + s(83, ALNUM)


def openai(kind="proj"):
    return f"sk-{kind}-{s(74, B64URL)}T3BlbkFJ{s(74, B64URL)}"


def anthropic(kind="api03"):
    return f"sk-ant-{kind}-{s(93, B64URL)}AA"


def aiza():
    return "AIza" + s(35, B64URL)


def hf():
    return "hf_" + s(34, LETTERS)


def sendgrid():
    return f"SG.{s(22, B64URL)}.{s(43, B64URL)}"


def sentry_org(org):
    payload = {"iat": 1740000000 + R.randrange(10**7), "url": "https://sentry.io",
               "region_url": "https://de.sentry.io", "org": org}
    return "sntrys_" + b64(json.dumps(payload, separators=(",", ":")).encode()).rstrip("=") + "_" + s(43, B64URL)


def sentry_user():
    return "sntryu_" + hexs(64)


def tfc():
    return s(14) + ".atlasv1." + s(67)


def vault_token():
    """hvs. + base64url(protobuf {1: 1, 2: 32-byte hmac, 3: {1: "hvs.<24 base62>"}})."""
    inner = ("hvs." + s(24)).encode()
    msg = b"\x08\x01\x12\x20" + rbytes(32) + b"\x1a" + bytes([len(inner) + 2]) + b"\x0a" + bytes([len(inner)]) + inner
    return "hvs." + b64url(msg)


def pypi_token(location="pypi.org"):
    """pypi- + base64url of a v2 binary macaroon (location, identifier, one caveat, signature)."""
    def field(tag, data):
        return bytes([tag]) + bytes([len(data)]) + data
    ident = json.dumps({"version": 1, "uid": uuid4()}).encode()
    caveat = json.dumps({"version": 1, "permissions": "user"}).encode()
    mac = b"\x02" + field(1, location.encode()) + field(2, ident) + b"\x00"
    mac += field(2, caveat) + b"\x00" + b"\x00" + field(6, rbytes(32))
    return "pypi-" + b64url(mac)


def npm_token():
    return crc_token("npm_")


def cio():
    return "cio" + s(32)


def google_refresh():
    return "1//0" + s(R.randrange(98, 104), B64URL)


def google_access():
    return "ya29.a0" + s(R.randrange(200, 230), B64URL)


def ngrok():
    return "2" + s(26) + "_" + s(21)


def jwt(header, payload, sig_bytes=256):
    enc = lambda d: b64url(json.dumps(d, separators=(",", ":")).encode())
    return f"{enc(header)}.{enc(payload)}.{b64url(rbytes(sig_bytes))}"


def heroku():
    return "HRKU-AA" + s(58, ALNUM + "_-")


def vercel_legacy():
    return s(24)


def supabase_pat():
    return "sbp_" + hexs(40)


def do_pat():
    return "dop_v1_" + hexs(64)


def hcloud():
    return s(64)


def dapi():
    return "dapi" + hexs(32)  # (?) shape guessed


def pulumi():
    return "pul-" + hexs(40)  # (?) shape guessed


def infisical_st():
    return f"st.{uuid4()}.{hexs(32)}.{hexs(32)}"  # (?) shape guessed


def slack_bot():
    return f"xoxb-{digits(11)}-{digits(13)}-{s(24)}"


def slack_webhook():
    return f"https://hooks.slack.com/services/T{s(10, UPPER_ALNUM)}/B{s(10, UPPER_ALNUM)}/{s(24)}"


def linear():
    return "lin_api_" + s(40)


def grafana_sa():
    return "glsa_" + s(32) + "_" + hexs(8)  # (?) shape guessed


def grafana_cloud(stack):
    body = {"o": digits(6), "n": f"{stack}-terraform", "k": s(24), "m": {"r": "prod-eu-west-2"}}
    return "glc_" + b64(json.dumps(body, separators=(",", ":")).encode()).rstrip("=")  # (?) shape guessed


def posthog(prefix):
    return prefix + s(43)  # (?) length guessed


def newrelic_user():
    return "NRAK-" + s(27, UPPER_ALNUM)


def atlassian():
    return "ATATT3xFfGF0" + s(170, B64URL) + "=" + s(8, UHEX)  # (?) shape guessed


def firecrawl():
    return "fc-" + hexs(32)  # (?) shape guessed


def openrouter():
    return "sk-or-v1-" + hexs(64)  # (?) shape guessed


def deepseek():
    return "sk-" + hexs(32)  # (?) shape guessed


def claude_oauth(kind):
    return f"sk-ant-{kind}01-" + s(93, B64URL) + "AA"  # (?) shape guessed


def resend():
    return "re_" + s(8) + "_" + s(24)  # (?) shape guessed


def bitbucket_access():
    return "ATCTT3xFfGN0" + s(180, B64URL) + "=" + s(8, UHEX)  # (?) shape guessed


def adyen_api_key():
    return "AQE" + s(57, B64) + "=-" + s(44, B64) + "=-" + s(14, B64URL)  # (?) shape guessed


# ---------------------------------------------------------------------------------------
# keys, by hand (stdlib only; the same arithmetic as gen-blast-holdout.py)

SMALL_PRIMES = [p for p in range(3, 2000) if all(p % q for q in range(2, int(p ** 0.5) + 1))]


def _is_prime(n):
    for p in SMALL_PRIMES:
        if n % p == 0:
            return n == p
    d, r = n - 1, 0
    while d % 2 == 0:
        d //= 2
        r += 1
    for _ in range(20):
        a = R.randrange(2, n - 2)
        x = pow(a, d, n)
        if x in (1, n - 1):
            continue
        for _ in range(r - 1):
            x = pow(x, 2, n)
            if x == n - 1:
                break
        else:
            return False
    return True


def _prime(bits):
    while True:
        c = R.getrandbits(bits) | (3 << (bits - 2)) | 1
        if c % 65537 != 1 and _is_prime(c):
            return c


def _der_len(n):
    if n < 0x80:
        return bytes([n])
    b = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(b)]) + b


def _der(tag, body):
    return bytes([tag]) + _der_len(len(body)) + body


def _der_int(x):
    return _der(0x02, x.to_bytes((x.bit_length() + 8) // 8, "big"))


def _pem(label, der, headers=""):
    t = b64(der)
    return f"-----BEGIN {label}-----\n{headers}" + "\n".join(t[i:i + 64] for i in range(0, len(t), 64)) + f"\n-----END {label}-----\n"


def rsa_numbers(bits=2048):
    e = 65537
    while True:
        p, q = _prime(bits // 2), _prime(bits // 2)
        if p == q:
            continue
        phi = (p - 1) * (q - 1)
        try:
            d = pow(e, -1, phi)
        except ValueError:
            continue
        if p < q:
            p, q = q, p
        return p * q, e, d, p, q


def rsa_pkcs1_der(bits=2048):
    n, e, d, p, q = rsa_numbers(bits)
    body = b"".join(_der_int(x) for x in (0, n, e, d, p, q, d % (p - 1), d % (q - 1), pow(q, -1, p)))
    return _der(0x30, body)


def rsa_pkcs1_pem(bits=2048):
    return _pem("RSA PRIVATE KEY", rsa_pkcs1_der(bits))


def rsa_pkcs8_pem(bits=2048):
    alg = _der(0x30, bytes.fromhex("06092a864886f70d010101") + b"\x05\x00")
    return _pem("PRIVATE KEY", _der(0x30, _der_int(0) + alg + _der(0x04, rsa_pkcs1_der(bits))))


def ec_sec1_pem():
    n = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551
    k = R.randrange(1, n).to_bytes(32, "big")
    oid = bytes.fromhex("06082a8648ce3d030107")
    return _pem("EC PRIVATE KEY", _der(0x30, _der_int(1) + _der(0x04, k) + _der(0xA0, oid)))


def ec_sec1_encrypted_pem():
    """Traditional OpenSSL encryption: Proc-Type/DEK-Info headers, ciphertext is random bytes."""
    headers = f"Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,{s(32, UHEX)}\n\n"
    return _pem("EC PRIVATE KEY", rbytes(128), headers)


def fake_cert_pem():
    return _pem("CERTIFICATE", b"\x30\x82\x03\x1e\x30\x82\x02\x06\xa0\x03\x02\x01\x02" + rbytes(785))


# Ed25519 public key from a seed (RFC 8032 reference arithmetic)
_EP = 2 ** 255 - 19
_ED = -121665 * pow(121666, _EP - 2, _EP) % _EP
_SQRT_M1 = pow(2, (_EP - 1) // 4, _EP)


def _ed_add(P, Q):
    A = (P[1] - P[0]) * (Q[1] - Q[0]) % _EP
    B = (P[1] + P[0]) * (Q[1] + Q[0]) % _EP
    C = 2 * P[3] * Q[3] * _ED % _EP
    D = 2 * P[2] * Q[2] % _EP
    E, F, G, H = B - A, D - C, D + C, B + A
    return (E * F % _EP, G * H % _EP, F * G % _EP, E * H % _EP)


def _ed_mul(k, P):
    Q = (0, 1, 1, 0)
    while k:
        if k & 1:
            Q = _ed_add(Q, P)
        P = _ed_add(P, P)
        k >>= 1
    return Q


def _ed_base():
    y = 4 * pow(5, _EP - 2, _EP) % _EP
    x2 = (y * y - 1) * pow(_ED * y * y + 1, _EP - 2, _EP) % _EP
    x = pow(x2, (_EP + 3) // 8, _EP)
    if (x * x - x2) % _EP:
        x = x * _SQRT_M1 % _EP
    if x & 1:
        x = _EP - x
    return (x, y, 1, x * y % _EP)


def ed25519_public(seed):
    h = hashlib.sha512(seed).digest()
    a = int.from_bytes(h[:32], "little")
    a &= (1 << 254) - 8
    a |= 1 << 254
    P = _ed_mul(a, _ed_base())
    zi = pow(P[2], _EP - 2, _EP)
    x, y = P[0] * zi % _EP, P[1] * zi % _EP
    return (y | ((x & 1) << 255)).to_bytes(32, "little")


def _sshstr(b):
    return struct.pack(">I", len(b)) + b


def _openssh_armor(body):
    t = b64(body)
    return "-----BEGIN OPENSSH PRIVATE KEY-----\n" + "\n".join(t[i:i + 70] for i in range(0, len(t), 70)) + "\n-----END OPENSSH PRIVATE KEY-----\n"


def openssh_ed25519(comment):
    sk = rbytes(32)
    pk = ed25519_public(sk)
    pub_blob = _sshstr(b"ssh-ed25519") + _sshstr(pk)
    check = rbytes(4)
    priv = check + check + _sshstr(b"ssh-ed25519") + _sshstr(pk) + _sshstr(sk + pk) + _sshstr(comment.encode())
    i = 1
    while len(priv) % 8:
        priv += bytes([i])
        i += 1
    body = b"openssh-key-v1\0" + _sshstr(b"none") + _sshstr(b"none") + _sshstr(b"") + struct.pack(">I", 1)
    body += _sshstr(pub_blob) + _sshstr(priv)
    return _openssh_armor(body), "ssh-ed25519 " + b64(pub_blob) + " " + comment


def gpg_protected_key():
    """gpg-agent extended key format, a passphrase-protected (openpgp-s2k3-ocb-aes) Ed25519 key."""
    q = "40" + hexs(64).upper()
    return (f"Created: 20230914T081522\n"
            f"Key: (protected-private-key (ecc (curve Ed25519)(flags eddsa)(q\n"
            f" #{q}#)\n"
            f" (protected openpgp-s2k3-ocb-aes ((sha1 #{hexs(16).upper()}#\n"
            f"   \"65011712\")#{hexs(24).upper()}#)#{hexs(160).upper()}#)(protected-at\n"
            f"  \"20230914T081528\")))\n")


# ---------------------------------------------------------------------------------------
# the machine

FILES = {}   # path relative to the machine dir -> text
KINDS = {}   # path -> store/file kind
ECOS = {}    # workspace path -> ecosystem
CREDS = []
DECOYS = []


def put(path, text, kind, eco=None):
    assert path not in FILES, path
    FILES[path] = text
    KINDS[path] = kind
    if eco:
        assert path.startswith(WS + "/"), path
        ECOS[path] = eco


def cred(file, value, provider, kind, tier, env, clause, note, parts=(), also=(), optional=False):
    assert tier in ("critical", "high", "medium", "low"), tier
    assert env in ("production", "staging", "development", "test", "unknown"), env
    CREDS.append({"file": file, "value": value, "parts": list(parts), "also": list(also),
                  "provider": provider, "kind": kind, "tier": tier, "environment": env,
                  "optional": optional, "clause": clause, "note": note})


def decoy(file, value, why):
    DECOYS.append({"file": file, "value": value, "why": why})


def js(obj):
    return json.dumps(obj, indent=2) + "\n"


def w(p):
    return f"{WS}/{p}"


def rds_host(name, cluster=False):
    """An RDS endpoint: <id>.<hash>.<region>.rds.amazonaws.com, or <id>.cluster-<hash>… for Aurora."""
    return f"{name}.{'cluster-' if cluster else ''}{s(12, LOWER_ALNUM)}.eu-central-1.rds.amazonaws.com"


def build_home():
    h = {}
    # --- AWS ------------------------------------------------------------------------
    acct_prod, acct_stg = digits(12), digits(12)
    k1, s1 = aws_key_id(acct_prod), aws_secret()
    k2, s2 = aws_key_id(acct_stg), aws_secret()
    put("home/.aws/credentials", f"""[corvid-prod-breakglass]
# account {acct_prod} (alias corvid-ledger-prod): IAM user breakglass-dara, AdministratorAccess, incidents only
aws_access_key_id = {k1}
aws_secret_access_key = {s1}

[corvid-staging]
# account {acct_stg} (alias corvid-ledger-staging), eu-central-1
aws_access_key_id = {k2}
aws_secret_access_key = {s2}
""", "AWS shared credentials file")
    cred("home/.aws/credentials", s1, "aws", "IAM user access key pair (break-glass admin)", "critical", "production",
         "§1 critical: cloud keys on a production account; §2.4 production keeps the tier",
         "profile corvid-prod-breakglass; the comment names the production account alias and AdministratorAccess", parts=[k1])
    cred("home/.aws/credentials", s2, "aws", "IAM user access key pair", "medium", "staging",
         "§2.4 environment cap: a staging cloud account is at most medium; §1 medium: staging infrastructure",
         "profile corvid-staging; the comment names the staging account alias", parts=[k2])
    put("home/.aws/config", f"""[default]
region = eu-central-1
output = json

[sso-session corvid]
sso_start_url = https://corvid-ledger.awsapps.com/start
sso_region = eu-central-1
sso_registration_scopes = sso:account:access

[profile prod-readonly]
sso_session = corvid
sso_account_id = {acct_prod}
sso_role_name = ReadOnlyAccess
region = eu-central-1

[profile prod-admin]
sso_session = corvid
sso_account_id = {acct_prod}
sso_role_name = AdministratorAccess
region = eu-central-1

[profile staging-deploy]
role_arn = arn:aws:iam::{acct_stg}:role/StagingDeployer
source_profile = corvid-staging
region = eu-central-1
""", "AWS config file")
    decoy("home/.aws/config", acct_prod, "sso_account_id: a 12-digit account id, an identifier")
    sso_at, sso_rt = aws_sso_token("aoa"), aws_sso_token("aor")
    sso_cid = s(22, B64URL)
    sso_cs = jwt({"kid": "key-" + digits(10), "alg": "HS384"},
                 {"serialized": json.dumps({"clientId": {"value": sso_cid}, "expirationTimestamp": {"value": 1756339200}})}, 48)
    sso_file = f"home/.aws/sso/cache/{hashlib.sha1(b'corvid').hexdigest()}.json"
    put(sso_file, js({
        "startUrl": "https://corvid-ledger.awsapps.com/start",
        "region": "eu-central-1",
        "accessToken": sso_at,
        "expiresAt": "2025-06-02T16:41:09Z",
        "clientId": sso_cid,
        "clientSecret": sso_cs,
        "registrationExpiresAt": "2025-08-28T08:41:05Z",
        "refreshToken": sso_rt}), "AWS SSO token cache")
    cred(sso_file, sso_at, "aws", "IAM Identity Center (SSO) session token", "critical", "production",
         "§2.2 an organisation-wide token on a platform that hosts environments reaches every environment, production included, wherever found; §1 critical: cloud credentials",
         "ambiguous: the cached sso-session token (with its refresh token) mints role credentials in every account the user is assigned; the cache file names only the start URL, and by §2.2 an org-wide session reaches production (~/.aws/config shows AdministratorAccess in the prod account)",
         parts=[sso_rt])
    ak3, sk3, st3 = aws_key_id(acct_stg, "ASIA"), aws_secret(), aws_session_token()
    cli_file = f"home/.aws/cli/cache/{hexs(40)}.json"
    put(cli_file, js({
        "Credentials": {"AccessKeyId": ak3, "SecretAccessKey": sk3, "SessionToken": st3,
                        "Expiration": "2025-06-02T10:41:09+00:00"},
        "AssumedRoleUser": {"AssumedRoleId": "AROA" + s(17, UPPER_ALNUM) + ":botocore-session-1748853669",
                            "Arn": f"arn:aws:sts::{acct_stg}:assumed-role/StagingDeployer/botocore-session-1748853669"},
        "ResponseMetadata": {"RequestId": uuid4(), "HTTPStatusCode": 200, "RetryAttempts": 0}}), "AWS CLI assumed-role cache")
    cred(cli_file, sk3, "aws", "STS assumed-role session credentials", "medium", "staging",
         "§2.4 a staging cloud account is at most medium",
         "assumed-role/StagingDeployer in the staging account (the ARN in the file); short-lived, expiry in the file",
         parts=[ak3, st3])
    put("home/.docker/config.json", js({"credHelpers": {f"{acct_prod}.dkr.ecr.eu-central-1.amazonaws.com": "ecr-login",
                                                        f"{acct_stg}.dkr.ecr.eu-central-1.amazonaws.com": "ecr-login"}}),
        "Docker config.json (credential helpers only)")
    decoy("home/.docker/config.json", "ecr-login", "credHelpers marker: ECR tokens are minted at run time, nothing stored")

    # --- gcloud (service account activated with gcloud auth activate-service-account) ----
    sa_pem, sa_kid = rsa_pkcs8_pem(2048), hexs(40)
    sa_email = "ml-pipeline@corvid-ml-prod.iam.gserviceaccount.com"
    sa_file = f"home/.config/gcloud/legacy_credentials/{sa_email}/adc.json"
    put(sa_file, js({
        "type": "service_account", "project_id": "corvid-ml-prod", "private_key_id": sa_kid, "private_key": sa_pem,
        "client_email": sa_email, "client_id": digits(21),
        "auth_uri": "https://accounts.google.com/o/oauth2/auth", "token_uri": "https://oauth2.googleapis.com/token",
        "auth_provider_x509_cert_url": "https://www.googleapis.com/oauth2/v1/certs",
        "client_x509_cert_url": "https://www.googleapis.com/robot/v1/metadata/x509/ml-pipeline%40corvid-ml-prod.iam.gserviceaccount.com",
        "universe_domain": "googleapis.com"}), "gcloud legacy_credentials service-account key (adc.json)")
    cred(sa_file, sa_pem, "gcp", "service-account private key", "critical", "production",
         "§1 critical: GCP service-account keys on a production project",
         "project_id corvid-ml-prod, SA ml-pipeline (writes the production feature store); PEM stored JSON-escaped",
         parts=[sa_email])
    decoy(sa_file, sa_kid, "private_key_id (an identifier)")
    put("home/.config/gcloud/configurations/config_default", f"""[core]
account = {sa_email}
project = corvid-ml-prod

[compute]
region = europe-west4
""", "gcloud configuration")

    # --- kubeconfig -----------------------------------------------------------------
    ca_b64 = b64(fake_cert_pem().encode())
    prod_tok = jwt({"alg": "RS256", "kid": s(43, B64URL)}, {
        "aud": ["https://kubernetes.default.svc.cluster.local", "k3s"], "exp": 1811925669, "iat": 1748853669,
        "iss": "https://kubernetes.default.svc.cluster.local",
        "kubernetes.io": {"namespace": "ledger", "serviceaccount": {"name": "ci-deployer", "uid": uuid4()}},
        "nbf": 1748853669, "sub": "system:serviceaccount:ledger:ci-deployer"})
    stg_key = ec_sec1_pem()
    stg_key_b64, stg_cert_b64 = b64(stg_key.encode()), b64(fake_cert_pem().encode())
    put("home/.kube/config", f"""apiVersion: v1
kind: Config
preferences: {{}}
current-context: ledger-staging
clusters:
- cluster:
    certificate-authority-data: {ca_b64}
    server: https://k8s-api.prod.corvid.internal:6443
  name: ledger-prod
- cluster:
    certificate-authority-data: {ca_b64}
    server: https://k8s-api.staging.corvid.internal:6443
  name: ledger-staging
- cluster:
    certificate-authority: {HOMEABS}/.minikube/ca.crt
    server: https://192.168.49.2:8443
  name: minikube
- cluster:
    certificate-authority-data: {ca_b64}
    server: https://{hexs(32).upper()}.gr7.eu-central-1.eks.amazonaws.com
  name: arn:aws:eks:eu-central-1:{acct_prod}:cluster/analytics-prod
contexts:
- context:
    cluster: ledger-prod
    namespace: ledger
    user: ledger-prod-ci-deployer
  name: ledger-prod
- context:
    cluster: ledger-staging
    namespace: ledger
    user: dara@ledger-staging
  name: ledger-staging
- context:
    cluster: minikube
    namespace: default
    user: minikube
  name: minikube
- context:
    cluster: arn:aws:eks:eu-central-1:{acct_prod}:cluster/analytics-prod
    user: arn:aws:eks:eu-central-1:{acct_prod}:cluster/analytics-prod
  name: analytics-prod
users:
- name: ledger-prod-ci-deployer
  user:
    token: {prod_tok}
- name: dara@ledger-staging
  user:
    client-certificate-data: {stg_cert_b64}
    client-key-data: {stg_key_b64}
- name: minikube
  user:
    client-certificate: {HOMEABS}/.minikube/profiles/minikube/client.crt
    client-key: {HOMEABS}/.minikube/profiles/minikube/client.key
- name: arn:aws:eks:eu-central-1:{acct_prod}:cluster/analytics-prod
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1beta1
      command: aws
      args:
      - --region
      - eu-central-1
      - eks
      - get-token
      - --cluster-name
      - analytics-prod
      - --profile
      - prod-readonly
""", "kubeconfig")
    kc = "home/.kube/config"
    cred(kc, prod_tok, "kubernetes", "bound service-account token (CI deployer)", "critical", "production",
         "§1 critical: Kubernetes credentials for a production cluster; §2.4 production keeps the tier",
         "context ledger-prod on k8s-api.prod.corvid.internal; the JWT names ledger/ci-deployer (deploys every workload) and expires in 2027")
    cred(kc, stg_key, "kubernetes", "client certificate private key (client-key-data)", "medium", "staging",
         "§2.4 a staging cluster is at most medium; §1 medium: staging infrastructure",
         "user dara@ledger-staging of context ledger-staging; stored base64 in client-key-data, value is the decoded PEM")
    decoy(kc, ca_b64, "certificate-authority-data: a public CA certificate")
    decoy(kc, stg_cert_b64, "client-certificate-data: the public half of the staging client key")
    decoy(kc, "get-token", "exec plugin arguments: the EKS token is minted at run time, nothing stored")
    mk = rsa_pkcs1_pem(2048)
    put("home/.minikube/profiles/minikube/client.key", mk, "minikube client key")
    put("home/.minikube/profiles/minikube/config.json", js({"Name": "minikube", "Driver": "podman", "Memory": 8192, "CPUs": 4,
                                                            "KubernetesConfig": {"KubernetesVersion": "v1.30.0", "ClusterName": "minikube"}}),
        "minikube profile config")
    cred("home/.minikube/profiles/minikube/client.key", mk, "kubernetes", "minikube client private key", "low", "development",
         "§2.4 local-only is low; §1 low: secrets for local dev servers",
         "the minikube profile's own client key (podman driver, API server 192.168.49.2 on the local machine)")

    # --- podman, GitHub, GitLab, git ---------------------------------------------------
    ghp_reg = gh("ghp_")
    put("home/.config/containers/auth.json", js({"auths": {
        "ghcr.io": {"auth": b64(f"dara-corvid:{ghp_reg}".encode())},
        "registry.fedoraproject.org": {}}}), "podman containers auth.json")
    cred("home/.config/containers/auth.json", ghp_reg, "github", "GitHub classic PAT (ghcr.io login)", "high", "unknown",
         "§1 high: container registries (push) and source-hosting tokens whose scopes are unknown",
         "podman login ghcr.io; auths.ghcr.io.auth is base64(user:token), value is the decoded token; a classic PAT usually carries repo as well as write:packages",
         parts=["dara-corvid"])
    gho = gh("gho_")
    put("home/.config/gh/hosts.yml", f"""github.com:
    git_protocol: ssh
    users:
        dara-corvid:
            oauth_token: {gho}
    oauth_token: {gho}
    user: dara-corvid
""", "GitHub CLI hosts.yml")
    cred("home/.config/gh/hosts.yml", gho, "github", "GitHub CLI OAuth token", "high", "unknown",
         "§3 row 'ghp_… in ~/.config/gh/hosts.yml'; §1 high: source hosting, scopes unknown offline",
         "gh auth login on a headless keyring (Fedora without an unlocked Secret Service): the token is written in plaintext")
    gl = glpat()
    put("home/.config/glab-cli/config.yml", f"""git_protocol: ssh
editor: hx
browser:
glamour_style: dark
check_update: false
display_hyperlinks: false
host: gitlab.corvidledger.com
no_prompt: false
hosts:
    gitlab.com:
        api_protocol: https
        api_host: gitlab.com
        token:
    gitlab.corvidledger.com:
        token: {gl}
        api_host: gitlab.corvidledger.com
        git_protocol: ssh
        api_protocol: https
        user: dara
""", "GitLab glab config.yml")
    cred("home/.config/glab-cli/config.yml", gl, "gitlab", "GitLab personal access token (self-managed)", "high", "unknown",
         "§1 high: source-hosting tokens whose scopes are unknown (GitLab)", "hosts.gitlab.corvidledger.com.token, the company's self-managed GitLab (CI and Terraform state)")
    ghf = gh_fine()
    put("home/.config/git/credentials", f"https://dara-corvid:{ghf}@github.com\n", "git credential store (XDG)")
    cred("home/.config/git/credentials", ghf, "github", "fine-grained personal access token", "high", "unknown",
         "§1 high: source-hosting tokens whose scopes are unknown (GitHub)", "$XDG_CONFIG_HOME/git/credentials, written by credential.helper=store",
         parts=["dara-corvid"])
    bbt = bitbucket_access()
    put("home/.config/git/config", f"""[user]
	name = Dara Lindqvist
	email = {EMAIL}
	signingkey = ~/.ssh/id_ed25519.pub
[gpg]
	format = ssh
[commit]
	gpgsign = true
[credential]
	helper = store
[http "https://bitbucket.org/corvid-legacy/"]
	extraHeader = Authorization: Bearer {bbt}
[url "git@github.com:corvid-ledger/"]
	insteadOf = https://github.com/corvid-ledger/
""", "git config (XDG) with http.extraHeader")
    cred("home/.config/git/config", bbt, "bitbucket", "Bitbucket workspace access token (http.extraHeader)", "high", "unknown",
         "§1 high: source-hosting tokens whose scopes are unknown (Bitbucket)",
         "http.<url>.extraHeader = Authorization: Bearer <token> for the corvid-legacy workspace; value is the token after Bearer")
    hk = heroku()
    put("home/.netrc", f"""machine api.heroku.com
  login {EMAIL}
  password {hk}
machine git.heroku.com
  login {EMAIL}
  password {hk}
""", "netrc")
    cred("home/.netrc", hk, "heroku", "Heroku CLI account token", "critical", "production",
         "§3 row 'machine api.heroku.com … password <token> in ~/.netrc'; §1 critical: account-wide hosting tokens (Heroku)",
         "written by heroku login for api.heroku.com and git.heroku.com (the legacy invoice-pdf service still runs on Heroku)")

    # --- package registries ---------------------------------------------------------
    npm = npm_token()
    put("home/.npmrc", f"""//registry.npmjs.org/:_authToken={npm}
init-author-name=Dara Lindqvist
init-license=UNLICENSED
fund=false
""", "npmrc (user)")
    cred("home/.npmrc", npm, "npm", "npm access token", "high", "unknown",
         "§1 high: package-publish tokens (npm)", "registry.npmjs.org token; Dara publishes @corvid-ledger/ui on npm")
    ypw = password(24)
    put("home/.yarnrc.yml", f"""enableTelemetry: false
npmScopes:
  corvid:
    npmRegistryServer: "https://npm.corvidledger.dev"
    npmAlwaysAuth: true
    npmAuthIdent: "dara:{ypw}"
""", "Yarn Berry .yarnrc.yml (user)")
    cred("home/.yarnrc.yml", ypw, "verdaccio", "private npm registry login (npmAuthIdent)", "high", "unknown",
         "§1 high: package-publish tokens (Artifactory-like private registries)",
         "npmScopes.corvid.npmAuthIdent user:password for the internal registry npm.corvidledger.dev; value is the password", parts=["dara"])
    pyp = pypi_token()
    put("home/.config/pypoetry/auth.toml", f"""[pypi-token]
pypi = "{pyp}"
""", "Poetry auth.toml")
    cred("home/.config/pypoetry/auth.toml", pyp, "pypi", "PyPI API token", "high", "unknown",
         "§1 high: package-publish tokens (PyPI)", "pypi-token.pypi; the macaroon caveat is 'user' (every project of the account, e.g. corvid-iban)")
    dt = gldt()
    put("home/.config/pip/pip.conf", f"""[global]
index-url = https://pypi.org/simple
extra-index-url = https://corvid-pypi-read:{dt}@gitlab.corvidledger.com/api/v4/groups/12/-/packages/pypi/simple
timeout = 30
""", "pip.conf (XDG)")
    cred("home/.config/pip/pip.conf", dt, "gitlab", "GitLab deploy token (package registry pull)", "medium", "unknown",
         "§2.3 a credential known to be read-only drops one tier: source hosting / registry (high) read-only is medium",
         "ambiguous: gldt- deploy token in extra-index-url; read-only only by its username corvid-pypi-read (read_package_registry); if it also had write_package_registry it would be high",
         parts=["corvid-pypi-read"])
    crates = cio()
    put("home/.cargo/credentials.toml", f"""[registry]
token = "{crates}"
""", "Cargo credentials.toml")
    cred("home/.cargo/credentials.toml", crates, "crates.io", "crates.io API token", "high", "unknown",
         "§1 high: package-publish tokens (crates.io)", "[registry] token; Dara publishes the sepa-xml crate")
    mc_user, mc_pw, sig_id = s(8), s(44), s(8, UHEX)
    put("home/.gradle/gradle.properties", f"""org.gradle.daemon=true
org.gradle.jvmargs=-Xmx6g -XX:+UseParallelGC
org.gradle.caching=true
mavenCentralUsername={mc_user}
mavenCentralPassword={mc_pw}
signing.keyId={sig_id}
signing.secretKeyRingFile={HOMEABS}/.gnupg/secring.gpg
""", "Gradle user gradle.properties")
    cred("home/.gradle/gradle.properties", mc_pw, "sonatype", "Maven Central (Sonatype Central Portal) user token", "high", "unknown",
         "§1 high: package-publish tokens (Maven/Sonatype)", "mavenCentralUsername/mavenCentralPassword used by the vanniktech publish plugin for the Android SDK",
         parts=[mc_user])
    decoy("home/.gradle/gradle.properties", sig_id, "signing.keyId: a short PGP key id")
    nx = password(20)
    put("home/.m2/settings.xml", f"""<?xml version="1.0" encoding="UTF-8"?>
<settings xmlns="http://maven.apache.org/SETTINGS/1.2.0"
          xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
          xsi:schemaLocation="http://maven.apache.org/SETTINGS/1.2.0 https://maven.apache.org/xsd/settings-1.2.0.xsd">
  <servers>
    <server>
      <id>corvid-nexus-releases</id>
      <username>deploy-dara</username>
      <password>{nx}</password>
    </server>
    <server>
      <id>corvid-nexus-snapshots</id>
      <username>deploy-dara</username>
      <password>${{env.NEXUS_SNAPSHOTS_PASSWORD}}</password>
    </server>
  </servers>
  <mirrors>
    <mirror>
      <id>corvid-nexus</id>
      <mirrorOf>*</mirrorOf>
      <url>https://nexus.corvidledger.dev/repository/maven-public/</url>
    </mirror>
  </mirrors>
</settings>
""", "Maven settings.xml")
    cred("home/.m2/settings.xml", nx, "nexus", "Nexus deploy password (releases repository)", "high", "unknown",
         "§1 high: package-publish tokens (Maven repositories)", "server corvid-nexus-releases, user deploy-dara, plaintext (not {…}-encrypted)",
         parts=["deploy-dara"])
    decoy("home/.m2/settings.xml", "${env.NEXUS_SNAPSHOTS_PASSWORD}", "environment-variable reference")

    # --- IaC --------------------------------------------------------------------------
    tf = tfc()
    put("home/.terraformrc", f"""plugin_cache_dir = "$HOME/.terraform.d/plugin-cache"

credentials "app.terraform.io" {{
  token = "{tf}"
}}
""", "Terraform CLI .terraformrc")
    cred("home/.terraformrc", tf, "terraform-cloud", "HCP Terraform user API token", "critical", "production",
         "§1 critical: Pulumi/Terraform Cloud tokens; §2.2 an account token on a platform that hosts environments reaches production wherever found",
         "credentials \"app.terraform.io\" block; the user's teams run (and destroy) the ledger-prod workspaces")
    pul = pulumi()
    put("home/.pulumi/credentials.json", js({
        "current": "https://api.pulumi.com",
        "accessTokens": {"https://api.pulumi.com": pul},
        "accounts": {"https://api.pulumi.com": {"accessToken": pul, "username": "dara-corvid",
                                                "organizations": ["dara-corvid", "corvid-ledger"],
                                                "lastValidatedAt": "2025-06-01T08:12:44.103Z"}}}), "Pulumi credentials.json")
    cred("home/.pulumi/credentials.json", pul, "pulumi", "Pulumi Cloud access token", "critical", "production",
         "§1 critical: Pulumi/Terraform Cloud tokens; §2.2 reaches every stack of the organisations, production included",
         "accessTokens for api.pulumi.com; member of the corvid-ledger organisation (the ML infrastructure stacks)")

    # --- PaaS and hosting CLIs -------------------------------------------------------------
    rw, rw_proj, rw_env, rw_svc = uuid4(), uuid4(), uuid4(), uuid4()
    put("home/.railway/config.json", js({
        "projects": {f"{HOMEABS}/src/ledgerline/apps/dashboard": {
            "projectPath": f"{HOMEABS}/src/ledgerline/apps/dashboard", "name": "ledgerline-dashboard",
            "project": rw_proj, "environment": rw_env, "environmentName": "staging", "service": rw_svc}},
        "user": {"token": rw},
        "linkedFunctions": None}), "Railway CLI config.json")
    cred("home/.railway/config.json", rw, "railway", "Railway CLI account token", "critical", "production",
         "§3 row 'user.token in ~/.railway/config.json': the Railway CLI's login, an account token",
         "user.token; the linked directory points at the staging environment, which does not limit an account token (§2.2)")
    decoy("home/.railway/config.json", rw_proj, "project id (a UUID that is an identifier)")
    vt = vercel_legacy()
    put("home/.local/share/com.vercel.cli/auth.json", js({
        "// Note": "This is your Vercel credentials file. DO NOT SHARE!",
        "// Docs": "https://vercel.com/docs/projects/project-configuration/global-configuration#auth.json",
        "token": vt}), "Vercel CLI auth.json (XDG data)")
    cred("home/.local/share/com.vercel.cli/auth.json", vt, "vercel", "Vercel CLI token", "critical", "production",
         "§1 critical: account/workspace-wide hosting tokens (Vercel); §2.2", "token of vercel login; reaches every project and its production env vars")
    sbp = supabase_pat()
    put("home/.supabase/access-token", sbp, "Supabase CLI access-token file")
    cred("home/.supabase/access-token", sbp, "supabase", "Supabase personal access token", "critical", "production",
         "§2.2 an account-wide token on a platform that hosts environments reaches production wherever found; §1 critical (databases)",
         "plaintext fallback of supabase login (no keyring); sbp_ tokens reach every project of the user's organisations")
    dop_main, dop_sbx = do_pat(), do_pat()
    put("home/.config/doctl/config.yaml", f"""access-token: {dop_main}
auth-contexts:
  dara-sandbox: {dop_sbx}
context: default
output: text
""", "DigitalOcean doctl config.yaml")
    cred("home/.config/doctl/config.yaml", dop_main, "digitalocean", "DigitalOcean personal access token (default context)", "critical", "production",
         "§1 critical: DigitalOcean full access; §2.2 a team-wide token reaches production wherever found",
         "default context of doctl auth init for the corvid-ledger team (Spaces for invoice PDFs, managed Postgres)")
    cred("home/.config/doctl/config.yaml", dop_sbx, "digitalocean", "DigitalOcean personal access token (sandbox team)", "medium", "development",
         "§3 row 'AWS key pair under [dev], region and account of a sandbox'; §2.4 development is at most medium",
         "ambiguous: auth-context dara-sandbox, by its name a personal sandbox team; §2.2 would make a team-wide token production if the team held production, and only the context name says it does not")
    hc_prod, hc_stg = hcloud(), hcloud()
    put("home/.config/hcloud/cli.toml", f"""active_context = "ledger-staging"

[[contexts]]
  name = "ledger-prod"
  token = "{hc_prod}"

[[contexts]]
  name = "ledger-staging"
  token = "{hc_stg}"
""", "Hetzner hcloud cli.toml")
    cred("home/.config/hcloud/cli.toml", hc_prod, "hetzner", "Hetzner Cloud project API token", "critical", "production",
         "§1 critical: infrastructure tokens on production; §2.4 production keeps the tier",
         "context ledger-prod; Hetzner tokens are per project, and this one is the production project (the k3s cluster nodes)")
    cred("home/.config/hcloud/cli.toml", hc_stg, "hetzner", "Hetzner Cloud project API token", "medium", "staging",
         "§1 medium: project or environment tokens for staging; §2.4 staging is at most medium", "context ledger-staging, a per-project token")

    # --- data platforms and database clients --------------------------------------------
    sf_dev, sf_ro = password(20), password(20)
    put("home/.snowflake/connections.toml", f"""default_connection_name = "dev"

[dev]
account = "corvidledger-analytics_dev"
user = "DARA_LINDQVIST"
password = "{sf_dev}"
role = "DEVELOPER"
warehouse = "DEV_XS"
database = "LEDGER_DEV"

[prod_reporting]
account = "corvidledger-analytics"
user = "DARA_REPORTING"
password = "{sf_ro}"
role = "REPORTING_READONLY"
warehouse = "REPORTING_WH"
database = "LEDGER_PROD"
""", "Snowflake connections.toml")
    cred("home/.snowflake/connections.toml", sf_ro, "snowflake", "Snowflake password (read-only reporting role)", "high", "production",
         "§1 high: production databases read-only; §2.3 known read-only drops one tier",
         "connection prod_reporting: database LEDGER_PROD, role REPORTING_READONLY", parts=["DARA_REPORTING"])
    cred("home/.snowflake/connections.toml", sf_dev, "snowflake", "Snowflake password (development account)", "medium", "development",
         "§2.4 a development database is at most medium", "connection dev: account corvidledger-analytics_dev, database LEDGER_DEV",
         parts=["DARA_LINDQVIST"])
    dbx = dapi()
    put("home/.databrickscfg", f"""[DEFAULT]
host  = https://dbc-{hexs(8)}-{hexs(4)}.cloud.databricks.com
token = {dbx}
""", "Databricks .databrickscfg")
    cred("home/.databrickscfg", dbx, "databricks", "Databricks workspace personal access token", "critical", "unknown",
         "§1 critical: cloud and data-platform credentials of unknown environment; §2.4 unknown keeps the tier; §2.3 unknown capability is the typical token",
         "ambiguous: Databricks is not named in the rubric; a workspace PAT runs jobs and reads every table the user can (the fraud-model feature tables); the host dbc-… names no environment")
    dbt_pw = password(20)
    put("home/.dbt/profiles.yml", f"""ledger_analytics:
  target: dev
  outputs:
    dev:
      type: postgres
      host: {rds_host('analytics-dev')}
      port: 5432
      user: dbt_dara
      password: {dbt_pw}
      dbname: analytics_dev
      schema: dbt_dara
      threads: 4
    prod:
      type: postgres
      host: {rds_host('analytics-prod')}
      port: 5432
      user: dbt_prod
      password: "{{{{ env_var('DBT_PROD_PASSWORD') }}}}"
      dbname: analytics
      schema: marts
      threads: 8
""", "dbt profiles.yml")
    cred("home/.dbt/profiles.yml", dbt_pw, "postgres", "dbt development target password", "medium", "development",
         "§2.4 a development database is at most medium; §1 medium: staging/dev infrastructure",
         "outputs.dev on analytics-dev (RDS), dbname analytics_dev; the prod target reads an env var", parts=["dbt_dara"])
    decoy("home/.dbt/profiles.yml", "{{ env_var('DBT_PROD_PASSWORD') }}", "dbt env_var reference")
    pg_ro, pg_local = password(), password(16)
    put("home/.pgpass", f"""{rds_host('ledger-prod-replica')}:5432:ledger:readonly_analyst:{pg_ro}
localhost:5432:*:postgres:{pg_local}
""", "pgpass")
    cred("home/.pgpass", pg_ro, "postgres", "Postgres password (read-only role on the production replica)", "high", "production",
         "§1 high: production databases read-only; §2.3 a read-only production DB user is high, not critical",
         "host ledger-prod-replica…rds.amazonaws.com, role readonly_analyst", parts=["readonly_analyst"])
    cred("home/.pgpass", pg_local, "postgres", "local Postgres superuser password", "low", "development",
         "§3 row 'postgres://app:<pw>@localhost:5432/dev'; §2.4 localhost is low", "localhost:5432:*:postgres", parts=["postgres"])
    put("home/.psqlrc", """\\set HISTFILE ~/.psql_history- :DBNAME
\\set HISTCONTROL ignoredups
\\timing on
\\pset null '∅'
""", "psqlrc")
    pg_stg = password()
    put("home/.psql_history-ledger_staging", f"""\\du
ALTER ROLE payouts_worker WITH PASSWORD '{pg_stg}';
select status, count(*) from payout_batches group by 1;
\\q
""", "psql per-database history")
    cred("home/.psql_history-ledger_staging", pg_stg, "postgres", "Postgres role password (ALTER ROLE)", "medium", "staging",
         "§2.4 a staging database is at most medium",
         "the history file is per database (~/.psqlrc sets HISTFILE ~/.psql_history-:DBNAME), so the session was on ledger_staging",
         parts=["payouts_worker"])
    mg_ro = password()
    put("home/.mongodb/mongosh/mongosh_repl_history", "\n".join([
        "db.getUsers()",
        f'db.createUser({{ user: "metrics_ro", pwd: "{mg_ro}", roles: [ {{ role: "read", db: "ledger_prod" }} ] }})',
        "use ledger_prod",
    ]) + "\n", "mongosh REPL history")
    cred("home/.mongodb/mongosh/mongosh_repl_history", mg_ro, "mongodb", "MongoDB user password (read role)", "high", "production",
         "§1 high: production databases read-only; §2.3 known read-only drops one tier",
         "db.createUser with role read on ledger_prod after use ledger_prod (mongosh history is newest first)", parts=["metrics_ro"])

    # --- other services ------------------------------------------------------------------
    ng = ngrok()
    put("home/.config/ngrok/ngrok.yml", f"""version: "2"
authtoken: {ng}
region: eu
tunnels:
  payouts-webhooks:
    proto: http
    addr: 8080
""", "ngrok agent config (XDG, v2)")
    cred("home/.config/ngrok/ngrok.yml", ng, "ngrok", "ngrok agent authtoken", "medium", "unknown", "§1 medium: ngrok", "top-level authtoken (v2 layout)")
    hft = hf()
    put("home/.huggingface/token", hft, "Hugging Face token file (legacy path)")
    cred("home/.huggingface/token", hft, "huggingface", "Hugging Face access token", "medium", "unknown",
         "§1 medium: Hugging Face tokens", "legacy ~/.huggingface/token written by an old huggingface-cli login")
    oai = openai("proj")
    put("home/.config/fish/config.fish", f"""if status is-interactive
    starship init fish | source
    direnv hook fish | source
    zoxide init fish | source
end

fish_add_path ~/.cargo/bin ~/go/bin ~/.local/bin
set -gx GOPRIVATE 'github.com/corvid-ledger/*'
set -gx EDITOR hx
set -gx OPENAI_API_KEY {oai}

abbr -a k kubectl
abbr -a tf terraform
""", "fish config.fish")
    cred("home/.config/fish/config.fish", oai, "openai", "OpenAI project API key", "high", "unknown",
         "§1 high: LLM API keys (billing, org data)", "set -gx OPENAI_API_KEY in the login shell's config")
    return h


def build_agents_and_histories(h):
    # --- Claude Code --------------------------------------------------------------------
    c_at, c_rt = claude_oauth("oat"), claude_oauth("ort")
    put("home/.claude/.credentials.json", js({"claudeAiOauth": {
        "accessToken": c_at, "refreshToken": c_rt, "expiresAt": 1748882469000,
        "scopes": ["user:inference", "user:profile", "user:sessions:claude_code"],
        "subscriptionType": "max"}}), "Claude Code .credentials.json (Linux login)")
    cred("home/.claude/.credentials.json", c_at, "anthropic", "Claude subscription OAuth tokens", "high", "unknown",
         "§1 high: LLM API keys (billing, org data); acts as the person",
         "claudeAiOauth access and refresh tokens of the Claude Code login (plaintext on Linux); sk-ant-oat01/ort01 shapes are guesses (?)",
         parts=[c_rt])
    orr = openrouter()
    put("home/.claude/settings.json", js({
        "env": {"ANTHROPIC_BASE_URL": "https://openrouter.ai/api", "ANTHROPIC_AUTH_TOKEN": orr,
                "ANTHROPIC_MODEL": "anthropic/claude-sonnet-4", "DISABLE_TELEMETRY": "1"},
        "permissions": {"allow": ["Bash(go test:*)", "Bash(cargo test:*)", "Bash(make lint)"],
                        "deny": ["Read(./.env.production)", "Read(~/.aws/**)"]},
        "includeCoAuthoredBy": False}), "Claude Code user settings.json")
    cred("home/.claude/settings.json", orr, "openrouter", "OpenRouter API key (ANTHROPIC_AUTH_TOKEN)", "high", "unknown",
         "§1 high: LLM API keys (billing)", "env.ANTHROPIC_AUTH_TOKEN with ANTHROPIC_BASE_URL=https://openrouter.ai/api; prepaid credits of the team account")
    pg_mcp, user_id = password(), hexs(64)
    stg_db_host = rds_host("ledger-staging", cluster=True)
    put("home/.claude.json", js({
        "numStartups": 87, "installMethod": "npm-global", "autoUpdates": False, "userID": user_id,
        "hasCompletedOnboarding": True, "lastOnboardingVersion": "1.0.51",
        "mcpServers": {"pg-staging": {"type": "stdio", "command": "npx",
                                      "args": ["-y", "@modelcontextprotocol/server-postgres",
                                               f"postgresql://ledger_app:{pg_mcp}@{stg_db_host}:5432/ledger"],
                                      "env": {}}},
        "projects": {f"{HOMEABS}/src/ledgerline": {"allowedTools": [], "hasTrustDialogAccepted": True,
                                                   "mcpServers": {}, "enabledMcpjsonServers": ["postgres-local"]}}}),
        "Claude Code user state (~/.claude.json)")
    cred("home/.claude.json", pg_mcp, "postgres", "Postgres password (MCP server args)", "medium", "staging",
         "§2.4 a staging database is at most medium; §1 medium: staging databases",
         "user-scope mcpServers.pg-staging passes postgresql://ledger_app:<pw>@ledger-staging…rds.amazonaws.com/ledger in args",
         parts=["ledger_app"])
    decoy("home/.claude.json", user_id, "userID: an anonymous installation hash")
    xb = slack_bot()
    sess = uuid4()
    tr = f"home/.claude/projects/-home-dara-src-ledgerline/{sess}.jsonl"
    tool_id = "toolu_01" + s(22)
    lines = [
        {"type": "user", "sessionId": sess, "cwd": f"{HOMEABS}/src/ledgerline", "timestamp": "2025-05-30T13:02:11.412Z",
         "uuid": uuid4(), "message": {"role": "user", "content": "the notifier in staging stopped posting to #payout-alerts, can you check which Slack token it has?"}},
        {"type": "assistant", "sessionId": sess, "timestamp": "2025-05-30T13:02:19.008Z", "uuid": uuid4(),
         "message": {"role": "assistant", "content": [
             {"type": "text", "text": "I'll read the token from the cluster secret and test it with auth.test."},
             {"type": "tool_use", "id": tool_id, "name": "Bash",
              "input": {"command": "kubectl -n ledger get secret notifier-slack -o jsonpath='{.data.SLACK_BOT_TOKEN}' | base64 -d",
                        "description": "Read the notifier Slack token"}}]}},
        {"type": "user", "sessionId": sess, "timestamp": "2025-05-30T13:02:24.771Z", "uuid": uuid4(),
         "message": {"role": "user", "content": [{"type": "tool_result", "tool_use_id": tool_id, "content": xb, "is_error": False}]}},
        {"type": "assistant", "sessionId": sess, "timestamp": "2025-05-30T13:02:31.195Z", "uuid": uuid4(),
         "message": {"role": "assistant", "content": [{"type": "text", "text": "The bot token is present; next I'll call auth.test."}]}},
    ]
    put(tr, "".join(json.dumps(x) + "\n" for x in lines), "Claude Code session transcript (jsonl)")
    cred(tr, xb, "slack", "Slack bot token (printed in a tool result)", "high", "unknown",
         "§1 high: chat bot/user tokens (Slack xoxb); §2.4 a Slack token is not capped by the file's environment",
         "the agent printed the notifier's SLACK_BOT_TOKEN from a cluster secret; the transcript keeps it")

    # --- Cursor, Codex, Gemini, Windsurf, Continue, Zed, Cline, VS Code, Aider ----------------
    lin = linear()
    put("home/.cursor/mcp.json", js({"mcpServers": {
        "linear": {"command": "npx", "args": ["-y", "@tacticlaunch/mcp-linear"], "env": {"LINEAR_API_KEY": lin}}}}),
        "Cursor mcp.json (user)")
    cred("home/.cursor/mcp.json", lin, "linear", "Linear personal API key", "medium", "unknown",
         "§1 medium: issue trackers and docs (Linear)", "mcpServers.linear.env.LINEAR_API_KEY")
    cx = openai("svcacct")
    put("home/.codex/auth.json", js({"OPENAI_API_KEY": cx, "tokens": None, "last_refresh": None}), "Codex CLI auth.json")
    cred("home/.codex/auth.json", cx, "openai", "OpenAI service-account API key", "high", "unknown",
         "§1 high: LLM API keys", "OPENAI_API_KEY written by codex login --api-key (a service-account key of the platform project)")
    gsa = grafana_sa()
    put("home/.codex/config.toml", f"""model = "gpt-5-codex"
approval_policy = "on-request"
sandbox_mode = "workspace-write"

[projects."{HOMEABS}/src/ledgerline"]
trust_level = "trusted"

[mcp_servers.grafana]
command = "mcp-grafana"
args = ["-t", "stdio"]
env = {{ GRAFANA_URL = "https://corvid.grafana.net", GRAFANA_API_KEY = "{gsa}" }}
""", "Codex CLI config.toml")
    cred("home/.codex/config.toml", gsa, "grafana", "Grafana service-account token", "medium", "unknown",
         "§1 medium: observability (Grafana)", "mcp_servers.grafana.env.GRAFANA_API_KEY for corvid.grafana.net")
    g_at, g_rt = google_access(), google_refresh()
    put("home/.gemini/oauth_creds.json", js({
        "access_token": g_at,
        "scope": "https://www.googleapis.com/auth/cloud-platform https://www.googleapis.com/auth/userinfo.profile https://www.googleapis.com/auth/userinfo.email openid",
        "token_type": "Bearer",
        "id_token": jwt({"alg": "RS256", "kid": hexs(40), "typ": "JWT"},
                        {"iss": "https://accounts.google.com", "azp": digits(12) + "-" + s(32, LOWER_ALNUM) + ".apps.googleusercontent.com",
                         "email": EMAIL, "email_verified": True, "iat": 1748853669, "exp": 1748857269}),
        "expiry_date": 1748857268114,
        "refresh_token": g_rt}), "Gemini CLI oauth_creds.json")
    cred("home/.gemini/oauth_creds.json", g_rt, "gcp", "Google OAuth refresh token (Gemini CLI login, cloud-platform scope)", "critical", "unknown",
         "§1 critical: cloud credentials of unknown account (GCP); §2.4 unknown keeps the tier",
         "ambiguous: the token was minted for Gemini CLI but its scope is cloud-platform, so it acts as the user on every GCP project their roles reach (corvid-ml-prod included); ranked as a GCP user credential, not as an LLM key",
         parts=[g_at])
    put("home/.gemini/settings.json", js({"theme": "Default", "selectedAuthType": "oauth-personal",
                                          "mcpServers": {"github": {"httpUrl": "https://api.githubcopilot.com/mcp/",
                                                                    "headers": {"Authorization": "Bearer $GITHUB_MCP_PAT"}}}}),
        "Gemini CLI settings.json")
    decoy("home/.gemini/settings.json", "$GITHUB_MCP_PAT", "environment-variable reference")
    fcr = firecrawl()
    put("home/.codeium/windsurf/mcp_config.json", js({"mcpServers": {
        "firecrawl": {"command": "npx", "args": ["-y", "firecrawl-mcp"], "env": {"FIRECRAWL_API_KEY": fcr}},
        "github": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-github"],
                   "env": {"GITHUB_PERSONAL_ACCESS_TOKEN": "${env:GITHUB_PAT}"}}}}), "Windsurf mcp_config.json")
    cred("home/.codeium/windsurf/mcp_config.json", fcr, "firecrawl", "Firecrawl API key", "medium", "unknown",
         "§2.1 single-purpose SaaS reaches medium", "mcpServers.firecrawl.env.FIRECRAWL_API_KEY (web scraping credits)")
    decoy("home/.codeium/windsurf/mcp_config.json", "${env:GITHUB_PAT}", "Windsurf env interpolation, not a value")
    cant = anthropic()
    put("home/.continue/.env", f"ANTHROPIC_API_KEY={cant}\n", "Continue secrets .env")
    put("home/.continue/config.yaml", """name: dara
version: 1.0.0
schema: v1
models:
  - name: Claude Sonnet
    provider: anthropic
    model: claude-sonnet-4-20250514
    apiKey: ${{ secrets.ANTHROPIC_API_KEY }}
    roles:
      - chat
      - edit
  - name: Qwen local
    provider: ollama
    model: qwen2.5-coder:7b
    roles:
      - autocomplete
""", "Continue config.yaml")
    cred("home/.continue/.env", cant, "anthropic", "Anthropic API key", "high", "unknown",
         "§1 high: LLM API keys", "ANTHROPIC_API_KEY resolved by ${{ secrets.ANTHROPIC_API_KEY }} in config.yaml")
    decoy("home/.continue/config.yaml", "${{ secrets.ANTHROPIC_API_KEY }}", "Continue secret reference")
    phx = posthog("phx_")
    put("home/.config/zed/settings.json", f"""// Zed settings
//
// For information on how to configure Zed, see the Zed
// documentation: https://zed.dev/docs/configuring-zed
{{
  "theme": "One Dark",
  "buffer_font_size": 14,
  "vim_mode": true,
  "context_servers": {{
    "posthog": {{
      "command": {{
        "path": "npx",
        "args": ["-y", "mcp-remote@latest", "https://mcp.posthog.com/sse", "--header", "Authorization:${{POSTHOG_AUTH_HEADER}}"],
        "env": {{ "POSTHOG_AUTH_HEADER": "Bearer {phx}" }}
      }}
    }}
  }}
}}
""", "Zed settings.json (JSON with comments)")
    cred("home/.config/zed/settings.json", phx, "posthog", "PostHog personal API key", "medium", "unknown",
         "§1 medium: product analytics (PostHog)", "context_servers.posthog env POSTHOG_AUTH_HEADER = Bearer <key>; value is the key after Bearer")
    rkl = stripe("rk_live_")
    cline = "home/.config/Code/User/globalStorage/saoudrizwan.claude-dev/settings/cline_mcp_settings.json"
    put(cline, js({"mcpServers": {"stripe": {"command": "npx", "args": ["-y", "@stripe/mcp", "--tools=all", f"--api-key={rkl}"],
                                             "disabled": False, "autoApprove": []}}}), "Cline MCP settings (VS Code globalStorage)")
    cred(cline, rkl, "stripe", "restricted live key (Stripe MCP)", "critical", "production",
         "§1 critical: live payment secret keys (rk_live) that can write; §2.4 live mode is production",
         "--api-key=rk_live_… with --tools=all (refunds, payment links, customers): the restricted key was minted for the MCP server with write access")
    jira = atlassian()
    put("home/.config/Code/User/mcp.json", js({
        "servers": {
            "atlassian": {"type": "stdio", "command": "uvx", "args": ["mcp-atlassian"],
                          "env": {"JIRA_URL": "https://corvidledger.atlassian.net", "JIRA_USERNAME": EMAIL, "JIRA_API_TOKEN": jira,
                                  "CONFLUENCE_URL": "https://corvidledger.atlassian.net/wiki"}},
            "github": {"type": "http", "url": "https://api.githubcopilot.com/mcp/",
                       "headers": {"Authorization": "Bearer ${input:github-pat}"}}},
        "inputs": [{"type": "promptString", "id": "github-pat", "description": "GitHub personal access token", "password": True}]}),
        "VS Code user mcp.json")
    cred("home/.config/Code/User/mcp.json", jira, "atlassian", "Atlassian API token (Jira and Confluence)", "medium", "unknown",
         "§1 medium: issue trackers and docs (Atlassian)", "servers.atlassian.env.JIRA_API_TOKEN with the user's email", parts=[EMAIL])
    decoy("home/.config/Code/User/mcp.json", "${input:github-pat}", "VS Code input reference (the value lives in SecretStorage)")
    dsk = deepseek()
    put("home/.aider.conf.yml", f"""model: deepseek/deepseek-chat
api-key:
  - deepseek={dsk}
auto-commits: false
dark-mode: true
""", "Aider .aider.conf.yml (home)")
    cred("home/.aider.conf.yml", dsk, "deepseek", "DeepSeek API key", "high", "unknown",
         "§1 high: LLM API keys", "api-key list entry deepseek=<key>; value is the key")

    # --- SSH and GPG ------------------------------------------------------------------------
    ed, ed_pub = openssh_ed25519(EMAIL)
    put("home/.ssh/id_ed25519", ed, "SSH private key")
    put("home/.ssh/id_ed25519.pub", ed_pub + "\n", "SSH public key")
    cred("home/.ssh/id_ed25519", ed, "ssh", "unencrypted OpenSSH ed25519 key", "high", "unknown",
         "§1 high: unencrypted SSH or signing private keys", "kdfname none; also the git commit signing key (gpg.format ssh)")
    decoy("home/.ssh/id_ed25519.pub", ed_pub.split()[1], "public key")
    dep = rsa_pkcs8_pem(2048)
    put("home/.ssh/ledger-prod-deploy", dep, "SSH private key")
    cred("home/.ssh/ledger-prod-deploy", dep, "ssh", "unencrypted RSA private key (PKCS#8)", "high", "production",
         "§1 high: unencrypted SSH private keys (the class tops out at high)",
         "BEGIN PRIVATE KEY, no encryption; the file name and ~/.ssh/config say it logs in as deploy on the production hosts")
    old = ec_sec1_encrypted_pem()
    put("home/.ssh/id_ecdsa_2019", old, "SSH private key")
    cred("home/.ssh/id_ecdsa_2019", old, "ssh", "passphrase-protected EC private key (traditional PEM)", "low", "unknown",
         "§1 low: encrypted private keys (passphrase-protected)", "Proc-Type: 4,ENCRYPTED with DEK-Info AES-128-CBC")
    hostkey = b64(_sshstr(b"ssh-ed25519") + _sshstr(rbytes(32)))
    put("home/.ssh/known_hosts", f"bastion.prod.corvid.internal ssh-ed25519 {hostkey}\ngithub.com ssh-ed25519 {b64(_sshstr(b'ssh-ed25519') + _sshstr(rbytes(32)))}\n",
        "SSH known_hosts")
    decoy("home/.ssh/known_hosts", hostkey, "host public key")
    put("home/.ssh/config", """Host bastion-prod
    HostName bastion.prod.corvid.internal
    User deploy
    IdentityFile ~/.ssh/ledger-prod-deploy

Host *.prod.corvid.internal
    ProxyJump bastion-prod
    User deploy
    IdentityFile ~/.ssh/ledger-prod-deploy

Host *
    IdentityFile ~/.ssh/id_ed25519
    AddKeysToAgent yes
""", "SSH client config")
    grip = s(40, UHEX)
    gk = gpg_protected_key()
    put(f"home/.gnupg/private-keys-v1.d/{grip}.key", gk, "GnuPG private key (extended key format)")
    cred(f"home/.gnupg/private-keys-v1.d/{grip}.key", gk, "gpg", "passphrase-protected OpenPGP secret key", "low", "unknown",
         "§1 low: encrypted private keys (passphrase-protected)", "protected-private-key with openpgp-s2k3-ocb-aes", optional=True)

    # --- shell histories ----------------------------------------------------------------------
    vt, my_pw = vault_token(), password(16)
    put("home/.bash_history", f"""#1748502011
toolbox enter fedora-toolbox-40
#1748502040
export VAULT_ADDR=https://vault.prod.corvid.internal:8200
#1748502052
vault login {vt}
#1748502090
vault kv get -field=api_key secret/ledger/prod/adyen
#1748502244
mysql -h 127.0.0.1 -P 3307 -u root -p{my_pw} corvid_legacy_dev
#1748502301
exit
""", "bash history (HISTTIMEFORMAT timestamps)")
    cred("home/.bash_history", vt, "vault", "Vault token (production Vault)", "critical", "production",
         "§1 critical: secrets-manager tokens; §2.5 ranked by the production secrets it reads",
         "vault login <token> right after export VAULT_ADDR=https://vault.prod.corvid.internal:8200, then a read of secret/ledger/prod/adyen")
    cred("home/.bash_history", my_pw, "mysql", "local MySQL root password", "low", "development",
         "§2.4 local-only (localhost) is low", "mysql -h 127.0.0.1 … -p<pw> corvid_legacy_dev", parts=["root"])
    skt, pl_id, pl_sb, nrak, pw_owner = stripe("sk_test_"), hexs(24), hexs(30), newrelic_user(), password()
    prod_host = rds_host("ledger-prod", cluster=True)
    h["prod_host"] = prod_host
    fish = [
        ("cd ~/src/ledgerline", 1748590001, ["~/src/ledgerline"]),
        (f"stripe listen --api-key {skt} --forward-to localhost:8080/webhooks/stripe", 1748590100, []),
        (f"env PLAID_ENV=sandbox PLAID_CLIENT_ID={pl_id} PLAID_SECRET={pl_sb} go run ./cmd/plaid-link-demo", 1748590400, ["./cmd/plaid-link-demo"]),
        (f"curl -s https://api.eu.newrelic.com/graphql -H 'API-Key: {nrak}' -H 'Content-Type: application/json' -d '{{\"query\":\"{{ actor {{ user {{ email }} }} }}\"}}'", 1748591002, []),
        (f"psql \"postgresql://ledger_owner:{pw_owner}@{prod_host}:5432/ledger?sslmode=require\"", 1748591900, []),
        ("git switch -c fix/payout-retry", 1748592000, []),
    ]
    out = []
    for cmd, when, paths in fish:
        out.append(f"- cmd: {cmd}\n  when: {when}\n")
        if paths:
            out.append("  paths:\n" + "".join(f"    - {p}\n" for p in paths))
    put("home/.local/share/fish/fish_history", "".join(out), "fish history")
    fh = "home/.local/share/fish/fish_history"
    cred(fh, skt, "stripe", "test-mode secret key", "low", "test", "§3 row 'sk_test_…'", "stripe listen --api-key sk_test_…")
    cred(fh, pl_sb, "plaid", "Plaid sandbox secret", "low", "test", "§1 low: test-mode keys",
         "PLAID_ENV=sandbox on the same command line; Plaid sandbox reaches no real bank data", parts=[pl_id])
    cred(fh, nrak, "newrelic", "New Relic user API key", "medium", "unknown", "§1 medium: observability (New Relic)",
         "curl -H 'API-Key: NRAK-…' to the EU NerdGraph endpoint")
    cred(fh, pw_owner, "postgres", "production Postgres owner password (connection URL)", "critical", "production",
         "§1 critical: production database credentials that can write; §3 row 'prod-db…:5432:rentals:app_admin:<pw>'",
         "psql to ledger-prod.cluster-…rds.amazonaws.com as ledger_owner (owns the schema)", parts=["ledger_owner"])
    oadm = openai("admin")
    put("home/.python_history", "\n".join([
        "import httpx",
        f'ADMIN = "{oadm}"',
        'r = httpx.get("https://api.openai.com/v1/organization/users?limit=100", headers={"Authorization": f"Bearer {ADMIN}"})',
        "[u['email'] for u in r.json()['data']]",
        "exit()",
    ]) + "\n", "python REPL history (readline)")
    cred("home/.python_history", oadm, "openai", "OpenAI admin API key", "critical", "unknown",
         "§1 critical: provider admin keys (OpenAI admin)", "sk-admin- key sent to /v1/organization/users")
    rs = resend()
    put("home/.node_repl_history", "\n".join([
        "await resend.emails.send({ from: 'billing@corvidledger.com', to: 'dara@corvidledger.com', subject: 'payout receipt test', html: '<p>ok</p>' })",
        f"const resend = new Resend('{rs}')",
        "const { Resend } = require('resend')",
    ]) + "\n", "node REPL history")
    cred("home/.node_repl_history", rs, "resend", "Resend API key", "high", "unknown",
         "§1 high: email senders (phishing from your domain)", "new Resend('re_…') then a send from billing@corvidledger.com (node history is newest first)")


def build_workspace(h):
    # --- root dotenv family, direnv, Nix ------------------------------------------------------
    pw_dev, xb_dev = password(), slack_bot()
    put(w(".env"), f"""# local development: docker compose up -d && make run
APP_ENV=development
POSTGRES_PASSWORD={pw_dev}
DATABASE_URL=postgres://ledger:{pw_dev}@localhost:5432/ledger_dev?sslmode=disable
KAFKA_BROKERS=localhost:19092
SLACK_BOT_TOKEN={xb_dev}
SLACK_ALERTS_CHANNEL=#ledger-dev-alerts
""", "dotenv file (.env, .env.<environment>, .env.local)", "Go")
    cred(w(".env"), pw_dev, "postgres", "local Postgres password", "low", "development",
         "§3 row 'postgres://app:<pw>@localhost:5432/dev'; §2.4 localhost is low",
         "POSTGRES_PASSWORD and DATABASE_URL on localhost; the project .mcp.json passes the same URL to an MCP server",
         parts=["ledger"], also=[w(".mcp.json")])
    cred(w(".env"), xb_dev, "slack", "Slack bot token", "high", "development",
         "§1 high: chat bot tokens (Slack xoxb); §2.4 a Slack token reaches the same workspace whatever file it sits in",
         "the file says local development, so the environment is development, but the bot posts in the company workspace: not capped")
    put(w(".env.example"), """# copy to .env and fill in (see docs/onboarding.md)
POSTGRES_PASSWORD=changeme
SLACK_BOT_TOKEN=xoxb-your-bot-token
PLAID_SECRET=<plaid-sandbox-secret>
ADYEN_API_KEY=${ADYEN_API_KEY}
""", "dotenv template (.env.example)")
    for v, why in [("changeme", "placeholder password"), ("xoxb-your-bot-token", "placeholder with the provider prefix"),
                   ("<plaid-sandbox-secret>", "placeholder"), ("${ADYEN_API_KEY}", "variable reference, not a value")]:
        decoy(w(".env.example"), v, why)
    rw_proj_tok, rw_api_tok, sb_ref = uuid4(), uuid4(), s(20, "abcdefghijklmnopqrstuvwxyz")
    sb_anon = jwt({"alg": "HS256", "typ": "JWT"}, {"iss": "supabase", "ref": sb_ref, "role": "anon", "iat": 1730000000, "exp": 2045576000}, 32)
    sb_srv = jwt({"alg": "HS256", "typ": "JWT"}, {"iss": "supabase", "ref": sb_ref, "role": "service_role", "iat": 1730000000, "exp": 2045576000}, 32)
    put(w(".env.staging"), f"""# staging: railway up --environment staging (apps/dashboard)
RAILWAY_TOKEN={rw_proj_tok}
# account token for scripts/railway-clone-env.sh (copies variables between environments)
RAILWAY_API_TOKEN={rw_api_tok}
NEXT_PUBLIC_SUPABASE_URL=https://{sb_ref}.supabase.co
NEXT_PUBLIC_SUPABASE_ANON_KEY={sb_anon}
SUPABASE_SERVICE_ROLE_KEY={sb_srv}
""", "dotenv file (.env, .env.<environment>, .env.local)", "Node/TypeScript")
    es = w(".env.staging")
    cred(es, rw_proj_tok, "railway", "Railway project token (staging environment)", "medium", "staging",
         "§3 row 'RAILWAY_TOKEN=<uuid> in .env.staging': a project token for one staging environment", "RAILWAY_TOKEN in .env.staging")
    cred(es, rw_api_tok, "railway", "Railway account token", "critical", "production",
         "§3 row 'RAILWAY_API_TOKEN=<uuid> in .env.staging': an account token reaches production though found in staging; §2.2",
         "RAILWAY_API_TOKEN; the comment says it copies variables between environments")
    cred(es, sb_srv, "supabase", "Supabase service_role key (staging project)", "medium", "staging",
         "§2.4 a staging database is at most medium; §1 medium: staging databases",
         "JWT role service_role (bypasses row-level security) for the project in .env.staging")
    cred(es, sb_anon, "supabase", "Supabase anon key", "low", "staging",
         "§1 low: publishable or public-by-design keys (Supabase anon)", "NEXT_PUBLIC_SUPABASE_ANON_KEY, JWT role anon", optional=True)
    ist = infisical_st()
    put(w(".envrc"), f"""use flake
# settlement-engine reads its secrets through Infisical (project ledger, environment prod) for `make replay-prod`
export INFISICAL_TOKEN={ist}
export INFISICAL_ENV=prod
dotenv_if_exists .env
""", "direnv .envrc", "Nix")
    cred(w(".envrc"), ist, "infisical", "Infisical service token (prod environment)", "critical", "production",
         "§1 critical: secrets-manager tokens (Infisical); §2.5 production secret stores are critical",
         "INFISICAL_ENV=prod and the comment name the production environment; st. shape is a guess (?)")
    nar = "sha256-" + b64(rbytes(32))
    put(w("flake.lock"), js({"nodes": {"nixpkgs": {"locked": {"lastModified": 1748370509, "narHash": nar,
                                                           "owner": "NixOS", "repo": "nixpkgs", "rev": hexs(40), "type": "github"},
                                                "original": {"owner": "NixOS", "ref": "nixos-24.11", "repo": "nixpkgs", "type": "github"}},
                                    "root": {"inputs": {"nixpkgs": "nixpkgs"}}}, "root": "root", "version": 7}), "Nix flake.lock", "Nix")
    decoy(w("flake.lock"), nar, "Nix narHash")

    # --- Go: payouts-api ----------------------------------------------------------------------
    pl_id, pl_sec = hexs(24), hexs(30)
    gp = "services/payouts-api"
    put(w(f"{gp}/config/config.prod.yaml"), f"""env: production
http:
  addr: ":8080"
database:
  dsn: ${{PAYOUTS_DB_DSN}}
plaid:
  env: production
  client_id: {pl_id}
  secret: {pl_sec}
  webhook_url: https://api.corvidledger.com/webhooks/plaid
""", "Go service YAML config", "Go")
    cred(w(f"{gp}/config/config.prod.yaml"), pl_sec, "plaid", "Plaid production secret", "critical", "production",
         "§1 critical: moves money or exfiltrates production data in one step (payments class); §2.4 production keeps the tier",
         "ambiguous: Plaid is not named in the rubric; with the client_id a production secret reads every linked bank account and starts Transfer payouts, so ranked with live payment keys; plaid.env: production",
         parts=[pl_id])
    decoy(w(f"{gp}/config/config.prod.yaml"), "${PAYOUTS_DB_DSN}", "environment-variable reference")
    wise = uuid4()
    put(w(f"{gp}/config/config.dev.yaml"), f"""env: development
http:
  addr: "127.0.0.1:8080"
wise:
  base_url: https://api.sandbox.transferwise.tech
  api_token: {wise}
  profile_id: {digits(8)}
""", "Go service YAML config", "Go")
    cred(w(f"{gp}/config/config.dev.yaml"), wise, "wise", "Wise sandbox API token", "low", "test",
         "§1 low: test-mode keys", "wise.base_url is the Wise sandbox (api.sandbox.transferwise.tech); no real money moves")
    tsk = s(48)
    put(w(f"{gp}/internal/auth/jwt_test.go"), f"""package auth

import (
	"testing"
	"time"
)

// testSigningKey signs the tokens built in these tests only.
var testSigningKey = []byte("{tsk}")

func TestIssueAndVerify(t *testing.T) {{
	tok, err := Issue(testSigningKey, "acct_test_42", time.Minute)
	if err != nil {{
		t.Fatal(err)
	}}
	if _, err := Verify(testSigningKey, tok); err != nil {{
		t.Fatalf("verify: %v", err)
	}}
}}
""", "Go test source", "Go")
    cred(w(f"{gp}/internal/auth/jwt_test.go"), tsk, "payouts-api", "JWT signing key in a unit test", "low", "test",
         "§1 low: values in test fixtures", "a _test.go file; the comment says the key signs test tokens only")
    h1 = "h1:" + b64(rbytes(32))
    put(w(f"{gp}/go.sum"), f"""github.com/plaid/plaid-go/v29 v29.0.0 {h1}
github.com/plaid/plaid-go/v29 v29.0.0/go.mod h1:{b64(rbytes(32))}
""", "Go go.sum", "Go")
    decoy(w(f"{gp}/go.sum"), h1, "module hash")

    # --- Rust: settlement engine --------------------------------------------------------------
    ady, ady_hmac, pw_settle = adyen_api_key(), s(64, UHEX), password(28)
    rp = "engines/settlement"
    put(w(f"{rp}/config/production.toml"), f"""[server]
bind = "0.0.0.0:7070"

[database]
url = "postgres://settlement:{pw_settle}@{h['prod_host']}:5432/ledger?sslmode=verify-full"
max_connections = 32

[adyen]
environment = "live"
live_endpoint_url_prefix = "{hexs(16)}-CorvidLedger"
merchant_account = "CorvidLedgerEU"
api_key = "{ady}"
hmac_key = "{ady_hmac}"
""", "Rust service TOML config", "Rust")
    rpf = w(f"{rp}/config/production.toml")
    cred(rpf, ady, "adyen", "Adyen live API key", "critical", "production",
         "§1 critical: live payment secret keys that can write; §2.4 production keeps the tier",
         "[adyen] environment = live in config/production.toml; the key drives payouts (shape is a guess (?))")
    cred(rpf, pw_settle, "postgres", "production Postgres password (service config)", "critical", "production",
         "§1 critical: production database credentials that can write; §2.4 production keeps the tier",
         "[database] url in config/production.toml on the Aurora endpoint ledger-prod.cluster-…; the settlement role writes ledger entries",
         parts=["settlement"])
    cred(rpf, ady_hmac, "adyen", "Adyen webhook HMAC key", "high", "production",
         "§1 high: production webhook signing secrets", "hmac_key of the live merchant account's notification webhook")
    pw_sqlx = password(16)
    put(w(f"{rp}/.cargo/config.toml"), f"""[env]
DATABASE_URL = "postgres://settlement:{pw_sqlx}@localhost:5433/settlement_test"
SQLX_OFFLINE = "false"

[registries.corvid]
index = "sparse+https://cargo.corvidledger.dev/api/v1/crates/"
""", "Cargo project config.toml", "Rust")
    cred(w(f"{rp}/.cargo/config.toml"), pw_sqlx, "postgres", "test database password (sqlx compile-time checks)", "low", "test",
         "§2.4 local-only and test are low", "[env] DATABASE_URL on localhost:5433, database settlement_test", parts=["settlement"])
    ck = hexs(64)
    put(w(f"{rp}/Cargo.lock"), f"""# This file is automatically @generated by Cargo.
# It is not intended for manual editing.
version = 4

[[package]]
name = "hmac"
version = "0.12.1"
source = "registry+https://github.com/rust-lang/crates.io-index"
checksum = "{ck}"
""", "Cargo.lock", "Rust")
    decoy(w(f"{rp}/Cargo.lock"), ck, "crate checksum (SHA-256)")
    tpem = rsa_pkcs1_pem(2048)
    put(w(f"{rp}/tests/fixtures/sepa-test-signing.pem"), tpem, "PEM private key (test fixture)", "Rust")
    cred(w(f"{rp}/tests/fixtures/sepa-test-signing.pem"), tpem, "settlement", "RSA private key in test fixtures", "low", "test",
         "§1 low: values in test fixtures", "tests/fixtures of the settlement engine (signs sample pain.001 files)")

    # --- Terraform ----------------------------------------------------------------------------
    glc = grafana_cloud("corvid")
    put(w("infra/envs/prod/observability.auto.tfvars"), f"""grafana_url                = "https://corvid.grafana.net"
grafana_cloud_stack        = "corvid"
grafana_cloud_access_token = "{glc}"
""", "Terraform tfvars", "Terraform")
    cred(w("infra/envs/prod/observability.auto.tfvars"), glc, "grafana", "Grafana Cloud access-policy token", "medium", "production",
         "§1 medium: observability (Grafana); the class ceiling does not rise in production", "envs/prod tfvars for the grafana provider; glc_ shape is a guess (?)")
    lh = "h1:" + b64(rbytes(32))
    put(w("infra/envs/prod/.terraform.lock.hcl"), f"""provider "registry.terraform.io/hetznercloud/hcloud" {{
  version     = "1.51.0"
  constraints = "~> 1.51"
  hashes = [
    "{lh}",
    "zh:{hexs(64)}",
  ]
}}
""", "Terraform lock file", "Terraform")
    decoy(w("infra/envs/prod/.terraform.lock.hcl"), lh, "provider package hash")
    pw_tf, lineage = password(32), uuid4()
    put(w("infra/envs/staging/terraform.tfstate"), js({
        "version": 4, "terraform_version": "1.9.8", "serial": 112, "lineage": lineage, "outputs": {},
        "resources": [{"mode": "managed", "type": "aws_db_instance", "name": "ledger",
                       "provider": "provider[\"registry.terraform.io/hashicorp/aws\"]",
                       "instances": [{"schema_version": 2, "attributes": {
                           "identifier": "ledger-staging", "engine": "postgres", "engine_version": "16.3",
                           "instance_class": "db.t4g.medium", "username": "ledger_admin", "password": pw_tf,
                           "address": rds_host("ledger-staging"), "port": 5432},
                           "sensitive_attributes": [[{"type": "get_attr", "value": "password"}]]}]}],
        "check_results": None}), "Terraform state", "Terraform")
    cred(w("infra/envs/staging/terraform.tfstate"), pw_tf, "aws-rds", "RDS master password (in state)", "medium", "staging",
         "§2.4 a staging database is at most medium", "aws_db_instance.ledger, identifier ledger-staging, master user ledger_admin",
         parts=["ledger_admin"])
    decoy(w("infra/envs/staging/terraform.tfstate"), lineage, "state lineage UUID")

    # --- Android (Kotlin, Gradle) ------------------------------------------------------------
    maps = aiza()
    put(w("android/local.properties"), f"""## This file must *NOT* be checked into Version Control Systems,
# as it contains information specific to your local configuration.
sdk.dir={HOMEABS}/Android/Sdk
MAPS_API_KEY={maps}
""", "Android local.properties", "Kotlin/Android")
    cred(w("android/local.properties"), maps, "google-maps", "Google Maps SDK for Android key", "low", "unknown",
         "§1 low: publishable or public-by-design keys",
         "read into the manifest and shipped inside the APK (restricted to the app's package and signature)", optional=True)
    sorg = sentry_org("corvid-ledger")
    put(w("android/sentry.properties"), f"""defaults.url=https://sentry.io/
defaults.org=corvid-ledger
defaults.project=ledger-android
auth.token={sorg}
""", "Sentry sentry.properties", "Kotlin/Android")
    cred(w("android/sentry.properties"), sorg, "sentry", "Sentry organization auth token", "medium", "unknown",
         "§1 medium: observability; §3 row 'SENTRY_AUTH_TOKEN=sntrys_…'", "auth.token used by the Gradle plugin to upload ProGuard mappings")
    fb, pnum = aiza(), digits(12)
    put(w("android/app/src/prod/google-services.json"), js({
        "project_info": {"project_number": pnum, "project_id": "corvid-ledger-prod", "storage_bucket": "corvid-ledger-prod.appspot.com"},
        "client": [{"client_info": {"mobilesdk_app_id": f"1:{pnum}:android:{hexs(16)}",
                                    "android_client_info": {"package_name": "com.corvidledger.app"}},
                    "oauth_client": [], "api_key": [{"current_key": fb}],
                    "services": {"appinvite_service": {"other_platform_oauth_client": []}}}],
        "configuration_version": "1"}), "Firebase google-services.json", "Kotlin/Android")
    cred(w("android/app/src/prod/google-services.json"), fb, "firebase", "Firebase Android config API key", "low", "production",
         "§1 low: publishable or public-by-design keys (Firebase config)", "api_key.current_key of the prod flavour (project corvid-ledger-prod)", optional=True)
    decoy(w("android/app/src/prod/google-services.json"), pnum, "project_number (an identifier)")

    # --- Kotlin JVM: notifier (Spring Boot) -----------------------------------------------------
    np_pw, pm = password(), uuid4()
    nres = "services/notifier/src/main/resources"
    put(w(f"{nres}/application-staging.properties"), f"""spring.datasource.url=jdbc:postgresql://{rds_host('notifier-staging')}:5432/notifier
spring.datasource.username=notifier
spring.datasource.password={np_pw}
postmark.server-token={pm}
postmark.message-stream=outbound-staging
""", "Spring Boot profile config (application-<profile>.properties)", "Kotlin/Spring")
    nf = w(f"{nres}/application-staging.properties")
    cred(nf, np_pw, "postgres", "staging Postgres password (Spring datasource)", "medium", "staging",
         "§2.4 a staging database is at most medium", "application-staging.properties, host notifier-staging…rds.amazonaws.com", parts=["notifier"])
    cred(nf, pm, "postmark", "Postmark server token", "high", "staging",
         "§1 high: email senders (phishing from your domain); §2.4 the cap applies only to providers split by environment",
         "ambiguous: a Postmark server token reaches one Postmark server (message stream outbound-staging), but it still sends from the company's verified domain, so it is not capped to medium; environment staging from the file name")
    put(w(f"{nres}/application.properties"), """spring.application.name=notifier
spring.profiles.default=local
spring.datasource.password=${NOTIFIER_DB_PASSWORD}
""", "Spring Boot application.properties", "Kotlin/Spring")
    decoy(w(f"{nres}/application.properties"), "${NOTIFIER_DB_PASSWORD}", "property placeholder")

    # --- Python ML: fraud model ------------------------------------------------------------------
    wb = hexs(40)
    put(w("ml/fraud-model/.env"), f"""WANDB_API_KEY={wb}
WANDB_ENTITY=corvid-ledger
WANDB_PROJECT=fraud-gbdt
""", "dotenv file (.env, .env.<environment>, .env.local)", "Python")
    cred(w("ml/fraud-model/.env"), wb, "wandb", "Weights & Biases API key", "medium", "unknown",
         "§2.1 single-purpose SaaS reaches medium (experiment tracking: read-mostly, data of one tool)", "WANDB_API_KEY for entity corvid-ledger")
    sf_pw = password(20)
    nb = {"cells": [
        {"cell_type": "code", "execution_count": 1, "id": s(8, LOWER_ALNUM), "metadata": {},
         "outputs": [{"name": "stdout", "output_type": "stream", "text": [
             "SNOWFLAKE_ACCOUNT=corvidledger-analytics\n", "SNOWFLAKE_USER=ML_PIPELINE\n",
             f"SNOWFLAKE_PASSWORD={sf_pw}\n", "SNOWFLAKE_ROLE=ML_ENGINEER\n", "SNOWFLAKE_DATABASE=LEDGER_PROD\n"]}],
         "source": ["!env | grep SNOWFLAKE"]},
        {"cell_type": "code", "execution_count": 2, "id": s(8, LOWER_ALNUM), "metadata": {}, "outputs": [],
         "source": ["import snowflake.connector, os\n", "conn = snowflake.connector.connect(\n",
                    "    account=os.environ['SNOWFLAKE_ACCOUNT'], user=os.environ['SNOWFLAKE_USER'],\n",
                    "    password=os.environ['SNOWFLAKE_PASSWORD'], role=os.environ['SNOWFLAKE_ROLE'])\n"]}],
        "metadata": {"kernelspec": {"display_name": "Python 3 (fraud-model)", "language": "python", "name": "python3"}},
        "nbformat": 4, "nbformat_minor": 5}
    put(w("ml/notebooks/feature-eda.ipynb"), json.dumps(nb, indent=1) + "\n", "Jupyter notebook", "Python")
    cred(w("ml/notebooks/feature-eda.ipynb"), sf_pw, "snowflake", "production Snowflake password (printed in a cell output)", "critical", "production",
         "§1 critical: production database credentials that can write; §2.3 unknown capability is the provider's typical credential",
         "the first cell's output dumps SNOWFLAKE_* with database LEDGER_PROD and role ML_ENGINEER (not a read-only role)", parts=["ML_PIPELINE"])
    vx_pem, vx_kid = rsa_pkcs8_pem(2048), hexs(40)
    vx_email = "vertex-trainer@corvid-ml-staging.iam.gserviceaccount.com"
    put(w("ml/pipelines/vertex/sa-ml-staging.json"), js({
        "type": "service_account", "project_id": "corvid-ml-staging", "private_key_id": vx_kid, "private_key": vx_pem,
        "client_email": vx_email, "client_id": digits(21),
        "auth_uri": "https://accounts.google.com/o/oauth2/auth", "token_uri": "https://oauth2.googleapis.com/token",
        "auth_provider_x509_cert_url": "https://www.googleapis.com/oauth2/v1/certs",
        "client_x509_cert_url": "https://www.googleapis.com/robot/v1/metadata/x509/vertex-trainer%40corvid-ml-staging.iam.gserviceaccount.com",
        "universe_domain": "googleapis.com"}), "GCP service-account key JSON", "Python")
    cred(w("ml/pipelines/vertex/sa-ml-staging.json"), vx_pem, "gcp", "service-account private key (staging project)", "medium", "staging",
         "§2.4 a staging cloud account is at most medium", "project_id corvid-ml-staging, SA vertex-trainer", parts=[vx_email])
    decoy(w("ml/pipelines/vertex/sa-ml-staging.json"), vx_kid, "private_key_id (an identifier)")

    # --- Node/TypeScript: dashboard (Next.js) -----------------------------------------------------
    nas, phc = b64(rbytes(32)), posthog("phc_")
    put(w("apps/dashboard/.env.production"), f"""NEXTAUTH_URL=https://app.corvidledger.com
NEXTAUTH_SECRET={nas}
NEXT_PUBLIC_POSTHOG_KEY={phc}
NEXT_PUBLIC_POSTHOG_HOST=https://eu.i.posthog.com
""", "dotenv file (.env, .env.<environment>, .env.local)", "Node/TypeScript")
    dp = w("apps/dashboard/.env.production")
    cred(dp, nas, "nextauth", "NextAuth session secret", "high", "production",
         "§1 high: framework secrets that sign production sessions (like Django SECRET_KEY)", ".env.production, NEXTAUTH_URL app.corvidledger.com")
    cred(dp, phc, "posthog", "PostHog project API key (public)", "low", "production",
         "§1 low: publishable or public-by-design keys", "NEXT_PUBLIC_POSTHOG_KEY (phc_, ingest-only, shipped to browsers)", optional=True)
    oai_dev = openai("proj")
    put(w("apps/dashboard/.env.development.local"), f"OPENAI_API_KEY={oai_dev}\nNEXT_PUBLIC_API_URL=http://localhost:8080\n",
        "dotenv file (.env, .env.<environment>, .env.local)", "Node/TypeScript")
    cred(w("apps/dashboard/.env.development.local"), oai_dev, "openai", "OpenAI project API key", "high", "development",
         "§3 row 'OPENAI_API_KEY in .env.development': the same org is billed whatever the file", ".env.development.local; environment from the file name")
    vorg, vprj = "team_" + s(24), "prj_" + s(28)
    put(w("apps/dashboard/.vercel/project.json"), js({"orgId": vorg, "projectId": vprj}), "Vercel project.json", "Node/TypeScript")
    decoy(w("apps/dashboard/.vercel/project.json"), vprj, "Vercel project id (identifier, no secret)")
    put(w("apps/dashboard/.npmrc"), "@corvid:registry=https://npm.corvidledger.dev/\n//npm.corvidledger.dev/:_authToken=${NPM_TOKEN}\n",
        "npmrc (project)", "Node/TypeScript")
    decoy(w("apps/dashboard/.npmrc"), "${NPM_TOKEN}", "variable reference")

    # --- Kubernetes -------------------------------------------------------------------------------
    ghp_pull = gh("ghp_")
    dcj = json.dumps({"auths": {"ghcr.io": {"auth": b64(f"corvid-pull-bot:{ghp_pull}".encode())}}})
    put(w("deploy/k8s/prod/ghcr-pull-secret.yaml"), f"""apiVersion: v1
kind: Secret
metadata:
  name: ghcr-pull
  namespace: ledger-prod
type: kubernetes.io/dockerconfigjson
stringData:
  .dockerconfigjson: '{dcj}'
""", "Kubernetes Secret manifest", "Kubernetes")
    cred(w("deploy/k8s/prod/ghcr-pull-secret.yaml"), ghp_pull, "github", "GitHub classic PAT (image pull secret)", "high", "production",
         "§1 high: source-hosting tokens whose scopes are unknown; §2.4 a GitHub token is not capped or raised by the file's environment",
         "ambiguous: bot corvid-pull-bot's token in a prod pull secret, probably read:packages only, but classic PAT scopes are not in the file; environment production from the namespace",
         parts=["corvid-pull-bot"])
    enc = "AgB" + s(340, B64) + "=="
    put(w("deploy/k8s/prod/sealed-secrets.yaml"), f"""apiVersion: bitnami.com/v1alpha1
kind: SealedSecret
metadata:
  name: payouts-api
  namespace: ledger-prod
spec:
  encryptedData:
    PAYOUTS_DB_DSN: {enc}
  template:
    metadata:
      name: payouts-api
      namespace: ledger-prod
""", "Kubernetes SealedSecret manifest", "Kubernetes")
    decoy(w("deploy/k8s/prod/sealed-secrets.yaml"), enc, "SealedSecret ciphertext: only the cluster's controller key decrypts it")

    # --- docker compose, CI ----------------------------------------------------------------------
    rp_pw = password(16)
    put(w("docker-compose.yml"), f"""services:
  postgres:
    image: postgres:16
    ports: ["127.0.0.1:5432:5432"]
    environment:
      POSTGRES_USER: ledger
      POSTGRES_PASSWORD: ${{POSTGRES_PASSWORD:?set in .env}}
      POSTGRES_DB: ledger_dev
  redpanda:
    image: docker.redpanda.com/redpandadata/redpanda:v24.1.7
    command: ["redpanda", "start", "--mode", "dev-container", "--kafka-addr", "0.0.0.0:19092"]
    ports: ["127.0.0.1:19092:19092"]
    environment:
      RP_BOOTSTRAP_USER: "admin:{rp_pw}"
""", "docker compose file", "Docker Compose")
    cred(w("docker-compose.yml"), rp_pw, "redpanda", "local Redpanda superuser password", "low", "development",
         "§2.4 local-only (localhost) is low; §1 low: secrets for local dev servers", "RP_BOOTSTRAP_USER admin:<pw>, broker bound to 127.0.0.1 in dev-container mode",
         parts=["admin"])
    decoy(w("docker-compose.yml"), "${POSTGRES_PASSWORD:?set in .env}", "compose variable reference")
    hook = slack_webhook()
    put(w(".gitlab-ci.yml"), f"""stages: [test, build, deploy]

variables:
  GOFLAGS: -mod=readonly
  SLACK_DEPLOY_WEBHOOK: {hook}

test:
  stage: test
  image: golang:1.23
  script:
    - go test ./...

build:
  stage: build
  image: quay.io/podman/stable
  script:
    - podman login -u gitlab-ci-token -p $CI_JOB_TOKEN $CI_REGISTRY
    - podman build -t $CI_REGISTRY_IMAGE/payouts-api:$CI_COMMIT_SHORT_SHA services/payouts-api

deploy:prod:
  stage: deploy
  environment: production
  script:
    - ./scripts/deploy.sh production
    - 'curl -fsS -X POST -H "Content-type: application/json" --data "{{\\"text\\":\\"payouts-api $CI_COMMIT_SHORT_SHA is live\\"}}" "$SLACK_DEPLOY_WEBHOOK"'
  rules:
    - if: $CI_COMMIT_BRANCH == "main"
""", "GitLab CI YAML", "GitLab CI")
    cred(w(".gitlab-ci.yml"), hook, "slack", "Slack incoming webhook URL", "medium", "production",
         "§1 medium: incoming webhooks (post only)", "global CI variable posted to by the deploy:prod job (environment: production)")
    decoy(w(".gitlab-ci.yml"), "$CI_JOB_TOKEN", "CI-provided variable reference")
    sha = hexs(40)
    put(w(".github/workflows/crates.yml"), f"""name: publish-crates
on:
  push:
    tags: ["sepa-xml-v*"]
jobs:
  publish:
    runs-on: ubuntu-24.04
    steps:
      - uses: actions/checkout@{sha}
      - run: cargo publish -p sepa-xml
        env:
          CARGO_REGISTRY_TOKEN: ${{{{ secrets.CARGO_REGISTRY_TOKEN }}}}
""", "GitHub Actions workflow", "GitHub Actions")
    decoy(w(".github/workflows/crates.yml"), "${{ secrets.CARGO_REGISTRY_TOKEN }}", "Actions secret reference, not a value")
    decoy(w(".github/workflows/crates.yml"), sha, "commit SHA of a pinned action")

    # --- Ansible ----------------------------------------------------------------------------------
    become, vpass = password(20), password(40)
    ap = "ops/ansible"
    put(w(f"{ap}/ansible.cfg"), """[defaults]
inventory = inventories/prod/hosts.ini
vault_password_file = .vault_pass
host_key_checking = True
""", "Ansible ansible.cfg", "Ansible")
    put(w(f"{ap}/inventories/prod/hosts.ini"), """[ledger]
ledger-prod-1.prod.corvid.internal
ledger-prod-2.prod.corvid.internal
ledger-prod-3.prod.corvid.internal
""", "Ansible inventory", "Ansible")
    put(w(f"{ap}/inventories/prod/group_vars/all/vars.yml"), f"""ansible_user: deploy
ansible_ssh_private_key_file: ~/.ssh/ledger-prod-deploy
ansible_become: true
ansible_become_password: "{become}"
ledger_db_password: "{{{{ vault_ledger_db_password }}}}"
""", "Ansible group_vars", "Ansible")
    av = w(f"{ap}/inventories/prod/group_vars/all/vars.yml")
    cred(av, become, "ansible", "sudo (become) password for the production hosts", "critical", "production",
         "§1 critical: destroys production systems in one step (root on the production hosts); §2.4 production keeps the tier",
         "ambiguous: the password alone needs a login, but the deploy key named beside it is on this machine (~/.ssh/ledger-prod-deploy), so together they are root on every ledger-prod host")
    decoy(av, "{{ vault_ledger_db_password }}", "Jinja reference to a vaulted variable")
    vault_lines = [hexs(80) for _ in range(6)]
    put(w(f"{ap}/inventories/prod/group_vars/all/vault.yml"), "$ANSIBLE_VAULT;1.1;AES256\n" + "\n".join(vault_lines) + "\n",
        "Ansible Vault encrypted file", "Ansible")
    decoy(w(f"{ap}/inventories/prod/group_vars/all/vault.yml"), vault_lines[0], "Ansible Vault ciphertext")
    put(w(f"{ap}/.vault_pass"), vpass + "\n", "Ansible vault password file", "Ansible")
    cred(w(f"{ap}/.vault_pass"), vpass, "ansible", "Ansible Vault password", "critical", "production",
         "§2.5 transitive reach: ranked by the most dangerous credential it decrypts (production secret stores are critical)",
         "ambiguous: ansible.cfg names it as vault_password_file and it decrypts inventories/prod/group_vars/all/vault.yml (the production DB password, by the reference in vars.yml); its own content says nothing")

    # --- agent configs inside the repo ------------------------------------------------------------
    put(w(".mcp.json"), js({"mcpServers": {
        "postgres-local": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-postgres",
                                                      f"postgres://ledger:{pw_dev}@localhost:5432/ledger_dev"]},
        "linear": {"command": "npx", "args": ["-y", "@tacticlaunch/mcp-linear"], "env": {"LINEAR_API_KEY": "${LINEAR_API_KEY}"}}}}),
        "Claude Code project .mcp.json")
    decoy(w(".mcp.json"), "${LINEAR_API_KEY}", "variable reference")
    skt_c = stripe("sk_test_")
    put(w(".cursor/mcp.json"), js({"mcpServers": {"stripe": {"command": "npx", "args": ["-y", "@stripe/mcp", "--tools=all"],
                                                           "env": {"STRIPE_SECRET_KEY": skt_c}}}}),
        "Cursor mcp.json (project)")
    cred(w(".cursor/mcp.json"), skt_c, "stripe", "test-mode secret key (Stripe MCP)", "low", "test",
         "§3 row 'sk_test_…'; §1 low: test mode", "mcpServers.stripe.env.STRIPE_SECRET_KEY = sk_test_…")
    dd = hexs(32)
    put(w(".claude/settings.local.json"), js({"permissions": {"allow": ["Bash(make test)", "Bash(go test:*)"]},
                                               "env": {"DD_API_KEY": dd, "DD_SITE": "datadoghq.eu"}}),
        "Claude Code project settings.local.json")
    cred(w(".claude/settings.local.json"), dd, "datadog", "Datadog API key", "medium", "unknown",
         "§1 medium: observability (an API key alone only ingests)", "env.DD_API_KEY with DD_SITE datadoghq.eu")
    sg = sendgrid()
    put(w(".aider.chat.history.md"), f"""
# aider chat started at 2025-05-28 14:02:11

> Add services/notifier/src/main/kotlin/com/corvidledger/notifier/Mailer.kt to the chat? (Y)es/(N)o [Yes]: y

#### the sendgrid fallback in Mailer.kt fails with 401. I run it with SENDGRID_API_KEY={sg} exported, why?

A 401 from SendGrid means the key is rejected or lacks the `mail.send` scope. `Mailer.kt` reads
`SENDGRID_KEY`, not `SENDGRID_API_KEY`, so the client sends an empty key.

> Applied edit to services/notifier/src/main/kotlin/com/corvidledger/notifier/Mailer.kt
""", "Aider chat history")
    cred(w(".aider.chat.history.md"), sg, "sendgrid", "SendGrid API key (pasted into a chat)", "high", "unknown",
         "§1 high: email senders (SendGrid)", "pasted into the aider chat; the chat history keeps it")

    # --- docs -------------------------------------------------------------------------------------
    skt_d = stripe("sk_test_")
    put(w("docs/api/authentication.md"), f"""# Authenticating to the Corvid Ledger API

Every request carries a bearer token:

```sh
curl https://api.corvidledger.com/v1/invoices \\
  -H "Authorization: Bearer cl_live_xxxxxxxxxxxxxxxxxxxxxxxx"
```

Card top-ups in the sandbox go through Stripe test mode; the examples below use the shared test key
`{skt_d}` of the docs sandbox account.
""", "documentation")
    decoy(w("docs/api/authentication.md"), "cl_live_xxxxxxxxxxxxxxxxxxxxxxxx", "documentation placeholder")
    cred(w("docs/api/authentication.md"), skt_d, "stripe", "test-mode secret key in documentation", "low", "test",
         "§1 low: test-mode keys and documentation examples", "sk_test_ in a docs page; the text says it belongs to the docs sandbox account")
    lin_doc = linear()
    put(w("docs/integrations/linear.md"), f"""# Linear integration

The triage bot files payout failures as Linear issues. Create a personal API key under
Settings → API and put it in `.env`, for example:

    LINEAR_API_KEY={lin_doc}

The bot only needs the "Create issues" permission.
""", "documentation")
    cred(w("docs/integrations/linear.md"), lin_doc, "linear", "Linear API key in a documentation example", "low", "unknown",
         "§1 low: values in documentation examples",
         "ambiguous: the example is random-looking, not a placeholder, so it may be a real key pasted into the docs; if live it would be medium (issue tracker); labelled as the documentation example it presents itself as")
    put(w("docs/onboarding.md"), """# Onboarding

1. `cp .env.example .env` and ask #platform for the sandbox values.
2. Run `vault login -method=oidc` (never paste a token such as `hvs.EXAMPLE-DO-NOT-USE` into chat).
3. `direnv allow` loads `.envrc`.
""", "documentation")
    decoy(w("docs/onboarding.md"), "hvs.EXAMPLE-DO-NOT-USE", "documentation placeholder with the provider prefix")


# ---------------------------------------------------------------------------------------
# output

DESCRIPTION = (
    "The Fedora Workstation 40 desktop (Linux, user dara, fish login shell, podman and toolbox instead of Docker) "
    "of Dara Lindqvist, staff engineer on the payments-infrastructure team of Corvid Ledger, a fictional EU fintech "
    "(invoicing, expense cards and payouts for freelancers). Production runs on AWS (account alias corvid-ledger-prod: "
    "Aurora Postgres, EKS analytics-prod) and a k3s cluster on Hetzner Cloud (project ledger-prod), the ML platform on "
    "GCP (corvid-ml-prod, staging corvid-ml-staging) with Databricks and Snowflake, the dashboard on Railway and Vercel "
    "with Supabase auth, a legacy invoice-PDF service on Heroku and invoice storage on DigitalOcean. Payments go through "
    "Adyen (live payouts), Plaid (bank data and transfers), Wise (sandbox only) and Stripe (card top-ups). Secrets live "
    "in Vault, Infisical and Ansible Vault; infrastructure in Terraform Cloud and Pulumi. Code is on GitHub, a "
    "self-managed GitLab (CI) and a legacy Bitbucket workspace; packages go to npm, a private Verdaccio, PyPI, "
    "crates.io, Maven Central and an internal Nexus. Observability is Grafana Cloud, Datadog, New Relic, Sentry and "
    "PostHog; messaging Slack, Postmark, SendGrid and Resend; LLMs OpenAI, Anthropic (Claude Code and Continue), "
    "OpenRouter, DeepSeek, Gemini. The workspace home/src/ledgerline is the monorepo: Go (payouts-api), Rust "
    "(settlement engine), Terraform, Kotlin (Android app, Spring Boot notifier), Python ML (fraud model, notebooks, "
    "Vertex pipelines), Node/TypeScript (Next.js dashboard), Kubernetes manifests, docker compose, GitLab CI and "
    "GitHub Actions, Ansible, Nix/direnv, and agent configs. Labelled from the severity rubric alone, without running "
    "or reading the scanner."
)

GUESSED_SHAPES = (
    "AWS SSO cache `aoa…`/`aor…` tokens, Databricks `dapi` + 32 hex, Pulumi `pul-` + 40 hex, Infisical `st.<uuid>.<hex>.<hex>` "
    "service tokens, Grafana `glsa_` and `glc_` tokens, PostHog `phx_`/`phc_` lengths, Atlassian `ATATT3xFfGF0…`, Bitbucket "
    "`ATCTT3xFfGN0…` access tokens, Firecrawl `fc-`, OpenRouter `sk-or-v1-`, DeepSeek `sk-` + 32 hex, Claude OAuth "
    "`sk-ant-oat01-`/`sk-ant-ort01-`, Resend `re_…_…`, Adyen `AQE…` API keys, Plaid (24/30 hex), Wise and Postmark (UUID), "
    "Sonatype user tokens, Vercel legacy 24-character tokens, Hetzner 64-character tokens"
)


def q(v):
    return json.dumps(v, ensure_ascii=False)


def qlist(xs):
    return "[" + ", ".join(q(x) for x in xs) + "]"


def labels_toml():
    out = [f"machine = {q(MACHINE)}", f"workspace = {q(WS)}", f"description = {q(DESCRIPTION)}", ""]
    for c in CREDS:
        out += ["[[credential]]", f"id = {q(c['id'])}", f"file = {q(c['file'])}", f"value = {q(c['value'])}",
                f"parts = {qlist(c['parts'])}"]
        if c["also"]:
            out.append(f"also = {qlist(c['also'])}")
        out += [f"provider = {q(c['provider'])}", f"kind = {q(c['kind'])}", f"tier = {q(c['tier'])}",
                f"environment = {q(c['environment'])}"]
        if c["optional"]:
            out.append("optional = true")
        out += [f"clause = {q(c['clause'])}", f"note = {q(c['note'])}", ""]
    for d in DECOYS:
        out += ["[[decoy]]", f"file = {q(d['file'])}", f"value = {q(d['value'])}", f"why = {q(d['why'])}", ""]
    return "\n".join(out)


TIERS = ["critical", "high", "medium", "low"]
ENVS = ["production", "staging", "development", "test", "unknown"]


def stats():
    n = len(CREDS)
    tiers = {t: sum(c["tier"] == t for c in CREDS) for t in TIERS}
    envs = {e: sum(c["environment"] == e for c in CREDS) for e in ENVS}
    kinds = {}
    for c in CREDS:
        kinds.setdefault(KINDS[c["file"]], []).append(c["id"])
    ecos = {}
    for c in CREDS:
        for f in [c["file"]] + c["also"]:
            if f in ECOS:
                ecos.setdefault(ECOS[f], set()).add(c["id"])
    return n, tiers, envs, kinds, ecos


def readme():
    n, tiers, envs, kinds, ecos = stats()
    cross = {}
    for c in CREDS:
        cross.setdefault(c["tier"], {}).setdefault(c["environment"], 0)
        cross[c["tier"]][c["environment"]] += 1
    L = ["# Second hold-out blast-radius corpus", "",
         "A second sealed corpus for scoring `reach`: one fake Fedora developer machine that the ranking was never",
         "tuned on. Generated by `scripts/gen-blast-holdout2.py` (stdlib Python, seeded, byte-identical on every run);",
         "every credential is fake. It was written and labelled from `/work/shared/reference/severity-rubric.md` alone,",
         "without running or reading the scanner, and without looking at the other corpora. Every label carries the",
         "rubric clause that decides it (`clause`) and, where the evidence needs explaining, a `note`; cases the rubric",
         "leaves open say `ambiguous:` and follow the rubric anyway.", "",
         "`labels.toml` uses the schema of the first hold-out (`tests/support/corpus.rs` scores it): `value` is the",
         "password of user:password pairs and URLs, the token after `Bearer `, the decoded value of base64 fields and the",
         "whole PEM block for keys; `parts` holds other halves (key ids, user names, client ids, refresh tokens); `also`",
         "lists other files holding the same value; `optional = true` marks public-by-design or rarely scanned values that",
         "are not counted when missed. `[[decoy]]` entries are values that must not be reported.", "",
         f"## `{MACHINE}`", "", DESCRIPTION, "",
         "## Counts", "",
         f"- credentials: {n} ({sum(c['optional'] for c in CREDS)} optional), in {len({c['file'] for c in CREDS})} files",
         f"- store/file kinds holding credentials: {len(kinds)}",
         f"- workspace ecosystems holding credentials: {len(ecos)} ({', '.join(sorted(ecos))})",
         f"- decoys: {len(DECOYS)}", f"- files written: {len(FILES)}", "",
         "| tier | count | share |", "|---|---|---|"]
    for t in TIERS:
        L.append(f"| {t} | {tiers[t]} | {100 * tiers[t] / n:.0f}% |")
    L += ["", "| environment | count |", "|---|---|"]
    for e in ENVS:
        L.append(f"| {e} | {envs[e]} |")
    L += ["", "| tier \\ environment | " + " | ".join(ENVS) + " |", "|---|" + "---|" * len(ENVS)]
    for t in TIERS:
        L.append(f"| {t} | " + " | ".join(str(cross.get(t, {}).get(e, 0)) for e in ENVS) + " |")
    L += ["", "## Store and file kinds", "", "| kind | credentials |", "|---|---|"]
    for k in sorted(kinds):
        L.append(f"| {k} | {', '.join(kinds[k])} |")
    L += ["", "## Ambiguous cases", "",
          "Where the rubric leaves room, the label takes the reading below; the note in `labels.toml` starts with",
          "`ambiguous:`.", ""]
    for c in CREDS:
        if "ambiguous:" in c["note"]:
            L.append(f"- **{c['id']}** `{c['file']}` ({c['provider']}, {c['kind']}): {c['tier']}/{c['environment']}. "
                     + c["note"][c["note"].index("ambiguous:") + len("ambiguous:"):].strip())
    L += ["", "## Token shapes", "",
          "Shapes follow `/work/shared/reference/providers.md` where it gives one (GitHub and npm CRC32 checksums, AWS key",
          "ids that decode to the account, PyPI macaroons, Vault `hvs.` protobuf, Sentry org-token payloads, Supabase JWT",
          f"claims). Guessed shapes (no documented format, or marked (?) there): {GUESSED_SHAPES}. Keys are generated and",
          "DER-encoded by hand (RSA PKCS#1/PKCS#8, EC SEC1, OpenSSH ed25519 with a real public key); the encrypted EC key and",
          "the GnuPG protected key carry random ciphertext; certificates are random DER-shaped bytes.", ""]
    return "\n".join(L)


# ---------------------------------------------------------------------------------------
# self-check

B64RUN = re.compile(r"[A-Za-z0-9+/]{12,}={0,2}")


def occurs(value, text):
    if value in text or json.dumps(value)[1:-1] in text:
        return True
    for m in B64RUN.finditer(text):
        t = m.group(0)
        try:
            dec = base64.b64decode(t + "=" * (-len(t) % 4)).decode("utf-8", "ignore")
        except Exception:
            continue
        if value in dec:
            return True
    return False


MIN_CREDS, MIN_KINDS, MIN_DECOYS, MIN_ECOS = 70, 40, 15, 8


def check(root):
    errs = []
    texts = {}
    for p in FILES:
        texts[p] = (root / p).read_text(encoding="utf-8")
        if texts[p] != FILES[p]:
            errs.append(f"{p}: content differs on re-read")
    lab = tomllib.loads((root / "labels.toml").read_text(encoding="utf-8"))
    if lab["workspace"] != WS or not (root / WS).is_dir():
        errs.append("workspace missing")
    if len(lab["credential"]) != len(CREDS) or len(lab.get("decoy", [])) != len(DECOYS):
        errs.append("labels.toml does not round-trip")
    for c, l in zip(CREDS, lab["credential"]):
        for k in ("id", "file", "value", "tier", "environment", "clause", "note", "kind"):
            if l[k] != c[k]:
                errs.append(f"{c['id']}: labels.toml round-trip mismatch on {k}")
        if l.get("parts", []) != c["parts"] or l.get("also", []) != c["also"] or l.get("optional", False) != c["optional"]:
            errs.append(f"{c['id']}: labels.toml round-trip mismatch on parts/also/optional")
    values = [c["value"] for c in CREDS]
    if len(set(values)) != len(values):
        errs.append("duplicate credential values (use `also`)")
    for c in CREDS:
        for f in [c["file"]] + c["also"]:
            if f not in texts:
                errs.append(f"{c['id']}: missing file {f}")
            elif not occurs(c["value"], texts[f]):
                errs.append(f"{c['id']}: value not in {f}")
        for part in c["parts"]:
            if not occurs(part, texts.get(c["file"], "")):
                errs.append(f"{c['id']}: part {part[:20]}… not in {c['file']}")
        for k in ("clause", "note", "provider", "kind"):
            if not c[k]:
                errs.append(f"{c['id']}: empty {k}")
        if "§" not in c["clause"]:
            errs.append(f"{c['id']}: clause cites no rubric section")
        if not c["file"].startswith("home/"):
            errs.append(f"{c['id']}: file outside the machine's home")
    for d in DECOYS:
        if d["file"] not in texts or d["value"] not in texts[d["file"]]:
            errs.append(f"decoy {d['value'][:30]} not in {d['file']}")
        # the scorer matches a decoy against reported secrets: values and long parts must stay clear of it
        for v in values + [p for c in CREDS for p in c["parts"] if len(p) >= 24]:
            if d["value"] in v or v in d["value"]:
                errs.append(f"decoy {d['value'][:30]} overlaps a credential")
    n, tiers, envs, kinds, ecos = stats()
    if n < MIN_CREDS:
        errs.append(f"only {n} credentials")
    if len(kinds) < MIN_KINDS:
        errs.append(f"only {len(kinds)} kinds")
    if len(DECOYS) < MIN_DECOYS:
        errs.append(f"only {len(DECOYS)} decoys")
    if len(ecos) < MIN_ECOS:
        errs.append(f"only {len(ecos)} workspace ecosystems")
    for e in ENVS:
        if envs[e] == 0:
            errs.append(f"no {e} credential")
    bands = {"critical": (0.20, 0.30), "high": (0.25, 0.35), "medium": (0.20, 0.30), "low": (0.13, 0.22)}
    for t, (lo, hi) in bands.items():
        if not lo <= tiers[t] / n <= hi:
            errs.append(f"{t} share {tiers[t] / n:.2f} outside {lo}-{hi}")
    # §2.4: test mode is low; staging/development are at most medium unless the provider's account is
    # not split by environment (the file's environment does not cap it); §2.2: no critical below production
    for c in CREDS:
        if c["environment"] == "test" and c["tier"] != "low":
            errs.append(f"{c['id']}: test credential above low")
        if c["environment"] in ("staging", "development") and c["tier"] in ("critical", "high") \
                and c["provider"] not in NOT_SPLIT_BY_ENVIRONMENT:
            errs.append(f"{c['id']}: {c['environment']} credential of an environment-split provider above medium")
    return errs


# providers whose accounts are not partitioned by environment (§2.4): source hosting, registries, chat,
# email/SMS and LLM APIs
NOT_SPLIT_BY_ENVIRONMENT = {"github", "gitlab", "bitbucket", "npm", "pypi", "crates.io", "slack", "sendgrid",
                            "postmark", "resend", "openai", "anthropic", "openrouter", "deepseek"}


def main():
    repo = Path(__file__).resolve().parent.parent
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else repo / "fixtures" / "blast-holdout2"
    h = build_home()
    build_agents_and_histories(h)
    build_workspace(h)
    for i, c in enumerate(CREDS, 1):
        c["id"] = f"q{i:03d}"
    root = out / MACHINE
    if root.exists():
        shutil.rmtree(root)
    for p, text in FILES.items():
        f = root / p
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_text(text, encoding="utf-8")
    (root / "labels.toml").write_text(labels_toml(), encoding="utf-8")
    (out / "README.md").write_text(readme(), encoding="utf-8")
    errs = check(root)
    n, tiers, envs, kinds, ecos = stats()
    print(f"{MACHINE}: {n} credentials ({sum(c['optional'] for c in CREDS)} optional), {len(kinds)} kinds, "
          f"{len(ecos)} workspace ecosystems, {len(DECOYS)} decoys, {len(FILES)} files")
    print("tiers", tiers)
    print("environments", envs)
    for e in errs:
        print("FAIL:", e, file=sys.stderr)
    sys.exit(1 if errs else 0)


if __name__ == "__main__":
    main()
