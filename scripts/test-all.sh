#!/usr/bin/env bash
# Runs every test of SLA Studio: formatting, lints, Rust tests (with the TypeScript bindings
# drift check), UI unit tests, and end-to-end tests that drive the real app under Xvfb over
# WebDriver. Installs what is missing first (see scripts/setup.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PATH"

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "cargo fmt --check"
cargo fmt --all -- --check

step "cargo clippy (all targets, warnings are errors)"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "dependencies: RustSec advisories, licences, bans and sources (cargo deny, deny.toml)"
./scripts/check-dependencies.sh

step "Rust tests (model, store, API with the bindings drift check, CLI, least privilege)"
cargo test --workspace --locked -- --skip killing_the_workspace_writer

step "crash safety: the workspace writer killed at 1,000 random moments"
CRASH_KILLS=1000 cargo test --locked -p sla-api --test crash -- --nocapture killing_the_workspace_writer

step "UI: type check, lint (ESLint, typescript-eslint, react-hooks) and unit tests"
npm run --silent typecheck
npm run --silent lint
npm run --silent test:ui

step "build the app with the UI embedded (debug)"
npx --no-install tauri build --debug --no-bundle --ci
cargo build --locked -p sla-cli

step "end-to-end: the real app under Xvfb over WebDriver"
rm -rf test-output/screenshots
xvfb-run --auto-servernum --server-args="-screen 0 1280x800x24" npm run --silent test:e2e

printf '\n\033[1mAll tests passed.\033[0m Screenshots: test-output/screenshots/\n'
