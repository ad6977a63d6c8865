#!/usr/bin/env bash
# Builds the release app into dist/ (installing the build tools first if needed).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh "$@"
source scripts/env.sh
cargo fetch --quiet
trunk build --release --offline --skip-version-check
