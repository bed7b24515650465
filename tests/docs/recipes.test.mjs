// The README's server recipes are copied from the example apps that the
// end-to-end tests run (examples/servers/), so they cannot drift: each
// `<!-- recipe: PATH NAME -->` block must equal the region between
// `recipe:start NAME` and `recipe:end` in PATH, and every region must be
// shown in the README.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const readme = readFileSync(path.join(root, "README.md"), "utf8");

const dedent = (lines) => {
  const indents = lines.filter((l) => l.trim()).map((l) => l.match(/^ */)[0].length);
  const cut = Math.min(...indents);
  return lines.map((l) => l.slice(cut)).join("\n").trim();
};

function region(file, name) {
  const lines = readFileSync(path.join(root, file), "utf8").split("\n");
  const start = lines.findIndex((l) => new RegExp(`recipe:start ${name}\\b`).test(l));
  assert.ok(start >= 0, `${file} has no region ${name}`);
  const end = lines.findIndex((l, i) => i > start && l.includes("recipe:end"));
  assert.ok(end > start, `${file}: region ${name} is not closed`);
  return dedent(lines.slice(start + 1, end));
}

const shown = [...readme.matchAll(/<!-- recipe: (\S+) (\S+) -->\n```\w*\n([\s\S]*?)\n```/g)]
  .map(([, file, name, code]) => ({ file, name, code: code.trim() }));

test("every recipe in the README is the code the example apps run", () => {
  assert.ok(shown.length >= 8, `recipes found: ${shown.length}`);
  for (const { file, name, code } of shown) {
    assert.equal(code, region(file, name), `README recipe ${file} ${name} differs from the file: copy it again`);
  }
  console.log(`recipes: ${shown.length} passed, 0 failed`);
});

test("every recipe region in the examples is shown in the README", () => {
  const files = (dir) => readdirSync(dir).flatMap((f) => {
    const full = path.join(dir, f);
    if (f === "node_modules" || f.startsWith(".")) return [];
    return statSync(full).isDirectory() ? files(full) : [full];
  });
  for (const full of files(path.join(root, "examples/servers"))) {
    const file = path.relative(root, full);
    for (const [, name] of readFileSync(full, "utf8").matchAll(/recipe:start (\S+)/g)) {
      assert.ok(shown.some((r) => r.file === file && r.name === name), `${file} region ${name} is not in the README`);
    }
  }
});
