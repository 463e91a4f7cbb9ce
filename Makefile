# The two commands of the README: `make serve` and `make test`.
# Both install what is missing first, so they work on a fresh machine.

SHELL := /bin/bash
PORT ?= 8080
CRATE := neuroplay
# Must equal the wasm-bindgen version pinned in Cargo.toml.
WASM_BINDGEN_VERSION := 0.2.130
WASM := target/wasm32-unknown-unknown/release/$(CRATE).wasm
PKG := www/pkg
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# wasm-opt from the npm package binaryen (package.json pins it; Debian's
# wasm-opt corrupts wasm-bindgen's output). The features are those the wasm
# uses, as `wasm-opt --detect-features --print-features` lists them.
WASM_OPT := node_modules/.bin/wasm-opt
WASM_FEATURES := --enable-simd --enable-bulk-memory --enable-bulk-memory-opt --enable-reference-types \
	--enable-sign-ext --enable-nontrapping-float-to-int --enable-mutable-globals --enable-multivalue \
	--enable-call-indirect-overlong
# The exported NumPy script is checked with this Python and NumPy.
PYTHON := target/pyenv/bin/python
NUMPY_VERSION := 2.4.6

.PHONY: serve test build build-test-panic setup setup-npm setup-browser setup-python typecheck lint test-native test-wasm test-e2e size bench scenarios

## Serve the playground on http://127.0.0.1:$(PORT)/
serve: build
	node tools/serve.mjs www $(PORT)

## Every test: the page's types, formatting, lints, native, wasm in Chromium, end to end (Chromium and Firefox).
test: setup-browser setup-python build typecheck lint test-native test-wasm test-e2e

## The Rust pieces: wasm target, fmt and clippy, the wasm-bindgen CLI at the pinned version.
setup:
	@rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
	@rustup component list --installed | grep -q '^clippy' || rustup component add clippy
	@rustup component list --installed | grep -q '^rustfmt' || rustup component add rustfmt
	@wasm-bindgen --version 2>/dev/null | grep -qF '$(WASM_BINDGEN_VERSION)' || \
		cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION) --force

## The npm packages, exactly as package-lock.json has them (wasm-opt, and the
## e2e tests' playwright-core for Chromium and puppeteer-core for Firefox):
## installed again whenever the lock file differs from what was installed.
setup-npm:
	@node tools/npm-current.mjs || npm ci --no-audit --no-fund

## Debian's Chromium, ChromeDriver and Firefox ESR.
setup-browser: setup setup-npm
	@command -v chromium >/dev/null && command -v chromedriver >/dev/null && command -v firefox-esr >/dev/null || \
		{ $(SUDO) apt-get update && $(SUDO) apt-get install -y chromium chromium-driver firefox-esr; }

## The release wasm, optimised by wasm-opt, and its JS glue in www/pkg.
build: setup setup-npm
	cargo build --release --target wasm32-unknown-unknown
	wasm-bindgen --target web --out-dir $(PKG) $(WASM)
	$(WASM_OPT) -O3 $(WASM_FEATURES) $(PKG)/neuroplay_bg.wasm -o $(PKG)/neuroplay_bg.wasm
	node tools/precache.mjs www
	@$(MAKE) --no-print-directory size

## The site's wasm with a panic the end-to-end tests can arm (target/test-panic-pkg),
## a debug build: never served by `make serve`.
build-test-panic: setup
	cargo build --target wasm32-unknown-unknown --features test-panic
	wasm-bindgen --target web --out-dir target/test-panic-pkg target/wasm32-unknown-unknown/debug/$(CRATE).wasm

## The site's size, gzipped.
size:
	@total=0; for f in www/*.html www/*.js www/*.css www/*.svg $(PKG)/*.js $(PKG)/*.wasm; do \
		n=$$(gzip -9 -c "$$f" | wc -c); total=$$((total + n)); printf '  %-40s %7d B gzipped\n' "$$f" "$$n"; done; \
		printf 'Site size: %d KB gzipped (HTML, JS, CSS, wasm)\n' $$((total / 1024))

## The speed benchmark: the release wasm in Node (target/bench.json), natively,
## and the page's own work per frame in headless Chromium (target/bench-page.json);
## the digits lab against scikit-learn (target/bench-digits.json), whose own
## virtual environment (target/bench-venv) only the benchmark installs.
bench: setup-browser build target/bench-venv/bin/python
	node tools/bench.mjs
	node tools/bench-tfp.mjs
	cargo run --release --quiet --example bench
	node tools/bench-page.mjs
	node tools/bench-digits.mjs

target/bench-venv/bin/python:
	python3 -m venv target/bench-venv
	target/bench-venv/bin/python -m pip install --quiet --disable-pip-version-check scikit-learn threadpoolctl

## The page's modules against their JSDoc types and the core's generated
## declarations (www/pkg/neuroplay.d.ts, written by `build`), strictly
## (tsconfig.json); TypeScript is package.json's, so no network is needed.
typecheck: setup-npm build
	node_modules/.bin/tsc -p .

lint: setup
	cargo fmt --check
	cargo clippy --all-targets -- -D warnings
	cargo clippy --target wasm32-unknown-unknown --all-targets -- -D warnings

test-native:
	cargo test

## Every playground scenario's claims over 5,000 epochs for seeds 1–5, optimised
## (`cargo test` checks seeds 1–2); prints each claim's worst figure.
scenarios:
	cargo test --release --test scenarios -- --ignored --nocapture

test-wasm: setup-browser
	cargo test --target wasm32-unknown-unknown

## Python with NumPy, for the test that runs the exported NumPy script.
setup-python:
	@$(PYTHON) -c 'import numpy' 2>/dev/null || \
		{ python3 -m venv target/pyenv && $(PYTHON) -m pip install --quiet --disable-pip-version-check numpy==$(NUMPY_VERSION); }

test-e2e: setup-browser setup-python build build-test-panic
	PYTHON=$(abspath $(PYTHON)) node --test tests/e2e/
