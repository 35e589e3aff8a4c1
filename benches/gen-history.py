#!/usr/bin/env python3
"""Writes a git fast-import stream of a generated history to stdout.

    gen-history.py simple COMMITS       each commit edits five of 2,000 ~2 KB files
    gen-history.py realistic COMMITS    the shapes of a large monorepo (below)

`simple` is the repository benches/history.sh has always generated (same seed, same
bytes), so figures stay comparable across sessions. `realistic` has what real
repositories have and `simple` lacks, at about 14 objects per commit (90,000 commits
make 1.2 M objects):

- a large tree: 20,000 files four directories deep, so each edit rewrites a chain of
  trees, and a few directories of 500 entries;
- long files (300 of 2,000 lines) edited a line or two at a time, so the pack holds
  long delta chains of large blobs;
- renames of files and whole directories, and deletions;
- binary blobs (images, archives) added and replaced now and then;
- side branches merged back, and tags;
- a few fake, correctly shaped credentials (AWS key ids) planted every 997 commits.

Deterministic: the same arguments give the same stream.
"""

import random
import sys

WORDS = "let const value config token user client request response error result handler".split()


def blob(data):
    if isinstance(data, str):
        data = data.encode()
    return b"data %d\n%s\n" % (len(data), data)


def fake_aws_key(rng):
    return "AKIA" + "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567") for _ in range(16))


def simple(commits, out):
    rng = random.Random(11)

    def text(n):
        return "".join(f"{rng.choice(WORDS)}_{i} = {rng.choice(WORDS)}({rng.randrange(10**6)})\n" for i in range(n))

    for c in range(commits):
        out.write(b"commit refs/heads/main\n")
        out.write(b"committer bench <bench@example.com> %d +0000\n" % (1600000000 + c))
        out.write(blob(f"change {c}"))
        for f in rng.sample(range(2000), 5):
            body = text(60)
            if c % 997 == 0:
                body += f'aws_access_key_id = "{fake_aws_key(rng)}"\n'
            out.write(f"M 644 inline src/mod{f % 40}/file{f}.rs\n".encode())
            out.write(blob(body))


