#!/usr/bin/env bash
# Installs everything the build and the tests need, idempotently: what is already there at the
# right version is skipped. Safe to run on every build. Needs a Debian 12 machine with rustup,
# node and npm; reaches only crates.io, Debian's packages and the npm registry.
#
#   scripts/setup.sh          build tools (wasm target, trunk, wasm-bindgen-cli, wasm-opt)
#   scripts/setup.sh --test   the above, plus Chromium, chromedriver and the e2e npm packages
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=false
[ "${1:-}" = "--test" ] && want_test=true

TRUNK_VERSION=0.21.14
log() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

# The wasm-bindgen CLI must be exactly the version in Cargo.lock, and Trunk.toml must say so.
WB_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if ! grep -q "wasm_bindgen = \"$WB_VERSION\"" Trunk.toml; then
  echo "Trunk.toml pins a wasm_bindgen version other than Cargo.lock's $WB_VERSION; fix Trunk.toml." >&2
  exit 1
fi

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi
rustup component list --installed | grep -q '^rustfmt' || rustup component add rustfmt
rustup component list --installed | grep -q '^clippy' || rustup component add clippy

if [ "$(trunk --version 2>/dev/null | awk '{print $2}')" != "$TRUNK_VERSION" ]; then
  log "installing trunk $TRUNK_VERSION (about 10 minutes, once per machine)"
  cargo install --locked "trunk@$TRUNK_VERSION"
fi

if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WB_VERSION" ]; then
  log "installing wasm-bindgen-cli $WB_VERSION"
  # Not --locked: the CLI's own lockfile pins a crate version the registry no longer has.
  cargo install --force "wasm-bindgen-cli@$WB_VERSION"
fi

if [ ! -x scripts/tools/node_modules/.bin/wasm-opt ]; then
  log "installing wasm-opt (npm binaryen)"
  (cd scripts/tools && npm install --no-audit --no-fund --loglevel=error)
fi

if $want_test; then
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    log "installing Chromium and chromedriver from Debian"
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver
  fi
  if [ ! -d tests/e2e/node_modules/playwright-core ]; then
    log "installing the e2e test packages (playwright-core, no browser download)"
    (cd tests/e2e && npm install --no-audit --no-fund --loglevel=error)
  fi
  # The readers that open the .xlsx and .docx files and the printed PDF
  # (scripts/tools/requirements.txt), installed into scripts/tools/py; tests put that folder on
  # PYTHONPATH (scripts/env.sh).
  if ! PYTHONPATH=scripts/tools/py python3 -c 'import openpyxl, pypdf, docx' 2>/dev/null; then
    log "installing the Python readers for the xlsx, docx and PDF checks (openpyxl, python-docx, pypdf)"
    python3 -m pip install --quiet --disable-pip-version-check --target scripts/tools/py \
      -r scripts/tools/requirements.txt
  fi
fi
log "tools ready"
