#!/usr/bin/env python3
"""Write the labelled blast-radius ranking corpus (issue #15.7).

Usage: gen-blast-corpus.py [OUT_DIR]        (default: fixtures/blast)
Writes OUT_DIR/keelwork-linux-laptop/{home/…,labels.toml}, then re-reads every file and
checks the labels (each value occurs in its file in the stated encoding, ids and values
unique, the counts the issue asks for) and prints the tallies.

One fake machine, `keelwork-linux-laptop`: the Linux laptop of Mateo Lindqvist, a staff
engineer at Keelwork (a fictional dispatch and route-planning SaaS for regional freight
carriers). The home directory holds the credential stores of the CLIs he uses; the
workspace `home/src/dispatch` is Keelwork's polyglot monorepo. `labels.toml` says, for
every credential, the tier a careful engineer assigns under
/work/shared/reference/severity-rubric.md, the environment it reaches and the clause that
decides it. The labels were written from the rubric and the evidence in each file alone,
before any tool looked at the corpus.

Every credential here is FAKE: random values from a seeded generator, in the documented
shape of each provider's credential (prefix, length, alphabet, checksum where one is
documented). Nothing is copied from documentation, a repository or another scanner.
Where a shape comes from, per provider (see FORMAT_SOURCES below): the provider's own
documentation or source, or /work/shared/reference/providers.md (PR) where that reference
cites it; "(?)" marks a shape we could not confirm in a primary source.

Needs Python >= 3.11 and the `cryptography` package (key serialisation; all randomness
comes from the seeded generator, so the output is byte-for-byte reproducible).
"""
import base64
import hashlib
import json
import os
import random
import shutil
import struct
import sys
import tomllib
import uuid
import zlib

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, padding, rsa
from cryptography.x509.oid import NameOID

SEED = 157_2026
MACHINE = "keelwork-linux-laptop"
WS = "home/src/dispatch"  # the workspace, relative to the machine root
USER = "mateo"
HOMEDIR = f"/home/{USER}"  # the absolute home path files on this machine refer to
EMAIL = "mateo@keelwork.dev"
GH_LOGIN = "mlindqvist"

R = random.Random(SEED)

B62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
ALNUM = B62
HEX = "0123456789abcdef"
UPPER_ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
LOWER_ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789"
B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
B64 = B62 + "+/"
B64URL = B62 + "-_"
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

# Where each credential shape comes from (PR = /work/shared/reference/providers.md, which
# cites the provider documentation or source for it).
FORMAT_SOURCES = {
    # PR = /work/shared/reference/providers.md (itself citing provider docs/source);
    # CL = /work/shared/reference/credential-locations.md; "(memory)" = general knowledge,
    # not re-checked in a primary source during this work; "(?)" = uncertain.
    "aws": "PR §3 (AKIA/ASIA + 16 base32, 40-char secret, account id encoded in key id characters 5-20); CL §1.1 [S1-S4] for files and caches; SSO cache token shape aoa… (memory, ?)",
    "github": "PR §1 (ghp_/gho_ + 30 random + base62 CRC32 checksum; github_pat_ 22_59)",
    "gitlab": "PR §2 (glpat- + 20)",
    "stripe": "PR §15 (sk_/rk_/pk_ live|test, whsec_); CL §1.5 [S41] for the CLI's config.toml keys; the 51… body length (memory)",
    "slack": "PR §16 (xoxb-/xoxp-, hooks.slack.com/services/T…/B…/…); segment lengths (memory)",
    "openai": "PR §17 (sk-proj-/sk-svcacct-…T3BlbkFJ…)",
    "anthropic": "PR §18 (sk-ant-api03-…AA, sk-ant-admin01-…AA); OAuth sk-ant-oat01-/ort01- by analogy (?)",
    "huggingface": "PR §19 (hf_ + 34 letters); CL §1.7 [S54] (token, stored_tokens)",
    "npm": "PR §20 (npm_ + 30 + base62 CRC32); CL §1.3 [S20]",
    "pypi": "PR §21 (pypi- + base64url macaroon; AgEIcHlwaS5vcmc = location pypi.org; test.pypi.org location derived)",
    "dockerhub": "PR §22 (dckr_pat_ + 27)",
    "twilio": "PR §23 (AC/SK + 32 hex, 32-char secrets); CL §1.7 [S52]",
    "sendgrid": "PR §24 (SG.<22>.<43>)",
    "datadog": "PR §25 (32-hex API key, 40-hex application key)",
    "sentry": "PR §26 (sntrys_<base64 JSON {iat,url,region_url,org}>_<secret>, sntryu_ + 64 hex); secret length (memory)",
    "linear": "PR §27 (lin_api_ + 40)",
    "terraform": "PR §30 (<14>.atlasv1.<60-70>); CL §1.4 [S31]",
    "doppler": "PR §31 (dp.ct./dp.pt./dp.st.<config>. + 40-44); docs.doppler.com/docs/service-tokens (service tokens are read-only for one config)",
    "kubernetes": "PR §32 (legacy SA JWT claims; O=system:masters); CL §1.1 [S10][S11]",
    "vault": "developer.hashicorp.com/vault/docs/upgrading/upgrade-to-1.0.0 (prefixed tokens); notes.kodekloud.com Vault 1.10 token prefixes (hvs., >= 95 chars); protobuf layout CAESI…Gh4K… inferred (?)",
    "railway": "PR §6 (bare UUIDv4; RAILWAY_TOKEN project vs RAILWAY_API_TOKEN account); CL §1.5 [S35]",
    "vercel": "PR §7 (legacy 24 alnum); CL §1.5 [S36] (auth.json, config.json)",
    "netlify": "PR §8 (nfp_ + 36)",
    "fly": "PR §9 (fo1_ + 43); CL §1.5 [S38]",
    "heroku": "PR §10 (HRKU-AA + 58); CL §1.2 [S19]",
    "render": "PR §11 (rnd_ + 32) (?); ~/.render/cli.yaml layout (memory, ?)",
    "cloudflare": "PR §12 (legacy 40-char token; cfut_ + 40 + 8-hex checksum, algorithm unknown, CRC32 used (?)); wrangler OAuth token shape (?)",
    "digitalocean": "PR §13 (dop_v1_ + 64 hex); CL §1.5 [S43]",
    "supabase": "PR §14 (sbp_ + 40 hex); CL §1.5 [S39]",
    "azure": "PR §5 (storage AccountKey 88 base64, Entra secret xxx#Q~…); CL §1.1 [S8][S9]; refresh token and Service Bus key shapes (memory)",
    "gcp": "PR §4 (service-account JSON, AIza + 35); Google refresh tokens 1//…, ya29. access tokens, GOCSPX- client secrets (memory)",
    "onepassword": "developer.1password.com/docs/service-accounts/get-started (service-account tokens); ops_ + base64 JSON blob and its field names (memory, ?)",
    "pulumi": "pul- + 40 hex (memory; a third-party env-var page shows the pul- prefix) (?)",
    "crates/rubygems/nuget/artifactory/others": "cio…, rubygems_…, oy2…, AKCp…, glsa_…, NRAK-/…NRAL, dapi…, squ_…, bkua_…, CCIPAT_…, ATATT3…, ntn_…, figd_…, chpt_… (memory; several marked (?) in the labels' notes)",
}


# ---------------------------------------------------------------------------------------
# random values


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
    # URL-safe, so it can sit in a connection string without percent-encoding
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


# provider shapes ------------------------------------------------------------------------


def aws_key_id(account, prefix="AKIA"):
    """A key id whose characters 5-20 decode to `account` (PR §3 offline account id)."""
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
    return "IQoJb3JpZ2luX2Vj" + s(R.randrange(380, 420), B64) + "="


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


def slack_bot():
    return f"xoxb-{digits(12)}-{digits(13)}-{s(24)}"


def slack_user():
    return f"xoxp-{digits(12)}-{digits(12)}-{digits(13)}-{hexs(32)}"


def slack_hook():
    return f"https://hooks.slack.com/services/T{s(10, UPPER_ALNUM)}/B{s(10, UPPER_ALNUM)}/{s(24)}"


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


def datadog_api():
    return hexs(32)


def datadog_app():
    return hexs(40)


def sentry_org(org):
    payload = {"iat": 1730000000 + R.randrange(10**7), "url": "https://sentry.io",
               "region_url": "https://us.sentry.io", "org": org}
    return "sntrys_" + b64(json.dumps(payload, separators=(",", ":")).encode()).rstrip("=") + "_" + s(43, B64URL)


def sentry_user():
    return "sntryu_" + hexs(64)


def linear():
    return "lin_api_" + s(40)


def tfc():
    return s(14) + ".atlasv1." + s(67)


def doppler(kind):
    return f"dp.{kind}." + s(43)


def vault_token():
    """hvs. + base64url(protobuf {1: 1, 2: 32-byte hmac, 3: {1: "hvs.<24 base62>"}}): 95 chars."""
    inner = ("hvs." + s(24)).encode()
    msg = b"\x08\x01\x12\x20" + rbytes(32) + b"\x1a" + bytes([len(inner) + 2]) + b"\x0a" + bytes([len(inner)]) + inner
    tok = "hvs." + b64url(msg)
    return tok


def pypi_token(location="pypi.org"):
    """pypi- + base64url of a v2 binary macaroon (location, identifier, one caveat, signature)."""
    def field(tag, data):
        return bytes([tag]) + bytes([len(data)]) + data
    ident = json.dumps({"version": 1, "uid": uuid4()}).encode()
    caveat = json.dumps({"version": 1, "permissions": "user"}).encode()
    mac = b"\x02" + field(1, location.encode()) + field(2, ident) + b"\x00"
    mac += field(2, caveat) + b"\x00" + b"\x00" + field(6, rbytes(32))
    return "pypi-" + b64url(mac)


def railway():
    return uuid4()


def vercel_legacy():
    return s(24)


def netlify():
    return "nfp_" + s(36)


def fly():
    return "fo1_" + s(43, B64URL)


def heroku():
    return "HRKU-AA" + s(58, B64URL)


def render():
    return "rnd_" + s(32)


def cf_token():
    return s(40, B64URL)


def cfut():
    body = s(40)
    return "cfut_" + body + format(zlib.crc32(body.encode()), "08x")


def dop():
    return "dop_v1_" + hexs(64)


def sbp():
    return "sbp_" + hexs(40)


def google_refresh():
    return "1//0" + s(R.randrange(98, 104), B64URL)


def google_client():
    return f"{digits(12)}-{s(32, 'abcdefghijklmnopqrstuvwxyz0123456789')}.apps.googleusercontent.com", "GOCSPX-" + s(28, B64URL)


def entra_secret():
    return s(3, ALNUM + "_~.") + str(R.randrange(10)) + "Q~" + s(34, ALNUM + "_~.-")


def ms_refresh():
    return "1.AXEA" + s(R.randrange(620, 700), B64URL)


def azure_storage_key():
    return b64(rbytes(64))


def sas_key():
    return b64(rbytes(32))


def npm_token():
    return crc_token("npm_")


def dckr():
    return "dckr_pat_" + s(27, B64URL)


def quay_robot():
    return s(64, UPPER_ALNUM)


def cio():
    return "cio" + s(32)


def rubygems():
    return "rubygems_" + hexs(48)


def nuget():
    return "oy2" + s(43, "abcdefghijklmnopqrstuvwxyz0123456789")


def ado_pat():
    return s(52, "abcdefghijklmnopqrstuvwxyz234567")


def artifactory():
    return "AKCp" + s(69)


def cloudsmith():
    return hexs(40)


def databricks():
    return "dapi" + hexs(32)


def newrelic_license():
    return hexs(36) + "NRAL"


def newrelic_user():
    return "NRAK-" + s(27, UPPER_ALNUM)


def grafana_sa():
    return "glsa_" + s(32) + "_" + hexs(8)


def notion():
    return "ntn_" + digits(11) + s(35)


def atlassian():
    return "ATATT3xFfGF0" + s(180, B64URL) + "=" + s(8, "0123456789ABCDEF")


def ngrok():
    return "2" + s(26) + "_" + s(21)


def mapbox(prefix, user):
    head = b64url(json.dumps({"u": user, "a": s(25, "abcdefghijklmnopqrstuvwxyz0123456789")}, separators=(",", ":")).encode())
    return f"{prefix}.{head}.{s(22, B64URL)}"


def posthog(prefix):
    return prefix + s(43)


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
        "deviceUuid": s(26, "abcdefghijklmnopqrstuvwxyz0123456789"),
    }
    return "ops_" + b64(json.dumps(blob, separators=(",", ":")).encode()).rstrip("=")


def jwt(header, payload, sig_bytes=256):
    enc = lambda d: b64url(json.dumps(d, separators=(",", ":")).encode())
    return f"{enc(header)}.{enc(payload)}.{b64url(rbytes(sig_bytes))}"


# keys -------------------------------------------------------------------------------------


def _is_prime(n):
    if n < 2:
        return False
    for p in (2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37):
        if n % p == 0:
            return n == p
    d, r = n - 1, 0
    while d % 2 == 0:
        d //= 2
        r += 1
    for _ in range(24):
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


def rsa_key(bits=2048):
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
        pub = rsa.RSAPublicNumbers(e, p * q)
        priv = rsa.RSAPrivateNumbers(p, q, d, d % (p - 1), d % (q - 1), pow(q, -1, p), pub)
        return priv.private_key()


def ec_key():
    n = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551
    return ec.derive_private_key(R.randrange(1, n), ec.SECP256R1())


def pem_private(key, fmt):
    return key.private_bytes(serialization.Encoding.PEM, fmt, serialization.NoEncryption()).decode()


def _sshstr(b):
    return struct.pack(">I", len(b)) + b


def openssh_ed25519(comment):
    sk = rbytes(32)
    key = ed25519.Ed25519PrivateKey.from_private_bytes(sk)
    pk = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    pub_blob = _sshstr(b"ssh-ed25519") + _sshstr(pk)
    check = rbytes(4)
    priv = check + check + _sshstr(b"ssh-ed25519") + _sshstr(pk) + _sshstr(sk + pk) + _sshstr(comment.encode())
    i = 1
    while len(priv) % 8:
        priv += bytes([i])
        i += 1
    body = b"openssh-key-v1\0" + _sshstr(b"none") + _sshstr(b"none") + _sshstr(b"") + struct.pack(">I", 1)
    body += _sshstr(pub_blob) + _sshstr(priv)
    text = b64(body)
    pem = "-----BEGIN OPENSSH PRIVATE KEY-----\n" + "\n".join(text[i:i + 70] for i in range(0, len(text), 70))
    pem += "\n-----END OPENSSH PRIVATE KEY-----\n"
    return pem, "ssh-ed25519 " + b64(pub_blob) + " " + comment


