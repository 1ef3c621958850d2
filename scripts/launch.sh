#!/usr/bin/env bash
# Builds SLA Studio (release, UI embedded) if needed and launches it. Arguments are passed
# to the app, e.g. `./scripts/launch.sh --workspace ~/negotiations`.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PATH"
npx --no-install tauri build --no-bundle --ci
target_dir="${CARGO_TARGET_DIR:-target}"
exec "$target_dir/release/sla-studio" "$@"
