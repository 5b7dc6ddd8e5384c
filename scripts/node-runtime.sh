#!/usr/bin/env bash
# Prints the path of a Node.js binary of the given major version (e.g. `scripts/node-runtime.sh 24`).
#
# The binary comes from the npm registry package `node-<platform>-<arch>` (it ships the official build), so CI
# needs no network beyond the registry it already uses for `npm ci`. It is installed once into a cache folder
# outside the clone and reused while it is there:
#   ${XDG_CACHE_HOME:-$HOME/.cache}/aws-account-baseline/node-MAJOR   (AAB_NODE_CACHE overrides the parent folder)
# Delete that folder to pick up the newest release of the major version.
set -euo pipefail

major="${1:-}"
if ! [[ "$major" =~ ^[0-9]+$ ]]; then
  echo "usage: $0 MAJOR   (e.g. $0 24)" >&2
  exit 2
fi

case "$(uname -s)" in
  Linux) platform=linux ;;
  Darwin) platform=darwin ;;
  *) echo "node-runtime: no npm package of the Node.js binary for $(uname -s)" >&2; exit 1 ;;
esac
case "$(uname -m)" in
  x86_64 | amd64) arch=x64 ;;
  aarch64 | arm64) arch=arm64 ;;
  *) echo "node-runtime: no npm package of the Node.js binary for $(uname -m)" >&2; exit 1 ;;
esac
package="node-$platform-$arch"

cache="${AAB_NODE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/aws-account-baseline}"
dir="$cache/node-$major"
bin="$dir/node_modules/$package/bin/node"

# The installed binary must run and be of the asked major version; anything else is reinstalled.
usable() {
  local version
  version="$("$1" --version 2>/dev/null)" || return 1
  [[ "$version" == "v$major."* ]]
}

if ! usable "$bin"; then
  mkdir -p "$cache"
  # Install beside the final folder and move it in whole, so a run cut off halfway (or two runs at once)
  # never leaves a half-written runtime that a later run would take for a good one.
  work="$(mktemp -d "$cache/.node-$major.XXXXXX")"
  trap 'rm -rf "$work"' EXIT
  echo "node-runtime: installing $package@$major into $dir" >&2
  # The package has no install scripts; --ignore-scripts keeps it that way.
  (cd "$work" && npm install --no-save --no-package-lock --ignore-scripts --no-audit --no-fund --loglevel=error \
    --prefix "$work" "$package@$major" >&2)
  if ! usable "$work/node_modules/$package/bin/node"; then
    echo "node-runtime: $package@$major did not give a working Node.js $major binary" >&2
    exit 1
  fi
  rm -rf "$dir"
  mv "$work" "$dir"
  trap - EXIT
fi

echo "$bin"
