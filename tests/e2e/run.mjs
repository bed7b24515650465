// Runs the end-to-end suite as `make test-e2e` does:
//   node tests/e2e/run.mjs FRAMEWORK_FILES... -- FILES...
// The framework files are one job (Chromium); every other file is a job
// once per engine. Four jobs run at a time and each job's output is
// printed whole when it ends. While the framework job runs, each engine
// runs one file at a time: three engines' heavy pages at once on two
// cores have made tests run late. Once it is done, its slot helps the
// engine with the most left, so no engine's files end minutes after the
// rest (one job per engine did: 813 s where the framework job ended at
// 505). The larger a file, the longer it takes: each engine goes largest
// first.
import { spawn } from "node:child_process";
import { statSync } from "node:fs";
import path from "node:path";
import { ENGINES } from "./support/engine-names.mjs";

const SLOTS = 4;
const args = process.argv.slice(2);
const split = args.indexOf("--");
if (split < 0) {
  console.error("usage: node tests/e2e/run.mjs FRAMEWORK_FILES... -- FILES... (the Makefile's test-e2e passes both)");
  process.exit(2);
}
const [frameworkFiles, files] = [args.slice(0, split), args.slice(split + 1)];
const size = (file) => statSync(file).size;
const queues = new Map(ENGINES.map((engine) => [engine, [...files].sort((a, b) => size(b) - size(a))]));
const left = (engine) => queues.get(engine).reduce((sum, file) => sum + size(file), 0);
const running = new Map(ENGINES.map((engine) => [engine, 0]));
let frameworksRunning = false;
const failed = [];
let runs = 0;

function run(engine, jobFiles, title) {
  runs++;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--test", "--test-concurrency=1", "--test-force-exit", ...jobFiles], {
      env: { ...process.env, E2E_ENGINE: engine },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const output = [];
    child.stdout.on("data", (chunk) => output.push(chunk));
    child.stderr.on("data", (chunk) => output.push(chunk));
    child.on("close", (code) => {
      process.stdout.write(`${title}\n${Buffer.concat(output)}`);
      if (code !== 0) failed.push(`${title} (exit code ${code})`);
      resolve();
    });
  });
}

// The next job to start, or null: the engine with the most left, among
// those under their limit.
function next() {
  const limit = frameworksRunning ? 1 : SLOTS;
  let best = null;
  for (const engine of ENGINES) {
    if (queues.get(engine).length === 0 || running.get(engine) >= limit) continue;
    if (best === null || left(engine) > left(best)) best = engine;
  }
  return best && { engine: best, file: queues.get(best).shift() };
}

await new Promise((done) => {
  let active = 0;
  const fill = () => {
    while (active < SLOTS) {
      const job = next();
      if (!job) break;
      const { engine, file } = job;
      active++;
      running.set(engine, running.get(engine) + 1);
      run(engine, [file], `end-to-end tests in ${engine}: ${path.basename(file)}`).then(() => {
        active--;
        running.set(engine, running.get(engine) - 1);
        fill();
      });
    }
    if (active === 0) done();
  };
  if (frameworkFiles.length > 0) {
    active++;
    frameworksRunning = true;
    run("chromium", frameworkFiles, "end-to-end tests against the real frameworks, in chromium:").then(() => {
      active--;
      frameworksRunning = false;
      fill();
    });
  }
  fill();
});

console.log(`end-to-end: ${runs - failed.length} of ${runs} runs passed${failed.length ? `; failed: ${failed.join(", ")}` : ""}`);
process.exitCode = failed.length ? 1 : 0;
