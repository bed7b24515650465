//# allFunctionsCalledOnLoad
// (V8: compile every function of this file as it loads, not on first call:
// most run while the library arms. Measured in make bench.)
// The platform layer: everything Rust asks of the page and the browser, one
// plain call each (the call list is src/platform/mod.rs). No decision, text
// or time arithmetic lives here. One module, so a page loads it in one request.

// ---- page ----------------------------------------------------------------

// What the page and the browser can tell or do, one plain call each. No
// decision, text or time arithmetic here: Rust asks, this answers.

export const hasDocument = () => typeof document !== "undefined";
export const href = () => location.href;
export const base = () => document.baseURI;
export const origin = () => location.origin;
export const title = () => document.title;
export const setTitle = (text) => { document.title = text; };
export const lang = () => document.documentElement.getAttribute("lang") || "";
export const cookies = () => { try { return document.cookie; } catch (_) { return ""; } };

export function decodeComponent(text) { try { return decodeURIComponent(text); } catch (_) { return text; } }

// The content of the first <meta name=…> (`field`: the value of the first
// <input name=…>), or undefined.
export const named = (name, field) => {
  for (const m of document.querySelectorAll(field ? "input[name]" : "meta[name]")) if (m.getAttribute("name") === name) return (field ? m.value : m.getAttribute("content")) ?? undefined;
  return undefined;
};

// [href, protocol, origin] of `url` read against `base`, or undefined if it is no URL.
export function parseUrl(url, base) {
  try { const u = base ? new URL(url, base) : new URL(url); return [u.href, u.protocol, u.origin]; } catch (_) { return undefined; }
}

export function absoluteUrl(url, base) {
  try { return new URL(url, base).href; } catch (_) { return undefined; }
}

// `url` with the query parameter `name` set to `value`.
export function withParam(url, base, name, value) {
  try { const u = new URL(url, base); u.searchParams.set(name, value); return [u.href, u.origin, u.pathname + u.search + u.hash]; } catch (_) { return undefined; }
}

// The parts of this page's address that a draft key and a return path use.
export const path = () => location.pathname + location.search + location.hash;
export const pageKey = () => location.origin + location.pathname;

// This page's navigation marks: [timeOrigin, requestStart, responseStart,
// transferSize, the description of its Server-Timing metric `metric`]
// (undefined without a navigation entry). Firefox at times reports 0 or -1
// for the marks; Rust chooses which to trust, and what the size means.
export function servedAt(metric) {
  const entry = globalThis.performance && performance.getEntriesByType && performance.getEntriesByType("navigation")[0];
  return entry && [performance.timeOrigin, entry.requestStart, entry.responseStart, entry.transferSize, serverTiming(entry, metric.toLowerCase())];
}

// The description of `entry`'s Server-Timing metric `name` (lower case).
function serverTiming(entry, name) {
  const t = name && (entry.serverTiming || []).find((t) => t.name === name);
  return t ? t.description : undefined;
}

// Replaces the page (Back does not return to it), and with `reload`
// loads it again where that replacing only moved to a fragment. False if
// refused.
export function navigate(url, reload) {
  try {
    location.replace(url);
    if (reload) location.reload();
    return true;
  } catch (_) { return false; }
}

export const undo = (thing) => thing.remove();
export const error = (name, message) => Object.assign(new Error(message), { name });
export const log = (level, message, value) => (value === undefined ? console[level](message) : console[level](message, value));

// Whether `tag` is a language tag Intl can read (empty: no).
export function isLocale(tag) {
  try { return !!tag && Intl.getCanonicalLocales(tag).length > 0; } catch (_) { return false; }
}

// `n` `unit`s ("minute", "second") in `locale`, plurals by CLDR.
const formats = new Map();
export function formatUnit(locale, unit, n) {
  const key = `${locale} ${unit}`;
  if (!formats.has(key)) {
    formats.set(key, new Intl.NumberFormat(isLocale(locale) ? [locale] : [], { style: "unit", unit, unitDisplay: "long" }));
  }
  return formats.get(key).format(n);
}

// `n`'s plural category in `language` ("one", "two", "other"…, by CLDR).
const plurals = new Map();
export function pluralCategory(language, n) {
  if (!plurals.has(language)) plurals.set(language, new Intl.PluralRules([language]));
  return plurals.get(language).select(n);
}

// A `<link rel=stylesheet>` for `url`, unless one matching `selector` is there.
export function linkStylesheet(url, selector) {
  if (!url || document.querySelector(selector)) return;
  const link = document.createElement("link");
  link.rel = "stylesheet";
  link.href = url;
  document.head.append(link);
}