def openssh_rsa_encrypted(comment):
    """An OpenSSH RSA key protected with bcrypt + aes256-ctr (the ciphertext is random bytes)."""
    key = rsa_key(3072)
    nums = key.public_key().public_numbers()

    def mpint(v):
        b = v.to_bytes((v.bit_length() + 8) // 8, "big")
        return _sshstr(b)
    pub_blob = _sshstr(b"ssh-rsa") + mpint(nums.e) + mpint(nums.n)
    kdfopts = _sshstr(rbytes(16)) + struct.pack(">I", 16)
    body = b"openssh-key-v1\0" + _sshstr(b"aes256-ctr") + _sshstr(b"bcrypt") + _sshstr(kdfopts)
    body += struct.pack(">I", 1) + _sshstr(pub_blob) + _sshstr(rbytes(1872))
    text = b64(body)
    pem = "-----BEGIN OPENSSH PRIVATE KEY-----\n" + "\n".join(text[i:i + 70] for i in range(0, len(text), 70))
    pem += "\n-----END OPENSSH PRIVATE KEY-----\n"
    return pem, "ssh-rsa " + b64(pub_blob) + " " + comment


def encrypted_traditional_rsa():
    iv = hexs(32).upper()
    text = b64(rbytes(1232))
    lines = "\n".join(text[i:i + 64] for i in range(0, len(text), 64))
    return f"-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-256-CBC,{iv}\n\n{lines}\n-----END RSA PRIVATE KEY-----\n"


def cert(subject_cn, org, issuer_key, issuer_name, pub_key, ca=False, days=3650):
    subject = x509.Name([x509.NameAttribute(NameOID.ORGANIZATION_NAME, org),
                         x509.NameAttribute(NameOID.COMMON_NAME, subject_cn)])
    import datetime
    start = datetime.datetime(2025, 3, 4, 9, 0, 0) + datetime.timedelta(days=R.randrange(200))
    b = (x509.CertificateBuilder().subject_name(subject).issuer_name(issuer_name or subject)
         .public_key(pub_key).serial_number(R.getrandbits(120))
         .not_valid_before(start).not_valid_after(start + datetime.timedelta(days=days)))
    if ca:
        b = b.add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
    c = b.sign(issuer_key, hashes.SHA256(), rsa_padding=padding.PKCS1v15())
    return c, c.public_bytes(serialization.Encoding.PEM).decode()


# ---------------------------------------------------------------------------------------
# the corpus being built

FILES = {}      # path relative to the machine root -> str
CREDS = []      # labelled credentials
DECOYS = []
VALUES = set()


def H(rel):
    return "home/" + rel


def W(rel):
    return WS + "/" + rel


def write(path, text):
    assert path not in FILES, f"written twice: {path}"
    FILES[path] = text


def encode(value, enc, parts):
    """The form `value` takes in its file (enc names how the file stores it)."""
    if enc is None:
        return value
    if enc == "b64":
        return b64(value.encode())
    if enc == "b64userpass":
        return b64(f"{parts[0]}:{value}".encode())
    if enc == "b64colonpass":
        return b64(f":{value}".encode())
    if enc == "json":
        return json.dumps(value)[1:-1]
    if enc == "libedit":
        return libedit(value)
    if enc == "fish":
        return value.replace("\\", "\\\\").replace("\n", "\\n")
    raise ValueError(enc)


ENC_NOTE = {
    "b64": "stored base64-encoded",
    "b64userpass": "stored as base64(user:password)",
    "b64colonpass": "stored as base64(:token) in a Basic header",
    "json": "stored as a JSON string (newlines escaped)",
    "libedit": "stored libedit-escaped (\\040 for spaces)",
    "fish": "stored fish-history-escaped",
}

# Tier and environment words, checked on every label.
TIERS = ("critical", "high", "medium", "low")
ENVS = ("production", "staging", "development", "test", "unknown")


def cred(file, value, *, provider, kind, tier, env, clause, fam, parts=(), note=None,
         enc=None, also=(), optional=False):
    """Label one credential. `also` is a list of (file, enc) where the same value recurs."""
    assert tier in TIERS and env in ENVS, (tier, env)
    assert value not in VALUES, f"value reused: {value[:20]}"
    VALUES.add(value)
    for p in parts:
        VALUES.add(p)
    CREDS.append(dict(file=file, value=value, parts=list(parts), provider=provider, kind=kind,
                      tier=tier, environment=env, clause=clause, note=note, enc=enc,
                      also=[a if isinstance(a, tuple) else (a, None) for a in also],
                      optional=optional, fam=fam))
    return value


def decoy(file, value, why):
    DECOYS.append(dict(file=file, value=value, why=why))
    return value


def libedit(line):
    """libedit's history encoding (strvis VIS_CSTYLE|VIS_OCTAL|VIS_NL|VIS_TAB|VIS_SP|VIS_NOSLASH style)."""
    out = []
    for ch in line:
        if ch == " ":
            out.append("\\040")
        elif ch == "\t":
            out.append("\\011")
        elif ch == "\n":
            out.append("\\012")
        elif ch == "\\":
            out.append("\\134")
        else:
            out.append(ch)
    return "".join(out)


def mysql_history(lines):
    return "_HiStOrY_V2_\n" + "".join(libedit(l) + "\n" for l in lines)


def fish_history(entries):
    out = []
    for when, cmd, paths in entries:
        out.append("- cmd: " + cmd.replace("\\", "\\\\").replace("\n", "\\n"))
        out.append(f"  when: {when}")
        if paths:
            out.append("  paths:")
            out.extend(f"    - {p}" for p in paths)
    return "\n".join(out) + "\n"


def zsh_history(entries):
    """EXTENDED_HISTORY: `: <start>:<elapsed>;<cmd>`, continuation lines end with a backslash."""
    out = []
    for when, cmd in entries:
        out.append(f": {when}:{R.randrange(0, 40)};" + cmd.replace("\n", "\\\n"))
    return "\n".join(out) + "\n"


def bash_history(entries):
    """HISTTIMEFORMAT set: a `#<epoch>` line before each command."""
    out = []
    for when, cmd in entries:
        out.append(f"#{when}")
        out.append(cmd)
    return "\n".join(out) + "\n"


T0 = 1_728_000_000  # history timestamps start here (2024-10-04)


def when():
    global T0
    T0 += R.randrange(300, 86_400)
    return T0


# ---------------------------------------------------------------------------------------
# clause phrases (quoting /work/shared/reference/severity-rubric.md)

CL = {
    "acct_host": "§1 critical: account/workspace-wide hosting and cloud tokens; §2.2 an account-wide token reaches every environment, production included",
    "cloud_prod": "§1 critical: cloud keys on a production account; §2.4 production keeps the tier",
    "cloud_unknown": "§1 critical: cloud keys of unknown account; §2.4 unknown keeps the tier",
    "db_prod_write": "§1 critical: production database credentials that can write",
    "db_prod_ro": "§1 high: production databases read-only; §2.3 known read-only drops one tier",
    "db_staging": "§1 medium: staging databases; §2.4 staging is at most medium",
    "db_dev_remote": "§1 medium: dev infrastructure; §2.4 development is at most medium",
    "local": "§1 low: secrets for local dev servers (localhost); §2.4 local-only is low",
    "test_mode": "§1 low: test-mode keys; §2.4 test mode is low",
    "fixture": "§1 low: values in test fixtures and documentation examples",
    "k8s_prod": "§1 critical: Kubernetes credentials for a production cluster or with cluster-admin",
    "secrets_mgr": "§1 critical: secrets-manager tokens; §2.5 ranked by the most dangerous credential it reads",
    "secrets_mgr_nonprod": "§2.5 transitive reach: ranked by what it reads (non-production secrets); §2.4 staging/development is at most medium",
    "stripe_live": "§1 critical: live payment secret keys that can write",
    "admin_key": "§1 critical: provider admin keys",
    "scm": "§1 high: source-hosting tokens whose scopes are unknown or include write",
    "publish": "§1 high: package-publish tokens (software supply chain)",
    "ssh": "§1 high: unencrypted SSH or signing private keys",
    "encrypted_key": "§1 low: encrypted private keys (passphrase-protected)",
    "ci": "§1 high: CI/CD tokens",
    "chat": "§1 high: chat bot/user tokens",
    "email_sms": "§1 high: email/SMS senders (phishing from your domain)",
    "llm": "§1 high: LLM API keys (billing, org data); §2.4 not split by environment, the file does not cap it",
    "webhook_prod": "§1 high: production webhook signing secrets",
    "framework_prod": "§1 high: framework secrets that sign production sessions",
    "observability": "§1 medium: observability and product analytics",
    "tracker": "§1 medium: issue trackers and docs",
    "incoming_webhook": "§1 medium: incoming webhooks (post only)",
    "hf": "§1 medium: Hugging Face tokens",
    "maps": "§1 medium: maps and geocoding secret keys",
    "ngrok": "§1 medium: ngrok",
    "saas": "§1 medium: single-purpose SaaS (data of one tool); §2.1 provider ceiling is medium",
    "staging_project": "§1 medium: project or environment tokens for staging; §2.4 staging is at most medium",
    "dev_cloud": "§1 medium: development account; §2.4 development is at most medium",
    "publishable": "§1 low: publishable or public-by-design keys (report at most as low, or not at all)",
}


# ---------------------------------------------------------------------------------------
# the machine's facts

PROD_ACCT = digits(12)       # keelwork-prod (eu-west-1)
STAGING_ACCT = digits(12)    # keelwork-staging
SANDBOX_ACCT = digits(12)    # keelwork-sandbox-mateo (personal dev sandbox)
IDENTITY_ACCT = digits(12)   # keelwork-identity (org management / IAM users)
DATA_ACCT = digits(12)       # keelwork-data-prod (SSO profile)
RDS_ID = s(12, "abcdefghijklmnopqrstuvwxyz0123456789")
RDS_US = s(12, "abcdefghijklmnopqrstuvwxyz0123456789")
ATLAS_ID = s(5, "abcdefghijklmnopqrstuvwxyz0123456789")

# shared between files (one credential, several places)
SHARED = {}


def home_cloud():
    # ~/.aws ------------------------------------------------------------------------------
    f = H(".aws/credentials")
    k_def, s_def = aws_key_id(IDENTITY_ACCT), aws_secret()
    k_dev, s_dev = aws_key_id(SANDBOX_ACCT), aws_secret()
    cred(f, s_def, parts=[k_def], provider="aws", kind="IAM user access key pair", tier="critical",
         env="unknown", fam="aws shared credentials",
         clause="§3 row 'AWS key pair under [default], no other evidence'; " + CL["cloud_unknown"],
         note="[default] profile; nothing in the file names the account or environment")
    cred(f, s_dev, parts=[k_dev], provider="aws", kind="IAM user access key pair", tier="medium",
         env="development", fam="aws shared credentials",
         clause="§3 row 'AWS key pair under [dev], region and account of a sandbox'; " + CL["dev_cloud"],
         note=f"[dev] profile, comment names the personal sandbox account {SANDBOX_ACCT}; the key id decodes to that account")
    write(f, f"""[default]
aws_access_key_id = {k_def}
aws_secret_access_key = {s_def}

# personal sandbox: keelwork-sandbox-mateo ({SANDBOX_ACCT}), OU Sandbox, us-east-2 only
[dev]
aws_access_key_id = {k_dev}
aws_secret_access_key = {s_dev}
""")

    f = H(".aws/config")
    k_stg, s_stg = aws_key_id(STAGING_ACCT), aws_secret()
    cred(f, s_stg, parts=[k_stg], provider="aws", kind="IAM user access key pair (static keys in config)",
         tier="medium", env="staging", fam="aws shared config",
         clause="§2.4 environment cap: staging cloud account is at most medium; §1 medium: staging infrastructure",
         note=f"[profile staging] with the account comment keelwork-staging ({STAGING_ACCT}); static keys can sit in config")
    write(f, f"""[default]
region = eu-west-1
output = json
cli_pager =

[profile dev]
region = us-east-2
output = json

# keelwork-staging ({STAGING_ACCT}) -- deploy user for the staging stack
[profile staging]
region = eu-west-1
aws_access_key_id = {k_stg}
aws_secret_access_key = {s_stg}

[profile prod-admin]
role_arn = arn:aws:iam::{PROD_ACCT}:role/OrganizationAccountAccessRole
source_profile = default
mfa_serial = arn:aws:iam::{IDENTITY_ACCT}:mfa/mateo
region = eu-west-1
duration_seconds = 3600

[sso-session keelwork]
sso_start_url = https://keelwork.awsapps.com/start
sso_region = eu-west-1
sso_registration_scopes = sso:account:access

[profile data-prod]
sso_session = keelwork
sso_account_id = {DATA_ACCT}
sso_role_name = DataEngineer
region = eu-west-1
""")
    decoy(f, f"arn:aws:iam::{PROD_ACCT}:role/OrganizationAccountAccessRole", "role ARN (an identifier; the credentials are derived at run time)")

    kid, sec, tok = aws_key_id(PROD_ACCT, "ASIA"), aws_secret(), aws_session_token()
    f = H(".aws/cli/cache/" + hashlib.sha1(b"prod-admin").hexdigest() + ".json")
    cred(f, sec, parts=[kid, tok], provider="aws", kind="assumed-role session credentials", tier="critical",
         env="production", fam="aws cli cache",
         clause=CL["cloud_prod"] + "; the assumed role is OrganizationAccountAccessRole (admin) in the production account",
         note="AssumedRoleUser.Arn names the production account and the admin role; ambiguous: short-lived (Expiration), ranked as live since offline we cannot know the clock")
    write(f, json.dumps({
        "Credentials": {"AccessKeyId": kid, "SecretAccessKey": sec, "SessionToken": tok,
                        "Expiration": "2026-12-03T08:14:52+00:00"},
        "AssumedRoleUser": {"AssumedRoleId": "AROA" + s(17, B32) + ":botocore-session-1764745492",
                            "Arn": f"arn:aws:sts::{PROD_ACCT}:assumed-role/OrganizationAccountAccessRole/botocore-session-1764745492"},
        "ResponseMetadata": {"RequestId": uuid4(), "HTTPStatusCode": 200, "RetryAttempts": 0},
    }, indent=4) + "\n")

    f = H(".aws/sso/cache/" + hashlib.sha1(b"https://keelwork.awsapps.com/start").hexdigest() + ".json")
    at = "aoaAAAAAG" + s(R.randrange(340, 380), B64URL)
    cred(f, at, provider="aws", kind="IAM Identity Center (SSO) portal access token", tier="critical",
         env="production", fam="aws sso cache",
         clause=CL["acct_host"] + "; mints role credentials for every account assigned to the user",
         note="the org's SSO start URL; the portal token lists and assumes every assigned account role, production included. Token shape (aoa…) is (?)")
    write(f, json.dumps({"startUrl": "https://keelwork.awsapps.com/start", "region": "eu-west-1",
                         "accessToken": at, "expiresAt": "2026-12-03T16:02:11Z"}) + "\n")

    # gcloud -------------------------------------------------------------------------------
    cid, csec = google_client()
    rt = google_refresh()
    f = H(".config/gcloud/application_default_credentials.json")
    legacy = H(f".config/gcloud/legacy_credentials/{EMAIL}/adc.json")
    cred(f, rt, parts=[cid, csec], provider="gcp", kind="user refresh token (ADC, authorized_user)",
         tier="critical", env="production", fam="gcloud",
         clause=CL["cloud_prod"] + "; a user's Google Cloud login acts on every project the user can reach",
         note="quota_project_id is keelwork-analytics-prod; the same refresh token is in legacy_credentials",
         also=[legacy])
    adc = {"account": "", "client_id": cid, "client_secret": csec,
           "quota_project_id": "keelwork-analytics-prod", "refresh_token": rt,
           "type": "authorized_user", "universe_domain": "googleapis.com"}
    write(f, json.dumps(adc, indent=2) + "\n")
    write(legacy, json.dumps({"client_id": cid, "client_secret": csec, "refresh_token": rt,
                              "type": "authorized_user"}, indent=2) + "\n")
    write(H(".config/gcloud/configurations/config_default"),
          f"[core]\naccount = {EMAIL}\nproject = keelwork-analytics-prod\n\n[compute]\nregion = europe-west1\n")
    write(H(".config/gcloud/active_config"), "default\n")

    # Azure --------------------------------------------------------------------------------
    tid, oid = uuid4(), uuid4()
    rt = ms_refresh()
    f = H(".azure/msal_token_cache.json")
    cred(f, rt, provider="azure", kind="Entra ID refresh token (Azure CLI)", tier="critical",
         env="unknown", fam="azure cli",
         clause="§1 critical: Azure refresh tokens; §2.4 no environment evidence, unknown keeps the tier",
         note="the Azure CLI's MSAL cache is plaintext on Linux; the refresh token acts as the user on every subscription")
    home_acct = f"{oid}.{tid}"
    write(f, json.dumps({
        "Account": {f"{home_acct}-login.microsoftonline.com-{tid}": {
            "home_account_id": home_acct, "environment": "login.microsoftonline.com", "realm": tid,
            "local_account_id": oid, "username": EMAIL, "authority_type": "MSSTS"}},
        "RefreshToken": {f"{home_acct}-login.microsoftonline.com-refreshtoken-04b07795-8ddb-461a-bbee-02f9e1bf7b46--": {
            "credential_type": "RefreshToken", "secret": rt, "home_account_id": home_acct,
            "environment": "login.microsoftonline.com", "client_id": "04b07795-8ddb-461a-bbee-02f9e1bf7b46",
            "target": "https://management.core.windows.net//user_impersonation https://management.core.windows.net//.default",
            "last_modification_time": "1764600112", "family_id": "1"}},
        "AppMetadata": {"appmetadata-login.microsoftonline.com-04b07795-8ddb-461a-bbee-02f9e1bf7b46": {
            "client_id": "04b07795-8ddb-461a-bbee-02f9e1bf7b46", "environment": "login.microsoftonline.com", "family_id": "1"}},
    }, indent=2) + "\n")
    sp_id, sp_secret = uuid4(), entra_secret()
    f = H(".azure/service_principal_entries.json")
    cred(f, sp_secret, parts=[sp_id], provider="azure", kind="service principal client secret",
         tier="critical", env="unknown", fam="azure cli",
         clause="§1 critical: Azure service principals; §2.4 no environment evidence in the file, unknown keeps the tier",
         note="client_id + tenant + client_secret: one credential")
    write(f, json.dumps([{"client_id": sp_id, "tenant": tid, "client_secret": sp_secret}], indent=2) + "\n")
    sub_prod, sub_dev = uuid4(), uuid4()
    write(H(".azure/azureProfile.json"), json.dumps({"installationId": uuid4(), "subscriptions": [
        {"id": sub_prod, "name": "Keelwork EDI Production", "state": "Enabled", "user": {"name": EMAIL, "type": "user"},
         "isDefault": True, "tenantId": tid, "environmentName": "AzureCloud", "homeTenantId": tid},
        {"id": sub_dev, "name": "Keelwork EDI Dev", "state": "Enabled", "user": {"name": EMAIL, "type": "user"},
         "isDefault": False, "tenantId": tid, "environmentName": "AzureCloud", "homeTenantId": tid}]}, indent=2) + "\n")
    decoy(H(".azure/azureProfile.json"), sub_prod, "subscription id (a UUID that is an identifier)")

    # kubeconfig ---------------------------------------------------------------------------
    f = H(".kube/config")
    ca_key = rsa_key(2048)
    ca_cert, ca_pem = cert("k3d-dispatch-dev-server-ca", "k3d", ca_key, None, ca_key.public_key(), ca=True)
    cl_key = ec_key()
    _, cl_pem = cert("system:admin", "system:masters", ca_key, ca_cert.subject, cl_key.public_key())
    cl_key_pem = pem_private(cl_key, serialization.PrivateFormat.TraditionalOpenSSL)
    stg_jwt = jwt({"alg": "RS256", "kid": s(43, B64URL)}, {
        "iss": "kubernetes/serviceaccount", "kubernetes.io/serviceaccount/namespace": "dispatch",
        "kubernetes.io/serviceaccount/secret.name": "ci-deployer-token-" + s(5, "bcdfghjklmnpqrstvwxz2456789"),
        "kubernetes.io/serviceaccount/service-account.name": "ci-deployer",
        "kubernetes.io/serviceaccount/service-account.uid": uuid4(),
        "sub": "system:serviceaccount:dispatch:ci-deployer"})
    prod_jwt = jwt({"alg": "RS256", "kid": s(43, B64URL)}, {
        "iss": "kubernetes/serviceaccount", "kubernetes.io/serviceaccount/namespace": "kube-system",
        "kubernetes.io/serviceaccount/secret.name": "admin-user-token",
        "kubernetes.io/serviceaccount/service-account.name": "admin-user",
        "kubernetes.io/serviceaccount/service-account.uid": uuid4(),
        "sub": "system:serviceaccount:kube-system:admin-user"})
    cred(f, prod_jwt, provider="kubernetes", kind="service-account token (kube-system/admin-user)",
         tier="critical", env="production", fam="kubeconfig",
         clause=CL["k8s_prod"], note="context telematics-prod, server k8s.telematics.keelwork.dev; legacy SA JWT for kube-system:admin-user")
    cred(f, stg_jwt, provider="kubernetes", kind="service-account token (dispatch/ci-deployer)",
         tier="medium", env="staging", fam="kubeconfig",
         clause="§2.4 environment cap: staging cluster is at most medium; §1 medium: staging infrastructure",
         note="context keelwork-staging on a DigitalOcean Kubernetes cluster; namespaced deployer account")
    cred(f, cl_key_pem, parts=[], provider="kubernetes", kind="client certificate key (O=system:masters)",
         tier="low", env="development", fam="kubeconfig", enc="b64",
         clause="§2.4 local-only (127.0.0.1 k3d cluster) is low, although O=system:masters is cluster-admin",
         note="client-key-data (base64 of the PEM); the cluster is a local k3d cluster on 127.0.0.1")
    eks = hexs(32).upper()
    doks = uuid4()
    write(f, f"""apiVersion: v1
kind: Config
clusters:
- cluster:
    certificate-authority-data: {b64(ca_pem.encode())}
    server: https://{eks}.gr7.eu-west-1.eks.amazonaws.com
  name: arn:aws:eks:eu-west-1:{PROD_ACCT}:cluster/dispatch-prod
- cluster:
    certificate-authority-data: {b64(ca_pem.encode())}
    server: https://{doks}.k8s.ondigitalocean.com
  name: do-ams3-keelwork-staging
- cluster:
    insecure-skip-tls-verify: true
    server: https://k8s.telematics.keelwork.dev:6443
  name: telematics-prod
- cluster:
    certificate-authority-data: {b64(ca_pem.encode())}
    server: https://127.0.0.1:6550
  name: k3d-dispatch-dev
contexts:
- context:
    cluster: arn:aws:eks:eu-west-1:{PROD_ACCT}:cluster/dispatch-prod
    user: arn:aws:eks:eu-west-1:{PROD_ACCT}:cluster/dispatch-prod
  name: dispatch-prod
- context:
    cluster: do-ams3-keelwork-staging
    namespace: dispatch
    user: ci-deployer@keelwork-staging
  name: keelwork-staging
- context:
    cluster: telematics-prod
    user: admin-user@telematics-prod
  name: telematics-prod
- context:
    cluster: k3d-dispatch-dev
    user: admin@k3d-dispatch-dev
  name: k3d-dispatch-dev
current-context: k3d-dispatch-dev
preferences: {{}}
users:
- name: arn:aws:eks:eu-west-1:{PROD_ACCT}:cluster/dispatch-prod
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1beta1
      args:
      - --region
      - eu-west-1
      - eks
      - get-token
      - --cluster-name
      - dispatch-prod
      - --output
      - json
      command: aws
      env:
      - name: AWS_PROFILE
        value: prod-admin
- name: ci-deployer@keelwork-staging
  user:
    token: {stg_jwt}
- name: admin-user@telematics-prod
  user:
    token: {prod_jwt}
- name: admin@k3d-dispatch-dev
  user:
    client-certificate-data: {b64(cl_pem.encode())}
    client-key-data: {b64(cl_key_pem.encode())}
""")
    decoy(f, b64(ca_pem.encode()), "certificate-authority-data: a public CA certificate")


def home_vcs_containers():
    # docker -------------------------------------------------------------------------------
    f = H(".docker/config.json")
    ghcr = gh("ghp_")
    hub = dckr()
    SHARED["dockerhub"] = hub
    cred(f, ghcr, parts=[GH_LOGIN], provider="github", kind="classic PAT used for ghcr.io", tier="high",
         env="unknown", fam="docker config", enc="b64",
         clause=CL["scm"] + " (a ghcr.io login is at least write:packages)",
         note="auths.ghcr.io.auth = base64(user:token)")
    cred(f, hub, parts=["keelworkci"], provider="dockerhub", kind="personal access token", tier="high",
         env="unknown", fam="docker config", enc="b64",
         clause=CL["publish"] + " (container registries)",
         note="Docker Hub login of the CI user that pushes keelwork/* images; also typed into bash history",
         also=[(H(".bash_history"), None)])
    write(f, json.dumps({
        "auths": {
            "ghcr.io": {"auth": b64(f"{GH_LOGIN}:{ghcr}".encode())},
            "https://index.docker.io/v1/": {"auth": b64(f"keelworkci:{hub}".encode())},
            "registry.gitlab.com": {},
        },
        "credHelpers": {f"{PROD_ACCT}.dkr.ecr.eu-west-1.amazonaws.com": "ecr-login"},
        "credsStore": "secretservice",
        "currentContext": "default",
    }, indent="\t") + "\n")
    decoy(f, "secretservice", "keyring marker: the registry.gitlab.com secret lives in the OS keyring, not in the file")

    f = H(".config/containers/auth.json")
    quay = quay_robot()
    cred(f, quay, parts=["keelwork+ci_push"], provider="quay", kind="robot account token", tier="high",
         env="unknown", fam="podman auth.json", enc="b64",
         clause=CL["publish"] + " (container registries; a _push robot)", note="podman's auth.json, base64(user:token)")
    write(f, json.dumps({"auths": {"quay.io": {"auth": b64(f"keelwork+ci_push:{quay}".encode())}}}, indent="\t") + "\n")

    # gh / hub / glab ---------------------------------------------------------------------
    f = H(".config/gh/hosts.yml")
    gho = gh("gho_")
    cred(f, gho, provider="github", kind="OAuth token (gh auth login --insecure-storage)", tier="high",
         env="unknown", fam="gh hosts.yml",
         clause="§3 row 'ghp_… in ~/.config/gh/hosts.yml'; " + CL["scm"])
    write(f, f"""github.com:
    users:
        {GH_LOGIN}:
            oauth_token: {gho}
    git_protocol: ssh
    oauth_token: {gho}
    user: {GH_LOGIN}
""")
    write(H(".config/gh/config.yml"), "version: 1\ngit_protocol: ssh\neditor: nvim\nprompt: enabled\naliases:\n    co: pr checkout\n")

    f = H(".config/hub")
    hubtok = gh("ghp_")
    cred(f, hubtok, provider="github", kind="classic PAT (legacy hub CLI)", tier="high", env="unknown",
         fam="hub config", clause=CL["scm"])
    write(f, f"github.com:\n- user: {GH_LOGIN}\n  oauth_token: {hubtok}\n  protocol: https\n")

    f = H(".config/glab-cli/config.yml")
    gl = glpat()
    cred(f, gl, provider="gitlab", kind="personal access token", tier="high", env="unknown",
         fam="glab config", clause=CL["scm"])
    write(f, f"""git_protocol: ssh
editor: nvim
browser: firefox
glamour_style: dark
check_update: false
display_hyperlinks: false
hosts:
    gitlab.com:
        token: {gl}
        api_host: gitlab.com
        git_protocol: ssh
        api_protocol: https
        user: {GH_LOGIN}
""")

    # git credentials / config / netrc ----------------------------------------------------
    f = H(".git-credentials")
    fine = gh_fine()
    selfgl = glpat()
    cred(f, fine, parts=[GH_LOGIN], provider="github", kind="fine-grained PAT", tier="high", env="unknown",
         fam="git credential store", clause=CL["scm"] + "; fine-grained permissions cannot be read offline")
    cred(f, selfgl, parts=["oauth2"], provider="gitlab", kind="personal access token (self-managed GitLab)",
         tier="high", env="unknown", fam="git credential store", clause=CL["scm"],
         note="gitlab.keelwork.dev hosts the carrier portal's repository")
    write(f, f"https://{GH_LOGIN}:{fine}@github.com\nhttps://oauth2:{selfgl}@gitlab.keelwork.dev\n")

    f = H(".gitconfig")
    ado = ado_pat()
    cred(f, ado, provider="azure-devops", kind="personal access token in http.extraHeader", tier="high",
         env="unknown", fam="gitconfig", enc="b64",
         clause=CL["scm"] + " (Azure DevOps)", note="extraHeader Authorization: Basic base64(:pat)")
    write(f, f"""[user]
\tname = Mateo Lindqvist
\temail = {EMAIL}
\tsigningkey = ~/.ssh/id_ed25519.pub
[gpg]
\tformat = ssh
[commit]
\tgpgsign = true
[init]
\tdefaultBranch = main
[pull]
\trebase = true
[credential]
\thelper = store
[http "https://dev.azure.com/keelwork/"]
\textraHeader = Authorization: Basic {b64((':' + ado).encode())}
[url "git@github.com:"]
\tinsteadOf = https://github.com/
[alias]
\tlg = log --graph --oneline --decorate
""")

    f = H(".netrc")
    hk = heroku()
    SHARED["heroku"] = hk
    netrc_gh = gh("ghp_")
    cred(f, hk, parts=[EMAIL], provider="heroku", kind="Heroku CLI API key", tier="critical", env="production",
         fam="netrc", clause="§3 row 'machine api.heroku.com … password <token> in ~/.netrc'; " + CL["acct_host"],
         note="the same key is written for api.heroku.com and git.heroku.com")
    cred(f, netrc_gh, parts=[GH_LOGIN], provider="github", kind="classic PAT (Go private modules over HTTPS)",
         tier="high", env="unknown", fam="netrc", clause=CL["scm"])
    write(f, f"""machine api.heroku.com
  login {EMAIL}
  password {hk}
machine git.heroku.com
  login {EMAIL}
  password {hk}
machine github.com
  login {GH_LOGIN}
  password {netrc_gh}
""")


def home_registries():
    f = H(".npmrc")
    npm = npm_token()
    ghpkg = gh("ghp_")
    cred(f, npm, provider="npm", kind="npm access token (publishes @keelwork/dispatch-sdk)", tier="high",
         env="unknown", fam="npmrc", clause=CL["publish"])
    cred(f, ghpkg, provider="github", kind="classic PAT for npm.pkg.github.com", tier="high", env="unknown",
         fam="npmrc", clause=CL["scm"] + "; a GitHub Packages login, scopes unknown offline")
    write(f, f"""//registry.npmjs.org/:_authToken={npm}
//npm.pkg.github.com/:_authToken={ghpkg}
@keelwork:registry=https://registry.npmjs.org/
init-author-name=Mateo Lindqvist
init-author-email={EMAIL}
init-license=MIT
save-exact=true
fund=false
""")

    art = artifactory()
    SHARED["artifactory"] = art
    f = H(".config/pip/pip.conf")
    cred(f, art, parts=["mateo"], provider="artifactory", kind="Artifactory API key (user)", tier="high",
         env="unknown", fam="pip.conf",
         clause=CL["publish"] + " (Artifactory); the user's own key carries the user's deploy rights",
         note="the same key sits in ~/.yarnrc.yml (npmAuthIdent) and in services/routing/requirements.txt",
         also=[H(".yarnrc.yml"), W("services/routing/requirements.txt")])
    write(f, f"""[global]
index-url = https://pypi.org/simple
extra-index-url = https://mateo:{art}@keelwork.jfrog.io/artifactory/api/pypi/pypi-virtual/simple
timeout = 60
disable-pip-version-check = true
""")
    write(H(".yarnrc.yml"), f"""enableTelemetry: false
npmRegistries:
  "https://keelwork.jfrog.io/artifactory/api/npm/npm-virtual":
    npmAlwaysAuth: true
    npmAuthIdent: "mateo:{art}"
npmScopes:
  keelwork-internal:
    npmRegistryServer: "https://keelwork.jfrog.io/artifactory/api/npm/npm-virtual"
""")

    f = H(".pypirc")
    pypi, testpypi = pypi_token("pypi.org"), pypi_token("test.pypi.org")
    cred(f, pypi, parts=["__token__"], provider="pypi", kind="PyPI API token (account-wide)", tier="high",
         env="unknown", fam="pypirc", clause=CL["publish"], note="macaroon location pypi.org, permissions 'user' (all projects)")
    cred(f, testpypi, parts=["__token__"], provider="pypi", kind="TestPyPI API token", tier="low", env="test",
         fam="pypirc", clause="§1 low: test-mode keys; §2.4 test environment (the macaroon's location is test.pypi.org)",
         note="TestPyPI is a separate, throwaway index: publishing there reaches no user")
    write(f, f"""[distutils]
index-servers =
    pypi
    testpypi

[pypi]
username = __token__
password = {pypi}

[testpypi]
repository = https://test.pypi.org/legacy/
username = __token__
password = {testpypi}
""")

    f = H(".config/pypoetry/auth.toml")
    ppt = pypi_token("pypi.org")
    cs = cloudsmith()
    SHARED["cloudsmith"] = cs
    cred(f, ppt, provider="pypi", kind="PyPI API token (poetry, tidekit project)", tier="high", env="unknown",
         fam="poetry auth.toml", clause=CL["publish"])
    cred(f, cs, parts=["mateo-lindqvist"], provider="cloudsmith", kind="Cloudsmith API key", tier="high",
         env="unknown", fam="poetry auth.toml", clause=CL["publish"] + " (Cloudsmith: the user's API key)",
         note="the same key is the cargo registry token in services/geo-tiles/.cargo/config.toml",
         also=[W("services/geo-tiles/.cargo/config.toml")])
    write(f, f"""[http-basic.keelwork-cloudsmith]
username = "mateo-lindqvist"
password = "{cs}"

[pypi-token]
pypi = "{ppt}"
""")

    f = H(".cargo/credentials.toml")
    c = cio()
    cred(f, c, provider="crates.io", kind="crates.io API token (publishes tidecalc)", tier="high", env="unknown",
         fam="cargo credentials", clause=CL["publish"])
    write(f, f'[registry]\ntoken = "{c}"\n')

    f = H(".gem/credentials")
    g = rubygems()
    cred(f, g, provider="rubygems", kind="RubyGems API key (publishes keelwork-edi)", tier="high", env="unknown",
         fam="gem credentials", clause=CL["publish"])
    write(f, f"---\n:rubygems_api_key: {g}\n")

    f = H(".m2/settings.xml")
    nexus_pw = password(20)
    cred(f, nexus_pw, parts=["deployer"], provider="nexus", kind="Nexus deploy user password", tier="high",
         env="unknown", fam="maven settings.xml", clause=CL["publish"] + " (Maven repository deploy user)")
    write(f, f"""<?xml version="1.0" encoding="UTF-8"?>
<settings xmlns="http://maven.apache.org/SETTINGS/1.2.0"
          xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
          xsi:schemaLocation="http://maven.apache.org/SETTINGS/1.2.0 https://maven.apache.org/xsd/settings-1.2.0.xsd">
  <servers>
    <server>
      <id>keelwork-nexus</id>
      <username>deployer</username>
      <password>{nexus_pw}</password>
    </server>
    <server>
      <id>keelwork-nexus-snapshots</id>
      <username>deployer</username>
      <password>${{env.NEXUS_SNAPSHOT_PASSWORD}}</password>
    </server>
  </servers>
  <mirrors>
    <mirror>
      <id>keelwork-nexus</id>
      <mirrorOf>central</mirrorOf>
      <url>https://nexus.keelwork.dev/repository/maven-public/</url>
    </mirror>
  </mirrors>
</settings>
""")
    decoy(f, "${env.NEXUS_SNAPSHOT_PASSWORD}", "Maven ${env.*} reference, not a value")

    f = H(".gradle/gradle.properties")
    cu, cp = s(8), s(44, B64URL)
    sign_pw = password(22)
    cred(f, cp, parts=[cu], provider="sonatype", kind="Maven Central portal user token", tier="high",
         env="unknown", fam="gradle.properties", clause=CL["publish"] + " (Maven/Sonatype)",
         note="mavenCentralUsername/mavenCentralPassword: one token pair; publishes dev.keelwork:ledger-client")
    cred(f, sign_pw, parts=["4F2A1C9D"], provider="gpg", kind="release signing key passphrase", tier="high",
         env="unknown", fam="gradle.properties",
         clause=CL["ssh"] + "; the passphrase of the release signing key unlocks it (an encrypted key plus its passphrase is an unencrypted key)",
         note="signing.password next to signing.secretKeyRingFile: judged as the signing key itself")
    write(f, f"""org.gradle.daemon=true
org.gradle.parallel=true
org.gradle.jvmargs=-Xmx3g -Dfile.encoding=UTF-8
mavenCentralUsername={cu}
mavenCentralPassword={cp}
signing.keyId=4F2A1C9D
signing.password={sign_pw}
signing.secretKeyRingFile={HOMEDIR}/.gnupg/secring.gpg
""")

    f = H(".nuget/NuGet/NuGet.Config")
    ado = ado_pat()
    cred(f, ado, parts=[EMAIL], provider="azure-devops", kind="PAT for an Azure Artifacts feed", tier="high",
         env="unknown", fam="nuget config", clause=CL["publish"] + " (NuGet feed); an Azure DevOps PAT, scopes unknown offline")
    write(f, f"""<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3" />
    <add key="keelwork-edi" value="https://pkgs.dev.azure.com/keelwork/_packaging/edi/nuget/v3/index.json" />
  </packageSources>
  <packageSourceCredentials>
    <keelwork-edi>
      <add key="Username" value="{EMAIL}" />
      <add key="ClearTextPassword" value="{ado}" />
    </keelwork-edi>
  </packageSourceCredentials>
</configuration>
""")

    f = H(".config/composer/auth.json")
    cgh = gh("ghp_")
    cred(f, cgh, provider="github", kind="classic PAT (composer github-oauth)", tier="high", env="unknown",
         fam="composer auth.json",
         clause=CL["scm"] + "; composer's prompt lets the user create it with or without scopes, so scopes stay unknown",
         note="ambiguous: Composer suggests a scope-less token for rate limits, but nothing in the file says so")
    write(f, json.dumps({"github-oauth": {"github.com": cgh}, "gitlab-token": {}, "bearer": {}}, indent=4) + "\n")


def home_iac_paas():
    f = H(".terraform.d/credentials.tfrc.json")
    t = tfc()
    SHARED["tfc"] = t
    cred(f, t, provider="terraform-cloud", kind="HCP Terraform user token", tier="critical", env="production",
         fam="terraform credentials", clause=CL["acct_host"] + " (Pulumi/Terraform Cloud)",
         note="runs plan/apply/destroy on the organisation's workspaces, production included; also exported in zsh history",
         also=[(H(".zsh_history"), None)])
    write(f, json.dumps({"credentials": {"app.terraform.io": {"token": t}}}, indent=2) + "\n")

    f = H(".pulumi/credentials.json")
    p = "pul-" + hexs(40)
    cred(f, p, provider="pulumi", kind="Pulumi Cloud access token", tier="critical", env="production",
         fam="pulumi credentials", clause=CL["acct_host"] + " (Pulumi/Terraform Cloud)",
         note="personal Pulumi Cloud account holding the side project's stacks; token shape pul-<40 hex> (?)")
    write(f, json.dumps({"current": "https://api.pulumi.com",
                         "accessTokens": {"https://api.pulumi.com": p},
                         "accounts": {"https://api.pulumi.com": {"accessToken": p, "username": GH_LOGIN,
                                                                 "organizations": [GH_LOGIN],
                                                                 "lastValidatedAt": "2026-11-20T10:42:07.118Z"}}},
                        indent=4) + "\n")

    f = H(".vault-token")
    v = vault_token()
    cred(f, v, provider="vault", kind="Vault service token", tier="critical", env="unknown", fam="vault token",
         clause="§3 row 'Vault token in ~/.vault-token'; " + CL["secrets_mgr"],
         note="ambiguous: ~/.zshrc sets VAULT_ADDR to vault.prod…, but the label uses the file alone, which holds only the token: environment unknown (the tier is critical either way)")
    write(f, v)

    f = H(".doppler/.doppler.yaml")
    dct, dst_dev = doppler("ct"), doppler("st.dev")
    cred(f, dct, provider="doppler", kind="Doppler CLI token (account)", tier="critical", env="production",
         fam="doppler config", clause=CL["secrets_mgr"] + "; a CLI token reads and writes every project and config, prd included",
         note="scoped '/': the CLI login, stored in plaintext because the keyring was unavailable")
    cred(f, dst_dev, provider="doppler", kind="Doppler service token (config dev)", tier="medium", env="development",
         fam="doppler config", clause=CL["secrets_mgr_nonprod"],
         note="dp.st.dev.: read-only access to the notifications project's dev config")
    write(f, f"""scoped:
    /:
        token: {dct}
        api-host: https://api.doppler.com
        dashboard-host: https://dashboard.doppler.com
        verify-tls: "true"
    {HOMEDIR}/src/dispatch/services/notifications:
        enclave.project: notifications
        enclave.config: dev
        token: {dst_dev}
version-check:
    latest-version: v3.75.1
    checked: 2026-11-28T09:12:44Z
analytics:
    disable: "true"
""")

    f = H(".railway/config.json")
    rw = railway()
    proj, envid, svc = uuid4(), uuid4(), uuid4()
    cred(f, rw, provider="railway", kind="Railway CLI login (account token)", tier="critical", env="production",
         fam="railway config", clause="§3 row 'user.token in ~/.railway/config.json'; " + CL["acct_host"])
    write(f, json.dumps({"projects": {f"{HOMEDIR}/src/dispatch": {
        "projectPath": f"{HOMEDIR}/src/dispatch", "name": "dispatch", "project": proj, "environment": envid,
        "environmentName": "staging", "service": svc}},
        "user": {"token": rw}, "lastUpdateCheck": "2026-11-27T08:00:03.512Z", "linkedFunctions": None}, indent=2) + "\n")
    decoy(f, proj, "Railway project id (a UUID that is an identifier, next to the token)")

    f = H(".local/share/com.vercel.cli/auth.json")
    vt = vercel_legacy()
    cred(f, vt, provider="vercel", kind="Vercel CLI token", tier="critical", env="production", fam="vercel auth",
         clause=CL["acct_host"] + " (Vercel)")
    write(f, json.dumps({"// Note": "This is your Vercel credentials file. DO NOT SHARE!",
                         "// Docs": "https://vercel.com/docs/projects/project-configuration/global-configuration#authjson",
                         "token": vt}, indent=2) + "\n")
    team = "team_" + s(24)
    write(H(".local/share/com.vercel.cli/config.json"), json.dumps({
        "// Note": "This is your Vercel config file. For more information see the global configuration documentation.",
        "// Docs": "https://vercel.com/docs/projects/project-configuration/global-configuration#configjson",
        "currentTeam": team, "collectMetrics": False}, indent=2) + "\n")
    decoy(H(".local/share/com.vercel.cli/config.json"), team, "Vercel team id (identifier)")

    f = H(".config/netlify/config.json")
    nt = netlify()
    uid = hexs(24)
    cred(f, nt, provider="netlify", kind="Netlify personal access token", tier="critical", env="production",
         fam="netlify config", clause=CL["acct_host"] + " (Netlify)", note="personal account hosting the blog and tiderunner.app")
    write(f, json.dumps({"telemetryDisabled": True, "cliId": uuid4(), "userId": uid,
                         "users": {uid: {"id": uid, "name": "Mateo Lindqvist", "email": "mateo@lindqvist.io",
                                         "auth": {"token": nt, "github": {"user": None, "token": None}}}}},
                        indent=2) + "\n")

    f = H(".fly/config.yml")
    ft = fly()
    cred(f, ft, provider="fly", kind="flyctl access token (fo1_, user)", tier="critical", env="production",
         fam="fly config", clause=CL["acct_host"] + " (Fly)", note="fo1_ is full user access (every org and app)")
    write(f, f"access_token: {ft}\nsend_metrics: false\nsynthetics_agent: false\nwire_guard_state: {{}}\n")

    f = H(".supabase/access-token")
    sb = sbp()
    cred(f, sb, provider="supabase", kind="Supabase personal access token", tier="critical", env="production",
         fam="supabase access-token", clause=CL["acct_host"] + "; sbp_ reaches every project of the user's organisations")
    write(f, sb)

    f = H(".config/configstore/firebase-tools.json")
    frt, fat = google_refresh(), "ya29.a0" + s(R.randrange(180, 200), B64URL)
    cred(f, frt, parts=[fat], provider="gcp", kind="Firebase CLI login (Google refresh token)", tier="critical",
         env="production", fam="firebase-tools configstore",
         clause=CL["cloud_prod"] + "; the Firebase CLI login acts as the user (cloud-platform scope)",
         note="activeProjects maps the side project to tiderunner-prod; the access token is a part of the same login")
    write(f, json.dumps({"user": {"email": "mateo@lindqvist.io", "email_verified": True},
                         "tokens": {"expires_at": 1764601203417, "refresh_token": frt, "access_token": fat,
                                    "scopes": ["email", "openid", "https://www.googleapis.com/auth/cloudplatformprojects.readonly",
                                               "https://www.googleapis.com/auth/firebase", "https://www.googleapis.com/auth/cloud-platform"],
                                    "token_type": "Bearer", "id_token": None},
                         "usage": True, "analytics-uuid": uuid4(),
                         "activeProjects": {f"{HOMEDIR}/src/tiderunner": "tiderunner-prod"}}, indent=2) + "\n")

    f = H(".config/stripe/config.toml")
    rkl, pkl, rkt, pkt = stripe("rk_live_"), stripe("pk_live_"), stripe("rk_test_"), stripe("pk_test_")
    acct = "acct_1" + s(15)
    cred(f, rkl, provider="stripe", kind="Stripe CLI live-mode restricted key", tier="critical", env="production",
         fam="stripe cli config", clause=CL["stripe_live"],
         note="keys minted by `stripe login` carry write permissions on most resources")
    cred(f, rkt, provider="stripe", kind="Stripe CLI test-mode restricted key", tier="low", env="test",
         fam="stripe cli config", clause="§3 row 'sk_test_…'; " + CL["test_mode"])
    cred(f, pkl, provider="stripe", kind="live publishable key", tier="low", env="production", optional=True,
         fam="stripe cli config", clause=CL["publishable"])
    cred(f, pkt, provider="stripe", kind="test publishable key", tier="low", env="test", optional=True,
         fam="stripe cli config", clause=CL["publishable"])
    write(f, f"""color = ""

[default]
  account_id = "{acct}"
  device_name = "mateo-thinkpad"
  display_name = "Keelwork"
  live_mode_api_key = "{rkl}"
  live_mode_key_expires_at = "2027-02-24"
  live_mode_pub_key = "{pkl}"
  test_mode_api_key = "{rkt}"
  test_mode_key_expires_at = "2027-02-24"
  test_mode_pub_key = "{pkt}"
""")
    decoy(f, acct, "Stripe account id (identifier)")

    f = H(".config/.wrangler/config/default.toml")
    oat, ort = s(43, B64URL) + "." + s(43, B64URL), s(43, B64URL) + "." + s(43, B64URL)
    cred(f, ort, parts=[oat], provider="cloudflare", kind="wrangler OAuth login (refresh + access token)",
         tier="critical", env="production", fam="wrangler config",
         clause=CL["acct_host"] + " (Cloudflare account: Workers, DNS, R2)",
         note="oauth_token and refresh_token of one login; token shape (?)")
    write(f, f"""oauth_token = "{oat}"
expiration_time = "2026-12-02T11:47:20.012Z"
refresh_token = "{ort}"
scopes = [ "account:read", "user:read", "workers:write", "workers_kv:write", "workers_routes:write", "workers_scripts:write", "workers_tail:read", "d1:write", "pages:write", "zone:read", "ssl_certs:write", "ai:write", "queues:write", "pipelines:write", "secrets_store:write", "offline_access" ]
""")

    f = H(".config/doctl/config.yaml")
    d1, d2 = dop(), dop()
    cred(f, d1, provider="digitalocean", kind="DigitalOcean full-access token (personal account)", tier="critical",
         env="production", fam="doctl config", clause=CL["acct_host"] + " (DigitalOcean full access)")
    cred(f, d2, provider="digitalocean", kind="DigitalOcean token (team context named keelwork-staging)",
         tier="critical", env="production", fam="doctl config",
         clause=CL["acct_host"] + "; §2.2 scope, not the context's name, sets the reach",
         note="ambiguous: the context is named keelwork-staging, but a DigitalOcean token is team-wide; a context name is a local label, not a scope")
    write(f, f"""access-token: {d1}
auth-contexts:
  keelwork-staging: {d2}
context: default
output: text
""")

    f = H(".config/hcloud/cli.toml")
    h1, h2 = s(64), s(64)
    cred(f, h1, provider="hetzner", kind="Hetzner Cloud project token (tiderunner)", tier="critical", env="unknown",
         fam="hcloud cli.toml", clause="§1 critical: cloud tokens; §2.4 no environment evidence, unknown keeps the tier",
         note="Hetzner tokens belong to one project; the context names the project")
    cred(f, h2, provider="hetzner", kind="Hetzner Cloud project token (lab)", tier="medium", env="development",
         fam="hcloud cli.toml", clause=CL["dev_cloud"],
         note="ambiguous: the project-scoped token's context is named lab (a scratch project); unlike an account token, a project token reaches only that project")
    write(f, f"""active_context = "tiderunner"

[preferences]
  sort.server = ["name"]

[[contexts]]
  name = "tiderunner"
  token = "{h1}"

[[contexts]]
  name = "lab"
  token = "{h2}"
""")

    f = H(".render/cli.yaml")
    rn = render()
    cred(f, rn, provider="render", kind="Render API key", tier="critical", env="production", fam="render cli",
         clause=CL["acct_host"] + " (Render)", note="classic Render keys reach every workspace of the user; file layout and key shape (?)")
    write(f, f"""version: 1
workspace: tea-{s(20, 'abcdefghijklmnopqrstuvwxyz0123456789')}
workspace_name: Tiderunner
api:
    key: {rn}
    expiresat: 0
    host: https://api.render.com/v1/
""")


PROD_HOST = f"dispatch-prod.cluster-{RDS_ID}.eu-west-1.rds.amazonaws.com"
PROD_RO_HOST = f"dispatch-prod.cluster-ro-{RDS_ID}.eu-west-1.rds.amazonaws.com"
STAGING_HOST = f"dispatch-staging.{RDS_ID}.eu-west-1.rds.amazonaws.com"


def home_data():
    f = H(".snowflake/connections.toml")
    sp, sd = password(20), password(20)
    cred(f, sp, parts=["MATEO_RO"], provider="snowflake", kind="Snowflake password (REPORTING_RO role)", tier="high",
         env="production", fam="snowflake connections", clause=CL["db_prod_ro"],
         note="database ANALYTICS_PROD with a read-only reporting role")
    cred(f, sd, parts=["MATEO"], provider="snowflake", kind="Snowflake password (dev account)", tier="medium",
         env="development", fam="snowflake connections", clause=CL["db_dev_remote"],
         note="a separate dev sandbox account and database ANALYTICS_DEV")
    write(f, f"""default_connection_name = "prod_reporting"

[prod_reporting]
account = "kw48213.eu-west-1"
user = "MATEO_RO"
password = "{sp}"
role = "REPORTING_RO"
warehouse = "REPORTING_WH"
database = "ANALYTICS_PROD"
schema = "MARTS"

[dev]
account = "kw-dev-sandbox"
user = "MATEO"
password = "{sd}"
role = "DEVELOPER"
warehouse = "DEV_XS"
database = "ANALYTICS_DEV"
""")

    f = H(".databrickscfg")
    db1, db2 = databricks(), databricks()
    cred(f, db1, provider="databricks", kind="Databricks personal access token", tier="critical", env="unknown",
         fam="databrickscfg", clause="§1 critical: data platform of unknown environment; §2.4 unknown keeps the tier",
         note="[DEFAULT] profile, workspace host gives no environment; ambiguous: Databricks judged a data platform (critical ceiling, like a database or cloud account)")
    cred(f, db2, provider="databricks", kind="Databricks personal access token (staging workspace)", tier="medium",
         env="staging", fam="databrickscfg", clause=CL["staging_project"] + "; the profile is the staging workspace")
    write(f, f"""[DEFAULT]
host  = https://dbc-{hexs(8)}-{hexs(4)}.cloud.databricks.com
token = {db1}

; keelwork-staging workspace
[staging]
host  = https://dbc-{hexs(8)}-{hexs(4)}.cloud.databricks.com
token = {db2}
""")

    f = H(".dbt/profiles.yml")
    dbtp = password(24)
    cred(f, dbtp, parts=["DBT_TRANSFORMER"], provider="snowflake", kind="dbt prod target password (TRANSFORMER role)",
         tier="critical", env="production", fam="dbt profiles", clause=CL["db_prod_write"],
         note="target prod writes the ANALYTICS_PROD marts")
    write(f, f"""keelwork:
  target: dev
  outputs:
    dev:
      type: snowflake
      account: kw-dev-sandbox
      user: MATEO
      password: "{{{{ env_var('DBT_DEV_PASSWORD') }}}}"
      role: DEVELOPER
      database: ANALYTICS_DEV
      warehouse: DEV_XS
      schema: dbt_mateo
      threads: 4
    prod:
      type: snowflake
      account: kw48213.eu-west-1
      user: DBT_TRANSFORMER
      password: "{dbtp}"
      role: TRANSFORMER
      database: ANALYTICS_PROD
      warehouse: TRANSFORM_WH
      schema: marts
      threads: 8
""")
    decoy(f, "{{ env_var('DBT_DEV_PASSWORD') }}", "dbt env_var() template reference")

    f = H(".pgpass")
    pa, pr, ps, pl = password(28), password(24), password(24), password(16)
    SHARED["pg_staging"] = ps
    cred(f, pa, parts=["dispatch_admin"], provider="postgres", kind="production admin DB password", tier="critical",
         env="production", fam="pgpass", clause="§3 row 'prod-db…:5432:rentals:app_admin:<pw> in ~/.pgpass'; " + CL["db_prod_write"])
    cred(f, pr, parts=["metabase_ro"], provider="postgres", kind="production read-only DB password", tier="high",
         env="production", fam="pgpass", clause=CL["db_prod_ro"], note="cluster-ro reader endpoint and a _ro user")
    cred(f, ps, parts=["dispatch_app"], provider="postgres", kind="staging DB password", tier="medium",
         env="staging", fam="pgpass", clause=CL["db_staging"], note="also typed as PGPASSWORD in bash history",
         also=[(H(".bash_history"), None)])
    cred(f, pl, parts=["postgres"], provider="postgres", kind="local postgres superuser password", tier="low",
         env="development", fam="pgpass", clause=CL["local"])
    write(f, f"""# hostname:port:database:username:password
{PROD_HOST}:5432:dispatch:dispatch_admin:{pa}
{PROD_RO_HOST}:5432:dispatch:metabase_ro:{pr}
{STAGING_HOST}:5432:dispatch:dispatch_app:{ps}
localhost:5432:*:postgres:{pl}
""")
    write(H(".psqlrc"), "\\set QUIET 1\n\\pset null '∅'\n\\set HISTFILE ~/.psql_history- :DBNAME\n\\set HISTCONTROL ignoredups\n\\set COMP_KEYWORD_CASE upper\n\\unset QUIET\n")

    f = H(".my.cnf")
    mp = password(24)
    cred(f, mp, parts=["portal_admin"], provider="mysql", kind="production MySQL admin password", tier="critical",
         env="production", fam="my.cnf", clause=CL["db_prod_write"], note="host portal-prod RDS (the carrier portal's database)")
    write(f, f"""[client]
user=portal_admin
password={mp}
host=portal-prod.{RDS_US}.us-east-1.rds.amazonaws.com
default-character-set=utf8mb4

[mysql]
auto-rehash
prompt=\\u@\\h [\\d]>\\_
""")

    f = H(".mongodb/mongosh/mongosh_repl_history")
    mg = password(24)
    cred(f, mg, parts=["telemetry_admin"], provider="mongodb", kind="MongoDB Atlas production user (in a connect() call)",
         tier="critical", env="production", fam="mongosh history", clause=CL["db_prod_write"],
         note="connect() to the telematics-prod Atlas cluster as telemetry_admin; ~/.mongoshrc.js keeps history unredacted")
    write(f, "\n".join([
        "db.trucks.countDocuments({ lastSeen: { $lt: new Date(Date.now() - 864e5) } })",
        "db.trucks.find({ carrierId: 'c_8812' }).limit(5)",
        "use telemetry",
        f"db = connect('mongodb+srv://telemetry_admin:{mg}@telematics-prod.{ATLAS_ID}.mongodb.net/telemetry?retryWrites=true&w=majority')",
        "show dbs",
        "config.set('redactHistory', 'keep')",
    ]) + "\n")
    write(H(".mongoshrc.js"), "// keep history verbatim (mongosh removes secret-looking lines by default)\nconfig.set('redactHistory', 'keep');\nconfig.set('historyLength', 5000);\n")


def home_services():
    f = H(".config/ngrok/ngrok.yml")
    ng = ngrok()
    cred(f, ng, provider="ngrok", kind="ngrok agent authtoken", tier="medium", env="unknown", fam="ngrok config",
         clause=CL["ngrok"])
    write(f, f'version: "3"\nagent:\n    authtoken: {ng}\ntunnels:\n    api:\n        proto: http\n        addr: 8080\n')

    f = H(".twilio-cli/config.json")
    ac, sk, sec = twilio_sid("AC"), twilio_sid("SK"), s(32)
    cred(f, sec, parts=[sk, ac], provider="twilio", kind="Twilio API key secret", tier="high", env="unknown",
         fam="twilio cli config", clause=CL["email_sms"])
    write(f, json.dumps({"profiles": {"keelwork": {"accountSid": ac, "region": None, "apiKey": sk, "apiSecret": sec}},
                         "activeProject": "keelwork", "requireProfileInput": True}, indent=2) + "\n")

    f = H(".sentryclirc")
    su = sentry_user()
    cred(f, su, provider="sentry", kind="Sentry user auth token", tier="medium", env="unknown", fam="sentryclirc",
         clause=CL["observability"])
    write(f, f"[auth]\ntoken={su}\n\n[defaults]\norg=keelwork\nproject=dispatch-api\nurl=https://sentry.io/\n")

    f = H(".cache/huggingface/token")
    ha, hb = hf(), hf()
    stored = H(".cache/huggingface/stored_tokens")
    cred(f, ha, provider="huggingface", kind="Hugging Face token (active)", tier="medium", env="unknown",
         fam="huggingface token", clause=CL["hf"], also=[stored])
    cred(stored, hb, provider="huggingface", kind="Hugging Face token (named tiderunner-write)", tier="medium",
         env="unknown", fam="huggingface stored_tokens", clause=CL["hf"])
    write(f, ha)
    write(stored, f"[default]\nhf_token = {ha}\n\n[tiderunner-write]\nhf_token = {hb}\n")

    f = H(".config/rclone/rclone.conf")
    kid, key = "005" + hexs(22), "K005" + s(27, B64)
    cred(f, key, parts=[kid], provider="backblaze", kind="B2 application key (laptop backups)", tier="critical",
         env="unknown", fam="rclone config",
         clause="§1 critical: cloud storage keys of unknown environment; §2.5 the bucket holds backups of this home directory, so it reads every credential on the machine",
         note="ambiguous: personal backup storage, not company production; ranked by what the backups contain")
    write(f, f"""[b2-laptop-backup]
type = b2
account = {kid}
key = {key}
hard_delete = true

[crypt-home]
type = crypt
remote = b2-laptop-backup:mateo-thinkpad-backup/home
filename_encryption = off
""")

    # ssh ---------------------------------------------------------------------------------
    f = H(".ssh/id_ed25519")
    priv, pub = openssh_ed25519(f"{EMAIL}")
    cred(f, priv, provider="ssh", kind="unencrypted ed25519 private key", tier="high", env="unknown", fam="ssh keys",
         clause=CL["ssh"], note="openssh-key-v1 with cipher none; also the git commit signing key")
    write(f, priv)
    write(H(".ssh/id_ed25519.pub"), pub + "\n")
    decoy(H(".ssh/id_ed25519.pub"), pub.split()[1], "public key")
    f = H(".ssh/id_rsa")
    epriv, epub = openssh_rsa_encrypted(f"mateo@thinkpad-2019")
    cred(f, epriv, provider="ssh", kind="passphrase-protected RSA private key", tier="low", env="unknown",
         fam="ssh keys", clause="§3 row 'encrypted id_rsa'; " + CL["encrypted_key"], note="cipher aes256-ctr, kdf bcrypt")
    write(f, epriv)
    write(H(".ssh/id_rsa.pub"), epub + "\n")
    f = H(".ssh/keelwork-bastion-prod.pem")
    bkey = rsa_key(2048)
    bpem = pem_private(bkey, serialization.PrivateFormat.TraditionalOpenSSL)
    cred(f, bpem, provider="ssh", kind="unencrypted RSA key (EC2 key pair of the production bastion)", tier="high",
         env="production", fam="ssh keys", clause=CL["ssh"],
         note="ambiguous: it logs into the production bastion, but the rubric's table puts SSH keys at high; no Proc-Type header")
    write(f, bpem)
    write(H(".ssh/config"), f"""Host bastion-prod
    HostName bastion.prod.keelwork.dev
    User ec2-user
    IdentityFile ~/.ssh/keelwork-bastion-prod.pem
    IdentitiesOnly yes

Host *.internal.keelwork.dev
    ProxyJump bastion-prod
    User ec2-user

Host github.com gitlab.com
    IdentityFile ~/.ssh/id_ed25519

Host *
    AddKeysToAgent yes
    ServerAliveInterval 60
""")
    kh = "|1|" + b64(rbytes(20)) + "|" + b64(rbytes(20))
    write(H(".ssh/known_hosts"), f"{kh} ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI{b64(rbytes(24))}\n"
          f"|1|{b64(rbytes(20))}|{b64(rbytes(20))} ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBB{b64(rbytes(48))}\n")
    decoy(H(".ssh/known_hosts"), kh, "hashed known_hosts entry (HMAC of a host name)")


def home_agents():
    f = H(".claude/.credentials.json")
    oat, ort = anthropic("oat01"), anthropic("ort01")
    cred(f, ort, parts=[oat], provider="anthropic", kind="Claude Code OAuth login (refresh + access token)",
         tier="high", env="unknown", fam="claude code credentials", clause=CL["llm"],
         note="claudeAiOauth: the subscription login; token shapes by analogy with API keys (?)")
    write(f, json.dumps({"claudeAiOauth": {"accessToken": oat, "refreshToken": ort, "expiresAt": 1764633600000,
                                           "scopes": ["user:inference", "user:profile", "user:sessions:claude_code"],
                                           "subscriptionType": "max"}}) + "\n")

    f = H(".claude.json")
    lin = linear()
    cro = password(24)
    uidh = hexs(64)
    cred(f, lin, provider="linear", kind="Linear API key in an MCP header", tier="medium", env="unknown",
         fam="claude.json mcp", clause=CL["tracker"])
    cred(f, cro, parts=["claude_ro"], provider="postgres", kind="production read-only DB password in MCP args",
         tier="high", env="production", fam="claude.json mcp", clause=CL["db_prod_ro"],
         note="project-scoped MCP server: cluster-ro reader endpoint and a _ro user")
    suffix = s(20, B64URL)
    write(f, json.dumps({
        "numStartups": 214, "installMethod": "native", "autoUpdates": True, "userID": uidh,
        "hasCompletedOnboarding": True, "lastOnboardingVersion": "2.1.290",
        "customApiKeyResponses": {"approved": [suffix], "rejected": []},
        "mcpServers": {"linear": {"type": "http", "url": "https://mcp.linear.app/mcp",
                                  "headers": {"Authorization": f"Bearer {lin}"}}},
        "projects": {f"{HOMEDIR}/src/dispatch": {
            "allowedTools": [], "hasTrustDialogAccepted": True,
            "mcpServers": {"prod-replica": {"type": "stdio", "command": "npx",
                                            "args": ["-y", "@modelcontextprotocol/server-postgres",
                                                     f"postgresql://claude_ro:{cro}@{PROD_RO_HOST}:5432/dispatch?sslmode=require"],
                                            "env": {}}}}},
    }, indent=2) + "\n")
    decoy(f, uidh, "Claude Code userID (an identifier)")
    decoy(f, suffix, "customApiKeyResponses keeps only the last 20 characters of an approved key")

    f = H(".claude/settings.json")
    lite = "sk-" + s(22, B64URL)
    cred(f, lite, provider="litellm", kind="LLM gateway virtual key (ANTHROPIC_AUTH_TOKEN)", tier="high",
         env="unknown", fam="claude code settings", clause=CL["llm"],
         note="the company's LiteLLM proxy key; key shape sk-<22> (?)")
    write(f, json.dumps({"$schema": "https://json.schemastore.org/claude-code-settings.json",
                         "env": {"ANTHROPIC_BASE_URL": "https://llm-gateway.keelwork.dev",
                                 "ANTHROPIC_AUTH_TOKEN": lite, "DISABLE_TELEMETRY": "1"},
                         "permissions": {"deny": ["Read(./.env.production)", "Read(~/.aws/**)"]},
                         "model": "opus"}, indent=2) + "\n")

    f = H(".cursor/mcp.json")
    gpat, c7 = gh_fine(), "ctx7sk-" + uuid4()
    cred(f, gpat, provider="github", kind="fine-grained PAT for the GitHub MCP server", tier="high", env="unknown",
         fam="cursor mcp", clause=CL["scm"])
    cred(f, c7, provider="context7", kind="Context7 API key", tier="medium", env="unknown", fam="cursor mcp",
         clause=CL["saas"], note="documentation-lookup SaaS; key shape (?)")
    write(f, json.dumps({"mcpServers": {
        "github": {"command": "docker", "args": ["run", "-i", "--rm", "-e", "GITHUB_PERSONAL_ACCESS_TOKEN",
                                                 "ghcr.io/github/github-mcp-server"],
                   "env": {"GITHUB_PERSONAL_ACCESS_TOKEN": gpat}},
        "context7": {"url": "https://mcp.context7.com/mcp", "headers": {"CONTEXT7_API_KEY": c7}}}}, indent=2) + "\n")

    f = H(".config/Code/User/mcp.json")
    nt = notion()
    cred(f, nt, provider="notion", kind="Notion integration token in an MCP header", tier="medium", env="unknown",
         fam="vscode mcp", clause=CL["tracker"])
    write(f, json.dumps({"servers": {
        "notion": {"type": "http", "url": "https://mcp.notion.com/mcp", "headers": {"Authorization": f"Bearer {nt}"}},
        "postgres-staging": {"type": "stdio", "command": "npx", "args": ["-y", "@modelcontextprotocol/server-postgres"],
                             "env": {"DATABASE_URL": "${input:pg-staging-url}"}}},
        "inputs": [{"type": "promptString", "id": "pg-staging-url", "description": "Staging Postgres URL", "password": True}]},
        indent=2) + "\n")
    decoy(f, "${input:pg-staging-url}", "VS Code input reference: the value is kept in SecretStorage")

    f = H(".config/Code/User/globalStorage/saoudrizwan.claude-dev/settings/cline_mcp_settings.json")
    pp = "pplx-" + s(48)
    cred(f, pp, provider="perplexity", kind="Perplexity API key", tier="high", env="unknown", fam="cline mcp",
         clause=CL["llm"])
    write(f, json.dumps({"mcpServers": {"perplexity-ask": {"command": "npx", "args": ["-y", "server-perplexity-ask"],
                                                         "env": {"PERPLEXITY_API_KEY": pp}, "disabled": False,
                                                         "autoApprove": []}}}, indent=2) + "\n")

    f = H(".codex/auth.json")
    oa = openai("proj")
    cred(f, oa, provider="openai", kind="OpenAI project key (Codex CLI)", tier="high", env="unknown",
         fam="codex auth", clause=CL["llm"])
    write(f, json.dumps({"OPENAI_API_KEY": oa, "tokens": None, "last_refresh": None}, indent=2) + "\n")
    f = H(".codex/config.toml")
    cst = stripe("sk_test_")
    cred(f, cst, provider="stripe", kind="test-mode secret key in an MCP server env", tier="low", env="test",
         fam="codex config", clause="§3 row 'sk_test_…'; " + CL["test_mode"])
    write(f, f"""model = "gpt-5-codex"
model_reasoning_effort = "medium"
approval_policy = "on-request"
sandbox_mode = "workspace-write"

[mcp_servers.stripe]
command = "npx"
args = ["-y", "@stripe/mcp", "--tools=all"]

[mcp_servers.stripe.env]
STRIPE_SECRET_KEY = "{cst}"

[mcp_servers.sentry]
url = "https://mcp.sentry.dev/mcp"
bearer_token_env_var = "SENTRY_ACCESS_TOKEN"

[projects."{HOMEDIR}/src/dispatch"]
trust_level = "trusted"
""")

    f = H(".gemini/.env")
    gk = aiza()
    cred(f, gk, provider="google-ai", kind="Gemini API key", tier="high", env="unknown", fam="gemini env",
         clause=CL["llm"])
    write(f, f"GEMINI_API_KEY={gk}\n")
    f = H(".gemini/settings.json")
    fc = "fc-" + hexs(32)
    cred(f, fc, provider="firecrawl", kind="Firecrawl API key", tier="medium", env="unknown", fam="gemini settings",
         clause=CL["saas"])
    write(f, json.dumps({"security": {"auth": {"selectedType": "gemini-api-key"}},
                         "mcpServers": {"firecrawl": {"command": "npx", "args": ["-y", "firecrawl-mcp"],
                                                      "env": {"FIRECRAWL_API_KEY": fc}}},
                         "ui": {"theme": "GitHub"}}, indent=2) + "\n")
    f = H(".gemini/oauth_creds.json")
    grt, gat = google_refresh(), "ya29.a0" + s(R.randrange(180, 200), B64URL)
    cred(f, grt, parts=[gat], provider="gcp", kind="Gemini CLI Google login (cloud-platform scope)", tier="critical",
         env="unknown", fam="gemini oauth",
         clause=CL["cloud_unknown"] + "; the OAuth grant includes the cloud-platform scope",
         note="ambiguous: meant for Gemini Code Assist, but the grant's cloud-platform scope acts on any GCP project of the user")
    write(f, json.dumps({"access_token": gat, "scope": "https://www.googleapis.com/auth/cloud-platform https://www.googleapis.com/auth/userinfo.email https://www.googleapis.com/auth/userinfo.profile openid",
                         "token_type": "Bearer", "expiry_date": 1764602211093, "refresh_token": grt}, indent=2) + "\n")

    f = H(".codeium/windsurf/mcp_config.json")
    tv, phx = "tvly-" + s(32), posthog("phx_")
    cred(f, tv, provider="tavily", kind="Tavily API key in an MCP server URL", tier="medium", env="unknown",
         fam="windsurf mcp", clause=CL["saas"], note="the key is a query parameter of serverUrl")
    cred(f, phx, provider="posthog", kind="PostHog personal API key", tier="medium", env="unknown",
         fam="windsurf mcp", clause=CL["observability"], note="value is the token after 'Bearer ' in POSTHOG_AUTH_HEADER")
    write(f, json.dumps({"mcpServers": {
        "tavily": {"serverUrl": f"https://mcp.tavily.com/mcp/?tavilyApiKey={tv}"},
        "posthog": {"command": "npx", "args": ["-y", "mcp-remote@latest", "https://mcp.posthog.com/sse", "--header",
                                               "Authorization:${POSTHOG_AUTH_HEADER}"],
                    "env": {"POSTHOG_AUTH_HEADER": f"Bearer {phx}"}}}}, indent=2) + "\n")

    f = H(".continue/config.yaml")
    mis = s(32)
    cred(f, mis, provider="mistral", kind="Mistral API key (Codestral autocomplete)", tier="high", env="unknown",
         fam="continue config", clause=CL["llm"])
    write(f, f"""name: Local Assistant
version: 1.0.0
schema: v1
models:
  - name: Codestral
    provider: mistral
    model: codestral-latest
    apiKey: {mis}
    roles:
      - autocomplete
  - name: Claude Sonnet
    provider: anthropic
    model: claude-sonnet-4-5
    apiKey: ${{{{ secrets.ANTHROPIC_API_KEY }}}}
    roles:
      - chat
      - edit
context:
  - provider: code
  - provider: diff
""")
    decoy(f, "${{ secrets.ANTHROPIC_API_KEY }}", "Continue secrets reference (resolved from ~/.continue/.env)")
    f = H(".continue/.env")
    ca = anthropic("api03")
    cred(f, ca, provider="anthropic", kind="Anthropic API key", tier="high", env="unknown", fam="continue env",
         clause=CL["llm"])
    write(f, f"ANTHROPIC_API_KEY={ca}\n")

    f = H(".aider.conf.yml")
    aa, gq = anthropic("api03"), "gsk_" + s(52)
    cred(f, aa, provider="anthropic", kind="Anthropic API key (aider)", tier="high", env="unknown", fam="aider config",
         clause=CL["llm"])
    cred(f, gq, provider="groq", kind="Groq API key (aider api-key list)", tier="high", env="unknown",
         fam="aider config", clause=CL["llm"])
    write(f, f"""model: sonnet
weak-model: groq/llama-3.3-70b-versatile
anthropic-api-key: {aa}
api-key:
  - groq={gq}
auto-commits: false
dark-mode: true
""")

    f = H(".config/Claude/claude_desktop_config.json")
    xb = slack_bot()
    team = "T" + s(10, UPPER_ALNUM)
    cred(f, xb, provider="slack", kind="Slack bot token (MCP server)", tier="high", env="unknown",
         fam="claude desktop config", clause=CL["chat"])
    write(f, json.dumps({"mcpServers": {"slack": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-slack"],
                                                  "env": {"SLACK_BOT_TOKEN": xb, "SLACK_TEAM_ID": team}}}}, indent=2) + "\n")
    decoy(f, team, "Slack team id next to the token (identifier)")

    f = H(".config/zed/settings.json")
    bk = "bkua_" + hexs(40)
    cred(f, bk, provider="buildkite", kind="Buildkite user API token", tier="high", env="unknown", fam="zed settings",
         clause=CL["ci"])
    write(f, "// Zed settings\n" + json.dumps({"theme": "One Dark", "vim_mode": True, "context_servers": {
        "mcp-server-buildkite": {"command": {"path": "buildkite-mcp-server", "args": ["stdio"],
                                             "env": {"BUILDKITE_API_TOKEN": bk}}}}}, indent=2) + "\n")

    f = H(".env")
    orr = "sk-or-v1-" + hexs(64)
    cred(f, orr, provider="openrouter", kind="OpenRouter API key", tier="high", env="unknown", fam="home .env",
         clause=CL["llm"])
    write(f, f"# read by gemini-cli and aider when nothing closer defines them\nOPENROUTER_API_KEY={orr}\nEDITOR=nvim\n")


