// Must NOT type-check: there is no `timeout` event, and detail has no `secondsLeft`.
import { SessionTimeout } from "session-timeout-wasm";

const t = new SessionTimeout({ sessionSeconds: 1800 });
t.addEventListener("warning", (e) => console.log(e.detail.secondsLeft));
