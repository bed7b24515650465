//! One `<script type="module" src=".../session-timeout.js" data-…>` and
//! nothing else: options come from the tag's `data-` attributes (the
//! kebab-case of the JS names), the stylesheet from beside the script.

use crate::prelude::*;
use crate::config::{OPTION_NAMES, TEXT_KEYS};
use crate::error::{js_error, CONFIG_ERROR};
use crate::options::{hint, names, read_flat, Kind, Options, Record};
use crate::config_error::{attribute, Naming};
use crate::SessionTimeout;
use crate::platform;
use core::cell::Cell;
use wasm_bindgen::prelude::*;

/// The instance a script tag started; there is only ever one.
static STARTED: Started = Started(Cell::new(None));

struct Started(Cell<Option<JsValue>>);
// SAFETY: the browser build is single-threaded (wasm32 without atomics),
// so the cell is only ever touched from one thread.
unsafe impl Sync for Started {}

/// Starts the library from `script`'s data attributes (called by the
/// package's entry module). A problem comes back as the error naming
/// the attribute, which the entry module reports as it does a load that
/// failed (returned, not thrown: a `Result` costs 0.1 KB of glue); a
/// second start returns the first instance. `stylesheet` is the URL of
/// the package's CSS, a JS string.
#[wasm_bindgen(js_name = startFromScript, skip_typescript)]
pub fn start_from_script(script: JsValue, stylesheet: JsValue) -> JsValue {
    if let Some(existing) = STARTED.0.take() {
        STARTED.0.set(Some(existing.clone()));
        platform::log("warn", "session-timeout: already started; ignoring a second start", &JsValue::UNDEFINED);
        return existing;
    }
    let read = |options: Options| SessionTimeout::create(|| crate::config::Config::from_options(&options, &JsValue::UNDEFINED), Naming::Attributes);
    match options_from(&script).and_then(read) {
        Ok(timeout) => {
            // Unless the page links the stylesheet itself.
            platform::link_stylesheet(&stylesheet, "link[rel='stylesheet'][href$='session-timeout.css']");
            let value = JsValue::from(timeout);
            platform::set_global("sessionTimeout", &value);
            STARTED.0.set(Some(value.clone()));
            value
        }
        Err(error) => error,
    }
}

/// The options the attributes describe, as records.
fn options_from(script: &JsValue) -> Result<Options, JsValue> {
    let attr = |path: &str, kind: Kind, text: &str| Record { path: path.to_owned(), kind, text: text.to_owned() };
    let mut records = vec![attr("", Kind::Object, "")];
    let (mut text, mut track, mut track_requests) = (false, false, false);
    let attributes = platform::attributes(script);
    let mut fields = crate::split::split(&attributes, 0);
    while let (Some(name), Some(value)) = (fields.next(), fields.next()) {
        let Some(key) = name.strip_prefix("data-") else { continue };
        if key.starts_with("text-") {
            let camel = names(TEXT_KEYS).find(|k| attribute(&cat(&["text.", k])) == name).ok_or_else(|| unknown(name, TEXT_KEYS, "text."))?;
            text = true;
            records.push(attr(&cat(&["text.", camel]), Kind::Attr, value));
        } else if let Some(part) = key.strip_prefix("track-").filter(|p| ["mode", "include", "exclude"].contains(p)) {
            track = true;
            records.push(attr(&cat(&["trackRequests.", part]), Kind::Attr, value));
        } else {
            let camel = names(OPTION_NAMES).find(|k| attribute(k) == name).ok_or_else(|| unknown(name, OPTION_NAMES, ""))?;
            track_requests |= camel == "trackRequests";
            match (camel, value.trim_ascii_start().starts_with("{")) {
                // data-csrf='{"header":"X-CSRFToken","cookie":"csrftoken"}'
                ("csrf", true) => {
                    if !json(value, &mut records) {
                        let rule = "it must be auto, false, or JSON such as {\"header\":\"X-CSRFToken\",\"cookie\":\"csrftoken\"}";
                        return Err(js_error(CONFIG_ERROR, &cat(&["Invalid attribute data-csrf=\"", value, "\": ", rule])));
                    }
                }
                _ => records.push(attr(camel, Kind::Attr, value)),
            }
        }
    }
    if track && track_requests {
        return Err(js_error(CONFIG_ERROR, "Use either data-track-requests or data-track-mode/include/exclude, not both"));
    }
    for (present, parent) in [(text, "text"), (track, "trackRequests")] {
        if present {
            records.push(attr(parent, Kind::Object, ""));
        }
    }
    Ok(Options::from_records(records, platform::number))
}

/// Adds the records of a JSON object given as `csrf`; false if it is none.
fn json(text: &str, records: &mut Vec<Record>) -> bool {
    let Some(value) = platform::parse_json(text) else { return false };
    let first = records.len();
    read_flat(&platform::flatten(&value), "csrf", records);
    records.get(first).is_some_and(|root| root.kind == Kind::Object)
}

fn unknown(given: &str, known: &str, prefix: &str) -> JsValue {
    let mut kebabs = String::new();
    for k in names(known) {
        kebabs.extend([&attribute(&cat(&[prefix, k])), " "]);
    }
    js_error(CONFIG_ERROR, &cat(&["Unknown attribute ", given, ": ", &hint(given, &kebabs, "attributes")]))
}
