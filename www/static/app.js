// The demo page's own script: starts session-timeout from the options the
// server rendered into data attributes, and shows the session state live.
import init, { SessionTimeout } from "/assets/session-timeout/session-timeout.js";

const app = document.getElementById("app");
const data = app.dataset;

// `/app?functions`: keep alive and ask the time left with the page's own
// functions instead of URLs, as an app with token sessions would (refresh
// the token, report its lifetime).
const csrf = () => document.querySelector("meta[name='csrf-token']").content;
const functions = {
  keepAlive: async () => {
    const response = await fetch("/session/keep-alive", { method: "POST", headers: { "X-CSRF-Token": csrf() } });
    return response.ok && { secondsLeft: Number(response.headers.get("Session-Expires-In")) };
  },
  status: async () => {
    const response = await fetch("/session/status");
    return response.ok ? (await response.json()).secondsLeft : null;
  },
};
const byFunctions = new URLSearchParams(location.search).has("functions");

await init();
const timeout = new SessionTimeout({
  sessionSeconds: Number(data.sessionSeconds),
  warnSeconds: Number(data.warnSeconds),
  redirectSeconds: Number(data.redirectSeconds),
  ...(byFunctions ? functions : { keepAliveUrl: data.keepAliveUrl, statusUrl: data.statusUrl }),
  signOutUrl: data.signOutUrl,
  // A sign-out chosen in another tab brings this one to the sign-in page
  // as signed out, not as timed out.
  redirectUrl: (reason) => (reason === "signed-out" ? data.redirectUrl.replace("expired=", "signed-out=") : data.redirectUrl),
  // With redirectUrl a function, the sign-in page is named: an answer
  // redirected there means the session is gone.
  signInUrl: data.redirectUrl.split("?")[0],
  remainingHeader: data.remainingHeader,
  // With --absolute-seconds: the session's hard end, which nothing extends.
  ...(data.absoluteExpiresAt ? { absoluteExpiresAt: Number(data.absoluteExpiresAt), absoluteHeader: data.absoluteHeader } : {}),
  // The page polls /api/ping for notifications; the server does not
  // count it as activity, so neither do we (nor the functions' own calls).
  trackRequests: { exclude: byFunctions ? ["/api/ping", "/session/"] : ["/api/ping"] },
  returnParam: "return",
  keepAliveTimeoutSeconds: Number(data.keepAliveTimeoutSeconds),
  // The demo's short test sessions opt out of the 20-second minimum; a
  // real site keeps it (WCAG 2.2.1).
  allowShortWarning: data.allowShortWarning === "true",
});
window.sessionTimeout = timeout;

const stateEl = document.getElementById("session-state");
const leftEl = document.getElementById("session-left");
function show(detail) {
  const state = detail?.state ?? timeout.state;
  stateEl.textContent = state;
  leftEl.textContent = state === "expired"
    ? `leaving in ${detail?.redirectSeconds ?? 0} s`
    : `${detail?.remainingSeconds ?? timeout.remainingSeconds} s left`;
}
for (const name of ["warning", "tick", "extended", "activity", "expired", "redirect"]) {
  timeout.addEventListener(name, (e) => show(e.detail));
}
show();
// While active the library sleeps until the warning; this panel refreshes
// itself every few seconds only so a person can watch the clock.
setInterval(() => { if (timeout.state === "active") show(); }, 5000);

// The page's own "Sign out" signs out every tab, not just this one.
document.querySelector("form[action='/logout']").addEventListener("submit", (event) => {
  event.preventDefault();
  timeout.signOut();
});

document.getElementById("fetch-data").addEventListener("click", async () => {
  const out = document.getElementById("fetch-result");
  const response = await fetch("/api/data", { credentials: "same-origin" });
  // No need to tell the library: it sees the page's own requests.
  if (response.ok) {
    out.textContent = (await response.json()).message;
  } else {
    out.textContent = `The server answered ${response.status}.`;
  }
});
