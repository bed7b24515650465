//! Element creation: createElement and textContent only, never HTML.

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Element};

/// A new element of type `T` with `class` and the given attributes.
pub fn element<T: JsCast>(document: &Document, tag: &str, class: &str, attributes: &[(&str, &str)]) -> Result<T, JsValue> {
    let el = document.create_element(tag)?;
    el.set_class_name(class);
    for (name, value) in attributes {
        el.set_attribute(name, value)?;
    }
    el.dyn_into::<T>().map_err(|_| JsValue::from_str(tag))
}

/// A unique id prefix per dialog, so two instances never share ids.
pub fn next_id() -> String {
    thread_local!(static NEXT: std::cell::Cell<u32> = const { std::cell::Cell::new(0) });
    let n = NEXT.with(|c| {
        let n = c.get() + 1;
        c.set(n);
        n
    });
    format!("session-timeout-{n}")
}

/// Sets text, skipping the DOM write when nothing changed.
pub fn set_text(el: &Element, text: &str) {
    if el.text_content().as_deref() != Some(text) {
        el.set_text_content(Some(text));
    }
}
