// One tab leads: whoever holds the Web Lock `name`. When it closes (or
// calls release), the browser hands the lock to the next tab waiting.
// Returns null where Web Locks are missing, so the caller leads alone.
export function elect(name, onLeader) {
  const locks = globalThis.navigator && globalThis.navigator.locks;
  if (!locks || typeof locks.request !== "function") return null;
  const abort = new AbortController();
  let release = () => {};
  const held = new Promise((resolve) => { release = resolve; });
  locks.request(name, { signal: abort.signal }, () => { onLeader(); return held; }).catch(() => {});
  return () => { abort.abort(); release(); };
}
