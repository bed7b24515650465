// The package the ways people use it: one script tag with data attributes
// (no other JavaScript), and a Vite app built from the `npm pack` tarball.
import { test } from "./support/retry.mjs";
import assert from "node:assert/strict";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { fileDemo } from "./support/demo-server.mjs";
import { lacks, open } from "./support/engines.mjs";
import { waitForState, signIn } from "./support/page.mjs";

const demo = fileDemo({ session: 8, warn: 5, redirect: 2 });
const skip = lacks();
const pkgDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../pkg");

async function signedIn(path) {
  const page = await open();
  await signIn(page, demo.url, "Packager");
  await page.goto(`${demo.url}${path}`);
  return page;
}

test("script tag only: starts from data attributes, adds its stylesheet, warns and keeps alive", { skip }, async () => {
  const page = await signedIn("/notes");
  await page.waitFor(() => window.sessionTimeout?.state === "active");
  assert.equal(await page.count("link[rel=stylesheet][href$='session-timeout.css']"), 1, "stylesheet found next to the script");
  assert.match(await page.text("[data-session-timeout-notice]"), /^For your security, we will sign you out after 8 seconds of inactivity\.$/, "the notice, from the attributes");
  await waitForState(page, "warning");
  const border = await page.evaluate(() => getComputedStyle(document.querySelector("dialog.session-timeout")).borderTopWidth);
  assert.equal(border, "5px", "the dialog is styled by the shipped stylesheet");
  const before = (await demo.counts()).keepAlive;
  await page.click("text=Stay signed in");
  await waitForState(page, "active");
  assert.equal((await demo.counts()).keepAlive - before, 1);
  // Loading the module again (a second tag, a second import) starts nothing new.
  const same = await page.evaluate(async () => {
    const first = window.sessionTimeout;
    await import("/assets/session-timeout/session-timeout.js?again");
    await new Promise((r) => setTimeout(r, 300));
    return window.sessionTimeout === first;
  });
  assert.ok(same, "one instance");
  assert.deepEqual((await page.errors()).filter((e) => !e.includes("already started")), [], "no error, and strict CSP: the script tag and its stylesheet need nothing inline");
  await page.close();
});

test("script tag: the site's theme, set in its own stylesheet (which loads first), reaches the dialog; a right-to-left page mirrors it", { skip }, async () => {
  const page = await signedIn("/notes");
  // (Firefox lists a stylesheet once it has loaded.)
  await page.waitFor(() => Array.from(document.styleSheets).some((s) => s.href?.endsWith("/session-timeout.css")));
  // The site's stylesheet (the demo's, in <head> before the one the script
  // tag appends): one property on :root, one on the dialog's class, as a
  // site themes it; and the page turned right-to-left.
  const order = await page.evaluate(() => {
    const sheets = Array.from(document.styleSheets, (s) => s.href ?? "");
    const site = document.styleSheets[sheets.findIndex((h) => h.endsWith("/static/demo.css"))];
    site.insertRule(":root { --session-timeout-accent: rgb(1, 2, 3) }", site.cssRules.length);
    site.insertRule(".session-timeout { --session-timeout-bg: rgb(4, 5, 6) }", site.cssRules.length);
    document.documentElement.dir = "rtl";
    return sheets.map((h) => h.split("/").pop());
  });
  assert.deepEqual(order, ["demo.css", "session-timeout.css"], "the library's stylesheet loads after the site's");
  await waitForState(page, "warning");
  const seen = await page.evaluate(() => {
    const note = Object.assign(document.createElement("p"), { className: "session-timeout__restored" });
    document.querySelector("main").prepend(note);
    const style = (selector) => getComputedStyle(document.querySelector(selector));
    return {
      dialog: style("dialog.session-timeout").backgroundColor,
      button: style(".session-timeout__button--primary").backgroundColor,
      title: style(".session-timeout__title").color,
      note: [style(".session-timeout__restored").borderRightWidth, style(".session-timeout__restored").borderLeftWidth],
    };
  });
  assert.deepEqual(seen, { dialog: "rgb(4, 5, 6)", button: "rgb(1, 2, 3)", title: "rgb(11, 12, 12)", note: ["5px", "0px"] },
    "the site's values win, the rest keep their defaults, and the restored note's bar is at the line's start (right)");
  await page.close();
});

