// The WebKit browser tests' one retry (scripts/webkit-test-runner.sh):
// only for a test binary whose browser crashed, with a stand-in runner.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const script = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../scripts/webkit-test-runner.sh");

// Runs the script with a runner that answers `answers[n]` on its nth run
// ([exit status, what it prints]); returns the status, output and runs.
function run(answers) {
  const dir = mkdtempSync(path.join(tmpdir(), "webkit-runner-"));
  try {
    const runner = path.join(dir, "runner.sh");
    const count = path.join(dir, "runs");
    writeFileSync(count, "0");
    const cases = answers.map(([status, text], i) => `${i + 1}) echo '${text}'; exit ${status};;`).join("\n");
    writeFileSync(runner, `#!/usr/bin/env bash\nn=$(( $(cat '${count}') + 1 )); echo "$n" > '${count}'\ncase "$n" in\n${cases}\nesac\n`, { mode: 0o755 });
    const result = spawnSync("bash", [script, "browser_clock.wasm"], { env: { ...process.env, WASM_BINDGEN_TEST_RUNNER: runner }, encoding: "utf8" });
    return { status: result.status, output: result.stdout, runs: Number(readFileSync(count, "utf8")) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const crashed = "** (MiniBrowser:1024): WARNING **: WebProcess CRASHED";

test("a passing binary runs once", () => {
  const { status, runs } = run([[0, "test result: ok. 9 passed"]]);
  assert.deepEqual([status, runs], [0, 1]);
});

test("a failed test fails at once, without a second run", () => {
  const { status, runs } = run([[1, "test result: FAILED. 8 passed; 1 failed"]]);
  assert.deepEqual([status, runs], [1, 1]);
});

test("a crashed browser runs the binary once more, and its pass counts", () => {
  const { status, runs, output } = run([[1, crashed], [0, "test result: ok. 9 passed"]]);
  assert.deepEqual([status, runs], [0, 2]);
  assert.match(output, /browser was lost in browser_clock.wasm: once more in a fresh one/);
});

test("a second crash fails", () => {
  const { status, runs } = run([[1, crashed], [1, crashed]]);
  assert.deepEqual([status, runs], [1, 2]);
});
