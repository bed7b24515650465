//! "1 minute 30 seconds" in the page's language, by the browser's own
//! `Intl.NumberFormat` unit formatting: plurals come from CLDR, not from
//! rules written here.

use js_sys::{Array, Intl, Object, Reflect};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    // With `catch`: a malformed tag is a RangeError we must not let escape.
    #[wasm_bindgen(js_namespace = Intl, js_name = getCanonicalLocales, catch)]
    fn canonical_locales(tags: &JsValue) -> Result<JsValue, JsValue>;
}

/// Whether `tag` is a well-formed BCP 47 language tag.
pub fn is_valid_locale(tag: &str) -> bool {
    !tag.is_empty() && canonical_locales(&JsValue::from_str(tag)).is_ok()
}

/// Formats whole seconds as minutes and seconds in one locale.
pub struct DurationFormat {
    minutes: Intl::NumberFormat,
    seconds: Intl::NumberFormat,
}

impl DurationFormat {
    /// Formatters for `locale` (a BCP 47 tag; empty means the browser's).
    pub fn new(locale: &str) -> DurationFormat {
        // An empty list (or a page `lang` Intl cannot read) means the browser's own.
        let locales = if is_valid_locale(locale) { Array::of1(&JsValue::from_str(locale)) } else { Array::new() };
        let unit = |unit: &str| {
            let options = Object::new();
            let _ = Reflect::set(&options, &"style".into(), &"unit".into());
            let _ = Reflect::set(&options, &"unit".into(), &unit.into());
            let _ = Reflect::set(&options, &"unitDisplay".into(), &"long".into());
            Intl::NumberFormat::new(&locales, &options)
        };
        DurationFormat { minutes: unit("minute"), seconds: unit("second") }
    }

    /// `seconds` as "M minutes S seconds", leaving out a zero part.
    pub fn format(&self, seconds: u64) -> String {
        let (m, s) = (seconds / 60, seconds % 60);
        let part = |f: &Intl::NumberFormat, n: u64| -> String {
            f.format().call1(&JsValue::UNDEFINED, &JsValue::from_f64(n as f64)).ok().and_then(|v| v.as_string()).unwrap_or_else(|| n.to_string())
        };
        match (m, s) {
            (0, s) => part(&self.seconds, s),
            (m, 0) => part(&self.minutes, m),
            (m, s) => format!("{} {}", part(&self.minutes, m), part(&self.seconds, s)),
        }
    }
}