// An options object as flat records "path␀kind␀text␀…" (one string to
// hand over; a NUL inside a value becomes U+FFFD), what typeof
// says of each value, two levels under it (trackRequests.include.0):
// Rust reads and checks them. Kinds: s n b f a o, u (null, undefined),
// ! (reading it threw), x (anything else).
const nul = /\0/g;
export function flatten(value) {
  const out = [];
  const put = (path, read, depth) => {
    let v, kind;
    try {
      v = read();
      const t = typeof v;
      kind = v == null ? "u" : t === "function" ? "f" : Array.isArray(v) ? "a" : t === "object" ? "o" : t === "string" ? "s" : t === "number" ? "n" : t === "boolean" ? "b" : "x";
      out.push(path, kind, kind === "s" || kind === "n" || kind === "b" || kind === "u" ? String(v).replace(nul, "\uFFFD") : "");
      if (depth < 3 && (kind === "o" || kind === "a")) {
        for (const key of Object.keys(v)) put((path ? path + "." : "") + key.replace(nul, "\uFFFD"), () => v[key], depth + 1);
      }
    } catch (_) {
      if (!kind) out.push(path, "!", "");
    }
  };
  put("", () => value, 0);
  return out.join("\0");
}
export const number = (text) => Number(text);
export const parseDate = (text) => Date.parse(text);
export function parseJson(text) { try { return JSON.parse(text); } catch (_) { return undefined; } }

// A script tag's attributes as "name␀value␀name␀value…" (one string to
// hand over, as flatten's).
export const attributes = (element) => Array.from(element.attributes, (a) => a.name + "\0" + a.value.replace(nul, "\uFFFD")).join("\0");

export function setGlobal(name, value) { globalThis[name] = value; }

// Dispatches a CustomEvent on `target` and as `documentName` on document;
// false when a listener cancelled a cancelable one.
export function emit(target, name, documentName, detail, cancelable) {
  const own = target.dispatchEvent(new CustomEvent(name, { detail, cancelable }));
  const global = document.dispatchEvent(new CustomEvent(documentName, { detail, cancelable }));
  return own && global;
}
export const eventTarget = () => new EventTarget();

// ---- time ----------------------------------------------------------------

// Wall time and the one timer come from here and nowhere else, so the
// browser tests can put a virtual clock in their place (useClock) and step
// time instead of sleeping.
// `mono` never jumps (performance.now()): against it, Rust sees the device's
// clock set back.
// Chromium runs a timer set from a timer's callback, five deep, at most
// once a minute in a page hidden for five minutes ("intensive wake-up
// throttling"). The countdown sets each second's timer from the last one's
// callback, so a background tab's title, expiry and redirect fell up to a
// minute behind: a timer set from our timer's callback is set from a
// message task instead, which starts no chain (a channel of its own,
// closed once used), still due `ms` after set() was called (the task may
// wait for a frame to render). Other timers are set at once: a page's
// first channel costs it about 0.2 ms, which start-up need not pay.
let firing = false;
const wallClock = {
  now: () => Date.now(),
  mono: () => performance.now(),
  set: (f, ms) => {
    const timer = { id: 0, off: false };
    const fire = () => {
      firing = true;
      try { f(); } finally { firing = false; }
    };
    if (!firing) {
      timer.id = setTimeout(fire, ms);
      return timer;
    }
    const asked = performance.now();
    const { port1, port2 } = new MessageChannel();
    port1.onmessage = () => {
      port1.close();
      // Rounded up: the browser cuts a fraction off, and the timer would
      // fire before its moment (the clock says "not yet": a second wake-up).
      if (!timer.off) timer.id = setTimeout(fire, Math.ceil(ms - (performance.now() - asked)));
    };
    port2.postMessage(0);
    return timer;
  },
  clear: (timer) => { timer.off = true; clearTimeout(timer.id); },
};
let clock = wallClock;
export const now = () => clock.now();
export const monotonic = () => (clock.mono || clock.now)();
export const useClock = (c) => { clock = c || wallClock; };

// The one timer, the moments a sleeping page may wake, be left or be put
// away in the back/forward cache, the person's own activity (the events
// Rust names), and the forms the page sends: onWake("timer" | "visible" |
// "hidden" | "leaving" | "frozen" | "gone" | an activity event's name |
// "submit <method> <url>"). Activity
// listeners are passive and capture on document, so nothing the page does
// (stopPropagation) hides activity; a form is heard last, on window, so a
// submission the page's own code cancelled is not reported.
export class Watch {
  constructor(onWake, activityEvents, forms) {
    this.onWake = onWake;
    this.timer = 0;
    this.wake = () => onWake(document.visibilityState === "visible" ? "visible" : "hidden");
    // `online`: a laptop waking in front (no visibilitychange or focus)
    // gets its network back, and the timer runs late by the sleep.
    this.listeners = [[document, "visibilitychange", this.wake], [window, "focus", this.wake], [window, "online", this.wake], [window, "pageshow", this.wake], [window, "beforeunload", () => onWake("leaving")], [window, "pagehide", (e) => onWake(e.persisted ? "frozen" : "gone")]];
    for (const name of activityEvents.split(" ")) this.listeners.push([document, name, (e) => onWake(e.type), { capture: true, passive: true }]);
    if (forms) this.listeners.push([window, "submit", (e) => {
      const form = e.target, by = e.submitter;
      if (e.defaultPrevented || !(form instanceof HTMLFormElement)) return;
      // The button's formmethod and formaction win; the form's own are read
      // through the prototype (a field named "action" hides `form.action`).
      const own = (name) => Object.getOwnPropertyDescriptor(HTMLFormElement.prototype, name).get.call(form);
      const method = by && by.hasAttribute("formmethod") ? by.formMethod : own("method");
      const action = by && by.hasAttribute("formaction") ? by.formAction : own("action");
      onWake(`submit ${method} ${action}`);
    }]);
    for (const [target, name, f, options] of this.listeners) target.addEventListener(name, f, options);
  }

