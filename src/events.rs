//! The instance's own events (`timeout.addEventListener("warning", …)`),
//! mirrored on `document` as `session-timeout:<name>` CustomEvents.

use crate::platform;
use crate::js::{self, Object};
use wasm_bindgen::prelude::*;

/// Every event the library sends: the one list of their names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EventName {
    /// The warning opened.
    Warning,
    /// The countdown moved a whole second.
    Tick,
    /// The session was extended.
    Extended,
    /// A keep-alive did not extend the session.
    KeepAliveError,
    /// The session ended.
    Expired,
    /// The page is about to leave (cancelable).
    Redirect,
    /// The user signed out.
    SignOut,
    /// A request reached the server.
    Activity,
    /// Marked forms were saved as the session ended.
    DraftSaved,
    /// Saved input was put back.
    DraftRestored,
}

// The list and the lookup by name serve the Rust builder (std) and the
// tests that hold the TypeScript types to this list.
#[cfg_attr(not(feature = "std"), allow(dead_code))]
impl EventName {
    /// All of them, in the order the docs list them.
    pub const ALL: [EventName; 10] = [
        EventName::Warning,
        EventName::Tick,
        EventName::Extended,
        EventName::KeepAliveError,
        EventName::Expired,
        EventName::Redirect,
        EventName::SignOut,
        EventName::Activity,
        EventName::DraftSaved,
        EventName::DraftRestored,
    ];

    /// The name listeners use.
    pub fn as_str(self) -> &'static str {
        match self {
            EventName::Warning => "warning",
            EventName::Tick => "tick",
            EventName::Extended => "extended",
            EventName::KeepAliveError => "keepaliveerror",
            EventName::Expired => "expired",
            EventName::Redirect => "redirect",
            EventName::SignOut => "signout",
            EventName::Activity => "activity",
            EventName::DraftSaved => "draftsaved",
            EventName::DraftRestored => "draftrestored",
        }
    }

    /// The event called `name`, if any.
    pub fn parse(name: &str) -> Option<EventName> {
        EventName::ALL.into_iter().find(|e| e.as_str() == name)
    }
}

/// Prefix of the events dispatched on `document`.
pub const DOCUMENT_PREFIX: &str = "session-timeout:";

/// Dispatches each event on the instance's own target and on `document`.
pub struct Emitter {
    target: JsValue,
}

impl Emitter {
    /// A fresh target.
    pub fn new() -> Emitter {
        Emitter { target: platform::event_target() }
    }

    /// The target listeners are added to.
    pub fn target(&self) -> &JsValue {
        &self.target
    }

    /// `timeout.addEventListener(kind, listener, options)`, passed through
    /// as given (function or `handleEvent` object, options or capture flag).
    /// For Rust (std); JavaScript's goes straight to the target.
    #[cfg(feature = "std")]
    pub fn add_listener(&self, kind: &JsValue, listener: &JsValue, options: &JsValue) {
        self.target.unchecked_ref::<ListenerTarget>().add(kind, listener, options);
    }

    /// `timeout.removeEventListener(kind, listener, options)`.
    #[cfg(feature = "std")]
    pub fn remove_listener(&self, kind: &JsValue, listener: &JsValue, options: &JsValue) {
        self.target.unchecked_ref::<ListenerTarget>().remove(kind, listener, options);
    }

    /// Dispatches `event` with `detail`; returns false when a listener
    /// called `preventDefault()` on a cancelable event.
    pub fn emit(&self, event: EventName, detail: &JsValue, cancelable: bool) -> bool {
        let name = event.as_str();
        platform::emit(&self.target, name, &crate::text::cat(&[DOCUMENT_PREFIX, name]), detail, cancelable)
    }
}

/// Builds an event's `detail` object.
pub struct Detail(Object);

impl Detail {
    /// An empty detail.
    pub fn new() -> Detail {
        Detail(Object::new())
    }

    /// Sets one field (a value, not `impl Into`: one copy in the .wasm).
    pub fn with(self, key: &str, value: JsValue) -> Detail {
        let _ = js::set(&self.0, &JsValue::from_str(key), &value);
        self
    }

    /// The finished object.
    pub fn build(self) -> JsValue {
        self.0.into()
    }
}

#[cfg(feature = "std")]
#[wasm_bindgen]
extern "C" {
    /// An `EventTarget` with the DOM's loose listener signatures.
    type ListenerTarget;
    #[wasm_bindgen(method, js_name = addEventListener)]
    fn add(this: &ListenerTarget, kind: &JsValue, listener: &JsValue, options: &JsValue);
    #[wasm_bindgen(method, js_name = removeEventListener)]
    fn remove(this: &ListenerTarget, kind: &JsValue, listener: &JsValue, options: &JsValue);
}
