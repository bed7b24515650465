//! One `<script type="module" src=".../session-timeout.js" data-…>` and
//! nothing else: options come from the tag's `data-` attributes (the
//! kebab-case of the JS names), the stylesheet from beside the script.

use crate::prelude::*;
use crate::config::{OPTION_NAMES, TEXT_KEYS};
use crate::error::{js_error, parse_number, CONFIG_ERROR};
use crate::options::suggest;
use crate::config_error::{attribute, Naming};
use crate::SessionTimeout;
use crate::platform;
use js_sys::{Array, Object, Reflect};
use core::cell::RefCell;
use wasm_bindgen::prelude::*;

/// The instance a script tag started; there is only ever one.
static STARTED: Started = Started(RefCell::new(None));

struct Started(RefCell<Option<JsValue>>);
// SAFETY: the browser build is single-threaded (wasm32 without atomics),
// so the cell is only ever touched from one thread.
unsafe impl Sync for Started {}

/// Starts the library from `script`'s data attributes (called by the
/// package's entry module). Problems are reported on the console naming the
/// attribute; a second start returns the first instance.
#[wasm_bindgen(js_name = startFromScript, skip_typescript)]
pub fn start_from_script(script: JsValue, stylesheet: String) -> JsValue {
    if let Some(existing) = STARTED.0.borrow().clone() {
        platform::log("warn", "session-timeout: already started; ignoring a second start", &JsValue::UNDEFINED);
        return existing;
    }
    let options = match options_from(&script) {
        Ok(o) => o,
        Err(e) => return report(&e),
    };
    match SessionTimeout::create(options, Naming::Attributes) {
        Ok(timeout) => {
            // Unless the page links the stylesheet itself.
            platform::link_stylesheet(&stylesheet, "link[rel='stylesheet'][href$='session-timeout.css']");
            let value = JsValue::from(timeout);
            platform::set_global("sessionTimeout", &value);
            *STARTED.0.borrow_mut() = Some(value.clone());
            value
        }
        Err(e) => report(&e),
    }
}

fn report(error: &JsValue) -> JsValue {
    platform::log("error", "session-timeout: not started:", error);
    JsValue::NULL
}

/// The options object the attributes describe.
fn options_from(script: &JsValue) -> Result<JsValue, JsValue> {
    let options = Object::new();
    let text = Object::new();
    let track = Object::new();
    for pair in Array::from(&platform::attributes(script)).iter() {
        let field = |i| platform::field(&pair, i).as_string().unwrap_or_default();
        let (name, raw) = (field(0), field(1));
        let Some(key) = name.strip_prefix("data-") else { continue };
        let value = raw.trim();
        if key.starts_with("text-") {
            let camel = TEXT_KEYS.iter().find(|k| attribute(&["text.", k].concat()) == name).ok_or_else(|| unknown(&name, TEXT_KEYS, "text."))?;
            set(&text, camel, &JsValue::from_str(&raw));
        } else if let Some(part) = key.strip_prefix("track-").filter(|p| ["mode", "include", "exclude"].contains(p)) {
            let v = if part == "mode" { JsValue::from_str(value) } else { list(value).into() };
            set(&track, part, &v);
        } else {
            let camel = OPTION_NAMES.iter().find(|k| attribute(k) == name).ok_or_else(|| unknown(&name, OPTION_NAMES, ""))?;
            set(&options, camel, &typed(&name, camel, value)?);
        }
    }
    if Object::keys(&text).length() > 0 {
        set(&options, "text", &text);
    }
    if Object::keys(&track).length() > 0 {
        if Reflect::has(&options, &"trackRequests".into()).unwrap_or(false) {
            return Err(js_error(CONFIG_ERROR, "Use either data-track-requests or data-track-mode/include/exclude, not both"));
        }
        set(&options, "trackRequests", &track);
    }
    Ok(options.into())
}

/// The attribute's text as the type its option wants.
fn typed(attribute: &str, option: &str, value: &str) -> Result<JsValue, JsValue> {
    let bad = |rule: &str| js_error(CONFIG_ERROR, &["Invalid attribute ", attribute, "=\"", value, "\": ", rule].concat());
    let flag = |v: &str| match v {
        "" | "true" => Ok(Some(true)),
        "false" => Ok(Some(false)),
        _ => Err(()),
    };
    match option {
        o if o.ends_with("Seconds") => {
            let n = parse_number(value).ok_or_else(|| bad("it must be a number of seconds, such as 1800"))?;
            Ok(n.into())
        }
        "crossTab" | "dialog" | "trackRequests" | "allowShortWarning" | "titleAlert" => {
            flag(value).map(|b| JsValue::from_bool(b.unwrap_or(true))).map_err(|_| bad("it must be true or false"))
        }
        "keepAliveOnActivity" => match flag(value) {
            Ok(b) => Ok(JsValue::from_bool(b.unwrap_or(true))),
            Err(()) => {
                let n = parse_number(value).ok_or_else(|| bad("it must be true, false, or the throttle in seconds"))?;
                let o = Object::new();
                set(&o, "throttleSeconds", &n.into());
                Ok(o.into())
            }
        },
        // "auto", "false", or the object as JSON: {"header":"X-CSRFToken","cookie":"csrftoken"}
        "csrf" => match value {
            "false" => Ok(JsValue::FALSE),
            v if v.starts_with('{') => js_sys::JSON::parse(v).map_err(|_| bad("it must be auto, false, or JSON such as {\"header\":\"X-CSRFToken\",\"cookie\":\"csrftoken\"}")),
            v => Ok(JsValue::from_str(v)),
        },
        "unauthorizedStatuses" => {
            let statuses: Option<Vec<f64>> = value.split(',').map(parse_number).collect();
            let statuses = statuses.ok_or_else(|| bad("it must be statuses separated by commas, such as 401,440"))?;
            Ok(statuses.into_iter().map(JsValue::from_f64).collect::<Array>().into())
        }
        _ => Ok(JsValue::from_str(value)),
    }
}

fn list(value: &str) -> Array {
    value.split(',').map(str::trim).filter(|s| !s.is_empty()).map(JsValue::from_str).collect()
}

fn set(target: &Object, key: &str, value: &JsValue) {
    let _ = Reflect::set(target, &JsValue::from_str(key), value);
}

fn unknown(given: &str, known: &[&str], prefix: &str) -> JsValue {
    let kebabs: Vec<String> = known.iter().map(|k| attribute(&[prefix, k].concat())).collect();
    let refs: Vec<&str> = kebabs.iter().map(String::as_str).collect();
    let hint = match suggest(given, &refs) {
        Some(s) => ["did you mean ", s, "?"].concat(),
        None => ["known attributes are ", &refs.join(", ")].concat(),
    };
    js_error(CONFIG_ERROR, &["Unknown attribute ", given, ": ", &hint].concat())
}