  // Replaces any armed wake-up (Rust caps the delay at 2^31-1 ms).
  arm(delayMs) {
    this.disarm();
    this.clock = clock;
    this.timer = clock.set(() => this.onWake("timer"), delayMs);
  }

  disarm() { if (this.clock) this.clock.clear(this.timer); }

  remove() {
    this.disarm();
    for (const [target, name, f, options] of this.listeners) target.removeEventListener(name, f, options);
  }
}

// ---- notice ----------------------------------------------------------------

// Elements the page marked for the up-front notice (present at start, and
// those it adds later: see Added); their own text comes back on remove().
export class Notice {
  constructor(selector) {
    this.selector = selector;
    this.elements = [];
    this.find();
  }
  // The marked elements now, each with its own text from when first seen.
  find() {
    const own = new Map(this.elements);
    this.elements = Array.from(document.querySelectorAll(this.selector), (el) => [el, own.has(el) ? own.get(el) : el.textContent]);
  }
  get count() { return this.elements.length; }
  show(text) {
    this.find();
    for (const [el] of this.elements) if (el.textContent !== text) el.textContent = text;
  }
  remove() {
    for (const [el, own] of this.elements) el.textContent = own;
  }
}

// ---- what the page adds ----------------------------------------------------

// Calls onAdded() when the page adds an element matching `selector`, or
// holding one: a form or notice a single-page app renders after start, a
// <body> swapped in by Turbo or htmx's hx-boost; or adds into an element
// matching `within` one matching `fields`, or holding one: an editor made
// in a marked form. (Each added element's ancestors are asked once, not
// each element of what it holds: a page's rendering stays cheap.) A named
// custom element there that is not defined yet (its script loads later)
// is no field until it is: its definition calls too. One observer of the
// whole page, at most one call per batch of changes; stopped by remove(). It
// starts once the script that started the library has run (a microtask),
// with one call if the page has marked elements then (that script may have
// added some): a page's first MutationObserver costs it about 0.5 ms,
// which that script need not wait for.
// The fields, or a named element: a design system's field is a custom
// element of any name.
const orNamed = (fields) => fields + ",[name]";

export class Added {
  constructor(selector, within, fields, onAdded) {
    const named = orNamed(fields);
    const adds = (n) => n.matches(selector) || n.querySelector(selector) || (n.parentElement && n.parentElement.closest(within) && (n.matches(named) || n.querySelector(named)));
    const undefinedField = `${within} [name]:not(:defined),${within}[name]:not(:defined)`;
    const awaited = new Set();
    const awaitDefinitions = (n) => {
      for (const el of n.matches(undefinedField) ? [n] : n.querySelectorAll(undefinedField)) {
        if (awaited.has(el.localName)) continue;
        awaited.add(el.localName);
        // (Rejected for a customized built-in's `is`: not its name.)
        customElements.whenDefined(el.localName).then(() => this.removed || onAdded(), () => {});
      }
    };
    queueMicrotask(() => {
      if (this.removed) return;
      // On every change of the page: no copy of its lists.
      this.observer = new MutationObserver((records) => {
        let added = false;
        for (const r of records) for (const n of r.addedNodes) if (n.nodeType === 1 && adds(n)) {
          added = true;
          awaitDefinitions(n);
        }
        if (added) onAdded();
      });
      this.observer.observe(document, { childList: true, subtree: true });
      for (const root of document.querySelectorAll(within)) awaitDefinitions(root);
      if (document.querySelector(selector)) onAdded();
    });
  }
  remove() {
    this.removed = true;
    if (this.observer) this.observer.disconnect();
  }
}

// ---- dialog ----------------------------------------------------------------

// The dialog, drawn exactly as Rust describes it: text only (never HTML),
// one <dialog> shown with showModal(), created on first use. It reports
// which control the person used ("primary", "secondary", "escape"); what
// that means is decided in Rust.
let made = 0;

const element = (tag, className, attributes = {}) => {
  const el = document.createElement(tag);
  el.className = className;
  for (const name in attributes) el.setAttribute(name, attributes[name]);
  return el;
};

// Skips the DOM write when nothing changed (no mutation per second for nothing).
const setText = (el, text) => { if (el.textContent !== text) el.textContent = text; };

export class Dialog {
  constructor(onAction) {
    this.onAction = onAction;
    this.root = null;
    this.returnFocus = null;
  }

