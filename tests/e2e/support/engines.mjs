// One small page API over three engines, so a cross-engine test is
// written once: Chromium through playwright-core, Firefox (geckodriver)
// and WebKit (WebKitWebDriver under Xvfb) through selenium-webdriver,
// all from Debian's packages. Each call does what a person would: go to
// a URL, fill a field, click, press a key; `evaluate` and `waitFor` read
// the page's state.
import { spawn } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { browserLost, unlessHung } from "./retry.mjs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { after } from "node:test";
import { Builder, By, Key } from "selenium-webdriver";
import firefox from "selenium-webdriver/firefox.js";
import { filled, launch, waitForFunction } from "./browser.mjs";

// Every driver is given by path: Selenium Manager is never to fetch one.
process.env.SE_OFFLINE = "true";

const GECKODRIVER = process.env.GECKODRIVER ?? path.join(os.homedir(), ".cargo/bin/geckodriver");
const FIREFOX = process.env.FIREFOX_BIN ?? "/usr/bin/firefox-esr";
const WEBKIT_DRIVER = process.env.WEBKIT_DRIVER ?? "/usr/bin/WebKitWebDriver";
const MINIBROWSER = process.env.MINIBROWSER ?? "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser";

import { ENGINES } from "./engine-names.mjs";
export { ENGINES };

// The engine this run of the suite drives (make test-e2e runs one per engine).
export const ENGINE = process.env.E2E_ENGINE ?? "chromium";
if (!ENGINES.includes(ENGINE)) throw new Error(`E2E_ENGINE=${ENGINE}: it must be one of ${ENGINES.join(", ")}`);

// Why an engine cannot run here, or null when it can.
export function missing(engine = ENGINE) {
  const need = { chromium: [], firefox: [GECKODRIVER, FIREFOX], webkit: [WEBKIT_DRIVER, MINIBROWSER, "/usr/bin/Xvfb"] }[engine];
  const absent = need.filter((file) => !existsSync(file));
  return absent.length ? `${absent.join(", ")} not installed (scripts/setup.sh installs them)` : null;
}

// What a test needs that only Playwright's Chromium gives here, and why the
// WebDriver engines go without it.
const ONLY_PLAYWRIGHT = {
  route: "it rewrites or fails requests in flight, and WebDriver has no request interception",
  clock: "it fast-forwards the page's own timers, and WebDriver has no fake clock",
  offline: "it takes the browser off the network, and WebDriver cannot",
  gc: "it collects the page's garbage on demand (the DevTools protocol), and WebDriver cannot",
  prompts: "it answers the page's own \"Leave site?\" prompt, which WebDriver always accepts",
  throttling: "it drives Chromium's throttling of a hidden tab's timers (its grace period cut by a browser flag) over its DevTools pipe, and WebDriver has neither",
};
// What one WebDriver engine here cannot do.
const LACKS = {
  firefox: { narrow: "Firefox's window is never narrower than 500 CSS px, whatever its pixel ratio" },
  webkit: {
    dark: "WebKitWebDriver cannot emulate prefers-color-scheme: dark",
    narrow: "MiniBrowser's window is never narrower than its toolbar (447 px), nor can it zoom the page",
  },
};

// For node:test's `skip`: false when this engine can run a test needing
// `features`, else the reason, printed as "# SKIP <reason>".
export function lacks(...features) {
  const absent = missing();
  if (absent) return `${ENGINE}: ${absent}`;
  for (const f of features) {
    if (ENGINE !== "chromium" && ONLY_PLAYWRIGHT[f]) return `${ENGINE}: ${ONLY_PLAYWRIGHT[f]}`;
    if (LACKS[ENGINE]?.[f]) return `${ENGINE}: ${LACKS[ENGINE][f]}`;
  }
  return false;
}

// Every browser a test file opened and has not closed: a test that fails
// half-way still leaves no browser, driver or display behind.
const opened = new Set();
after(async () => {
  for (const close of [...opened]) await close().catch(() => {});
  for (const drivers of firefoxes.values()) for (const driver of drivers.splice(0)) await driver.quit().catch(() => {});
  for (const browser of chromiums.values()) await browser.close().catch(() => {});
});

