#!/usr/bin/env bash
# Installs what the build and the tests need, and nothing that is already
# there: the wasm32 target, wasm-bindgen-cli at the exact version Cargo.lock
# pins, Debian's chromium, chromium-driver, binaryen, zopfli, sqlite3 and
# LibreOffice Calc (headless), Node.js, and the npm
# packages from package-lock.json. Safe to run any number of times.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '[tools] %s\n' "$*"; }

export PATH="$HOME/.cargo/bin:$PATH"

# One rustup call for all three checks (each costs ~50 ms): the wasm32
# target shows up as its standard library component.
installed_components=$(rustup component list --installed 2>/dev/null || true)
if ! grep -qx 'rust-std-wasm32-unknown-unknown' <<<"$installed_components"; then
  log "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

for component in clippy rustfmt; do
  if ! grep -q "^$component" <<<"$installed_components"; then
    log "adding the $component component"
    rustup component add "$component"
  fi
done

# wasm-bindgen's CLI must match the library version exactly.
if [ ! -f Cargo.lock ]; then
  cargo generate-lockfile
fi
bindgen_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' Cargo.lock)
if [ -z "$bindgen_version" ]; then
  echo "[tools] cannot find wasm-bindgen's version in Cargo.lock" >&2
  exit 1
fi
installed_bindgen=$(wasm-bindgen --version 2>/dev/null | awk '{ print $2 }' || true)
if [ "$installed_bindgen" != "$bindgen_version" ] || ! command -v wasm-bindgen-test-runner >/dev/null; then
  log "installing wasm-bindgen-cli $bindgen_version (about 3 minutes)"
  # --locked fails here: a dependency's lock entry is newer than the registry copy.
  cargo install wasm-bindgen-cli --version "$bindgen_version" --force
fi

missing_debs=()
command -v chromium >/dev/null || missing_debs+=(chromium)
command -v chromedriver >/dev/null || missing_debs+=(chromium-driver)
command -v wasm-opt >/dev/null || missing_debs+=(binaryen)
command -v zopfli >/dev/null || missing_debs+=(zopfli)
# The dashboard's browser test damages one stored row by hand with it.
command -v sqlite3 >/dev/null || missing_debs+=(sqlite3)
# The export tier recalculates exported workbooks in headless LibreOffice
# (Calc without the desktop: about a third of the full suite's download).
command -v soffice >/dev/null || missing_debs+=(libreoffice-calc-nogui)
command -v node >/dev/null || missing_debs+=(nodejs)
command -v npm >/dev/null || missing_debs+=(npm)
if [ "${#missing_debs[@]}" -gt 0 ]; then
  log "installing Debian packages: ${missing_debs[*]}"
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing_debs[@]}"
fi

# The JSON Schema check of the example models needs Python's jsonschema.
# find_spec looks for the package without importing it (0.1 s instead of 0.4 s).
if ! python3 -c "import importlib.util, sys; sys.exit(importlib.util.find_spec('jsonschema') is None)" >/dev/null 2>&1; then
  log "installing the jsonschema Python package"
  python3 -m pip install --quiet --disable-pip-version-check jsonschema \
    || python3 -m pip install --quiet --disable-pip-version-check --break-system-packages jsonschema
fi

# npm ci only when the lock changed since the last install.
if [ -f package-lock.json ]; then
  stamp=node_modules/.yardstick-lock-stamp
  if [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
    log "installing npm packages (npm ci)"
    npm ci --no-audit --no-fund --loglevel=error
    cp package-lock.json "$stamp"
  fi
fi
