//! JavaScript errors with a stable `name`, so callers can tell ours apart
//! even after minification (`err.name === "SessionTimeoutConfigError"`).

use crate::prelude::*;
use wasm_bindgen::JsValue;

/// Bad options: the message names the option, the value and the rule.
pub const CONFIG_ERROR: &str = "SessionTimeoutConfigError";
/// Used where the library cannot run at all (no window, destroyed).
pub const RUNTIME_ERROR: &str = "SessionTimeoutError";

/// A JS `Error` with the given `name`.
pub fn js_error(name: &str, message: &str) -> JsValue {
    crate::platform::error(name, message)
}

/// How a value looks in an error message: strings quoted, objects named.
pub fn describe(value: &JsValue) -> String {
    crate::options::Options::from_flat(&crate::platform::flatten(value), crate::platform::number).describe_root()
}
