// What the person at the keyboard sees, against the real demo server:
// the warning on time, "Stay signed in" without a reload, expiry and the
// redirect, keyboard-only use, and a keep-alive that fails.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startDemo } from "./support/demo-server.mjs";
import { launch, signIn, watchCsp, cspViolations } from "./support/browser.mjs";
import { waitForState, dialogText, dialogOpen, focusedClass, screenshot, recordEvents, events } from "./support/page.mjs";

let demo, browser;
before(async () => {
  demo = await startDemo({ session: 6, warn: 4, redirect: 2, keepAliveTimeout: 2 });
  browser = await launch();
});
after(async () => { await browser?.close(); await demo?.stop(); });

async function freshPage(name) {
  const context = await browser.newContext({ viewport: { width: 900, height: 700 } });
  await watchCsp(context);
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  await signIn(page, demo.url, name);
  await recordEvents(page);
  return { context, page, errors };
}

test("the warning opens on time, and Stay signed in extends the real session without a reload", async () => {
  const { context, page, errors } = await freshPage("Ada");
  assert.equal(await page.textContent("#session-notice"), "For your security, we will sign you out after 6 seconds of inactivity.", "the limit is stated up front (WCAG 2.2.6)");
  const title = await page.title();
  await page.fill("#full-name", "Ada Lovelace");
  await page.evaluate(() => { window.__sameDocument = true; });
  await waitForState(page, "warning");
  assert.match(await page.title(), new RegExp(`^\\(0:0[1-4]\\) ${title.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`), "the tab's title counts down");
  const [warning] = await events(page);
  assert.equal(warning.name, "warning");
  assert.equal(warning.remainingSeconds, 4, "opens warnSeconds before expiry");
  assert.ok((await demo.secondsLeft(context)) <= 4, "the server agrees the session is nearly over");
  assert.ok(await dialogOpen(page));
  assert.match(await dialogText(page, "message"), /^For your security, we will sign you out in [1-4] seconds?\.$/);
  await screenshot(page, "warning");

  const before = (await demo.counts()).keepAlive;
  await page.click("text=Stay signed in");
  await waitForState(page, "active");
  assert.equal((await demo.counts()).keepAlive - before, 1, "one POST reached the server");
  assert.ok((await demo.secondsLeft(context)) >= 5, "the server session really was extended");
  assert.equal(await dialogOpen(page), false);
  assert.equal(await page.title(), title, "the page's own title is back");
  assert.equal(await page.inputValue("#full-name"), "Ada Lovelace", "typed text untouched");
  assert.equal(await page.evaluate(() => window.__sameDocument), true, "no reload");
  assert.deepEqual((await events(page)).map((e) => e.name), ["warning", "extended"]);
  assert.deepEqual(errors, []);
  assert.deepEqual(await cspViolations(page), [], "strict CSP: no violation");
  await context.close();
});

test("token-style keepAlive() and status(): Stay signed in calls the page's function, which really extends the session", async () => {
  const { context, page, errors } = await freshPage("Token");
  const statusBefore = (await demo.counts()).status;
  await page.goto(`${demo.url}/app?functions`);
  await recordEvents(page);
  await waitForState(page, "warning");
  const before = (await demo.counts()).keepAlive;
  await page.click("text=Stay signed in");
  await waitForState(page, "active");
  assert.equal((await demo.counts()).keepAlive - before, 1, "the page's keepAlive() made the one POST");
  assert.ok((await demo.secondsLeft(context)) >= 5, "the server session was extended");
  const left = await page.evaluate(() => window.sessionTimeout.remainingSeconds);
  assert.ok(left >= 5 && left <= 6, `the clock took the function's secondsLeft: ${left}`);
  assert.deepEqual((await events(page)).map((e) => e.name), ["warning", "extended"]);
  assert.ok((await demo.counts()).status > statusBefore, "the page's status() asked the server (shortly before the warning)");
  assert.deepEqual(errors, []);
  await context.close();
});

test("at expiry the expired dialog shows, then the page is replaced by the sign-in page with the marker", async () => {
  const { context, page, errors } = await freshPage("Grace");
  await waitForState(page, "expired");
  assert.equal(await dialogText(page, "title"), "You have been signed out");
  assert.match(await dialogText(page, "message"), /sign-in page in [12] seconds?\./);
  await screenshot(page, "expired");
  await page.waitForURL(/\/login\?expired=true&return=%2Fapp$/);
  assert.match(await page.textContent(".notice"), /inactive/);
  assert.equal(await page.evaluate(() => history.length), 3, "replace(): no entry for the dead page was added");
  // Signing in again returns to where the user was.
  await page.fill("#name", "Grace");
  await Promise.all([page.waitForURL(`${demo.url}/app`), page.click("button[type=submit]")]);
  assert.deepEqual(errors, []);
  await context.close();
});

