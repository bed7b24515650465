// Sees every fetch and XMLHttpRequest the page makes, whichever library
// makes it, and reports (asked URL, final URL, status, value of `header`,
// redirected, when the answer came) once it answers. Calls through to the
// originals with the same arguments; uninstall() puts the exact originals
// back (unless someone wrapped ours since, in which case ours just stops
// reporting).
export function install(report, header) {
  const w = globalThis;
  const originalFetch = w.fetch;
  const proto = w.XMLHttpRequest && w.XMLHttpRequest.prototype;
  const originalOpen = proto && proto.open;
  const originalSend = proto && proto.send;
  const urls = new WeakMap();
  const answered = new WeakMap();
  let active = true;

  const notify = (asked, landed, status, readHeader, redirected, at) => {
    if (!active) return;
    let value;
    try { value = header ? readHeader(header) : undefined; } catch (_) { value = undefined; }
    try {
      report(String(asked || ""), String(landed || asked || ""), status, value == null ? undefined : String(value), redirected, at);
    } catch (_) { /* never break the page */ }
  };

  function fetch(input) {
    const answer = originalFetch.apply(this, arguments);
    if (!active) return answer;
    const asked = typeof input === "string" ? input : (input && (input.url || input.href)) || String(input);
    // Returning the chained promise keeps the caller's view the same,
    // rejections (and unhandled ones) included.
    return answer.then((response) => {
      notify(asked, response.url, response.status, (h) => response.headers.get(h), response.redirected, Date.now());
      return response;
    });
  }
  function open(method, url) {
    urls.set(this, url);
    return originalOpen.apply(this, arguments);
  }
  // The server answered when the headers came, not when the body ended.
  function onHeaders() {
    if (this.readyState >= 2 && !answered.has(this)) answered.set(this, Date.now());
  }
  function onLoadEnd() {
    this.removeEventListener("readystatechange", onHeaders);
    this.removeEventListener("loadend", onLoadEnd);
    const at = answered.get(this) || Date.now();
    answered.delete(this);
    notify(urls.get(this), this.responseURL, this.status, (h) => this.getResponseHeader(h), undefined, at);
  }
  function send() {
    if (active) {
      this.addEventListener("readystatechange", onHeaders);
      this.addEventListener("loadend", onLoadEnd);
    }
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
