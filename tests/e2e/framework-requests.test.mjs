// The library against the real frameworks' answers to requests beyond
// the session's flow (frameworks.test.mjs has that): an XHR redirected to
// the sign-in page, files served outside the session, keep-alives refused
// for want of a CSRF token, refused requests that may mean the session is
// gone, and a page shown from the HTTP cache. Its own file: with the flow
// beside it, one file ran past node's 180 s limit on a loaded machine.
import { test, describe } from "./support/retry.mjs";
import assert from "node:assert/strict";
import { startExample } from "./support/example-server.mjs";
import { PROMPTLY, dialogText, frameworkBrowser, signIn, waitForState, whoami } from "./support/example-app.mjs";
import { waitForFunction } from "./support/browser.mjs";

// Each app's page is rewritten in flight (Playwright's route): Chromium only.
const { skip, browser, openApp } = frameworkBrowser();
const TIMES = { session: 10, warn: 6, redirect: 2 };

test("express: an XMLHttpRequest redirected to the sign-in page ends the session too", { skip }, async () => {
  const server = await startExample("express", { ...TIMES, session: 60, warn: 20 });
  const { context, page } = await openApp(server);
  try {
    // express-session (rolling) sets the cookie on every response that
    // passes it (the favicon's 404 too): let the page's last requests land first.
    await page.waitForLoadState("networkidle");
    await context.clearCookies();
    const landed = await page.evaluate(() => new Promise((resolve) => {
      const xhr = new XMLHttpRequest();
      xhr.open("GET", "/api/whoami");
      xhr.onloadend = () => resolve(new URL(xhr.responseURL).pathname);
      xhr.send();
    }));
    assert.equal(landed, "/login");
    await waitForState(page, "expired", PROMPTLY);
    assert.equal(await page.evaluate(() => window.__events.find((e) => e.name === "expired")?.reason), "unauthorized");
  } finally {
    await context.close();
    await server.stop();
  }
});

// Observe mode sees that a call was redirected, not where: the framework's
// login_required view sends a dead session's call to its sign-in page
// (200), which must not count as the person seen. The status endpoint says.
for (const name of ["django", "flask"]) {
  test(`${name}, observe mode: a login_required call redirected to the sign-in page ends the session once the status endpoint confirms`, { skip }, async () => {
    const server = await startExample(name, { ...TIMES, session: 60, warn: 20 });
    const { context, page } = await openApp(server, `data-track-mode="observe"`);
    try {
      await page.waitForLoadState("networkidle");
      await context.clearCookies();
      const landed = await page.evaluate(() => fetch("/api/whoami").then(async (r) => { await r.text(); return r.redirected; }));
      assert.equal(landed, true, `${name} sent the call to its sign-in page`);
      await waitForState(page, "expired", PROMPTLY);
      const events = await page.evaluate(() => window.__events.map((e) => e.name));
      assert.ok(!events.includes("activity"), `the sign-in page's answer was no activity: ${events.join(", ")}`);
      assert.equal(await page.evaluate(() => window.__events.find((e) => e.name === "expired")?.reason), "unauthorized");
    } finally {
      await context.close();
      await server.stop();
    }
  });
}

// With `rolling`, every answer that passes the session sends its cookie
// again: what makes frameworks.test.mjs's check that the library's files
// do not (they are served outside the session) mean something here.
for (const name of ["express", "fastify"]) {
  test(`${name}: a signed-in page renews the session (rolling), as the library's files must not`, { skip }, async () => {
    const server = await startExample(name, { ...TIMES, session: 60, warn: 20 });
    const { context, page } = await openApp(server);
    try {
      await page.waitForLoadState("networkidle");
      const signedIn = await context.request.get(`${server.url}${server.app}`, { maxRedirects: 0 });
      assert.equal(signedIn.status(), 200);
      assert.match(signedIn.headers()["set-cookie"] ?? "", /=/, "a signed-in page renews the session");
    } finally {
      await context.close();
      await server.stop();
    }
  });
}

