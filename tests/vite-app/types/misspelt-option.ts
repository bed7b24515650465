// Must NOT type-check: `warnSecond` is not an option.
import { SessionTimeout } from "session-timeout-wasm";

new SessionTimeout({ sessionSeconds: 1800, warnSecond: 120 });
