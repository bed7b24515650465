// Reading and writing the few parts of a .wasm that the build rewrites
// after wasm-bindgen and wasm-opt (short-names.mjs, function-order.mjs).
// A section that does not parse to its end stops the build.

export const leb = (n) => { const out = []; do { let b = n & 0x7f; n >>>= 7; if (n) b |= 0x80; out.push(b); } while (n); return Buffer.from(out); };
export const name = (s) => { const b = Buffer.from(s, "utf8"); return Buffer.concat([leb(b.length), b]); };

// The unsigned LEB128 number at `at` in `b`, and where the next thing starts.
const uleb = (b, at) => { let r = 0, s = 0, x; do { x = b[at++]; r += (x & 0x7f) * 2 ** s; s += 7; } while (x & 0x80); return [r, at]; };

// Section `id` (`what` names it in errors): where it starts and ends, and
// each of its entries as `entry` reads them with the cursor it is given.
export function readSection(b, id, what, entry) {
  let p = 8;
  const c = {
    byte: () => b[p++],
    skip: (n) => { p += n; },
    at: () => p,
    u: () => { let r; [r, p] = uleb(b, p); return r; },
    str: () => { const n = c.u(); const s = b.toString("utf8", p, p + n); p += n; return s; },
  };
  while (p < b.length) {
    const start = p, found = b[p++], size = c.u(), bodyStart = p;
    if (found !== id) { p = bodyStart + size; continue; }
    const entries = [];
    for (let i = 0, n = c.u(); i < n; i++) entries.push(entry(c));
    if (p !== bodyStart + size) throw new Error(`wasm-sections: the ${what} section did not parse to its end`);
    return { start, end: p, entries };
  }
  throw new Error(`wasm-sections: no ${what} section`);
}

// The import section: each import's module, field, kind and the bytes of
// its description (kept as they are).
export function readImports(b) {
  const { start, end, entries } = readSection(b, 2, "import", (c) => {
    const module = c.str(), field = c.str(), from = c.at(), kind = c.byte();
    if (kind === 0) c.u(); // function: type index
    else if (kind === 1) { c.skip(1); const f = c.u(); c.u(); if (f & 1) c.u(); } // table
    else if (kind === 2) { const f = c.u(); c.u(); if (f & 1) c.u(); } // memory
    else if (kind === 3) c.skip(2); // global: type + mutability
    else throw new Error(`wasm-sections: unknown import kind ${kind}`);
    return { module, field, kind, rest: b.subarray(from, c.at()) };
  });
  return { start, end, imports: entries };
}

// The export section: each export's name, kind and index.
export function readExports(b) {
  const { start, end, entries } = readSection(b, 7, "export", (c) => ({ name: c.str(), kind: c.byte(), index: c.u() }));
  return { start, end, exports: entries };
}

// The code section: each function body's bytes (locals and instructions).
export function readBodies(b) {
  return readSection(b, 10, "code", (c) => { const size = c.u(), from = c.at(); c.skip(size); return b.subarray(from, from + size); }).entries;
}

// The module without its custom sections named `custom` (a name section, say).
export function withoutCustom(b, custom) {
  const parts = [b.subarray(0, 8)];
  let p = 8;
  const u = () => { let r; [r, p] = uleb(b, p); return r; };
  while (p < b.length) {
    const start = p, id = b[p++], size = u(), body = p;
    let drop = false;
    if (id === 0) { const n = u(); drop = b.toString("utf8", p, p + n) === custom; }
    p = body + size;
    if (!drop) parts.push(b.subarray(start, p));
  }
  return Buffer.concat(parts);
}