def home_shell():
    f = H(".bashrc")
    hb = gh("ghp_")
    cred(f, hb, provider="github", kind="HOMEBREW_GITHUB_API_TOKEN", tier="medium", env="unknown", fam="bashrc",
         clause="§3 row 'HOMEBREW_GITHUB_API_TOKEN=ghp_…'; §1 medium: a GitHub token that by its context carries no scopes",
         note="Homebrew's convention is a token created without scopes (API rate limit only); environment unknown: GitHub is not split by environment")
    write(f, f"""# ~/.bashrc: executed by bash(1) for non-login shells.
case $- in
    *i*) ;;
      *) return;;
esac
HISTCONTROL=ignoreboth
HISTSIZE=100000
HISTFILESIZE=200000
HISTTIMEFORMAT='%F %T '
shopt -s histappend checkwinsize
eval "$(/home/linuxbrew/.linuxbrew/bin/brew shellenv)"
export HOMEBREW_GITHUB_API_TOKEN={hb}
export HOMEBREW_NO_ANALYTICS=1
export NPM_TOKEN="${{NPM_TOKEN:-}}"
[ -f ~/.fzf.bash ] && source ~/.fzf.bash
""")
    decoy(f, "${NPM_TOKEN:-}", "shell parameter expansion, not a value")

    f = H(".zshrc")
    zo = openai("proj")
    ops = ops_token("keelwork.1password.com", f"ci-release-{s(8, 'abcdefghijklmnopqrstuvwxyz0123456789')}@1passwordserviceaccounts.com")
    jira = atlassian()
    figma = "figd_" + s(40, B64URL)
    cred(f, zo, provider="openai", kind="OpenAI project key", tier="high", env="unknown", fam="zshrc", clause=CL["llm"])
    cred(f, ops, provider="1password", kind="1Password service account token", tier="critical", env="production",
         fam="zshrc", clause=CL["secrets_mgr"] + " (1Password service accounts)",
         note="the comment says it reads the 'Prod Deploy' and 'Release Signing' vaults; blob shape (?)")
    cred(f, jira, parts=[EMAIL], provider="atlassian", kind="Atlassian API token (jira-cli)", tier="medium",
         env="unknown", fam="zshrc", clause=CL["tracker"], note="token shape ATATT3… (?)")
    cred(f, figma, provider="figma", kind="Figma personal access token", tier="medium", env="unknown", fam="zshrc",
         clause=CL["saas"] + " (design files)", note="token shape figd_ (?)")
    write(f, f"""export ZSH="$HOME/.oh-my-zsh"
ZSH_THEME="robbyrussell"
plugins=(git aws kubectl terraform fzf direnv)
source $ZSH/oh-my-zsh.sh

setopt EXTENDED_HISTORY HIST_IGNORE_DUPS SHARE_HISTORY
HISTFILE=~/.zsh_history
HISTSIZE=100000
SAVEHIST=100000

export EDITOR=nvim
export AWS_PROFILE=dev
export VAULT_ADDR=https://vault.prod.keelwork.dev:8200
export OPENAI_API_KEY={zo}
# export ANTHROPIC_API_KEY=sk-ant-api03-...   (moved to ~/.continue/.env)

# 1Password service account "ci-release": vaults Prod Deploy, Release Signing
export OP_SERVICE_ACCOUNT_TOKEN={ops}

export JIRA_API_TOKEN={jira}
export JIRA_LOGIN={EMAIL}
export JIRA_AUTH_TYPE=basic
export FIGMA_TOKEN={figma}
eval "$(direnv hook zsh)"
""")
    decoy(f, "sk-ant-api03-...", "commented-out placeholder")

    f = H(".profile")
    dda, ddp = datadog_api(), datadog_app()
    cred(f, ddp, parts=[dda], provider="datadog", kind="Datadog application key + API key", tier="medium",
         env="unknown", fam="profile", clause=CL["observability"],
         note="DD_APP_KEY is used together with DD_API_KEY: one credential")
    write(f, f"""# ~/.profile: executed by the command interpreter for login shells.
if [ -n "$BASH_VERSION" ] && [ -f "$HOME/.bashrc" ]; then . "$HOME/.bashrc"; fi
if [ -d "$HOME/.local/bin" ] ; then PATH="$HOME/.local/bin:$PATH"; fi
export DD_SITE=datadoghq.eu
export DD_API_KEY={dda}
export DD_APP_KEY={ddp}
""")

    f = H(".config/fish/config.fish")
    adm = anthropic("admin01")
    cfacct = hexs(32)
    cred(f, adm, provider="anthropic", kind="Anthropic Admin API key", tier="critical", env="unknown",
         fam="fish config", clause=CL["admin_key"], note="sk-ant-admin01-: manages the organisation's users, workspaces and keys")
    write(f, f"""if status is-interactive
    set -g fish_greeting
    starship init fish | source
end
fish_add_path ~/.cargo/bin ~/.local/bin
set -gx CLOUDFLARE_ACCOUNT_ID {cfacct}
set -gx ANTHROPIC_ADMIN_KEY {adm}
""")
    decoy(f, cfacct, "Cloudflare account id next to secret-looking variables (identifier)")

    # histories -----------------------------------------------------------------------------
    f = H(".bash_history")
    sbx, vstg, rprod = aws_secret(), vault_token(), password(32)
    SHARED["mysql_staging"] = password(20)
    cred(f, sbx, provider="aws", kind="secret access key (aws configure set, sandbox profile)", tier="medium",
         env="development", fam="bash history", clause=CL["dev_cloud"],
         note="--profile ci-sandbox; the key id is not on the line")
    cred(f, vstg, provider="vault", kind="Vault token (vault login against the staging Vault)", tier="medium",
         env="staging", fam="bash history", clause=CL["secrets_mgr_nonprod"],
         note="VAULT_ADDR=https://vault.staging.keelwork.dev on the same line")
    cred(f, rprod, parts=["default"], provider="redis", kind="production ElastiCache password in a redis-cli URL",
         tier="critical", env="production", fam="bash history", clause=CL["db_prod_write"],
         note="host dispatch-prod-cache…cache.amazonaws.com; ambiguous: a cache, judged as a production database that can write (it holds sessions and can be flushed)")
    write(f, bash_history([
        (when(), "cd ~/src/dispatch && git pull"),
        (when(), f"docker login -u keelworkci -p {SHARED['dockerhub']}"),
        (when(), "docker push keelwork/dispatch-api:2.14.3"),
        (when(), f"PGPASSWORD={SHARED['pg_staging']} psql -h {STAGING_HOST} -U dispatch_app dispatch -c 'select count(*) from loads'"),
        (when(), f"aws configure set aws_secret_access_key {sbx} --profile ci-sandbox"),
        (when(), f"VAULT_ADDR=https://vault.staging.keelwork.dev vault login {vstg}"),
        (when(), "vault kv get -mount=secret dispatch/staging"),
        (when(), f"redis-cli -u rediss://default:{rprod}@dispatch-prod-cache.x1y2z3.ng.0001.euw1.cache.amazonaws.com:6379 --scan --pattern 'session:*' | head"),
        (when(), f"mysql -h portal-staging.{RDS_US}.us-east-1.rds.amazonaws.com -u portal -p{SHARED['mysql_staging']} portal_staging"),
        (when(), 'curl -sH "Authorization: Bearer $GITHUB_TOKEN" https://api.github.com/repos/keelwork/dispatch/actions/runs | jq ".workflow_runs[0].status"'),
        (when(), "kubectl --context keelwork-staging -n dispatch get pods"),
    ]))
    decoy(f, "$GITHUB_TOKEN", "shell variable reference")

    f = H(".zsh_history")
    zsk = stripe("sk_live_")
    xp = slack_user()
    jt = "11" + hexs(32)
    cred(f, zsk, provider="stripe", kind="live secret key (exported in the shell)", tier="critical", env="production",
         fam="zsh history", clause=CL["stripe_live"])
    cred(f, xp, provider="slack", kind="Slack user token in a curl header", tier="high", env="unknown",
         fam="zsh history", clause=CL["chat"], note="a multi-line command: continuation lines end with a backslash")
    cred(f, jt, parts=["mateo"], provider="jenkins", kind="Jenkins API token (curl -u)", tier="high", env="unknown",
         fam="zsh history", clause=CL["ci"])
    write(f, zsh_history([
        (when(), "git switch -c fix/route-eta-rounding"),
        (when(), f"export STRIPE_API_KEY={zsk}"),
        (when(), "stripe balance_transactions list --limit 3"),
        (when(), f"curl -s https://slack.com/api/conversations.history \n  -H 'Authorization: Bearer {xp}' \n  -d channel=C04KX9M2QLN | jq '.messages[].text'"),
        (when(), f"curl -X POST -u mateo:{jt} https://jenkins.keelwork.dev/job/edi-gateway/job/main/build"),
        (when(), f"export TF_TOKEN_app_terraform_io={SHARED['tfc']}"),
        (when(), "terraform -chdir=infra/terraform plan"),
    ]))

    f = H(".local/share/fish/fish_history")
    cft = cf_token()
    sg = sendgrid()
    cred(f, cft, provider="cloudflare", kind="Cloudflare API token (set -gx before wrangler deploy --env production)",
         tier="critical", env="production", fam="fish history",
         clause="§1 critical: cloud/edge account tokens; §2.4 the next command deploys --env production",
         note="legacy 40-character API token; its permission groups cannot be read offline")
    cred(f, sg, provider="sendgrid", kind="SendGrid API key in a multi-line curl", tier="high", env="unknown",
         fam="fish history", clause=CL["email_sms"], note="fish stores the newlines of the command as \\n", enc="fish")
    write(f, fish_history([
        (when(), "cd ~/src/dispatch/services/web", ["~/src/dispatch/services/web"]),
        (when(), f"set -gx CLOUDFLARE_API_TOKEN {cft}", []),
        (when(), "npx wrangler deploy --env production", []),
        (when(), f"curl -X POST https://api.sendgrid.com/v3/mail/send \\\n  -H \"Authorization: Bearer {sg}\" \\\n  -H 'Content-Type: application/json' -d @test-mail.json", ["test-mail.json"]),
        (when(), "ls ~/Downloads", ["~/Downloads"]),
    ]))

    f = H(".python_history")
    rkro, svc = stripe("rk_live_"), openai("svcacct")
    cred(f, rkro, provider="stripe", kind="live restricted key, read-only", tier="high", env="production",
         fam="python history", clause="§2.3 a credential known to be read-only drops one tier; " + CL["stripe_live"],
         note="ambiguous: the only evidence of read-only is the comment typed on the line")
    cred(f, svc, provider="openai", kind="OpenAI service-account key", tier="high", env="unknown",
         fam="python history", clause=CL["llm"])
    write(f, "\n".join([
        "import stripe",
        f'stripe.api_key = "{rkro}"  # read-only reporting key',
        "stripe.Charge.list(limit=3)",
        "from openai import OpenAI",
        f'client = OpenAI(api_key="{svc}")',
        'client.models.list()',
        "exit()",
    ]) + "\n")

    f = H(".node_repl_history")
    pm = uuid4()
    cred(f, pm, provider="postmark", kind="Postmark server token", tier="high", env="unknown",
         fam="node repl history", clause=CL["email_sms"], note="a bare UUID: recognisable only from the ServerClient call")
    write(f, "\n".join([  # newest first
        "await client.sendEmail({ From: 'ops@keelwork.dev', To: 'mateo@keelwork.dev', Subject: 'test', TextBody: 'hi' })",
        f"const client = new postmark.ServerClient('{pm}')",
        "const postmark = require('postmark')",
        "process.versions.node",
    ]) + "\n")

    f = H(".psql_history-dispatch_staging")
    etl = password(22)
    cred(f, etl, parts=["etl_loader"], provider="postgres", kind="password set with ALTER ROLE (staging DB)",
         tier="medium", env="staging", fam="psql history", clause=CL["db_staging"],
         note="the history file is per database (~/.psqlrc: HISTFILE ~/.psql_history- :DBNAME)")
    write(f, "\n".join([
        "select count(*) from loads where created_at > now() - interval '1 day';",
        f"ALTER ROLE etl_loader WITH LOGIN PASSWORD '{etl}';",
        "GRANT SELECT, INSERT ON ALL TABLES IN SCHEMA staging_import TO etl_loader;",
        "\\dt staging_import.*",
    ]) + "\n")

    f = H(".mysql_history")
    mro = password(20)
    cred(f, mro, parts=["metabase_ro"], provider="mysql", kind="read-only production user created in the mysql client",
         tier="high", env="production", fam="mysql history", enc="libedit", clause=CL["db_prod_ro"],
         note="GRANT SELECT ON portal_production.* only; the file is libedit-encoded (\\040 for spaces)")
    write(f, mysql_history([
        "use portal_production;",
        "SELECT id, name FROM carriers ORDER BY id DESC LIMIT 5;",
        f"CREATE USER 'metabase_ro'@'%' IDENTIFIED BY '{mro}';",
        "GRANT SELECT ON portal_production.* TO 'metabase_ro'@'%';",
        "FLUSH PRIVILEGES;",
    ]))

    SHARED["redis_local"] = password(20)
    write(H(".rediscli_history"), f"AUTH {SHARED['redis_local']}\nKEYS dispatch:*\nGET dispatch:eta:cache:version\nFLUSHDB\n")

    f = H(".irb_history")
    irt = stripe("sk_test_")
    cred(f, irt, provider="stripe", kind="test-mode secret key (irb)", tier="low", env="test", fam="irb history",
         clause="§3 row 'sk_test_…'; " + CL["test_mode"])
    write(f, "require 'stripe'\n" + f"Stripe.api_key = '{irt}'\n" + "Stripe::Customer.list(limit: 2)\nexit\n")


