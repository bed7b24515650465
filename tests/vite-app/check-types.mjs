// Type-checks files against the installed package's .d.ts: one that uses
// every option and event must pass; misspellings must fail, naming the
// mistake. Prints "N passed, N failed".
import { execFileSync } from "node:child_process";

const tsc = (file) => {
  try {
    execFileSync("node", ["node_modules/typescript/bin/tsc", "--noEmit", "--strict", "--target", "ES2022", "--module", "ESNext",
      "--moduleResolution", "Bundler", "--lib", "ESNext,DOM", file], { encoding: "utf8", stdio: "pipe" });
    return { ok: true, out: "" };
  } catch (e) {
    return { ok: false, out: `${e.stdout}${e.stderr}` };
  }
};

const cases = [
  { file: "types/uses-everything.ts", ok: true },
  { file: "types/misspelt-option.ts", ok: false, mentions: "warnSecond" },
  { file: "types/wrong-event.ts", ok: false, mentions: "secondsLeft" },
  { file: "types/wrong-document-event.ts", ok: false, mentions: "secondsLeft" },
];
let passed = 0, failed = 0;
for (const c of cases) {
  const r = tsc(c.file);
  const good = r.ok === c.ok && (!c.mentions || r.out.includes(c.mentions));
  console.log(`${good ? "ok" : "not ok"} - tsc ${c.file} ${c.ok ? "type-checks" : `fails on ${c.mentions}`}`);
  if (!good) console.log(r.out);
  good ? passed++ : failed++;
}
console.log(`types: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
