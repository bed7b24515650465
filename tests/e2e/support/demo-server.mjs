// Starts the demo server on 127.0.0.1 with a free port for one test file,
// and stops it afterwards. Tests never use a server they did not start.
import { spawn } from "node:child_process";
import { track } from "./children.mjs";
import { before, after } from "./retry.mjs";
import { fileURLToPath } from "node:url";
import path from "node:path";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const target = process.env.CARGO_TARGET_DIR ?? path.join(root, "target");
const binary = process.env.DEMO_SERVER_BIN ?? path.join(target, "debug/session-timeout-demo");

export async function startDemo({ session = 6, warn = 4, redirect = 2, keepAliveTimeout = 10, absolute = 0, clockAhead = 0 } = {}) {
  const child = track(spawn(binary, [
    "--port", "0", "--test-hooks",
    "--session-seconds", String(session), "--warn-seconds", String(warn), "--redirect-seconds", String(redirect),
    "--keep-alive-timeout-seconds", String(keepAliveTimeout), "--absolute-seconds", String(absolute), "--clock-ahead-seconds", String(clockAhead),
    "--pkg", path.join(root, "pkg"), "--static", path.join(root, "www/static"),
    "--vendor", path.join(root, "node_modules"),
    "--vite", path.join(root, "tests/vite-app/dist"),
  ], { stdio: ["ignore", "pipe", "inherit"] }));
  const url = await new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error(`demo server did not start: ${out}`)), 15000);
    child.on("exit", (code) => reject(new Error(`demo server exited with ${code}: ${out}`)));
    child.stdout.on("data", (chunk) => {
      out += chunk;
      const m = out.match(/http:\/\/127\.0\.0\.1:\d+\//);
      if (m) { clearTimeout(timer); resolve(m[0].replace(/\/$/, "")); }
    });
  });
  return {
    url,
    // Seconds left of a session, asked with that browser context's cookie
    // at the status endpoint (which does not extend it).
    async secondsLeft(context) {
      const r = await context.request.get(`${url}/session/status`);
      return r.status() === 200 ? (await r.json()).secondsLeft : null;
    },
    async counts() { return (await fetch(`${url}/__test/counts`)).json(); },
    async fault(name) {
      const r = await fetch(`${url}/__test/fault`, { method: "POST", body: name });
      if (!r.ok) throw new Error(`fault ${name}: ${r.status}`);
    },
    // "flaky": status answers alternate a 500 and a time left that is not a
    // number; "slow": each is worked out, then held 1.5 s before it leaves
    // ("slow:4000": 4 s).
    async statusFault(name) {
      const r = await fetch(`${url}/__test/status-fault`, { method: "POST", body: name });
      if (!r.ok) throw new Error(`status fault ${name}: ${r.status}`);
    },
    // Every answer held now ("slow" status, /api/data?hold_ms=) leaves at once.
    async release() {
      const r = await fetch(`${url}/__test/release`, { method: "POST" });
      if (!r.ok) throw new Error(`release: ${r.status}`);
    },
    // Every .wasm waits `ms` before it is served (a slow network).
    async wasmDelay(ms) {
      const r = await fetch(`${url}/__test/wasm-delay`, { method: "POST", body: String(ms) });
      if (!r.ok) throw new Error(`wasm delay ${ms}: ${r.status}`);
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    },
  };
}

// The demo server a test file's tests share: started before the first and
// stopped after the last. Its fields (`url`, `counts`…) are there once the
// file's tests run.
export function fileDemo(options) {
  const demo = {};
  before(async () => { Object.assign(demo, await startDemo(options)); });
  after(async () => { await demo.stop?.(); });
  return demo;
}
