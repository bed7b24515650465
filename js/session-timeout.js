//# allFunctionsCalledOnLoad
// The package's entry: the library as an ES module (default export `init`,
// named `SessionTimeout`), and, when loaded by a <script type="module">
// tag with data-session-seconds, a start with no other JavaScript.
import wasmInit, { initSync as wasmInitSync, startFromScript, SessionTimeout as Instance } from "./session_timeout_wasm.js";

export * from "./session_timeout_wasm.js";

// Whether the WebAssembly is loaded: before it is, wasm-bindgen's class
// fails with "Cannot read properties of undefined (reading 'e6')".
let loaded = false;

// Running instances, held until destroy() (or free()): wasm-bindgen frees
// an instance once the page holds it no more and it is garbage collected,
// which would stop the clock at a moment nobody chose; a page may well
// start it as `init().then(() => new SessionTimeout(options))`.
const running = new Set();

/** `new SessionTimeout(options)`, once `init()` (or `initSync()`) has loaded the WebAssembly. */
export class SessionTimeout extends Instance {
  constructor(options) {
    if (!loaded) {
      const error = new Error("session-timeout: new SessionTimeout() ran before init() loaded the WebAssembly: await init() first");
      error.name = "SessionTimeoutError";
      throw error;
    }
    super(options);
    running.add(this);
  }
}
for (const name of ["destroy", "free"]) {
  const end = Instance.prototype[name];
  Instance.prototype[name] = function () {
    running.delete(this);
    return end.call(this);
  };
}
if (Symbol.dispose) Instance.prototype[Symbol.dispose] = Instance.prototype.free;

/** Loads the WebAssembly from bytes or a compiled module, at once (no fetch). */
export function initSync(module) {
  const exports = wasmInitSync(module);
  loaded = true;
  return exports;
}

// Listeners go straight to the instance's event target (none once destroyed).
for (const name of ["addEventListener", "removeEventListener"]) {
  Instance.prototype[name] = function (type, listener, options) {
    const target = this.__events;
    if (target) target[name](type, listener, options);
  };
}

// extend(): the Promise is made here; Rust resolves it with whether the
// server extended the session.
Instance.prototype.extend = function () {
  return new Promise((resolve) => this.__extend(resolve));
};

// A Content-Security-Policy without 'wasm-unsafe-eval' refuses every
// WebAssembly module, and the browser's own error names neither the fix
// nor the directive. The violation event (when the browser sends one)
// says which directive refused it.
const FIX = "'wasm-unsafe-eval'";
const blockedByCsp = (error, violation) =>
  violation !== undefined || /Content Security Policy|CSP|unsafe-eval/i.test(String(error && error.message));

// Why it cannot start and what fixes it, with the browser's own words.
function cannotStart(message, error) {
  const explained = new Error(`session-timeout cannot start: ${message} (The browser said: ${error && error.message})`, { cause: error });
  explained.name = "SessionTimeoutError";
  return explained;
}

function explain(error, violation) {
  const directive = violation ? violation.violatedDirective || violation.effectiveDirective : "";
  const where = directive === "default-src"
    ? "to the policy's default-src directive (or add a script-src directive that has it)"
    : `to the policy's script-src directive${directive ? ` (refused by: ${directive})` : ""}`;
  return cannotStart(
    `this page's Content-Security-Policy does not allow WebAssembly. ` +
    `Add ${FIX} ${where}, e.g. Content-Security-Policy: script-src 'self' ${FIX}.`,
    error,
  );
}

// The .wasm names one of its imports after its build (scripts/short-names.mjs),
// so a .wasm and JavaScript of different builds do not link.
const MISMATCH = "its .wasm and its JavaScript are from different builds (a cache kept an old copy of one). " +
  "Serve the package from a URL that changes with each version, such as /static/session-timeout/0.1.0/.";

/** Loads the WebAssembly; rejects with a `SessionTimeoutError` that says what to fix. */
export default function init(input) {
  const violations = [];
  const watch = typeof document !== "undefined";
  const seen = (e) => { if (/wasm/i.test(e.blockedURI) || /wasm/i.test(e.sample || "")) violations.push(e); };
  if (watch) document.addEventListener("securitypolicyviolation", seen);
  return wasmInit(input)
    .then((exports) => { loaded = true; return exports; })
    .catch(async (error) => {
      // The violation event is queued as a task: let it arrive first.
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (blockedByCsp(error, violations[0])) throw explain(error, violations[0]);
      throw error && error.name === "LinkError" ? cannotStart(MISMATCH, error) : error;
    })
    .finally(() => { if (watch) document.removeEventListener("securitypolicyviolation", seen); });
}

if (typeof document !== "undefined") {
  const here = import.meta.url;
  // The tag that loaded this file: its URL, or, when the server redirected
  // it (a CDN's latest version to a fixed one), the same file name, as
  // import.meta.url is where the file came from in the end.
  const tags = Array.from(document.querySelectorAll("script[type='module'][src][data-session-seconds]"));
  const file = (url) => new URL(url).pathname.split("/").pop();
  const tag = tags.find((s) => s.src === here) || tags.find((s) => file(s.src) === file(here));
  if (tag) {
    init()
      // An async tag may run before the page is parsed: the marked forms
      // and notice elements it looks for at start come later.
      .then(() => document.readyState !== "loading" || new Promise((parsed) => document.addEventListener("DOMContentLoaded", parsed, { once: true })))
      .then(() => {
        const started = startFromScript(tag, new URL("session-timeout.css", here).href);
        if (started instanceof Error) throw started;
      })
      .catch((error) => {
        // A bad attribute names itself; our load errors say what to do.
        const what = { SessionTimeoutConfigError: "session-timeout: not started:", SessionTimeoutError: error.message }[error.name];
        console.error(what ?? "session-timeout: could not load its WebAssembly:", error);
        document.dispatchEvent(new CustomEvent("session-timeout:error", { detail: { error, message: error.message } }));
      });
  }
}
