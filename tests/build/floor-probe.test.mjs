// `make bench` builds its floor probe (bench/probe) from the library's own
// src/core and src/i18n.rs, included by path: a change there that needs
// more of the library (a module the probe does not include) would stop
// the bench only when someone runs it. The probe must still compile.
import { test } from "node:test";
import { execFileSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

test("make bench's floor probe still compiles against the library's core and languages", () => {
  // The bench's own build directory: checked once, built there later.
  const target = path.join(process.env.CARGO_TARGET_DIR ?? path.join(root, "target"), "floor");
  execFileSync("cargo", ["check", "--quiet", "--target", "wasm32-unknown-unknown"], {
    cwd: path.join(root, "bench/probe"), env: { ...process.env, CARGO_TARGET_DIR: target }, stdio: ["ignore", "inherit", "inherit"],
  });
});
