#!/usr/bin/env bash
# Writes a gzip sibling (`<file>.gz`) beside each JavaScript and wasm file in
# the given folders, for yardstick-serve to send to browsers that accept
# gzip (as nginx's gzip_static or a CDN would). zopfli makes the smallest
# gzip streams there are (about 5% below gzip -9; 100 iterations instead of
# 15 take a few seconds more for 0.1% less), and any browser reads
# them; without zopfli, gzip -9 does the job.
# Usage: scripts/precompress.sh pkg pkg-widget
set -euo pipefail
for folder in "$@"; do
  for file in "$folder"/*.wasm "$folder"/*.js; do
    [ -f "$file" ] || continue
    if command -v zopfli >/dev/null; then
      zopfli --i100 -c "$file" >"$file.gz.tmp"
    else
      gzip -9 -n -c "$file" >"$file.gz.tmp"
    fi
    mv "$file.gz.tmp" "$file.gz"
  done
done
