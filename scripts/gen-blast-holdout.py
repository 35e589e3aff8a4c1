#!/usr/bin/env python3
"""Generate the sealed hold-out blast-radius corpus.

Usage: gen-blast-holdout.py [OUT_DIR]        (default: fixtures/blast-holdout)

Deletes and rewrites OUT_DIR/larkspur-macbook/ (home/..., labels.toml) and OUT_DIR/README.md,
then re-reads every file and checks that each labelled value, part and decoy is really
there (literally, JSON-escaped, libedit-escaped or inside a base64 field) and that the
minimum counts are met. Exits non-zero on any failure.

One fake machine, `larkspur-macbook`: the MacBook (macOS, user ines) of Ines Okafor, platform
lead at Larkspur Health, a fictional remote-patient-monitoring and clinic-scheduling
company. The corpus was written and labelled from the severity rubric
(/work/shared/reference/severity-rubric.md) alone, without running or reading the scanner,
so it can serve as a hold-out set for the ranking.

Every credential here is FAKE: random values from a seeded generator, shaped after the
formats in /work/shared/reference/providers.md (shapes marked (?) there are guesses).
Stdlib only (Python >= 3.11); RSA/EC/Ed25519 keys are generated and DER-encoded by hand.
Running the script twice gives byte-identical output.
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

SEED = 0x1A4C5B0E
MACHINE = "larkspur-macbook"
WS = "home/code/carebridge"
HOMEABS = "/Users/ines"

R = random.Random(SEED)

B62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
ALNUM = B62
HEX = "0123456789abcdef"
LOWER_ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789"
UPPER_ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
B64 = B62 + "+/"
B64URL = B62 + "-_"


# ---------------------------------------------------------------------------------------
# random values (helpers shaped like those of gen-blast-corpus.py)


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
    body = s(30)
    return prefix + body + crc_b62(body)


def aws_key_id(account, prefix="AKIA"):
    """A key id whose characters 5-20 decode to `account`."""
    v = (1 << 47) | (int(account) << 7) | R.randrange(128)
    raw = v.to_bytes(6, "big") + rbytes(4)
    kid = prefix + base64.b32encode(raw).decode()
    assert len(kid) == 20
    dec = int.from_bytes(base64.b32decode(kid[4:])[:6], "big")
    assert (dec & 0x7FFFFFFFFF80) >> 7 == int(account)
    return kid


def aws_secret():
    return s(40, B64)


def gh(prefix="ghp_"):
    return crc_token(prefix)


def gh_fine():
    return "github_pat_" + s(22) + "_" + s(59)


def glpat():
    return "glpat-" + s(20, B64URL)


def stripe(prefix):
    return prefix + "51" + s(14, ALNUM) + s(83, ALNUM)


def whsec():
    return "whsec_" + s(32)


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


def twilio_sid(prefix="AC"):
    return prefix + hexs(32)


def sentry_org(org):
    payload = {"iat": 1740000000 + R.randrange(10**7), "url": "https://sentry.io",
               "region_url": "https://us.sentry.io", "org": org}
    return "sntrys_" + b64(json.dumps(payload, separators=(",", ":")).encode()).rstrip("=") + "_" + s(43, B64URL)


def sentry_user():
    return "sntryu_" + hexs(64)


def tfc():
    return s(14) + ".atlasv1." + s(67)


def doppler(kind):
    return f"dp.{kind}." + s(43)


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


def netlify():
    return "nfp_" + s(36)


def fly():
    return "fo1_" + s(43, B64URL)


def render():
    return "rnd_" + s(32)


def google_refresh():
    return "1//0" + s(R.randrange(98, 104), B64URL)


def google_client():
    return f"{digits(12)}-{s(32, LOWER_ALNUM)}.apps.googleusercontent.com", "GOCSPX-" + s(28, B64URL)


def entra_secret():
    return s(3, ALNUM + "_~.") + str(R.randrange(10)) + "Q~" + s(34, ALNUM + "_~.-")


def ms_refresh():
    return "1.AXEA" + s(R.randrange(620, 700), B64URL)


def azure_storage_key():
    return b64(rbytes(64))


def npm_token():
    return crc_token("npm_")


def dckr():
    return "dckr_pat_" + s(27, B64URL)


def cio():
    return "cio" + s(32)


def ado_pat():
    return s(52, "abcdefghijklmnopqrstuvwxyz234567")


def artifactory():
    return "AKCp" + s(69)


def notion():
    return "ntn_" + digits(11) + s(35)


def ngrok():
    return "2" + s(26) + "_" + s(21)


def mapbox(prefix, user):
    head = b64url(json.dumps({"u": user, "a": s(25, LOWER_ALNUM)}, separators=(",", ":")).encode())
    return f"{prefix}.{head}.{s(22, B64URL)}"


def mailgun():
    return "key-" + hexs(32)


def django_key():
    return s(50, "abcdefghijklmnopqrstuvwxyz0123456789!@#$%^&*(-_=+)")


def ops_token(address, email):
    blob = {
        "signInAddress": address,
        "userAuth": {"method": "SRPg-4096", "alg": "PBES2g-HS256", "iterations": 650000,
                     "salt": b64url(rbytes(16))},
        "email": email,
        "srpX": hexs(64),
        "muk": {"alg": "A256GCM", "ext": False, "k": b64url(rbytes(32)),
                "key_ops": ["decrypt", "encrypt"], "kty": "oct", "kid": "mp"},
        "secretKey": "A3-" + "-".join(s(n, UPPER_ALNUM) for n in (6, 6, 5, 5, 5, 6)),
        "throttleSecret": {"seed": hexs(64), "uuid": s(26, UPPER_ALNUM)},
        "deviceUuid": s(26, LOWER_ALNUM),
    }
    return "ops_" + b64(json.dumps(blob, separators=(",", ":")).encode()).rstrip("=")


def jwt(header, payload, sig_bytes=256):
    enc = lambda d: b64url(json.dumps(d, separators=(",", ":")).encode())
    return f"{enc(header)}.{enc(payload)}.{b64url(rbytes(sig_bytes))}"


# new shapes for this corpus (providers.md where it has them, else marked (?) in README)


def okta_token():
    return "00" + s(40, B64URL)


def auth0_client():
    return s(32), s(64, B64URL)


def algolia_app():
    return s(10, UPPER_ALNUM)


def mistral():
    return s(32)


def neon_key():
    return "napi_" + s(64, LOWER_ALNUM)


def neon_host(pooler=False):
    adj = R.choice(["quiet", "steep", "misty", "bold", "frosty", "young"])
    noun = R.choice(["river", "meadow", "sun", "pine", "harbor", "field"])
    return f"ep-{adj}-{noun}-{s(8, LOWER_ALNUM)}{'-pooler' if pooler else ''}.us-east-2.aws.neon.tech"


def pscale_pw():
    return "pscale_pw_" + s(43, B64URL)


def pscale_tkn():
    return "pscale_tkn_" + s(43, B64URL)


def bitbucket_app_pw():
    return "ATBB" + s(32) + s(8, "0123456789ABCDEF")


def acr_password():
    return s(42, B64) + "+ACR" + s(6)


def cf_oauth():
    return s(43, B64URL) + "." + s(43, B64URL)


# ---------------------------------------------------------------------------------------
# keys, by hand (stdlib only)

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


def _pem(label, der):
    t = b64(der)
    return f"-----BEGIN {label}-----\n" + "\n".join(t[i:i + 64] for i in range(0, len(t), 64)) + f"\n-----END {label}-----\n"


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


def openssh_rsa_encrypted(comment):
    """bcrypt + aes256-ctr protected OpenSSH RSA key; the ciphertext is random bytes."""
    n = R.getrandbits(3072) | (1 << 3071) | 1

    def mpint(v):
        return _sshstr(v.to_bytes((v.bit_length() + 8) // 8, "big"))
    pub_blob = _sshstr(b"ssh-rsa") + mpint(65537) + mpint(n)
    kdfopts = _sshstr(rbytes(16)) + struct.pack(">I", 16)
    body = b"openssh-key-v1\0" + _sshstr(b"aes256-ctr") + _sshstr(b"bcrypt") + _sshstr(kdfopts)
    body += struct.pack(">I", 1) + _sshstr(pub_blob) + _sshstr(rbytes(1872))
    return _openssh_armor(body), "ssh-rsa " + b64(pub_blob) + " " + comment


def libedit(line):
    """macOS libedit history encoding (python, mysql): spaces become \\040."""
    return line.replace("\\", "\\134").replace(" ", "\\040").replace("\t", "\\011")


# ---------------------------------------------------------------------------------------
# the machine

FILES = {}   # path relative to the machine dir -> text
KINDS = {}   # path -> store/file kind
CREDS = []
DECOYS = []


def put(path, text, kind):
    assert path not in FILES, path
    FILES[path] = text
    KINDS[path] = kind


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


EMAIL = "ines@larkspur.health"


def build_home():
    # --- AWS ------------------------------------------------------------------------
    acct_archive, acct_sandbox = digits(12), digits(12)
    k1, s1 = aws_key_id(acct_archive), aws_secret()
    k2, s2 = aws_key_id(acct_sandbox), aws_secret()
    put("home/.aws/credentials", f"""[default]
aws_access_key_id = {k1}
aws_secret_access_key = {s1}

# personal sandbox account {acct_sandbox} (ines-sandbox, us-west-2), wiped every Friday by aws-nuke
[ines-sandbox]
aws_access_key_id = {k2}
aws_secret_access_key = {s2}
""", "AWS shared credentials file")
    cred("home/.aws/credentials", s1, "aws", "IAM user access key pair", "critical", "unknown",
         "§3 row 'AWS key pair under [default], no other evidence'; §1 critical: cloud keys of unknown account; §2.4 unknown keeps the tier",
         "[default] profile; nothing in the file names the account or its environment", parts=[k1])
    cred("home/.aws/credentials", s2, "aws", "IAM user access key pair", "medium", "development",
         "§3 row 'AWS key pair under [dev], region and account of a sandbox'; §2.4 development is at most medium",
         f"[ines-sandbox] profile; the comment names a personal sandbox account {acct_sandbox} that is wiped weekly", parts=[k2])
    role_arn = f"arn:aws:iam::{acct_archive}:role/ArchiveReadOnly"
    put("home/.aws/config", f"""[default]
region = us-east-1
output = json

[profile ines-sandbox]
region = us-west-2

[profile archive-ro]
role_arn = {role_arn}
source_profile = default
region = us-east-1
""", "AWS config file")
    decoy("home/.aws/config", role_arn, "role ARN (an identifier; the session credentials are derived at run time)")

    # --- gcloud ---------------------------------------------------------------------
    cid, csec = google_client()
    rt = google_refresh()
    put("home/.config/gcloud/application_default_credentials.json", js({
        "account": "",
        "client_id": cid,
        "client_secret": csec,
        "refresh_token": rt,
        "type": "authorized_user",
        "universe_domain": "googleapis.com",
    }), "gcloud application default credentials (authorized_user)")
    cred("home/.config/gcloud/application_default_credentials.json", rt, "gcp", "user OAuth refresh token (ADC)", "critical", "unknown",
         "§1 critical: cloud credentials of unknown account (GCP); §2.4 unknown keeps the tier",
         "authorized_user ADC: acts as the user on every project their IAM roles reach; the file names no project", parts=[cid, csec])
    put("home/.config/gcloud/configurations/config_default", f"""[core]
account = {EMAIL}
project = larkspur-staging

