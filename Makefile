# session-timeout: `make demo` to watch it, `make test` to check everything.
# Each target installs what it needs (scripts/setup.sh, pinned versions).

SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export CHROMEDRIVER ?= /usr/bin/chromedriver
export GECKODRIVER ?= $(HOME)/.cargo/bin/geckodriver
export WASM_BINDGEN_TEST_TIMEOUT ?= 60
# One build cache per machine, shared by every clone: a fresh clone on a
# warm machine does not rebuild the world.
export CARGO_TARGET_DIR ?= $(HOME)/.cache/session-timeout/target

.PHONY: own-build bench bench-features screenshots fuzz demo test setup setup-demo pkg pack-consumer demo-server test-native test-browser test-chrome test-firefox test-webkit test-package test-e2e test-e2e-frameworks clean

demo: setup-demo pkg
	cargo run --release --quiet -p session-timeout-demo -- $(DEMO_ARGS)

test: setup pkg test-native test-browser test-package test-e2e
	@echo "make test: all suites passed"

setup:
	@bash scripts/setup.sh

setup-demo:
	@NEED_BROWSERS=0 bash scripts/setup.sh

# Cargo judges our own crates fresh by file times, so a checkout older than
# the last clone's build would reuse that build, the other clone's paths
# baked in: rebuild our crates (only) whenever the checkout changes.
own-build:
	@stamp="$(CARGO_TARGET_DIR)/.checkout"; \
	if [ -d "$(CARGO_TARGET_DIR)" ] && [ "$$(cat "$$stamp" 2>/dev/null)" != "$(CURDIR)" ]; then \
		for target in "" "--target wasm32-unknown-unknown"; do for profile in "" --release; do \
			cargo clean --quiet -p session-timeout -p session-timeout-demo $$target $$profile; \
		done; done; \
	fi; \
	mkdir -p "$(CARGO_TARGET_DIR)" && echo "$(CURDIR)" > "$$stamp"

# The npm package, as users get it: ES module + .wasm + types.
pkg: own-build
	rm -rf pkg/snippets
	wasm-pack build --release --target web --out-dir pkg --out-name session_timeout_wasm -- --no-default-features
	node scripts/package.mjs

demo-server: own-build
	cargo build -p session-timeout-demo

test-native: own-build
	cargo test --workspace
	cargo build --quiet --target wasm32-unknown-unknown --example rust_frontend
	@echo "examples: 1 passed, 0 failed"

# One engine after another: the three take about 45 s in all (one test
# binary, in virtual time: each engine starts once, not once per file);
# run at once on two cores, WebKit's page sometimes stopped answering
# the test driver.
test-browser: own-build test-chrome test-firefox test-webkit

# The test runner picks Firefox whenever GECKODRIVER is set, whatever
# wasm-pack was asked: each engine's run sees only its own driver.
test-chrome:
	env -u GECKODRIVER wasm-pack test --headless --chrome --chromedriver "$(CHROMEDRIVER)"

test-firefox:
	env -u CHROMEDRIVER wasm-pack test --headless --firefox --geckodriver "$(GECKODRIVER)"

# WebKit (Safari's engine): WebKitGTK's driver opens its MiniBrowser, which
# the test runner drives as it would safaridriver, on a private X display;
# a test binary whose browser crashed runs once more (the script says why).
test-webkit:
	env -u CHROMEDRIVER -u GECKODRIVER SAFARIDRIVER=/usr/bin/WebKitWebDriver \
		CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER="$(CURDIR)/scripts/webkit-test-runner.sh" \
		bash scripts/with-xvfb.sh cargo test --target wasm32-unknown-unknown

