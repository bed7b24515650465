// The npm build (no std) links neither js-sys nor web-sys: linking js-sys
// at all keeps its JSPI task runner in the .wasm (a #[no_mangle] export
// whose waker stays in the function table), 0.3 KB gzip of dead code.
// src/js.rs binds the few built-ins the shell calls instead.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

test("the npm build links neither js-sys nor web-sys", () => {
  const tree = execFileSync("cargo", ["tree", "-p", "session-timeout", "--no-default-features", "--target", "wasm32-unknown-unknown",
    "-e", "normal", "--prefix", "none", "--format", "{p}"], { cwd: root, encoding: "utf8" });
  const crates = new Set(tree.split("\n").map((line) => line.split(" ")[0]).filter(Boolean));
  for (const name of ["js-sys", "web-sys"]) assert.ok(!crates.has(name), `${name} is linked into the npm build: ${[...crates].join(", ")}`);
  assert.ok(crates.has("wasm-bindgen") && crates.has("lol_alloc"), [...crates].join(", "));
});

test("the shipped .wasm has no JSPI task runner", () => {
  const wasm = readFileSync(path.join(root, "pkg/session_timeout_wasm_bg.wasm")).toString("latin1");
  assert.ok(!wasm.includes("jspi"), "js-sys's futures/jspi.rs is in the .wasm");
});
