//! Keyboard, pointer, touch and scroll, for keep-alive on activity. Every
//! listener is passive and on `document` in the capture phase, so nothing
//! the page does (stopPropagation) hides activity from us.

use gloo_events::{EventListener, EventListenerOptions, EventListenerPhase};
use web_sys::Document;

const EVENTS: [&str; 5] = ["keydown", "pointerdown", "touchstart", "wheel", "scroll"];

/// The listeners; dropping this removes them all (matching capture).
#[must_use = "the activity listeners are removed when this is dropped"]
pub struct UserActivity {
    _listeners: Vec<EventListener>,
}

impl UserActivity {
    /// Calls `on_active` for each event.
    pub fn new(document: &Document, on_active: impl Fn() + Clone + 'static) -> UserActivity {
        let options = EventListenerOptions { phase: EventListenerPhase::Capture, passive: true };
        UserActivity {
            _listeners: EVENTS
                .iter()
                .map(|name| {
                    let f = on_active.clone();
                    EventListener::new_with_options(document, *name, options, move |_| f())
                })
                .collect(),
        }
    }
}
