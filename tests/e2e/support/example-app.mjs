// A page of a real-framework example app (examples/servers/), signed in
// through the app's own form, its script tag rewritten in flight to opt in
// to short test warnings; shared by the framework test files.
import assert from "node:assert/strict";
import { FORM } from "./example-server.mjs";
import { launch, waitForFunction } from "./browser.mjs";
import { lacks } from "./engines.mjs";
import { before, after } from "./retry.mjs";

// The one Chromium of a framework test file, launched before its tests and
// closed after them. The apps' pages are rewritten in flight (Playwright's
// route): Chromium only, so elsewhere `skip` says why. `openApp(server,
// extra, without)` opens a signed-in page in a fresh context of it.
export function frameworkBrowser() {
  const skip = lacks("route");
  let browser;
  before(async () => { if (!skip) browser = await launch(); });
  after(async () => { await browser?.close(); });
  return { skip, browser: () => browser, openApp: (server, extra, without) => openApp(browser, server, extra, without) };
}

// How long what follows at once (a page load, a request's answer) may take
// under CI's load: with seven apps and a browser on two cores, a sign-in
// page once took over 3 s to load. Each wait is far shorter than the time
// left in its session, so it still tells "at once" from "when it ends".
export const PROMPTLY = 15000;

export const waitForState = (page, wanted, timeout = 15000) => waitForFunction(page, (s) => window.sessionTimeout?.state === s, wanted, { timeout });
export const dialogText = (page, part) => page.textContent(`dialog.session-timeout .session-timeout__${part}`);

// Short test sessions need warnings under WCAG's 20 s: the page opts in, as
// a site would; `extra` adds attributes to the tag the server rendered and
// `without` takes the named ones out.
export async function openApp(browser, server, extra = "", without = []) {
  const context = await browser.newContext();
  const page = await context.newPage();
  // A route handler that throws leaves the request unanswered, and the
  // page's load then waits out its whole timeout (CI saw Express's page
  // hang 30 s so): the server is asked once more (a kept-alive socket it
  // closed as it was reused fails at once), then the load fails at once.
  const rewritten = async (route) => {
    const response = await route.fetch({ maxRedirects: 0 }).catch(() => route.fetch({ maxRedirects: 0 }));
    if (response.status() !== 200) return route.fulfill({ response });
    let body = (await response.text()).replace("data-session-seconds=", `data-allow-short-warning ${extra} data-session-seconds=`);
    for (const name of without) body = body.replace(new RegExp(`\\s${name}="[^"]*"`), "");
    await route.fulfill({ response, body });
  };
  await page.route((url) => url.origin === server.url && [server.app, server.notes].includes(url.pathname), (route) =>
    rewritten(route).catch((error) => {
      console.error(`rewriting ${route.request().url()}: ${error.message}`);
      return route.abort("failed").catch(() => {});
    }));
  const messages = [];
  page.on("console", (m) => messages.push(`${m.type()}: ${m.text()}`));
  // Each page's story on its console, for a failure's message: what it
  // loaded, the library's events, and when it left.
  await context.addInitScript(() => {
    const say = (what) => console.debug(`[${Math.round(performance.timeOrigin + performance.now()) % 1e6}] ${location.pathname}${location.search} ${what}`);
    say("loading");
    for (const name of ["warning", "extended", "expired", "redirect", "keepaliveerror", "signout", "draftsaved", "draftrestored"]) {
      document.addEventListener(`session-timeout:${name}`, (e) => say(`${name} ${JSON.stringify(e.detail)}`));
    }
    addEventListener("pagehide", () => say("left"));
  });
  const keepAlives = [];
  page.on("response", (r) => {
    if (r.url().endsWith("/session/keep-alive")) keepAlives.push({ status: r.status(), csrf: r.request().headers()[server.csrfHeader] ?? null });
  });
  // Sign in through the app's real form: a login-required page sends us there first.
  await page.goto(`${server.url}${server.app}`);
  assert.equal(new URL(page.url()).pathname, server.login, "a signed-out visit is redirected to the sign-in page");
  await signIn(page, server, server.app);
  // What the browser fetches for the page after its answer, and whether
  // each answer sent the session's cookie again (restarting it later than
  // the library counts from).
  const loads = [];
  page.on("response", (r) => loads.push(r.allHeaders().then((h) => ({ url: r.url(), type: r.request().resourceType(), renews: "set-cookie" in h }))));
  await page.goto(`${server.url}${server.app}`); // a redirect's target is not routed: load it again, rewritten
  await waitForFunction(page, () => window.sessionTimeout?.state === "active");
  // The recipe's tag loads the one minified file (8.2 KB gzip), not the
  // readable entry and the two modules it imports (18.7 KB, three
  // requests one after another).
  const scripts = await page.evaluate(() => performance.getEntriesByType("resource").map((e) => new URL(e.name).pathname).filter((p) => p.endsWith(".js")));
  assert.deepEqual(scripts, ["/static/session-timeout/session-timeout.min.js"], "the page's scripts");
  // …and the framework serves the .wasm as application/wasm, so it
  // compiles while it downloads (no fallback warning from the loader).
  assert.deepEqual(messages.filter((m) => m.includes("application/wasm")), [], "the .wasm's Content-Type");
  await page.evaluate(() => {
    window.__events = [];
    for (const name of ["expired", "redirect", "keepaliveerror"]) {
      document.addEventListener(`session-timeout:${name}`, (e) => window.__events.push({ name, ...e.detail }));
    }
  });
  return { context, page, keepAlives, messages, loads };
}

// The app's own sign-in form, on the page it is showing; lands on `path`.
// A Playwright page returns once the landing page's answer came, not its
// load: its callers load a page next, and in CI the next page once found a
// 10 s test session over, as it does when the landing page's load (its
// .wasm) takes that long under load. An engines.mjs page (back-forward)
// returns loaded, as its caller expects, and submits without waiting on
// WebDriver's click.
export async function signIn(page, server, path) {
  const form = server.form ?? FORM;
  const url = `${server.url}${path}`;
  await page.fill(form.user, form.name);
  await page.fill(form.password, "correct horse");
  await Promise.all(page.submit
    ? [page.waitForURL(url), page.submit(form.submit)]
    : [page.waitForURL(url, { waitUntil: "commit" }), page.click(form.submit)]);
}

export const whoami = (page) => page.evaluate(() => fetch("/api/whoami").then((r) => ({ status: r.status, redirected: r.redirected })));
