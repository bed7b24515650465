// How both pages start the library, exactly as an npm user would.
import init, { SessionTimeout } from "session-timeout-wasm";
import "session-timeout-wasm/session-timeout.css";

// A single-page app gets its CSRF token from the server and puts it where
// the library (and every other script) looks for it; `?session=` and
// `?warn=` shorten the session for the tests.
export async function startSession(extra = {}) {
  const query = new URLSearchParams(location.search);
  const { token } = await (await fetch("/session/csrf")).json();
  document.head.append(Object.assign(document.createElement("meta"), { name: "csrf-token", content: token }));
  await init();
  const timeout = new SessionTimeout({
    sessionSeconds: Number(query.get("session") ?? 30),
    warnSeconds: Number(query.get("warn") ?? 20),
    allowShortWarning: query.has("warn"),
    keepAliveUrl: "/session/keep-alive",
    remainingHeader: "Session-Expires-In",
    redirectUrl: (reason) => `/login?${reason === "signed-out" ? "signed-out" : "expired"}=true`,
    ...extra,
  });
  window.sessionTimeout = timeout;
  return timeout;
}