  build() {
    const id = `session-timeout-${++made}`;
    const root = element("dialog", "session-timeout", { "aria-labelledby": `${id}-title`, "aria-describedby": `${id}-message`, "data-view": "closed" });
    this.title = element("h2", "session-timeout__title", { id: `${id}-title` });
    // The visible countdown changes every second; screen readers hear the
    // live region instead.
    this.message = element("p", "session-timeout__message", { id: `${id}-message`, "aria-hidden": "true" });
    this.progress = element("progress", "session-timeout__progress", { "aria-hidden": "true" });
    this.live = element("p", "session-timeout__sr", { "aria-live": "polite", "aria-atomic": "true" });
    this.error = element("p", "session-timeout__error", { role: "alert" });
    const actions = element("div", "session-timeout__actions");
    this.primary = element("button", "session-timeout__button session-timeout__button--primary", { type: "button" });
    this.secondary = element("button", "session-timeout__button session-timeout__button--secondary", { type: "button" });
    actions.append(this.primary, this.secondary);
    root.append(this.title, this.message, this.progress, this.live, this.error, actions);
    // Events in the dialog are ours: taken on `window` as they set out, and
    // kept from the page's own focus trap, which would swallow them (the
    // focus-trap package stops every click, tap and key outside its
    // container at `document`: "Stay signed in" did nothing, and Escape
    // closed the page's modal underneath).
    const ours = (e) => {
      // A script may send a key to `window` itself, which is no Node.
      if (!(e.target instanceof Node && root.contains(e.target))) return;
      e.stopPropagation();
      if (e.type === "click") {
        const button = e.target.closest("button");
        if (button) this.onAction(button === this.primary ? "primary" : "secondary");
      } else if (e.type === "keydown") {
        if (e.key === "Escape") {
          e.preventDefault(); // never just closes
          this.onAction("escape");
        } else if (e.key === "Tab" || e.code === "Tab") {
          // WebKitGTK names Shift+Tab "Unidentified" (GTK's ISO_Left_Tab).
          this.trapTab(e);
        }
      }
    };
    this.listeners = [
      ..."click keydown focusin mousedown pointerdown touchstart".split(" ").map((name) => [window, name, ours]),
      // Other close requests (a browser's back gesture) must not hide it.
      [root, "cancel", (e) => e.preventDefault()],
    ];
    // Capture: before any listener of the page's. (Chrome and Firefox take
    // touchstart on `window` as passive by default; we never cancel it.)
    for (const [target, name, f] of this.listeners) target.addEventListener(name, f, true);
    document.body.append(root);
    this.root = root;
  }

  // Tab and Shift+Tab cycle between the visible buttons.
  trapTab(e) {
    const buttons = [this.primary, this.secondary].filter((b) => !b.hidden);
    const [first, last] = [buttons[0], buttons[buttons.length - 1]];
    const inside = buttons.includes(document.activeElement);
    const target = e.shiftKey ? (!inside || document.activeElement === first) && last : (!inside || document.activeElement === last) && first;
    if (target) {
      e.preventDefault();
      target.focus();
    }
  }

  // view: "warning" | "expired" | "closed". An empty `secondary` hides that
  // button; progressMax 0 hides the bar; `focus` moves focus to the primary button.
  render(view, title, message, live, primary, secondary, error, busy, progressValue, progressMax, focus) {
    if (view === "closed") return this.close();
    if (!this.root) this.build();
    const root = this.root;
    // A page that swaps its <body> (Turbo, htmx's hx-boost) took the dialog
    // with the old one: it goes into the new one, and opens as a modal again.
    if (!root.isConnected) {
      root.open = false;
      document.body.append(root);
    }
    root.setAttribute("data-view", view);
    setText(this.title, title);
    setText(this.message, message);
    setText(this.live, live);
    setText(this.primary, primary);
    setText(this.secondary, secondary);
    setText(this.error, error);
    this.secondary.hidden = !secondary;
    this.progress.hidden = !progressMax;
    if (progressMax) {
      this.progress.max = progressMax;
      this.progress.value = progressValue;
    }
    if (busy) this.primary.setAttribute("aria-busy", "true");
    else this.primary.removeAttribute("aria-busy");
    if (!root.open) {
      this.returnFocus = document.activeElement;
      try { root.showModal(); } catch (_) { root.open = true; } // not in the top layer, but visible
    }
    if (focus) this.primary.focus();
  }

  close() {
    if (!this.root || !this.root.open) return;
    this.root.setAttribute("data-view", "closed");
    this.root.close();
    const back = this.returnFocus;
    this.returnFocus = null;
    if (back && back.isConnected && back.focus) back.focus();
  }

  remove() {
    this.close();
    if (!this.root) return;
    for (const [target, name, f] of this.listeners) target.removeEventListener(name, f, true);
    this.root.remove();
    this.root = null;
  }
}

// ---- requests ----------------------------------------------------------------

// The library's own requests (keep-alive, status, sign-out): with the
// page's cookies, no cache, the CSRF header Rust chose, and a time-out.
// Redirects are followed (unless `follow` is false) so Rust can see where
// they end. onReply([status, finalUrl, redirected, headerValue,
// jsonSecondsLeft, absoluteHeaderValue, Date]) runs once, unless abort() came
// first; status 0 means no answer (network error, time-out), and with
// `redirected` but no finalUrl, a redirect the browser would not follow,
// or one not followed.
export function send(url, method, csrfHeader, csrfToken, header, absolute, readJson, timeoutMs, follow, onReply) {
  const controller = new AbortController();
  let done = false;
  const reply = (fields) => { if (!done) { done = true; clearTimeout(timer); onReply(fields); } };
  const timer = setTimeout(() => { controller.abort(); reply([0, url, false]); }, timeoutMs);
  const headers = new Headers();
  if (csrfHeader) headers.set(csrfHeader, csrfToken);
  const ask = (redirect) => fetch(url, { method, credentials: "same-origin", cache: "no-store", headers, signal: controller.signal, redirect });
  ask(follow ? "follow" : "manual")
    .then(async (response) => {
      if (response.type === "opaqueredirect") return reply([0, undefined, true]);
      const value = header ? response.headers.get(header) : null;
      let seconds;
      if (readJson && value == null && response.ok && !response.redirected) {
        try {
          const body = await response.json();
          if (body && typeof body.secondsLeft === "number") seconds = body.secondsLeft;
        } catch (_) { /* not JSON: the local clock stands */ }
      }
      const [end, date] = [absolute, "date"].map((name) => (name && response.headers.get(name)) ?? undefined);
      reply([response.status, response.url, response.redirected, value == null ? undefined : value, seconds, end, date]);
    })
    // No answer, or one the browser would not follow: a redirect to
    // another origin that does not allow CORS (a single sign-on
    // provider's sign-in) fails as no network does. Asked once more
    // without following, such a redirect shows itself.
    .catch(() => (follow ? ask("manual").then((response) => reply(response.type === "opaqueredirect" ? [0, undefined, true] : [0, url, false])) : reply([0, url, false])))
    .catch(() => reply([0, url, false]));
  return () => { done = true; clearTimeout(timer); controller.abort(); };
}

