// The demo page's own script: starts session-timeout from the options the
// server rendered into data attributes, and shows the session state live.
import init, { SessionTimeout } from "/assets/session-timeout/session-timeout.js";

const app = document.getElementById("app");
const number = (name) => Number(app.dataset[name]);

await init();
const timeout = new SessionTimeout({
  sessionSeconds: number("sessionSeconds"),
  warnSeconds: number("warnSeconds"),
  redirectSeconds: number("redirectSeconds"),
  keepAliveUrl: app.dataset.keepAliveUrl,
  signOutUrl: app.dataset.signOutUrl,
  redirectUrl: app.dataset.redirectUrl,
});
window.sessionTimeout = timeout;

const stateEl = document.getElementById("session-state");
const leftEl = document.getElementById("session-left");
function show(detail) {
  stateEl.textContent = detail?.state ?? timeout.state;
  const left = detail?.redirectSeconds ?? detail?.remainingSeconds ?? timeout.remainingSeconds;
  leftEl.textContent = (detail?.state ?? timeout.state) === "expired"
    ? `leaving in ${left} s`
    : `${left} s left`;
}
for (const name of ["warning", "tick", "extended", "activity", "expired", "redirect"]) {
  timeout.addEventListener(name, (e) => show(e.detail));
}
show();
// While active the library sleeps until the warning; this panel refreshes
// itself every few seconds only so a person can watch the clock.
setInterval(() => { if (timeout.state === "active") show(); }, 5000);

document.getElementById("fetch-data").addEventListener("click", async () => {
  const out = document.getElementById("fetch-result");
  const response = await fetch("/api/data", { credentials: "same-origin" });
  if (response.ok) {
    out.textContent = (await response.json()).message;
    timeout.activity();
  } else {
    out.textContent = `The server answered ${response.status}.`;
  }
});
