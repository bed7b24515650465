// The plain page: the library's state, as its events report it.
import { startSession } from "./session.js";

const timeout = await startSession({ statusUrl: "/session/status" });
const state = document.getElementById("state");
state.textContent = timeout.state;
for (const name of ["warning", "expired", "extended", "activity"]) {
  timeout.addEventListener(name, (e) => { state.textContent = e.detail.state; });
}