// Without a status endpoint the library cannot know what the refused
// request did, and keeps the warning (with one: the Flask test below).
// Django refuses a keep-alive without its CSRF token with 403; Rails with
// 422 (InvalidAuthenticityToken) before Devise sees the request, and sends
// no cookie on it, so the session is not extended; Laravel with 419
// ("Page Expired").
for (const [name, refusal] of [["django", 403], ["rails", 422], ["devise", 422], ["laravel", 419]]) {
  test(`${name}: a keep-alive without its CSRF token (${refusal}) keeps the warning, says so, and signs nobody out`, { skip }, async () => {
    const server = await startExample(name, { session: 30, warn: 25, redirect: 2 });
    const { context, page, keepAlives, messages } = await openApp(server, `data-csrf="false"`, ["data-status-url"]);
    try {
      await waitForState(page, "warning");
      await page.click("text=Stay signed in");
      await waitForFunction(page, () => window.__events.some((e) => e.name === "keepaliveerror"));
      assert.equal(keepAlives[0].status, refusal, `${name} refused it`);
      assert.equal(keepAlives[0].csrf, null, "no token was sent");
      assert.equal(await page.evaluate(() => window.sessionTimeout.state), "warning", "not signed out");
      assert.equal(await dialogText(page, "error"), "We could not extend your session. Try again, or save your work and sign in again.");
      const detail = await page.evaluate(() => window.__events.find((e) => e.name === "keepaliveerror"));
      assert.equal(detail.status, refusal);
      const warning = messages.find((m) => m.startsWith("warning:") && m.includes(`refused (${refusal})`));
      assert.ok(warning && warning.includes("CSRF") && warning.includes("csrf"), `the console names the cause and the option: ${messages.join("\n")}`);
      assert.deepEqual(await whoami(page), { status: 200, redirected: false }, "the session is in fact alive");
    } finally {
      await context.close();
      await server.stop();
    }
  });
}

// Flask-WTF's tokens expire after WTF_CSRF_TIME_LIMIT (1 hour by default:
// less than a page kept open and alive for a working day), and it answers
// a CSRF failure with 400, not 403. The recipe sets no limit; here it is
// 2 s, to see what a page older than its token meets.
// Flask, like Django, refreshes the session on any answer, a refusal too:
// the status endpoint the library then asks shows it alive for the whole
// session, so the warning closes, rightly.
test("flask: a keep-alive whose CSRF token expired (400) is refused, the console names the cause, and the status endpoint shows the session alive", { skip }, async () => {
  const server = await startExample("flask", { session: 30, warn: 25, redirect: 2 }, { WTF_CSRF_TIME_LIMIT: "2" });
  const { context, page, keepAlives, messages } = await openApp(server);
  try {
    await waitForState(page, "warning");
    await page.waitForTimeout(2500);
    await page.click("text=Stay signed in");
    await waitForFunction(page, () => window.__events.some((e) => e.name === "keepaliveerror"));
    assert.equal(keepAlives[0].status, 400, "Flask-WTF refused the expired token");
    const detail = await page.evaluate(() => window.__events.find((e) => e.name === "keepaliveerror"));
    assert.equal(detail.status, 400);
    await waitForState(page, "active", PROMPTLY);
    const left = await page.evaluate(() => window.sessionTimeout.remainingSeconds);
    assert.ok(left >= 26, `the status endpoint's word: the refused request extended the session (${left} s left)`);
    const warning = messages.find((m) => m.startsWith("warning:") && m.includes("refused (400)"));
    assert.ok(warning && warning.includes("expired CSRF token") && warning.includes("csrf"), `the console names the likely cause and the option: ${messages.join("\n")}`);
    assert.deepEqual(await whoami(page), { status: 200, redirected: false }, "the session is in fact alive");
  } finally {
    await context.close();
    await server.stop();
  }
});

test("django with CSRF_COOKIE_HTTPONLY: the token comes from {% csrf_token %}'s hidden field, and Django accepts it", { skip }, async () => {
  const server = await startExample("django", { session: 30, warn: 25, redirect: 2 }, { CSRF_COOKIE_HTTPONLY: "1" });
  const { context, page, keepAlives } = await openApp(server);
  try {
    const cookies = await context.cookies();
    assert.equal(cookies.find((c) => c.name === "csrftoken")?.httpOnly, true, "Django hid its cookie from scripts");
    assert.ok(!(await page.evaluate(() => document.cookie)).includes("csrftoken"));
    const field = await page.inputValue("input[name=csrfmiddlewaretoken]");
    await waitForState(page, "warning");
    await page.click("text=Stay signed in");
    await waitForState(page, "active", PROMPTLY);
    assert.equal(keepAlives.length, 1, "one keep-alive");
    assert.equal(keepAlives[0].status, 204, `Django accepted it: ${JSON.stringify(keepAlives)}`);
    assert.equal(keepAlives[0].csrf, field, "the field's token, in X-CSRFToken");
  } finally {
    await context.close();
    await server.stop();
  }
});