// Firefox takes about 3 s of CPU to start (measured: 3.6 s to open and
// quit, against 0.6 s for Chromium), once per test: with the engines
// sharing two cores that alone was minutes of `make test`. So a test file
// keeps the Firefox its tests closed (one per colour scheme, a launch
// preference), and the next test gets it as a fresh one: a new window
// (no history, no back/forward cache), every other window closed, and
// every cookie, storage, cache and lock of every site cleared by
// Firefox's own clear-data service (chrome context: geckodriver's
// --allow-system-access).
const firefoxes = new Map();

async function firefoxDriver(colorScheme) {
  const kept = firefoxes.get(colorScheme) ?? [];
  firefoxes.set(colorScheme, kept);
  while (kept.length) {
    const driver = kept.pop();
    try {
      await wipe(driver);
      return driver;
    } catch {
      await driver.quit().catch(() => {}); // lost with its last test: start another
    }
  }
  const options = new firefox.Options().addArguments("-headless").setBinary(FIREFOX);
  options.setPreference("layout.css.prefers-color-scheme.content-override", colorScheme === "dark" ? 0 : 1);
  const service = new firefox.ServiceBuilder(GECKODRIVER).setHostname("127.0.0.1").addArguments("--allow-system-access");
  return withTimeouts(await new Builder().forBrowser("firefox").setFirefoxOptions(options).setFirefoxService(service).build());
}

async function wipe(driver) {
  await driver.switchTo().newWindow("window");
  const fresh = await driver.getWindowHandle();
  for (const handle of await driver.getAllWindowHandles()) {
    if (handle === fresh) continue;
    await driver.switchTo().window(handle);
    await driver.close();
  }
  await driver.switchTo().window(fresh);
  await driver.setContext("chrome");
  try {
    const cleared = await driver.executeAsyncScript(`const done = arguments[arguments.length - 1];
      Services.clearData.deleteData(Ci.nsIClearDataService.CLEAR_ALL, (failed) => done(failed));`);
    if (cleared !== 0) throw new Error(`Firefox could not clear its data (flags ${cleared})`);
  } finally {
    await driver.setContext("content");
  }
}

const freePort = () => new Promise((resolve, reject) => {
  const server = createServer();
  server.listen(0, "127.0.0.1", () => { const { port } = server.address(); server.close(() => resolve(port)); });
  server.on("error", reject);
});

// A child process that is stopped with the session.
async function start(command, args, env = {}) {
  const child = spawn(command, args, { stdio: "ignore", env: { ...process.env, ...env } });
  await new Promise((resolve) => setTimeout(resolve, 300));
  return child;
}

async function waitForServer(port, ms = 15000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      const r = await fetch(`http://127.0.0.1:${port}/status`);
      if (r.ok) return;
    } catch (_) { /* not up yet */ }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`WebDriver on port ${port} did not start`);
}

// A fresh browser (one profile, no cookies) in `engine`, as a page of
// `viewport` CSS pixels, light or dark. `backForwardCache`: Chromium keeps
// its back/forward cache on (Playwright turns it off; Firefox and WebKit
// keep theirs under WebDriver).
export async function open(engine = ENGINE, { viewport = { width: 900, height: 700 }, colorScheme = "light", backForwardCache = false } = {}) {
  if (engine === "chromium") return chromiumPage(viewport, colorScheme, backForwardCache);
  const children = [];
  const stop = async () => { for (const child of children) child.kill(); };
  let driver;
  try {
    driver = engine === "firefox" ? await firefoxDriver(colorScheme) : await webKitDriver(children);
  } catch (error) {
    await stop();
    throw error;
  }
  // Firefox's goes back to the file's others when its page is closed.
  const kept = engine === "firefox" ? firefoxes.get(colorScheme) : null;
  const keep = kept && (() => { if (!kept.includes(driver)) kept.push(driver); });
  const page = await webDriverPage(driver, engine, stop, keep);
  await page.setViewport(viewport);
  return page;
}