[compute]
region = us-central1
""", "gcloud configuration")

    # --- Azure ----------------------------------------------------------------------
    tid, oid, sub_prod, sub_stg = uuid4(), uuid4(), uuid4(), uuid4()
    az_rt = ms_refresh()
    az_at = jwt({"typ": "JWT", "alg": "RS256", "kid": s(27, B64URL)},
                {"aud": "https://management.core.windows.net/", "iss": f"https://sts.windows.net/{tid}/",
                 "iat": 1748851200, "nbf": 1748851200, "exp": 1748855400, "upn": EMAIL, "tid": tid,
                 "oid": oid, "scp": "user_impersonation", "appid": "04b07795-8ddb-461a-bbee-02f9e1bf7b46"})
    home_acct = f"{oid}.{tid}"
    put("home/.azure/msal_token_cache.json", js({
        "AccessToken": {
            f"{home_acct}-login.microsoftonline.com-accesstoken-04b07795-8ddb-461a-bbee-02f9e1bf7b46-{tid}-https://management.core.windows.net//user_impersonation https://management.core.windows.net//.default--": {
                "credential_type": "AccessToken", "secret": az_at, "home_account_id": home_acct,
                "environment": "login.microsoftonline.com", "client_id": "04b07795-8ddb-461a-bbee-02f9e1bf7b46",
                "target": "https://management.core.windows.net//user_impersonation https://management.core.windows.net//.default",
                "realm": tid, "token_type": "Bearer", "cached_at": "1748851200", "expires_on": "1748855400"}},
        "RefreshToken": {
            f"{home_acct}-login.microsoftonline.com-refreshtoken-04b07795-8ddb-461a-bbee-02f9e1bf7b46--": {
                "credential_type": "RefreshToken", "secret": az_rt, "home_account_id": home_acct,
                "environment": "login.microsoftonline.com", "client_id": "04b07795-8ddb-461a-bbee-02f9e1bf7b46",
                "last_modification_time": "1748851200"}},
        "IdToken": {},
        "Account": {
            f"{home_acct}-login.microsoftonline.com-{tid}": {
                "home_account_id": home_acct, "environment": "login.microsoftonline.com", "realm": tid,
                "local_account_id": oid, "username": EMAIL, "authority_type": "MSSTS"}},
        "AppMetadata": {"appmetadata-login.microsoftonline.com-04b07795-8ddb-461a-bbee-02f9e1bf7b46": {
            "client_id": "04b07795-8ddb-461a-bbee-02f9e1bf7b46", "environment": "login.microsoftonline.com"}},
    }), "Azure CLI MSAL token cache")
    cred("home/.azure/msal_token_cache.json", az_rt, "azure", "Azure CLI user refresh token", "critical", "unknown",
         "§1 critical: Azure refresh tokens (cloud credentials of unknown account); §2.4 unknown keeps the tier",
         "the Azure CLI login of the user: mints ARM tokens for every subscription of the tenant; the file names no subscription",
         parts=[az_at])
    put("home/.azure/azureProfile.json", js({"installationId": uuid4(), "subscriptions": [
        {"id": sub_prod, "name": "Larkspur-FHIR-Prod", "state": "Enabled", "user": {"name": EMAIL, "type": "user"},
         "isDefault": False, "tenantId": tid, "environmentName": "AzureCloud"},
        {"id": sub_stg, "name": "Larkspur-FHIR-Staging", "state": "Enabled", "user": {"name": EMAIL, "type": "user"},
         "isDefault": True, "tenantId": tid, "environmentName": "AzureCloud"}]}), "Azure CLI profile")
    decoy("home/.azure/azureProfile.json", sub_prod, "subscription id (a UUID that is an identifier)")

    # --- kubeconfig -----------------------------------------------------------------
    ca = fake_cert_pem()
    ca_b64 = b64(ca.encode())
    bg_tok = jwt({"alg": "RS256", "kid": s(43, B64URL)}, {
        "iss": "kubernetes/serviceaccount",
        "kubernetes.io/serviceaccount/namespace": "kube-system",
        "kubernetes.io/serviceaccount/secret.name": "breakglass-admin-token-" + s(5, LOWER_ALNUM),
        "kubernetes.io/serviceaccount/service-account.name": "breakglass-admin",
        "kubernetes.io/serviceaccount/service-account.uid": uuid4(),
        "sub": "system:serviceaccount:kube-system:breakglass-admin"})
    aks_host = f"aks-fhir-stg-{s(6, HEX)}.hcp.eastus2.azmk8s.io"
    stg_tok = jwt({"alg": "RS256", "kid": s(43, B64URL)}, {
        "aud": [f"https://{aks_host}"], "exp": 1780387200, "iat": 1748851200,
        "iss": "https://kubernetes.default.svc.cluster.local",
        "kubernetes.io": {"namespace": "fhir", "serviceaccount": {"name": "ines-dev", "uid": uuid4()}},
        "nbf": 1748851200, "sub": "system:serviceaccount:fhir:ines-dev"})
    kind_key = ec_sec1_pem()
    kind_key_b64 = b64(kind_key.encode())
    kind_cert_b64 = b64(fake_cert_pem().encode())
    put("home/.kube/config", f"""apiVersion: v1
kind: Config
preferences: {{}}
current-context: aks-fhir-staging
clusters:
- cluster:
    certificate-authority-data: {ca_b64}
    server: https://k8s-prod.carebridge.larkspur.internal:6443
  name: carebridge-prod
- cluster:
    certificate-authority-data: {ca_b64}
    server: https://{aks_host}:443
  name: aks-fhir-staging
- cluster:
    certificate-authority-data: {ca_b64}
    server: https://127.0.0.1:52814
  name: kind-carebridge-dev
- cluster:
    certificate-authority-data: {ca_b64}
    server: https://34.118.{R.randrange(1, 255)}.{R.randrange(1, 255)}
  name: gke_larkspur-prod_us-central1_carebridge-gke
contexts:
- context:
    cluster: carebridge-prod
    namespace: kube-system
    user: carebridge-prod-breakglass
  name: carebridge-prod-breakglass
- context:
    cluster: aks-fhir-staging
    namespace: fhir
    user: clusterUser_rg-fhir-staging_aks-fhir-staging
  name: aks-fhir-staging
- context:
    cluster: kind-carebridge-dev
    user: kind-carebridge-dev
  name: kind-carebridge-dev
- context:
    cluster: gke_larkspur-prod_us-central1_carebridge-gke
    user: gke_larkspur-prod_us-central1_carebridge-gke
  name: gke_larkspur-prod_us-central1_carebridge-gke
users:
- name: carebridge-prod-breakglass
  user:
    token: {bg_tok}
- name: clusterUser_rg-fhir-staging_aks-fhir-staging
  user:
    token: {stg_tok}
- name: kind-carebridge-dev
  user:
    client-certificate-data: {kind_cert_b64}
    client-key-data: {kind_key_b64}
- name: gke_larkspur-prod_us-central1_carebridge-gke
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1beta1
      command: gke-gcloud-auth-plugin
      installHint: Install gke-gcloud-auth-plugin for use with kubectl
      provideClusterInfo: true
      interactiveMode: IfAvailable
""", "kubeconfig")
    kc = "home/.kube/config"
    cred(kc, bg_tok, "kubernetes", "service-account token (legacy, no expiry)", "critical", "production",
         "§1 critical: Kubernetes credentials for a production cluster or with cluster-admin; §2.4 production keeps the tier",
         "context carebridge-prod-breakglass on server k8s-prod.carebridge...; the JWT names kube-system/breakglass-admin and has no exp")
    cred(kc, stg_tok, "kubernetes", "bound service-account token", "medium", "staging",
         "§2.4 environment cap: a staging cluster is at most medium; §1 medium: staging infrastructure",
         "context aks-fhir-staging (AKS cluster aks-fhir-stg in rg-fhir-staging), namespace fhir, SA ines-dev")
    cred(kc, kind_key, "kubernetes", "client certificate private key (client-key-data)", "low", "development",
         "§2.4 local-only (localhost) is low; §1 low: secrets for local dev servers",
         "kind-carebridge-dev on https://127.0.0.1:52814; stored base64-encoded in client-key-data, value is the decoded PEM")
    decoy(kc, ca_b64, "certificate-authority-data: a public CA certificate")
    decoy(kc, kind_cert_b64, "client-certificate-data: the public half of the kind client key")
    decoy(kc, "gke-gcloud-auth-plugin", "exec plugin name: the GKE credential is minted at run time, nothing stored")

    # --- Docker ---------------------------------------------------------------------
    dpat = dckr()
    put("home/.docker/config.json", js({
        "auths": {"https://index.docker.io/v1/": {"auth": b64(f"larkspurci:{dpat}".encode())},
                  "us-central1-docker.pkg.dev": {}},
        "credsStore": "osxkeychain",
        "currentContext": "desktop-linux"}), "Docker config.json")
    docker_val = dpat  # also typed into a zsh session, see below
    decoy("home/.docker/config.json", "osxkeychain", "credsStore marker: other registries' secrets live in the macOS Keychain")

    # --- GitHub / git ---------------------------------------------------------------
    gho = gh("gho_")
    put("home/.config/gh/hosts.yml", f"""github.com:
    users:
        ines-okafor:
            oauth_token: {gho}
    git_protocol: https
    oauth_token: {gho}
    user: ines-okafor
""", "GitHub CLI hosts.yml")
    cred("home/.config/gh/hosts.yml", gho, "github", "GitHub CLI OAuth token", "high", "unknown",
         "§3 row 'ghp_… in ~/.config/gh/hosts.yml'; §1 high: source hosting, scopes unknown offline",
         "gh login of ines-okafor written in plaintext (--insecure-storage); gh's default scopes include repo")
    bb, ado = bitbucket_app_pw(), ado_pat()
    put("home/.git-credentials", f"""https://ines-larkspur:{bb}@bitbucket.org
https://larkspur:{ado}@dev.azure.com
""", "git credential store")
    cred("home/.git-credentials", bb, "bitbucket", "Bitbucket app password", "high", "unknown",
         "§1 high: source-hosting tokens whose scopes are unknown (Bitbucket)", "https://ines-larkspur:<app password>@bitbucket.org; the mobile app repos live there",
         parts=["ines-larkspur"])
    cred("home/.git-credentials", ado, "azure-devops", "Azure DevOps personal access token", "high", "unknown",
         "§1 high: source-hosting tokens whose scopes are unknown (Azure DevOps)", "dev.azure.com organisation larkspur; PAT scopes are not in the file",
         parts=["larkspur"])
    gl = glpat()
    put("home/.gitconfig", f"""[user]
	name = Ines Okafor
	email = {EMAIL}
[credential]
	helper = osxkeychain
	helper = store
[url "https://oauth2:{gl}@gitlab.com/larkspur-legacy/"]
	insteadOf = https://gitlab.com/larkspur-legacy/
[init]
	defaultBranch = main
[pull]
	rebase = true
""", "git global config (url.insteadOf with token)")
    cred("home/.gitconfig", gl, "gitlab", "GitLab personal access token (in url.insteadOf)", "high", "unknown",
         "§1 high: source-hosting tokens whose scopes are unknown (GitLab)", "embedded as https://oauth2:<token>@gitlab.com/larkspur-legacy/ in an insteadOf rewrite",
         parts=["oauth2"])

    # --- package registries ---------------------------------------------------------
    akcp = artifactory()
    put("home/.netrc", f"""machine larkspur.jfrog.io
  login {EMAIL}
  password {akcp}
""", "netrc")
    npm = npm_token()
    put("home/.npmrc", f"""//registry.npmjs.org/:_authToken={npm}
@larkspur:registry=https://registry.npmjs.org/
email={EMAIL}
save-exact=true
""", "npmrc (user)")
    cred("home/.npmrc", npm, "npm", "npm access token", "high", "unknown",
         "§1 high: package-publish tokens (npm)", "registry.npmjs.org token of the user who publishes @larkspur/* packages")
    pypi, tpypi = pypi_token(), pypi_token("test.pypi.org")
    put("home/.pypirc", f"""[distutils]
