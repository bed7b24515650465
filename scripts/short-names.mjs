// Shortens the .wasm's import and export names after wasm-bindgen, in the
// .wasm and its JS glue together. wasm-bindgen names each import after the
// function plus a 16-hex hash and each module by its full snippet path, and
// each export after its Rust path (closures' with a hash too); every one
// appears in both files and none compresses. Each renamed import must occur
// in the glue exactly once, as an object key, and each export only as
// `wasm.name`; anything else (a new wasm-bindgen layout) stops the build
// instead of shipping a broken pair.
//
// Short names are handed out in order, so two builds name different
// functions alike: a page that got this build's JavaScript and another
// build's .wasm (a cache kept an old copy of one after an upgrade) would
// link, and call the wrong functions. The first of the glue's functions
// is therefore named after the build (`a_` and the first six hex digits
// of the .wasm's SHA-256): such a pair fails to link, and the entry module
// says why. (One name is enough: every import must be found to link.)
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { leb, name, readExports, readImports } from "./wasm-sections.mjs";

export function shortenImports(wasmPath, gluePath) {
  const wasm = readFileSync(wasmPath);
  let glue = readFileSync(gluePath, "utf8");
  const { start, end, imports } = readImports(wasm);

  const fail = (what) => { throw new Error(`short-names: ${what}; wasm-bindgen's output changed, update scripts/short-names.mjs`); };
  const count = (text, needle) => text.split(needle).length - 1;
  const modules = new Map();
  const fields = new Map();
  let next = 0;
  const short = () => shortFrom(next++);
  const build = createHash("sha256").update(wasm).digest("hex").slice(0, 6);

  for (const imp of imports) {
    if (!modules.has(imp.module)) {
      const key = `"${imp.module}": import`;
      if (count(glue, key) < 1) fail(`module ${imp.module} is not a key of the imports object`);
      modules.set(imp.module, `m${modules.size}`);
    }
    // The glue's own object of generated functions: rename its keys (a
    // snippet's imports are renamed below, with how the glue imports them).
    if (imp.module.endsWith("_bg.js") && !fields.has(imp.field)) {
      const key = `\n        ${imp.field}: function(`;
      if (count(glue, key) !== 1 || count(glue, imp.field) !== 1) fail(`import ${imp.field} is not exactly one key in the glue`);
      fields.set(imp.field, fields.size ? short() : `${short()}_${build}`);
    }
  }
  if (!fields.size) fail("the .wasm imports nothing from the glue, so no import can carry the build");
  for (const [from, to] of fields) glue = glue.replace(`\n        ${from}: function(`, `\n        ${to}: function(`);
  for (const [from, to] of modules) glue = glue.split(`"${from}": import`).join(`"${to}": import`);
  // A snippet module reaches the .wasm as `import * as importN`, once per
  // import and listed under as many keys (the same namespace each time): a
  // bundler must then keep a namespace object with a getter for every
  // export of the snippet (0.3 KB gzip of the script tag's file). Import
  // by name just what the .wasm takes, and hand it over under one key as
  // an object with short keys.
  const snippetKeys = new Map();
  for (const [from, to] of modules) {
    if (from.endsWith("_bg.js")) continue;
    const taken = [...new Set(imports.filter((imp) => imp.module === from).map((imp) => imp.field))];
    let n = 0;
    const keys = new Map(taken.map((field) => [field, shortFrom(n++)]));
    const alias = (field) => `snippet_${to}_${keys.get(field)}`;
    const namespaces = [];
    const line = new RegExp(`^import \\* as (import\\d+) from "${from.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}";?\\n`, "gm");
    let first = -1;
    glue = glue.replace(line, (_, id, offset) => { namespaces.push(id); if (first < 0) first = offset; return ""; });
    if (!namespaces.length) fail(`module ${from} is not imported as a namespace`);
    if (taken.some((field) => glue.includes(alias(field)))) fail(`the glue already names ${alias(taken[0])}`);
    glue = glue.slice(0, first) + `import { ${taken.map((field) => `${field} as ${alias(field)}`).join(", ")} } from "${from}";\n` + glue.slice(first);
    const object = `"${to}": { ${taken.map((field) => `${keys.get(field)}: ${alias(field)}`).join(", ")} },`;
    let given = 0;
    glue = glue.replace(new RegExp(`^(\\s*)"${to}": (import\\d+),?$\\n`, "gm"), (_, indent, id) => {
      if (!namespaces.includes(id)) fail(`module ${to} is given as ${id}, not one of ${from}'s namespaces`);
      return given++ ? "" : `${indent}${object}\n`;
    });
    if (!given) fail(`module ${to} is not a key of the imports object`);
    for (const id of namespaces) if (new RegExp(`\\b${id}\\b`).test(glue)) fail(`the glue still reads namespace ${id}`);
    snippetKeys.set(from, keys);
  }

  const body = [];
  body.push(leb(imports.length));
  for (const imp of imports) {
    const module = modules.get(imp.module);
    const field = (imp.module.endsWith("_bg.js") ? fields : snippetKeys.get(imp.module))?.get(imp.field) ?? imp.field;
    body.push(name(imp.module.endsWith("_bg.js") || modules.has(imp.module) ? module : imp.module), name(field), imp.rest);
  }
  const section = Buffer.concat(body);
  const out = Buffer.concat([wasm.subarray(0, start), Buffer.from([2]), leb(section.length), section, wasm.subarray(end)]);
  writeFileSync(wasmPath, out);
  writeFileSync(gluePath, glue);
  return { build, imports: imports.length, renamed: fields.size + modules.size + [...snippetKeys.values()].reduce((n, keys) => n + keys.size, 0), saved: wasm.length - out.length };
}

