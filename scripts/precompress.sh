#!/usr/bin/env bash
# Writes a brotli sibling (`<file>.br`) and a gzip sibling (`<file>.gz`)
# beside each JavaScript and wasm file named, or found in the folders named,
# for yardstick-serve to send to browsers that accept them (as nginx's
# brotli_static / gzip_static or a CDN would). Brotli at quality 11 with the
# largest window is about 9% smaller than the best gzip for the widget, and
# every current browser reads it; Node's zlib makes it (Node is already
# needed for the bundle), so no new tool. The .br is written first, so the
# .gz (the file make tracks) is the newer of the two. zopfli
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
  node -e '
    const zlib = require("node:zlib");
    const fs = require("node:fs");
    const [file] = process.argv.slice(1);
    const bytes = fs.readFileSync(file);
    const { BROTLI_PARAM_QUALITY, BROTLI_PARAM_LGWIN, BROTLI_PARAM_SIZE_HINT } = zlib.constants;
    const params = { [BROTLI_PARAM_QUALITY]: 11, [BROTLI_PARAM_LGWIN]: 24, [BROTLI_PARAM_SIZE_HINT]: bytes.length };
    fs.writeFileSync(`${file}.br.tmp`, zlib.brotliCompressSync(bytes, { params }));
  ' "$file"
  mv "$file.br.tmp" "$file.br"
  if command -v zopfli >/dev/null; then
    zopfli --i100 -c "$file" >"$file.gz.tmp"
  else
    gzip -9 -n -c "$file" >"$file.gz.tmp"
  fi
  mv "$file.gz.tmp" "$file.gz"
done
