// Uses the package exactly as an npm user would.
import init, { SessionTimeout } from "session-timeout-wasm";
import "session-timeout-wasm/session-timeout.css";

// A single-page app gets its CSRF token from the server and puts it where
// the library (and every other script) looks for it.
const { token } = await (await fetch("/session/csrf")).json();
const meta = Object.assign(document.createElement("meta"), { name: "csrf-token", content: token });
document.head.append(meta);

await init();
const timeout = new SessionTimeout({
  sessionSeconds: Number(new URLSearchParams(location.search).get("session") ?? 30),
  warnSeconds: Number(new URLSearchParams(location.search).get("warn") ?? 20),
  allowShortWarning: new URLSearchParams(location.search).has("warn"),
  keepAliveUrl: "/session/keep-alive",
  statusUrl: "/session/status",
  remainingHeader: "Session-Expires-In",
  redirectUrl: (reason) => `/login?${reason === "signed-out" ? "signed-out" : "expired"}=true`,
});
const state = document.getElementById("state");
state.textContent = timeout.state;
for (const name of ["warning", "expired", "extended", "activity"]) {
  timeout.addEventListener(name, (e) => { state.textContent = e.detail.state; });
}
window.sessionTimeout = timeout;