// MiniBrowser has no headless mode: a private X display stands in. Xvfb
// picks its number and says it once it is ready (-displayfd), so WebKit
// test files run at once never race for one number.
async function xDisplay(children) {
  const xvfb = spawn("/usr/bin/Xvfb", ["-displayfd", "3", "-screen", "0", "1280x900x24", "-nolisten", "tcp"], { stdio: ["ignore", "ignore", "ignore", "pipe"] });
  children.push(xvfb);
  const number = await new Promise((resolve, reject) => {
    let said = "";
    xvfb.stdio[3].on("data", (chunk) => { said += chunk; if (said.includes("\n")) resolve(said.trim()); });
    xvfb.on("error", reject);
    xvfb.on("exit", (code) => reject(new Error(`Xvfb ended (exit code ${code}) before it had a display`)));
  });
  return `:${number}`;
}

// WebKit's WebDriver session; the processes it needs go in `children`.
async function webKitDriver(children) {
  const display = await xDisplay(children);
  const port = await freePort();
  children.push(await start(WEBKIT_DRIVER, [`--port=${port}`, "--host=127.0.0.1"], { DISPLAY: display }));
  await waitForServer(port);
  return withTimeouts(await new Builder()
    .usingServer(`http://127.0.0.1:${port}`)
    .withCapabilities({ browserName: "MiniBrowser", "webkitgtk:browserOptions": { binary: MINIBROWSER, args: ["--automation"] } })
    .build());
}

// A page that never loads or a script that never returns fails its test
// within a minute with WebDriver's own error, instead of holding it until
// the runner's 180 s limit cancels it with no word of where it hung.
async function withTimeouts(driver) {
  await driver.manage().setTimeouts({ pageLoad: 60_000, script: 60_000 });
  return driver;
}

