// Signing out against real frameworks as they ship (examples/servers/):
// the library's "Sign out" and the app's own button, in one tab and the
// other tabs of the browser. A file of its own: each test waits on real
// servers, and the framework file's time is near its limit.
import { test } from "./support/retry.mjs";
import assert from "node:assert/strict";
import { startExample } from "./support/example-server.mjs";
import { PROMPTLY, frameworkBrowser, waitForState } from "./support/example-app.mjs";
import { filled, waitForFunction } from "./support/browser.mjs";

// Each app's page is rewritten in flight (Playwright's route): Chromium only.
const { skip, openApp } = frameworkBrowser();

// Django 5's LogoutView takes POST only (a GET is a 405), as Spring
// Security, Laravel and ASP.NET Core's sign-outs do: "Sign out" used to
// open signOutUrl, showing a 405 page and leaving the session alive. The
// Rails and Laravel apps' sign-outs are POST routes with the CSRF check.
// Devise's takes DELETE only, as it ships: the POST finds no route (404),
// and the library sends a DELETE.
// A second tab of the same browser follows a sign-out in the first once the
// framework has ended the session: sooner, Laravel's reload (or a sign-in
// page that sends the signed-in on) finds it alive, and Rails' cookie store
// even brings it back to life. Nothing typed there is kept.
async function secondTab(context, server) {
  const other = await context.newPage();
  await other.goto(`${server.url}${server.notes}`);
  // Typed as soon as the page is there, and checked: typing lands nowhere
  // once a warning's modal dialog has made the field inert, and the test
  // would then keep nothing trivially.
  assert.ok(await filled(other, "#notes", "half a thought"), "typed before any warning");
  await waitForFunction(other, () => window.sessionTimeout?.state !== undefined);
  return other;
}

async function followed(other, server) {
  await other.waitForURL((u) => u.pathname === server.login, { timeout: PROMPTLY });
  const kept = await other.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith("session-timeout:draft:")));
  assert.deepEqual(kept, [], "a chosen sign-out keeps no typing");
}

for (const name of ["django", "rails", "devise", "laravel"]) {
  test(`${name}: Sign out POSTs the app's sign-out with its CSRF token, lands on its sign-in page, and the other tab follows`, { skip }, async () => {
    // The warning 10 s after the second tab's page: room for it to load
    // and be typed into first under CI's load.
    const server = await startExample(name, { session: 30, warn: 20, redirect: 2 });
    const { context, page } = await openApp(server);
    try {
      const other = await secondTab(context, server);
      const posts = [];
      page.on("request", (r) => { if (new URL(r.url()).pathname === server.logout) posts.push([r.method(), r.headers()[server.csrfHeader] ? "token" : "none"]); });
      await waitForState(page, "warning", 10_000 + PROMPTLY);
      await page.click("dialog.session-timeout >> text=Sign out");
      await page.waitForURL((u) => u.pathname === server.login, { timeout: PROMPTLY });
      const sent = name === "devise" ? [["POST", "token"], ["DELETE", "token"]] : [["POST", "token"]];
      assert.deepEqual(posts, sent, "one POST (and for Devise one DELETE), with the CSRF token");
      await followed(other, server);
      const after = await context.request.get(`${server.url}${server.app}`, { maxRedirects: 0 });
      assert.equal(after.status(), 302, "the server session is over");
    } finally {
      await context.close();
      await server.stop();
    }
  });

  // The app's own button, as the framework renders it (Rails' button_to,
  // Devise's with method: :delete): a plain form, no JavaScript of the page's.
  test(`${name}: the app's own Sign out button signs out the other tab too`, { skip }, async () => {
    const server = await startExample(name, { session: 60, warn: 20, redirect: 2 });
    const { context, page } = await openApp(server);
    try {
      const other = await secondTab(context, server);
      await page.click("header >> text=Sign out");
      await followed(other, server);
      const after = await context.request.get(`${server.url}${server.app}`, { maxRedirects: 0 });
      assert.equal(after.status(), 302, "the framework ended the session");
    } finally {
      await context.close();
      await server.stop();
    }
  });
}
