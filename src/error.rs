//! JavaScript errors with a stable `name`, so callers can tell ours apart
//! even after minification (`err.name === "SessionTimeoutConfigError"`).

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
        return format!("the string \"{shown}{more}\"");
    }
    if let Some(n) = value.as_f64() {
        return match n {
            n if n.is_nan() => "NaN".into(),
            n if n.is_infinite() => if n > 0.0 { "Infinity" } else { "-Infinity" }.into(),
            n => format!("{n}"),
        };
    }
    if let Some(b) = value.as_bool() {
        return b.to_string();
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
