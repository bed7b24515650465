// Must NOT type-check: the events on document carry the same detail, which has no `secondsLeft`.
import "session-timeout-wasm";

document.addEventListener("session-timeout:tick", (e) => console.log(e.detail.secondsLeft));