class Realistic:
    """The working tree of the realistic history, edited commit by commit."""

    FILES = 20_000
    LONG = 300

    def __init__(self, rng):
        self.rng = rng
        self.files = {}  # path -> list of lines
        for i in range(self.FILES):
            lines = 2000 if i < self.LONG else rng.randrange(10, 80)
            self.files[self.path_for(i)] = [self.line(n) for n in range(lines)]
        self.paths = list(self.files)
        self.binaries = []

    def path_for(self, i):
        if i % 40 == 0:
            # A few wide directories, as generated code and vendored assets make.
            return f"generated/schema{i % 7}/part{i}.json"
        ext = ("rs", "py", "ts", "go", "md")[i % 5]
        return f"services/svc{i % 23}/module{i % 97}/pkg{i % 331}/file{i}.{ext}"

    def line(self, n):
        rng = self.rng
        return f"{rng.choice(WORDS)}_{n} = {rng.choice(WORDS)}({rng.randrange(10**6)})"

    def edit(self, commit, out, structural):
        """Writes the file commands of one commit; renames, deletions and binaries only
        when `structural` (on main, where every path of the working tree exists)."""
        rng = self.rng
        for _ in range(rng.choice((1, 2, 3, 3, 4))):
            path = rng.choice(self.paths) if rng.random() < 0.6 else rng.choice(self.paths[: self.LONG])
            lines = self.files[path]
            for _ in range(rng.choice((1, 1, 2, 3))):
                lines[rng.randrange(len(lines))] = self.line(rng.randrange(10**4))
            if rng.random() < 0.2:
                lines.append(self.line(len(lines)))
            if commit % 997 == 0:
                lines.append(f'aws_access_key_id = "{fake_aws_key(rng)}"')
            self.write(path, out)
        roll = rng.random() if structural else 1.0
        if roll < 0.01:
            self.rename_file(out)
        elif roll < 0.012:
            self.rename_directory(out)
        elif roll < 0.017:
            self.binary(out)
        elif roll < 0.02:
            self.delete(out)

    def write(self, path, out):
        out.write(f"M 644 inline {path}\n".encode())
        out.write(blob("\n".join(self.files[path]) + "\n"))

    def rename_file(self, out):
        old = self.rng.choice(self.paths[self.LONG :])
        new = old.replace("/file", "/renamed_file", 1)
        if new == old or new in self.files:
            return
        out.write(f'R "{old}" "{new}"\n'.encode())
        self.files[new] = self.files.pop(old)
        self.paths[self.paths.index(old)] = new

    def rename_directory(self, out):
        old = "/".join(self.rng.choice(self.paths[self.LONG :]).split("/")[:3])
        new = old + "_moved"
        moved = [p for p in self.paths if p.startswith(old + "/")]
        if not moved or any(p.startswith(new + "/") for p in self.paths):
            return
        out.write(f'R "{old}" "{new}"\n'.encode())
        for p in moved:
            q = new + p[len(old) :]
            self.files[q] = self.files.pop(p)
            self.paths[self.paths.index(p)] = q

    def binary(self, out):
        rng = self.rng
        if self.binaries and rng.random() < 0.5:
            path = rng.choice(self.binaries)
        else:
            path = f"assets/img{len(self.binaries)}.{rng.choice(('png', 'zip', 'woff2'))}"
            self.binaries.append(path)
        data = bytes(rng.getrandbits(8) for _ in range(rng.randrange(2_000, 60_000)))
        out.write(f"M 644 inline {path}\n".encode())
        out.write(blob(data))

    def delete(self, out):
        if len(self.paths) <= self.LONG + 1000:
            return
        i = self.rng.randrange(self.LONG, len(self.paths))
        path = self.paths.pop(i)
        del self.files[path]
        out.write(f'D "{path}"\n'.encode())


def realistic(commits, out):
    rng = random.Random(23)
    tree = Realistic(rng)
    stamp = 1600000000
    out.write(b"commit refs/heads/main\nmark :1\n")
    out.write(b"committer bench <bench@example.com> %d +0000\n" % stamp)
    out.write(blob("initial import"))
    for path in tree.paths:
        tree.write(path, out)
    main_mark, mark = 1, 1
    branch = None  # (name, mark of its tip, commits left)
    for c in range(1, commits):
        mark += 1
        stamp += 60
        if branch is None and rng.random() < 0.01:
            branch = (f"refs/heads/feature{c}", main_mark, rng.randrange(3, 30))
        on_branch = branch is not None and rng.random() < 0.5
        ref = branch[0] if on_branch else "refs/heads/main"
        parent = branch[1] if on_branch else main_mark
        out.write(f"commit {ref}\nmark :{mark}\n".encode())
        out.write(b"committer bench <bench@example.com> %d +0000\n" % stamp)
        out.write(blob(f"change {c}"))
        out.write(f"from :{parent}\n".encode())
        if not on_branch and branch is not None and branch[2] <= 0:
            out.write(f"merge :{branch[1]}\n".encode())
            branch = None
        tree.edit(c, out, structural=not on_branch)
        if on_branch:
            branch = (branch[0], mark, branch[2] - 1)
        else:
            main_mark = mark
            if c % 5000 == 0:
                out.write(f"tag v{c // 5000}.0.0\nfrom :{mark}\n".encode())
                out.write(b"tagger bench <bench@example.com> %d +0000\n" % stamp)
                out.write(blob(f"release {c // 5000}"))


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in ("simple", "realistic"):
        sys.exit("usage: gen-history.py simple|realistic COMMITS")
    out = sys.stdout.buffer
    (simple if sys.argv[1] == "simple" else realistic)(int(sys.argv[2]), out)
    out.flush()


if __name__ == "__main__":
    main()
