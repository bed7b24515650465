// The end-to-end tests' one retry: only for a browser lost mid-test.
import { test } from "node:test";
import assert from "node:assert/strict";
import { browserLost, retryLostBrowser, unlessHung } from "../e2e/support/retry.mjs";

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

test("a run that never ends counts as a lost browser: once more, and a second hang fails", async () => {
  let runs = 0;
  const logged = [];
  const never = () => new Promise(() => {});
  assert.equal(await retryLostBrowser("t", () => (++runs === 1 ? never() : "ok"), (line) => logged.push(line), 50), "ok");
  assert.equal(runs, 2);
  assert.match(logged[0], /browser was lost in "t" \(page crash or hang: no answer in 0.05 s\)/);
  runs = 0;
  await assert.rejects(retryLostBrowser("t", () => { runs++; return never(); }, quiet, 50), /no answer in 0.05 s/);
  assert.equal(runs, 2);
});

test("a run given up on that fails later is not heard", async () => {
  let late;
  const failsLater = () => new Promise((_, reject) => { late = () => reject(new Error("late")); });
  await assert.rejects(unlessHung(failsLater, 20), /no answer/);
  late();
  // An unheard rejection would fail this file (node:test reports it).
  await new Promise((resolve) => setTimeout(resolve, 20));
});