test("the npm way: an instance the page does not hold runs on through garbage collection until destroy(), then is let go", { skip: lacks("gc") }, async () => {
  const page = await open();
  await page.goto(`${demo.url}/__test/script-tag?attrs=`);
  const collectGarbage = async () => {
    const devtools = await page.context.newCDPSession(page.raw);
    for (let i = 0; i < 3; i++) await devtools.send("HeapProfiler.collectGarbage");
    await devtools.detach();
    // A freed instance is given back in a task of its own.
    await page.evaluate(() => new Promise((done) => setTimeout(done, 200)));
  };
  await page.evaluate(async () => {
    const { default: init, SessionTimeout } = await import("/assets/session-timeout/session-timeout.js");
    await init();
    window.__warned = false;
    document.addEventListener("session-timeout:warning", () => { window.__warned = true; });
    // Started and not held, as `init().then(() => new SessionTimeout(options))` leaves it.
    (() => { new SessionTimeout({ sessionSeconds: 24, warnSeconds: 21, crossTab: false }); })();
    // Two held, then ended: by destroy() and by `using`'s dispose.
    const ended = [new SessionTimeout({ sessionSeconds: 600, crossTab: false }), new SessionTimeout({ sessionSeconds: 600, crossTab: false })];
    window.__ended = ended.map((t) => new WeakRef(t));
    ended[0].destroy();
    ended[1][Symbol.dispose]();
  });
  await collectGarbage();
  await page.waitFor(() => window.__warned, undefined, 10000);
  assert.ok(await page.evaluate(() => document.querySelector("dialog.session-timeout")?.open && !String(window.fetch).includes("[native code]")),
    "the warning is open and the page's requests are still watched");
  assert.deepEqual(await page.evaluate(() => window.__ended.map((ref) => ref.deref() === undefined)), [true, true], "an ended instance is not kept");
  await page.close();
});

test("under Trusted Types with no policy allowed, the script tag states the limit, reads the form and opens the warning, and no string reaches a sink", { skip }, async () => {
  const page = await open();
  await page.goto(`${demo.url}/__test/trusted-types`);
  await page.waitFor(() => window.sessionTimeout?.state === "warning", undefined, 10000);
  const seen = await page.evaluate(() => {
    let enforced = false;
    try { document.createElement("div").innerHTML = "<b>x</b>"; } catch { enforced = true; }
    return {
      enforced,
      dialog: document.querySelector("dialog.session-timeout")?.open,
      notice: document.querySelector("[data-session-timeout-notice]").textContent,
      violations: window.__violations.filter((v) => !v.includes("<b>x</b>")),
      console: window.__console.filter((c) => !c.includes("TrustedHTML")),
    };
  });
  // Chromium enforces it; an engine without Trusted Types runs the page as before.
  if (page.engine === "chromium") assert.ok(seen.enforced, "the policy is in force");
  assert.deepEqual(seen, { enforced: seen.enforced, dialog: true, notice: "For your security, we will sign you out after 25 seconds of inactivity.", violations: [], console: [] });
  await page.close();
});

// A page whose only script is the library's tag with these attributes
// (the demo's /__test/script-tag, which records console errors first).
const tagPage = (attrs) => `${demo.url}/__test/script-tag?attrs=${encodeURIComponent(attrs)}`;

