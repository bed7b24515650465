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
