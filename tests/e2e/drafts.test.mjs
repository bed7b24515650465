// Nothing typed is lost: type into the long form, let the session expire,
// get sent to sign in, sign in again, and find every preservable field
// back, the password empty, and nothing left in storage.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startDemo } from "./support/demo-server.mjs";
import { launch, signIn } from "./support/browser.mjs";

let demo, browser;
before(async () => { demo = await startDemo({ session: 6, warn: 4, redirect: 2 }); browser = await launch(); });
after(async () => { await browser?.close(); await demo?.stop(); });

const TYPED = {
  "#full-name": "Ada Lovelace",
  "#email": "ada@example.org",
  "#phone": "+44 20 7946 0000",
  "#street": "12 St James's Square",
  "#town": "London",
  "#postcode": "SW1Y 4JH",
  "#reason": "To run the Analytical Engine.\nTwice.",
};

test("a long form survives a forced sign-out and comes back after signing in again", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, demo.url, "Ada");
  for (const [selector, text] of Object.entries(TYPED)) await page.fill(selector, text);
  await page.selectOption("#country", "Netherlands");
  await page.check("#agree");
  await page.fill("#confirm-password", "hunter2");

  await page.waitForURL(/\/login\?expired=true&return=%2Fapp$/, { timeout: 15000 });
  const stored = await page.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith("session-timeout:draft:")));
  assert.equal(stored.length, 1, "one form saved");
  assert.ok(!(await page.evaluate((k) => sessionStorage.getItem(k), stored[0])).includes("hunter2"), "the password was never stored");

  await page.fill("#name", "Ada");
  await Promise.all([page.waitForURL(`${demo.url}/app`), page.click("button[type=submit]")]);
  await page.waitForFunction(() => window.sessionTimeout !== undefined);
  for (const [selector, text] of Object.entries(TYPED)) assert.equal(await page.inputValue(selector), text, selector);
  assert.equal(await page.inputValue("#country"), "Netherlands");
  assert.equal(await page.isChecked("#agree"), true);
  assert.equal(await page.inputValue("#confirm-password"), "", "the password field is empty");
  assert.match(await page.textContent(".session-timeout__restored"), /restored what you had typed/);
  const left = await page.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith("session-timeout:draft:")));
  assert.deepEqual(left, [], "nothing remains in storage");
  await context.close();
});

test("signing out on purpose keeps nothing", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, demo.url, "Grace");
  await page.fill("#full-name", "Grace Hopper");
  await Promise.all([page.waitForURL(/signed-out=true/), page.click("header button:has-text('Sign out')")]);
  await page.fill("#name", "Grace");
  await Promise.all([page.waitForURL(`${demo.url}/app`), page.click("button[type=submit]")]);
  await page.waitForFunction(() => window.sessionTimeout !== undefined);
  assert.equal(await page.inputValue("#full-name"), "");
  assert.equal(await page.locator(".session-timeout__restored").count(), 0);
  await context.close();
});