test("script tag: a malformed or misspelt attribute is a console error and a session-timeout:error event naming it", { skip }, async () => {
  const page = await open();
  const cases = {
    "bad number": ['data-session-seconds="60" data-warn-seconds="two minutes"', /data-warn-seconds="two minutes".*number of seconds/],
    "bad name": ['data-session-seconds="60" data-warn-secnds="20"', /Unknown attribute data-warn-secnds: did you mean data-warn-seconds\?/],
    "bad rule": ['data-session-seconds="60" data-warn-seconds="90"', /attribute data-warn-seconds.*shorter than the session/],
    "csrf not JSON": [`data-session-seconds="60" data-csrf='{"header":"X-CSRFToken"'`, /Invalid attribute data-csrf="\{"header":"X-CSRFToken"": it must be auto, false, or JSON/],
    "csrf JSON breaks a rule": [`data-session-seconds="60" data-csrf='{"header":"X-CSRFToken","cookie":"a","meta":"b"}'`, /attribute data-csrf.*give only one of cookie, meta or token/],
  };
  for (const [name, [attributes, expected]] of Object.entries(cases)) {
    await page.goto(tagPage(attributes));
    await page.waitFor(() => window.__console.length > 0, undefined, 5000);
    const errors = await page.evaluate(() => window.__console);
    assert.ok(errors.some((e) => expected.test(e)), `${name}: ${JSON.stringify(errors)}`);
    // And as the event a page's error reporting listens for.
    const events = await page.evaluate(() => window.__errors);
    assert.ok(events.length === 1 && expected.test(events[0]), `${name}, session-timeout:error: ${JSON.stringify(events)}`);
    assert.equal(await page.evaluate(() => window.sessionTimeout ?? null), null, "nothing half-started");
  }
  // The same attribute, well formed, starts it.
  await page.goto(tagPage(`data-session-seconds="60" data-csrf='{"header":"X-CSRFToken","cookie":"csrftoken"}'`));
  await page.waitFor(() => window.sessionTimeout?.state === "active", undefined, 5000);
  assert.deepEqual(await page.evaluate(() => window.__console), []);
  await page.close();
});

test("a Vite app built from the npm pack tarball loads the library and it works", { skip }, async () => {
  const page = await signedIn("/vite/?session=8&warn=5");
  await page.waitFor(() => window.sessionTimeout?.state === "active");
  await waitForState(page, "warning");
  await page.waitFor(() => document.querySelector("#state").textContent === "warning");
  assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector("dialog.session-timeout")).borderTopWidth), "5px");
  await page.click("text=Stay signed in");
  await waitForState(page, "active");
  assert.equal(await page.evaluate(() => window.sessionTimeout.extend()), true, "extend() resolves true: the server extended the session");
  // The package's addEventListener and removeEventListener: a listener
  // hears until removed, with the options it was added with; after
  // destroy() adding one is a no-op, not an error.
  const heard = await page.evaluate(async () => {
    const timeout = window.sessionTimeout;
    const seen = [];
    const kept = (e) => seen.push(`kept ${e.type}`);
    const removed = (e) => seen.push(`removed ${e.type}`);
    const captured = { handleEvent: (e) => seen.push(`object ${e.type}`) };
    timeout.addEventListener("activity", kept);
    timeout.addEventListener("activity", removed);
    timeout.addEventListener("activity", captured, true);
    timeout.removeEventListener("activity", removed);
    timeout.removeEventListener("activity", captured); // not the capture flag it was added with: stays
    // (An answer within a second of the last one cannot move the clock.)
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await fetch("/api/data").then((r) => r.text());
    await new Promise((resolve) => setTimeout(resolve, 200));
    timeout.destroy();
    timeout.addEventListener("activity", removed);
    timeout.removeEventListener("activity", kept);
    return seen.sort(); // engines differ on capture-first at the target
  });
  assert.deepEqual(heard, ["kept activity", "object activity"]);
  assert.deepEqual(await page.errors(), []);
  await page.close();
});