// The page's own keepAlive() / status(): onAnswer([resolved, value]) once.
export function callAsync(f, timeoutMs, onAnswer) {
  let done = false;
  const answer = (fields) => { if (!done) { done = true; clearTimeout(timer); onAnswer(fields); } };
  const timer = setTimeout(() => answer([false, "timed out"]), timeoutMs);
  try {
    Promise.resolve(f()).then((value) => answer([true, value]), (error) => answer([false, error]));
  } catch (error) {
    answer([false, error]);
  }
  return () => { done = true; clearTimeout(timer); };
}

// ---- observe ----------------------------------------------------------------

// install and observeResources return the function that stops them, or
// what was thrown (Rust reports it).
const attempt = (f) => (...args) => { try { return f(...args); } catch (error) { return error; } };
export const install = attempt(patch);
export const observeResources = attempt(observe);

// Sees every fetch and XMLHttpRequest the page makes, whichever library
// makes it, and reports [asked URL, final URL, status, value of `header`,
// redirected, when the answer came, value of `absolute`, , , its `Date`,
// when it was sent, whether it failed with no answer at all] once it
// answers or fails (not when the page aborts it; the two holes are
// observe's). Calls through to the originals with the same arguments;
// uninstall() puts the exact originals back (unless someone wrapped ours
// since, in which case ours just stops reporting).
function patch(report, header, absolute) {
  const w = globalThis;
  const originalFetch = w.fetch;
  const proto = w.XMLHttpRequest && w.XMLHttpRequest.prototype;
  const originalOpen = proto && proto.open;
  const originalSend = proto && proto.send;
  // Each XMLHttpRequest's { url, sent, at (its headers came), failed }.
  const xhrs = new WeakMap();
  let active = true;

  const notify = (asked, landed, status, readHeader, redirected, at, sent, fault) => {
    if (!active) return;
    const read = (name) => { try { const v = name ? readHeader(name) : undefined; return v == null ? undefined : String(v); } catch (_) { return undefined; } };
    try {
      report([String(asked || ""), String(landed || asked || ""), status, read(header), redirected, at, read(absolute), , , read("date"), sent, fault]);
    } catch (_) { /* never break the page */ }
  };

  function fetch(input) {
    const sent = now();
    const answer = originalFetch.apply(this, arguments);
    if (!active) return answer;
    const asked = typeof input === "string" ? input : (input && (input.url || input.href)) || String(input);
    // Returning the chained promise keeps the caller's view the same,
    // rejections (and unhandled ones) included.
    return answer.then((response) => {
      notify(asked, response.url, response.status, (h) => response.headers.get(h), response.redirected, now(), sent);
      return response;
    }, (error) => {
      if (!(error && error.name === "AbortError")) notify(asked, asked, 0, () => null, false, now(), sent, true);
      throw error;
    });
  }
  function open(method, url) {
    xhrs.set(this, { url });
    return originalOpen.apply(this, arguments);
  }
  const record = (xhr) => xhrs.get(xhr) || xhrs.set(xhr, {}).get(xhr);
  // The server answered when the headers came, not when the body ended.
  function onHeaders() {
    const x = record(this);
    if (this.readyState >= 2 && !x.at) x.at = now();
  }
  function onError() {
    record(this).failed = true;
  }
  function onLoadEnd() {
    this.removeEventListener("readystatechange", onHeaders);
    this.removeEventListener("error", onError);
    this.removeEventListener("loadend", onLoadEnd);
    const x = record(this);
    notify(x.url, this.responseURL, this.status, (h) => this.getResponseHeader(h), undefined, x.at || now(), x.sent, !!x.failed);
  }
  function send() {
    if (active) {
      Object.assign(record(this), { sent: now(), at: 0, failed: false });
      this.addEventListener("readystatechange", onHeaders);
      this.addEventListener("error", onError);
      this.addEventListener("loadend", onLoadEnd);
    }
    return originalSend.apply(this, arguments);
  }

  if (typeof originalFetch === "function") w.fetch = fetch;
  if (proto) { proto.open = open; proto.send = send; }
  return function uninstall() {
    active = false;
    if (w.fetch === fetch) w.fetch = originalFetch;
    if (proto && proto.open === open) proto.open = originalOpen;
    if (proto && proto.send === send) proto.send = originalSend;
  };
}

