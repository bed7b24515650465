// The person's flow in each engine, Chromium, Firefox and WebKit (Safari's),
// written once over tests/e2e/support/engines.mjs against the real demo
// server: the warning on time with focus on "Stay signed in", Escape
// extending the real session, axe with the warning open, expiry, the
// redirect to sign-in, two tabs sharing one clock, keyboard-only use,
// requests from fetch, XHR, jQuery, axios and htmx, a long form that
// survives a forced sign-out, a policy that refuses WebAssembly, the script
// tag, and the final warning of a session with a hard end. An engine that is not installed is reported as skipped,
// with the reason.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startDemo } from "./support/demo-server.mjs";
import { ENGINES, missing, open } from "./support/engines.mjs";

let demo, hardEnd;
before(async () => {
  demo = await startDemo({ session: 10, warn: 5, redirect: 2 });
  hardEnd = await startDemo({ session: 30, warn: 5, redirect: 2, absolute: 8 });
});
after(async () => { await demo?.stop(); await hardEnd?.stop(); });

const state = (page) => page.evaluate(() => window.sessionTimeout?.state);
const waitForState = (page, wanted, timeout = 15000) => page.waitFor((s) => window.sessionTimeout?.state === s, wanted, timeout);
// The getter tells the state at this instant; the dialog follows when the
// timer fires, a moment later.
const waitForDialog = (page, view) => page.waitFor((v) => document.querySelector("dialog.session-timeout")?.getAttribute("data-view") === v, view);
const dialog = (page) => page.evaluate(() => {
  const d = document.querySelector("dialog.session-timeout");
  const text = (part) => d?.querySelector(`.session-timeout__${part}`)?.textContent ?? "";
  return { open: !!d?.open, view: d?.getAttribute("data-view"), title: text("title"), message: text("message"), primary: text("button--primary"), focused: document.activeElement?.className ?? "" };
});
// Seconds the server says are left, asked from the page (the status
// endpoint does not extend the session, and the library does not count it).
const serverLeft = (page) => page.evaluate(async () => {
  const r = await fetch("/session/status", { cache: "no-store" });
  return r.status === 200 ? (await r.json()).secondsLeft : null;
});

// Each client the page may make its requests with, and its script (real
// copies from npm); the requests themselves are written in the test.
const CLIENTS = {
  fetch: null,
  xhr: null,
  jquery: "/__test/vendor/jquery/dist/jquery.min.js",
  axios: "/__test/vendor/axios/dist/axios.min.js",
  htmx: "/__test/vendor/htmx.org/dist/htmx.min.js",
};

async function signIn(page, url, name) {
  await page.goto(`${url}/login`);
  await page.fill("#name", name);
  await page.fill("#password", "correct horse");
  await page.click("button[type=submit]");
  await page.waitFor(() => location.pathname === "/app" && window.sessionTimeout !== undefined);
}

async function axe(page) {
  return page.evaluate(async () => {
    if (!window.axe) {
      await new Promise((resolve, reject) => {
        const s = Object.assign(document.createElement("script"), { src: "/__test/vendor/axe-core/axe.min.js", onload: resolve, onerror: reject });
        document.head.append(s);
      });
    }
    // The dialog fades in: colours are read once it has.
    await Promise.all(document.getAnimations().map((a) => a.finished));
    const result = await window.axe.run(document, { resultTypes: ["violations"] });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  });
}