# ---------------------------------------------------------------------------------------
# the workspace: home/src/dispatch


def ws_root():
    f = W(".env")
    dbl, rl, mini = password(18), SHARED["redis_local"], password(18)
    SHARED["pg_local"] = dbl
    sk, pk, sess = stripe("sk_test_"), stripe("pk_test_"), hexs(64)
    mpk = mapbox("pk", "keelwork")
    price = "price_1Q" + s(22)
    cred(f, dbl, parts=["dispatch"], provider="postgres", kind="local docker-compose Postgres password", tier="low",
         env="development", fam="workspace .env",
         clause="§3 row 'postgres://app:<pw>@localhost:5432/dev'; " + CL["local"],
         note="the compose file sets the same password", also=[W("docker-compose.yml")])
    cred(f, rl, provider="redis", kind="local docker-compose Redis password", tier="low", env="development",
         fam="workspace .env", clause=CL["local"],
         note="the same password is in docker-compose.yml and was typed as AUTH in ~/.rediscli_history (which alone gives no host)",
         also=[W("docker-compose.yml"), H(".rediscli_history")])
    cred(f, sk, provider="stripe", kind="test-mode secret key", tier="low", env="test", fam="workspace .env",
         clause="§3 row 'sk_test_…'; " + CL["test_mode"])
    cred(f, pk, provider="stripe", kind="test publishable key", tier="low", env="test", optional=True,
         fam="workspace .env", clause=CL["publishable"])
    cred(f, sess, provider="express-session", kind="local session secret", tier="low", env="development",
         fam="workspace .env", clause="§1 low: '.env.development session secrets' (local development only)",
         note="NODE_ENV=development, every service on localhost")
    cred(f, mpk, provider="mapbox", kind="Mapbox public token", tier="low", env="unknown", optional=True,
         fam="workspace .env", clause=CL["publishable"])
    write(f, f"""# local development: docker compose up -d
NODE_ENV=development
PORT=8080
DATABASE_URL=postgres://dispatch:{dbl}@localhost:5432/dispatch_dev
REDIS_URL=redis://:{rl}@localhost:6379/0
S3_ENDPOINT=http://localhost:9000
S3_BUCKET=dispatch-dev
STRIPE_SECRET_KEY={sk}
STRIPE_PUBLISHABLE_KEY={pk}
STRIPE_PRICE_STARTER={price}
SESSION_SECRET={sess}
MAPBOX_PUBLIC_TOKEN={mpk}
TOKEN_TTL_SECONDS=3600
PASSWORD_MIN_LENGTH=12
""")
    decoy(f, price, "Stripe price id next to secret keys (identifier)")
    write(W("docker-compose.yml"), f"""name: dispatch
services:
  postgres:
    image: postgres:16.4@sha256:{hexs(64)}
    environment:
      POSTGRES_USER: dispatch
      POSTGRES_PASSWORD: {dbl}
      POSTGRES_DB: dispatch_dev
    ports: ["5432:5432"]
  redis:
    image: redis:7.4-alpine
    command: ["redis-server", "--requirepass", "{rl}"]
    ports: ["6379:6379"]
  minio:
    image: minio/minio:RELEASE.2025-09-07T16-13-09Z
    command: server /data --console-address ":9001"
    environment:
      MINIO_ROOT_USER: dispatch
      MINIO_ROOT_PASSWORD: {mini}
    ports: ["9000:9000", "9001:9001"]
  api:
    build: ./services/api
    env_file: .env
    environment:
      - STRIPE_SECRET_KEY=${{STRIPE_SECRET_KEY}}
      - DATABASE_URL=postgres://dispatch:${{POSTGRES_PASSWORD}}@postgres:5432/dispatch_dev
    depends_on: [postgres, redis]
""")
    cred(W("docker-compose.yml"), mini, parts=["dispatch"], provider="minio", kind="local MinIO root password",
         tier="low", env="development", fam="docker compose", clause=CL["local"])
    decoy(W("docker-compose.yml"), "${STRIPE_SECRET_KEY}", "compose variable reference")
    digest = FILES[W("docker-compose.yml")].split("@sha256:")[1][:64]
    decoy(W("docker-compose.yml"), "sha256:" + digest, "image digest")

    f = W(".env.development")
    oa = openai("proj")
    phc = posthog("phc_")
    dsn = f"https://{hexs(32)}@o{digits(7)}.ingest.de.sentry.io/{digits(7)}"
    cred(f, oa, provider="openai", kind="OpenAI project key", tier="high", env="development",
         fam="workspace .env.development", clause="§3 row 'OPENAI_API_KEY in .env.development'; " + CL["llm"],
         note="environment from the file name; the tier is not capped (one billed org)")
    cred(f, phc, provider="posthog", kind="PostHog project API key (public ingestion key)", tier="low",
         env="development", optional=True, fam="workspace .env.development", clause=CL["publishable"])
    write(f, f"OPENAI_API_KEY={oa}\nOPENAI_MODEL=gpt-4.1-mini\nNEXT_PUBLIC_POSTHOG_KEY={phc}\nNEXT_PUBLIC_POSTHOG_HOST=https://eu.i.posthog.com\nSENTRY_DSN={dsn}\n")
    decoy(f, dsn, "Sentry DSN (public by design)")

    f = W(".env.staging")
    rt, rat, ps, sk, sg = railway(), railway(), password(32), stripe("sk_test_"), sendgrid()
    SHARED["railway_staging_pw"] = ps
    cred(f, rt, provider="railway", kind="RAILWAY_TOKEN (project token)", tier="medium", env="staging",
         fam="workspace .env.staging", clause="§3 row 'RAILWAY_TOKEN=<uuid> in .env.staging'; " + CL["staging_project"])
    cred(f, rat, provider="railway", kind="RAILWAY_API_TOKEN (account token)", tier="critical", env="production",
         fam="workspace .env.staging", clause="§3 row 'RAILWAY_API_TOKEN=<uuid> in .env.staging'; " + CL["acct_host"],
         note="the incident's case: an account token in a staging file reaches production")
    cred(f, ps, parts=["postgres"], provider="postgres", kind="staging DB on Railway", tier="medium", env="staging",
         fam="workspace .env.staging", clause=CL["db_staging"],
         note="the same URL is in deploy/k8s/staging/app-secrets.yaml (stringData)",
         also=[W("deploy/k8s/staging/app-secrets.yaml")])
    cred(f, sk, provider="stripe", kind="test-mode secret key (staging)", tier="low", env="test",
         fam="workspace .env.staging", clause="§3 row 'sk_test_…'; " + CL["test_mode"],
         note="staging runs Stripe in test mode: the key prefix, not the file, decides")
    cred(f, sg, provider="sendgrid", kind="SendGrid API key in a staging file", tier="high", env="staging",
         fam="workspace .env.staging", clause=CL["email_sms"] + "; §2.4 not split by environment, the staging file does not cap it")
    write(f, f"""# staging (Railway project dispatch, environment staging)
RAILWAY_TOKEN={rt}
RAILWAY_API_TOKEN={rat}
DATABASE_URL=postgresql://postgres:{ps}@viaduct.proxy.rlwy.net:41873/railway
STRIPE_SECRET_KEY={sk}
SENDGRID_API_KEY={sg}
MAIL_FROM=staging-noreply@keelwork.dev
""")

    f = W(".env.production")
    pp, sl, wh, sess = password(32), stripe("sk_live_"), whsec(), hexs(64)
    tsid, ttok = twilio_sid("AC"), hexs(32)
    dprd = doppler("st.prd")
    ld = "sdk-" + uuid4()
    rb = hexs(32)
    SHARED["prod_db_app"] = pp
    cred(f, pp, parts=["dispatch_app"], provider="postgres", kind="production DB URL (application user)",
         tier="critical", env="production", fam="workspace .env.production", clause=CL["db_prod_write"],
         note="the same URL, base64-encoded, is in deploy/k8s/prod/app-secrets.yaml",
         also=[(W("deploy/k8s/prod/app-secrets.yaml"), "b64")])
    cred(f, sl, provider="stripe", kind="live secret key", tier="critical", env="production",
         fam="workspace .env.production", clause=CL["stripe_live"])
    cred(f, wh, provider="stripe", kind="live webhook signing secret", tier="high", env="production",
         fam="workspace .env.production", clause=CL["webhook_prod"])
    cred(f, sess, provider="express-session", kind="production session secret", tier="high", env="production",
         fam="workspace .env.production", clause=CL["framework_prod"])
    cred(f, ttok, parts=[tsid], provider="twilio", kind="Twilio account auth token", tier="high", env="production",
         fam="workspace .env.production", clause=CL["email_sms"])
    cred(f, dprd, provider="doppler", kind="Doppler service token (config prd)", tier="critical", env="production",
         fam="workspace .env.production", clause="§3 row 'DOPPLER_TOKEN=dp.st.prd.…'; " + CL["secrets_mgr"])
    cred(f, ld, provider="launchdarkly", kind="LaunchDarkly server-side SDK key", tier="medium", env="production",
         fam="workspace .env.production", clause=CL["saas"] + " (feature flags, read by the SDK)")
    cred(f, rb, provider="rollbar", kind="Rollbar post_server_item token", tier="medium", env="production",
         fam="workspace .env.production", clause=CL["observability"])
    write(f, f"""# production -- being migrated to Doppler (DOPPLER_TOKEN); delete the rest after cutover
NODE_ENV=production
DATABASE_URL=postgresql://dispatch_app:{pp}@{PROD_HOST}:5432/dispatch?sslmode=require
STRIPE_SECRET_KEY={sl}
STRIPE_WEBHOOK_SECRET={wh}
SESSION_SECRET={sess}
TWILIO_ACCOUNT_SID={tsid}
TWILIO_AUTH_TOKEN={ttok}
DOPPLER_TOKEN={dprd}
LAUNCHDARKLY_SDK_KEY={ld}
ROLLBAR_ACCESS_TOKEN={rb}
AWS_ACCOUNT_ID={PROD_ACCT}
""")
    decoy(f, PROD_ACCT, "AWS account id next to secrets (identifier)")

    f = W(".env.example")
    write(f, """# copy to .env and fill in
DATABASE_URL=postgres://user:password@localhost:5432/dispatch_dev
STRIPE_SECRET_KEY=sk_test_replace_me
OPENAI_API_KEY=sk-...
SESSION_SECRET=<generate with: openssl rand -hex 32>
""")
    decoy(f, "sk_test_replace_me", "placeholder in .env.example")
    decoy(f, "<generate with: openssl rand -hex 32>", "placeholder in .env.example")

    f = W(".env.test")
    pt, skt = password(18), stripe("sk_test_")
    cred(f, pt, parts=["dispatch"], provider="postgres", kind="test database password (localhost)", tier="low",
         env="test", fam="workspace .env.test", clause=CL["local"] + "; test environment")
    cred(f, skt, provider="stripe", kind="test-mode secret key (test suite)", tier="low", env="test",
         fam="workspace .env.test", clause="§3 row 'sk_test_…'; " + CL["test_mode"])
    write(f, f"NODE_ENV=test\nDATABASE_URL=postgres://dispatch:{pt}@localhost:5433/dispatch_test\nSTRIPE_SECRET_KEY={skt}\n")

    f = W(".envrc")
    dstg = doppler("st.stg")
    cred(f, dstg, provider="doppler", kind="Doppler service token (config stg)", tier="medium", env="staging",
         fam="direnv envrc", clause=CL["secrets_mgr_nonprod"])
    write(f, f"dotenv_if_exists .env\nexport AWS_PROFILE=dev\nexport DOPPLER_TOKEN={dstg}\nexport DOPPLER_PROJECT=dispatch\nexport DOPPLER_CONFIG=stg\nPATH_add node_modules/.bin\n")

    f = W(".npmrc")
    fa = uuid4()
    cred(f, fa, provider="fontawesome", kind="Font Awesome Pro package token", tier="medium", env="unknown",
         fam="workspace npmrc", clause=CL["saas"] + "; a download-only token for one commercial package, it publishes nothing",
         note="ambiguous: a registry token, but read-only and for one vendor's packages")
    write(f, f"""@keelwork:registry=https://npm.pkg.github.com
//npm.pkg.github.com/:_authToken=${{GITHUB_TOKEN}}
@fortawesome:registry=https://npm.fontawesome.com/
//npm.fontawesome.com/:_authToken={fa}
engine-strict=true
""")
    decoy(f, "${GITHUB_TOKEN}", "npmrc ${VAR} interpolation")

    integ = "sha512-" + b64(rbytes(64))
    integ2 = "sha512-" + b64(rbytes(64))
    write(W("package.json"), json.dumps({"name": "dispatch", "private": True, "version": "2.14.3",
                                         "workspaces": ["services/api", "services/web"],
                                         "scripts": {"dev": "turbo run dev", "build": "turbo run build"},
                                         "devDependencies": {"turbo": "2.5.8", "typescript": "5.9.3"},
                                         "packageManager": "npm@10.9.2"}, indent=2) + "\n")
    write(W("package-lock.json"), json.dumps({"name": "dispatch", "version": "2.14.3", "lockfileVersion": 3,
                                              "requires": True, "packages": {
        "": {"name": "dispatch", "version": "2.14.3", "workspaces": ["services/api", "services/web"]},
        "node_modules/turbo": {"version": "2.5.8", "resolved": "https://registry.npmjs.org/turbo/-/turbo-2.5.8.tgz",
                               "integrity": integ, "dev": True},
        "node_modules/typescript": {"version": "5.9.3", "resolved": "https://registry.npmjs.org/typescript/-/typescript-5.9.3.tgz",
                                    "integrity": integ2, "dev": True}}}, indent=2) + "\n")
    decoy(W("package-lock.json"), integ, "lockfile integrity hash")
    decoy(W("package-lock.json"), integ2, "lockfile integrity hash")
    decoy(W("package.json"), "2.14.3", "version string")

    f = W("deploy/compose/docker-compose.prod.yml")
    rmq = password(28)
    cred(f, rmq, parts=["telematics"], provider="rabbitmq", kind="production RabbitMQ user", tier="critical",
         env="production", fam="docker compose",
         clause="§1 critical: production infrastructure credentials that can write (message broker); §2.4 production keeps the tier",
         note="the compose file for the production broker host mq-prod-1; ambiguous: a message broker is not in the rubric's lists, judged as production infrastructure")
    write(f, f"""# deployed to mq-prod-1.keelwork.dev by ansible (roles/telematics-broker)
services:
  rabbitmq:
    image: rabbitmq:3.13-management
    hostname: mq-prod-1
    environment:
      RABBITMQ_DEFAULT_USER: telematics
      RABBITMQ_DEFAULT_PASS: {rmq}
    ports: ["5671:5671", "15671:15671"]
    volumes: ["/srv/rabbitmq:/var/lib/rabbitmq"]
""")


