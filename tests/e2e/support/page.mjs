// Helpers for reading the library's state and dialog from a page.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { mkdirSync } from "node:fs";

// Tests write pictures to an ignored folder, so `make test` leaves the tree
// clean; `make screenshots` points this at docs/screenshots on purpose.
export const SCREENSHOTS = process.env.SCREENSHOTS_DIR
  ? path.resolve(process.env.SCREENSHOTS_DIR)
  : path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../out/screenshots");

export const state = (page) => page.evaluate(() => window.sessionTimeout.state);

export const waitForState = (page, wanted, timeout = 15000) =>
  page.waitForFunction((s) => window.sessionTimeout?.state === s, wanted, { timeout });

export const dialogText = (page, part) => page.textContent(`dialog.session-timeout .session-timeout__${part}`);

export const dialogOpen = (page) => page.evaluate(() => document.querySelector("dialog.session-timeout")?.open ?? false);

export const focusedClass = (page) => page.evaluate(() => document.activeElement?.className ?? "");

export async function screenshot(page, name) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), animations: "disabled" });
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
