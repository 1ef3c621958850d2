#!/usr/bin/env bash
# Installs what SLA Studio needs to build, run and test, and skips what is already there.
# Safe to run again: on a prepared machine it only checks and returns.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# System packages: the WebKitGTK stack Tauri builds against, a virtual display and the
# WebDriver server for end-to-end tests; xdotool answers the system file dialogs in them;
# poppler-utils and qpdf read back the PDFs the tests write; python3-icalendar reads back the
# iCalendar files (a second implementation of RFC 5545); LibreOffice (Writer, no GUI) opens the
# Word files (a second implementation of the format), with fonts-liberation2 standing in for
# Times New Roman, the font the Word files name; python3-uno lets the tests edit Word files in
# LibreOffice as a counterparty would (Track Changes, comments), and pandoc is a second editor
# that passes a Word file through (keeping headings, dropping content controls and properties).
SYSTEM_PACKAGES=(
  build-essential pkg-config curl ca-certificates
  libwebkit2gtk-4.1-dev libgtk-3-dev libsoup-3.0-dev
  xvfb xauth webkit2gtk-driver xdotool
  poppler-utils qpdf
  python3-icalendar libreoffice-writer-nogui fonts-liberation2 python3-uno pandoc
)
missing=()
for package in "${SYSTEM_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done
if [ "${#missing[@]}" -gt 0 ]; then
  log "installing system packages: ${missing[*]}"
  as_root apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# Rust toolchain.
if ! command -v cargo >/dev/null 2>&1; then
  if [ -x "$HOME/.cargo/bin/cargo" ]; then
    export PATH="$HOME/.cargo/bin:$PATH"
  else
    log "installing the Rust toolchain (rustup)"
    curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal -c clippy,rustfmt
    export PATH="$HOME/.cargo/bin:$PATH"
  fi
fi

# Node.js 20.19 or newer (Vite 8).
node_ok() {
  command -v node >/dev/null 2>&1 || return 1
  node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)'
}
if ! node_ok; then
  log "Node.js 20.19+ is required; installing Debian's nodejs and npm"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends nodejs npm
  node_ok || { echo "Node.js 20.19 or newer is required (found: $(node --version 2>/dev/null || echo none))." >&2; exit 1; }
fi

# npm packages, only when the lock file changed since the last install.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  log "installing npm packages"
  npm ci --no-audit --no-fund
fi

# cargo-deny (licences, bans and sources of every dependency), major version 0.20.
if ! command -v cargo-deny >/dev/null 2>&1 && [ ! -x "$HOME/.cargo/bin/cargo-deny" ]; then
  log "installing cargo-deny"
  cargo install cargo-deny --locked --version '^0.20'
fi

# tauri-driver (WebDriver bridge for the desktop app), major version 2.
if ! command -v tauri-driver >/dev/null 2>&1 && [ ! -x "$HOME/.cargo/bin/tauri-driver" ]; then
  log "installing tauri-driver"
  cargo install tauri-driver --locked --version '^2'
fi
