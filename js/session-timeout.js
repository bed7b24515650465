// The package's entry: the library as an ES module (default export `init`,
// named `SessionTimeout`), and, when loaded by a <script type="module">
// tag with data-session-seconds, a start with no other JavaScript.
import init, { startFromScript } from "./session_timeout_wasm.js";

export * from "./session_timeout_wasm.js";
export default init;

if (typeof document !== "undefined") {
  const here = import.meta.url;
  const tag = Array.from(document.querySelectorAll("script[type='module'][src]")).find((s) => s.src === here);
  if (tag && tag.hasAttribute("data-session-seconds")) {
    init()
      .then(() => startFromScript(tag, new URL("session-timeout.css", here).href))
      .catch((error) => console.error("session-timeout: could not load its WebAssembly:", error));
  }
}
