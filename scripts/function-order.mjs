// Puts the .wasm's functions in the order gzip compresses best, after
// wasm-opt has made them as small as it can. gzip finds repeats only in
// the 32 KB before it, so a function placed after ones like it costs
// less: LLVM's order (by crate and module) left about 0.5 KB gzip on the
// table (measured in bench/README). The order is chosen here; binaryen
// applies it (`--reorder-functions-by-name`, with names written to rank
// the functions), so every call, table entry and export follows. The same
// input always gives the same order.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { leb, name, readBodies, readImports, withoutCustom } from "./wasm-sections.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

// `wasmOpt` runs binaryen's wasm-opt with the arguments given.
export function orderFunctions(wasmPath, wasmOpt) {
  const wasm = withoutCustom(readFileSync(wasmPath), "name");
  const bodies = readBodies(wasm);
  const imported = readImports(wasm).imports.filter((imp) => imp.kind === 0).length;
  const order = cached(wasm, bodies.length, () => bestOrder(bodies));

  // A name section whose names sort in that order ("f00000", "f00001", …).
  const ranked = order.map((body, rank) => [imported + body, `f${String(rank).padStart(6, "0")}`]).sort((a, b) => a[0] - b[0]);
  const names = Buffer.concat([leb(ranked.length), ...ranked.map(([index, text]) => Buffer.concat([leb(index), name(text)]))]);
  const content = Buffer.concat([name("name"), Buffer.from([1]), leb(names.length), names]);
  const dir = mkdtempSync(path.join(tmpdir(), "function-order-"));
  try {
    const named = path.join(dir, "named.wasm");
    writeFileSync(named, Buffer.concat([wasm, Buffer.from([0]), leb(content.length), content]));
    // -Oz again only to write the code as compactly as the first run did
    // (binaryen's stack-IR pass runs at the end of an optimizing pipeline).
    wasmOpt([named, "--reorder-functions-by-name", "-Oz", "--low-memory-unused", "--strip-debug", "--strip-producers", "--strip-target-features", "-o", wasmPath]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const after = readFileSync(wasmPath);
  return { functions: bodies.length, saved: gzipSync(wasm, { level: 9 }).length - gzipSync(after, { level: 9 }).length };
}

// The search takes about 20 s; its answer is kept in the build cache by
// the hash of the input, this script and its section reader, so an
// unchanged .wasm costs nothing.
function cached(wasm, count, find) {
  const dir = path.join(process.env.CARGO_TARGET_DIR || path.join(root, "target"), "function-order");
  const hash = createHash("sha256").update(wasm);
  for (const code of ["function-order.mjs", "wasm-sections.mjs"]) hash.update(readFileSync(path.join(root, "scripts", code)));
  const key = hash.digest("hex");
  const file = path.join(dir, `${key}.json`);
  try {
    const kept = JSON.parse(readFileSync(file, "utf8"));
    if (Array.isArray(kept) && kept.length === count) return kept;
  } catch { /* not there yet, or unreadable: found again */ }
  const order = find();
  mkdirSync(dir, { recursive: true });
  writeFileSync(file, JSON.stringify(order));
  return order;
}

export const wasmOptFrom = (bin) => (args) => {
  if (!existsSync(bin)) throw new Error(`function-order: no wasm-opt at ${bin}; \`make setup\` installs binaryen (package.json)`);
  execFileSync(bin, args, { stdio: ["ignore", "ignore", "pipe"] });
};

const STEPS = [1, 2, 5, 10, 20, 50, 100, 200].flatMap((n) => [-n, n]);

// First each next function is the one whose 4-byte sequences appear most
// (as a share of its own) in the last 2 KB placed; then each function is
// moved up to 200 places either way while that makes the whole gzip
// smaller (two rounds; more found 28 B in 18 s more).
// Window, sequence length and moves were chosen by measuring the package.
export function bestOrder(bodies) {
  if (bodies.length < 3) return bodies.map((_, i) => i);
  const grams = bodies.map((body) => {
    const set = new Set();
    for (let i = 0; i + 4 <= body.length; i++) set.add(body.readUInt32LE(i));
    return set;
  });
  const window = new Map();
  const count = (i, by) => { for (const g of grams[i]) { const n = (window.get(g) ?? 0) + by; if (n) window.set(g, n); else window.delete(g); } };
  const left = new Set(bodies.keys());
  const order = [0], recent = [0];
  left.delete(0);
  count(0, 1);
  let size = bodies[0].length;
  while (left.size) {
    let best = -1, score = -1;
    for (const i of left) {
      let shared = 0;
      for (const g of grams[i]) if (window.has(g)) shared++;
      const s = shared / Math.max(1, grams[i].size);
      if (s > score) { score = s; best = i; }
    }
    order.push(best); recent.push(best); left.delete(best); count(best, 1);
    size += bodies[best].length;
    while (size > 2048 && recent.length > 1) { const old = recent.shift(); size -= bodies[old].length; count(old, -1); }
  }
  const gz = (o) => gzipSync(Buffer.concat(o.map((i) => bodies[i])), { level: 9 }).length;
  let current = gz(order);
  for (let round = 0; round < 2; round++) {
    for (let at = 0; at < order.length; at++) {
      let best = null, bestSize = current;
      for (const step of STEPS) {
        const to = at + step;
        if (to < 0 || to >= order.length) continue;
        const tried = order.slice();
        tried.splice(to, 0, ...tried.splice(at, 1));
        const s = gz(tried);
        if (s < bestSize) { bestSize = s; best = tried; }
      }
      if (best) { order.splice(0, order.length, ...best); current = bestSize; }
    }
  }
  return order;
}
