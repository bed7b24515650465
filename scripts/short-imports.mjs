// Shortens the .wasm's import names after wasm-bindgen, in the .wasm and
// its JS glue together. wasm-bindgen names each import after the function
// plus a 16-hex hash and each module by its full snippet path; every one
// appears in both files and none compresses. Each renamed name must occur
// in the glue exactly once, as an object key; anything else (a new
// wasm-bindgen layout) stops the build instead of shipping a broken pair.
import { readFileSync, writeFileSync } from "node:fs";

export function shortenImports(wasmPath, gluePath) {
  const wasm = readFileSync(wasmPath);
  let glue = readFileSync(gluePath, "utf8");
  const { start, end, imports } = readImports(wasm);

  const fail = (what) => { throw new Error(`short-imports: ${what}; wasm-bindgen's output changed, update scripts/short-imports.mjs`); };
  const count = (text, needle) => text.split(needle).length - 1;
  const modules = new Map();
  const fields = new Map();
  let next = 0;
  const short = () => { let n = next++, s = ""; do { s = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"[n % 52] + s; n = Math.floor(n / 52) - 1; } while (n >= 0); return s; };

  for (const imp of imports) {
    if (!modules.has(imp.module)) {
      const key = `"${imp.module}": import`;
      if (count(glue, key) < 1) fail(`module ${imp.module} is not a key of the imports object`);
      modules.set(imp.module, `m${modules.size}`);
    }
    // The glue's own object of generated functions: rename its keys. A
    // snippet's imports are its export names: left as they are.
    if (imp.module.endsWith("_bg.js") && !fields.has(imp.field)) {
      const key = `\n        ${imp.field}: function(`;
      if (count(glue, key) !== 1 || count(glue, imp.field) !== 1) fail(`import ${imp.field} is not exactly one key in the glue`);
      fields.set(imp.field, short());
    }
  }
  for (const [from, to] of fields) glue = glue.replace(`\n        ${from}: function(`, `\n        ${to}: function(`);
  for (const [from, to] of modules) glue = glue.split(`"${from}": import`).join(`"${to}": import`);
  // wasm-bindgen lists one snippet module under several keys (the same
  // namespace each time); once renamed they are duplicate keys: keep the last.
  const lines = glue.split("\n");
  const last = new Map();
  lines.forEach((line, i) => { const m = line.match(/^\s*"(m\d+)": import\d+,?$/); if (m) last.set(m[1], i); });
  glue = lines.filter((line, i) => { const m = line.match(/^\s*"(m\d+)": import\d+,?$/); return !m || last.get(m[1]) === i; }).join("\n");

  const body = [];
  body.push(leb(imports.length));
  for (const imp of imports) {
    const module = modules.get(imp.module);
    const field = fields.get(imp.field) ?? imp.field;
    body.push(name(imp.module.endsWith("_bg.js") || modules.has(imp.module) ? module : imp.module), name(field), imp.rest);
  }
  const section = Buffer.concat(body);
  const out = Buffer.concat([wasm.subarray(0, start), Buffer.from([2]), leb(section.length), section, wasm.subarray(end)]);
  writeFileSync(wasmPath, out);
  writeFileSync(gluePath, glue);
  return { imports: imports.length, renamed: fields.size + modules.size, saved: wasm.length - out.length };
}

const leb = (n) => { const out = []; do { let b = n & 0x7f; n >>>= 7; if (n) b |= 0x80; out.push(b); } while (n); return Buffer.from(out); };
const name = (s) => { const b = Buffer.from(s, "utf8"); return Buffer.concat([leb(b.length), b]); };

// The import section: where it starts and ends, and each import's module,
// field and the bytes of its description (kept as they are).
function readImports(b) {
  let p = 8;
  const u = () => { let r = 0, s = 0, x; do { x = b[p++]; r += (x & 0x7f) * 2 ** s; s += 7; } while (x & 0x80); return r; };
  const str = () => { const n = u(); const s = b.toString("utf8", p, p + n); p += n; return s; };
  while (p < b.length) {
    const start = p, id = b[p++], size = u(), bodyStart = p;
    if (id !== 2) { p = bodyStart + size; continue; }
    const imports = [];
    for (let i = 0, n = u(); i < n; i++) {
      const module = str(), field = str(), from = p, kind = b[p++];
      if (kind === 0) u(); // function: type index
      else if (kind === 1) { p++; const f = u(); u(); if (f & 1) u(); } // table
      else if (kind === 2) { const f = u(); u(); if (f & 1) u(); } // memory
      else if (kind === 3) { p += 2; } // global: type + mutability
      else throw new Error(`short-imports: unknown import kind ${kind}`);
      imports.push({ module, field, rest: b.subarray(from, p) });
    }
    if (p !== bodyStart + size) throw new Error("short-imports: import section did not parse to its end");
    return { start, end: p, imports };
  }
  throw new Error("short-imports: no import section");
}
