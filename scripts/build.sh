#!/usr/bin/env bash
# Builds the release app, every part of it, into dist/ (installing the build tools first if
# needed), and the one-file version, dist/thidua.html, for offices where nothing can be hosted.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh "$@"
source scripts/env.sh
scripts/release.sh
