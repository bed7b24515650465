//! Re-reads the clock whenever the page may have slept: the tab becomes
//! visible, the window regains focus, or the page returns from the
//! back/forward cache. Throttled timers are late; these events are not.

use gloo_events::EventListener;
use web_sys::{Document, Window};

/// The listeners; dropping this removes them all.
#[must_use = "the wake listeners are removed when this is dropped"]
pub struct WakeListeners {
    _listeners: [EventListener; 3],
}

impl WakeListeners {
    /// Calls `on_wake` on each of the events.
    pub fn new(window: &Window, document: &Document, on_wake: impl Fn() + Clone + 'static) -> WakeListeners {
        let listen = |target: &web_sys::EventTarget, name: &'static str| {
            let on_wake = on_wake.clone();
            EventListener::new(target, name, move |_| on_wake())
        };
        WakeListeners {
            _listeners: [
                listen(document, "visibilitychange"),
                listen(window, "focus"),
                listen(window, "pageshow"),
            ],
        }
    }
}
