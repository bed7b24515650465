// `make bench-features` cuts each feature off at named functions
// (bench/features.mjs). A renamed function would stop it with an error
// only when someone runs it: each cut must name code that is there, once.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { FEATURES } from "../../bench/features.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

test("every feature cut of make bench-features names one function in the sources", () => {
  assert.ok(FEATURES.length >= 9, "the features are listed");
  for (const [feature, cuts] of FEATURES) {
    for (const [file, start] of cuts) {
      const text = readFileSync(path.join(root, file), "utf8");
      const at = text.indexOf(start);
      assert.ok(at >= 0, `${feature}: "${start}" is not in ${file}`);
      assert.equal(text.indexOf(start, at + 1), -1, `${feature}: "${start}" is in ${file} more than once`);
      assert.match(start, /fn \w+\(/, `${feature}: "${start}" names a function`);
    }
  }
});
