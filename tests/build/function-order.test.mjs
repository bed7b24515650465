// The function order (scripts/function-order.mjs) moves functions, never
// changes what they do: calls, the table and exports follow them. It puts
// alike functions together, gives the same order for the same input, and
// the package's .wasm carries no name, producers or features section.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { bestOrder, orderFunctions, wasmOptFrom } from "../../scripts/function-order.mjs";
import { readBodies } from "../../scripts/wasm-sections.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const bin = (name) => path.join(root, "node_modules/.bin", name);

// Two kinds of function, interleaved: "a" ones sum, "b" ones multiply.
const kinds = ["a", "b", "a", "b", "a", "b"];
const wat = `(module
  (import "env" "seen" (func $seen (param i32)))
  (table 2 funcref)
  (elem (i32.const 0) $f0 $f5)
  ${kinds.map((kind, i) => kind === "a"
    ? `(func $f${i} (export "f${i}") (param i32) (result i32)
        (call $seen (i32.const ${i}))
        (i32.add (i32.add (i32.add (local.get 0) (i32.const ${1000 + i})) (i32.const 77777)) (i32.const 99999)))`
    : `(func $f${i} (export "f${i}") (param i32) (result i32)
        (call $seen (i32.const ${i}))
        (i32.mul (i32.xor (i32.mul (local.get 0) (i32.const ${3 + i})) (i32.const 123456789)) (i32.const 55555)))`).join("\n  ")}
  (type $t (func (param i32) (result i32)))
  (func (export "viaTable") (param i32 i32) (result i32) (call_indirect (type $t) (local.get 1) (local.get 0))))`;

async function run(file) {
  const seen = [];
  const { instance } = await WebAssembly.instantiate(readFileSync(file), { env: { seen: (i) => seen.push(i) } });
  const e = instance.exports;
  return { results: [...kinds.map((_, i) => e[`f${i}`](5)), e.viaTable(0, 2), e.viaTable(1, 2)], seen };
}

test("functions move, calls, table entries and exports follow them", async () => {
  const dir = mkdtempSync(path.join(tmpdir(), "function-order-"));
  const [source, wasm] = [path.join(dir, "m.wat"), path.join(dir, "m.wasm")];
  writeFileSync(source, wat);
  execFileSync(bin("wasm-as"), [source, "-o", wasm]);
  const before = await run(wasm);
  const bodiesBefore = readBodies(readFileSync(wasm)).map((b) => b.toString("hex"));

  orderFunctions(wasm, wasmOptFrom(bin("wasm-opt")));
  const after = await run(wasm);
  assert.deepEqual(after, before, "every export and table entry still runs the same function");

  // The "a" functions now sit together, as do the "b" ones.
  const placed = readBodies(readFileSync(wasm)).map((b) => b.toString("hex"));
  const kindOf = (hex) => (hex.includes("6a") && !hex.includes("6c") ? "a" : hex.includes("6c") ? "b" : "other");
  const runs = placed.map(kindOf).filter((k) => k !== "other").join("");
  assert.match(runs, /^(a{3}b{3}|b{3}a{3})$/, `alike functions together (was ${bodiesBefore.map(kindOf).join("")})`);
});

test("the same bodies always get the same order, and every body once", () => {
  const bodies = Array.from({ length: 40 }, (_, i) => Buffer.from(Array.from({ length: 60 + (i % 7) * 9 }, (_, j) => (i % 3) * 50 + ((j * (i % 5 + 1)) % 40))));
  const first = bestOrder(bodies);
  assert.deepEqual(bestOrder(bodies), first);
  assert.deepEqual([...first].sort((a, b) => a - b), bodies.map((_, i) => i));
});

test("a missing wasm-opt stops the build and says how to get it", () => {
  assert.throws(() => wasmOptFrom("/nonexistent/wasm-opt")(["--version"]), /no wasm-opt at \/nonexistent\/wasm-opt; `make setup` installs binaryen/);
});

test("the package's .wasm keeps no name, producers or target-features section", () => {
  const b = readFileSync(path.join(root, "pkg/session_timeout_wasm_bg.wasm"));
  const custom = [];
  let p = 8;
  const u = () => { let r = 0, s = 0, x; do { x = b[p++]; r += (x & 0x7f) * 2 ** s; s += 7; } while (x & 0x80); return r; };
  while (p < b.length) {
    const id = b[p++], size = u(), end = p + size;
    if (id === 0) { const n = u(); custom.push(b.toString("utf8", p, p + n)); }
    p = end;
  }
  assert.deepEqual(custom, []);
});
