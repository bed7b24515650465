// What each feature costs in the .wasm: the release build, then the same
// build once per feature with that feature cut off at its entry (an early
// return), each through wasm-bindgen and the package's wasm-opt flags.
// The difference is what a page pays for the feature, with everything the
// compiler could drop once it was gone. `make bench-features` runs it and
// writes bench/feature-costs.md. Not part of `make bench`: it builds the
// crate a dozen times (about 3 minutes).
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { FEATURES } from "./features.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.dirname(here);


const cargoFlags = JSON.parse(readFileSync(path.join(root, "Cargo.toml"), "utf8").match(/^wasm-opt = (\[.*\])$/m)?.[1] ?? "null");
if (!cargoFlags) throw new Error("Cargo.toml has no wasm-opt = [...] line");
// The package strips the tools' sections in its function-order step
// (scripts/function-order.mjs); here they go at the end of the one run.
const flags = [...cargoFlags, "--strip-producers", "--strip-target-features"];
const work = mkdtempSync(path.join(os.tmpdir(), "feature-costs-"));
const target = path.join(process.env.CARGO_TARGET_DIR ?? path.join(root, "target"), "feature-costs");

/** The .wasm of the crate with `cuts` applied: raw and gzip -9 bytes. */
function build(name, cuts) {
  const dir = path.join(work, "crate");
  rmSync(dir, { recursive: true, force: true });
  cpSync(path.join(root, "src"), path.join(dir, "src"), { recursive: true });
  cpSync(path.join(root, "Cargo.lock"), path.join(dir, "Cargo.lock"));
  // A workspace of its own: the copy has no demo server beside it.
  const manifest = readFileSync(path.join(root, "Cargo.toml"), "utf8").replace(/^\[workspace\][\s\S]*$/m, "[workspace]\n");
  writeFileSync(path.join(dir, "Cargo.toml"), manifest);
  for (const [file, start, early] of cuts) {
    const at = path.join(dir, file);
    const text = readFileSync(at, "utf8");
    const i = text.indexOf(start);
    if (i < 0) throw new Error(`${name}: "${start}" is no longer in ${file}; update bench/feature-costs.mjs`);
    const body = text.indexOf("{", i) + 1;
    writeFileSync(at, `${text.slice(0, body)}\n    #[allow(unreachable_code)]\n    { ${early} }\n${text.slice(body)}`);
  }
  execFileSync("cargo", ["build", "--release", "--quiet", "--target", "wasm32-unknown-unknown", "--no-default-features"], {
    // The cuts leave unused arguments and code behind: no warnings for them.
    cwd: dir, env: { ...process.env, CARGO_TARGET_DIR: target, RUSTFLAGS: `${process.env.RUSTFLAGS ?? ""} -A warnings` }, stdio: "inherit",
  });
  const out = path.join(work, "out");
  execFileSync("wasm-bindgen", [path.join(target, "wasm32-unknown-unknown/release/session_timeout.wasm"), "--out-dir", out, "--target", "web"], { stdio: "pipe" });
  execFileSync("wasm-opt", [...flags, path.join(out, "session_timeout_bg.wasm"), "-o", path.join(out, "opt.wasm")], { stdio: "pipe" });
  const wasm = readFileSync(path.join(out, "opt.wasm"));
  console.log(`${name}: ${wasm.length} B, ${gzipSync(wasm, { level: 9 }).length} B gzip`);
  return { raw: wasm.length, gzip: gzipSync(wasm, { level: 9 }).length };
}

const whole = build("as shipped", []);
const rows = FEATURES.map(([feature, cuts]) => {
  const cut = build(feature, cuts);
  return [feature, whole.raw - cut.raw, whole.gzip - cut.gzip];
}).sort((a, b) => b[2] - a[2]);
// Every feature cut at once: what is left is the base they all stand on,
// the least that cutting features could bring the .wasm to.
const base = build("every feature cut", FEATURES.flatMap(([, cuts]) => cuts));
rmSync(work, { recursive: true, force: true });

const commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: root, encoding: "utf8" }).trim();
writeFileSync(path.join(here, "feature-costs.md"), [
  "# What each feature costs in the .wasm",
  "",
  `Written by \`make bench-features\` (bench/feature-costs.mjs) at ${commit} on ${new Date().toISOString()}. Each row: the release .wasm (wasm-bindgen, the package's wasm-opt flags, before its functions are ordered and import names shortened) minus the same build with that feature cut off at its entry, so it counts everything the compiler could drop with it. Whole .wasm: ${whole.raw} B, ${whole.gzip} B gzip -9.`,
  "",
  "| feature | raw | gzip |",
  "|---|---|---|",
  ...rows.map(([f, raw, gz]) => `| ${f} | ${raw} | ${gz} |`),
  `| sum of the rows | ${rows.reduce((s, r) => s + r[1], 0)} | ${rows.reduce((s, r) => s + r[2], 0)} |`,
  `| every feature cut at once | ${whole.raw - base.raw} | ${whole.gzip - base.gzip} |`,
  "",
  `With every feature cut at once the .wasm is still ${base.raw} B, ${base.gzip} B gzip -9: the base (option checking and its messages, the clock, the texts in six languages, the driver and start-up), more than the 24 KB budget leaves for the .wasm once the JavaScript and CSS are counted. Cutting features alone cannot meet it.`,
  "",
].join("\n"));
console.log("wrote bench/feature-costs.md");
