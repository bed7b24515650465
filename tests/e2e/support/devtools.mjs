// Chromium driven over its DevTools pipe, with nothing in between: a
// page Playwright drives is never hidden (its focus emulation and window
// per page keep it in front), and a test of a background tab needs one
// behind another, as in a person's browser.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { CHROMIUM } from "./browser.mjs";

// A headless Chromium with `args`, its first tab at `url`. `evaluate`
// runs an expression in that tab (awaiting a promise, the value as JSON),
// `waitFor` until one is true; `newTab` opens a tab in front of it;
// `close` ends the browser.
export async function tabs(url, args = []) {
  const profile = mkdtempSync(path.join(os.tmpdir(), "session-timeout-chromium-"));
  // The pipe: Chromium reads commands from fd 3 and writes to fd 4, each
  // message JSON ended by a NUL.
  const child = spawn(CHROMIUM, ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--remote-debugging-pipe", `--user-data-dir=${profile}`, ...args, "about:blank"],
  { stdio: ["ignore", "ignore", "ignore", "pipe", "pipe"] });
  const [input, output] = [child.stdio[3], child.stdio[4]];
  const waiting = new Map();
  let next = 0, buffered = "";
  output.on("data", (chunk) => {
    buffered += chunk;
    let end;
    while ((end = buffered.indexOf("\0")) >= 0) {
      const message = JSON.parse(buffered.slice(0, end));
      buffered = buffered.slice(end + 1);
      const answer = waiting.get(message.id);
      if (!answer) continue;
      waiting.delete(message.id);
      if (message.error) answer.reject(new Error(`${answer.method}: ${message.error.message}`));
      else answer.resolve(message.result);
    }
  });
  const ended = new Promise((resolve) => child.on("exit", resolve));
  ended.then(() => { for (const answer of waiting.values()) answer.reject(new Error(`Chromium ended before it answered ${answer.method}`)); });
  const send = (method, params = {}, sessionId) => new Promise((resolve, reject) => {
    const id = ++next;
    waiting.set(id, { resolve, reject, method });
    input.write(JSON.stringify({ id, method, params, sessionId }) + "\0");
  });
  const close = async () => {
    child.kill();
    await ended;
    rmSync(profile, { recursive: true, force: true });
  };
  try {
    const { targetInfos } = await send("Target.getTargets");
    const first = targetInfos.find((t) => t.type === "page");
    const { sessionId } = await send("Target.attachToTarget", { targetId: first.targetId, flatten: true });
    const evaluate = async (expression) => {
      const { result, exceptionDetails } = await send("Runtime.evaluate", { expression, awaitPromise: true, returnByValue: true }, sessionId);
      if (exceptionDetails) throw new Error(`${expression}: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
      return result.value;
    };
    await send("Page.enable", {}, sessionId);
    await send("Page.navigate", { url }, sessionId);
    const waitFor = async (expression, ms = 15000) => {
      for (const end = Date.now() + ms; !(await evaluate(expression));) {
        if (Date.now() > end) throw new Error(`not true within ${ms} ms: ${expression}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    return { evaluate, waitFor, newTab: () => send("Target.createTarget", { url: "about:blank", newWindow: false }), close };
  } catch (error) {
    await close();
    throw error;
  }
}