index-servers =
    pypi
    testpypi

[pypi]
username = __token__
password = {pypi}

[testpypi]
repository = https://test.pypi.org/legacy/
username = __token__
password = {tpypi}
""", "pypirc")
    cred("home/.pypirc", pypi, "pypi", "PyPI API token", "high", "unknown",
         "§1 high: package-publish tokens (PyPI)", "[pypi] __token__ password; the macaroon's permissions caveat is 'user' (every project of the account)")
    cred("home/.pypirc", tpypi, "pypi", "TestPyPI API token", "low", "test",
         "§1 low: test mode; §2.4 test is low",
         "ambiguous: [testpypi] token for test.pypi.org, a separate sandbox index whose uploads reach no real installs; registries are not split by environment, but TestPyPI is a test service, so labelled low/test")
    crates = cio()
    put("home/.cargo/credentials.toml", f"""[registry]
token = "{crates}"
""", "Cargo credentials.toml")
    cred("home/.cargo/credentials.toml", crates, "crates.io", "crates.io API token", "high", "unknown",
         "§1 high: package-publish tokens (crates.io)", "[registry] token; Ines publishes the fhir-lite crate")

    # --- IaC and secret managers ----------------------------------------------------
    tf = tfc()
    put("home/.terraform.d/credentials.tfrc.json", js({"credentials": {"app.terraform.io": {"token": tf}}}),
        "Terraform CLI credentials.tfrc.json")
    cred("home/.terraform.d/credentials.tfrc.json", tf, "terraform-cloud", "HCP Terraform user API token", "critical", "production",
         "§1 critical: account-wide Terraform Cloud tokens; §2.2 an account token on a platform that hosts environments reaches production wherever found",
         "terraform login token for app.terraform.io; runs (and destroys) every workspace of the user's teams")
    vt = vault_token()
    put("home/.vault-token", vt, "Vault token helper file")
    cred("home/.vault-token", vt, "vault", "Vault service token", "critical", "unknown",
         "§3 row 'Vault token in ~/.vault-token'; §1 critical: secrets-manager tokens; §2.5 reads every secret its policies allow",
         "raw hvs. token written by vault login; the file says nothing about which Vault")
    dct = doppler("ct")
    put("home/.doppler/.doppler.yaml", f"""scoped:
    /:
        token: {dct}
        api-host: https://api.doppler.com
        dashboard-host: https://dashboard.doppler.com
        verify-tls: true
    {HOMEABS}/code/carebridge:
        enclave.project: carebridge
        enclave.config: dev
""", "Doppler CLI config")
    cred("home/.doppler/.doppler.yaml", dct, "doppler", "Doppler CLI token", "critical", "production",
         "§1 critical: secrets-manager tokens; §2.5 a CLI token reads every project and config, production included; §2.2",
         "dp.ct. token at scope /; the dev config scoped to the repo does not limit the account-wide token", )
    op = ops_token("https://larkspur.1password.com/", "release-bot@larkspur.health")
    put("home/.zshrc", f"""export PATH="/opt/homebrew/bin:$HOME/.cargo/bin:$PATH"
eval "$(starship init zsh)"
eval "$(direnv hook zsh)"
setopt EXTENDED_HISTORY

# 1Password service account "release-bot" (vault: carebridge-prod-release), for scripts/sign-release.sh
export OP_SERVICE_ACCOUNT_TOKEN={op}

export EDITOR=nvim
alias k=kubectl
alias tf=terraform
""", "zshrc")
    cred("home/.zshrc", op, "1password", "1Password service-account token", "critical", "production",
         "§1 critical: 1Password service accounts (secrets manager); §2.5 ranked by the production vault it reads",
         "the comment names the vault carebridge-prod-release")

    # --- hosting CLIs (macOS paths) -------------------------------------------------
    nf = netlify()
    nuid = hexs(24)
    cli_id = uuid4()
    put("home/Library/Preferences/netlify/config.json", js({
        "telemetryDisabled": False, "cliId": cli_id, "userId": nuid,
        "users": {nuid: {"id": nuid, "name": "Ines Okafor", "email": EMAIL,
                         "auth": {"token": nf, "github": {"user": None, "token": None}}}}}),
        "Netlify CLI config (macOS Preferences)")
    cred("home/Library/Preferences/netlify/config.json", nf, "netlify", "Netlify personal access token", "critical", "production",
         "§1 critical: account-wide hosting tokens (Netlify); §2.2 reaches every site, production included",
         "users.<id>.auth.token of the netlify login; nfp_ tokens carry no scopes")
    decoy("home/Library/Preferences/netlify/config.json", cli_id, "cliId: an installation UUID")
    flyt = fly()
    put("home/.fly/config.yml", f"""access_token: {flyt}
last_update_check: 2025-06-02T09:14:03.512Z
send_metrics: true
auto_update: true
wire_guard_state: {{}}
""", "Fly.io CLI config")
    cred("home/.fly/config.yml", flyt, "fly", "Fly.io user access token", "critical", "production",
         "§1 critical: account-wide hosting tokens (Fly); §2.2", "flyctl auth login token: every app of every org of the user (realtime-gateway runs on Fly)")
    cf_at, cf_rt = cf_oauth(), cf_oauth()
    put("home/Library/Preferences/.wrangler/config/default.toml", f"""oauth_token = "{cf_at}"
expiration_time = "2025-06-02T10:14:03.512Z"
refresh_token = "{cf_rt}"
scopes = [ "account:read", "user:read", "workers:write", "workers_kv:write", "workers_routes:write", "workers_scripts:write", "workers_tail:read", "d1:write", "pages:write", "zone:read", "ssl_certs:write", "offline_access" ]
""", "Cloudflare wrangler OAuth config (macOS Preferences)")
    cred("home/Library/Preferences/.wrangler/config/default.toml", cf_rt, "cloudflare", "wrangler OAuth refresh token", "critical", "production",
         "§1 critical: account-wide Cloudflare credentials (workers, pages, KV, D1 write); §2.2",
         "refresh_token of wrangler login (offline_access), parts holds the short-lived oauth_token; token shape is a guess (?)", parts=[cf_at])

    # --- Stripe CLI -----------------------------------------------------------------
    rk, skt, pkt, pkl = stripe("rk_live_"), stripe("sk_test_"), stripe("pk_test_"), stripe("pk_live_")
    put("home/.config/stripe/config.toml", f"""color = ''

[larkspur]
device_name = 'ines-mbp'
display_name = 'Larkspur Health'
live_mode_api_key = '{rk}'
live_mode_key_expires_at = '2025-08-31'
live_mode_pub_key = '{pkl}'
test_mode_api_key = '{skt}'
test_mode_key_expires_at = '2025-08-31'
test_mode_pub_key = '{pkt}'
""", "Stripe CLI config.toml")
    sc = "home/.config/stripe/config.toml"
    cred(sc, rk, "stripe", "restricted live key (Stripe CLI login)", "critical", "production",
         "§1 critical: live payment keys (rk_live) that can write; §2.4 live mode is production",
         "live_mode_api_key minted by stripe login; the CLI's restricted key can create charges and refunds")
    cred(sc, skt, "stripe", "test-mode secret key", "low", "test", "§3 row 'sk_test_…'; §1 low: test mode", "test_mode_api_key")
    cred(sc, pkt, "stripe", "test-mode publishable key", "low", "test", "§1 low: publishable keys and test mode",
         "test_mode_pub_key; public by design", optional=True)
    stripe_pk_live = pkl  # labelled with the web app's .env.production

    # --- messaging, observability, misc --------------------------------------------
    tw_ac, tw_sk, tw_sec = twilio_sid("AC"), twilio_sid("SK"), s(32)
    put("home/.twilio-cli/config.json", js({
        "profiles": {"larkspur": {"accountSid": tw_ac, "apiKey": tw_sk, "apiSecret": tw_sec, "region": None, "edge": None}},
        "activeProfile": "larkspur", "requireProfileInput": False}), "Twilio CLI config")
    cred("home/.twilio-cli/config.json", tw_sec, "twilio", "Twilio API key secret", "high", "unknown",
         "§1 high: SMS senders (Twilio)", "profile larkspur: API key SID and secret of the account that sends appointment reminders",
         parts=[tw_sk, tw_ac])
    su = sentry_user()
    put("home/.sentryclirc", f"""[auth]
token={su}

[defaults]
org=larkspur
url=https://sentry.io/
""", "sentryclirc")
    cred("home/.sentryclirc", su, "sentry", "Sentry user auth token", "medium", "unknown",
         "§1 medium: observability (Sentry); §3 row 'SENTRY_AUTH_TOKEN=sntrys_…'", "[auth] token of the user, org larkspur")
    hf1, hf2 = hf(), hf()
    put("home/.cache/huggingface/token", hf1, "Hugging Face token file")
    put("home/.cache/huggingface/stored_tokens", f"""[ines-laptop]
hf_token = {hf1}

[carebridge-ci-write]
hf_token = {hf2}
""", "Hugging Face stored_tokens")
    cred("home/.cache/huggingface/token", hf1, "huggingface", "Hugging Face access token", "medium", "unknown",
         "§1 medium: Hugging Face tokens", "active token of huggingface-cli login", also=["home/.cache/huggingface/stored_tokens"])
    cred("home/.cache/huggingface/stored_tokens", hf2, "huggingface", "Hugging Face access token (named, write)", "medium", "unknown",
         "§1 medium: Hugging Face tokens (the name says write; still the medium class)", "stored token carebridge-ci-write")
    ng = ngrok()
    put("home/Library/Application Support/ngrok/ngrok.yml", f"""version: "3"
agent:
    authtoken: {ng}
tunnels:
    fhir-webhooks:
        proto: http
        addr: 8443
""", "ngrok agent config (macOS Application Support)")
    cred("home/Library/Application Support/ngrok/ngrok.yml", ng, "ngrok", "ngrok agent authtoken", "medium", "unknown",
         "§1 medium: ngrok", "agent.authtoken (v3 layout)")

    # --- database clients -----------------------------------------------------------
    h_prod, h_stg = neon_host(), neon_host(pooler=True)
    pw_prod, pw_stg, pw_ro = password(), password(), password()
    put("home/.pgpass", f"""# hostname:port:database:username:password
{h_prod}:5432:carebridge_prod:carebridge_owner:{pw_prod}
{h_stg}:5432:carebridge_staging:carebridge_app:{pw_stg}
bi-replica.larkspur.internal:5432:warehouse:looker_readonly:{pw_ro}
""", "pgpass")
    cred("home/.pgpass", pw_prod, "neon", "Postgres password (database owner)", "critical", "production",
         "§3 row 'prod-db…:5432:rentals:app_admin:<pw> in ~/.pgpass'; §1 critical: production database credentials that can write",
         "database carebridge_prod, role carebridge_owner (owns the schema) on a Neon endpoint", parts=["carebridge_owner"])
    cred("home/.pgpass", pw_stg, "neon", "Postgres password (application role)", "medium", "staging",
         "§2.4 a staging database is at most medium; §1 medium: staging databases",
         "database carebridge_staging on the pooled Neon endpoint", parts=["carebridge_app"])
    cred("home/.pgpass", pw_ro, "postgres", "Postgres password (read-only reporting role)", "high", "unknown",
         "§2.3 a credential known to be read-only drops one tier: a database of unknown environment (critical) read-only is high",
         "ambiguous: host bi-replica, database warehouse, role looker_readonly; read-only only by its name, environment not stated (a BI replica is likely production data)",
         parts=["looker_readonly"])
    ps_user, ps_pw = s(12, LOWER_ALNUM), pscale_pw()
    put("home/.my.cnf", f"""# PlanetScale: billing database, main branch (production)