// What every engine's page does the same way, over its evaluate and waitFor.
function common(page) {
  return Object.assign(page, {
    text: (css) => page.evaluate((c) => document.querySelector(c)?.textContent ?? null, css),
    value: (css) => page.evaluate((c) => document.querySelector(c)?.value ?? null, css),
    checked: (css) => page.evaluate((c) => document.querySelector(c)?.checked ?? null, css),
    count: (css) => page.evaluate((c) => document.querySelectorAll(c).length, css),
    // Chooses the option with value `value`, with the events a choice sends.
    select: (css, value) => page.evaluate(([c, v]) => {
      const el = document.querySelector(c);
      el.value = v;
      for (const type of ["input", "change"]) el.dispatchEvent(new Event(type, { bubbles: true }));
    }, [css, value]),
    attribute: (css, name) => page.evaluate(([c, n]) => document.querySelector(c)?.getAttribute(n) ?? null, [css, name]),
    // Where the page is, once it is there: a full URL or a RegExp.
    async waitForURL(wanted, timeout = 15000) {
      const test = (url) => (wanted instanceof RegExp ? wanted.test(url) : url === wanted);
      const until = Date.now() + timeout;
      for (;;) {
        // Mid-navigation a URL may not be read; a browser lost is no such
        // moment, and its test is run again in a fresh one (retry.mjs).
        const url = await Promise.resolve().then(() => page.url()).catch((error) => {
          if (browserLost(error)) throw error;
          return "";
        });
        if (test(url) && (await page.evaluate(() => document.readyState).catch(() => "")) === "complete") return;
        if (Date.now() > until) throw new Error(`timed out waiting for the URL ${wanted}; at ${url}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    // A script from `url`, loaded and run.
    addScript: (url) => page.evaluate((u) => new Promise((resolve, reject) => {
      document.head.append(Object.assign(document.createElement("script"), { src: u, onload: resolve, onerror: () => reject(new Error(`could not load ${u}`)) }));
    }), url),
    // A request from elsewhere with this browser's cookies (another device,
    // a server-side job): the page does not see it.
    fetchAsMe: async (url, init = {}) => fetch(url, { ...init, redirect: "manual", headers: { ...init.headers, cookie: await page.cookieHeader() } }),
    // Errors the page threw or logged since `goto` (see watchErrors).
    errors: () => page.evaluate(() => window.__pageErrors ?? []),
  });
}

// Collects the page's uncaught errors, console.error calls and CSP
// violations from the moment it is called (WebDriver cannot run a script before the page's own).
const watchErrors = () => {
  if (window.__pageErrors) return;
  const seen = (window.__pageErrors = []);
  addEventListener("error", (e) => seen.push(e.message));
  addEventListener("unhandledrejection", (e) => seen.push(String(e.reason)));
  document.addEventListener("securitypolicyviolation", (e) => seen.push(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`));
  const original = console.error;
  console.error = (...args) => { seen.push(args.map(String).join(" ")); return original.apply(console, args); };
};

// One Chromium per test file (and back/forward-cache setting), launched
// once: each page has a context of its own, a fresh profile of cookies,
// storage, tabs and locks.
const chromiums = new Map();

async function chromiumPage(viewport, colorScheme, backForwardCache) {
  let browser = chromiums.get(backForwardCache);
  if (!browser?.isConnected()) {
    browser = await launch({ backForwardCache });
    chromiums.set(backForwardCache, browser);
  }
  const context = await browser.newContext({ viewport, colorScheme });
  await context.addInitScript(watchErrors);
  const wrap = (page, close) => common({
    engine: "chromium",
    // Playwright's own page and context, for tests only Chromium runs.
    raw: page,
    context,
    goto: (url) => page.goto(url),
    // Back in history; a page from the back/forward cache fires no `load`.
    back: () => page.goBack({ waitUntil: "commit" }),
    evaluate: (f, arg) => page.evaluate(f, arg),
    waitFor: (f, arg, timeout = 15000) => waitForFunction(page, f, arg, { timeout }).then(() => undefined),
    // A test whose typing went nowhere fails here, saying why.
    fill: async (css, text) => {
      if (await filled(page, css, text)) return;
      const state = await page.evaluate(() => window.sessionTimeout?.state);
      throw new Error(`the typing did not go into ${css} (the library's state: ${state}; an open modal dialog makes the page inert)`);
    },
    click: (css) => page.click(css),
    submit: (css) => page.click(css),
    press: (key) => page.keyboard.press(key),
    type: (text) => page.keyboard.type(text),
    title: () => page.title(),
    url: () => page.url(),
    setViewport: (size) => page.setViewportSize(size),
    cookieHeader: async () => (await context.cookies()).map((c) => `${c.name}=${c.value}`).join("; "),
    clearCookies: () => context.clearCookies(),
    screenshot: (file) => page.screenshot({ path: file, animations: "disabled" }),
    // Another tab of the same browser (same cookies, same origin's tabs).
    newTab: async () => wrap(await context.newPage(), (tab) => tab.close()),
    closeTab: () => page.close(),
    close: () => close(page),
  });
  const quit = () => { opened.delete(quit); return context.close(); };
  opened.add(quit);
  return wrap(await context.newPage(), quit);
}

// Asks `f` in the page every 50 ms until it is truthy or `ms` have passed;
// a throw in `f` is the caller's error.
const pollScript = (f) => `const [arg, ms] = arguments, done = arguments[arguments.length - 1], end = Date.now() + ms;
  const next = () => Promise.resolve().then(() => (${f}).call(null, arg)).then(
    (v) => (v || Date.now() >= end ? done({ v: Boolean(v) }) : setTimeout(next, 50)),
    (e) => done({ e: String(e) }));
  next();`;
const answer = (r) => { if (r && "e" in r) throw new Error(r.e); return r?.v; };

const KEYS = { Escape: Key.ESCAPE, Tab: Key.TAB, Enter: Key.ENTER, Space: Key.SPACE };

// `keep`, if given, takes the browser back when the page is closed
// (Firefox's, for the file's next test) instead of quitting it.
async function webDriverPage(driver, engine, stop, keep) {
  // Functions travel as source, called with one argument, as in Playwright.
  const run = (f, arg) => driver.executeScript(`return (${f}).apply(null, arguments)`, arg);
  const runAsync = (f, arg) => driver.executeAsyncScript(
    `const done = arguments[arguments.length - 1]; Promise.resolve((${f}).call(null, arguments[0])).then((v) => done({ v }), (e) => done({ e: String(e) }));`,
    arg,
  ).then((r) => { if (r && "e" in r) throw new Error(r.e); return r && r.v; });
  // One driver drives every tab: each call first selects its own.
  // "text=Stay signed in" as in Playwright: the element with that text.
  const find = (css) => driver.findElement(css.startsWith("text=")
    ? By.xpath(`//*[self::button or self::a or self::label][normalize-space(.)=${JSON.stringify(css.slice(5))}]`)
    : By.css(css));
  const wrap = (handle, close) => {
    const here = async (f) => { await driver.switchTo().window(handle); return f(); };
    return common({
      engine,
      goto: (url) => here(async () => { await driver.get(url); await run(watchErrors); }),
      back: () => here(() => driver.navigate().back()),
      evaluate: (f, arg) => here(() => runAsync(f, arg)),
      // The page asks `f` itself every 50 ms, for up to a second per
      // WebDriver call: two calls every 50 ms (select the tab, run `f`)
      // cost a waiting page 8-11 % of a core (measured), where this costs
      // next to nothing. A page left mid-call ends it with an error
      // ("Document was unloaded"): the next call asks the page that came.
      async waitFor(f, arg, timeout = 15000) {
        const until = Date.now() + timeout;
        let left = "";
        for (;;) {
          const ms = Math.max(0, Math.min(1000, until - Date.now()));
          const reply = await here(() => driver.executeAsyncScript(pollScript(f), arg, ms)).catch(async (error) => {
            if (browserLost(error)) throw error;
            left = `; a page was left mid-wait (${error.message})`;
            await new Promise((resolve) => setTimeout(resolve, 50));
          });
          if (answer(reply)) return;
          if (Date.now() >= until) throw new Error(`timed out waiting for ${f}${left}`);
        }
      },
      // A line break is the Enter key (WebKitWebDriver drops a bare "\n").
      fill: (css, text) => here(async () => { const el = await find(css); await el.clear(); await el.sendKeys(...text.split("\n").flatMap((line, i) => (i ? [Key.ENTER, line] : [line]))); }),
      click: (css) => here(async () => (await find(css)).click()),
      // A click that starts a navigation, as the pointer's own press and
      // release: WebKitWebDriver's element click waits for the navigation
      // and now and then never answers (measured: a sign-in form's submit,
      // the page long loaded). Whoever calls it waits for the URL.
      submit: (css) => here(async () => driver.actions().move({ origin: await find(css) }).click().perform()),
      type: (text) => here(() => driver.actions().sendKeys(text).perform()),
      press: (key) => here(() => {
        const [modifier, name] = key.startsWith("Shift+") ? [Key.SHIFT, key.slice(6)] : [null, key];
        const actions = driver.actions();
        if (modifier) actions.keyDown(modifier);
        actions.sendKeys(KEYS[name] ?? name);
        if (modifier) actions.keyUp(modifier);
        return actions.perform();
      }),
      title: () => here(() => driver.getTitle()),
      url: () => here(() => driver.getCurrentUrl()),
      // The window is sized so that the page itself gets `width` × `height`
      // CSS pixels (the window's frame measured, not guessed).
      setViewport: ({ width, height }) => here(async () => {
        const window = driver.manage().window();
        for (let i = 0; i < 3; i++) {
          const [w, h] = await run(() => [innerWidth, innerHeight]);
          if (w === width && h === height) return;
          const rect = await window.getRect();
          await window.setRect({ width: Math.max(1, rect.width + width - w), height: Math.max(1, rect.height + height - h) });
        }
      }),
      cookieHeader: () => here(async () => (await driver.manage().getCookies()).map((c) => `${c.name}=${c.value}`).join("; ")),
      clearCookies: () => here(() => driver.manage().deleteAllCookies()),
      screenshot: (file) => here(async () => writeFileSync(file, Buffer.from(await driver.takeScreenshot(), "base64"))),
      newTab: async () => {
        await driver.switchTo().newWindow("tab");
        return wrap(await driver.getWindowHandle());
      },
      // Only this tab; `close` of the first tab quits the browser.
      closeTab: () => here(() => driver.close()),
      close: close ?? (() => here(() => driver.close())),
    });
  };
  const quit = async () => {
    opened.delete(quit);
    if (keep) return keep();
    // A hung browser may never answer its quit: its processes go anyway.
    try { await unlessHung(() => driver.quit(), 10_000); } finally { await stop(); }
  };
  opened.add(quit);
  return wrap(await driver.getWindowHandle(), quit);
}
