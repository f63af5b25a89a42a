#!/usr/bin/env bash
# Install fundround's build dependencies (Debian 12). Idempotent: does nothing
# (and touches no network) when everything is already installed.
set -euo pipefail

packages=(cmake g++ clang libboost1.81-dev libhowardhinnant-date-dev doctest-dev libbenchmark-dev doxygen python3
          nlohmann-json3-dev libfmt-dev libclang-rt-14-dev librsvg2-bin
          libcli11-dev python3-jsonschema)

missing=()
for pkg in "${packages[@]}"; do
  status="$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)"
  if [[ "$status" != "install ok installed" ]]; then
    missing+=("$pkg")
  fi
done

if [[ ${#missing[@]} -eq 0 ]]; then
  echo "setup: all dependencies already installed (${packages[*]})"
  exit 0
fi

SUDO=()
if [[ "$(id -u)" -ne 0 ]]; then
  if command -v sudo >/dev/null 2>&1; then
    SUDO=(sudo)
  else
    echo "setup: missing ${missing[*]} but not root and sudo is unavailable" >&2
    exit 1
  fi
fi

"${SUDO[@]}" apt-get update -qq >/dev/null
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive \
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "setup: installed ${missing[*]}"
