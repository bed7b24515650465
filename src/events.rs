//! The instance's own events (`timeout.addEventListener("warning", …)`),
//! mirrored on `document` as `session-timeout:<name>` CustomEvents.

use js_sys::{Object, Reflect};
use wasm_bindgen::prelude::*;
use web_sys::{CustomEvent, CustomEventInit, Document, EventTarget};

/// Prefix of the events dispatched on `document`.
pub const DOCUMENT_PREFIX: &str = "session-timeout:";

/// Dispatches each event on the instance's target and on `document`.
pub struct Emitter {
    target: EventTarget,
    document: Document,
}

impl Emitter {
    /// A fresh target; fails only where `EventTarget` cannot be built.
    pub fn new(document: Document) -> Result<Emitter, JsValue> {
        Ok(Emitter { target: EventTarget::new()?, document })
    }

    /// `timeout.addEventListener(kind, listener, options)`, passed through
    /// as given (function or `handleEvent` object, options or capture flag).
    pub fn add_listener(&self, kind: &str, listener: &JsValue, options: &JsValue) {
        self.target.unchecked_ref::<ListenerTarget>().add(kind, listener, options);
    }

    /// `timeout.removeEventListener(kind, listener, options)`.
    pub fn remove_listener(&self, kind: &str, listener: &JsValue, options: &JsValue) {
        self.target.unchecked_ref::<ListenerTarget>().remove(kind, listener, options);
    }

    /// Dispatches `name` with `detail`; returns false when a listener
    /// called `preventDefault()` on a cancelable event.
    pub fn emit(&self, name: &str, detail: &JsValue, cancelable: bool) -> bool {
        let own = dispatch(&self.target, name, detail, cancelable);
        let global = dispatch(&self.document, &format!("{DOCUMENT_PREFIX}{name}"), detail, cancelable);
        own && global
    }
}

fn dispatch(target: &EventTarget, name: &str, detail: &JsValue, cancelable: bool) -> bool {
    let init = CustomEventInit::new();
    init.set_detail(detail);
    init.set_cancelable(cancelable);
    match CustomEvent::new_with_event_init_dict(name, &init) {
        // A throwing listener is reported by the browser, not to us.
        Ok(event) => target.dispatch_event(&event).unwrap_or(true),
        Err(_) => true,
    }
}

/// Builds an event's `detail` object.
pub struct Detail(Object);

impl Detail {
    /// An empty detail.
    pub fn new() -> Detail {
        Detail(Object::new())
    }

    /// Sets one field.
    pub fn with(self, key: &str, value: impl Into<JsValue>) -> Detail {
        let _ = Reflect::set(&self.0, &JsValue::from_str(key), &value.into());
        self
    }

    /// The finished object.
    pub fn build(self) -> JsValue {
        self.0.into()
    }
}

#[wasm_bindgen]
extern "C" {
    /// An `EventTarget` seen with the DOM's loose listener signatures.
    #[wasm_bindgen(extends = EventTarget)]
    type ListenerTarget;
    #[wasm_bindgen(method, js_name = addEventListener)]
    fn add(this: &ListenerTarget, kind: &str, listener: &JsValue, options: &JsValue);
    #[wasm_bindgen(method, js_name = removeEventListener)]
    fn remove(this: &ListenerTarget, kind: &str, listener: &JsValue, options: &JsValue);
}
