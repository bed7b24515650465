// wasm-opt's --low-memory-unused (Cargo.toml) assumes the module never
// touches the low 1 KB of its memory. It holds if the data and the stack
// start above it: rustc lays the stack first, below 1 MB, growing down,
// and the data (then the heap) after it. A change of linker layout that
// put data in the low 1 KB would make that flag wrong: this stops it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const wasmPath = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../pkg/session_timeout_wasm_bg.wasm");

// Each active data segment's constant start address (memory 0).
function dataStarts(b) {
  let p = 8;
  const u = () => { let r = 0, s = 0, x; do { x = b[p++]; r += (x & 0x7f) * 2 ** s; s += 7; } while (x & 0x80); return r; };
  const i32 = () => { let r = 0, s = 0, x; do { x = b[p++]; r |= (x & 0x7f) << s; s += 7; } while (x & 0x80); return s < 32 && (x & 0x40) ? r | (-1 << s) : r; };
  while (p < b.length) {
    const id = b[p++], size = u(), end = p + size;
    if (id !== 11) { p = end; continue; }
    const starts = [];
    for (let i = 0, n = u(); i < n; i++) {
      const flags = u();
      if (flags === 1) { const length = u(); p += length; continue; } // passive: no address
      if (flags === 2) u(); // explicit memory index
      assert.equal(b[p++], 0x41, "a data segment's offset is an i32.const");
      starts.push(i32());
      assert.equal(b[p++], 0x0b, "the offset expression ends");
      const length = u();
      p += length;
    }
    return starts;
  }
  return [];
}

test("no data lies in the low 1 KB that --low-memory-unused assumes unused", () => {
  const starts = dataStarts(readFileSync(wasmPath));
  assert.ok(starts.length > 0, "the module has data segments");
  const lowest = Math.min(...starts);
  assert.ok(lowest >= 1024, `the lowest data segment starts at ${lowest}`);
  console.log(`memory layout: ${starts.length} data segments, the lowest at ${lowest}`);
});