// A refused answer (400, 403, 419) to the page's own request, from three
// frameworks at once: each test mostly waits on its own server.
describe("refusals that may mean the session is gone", { concurrency: 3 }, () => {
  // The app signed in, its status checks counted.
  const openCounting = async (server) => {
    const opened = await openApp(server);
    opened.statuses = [];
    opened.page.on("response", (r) => { if (new URL(r.url()).pathname === "/session/status") opened.statuses.push(r.status()); });
    return opened;
  };
  // The server forgets the browser; the page's own `call` is then refused
  // `refusal`, and one status check ends the session.
  const refusedThenEnded = async ({ context, page, statuses }, call, refusal, why) => {
    await page.waitForLoadState("networkidle"); // no response in flight may set the cookie again
    await context.clearCookies();
    assert.equal(await page.evaluate(call), refusal, why);
    await waitForState(page, "expired", PROMPTLY);
    assert.equal(statuses.length, 1, `one status check settled it: ${JSON.stringify(statuses)}`);
    const expired = await page.evaluate(() => window.__events.find((e) => e.name === "expired"));
    assert.equal(expired.reason, "unauthorized");
  };

  // Django REST framework, as it ships (SessionAuthentication first), answers
  // a call without a session 403, not 401, and so does it a call its
  // permissions refuse: the page's request proves neither a live session nor
  // a dead one. The library does not count it as activity, and asks the
  // status endpoint, whose login_required answer settles it.
  test("django REST framework: an API call refused 403 for want of a session ends it once the status endpoint confirms; a refused permission ends nothing", { skip }, async () => {
    const server = await startExample("django", { session: 60, warn: 20, redirect: 2 });
    const opened = await openCounting(server);
    const { context, page, statuses } = opened;
    const api = (path) => page.evaluate((p) => fetch(p).then((r) => r.status), path);
    try {
      assert.equal(await api("/api/orders/"), 200, "DRF sees the signed-in user");
      assert.equal(await api("/api/admin/"), 403, "DRF refuses a permission ada lacks");
      // Its time left is the server's word: no status is asked within 2 s of one.
      await page.waitForTimeout(2500);
      assert.equal(await page.evaluate(() => window.sessionTimeout.state), "active", "a refused permission signs nobody out");
      assert.deepEqual(statuses, [], "its answer carried the time left (the app's middleware): nothing to ask");
      await refusedThenEnded(opened, () => fetch("/api/orders/").then((r) => r.status), 403, "DRF as it ships: 403 without a session, not 401");
    } finally {
      await context.close();
      await server.stop();
    }
  });

  // Laravel and Flask-WTF check a POST's CSRF token, kept in the session,
  // before they look for the user (Rails, as it ships, looks for the user
  // first and redirects, which ends the session at once, as above): the
  // page's own POST after its session died is refused with their CSRF
  // status, not 401. That proves nothing alone (a stale token or a bad
  // request answers the same); the status endpoint settles it.
  for (const [name, refusal] of [["laravel", 419], ["flask", 400]]) {
    test(`${name}: the page's own POST refused ${refusal} when its session died ends the session once the status endpoint confirms`, { skip }, async () => {
      const server = await startExample(name, { session: 60, warn: 20, redirect: 2 });
      const opened = await openCounting(server);
      try {
        await opened.page.waitForTimeout(2500); // the page's own load is the server's word: no status within 2 s of it
        await refusedThenEnded(opened, () => fetch("/api/notes", { method: "POST" }).then((r) => r.status), refusal, `${name} as it ships refuses the token first, not 401`);
      } finally {
        await opened.context.close();
        await server.stop();
      }
    });
  }
});

// Django sends no Cache-Control by default, so Back (where the back/forward
// cache is not used: Playwright turns it off, as a page with an unload
// handler does) shows the page from the HTTP cache. The server never saw
// that visit: the library used to start a whole fresh session on it, and
// now tells the server of the visit with one keep-alive.
test("django: a page shown from the browser's cache (Back) tells the server of the visit", { skip }, async () => {
  const server = await startExample("django", { session: 60, warn: 20, redirect: 2 });
  const context = await browser().newContext();
  const page = await context.newPage();
  const keepAlives = [];
  page.on("response", (r) => { if (r.url().endsWith("/session/keep-alive")) keepAlives.push(r.status()); });
  try {
    await page.goto(`${server.url}${server.app}`);
    await signIn(page, server, server.app);
    await waitForFunction(page, () => window.sessionTimeout?.state === "active");
    assert.deepEqual(keepAlives, [], "a page the server answered sends none");
    await page.goto(`${server.url}/api/whoami`);
    await page.waitForTimeout(2500);
    await page.goBack();
    await waitForFunction(page, () => window.sessionTimeout?.state === "active");
    const entry = await page.evaluate(() => { const n = performance.getEntriesByType("navigation")[0]; return { type: n.type, transferSize: n.transferSize }; });
    assert.deepEqual(entry, { type: "back_forward", transferSize: 0 }, "the page came from the browser's cache");
    for (const until = Date.now() + PROMPTLY; keepAlives.length === 0 && Date.now() < until;) await page.waitForTimeout(50);
    await page.waitForTimeout(500); // and no second one
    assert.deepEqual(keepAlives, [204], "one keep-alive, accepted by Django");
    assert.ok((await page.evaluate(() => window.sessionTimeout.remainingSeconds)) >= 58, "the clock counts from its answer");
  } finally {
    await context.close();
    await server.stop();
  }
});

