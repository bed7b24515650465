//! Focus in a modal: Tab cycles inside, and focus goes back to where it
//! was when the dialog closes.

use wasm_bindgen::JsCast;
use web_sys::{Document, HtmlElement, KeyboardEvent};

/// Keeps Tab and Shift+Tab inside `focusable` (in order). Returns true
/// when it moved focus itself.
pub fn trap_tab(event: &KeyboardEvent, document: &Document, focusable: &[HtmlElement]) -> bool {
    if event.key() != "Tab" || focusable.is_empty() {
        return false;
    }
    let active = document.active_element();
    let is = |el: &HtmlElement| active.as_ref().is_some_and(|a| a == el.unchecked_ref::<web_sys::Element>());
    let (first, last) = (&focusable[0], &focusable[focusable.len() - 1]);
    let target = if event.shift_key() {
        (is(first) || !focusable.iter().any(is)).then_some(last)
    } else {
        (is(last) || !focusable.iter().any(is)).then_some(first)
    };
    match target {
        Some(el) => {
            event.prevent_default();
            let _ = el.focus();
            true
        }
        None => false,
    }
}

/// The element that has focus now, to return to later.
pub fn remember(document: &Document) -> Option<HtmlElement> {
    document.active_element().and_then(|e| e.dyn_into::<HtmlElement>().ok())
}

/// Puts focus back, if the element is still in the page.
pub fn restore(element: Option<HtmlElement>) {
    if let Some(el) = element.filter(|e| e.is_connected()) {
        let _ = el.focus();
    }
}
