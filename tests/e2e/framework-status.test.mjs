// The README's status endpoints against the real frameworks: each
// answers the time left without extending the session (no framework does
// that by itself: each saves or re-sends its session on every request),
// and the library asks it before warning, so a session extended where the
// page cannot see it moves the warning instead of raising a needless one.
import { test, describe } from "./support/retry.mjs";
import assert from "node:assert/strict";
import { startExample, FRAMEWORKS } from "./support/example-server.mjs";
import { frameworkBrowser, waitForState } from "./support/example-app.mjs";

// Each app's page is rewritten in flight (Playwright's route): Chromium only.
const { skip, openApp } = frameworkBrowser();

// The seven apps at once: each test mostly waits for its session's real
// seconds to pass (about 35 s), and each has its own server and context.
// The session is longer than the scenario needs: with seven servers and
// three other engines' jobs on two cores, signing in and loading the page
// has taken 5 s, and the extension below must come before the library asks.
const SESSION = 30;
describe("each framework", { concurrency: 7 }, () => {
  for (const name of Object.keys(FRAMEWORKS)) {
    test(`${name}: the recipe's status endpoint tells the time left without extending it, and a session extended elsewhere moves the warning`, { skip }, async () => {
      // The library asks 5 s before the warning: 11 s before the end.
      const server = await startExample(name, { session: SESSION, warn: 6, redirect: 2 });
      const { context, page } = await openApp(server);
      const asked = [];
      page.on("response", (r) => { if (new URL(r.url()).pathname === "/session/status") asked.push(r.status()); });
      // Asked from outside the page: the library does not see these.
      const secondsLeft = async () => (await (await context.request.get(`${server.url}/session/status`, { maxRedirects: 0 })).json()).secondsLeft;
      try {
        const start = await page.evaluate(() => [window.sessionTimeout.state, window.sessionTimeout.remainingSeconds]);
        assert.ok(start[0] === "active" && start[1] >= 15, `the page starts active with time to spare before the library asks: ${start}`);
        // Another tab without the library, or another app on this session,
        // 14 s before the end (3 s before the library asks, 8 s before it
        // would warn): the session now ends 16 s later than the page thinks.
        await page.waitForTimeout(Math.max(0, (start[1] - 14) * 1000));
        const extendedAt = Date.now();
        assert.equal((await context.request.get(`${server.url}/api/whoami`, { maxRedirects: 0 })).status(), 200);
        // 14 s were left before it; whole seconds, rounded down twice
        // (Flask signs its cookie in whole seconds) leave 28 of the 30.
        assert.ok(await secondsLeft() >= SESSION - 2, "the request extended the session");
        await waitForState(page, "warning", (SESSION + 5) * 1000);
        const warnedAt = Date.now();
        assert.ok(asked.length >= 1 && asked.every((status) => status === 200), `the library asked the status endpoint: ${JSON.stringify(asked)}`);
        // Not 8 s after the extension, as the page expected: 24 s after it,
        // less up to 2 s of whole seconds (Flask signs its cookie in whole
        // seconds, and every answer rounds down).
        assert.ok(warnedAt - extendedAt >= (SESSION - 6 - 3) * 1000, `the warning came ${warnedAt - extendedAt} ms after the extension`);
        const library = await page.evaluate(() => window.sessionTimeout.remainingSeconds);
        const serverLeft = await secondsLeft();
        assert.ok(Math.abs(library - serverLeft) <= 1, `the warning's countdown (${library} s) is the server's (${serverLeft} s)`);
        // Each answer counts from the request before it: only a third shows
        // that the second did not extend the session.
        const told = [serverLeft];
        for (let i = 0; i < 2; i++) {
          await page.waitForTimeout(1100);
          told.push(await secondsLeft());
        }
        assert.ok(told[2] <= told[0] - 2, `asking does not extend the session: ${told.join(" s, ")} s left`);
      } finally {
        await context.close();
        await server.stop();
      }
    });
  }
});