// Exports: every one but the memory (which a host may look up by name) is
// renamed where the glue reads it, `wasm.name`. The glue must take the
// exports as `wasm = instance.exports` and name each nowhere else, unless
// it also writes a JS function of that name around it (`function name(`):
// the other mentions are that function's, which keeps its name. The
// typings that list the exports (`readonly name:`, `export const name:`)
// are renamed with them, so they still describe the module.
export function shortenExports(wasmPath, gluePath, typingPaths = []) {
  const wasm = readFileSync(wasmPath);
  let glue = readFileSync(gluePath, "utf8");
  const fail = (what) => { throw new Error(`short-names: ${what}; wasm-bindgen's output changed, update scripts/short-names.mjs`); };
  if (glue.split("wasm = instance.exports;").length !== 2) fail("the glue does not take the exports as `wasm = instance.exports`");
  const { start, end, exports } = readExports(wasm);
  const taken = new Set(exports.map((e) => e.name));
  const typings = typingPaths.map((file) => [file, readFileSync(file, "utf8")]);
  const escape = (s) => s.replace(/[$]/g, "\\$&");
  let next = 0, renamed = 0;
  const body = [leb(exports.length)];
  for (const { name: from, kind, index } of exports) {
    let to = from;
    if (from !== "memory") {
      do to = `e${(next++).toString(36)}`; while (taken.has(to));
      const read = new RegExp(`\\bwasm\\.${escape(from)}(?![\\w$])`, "g");
      // Any other mention must be the JS function of the same name, never
      // a property read (`instance.exports.name`).
      const rest = glue.replace(read, "");
      const property = new RegExp(`\\.${escape(from)}(?![\\w$])`).test(rest);
      const other = new RegExp(`(^|[^\\w$.])${escape(from)}(?![\\w$])`).test(rest);
      if (property || (other && !new RegExp(`\\bfunction ${escape(from)}\\(`).test(glue))) fail(`export ${from} is named in the glue other than as wasm.${from}`);
      glue = glue.replace(read, `wasm.${to}`);
      renamed++;
      for (const typing of typings) typing[1] = typing[1].replace(new RegExp(`^(\\s*(?:readonly|export const) )${escape(from)}:`, "m"), `$1${to}:`);
    }
    body.push(name(to), Buffer.from([kind]), leb(index));
  }
  const section = Buffer.concat(body);
  const out = Buffer.concat([wasm.subarray(0, start), Buffer.from([7]), leb(section.length), section, wasm.subarray(end)]);
  writeFileSync(wasmPath, out);
  writeFileSync(gluePath, glue);
  for (const [file, text] of typings) writeFileSync(file, text);
  return { renamed, saved: wasm.length - out.length };
}

// The `n`th short name: a … Z, aa, ab, …
const shortFrom = (n) => { let s = ""; do { s = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"[n % 52] + s; n = Math.floor(n / 52) - 1; } while (n >= 0); return s; };