// The zero-patch way: resource entries from a PerformanceObserver. It
// touches no global, but (measured in Chrome 156 and Firefox 153) sees the
// status only through `responseStatus`, the time left only through a
// `Server-Timing` metric named like the header (seconds in `desc`), and
// Chrome reports a fetch only once its body has been read. Entries name
// the URL asked for, never where a redirect ended (only that one came:
// `redirectEnd`, for a redirect within the origin). WebKit has no
// `responseStatus` (undefined, not 0): whether a response came at all is
// reported beside it, and the sizes that tell whether the browser's cache
// gave it (Rust reads them).
//
// An entry's marks count from `origin`, the wall time of performance.now()'s
// zero by the browser's own clocks, which stamp the entries. The answers
// logged before we started count from the page's start (timeOrigin), as
// the page's own marks do: they may have come before a sleep. The ones
// seen live count back from now: where the monotonic clock stops while a
// laptop sleeps (Linux, macOS), a mark counted from the page's start falls
// behind the wall clock by every sleep since, and an answer heard after a
// night's sleep came the night before.
const asAnswer = (entry, metric, absolute, origin) =>
  [entry.name, entry.name, entry.responseStatus, serverTiming(entry, metric), entry.redirectEnd > 0, origin + entry.responseStart, serverTiming(entry, absolute), entry.responseStart > 0, entry.transferSize, , origin + entry.startTime, , entry.decodedBodySize];
const ours = (entry) => entry.initiatorType === "fetch" || entry.initiatorType === "xmlhttprequest";

function observe(report, header, absolute) {
  const [metric, end] = [header, absolute].map((h) => h && h.toLowerCase());
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (ours(entry)) report(asAnswer(entry, metric, end, Date.now() - performance.now()));
  });
  observer.observe({ type: "resource" });
  return () => observer.disconnect();
}

// The fetch and XHR answers the browser logged before we started, six
// fields each in one array: url, status, wall time, whether a response
// came, its transfer and body sizes (an app that signs in with fetch, then
// starts us).
export function loggedAnswers() {
  const entries = (globalThis.performance && performance.getEntriesByType && performance.getEntriesByType("resource")) || [];
  return entries.filter(ours).flatMap((e) => { const a = asAnswer(e, "", "", performance.timeOrigin); return [a[0], a[2], a[5], a[7], a[8], a[12]]; });
}

// ---- tabs ----------------------------------------------------------------

// The channel to the site's other tabs: BroadcastChannel, or `storage`
// events where it is missing, and the Web Lock that elects one leader.
// Messages are plain objects made and checked in Rust. onEvent([message])
// for each message (wrapped here, so nothing another tab sends can look
// like the other call), onEvent() once this tab holds the lock.
export class Tabs {
  constructor(name, storageKey, lockName, onEvent) {
    this.electing = false;
    try {
      this.channel = typeof BroadcastChannel === "function" && new BroadcastChannel(name);
    } catch (_) {
      // No channel here (an opaque origin): this tab leads alone.
      this.post = () => {};
      return;
    }
    if (this.channel) {
      this.onMessage = (e) => onEvent([e.data]);
      this.channel.addEventListener("message", this.onMessage);
    } else {
      this.post = (message) => {
        // A nonce makes a repeated message still fire `storage`.
        try { localStorage.setItem(storageKey, JSON.stringify({ ...message, nonce: Math.random() })); } catch (_) { /* storage full or off */ }
      };
      this.onStorage = (e) => {
        if (e.key !== storageKey || !e.newValue) return;
        try { onEvent([JSON.parse(e.newValue)]); } catch (_) { /* not ours */ }
      };
      addEventListener("storage", this.onStorage);
    }
    // Where Web Locks are missing, or refuse this page (as Firefox before
    // 116 did in third-party frames), this tab leads alone: with no leader,
    // no tab would turn activity into keep-alives or ask the status.
    const locks = globalThis.navigator && navigator.locks;
    this.electing = !!(locks && typeof locks.request === "function");
    if (this.electing) {
      this.abort = new AbortController();
      const held = new Promise((resolve) => { this.release = resolve; });
      const refused = () => { if (!this.abort.signal.aborted) onEvent(); };
      try {
        locks.request(lockName, { signal: this.abort.signal }, () => { onEvent(); return held; }).catch(refused);
      } catch (_) {
        this.electing = false; // refused at once: no election to wait for
      }
    }
  }

  post(message) {
    this.channel.postMessage(message);
  }

  remove() {
    if (this.electing) { this.abort.abort(); this.release(); }
    if (this.channel) {
      this.channel.removeEventListener("message", this.onMessage);
      this.channel.close();
    }
    else if (this.onStorage) removeEventListener("storage", this.onStorage);
  }
}

// ---- drafts ----------------------------------------------------------------

// The fields of forms (or single fields) marked for keeping, read and
// written as plain values. Which fields may be kept, under which key, and
// for how long is decided in Rust.

const separators = /[\0-\u0002]/g;
// Text as it crosses to Rust: the separators inside it become U+FFFD.
const clean = (text) => String(text).replace(separators, "\uFFFD");
export class Fields {
  constructor(mark, ignore, fields) {
    this.attribute = mark;
    this.mark = "[" + mark + "]";
    this.ignore = ignore;
    this.fields = fields;
    this.note = null;
  }