// A single-page app renders its form after the library starts, once its
// data has loaded, and React owns the fields' values: the saved copy waits
// for the form, and React's own state takes what comes back.
test("a React app's form, rendered after start, states the limit and gets back what was typed before the session ended", { skip }, async () => {
  const page = await signedIn("/vite/react.html?session=6&warn=3");
  await page.waitFor(() => document.querySelector("#body") !== null);
  await page.waitFor(() => document.querySelector("[data-session-timeout-notice]").textContent !== "", undefined, 5000);
  assert.equal(await page.text("[data-session-timeout-notice]"), "For your security, we will sign you out after 6 seconds of inactivity.", "the limit, stated in the form rendered after start");
  await page.fill("#title", "Shopping");
  await page.fill("#body", "Eggs\nFlour");
  await page.click("#urgent");
  await page.select("#shop", "market");
  assert.equal(await page.text("#held"), "Shopping|Eggs\nFlour|true|market");
  await page.waitForURL(/\/login\?expired=true$/, 20000);
  await page.fill("#name", "Packager");
  await page.fill("#password", "correct horse");
  await page.click("button[type=submit]");
  await page.waitForURL(`${demo.url}/app`);
  await page.goto(`${demo.url}/vite/react.html`);
  await page.waitFor(() => document.querySelector("#body")?.value === "Eggs\nFlour", undefined, 5000);
  // React reads a checkbox's change from its click, not from input/change events.
  await page.waitFor(() => document.querySelector("#held").textContent === "Shopping|Eggs\nFlour|true|market", undefined, 2000);
  assert.equal(await page.checked("#urgent"), true);
  assert.equal(await page.value("#title"), "Shopping");
  assert.equal(await page.value("#body"), "Eggs\nFlour");
  assert.match(await page.text(".session-timeout__restored"), /restored what you had typed/);
  assert.deepEqual(await page.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith("session-timeout:draft:"))), [], "nothing left in storage");
  assert.deepEqual(await page.errors(), []);
  await page.close();
});

test("script tag: markup in data-text-* attributes renders as inert text", { skip }, async () => {
  const page = await open();
  await signIn(page, demo.url, "Attr");
  const payloads = [
    `<img src=x onerror="window.__xss=1">`,
    `"><script>window.__xss=1</script>`,
    `<a href="javascript:window.__xss=1">x</a>`,
    `<svg onload="window.__xss=1">`,
    `\u202eRTL override\u202c <b>bold</b>`,
  ];
  const escape = (s) => s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
  let checked = 0;
  for (const payload of payloads) {
    const p = escape(payload);
    await page.goto(tagPage(`data-session-seconds="3" data-warn-seconds="2.5" data-redirect-seconds="30" data-sign-out-url="/logout" data-allow-short-warning
      data-text-warning-title="${p}" data-text-warning-message="${p} {time}" data-text-stay-button="${p}" data-text-sign-out-button="${p}"
      data-text-expired-title="${p}" data-text-expired-message="${p} {time}" data-text-sign-in-button="${p}"`));
    await page.waitFor(() => window.sessionTimeout?.state === "warning" && document.querySelector("dialog.session-timeout")?.open, undefined, 5000);
    assert.equal(await page.text("dialog.session-timeout .session-timeout__title"), payload);
    await page.waitFor(() => window.sessionTimeout.state === "expired", undefined, 5000);
    assert.equal(await page.count("dialog.session-timeout :is(img, script, a, svg, b)"), 0);
    assert.equal(await page.evaluate(() => window.__xss ?? null), null, "no script ran");
    checked++;
  }
  console.log(`data-attribute xss: ${checked} passed, 0 failed`);
  await page.close();
});