test("keyboard only, no mouse: Escape stays signed in, Tab reaches Sign out, sign in again, Sign in again on expiry", async () => {
  const { context, page } = await freshPage("Keys");
  await waitForState(page, "warning");
  assert.match(await focusedClass(page), /button--primary/, "focus moved into the dialog");
  const before = (await demo.counts()).keepAlive;
  await page.keyboard.press("Escape");
  await waitForState(page, "active");
  assert.equal((await demo.counts()).keepAlive - before, 1, "Escape sent the keep-alive");
  await waitForState(page, "warning");
  await page.keyboard.press("Tab");
  assert.match(await focusedClass(page), /button--secondary/);
  await page.keyboard.press("Tab");
  assert.match(await focusedClass(page), /button--primary/, "Tab stays inside the dialog");
  await page.keyboard.press("Shift+Tab");
  await Promise.all([page.waitForURL(/\/login\?signed-out=true$/), page.keyboard.press("Enter")]);
  assert.equal(await demo.secondsLeft(context), null, "the server session is gone");
  // Sign in again with the keyboard alone.
  await page.keyboard.press("Tab");
  while (!(await page.evaluate(() => document.activeElement?.id === "name"))) await page.keyboard.press("Tab");
  await page.keyboard.type("Keys");
  await Promise.all([page.waitForURL(`${demo.url}/app`), page.keyboard.press("Enter")]);
  await waitForState(page, "expired");
  assert.match(await focusedClass(page), /button--primary/, "focus is on Sign in again");
  await Promise.all([page.waitForURL(/\/login\?expired=true/), page.keyboard.press("Enter")]);
  await context.close();
});

test("Sign in again leaves at once for the sign-in page", async () => {
  const { context, page } = await freshPage("Soon");
  await waitForState(page, "expired");
  await Promise.all([page.waitForURL(/\/login\?expired=true/), page.click("text=Sign in again")]);
  await context.close();
});

test("a single-sign-on user is sent back to the identity provider", async () => {
  const { context, page } = await freshPage("someone@sso");
  await page.waitForURL(/\/sso\/login\?expired=true/, { timeout: 15000 });
  await context.close();
});

test("keep-alive faults: 500 and a hang keep the warning and explain; a retry that works closes it; 401 expires", async () => {
  const { context, page } = await freshPage("Faulty");
  try {
    await waitForState(page, "warning");
    await demo.fault("500");
    await page.click("text=Stay signed in");
    await page.waitForFunction(() => document.querySelector(".session-timeout__error")?.textContent !== "");
    assert.equal(await dialogText(page, "error"), "We could not reach the server. Check your connection and try again.");
    assert.equal(await page.evaluate(() => window.sessionTimeout.state), "warning", "nobody is signed out early");

    await demo.fault("hang");
    const before = (await demo.counts()).keepAlive;
    await page.click("text=Stay signed in");
    await page.click("text=Stay signed in"); // a second click while one is in flight sends nothing
    await page.keyboard.press("Escape");
    await page.waitForFunction(() => window.__events.filter((e) => e.name === "keepaliveerror").length >= 2, null, { timeout: 5000 });
    assert.equal((await demo.counts()).keepAlive - before, 1, "never two keep-alives in flight");

    await demo.fault("none");
    await page.click("text=Stay signed in");
    await waitForState(page, "active");
    assert.equal(await dialogOpen(page), false);

    await waitForState(page, "warning");
    await demo.fault("401");
    await page.click("text=Stay signed in");
    await waitForState(page, "expired");
    assert.equal((await events(page)).filter((e) => e.name === "expired")[0].reason, "unauthorized");
    assert.deepEqual(await cspViolations(page), [], "strict CSP: no violation");
  } finally {
    await demo.fault("none");
    await context.close();
  }
});

test("the keep-alive carries the page's CSRF token; without it the server refuses and the session ends", async () => {
  const { context, page } = await freshPage("Csrf");
  const sent = [];
  page.on("request", (r) => { if (r.url().endsWith("/session/keep-alive")) sent.push(r.headers()["x-csrf-token"]); });
  await waitForState(page, "warning");
  await page.click("text=Stay signed in");
  await waitForState(page, "active");
  const token = await page.getAttribute("meta[name=csrf-token]", "content");
  assert.deepEqual(sent, [token]);
  await page.evaluate(() => document.querySelector("meta[name=csrf-token]").remove());
  await waitForState(page, "warning");
  await page.click("text=Stay signed in");
  await waitForState(page, "expired");
  assert.equal(sent.length, 2);
  assert.equal(sent[1], undefined, "no token on the page, none sent");
  await context.close();
});
