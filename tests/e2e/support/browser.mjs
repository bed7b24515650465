// Debian's Chromium driven by playwright-core (no browser downloads).
import { chromium } from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM_BIN ?? "/usr/bin/chromium";

// `backForwardCache`: keep Chromium's back/forward cache on (Playwright
// turns it off by default, so that Back always reloads).
export function launch({ backForwardCache = false } = {}) {
  return chromium.launch({
    executablePath: CHROMIUM,
    ignoreDefaultArgs: backForwardCache ? ["--disable-back-forward-cache"] : [],
    args: [
      "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
    ],
  });
}

// Playwright's page.waitForFunction, but asking every 50 ms (as the
// WebDriver engines' waits do) instead of on every animation frame: each
// page waiting on frames drew 60 a second, measured at ~6 % of a core per
// page, and seven framework apps wait at once on two cores.
export const waitForFunction = (page, f, arg, options) => page.waitForFunction(f, arg, { polling: 50, ...options });

// Fills a field and says whether the text went in: Playwright types
// nowhere, and says nothing, once a modal dialog has made the field inert.
export async function filled(page, css, text) {
  await page.fill(css, text);
  return (await page.inputValue(css)) === text;
}
