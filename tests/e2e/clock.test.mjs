// The whole clock in a real browser against the real demo server:
// active → warning with a per-second countdown → expired → redirect.
import { test } from "./support/retry.mjs";
import assert from "node:assert/strict";
import { startDemo, fileDemo } from "./support/demo-server.mjs";
import { lacks, open, ENGINE } from "./support/engines.mjs";
import { signIn, useServiceWorker } from "./support/page.mjs";

const demo = fileDemo({ session: 6, warn: 4, redirect: 2 });

test("signed-in page goes active → warning → expired → login page with the expired marker", { skip: lacks() }, async () => {
  const page = await open();
  await signIn(page, demo.url);
  // Kept in sessionStorage, which outlives the redirect to the sign-in page.
  await page.evaluate(() => {
    sessionStorage.setItem("states", "[]");
    const record = (s) => sessionStorage.setItem("states", JSON.stringify([...JSON.parse(sessionStorage.getItem("states")), s]));
    for (const name of ["warning", "tick", "expired", "redirect"]) {
      document.addEventListener(`session-timeout:${name}`, (e) => record(`${name}:${e.detail.state}:${e.detail.redirectSeconds ?? e.detail.remainingSeconds}`));
    }
  });
  assert.equal(await page.text("#session-state"), "active");
  const errors = await page.waitFor(() => window.__events === undefined && document.querySelector("dialog.session-timeout")?.getAttribute("data-view") === "expired", undefined, 15000).then(() => page.errors());
  await page.waitForURL(/\/login\?expired=true&return=%2Fapp$/, 15000);
  const states = await page.evaluate(() => JSON.parse(sessionStorage.getItem("states")));
  assert.deepEqual(states.filter((s) => !s.startsWith("tick")).map((s) => s.split(":")[0]), ["warning", "expired", "redirect"]);
  const warningTicks = states.filter((s) => s.startsWith("tick:warning")).map((s) => Number(s.split(":")[2]));
  assert.deepEqual(warningTicks, [3, 2, 1], "one tick a second, counting down");
  assert.match(await page.text(".notice"), /inactive/);
  assert.deepEqual(errors, []);
  await page.close();
});

test("the first deadline counts from the server's answer to the page, not from when the library finished loading", { skip: lacks() }, async () => {
  const slow = await startDemo({ session: 60, warn: 20, redirect: 2 });
  const page = await open();
  try {
    await signIn(page, slow.url, "Slow");
    // The .wasm takes 3 s to arrive (a slow network, a busy machine).
    await slow.wasmDelay(3000);
    await page.goto(`${slow.url}/notes`);
    await page.waitFor(() => window.sessionTimeout?.state === "active", null, 15000);
    const { left, served, seen } = await page.evaluate(() => {
      const nav = performance.getEntriesByType("navigation")[0];
      // What the library could have counted from, should this fail (it
      // once counted from now, 60 s left, when Firefox left the page's
      // responseStart 0: timer::served_from now falls back to earlier marks).
      const since = (t) => Math.round(performance.now() - t);
      const seen = performance.getEntriesByType("resource").map((e) => `${e.initiatorType} ${e.name.replace(location.origin, "")} answered ${since(e.responseStart)} ms ago`);
      seen.unshift(`page answered ${since(nav.responseStart)} ms ago (responseStart ${nav.responseStart})`);
      return { left: window.sessionTimeout.remainingSeconds, served: (Date.now() - (performance.timeOrigin + nav.responseStart)) / 1000, seen };
    });
    assert.ok(served >= 3, `the library started ${served} s after the page's response`);
    assert.ok(left <= 60 - Math.floor(served) + 1 && left >= 60 - served - 1, `${left} s left, counted from the response ${served} s ago; ${seen.join("; ")}`);
  } finally {
    await page.close();
    await slow.stop();
  }
});

test("a page a service worker answers from its own cache is a visit the server never saw: one keep-alive tells it", { skip: lacks() }, async () => {
  const server = await startDemo({ session: 120, warn: 30, redirect: 2 });
  const page = await open();
  try {
    await signIn(page, server.url, "Offline");
    await useServiceWorker(page, "cache-first-sw.js");
    const sent = async () => (await server.counts()).keepAlive;
    // Through the worker from the network (it keeps a copy): served. Firefox
    // reports no sizes for any page a worker answers, so there it tells
    // the server of this visit too.
    await page.goto(`${server.url}/app`);
    await page.waitFor(() => window.sessionTimeout?.state === "active", null, 15000);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const before = await sent();
    assert.equal(before, ENGINE === "firefox" ? 1 : 0, "a page the server answered sends no keep-alive");
    // From the worker's cache: the server never saw this visit.
    await page.goto(`${server.url}/app`);
    await page.waitFor(() => window.sessionTimeout?.state === "active", null, 15000);
    const transfer = await page.evaluate(() => performance.getEntriesByType("navigation")[0].transferSize);
    assert.equal(transfer, 0, "the page came from the worker's cache");
    const until = Date.now() + 10000;
    while ((await sent()) === before && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 50));
    await new Promise((resolve) => setTimeout(resolve, 500)); // and no second one
    assert.equal(await sent(), before + 1, "one keep-alive for the visit");
  } finally {
    await page.close();
    await server.stop();
  }
});
