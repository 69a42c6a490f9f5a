# Yardstick's build. `make demo` and `make test` work on a fresh machine:
# both install what is missing first (scripts/ensure-tools.sh).

SHELL := /bin/bash
# A recipe that fails halfway (a check after wasm-bindgen wrote pkg/) must not
# leave files that look up to date.
.DELETE_ON_ERROR:
.SHELLFLAGS := -euo pipefail -c
export PATH := $(HOME)/.cargo/bin:$(PATH)

PORT ?= 8080
WASM_TARGET := wasm32-unknown-unknown
WASM_RELEASE := target/$(WASM_TARGET)/release/yardstick.wasm
WASM_WIDGET := target/widget/$(WASM_TARGET)/release/yardstick.wasm
WASM_PAGE := target/page/$(WASM_TARGET)/release/yardstick.wasm
WASM_EXPORT := target/export/$(WASM_TARGET)/release/yardstick.wasm
WASM_RISK := target/risk/$(WASM_TARGET)/release/yardstick.wasm
WASM_SUCCESS := target/success/$(WASM_TARGET)/release/yardstick.wasm
SERVER := target/release/yardstick-serve
CHROMEDRIVER ?= /usr/bin/chromedriver

.PHONY: demo test tools pkg pkg-widget pkg-page pkg-export pkg-risk pkg-success test-export bindgen server FORCE lint check-www test-js test-build test-schema test-rust test-wasm test-wasm-node test-wasm-chrome test-e2e bench clean

DEMO_DB ?= target/demo-events.sqlite
# More yardstick-serve options for the demo (test-build passes --max-lifetime-secs).
DEMO_ARGS ?=
# Other sites that may embed the demo's calculators (load the models and
# engine, send events, frame embed.html), space-separated:
# `make demo ALLOW_ORIGIN="https://a.example https://b.example"`. Each
# becomes --allow-origin; EMBED_ORIGIN likewise becomes --embed-origin.
ALLOW_ORIGIN ?=
EMBED_ORIGIN ?=

## demo: install what is missing, build the wasm and serve the site on 127.0.0.1:$(PORT),
## collecting widget events into $(DEMO_DB)
# On a built tree this takes seconds: only cargo's no-op checks run. The
# server's startup lines (its address, then the pages) are the last output.
demo: tools pkg pkg-widget pkg-page pkg-export pkg-risk pkg-success server
	@$(SERVER) --port $(PORT) --db $(DEMO_DB) --success-demo \
	  $(foreach origin,$(ALLOW_ORIGIN),--allow-origin '$(origin)') \
	  $(foreach origin,$(EMBED_ORIGIN),--embed-origin '$(origin)') $(DEMO_ARGS)

## test: install what is missing, then run every tier; fails on the first failing tier
test: tools lint test-js test-rust test-schema test-wasm pkg pkg-widget pkg-page pkg-export pkg-risk pkg-success check-www server test-build test-export test-e2e
	@echo "make test: every tier passed"

tools:
	@bash scripts/ensure-tools.sh

## pkg: release wasm, JS glue and TypeScript types in pkg/ (all but the Tracker);
## pkg-widget: the model engine alone (no workbench analyses, no Tracker) and
## the embed script, in pkg-widget/; pkg-page: the Tracker alone (no model
## engine) and the page snippet, in pkg-page/. The embed script loads
## pkg-page's glue and wasm for its Tracker after its first result is on
## screen (www/widget/tracker-engine.js), so a widget needs both folders
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

# The export build loads only when a user exports and has no byte budget:
# one -Oz pass (the full flags' flatten and rereloop rounds take about six
# minutes on its 850 KB and save a few percent).
WASM_OPT_EXPORT_FLAGS := --strip-debug --strip-producers -Oz \
  --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals \
  --enable-reference-types --enable-multivalue

