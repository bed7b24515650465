// Sees every fetch and XMLHttpRequest the page makes, whichever library
// makes it, and reports (url, status, value of `header`) once it answers.
// Calls through to the originals with the same arguments; uninstall()
// puts the exact originals back (unless someone wrapped ours since, in
// which case ours just stops reporting).
export function install(report, header) {
  const w = globalThis;
  const originalFetch = w.fetch;
  const proto = w.XMLHttpRequest && w.XMLHttpRequest.prototype;
  const originalOpen = proto && proto.open;
  const originalSend = proto && proto.send;
  const urls = new WeakMap();
  let active = true;

  const notify = (url, status, readHeader) => {
    if (!active) return;
    let value;
    try { value = header ? readHeader(header) : undefined; } catch (_) { value = undefined; }
    try { report(String(url || ""), status, value == null ? undefined : String(value)); } catch (_) { /* never break the page */ }
  };

  function fetch(input) {
    const answer = originalFetch.apply(this, arguments);
    if (!active) return answer;
    const asked = typeof input === "string" ? input : (input && (input.url || input.href)) || String(input);
    // Returning the chained promise keeps the caller's view the same,
    // rejections (and unhandled ones) included.
    return answer.then((response) => {
      notify(response.url || asked, response.status, (h) => response.headers.get(h));
      return response;
    });
  }
  function open(method, url) {
    urls.set(this, url);
    return originalOpen.apply(this, arguments);
  }
  function onLoadEnd() {
    this.removeEventListener("loadend", onLoadEnd);
    notify(this.responseURL || urls.get(this), this.status, (h) => this.getResponseHeader(h));
  }
  function send() {
    if (active) this.addEventListener("loadend", onLoadEnd);
    return originalSend.apply(this, arguments);
  }

  if (typeof originalFetch === "function") w.fetch = fetch;
  if (proto) { proto.open = open; proto.send = send; }
  return function uninstall() {
    active = false;
    if (w.fetch === fetch) w.fetch = originalFetch;
    if (proto && proto.open === open) proto.open = originalOpen;
    if (proto && proto.send === send) proto.send = originalSend;
  };
}
