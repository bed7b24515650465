//! One `<script type="module" src=".../session-timeout.js" data-…>` and
//! nothing else: options come from the tag's `data-` attributes (the
//! kebab-case of the JS names), the stylesheet from beside the script.

use crate::config::{OPTION_NAMES, TEXT_KEYS};
use crate::error::{js_error, parse_number, CONFIG_ERROR};
use crate::options::suggest;
use crate::config_error::{attribute, Naming};
use crate::SessionTimeout;
use js_sys::{Array, Object, Reflect};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use web_sys::{Document, Element};

thread_local! {
    /// The instance a script tag started; there is only ever one.
    static STARTED: RefCell<Option<JsValue>> = const { RefCell::new(None) };
}

/// Starts the library from `script`'s data attributes (called by the
/// package's entry module). Problems are reported on the console naming the
/// attribute; a second start returns the first instance.
#[wasm_bindgen(js_name = startFromScript, skip_typescript)]
pub fn start_from_script(script: Element, stylesheet: String) -> JsValue {
    if let Some(existing) = STARTED.with(|s| s.borrow().clone()) {
        web_sys::console::warn_1(&"session-timeout: already started; ignoring a second start".into());
        return existing;
    }
    let Some(window) = web_sys::window() else { return JsValue::NULL };
    let options = match options_from(&script) {
        Ok(o) => o,
        Err(e) => return report(&e),
    };
    match SessionTimeout::create(options, Naming::Attributes) {
        Ok(timeout) => {
            if let Some(document) = window.document() {
                link_stylesheet(&document, &stylesheet);
            }
            let value = JsValue::from(timeout);
            let _ = Reflect::set(&window, &"sessionTimeout".into(), &value);
            STARTED.with(|s| *s.borrow_mut() = Some(value.clone()));
            value
        }
        Err(e) => report(&e),
    }
}

fn report(error: &JsValue) -> JsValue {
    web_sys::console::error_2(&"session-timeout: not started:".into(), error);
    JsValue::NULL
}

/// The options object the attributes describe.
fn options_from(script: &Element) -> Result<JsValue, JsValue> {
    let options = Object::new();
    let text = Object::new();
    let track = Object::new();
    let attributes = script.get_attribute_names();
    for name in attributes.iter().filter_map(|n| n.as_string()) {
        let Some(key) = name.strip_prefix("data-") else { continue };
        let raw = script.get_attribute(&name).unwrap_or_default();
        let value = raw.trim();
        if key.starts_with("text-") {
            let camel = TEXT_KEYS.iter().find(|k| attribute(&format!("text.{k}")) == name).ok_or_else(|| unknown(&name, TEXT_KEYS, "text."))?;
            set(&text, camel, &raw.into());
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
    let bad = |rule: &str| js_error(CONFIG_ERROR, &format!("Invalid attribute {attribute}=\"{value}\": {rule}"));
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
        "crossTab" | "dialog" | "trackRequests" | "allowShortWarning" => {
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
    let kebabs: Vec<String> = known.iter().map(|k| attribute(&format!("{prefix}{k}"))).collect();
    let refs: Vec<&str> = kebabs.iter().map(String::as_str).collect();
    let hint = match suggest(given, &refs) {
        Some(s) => format!("did you mean {s}?"),
        None => format!("known attributes are {}", refs.join(", ")),
    };
    js_error(CONFIG_ERROR, &format!("Unknown attribute {given}: {hint}"))
}

fn link_stylesheet(document: &Document, href: &str) {
    let selector = "link[rel='stylesheet'][href$='session-timeout.css']";
    if href.is_empty() || document.query_selector(selector).ok().flatten().is_some() {
        return;
    }
    let Ok(link) = document.create_element("link") else { return };
    let _ = link.set_attribute("rel", "stylesheet");
    let _ = link.set_attribute("href", href);
    if let Some(head) = document.head() {
        let _ = head.append_child(&link);
    }
}
