// react-idle-timer configured to match session-timeout's run: the same
// prompt (warning) time and total, and the countdown its docs show
// (a 500 ms interval reading getRemainingTime()).
import { createElement as h, useEffect, useState } from "react";
import { createRoot } from "react-dom/client";
import { flushSync } from "react-dom";
import { useIdleTimer } from "react-idle-timer";

const params = new URLSearchParams(location.search);
const timeout = Number(params.get("session") ?? 16) * 1000;
const prompt = Number(params.get("warn") ?? 6) * 1000;

function App() {
  const [state, setState] = useState("active");
  const [remaining, setRemaining] = useState(timeout);
  const { getRemainingTime } = useIdleTimer({
    timeout,
    promptBeforeIdle: prompt,
    onPrompt: () => { setState("warning"); window.__warnedAt = Date.now(); },
    onIdle: () => setState("expired"),
    throttle: 500,
  });
  useEffect(() => {
    const id = setInterval(() => setRemaining(Math.ceil(getRemainingTime() / 1000)), 500);
    return () => clearInterval(id);
  });
  window.__state = state;
  return h("p", null, `${state}: ${remaining}`);
}

const started = performance.now();
const root = createRoot(document.getElementById("root"));
flushSync(() => root.render(h(App)));
window.__startMs = performance.now() - started;
