#!/usr/bin/env bash
# Writes a gzip sibling (`<file>.gz`) beside each JavaScript and wasm file
# named, or found in the folders named, for yardstick-serve to send to
# browsers that accept gzip (as nginx's gzip_static or a CDN would). zopfli
# makes the smallest gzip streams there are (about 5% below gzip -9; 100
# iterations instead of 15 take a few seconds more for 0.1% less), and any
# browser reads them; without zopfli, gzip -9 does the job. It never decides
# what is stale: the Makefile asks for one file at a time, only when that
# file is newer than its sibling.
# Usage: scripts/precompress.sh pkg pkg-widget
#        scripts/precompress.sh pkg/yardstick_bg.wasm
set -euo pipefail
files=()
for arg in "$@"; do
  if [ -d "$arg" ]; then
    for file in "$arg"/*.wasm "$arg"/*.js; do
      if [ -f "$file" ]; then files+=("$file"); fi
    done
  else
    files+=("$arg")
  fi
done
for file in ${files[@]+"${files[@]}"}; do
  if command -v zopfli >/dev/null; then
    zopfli --i100 -c "$file" >"$file.gz.tmp"
  else
    gzip -9 -n -c "$file" >"$file.gz.tmp"
  fi
  mv "$file.gz.tmp" "$file.gz"
done