[client]
host = aws.connect.psdb.cloud
user = {ps_user}
password = {ps_pw}
database = billing
ssl-ca = /etc/ssl/cert.pem
""", "MySQL option file (my.cnf)")
    cred("home/.my.cnf", ps_pw, "planetscale", "PlanetScale branch password", "critical", "production",
         "§1 critical: production database credentials that can write; §2.4 production keeps the tier",
         "the comment names the billing database's main branch as production; PlanetScale passwords default to read/write", parts=[ps_user])
    return {"docker": docker_val, "akcp": akcp, "stripe_pk_live": stripe_pk_live, "tid": tid}


def build_agents_and_histories(h):
    # --- AI agents and MCP configs --------------------------------------------------
    ghf = gh_fine()
    put("home/Library/Application Support/Claude/claude_desktop_config.json", js({"mcpServers": {
        "github": {"command": "docker", "args": ["run", "-i", "--rm", "-e", "GITHUB_PERSONAL_ACCESS_TOKEN",
                                                   "ghcr.io/github/github-mcp-server"],
                   "env": {"GITHUB_PERSONAL_ACCESS_TOKEN": ghf}},
        "filesystem": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem", f"{HOMEABS}/code"]}}}),
        "Claude Desktop config (macOS Application Support)")
    cred("home/Library/Application Support/Claude/claude_desktop_config.json", ghf, "github", "fine-grained personal access token", "high", "unknown",
         "§1 high: source-hosting tokens whose scopes are unknown (GitHub)", "mcpServers.github.env.GITHUB_PERSONAL_ACCESS_TOKEN; fine-grained repo permissions are not in the file")
    napi = neon_key()
    dd_api, dd_app = hexs(32), hexs(40)
    user_id = hexs(64)
    put("home/.claude.json", js({
        "numStartups": 212, "installMethod": "native", "autoUpdates": True,
        "userID": user_id, "hasCompletedOnboarding": True,
        "mcpServers": {"neon": {"type": "stdio", "command": "npx",
                                "args": ["-y", "@neondatabase/mcp-server-neon", "start", napi], "env": {}}},
        "projects": {f"{HOMEABS}/code/carebridge": {
            "allowedTools": [], "hasTrustDialogAccepted": True,
            "mcpServers": {"datadog": {"type": "stdio", "command": "npx", "args": ["-y", "@winor30/mcp-server-datadog"],
                                       "env": {"DATADOG_API_KEY": dd_api, "DATADOG_APP_KEY": dd_app,
                                               "DATADOG_SITE": "us5.datadoghq.com"}}}}}}),
        "Claude Code user state (~/.claude.json)")
    cred("home/.claude.json", napi, "neon", "Neon personal API key", "critical", "production",
         "§2.2 an account-wide token on a platform that hosts environments reaches production wherever found; §1 critical (databases)",
         "user-scope mcpServers.neon passes the key in args; a personal key reaches every project and branch")
    cred("home/.claude.json", dd_app, "datadog", "Datadog application key (with API key)", "medium", "unknown",
         "§1 medium: observability (Datadog)", "project-scope mcpServers.datadog.env; the app key carries the user's role, the API key is in parts",
         parts=[dd_api])
    decoy("home/.claude.json", user_id, "userID: an anonymous installation hash")
    ant = anthropic()
    put("home/.claude/settings.json", js({
        "env": {"ANTHROPIC_API_KEY": ant, "CLAUDE_CODE_ENABLE_TELEMETRY": "0"},
        "permissions": {"allow": ["Bash(npm run test:*)", "Bash(pytest:*)"], "deny": ["Read(./.env.production)"]},
        "model": "opus"}), "Claude Code settings.json")
    cred("home/.claude/settings.json", ant, "anthropic", "Anthropic API key", "high", "unknown",
         "§1 high: LLM API keys (billing, org data)", "env.ANTHROPIC_API_KEY in user settings")
    alg_app, alg_admin = algolia_app(), hexs(32)
    pm = uuid4()
    put("home/.cursor/mcp.json", js({"mcpServers": {
        "algolia-admin": {"command": "npx", "args": ["-y", "@algolia/mcp"],
                          "env": {"ALGOLIA_APPLICATION_ID": alg_app, "ALGOLIA_API_KEY": alg_admin}},
        "postmark": {"command": "node", "args": [f"{HOMEABS}/mcp/postmark-mcp/index.js"],
                     "env": {"POSTMARK_SERVER_TOKEN": pm, "DEFAULT_SENDER_EMAIL": "care@larkspur.health",
                             "DEFAULT_MESSAGE_STREAM": "outbound"}}}}), "Cursor mcp.json (user)")
    cred("home/.cursor/mcp.json", alg_admin, "algolia", "Algolia admin API key", "medium", "unknown",
         "§2.1 single-purpose SaaS (search) reaches medium",
         "ambiguous: the server is named algolia-admin; an admin key can delete indices and mint keys, and §1 lists provider admin keys as critical, but the class ceiling of a search SaaS is medium",
         parts=[alg_app])
    cred("home/.cursor/mcp.json", pm, "postmark", "Postmark server token", "high", "unknown",
         "§1 high: email senders (phishing from your domain)", "mcpServers.postmark.env.POSTMARK_SERVER_TOKEN, sender care@larkspur.health")
    oai = openai()
    put("home/.codex/auth.json", js({"OPENAI_API_KEY": oai, "tokens": None, "last_refresh": None}), "Codex CLI auth.json")
    cred("home/.codex/auth.json", oai, "openai", "OpenAI project API key", "high", "unknown",
         "§1 high: LLM API keys", "OPENAI_API_KEY written by codex login --api-key")
    sorg = sentry_org("larkspur")
    put("home/.codex/config.toml", f"""model = "gpt-5-codex"
approval_policy = "on-request"
sandbox_mode = "workspace-write"

[projects."{HOMEABS}/code/carebridge"]
trust_level = "trusted"

[mcp_servers.sentry]
url = "https://mcp.sentry.dev/mcp"
http_headers = {{ "Authorization" = "Bearer {sorg}" }}

[mcp_servers.linear]
url = "https://mcp.linear.app/mcp"
bearer_token_env_var = "LINEAR_API_KEY"
""", "Codex CLI config.toml")
    cred("home/.codex/config.toml", sorg, "sentry", "Sentry organization auth token", "medium", "unknown",
         "§1 medium: observability; §3 row 'SENTRY_AUTH_TOKEN=sntrys_…'", "literal http_headers Authorization: Bearer <token> of mcp_servers.sentry")
    decoy("home/.codex/config.toml", "LINEAR_API_KEY", "bearer_token_env_var holds only a variable name")
    mg = mailgun()
    put("home/.gemini/settings.json", js({"theme": "GitHub", "selectedAuthType": "gemini-api-key",
                                          "mcpServers": {"mailgun": {"command": "npx", "args": ["-y", "@mailgun/mcp-server"],
                                                                     "env": {"MAILGUN_API_KEY": mg, "MAILGUN_DOMAIN": "mg.larkspur.health"}}}}),
        "Gemini CLI settings.json")
    cred("home/.gemini/settings.json", mg, "mailgun", "Mailgun private API key", "high", "unknown",
         "§1 high: email senders (Mailgun)", "mcpServers.mailgun.env.MAILGUN_API_KEY for mg.larkspur.health")
    gem = aiza()
    put("home/.gemini/.env", f"GEMINI_API_KEY={gem}\n", "Gemini CLI .env")
    cred("home/.gemini/.env", gem, "google-ai", "Gemini API key", "high", "unknown", "§1 high: LLM API keys", "GEMINI_API_KEY read by gemini at start")
    pw_sql = password(20)
    put("home/Library/Application Support/Code/User/settings.json", js({
        "editor.fontSize": 13, "editor.formatOnSave": True, "files.autoSave": "onFocusChange",
        "terminal.integrated.defaultProfile.osx": "zsh",
        "sqltools.connections": [
            {"name": "fhir-staging (Azure SQL)", "driver": "MSSQL", "server": "larkspur-fhir-stg.database.windows.net",
             "port": 1433, "database": "fhir_staging", "username": "fhir_admin", "password": pw_sql, "askForPassword": False},
            {"name": "local", "driver": "PostgreSQL", "server": "localhost", "port": 5432, "database": "carebridge_dev",
             "username": "carebridge", "askForPassword": True}]}), "VS Code user settings.json (macOS Application Support)")
    cred("home/Library/Application Support/Code/User/settings.json", pw_sql, "azure-sql", "SQL Server login (SQLTools connection)", "medium", "staging",
         "§2.4 a staging database is at most medium", "sqltools connection fhir-staging on larkspur-fhir-stg.database.windows.net, database fhir_staging",
         parts=["fhir_admin"])
    a0_id, a0_sec = auth0_client()
    put("home/Library/Application Support/Code/User/mcp.json", js({
        "servers": {"auth0": {"type": "stdio", "command": "npx", "args": ["-y", "@auth0/auth0-mcp-server", "run"],
                              "env": {"AUTH0_DOMAIN": "larkspur-dev.us.auth0.com", "AUTH0_CLIENT_ID": a0_id, "AUTH0_CLIENT_SECRET": a0_sec}}},
        "inputs": [{"type": "promptString", "id": "sentry-token", "description": "Sentry token", "password": True}]}),
        "VS Code user mcp.json (macOS Application Support)")
    cred("home/Library/Application Support/Code/User/mcp.json", a0_sec, "auth0", "Auth0 Management API client secret", "medium", "development",
         "§2.4 development environment is at most medium (identity tenants are split by environment)",
         "tenant larkspur-dev.us.auth0.com (the development tenant of patient login)", parts=[a0_id])
    mis = mistral()
    put("home/.continue/config.yaml", f"""name: Local Assistant
version: 1.0.0
schema: v1
models:
  - name: Codestral
    provider: mistral
    model: codestral-latest
    apiKey: {mis}
    roles:
      - autocomplete
  - name: Llama local
    provider: ollama
    model: llama3.1:8b
""", "Continue config.yaml")
    cred("home/.continue/config.yaml", mis, "mistral", "Mistral API key", "high", "unknown", "§1 high: LLM API keys", "models[0].apiKey (Codestral autocomplete)")
    okt = okta_token()
    put("home/.okta/okta.yaml", f"""okta:
  client:
    orgUrl: "https://larkspur.okta.com"
    token: "{okt}"
""", "Okta SDK config (okta.yaml)")
    cred("home/.okta/okta.yaml", okt, "okta", "Okta API token (SSWS)", "critical", "production",
         "§1 critical: unlocks other credentials in one step (the workforce identity provider)",
         "ambiguous: Okta's class is not in the rubric; an API token acts with its admin's rights (reset factors, create users, read app secrets), so ranked critical; org larkspur.okta.com is the production org (not oktapreview)")

    # --- macOS Terminal zsh sessions -------------------------------------------------
    sa, sb = str(uuid.UUID(bytes=rbytes(16), version=4)).upper(), str(uuid.UUID(bytes=rbytes(16), version=4)).upper()
    dd_api2, pw_local = hexs(32), password(16)
    za = f"home/.zsh_sessions/{sa}.history"
    put(za, f"""cd ~/code/carebridge
