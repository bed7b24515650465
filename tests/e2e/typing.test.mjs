// A warning due while the person types waits for a pause in their keys:
// opened mid-word, its focused "Stay signed in" would take the next ones
// (a space presses it), and the field would lose them.
import { test } from "./support/retry.mjs";
import assert from "node:assert/strict";
import { fileDemo } from "./support/demo-server.mjs";
import { lacks } from "./support/engines.mjs";
import { waitForState, signedInPage } from "./support/page.mjs";

// A 30 s warning, due 4 s after the page: it may wait while keys come,
// until 20 s are left.
const demo = fileDemo({ session: 34, warn: 30, redirect: 2 });

test("a warning due while the person types opens at the first pause, and every key stays in the field", { skip: lacks() }, async () => {
  const page = await signedInPage(demo.url, "Ada");
  await page.click("#full-name");
  await page.evaluate(() => {
    document.addEventListener("keydown", () => { window.__lastKey = Date.now(); });
    document.addEventListener("session-timeout:warning", () => { window.__warnedAt = Date.now(); });
  });
  // Keys until 3 s past the moment the warning was due.
  let typed = "";
  for (const key of "Ada Lovelace wrote the first program for the Analytical Engine. ".repeat(20)) {
    await page.type(key);
    typed += key;
    if ((await page.evaluate(() => window.sessionTimeout.remainingSeconds)) <= 27) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.equal(await page.evaluate(() => window.sessionTimeout.state), "active", "no warning while the keys come");
  await waitForState(page, "warning", 15000);
  const { lastKey, warnedAt, left } = await page.evaluate(() => ({ lastKey: window.__lastKey, warnedAt: window.__warnedAt, left: window.sessionTimeout.remainingSeconds }));
  assert.ok(warnedAt - lastKey >= 2000 - 20, `it opened ${warnedAt - lastKey} ms after the last key, not in the 2 s pause`);
  assert.ok(left >= 19, `it left the person time to act: ${left} s`);
  assert.equal(await page.value("#full-name"), typed, "every key stayed in the field");
  assert.deepEqual(await page.errors(), []);
  await page.close();
});
