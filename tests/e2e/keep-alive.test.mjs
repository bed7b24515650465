// What "Stay signed in" sends and what it does with each answer, against
// the real demo server: the page's own keepAlive() and status() functions,
// the CSRF token, and a server that fails, hangs or has ended the session.
import { test } from "./support/retry.mjs";
import assert from "node:assert/strict";
import { startDemo, fileDemo } from "./support/demo-server.mjs";
import { lacks, open } from "./support/engines.mjs";
import { waitForState, dialogText, dialogOpen, recordEvents, events, signedInPage, signIn, renewedSince } from "./support/page.mjs";

const SESSION = 6;
const demo = fileDemo({ session: SESSION, warn: 4, redirect: 2 });

const freshPage = (name) => signedInPage(demo.url, name);
const skip = lacks();

test("token-style keepAlive() and status(): Stay signed in calls the page's function, which really extends the session", { skip }, async () => {
  const page = await freshPage("Token");
  const statusBefore = (await demo.counts()).status;
  await page.goto(`${demo.url}/app?functions`);
  await recordEvents(page);
  await waitForState(page, "warning");
  const before = (await demo.counts()).keepAlive;
  const clicked = Date.now();
  await page.click("text=Stay signed in");
  await waitForState(page, "active");
  assert.equal((await demo.counts()).keepAlive - before, 1, "the page's keepAlive() made the one POST");
  const left = await page.evaluate(() => window.sessionTimeout.remainingSeconds);
  const elapsed = (Date.now() - clicked) / 1000;
  assert.ok(left <= SESSION && left + elapsed >= SESSION - 1, `the clock took the function's secondsLeft: ${left} s left ${elapsed} s after the click`);
  const server = await renewedSince(page, clicked, SESSION);
  assert.ok(server.renewed, `the server session was extended: ${server.left} s left ${server.elapsed} s after the click`);
  assert.deepEqual((await events(page)).map((e) => e.name), ["warning", "extended"]);
  assert.ok((await demo.counts()).status > statusBefore, "the page's status() asked the server (shortly before the warning)");
  assert.deepEqual(await page.errors(), []);
  await page.close();
});

test("keep-alive faults: 500 and a hang keep the warning and explain; a retry that works closes it; 401 expires", { skip }, async () => {
  // A longer warning of its own: the 500, the 2 s hang and the retry must
  // all fall inside one countdown, and under load WebKit's WebDriver
  // clicks once took longer than the shared server's 4 s.
  const demo = await startDemo({ session: 16, warn: 12, redirect: 2, keepAliveTimeout: 2 });
  const page = await open();
  await signIn(page, demo.url, "Faulty");
  await recordEvents(page);
  try {
    await waitForState(page, "warning");
    await demo.fault("500");
    await page.click("text=Stay signed in");
    await page.waitFor(() => document.querySelector(".session-timeout__error")?.textContent !== "");
    assert.equal(await dialogText(page, "error"), "We could not reach the server. Check your connection and try again.");
    assert.equal(await page.evaluate(() => window.sessionTimeout.state), "warning", "nobody is signed out early");

    await demo.fault("hang");
    const before = (await demo.counts()).keepAlive;
    await page.click("text=Stay signed in");
    await page.click("text=Stay signed in"); // a second click while one is in flight sends nothing
    await page.press("Escape");
    await page.waitFor(() => window.__events.filter((e) => e.name === "keepaliveerror").length >= 2, null, 5000);
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
    assert.deepEqual(await page.errors(), [], "no error, and strict CSP: no violation");
  } finally {
    await page.close();
    await demo.stop();
  }
});

test("the keep-alive carries the page's CSRF token; without it the server refuses and the session ends", { skip }, async () => {
  const page = await freshPage("Csrf");
  // What the server received, in order ("" for no header).
  const carried = async () => (await demo.counts()).csrfTokens;
  const before = (await carried()).length;
  await waitForState(page, "warning");
  await page.click("text=Stay signed in");
  // Extended, by its event: the 2 s the page is then active for can pass
  // between two looks on a busy machine.
  await page.waitFor(() => window.__events.some((e) => e.name === "extended"));
  const token = await page.attribute("meta[name=csrf-token]", "content");
  assert.deepEqual((await carried()).slice(before), [token]);
  await page.evaluate(() => document.querySelector("meta[name=csrf-token]").remove());
  await waitForState(page, "warning");
  await page.click("text=Stay signed in");
  await waitForState(page, "expired");
  assert.deepEqual((await carried()).slice(before), [token, ""], "no token on the page, none sent");
  await page.close();
});