git pull --rebase
curl -s -H "DD-API-KEY: {dd_api2}" https://api.us5.datadoghq.com/api/v1/validate
PGPASSWORD={pw_local} psql -h 127.0.0.1 -U postgres carebridge_dev -c 'select count(*) from appointments'
docker login -u larkspurci -p {h['docker']}
make test
""", "zsh session history (macOS Terminal ~/.zsh_sessions)")
    put(f"home/.zsh_sessions/{sa}.session", f"echo Restored session: \"$(date -r 1748851200)\"\ncd {HOMEABS}/code/carebridge\n", "zsh session restore script")
    cred(za, dd_api2, "datadog", "Datadog API key", "medium", "unknown", "§1 medium: observability (an API key alone only ingests)",
         "curl -H 'DD-API-KEY: …' to the us5 validate endpoint")
    cred(za, pw_local, "postgres", "local Postgres password", "low", "development", "§3 row 'postgres://app:<pw>@localhost:5432/dev'; §2.4 localhost is low",
         "PGPASSWORD=… psql -h 127.0.0.1 carebridge_dev", parts=["postgres"])
    cred("home/.docker/config.json", h["docker"], "docker-hub", "Docker Hub personal access token", "high", "unknown",
         "§1 high: container registries (publish)", "auths index.docker.io, user larkspurci (pushes larkspurhealth/* images); stored base64 as user:token; also typed into a zsh session",
         parts=["larkspurci"], also=[za])
    zb = f"home/.zsh_sessions/{sb}.history"
    sp_id, sp_sec = uuid4(), entra_secret()
    tw_ac2, tw_tok = twilio_sid("AC"), hexs(32)
    put(zb, f"""az login --service-principal -u {sp_id} -p {sp_sec} --tenant {h['tid']}
az account set --subscription Larkspur-FHIR-Prod
az aks list -o table
export TWILIO_ACCOUNT_SID={tw_ac2}
export TWILIO_AUTH_TOKEN={tw_tok}
twilio api:core:messages:list --limit 5
""", "zsh session history (macOS Terminal ~/.zsh_sessions)")
    put(f"home/.zsh_sessions/{sb}.session", f"echo Restored session: \"$(date -r 1748937600)\"\ncd {HOMEABS}/code/carebridge/infra\n", "zsh session restore script")
    cred(zb, sp_sec, "azure", "Entra service-principal client secret", "critical", "production",
         "§1 critical: Azure service principals on a production subscription; §2.4 production keeps the tier",
         "az login --service-principal -p <secret>, then az account set --subscription Larkspur-FHIR-Prod in the same session", parts=[sp_id, h["tid"]])
    cred(zb, tw_tok, "twilio", "Twilio account auth token", "high", "unknown", "§1 high: SMS senders (Twilio); the auth token is the account's master credential",
         "export TWILIO_AUTH_TOKEN with its account SID", parts=[tw_ac2])
    ghp = gh("ghp_")
    put("home/.zsh_history", f""": 1748764800:0;brew upgrade
: 1748764860:0;gh auth login --with-token <<< {ghp}
: 1748764920:0;gh repo clone larkspur/carebridge ~/code/carebridge
: 1748765100:0;helm repo add larkspur https://larkspur.jfrog.io/artifactory/api/helm/helm-local --username {EMAIL} --password {h['akcp']}
: 1748765160:0;helm repo update
: 1748765400:0;terraform -chdir=infra/terraform/envs/staging plan
""", "zsh history (EXTENDED_HISTORY)")
    cred("home/.zsh_history", ghp, "github", "GitHub classic personal access token", "high", "unknown",
         "§1 high: source-hosting tokens whose scopes are unknown", "gh auth login --with-token <<< ghp_…")
    cred("home/.netrc", h["akcp"], "artifactory", "JFrog Artifactory API key", "high", "unknown",
         "§1 high: package registries (Artifactory)", "machine larkspur.jfrog.io (internal npm, PyPI, helm and docker); also passed to helm repo add in zsh history",
         parts=[EMAIL], also=["home/.zsh_history"])
    hb = gh("ghp_")
    put("home/.zprofile", f"""eval "$(/opt/homebrew/bin/brew shellenv)"
export HOMEBREW_GITHUB_API_TOKEN={hb}
export HOMEBREW_NO_ANALYTICS=1
""", "zprofile")
    cred("home/.zprofile", hb, "github", "GitHub PAT for Homebrew", "medium", "unknown",
         "§3 row 'HOMEBREW_GITHUB_API_TOKEN=ghp_…': by convention created without scopes", "HOMEBREW_GITHUB_API_TOKEN")

    # --- REPL and db-client histories -------------------------------------------------
    pw_mb = password()
    put("home/.psql_history", f"""\\dt
select id, status, starts_at from appointments order by created_at desc limit 20;
CREATE ROLE metabase_ro LOGIN PASSWORD '{pw_mb}';
GRANT pg_read_all_data TO metabase_ro;
\\q
""", "psql history")
    cred("home/.psql_history", pw_mb, "postgres", "Postgres password (read-only role)", "high", "unknown",
         "§2.3 known read-only drops one tier: a database of unknown environment (critical) read-only is high",
         "ambiguous: CREATE ROLE metabase_ro … GRANT pg_read_all_data; the file does not say which server the session was on, so unknown (a role created next to appointments data is likely production)",
         parts=["metabase_ro"])
    pw_my = password(16)
    put("home/.mysql_history", "_HiStOrY_V2_\n" + "\n".join(libedit(x) for x in [
        "show databases;",
        f"CREATE USER 'ines'@'localhost' IDENTIFIED BY '{pw_my}';",
        "GRANT ALL ON billing_development.* TO 'ines'@'localhost';",
        "exit"]) + "\n", "mysql history (libedit)")
    cred("home/.mysql_history", pw_my, "mysql", "local MySQL password", "low", "development", "§2.4 local-only (localhost) is low",
         "CREATE USER 'ines'@'localhost' for billing_development; libedit history, spaces stored as \\040", parts=["ines"])
    adm = anthropic("admin01")
    put("home/.python_history", "_HiStOrY_V2_\n" + "\n".join(libedit(x) for x in [
        "import requests",
        f'r = requests.get("https://api.anthropic.com/v1/organizations/users", headers={{"x-api-key": "{adm}", "anthropic-version": "2023-06-01"}})',
        "r.status_code",
        "[u['email'] for u in r.json()['data']]",
        "exit()"]) + "\n", "python REPL history (libedit)")
    cred("home/.python_history", adm, "anthropic", "Anthropic Admin API key", "critical", "unknown",
         "§1 critical: provider admin keys (Anthropic admin)", "sk-ant-admin01- key sent to /v1/organizations/users; macOS libedit history, spaces stored as \\040")
    mbx = mapbox("sk", "larkspur")
    put("home/.node_repl_history", "\n".join([
        "res.features[0].place_name",
        f"const res = await (await fetch(`https://api.mapbox.com/geocoding/v5/mapbox.places/${{q}}.json?access_token={mbx}`)).json()",
        "const q = encodeURIComponent('1200 NW Larkspur Ave, Portland OR')",
    ]) + "\n", "node REPL history")
    cred("home/.node_repl_history", mbx, "mapbox", "Mapbox secret access token", "medium", "unknown",
         "§1 medium: maps and geocoding secret keys", "sk. token in a geocoding URL (node history is newest first)")

    # --- SSH --------------------------------------------------------------------------
    ed, ed_pub = openssh_ed25519(EMAIL)
    put("home/.ssh/id_ed25519", ed, "SSH private key")
    put("home/.ssh/id_ed25519.pub", ed_pub + "\n", "SSH public key")
    cred("home/.ssh/id_ed25519", ed, "ssh", "unencrypted OpenSSH ed25519 key", "high", "unknown",
         "§1 high: unencrypted SSH private keys", "kdfname none (no passphrase)")
    decoy("home/.ssh/id_ed25519.pub", ed_pub.split()[1], "public key")
    bastion = rsa_pkcs1_pem(2048)
    put("home/.ssh/larkspur-bastion-prod.pem", bastion, "SSH private key")
    cred("home/.ssh/larkspur-bastion-prod.pem", bastion, "ssh", "unencrypted RSA private key (PKCS#1)", "high", "production",
         "§1 high: unencrypted SSH private keys (the class tops out at high)", "no ENCRYPTED header; the file name says production bastion")
    legacy, _legacy_pub = openssh_rsa_encrypted("ines@old-mbp")
    put("home/.ssh/id_rsa_legacy", legacy, "SSH private key")
    cred("home/.ssh/id_rsa_legacy", legacy, "ssh", "passphrase-protected OpenSSH RSA key", "low", "unknown",
         "§1 low: encrypted private keys (passphrase-protected)", "ciphername aes256-ctr, kdfname bcrypt")
    bastion_host = f"ssh-ed25519 {b64(_sshstr(b'ssh-ed25519') + _sshstr(rbytes(32)))}"
    put("home/.ssh/known_hosts", f"bastion.prod.larkspur.internal {bastion_host}\n", "SSH known_hosts")
    decoy("home/.ssh/known_hosts", bastion_host.split()[1], "host public key")
    put("home/.ssh/config", """Host bastion-prod
    HostName bastion.prod.larkspur.internal
    User ines
    IdentityFile ~/.ssh/larkspur-bastion-prod.pem

Host *
    UseKeychain yes
    AddKeysToAgent yes
    IdentityFile ~/.ssh/id_ed25519
""", "SSH client config")


def build_workspace(h):
    # --- dotenv family ---------------------------------------------------------------
    pw_dev, sg = password(), sendgrid()
    put(w(".env"), f"""# local development (docker compose up)
NODE_ENV=development
DATABASE_URL=postgres://carebridge:{pw_dev}@localhost:5432/carebridge_dev
REDIS_URL=redis://localhost:6379/0
SENDGRID_API_KEY={sg}
""", "dotenv file (.env, .env.<environment>, .env.local)")
    cred(w(".env"), pw_dev, "postgres", "local Postgres password (connection URL)", "low", "development",
         "§3 row 'postgres://app:<pw>@localhost:5432/dev'", "DATABASE_URL on localhost; the same password is POSTGRES_PASSWORD in docker-compose.yml",
         parts=["carebridge"], also=[w("docker-compose.yml")])
    cred(w(".env"), sg, "sendgrid", "SendGrid API key", "high", "development",
         "§1 high: email senders; §2.4 the file's environment does not cap a provider that is not split by environment",
         "SENDGRID_API_KEY in a .env whose comment and NODE_ENV say local development; the key still sends from the company domain")
    put(w(".env.example"), """# copy to .env and fill in
STRIPE_SECRET_KEY=<your-stripe-secret-key>
DATABASE_URL=postgres://carebridge:changeme@localhost:5432/carebridge_dev
OPENAI_API_KEY=${OPENAI_API_KEY}
SENDGRID_API_KEY=SG.your-key-here
""", "dotenv template (.env.example)")
    for v, why in [("<your-stripe-secret-key>", "placeholder"), ("changeme", "placeholder password"),
                   ("${OPENAI_API_KEY}", "variable reference, not a value"), ("SG.your-key-here", "placeholder with the provider prefix")]:
        decoy(w(".env.example"), v, why)
    h_stg2 = neon_host(pooler=True)
    pw_stg2, ps_id, ps_tok = password(), s(12, LOWER_ALNUM), pscale_tkn()
    put(w(".env.staging"), f"""APP_ENV=staging
DATABASE_URL=postgresql://carebridge_app:{pw_stg2}@{h_stg2}/carebridge_staging?sslmode=require
PLANETSCALE_ORG=larkspur
PLANETSCALE_SERVICE_TOKEN_ID={ps_id}
PLANETSCALE_SERVICE_TOKEN={ps_tok}
""", "dotenv file (.env, .env.<environment>, .env.local)")
    cred(w(".env.staging"), pw_stg2, "neon", "Postgres password (connection URL)", "medium", "staging",
         "§2.4 a staging database is at most medium", "DATABASE_URL to carebridge_staging in .env.staging", parts=["carebridge_app"])
    cred(w(".env.staging"), ps_tok, "planetscale", "PlanetScale service token", "critical", "production",
         "§2.2 an organisation token on a platform that hosts environments reaches production wherever found; §2.3 unknown capability is the provider's typical token",
         "ambiguous: service tokens can be limited to some databases and to read access, which the file does not show; ranked as the org-wide token although found in .env.staging",
         parts=[ps_id])
    sk_live, wh, dst = stripe("sk_live_"), whsec(), doppler("st.prd")
    put(w("apps/admin-api/.env.production"), f"""NODE_ENV=production
