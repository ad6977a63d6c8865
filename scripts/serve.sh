#!/usr/bin/env bash
# Builds the release app and serves it, with its demo data, at http://127.0.0.1:8080
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh
exec node scripts/static-server.mjs dist "${PORT:-8080}"
