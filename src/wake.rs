//! Re-reads the clock whenever the page may have slept: the tab becomes
//! visible, the window regains focus, or the page returns from the
//! back/forward cache. Throttled timers are late; these events are not.

use crate::core::Input;
use gloo_events::EventListener;
use web_sys::{Document, VisibilityState, Window};

/// The listeners; dropping this removes them all.
#[must_use = "the wake listeners are removed when this is dropped"]
pub struct WakeListeners {
    _listeners: [EventListener; 3],
}

impl WakeListeners {
    /// Calls `on_wake` with `PageShown` when the page comes back, else `Wake`.
    pub fn new(window: &Window, document: &Document, on_wake: impl Fn(Input) + Clone + 'static) -> WakeListeners {
        let doc = document.clone();
        let visible = move || doc.visibility_state() == VisibilityState::Visible;
        let listen = |target: &web_sys::EventTarget, name: &'static str| {
            let (on_wake, visible) = (on_wake.clone(), visible.clone());
            EventListener::new(target, name, move |_| on_wake(if visible() { Input::PageShown } else { Input::Wake }))
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
