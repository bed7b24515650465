#!/usr/bin/env bash
# wasm-bindgen-test-runner for WebKit, run once more on a test binary whose
# browser itself was lost: WebKitGTK's web process crashing ("WebProcess
# CRASHED" from its driver), seen in CI as the page loaded, before any
# test ran. A lost browser says nothing about the library, as in the
# end-to-end tests (tests/e2e/support/retry.mjs). Any other failure fails
# at once, and so does a second loss; each retry is printed.
set -uo pipefail
runner="${WASM_BINDGEN_TEST_RUNNER:-wasm-bindgen-test-runner}"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
"$runner" "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
if [ "$status" -ne 0 ] && grep -q "WebProcess CRASHED" "$log"; then
  echo "# the browser was lost in $(basename "${1:-tests}"): once more in a fresh one"
  "$runner" "$@"
  status=$?
fi
exit "$status"
