// The end-to-end tests' one retry: only for a browser lost mid-test.
import { test } from "node:test";
import assert from "node:assert/strict";
import { browserLost, retryLostBrowser } from "../e2e/support/retry.mjs";

const lost = () => Object.assign(new Error("session deleted because of page crash or hang."), { name: "NoSuchSessionError" });
const quiet = () => {};

test("a failed assertion fails at once, without a second run", async () => {
  let runs = 0;
  await assert.rejects(retryLostBrowser("t", async () => { runs++; assert.equal(1, 2); }, quiet), assert.AssertionError);
  assert.equal(runs, 1);
});

test("a lost browser runs the test once more, and its pass counts", async () => {
  let runs = 0;
  const logged = [];
  assert.equal(await retryLostBrowser("t", async () => { if (++runs === 1) throw lost(); return "ok"; }, (line) => logged.push(line)), "ok");
  assert.equal(runs, 2);
  assert.match(logged[0], /browser was lost in "t"/);
});

test("a second loss fails", async () => {
  let runs = 0;
  await assert.rejects(retryLostBrowser("t", async () => { runs++; throw lost(); }, quiet), { name: "NoSuchSessionError" });
  assert.equal(runs, 2);
});

test("Playwright's crash and closed-target errors count as lost; a time-out does not", () => {
  assert.ok(browserLost(new Error("page.evaluate: Target crashed")));
  assert.ok(browserLost(new Error("page.goto: Target page, context or browser has been closed")));
  assert.ok(!browserLost(new Error("page.waitForFunction: Timeout 15000ms exceeded.")));
  assert.ok(!browserLost(new Error("timed out waiting for () => window.sessionTimeout")));
  assert.ok(!browserLost(undefined));
});

test("WebKitWebDriver's empty answer from a stalled page counts as lost; its other errors do not", () => {
  const webDriver = (message) => Object.assign(new Error(message), { name: "WebDriverError" });
  assert.ok(browserLost(webDriver("Could not parse script result")));
  assert.ok(browserLost(webDriver("")), "no message at all");
  assert.ok(!browserLost(new Error("")));
  assert.ok(!browserLost(webDriver("Could not parse script result as JSON of a test")));
  assert.ok(!browserLost(new Error("Could not parse script result")));
  assert.ok(!browserLost(webDriver("script timeout")));
});
