export * from "./session_timeout_wasm.js";
export { default } from "./session_timeout_wasm.js";
