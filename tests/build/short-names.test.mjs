// The name shortener (scripts/short-names.mjs) renames the .wasm's imports
// and exports and the glue's keys and reads together, and refuses a glue
// whose layout it does not recognise rather than ship a pair that cannot link.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { shortenExports, shortenImports } from "../../scripts/short-names.mjs";

const pkg = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../pkg");

test("the package's pair links: every shortened import is a function of the glue", async () => {
  const glue = readFileSync(path.join(pkg, "session_timeout_wasm.js"), "utf8");
  const module = await WebAssembly.compile(readFileSync(path.join(pkg, "session_timeout_wasm_bg.wasm")));
  const imports = WebAssembly.Module.imports(module);
  const keys = new Set([...glue.matchAll(/\n {8}(\w+): function\(/g)].map((m) => m[1]));
  assert.ok(imports.length > 0);
  // One import carries the build, so another build's glue cannot link.
  const named = imports.filter(({ name }) => /^a_[0-9a-f]{6}$/.test(name));
  assert.equal(named.length, 1, "exactly one import is named after the build");
  assert.equal(named[0].module, "m0", "and it is one of the glue's own functions");
  for (const { module: from, name } of imports) {
    assert.match(from, /^m\d+$/, `module ${from} is shortened`);
    if (from === "m0") {
      assert.ok(glue.includes(`"${from}": import`), `the glue provides module ${from}`);
      assert.ok(keys.has(name), `the glue has a function for ${name}`);
    } else {
      // A snippet: an object of what the glue imported from it by name.
      const object = glue.match(new RegExp(`"${from}": \\{ ([^}]*) \\}`));
      assert.ok(object, `the glue provides module ${from}`);
      const alias = object[1].split(", ").map((pair) => pair.split(": ")).find(([key]) => key === name)?.[1];
      assert.ok(alias && new RegExp(`import \\{[^}]* as ${alias}[ ,]`).test(glue), `the glue imports ${name} of ${from} by name`);
    }
  }
  assert.ok(!/import \* as/.test(glue), "no snippet is imported as a namespace");
  console.log(`short imports: ${imports.length} imports, all provided by the glue`);
});

test("a glue without the expected key stops the build", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "short-names-"));
  const [wasm, glue] = [path.join(dir, "a.wasm"), path.join(dir, "a.js")];
  // A minimal module importing one function from wasm-bindgen's glue module.
  const bytes = Buffer.from([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // magic, version
    0x01, 0x04, 0x01, 0x60, 0x00, 0x00, // type: () -> ()
    0x02, 0x2b, 0x01, // import section (43 bytes), 1 import
    0x14, ...Buffer.from("./session_wasm_bg.js"), // module (20 bytes)
    0x12, ...Buffer.from("__wbg_f_0123456789"), // field (18 bytes)
    0x00, 0x00, // function, type 0
  ]);
  writeFileSync(wasm, bytes);
  writeFileSync(glue, `const import0 = {\n        __wbg_other_1: function() {},\n    };\n    return { "./session_wasm_bg.js": import0 };\n`);
  assert.throws(() => shortenImports(wasm, glue), /not exactly one key in the glue/);
  writeFileSync(glue, `const import0 = {\n        __wbg_f_0123456789: function() {},\n    };\n    return { "./session_wasm_bg.js": import0 };\n`);
  const result = shortenImports(wasm, glue);
  assert.equal(result.renamed, 2);
  // The first of the glue's functions is named after the build: the
  // first six hex digits of the SHA-256 of the .wasm as it came.
  const build = createHash("sha256").update(bytes).digest("hex").slice(0, 6);
  assert.equal(result.build, build);
  assert.match(readFileSync(glue, "utf8"), new RegExp(`\\n {8}a_${build}: function\\(`));
  assert.equal(WebAssembly.Module.imports(new WebAssembly.Module(readFileSync(wasm)))[0].name, `a_${build}`);
});

