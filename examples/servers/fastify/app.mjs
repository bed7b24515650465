// Fastify 5 with @fastify/session and @fastify/csrf-protection, as they
// ship, with session-timeout loaded by one script tag. `rolling` (the
// default) makes the cookie's maxAge an inactivity timeout; the CSRF
// plugin reads `x-csrf-token`, which the library sends from
// <meta name="csrf-token"> by itself; signed-out requests get a 302.
//
//   node fastify/app.mjs   # env: PORT, SESSION_SECONDS, WARN_SECONDS, REDIRECT_SECONDS, PKG_DIR
import { randomBytes } from "node:crypto";
import Fastify from "fastify";
import cookie from "@fastify/cookie";
import formbody from "@fastify/formbody";
import fastifySession from "@fastify/session";
import csrf from "@fastify/csrf-protection";
import fastifyStatic from "@fastify/static";
import { USERS, announce, appPage, localPath, loginPage, settings } from "../pages.mjs";

const server = Fastify();
// Files outside the session's plugin: its hooks run for every route of the
// context it is registered in, whatever the order, and with `rolling` a
// stylesheet's answer (or a 404's) would send the cookie again, though a
// file is not the person at work. A plain async plugin is a context of its
// own: what it registers reaches only its routes.
await server.register(fastifyStatic, { root: settings.pkgDir, prefix: "/static/session-timeout/" });
await server.register(site);
announce("fastify", await server.listen({ port: settings.port, host: "127.0.0.1" }));

/** The app: its session, CSRF token and routes. */
async function site(app) {
  await app.register(formbody);
  await app.register(cookie);
  // recipe:start fastify-setup
  await app.register(fastifySession, {
    secret: process.env.SECRET ?? randomBytes(32).toString("hex"),
    saveUninitialized: false,
    rolling: true, // every response restarts the session's clock
    cookie: { maxAge: settings.sessionSeconds * 1000, httpOnly: true, sameSite: "lax", secure: false },
  });
  await app.register(csrf, { sessionPlugin: "@fastify/session" });
  // Signed-in answers say how long is left: the whole maxAge, since this
  // response rolls the session again.
  app.addHook("onSend", async (req, reply) => {
    if (req.session?.get("user") && !reply.hasHeader("Session-Expires-In")) reply.header("Session-Expires-In", String(Math.floor(settings.sessionSeconds)));
  });
  const requireLogin = async (req, reply) => {
    if (!req.session.get("user")) return reply.redirect(`/login?next=${encodeURIComponent(req.url)}`);
  };

  app.post("/session/keep-alive", { preHandler: [requireLogin, app.csrfProtection] }, async (req, reply) => reply.code(204).send());
  // The seconds left, from the stored session's expiry. Without its session
  // the answer goes out unsaved and sets no cookie: asking never extends it.
  app.get("/session/status", { preHandler: requireLogin }, async (req, reply) => {
    const secondsLeft = Math.max(0, Math.floor((req.session.cookie.originalExpires - Date.now()) / 1000));
    req.session = null;
    return reply.header("Session-Expires-In", String(secondsLeft)).send({ secondsLeft });
  });
  // recipe:end

  app.get("/", async (req, reply) => reply.redirect("/app"));
  app.get("/login", async (req, reply) =>
    reply.type("text/html").send(loginPage({ csrfToken: reply.generateCsrf(), next: req.query.next, expired: "expired" in req.query })));
  app.post("/login", { preHandler: app.csrfProtection }, async (req, reply) => {
    const { username, password } = req.body;
    if (USERS.get(username) !== password) {
      return reply.code(401).type("text/html").send(loginPage({ csrfToken: reply.generateCsrf(), next: req.query.next, error: "Wrong name or password." }));
    }
    await req.session.regenerate(); // a new session id at sign-in (no session fixation)
    req.session.set("user", username);
    return reply.redirect(localPath(req.query.next));
  });
  const appPageHandler = async (req, reply) =>
    reply.type("text/html").send(appPage({ user: req.session.get("user"), csrfToken: reply.generateCsrf() }));
  // The second page: the sign-in brings the person back to it.
  for (const url of ["/app", "/app/notes"]) app.get(url, { preHandler: requireLogin }, appPageHandler);
  app.get("/api/whoami", { preHandler: requireLogin }, async (req) => ({ user: req.session.get("user") }));
}