# pkg/ and pkg-widget/ are files made from files, so a built tree is not
# redone (wasm-opt and zopfli take about a minute each build). cargo runs
# every time and knows when the wasm is stale; it leaves the file alone when
# nothing changed, and make only redoes what is older than its inputs.
PRECOMPRESSED := pkg/yardstick_bg.wasm.gz pkg/yardstick.js.gz \
  pkg-widget/yardstick_bg.wasm.gz pkg-widget/yardstick.js.gz pkg-widget/yardstick-widget.min.js.gz \
  pkg-page/yardstick_bg.wasm.gz pkg-page/yardstick.js.gz pkg-page/yardstick-page.min.js.gz \
  pkg-export/yardstick_bg.wasm.gz pkg-export/yardstick.js.gz
PRECOMPRESSED += pkg-risk/yardstick_bg.wasm.gz pkg-risk/yardstick.js.gz
PRECOMPRESSED += pkg-success/yardstick_bg.wasm.gz pkg-success/yardstick.js.gz
pkg: $(filter pkg/%,$(PRECOMPRESSED))
pkg-widget: $(filter pkg-widget/%,$(PRECOMPRESSED))
pkg-page: $(filter pkg-page/%,$(PRECOMPRESSED))
## pkg-export: the Excel export (`Model.exportXlsx`, feature `export`) in
## pkg-export/, which www/xlsx-export.js imports only when a user exports,
## so pkg/ never carries the xlsx writer
pkg-export: $(filter pkg-export/%,$(PRECOMPRESSED))
## pkg-risk: Monte Carlo (`Model.monteCarlo`, `MonteCarloRun`, feature `risk`)
## in pkg-risk/, which only the workbench's Monte Carlo worker
## (www/workbench/monte-carlo-worker.js) loads, so pkg/ never carries it
pkg-risk: $(filter pkg-risk/%,$(PRECOMPRESSED))
## pkg-success: success tracking in the browser (`SuccessPortfolio`, feature
## `success`) in pkg-success/, which only www/success.html loads, so pkg/
## never carries it (nor serde_json, which it reads the documents with)
pkg-success: $(filter pkg-success/%,$(PRECOMPRESSED))

$(WASM_RELEASE): FORCE
	cargo build -p yardstick-wasm --lib --release --target $(WASM_TARGET)

# The widget's engine: the model engine only. Its Tracker is the page
# snippet's build, loaded after the first result (not on the byte budget).
$(WASM_WIDGET): FORCE
	cargo build -p yardstick-wasm --lib --release --target $(WASM_TARGET) --no-default-features --features model --target-dir target/widget

# The page snippet's engine: the Tracker without the model engine (no
# `model` feature), for pages without a calculator (30 KB budget as sent),
# and the Tracker a widget loads after its first result on a page without
# the snippet (its glue, pkg-page/yardstick.js, imported at run time).
$(WASM_PAGE): FORCE
	cargo build -p yardstick-wasm --lib --release --target $(WASM_TARGET) --no-default-features --features page --target-dir target/page

# The Excel export: the model engine and the xlsx writer, nothing else.
$(WASM_EXPORT): FORCE
	cargo build -p yardstick-wasm --lib --release --target $(WASM_TARGET) --no-default-features --features model,export --target-dir target/export

# Monte Carlo: the model engine and the run, nothing else.
$(WASM_RISK): FORCE
	cargo build -p yardstick-wasm --lib --release --target $(WASM_TARGET) --no-default-features --features model,risk --target-dir target/risk

# Success tracking: the success engine alone (no model engine).
$(WASM_SUCCESS): FORCE
	cargo build -p yardstick-wasm --lib --release --target $(WASM_TARGET) --no-default-features --features success --target-dir target/success

# What else shapes the output: the flags and the tools' versions. Rewritten
# only when they change, so a new flag or a new binaryen rebuilds both.
WASM_OPT_STAMP := target/wasm-opt/flags.txt
$(WASM_OPT_STAMP): FORCE
	@mkdir -p $(@D)
	@stamp='$(WASM_OPT_FLAGS) | $(WASM_OPT_EXPORT_FLAGS) | '"$$(wasm-opt --version) | $$(wasm-bindgen --version)"; \
	  if [ "$$(cat $@ 2>/dev/null)" != "$$stamp" ]; then echo "$$stamp" >$@; fi

