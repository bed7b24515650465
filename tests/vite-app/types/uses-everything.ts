// Every option and event of the package, type-checked against its .d.ts.
import init, { SessionTimeout, type SessionTimeoutOptions, type SessionTimeoutDetail, type SessionState } from "session-timeout-wasm";

const options: SessionTimeoutOptions = {
  sessionSeconds: 1800,
  warnSeconds: 120,
  allowShortWarning: false,
  allowedOrigins: ["https://login.example.com"],
  draftMaxAgeSeconds: 3600,
  redirectSeconds: 10,
  keepAliveUrl: "/session/keep-alive",
  keepAliveMethod: "POST",
  keepAliveTimeoutSeconds: 10,
  redirectUrl: (reason) => (reason === "signed-out" ? "/bye" : "/login?expired=true"),
  signOutUrl: "/logout",
  returnParam: "return",
  trackRequests: { mode: "patch", include: ["/api/"], exclude: ["/api/health"] },
  remainingHeader: "Session-Expires-In",
  statusUrl: "/session/status",
  unauthorizedStatuses: [401, 440],
  keepAliveOnActivity: { throttleSeconds: 60 },
  crossTab: true,
  channel: "my-app",
  dialog: true,
  csrfHeader: "X-CSRF-Token",
  signInUrl: "/accounts/login/",
  locale: "en-GB",
  text: {
    warningTitle: "You're about to be signed out",
    warningMessage: "For your security, we will sign you out in {time}.",
    stayButton: "Stay signed in",
    signOutButton: "Sign out",
    expiredTitle: "You have been signed out",
    expiredMessage: "We will take you to the sign-in page in {time}.",
    signInButton: "Sign in again",
    keepAliveFailed: "We could not reach the server.",
    keepAliveRefused: "We could not extend your session.",
    draftRestored: "We put back what you typed.",
  },
};

const csrfWays: SessionTimeoutOptions["csrf"][] = [
  "auto", false,
  { header: "X-CSRFToken", cookie: "csrftoken" },
  { header: "X-CSRF-Token", meta: "csrf-token" },
  { header: "X-Token", token: "abc" },
];
console.log(csrfWays.length);

await init();
const timeout = new SessionTimeout(options);
const state: SessionState = timeout.state;
const left: number = timeout.remainingSeconds;
const leader: boolean = timeout.isLeader;
const extended: boolean = await timeout.extend();
timeout.activity();
timeout.signOut();
const show = (d: SessionTimeoutDetail) => `${d.state} ${d.remainingSeconds} ${d.expiresAt} ${d.redirectSeconds ?? ""} ${d.reason ?? ""} ${d.url ?? ""} ${d.status ?? ""}`;
for (const name of ["warning", "tick", "extended", "keepaliveerror", "expired", "redirect", "signout", "activity"] as const) {
  timeout.addEventListener(name, (event) => console.log(show(event.detail)));
}
timeout.addEventListener("redirect", (event) => event.preventDefault());
// The same events on document, typed by name; and a script tag's error.
document.addEventListener("session-timeout:warning", (event) => console.log(show(event.detail), event.detail.final));
document.addEventListener("session-timeout:error", (event) => console.log(event.detail.message, event.detail.error.name));
timeout.destroy();
console.log(state, left, leader, extended);
