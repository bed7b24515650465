// Importing the package in Node (server-side rendering) must not throw;
// creating an instance there must say why it cannot work.
let passed = 0, failed = 0;
const check = (name, ok) => { console.log(`${ok ? "ok" : "not ok"} - ${name}`); ok ? passed++ : failed++; };
const mod = await import("session-timeout-wasm");
check("import('session-timeout-wasm') in Node does not throw", typeof mod.SessionTimeout === "function");
try {
  new mod.SessionTimeout({ sessionSeconds: 60 });
  check("creating an instance in Node throws", false);
} catch (e) {
  check("creating an instance in Node throws a named, clear error", e.name === "SessionTimeoutError" && /browser/.test(e.message));
}
console.log(`node import: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
