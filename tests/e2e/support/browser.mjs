// Debian's Chromium driven by playwright-core (no browser downloads).
import { chromium } from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM_BIN ?? "/usr/bin/chromium";

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
