// The import-name shortener (scripts/short-imports.mjs) renames the .wasm's
// imports and the glue's keys together, and refuses a glue whose layout it
// does not recognise rather than ship a pair that cannot link.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { shortenImports } from "../../scripts/short-imports.mjs";

const pkg = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../pkg");

test("the package's pair links: every shortened import is a function of the glue", async () => {
  const glue = readFileSync(path.join(pkg, "session_timeout_wasm.js"), "utf8");
  const module = await WebAssembly.compile(readFileSync(path.join(pkg, "session_timeout_wasm_bg.wasm")));
  const imports = WebAssembly.Module.imports(module);
  const keys = new Set([...glue.matchAll(/\n {8}(\w+): function\(/g)].map((m) => m[1]));
  assert.ok(imports.length > 0);
  for (const { module: from, name } of imports) {
    assert.match(from, /^m\d+$/, `module ${from} is shortened`);
    assert.ok(glue.includes(`"${from}": import`), `the glue provides module ${from}`);
    if (from === "m0") assert.ok(keys.has(name), `the glue has a function for ${name}`);
  }
  console.log(`short imports: ${imports.length} imports, all provided by the glue`);
});

test("a glue without the expected key stops the build", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "short-imports-"));
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
  assert.match(readFileSync(glue, "utf8"), /\n {8}a: function\(/);
  assert.equal(WebAssembly.Module.imports(new WebAssembly.Module(readFileSync(wasm)))[0].name, "a");
});