def ws_ci_docs():
    f = W(".github/workflows/deploy.yml")
    hook = slack_hook()
    sha = hexs(40)
    cred(f, hook, provider="slack", kind="incoming webhook URL", tier="medium", env="production",
         fam="github workflow", clause=CL["incoming_webhook"], note="the whole URL is the secret; the workflow deploys production")
    write(f, f"""name: deploy-production
on:
  push:
    tags: ["v*"]
permissions:
  id-token: write
  contents: read
env:
  AWS_REGION: eu-west-1
  AWS_ROLE_ARN: arn:aws:iam::{PROD_ACCT}:role/gha-deploy
  SLACK_WEBHOOK_URL: {hook}
jobs:
  deploy:
    runs-on: ubuntu-24.04
    environment: production
    steps:
      - uses: actions/checkout@{sha} # v4.2.2
      - uses: aws-actions/configure-aws-credentials@v4
        with:
          role-to-assume: ${{{{ env.AWS_ROLE_ARN }}}}
          aws-region: ${{{{ env.AWS_REGION }}}}
      - run: npm ci && npm publish --workspace services/api
        env:
          NODE_AUTH_TOKEN: ${{{{ secrets.NPM_TOKEN }}}}
      - run: ./scripts/deploy.sh production
      - run: curl -sX POST -H 'Content-type: application/json' --data '{{"text":"dispatch deployed"}}' "$SLACK_WEBHOOK_URL"
""")
    decoy(f, "${{ secrets.NPM_TOKEN }}", "GitHub Actions secrets reference")
    decoy(f, sha, "pinned action commit SHA")

    f = W(".github/workflows/ci.yml")
    cc, turbo, chp = uuid4(), vercel_legacy(), "chpt_" + hexs(14)
    cred(f, cc, provider="codecov", kind="Codecov upload token", tier="medium", env="unknown", fam="github workflow",
         clause=CL["saas"] + " (coverage uploads)")
    cred(f, turbo, provider="vercel", kind="TURBO_TOKEN (a Vercel access token for remote caching)", tier="critical",
         env="production", fam="github workflow", clause=CL["acct_host"] + " (Vercel)",
         note="ambiguous: created for Turborepo remote caching, but a Vercel token carries the team's full scope; also a cache-poisoning path")
    cred(f, chp, provider="chromatic", kind="Chromatic project token", tier="medium", env="unknown",
         fam="github workflow", clause=CL["saas"] + " (visual tests); token shape (?)")
    write(f, f"""name: ci
on: [push, pull_request]
env:
  TURBO_TEAM: keelwork
  TURBO_TOKEN: {turbo}
  CODECOV_TOKEN: {cc}
jobs:
  test:
    runs-on: ubuntu-24.04
    services:
      postgres:
        image: postgres:16
        env:
          POSTGRES_PASSWORD: postgres
        ports: ["5433:5432"]
    steps:
      - uses: actions/checkout@v4
      - run: npm ci && npx turbo run test --cache-dir=.turbo
      - uses: codecov/codecov-action@v5
        with:
          token: ${{{{ env.CODECOV_TOKEN }}}}
  visual:
    runs-on: ubuntu-24.04
    steps:
      - uses: actions/checkout@v4
      - run: npx chromatic --project-token={chp} --exit-zero-on-changes
""")
    decoy(f, "postgres", "POSTGRES_PASSWORD: postgres, the default 'postgres' password of a throwaway CI service container")

    f = W(".gitlab-ci.yml")
    sq = "squ_" + hexs(40)
    cred(f, sq, provider="sonarqube", kind="SonarQube user token", tier="medium", env="unknown", fam="gitlab ci",
         clause=CL["saas"] + " (code-quality server)")
    write(f, f"""# mirror pipeline for services/portal (gitlab.keelwork.dev)
stages: [test, deploy]
variables:
  SONAR_HOST_URL: https://sonar.keelwork.dev
  SONAR_TOKEN: {sq}
  HEROKU_APP: keelwork-portal
test:
  stage: test
  image: php:8.3
  script:
    - cd services/portal && composer install && vendor/bin/phpunit
deploy:
  stage: deploy
  only: [main]
  script:
    - git push https://heroku:$HEROKU_API_KEY@git.heroku.com/$HEROKU_APP.git HEAD:main
""")
    decoy(f, "$HEROKU_API_KEY", "CI variable reference")

    f = W(".circleci/config.yml")
    mbx = mapbox("sk", "keelwork")
    cred(f, mbx, provider="mapbox", kind="Mapbox secret token (tileset uploads)", tier="medium", env="unknown",
         fam="circleci config", clause=CL["maps"])
    write(f, f"""version: 2.1
jobs:
  tiles:
    docker:
      - image: cimg/rust:1.90
    environment:
      MAPBOX_UPLOAD_TOKEN: {mbx}
    steps:
      - checkout
      - run: cd services/geo-tiles && cargo build --release && ./target/release/geo-tiles publish
workflows:
  nightly:
    jobs: [tiles]
""")

    f = W("Jenkinsfile")
    ng = nuget()
    cred(f, ng, provider="nuget", kind="nuget.org API key (pushes Keelwork.Edi.Client)", tier="high", env="unknown",
         fam="jenkinsfile", clause=CL["publish"] + " (NuGet)")
    write(f, f"""pipeline {{
  agent {{ label 'windows-dotnet' }}
  environment {{
    NUGET_API_KEY = '{ng}'
    AZURE_SP = credentials('edi-azure-sp')
  }}
  stages {{
    stage('Build') {{ steps {{ dir('services/edi-gateway') {{ bat 'dotnet build -c Release' }} }} }}
    stage('Pack') {{
      steps {{
        dir('services/edi-gateway') {{
          bat 'dotnet pack src/Keelwork.Edi.Client -c Release -o out'
          bat "dotnet nuget push out\\\\*.nupkg --api-key %NUGET_API_KEY% --source https://api.nuget.org/v3/index.json"
        }}
      }}
    }}
  }}
}}
""")
    decoy(f, "credentials('edi-azure-sp')", "Jenkins credentials() reference")

    f = W("scripts/trigger-tiles-build.sh")
    cci = "CCIPAT_" + s(22) + "_" + hexs(40)
    cred(f, cci, provider="circleci", kind="CircleCI personal API token", tier="high", env="unknown",
         fam="shell script", clause=CL["ci"], note="token shape CCIPAT_<22>_<40 hex> (?)")
    write(f, f"""#!/usr/bin/env bash
# kick the nightly tiles pipeline by hand
set -euo pipefail
CIRCLE_TOKEN="${{CIRCLE_TOKEN:-{cci}}}"
curl -sX POST "https://circleci.com/api/v2/project/gh/keelwork/dispatch/pipeline" \\
  -H "Circle-Token: $CIRCLE_TOKEN" -H 'Content-Type: application/json' \\
  -d '{{"branch":"main","parameters":{{"run_tiles":true}}}}'
""")

    f = W("docs/runbooks/rotate-twilio.md")
    ex_sid, ex_tok = twilio_sid("AC"), hexs(32)
    cred(f, ex_tok, parts=[ex_sid], provider="twilio", kind="auth token in a runbook example", tier="low", env="test",
         fam="documentation", clause=CL["fixture"] + " (documentation example)",
         note="ambiguous: a realistic value in a runbook; labelled as a documentation example, as the rubric says")
    write(f, f"""# Rotating the Twilio auth token

1. In the console, *Account → API keys & tokens*, request a secondary token.
2. Put it in Doppler (`dispatch/prd`, key `TWILIO_AUTH_TOKEN`) and redeploy.
3. Promote the secondary token.

Example of the two values the API client needs (this is what the console shows):

```sh
export TWILIO_ACCOUNT_SID={ex_sid}
export TWILIO_AUTH_TOKEN={ex_tok}
```

Never paste the real values here; use `TWILIO_AUTH_TOKEN=your_auth_token` in examples.
""")
    decoy(f, "your_auth_token", "placeholder in documentation")

    f = W("README.md")
    write(f, """# dispatch

Keelwork's monorepo: the dispatch API and web app, routing/ETA models, billing, the ledger,
the EDI gateway, the carrier portal, telematics ingest, map tiles and notifications.

## Getting started

```sh
cp .env.example .env
docker compose up -d
# export AWS_ACCESS_KEY_ID=AKIAXXXXXXXXXXXXXXXX
# export SLACK_WEBHOOK_URL=https://hooks.slack.com/services/TXXXXXXXX/BXXXXXXXX/XXXXXXXXXXXXXXXXXXXXXXXX
npm run dev
```
""")
    decoy(f, "AKIAXXXXXXXXXXXXXXXX", "commented-out placeholder in docs")
    decoy(f, "https://hooks.slack.com/services/TXXXXXXXX/BXXXXXXXX/XXXXXXXXXXXXXXXXXXXXXXXX", "commented-out placeholder in docs")