BINDGEN_INPUTS := $(WASM_OPT_STAMP) scripts/check-wasm-float-formatting.sh scripts/check-dts.mjs

pkg/yardstick_bg.wasm pkg/yardstick.js pkg/yardstick.d.ts pkg/yardstick_bg.wasm.d.ts &: $(WASM_RELEASE) $(BINDGEN_INPUTS) scripts/short-wasm-names.mjs
	scripts/check-wasm-float-formatting.sh $(WASM_RELEASE)
	$(MAKE) --no-print-directory bindgen OUT=pkg IN=$(WASM_RELEASE)
	@# The names the wasm and the glue share become one or two letters in
	@# both, as in the widget build (0.8 KB less as served).
	node scripts/short-wasm-names.mjs pkg

pkg-widget/yardstick_bg.wasm pkg-widget/yardstick.js pkg-widget/yardstick.d.ts pkg-widget/yardstick_bg.wasm.d.ts &: $(WASM_WIDGET) $(BINDGEN_INPUTS) scripts/short-wasm-names.mjs
	scripts/check-wasm-float-formatting.sh $(WASM_WIDGET)
	$(MAKE) --no-print-directory bindgen OUT=pkg-widget IN=$(WASM_WIDGET)
	@# The glue is minified in place (6.0 -> 3.4 KB gzipped) for anyone loading
	@# it alone; its exports, and the import names the wasm looks up, are
	@# strings esbuild keeps.
	npx --no-install esbuild pkg-widget/yardstick.js --minify --format=esm --target=es2022 \
	  --log-level=warning --allow-overwrite --outfile=pkg-widget/yardstick.js
	@# Then the names the wasm and the glue share (imports hashed by
	@# wasm-bindgen, exports) become one or two letters in both, and the
	@# wasm's target_features section goes (1.2 KB less as served).
	node scripts/short-wasm-names.mjs pkg-widget

pkg-page/yardstick_bg.wasm pkg-page/yardstick.js pkg-page/yardstick.d.ts pkg-page/yardstick_bg.wasm.d.ts &: $(WASM_PAGE) $(BINDGEN_INPUTS) scripts/short-wasm-names.mjs
	scripts/check-wasm-float-formatting.sh $(WASM_PAGE)
	$(MAKE) --no-print-directory bindgen OUT=pkg-page IN=$(WASM_PAGE)
	@# As the widget's glue: minified (the widget imports it at run time for
	@# its Tracker), then the shared names shortened.
	npx --no-install esbuild pkg-page/yardstick.js --minify --format=esm --target=es2022 \
	  --log-level=warning --allow-overwrite --outfile=pkg-page/yardstick.js
	node scripts/short-wasm-names.mjs pkg-page

# As pkg/: the Monte Carlo worker waits for it before a user's first run.
pkg-risk/yardstick_bg.wasm pkg-risk/yardstick.js pkg-risk/yardstick.d.ts pkg-risk/yardstick_bg.wasm.d.ts &: $(WASM_RISK) $(BINDGEN_INPUTS) scripts/short-wasm-names.mjs
	scripts/check-wasm-float-formatting.sh $(WASM_RISK)
	$(MAKE) --no-print-directory bindgen OUT=pkg-risk IN=$(WASM_RISK)
	node scripts/short-wasm-names.mjs pkg-risk

# As pkg-risk/: one page (success.html) loads it. No float-formatting check:
# the core's alert evidence formats scores with `{:.1}` (text for people;
# every figure reaches JavaScript as a number), and this build has no byte
# budget of pkg/'s.
# Its glue imports one module of its own, crates/wasm/src/success_rows.js
# (the portfolio's rows built from columns), which wasm-bindgen copies
# under snippets/ in a folder named by a hash: an earlier build's is removed.
pkg-success/yardstick_bg.wasm pkg-success/yardstick.js pkg-success/yardstick.d.ts pkg-success/yardstick_bg.wasm.d.ts &: $(WASM_SUCCESS) $(BINDGEN_INPUTS) scripts/short-wasm-names.mjs crates/wasm/src/success_rows.js
	rm -rf pkg-success/snippets
	$(MAKE) --no-print-directory bindgen OUT=pkg-success IN=$(WASM_SUCCESS)
	node scripts/short-wasm-names.mjs pkg-success

