// Back to a signed-in page: the browser shows it from its back/forward
// cache, as it was, rather than loading it again, and the library's clock
// there is not fooled by the minutes it spent put away. Against a real
// framework as it ships (Express + express-session), Chromium with its
// back/forward cache on (Playwright turns it off by default).
import { test, before, after } from "./support/retry.mjs";
import assert from "node:assert/strict";
import { startExample } from "./support/example-server.mjs";
import { launch } from "./support/browser.mjs";
import { lacks } from "./support/engines.mjs";
import { openApp, waitForState, whoami } from "./support/example-app.mjs";

const skip = lacks("route");
const TIMES = { session: 8, warn: 4, redirect: 2 };
let browser;
before(async () => { if (!skip) browser = await launch({ backForwardCache: true }); });
after(async () => { await browser?.close(); });

test("Back restores a signed-in page from the back/forward cache; its clock then follows the server, not its own stale deadline", { skip }, async () => {
  const server = await startExample("express", TIMES);
  const { context, page, keepAlives } = await openApp(browser, server);
  try {
    await page.evaluate(() => { window.__keptInCache = true; });
    // On to the app's other page (the library runs there too), and longer
    // there than the first page's whole session: the person's requests
    // keep the server session alive meanwhile.
    await page.goto(`${server.url}${server.notes}`);
    await waitForState(page, "active");
    for (let i = 0; i < 5; i++) {
      await page.waitForTimeout(2000);
      assert.equal((await whoami(page)).status, 200);
    }
    const sent = keepAlives.length;
    await page.goBack({ waitUntil: "commit" });
    await page.waitForFunction(() => document.readyState === "complete" && window.sessionTimeout !== undefined);
    const reasons = await page.evaluate(() => JSON.stringify(performance.getEntriesByType("navigation")[0]?.notRestoredReasons ?? null));
    assert.equal(await page.evaluate(() => window.__keptInCache === true), true, `restored from the back/forward cache, not loaded again (Chromium's reasons: ${reasons})`);
    // The first page's own deadline passed while it was put away: it must
    // not expire, but tell the server of the visit, as a load would have.
    await page.waitForTimeout(1500);
    assert.equal(await page.evaluate(() => window.sessionTimeout.state), "active");
    assert.deepEqual(await page.evaluate(() => window.__events.map((e) => e.name)), [], "no expiry, no redirect, no keep-alive error");
    assert.equal(keepAlives.length, sent + 1, "one keep-alive for the visit");
    assert.ok(keepAlives.at(-1).status >= 200 && keepAlives.at(-1).status < 300, JSON.stringify(keepAlives));
    assert.ok(await page.evaluate(() => window.sessionTimeout.remainingSeconds) > TIMES.warn, "the clock runs from the keep-alive's answer");
    // Back among the tabs: the other page, put away in its turn, gave up
    // the election, and this one leads.
    assert.equal(await page.evaluate(() => window.sessionTimeout.isLeader), true, "this page leads again");
    // And the session lives on at the server, past the restored page's old deadline.
    assert.deepEqual(await whoami(page), { status: 200, redirected: false });
  } finally {
    await context.close();
    await server.stop();
  }
});
