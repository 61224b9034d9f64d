#!/usr/bin/env bash
# Installs whatever is missing to build Peer Map (and, with --test, to run every test).
# Idempotent: a second run installs nothing. Debian 12 as root (or with sudo).
# Usage: source scripts/setup.sh [--test]
set -euo pipefail

want_tests=0
[[ "${1:-}" == "--test" ]] && want_tests=1

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"

sudo_cmd=""
if [[ $(id -u) -ne 0 ]]; then sudo_cmd="sudo"; fi

# Build target outside the checkout, so a fresh clone reuses an earlier build.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/peermap/target}"
mkdir -p "$CARGO_TARGET_DIR"

build_pkgs=(build-essential pkg-config file libwebkit2gtk-4.1-dev libxdo-dev libssl-dev librsvg2-dev)
test_pkgs=(xvfb xauth dbus dbus-x11 webkit2gtk-driver chromium age sqlite3 poppler-utils faketime iproute2 util-linux xdotool)

pkgs=("${build_pkgs[@]}")
[[ $want_tests -eq 1 ]] && pkgs+=("${test_pkgs[@]}")

missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [[ ${#missing[@]} -gt 0 ]]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Rust (Tauri 2 needs a newer compiler than Debian 12 ships).
if ! command -v cargo >/dev/null 2>&1; then
  [[ -f "$HOME/.cargo/env" ]] && source "$HOME/.cargo/env"
fi
if ! command -v cargo >/dev/null 2>&1; then
  echo "setup: installing Rust with rustup"
  command -v curl >/dev/null || { $sudo_cmd apt-get install -y -qq curl ca-certificates >/dev/null; }
  curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal -c rustfmt,clippy
  source "$HOME/.cargo/env"
fi
for comp in rustfmt clippy; do
  if ! cargo "${comp/rustfmt/fmt}" --version >/dev/null 2>&1; then
    rustup component add "$comp"
  fi
done

# Node 20.19+ (Vite 8). Debian 12's own nodejs is 18, too old.
node_ok=0
if command -v node >/dev/null 2>&1; then
  node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>20||(a==20&&b>=19)?0:1)' && node_ok=1
fi
if [[ $node_ok -eq 0 ]]; then
  echo "setup: installing Node.js 22 from NodeSource"
  command -v curl >/dev/null || { $sudo_cmd apt-get install -y -qq curl ca-certificates >/dev/null; }
  curl -fsSL https://deb.nodesource.com/setup_22.x | $sudo_cmd bash -
  $sudo_cmd apt-get install -y -qq nodejs >/dev/null
fi

# Node packages, exactly as locked.
# node_modules/.peermap-lock is a copy of the lock file that was last installed.
if ! cmp -s package-lock.json node_modules/.peermap-lock 2>/dev/null; then
  echo "setup: npm ci"
  npm ci --no-fund --no-audit --loglevel=error
  cp package-lock.json node_modules/.peermap-lock
fi
