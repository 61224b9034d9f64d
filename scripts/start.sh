#!/usr/bin/env bash
# Installs whatever is missing, builds Peer Map (UI embedded) and opens it.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
npm run build --silent
cargo build --release -p peermap --features custom-protocol
exec "$CARGO_TARGET_DIR/release/peermap" "$@"
