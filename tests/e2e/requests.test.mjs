// Request observation against the real demo server: real copies of
// jQuery, axios and htmx (npm, pinned) plus plain fetch and XHR each move
// the deadline; an excluded URL does not; a 401 from any of them ends the
// session at once, and a call an SSO proxy sent on to its provider once
// the status endpoint says so; a session extended behind the page's back
// cancels the warning through the status endpoint.
import { test } from "./support/retry.mjs";
import assert from "node:assert/strict";
import { startDemo, fileDemo } from "./support/demo-server.mjs";
import { lacks, open } from "./support/engines.mjs";
import { waitForState, recordEvents, events, signIn, useServiceWorker } from "./support/page.mjs";

const demo = fileDemo({ session: 30, warn: 10, redirect: 5 });
const skip = lacks();
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const CLIENTS = {
  "plain fetch": () => fetch("/api/data").then((r) => r.text()),
  "plain XHR": () => new Promise((resolve) => {
    const x = new XMLHttpRequest();
    x.open("GET", "/api/data");
    x.onloadend = () => setTimeout(resolve, 0);
    x.send();
  }),
  "jQuery.ajax": () => new Promise((resolve) => window.jQuery.ajax({ url: "/api/data", complete: () => setTimeout(resolve, 0) })),
  axios: () => window.axios.get("/api/data").catch(() => {}).then(() => new Promise((r) => setTimeout(r, 0))),
  htmx: () => window.htmx.ajax("GET", "/api/data", { target: "#fetch-result", swap: "none" }).catch(() => {}).then(() => new Promise((r) => setTimeout(r, 50))),
};
const SCRIPTS = {
  "jQuery.ajax": "/__test/vendor/jquery/dist/jquery.min.js",
  axios: "/__test/vendor/axios/dist/axios.min.js",
  htmx: "/__test/vendor/htmx.org/dist/htmx.min.js",
};

async function signedIn(name) {
  const page = await open();
  await signIn(page, demo.url, name);
  await recordEvents(page);
  return page;
}

// A request the library does not watch (an image, as a server-side job or
// another app on the same session would be), with this browser's cookies,
// whose answer renews the browser's session cookie too.
const unwatched = (page, url) => page.evaluate((u) => new Promise((resolve) => {
  const image = new Image();
  image.onload = image.onerror = () => resolve();
  image.src = u;
}), url);

const expiresAt = (page) => page.evaluate(() => Date.now() + window.sessionTimeout.remainingSeconds * 1000);
const countOf = async (page, name) => (await events(page)).filter((e) => e.name === name).length;

for (const [client, request] of Object.entries(CLIENTS)) {
  test(`${client}: a request moves the deadline, and a 401 ends the session at once`, { skip }, async () => {
    const page = await signedIn(client.replace(/\W/g, ""));
    if (SCRIPTS[client]) await page.addScript(SCRIPTS[client]);
    await sleep(1500);
    const before = await expiresAt(page);
    await page.evaluate(request);
    await page.waitFor(() => window.__events.some((e) => e.name === "activity"));
    const [activity] = (await events(page)).filter((e) => e.name === "activity");
    assert.ok(activity.expiresAt > before + 1000, `deadline moved: ${activity.expiresAt} > ${before}`);
    assert.equal(activity.remainingSeconds, 30, "the server's Session-Expires-In was read");

    await page.fetchAsMe(`${demo.url}/logout`, { method: "POST" }); // the session ends behind the page's back
    await page.evaluate(request);
    await waitForState(page, "expired", 2000);
    assert.equal((await events(page)).find((e) => e.name === "expired").reason, "unauthorized");
    await page.close();
  });
}

// Behind an SSO proxy, a dead session's calls are sent on to the identity
// provider, another origin that allows no CORS: the page's fetch rejects,
// its XHR errors, and no status is readable. The status endpoint tells.
const SSO_CALLS = {
  fetch: () => fetch("/api/data?sso=true").then(() => "answered", (e) => e.name),
  XHR: () => new Promise((resolve) => {
    const x = new XMLHttpRequest();
    x.open("GET", "/api/data?sso=true");
    x.onerror = () => resolve("error");
    x.onload = () => resolve("answered");
    x.send();
  }),
};
for (const [client, call] of Object.entries(SSO_CALLS)) {
  test(`${client} sent to an SSO provider by the proxy: the status endpoint is asked, and ends the session`, { skip }, async () => {
    const page = await signedIn(`Sso${client}`);
    await page.fetchAsMe(`${demo.url}/logout`, { method: "POST" }); // the session ends behind the page's back
    const before = (await demo.counts()).status;
    assert.notEqual(await page.evaluate(call), "answered", "the browser blocked the provider's answer");
    // Asked at once, or 2 s after the start (the start is the server's word).
    await waitForState(page, "expired", 10000);
    assert.ok((await demo.counts()).status > before, "the status endpoint was asked");
    assert.equal((await events(page)).find((e) => e.name === "expired").reason, "unauthorized");
    await page.close();
  });
}