test("two builds name their first import differently, one build always alike: a mixed pair cannot link", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "short-names-"));
  // The same module, then one byte different (another build).
  const module = (body) => Buffer.from([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // magic, version
    0x01, 0x04, 0x01, 0x60, 0x00, 0x00, // type: () -> ()
    0x02, 0x2b, 0x01, // import section, 1 import
    0x14, ...Buffer.from("./session_wasm_bg.js"), // module
    0x12, ...Buffer.from("__wbg_f_0123456789"), // field
    0x00, 0x00, // function, type 0
    0x00, 0x03, 0x01, 0x78, body, // a custom section "x" holding one byte
  ]);
  const build = (bytes, name) => {
    const [wasm, glue] = [path.join(dir, `${name}.wasm`), path.join(dir, `${name}.js`)];
    writeFileSync(wasm, bytes);
    writeFileSync(glue, `const import0 = {\n        __wbg_f_0123456789: function() {},\n    };\n    return { "./session_wasm_bg.js": import0 };\n`);
    shortenImports(wasm, glue);
    const [{ name: field }] = WebAssembly.Module.imports(new WebAssembly.Module(readFileSync(wasm)));
    return { field, glue: readFileSync(glue, "utf8") };
  };
  const [one, again, other] = [build(module(1), "one"), build(module(1), "again"), build(module(2), "other")];
  assert.deepEqual(again, one, "the same build gets the same names");
  assert.notEqual(other.field, one.field, "another build names its import otherwise");
  // This build's .wasm with the other build's glue: the import it needs is not there.
  const provided = { m0: { [other.field]: () => {} } };
  assert.throws(() => new WebAssembly.Instance(new WebAssembly.Module(readFileSync(path.join(dir, "one.wasm"))), provided), WebAssembly.LinkError);
  assert.doesNotThrow(() => new WebAssembly.Instance(new WebAssembly.Module(readFileSync(path.join(dir, "one.wasm"))), { m0: { [one.field]: () => {} } }));
});

test("a snippet is imported by name, with short keys; a glue without its namespace import stops the build", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "short-names-"));
  const [wasm, glue] = [path.join(dir, "a.wasm"), path.join(dir, "a.js")];
  // A minimal module importing one function, "servedAt", from a snippet
  // (and one from the glue, as every wasm-bindgen module does).
  const module = "./snippets/x/platform.js";
  const bytes = Buffer.from([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // magic, version
    0x01, 0x04, 0x01, 0x60, 0x00, 0x00, // type: () -> ()
    0x02, 1 + (2 + module.length + 8 + 2) + (2 + 20 + 18 + 2), 0x02, // import section, 2 imports
    module.length, ...Buffer.from(module), // module
    0x08, ...Buffer.from("servedAt"), // field
    0x00, 0x00, // function, type 0
    0x14, ...Buffer.from("./session_wasm_bg.js"), // module
    0x12, ...Buffer.from("__wbg_f_0123456789"), // field
    0x00, 0x00, // function, type 0
  ]);
  writeFileSync(wasm, bytes);
  const own = `const import0 = {\n        __wbg_f_0123456789: function() {},\n    };\n`;
  writeFileSync(glue, `${own}    return {\n        "./session_wasm_bg.js": import0,\n        "${module}": import1,\n    };\n`);
  assert.throws(() => shortenImports(wasm, glue), /not imported as a namespace/);
  writeFileSync(glue, `import * as import1 from "${module}"\nimport * as import2 from "${module}"\n${own}    return {\n        "./session_wasm_bg.js": import0,\n        "${module}": import1,\n        "${module}": import2,\n    };\n`);
  shortenImports(wasm, glue);
  const out = readFileSync(glue, "utf8");
  assert.match(out, /^import \{ servedAt as snippet_m0_a \} from "\.\/snippets\/x\/platform\.js";$/m);
  assert.match(out, /"m0": \{ a: snippet_m0_a \},/);
  assert.doesNotMatch(out, /import[12]\b/);
  const [imported] = WebAssembly.Module.imports(new WebAssembly.Module(readFileSync(wasm)));
  assert.deepEqual([imported.module, imported.name], ["m0", "a"]);
});

