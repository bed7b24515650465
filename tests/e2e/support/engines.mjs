// One small page API over three engines, so a cross-engine test is
// written once: Chromium through playwright-core, Firefox (geckodriver)
// and WebKit (WebKitWebDriver under Xvfb) through selenium-webdriver,
// all from Debian's packages. Each call does what a person would: go to
// a URL, fill a field, click, press a key; `evaluate` and `waitFor` read
// the page's state.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { Builder, By, Key } from "selenium-webdriver";
import firefox from "selenium-webdriver/firefox.js";
import { launch } from "./browser.mjs";

// Every driver is given by path: Selenium Manager is never to fetch one.
process.env.SE_OFFLINE = "true";

const GECKODRIVER = process.env.GECKODRIVER ?? path.join(os.homedir(), ".cargo/bin/geckodriver");
const FIREFOX = process.env.FIREFOX_BIN ?? "/usr/bin/firefox-esr";
const WEBKIT_DRIVER = process.env.WEBKIT_DRIVER ?? "/usr/bin/WebKitWebDriver";
const MINIBROWSER = process.env.MINIBROWSER ?? "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser";

export const ENGINES = ["chromium", "firefox", "webkit"];

// Why an engine cannot run here, or null when it can.
export function missing(engine) {
  const need = { chromium: [], firefox: [GECKODRIVER, FIREFOX], webkit: [WEBKIT_DRIVER, MINIBROWSER, "/usr/bin/Xvfb"] }[engine];
  const absent = need.filter((file) => !existsSync(file));
  return absent.length ? `${absent.join(", ")} not installed (scripts/setup.sh installs them)` : null;
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

// A fresh browser (one profile, no cookies) in `engine`, as a page.
export async function open(engine) {
  if (engine === "chromium") return chromiumPage();
  const children = [];
  let driver;
  if (engine === "firefox") {
    const options = new firefox.Options().addArguments("-headless").setBinary(FIREFOX);
    const service = new firefox.ServiceBuilder(GECKODRIVER).setHostname("127.0.0.1");
    driver = await new Builder().forBrowser("firefox").setFirefoxOptions(options).setFirefoxService(service).build();
  } else {
    // MiniBrowser has no headless mode: a private X display stands in.
    let n = 190;
    while (existsSync(`/tmp/.X${n}-lock`)) n++;
    const display = `:${n}`;
    children.push(await start("/usr/bin/Xvfb", [display, "-screen", "0", "1280x900x24", "-nolisten", "tcp"]));
    const port = await freePort();
    children.push(await start(WEBKIT_DRIVER, [`--port=${port}`, "--host=127.0.0.1"], { DISPLAY: display }));
    await waitForServer(port);
    driver = await new Builder()
      .usingServer(`http://127.0.0.1:${port}`)
      .withCapabilities({ browserName: "MiniBrowser", "webkitgtk:browserOptions": { binary: MINIBROWSER, args: ["--automation"] } })
      .build();
  }
  return webDriverPage(driver, engine, async () => { for (const child of children) child.kill(); });
}

async function chromiumPage() {
  const browser = await launch();
  const context = await browser.newContext({ viewport: { width: 900, height: 700 } });
  const wrap = (page, close) => ({
    engine: "chromium",
    goto: (url) => page.goto(url),
    evaluate: (f, arg) => page.evaluate(f, arg),
    waitFor: (f, arg, timeout = 15000) => page.waitForFunction(f, arg, { timeout }).then(() => undefined),
    fill: (css, text) => page.fill(css, text),
    click: (css) => page.click(css),
    press: (key) => page.keyboard.press(key),
    title: () => page.title(),
    url: () => page.url(),
    // Another tab of the same browser (same cookies, same origin's tabs).
    newTab: async () => wrap(await context.newPage(), (tab) => tab.close()),
    close: () => close(page),
  });
  return wrap(await context.newPage(), () => browser.close());
}

const KEYS = { Escape: Key.ESCAPE, Tab: Key.TAB, Enter: Key.ENTER, Space: Key.SPACE };

async function webDriverPage(driver, engine, stop) {
  // Functions travel as source, called with one argument, as in Playwright.
  const run = (f, arg) => driver.executeScript(`return (${f}).apply(null, arguments)`, arg);
  const runAsync = (f, arg) => driver.executeAsyncScript(
    `const done = arguments[arguments.length - 1]; Promise.resolve((${f}).call(null, arguments[0])).then((v) => done({ v }), (e) => done({ e: String(e) }));`,
    arg,
  ).then((r) => { if (r && "e" in r) throw new Error(r.e); return r && r.v; });
  // One driver drives every tab: each call first selects its own.
  const wrap = (handle, close) => {
    const here = async (f) => { await driver.switchTo().window(handle); return f(); };
    return {
      engine,
      goto: (url) => here(() => driver.get(url)),
      evaluate: (f, arg) => here(() => runAsync(f, arg)),
      async waitFor(f, arg, timeout = 15000) {
        const until = Date.now() + timeout;
        for (;;) {
          if (await here(() => run(f, arg))) return;
          if (Date.now() > until) throw new Error(`timed out waiting for ${f}`);
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      },
      // A line break is the Enter key (WebKitWebDriver drops a bare "\n").
      fill: (css, text) => here(async () => { const el = await driver.findElement(By.css(css)); await el.clear(); await el.sendKeys(...text.split("\n").flatMap((line, i) => (i ? [Key.ENTER, line] : [line]))); }),
      click: (css) => here(async () => (await driver.findElement(By.css(css))).click()),
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
      newTab: async () => {
        await driver.switchTo().newWindow("tab");
        return wrap(await driver.getWindowHandle());
      },
      // The first tab quits the browser; another just closes itself.
      close: close ?? (() => here(() => driver.close())),
    };
  };
  return wrap(await driver.getWindowHandle(), async () => { try { await driver.quit(); } finally { await stop(); } });
}
