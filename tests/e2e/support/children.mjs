// The servers a test file started, stopped when its process exits: a test
// that fails before its own `finally` (while signing in, say) leaves none
// running for the next file or the next run.
const live = new Set();
process.on("exit", () => {
  for (const child of live) child.kill("SIGTERM");
});

export function track(child) {
  live.add(child);
  child.once("exit", () => live.delete(child));
  return child;
}
