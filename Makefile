# Yardstick's build. `make demo` and `make test` work on a fresh machine:
# both install what is missing first (scripts/ensure-tools.sh).

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
export PATH := $(HOME)/.cargo/bin:$(PATH)

PORT ?= 8080
WASM_TARGET := wasm32-unknown-unknown
WASM_RELEASE := target/$(WASM_TARGET)/release/yardstick.wasm
SERVER := target/release/yardstick-serve
CHROMEDRIVER ?= /usr/bin/chromedriver

.PHONY: demo test tools pkg pkg-widget bindgen server lint check-www test-schema test-rust test-wasm test-wasm-node test-wasm-chrome test-e2e bench clean

DEMO_DB ?= target/demo-events.sqlite

## demo: install what is missing, build the wasm and serve the site on 127.0.0.1:$(PORT),
## collecting widget events into $(DEMO_DB)
demo: tools pkg pkg-widget server
	@echo "Open http://127.0.0.1:$(PORT)/gallery.html for the calculators, /dashboard.html for engagement (Ctrl-C stops the server)"
	$(SERVER) --port $(PORT) --db $(DEMO_DB)

## test: install what is missing, then run every tier; fails on the first failing tier
test: tools lint test-rust test-schema test-wasm pkg pkg-widget check-www server test-e2e
	@echo "make test: every tier passed"

tools:
	@bash scripts/ensure-tools.sh

## pkg: release wasm, JS glue and TypeScript types in pkg/ (all but the Tracker);
## pkg-widget: the same without the workbench analyses but with the engagement
## Tracker (feature `tracker`), in pkg-widget/
# wasm-opt runs before wasm-bindgen: Debian's binaryen 108 rewrites the
# externref table of wasm-bindgen's output as anyref, which browsers reject.
# Names go first (stripping them after optimizing leaves 0.3-0.6 KiB more).
# --low-memory-unused: the stack comes first in memory and no data sits in the
# low 1 KiB, so binaryen may fold small constants into load and store offsets.
# --flatten --rereloop then -Oz twice, two rounds: about 3 KiB gzipped less
# than -Oz alone; --converge repeats the last passes until nothing changes
# (0.1 KB less, 6 s more).
WASM_OPT_FLAGS := --strip-debug --strip-producers --low-memory-unused \
  --flatten --rereloop -Oz -Oz --flatten --rereloop -Oz -Oz --converge \
  --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals \
  --enable-reference-types --enable-multivalue

pkg:
	cargo build -p yardstick-wasm --lib --release --target $(WASM_TARGET)
	scripts/check-wasm-float-formatting.sh target/$(WASM_TARGET)/release/yardstick.wasm
	$(MAKE) --no-print-directory bindgen OUT=pkg
	scripts/precompress.sh pkg

pkg-widget:
	cargo build -p yardstick-wasm --lib --release --target $(WASM_TARGET) --no-default-features --features tracker --target-dir target/widget
	scripts/check-wasm-float-formatting.sh target/widget/$(WASM_TARGET)/release/yardstick.wasm
	$(MAKE) --no-print-directory bindgen OUT=pkg-widget WASM_RELEASE=target/widget/$(WASM_TARGET)/release/yardstick.wasm
	@# The glue is minified in place (6.0 -> 3.4 KB gzipped) for anyone loading
	@# it alone; its exports, and the import names the wasm looks up, are
	@# strings esbuild keeps.
	npx --no-install esbuild pkg-widget/yardstick.js --minify --format=esm --target=es2022 \
	  --log-level=warning --allow-overwrite --outfile=pkg-widget/yardstick.js
	@# The embed script, one minified module: www/widget/ and the glue bundled
	@# by esbuild. It fetches the wasm from beside itself.
	npx --no-install esbuild www/widget/yardstick.js --bundle --minify --format=esm --target=es2022 \
	  --log-level=warning --outfile=pkg-widget/yardstick-widget.min.js
	@# Precompressed siblings (zopfli), sent by yardstick-serve to browsers that take gzip.
	scripts/precompress.sh pkg-widget

bindgen:
	mkdir -p target/wasm-opt
	wasm-opt $(WASM_OPT_FLAGS) $(WASM_RELEASE) -o target/wasm-opt/$(OUT).wasm
	@# wasm-bindgen's own name and producers sections: 1.2 KB raw, 0.3 KB zopfli.
	wasm-bindgen --target web --remove-name-section --remove-producers-section --out-dir $(OUT) --out-name yardstick target/wasm-opt/$(OUT).wasm
	@# The raw wasm exports return externrefs, which wasm-bindgen types as `any`;
	@# `unknown` is their honest type and keeps `any` out of the public types.
	sed -i -E '/^ +readonly /{s/: any([,)])/: unknown\1/g; s/=> any;$$/=> unknown;/}' $(OUT)/yardstick.d.ts
	@node scripts/check-dts.mjs $(OUT)/yardstick.d.ts
	@ls -l $(OUT)/yardstick_bg.wasm | awk '{ print "$(OUT)/yardstick_bg.wasm: " $$5 " bytes" }'

server:
	cargo build --release -p yardstick-serve --bin yardstick-serve

lint:
	cargo fmt --all -- --check
	cargo clippy --workspace --all-targets -- -D warnings
	cargo clippy -p yardstick-wasm --lib --target $(WASM_TARGET) -- -D warnings
	cargo clippy -p yardstick-wasm --lib --target $(WASM_TARGET) --no-default-features -- -D warnings
	cargo clippy -p yardstick-wasm --lib --target $(WASM_TARGET) --no-default-features --features tracker -- -D warnings

## check-www: type-check the site's JSDoc against the generated pkg/*.d.ts
check-www:
	npx --no-install tsc -p www/jsconfig.json

## test-schema: the example models against docs/model.schema.json (and the schema against broken models)
test-schema:
	python3 tests/data/models/validate_models.py

test-rust:
	cargo test --workspace --all-targets

test-wasm: test-wasm-node test-wasm-chrome

# wasm-bindgen tests run in Node unless WASM_BINDGEN_USE_BROWSER asks for a browser.
test-wasm-node:
	CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
	  cargo test -p yardstick-wasm --target $(WASM_TARGET) --features tracker --test wasm_api --test wasm_model --test wasm_engagement

test-wasm-chrome:
	CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
	  WASM_BINDGEN_USE_BROWSER=1 CHROMEDRIVER=$(CHROMEDRIVER) \
	  WASM_BINDGEN_TEST_TIMEOUT=120 \
	  cargo test -p yardstick-wasm --target $(WASM_TARGET) --features tracker --test wasm_api --test wasm_model --test wasm_engagement

test-e2e:
	YARDSTICK_SERVE=$(SERVER) node --test tests/e2e/

## bench: side-by-side benchmarks against peer engines (prints ratios)
bench: tools pkg pkg-widget server
	node bench/finance.mjs
	node bench/models.mjs
	node bench/widget.mjs

clean:
	cargo clean
	rm -rf pkg node_modules