# The package as users get it: `npm pack`, installed into a Vite app.
VITE_APP := tests/vite-app
pack-consumer: pkg
	rm -rf $(VITE_APP)/.pack $(VITE_APP)/node_modules/session-timeout-wasm && mkdir -p $(VITE_APP)/.pack
	cd pkg && npm pack --pack-destination ../$(VITE_APP)/.pack --loglevel=error >/dev/null
	mv $(VITE_APP)/.pack/session-timeout-wasm-*.tgz $(VITE_APP)/.pack/session-timeout.tgz
	cd $(VITE_APP) && npm install --no-package-lock --no-audit --no-fund --loglevel=error
	cd $(VITE_APP) && node node_modules/vite/bin/vite.js build --logLevel warn

test-package: pack-consumer
	cd $(VITE_APP) && node check-types.mjs
	cd $(VITE_APP) && node check-import.mjs

# The README's recipes against the example apps, the package's file lists
# and its shortened names, the end-to-end harness; then real browsers
# against the demo server and the real-framework examples (which each
# test file starts itself): the framework files as one job, every other
# file once per engine, four at a time (tests/e2e/run.mjs says how they
# take turns). The tests mostly wait for short real sessions to pass, so
# four jobs share two cores without running late.
test-e2e: pkg pack-consumer demo-server
	node --test --test-concurrency=1 tests/docs/ tests/build/ tests/harness/
	node tests/e2e/run.mjs $(FRAMEWORK_E2E) -- $(ENGINE_E2E)

# One file in one engine is `make e2e.firefox.flow`; `make test-e2e-firefox`
# runs all but the framework files in that engine (tests/e2e/support/engines.mjs).
# Each test and hook has 3 minutes (tests/e2e/support/retry.mjs).
NODE_E2E := node --test --test-concurrency=1 --test-force-exit
FRAMEWORK_E2E := $(wildcard tests/e2e/framework*.test.mjs)
ENGINE_E2E := $(filter-out $(FRAMEWORK_E2E),$(wildcard tests/e2e/*.test.mjs))

e2e.%:
	@echo "end-to-end tests in $(word 1,$(subst ., ,$*)): $(word 2,$(subst ., ,$*)).test.mjs"
	E2E_ENGINE=$(word 1,$(subst ., ,$*)) $(NODE_E2E) tests/e2e/$(word 2,$(subst ., ,$*)).test.mjs

test-e2e-%:
	@echo "end-to-end tests in $*:"
	E2E_ENGINE=$* $(NODE_E2E) $(ENGINE_E2E)

# The real-framework apps (examples/servers/), whose pages are rewritten in
# flight: Playwright's Chromium only (README, Browser support).
test-e2e-frameworks:
	@echo "end-to-end tests against the real frameworks, in chromium:"
	E2E_ENGINE=chromium $(NODE_E2E) $(FRAMEWORK_E2E)

# Refreshes the README's pictures (tests alone write to tests/e2e/out/).
screenshots: setup pkg pack-consumer demo-server
	SCREENSHOTS_DIR=docs/screenshots node --test --test-concurrency=1 tests/e2e/flow.test.mjs tests/e2e/accessibility.test.mjs

# Side by side with the libraries people use today: writes bench/results.md.
bench: setup pkg demo-server
	@command -v twiggy >/dev/null || cargo install --locked twiggy --version 0.8.0
	cargo build --release --quiet --target wasm32-unknown-unknown --no-default-features
	cd bench && npm ci --no-audit --no-fund --loglevel=error
	node bench/run.mjs

# What each feature costs in the .wasm (a dozen builds, ~3 minutes):
# writes bench/feature-costs.md.
bench-features: setup
	node bench/feature-costs.mjs

# The core's invariants over many more random input sequences.
fuzz: own-build
	PROPTEST_CASES=$${PROPTEST_CASES:-200000} cargo test --release --test core properties::

# Everything the builds and installs wrote into the tree, and the build
# cache this clone builds in (CARGO_TARGET_DIR, shared by clones).
clean:
	rm -rf pkg target node_modules "$(CARGO_TARGET_DIR)" examples/servers/.venv examples/servers/node_modules \
		tests/vite-app/node_modules tests/vite-app/dist tests/vite-app/.pack bench/node_modules