STRIPE_SECRET_KEY={sk_live}
STRIPE_WEBHOOK_SECRET={wh}
DOPPLER_TOKEN={dst}
POSTMARK_FROM=care@larkspur.health
""", "dotenv file (.env, .env.<environment>, .env.local)")
    ep = w("apps/admin-api/.env.production")
    cred(ep, sk_live, "stripe", "live secret key", "critical", "production", "§1 critical: live payment secret keys (sk_live)", "STRIPE_SECRET_KEY in .env.production")
    cred(ep, wh, "stripe", "webhook signing secret", "high", "production", "§1 high: production webhook signing secrets", "STRIPE_WEBHOOK_SECRET in .env.production")
    cred(ep, dst, "doppler", "Doppler service token (prd config)", "critical", "production",
         "§3 row 'DOPPLER_TOKEN=dp.st.prd.…'; §2.5 reads the production config's secrets", "dp.st.prd. service token")
    skt2, tw_ac, tw_tok = stripe("sk_test_"), twilio_sid("AC"), hexs(32)
    put(w(".env.test"), f"""# used by `npm test` and CI; Twilio *test credentials* (magic numbers only, nothing is sent)
STRIPE_SECRET_KEY={skt2}
TWILIO_ACCOUNT_SID={tw_ac}
TWILIO_AUTH_TOKEN={tw_tok}
""", "dotenv file (.env, .env.<environment>, .env.local)")
    cred(w(".env.test"), skt2, "stripe", "test-mode secret key", "low", "test", "§3 row 'sk_test_…'", "STRIPE_SECRET_KEY in .env.test")
    cred(w(".env.test"), tw_tok, "twilio", "Twilio test-credentials auth token", "low", "test", "§1 low: test-mode keys",
         "the comment says these are Twilio test credentials; the file is .env.test", parts=[tw_ac])
    vst = vault_token()
    put(w(".envrc"), f"""export VAULT_ADDR=https://vault.staging.larkspur.internal:8200
export VAULT_TOKEN={vst}
dotenv_if_exists .env
""", "direnv .envrc")
    cred(w(".envrc"), vst, "vault", "Vault token (staging Vault)", "medium", "staging",
         "§2.5 ranked by the secrets it reads; §2.4 staging is at most medium", "VAULT_ADDR is vault.staging.larkspur.internal")
    dv = password(48)
    put(w("workers/edge-router/.dev.vars"), f"""SESSION_SECRET={dv}
UPSTREAM_URL=http://localhost:8787
""", "wrangler .dev.vars")
    cred(w("workers/edge-router/.dev.vars"), dv, "cloudflare-workers", "session signing secret (wrangler dev)", "low", "development",
         "§1 low: secrets for local dev servers", ".dev.vars is read only by wrangler dev; upstream is localhost")
    put(w("workers/edge-router/wrangler.toml"), """name = "edge-router"
main = "src/index.ts"
compatibility_date = "2025-05-01"

[vars]
UPSTREAM_URL = "https://api.larkspur.health"
""", "wrangler.toml")

    # --- Kubernetes / Helm -------------------------------------------------------------
    pw_k8s, dd_k8s = password(), hexs(32)
    put(w("deploy/k8s/overlays/prod/secrets.yaml"), f"""apiVersion: v1
kind: Secret
metadata:
  name: carebridge-api
  namespace: carebridge-prod
type: Opaque
data:
  DATABASE_HOST: {b64(b"10.20.0.5")}
  DATABASE_USER: {b64(b"carebridge_api")}
  DATABASE_PASSWORD: {b64(pw_k8s.encode())}
stringData:
  DATADOG_API_KEY: {dd_k8s}
""", "Kubernetes Secret manifest")
    kp = w("deploy/k8s/overlays/prod/secrets.yaml")
    cred(kp, pw_k8s, "gcp-cloud-sql", "production database password (Secret data)", "critical", "production",
         "§1 critical: production database credentials that can write", "namespace carebridge-prod, overlay prod; stored base64 in data, value is decoded",
         parts=["carebridge_api"])
    cred(kp, dd_k8s, "datadog", "Datadog API key (Secret stringData)", "medium", "production", "§1 medium: observability", "stringData in the prod overlay")
    pw_redis = password()
    put(w("deploy/k8s/overlays/staging/secrets.yaml"), f"""apiVersion: v1
kind: Secret
metadata:
  name: carebridge-cache
  namespace: carebridge-staging
type: Opaque
stringData:
  REDIS_URL: redis://:{pw_redis}@carebridge-staging-redis.carebridge-staging.svc.cluster.local:6379/0
""", "Kubernetes Secret manifest")
    cred(w("deploy/k8s/overlays/staging/secrets.yaml"), pw_redis, "redis", "Redis password (URL)", "medium", "staging",
         "§2.4 staging is at most medium", "namespace carebridge-staging, staging Redis host")
    mgw = hexs(32)
    put(w("deploy/helm/carebridge/values-prod.yaml"), f"""replicaCount: 4
image:
  repository: us-central1-docker.pkg.dev/larkspur-prod/carebridge/api
  tag: "2025.06.1"
mailgun:
  domain: mg.larkspur.health
  webhookSigningKey: {mgw}
""", "Helm values file")
    cred(w("deploy/helm/carebridge/values-prod.yaml"), mgw, "mailgun", "Mailgun webhook signing key", "high", "production",
         "§1 high: production webhook signing secrets", "values-prod.yaml, mailgun.webhookSigningKey")
    put(w("deploy/helm/carebridge/values-dev.yaml"), """replicaCount: 1
rabbitmq:
  auth:
    username: carebridge
    password: changeme
""", "Helm values file")
    decoy(w("deploy/helm/carebridge/values-dev.yaml"), "changeme", "placeholder password")

    # --- Terraform ----------------------------------------------------------------------
    tdd_api, tdd_app = hexs(32), hexs(40)
    put(w("infra/terraform/envs/prod/terraform.tfvars"), f"""project_id      = "larkspur-prod"
region          = "us-central1"
datadog_api_key = "{tdd_api}"
datadog_app_key = "{tdd_app}"
""", "Terraform tfvars")
    cred(w("infra/terraform/envs/prod/terraform.tfvars"), tdd_app, "datadog", "Datadog application key (with API key)", "medium", "production",
         "§1 medium: observability (Datadog); the class ceiling does not rise in production", "envs/prod tfvars for the datadog provider",
         parts=[tdd_api])
    h1 = "h1:" + b64(rbytes(32))
    put(w("infra/terraform/envs/prod/.terraform.lock.hcl"), f"""provider "registry.terraform.io/datadog/datadog" {{
  version     = "3.62.0"
  constraints = "~> 3.62"
  hashes = [
    "{h1}",
    "zh:{hexs(64)}",
  ]
}}
""", "Terraform lock file")
    decoy(w("infra/terraform/envs/prod/.terraform.lock.hcl"), h1, "provider package hash")
    pw_tf, lineage = password(32), uuid4()
    put(w("infra/terraform/envs/staging/terraform.tfstate"), js({
        "version": 4, "terraform_version": "1.9.8", "serial": 41, "lineage": lineage, "outputs": {},
        "resources": [{"mode": "managed", "type": "google_sql_user", "name": "app", "provider": "provider[\"registry.terraform.io/hashicorp/google\"]",
                       "instances": [{"schema_version": 0, "attributes": {
                           "id": "carebridge_app//carebridge-staging", "instance": "carebridge-staging", "name": "carebridge_app",
                           "password": pw_tf, "project": "larkspur-staging", "type": ""}, "sensitive_attributes": [[{"type": "get_attr", "value": "password"}]]}]}],
        "check_results": None}), "Terraform state")
    cred(w("infra/terraform/envs/staging/terraform.tfstate"), pw_tf, "gcp-cloud-sql", "Cloud SQL user password (in state)", "medium", "staging",
         "§2.4 a staging database is at most medium", "google_sql_user.app on instance carebridge-staging, project larkspur-staging", parts=["carebridge_app"])
    decoy(w("infra/terraform/envs/staging/terraform.tfstate"), lineage, "state lineage UUID")

    # --- compose, CI -------------------------------------------------------------------
    minio = password()
    put(w("docker-compose.yml"), f"""services:
  db:
    image: postgres:16
    container_name: carebridge-dev-db
    ports: ["127.0.0.1:5432:5432"]
    environment:
      POSTGRES_USER: carebridge
      POSTGRES_PASSWORD: {pw_dev}
      POSTGRES_DB: carebridge_dev
  minio:
    image: minio/minio
    command: server /data
    ports: ["127.0.0.1:9000:9000"]
    environment:
      MINIO_ROOT_USER: carebridge
      MINIO_ROOT_PASSWORD: {minio}
""", "docker compose file")
    cred(w("docker-compose.yml"), minio, "minio", "local MinIO root password", "low", "development", "§2.4 local-only (localhost) is low",
         "compose service bound to 127.0.0.1 for local development", parts=["carebridge"])
    rnd, sha = render(), hexs(40)
    put(w(".github/workflows/deploy-admin.yml"), f"""name: deploy-admin
on:
  push:
    branches: [main]
jobs:
  admin-api:
    runs-on: ubuntu-latest
    environment: production
    env:
      RENDER_API_KEY: {rnd}
      RENDER_SERVICE_ID: srv-{s(20, LOWER_ALNUM)}
    steps:
      - uses: actions/checkout@{sha}
      - name: Trigger Render deploy
        run: curl -fsS -X POST -H "Authorization: Bearer $RENDER_API_KEY" https://api.render.com/v1/services/$RENDER_SERVICE_ID/deploys
  web:
    runs-on: ubuntu-latest
    environment: production
    steps:
      - uses: actions/checkout@{sha}
      - run: npx netlify deploy --prod --dir web/out
        env:
          NETLIFY_AUTH_TOKEN: ${{{{ secrets.NETLIFY_AUTH_TOKEN }}}}
""", "GitHub Actions workflow")
    gw = w(".github/workflows/deploy-admin.yml")
    cred(gw, rnd, "render", "Render API key", "critical", "production",
         "§1 critical: account-wide hosting tokens (Render); §2.2", "literal env RENDER_API_KEY in a production deploy job; classic keys reach every workspace of the user")
    decoy(gw, sha, "commit SHA of a pinned action")
    decoy(gw, "${{ secrets.NETLIFY_AUTH_TOKEN }}", "Actions secret reference, not a value")
    acr = acr_password()
    put(w("azure-pipelines.yml"), f"""trigger:
  - main
variables:
  acrName: larkspurfhirprod
  ACR_USERNAME: larkspurfhirprod
  ACR_PASSWORD: {acr}
stages:
  - stage: deploy_prod
    jobs:
      - job: push
        pool: {{ vmImage: ubuntu-latest }}
        steps:
          - script: echo $(ACR_PASSWORD) | docker login larkspurfhirprod.azurecr.io -u $(ACR_USERNAME) --password-stdin
