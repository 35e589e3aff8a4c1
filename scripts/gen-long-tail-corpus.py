#!/usr/bin/env python3
"""Writes fixtures/corpus/long-tail/: credentials of long-tail providers known only by
name (detectors/vocabulary.toml), in the file shapes projects keep them in, labelled with
the vocabulary provider's id, plus look-alikes under the same provider names that must
stay silent. expected.toml is written from the construction, before any scan.

Usage: scripts/gen-long-tail-corpus.py [REPO_ROOT]

Every value is random from a fixed seed (not the vocabulary's): fake by construction.
"""

import os
import random
import re
import shutil
import sys
import tomllib

ROOT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..")
OUT = os.path.join(ROOT, "fixtures", "corpus", "long-tail")
RNG = random.Random(4172026)
BASE62 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
BANNED = ["test", "demo", "fake", "mock", "xxx", "your", "my", "secret", "pass", "token", "key", "sample",
          "exam", "dumm", "todo", "abc", "123", "change", "insert", "replace", "sk", "gh", "xox", "akia", "aiza",
          "eyj", "glpat", "pypi", "npm", "hf", "shp", "sq0", "rk", "pk", "whsec", "dop", "sbp", "lin", "ya29"]
# Key words the generic model reads as "not a secret" (src/engine/generic.rs NOT_SECRET):
# a provider name made of one of these is written as one word instead.
NOT_SECRET = {"public", "id", "name", "file", "path", "url", "host", "type", "mode", "store", "manager", "source",
              "index", "vector", "sample", "provider", "version", "policy", "kind", "message", "template", "env"}
SUFFIXES = ["API_KEY", "TOKEN", "ACCESS_TOKEN", "SECRET", "SECRET_KEY", "AUTH_TOKEN", "API_SECRET", "API_TOKEN",
            "CLIENT_SECRET", "PRIVATE_KEY"]


def value():
    """A random credential-like value: base62, sometimes in dash or underscore groups."""
    while True:
        length = RNG.randint(24, 44)
        text = "".join(RNG.choice(BASE62) for _ in range(length))
        if RNG.random() < 0.2:
            cut = RNG.randint(4, 8)
            text = text[:cut] + RNG.choice("-_") + text[cut:]
        lower = text.lower()
        mixed = all(any(f(c) for c in text) for f in (str.isupper, str.islower, str.isdigit))
        if mixed and not any(b in lower for b in BANNED):
            return text


def hexdigits(n):
    return "".join(RNG.choice("0123456789abcdef") for _ in range(n))


def uuid():
    h = hexdigits(32)
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-a{h[17:20]}-{h[20:]}"


def squash(text):
    return re.sub(r"[^a-z0-9]", "", text.lower())


class Provider:
    def __init__(self, entry):
        self.id = entry["id"]
        self.prefix_only = entry.get("prefix_only", False)
        form = RNG.choice(entry["names"])
        words = re.findall(r"[A-Za-z0-9]+", entry["name"].replace("'", ""))
        split = squash(entry["name"]) == form and len(words) > 1
        split = split and not any(w.lower() in NOT_SECRET for w in words)
        self.words = [w.lower() for w in words] if split else [form]

    def upper(self, suffix):
        return "_".join(w.upper() for w in self.words) + "_" + suffix

    def snake(self, suffix):
        return self.upper(suffix).lower()

    def camel(self, suffix):
        parts = self.words + suffix.lower().split("_")
        return parts[0] + "".join(p.capitalize() for p in parts[1:])

    def kebab(self, suffix):
        return self.snake(suffix).replace("_", "-")

    def dotted(self, suffix):
        return self.snake(suffix).replace("_", ".")


class File:
    """Lines of one corpus file; `pos` lines are labelled."""

    def __init__(self, path):
        self.path, self.lines, self.labels = path, [], []

    def text(self, line):
        self.lines.append(line)

    def pos(self, line, provider):
        self.lines.append(line)
        self.labels.append((len(self.lines), provider))


def suffix():
    return RNG.choice(SUFFIXES)


# Positive shapes: each writes one labelled credential (and any context lines) for p.
def dotenv(f, p):
    f.pos(f"{p.upper(suffix())}={value()}", p.id)


def yaml_nested(f, p):
    f.text(f"{'_'.join(p.words)}:")
    f.text("  enabled: true")
    f.pos(f"  {RNG.choice(['api_key', 'token', 'secret', 'access_token', 'auth_token'])}: {value()}", p.id)