# No float-formatting check here: rust_xlsxwriter writes numbers with `{}`,
# and this build loads only when a user exports (no byte budget of pkg/).
pkg-export/yardstick_bg.wasm pkg-export/yardstick.js pkg-export/yardstick.d.ts pkg-export/yardstick_bg.wasm.d.ts &: $(WASM_EXPORT) $(BINDGEN_INPUTS)
	$(MAKE) --no-print-directory bindgen OUT=pkg-export IN=$(WASM_EXPORT) OPT_FLAGS='$(WASM_OPT_EXPORT_FLAGS)'

# The page snippet, one minified module: www/page/page.js, the widget's
# engagement and outbox modules and the page build's glue.
PAGE_BUNDLE_DEPS := target/page-bundle.d
-include $(PAGE_BUNDLE_DEPS)
pkg-page/yardstick-page.min.js: pkg-page/yardstick.js $(wildcard www/page/*.js) www/widget/engagement.js www/widget/outbox.js www/widget/page-facts.js www/widget/page-host.js www/widget/page-join.js www/widget/tracker-queue.js
	@mkdir -p target
	npx --no-install esbuild www/page/page.js --bundle --minify --format=esm --target=es2022 \
	  '--mangle-props=^__(wbg_ptr|destroy_into_raw|wrap)$$' \
	  --log-level=warning --metafile=target/page-bundle.json --outfile=$@
	@node -e '$(WIDGET_DEPS_JS)' $@ target/page-bundle.json >$(PAGE_BUNDLE_DEPS).tmp
	@mv $(PAGE_BUNDLE_DEPS).tmp $(PAGE_BUNDLE_DEPS)

# The embed script, one minified module: www/widget/ and the glue bundled by
# esbuild. It fetches the wasm from beside itself. esbuild's list of what it
# read becomes a make dependency file, so a module imported from anywhere
# rebuilds the bundle.
WIDGET_BUNDLE_DEPS := target/widget-bundle.d
# "bundle: inputs" and an empty rule per source, so a deleted module is no error.
WIDGET_DEPS_JS := const [out, meta] = process.argv.slice(1); \
  const inputs = Object.keys(JSON.parse(require("fs").readFileSync(meta, "utf8")).inputs); \
  console.log(`$${out}: $${inputs.join(" ")}`); \
  for (const f of inputs) if (!f.startsWith("pkg")) console.log(`$${f}:`);
-include $(WIDGET_BUNDLE_DEPS)
pkg-widget/yardstick-widget.min.js: pkg-widget/yardstick.js $(wildcard www/widget/*.js)
	@mkdir -p target
	@# The glue's own bookkeeping properties (`__wbg_ptr`, ...) are shortened
	@# like private fields: nothing outside the bundle reads them.
	npx --no-install esbuild www/widget/yardstick.js --bundle --minify --format=esm --target=es2022 \
	  '--mangle-props=^__(wbg_ptr|destroy_into_raw|wrap)$$' \
	  --log-level=warning --metafile=target/widget-bundle.json --outfile=$@
	@node -e '$(WIDGET_DEPS_JS)' $@ target/widget-bundle.json >$(WIDGET_BUNDLE_DEPS).tmp
	@mv $(WIDGET_BUNDLE_DEPS).tmp $(WIDGET_BUNDLE_DEPS)

# Precompressed siblings (zopfli), sent by yardstick-serve to browsers that
# take gzip; it sends one only when it is newer than its file.
# Each rule writes the .br sibling too (scripts/precompress.sh).
$(PRECOMPRESSED): %.gz: % scripts/precompress.sh
	scripts/precompress.sh $<

# bindgen: cargo's wasm $(IN) optimized, then bound into $(OUT)/ (the rules
# above call it; on its own it always reruns).
IN ?= $(WASM_RELEASE)
OPT_FLAGS ?= $(WASM_OPT_FLAGS)
bindgen:
	mkdir -p target/wasm-opt
	wasm-opt $(OPT_FLAGS) $(IN) -o target/wasm-opt/$(OUT).wasm
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
	npx --no-install eslint www tests/js tests/e2e bench eslint.config.js crates/wasm/src/success_rows.js
	cargo fmt --all -- --check
	cargo clippy --workspace --all-targets -- -D warnings
	cargo clippy -p yardstick-wasm --lib --target $(WASM_TARGET) -- -D warnings
	cargo clippy -p yardstick-wasm --lib --target $(WASM_TARGET) --no-default-features -- -D warnings
	cargo clippy -p yardstick-wasm --lib --target $(WASM_TARGET) --no-default-features --features tracker -- -D warnings
	cargo clippy -p yardstick-wasm --lib --target $(WASM_TARGET) --no-default-features --features page -- -D warnings
	cargo clippy -p yardstick-wasm --lib --target $(WASM_TARGET) --no-default-features --features model -- -D warnings
	cargo clippy -p yardstick-wasm --lib --target $(WASM_TARGET) --no-default-features --features model,export -- -D warnings
	cargo clippy -p yardstick-wasm --lib --target $(WASM_TARGET) --no-default-features --features model,risk -- -D warnings
	cargo clippy -p yardstick-wasm --lib --target $(WASM_TARGET) --no-default-features --features success -- -D warnings
	@# The wasm-bindgen tests exist only on wasm32, so the native run above never sees them.
	cargo clippy -p yardstick-wasm --target $(WASM_TARGET) --features $(WASM_TEST_FEATURES) $(WASM_TESTS) -- -D warnings
	RUSTDOCFLAGS="-D warnings" cargo doc --no-deps -p yardstick-core --quiet
	RUSTDOCFLAGS="-D warnings" cargo doc --no-deps -p yardstick-core --features export --quiet

## check-www: type-check the site's JSDoc against the generated pkg/*.d.ts
check-www:
	npx --no-install tsc -p www/jsconfig.json

## test-build: on a built tree, `make pkg pkg-widget pkg-page pkg-export pkg-risk pkg-success` redoes nothing (no wasm-opt,
## wasm-bindgen, esbuild or zopfli), a changed widget module redoes the embed
## script alone, and `make demo` passes ALLOW_ORIGIN and EMBED_ORIGIN to the
## server and ends its output with the pages' addresses
WIDGET_MODULE := $(firstword $(filter-out www/widget/yardstick.js,$(wildcard www/widget/*.js)))
test-build: pkg pkg-widget pkg-page pkg-export pkg-risk pkg-success server
	@out=$$($(MAKE) --no-print-directory pkg pkg-widget pkg-page pkg-export pkg-risk pkg-success 2>&1); \
	  if grep -E 'wasm-opt|wasm-bindgen|esbuild|precompress' <<<"$$out"; then \
	    echo "test-build: make pkg pkg-widget pkg-page pkg-export pkg-risk pkg-success redid the above on a built tree" >&2; exit 1; fi
	@touch $(WIDGET_MODULE)
	@out=$$($(MAKE) --no-print-directory pkg pkg-widget 2>&1); \
	  if ! grep -q 'esbuild www/widget/yardstick.js' <<<"$$out" \
	    || ! grep -q 'precompress.sh pkg-widget/yardstick-widget.min.js' <<<"$$out" \
	    || grep -E 'wasm-opt|wasm-bindgen|precompress.sh pkg/' <<<"$$out"; then \
	    echo "test-build: a newer $(WIDGET_MODULE) must rebuild the embed script and nothing else:" >&2; \
	    echo "$$out" >&2; exit 1; fi
	@out=$$($(MAKE) --no-print-directory demo PORT=0 DEMO_DB=:memory: DEMO_ARGS='--max-lifetime-secs 2' \
	    ALLOW_ORIGIN='https://a.example https://b.example:8443' EMBED_ORIGIN=https://cdn.example 2>&1); \
	  if grep -E 'wasm-opt|esbuild|precompress' <<<"$$out" \
	    || ! grep -qx 'Other sites allowed: https://a.example https://b.example:8443' <<<"$$out" \
	    || ! grep -qx 'embed.html may also load from: https://cdn.example' <<<"$$out" \
	    || ! tail -n 1 <<<"$$out" | grep -Eq '^ +playground +http://127\.0\.0\.1:[0-9]+/$$'; then \
	    echo "test-build: make demo on a built tree must build nothing, pass ALLOW_ORIGIN and EMBED_ORIGIN, and end with the pages' addresses:" >&2; \
	    echo "$$out" >&2; exit 1; fi
	@echo "test-build: a built tree is not rebuilt; a widget module rebuilds the embed script; demo passes the origins and ends with the addresses"

## test-schema: the example models, cases and success data against docs/model.schema.json, docs/case.schema.json and docs/success.schema.json (and the schemas against broken ones)
test-schema:
	python3 tests/data/models/validate_models.py
	python3 tests/data/cases/validate_cases.py
	python3 tests/data/success/validate_success.py

test-rust:
	cargo test --workspace --exclude yardstick-xlsx --all-targets
	@# The widget build's core (no `workbench`: no numeric path, stricter
	@# analysis budgets) is a configuration of its own; test it as such.
	cargo test -p yardstick-core --no-default-features --all-targets

## test-export: the Excel export's workbooks of every example model,
## recalculated by headless LibreOffice (soffice), equal Yardstick's values
# The core's translation tests need its `export` feature, which only
# yardstick-xlsx turns on; test-rust leaves the crate to this tier (its
# LibreOffice test needs soffice).
test-export:
	cargo test -p yardstick-core --features export --lib export
	cargo test -p yardstick-xlsx --all-targets

test-wasm: test-wasm-node test-wasm-chrome

WASM_TESTS := --test wasm_api --test wasm_model --test wasm_workbench --test wasm_engagement --test wasm_page --test wasm_errors --test wasm_monte_carlo --test wasm_success --test wasm_success_proof --test wasm_success_evidence --test wasm_success_execute
# Every binding: the full build's, the page snippet's Tracker, Monte Carlo
# and success tracking (wasm_monte_carlo refuses to build without `risk`,
# wasm_success and wasm_success_proof without `success`).
WASM_TEST_FEATURES := page,risk,success

# wasm-bindgen tests run in Node unless WASM_BINDGEN_USE_BROWSER asks for a browser.
test-wasm-node:
	CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
	  cargo test -p yardstick-wasm --target $(WASM_TARGET) --features $(WASM_TEST_FEATURES) $(WASM_TESTS)

test-wasm-chrome:
	CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
	  WASM_BINDGEN_USE_BROWSER=1 CHROMEDRIVER=$(CHROMEDRIVER) \
	  WASM_BINDGEN_TEST_TIMEOUT=120 \
	  cargo test -p yardstick-wasm --target $(WASM_TARGET) --features $(WASM_TEST_FEATURES) $(WASM_TESTS)

## test-js: unit tests of the site's pure modules (number parsing, outbox, completion) in Node
test-js:
	node --test tests/js/

test-e2e:
	YARDSTICK_SERVE=$(SERVER) node --test tests/e2e/

## bench: side-by-side benchmarks against peer engines (prints ratios)
bench: tools pkg pkg-widget pkg-page pkg-risk pkg-success server
	node bench/finance.mjs
	node bench/models.mjs
	node bench/widget.mjs
	node bench/page.mjs

clean:
	cargo clean
	rm -rf pkg pkg-widget pkg-page pkg-export pkg-risk pkg-success node_modules