def ws_js():
    f = W("services/api/config/production.json")
    js, mpw = hexs(64), password(26)
    cred(f, js, provider="jwt", kind="production JWT signing secret", tier="high", env="production",
         fam="node config json", clause=CL["framework_prod"])
    cred(f, mpw, parts=["dispatch_api"], provider="mongodb", kind="production Atlas URI (readWrite user)",
         tier="critical", env="production", fam="node config json", clause=CL["db_prod_write"])
    write(f, json.dumps({"jwt": {"secret": js, "expiresIn": "12h"},
                         "mongo": {"uri": f"mongodb+srv://dispatch_api:{mpw}@dispatch-prod.{ATLAS_ID}.mongodb.net/dispatch?retryWrites=true&w=majority"},
                         "log": {"level": "info"}}, indent=2) + "\n")
    write(W("services/api/config/default.json"), json.dumps({"jwt": {"secret": "change-me-in-production", "expiresIn": "12h"},
                                                             "mongo": {"uri": "mongodb://localhost:27017/dispatch"}}, indent=2) + "\n")
    decoy(W("services/api/config/default.json"), "change-me-in-production", "placeholder default")

    f = W("services/api/test/fixtures/stripe-webhook.json")
    fw = whsec()
    cred(f, fw, provider="stripe", kind="webhook secret in a test fixture", tier="low", env="test", fam="test fixture",
         clause=CL["fixture"])
    write(f, json.dumps({"secret": fw, "event": {"id": "evt_" + s(24), "type": "invoice.paid",
                                                 "data": {"object": {"id": "in_" + s(24), "amount_paid": 4900}}}}, indent=2) + "\n")

    f = W("services/api/src/integrations/hubspot.ts")
    hs = "pat-na1-" + uuid4()
    cred(f, hs, provider="hubspot", kind="HubSpot private-app token hard-coded as a fallback", tier="medium",
         env="unknown", fam="source code", clause=CL["tracker"] + " (CRM: HubSpot)")
    write(f, f"""import {{ Client }} from "@hubspot/api-client";

// TODO(mateo): drop the fallback once every env has HUBSPOT_TOKEN
const token = process.env.HUBSPOT_TOKEN ?? "{hs}";

export const hubspot = new Client({{ accessToken: token }});

export async function upsertCarrierContact(email: string, carrier: string) {{
  return hubspot.crm.contacts.basicApi.create({{ properties: {{ email, company: carrier }} }});
}}
""")

    f = W("services/api/test/fixtures/users.json")
    bc = "$2b$12$" + s(53, "./" + ALNUM)
    write(f, json.dumps([{"email": "dispatcher@example.com", "password_hash": bc, "role": "dispatcher"}], indent=2) + "\n")
    decoy(f, bc, "bcrypt password hash in a fixture")

    f = W("services/web/.vercel/project.json")
    pid, oid = "prj_" + s(28), "team_" + s(24)
    write(f, json.dumps({"projectId": pid, "orgId": oid, "settings": {"framework": "nextjs"}}) + "\n")
    decoy(f, pid, "Vercel project id")

    f = W("services/web/.env.production.local")
    na, pkl, fb, phx = b64(rbytes(32)), stripe("pk_live_"), aiza(), posthog("phx_")
    cred(f, na, provider="nextauth", kind="NEXTAUTH_SECRET (production)", tier="high", env="production",
         fam="vercel env pull", clause=CL["framework_prod"], note="written by `vercel env pull --environment=production`")
    cred(f, pkl, provider="stripe", kind="live publishable key", tier="low", env="production", optional=True,
         fam="vercel env pull", clause=CL["publishable"])
    cred(f, fb, provider="firebase", kind="Firebase web API key", tier="low", env="production", optional=True,
         fam="vercel env pull", clause=CL["publishable"] + " (Firebase web config)",
         also=[W("services/web/lib/firebase.ts")])
    cred(f, phx, provider="posthog", kind="PostHog personal API key", tier="medium", env="production",
         fam="vercel env pull", clause=CL["observability"])
    write(f, f"""# Created by Vercel CLI
NEXTAUTH_SECRET="{na}"
NEXTAUTH_URL="https://app.keelwork.dev"
NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY="{pkl}"
NEXT_PUBLIC_FIREBASE_API_KEY="{fb}"
POSTHOG_PERSONAL_API_KEY="{phx}"
VERCEL_ENV="production"
""")
    write(W("services/web/lib/firebase.ts"), f"""import {{ initializeApp }} from "firebase/app";

export const app = initializeApp({{
  apiKey: "{fb}",
  authDomain: "keelwork-dispatch.firebaseapp.com",
  projectId: "keelwork-dispatch",
  messagingSenderId: "{digits(12)}",
  appId: "1:{digits(12)}:web:{hexs(22)}",
}});
""")


def gcp_sa(project, name):
    key = rsa_key(2048)
    pem = pem_private(key, serialization.PrivateFormat.PKCS8)
    kid = hexs(40)
    email = f"{name}@{project}.iam.gserviceaccount.com"
    doc = {"type": "service_account", "project_id": project, "private_key_id": kid, "private_key": pem,
           "client_email": email, "client_id": digits(21),
           "auth_uri": "https://accounts.google.com/o/oauth2/auth", "token_uri": "https://oauth2.googleapis.com/token",
           "auth_provider_x509_cert_url": "https://www.googleapis.com/oauth2/v1/certs",
           "client_x509_cert_url": f"https://www.googleapis.com/robot/v1/metadata/x509/{email.replace('@', '%40')}",
           "universe_domain": "googleapis.com"}
    return pem, kid, json.dumps(doc, indent=2) + "\n"