  // The marked roots as one string: each root is U+0002, its identity
  // (id or name), U+0000 and the mark's value, then each field is U+0001
  // and "tag␀type attribute␀
  // autocomplete␀ignored␀name␀id␀value␀checkable␀changed␀state" (flags
  // "1" or empty; changed: it no longer holds what the page was served
  // with, never for an editing host; state as JSON: `checked` for checkboxes and radios, the chosen
  // values of a select, else the value; value is a checkable's own). A
  // named custom element with a value or `checked` is a field too, its
  // type its type attribute. An editing host's type is
  // "contenteditable", its id that of the nearest element in the root
  // with one (an editor's own element seldom has one: the one it was
  // made on does), its state its text. U+0000–U+0002 inside a text
  // become U+FFFD; JSON never holds them raw.
  read() {
    // A design system's field (<sl-input>, <md-filled-text-field>): a
    // named custom element with a value (text, or a list) or `checked`.
    const custom = (f) => {
      try { return f.localName.includes("-") && f.hasAttribute("name") && (typeof f.value === "string" || Array.isArray(f.value) || typeof f.checked === "boolean"); } catch (_) { return false; }
    };
    const field = (f) => f.matches(this.fields) || custom(f);
    // A field inside another (an element editable inside an editor) is
    // part of it.
    const own = (f) => !(f.parentElement && f.parentElement.closest(this.fields));
    this.roots = Array.from(document.querySelectorAll(this.mark), (root) => [root, (field(root) ? [root] : Array.from(root.querySelectorAll(orNamed(this.fields)))).filter((f) => field(f) && own(f))]);
    return this.roots.map((entry) => {
      const [root, fields] = entry;
      let text = "\u0002" + clean(root.id || root.getAttribute("name") || "") + "\0" + clean(root.getAttribute(this.attribute));
      // A field whose reading throws (a page's own getter) is left out,
      // here and for write(): nothing it throws reaches Rust.
      entry[1] = fields.filter((f) => {
        try { text += "\u0001" + describe(root, f, this.ignore); return true; } catch (_) { return false; }
      });
      return text;
    }).join("");
  }

  // The record saved under `key`, taken out of sessionStorage, as
  // "savedAt␀owner␀key␀state␀key␀state…", each state as JSON: `state`, or
  // `value`/`checked`/`selected` as versions before 0.1 wrote it. Empty if
  // there is none (or no storage: some privacy modes).
  load(key) {
    try {
      const json = sessionStorage.getItem(key);
      if (json == null) return "";
      sessionStorage.removeItem(key);
      const record = JSON.parse(json);
      const parts = [Number(record.savedAt), clean(record.owner ?? "")];
      for (const entry of record.fields) {
        const state = entry.state ?? entry.value ?? entry.checked ?? entry.selected ?? null;
        parts.push(clean(entry.key), JSON.stringify(state));
      }
      return parts.join("\0");
    } catch (_) {
      return "";
    }
  }

  // The newest `savedAt` of the records whose key starts with `prefix`
  // (-1: none, or no storage).
  newest(prefix) {
    let newest = -1;
    try {
      for (const key of Object.keys(sessionStorage)) if (key.startsWith(prefix)) newest = Math.max(newest, JSON.parse(sessionStorage[key]).savedAt);
    } catch (_) { /* no storage, or a record not ours */ }
    return newest;
  }

  // Saves the record "savedAt␀owner␀key␀state␀key␀state…" (each state as
  // JSON, as load() gives it) under `key`, as JSON; false where it cannot
  // be (no storage, full).
  store(key, record) {
    const [savedAt, owner, ...parts] = record.split("\0");
    try {
      const fields = [];
      for (let i = 0; i < parts.length; i += 2) fields.push({ key: parts[i], state: JSON.parse(parts[i + 1]) });
      sessionStorage.setItem(key, JSON.stringify({ savedAt: Number(savedAt), owner, fields }));
      return true;
    } catch (_) {
      return false;
    }
  }

  // Removes every saved record whose key starts with `prefix`.
  forget(prefix) {
    try {
      for (let i = sessionStorage.length - 1; i >= 0; i--) {
        const key = sessionStorage.key(i);
        if (key.startsWith(prefix)) sessionStorage.removeItem(key);
      }
    } catch (_) { /* no storage */ }
  }

  // Writes `state` (JSON) into field `f` of root `r` (from the last read())
  // through the element's own property setter, so frameworks that shadow
  // `value` still notice, then fires input and change; a checkbox or radio
  // by a click. Returns whether the field now holds it.
  write(r, f, json) {
    const field = this.roots && this.roots[r] && this.roots[r][1][f];
    try {
      const state = JSON.parse(json);
      if (!field || state == null) return false;
      if (field.hasAttribute("contenteditable")) {
        // One editing host after another: each needs the selection.
        this.writing = (this.writing || Promise.resolve()).then(() => this.removed || putText(field, String(state), () => this.removed)).catch(() => {});
        return true;
      }
      if (typeof state === "boolean") {
        // A checkbox or radio changes as a person's click changes it (which
        // fires click, input and change): React reads its change from the
        // click. A radio is unchecked by checking another of its group.
        if (field.checked !== state && (state || field.type !== "radio")) {
          try { field.click(); } catch (_) { /* Shoelace's checkbox's click() throws before its first render */ }
        }
        // A custom element whose click() does not toggle it takes the property.
        if (field.checked !== state && field.localName.includes("-")) setNative(field, "checked", state);
        return field.checked === state;
      }
      if (Array.isArray(state) && field.options) {
        for (const o of field.options) o.selected = state.includes(o.value);
      } else if (!setNative(field, "value", state)) {
        return false;
      }
      for (const kind of ["input", "change"]) field.dispatchEvent(new Event(kind, { bubbles: true }));
      return true;
    } catch (_) {
      // Nothing a page's element throws reaches Rust (it would leave
      // the library's state borrowed for good).
      return false;
    }
  }

