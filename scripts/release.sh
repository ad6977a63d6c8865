#!/usr/bin/env bash
# The release build, every part of the app (ARCHITECTURE.md, "Parts"), into dist/:
#   - the member's part (the first load) from index.html, by trunk, into dist/;
#   - the head's and the council's parts, and the on-demand files module (the table readers and
#     the .xlsx writers, loaded the first time a file is read or made), from
#     public/parts/<name>.html, by trunk, into target/parts/<name>/;
#   - scripts/parts.mjs copies their files into dist/ and writes the loader that starts the
#     stored part (and loads the files module when asked) into dist/index.html (with the
#     Content-Security-Policy again);
#   - scripts/css-min.mjs minifies the stylesheets in dist/ in place (comments and white space);
#   - scripts/single-file.mjs writes dist/thidua.html, every part in one file.
# Expects the tools installed (scripts/setup.sh) and scripts/env.sh sourced.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo fetch --quiet
trunk build --release --offline --skip-version-check
for part in head council files; do
  trunk build --release --offline --skip-version-check "public/parts/$part.html" \
    --dist "target/parts/$part"
done
node scripts/parts.mjs dist target/parts
node scripts/css-min.mjs dist
node scripts/single-file.mjs
