// The browser tests' JavaScript, in one module: the page helpers of
// page.rs first, then what single test files need. One file, not an
// inline snippet per test file: the test runner's server (tiny_http,
// under wasm-bindgen-test-runner) can leave a request waiting forever
// when the browser opens more connections at once than it has threads
// free, and each snippet is one more request as the page loads
// (measured: six snippet files stalled four loads in six; two, none).
// The page the tests run in never leaves: a test whose session ends
// without a Recorder would otherwise take the runner's page away (the
// library reloads a page whose URL differs only in its fragment).
document.addEventListener("session-timeout:redirect", (e) => e.preventDefault());

let instrumented = null;
export function instrument() {
  const live = { timers: new Set(), listeners: [] };
  instrumented = live;
  const set = globalThis.setTimeout, clear = globalThis.clearTimeout;
  const add = EventTarget.prototype.addEventListener;
  const remove = EventTarget.prototype.removeEventListener;
  const capture = o => typeof o === "boolean" ? o : !!(o && o.capture);
  // Only the library's timers (all set in its platform layer) count: a
  // WebDriver poll that lands in the window sets its own, and clears it
  // with the clearTimeout it kept from before (seen in WebKit).
  globalThis.setTimeout = function (fn, ms, ...rest) {
    if (!String(new Error().stack).includes("platform.js")) return set.call(globalThis, fn, ms, ...rest);
    const id = set.call(globalThis, (...a) => { live.timers.delete(id); return fn(...a); }, ms, ...rest);
    live.timers.add(id);
    return id;
  };
  globalThis.clearTimeout = function (id) { live.timers.delete(id); return clear.call(globalThis, id); };
  EventTarget.prototype.addEventListener = function (type, l, o) {
    live.listeners.push({ target: this, type, l, capture: capture(o) });
    return add.call(this, type, l, o);
  };
  EventTarget.prototype.removeEventListener = function (type, l, o) {
    const i = live.listeners.findIndex(x => x.target === this && x.type === type && x.l === l && x.capture === capture(o));
    if (i >= 0) live.listeners.splice(i, 1);
    return remove.call(this, type, l, o);
  };
  live.restore = () => {
    instrumented = null;
    globalThis.setTimeout = set; globalThis.clearTimeout = clear;
    EventTarget.prototype.addEventListener = add; EventTarget.prototype.removeEventListener = remove;
  };
  live.listenerTypes = () => live.listeners.map(x => x.type).join(",");
  return live;
}
// A virtual clock for session_timeout::testing::use_clock: time moves only
// when the test moves it, so no test depends on a quiet machine.
let clockNow = () => Date.now();
export function virtualClock() {
  const timers = new Map();
  let next = 1;
  const c = {
    // The device's wall clock (Date.now()), and the one that never jumps
    // (performance.now()), by which timers fire, as a browser's do.
    t: Date.now(),
    m: 0,
    now: () => c.t,
    mono: () => c.m,
    set(f, ms) { const id = next++; timers.set(id, { at: c.m + Math.max(0, Number(ms) || 0), f }); return id; },
    clear(id) { timers.delete(id); },
    // Both clocks move on by ms.
    pass(ms) { c.t += ms; c.m += ms; },
    // Moves time on by ms, firing each timer at its moment, in order.
    advance(ms) {
      const end = c.m + ms;
      for (;;) {
        let id = 0, first = null;
        for (const [k, v] of timers) if (v.at <= end && (!first || v.at < first.at)) { id = k; first = v; }
        if (!first) break;
        timers.delete(id);
        c.pass(Math.max(0, first.at - c.m));
        first.f();
      }
      c.pass(end - c.m);
    },
    // Time passes and no timer fires, as in a frozen tab or a laptop asleep.
    skip(ms) { c.pass(ms); },
    // The device's clock set back (by hand, a network time step): no time passes.
    setBack(ms) { c.t -= ms; },
    pending: () => timers.size,
  };
  clockNow = c.now;
  return c;
}
export function wallClock() { clockNow = () => Date.now(); }
// After a test stopped half-way (a failed assertion traps): its
// instruments off, its stand-in fetch gone and Date.now its own again.
export function resetPage() {
  if (instrumented) instrumented.restore();
  restoreFetch();
  if (realDateNow) woke();
}
// A laptop that slept `ms` on a system whose monotonic clock stops
// meanwhile (Linux, macOS): the wall clock (Date.now()) comes back ahead of
// performance.now() by the sleep. `woke()` puts Date.now back.
let realDateNow;
export function slept(ms) {
  const real = (realDateNow = realDateNow || Date.now);
  Date.now = () => real.call(Date) + ms;
}
export function woke() { Date.now = realDateNow; realDateNow = undefined; }
// The test harness page was served once, long before each test: each test
// stands for a page the server has just answered, as a user's page is.
export function servedNow() {
  if (performance.__servedNow) return;
  const original = performance.getEntriesByType.bind(performance);
  performance.getEntriesByType = (type) => type === "navigation" ? [{ responseStart: clockNow() - performance.timeOrigin + 0.5 }] : original(type);
  performance.__servedNow = true;
}

