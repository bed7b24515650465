// Express 5 with express-session and csrf-sync, as they ship, with
// session-timeout loaded by one script tag. `rolling: true` makes the
// cookie's maxAge an inactivity timeout; csrf-sync wants its token in
// `x-csrf-token`, which the library sends from <meta name="csrf-token">
// by itself; signed-out requests get the usual 302 to /login.
//
//   node express/app.mjs   # env: PORT, SESSION_SECONDS, WARN_SECONDS, REDIRECT_SECONDS, PKG_DIR
import { randomBytes } from "node:crypto";
import express from "express";
import session from "express-session";
import { csrfSync } from "csrf-sync";
import { USERS, announce, appPage, localPath, loginPage, settings } from "../pages.mjs";

const app = express();
app.use(express.urlencoded({ extended: false }));
// Files before sessions: with `rolling`, every answer that passes the
// session middleware sends the cookie again, a static file's too, and
// a file is not the person at work.
app.use("/static/session-timeout", express.static(settings.pkgDir));
// recipe:start express-setup
app.use(session({
  secret: process.env.SECRET ?? randomBytes(32).toString("hex"),
  resave: false,
  saveUninitialized: false,
  rolling: true, // every response restarts the session's clock
  cookie: { maxAge: settings.sessionSeconds * 1000, httpOnly: true, sameSite: "lax" },
}));
// Signed-in answers say how long is left. express-session rolls the cookie
// only as the response goes out, so `maxAge` here still counts down from
// the last request: after this one, the full `originalMaxAge` is left.
app.use((req, res, next) => {
  if (req.session.user) res.set("Session-Expires-In", String(Math.floor(req.session.cookie.originalMaxAge / 1000)));
  next();
});
const { csrfSynchronisedProtection, generateToken } = csrfSync({
  getTokenFromRequest: (req) => req.body?._csrf ?? req.headers["x-csrf-token"],
});
const requireLogin = (req, res, next) =>
  req.session.user ? next() : res.redirect(`/login?next=${encodeURIComponent(req.originalUrl)}`);

app.post("/session/keep-alive", requireLogin, csrfSynchronisedProtection, (req, res) => res.sendStatus(204));
// The seconds left, from the stored session. Without its session the
// answer goes out unsaved and untouched: asking never extends it.
app.get("/session/status", requireLogin, (req, res) => {
  const secondsLeft = Math.max(0, Math.floor(req.session.cookie.maxAge / 1000));
  req.session = null;
  res.set("Session-Expires-In", String(secondsLeft)).json({ secondsLeft });
});
// recipe:end

app.get("/", (req, res) => res.redirect("/app"));
app.get("/login", (req, res) =>
  res.send(loginPage({ csrfToken: generateToken(req), next: req.query.next, expired: "expired" in req.query })));
app.post("/login", csrfSynchronisedProtection, (req, res, next) => {
  const { username, password } = req.body;
  if (USERS.get(username) !== password) {
    return res.status(401).send(loginPage({ csrfToken: generateToken(req), next: req.query.next, error: "Wrong name or password." }));
  }
  // A new session id at sign-in (no session fixation).
  req.session.regenerate((err) => {
    if (err) return next(err);
    req.session.user = username;
    res.redirect(localPath(req.query.next));
  });
});
// The second page: the sign-in brings the person back to it.
app.get(["/app", "/app/notes"], requireLogin, (req, res) => res.send(appPage({ user: req.session.user, csrfToken: generateToken(req) })));
app.get("/api/whoami", requireLogin, (req, res) => res.json({ user: req.session.user }));

const server = app.listen(settings.port, "127.0.0.1", () => announce("express", server.address()));