  // A polite role=status note before the first marked root; removed by remove().
  // Said again (a form rendered later came back too), the one note moves.
  notice(text) {
    const first = document.querySelector(this.mark);
    if (!first) return;
    const note = this.note || (this.note = document.createElement("p"));
    note.className = "session-timeout__restored";
    note.setAttribute("role", "status");
    note.textContent = text;
    first.before(note);
  }

  remove() {
    if (this.note) this.note.remove();
    this.note = null;
    this.removed = true;
  }
}

// One field of `root` as read() gives it (after its U+0001).
function describe(root, f, ignore) {
  const tag = f.tagName.toLowerCase();
  const host = f.hasAttribute("contenteditable");
  const named = host && f.closest("[id]");
  const check = tag === "input" ? f.type === "checkbox" || f.type === "radio" : typeof f.checked === "boolean";
  const state = host ? plainText(f) : check ? f.checked : tag === "select" ? Array.from(f.selectedOptions, (o) => o.value) : f.value;
  const flag = (on) => (on ? "1" : "");
  const type = host ? "contenteditable" : f.getAttribute("type") || "";
  const id = named && root.contains(named) ? named.id : f.id;
  // (Not every custom element has a default to compare with.)
  const changed = check ? typeof f.defaultChecked === "boolean" && f.checked !== f.defaultChecked : tag === "select" ? !same(served(f), Array.from(f.selectedOptions)) : typeof f.defaultValue === "string" && f.value !== f.defaultValue;
  return [tag, type, f.getAttribute("autocomplete") || "", flag(f.closest(ignore)), f.getAttribute("name") || "", id, check ? f.value ?? "" : "", flag(check), flag(changed)].map(clean).join("\0") + "\0" + JSON.stringify(state);
}

// The options a select was served with chosen: those marked `selected`;
// where one shows at a time, the last of them, or with none its first
// enabled option (as the browser chooses).
function served(select) {
  const options = Array.from(select.options);
  const marked = options.filter((o) => o.defaultSelected);
  if (select.multiple || select.size > 1) return marked;
  return marked.length ? marked.slice(-1) : options.filter((o) => !o.disabled).slice(0, 1);
}

const same = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);

// An editing host's text as a person reads it, whatever markup its editor
// keeps: a line for each block and each <br> (innerText gives a <p> two).
function plainText(host) {
  let text = "";
  const line = () => { if (text && !text.endsWith("\n")) text += "\n"; };
  const walk = (node) => {
    for (const n of node.childNodes) {
      if (n.nodeType === 3) text += n.data; // text
      else if (n.nodeName === "BR") text += "\n";
      else if (n.nodeType === 1) { // an element
        const display = getComputedStyle(n).display;
        if (display === "none") continue;
        const block = !display.startsWith("inline");
        if (block) line();
        walk(n);
        if (block) line();
      }
    }
  };
  walk(host);
  return text.replace(/\n$/, "").replace(/\u00a0/g, " ");
}

// Puts text back into an editing host as a person's paste of plain text:
// an editor's own paste handling builds its model (a paragraph a line);
// a host no editor runs, whose paste nobody takes, gets it typed. Editors
// read the selection at `selectionchange`: the paste waits for it (at
// most 200 ms), and is dropped if the instance has `gone` meanwhile. The
// focus goes back where it was.
function putText(host, text, gone) {
  const before = document.activeElement;
  host.focus({ preventScroll: true });
  getSelection().selectAllChildren(host);
  return new Promise((resolve) => {
    const done = () => { document.removeEventListener("selectionchange", heard); clearTimeout(timer); resolve(); };
    const heard = () => setTimeout(done);
    const timer = setTimeout(done, 200);
    document.addEventListener("selectionchange", heard);
  }).then(() => {
    if (gone()) return;
    let typed = true;
    try {
      const paste = new ClipboardEvent("paste", { clipboardData: new DataTransfer(), bubbles: true, cancelable: true });
      // Set on the event's own: Firefox gives it a copy, empty.
      paste.clipboardData.setData("text/plain", text);
      typed = host.dispatchEvent(paste);
    } catch (_) { /* no DataTransfer to build: typed */ }
    if (typed) document.execCommand("insertText", false, text);
    if (before && before !== host && before !== document.body && before.focus) before.focus({ preventScroll: true });
    else host.blur();
  });
}

function setNative(field, property, value) {
  for (let proto = Object.getPrototypeOf(field); proto; proto = Object.getPrototypeOf(proto)) {
    const descriptor = Object.getOwnPropertyDescriptor(proto, property);
    if (descriptor && descriptor.set) {
      try { descriptor.set.call(field, value); return true; } catch (_) { return false; }
    }
  }
  try { field[property] = value; return true; } catch (_) { return false; }
}
