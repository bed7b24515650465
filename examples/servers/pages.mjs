// The two pages of the Node examples (Express, Fastify): the sign-in form
// and the signed-in page that loads session-timeout by one script tag.
// Every value is escaped: text goes into HTML as text.
const escape = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export const settings = {
  sessionSeconds: Number(process.env.SESSION_SECONDS ?? 1800),
  warnSeconds: Number(process.env.WARN_SECONDS ?? 120),
  redirectSeconds: Number(process.env.REDIRECT_SECONDS ?? 10),
  pkgDir: process.env.PKG_DIR ?? new URL("../../pkg", import.meta.url).pathname,
  port: Number(process.env.PORT ?? 3000),
};

export const USERS = new Map([["ada", "correct horse"]]);

export const loginPage = ({ csrfToken, next = "", expired = false, error = "" }) => `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Sign in</title></head>
<body>
<main>
  <h1>Sign in</h1>
  ${expired ? `<p role="status">You were signed out after a period of inactivity.</p>` : ""}
  ${error ? `<p role="alert">${escape(error)}</p>` : ""}
  <form method="post" action="/login?next=${encodeURIComponent(next)}">
    <input type="hidden" name="_csrf" value="${escape(csrfToken)}">
    <p><label for="id_username">Username</label> <input id="id_username" name="username" autocomplete="username"></p>
    <p><label for="id_password">Password</label> <input id="id_password" name="password" type="password" autocomplete="current-password"></p>
    <button type="submit">Sign in</button>
  </form>
</main>
</body>
</html>`;

export const appPage = ({ user, csrfToken }) => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Notes</title>
<!-- No icon: the browser would ask /favicon.ico through the session, restarting it unseen. -->
<link rel="icon" href="data:,">
<!-- recipe:start node-template -->
<meta name="csrf-token" content="${escape(csrfToken)}">
<script type="module" src="/static/session-timeout/session-timeout.min.js"
        data-session-seconds="${settings.sessionSeconds}"
        data-warn-seconds="${settings.warnSeconds}"
        data-redirect-seconds="${settings.redirectSeconds}"
        data-keep-alive-url="/session/keep-alive"
        data-status-url="/session/status"
        data-redirect-url="/login?expired=1"
        data-return-param="next"
        data-remaining-header="Session-Expires-In"></script>
<!-- recipe:end -->
</head>
<body>
<main>
  <h1>Notes for ${escape(user)}</h1>
  <form method="post" data-session-timeout-preserve="${escape(user)}">
    <label for="notes">Notes</label>
    <textarea id="notes" name="notes" rows="8" cols="60"></textarea>
  </form>
</main>
</body>
</html>`;

// Only a local path may follow the sign-in (no open redirect).
export const localPath = (p) => (typeof p === "string" && p.startsWith("/") && !p.startsWith("//") ? p : "/app");

export function announce(name, address) {
  const port = typeof address === "string" ? new URL(address).port : address.port;
  console.log(`${name} example: http://127.0.0.1:${port}/ (sign in as ada / correct horse)`);
}
