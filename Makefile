# session-timeout: `make demo` to watch it, `make test` to check everything.
# Each target installs what it needs (scripts/setup.sh, pinned versions).

SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export CHROMEDRIVER ?= /usr/bin/chromedriver
export GECKODRIVER ?= $(HOME)/.cargo/bin/geckodriver
export WASM_BINDGEN_TEST_TIMEOUT ?= 60

.PHONY: demo test setup setup-demo pkg demo-server test-native test-browser test-chrome test-firefox test-e2e clean

demo: setup-demo pkg
	cargo run --release --quiet -p session-timeout-demo -- $(DEMO_ARGS)

test: setup pkg test-native test-browser test-e2e
	@echo "make test: all suites passed"

setup:
	@bash scripts/setup.sh

setup-demo:
	@NEED_BROWSERS=0 bash scripts/setup.sh

# The npm package, as users get it: ES module + .wasm + types.
pkg:
	wasm-pack build --release --target web --out-dir pkg --out-name session_timeout_wasm
	node scripts/package.mjs

demo-server:
	cargo build -p session-timeout-demo

test-native:
	cargo test --workspace

test-browser: test-chrome test-firefox

test-chrome:
	wasm-pack test --headless --chrome --chromedriver "$(CHROMEDRIVER)"

test-firefox:
	wasm-pack test --headless --firefox --geckodriver "$(GECKODRIVER)"

# A real browser against the demo server, which each test file starts itself.
test-e2e: pkg demo-server
	node --test --test-concurrency=1 tests/e2e/

clean:
	rm -rf pkg target node_modules
