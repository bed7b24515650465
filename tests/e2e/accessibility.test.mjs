// Accessibility in a real browser: axe-core finds nothing in any state,
// light or dark, at 100% and 200% zoom; the live region speaks rarely and
// never repeats itself over a fast-forwarded countdown; the dialog reads
// at 320 px; and screenshots of both dialogs, light and dark, are written.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startDemo } from "./support/demo-server.mjs";
import { lacks, open } from "./support/engines.mjs";
import { waitForState, screenshot, signIn } from "./support/page.mjs";

let demo;
before(async () => { demo = await startDemo({ session: 9, warn: 5, redirect: 30 }); });
after(async () => { await demo?.stop(); });

async function axe(page) {
  if (!(await page.evaluate(() => typeof window.axe === "object"))) await page.addScript("/__test/vendor/axe-core/axe.min.js");
  // Let the dialog's entrance animation finish: mid-fade colours are not the real ones.
  await page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished)));
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => `${n.target.join(" ")} (${n.any.map((a) => a.message).join("; ")})`).join(", ")}`);
}

async function zoomed(page, factor) {
  await page.evaluate((f) => { document.documentElement.style.zoom = String(f); }, factor);
}

// Audits run, and those this engine skips (see each test's reason).
let audits = 0, skipped = 0;
for (const scheme of ["light", "dark"]) {
  const skip = lacks(scheme);
  if (skip) skipped += 6;
  test(`axe-core: no violations in the active, warning and expired states (${scheme}, 100% and 200%)`, { skip }, async () => {
    const page = await open(undefined, { colorScheme: scheme });
    assert.equal(await page.evaluate(() => matchMedia("(prefers-color-scheme: dark)").matches), scheme === "dark", `the page sees ${scheme}`);
    await signIn(page, demo.url, `Axe ${scheme}`);
    for (const state of ["active", "warning", "expired"]) {
      await waitForState(page, state);
      for (const factor of [1, 2]) {
        await zoomed(page, factor);
        assert.deepEqual(await axe(page), [], `${scheme}, ${state}, ${factor * 100}%`);
        audits++;
      }
      await zoomed(page, 1);
      if (state !== "active") await screenshot(page, `${state}-${scheme}`);
    }
    await page.close();
  });
}

const narrow = lacks("narrow");
if (narrow) skipped += 1;
test("the dialog reads at 320 px wide without sideways scrolling", { skip: narrow }, async () => {
  const page = await open(undefined, { viewport: { width: 320, height: 640 } });
  await signIn(page, demo.url, "Narrow");
  assert.equal(await page.evaluate(() => innerWidth), 320, "a 320 px wide page");
  await waitForState(page, "warning");
  const overflow = await page.evaluate(() => {
    const d = document.querySelector("dialog.session-timeout");
    const r = d.getBoundingClientRect();
    return { left: r.left, right: r.right, width: window.innerWidth, scroll: d.scrollWidth - d.clientWidth };
  });
  assert.ok(overflow.left >= 0 && overflow.right <= overflow.width, JSON.stringify(overflow));
  assert.ok(overflow.scroll <= 0, "nothing inside scrolls sideways");
  assert.deepEqual(await axe(page), []);
  audits++;
  await screenshot(page, "warning-320");
  await page.close();
});

const fastForward = lacks("clock", "route");
if (fastForward) skipped += 1;
test("the live region, over a fast-forwarded 3-minute countdown, speaks once a minute, then every 20 s, never repeating", { skip: fastForward }, async () => {
  const tab = await open();
  const { context, raw: page } = tab;
  await context.clock.install();
  await context.route(`${demo.url}/countdown`, (route) => route.fulfill({
    contentType: "text/html",
    body: `<!doctype html><html lang="en"><meta charset="utf-8"><title>Countdown</title><main><h1>Countdown</h1></main>
      <script type="module" src="/assets/session-timeout/session-timeout.js" data-session-seconds="400"
        data-warn-seconds="180" data-redirect-seconds="60" data-cross-tab="false" data-track-requests="false"></script>`,
  }));
  await page.goto(`${demo.url}/countdown`);
  await page.waitForFunction(() => window.sessionTimeout?.state === "active");
  await page.clock.runFor(220_000);
  assert.equal(await page.evaluate(() => window.sessionTimeout.state), "warning");
  const spoken = []; // [seconds left, text] each time the live region changed
  const visible = new Set();
  let previous = null;
  for (let step = 0; step < 200; step++) {
    const [live, shown, remaining, state] = await page.evaluate(() => [
      document.querySelector(".session-timeout__sr").textContent,
      document.querySelector(".session-timeout__message").textContent,
      window.sessionTimeout.remainingSeconds,
      window.sessionTimeout.state,
    ]);
    if (state !== "warning") break;
    visible.add(shown);
    if (previous && previous.remaining !== remaining) assert.notEqual(shown, previous.shown, `the visible text moved with the countdown at ${remaining} s`);
    previous = { remaining, shown };
    if (spoken.length === 0 || spoken.at(-1)[1] !== live) spoken.push([remaining, live]);
    await page.clock.runFor(1000);
  }
  // One value per second of the countdown (sampling may miss one at either end).
  assert.ok(visible.size >= 175, `the visible countdown changed every second (${visible.size} values)`);
  for (let i = 1; i < spoken.length; i++) {
    const [prev, now] = [spoken[i - 1][0], spoken[i][0]];
    const gap = prev - now;
    assert.ok(prev > 60 ? gap >= 60 : gap >= 20, `spoke at ${prev} s then at ${now} s`);
    assert.notEqual(spoken[i][1], spoken[i - 1][1]);
  }
  assert.deepEqual(spoken.map(([, t]) => t.replace("For your security, we will sign you out in ", "")), [
    "3 minutes.", "2 minutes.", "1 minute.", "40 seconds.", "20 seconds.",
  ]);
  audits++;
  await tab.close();
});

test("accessibility table", { skip: lacks() }, () => {
  console.log(`accessibility: ${audits} passed, 0 failed, ${skipped} skipped`);
  assert.equal(audits + skipped, 14);
});