def yaml_flat(f, p):
    f.pos(f"{p.snake(suffix())}: \"{value()}\"", p.id)


def json_flat(f, p):
    f.pos(f'  "{p.camel(suffix())}": "{value()}",', p.id)


def toml_section(f, p):
    f.text("")
    f.text(f"[{'_'.join(p.words)}]")
    f.pos(f'{RNG.choice(["api_key", "token", "secret", "api_token", "access_key"])} = "{value()}"', p.id)


def python(f, p):
    f.pos(f'{p.upper(suffix())} = "{value()}"', p.id)


def shell_flag(f, p):
    tool = "-".join(p.words)
    flag = p.kebab(RNG.choice(["TOKEN", "API_KEY", "SECRET", "API_TOKEN", "PASSWORD"]))
    f.pos(f"{tool} deploy --{flag} {value()} --yes", p.id)


def shell_export(f, p):
    f.pos(f'export {p.upper(suffix())}="{value()}"', p.id)


def compose(f, p):
    if RNG.random() < 0.5:
        f.pos(f"      {p.upper(suffix())}: {value()}", p.id)
    else:
        f.pos(f"      - {p.upper(suffix())}={value()}", p.id)


def tfvars(f, p):
    f.pos(f'{p.snake(suffix())} = "{value()}"', p.id)


def properties(f, p):
    f.pos(f"{p.dotted(suffix())}={value()}", p.id)


# Negatives: the provider's name is there, no secret is.
def negatives(p):
    key = p.upper(RNG.choice(["API_KEY", "TOKEN", "SECRET", "ACCESS_TOKEN"]))
    name = "-".join(p.words)
    return [
        ("env", f"{key}=changeme"),
        ("env", f"{key}=<your-{name}-api-key>"),
        ("env", f"{key}=${{{key}}}"),
        ("env", f"{key}=xxxxxxxxxxxxxxxxxxxxxxxx"),
        ("env", f"{key}=your_{'_'.join(p.words)}_api_key_here"),
        ("py", f'{key.lower()} = os.environ["{key}"]'),
        ("py", f'{key.lower()} = os.getenv("{key}")'),
        ("js", f"const {p.camel('API_KEY')} = process.env.{key};"),
        ("env", f"{p.upper('SDK_SHA256')}={hexdigits(64)}"),
        ("yaml", f"{'_'.join(p.words)}_commit: {hexdigits(40)}"),
        ("yaml", f"{'_'.join(p.words)}_image_digest: sha256:{hexdigits(64)}"),
        ("env", f"{p.upper('PROJECT_ID')}={uuid()}"),
        ("env", f"{p.upper('WORKSPACE_ID')}=ws_{RNG.randint(1000, 99999)}"),
        ("env", f"{p.upper('API_URL')}=https://api.{name}.example.com/v2"),
        ("env", f"{p.upper('REGION')}={RNG.choice(['eu-west-1', 'us-east-2', 'ap-southeast-1'])}"),
        ("env", f"{p.upper('TIMEOUT')}={RNG.choice([10, 30, 60])}"),
        ("env", f"{p.upper('TOKEN_TTL')}={RNG.choice([900, 3600, 86400])}"),
        ("env", f"{p.upper('WEBHOOK_PATH')}=/hooks/{name}"),
        ("md", f"export {key}=your-{name}-token"),
        ("md", f"{key}=<{name}-api-key>"),
    ]


SHAPES = {
    ".env": dotenv,
    "services/worker/.env.production": dotenv,
    "config/integrations.yaml": yaml_nested,
    "config/providers.yml": yaml_flat,
    "config/settings.json": json_flat,
    "config/app.toml": toml_section,
    "app/settings.py": python,
    "scripts/deploy.sh": shell_flag,
    "scripts/env.sh": shell_export,
    "docker-compose.yml": compose,
    "infra/prod.tfvars": tfvars,
    "config/application.properties": properties,
}


def positives(providers):
    files = {path: File(path) for path in SHAPES}
    files["config/settings.json"].text("{")
    files["docker-compose.yml"].text("services:")
    files["docker-compose.yml"].text("  app:")
    files["docker-compose.yml"].text("    image: registry.internal/app:1.4.2")
    files["docker-compose.yml"].text("    environment:")
    files["scripts/deploy.sh"].text("#!/bin/sh")
    files["scripts/deploy.sh"].text("set -eu")
    files["scripts/env.sh"].text("#!/bin/sh")
    paths = list(SHAPES)
    for i, p in enumerate(providers):
        path = paths[i % len(paths)]
        SHAPES[path](files[path], p)
    files["config/settings.json"].text('  "region": "eu-west-1"')
    files["config/settings.json"].text("}")
    return files