""", "Azure Pipelines YAML")
    cred(w("azure-pipelines.yml"), acr, "azure-container-registry", "ACR admin password", "high", "production",
         "§1 high: container registries (push)", "literal pipeline variable for registry larkspurfhirprod, stage deploy_prod", parts=["larkspurfhirprod"])

    # --- Spring (Java) ---------------------------------------------------------------
    pw_sp, pw_spd = password(), password(16)
    sp = "services/fhir-bridge/src/main/resources"
    put(w(f"{sp}/application.yml"), """spring:
  application:
    name: fhir-bridge
  datasource:
    password: ${SPRING_DATASOURCE_PASSWORD}
""", "Spring Boot application.yml")
    decoy(w(f"{sp}/application.yml"), "${SPRING_DATASOURCE_PASSWORD}", "property placeholder")
    put(w(f"{sp}/application-prod.yml"), f"""spring:
  datasource:
    url: jdbc:sqlserver://larkspur-fhir-prod.database.windows.net:1433;database=fhir;encrypt=true
    username: fhir_app
    password: {pw_sp}
""", "Spring Boot profile config (application-<profile>.yml/.properties)")
    cred(w(f"{sp}/application-prod.yml"), pw_sp, "azure-sql", "production SQL Server password", "critical", "production",
         "§1 critical: production database credentials that can write", "application-prod.yml, host larkspur-fhir-prod", parts=["fhir_app"])
    put(w(f"{sp}/application-dev.properties"), f"""spring.datasource.url=jdbc:postgresql://localhost:5432/fhir_dev
spring.datasource.username=fhir
spring.datasource.password={pw_spd}
""", "Spring Boot profile config (application-<profile>.yml/.properties)")
    cred(w(f"{sp}/application-dev.properties"), pw_spd, "postgres", "local Postgres password", "low", "development",
         "§2.4 localhost is low", "application-dev.properties on localhost", parts=["fhir"])

    # --- Django, Rails, Laravel ---------------------------------------------------------
    dk = django_key()
    put(w("services/triage/triage/settings/production.py"), f"""from .base import *  # noqa: F401,F403

DEBUG = False
ALLOWED_HOSTS = ["triage.larkspur.health"]
SECRET_KEY = "{dk}"
""", "Django settings module")
    cred(w("services/triage/triage/settings/production.py"), dk, "django", "Django SECRET_KEY", "high", "production",
         "§1 high: framework secrets that sign production sessions (Django SECRET_KEY)", "settings/production.py, host triage.larkspur.health")
    mk = hexs(32)
    put(w("services/billing/config/credentials/production.key"), mk, "Rails credentials key")
    put(w("services/billing/config/credentials/production.yml.enc"),
        f"{b64(rbytes(180))}--{b64(rbytes(12))}--{b64(rbytes(16))}", "Rails encrypted credentials")
    cred(w("services/billing/config/credentials/production.key"), mk, "rails", "Rails production credentials key", "critical", "production",
         "§2.5 transitive reach: ranked by the production credentials it decrypts (production secret stores are critical)",
         "ambiguous: the key decrypts production.yml.enc next to it, whose content (usually secret_key_base, DB and payment keys) cannot be read offline; a bare secret_key_base would be high")
    pw_rb = password(16)
    put(w("services/billing/config/database.yml"), f"""default: &default
  adapter: trilogy
  encoding: utf8mb4
  pool: 5

development:
  <<: *default
  host: 127.0.0.1
  database: billing_development
  username: billing
  password: {pw_rb}

test:
  <<: *default
  host: 127.0.0.1
  database: billing_test
  username: billing
  password: {pw_rb}

production:
  <<: *default
  url: <%= ENV["BILLING_DATABASE_URL"] %>
""", "Rails database.yml")
    cred(w("services/billing/config/database.yml"), pw_rb, "mysql", "local MySQL password", "low", "development",
         "§2.4 localhost is low", "development and test sections on 127.0.0.1; production reads an env var", parts=["billing"])
    decoy(w("services/billing/config/database.yml"), '<%= ENV["BILLING_DATABASE_URL"] %>', "ERB env reference")
    fx = whsec()
    put(w("services/billing/spec/fixtures/webhooks.yml"), f"""# test fixture: signs the sample events used by spec/requests/webhooks_spec.rb
signing_secret: {fx}
events:
  - invoice.paid
  - customer.subscription.deleted
""", "test fixture")
    cred(w("services/billing/spec/fixtures/webhooks.yml"), fx, "stripe", "webhook signing secret (test fixture)", "low", "test",
         "§1 low: values in test fixtures", "spec/fixtures; the comment says it signs sample events in the spec")
    lk = "base64:" + b64(rbytes(32))
    put(w("services/portal/.env"), f"""APP_NAME="Larkspur Portal"
APP_ENV=production
APP_KEY={lk}
APP_DEBUG=false
APP_URL=https://portal.larkspur.health
DB_CONNECTION=mysql
DB_PASSWORD=${{PORTAL_DB_PASSWORD}}
""", "Laravel .env")
    cred(w("services/portal/.env"), lk, "laravel", "Laravel APP_KEY", "high", "production",
         "§1 high: framework secrets that sign production sessions (like Django SECRET_KEY)", "APP_ENV=production, APP_URL portal.larkspur.health; value is the whole base64:… string")
    decoy(w("services/portal/.env"), "${PORTAL_DB_PASSWORD}", "variable reference")
    ref = hexs(40)
    put(w("services/portal/composer.lock"), js({"_readme": ["This file locks the dependencies of your project to a known state"],
                                               "content-hash": hexs(32), "packages": [{
                                                   "name": "laravel/framework", "version": "v11.9.2",
                                                   "source": {"type": "git", "url": "https://github.com/laravel/framework.git", "reference": ref}}]}),
        "Composer lock file")
    decoy(w("services/portal/composer.lock"), ref, "commit SHA of a locked package")

    # --- .NET ---------------------------------------------------------------------------
    azk = azure_storage_key()
    put(w("services/fhir-gateway/appsettings.Staging.json"), js({
        "ConnectionStrings": {"Blob": f"DefaultEndpointsProtocol=https;AccountName=larkspurfhirstg;AccountKey={azk};EndpointSuffix=core.windows.net"},
        "Logging": {"LogLevel": {"Default": "Information"}}}), ".NET appsettings.json")
    cred(w("services/fhir-gateway/appsettings.Staging.json"), azk, "azure-storage", "storage account key", "medium", "staging",
         "§2.4 a staging cloud account is at most medium", "appsettings.Staging.json, account larkspurfhirstg", parts=["larkspurfhirstg"])
    put(w("services/fhir-gateway/appsettings.Development.json"), js({"ConnectionStrings": {"Blob": "UseDevelopmentStorage=true"}}), ".NET appsettings.json")
    decoy(w("services/fhir-gateway/appsettings.Development.json"), "UseDevelopmentStorage=true", "Azurite emulator marker, no key")
    ch = b64(rbytes(64))
    put(w("services/fhir-gateway/packages.lock.json"), js({"version": 1, "dependencies": {"net8.0": {"Hl7.Fhir.R4": {
        "type": "Direct", "requested": "[5.8.1, )", "resolved": "5.8.1", "contentHash": ch}}}}), "NuGet lock file")
    decoy(w("services/fhir-gateway/packages.lock.json"), ch, "package content hash")

    # --- mobile (Gradle, CocoaPods) ------------------------------------------------------
    mbd, rsp = mapbox("sk", "larkspur"), password(20)
    put(w("mobile/android/gradle.properties"), f"""org.gradle.jvmargs=-Xmx4g -Dfile.encoding=UTF-8
android.useAndroidX=true
MAPBOX_DOWNLOADS_TOKEN={mbd}
RELEASE_STORE_FILE=../keystores/larkspur-upload.jks
RELEASE_STORE_PASSWORD={rsp}
RELEASE_KEY_ALIAS=larkspur-upload
RELEASE_KEY_PASSWORD={rsp}
""", "Gradle gradle.properties")
    gp = w("mobile/android/gradle.properties")
    cred(gp, mbd, "mapbox", "Mapbox secret token (SDK downloads)", "medium", "unknown",
         "§1 medium: maps secret keys",
         "ambiguous: MAPBOX_DOWNLOADS_TOKEN is by convention created with only DOWNLOADS:READ, which would argue low (§2.3), but the scope is not in the file")
    cred(gp, rsp, "android", "Android upload keystore password", "high", "unknown",
         "§1 high: signing private keys (the password unlocks the upload key)",
         "ambiguous: only the password is here; the keystore it names (../keystores/larkspur-upload.jks) is not on this machine")
    pod = hexs(40)
    put(w("mobile/ios/Podfile.lock"), f"""PODS:
  - MapboxMaps (11.4.0)

SPEC CHECKSUMS:
  MapboxMaps: {pod}

PODFILE CHECKSUM: {hexs(40)}

COCOAPODS: 1.15.2
""", "CocoaPods lock file")
    decoy(w("mobile/ios/Podfile.lock"), pod, "podspec checksum (SHA-1)")

    # --- web (npm, Next.js, Netlify) ------------------------------------------------------
    ghp2 = gh("ghp_")
    put(w("web/.npmrc"), f"""@larkspur:registry=https://npm.pkg.github.com
//npm.pkg.github.com/:_authToken={ghp2}
//registry.npmjs.org/:_authToken=${{NPM_TOKEN}}
""", "npmrc (project)")
    cred(w("web/.npmrc"), ghp2, "github", "GitHub classic PAT (packages registry)", "high", "unknown",
         "§1 high: source-hosting tokens whose scopes are unknown", "authToken for npm.pkg.github.com; a classic PAT that reads packages usually carries repo too")
    decoy(w("web/.npmrc"), "${NPM_TOKEN}", "variable reference")
    pkm, alg_app, alg_search = mapbox("pk", "larkspur"), algolia_app(), hexs(32)
    put(w("web/.env.local"), f"""NEXT_PUBLIC_MAPBOX_TOKEN={pkm}