def ws_python_ruby():
    f = W("services/routing/routing/settings/production.py")
    dk = django_key()
    cred(f, dk, provider="django", kind="Django SECRET_KEY (production settings)", tier="high", env="production",
         fam="django settings", clause=CL["framework_prod"])
    write(f, f"""from .base import *  # noqa
import os

DEBUG = False
ALLOWED_HOSTS = ["routing.keelwork.dev", "routing.internal.keelwork.dev"]
SECRET_KEY = "{dk.replace('"', "'")}"
DATABASES = {{
    "default": {{
        "ENGINE": "django.db.backends.postgresql",
        "HOST": os.environ["ROUTING_DB_HOST"],
        "NAME": "routing",
        "USER": "routing_app",
        "PASSWORD": os.environ["ROUTING_DB_PASSWORD"],
    }}
}}
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
""")
    decoy(f, 'os.environ["ROUTING_DB_PASSWORD"]', "environment lookup, not a value")
    f = W("services/routing/routing/settings/local.py")
    lk = "django-insecure-" + django_key()
    cred(f, lk, provider="django", kind="Django SECRET_KEY (local settings)", tier="low", env="development",
         fam="django settings", clause=CL["local"] + "; local settings, DEBUG on, localhost")
    write(f, f"""from .base import *  # noqa

DEBUG = True
ALLOWED_HOSTS = ["localhost", "127.0.0.1"]
SECRET_KEY = "{lk.replace('"', "'")}"
DATABASES = {{"default": {{"ENGINE": "django.db.backends.sqlite3", "NAME": BASE_DIR / "db.sqlite3"}}}}
""")

    write(W("services/routing/requirements.txt"), f"""--extra-index-url https://mateo:{SHARED['artifactory']}@keelwork.jfrog.io/artifactory/api/pypi/pypi-virtual/simple
Django==5.2.7
psycopg[binary]==3.2.10
numpy==2.3.4
scikit-learn==1.7.2
googlemaps==4.10.0
keelwork-geo==0.9.1
""")

    f = W("services/routing/notebooks/eta-model-eval.ipynb")
    gm, wb = aiza(), hexs(40)
    png = b64(b"\x89PNG\r\n\x1a\n" + rbytes(600))
    cred(f, gm, provider="google-maps", kind="Google Maps Platform API key (Distance Matrix)", tier="medium",
         env="unknown", fam="jupyter notebook", clause=CL["maps"], note="in a cell's source, next to googlemaps.Client")
    cred(f, wb, provider="wandb", kind="Weights & Biases API key printed by %env", tier="medium", env="unknown",
         fam="jupyter notebook", clause=CL["saas"] + " (experiment tracking)", note="in a cell's outputs[].text")
    nb = {"cells": [
        {"cell_type": "code", "execution_count": 1, "metadata": {}, "outputs": [],
         "source": ["import googlemaps, pandas as pd\n", f"gmaps = googlemaps.Client(key=\"{gm}\")\n",
                    "loads = pd.read_parquet('s3://keelwork-analytics/loads/2026-10.parquet')"]},
        {"cell_type": "code", "execution_count": 2, "metadata": {},
         "outputs": [{"name": "stdout", "output_type": "stream",
                      "text": ["WANDB_PROJECT=eta-model\n", f"WANDB_API_KEY={wb}\n", "WANDB_ENTITY=keelwork\n"]}],
         "source": ["%env"]},
        {"cell_type": "code", "execution_count": 3, "metadata": {},
         "outputs": [{"data": {"image/png": png, "text/plain": ["<Figure size 640x480 with 1 Axes>"]},
                      "metadata": {}, "output_type": "display_data"}],
         "source": ["ax = loads.eta_error_min.hist(bins=60)"]}],
        "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
                     "language_info": {"name": "python", "version": "3.12.7"}},
        "nbformat": 4, "nbformat_minor": 5}
    write(f, json.dumps(nb, indent=1) + "\n")
    decoy(f, png, "base64 PNG image in a notebook output")

    f = W("services/routing/secrets/bq-exporter-prod.json")
    pem, kid, doc = gcp_sa("keelwork-analytics-prod", "bq-exporter")
    cred(f, pem, parts=[kid], provider="gcp", kind="service-account key (production project)", tier="critical",
         env="production", fam="gcp service account key", enc="json", clause=CL["cloud_prod"] + " (GCP service-account keys)",
         note="project_id keelwork-analytics-prod; value is the private_key PEM")
    write(f, doc)

    f = W("services/billing/config/credentials/production.key")
    pk = hexs(32)
    cred(f, pk, provider="rails", kind="Rails production credentials key", tier="critical", env="production",
         fam="rails credentials key",
         clause="§2.5 transitive reach: it decrypts config/credentials/production.yml.enc, the production secrets (payments, database); §1 critical: unlocks other credentials in one step",
         note="ambiguous: the rubric lists Rails secret_key_base as high; the key that decrypts all production credentials is ranked by what it decrypts")
    write(f, pk)
    enc = f"{b64(rbytes(612))}--{b64(rbytes(12))}--{b64(rbytes(16))}"
    write(W("services/billing/config/credentials/production.yml.enc"), enc)
    decoy(W("services/billing/config/credentials/production.yml.enc"), enc,
          "AES-GCM ciphertext of Rails credentials (encrypted; the key is the credential)")
    f = W("services/billing/config/credentials/development.key")
    dkk = hexs(32)
    cred(f, dkk, provider="rails", kind="Rails development credentials key", tier="low", env="development",
         fam="rails credentials key", clause=CL["local"] + "; decrypts the development credentials only")
    write(f, dkk)

    f = W("services/billing/config/database.yml")
    bdev = password(16)
    cred(f, bdev, parts=["billing"], provider="postgres", kind="development DB password (localhost)", tier="low",
         env="development", fam="rails database.yml", clause=CL["local"])
    write(f, f"""default: &default
  adapter: postgresql
  encoding: unicode
  pool: <%= ENV.fetch("RAILS_MAX_THREADS") {{ 5 }} %>

development:
  <<: *default
  host: localhost
  database: billing_development
  username: billing
  password: {bdev}

test:
  <<: *default
  host: localhost
  database: billing_test

production:
  <<: *default
  url: <%= ENV["BILLING_DATABASE_URL"] %>
  password: <%= ENV["BILLING_DATABASE_PASSWORD"] %>
""")
    decoy(f, '<%= ENV["BILLING_DATABASE_PASSWORD"] %>', "ERB environment reference")

    f = W("services/billing/.bundle/config")
    su, sp = hexs(8), hexs(8)
    cred(f, sp, parts=[su], provider="contribsys", kind="Sidekiq Enterprise gem-server credentials", tier="medium",
         env="unknown", fam="bundler config", clause=CL["saas"] + "; downloads one vendor's licensed gems",
         note="BUNDLE_ENTERPRISE__CONTRIBSYS__COM = user:password")
    write(f, f'---\nBUNDLE_PATH: "vendor/bundle"\nBUNDLE_ENTERPRISE__CONTRIBSYS__COM: "{su}:{sp}"\n')

    f = W("services/billing/db/seeds.rb")
    bc = "$2a$12$" + s(53, "./" + ALNUM)
    write(f, f"""Admin.find_or_create_by!(email: "ops@keelwork.dev") do |a|
  a.password_digest = "{bc}"
end
""")
    decoy(f, bc, "bcrypt password digest")


def ws_jvm_dotnet():
    f = W("services/ledger/src/main/resources/application-prod.properties")
    lp = password(28)
    cred(f, lp, parts=["ledger_svc"], provider="postgres", kind="production datasource password", tier="critical",
         env="production", fam="spring properties", clause=CL["db_prod_write"], note="application-prod.properties, host ledger-prod RDS")
    write(f, f"""spring.datasource.url=jdbc:postgresql://ledger-prod.{RDS_ID}.eu-west-1.rds.amazonaws.com:5432/ledger
spring.datasource.username=ledger_svc
spring.datasource.password={lp}
spring.jpa.hibernate.ddl-auto=validate
management.endpoints.web.exposure.include=health,info
""")
    f = W("services/ledger/src/main/resources/application-dev.yml")
    ldp = password(16)
    cred(f, ldp, parts=["ledger"], provider="postgres", kind="dev datasource password (localhost)", tier="low",
         env="development", fam="spring yaml", clause=CL["local"])
    write(f, f"""spring:
  datasource:
    url: jdbc:postgresql://localhost:5432/ledger_dev
    username: ledger
    password: {ldp}
  jpa:
    show-sql: true
""")
    f = W("services/ledger/src/main/resources/application.yml")
    write(f, "spring:\n  application:\n    name: ledger\n  datasource:\n    password: ${LEDGER_DB_PASSWORD}\nserver:\n  port: 8083\n")
    decoy(f, "${LEDGER_DB_PASSWORD}", "Spring placeholder")
    f = W("services/ledger/src/test/resources/application-test.properties")
    ltp = password(16)
    cred(f, ltp, parts=["test"], provider="postgres", kind="test datasource password (localhost)", tier="low",
         env="test", fam="spring properties", clause=CL["local"] + "; test resources")
    write(f, f"spring.datasource.url=jdbc:postgresql://localhost:5433/ledger_test\nspring.datasource.username=test\nspring.datasource.password={ltp}\n")
    f = W("services/ledger/gradle.properties")
    gpr = gh("ghp_")
    cred(f, gpr, parts=[GH_LOGIN], provider="github", kind="classic PAT (gpr.key for GitHub Packages)", tier="high",
         env="unknown", fam="gradle.properties", clause=CL["scm"] + "; probably read:packages, but scopes are unknown offline")
    write(f, f"org.gradle.caching=true\nversion=3.8.0\ngpr.user={GH_LOGIN}\ngpr.key={gpr}\n")

    f = W("services/edi-gateway/appsettings.Production.json")
    sqlp, acct_key, sbk = password(28), azure_storage_key(), sas_key()
    cred(f, sqlp, parts=["edi_app"], provider="azure-sql", kind="production Azure SQL password", tier="critical",
         env="production", fam="dotnet appsettings", clause=CL["db_prod_write"])
    cred(f, acct_key, parts=["kwediprod"], provider="azure-storage", kind="production storage account key",
         tier="critical", env="production", fam="dotnet appsettings",
         clause=CL["cloud_prod"] + "; an account key is read/write/delete on every blob, queue and table")
    cred(f, sbk, parts=["RootManageSharedAccessKey"], provider="azure-servicebus",
         kind="Service Bus RootManageSharedAccessKey", tier="critical", env="production", fam="dotnet appsettings",
         clause=CL["cloud_prod"] + "; the root manage policy administers the namespace")
    write(f, json.dumps({
        "Logging": {"LogLevel": {"Default": "Information"}},
        "ConnectionStrings": {
            "EdiDb": f"Server=tcp:edi-prod-sql.database.windows.net,1433;Initial Catalog=edi;User ID=edi_app;Password={sqlp};Encrypt=True;Connection Timeout=30;",
            "Storage": f"DefaultEndpointsProtocol=https;AccountName=kwediprod;AccountKey={acct_key};EndpointSuffix=core.windows.net",
            "ServiceBus": f"Endpoint=sb://kw-edi-prod.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey={sbk}"},
        "As2": {"SigningCertificatePath": "certs/as2-signing.key", "PartnerCertificatePath": "certs/keelwork-as2.crt"}}, indent=2) + "\n")
    f = W("services/edi-gateway/appsettings.Development.json")
    sap = password(20)
    cred(f, sap, parts=["sa"], provider="mssql", kind="local SQL Server sa password", tier="low", env="development",
         fam="dotnet appsettings", clause=CL["local"])
    write(f, json.dumps({"ConnectionStrings": {
        "EdiDb": f"Server=localhost,1433;Database=edi;User Id=sa;Password={sap};TrustServerCertificate=True",
        "Storage": "UseDevelopmentStorage=true"}}, indent=2) + "\n")
    decoy(f, "UseDevelopmentStorage=true", "Azurite development-storage marker")
    f = W("services/edi-gateway/nuget.config")
    write(f, """<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="keelwork-edi" value="https://pkgs.dev.azure.com/keelwork/_packaging/edi/nuget/v3/index.json" />
  </packageSources>
  <packageSourceCredentials>
    <keelwork-edi>
      <add key="Username" value="build" />
      <add key="ClearTextPassword" value="%AZURE_ARTIFACTS_PAT%" />
    </keelwork-edi>
  </packageSourceCredentials>
</configuration>
""")
    decoy(f, "%AZURE_ARTIFACTS_PAT%", "NuGet %VAR% environment reference")
    f = W("services/edi-gateway/certs/as2-signing.key")
    ek = encrypted_traditional_rsa()
    cred(f, ek, provider="pem", kind="passphrase-protected RSA key (AS2 signing)", tier="low", env="unknown",
         fam="pem key file", clause=CL["encrypted_key"], note="Proc-Type: 4,ENCRYPTED with a DEK-Info header")
    write(f, ek)
    ca = rsa_key(2048)
    _, crt = cert("as2.keelwork.dev", "Keelwork", ca, None, ca.public_key())
    write(W("services/edi-gateway/certs/keelwork-as2.crt"), crt)
    decoy(W("services/edi-gateway/certs/keelwork-as2.crt"), crt, "public X.509 certificate")


def laravel_key():
    return "base64:" + b64(rbytes(32))


def ws_php_go_rust_elixir():
    f = W("services/portal/.env")
    lk, ldb, mt = laravel_key(), password(16), hexs(14)
    cred(f, lk, provider="laravel", kind="APP_KEY (APP_ENV=local)", tier="low", env="development", fam="laravel env",
         clause=CL["local"] + "; APP_ENV=local")
    cred(f, ldb, parts=["portal"], provider="mysql", kind="local MySQL password", tier="low", env="development",
         fam="laravel env", clause=CL["local"])
    cred(f, mt, parts=["7f3c1a9be20d44"], provider="mailtrap", kind="Mailtrap sandbox SMTP password", tier="low",
         env="test", fam="laravel env", clause="§1 low: test mode (a sandbox inbox that delivers nothing)")
    write(f, f"""APP_NAME="Keelwork Carrier Portal"
APP_ENV=local
APP_KEY={lk}
APP_DEBUG=true
APP_URL=http://localhost:8000
DB_CONNECTION=mysql
DB_HOST=127.0.0.1
DB_PORT=3306
DB_DATABASE=portal
DB_USERNAME=portal
DB_PASSWORD={ldb}
MAIL_MAILER=smtp
MAIL_HOST=sandbox.smtp.mailtrap.io
MAIL_PORT=2525
MAIL_USERNAME=7f3c1a9be20d44
MAIL_PASSWORD={mt}
""")
    f = W("services/portal/.env.production")
    pk, pdb, mg = laravel_key(), password(24), mailgun()
    SHARED["mailgun"] = mg
    cred(f, pk, provider="laravel", kind="APP_KEY (APP_ENV=production)", tier="high", env="production",
         fam="laravel env", clause=CL["framework_prod"] + " (Laravel APP_KEY encrypts sessions and cookies)")
    cred(f, pdb, parts=["u7kq2m"], provider="mysql", kind="production JawsDB MySQL URL", tier="critical",
         env="production", fam="laravel env", clause=CL["db_prod_write"])
    cred(f, mg, provider="mailgun", kind="Mailgun API key", tier="high", env="production", fam="laravel env",
         clause=CL["email_sms"], note="also pasted into .aider.chat.history.md", also=[W(".aider.chat.history.md")])
    write(f, f"""APP_NAME="Keelwork Carrier Portal"
APP_ENV=production
APP_KEY={pk}
APP_DEBUG=false
APP_URL=https://portal.keelwork.dev
DATABASE_URL=mysql://u7kq2m:{pdb}@a8f3k2lq9x.cbetxkdyhwsb.us-east-1.rds.amazonaws.com:3306/portal_production
MAIL_MAILER=mailgun
MAILGUN_DOMAIN=mg.keelwork.dev
MAILGUN_SECRET={mg}
""")
    f = W("services/portal/auth.json")
    nova = s(40)
    cred(f, nova, parts=[EMAIL], provider="laravel-nova", kind="Laravel Nova license key (composer http-basic)",
         tier="medium", env="unknown", fam="composer auth.json", clause=CL["saas"] + "; downloads one commercial package")
    write(f, json.dumps({"http-basic": {"nova.laravel.com": {"username": EMAIL, "password": nova}}}, indent=4) + "\n")

    f = W("services/telematics/config/config.prod.yaml")
    mq, mb = password(30), mapbox("sk", "keelwork-telematics")
    cred(f, mq, parts=["ingest"], provider="mqtt", kind="production MQTT broker password", tier="critical",
         env="production", fam="go service yaml",
         clause="§1 critical: production infrastructure credentials that can write (the broker every truck reports to)")
    cred(f, mb, provider="mapbox", kind="Mapbox secret token", tier="medium", env="production", fam="go service yaml",
         clause=CL["maps"])
    write(f, f"""env: production
mqtt:
  broker: ssl://mq.telematics.keelwork.dev:8883
  client_id: ingest-${{HOSTNAME}}
  username: ingest
  password: {mq}
  topics: ["trucks/+/position", "trucks/+/can"]
geocoder:
  provider: mapbox
  token: {mb}
""")
    f = W("services/telematics/internal/auth/jwt_test.go")
    tk = hexs(64)
    cred(f, tk, provider="jwt", kind="HMAC key in a Go test", tier="low", env="test", fam="test fixture",
         clause=CL["fixture"])
    write(f, f"""package auth

import "testing"

const testSigningKey = "{tk}"

func TestSignVerify(t *testing.T) {{
	tok, err := Sign([]byte(testSigningKey), Claims{{Truck: "TRK-0042"}})
	if err != nil {{
		t.Fatal(err)
	}}
	if _, err := Verify([]byte(testSigningKey), tok); err != nil {{
		t.Fatal(err)
	}}
}}
""")

    write(W("services/geo-tiles/.cargo/config.toml"), f"""[registries.keelwork]
index = "sparse+https://cargo.cloudsmith.io/keelwork/tiles/"
token = "{SHARED['cloudsmith']}"

[net]
git-fetch-with-cli = true
""")
    f = W("services/geo-tiles/config/production.toml")
    r2k, r2s = hexs(32), hexs(64)
    cred(f, r2s, parts=[r2k], provider="cloudflare-r2", kind="R2 access key pair (production tiles bucket)",
         tier="critical", env="production", fam="rust service toml", clause=CL["cloud_prod"] + " (object storage)")
    write(f, f"""[server]
bind = "0.0.0.0:8090"

[r2]
account_id = "{hexs(32)}"
bucket = "tiles-prod"
access_key_id = "{r2k}"
secret_access_key = "{r2s}"
""")

    f = W("services/notifications/config/prod.secret.exs")
    skb = b64(rbytes(48))
    cred(f, skb, provider="phoenix", kind="secret_key_base (prod)", tier="high", env="production", fam="elixir config",
         clause=CL["framework_prod"])
    apns_id = s(10, UPPER_ALNUM)
    write(f, f"""import Config

config :notifications, NotificationsWeb.Endpoint,
  secret_key_base: "{skb}"

config :pigeon, :apns,
  key: File.read!("priv/certs/AuthKey_{apns_id}.p8"),
  key_identifier: "{apns_id}",
  team_id: "{s(10, UPPER_ALNUM)}",
  mode: :prod
""")
    f = W("services/notifications/config/dev.exs")
    dkb = b64(rbytes(48))
    cred(f, dkb, provider="phoenix", kind="secret_key_base (dev)", tier="low", env="development", fam="elixir config",
         clause=CL["local"])
    write(f, f"""import Config

config :notifications, Notifications.Repo,
  username: "postgres",
  password: System.get_env("PGPASSWORD", ""),
  hostname: "localhost",
  database: "notifications_dev"

config :notifications, NotificationsWeb.Endpoint,
  http: [ip: {{127, 0, 0, 1}}, port: 4000],
  secret_key_base: "{dkb}"
""")
    decoy(f, 'System.get_env("PGPASSWORD", "")', "environment lookup")
    f = W(f"services/notifications/priv/certs/AuthKey_{apns_id}.p8")
    apk = pem_private(ec_key(), serialization.PrivateFormat.PKCS8)
    cred(f, apk, provider="apple", kind="APNs auth key (.p8, unencrypted)", tier="high", env="production",
         fam="pem key file", clause=CL["ssh"] + "; it sends push notifications to every user of the app",
         note="prod.secret.exs loads it with mode: :prod")
    write(f, apk)
    f = W("services/notifications/fly.toml")
    fxb = slack_bot()
    cred(f, fxb, provider="slack", kind="Slack bot token in fly.toml [env]", tier="high", env="production",
         fam="fly.toml", clause=CL["chat"])
    write(f, f"""app = "keelwork-notify-prod"
primary_region = "ams"

[env]
  PHX_HOST = "notify.keelwork.dev"
  SLACK_BOT_TOKEN = "{fxb}"

[http_service]
  internal_port = 4000
  force_https = true
""")


