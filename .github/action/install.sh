#!/usr/bin/env bash
# Installs blastradius for the composite action (action.yml, step "Install").
#
# Downloads the release archive for this runner, checks it against the release's
# SHA256SUMS and puts the binary in "$RUNNER_TEMP/blastradius/bin". Builds from the
# action's own checkout with cargo only when no release matches (e.g. `@main` after an
# unreleased change). A checksum mismatch is never "fixed" by building: it fails.
#
# Inputs, all through the environment (never interpolated into the script):
#   BR_VERSION      "" (the release of the action's own version), X.Y.Z or vX.Y.Z (that
#                   release), "source" (always build), "path" (use blastradius on PATH)
#   BR_ACTION_PATH  the action's checkout (github.action_path)
#   BR_REPOSITORY   owner/name the releases come from (github.action_repository)
#   RUNNER_OS, RUNNER_ARCH, RUNNER_TEMP, GITHUB_OUTPUT, GITHUB_PATH: set by the runner
#   BLASTRADIUS_RELEASE_BASE_FOR_TESTS  tests only: a directory or file:// URL laid out
#                   like the releases (TAG/ASSET), used instead of GitHub's
# Writes `path=<binary>` to $GITHUB_OUTPUT and the binary's directory to $GITHUB_PATH.
set -euo pipefail

fail() {
  echo "::error::blastradius install: $*" >&2
  exit 1
}

# The Rust target triple of a release archive for this runner.
target_triple() {
  case "${RUNNER_OS:-}/${RUNNER_ARCH:-}" in
    Linux/X64) echo x86_64-unknown-linux-musl ;;
    Linux/ARM64) echo aarch64-unknown-linux-musl ;;
    macOS/X64) echo x86_64-apple-darwin ;;
    macOS/ARM64) echo aarch64-apple-darwin ;;
    Windows/X64) echo x86_64-pc-windows-msvc ;;
    *) return 1 ;;
  esac
}

# The version in the action's Cargo.toml: a moving tag such as `v1` or a commit SHA
# resolves to the release of the code it points at.
action_version() {
  sed -n 's/^version = "\([^"]*\)"$/\1/p' "$BR_ACTION_PATH/Cargo.toml" | head -n 1
}

# fetch URL FILE: copies a release asset; fails (non-zero) when it is not there.
fetch() {
  local url=$1 file=$2
  case "$url" in
    /*) cp "$url" "$file" 2>/dev/null ;;
    *) curl --fail --silent --show-error --location --retry 3 --proto '=https,file' --output "$file" "$url" ;;
  esac
}

sha256_of() {
  if command -v sha256sum >/dev/null 2>&1; then
    sha256sum "$1" | cut -d ' ' -f 1
  else
    shasum -a 256 "$1" | cut -d ' ' -f 1
  fi
}

# install_release TAG: downloads, verifies and unpacks; returns 3 when there is no such
# release (so the caller may build instead), fails on anything else.
install_release() {
  local tag=$1 triple asset base dir expected actual
  triple=$(target_triple) || { echo "no release build for ${RUNNER_OS:-?}/${RUNNER_ARCH:-?}"; return 3; }
  asset="blastradius-$triple.tar.gz"
  [ "$RUNNER_OS" = Windows ] && asset="blastradius-$triple.zip"
  base=${BLASTRADIUS_RELEASE_BASE_FOR_TESTS:-https://github.com/$BR_REPOSITORY/releases/download}
  dir="$RUNNER_TEMP/blastradius-download"
  rm -rf "$dir" && mkdir -p "$dir"
  if ! fetch "$base/$tag/SHA256SUMS" "$dir/SHA256SUMS" || ! fetch "$base/$tag/$asset" "$dir/$asset"; then
    echo "no release $tag with $asset"
    return 3
  fi
  expected=$(awk -v name="$asset" '$2 == name || $2 == "*" name { print $1 }' "$dir/SHA256SUMS")
  [ -n "$expected" ] || fail "SHA256SUMS of $tag does not list $asset"
  actual=$(sha256_of "$dir/$asset")
  [ "$expected" = "$actual" ] || fail "checksum mismatch for $asset of $tag: expected $expected, got $actual"
  mkdir -p "$install_dir"
  case "$asset" in
    *.zip) unzip -q -o "$dir/$asset" -d "$install_dir" ;;
    *) tar -xzf "$dir/$asset" -C "$install_dir" ;;
  esac
  [ -x "$install_dir/$exe" ] || fail "$asset holds no $exe"
  echo "installed blastradius $tag ($triple), checksum verified"
}

build_from_source() {
  command -v cargo >/dev/null 2>&1 || fail "no release matches and cargo is not installed to build one"
  echo "building blastradius from $BR_ACTION_PATH with cargo (slow; a release tag installs in seconds)"
  cargo install --locked --path "$BR_ACTION_PATH" --root "$RUNNER_TEMP/blastradius" --quiet
}

: "${RUNNER_TEMP:?set by the runner}" "${GITHUB_OUTPUT:?set by the runner}"
exe=blastradius
[ "${RUNNER_OS:-}" = Windows ] && exe=blastradius.exe
install_dir="$RUNNER_TEMP/blastradius/bin"
version=${BR_VERSION:-}

case "$version" in
  path)
    binary=$(command -v blastradius) || fail "version: path, but blastradius is not on PATH"
    echo "path=$binary" >>"$GITHUB_OUTPUT"
    echo "using $binary"
    exit 0
    ;;
  source) build_from_source ;;
  *)
    [ -n "$version" ] || version=$(action_version)
    [ -n "$version" ] || fail "cannot read the action's version from $BR_ACTION_PATH/Cargo.toml"
    case "$version" in
      v*) tag=$version ;;
      *) tag=v$version ;;
    esac
    status=0
    install_release "$tag" || status=$?
    if [ "$status" -eq 3 ]; then
      build_from_source
    elif [ "$status" -ne 0 ]; then
      exit "$status"
    fi
    ;;
esac

echo "path=$install_dir/$exe" >>"$GITHUB_OUTPUT"
[ -z "${GITHUB_PATH:-}" ] || echo "$install_dir" >>"$GITHUB_PATH"
