// The servers a test file starts are stopped when its process exits, even
// when a test failed before its own `finally` could stop them.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const children = fileURLToPath(new URL("../e2e/support/children.mjs", import.meta.url));
// Running, not a zombie: here PID 1 may be slow to reap an orphan.
const alive = (pid) => {
  try {
    return readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1][0] !== "Z";
  } catch {
    return false;
  }
};

test("a file that fails with a server running leaves none behind", async () => {
  // A stand-in server (sleep), started and tracked; then the file fails.
  const script = `
    import { spawn } from "node:child_process";
    import { track } from ${JSON.stringify(children)};
    const child = track(spawn("sleep", ["60"], { stdio: "ignore" }));
    console.log(child.pid);
    throw new Error("signing in failed");
  `;
  const run = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
  assert.notEqual(run.status, 0, "the file failed");
  const pid = Number(run.stdout.trim());
  assert.ok(pid > 0, `the server's pid: ${run.stdout}`);
  for (let i = 0; i < 50 && alive(pid); i++) await new Promise((resolve) => setTimeout(resolve, 20));
  assert.equal(alive(pid), false, "the server was stopped");
});