test("an excluded URL (the page's own polling) does not move the deadline", { skip }, async () => {
  const page = await signedIn("Poller");
  await page.evaluate(() => fetch("/api/ping").then((r) => r.text()));
  await page.evaluate(() => fetch("/api/data").then((r) => r.text()));
  await page.waitFor(() => window.__events.some((e) => e.name === "activity"));
  assert.equal(await countOf(page, "activity"), 1, "only /api/data counted");
  await page.close();
});

test("the library's own status checks never count as activity", { skip }, async () => {
  const page = await signedIn("Status");
  await page.evaluate(() => fetch("/session/status").then((r) => r.text()));
  await sleep(100);
  assert.equal(await countOf(page, "activity"), 0);
  await page.close();
});

test("a session extended behind the page's back cancels the warning (status endpoint)", { skip }, async () => {
  // The status is asked 5 s before the warning, and again on coming back
  // to the tab once 5 s have passed since the last answer.
  const quick = await startDemo({ session: 16, warn: 4, redirect: 5 });
  const page = await open();
  try {
    await signIn(page, quick.url, "Elsewhere");
    await recordEvents(page);
    // Something the page does not watch uses the session at ~3 s.
    await sleep(3000);
    const statusBefore = (await quick.counts()).status;
    await unwatched(page, `/api/data?elsewhere=${Date.now()}`);
    // The page would have warned at 12 s; it asks the status at 7 s first
    // (and warns at 15 s, 4 s before the deadline the server moved to 19 s).
    await sleep(9500); // past 12 s: no warning
    assert.equal((await quick.counts()).data, 1, "the server saw the unwatched request");
    assert.ok((await quick.counts()).status > statusBefore, "the page asked the status endpoint");
    assert.equal(await countOf(page, "warning"), 0, "no needless warning");
    assert.equal(await page.evaluate(() => window.sessionTimeout.state), "active");

    // And when the warning is already up, coming back to the tab asks again.
    await waitForState(page, "warning", 10000);
    await sleep(1500); // the status was last asked 5 s before the warning
    await unwatched(page, `/api/data?elsewhere=${Date.now()}`);
    await page.evaluate(() => document.dispatchEvent(new Event("visibilitychange")));
    await waitForState(page, "active", 3000);
  } finally {
    await page.close();
    await quick.stop();
  }
});

test("a status answer a service worker kept, given while the network is down, does not hold the warning off", { skip: lacks("offline") }, async () => {
  const server = await startDemo({ session: 90, warn: 20, redirect: 2 });
  const page = await open();
  const left = () => page.evaluate(() => window.sessionTimeout.remainingSeconds);
  const shown = () => page.evaluate(() => document.dispatchEvent(new Event("visibilitychange")));
  try {
    await signIn(page, server.url, "Offline");
    await useServiceWorker(page, "network-first-sw.js");
    // Back to the tab 6 s on: the status is asked through the worker,
    // which keeps the server's answer.
    await sleep(6000);
    const asked = (await server.counts()).status;
    await shown();
    for (const until = Date.now() + 5000; (await server.counts()).status === asked && Date.now() < until;) await sleep(50);
    assert.equal((await server.counts()).status, asked + 1, "the status was asked");
    await sleep(500);
    const kept = await left();
    // 14 s later the network is down: the worker answers with that copy.
    await sleep(14000);
    await page.raw.context().setOffline(true);
    await shown();
    await sleep(1500);
    const now = await left();
    await page.raw.context().setOffline(false);
    assert.ok(now <= kept - 12, `${now} s left: the copy's ${kept} s, written 14 s ago, were taken for the server's word`);
  } finally {
    await page.close();
    await server.stop();
  }
});

// Observe mode sees that a call was redirected, not where it ended: a dead
// session's login-required view sends it to the sign-in page, whose 200
// must not count as the server seeing the person (the page's clock would
// run on while the session is gone). The status endpoint tells.
test("observe mode: a call redirected where it cannot see is no activity; the status endpoint is asked, and ends the session", { skip }, async () => {
  const page = await open();
  await signIn(page, demo.url, "Observer");
  const attrs = encodeURIComponent('data-session-seconds="60" data-warn-seconds="20" data-redirect-seconds="60" data-track-mode="observe" data-status-url="/session/status" data-cross-tab="false"');
  await page.goto(`${demo.url}/__test/script-tag?attrs=${attrs}`);
  await page.waitFor(() => window.sessionTimeout?.state === "active");
  await recordEvents(page);
  await page.fetchAsMe(`${demo.url}/logout`, { method: "POST" }); // the session ends behind the page's back
  const before = (await demo.counts()).status;
  const landed = await page.evaluate(() => fetch("/app").then(async (r) => { await r.text(); return [r.redirected, new URL(r.url).pathname]; }));
  assert.deepEqual(landed, [true, "/login"], "the dead session's view sent the call to the sign-in page");
  await waitForState(page, "expired", 10000);
  assert.equal(await countOf(page, "activity"), 0, "the sign-in page's answer was no activity");
  assert.ok((await demo.counts()).status > before, "the status endpoint was asked");
  assert.equal((await events(page)).find((e) => e.name === "expired").reason, "unauthorized");
  await page.close();
});
