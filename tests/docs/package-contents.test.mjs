// What each package ships: the npm package (as `npm pack` would publish
// it from pkg/) and the crate (as `cargo package` would). Only what a user
// needs; no demo, tests, bench or screenshots.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { gzipSync } from "node:zlib";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

test("the npm package holds the module, its .wasm, types, stylesheet, README and licence", () => {
  const json = execFileSync("npm", ["pack", "--dry-run", "--json", "--loglevel=error"], { cwd: path.join(root, "pkg"), encoding: "utf8" });
  const [packed] = JSON.parse(json);
  const files = packed.files.map((f) => f.path).sort();
  const allowed = /^(package\.json|README\.md|LICENSE|session-timeout\.(js|min\.js|node\.js|d\.ts|css)|session_timeout_wasm(\.js|\.d\.ts|_bg\.wasm|_bg\.wasm\.d\.ts)|snippets\/[^/]+\/src\/platform\/platform\.js)$/;
  assert.deepEqual(files.filter((f) => !allowed.test(f)), [], "files the package should not ship");
  for (const needed of ["session-timeout.js", "session-timeout.min.js", "session_timeout_wasm_bg.wasm", "session-timeout.d.ts", "session-timeout.css"]) {
    assert.ok(files.includes(needed), `missing ${needed}`);
  }
  assert.equal(packed.name, "session-timeout-wasm");
  const { keywords } = JSON.parse(readFileSync(path.join(root, "pkg/package.json"), "utf8"));
  assert.deepEqual(keywords, [...new Set(keywords)], "each keyword once");
  console.log(`npm pack: ${files.length} files, ${packed.size} bytes packed`);
});

test("the crate holds the sources, README and licence only", () => {
  const list = execFileSync("cargo", ["package", "--list", "--allow-dirty", "-p", "session-timeout"], { cwd: root, encoding: "utf8" });
  const files = list.split("\n").filter(Boolean);
  const allowed = /^(Cargo\.toml|Cargo\.toml\.orig|Cargo\.lock|\.cargo_vcs_info\.json|README\.md|LICENSE|src\/.+\.(rs|js))$/;
  assert.deepEqual(files.filter((f) => !allowed.test(f)), [], "files the crate should not ship");
  assert.ok(files.includes("src/platform/platform.js"), "the platform layer's JavaScript ships with the crate");
  console.log(`cargo package: ${files.length} files`);
});

// The README states what the script tag's JavaScript weighs; it went stale
// once (8.4 KB written, 9.5 KB shipped), so the built files are weighed.
test("the README's sizes of the minified and the readable JavaScript are the built files'", () => {
  const kb = (files) => (files.reduce((sum, f) => sum + gzipSync(readFileSync(path.join(root, "pkg", f)), { level: 9 }).length, 0) / 1024).toFixed(1);
  const snippets = readdirSync(path.join(root, "pkg/snippets")).map((d) => `snippets/${d}/src/platform/platform.js`);
  const readme = readFileSync(path.join(root, "README.md"), "utf8").replace(/\s+/g, " ");
  const [, minified, readable] = readme.match(/one minified file \(([\d.]+) KB gzip, against ([\d.]+) KB for the readable/) ?? [];
  // Within 0.1 KB: zlib and the gzip command differ by a few bytes, which
  // may round either way.
  const near = (written, built, what) => assert.ok(written !== undefined && Math.abs(written - built) <= 0.1, `${what}: the README says ${written} KB, the build weighs ${built} KB`);
  near(minified, kb(["session-timeout.min.js"]), "session-timeout.min.js, gzip -9");
  near(readable, kb(["session-timeout.js", "session_timeout_wasm.js", ...snippets]), "the readable entry, glue and snippet, gzip -9");
});
