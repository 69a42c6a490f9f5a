#!/usr/bin/env bash
# Download size of the wasm builds and where their bytes go.
#
# Prints raw and gzip -9 bytes of pkg/yardstick_bg.wasm (full build),
# pkg-widget/yardstick_bg.wasm (widget build) and pkg-risk/yardstick_bg.wasm
# (Monte Carlo's build, which the workbench's worker loads), and the bytes of the
# precompressed .gz sibling yardstick-serve sends (zopfli), then twiggy's largest items of
# each. The twiggy view is the same pipeline as the Makefile's (wasm-opt,
# then wasm-bindgen) with the name section kept, written to target/size/.
# Run `make pkg pkg-widget pkg-risk` first, or pass --build to run it.
# Usage: bench/size.sh [--build] [top-n]
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ "${1:-}" == "--build" ]]; then
  shift
  make --no-print-directory pkg pkg-widget pkg-risk >/dev/null
fi
top_n="${1:-25}"
# The Makefile's WASM_OPT_FLAGS, keeping names (-g) instead of stripping them.
read -r -a flags <<<"$(make --no-print-directory -s -p -n bindgen OUT=x 2>/dev/null |
  sed -n 's/^WASM_OPT_FLAGS := //p' | sed 's/--strip-debug/-g --strip-dwarf/')"
mkdir -p target/size
for build in full widget risk; do
  case $build in
    full)
      pkg=pkg
      src=target/wasm32-unknown-unknown/release/yardstick.wasm ;;
    widget)
      pkg=pkg-widget
      src=target/widget/wasm32-unknown-unknown/release/yardstick.wasm ;;
    risk)
      pkg=pkg-risk
      src=target/risk/wasm32-unknown-unknown/release/yardstick.wasm ;;
  esac
  if [[ ! -f $pkg/yardstick_bg.wasm ]]; then
    echo "$build: no $pkg/yardstick_bg.wasm (make $pkg)"
    continue
  fi
  raw=$(wc -c <"$pkg/yardstick_bg.wasm")
  gz=$(gzip -9 -c "$pkg/yardstick_bg.wasm" | wc -c)
  sent=0
  [[ -f "$pkg/yardstick_bg.wasm.gz" ]] && sent=$(wc -c <"$pkg/yardstick_bg.wasm.gz")
  printf '%-7s %s/yardstick_bg.wasm: %7d bytes raw, %7d bytes gzip -9 (%.1f KiB), %7d bytes as served (.gz, zopfli)\n' \
    "$build" "$pkg" "$raw" "$gz" "$(echo "$gz / 1024" | bc -l)" "$sent"
  if command -v twiggy >/dev/null && [[ $top_n != 0 ]]; then
    wasm-opt "${flags[@]}" "$src" -o "target/size/$build.opt.wasm"
    wasm-bindgen --target web --keep-debug --out-dir "target/size/$build" --out-name yardstick \
      "target/size/$build.opt.wasm"
    twiggy top -n "$top_n" "target/size/$build/yardstick_bg.wasm" 2>/dev/null | sed 's/^/    /'
    if [[ $(twiggy top -n 100000 "target/size/$build/yardstick_bg.wasm" | grep -c flt2dec) != 0 ]]; then
      echo "    warning: core's float formatting (flt2dec) is linked; see ARCHITECTURE.md"
    fi
  fi
done
