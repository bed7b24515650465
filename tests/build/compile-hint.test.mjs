// Every JavaScript file a page loads to start the library opens with V8's
// compile hint, so its functions compile as the file loads and not one by
// one while the library arms (start-up in make bench). Only a first line
// counts: a minifier or a header moved above it would silently lose it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const pkg = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../pkg");
const hint = "//# allFunctionsCalledOnLoad\n";

const snippets = (dir) => readdirSync(dir, { withFileTypes: true, recursive: true })
  .filter((e) => e.isFile() && e.name.endsWith(".js"))
  .map((e) => path.relative(pkg, path.join(e.parentPath ?? e.path, e.name)));

test("the files that start the library open with V8's compile hint", () => {
  const files = ["session-timeout.min.js", "session-timeout.js", "session_timeout_wasm.js", ...snippets(path.join(pkg, "snippets"))];
  assert.ok(files.length >= 4, `found ${files.join(", ")}`);
  for (const file of files) {
    const text = readFileSync(path.join(pkg, file), "utf8");
    assert.ok(text.startsWith(hint), `${file} starts with ${JSON.stringify(hint)}, not ${JSON.stringify(text.slice(0, 40))}`);
    assert.equal(text.split(hint).length, 2, `${file} has the hint once`);
  }
  console.log(`compile hint: ${files.length} files`);
});
