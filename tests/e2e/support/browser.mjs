// Debian's Chromium driven by playwright-core (no browser downloads).
import { chromium } from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM_BIN ?? "/usr/bin/chromium";

// Records every Content-Security-Policy violation the page reports.
export const watchCsp = (context) =>
  context.addInitScript(() => {
    window.__csp = [];
    document.addEventListener("securitypolicyviolation", (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });

export const cspViolations = (page) => page.evaluate(() => window.__csp ?? ["(not watched)"]);

export function launch() {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
    ],
  });
}

// Signs in through the real form and lands on the protected page.
export async function signIn(page, url, name = "Ada") {
  await page.goto(`${url}/login`);
  await page.fill("#name", name);
  await page.fill("#password", "correct horse");
  await Promise.all([page.waitForURL(`${url}/app`), page.click("button[type=submit]")]);
  await page.waitForFunction(() => window.sessionTimeout !== undefined);
}
