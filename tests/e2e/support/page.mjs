// Helpers for reading the library's state and dialog from a page of
// support/engines.mjs, in whichever engine the run drives.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { mkdirSync } from "node:fs";
import { open } from "./engines.mjs";

// Tests write pictures to an ignored folder, so `make test` leaves the tree
// clean; `make screenshots` points this at docs/screenshots on purpose.
export const SCREENSHOTS = process.env.SCREENSHOTS_DIR
  ? path.resolve(process.env.SCREENSHOTS_DIR)
  : path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../out/screenshots");

export const state = (page) => page.evaluate(() => window.sessionTimeout?.state);

// The getter tells the state at this instant; the dialog and the event
// follow when the timer fires, a moment later (later still on a busy
// machine). So a warning or expiry counts once its event came too, where
// events are recorded, or else once its dialog is open (every e2e page has
// one).
export const waitForState = (page, wanted, timeout = 15000) =>
  page.waitFor((s) => {
    if (window.sessionTimeout?.state !== s) return false;
    if (s !== "warning" && s !== "expired") return true;
    if (window.__events) return window.__events.filter((e) => e.name !== "tick" && e.name !== "keepaliveerror").at(-1)?.name === s;
    const d = document.querySelector("dialog.session-timeout");
    return !!d?.open && (s === "expired" ? d.dataset.view === "expired" : d.dataset.view !== "expired");
  }, wanted, timeout);

export const dialogText = (page, part) => page.text(`dialog.session-timeout .session-timeout__${part}`);

export const dialogOpen = (page) => page.evaluate(() => document.querySelector("dialog.session-timeout")?.open ?? false);

export const focusedClass = (page) => page.evaluate(() => document.activeElement?.className ?? "");

// Pictures are Chromium's (the README shows one engine's); other engines
// write theirs beside them, named by engine.
export async function screenshot(page, name) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const file = page.engine === "chromium" ? `${name}.png` : `${name}-${page.engine}.png`;
  if (page.engine === "chromium" || !process.env.SCREENSHOTS_DIR) await page.screenshot(path.join(SCREENSHOTS, file));
}

// Every session-timeout event the page sees, in order, into window.__events.
export const recordEvents = (page) =>
  page.evaluate(() => {
    window.__events = [];
    for (const name of ["warning", "tick", "extended", "keepaliveerror", "expired", "redirect", "signout", "activity"]) {
      document.addEventListener(`session-timeout:${name}`, (e) => window.__events.push({ name, ...e.detail }));
    }
  });

export const events = (page) => page.evaluate(() => window.__events.filter((e) => e.name !== "tick"));

// Puts the demo's service worker `script` (under /__test/) in charge of
// the page and the site: from now on the page's requests go through it.
export async function useServiceWorker(page, script) {
  await page.evaluate(async (url) => {
    await navigator.serviceWorker.register(url, { scope: "/" });
    await navigator.serviceWorker.ready;
  }, `/__test/${script}`);
  await page.waitFor(() => navigator.serviceWorker.controller !== null, null, 10000);
}

// Signs in through the demo's real form and lands on the protected page.
export async function signIn(page, url, name = "Ada") {
  await page.goto(`${url}/login`);
  await page.fill("#name", name);
  await page.fill("#password", "correct horse");
  await page.click("button[type=submit]");
  await page.waitForURL(`${url}/app`);
  await page.waitFor(() => window.sessionTimeout !== undefined);
}

// A fresh browser, signed in as `name`, its events recorded (its page
// errors and CSP violations are kept from the start).
export async function signedInPage(url, name) {
  const page = await open();
  await signIn(page, url, name);
  await recordEvents(page);
  return page;
}

// Seconds the server says are left, asked from the page (the status
// endpoint does not extend the session, and the library does not count it).
export const serverLeft = (page) => page.evaluate(async () => {
  const r = await fetch("/session/status", { cache: "no-store" });
  return r.status === 200 ? (await r.json()).secondsLeft : null;
});

// Whether the server's session was renewed to about `session` seconds at
// `since` (Date.now() before the click that renewed it): what is left now
// plus the seconds since then. Under CI's load the few commands between a
// click and this question have taken over a second, so "5 of 6 left"
// alone failed there; a session not renewed would add up to the 4 s or
// less a warning starts with.
export async function renewedSince(page, since, session) {
  const left = await serverLeft(page);
  const elapsed = (Date.now() - since) / 1000;
  return { renewed: left > 0 && left + elapsed >= session - 1, left, elapsed };
}