def ws_infra():
    f = W("infra/terraform/terraform.tfvars")
    cfu, dda, ddp = cfut(), datadog_api(), datadog_app()
    cred(f, cfu, provider="cloudflare", kind="Cloudflare user API token (Terraform provider)", tier="critical",
         env="production", fam="terraform tfvars",
         clause="§1 critical: cloud/edge account tokens; §2.4 the root module manages the production zone",
         note="environment = \"production\" in the same file; checksum scheme of cfut_ (?)")
    cred(f, ddp, parts=[dda], provider="datadog", kind="Datadog API + application key (Terraform provider)",
         tier="medium", env="production", fam="terraform tfvars", clause=CL["observability"])
    write(f, f"""environment          = "production"
region               = "eu-west-1"
cloudflare_zone      = "keelwork.dev"
cloudflare_api_token = "{cfu}"
datadog_api_key      = "{dda}"
datadog_app_key      = "{ddp}"
""")
    f = W("infra/terraform/envs/staging/staging.auto.tfvars")
    sdb = password(24)
    cred(f, sdb, provider="postgres", kind="staging RDS master password (tfvars)", tier="medium", env="staging",
         fam="terraform tfvars", clause=CL["db_staging"])
    write(f, f'environment = "staging"\ndb_instance_class = "db.t4g.medium"\ndb_master_password = "{sdb}"\n')

    f = W("infra/terraform/bootstrap/terraform.tfstate")
    sk_id, sk_sec = aws_key_id(PROD_ACCT), aws_secret()
    mpw = password(30)
    cred(f, sk_sec, parts=[sk_id], provider="aws", kind="IAM access key in local state (ci-deployer)", tier="critical",
         env="production", fam="terraform state", clause=CL["cloud_prod"],
         note="aws_iam_access_key.ci_deployer; the user's ARN is in the production account")
    cred(f, mpw, parts=["dispatch_master"], provider="postgres", kind="RDS cluster master password in local state",
         tier="critical", env="production", fam="terraform state", clause=CL["db_prod_write"],
         note="aws_rds_cluster.dispatch (cluster_identifier dispatch-prod)")
    state = {"version": 4, "terraform_version": "1.9.8", "serial": 57, "lineage": uuid4(), "outputs": {},
             "resources": [
                 {"mode": "managed", "type": "aws_iam_access_key", "name": "ci_deployer",
                  "provider": "provider[\"registry.terraform.io/hashicorp/aws\"]",
                  "instances": [{"schema_version": 0, "attributes": {
                      "id": sk_id, "user": "ci-deployer", "secret": sk_sec, "status": "Active",
                      "create_date": "2025-02-11T09:14:03Z", "ses_smtp_password_v4": None}, "sensitive_attributes": []}]},
                 {"mode": "managed", "type": "aws_iam_user", "name": "ci_deployer",
                  "provider": "provider[\"registry.terraform.io/hashicorp/aws\"]",
                  "instances": [{"schema_version": 0, "attributes": {
                      "arn": f"arn:aws:iam::{PROD_ACCT}:user/ci-deployer", "name": "ci-deployer", "path": "/"}}]},
                 {"mode": "managed", "type": "aws_rds_cluster", "name": "dispatch",
                  "provider": "provider[\"registry.terraform.io/hashicorp/aws\"]",
                  "instances": [{"schema_version": 0, "attributes": {
                      "cluster_identifier": "dispatch-prod", "engine": "aurora-postgresql", "master_username": "dispatch_master",
                      "master_password": mpw, "endpoint": PROD_HOST}}]}]}
    write(f, json.dumps(state, indent=2) + "\n")

    f = W("infra/terraform/.terraform.lock.hcl")
    h1 = "h1:" + b64(rbytes(32))
    write(f, f"""# This file is maintained automatically by "terraform init".
provider "registry.terraform.io/cloudflare/cloudflare" {{
  version     = "5.11.0"
  constraints = "~> 5.0"
  hashes = [
    "{h1}",
    "zh:{hexs(64)}",
    "zh:{hexs(64)}",
  ]
}}
""")
    decoy(f, h1, "provider lock hash")

    f = W("infra/terraform/gcp/staging-ci-sa.json")
    pem, kid, doc = gcp_sa("keelwork-analytics-stg", "ci-deployer")
    cred(f, pem, parts=[kid], provider="gcp", kind="service-account key (staging project)", tier="medium",
         env="staging", fam="gcp service account key", enc="json",
         clause="§2.4 environment cap: a staging cloud project is at most medium", note="project_id keelwork-analytics-stg")
    write(f, doc)

    f = W("deploy/k8s/prod/app-secrets.yaml")
    jwk, alg = hexs(64), hexs(32)
    url = f"postgresql://dispatch_app:{SHARED['prod_db_app']}@{PROD_HOST}:5432/dispatch?sslmode=require"
    cred(f, jwk, provider="jwt", kind="production JWT signing key (Secret data, base64)", tier="high",
         env="production", fam="kubernetes secret", enc="b64", clause=CL["framework_prod"])
    cred(f, alg, parts=["KW7Q2XHZ1P"], provider="algolia", kind="Algolia admin API key (Secret data, base64)",
         tier="medium", env="production", fam="kubernetes secret", enc="b64",
         clause=CL["saas"] + " (search index; admin can rewrite or delete the index)",
         note="ambiguous: an admin key, but the provider is single-purpose SaaS, whose ceiling is medium")
    write(f, f"""apiVersion: v1
kind: Secret
metadata:
  name: dispatch-app
  namespace: dispatch
type: Opaque
data:
  DATABASE_URL: {b64(url.encode())}
  JWT_SIGNING_KEY: {b64(jwk.encode())}
  ALGOLIA_APP_ID: {b64(b"KW7Q2XHZ1P")}
  ALGOLIA_ADMIN_API_KEY: {b64(alg.encode())}
""")
    f = W("deploy/k8s/staging/app-secrets.yaml")
    salg = hexs(32)
    cred(f, salg, parts=["KW7Q2XHZ1P"], provider="algolia", kind="Algolia admin key for the staging index",
         tier="medium", env="staging", fam="kubernetes secret", clause=CL["saas"] + "; §2.4 staging")
    write(f, f"""apiVersion: v1
kind: Secret
metadata:
  name: dispatch-app
  namespace: dispatch-staging
type: Opaque
stringData:
  DATABASE_URL: postgresql://postgres:{SHARED['railway_staging_pw']}@viaduct.proxy.rlwy.net:41873/railway
  ALGOLIA_APP_ID: KW7Q2XHZ1P
  ALGOLIA_ADMIN_API_KEY: {salg}
""")
    f = W("deploy/k8s/base/secret-template.yaml")
    write(f, "apiVersion: v1\nkind: Secret\nmetadata:\n  name: dispatch-app\ntype: Opaque\ndata:\n  DATABASE_URL: Y2hhbmdlbWU=\n  JWT_SIGNING_KEY: Y2hhbmdlbWU=\n")
    decoy(f, "Y2hhbmdlbWU=", "base64 of 'changeme' (template placeholder)")

    f = W("deploy/helm/dispatch/values-prod.yaml")
    nr, rq = newrelic_license(), password(28)
    cred(f, nr, provider="newrelic", kind="New Relic license (ingest) key", tier="medium", env="production",
         fam="helm values", clause=CL["observability"])
    cred(f, rq, parts=["dispatch"], provider="rabbitmq", kind="in-cluster RabbitMQ password (production values)",
         tier="critical", env="production", fam="helm values",
         clause="§1 critical: production infrastructure credentials that can write (job queue); values-prod.yaml")
    write(f, f"""replicaCount: 6
image:
  repository: ghcr.io/keelwork/dispatch-api
  tag: "2.14.3"
newrelic:
  licenseKey: {nr}
rabbitmq:
  auth:
    username: dispatch
    password: {rq}
""")
    f = W("deploy/helm/dispatch/values-staging.yaml")
    rqs = password(28)
    cred(f, rqs, parts=["dispatch"], provider="rabbitmq", kind="in-cluster RabbitMQ password (staging values)",
         tier="medium", env="staging", fam="helm values", clause="§2.4 staging infrastructure is at most medium; values-staging.yaml")
    write(f, f"replicaCount: 1\nrabbitmq:\n  auth:\n    username: dispatch\n    password: {rqs}\n")
    f = W("deploy/helm/dispatch/values.yaml")
    write(f, 'replicaCount: 2\nnewrelic:\n  licenseKey: ""\nrabbitmq:\n  auth:\n    username: dispatch\n    password: ""\n    existingSecret: dispatch-rabbitmq\n')
    decoy(f, "dispatch-rabbitmq", "existingSecret name next to password key")


def ws_agents():
    f = W(".mcp.json")
    so = sentry_org("keelwork")
    cred(f, so, provider="sentry", kind="Sentry org auth token (MCP server env)", tier="medium", env="unknown",
         fam="project mcp.json", clause=CL["observability"], note="sntrys_ payload names org keelwork")
    write(f, json.dumps({"mcpServers": {
        "sentry": {"command": "npx", "args": ["-y", "@sentry/mcp-server@latest"],
                   "env": {"SENTRY_ACCESS_TOKEN": so, "SENTRY_HOST": "sentry.io"}},
        "github": {"type": "http", "url": "https://api.githubcopilot.com/mcp/",
                   "headers": {"Authorization": "Bearer ${GITHUB_TOKEN}"}}}}, indent=2) + "\n")
    decoy(f, "${GITHUB_TOKEN}", ".mcp.json ${VAR} expansion")

    f = W(".cursor/mcp.json")
    cur = password(24)
    cred(f, cur, parts=["cursor_ro"], provider="postgres", kind="production read-only DB URL (Cursor MCP)", tier="high",
         env="production", fam="cursor mcp", clause=CL["db_prod_ro"], note="reader endpoint and a _ro user")
    write(f, json.dumps({"mcpServers": {"postgres-readonly": {
        "command": "npx", "args": ["-y", "@modelcontextprotocol/server-postgres",
                                   f"postgresql://cursor_ro:{cur}@{PROD_RO_HOST}:5432/dispatch"]}}}, indent=2) + "\n")

    f = W(".vscode/mcp.json")
    gsa = grafana_sa()
    cred(f, gsa, provider="grafana", kind="Grafana service-account token", tier="medium", env="unknown",
         fam="vscode mcp", clause=CL["observability"])
    write(f, json.dumps({"servers": {"grafana": {"type": "stdio", "command": "mcp-grafana", "args": [],
                                                 "env": {"GRAFANA_URL": "https://keelwork.grafana.net",
                                                         "GRAFANA_SERVICE_ACCOUNT_TOKEN": gsa}}}}, indent=2) + "\n")
    f = W(".vscode/settings.json")
    cred(f, SHARED["mysql_staging"], parts=["portal"], provider="mysql", kind="staging MySQL password (SQLTools connection)",
         tier="medium", env="staging", fam="vscode settings", clause=CL["db_staging"],
         note="the same password was typed after mysql -p in bash history", also=[(H(".bash_history"), None)])
    write(f, json.dumps({"editor.formatOnSave": True, "sqltools.connections": [{
        "name": "portal-staging", "driver": "MySQL", "server": f"portal-staging.{RDS_US}.us-east-1.rds.amazonaws.com",
        "port": 3306, "database": "portal_staging", "username": "portal", "password": SHARED["mysql_staging"]}]}, indent=2) + "\n")

    f = W(".claude/settings.local.json")
    bed = "ABSK" + b64(f"BedrockAPIKey-{s(4, LOWER_ALNUM)}-at-{PROD_ACCT}:{s(40, B64)}".encode())
    cred(f, bed, provider="aws-bedrock", kind="long-lived Amazon Bedrock API key", tier="high", env="production",
         fam="claude code settings",
         clause=CL["llm"] + "; a Bedrock API key is limited to Bedrock calls, not the account",
         note="ambiguous: an AWS credential, but scoped to model inference; the embedded account is production; shape (?)")
    write(f, json.dumps({"env": {"CLAUDE_CODE_USE_BEDROCK": "1", "AWS_REGION": "eu-west-1",
                                 "AWS_BEARER_TOKEN_BEDROCK": bed},
                         "permissions": {"allow": ["Bash(npm test:*)", "Bash(docker compose ps)"]}}, indent=2) + "\n")

    f = W(".aider.chat.history.md")
    write(f, f"""
# aider chat started at 2026-11-14 10:02:51

> /run heroku config:get MAILGUN_SECRET -a keelwork-portal
> {SHARED['mailgun']}
> Add the output to the chat? (Y)es/(N)o [Yes]: n

#### why does the portal's password-reset mail bounce on staging?

The staging app uses a different `MAILGUN_DOMAIN`; check `config/services.php`.
""")


def home_realism():
    """Files with no secret: they make the machine look lived in."""
    write(H("src/tiderunner/README.md"), "# tiderunner\n\nTide predictions for small harbours. Supabase + Netlify; see ~/src/tiderunner/supabase.\n")
    write(H(".config/op/config"), json.dumps({"latest_signin": "keelwork", "device": s(26, LOWER_ALNUM),
                                              "accounts": [{"shorthand": "keelwork", "accountUUID": s(26, UPPER_ALNUM),
                                                            "url": "https://keelwork.1password.com", "email": EMAIL,
                                                            "userUUID": s(26, UPPER_ALNUM)}]}, indent=2) + "\n")
    write(W("services/web/package.json"), json.dumps({"name": "@keelwork/web", "version": "2.14.3", "private": True,
                                                      "dependencies": {"next": "15.5.4", "firebase": "12.3.0"}}, indent=2) + "\n")
    write(W("services/api/package.json"), json.dumps({"name": "@keelwork/dispatch-sdk", "version": "2.14.3",
                                                      "publishConfig": {"access": "public"}}, indent=2) + "\n")


DESCRIPTION = (
    "The Linux laptop (Ubuntu, user mateo) of Mateo Lindqvist, staff engineer at Keelwork, a fictional dispatch and "
    "route-planning SaaS for regional freight carriers. Production runs on AWS eu-west-1 (EKS dispatch-prod, Aurora "
    "dispatch-prod, ElastiCache), with the web app on Vercel, DNS/Workers/R2 on Cloudflare, the acquired carrier portal "
    "(PHP/Laravel) on Heroku with JawsDB, notifications (Elixir) on Fly, the EDI gateway (.NET) on Azure, telematics "
    "on a self-managed Kubernetes cluster and MongoDB Atlas, analytics on Snowflake, Databricks and BigQuery, payments "
    "on Stripe. Staging lives on Railway (project dispatch, environment staging), a DigitalOcean Kubernetes cluster "
    "and a keelwork-staging AWS account; development on localhost docker compose, a k3d cluster and a personal AWS "
    "sandbox. Secrets are moving from .env files to Doppler and Vault; 1Password holds release material. CI is GitHub "
    "Actions, GitLab CI (portal mirror), CircleCI (tiles) and Jenkins (EDI). Keelwork publishes @keelwork/dispatch-sdk "
    "(npm), keelwork (PyPI), keelwork-edi (RubyGems), dev.keelwork:ledger-client (Maven Central) and "
    "Keelwork.Edi.Client (NuGet); Mateo publishes the tidecalc crate and runs the tiderunner side project on Supabase, "
    "Netlify, Hetzner, Render, Pulumi and Firebase. The workspace home/src/dispatch is the polyglot monorepo."
)


CONVENTIONS = """\
- `value` is the secret as a scanner should report it: the password of user:password and of a
  connection URL (the user name goes in `parts`), the token after `Bearer `, the decoded value of
  base64 fields (docker `auth`, Kubernetes `data`, kubeconfig `client-key-data`, git `extraHeader`),
  the whole PEM block for keys. The note says how the file stores it when that is not verbatim.
- `parts` holds the other halves of one credential (AWS key id and session token, client id,
  account SID, the access token of a refresh-token login). `also` lists other files holding
  the same value.
- `environment` is what the credential reaches, from evidence in its own file: key prefixes
  (`live`/`test`), host names, file names, sections, JWT claims, kubeconfig contexts. Account-
  or workspace-wide tokens on platforms that host environments are `production` wherever
  they sit (§2.2). Providers not split by environment (GitHub, LLM APIs, Slack, package
  registries) get the file's evidence when there is some (`.env.development` -> development)
  and `unknown` otherwise; their tier is not capped by it (§2.4).
- Test-mode keys, fixtures and documentation examples are `test`; localhost servers are
  `development`."""


def toml_str(v):
    return json.dumps(v, ensure_ascii=False)


def labels_toml():
    out = [f"machine = {toml_str(MACHINE)}", f"workspace = {toml_str(WS)}", f"description = {toml_str(DESCRIPTION)}", ""]
    for i, c in enumerate(CREDS, 1):
        c["id"] = f"c{i:03d}"
        note = c["note"]
        if c["enc"] in ENC_NOTE:
            note = (note + "; " if note else "") + ENC_NOTE[c["enc"]]
        out.append("[[credential]]")
        out.append(f"id = {toml_str(c['id'])}")
        out.append(f"file = {toml_str(c['file'])}")
        out.append(f"value = {toml_str(c['value'])}")
        out.append(f"parts = [{', '.join(toml_str(p) for p in c['parts'])}]")
        if c["also"]:
            out.append(f"also = [{', '.join(toml_str(a[0]) for a in c['also'])}]")
        for k in ("provider", "kind", "tier", "environment", "clause"):
            out.append(f"{k} = {toml_str(c[k])}")
        if note:
            out.append(f"note = {toml_str(note)}")
        if c["optional"]:
            out.append("optional = true")
        out.append("")
    for d in DECOYS:
        out.append("[[decoy]]")
        out.append(f"file = {toml_str(d['file'])}")
        out.append(f"value = {toml_str(d['value'])}")
        out.append(f"why = {toml_str(d['why'])}")
        out.append("")
    return "\n".join(out)


# ---------------------------------------------------------------------------------------
# checks


def b64_runs(text):
    """Every base64-decodable run of 12+ characters in text, decoded (latin-1)."""
    import re
    out = []
    for m in re.finditer(r"[A-Za-z0-9+/]{12,}={0,2}", text):
        run = m.group(0)
        for cut in range(0, 4):
            chunk = run[cut:]
            chunk = chunk[: len(chunk) - len(chunk) % 4] if not chunk.endswith("=") else chunk
            try:
                out.append(base64.b64decode(chunk, validate=True).decode("latin-1"))
                break
            except Exception:
                continue
    return out


def occurs(value, text, enc):
    if enc == "b64":
        return any(value in d for d in b64_runs(text))
    return encode(value, enc, ()) in text


def check(root):
    errors = []
    texts = {}
    for path in FILES:
        with open(os.path.join(root, path), encoding="utf-8") as fh:
            texts[path] = fh.read()
    decoded = {p: "\n".join(b64_runs(t)) for p, t in texts.items()}
    labels = tomllib.loads(open(os.path.join(root, "labels.toml"), encoding="utf-8").read())
    ids = [c["id"] for c in labels["credential"]]
    if len(ids) != len(set(ids)):
        errors.append("duplicate ids")
    vals = [c["value"] for c in labels["credential"]]
    if len(vals) != len(set(vals)):
        errors.append("duplicate values")
    for c in CREDS:
        where = [(c["file"], c["enc"])] + c["also"]
        for path, enc in where:
            if path not in texts:
                errors.append(f"{c['id']}: no file {path}")
            elif not occurs(c["value"], texts[path], enc):
                errors.append(f"{c['id']}: value not in {path} (enc {enc})")
        for p in c["parts"]:
            t = texts.get(c["file"], "")
            if p not in t and p not in decoded[c["file"]]:
                errors.append(f"{c['id']}: part {p[:16]} not in {c['file']}")
        listed = {w[0] for w in where}
        for path, t in texts.items():
            if path in listed:
                continue
            if c["value"] in t or (len(c["value"]) >= 12 and c["value"] in decoded[path]) or (
                    c["enc"] and encode(c["value"], c["enc"], c["parts"]) in t and c["enc"] != "b64"):
                errors.append(f"{c['id']}: value also occurs in unlisted {path}")
        for key in ("tier", "environment", "clause"):
            if not c[key]:
                errors.append(f"{c['id']}: empty {key}")
    cvals = set(vals)
    for d in DECOYS:
        if d["value"] not in texts.get(d["file"], ""):
            errors.append(f"decoy not in {d['file']}: {d['value'][:30]}")
        if d["value"] in cvals:
            errors.append(f"decoy equals a credential: {d['value'][:30]}")
    return errors


def tally():
    from collections import Counter
    n = len(CREDS)
    tiers = Counter(c["tier"] for c in CREDS)
    envs = Counter(c["environment"] for c in CREDS)
    fams = Counter(c["fam"] for c in CREDS)
    files = {c["file"] for c in CREDS} | {a[0] for c in CREDS for a in c["also"]}
    home = sum(1 for c in CREDS if not c["file"].startswith(WS + "/"))
    lines = [f"credentials: {n} ({home} in home stores, {n - home} in the workspace); "
             f"optional: {sum(c['optional'] for c in CREDS)}; with parts: {sum(bool(c['parts']) for c in CREDS)}; "
             f"with also: {sum(bool(c['also']) for c in CREDS)}",
             "tiers: " + ", ".join(f"{t} {tiers[t]} ({100 * tiers[t] / n:.0f}%)" for t in TIERS),
             "environments: " + ", ".join(f"{e} {envs[e]}" for e in ENVS),
             f"store families / file kinds: {len(fams)}; files holding credentials: {len(files)}; decoys: {len(DECOYS)}",
             "per family: " + ", ".join(f"{k} {v}" for k, v in sorted(fams.items()))]
    return lines, n, tiers, fams


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "fixtures/blast"
    root = os.path.join(out, MACHINE)
    for step in (home_cloud, home_vcs_containers, home_registries, home_iac_paas, home_data, home_services,
                 home_agents, home_shell, ws_root, ws_ci_docs, ws_js, ws_python_ruby, ws_jvm_dotnet,
                 ws_php_go_rust_elixir, ws_infra, ws_agents, home_realism):
        step()
    if os.path.isdir(root):
        shutil.rmtree(root)
    for path, text in FILES.items():
        full = os.path.join(root, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
    with open(os.path.join(root, "labels.toml"), "w", encoding="utf-8") as fh:
        fh.write(labels_toml())
    lines, n, tiers, fams = tally()
    errors = check(root)
    if n < 150:
        errors.append(f"only {n} credentials")
    if len(fams) < 80:
        errors.append(f"only {len(fams)} store families")
    if len(DECOYS) < 20:
        errors.append(f"only {len(DECOYS)} decoys")
    with open(os.path.join(out, "README.md"), "w", encoding="utf-8") as fh:
        fh.write("# Labelled blast-radius corpus\n\nGenerated by `scripts/gen-blast-corpus.py` (seeded; rerun it "
                 "rather than editing files by hand). Every credential is fake. Labels: "
                 f"`{MACHINE}/labels.toml`, written from /work/shared/reference/severity-rubric.md and the evidence "
                 "in each file alone.\n\n" + "\n".join(f"- {l}" for l in lines) + "\n\n"
                 "## Conventions\n\n" + CONVENTIONS + "\n\n## Cases the rubric leaves open (from the labels' notes)\n\n"
                 + "\n".join(f"- {c['id']} `{c['file']}` ({c['kind']}): {c['tier']}, {c['environment']}. {c['note']}"
                             for c in CREDS if c["note"] and "ambiguous" in c["note"])
                 + "\n\n## Where the credential shapes come from\n\n"
                 + "\n".join(f"- {k}: {v}" for k, v in FORMAT_SOURCES.items())
                 + "\n- store locations and file formats: /work/shared/reference/credential-locations.md (its [S..] sources)\n")
    print("\n".join(lines))
    if errors:
        print("\n".join("ERROR " + e for e in errors))
        sys.exit(1)
    print("checks passed")


if __name__ == "__main__":
    main()
