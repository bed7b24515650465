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
    let error = js_sys::Error::new(message);
    error.set_name(name);
    error.into()
}

/// How a value looks in an error message: strings quoted, objects named.
pub fn describe(value: &JsValue) -> String {
    if let Some(s) = value.as_string() {
        let shown: String = s.chars().take(80).collect();
        let more = if s.chars().count() > 80 { "…" } else { "" };
        return ["the string \"", &shown, more, "\""].concat();
    }
    if let Some(n) = value.as_f64() {
        return show_number(n);
    }
    if let Some(b) = value.as_bool() {
        return if b { "true" } else { "false" }.into();
    }
    if value.is_null() {
        return "null".into();
    }
    if value.is_undefined() {
        return "undefined".into();
    }
    if value.is_function() {
        return "a function".into();
    }
    if js_sys::Array::is_array(value) {
        return "an array".into();
    }
    "an object".into()
}

/// A number as JavaScript writes it ("1800", "0.5", "NaN", "Infinity").
/// Formatting in JS keeps Rust's float formatting out of the .wasm.
pub fn show_number(n: f64) -> String {
    js_sys::Number::from(n).to_string_with_radix(10).map(String::from).unwrap_or_default()
}

/// A string read as JavaScript's `Number()` would, but empty is not 0.
pub fn parse_number(text: &str) -> Option<f64> {
    if text.trim().is_empty() {
        return None;
    }
    #[allow(deprecated)] // `Number(text)`: the conversion, not the boxed object
    let n = js_sys::Number::new(&JsValue::from_str(text)).value_of();
    (!n.is_nan()).then_some(n)
}
