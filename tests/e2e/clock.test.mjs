// The whole clock in a real browser against the real demo server:
// active → warning with a per-second countdown → expired → redirect.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startDemo } from "./support/demo-server.mjs";
import { launch, signIn } from "./support/browser.mjs";

let demo, browser;
before(async () => { demo = await startDemo({ session: 6, warn: 4, redirect: 2 }); browser = await launch(); });
after(async () => { await browser?.close(); await demo?.stop(); });

test("signed-in page goes active → warning → expired → login page with the expired marker", async () => {
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await signIn(page, demo.url);
  const states = [];
  await page.exposeFunction("recordState", (s) => states.push(s));
  await page.evaluate(() => {
    for (const name of ["warning", "tick", "expired", "redirect"]) {
      document.addEventListener(`session-timeout:${name}`, (e) => window.recordState(`${name}:${e.detail.state}:${e.detail.redirectSeconds ?? e.detail.remainingSeconds}`));
    }
  });
  assert.equal(await page.textContent("#session-state"), "active");
  await page.waitForURL(/\/login\?expired=true&return=%2Fapp$/, { timeout: 15000 });
  assert.deepEqual(states.filter((s) => !s.startsWith("tick")).map((s) => s.split(":")[0]), ["warning", "expired", "redirect"]);
  const warningTicks = states.filter((s) => s.startsWith("tick:warning")).map((s) => Number(s.split(":")[2]));
  assert.deepEqual(warningTicks, [3, 2, 1], "one tick a second, counting down");
  assert.match(await page.textContent(".notice"), /inactive/);
  assert.deepEqual(errors, []);
});

test("the first deadline counts from the server's answer to the page, not from when the library finished loading", async () => {
  const slow = await startDemo({ session: 60, warn: 20, redirect: 2 });
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    await signIn(page, slow.url, "Slow");
    // The .wasm takes 3 s to arrive (a slow network, a busy machine).
    await context.route("**/session_timeout_wasm_bg.wasm", async (route) => {
      await new Promise((r) => setTimeout(r, 3000));
      await route.continue();
    });
    await page.goto(`${slow.url}/notes`);
    await page.waitForFunction(() => window.sessionTimeout?.state === "active", null, { timeout: 15000 });
    const { left, served } = await page.evaluate(() => {
      const nav = performance.getEntriesByType("navigation")[0];
      return { left: window.sessionTimeout.remainingSeconds, served: (Date.now() - (performance.timeOrigin + nav.responseStart)) / 1000 };
    });
    assert.ok(served >= 3, `the library started ${served} s after the page's response`);
    assert.ok(left <= 60 - Math.floor(served) + 1 && left >= 60 - served - 1, `${left} s left, counted from the response ${served} s ago`);
  } finally {
    await context.close();
    await slow.stop();
  }
});
