// Request observation against the real demo server: real copies of
// jQuery, axios and htmx (npm, pinned) plus plain fetch and XHR each move
// the deadline; an excluded URL does not; a 401 from any of them ends the
// session at once; a session extended behind the page's back cancels the
// warning through the status endpoint.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startDemo } from "./support/demo-server.mjs";
import { lacks, open } from "./support/engines.mjs";
import { waitForState, recordEvents, events, signIn } from "./support/page.mjs";

let demo;
before(async () => { demo = await startDemo({ session: 30, warn: 10, redirect: 5 }); });
after(async () => { await demo?.stop(); });
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
  const quick = await startDemo({ session: 12, warn: 4, redirect: 5 });
  const page = await open();
  try {
    await signIn(page, quick.url, "Elsewhere");
    await recordEvents(page);
    // Another device (or a server-side job) uses the session at ~3 s.
    await sleep(3000);
    const statusBefore = (await quick.counts()).status;
    await page.fetchAsMe(`${quick.url}/api/data`);
    // The page would have warned at 8 s; it asks the status at 4 s first.
    await sleep(6000);
    assert.ok((await quick.counts()).status > statusBefore, "the page asked the status endpoint");
    assert.equal(await countOf(page, "warning"), 0, "no needless warning");
    assert.equal(await page.evaluate(() => window.sessionTimeout.state), "active");

    // And when the warning is already up, coming back to the tab asks again.
    await waitForState(page, "warning", 10000);
    await sleep(1500); // the status was last asked over 5 s ago
    await page.fetchAsMe(`${quick.url}/api/data`);
    await page.evaluate(() => document.dispatchEvent(new Event("visibilitychange")));
    await waitForState(page, "active", 3000);
  } finally {
    await page.close();
    await quick.stop();
  }
});
