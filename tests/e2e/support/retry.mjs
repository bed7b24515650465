// node:test's `test`, run once more when the browser itself was lost
// mid-test: WebKitGTK's web process crashing or hanging ("session deleted
// because of page crash or hang"), seen in CI with three engines sharing
// two cores. A lost browser says nothing about the library, and the retry
// runs in a fresh one. Any other failure fails at once, and so does a
// second loss; each retry is printed. WebKitWebDriver's "Could not parse
// script result" is the same loss seen earlier: the page's web process
// stalled mid-script and answered nothing (seen once in CI on a plain
// `evaluate` whose value was `undefined`), and so is its WebDriverError
// with no message at all (measured: twice in 30 runs of three WebKit
// back-forward runs at once, each at a plain `evaluate` a second after
// Back).
import { test as nodeTest, before as nodeBefore, after as nodeAfter } from "node:test";
export { describe } from "node:test";

// Each hook fails after 3 minutes (what hangs says where), but a file has
// no limit of its own: under load a whole file has run past one.
const LIMIT = { timeout: 180_000 };
export const before = (fn, options) => nodeBefore(fn, { ...LIMIT, ...options });
export const after = (fn, options) => nodeAfter(fn, { ...LIMIT, ...options });

// A run of a test that has not ended in 2 minutes (the slowest take under
// a minute, three engines on two cores) waits on a browser that hung: seen
// once in CI, a WebKit test that never answered at all. It counts as a
// lost browser, and the test's limit leaves room for the run once more.
export const HUNG_MS = 120_000;
const TEST_LIMIT = { timeout: 2 * HUNG_MS + 30_000 };

// `run()`, or the hang error once `ms` have passed; a run given up on may
// still end later, and its end then goes unheard.
export async function unlessHung(run, ms = HUNG_MS) {
  let timer;
  const running = Promise.resolve().then(run);
  const hung = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`page crash or hang: no answer in ${ms / 1000} s`)), ms);
  });
  try {
    return await Promise.race([running, hung]);
  } finally {
    clearTimeout(timer);
    running.catch(() => {});
  }
}

export const browserLost = (error) =>
  error?.name === "NoSuchSessionError" ||
  (error?.name === "WebDriverError" && (error?.message === "Could not parse script result" || error?.message === "")) ||
  /page crash or hang|Target crashed|Target page, context or browser has been closed/.test(String(error?.message));

// Runs `run`, and once more if it lost its browser.
export async function retryLostBrowser(name, run, log = console.log, ms = HUNG_MS) {
  try {
    return await unlessHung(run, ms);
  } catch (error) {
    if (!browserLost(error)) throw error;
    log(`# the browser was lost in "${name}" (${String(error.message).split("\n")[0]}): once more in a fresh one`);
    return await unlessHung(run, ms);
  }
}

export function test(name, options, fn) {
  if (typeof options === "function") [options, fn] = [{}, options];
  return nodeTest(name, { ...TEST_LIMIT, ...options }, (t) => retryLostBrowser(name, () => fn(t)));
}
