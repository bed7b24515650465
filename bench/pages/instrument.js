// Loaded before any library: records every timer and animation-frame
// callback the page runs, so wake-ups can be counted, not guessed.
(() => {
  const log = (window.__wakeups = []);
  const wrap = (fn, kind) => function (...args) {
    log.push({ kind, at: Date.now(), t: performance.now() });
    return typeof fn === "function" ? fn.apply(this, args) : undefined;
  };
  const st = window.setTimeout, si = window.setInterval, raf = window.requestAnimationFrame;
  window.setTimeout = function (fn, ms, ...rest) { return st.call(window, wrap(fn, "timeout"), ms, ...rest); };
  window.setInterval = function (fn, ms, ...rest) { return si.call(window, wrap(fn, "interval"), ms, ...rest); };
  window.requestAnimationFrame = function (fn) { return raf.call(window, wrap(fn, "raf")); };
})();
