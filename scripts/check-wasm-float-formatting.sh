#!/usr/bin/env bash
# Fails when a wasm build links core's float formatting (ARCHITECTURE.md,
# "Rules that keep the wasm small"): one `{}` of an f64 in a message adds
# about 10 KB gzipped. Reads cargo's output, which still has its name section.
# Usage: scripts/check-wasm-float-formatting.sh path/to/yardstick.wasm
set -euo pipefail
wasm="$1"
if ! grep -q "9yardstick" "$wasm"; then
  echo "$wasm has no symbol names; cannot check for float formatting" >&2
  exit 1
fi
if grep -aq "flt2dec\|3fmt5float" "$wasm"; then
  echo "$wasm links core's float formatting (flt2dec): an f64 is formatted with {} or {:e}." >&2
  echo "Use number_text::Plain / shortest instead; to find it, see ARCHITECTURE.md." >&2
  exit 1
fi