for (const engine of ENGINES) {
  const skip = missing(engine) ?? false;

  test(`${engine}: warning with focus on Stay, Escape extends the real session, axe, expiry and the redirect`, { skip }, async () => {
    const page = await open(engine);
    try {
      await signIn(page, demo.url, `Ada ${engine}`);
      await page.fill("#full-name", "Ada Lovelace");
      await waitForState(page, "warning");
      await waitForDialog(page, "warning");
      let d = await dialog(page);
      assert.ok(d.open, "the warning is a modal <dialog>");
      assert.equal(d.view, "warning");
      assert.equal(d.primary, "Stay signed in");
      assert.match(d.focused, /session-timeout__button--primary/, "focus moves to Stay signed in");
      assert.match(d.message, /^For your security, we will sign you out in [1-5] seconds?\.$/);
      assert.deepEqual(await axe(page), [], `${engine}: axe with the warning open`);

      await page.press("Escape");
      await waitForState(page, "active");
      assert.equal((await dialog(page)).open, false, "Escape means stay: the dialog closes");
      assert.ok((await serverLeft(page)) >= 8, "and the server's session was really extended");
      assert.equal(await page.evaluate(() => document.getElementById("full-name").value), "Ada Lovelace", "typed text untouched");

      await waitForState(page, "expired", 20000);
      await waitForDialog(page, "expired");
      d = await dialog(page);
      assert.equal(d.view, "expired");
      assert.equal(d.title, "You have been signed out");
      await page.waitFor(() => location.pathname === "/login" && location.search.includes("expired=true"), undefined, 10000);
      assert.equal(await serverLeft(page), null, "the server agrees the session is over");
    } finally {
      await page.close();
    }
  });

  test(`${engine}: two tabs share one clock: one leader, one keep-alive for both, and Stay in one closes the warning in the other`, { skip }, async () => {
    const first = await open(engine);
    try {
      await signIn(first, demo.url, `Tabs ${engine}`);
      const second = await first.newTab();
      await second.goto(`${demo.url}/app`);
      await second.waitFor(() => window.sessionTimeout?.state === "active");
      const leaders = [await first.evaluate(() => window.sessionTimeout.isLeader), await second.evaluate(() => window.sessionTimeout.isLeader)];
      assert.equal(leaders.filter(Boolean).length, 1, `exactly one tab leads (Web Locks): ${leaders}`);
      await waitForDialog(second, "warning");
      await waitForDialog(first, "warning");
      const before = (await demo.counts()).keepAlive;
      await second.click("dialog.session-timeout .session-timeout__button--primary");
      await first.waitFor(() => !document.querySelector("dialog.session-timeout").open && window.sessionTimeout.state === "active");
      await second.waitFor(() => window.sessionTimeout.state === "active");
      assert.equal((await demo.counts()).keepAlive - before, 1, "one keep-alive reached the server for both tabs");
      const left = [await first.evaluate(() => window.sessionTimeout.remainingSeconds), await second.evaluate(() => window.sessionTimeout.remainingSeconds)];
      assert.ok(Math.abs(left[0] - left[1]) <= 1 && left[0] >= 8, `both tabs have the new deadline: ${left}`);
      await second.close();
    } finally {
      await first.close();
    }
  });

  test(`${engine}: a long form typed into survives a forced sign-out and comes back after signing in again`, { skip }, async () => {
    const page = await open(engine);
    const typed = { "#full-name": "Ada Lovelace", "#email": "ada@example.org", "#reason": "To run the Analytical Engine.\nTwice." };
    try {
      await signIn(page, demo.url, `Drafts ${engine}`);
      for (const [css, text] of Object.entries(typed)) await page.fill(css, text);
      await page.evaluate(() => {
        const country = document.getElementById("country");
        country.value = "Netherlands";
        country.dispatchEvent(new Event("change", { bubbles: true }));
      });
      await page.click("#agree");
      await page.fill("#confirm-password", "hunter2");
      assert.equal(await page.evaluate(() => document.getElementById("reason").value), typed["#reason"], "typed as a person would");
      await page.waitFor(() => location.pathname === "/login" && location.search.includes("expired=true"), undefined, 25000);
      const stored = await page.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith("session-timeout:draft:")).map((k) => sessionStorage.getItem(k)));
      assert.equal(stored.length, 1, "one form saved");
      assert.ok(!stored[0].includes("hunter2"), "the password was never stored");

      await page.fill("#name", `Drafts ${engine}`);
      await page.fill("#password", "correct horse");
      await page.click("button[type=submit]");
      await page.waitFor(() => location.pathname === "/app" && window.sessionTimeout !== undefined);
      const values = await page.evaluate((ids) => ids.map((css) => document.querySelector(css).value), Object.keys(typed));
      assert.deepEqual(values, Object.values(typed), "every field typed into is back");
      const rest = await page.evaluate(() => [document.getElementById("country").value, document.getElementById("agree").checked, document.getElementById("confirm-password").value]);
      assert.deepEqual(rest, ["Netherlands", true, ""], "the choice and the tick are back; the password field is empty");
      assert.match(await page.evaluate(() => document.querySelector(".session-timeout__restored")?.textContent ?? ""), /restored what you had typed/);
      assert.equal(await page.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith("session-timeout:draft:")).length), 0, "nothing remains in storage");
    } finally {
      await page.close();
    }
  });

  test(`${engine}: a Content-Security-Policy without 'wasm-unsafe-eval' gets an error that says exactly what to add`, { skip }, async () => {
    const page = await open(engine);
    try {
      await page.goto(`${demo.url}/__test/csp-page`);
      await page.waitFor(() => window.__errors?.length > 0, undefined, 10000);
      const [message] = await page.evaluate(() => window.__errors);
      assert.match(message, /'wasm-unsafe-eval'/, `the script tag's event names the source to add: ${message}`);
      assert.match(message, /script-src/, "and the directive");
      // The npm way, from a module of the page (held to its policy).
      await page.waitFor(() => window.__rejected !== undefined, undefined, 10000);
      const rejected = await page.evaluate(() => window.__rejected);
      assert.equal(rejected?.name, "SessionTimeoutError", "init() rejects with a named error");
      assert.match(rejected.message, /Add 'wasm-unsafe-eval' to the policy's script-src directive/);
    } finally {
      await page.close();
    }
  });

  test(`${engine}: keyboard only: Escape stays signed in, Tab reaches Sign out and Shift+Tab comes back, Enter signs out`, { skip }, async () => {
    const page = await open(engine);
    try {
      await signIn(page, demo.url, `Keys ${engine}`);
      await waitForDialog(page, "warning");
      const focused = () => page.evaluate(() => document.activeElement?.className ?? "");
      assert.match(await focused(), /button--primary/, "focus moved into the dialog");
      const before = (await demo.counts()).keepAlive;
      await page.press("Escape");
      await waitForState(page, "active");
      assert.equal((await demo.counts()).keepAlive - before, 1, "Escape sent the keep-alive");
      await waitForDialog(page, "warning");
      await page.press("Tab");
      assert.match(await focused(), /button--secondary/, "Tab reaches Sign out");
      await page.press("Shift+Tab");
      assert.match(await focused(), /button--primary/, "Shift+Tab goes back to Stay signed in");
      await page.press("Tab");
      await page.press("Enter");
      await page.waitFor(() => location.pathname === "/login" && location.search.includes("signed-out=true"), undefined, 10000);
      assert.equal(await serverLeft(page), null, "the server session is gone");
    } finally {
      await page.close();
    }
  });

  test(`${engine}: fetch, XHR, jQuery, axios and htmx each move the deadline with the server's time left; a 401 ends the session`, { skip }, async () => {
    const page = await open(engine);
    try {
      await signIn(page, demo.url, `Requests ${engine}`);
      for (const [client, script] of Object.entries(CLIENTS)) {
        if (script) await page.evaluate((src) => new Promise((resolve, reject) => document.head.append(Object.assign(document.createElement("script"), { src, onload: resolve, onerror: reject }))), script);
        const moved = await page.evaluate(async (name) => {
          const heard = new Promise((resolve) => window.sessionTimeout.addEventListener("activity", (e) => resolve(e.detail), { once: true }));
          const request = {
            fetch: () => fetch("/api/data").then((r) => r.text()),
            xhr: () => new Promise((resolve) => { const x = new XMLHttpRequest(); x.open("GET", "/api/data"); x.onloadend = () => resolve(); x.send(); }),
            jquery: () => new Promise((resolve) => window.jQuery.ajax({ url: "/api/data", complete: resolve })),
            axios: () => window.axios.get("/api/data"),
            htmx: () => window.htmx.ajax("GET", "/api/data", { target: "#fetch-result", swap: "none" }),
          }[name];
          await request();
          return Promise.race([heard, new Promise((resolve) => setTimeout(() => resolve(null), 3000))]);
        }, client);
        assert.ok(moved, `${client}: an activity event`);
        assert.equal(moved.remainingSeconds, 10, `${client}: the server's Session-Expires-In was read`);
      }
      // Signed out behind the page's back (the redirect is not followed, so
      // the library sees no answer), then an XHR meets the 401.
      await page.evaluate(() => fetch("/logout", { method: "POST", redirect: "manual" }).then(() => undefined));
      await page.evaluate(() => new Promise((resolve) => { const x = new XMLHttpRequest(); x.open("GET", "/api/data"); x.onloadend = () => resolve(); x.send(); }));
      await waitForState(page, "expired", 3000);
      assert.equal(await page.evaluate(() => window.sessionTimeout.state), "expired");
    } finally {
      await page.close();
    }
  });

  test(`${engine}: one script tag starts the library from its data attributes`, { skip }, async () => {
    const page = await open(engine);
    try {
      await signIn(page, demo.url, `Notes ${engine}`);
      await page.goto(`${demo.url}/notes`);
      await page.waitFor(() => window.sessionTimeout?.state === "active");
      assert.equal(await page.evaluate(() => document.querySelectorAll("link[href$='session-timeout.css']").length), 1, "its stylesheet added beside it");
      assert.match(await page.evaluate(() => document.querySelector("[data-session-timeout-notice]").textContent), /^For your security, we will sign you out after 10 seconds of inactivity\.$/);
    } finally {
      await page.close();
    }
  });

  test(`${engine}: a session's hard end: the final warning, extend() refused, Continue closes it, expiry at the hard end`, { skip }, async () => {
    const page = await open(engine);
    try {
      await signIn(page, hardEnd.url, `Hedy ${engine}`);
      await waitForState(page, "warning");
      await waitForDialog(page, "final");
      const d = await dialog(page);
      assert.equal(d.view, "final");
      assert.equal(d.primary, "Continue");
      assert.equal(await page.evaluate(() => window.sessionTimeout.extend()), false);
      await page.click("dialog.session-timeout .session-timeout__button--primary");
      await page.waitFor(() => !document.querySelector("dialog.session-timeout").open);
      assert.equal(await state(page), "warning", "closed to save work; the countdown goes on");
      await waitForState(page, "expired", 15000);
    } finally {
      await page.close();
    }
  });
}
