#!/usr/bin/env bash
# Installs whatever is missing, then runs every gate and every test, in order of cost.
# Stops at the first failure. CI runs exactly this (see .ci/run).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh" --test

step() { printf '\n==> %s\n' "$*"; }
features=(--workspace --features peermap/custom-protocol)

step "format (cargo fmt --check)"
cargo fmt --all --check

step "UI types (svelte-check)"
npm run --silent check

step "UI build (production and mockIPC copies)"
npm run --silent build
npm run --silent build:mock

step "dependency rules: core has no tauri; nothing can speak HTTP"
if cargo tree -p peermap-core -e normal,build --prefix none | grep -E '^tauri' ; then
  echo "peermap-core must not depend on tauri"; exit 1
fi
# tiny_http is the UI suite's test bridge (tests/bridge), which must never be part of the app.
if cargo tree -p peermap -e normal --prefix none | grep -E '^(reqwest|hyper|ureq|isahc|attohttpc|surf|curl|tiny_http) ' ; then
  echo "an HTTP crate crept into the app"; exit 1
fi

step "lint (cargo clippy -D warnings)"
cargo clippy "${features[@]}" --all-targets -- -D warnings

step "Rust tests (release build, shared with the real-app binary)"
if command -v cargo-nextest >/dev/null 2>&1; then
  cargo nextest run "${features[@]}" --release --no-fail-fast
else
  cargo test "${features[@]}" --release --no-fail-fast
fi

step "UI logic tests (Vitest)"
npm run --silent test:unit

step "UI tests in Chromium (Playwright, mockIPC against the real core through tests/bridge)"
# The test bridge and the app, with the same targets and features as every other build here,
# so the real-app step below finds them built.
cargo build "${features[@]}" --release --bins
npm run --silent test:ui

step "real app, no network (WebKitWebDriver under Xvfb inside unshare -n)"
# Same targets and features as the test build above, so this reuses its artifacts.
cargo build "${features[@]}" --release --bins --tests
export PEERMAP_BIN="$CARGO_TARGET_DIR/release/peermap"
unshare -n bash -c 'ip link set lo up && exec xvfb-run -a -s "-screen 0 1280x860x24" dbus-run-session -- npm run --silent test:e2e'