def generic_positives(files, prefix_only):
    """A prefix-only name that is not the key's first word names no provider: still a
    generic secret."""
    f = files[".env"]
    for p in prefix_only:
        f.pos(f"BUILD_{p.upper(RNG.choice(['API_KEY', 'TOKEN', 'SECRET']))}={value()}", "generic")


def negative_files(providers):
    files = {
        "negatives/.env": File("negatives/.env"),
        "negatives/settings.py": File("negatives/settings.py"),
        "negatives/client.js": File("negatives/client.js"),
        "negatives/release.yaml": File("negatives/release.yaml"),
        "docs/setup.md": File("docs/setup.md"),
    }
    by_kind = {"env": "negatives/.env", "py": "negatives/settings.py", "js": "negatives/client.js",
               "yaml": "negatives/release.yaml", "md": "docs/setup.md"}
    files["negatives/settings.py"].text("import os")
    files["docs/setup.md"].text("# Setting up the integrations")
    files["docs/setup.md"].text("")
    files["docs/setup.md"].text("```sh")
    count = 0
    for i, p in enumerate(providers):
        options = negatives(p)
        for kind, line in RNG.sample(options, 2 if i % 3 else 1):
            files[by_kind[kind]].text(line)
            count += 1
    files["docs/setup.md"].text("```")
    lock = File("negatives/package-lock.json")
    lock.text('{\n  "name": "app",\n  "lockfileVersion": 3,\n  "packages": {')
    for p in providers[:20]:
        name = "-".join(p.words)
        digest = "".join(RNG.choice(BASE62 + "+/") for _ in range(86)) + "=="
        lock.text(f'    "node_modules/@{name}/sdk": {{')
        lock.text(f'      "version": "{RNG.randint(1, 9)}.{RNG.randint(0, 20)}.{RNG.randint(0, 9)}",')
        lock.text(f'      "resolved": "https://registry.npmjs.org/@{name}/sdk/-/sdk-2.1.0.tgz",')
        lock.text(f'      "integrity": "sha512-{digest}"')
        lock.text("    },")
        count += 1
    lock.text('    "": {}\n  }\n}')
    files[lock.path] = lock
    far = File("negatives/NOTES.txt")
    for p in providers[20:35]:
        far.text(f"{' '.join(w.capitalize() for w in p.words)} integration: ask the platform team for credentials.")
        far.text("")
        far.text("The rotation runbook lives in the wiki.")
        far.text("")
        far.text(f"    {value()}")
        far.text("")
        count += 1
    files[far.path] = far
    return files, count


def main():
    with open(os.path.join(ROOT, "detectors", "vocabulary.toml"), "rb") as f:
        entries = tomllib.load(f)["provider"]
    chosen = RNG.sample(entries, 230)
    providers = [Provider(e) for e in chosen]
    twice = [Provider(e) for e in RNG.sample(chosen, 40)]
    files = positives(providers + twice)
    prefix_only = [Provider(e) for e in entries if e.get("prefix_only")]
    generic_positives(files, RNG.sample(prefix_only, 8))
    rest = [Provider(e) for e in entries if e not in chosen]
    negative, count = negative_files(RNG.sample(rest, 110))
    files.update(negative)
    if os.path.isdir(OUT):
        shutil.rmtree(OUT)
    labels = []
    for path, f in sorted(files.items()):
        full = os.path.join(OUT, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "w") as out:
            out.write("\n".join(f.lines) + "\n")
        labels += [(path, line, provider) for line, provider in f.labels]
    with open(os.path.join(OUT, "expected.toml"), "w") as out:
        out.write("# Generated by scripts/gen-long-tail-corpus.py: every value is fake.\n")
        for path, line, provider in labels:
            out.write(f'\n[[finding]]\nfile = "{path}"\nline = {line}\nprovider = "{provider}"\n')
    named = {p for _, _, p in labels if p != "generic"}
    print(f"{len(labels)} positives ({len(named)} vocabulary providers), {count} negatives")


if __name__ == "__main__":
    main()