NEXT_PUBLIC_ALGOLIA_APP_ID={alg_app}
NEXT_PUBLIC_ALGOLIA_SEARCH_KEY={alg_search}
""", "dotenv file (.env, .env.<environment>, .env.local)")
    cred(w("web/.env.local"), pkm, "mapbox", "Mapbox public token", "low", "development",
         "§1 low: publishable or public-by-design keys", "NEXT_PUBLIC_ (shipped to browsers); .env.local is the local-dev override", optional=True)
    cred(w("web/.env.local"), alg_search, "algolia", "Algolia search-only key", "low", "development",
         "§1 low: publishable or public-by-design keys", "NEXT_PUBLIC_ALGOLIA_SEARCH_KEY (search-only, public)", parts=[alg_app], optional=True)
    put(w("web/.env.production"), f"NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY={h['stripe_pk_live']}\nNEXT_PUBLIC_API_URL=https://api.larkspur.health\n",
        "dotenv file (.env, .env.<environment>, .env.local)")
    cred(w("web/.env.production"), h["stripe_pk_live"], "stripe", "live publishable key", "low", "production",
         "§1 low: publishable keys (Stripe pk_)", "pk_live_ in web .env.production; the same key is live_mode_pub_key in the Stripe CLI config",
         also=["home/.config/stripe/config.toml"], optional=True)
    integ = "sha512-" + b64(rbytes(64))
    put(w("web/package-lock.json"), js({"name": "@larkspur/web", "version": "0.41.0", "lockfileVersion": 3, "requires": True,
                                        "packages": {"node_modules/next": {"version": "14.2.5",
                                                                            "resolved": "https://registry.npmjs.org/next/-/next-14.2.5.tgz",
                                                                            "integrity": integ}}}), "npm lock file")
    decoy(w("web/package-lock.json"), integ, "subresource integrity hash")
    site = uuid4()
    put(w("web/.netlify/state.json"), js({"siteId": site}), "Netlify state.json")
    decoy(w("web/.netlify/state.json"), site, "site id (UUID identifier)")

    # --- agents in the repo, notebooks, GCP key, docs --------------------------------------
    nt = notion()
    put(w(".mcp.json"), js({"mcpServers": {
        "sentry": {"type": "http", "url": "https://mcp.sentry.dev/mcp", "headers": {"Authorization": "Bearer ${SENTRY_AUTH_TOKEN}"}},
        "notion": {"command": "npx", "args": ["-y", "@notionhq/notion-mcp-server"], "env": {"NOTION_TOKEN": nt}}}}), "Claude Code project .mcp.json")
    cred(w(".mcp.json"), nt, "notion", "Notion integration token", "medium", "unknown", "§1 medium: issue trackers and docs (Notion)", "mcpServers.notion.env.NOTION_TOKEN, committed")
    decoy(w(".mcp.json"), "${SENTRY_AUTH_TOKEN}", "variable reference")
    oai2 = openai()
    nb = {"cells": [
        {"cell_type": "code", "execution_count": 1, "id": s(8, LOWER_ALNUM), "metadata": {}, "outputs": [],
         "source": ["import os\n", f"os.environ[\"OPENAI_API_KEY\"] = \"{oai2}\"\n", "from openai import OpenAI\n", "client = OpenAI()"]},
        {"cell_type": "code", "execution_count": 2, "id": s(8, LOWER_ALNUM), "metadata": {},
         "outputs": [{"name": "stdout", "output_type": "stream", "text": ["triage accuracy: 0.912\n"]}],
         "source": ["print(f\"triage accuracy: {evaluate(client):.3f}\")"]}],
        "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}},
        "nbformat": 4, "nbformat_minor": 5}
    put(w("services/triage/notebooks/eval.ipynb"), json.dumps(nb, indent=1) + "\n", "Jupyter notebook")
    cred(w("services/triage/notebooks/eval.ipynb"), oai2, "openai", "OpenAI project API key", "high", "unknown",
         "§1 high: LLM API keys", "assigned in the first cell's source")
    sa_pem, pkid = rsa_pkcs8_pem(2048), hexs(40)
    sa_email = "carebridge-deployer@larkspur-prod.iam.gserviceaccount.com"
    put(w("deploy/gcp/carebridge-prod-deployer.json"), js({
        "type": "service_account", "project_id": "larkspur-prod", "private_key_id": pkid, "private_key": sa_pem,
        "client_email": sa_email, "client_id": digits(21),
        "auth_uri": "https://accounts.google.com/o/oauth2/auth", "token_uri": "https://oauth2.googleapis.com/token",
        "auth_provider_x509_cert_url": "https://www.googleapis.com/oauth2/v1/certs",
        "client_x509_cert_url": "https://www.googleapis.com/robot/v1/metadata/x509/carebridge-deployer%40larkspur-prod.iam.gserviceaccount.com",
        "universe_domain": "googleapis.com"}), "GCP service-account key JSON")
    cred(w("deploy/gcp/carebridge-prod-deployer.json"), sa_pem, "gcp", "service-account private key", "critical", "production",
         "§1 critical: GCP service-account keys on a production project", "project_id larkspur-prod, SA carebridge-deployer; PEM stored JSON-escaped",
         parts=[sa_email])
    decoy(w("deploy/gcp/carebridge-prod-deployer.json"), pkid, "private_key_id (an identifier)")
    put(w("README.md"), """# carebridge

Monorepo of Larkspur Health's scheduling and monitoring platform.

## Getting started

    cp .env.example .env
    docker compose up -d

Set `DATADOG_API_KEY=<datadog-api-key>` if you want local traces in Datadog.
""", "project README")
    decoy(w("README.md"), "<datadog-api-key>", "placeholder")
    put(w("docs/runbooks/rotate-stripe.md"), """# Rotating the Stripe key

1. Create a new restricted key in the dashboard; it looks like `sk_live_xxxxxxxxxxxxxxxxxxxxxxxx`.
2. Store it in Vault: `vault kv put secret/carebridge/stripe key=...` with a token such as `hvs.XXXXXXXXXXXXXXXXXXXXXXXX`.
3. Redeploy admin-api.
""", "documentation")
    decoy(w("docs/runbooks/rotate-stripe.md"), "sk_live_xxxxxxxxxxxxxxxxxxxxxxxx", "documentation example")
    decoy(w("docs/runbooks/rotate-stripe.md"), "hvs.XXXXXXXXXXXXXXXXXXXXXXXX", "documentation example")
    pl = hexs(64)
    put(w("services/triage/poetry.lock"), f"""[[package]]
name = "django"
version = "5.0.6"
description = "A high-level Python web framework"
optional = false
python-versions = ">=3.10"
files = [
    {{file = "Django-5.0.6-py3-none-any.whl", hash = "sha256:{pl}"}},
]
""", "Poetry lock file")
    decoy(w("services/triage/poetry.lock"), f"sha256:{pl}", "wheel hash")


# ---------------------------------------------------------------------------------------
# output

DESCRIPTION = (
    "The MacBook (macOS, user ines) of Ines Okafor, platform lead at Larkspur Health, a fictional "
    "remote-patient-monitoring and clinic-scheduling company. Production runs on GCP (project larkspur-prod: GKE "
    "carebridge-gke, Cloud SQL) with a self-managed break-glass cluster, the FHIR integration on Azure (subscription "
    "Larkspur-FHIR-Prod: Azure SQL, AKS, blob storage, ACR), the admin API on Render, the realtime gateway on Fly, "
    "the web app on Netlify, DNS and edge workers on Cloudflare, patient data on Neon Postgres and billing on "
    "PlanetScale, payments on Stripe. Staging is GCP larkspur-staging, Azure Larkspur-FHIR-Staging and Neon staging "
    "branches; development is docker compose on localhost, a kind cluster and a personal AWS sandbox (AWS otherwise "
    "only holds a legacy archive account). Secrets live in Vault, Doppler and 1Password service accounts; "
    "infrastructure in Terraform Cloud. Workforce identity is Okta, patient login Auth0. Code is on GitHub, with "
    "legacy mobile repos on Bitbucket, an old GitLab group and the FHIR team on Azure DevOps; packages go to npm, "
    "PyPI, crates.io, Docker Hub and an internal Artifactory. Observability is Datadog and Sentry; messaging Twilio, "
    "Mailgun, SendGrid and Postmark; search Algolia; maps Mapbox; LLMs OpenAI, Anthropic, Mistral and Gemini, plus "
    "Hugging Face. The workspace home/code/carebridge is the polyglot monorepo (Node/Next.js, Python/Django, "
    "Ruby/Rails, PHP/Laravel, Java/Spring, .NET, Android/iOS, Terraform, Kubernetes/Helm, Cloudflare Workers). "
    "Labelled from the severity rubric alone, without running the scanner."
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
    return n, tiers, envs, kinds


def readme():
    n, tiers, envs, kinds = stats()
    L = ["# Hold-out blast-radius corpus", "",
         "A sealed second corpus for scoring `reach` (issue 15, point 8): one fake macOS developer machine that the",
         "ranking was never tuned on. Generated by `scripts/gen-blast-holdout.py` (stdlib Python, seeded, byte-identical",
         "on every run); every credential is fake. It was written and labelled from",
         "`/work/shared/reference/severity-rubric.md` alone, without running or reading the scanner. `labels.toml`",
         "follows the schema and conventions of `fixtures/blast/README.md` (value = password of user:password and of",
         "URLs, the token after `Bearer `, the decoded value of base64 fields, the whole PEM block for keys; `parts`",
         "for other halves; `also` for other files holding the same value; `optional` for public-by-design keys).", "",
         f"## `{MACHINE}`", "", DESCRIPTION, "",
         "## Counts", "",
         f"- credentials: {n} ({sum(c['optional'] for c in CREDS)} optional), in {len({c['file'] for c in CREDS})} files",
         f"- store/file kinds holding credentials: {len(kinds)}",
         f"- decoys: {len(DECOYS)}", f"- files written: {len(FILES)}", "",
         "| tier | count | share |", "|---|---|---|"]
    for t in TIERS:
        L.append(f"| {t} | {tiers[t]} | {100 * tiers[t] / n:.0f}% |")
    L += ["", "| environment | count |", "|---|---|"]
    for e in ENVS:
        L.append(f"| {e} | {envs[e]} |")
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
          "Shapes follow `/work/shared/reference/providers.md` where it gives one. Guessed shapes (no documented",
          "format): Cloudflare wrangler OAuth tokens, Okta `00…` API tokens, Auth0 client secrets, Mistral keys,",
          "Bitbucket `ATBB…` app passwords, ACR `…+ACR…` passwords, Neon `napi_` length. Keys are generated and",
          "DER-encoded by hand (RSA PKCS#1/PKCS#8, EC SEC1, OpenSSH ed25519 with a real public key, OpenSSH RSA with",
          "bcrypt/aes256-ctr and random ciphertext); certificates are random DER-shaped bytes.", ""]
    return "\n".join(L)


# ---------------------------------------------------------------------------------------
# self-check

B64RUN = re.compile(r"[A-Za-z0-9+/]{12,}={0,2}")


def occurs(value, text):
    if value in text or json.dumps(value)[1:-1] in text or libedit(value) in text:
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


def check(root):
    errs = []
    texts = {}
    for p in FILES:
        texts[p] = (root / p).read_text(encoding="utf-8")
        if texts[p] != FILES[p]:
            errs.append(f"{p}: content differs on re-read")
    lab = tomllib.loads((root / "labels.toml").read_text(encoding="utf-8"))
    if len(lab["credential"]) != len(CREDS) or len(lab.get("decoy", [])) != len(DECOYS):
        errs.append("labels.toml does not round-trip")
    for c, l in zip(CREDS, lab["credential"]):
        if l["value"] != c["value"] or l.get("parts", []) != c["parts"] or l["tier"] != c["tier"]:
            errs.append(f"{c['id']}: labels.toml round-trip mismatch")
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
    for d in DECOYS:
        if d["file"] not in texts or d["value"] not in texts[d["file"]]:
            errs.append(f"decoy {d['value'][:30]} not in {d['file']}")
        for v in values:
            if d["value"] in v or v in d["value"]:
                errs.append(f"decoy {d['value'][:30]} overlaps a credential")
    n, tiers, envs, kinds = stats()
    if n < 70:
        errs.append(f"only {n} credentials")
    if len(kinds) < 45:
        errs.append(f"only {len(kinds)} kinds")
    if len(DECOYS) < 25:
        errs.append(f"only {len(DECOYS)} decoys")
    for e in ENVS:
        if envs[e] == 0:
            errs.append(f"no {e} credential")
    bands = {"critical": (0.20, 0.30), "high": (0.25, 0.35), "medium": (0.20, 0.30), "low": (0.13, 0.22)}
    for t, (lo, hi) in bands.items():
        if not lo <= tiers[t] / n <= hi:
            errs.append(f"{t} share {tiers[t] / n:.2f} outside {lo}-{hi}")
    return errs


def main():
    repo = Path(__file__).resolve().parent.parent
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else repo / "fixtures" / "blast-holdout"
    h = build_home()
    build_agents_and_histories(h)
    build_workspace(h)
    for i, c in enumerate(CREDS, 1):
        c["id"] = f"h{i:03d}"
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
    n, tiers, envs, kinds = stats()
    print(f"{MACHINE}: {n} credentials, {len(kinds)} kinds, {len(DECOYS)} decoys, {len(FILES)} files")
    print("tiers", tiers)
    print("environments", envs)
    for e in errs:
        print("FAIL:", e, file=sys.stderr)
    sys.exit(1 if errs else 0)


if __name__ == "__main__":
    main()
