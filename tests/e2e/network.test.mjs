// A hostile network for the keep-alive and the status check, as a table:
// each fault leaves the page in a correct, explained state; nobody is
// signed out early, nobody stays "signed in" on a dead session, and no
// request storm (requests are counted).
import { test } from "./support/retry.mjs";
import assert from "node:assert/strict";
import { startDemo, fileDemo } from "./support/demo-server.mjs";
import { lacks, open } from "./support/engines.mjs";
import { waitForState, dialogText, signIn } from "./support/page.mjs";

const demo = fileDemo({ session: 9, warn: 8, redirect: 3, keepAliveTimeout: 2 });
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const FAILED = "We could not reach the server. Check your connection and try again.";
const REFUSED = "We could not extend your session. Try again, or save your work and sign in again.";

// fault → what the page must show after one click on "Stay signed in".
const CASES = [
  { fault: "500", state: "warning", error: FAILED },
  { fault: "502", state: "warning", error: FAILED },
  { fault: "hang", state: "warning", error: FAILED },
  { fault: "403", state: "warning", error: REFUSED },
  { fault: "login-redirect", state: "expired" },
  // The browser will not follow it (another origin, no CORS) and fails as
  // with no network; asked once more without following, it shows itself.
  { fault: "provider-redirect", state: "expired", posts: 2 },
  { fault: "garbage-header", state: "active" },
  { fault: "401", state: "expired" },
];

// Signed in and warned; keepAlives() counts the POSTs the server got since.
async function warned(server) {
  const page = await open();
  await signIn(page, server.url, "Net");
  await waitForState(page, "warning");
  const before = (await server.counts()).keepAlive;
  return { context: page, page, keepAlives: async () => (await server.counts()).keepAlive - before };
}

let counted = 0;
for (const c of CASES) {
  test(`keep-alive answers ${c.fault}: the page is ${c.state}${c.error ? ", and says why" : ""}`, { skip: lacks() }, async () => {
    const { context, page, keepAlives } = await warned(demo);
    await demo.fault(c.fault);
    try {
      const deadline = await page.evaluate(() => Date.now() + window.sessionTimeout.remainingSeconds * 1000);
      await page.click("text=Stay signed in");
      if (c.error) {
        await page.waitFor((t) => document.querySelector(".session-timeout__error")?.textContent === t, c.error, 5000);
        assert.equal(await page.evaluate(() => window.sessionTimeout.state), "warning", "not signed out early");
        const after = await page.evaluate(() => Date.now() + window.sessionTimeout.remainingSeconds * 1000);
        assert.ok(after <= deadline + 1000, "the deadline did not move on a failure");
      } else {
        await waitForState(page, c.state, 5000);
      }
      await sleep(1000);
      assert.equal(await keepAlives(), c.posts ?? 1, "one POST, no automatic retries");
      if (c.state === "active") assert.ok(await page.evaluate(() => window.sessionTimeout.remainingSeconds) >= 5, "a garbage time-left header falls back to the session length");
      if (c.state === "expired") assert.equal(await dialogText(page, "title"), "You have been signed out");
      counted++;
    } finally {
      await demo.fault("none");
      await page.close();
    }
  });
}

test("connection refused (the server stopped mid-session): explained, and expiry still comes on time, not before", { skip: lacks() }, async () => {
  // A long redirect delay: "expired" lasts long enough that a poll slowed
  // by a busy machine cannot miss it before the page leaves.
  const doomed = await startDemo({ session: 9, warn: 8, redirect: 30, keepAliveTimeout: 2 });
  const { context, page } = await warned(doomed);
  try {
    await doomed.stop();
    await page.click("text=Stay signed in");
    await page.waitFor((t) => document.querySelector(".session-timeout__error")?.textContent === t, FAILED, 5000);
    assert.equal(await page.evaluate(() => window.sessionTimeout.state), "warning");
    await waitForState(page, "expired", 8000);
    counted++;
  } finally {
    await page.close();
  }
});

test("status endpoint faults change nothing: the local clock stands", { skip: lacks() }, async () => {
  // The status is asked 5 s before the warning (at 7 s), and again on
  // coming back to the tab 5 s after that.
  const server = await startDemo({ session: 20, warn: 8, redirect: 3 });
  const page = await open();
  await server.statusFault("flaky"); // a 500, then a time left that is not a number, …
  try {
    await signIn(page, server.url, "Status");
    const deadline = await page.evaluate(() => Date.now() + window.sessionTimeout.remainingSeconds * 1000);
    await waitForState(page, "warning", 20000);
    assert.equal((await server.counts()).status, 1, "asked before the warning: a 500");
    await sleep(500);
    await page.evaluate(() => document.dispatchEvent(new Event("visibilitychange")));
    await sleep(1000);
    assert.equal((await server.counts()).status, 2, "asked again on coming back: a time left that is not a number");
    assert.equal(await page.evaluate(() => window.sessionTimeout.state), "warning", "a 500 or a garbage answer neither extends nor ends it");
    const after = await page.evaluate(() => Date.now() + window.sessionTimeout.remainingSeconds * 1000);
    assert.ok(Math.abs(after - deadline) <= 1500, `the deadline stood: ${deadline} → ${after}`);
    counted++;
  } finally {
    await page.close();
    await server.stop();
  }
});

test("network faults table", { skip: lacks() }, () => {
  console.log(`network faults: ${counted} passed, ${CASES.length + 2 - counted} failed`);
  assert.equal(counted, CASES.length + 2);
});
