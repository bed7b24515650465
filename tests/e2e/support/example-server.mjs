// Starts one of the real-framework examples (examples/servers/) on
// 127.0.0.1 with a free port, and stops it afterwards.
import { spawn } from "node:child_process";
import { track } from "./children.mjs";
import { fileURLToPath } from "node:url";
import path from "node:path";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const servers = path.join(root, "examples/servers");
const python = path.join(servers, ".venv/bin/python");

// How each app is run, the sign-in path its framework uses by default, the
// page it lands on after signing in, a second page of the same kind, and
// its POST-only sign-out, where the app has one.
export const FRAMEWORKS = {
  django: { command: [python, "django/app.py"], login: "/accounts/login/", app: "/app/", notes: "/app/notes/", csrfHeader: "x-csrftoken", logout: "/accounts/logout/" },
  flask: { command: [python, "flask/app.py"], login: "/login", app: "/app", notes: "/app/notes", csrfHeader: "x-csrf-token" },
  express: { command: [process.execPath, "express/app.mjs"], login: "/login", app: "/app", notes: "/app/notes", csrfHeader: "x-csrf-token" },
  fastify: { command: [process.execPath, "fastify/app.mjs"], login: "/login", app: "/app", notes: "/app/notes", csrfHeader: "x-csrf-token" },
  rails: { command: ["ruby", "rails/app.rb"], login: "/login", app: "/app", notes: "/app/notes", csrfHeader: "x-csrf-token", logout: "/logout" },
  // Laravel remembers the page a signed-out visit asked for in the session
  // (no return parameter): the library reloads the page at expiry.
  laravel: { command: ["php", "laravel/serve.php"], login: "/login", app: "/app", notes: "/app/notes", csrfHeader: "x-csrf-token", remembers: true, logout: "/logout" },
  // Devise's own sign-in form, as the gem ships it (signed in by e-mail).
  devise: {
    command: ["ruby", "devise/app.rb"], login: "/users/sign_in", app: "/app", notes: "/app/notes", csrfHeader: "x-csrf-token", remembers: true, logout: "/users/sign_out",
    form: { user: "#user_email", password: "#user_password", submit: "input[type=submit]", name: "ada@example.com" },
  },
};

// The sign-in form's fields where the app does not name them itself.
export const FORM = { user: "#id_username", password: "#id_password", submit: "button[type=submit]", name: "ada" };

// `env`: more of the app's settings, as its environment gives them.
export async function startExample(name, { session, warn, redirect }, env = {}) {
  const { command } = FRAMEWORKS[name];
  const child = track(spawn(command[0], command.slice(1), {
    cwd: servers,
    env: {
      ...process.env, PORT: "0", PKG_DIR: path.join(root, "pkg"),
      SESSION_SECONDS: String(session), WARN_SECONDS: String(warn), REDIRECT_SECONDS: String(redirect), ...env,
    },
    stdio: ["ignore", "pipe", "inherit"],
  }));
  const url = await new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error(`${name} example did not start: ${out}`)), 30000);
    child.on("exit", (code) => reject(new Error(`${name} example exited with ${code}: ${out}`)));
    child.stdout.on("data", (chunk) => {
      out += chunk;
      const m = out.match(/http:\/\/127\.0\.0\.1:\d+/);
      if (m) { clearTimeout(timer); resolve(m[0]); }
    });
  });
  return {
    url,
    ...FRAMEWORKS[name],
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    },
  };
}