test("a .wasm that imports nothing from the glue stops the build: no import could carry the build", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "short-names-"));
  const [wasm, glue] = [path.join(dir, "a.wasm"), path.join(dir, "a.js")];
  writeFileSync(wasm, Buffer.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x02, 0x01, 0x00]));
  writeFileSync(glue, "");
  assert.throws(() => shortenImports(wasm, glue), /imports nothing from the glue/);
});

test("the package's pair links: every export the glue and the typings read is in the .wasm, and shortened", async () => {
  const glue = readFileSync(path.join(pkg, "session_timeout_wasm.js"), "utf8");
  const module = await WebAssembly.compile(readFileSync(path.join(pkg, "session_timeout_wasm_bg.wasm")));
  const exports = new Set(WebAssembly.Module.exports(module).map((e) => e.name));
  const read = new Set([...glue.matchAll(/\bwasm\.([\w$]+)/g)].map((m) => m[1]));
  assert.ok(read.size > 10);
  for (const name of read) assert.ok(exports.has(name), `the .wasm exports ${name}, which the glue reads`);
  for (const name of exports) assert.ok(name === "memory" || /^e[0-9a-z]+$/.test(name), `export ${name} is shortened`);
  for (const typing of ["session_timeout_wasm.d.ts", "session_timeout_wasm_bg.wasm.d.ts"]) {
    const declared = [...readFileSync(path.join(pkg, typing), "utf8").matchAll(/^\s*(?:readonly|export const) (\w+): (?:WebAssembly|\()/gm)].map((m) => m[1]);
    assert.ok(declared.length > 10, typing);
    for (const name of declared) assert.ok(exports.has(name), `${typing} declares ${name}, which the .wasm exports`);
  }
  console.log(`short exports: ${exports.size} exports, each the glue reads is there`);
});

test("an export the glue names other than as wasm.name stops the build; the typings follow the names", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "short-names-"));
  const [wasm, glue, typing] = [path.join(dir, "a.wasm"), path.join(dir, "a.js"), path.join(dir, "a.d.ts")];
  // A minimal module exporting one function, "run_it".
  const bytes = Buffer.from([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // magic, version
    0x01, 0x04, 0x01, 0x60, 0x00, 0x00, // type: () -> ()
    0x03, 0x02, 0x01, 0x00, // one function of type 0
    0x07, 0x0a, 0x01, 0x06, ...Buffer.from("run_it"), 0x00, 0x00, // export "run_it", function 0
    0x0a, 0x04, 0x01, 0x02, 0x00, 0x0b, // its body: nothing
  ]);
  writeFileSync(wasm, bytes);
  writeFileSync(typing, "export interface InitOutput {\n    readonly run_it: () => void;\n}\n");
  writeFileSync(glue, "wasm = instance.exports;\nconst f = instance.exports.run_it;\n");
  assert.throws(() => shortenExports(wasm, glue, [typing]), /named in the glue other than as wasm.run_it/);
  writeFileSync(glue, "wasm = instance.exports;\nconst f = run_it;\n");
  assert.throws(() => shortenExports(wasm, glue, [typing]), /named in the glue other than as wasm.run_it/);
  writeFileSync(glue, "let wasm;\nexport function go() { wasm.run_it(); }\n");
  assert.throws(() => shortenExports(wasm, glue, [typing]), /does not take the exports/);
  writeFileSync(glue, "wasm = instance.exports;\nexport function run_it() { wasm.run_it(); }\nrun_it();\n");
  assert.deepEqual(shortenExports(wasm, glue, [typing]).renamed, 1);
  assert.equal(readFileSync(glue, "utf8"), "wasm = instance.exports;\nexport function run_it() { wasm.e0(); }\nrun_it();\n");
  assert.match(readFileSync(typing, "utf8"), /readonly e0: \(\) => void;/);
  assert.deepEqual(WebAssembly.Module.exports(new WebAssembly.Module(readFileSync(wasm))).map((e) => e.name), ["e0"]);
});