// The page and its module come from the demo's /__test/csp-page, so the
// policy holds them in every engine (a WebDriver's own scripts may not be).
test("a Content-Security-Policy without 'wasm-unsafe-eval' gets an error that says exactly what to add", { skip }, async () => {
  const page = await open();
  try {
    await page.goto(`${demo.url}/__test/csp-page`);
    await page.waitFor(() => window.__errors?.length > 0, undefined, 10000);
    const [message] = await page.evaluate(() => window.__errors);
    assert.match(message, /'wasm-unsafe-eval'/, `the script tag's event names the source to add: ${message}`);
    assert.match(message, /script-src/, "and the directive");
    if (page.engine === "chromium") {
      const logged = await page.errors();
      assert.ok(logged.some((m) => m.includes("'wasm-unsafe-eval'")), `the console says it too: ${logged}`);
    }
    // The npm way: init() rejects with a named error saying the same.
    await page.waitFor(() => window.__rejected !== undefined, undefined, 10000);
    const rejected = await page.evaluate(() => window.__rejected);
    assert.equal(rejected?.name, "SessionTimeoutError", "init() rejects with a named error");
    assert.match(rejected.message, /Add 'wasm-unsafe-eval' to the policy's script-src directive/);
  } finally {
    await page.close();
  }
});

// Serves `dir` on 127.0.0.1 with `page` at / (given as [start, rest]: the
// rest a second and a half later, as a long page arrives); `/latest/…`
// redirects to `/0.1.0/…`, and `/0.1.0/…` is `dir` (a CDN's unversioned
// URL to its versioned one).
async function serveFolder(dir, page) {
  const types = { ".js": "text/javascript", ".wasm": "application/wasm", ".css": "text/css" };
  const server = http.createServer((req, res) => {
    const { pathname } = new URL(req.url, "http://x");
    if (pathname === "/") {
      const [start, rest] = Array.isArray(page) ? page : [page, ""];
      res.writeHead(200, { "content-type": "text/html" }).write(start);
      return setTimeout(() => res.end(rest), rest ? 1500 : 0);
    }
    if (pathname.startsWith("/latest/")) return res.writeHead(302, { location: pathname.replace("/latest/", "/0.1.0/") }).end();
    const file = path.join(dir, path.normalize(decodeURIComponent(pathname.replace(/^\/0\.1\.0\//, "/"))));
    if (!file.startsWith(dir) || !existsSync(file)) return res.writeHead(404).end();
    res.writeHead(200, { "content-type": types[path.extname(file)] ?? "application/octet-stream" }).end(readFileSync(file));
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${server.address().port}`, stop: () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }) };
}

// A script tag whose URL the server redirects (unpkg sends its latest
// version to a fixed one): the module's own URL is then the one it was
// redirected to, not the tag's src, and the library used to find no tag
// and start nothing, silently.
test("a script tag whose URL redirects still starts, with its stylesheet from where the file came", { skip }, async () => {
  const page = `<!doctype html><html lang="en"><title>redirected</title>
<script type="module" src="/latest/session-timeout.min.js" data-session-seconds="60" data-warn-seconds="30"></script>`;
  const server = await serveFolder(pkgDir, page);
  const tab = await open();
  try {
    await tab.goto(`${server.url}/`);
    await tab.waitFor(() => window.sessionTimeout?.state === "active", undefined, 10000);
    assert.equal(await tab.attribute("link[rel=stylesheet]", "href"), `${server.url}/0.1.0/session-timeout.css`, "the stylesheet beside the file, where the redirect led");
    assert.deepEqual(await tab.errors(), [], "no error");
  } finally {
    await tab.close();
    await server.stop();
  }
});

// An async script tag in the head runs as soon as it has loaded, while
// the page may still be arriving: what the library looks for at start
// (marked notice elements, forms to put drafts back into) is not there
// yet. It used to start at once and miss them, silently.
test("an async script tag waits for the page: the notice further down is filled in", { skip }, async () => {
  const server = await serveFolder(pkgDir, [
    `<!doctype html><html lang="en"><title>async</title>
<script type="module" async src="/session-timeout.min.js" data-session-seconds="60" data-warn-seconds="30"></script>
<body><p>The start of a long page.</p>`,
    `<p id="notice" data-session-timeout-notice>(the session's length)</p></body>`,
  ]);
  const tab = await open();
  try {
    await tab.goto(`${server.url}/`);
    await tab.waitFor(() => window.sessionTimeout?.state === "active", undefined, 10000);
    assert.equal(await tab.text("#notice"), "For your security, we will sign you out after 1 minute of inactivity.");
  } finally {
    await tab.close();
    await server.stop();
  }
});

// A page that got this build's JavaScript and another build's .wasm (a
// cache kept an old copy of one after an upgrade). Short import names are
// handed out in order, so such a pair used to link and call the wrong
// functions, silently; the .wasm now names one import after its build, so
// the pair cannot link, and the page is told why. The other build is this
// .wasm with that one name changed, served by a server of the test's own.
test("a .wasm from another build than its JavaScript does not start, and says what to fix", { skip }, async () => {
  const dir = mkdtempSync(path.join(tmpdir(), "other-build-"));
  cpSync(pkgDir, dir, { recursive: true });
  const wasmPath = path.join(dir, "session_timeout_wasm_bg.wasm");
  const wasm = readFileSync(wasmPath);
  const [ours] = WebAssembly.Module.imports(new WebAssembly.Module(wasm)).map((i) => i.name).filter((n) => /^a_[0-9a-f]{6}$/.test(n));
  assert.ok(ours, "one import is named after the build");
  const other = `a_${[...ours.slice(2)].map((c) => (c === "0" ? "1" : "0")).join("")}`;
  assert.equal(wasm.indexOf(ours), wasm.lastIndexOf(ours), "the name is in the .wasm once");
  writeFileSync(wasmPath, Buffer.from(wasm.toString("latin1").replace(ours, other), "latin1"));
  const page = `<!doctype html><html lang="en"><title>other build</title>
<script>window.__errors = []; document.addEventListener("session-timeout:error", (e) => window.__errors.push(e.detail.message));</script>
<script type="module" src="/session-timeout.min.js" data-session-seconds="60"></script>
<script type="module">import init from "/session-timeout.min.js"; window.__rejected = await init().then(() => null, (e) => ({ name: e.name, message: e.message }));</script>`;
  const server = await serveFolder(dir, page);
  const tab = await open();
  try {
    await tab.goto(`${server.url}/`);
    await tab.waitFor(() => window.__errors.length > 0 && window.__rejected !== undefined, undefined, 10000);
    const [message] = await tab.evaluate(() => window.__errors);
    assert.match(message, /^session-timeout cannot start: its \.wasm and its JavaScript are from different builds/, `the script tag's event says so: ${message}`);
    assert.match(message, /from a URL that changes with each version/, "and what fixes it");
    const rejected = await tab.evaluate(() => window.__rejected);
    assert.equal(rejected?.name, "SessionTimeoutError", "init() rejects with a named error");
    assert.match(rejected.message, /different builds/);
    assert.equal(await tab.evaluate(() => window.sessionTimeout ?? null), null, "nothing started");
  } finally {
    await tab.close();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

// The commonest slip with a WebAssembly library: creating it before its
// module has loaded, which wasm-bindgen's class reports as "Cannot read
// properties of undefined". Both files people import say what to do.
test("new SessionTimeout() before init() says to await init() first; after it, it starts", { skip }, async () => {
  const page = `<!doctype html><html lang="en"><title>before init</title>
<script type="module">
const attempt = async (file) => {
  const { default: init, SessionTimeout } = await import(file);
  const options = { sessionSeconds: 60, warnSeconds: 30, crossTab: false };
  let early;
  try { new SessionTimeout(options).destroy(); early = null; } catch (e) { early = { name: e.name, message: e.message }; }
  await init();
  const timeout = new SessionTimeout(options);
  const state = timeout.state;
  timeout.destroy();
  return { early, state };
};
window.__results = { min: await attempt("/session-timeout.min.js"), readable: await attempt("/session-timeout.js") };
</script>`;
  const server = await serveFolder(pkgDir, page);
  const tab = await open();
  try {
    await tab.goto(`${server.url}/`);
    await tab.waitFor(() => window.__results !== undefined, undefined, 10000);
    const results = await tab.evaluate(() => window.__results);
    for (const [file, { early, state }] of Object.entries(results)) {
      assert.equal(early?.name, "SessionTimeoutError", `${file}: ${JSON.stringify(early)}`);
      assert.match(early.message, /before init\(\) loaded the WebAssembly: await init\(\) first/, file);
      assert.equal(state, "active", `${file}: after init() it starts`);
    }
  } finally {
    await tab.close();
    await server.stop();
  }
});