// ---- csrf.rs
let original;
export function recordFetch() {
  original = globalThis.fetch;
  const seen = [];
  globalThis.fetch = (url, init) => { seen.push(new Headers(init && init.headers)); return Promise.resolve(new Response(null, { status: 204 })); };
  return seen;
}
export function restoreFetch() { if (original) globalThis.fetch = original; original = undefined; }
export function lastHeader(seen, name) { return seen.length ? seen[seen.length - 1].get(name) : undefined; }
export function setCookie(text) { document.cookie = text + "; path=/"; }
export function addForm(name, value) {
  const form = document.createElement("form");
  form.method = "post";
  const input = Object.assign(document.createElement("input"), { type: "hidden", name, value });
  form.append(input);
  document.body.append(form);
  return form;
}

// ---- leaks.rs (originals and same: requests.rs too)
export function originals() { const p = XMLHttpRequest.prototype; return [globalThis.fetch, p.open, p.send]; }
export function same(a, b) { return a.length === b.length && a.every((f, i) => f === b[i]); }
export function heap() {
  if (typeof globalThis.gc === "function") globalThis.gc();
  return performance.memory ? performance.memory.usedJSHeapSize : -1;
}

// ---- requests.rs
export function xhr(url) {
  return new Promise((resolve) => {
    const x = new XMLHttpRequest();
    x.open("GET", url);
    // Resolve after every loadend listener has run, the library's included.
    x.onloadend = () => setTimeout(() => resolve(x.status), 0);
    x.send();
  });
}
export async function fetchText(url) { const r = await fetch(url); await r.text(); return r.status; }
// Fetches from the browser's HTTP cache when it holds the URL; the
// resource entry's transferSize (0: the server was not asked).
export async function fetchCached(url) {
  const r = await fetch(url, { cache: "force-cache" }); await r.text();
  for (let i = 0; i < 50; i++) {
    const e = performance.getEntriesByName(new URL(url, location.href).href).at(-1);
    if (e && e.responseEnd > 0 && performance.getEntriesByName(new URL(url, location.href).href).length > 1) return e.transferSize;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return -1;
}
// The resource log holds 250 entries by default: make room for the next.
export function clearLog() { performance.clearResourceTimings(); }
// The page served when the harness loaded (the support code counts each
// test's page as just served); returns what puts that back.
// A <base href> at the top of the head; returns what takes it away.
export function setBase(href) {
  const base = document.createElement("base");
  base.href = href;
  document.head.prepend(base);
  return () => base.remove();
}
// fetch replaced by a recorder of the URLs asked (answered 204); returns
// [urls, what puts fetch back].
export function recordUrls() {
  const original = globalThis.fetch;
  const urls = [];
  globalThis.fetch = (url) => { urls.push(String(url)); return Promise.resolve(new Response(null, { status: 204 })); };
  return [urls, () => { globalThis.fetch = original; }];
}
// fetch answered with each status of `statuses` in turn (the last one
// again after); returns what puts fetch back.
export function answerWith(statuses) {
  const original = globalThis.fetch;
  let i = 0;
  globalThis.fetch = () => Promise.resolve(new Response(null, { status: statuses[Math.min(i++, statuses.length - 1)] }));
  return () => { globalThis.fetch = original; };
}
// fetch fails with an error of each name in turn (the last repeats), as
// the network, or the page's own abort, makes it fail.
export function failWith(names) {
  const original = globalThis.fetch;
  let i = 0;
  globalThis.fetch = () => {
    const name = names[Math.min(i++, names.length - 1)];
    return Promise.reject(name === "TypeError" ? new TypeError("Failed to fetch") : new DOMException("stopped", name));
  };
  return () => { globalThis.fetch = original; };
}
// fetch answered as a cache that keeps the session's answers would (a
// service worker's while the network is down): `answer.secondsLeft` as
// JSON (204 for a keep-alive), written at `answer.date` (epoch ms) by the
// virtual clock; returns [answer, what puts fetch back].
export function answerKept() {
  const original = globalThis.fetch;
  const answer = { secondsLeft: 0, date: 0 };
  globalThis.fetch = (url) => {
    const headers = { Date: new Date(answer.date).toUTCString(), "Content-Type": "application/json" };
    const body = String(url).includes("keep-alive") ? null : JSON.stringify({ secondsLeft: answer.secondsLeft });
    return Promise.resolve(new Response(body, { status: body ? 200 : 204, headers }));
  };
  return [answer, () => { globalThis.fetch = original; }];
}
export function servedAtLoad() {
  const faked = performance.getEntriesByType;
  performance.getEntriesByType = (type) => type === "navigation" ? [{ responseStart: 1 }] : faked(type);
  return () => { performance.getEntriesByType = faked; };
}

// ---- tabs.rs
// An opaque origin (a sandboxed frame, a data: URL) refuses to make a
// BroadcastChannel; returns what puts the real one back.
export function refuseChannels() {
  const real = globalThis.BroadcastChannel;
  globalThis.BroadcastChannel = function () { throw new DOMException("refused", "SecurityError"); };
  return () => { globalThis.BroadcastChannel = real; };
}
// Web Locks that refuse the page (as for an opaque origin): the request
// rejects, or (some engines) throws at once; returns what puts them back.
export function refuseLocks(at_once) {
  const locks = navigator.locks;
  const real = locks.request;
  locks.request = function () {
    const error = new DOMException("refused", "SecurityError");
    if (at_once) throw error;
    return Promise.reject(error);
  };
  return () => { locks.request = real; };
}

// ---- cleanup.rs
// Records console.warn calls (and still shows them); returns the list,
// with `restore()` to put console.warn back.
export function recordWarnings() {
  const real = console.warn;
  const list = [];
  console.warn = (...args) => { list.push(args.map(String).join(" ")); real.apply(console, args); };
  list.restore = () => { console.warn = real; };
  return list;
}
