//! Request observation: every response the page gets from its own server
//! restarts the session clock, a 401 ends it, and the server's time left
//! replaces our guess. Two ways to see responses: a small patch of
//! fetch/XHR (exact, immediate, reads any header; the default) or a
//! PerformanceObserver (no patch at all; see `performance.rs`).

mod filter;
mod performance;

use crate::config::{TrackMode, TrackRequests};
use crate::remaining::parse_seconds_left;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use web_sys::Window;

pub use filter::counts;

/// What one observed response tells the clock.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Seen {
    /// The server saw the user; its time left in ms when it said.
    Activity(Option<u64>),
    /// The server said the session is gone.
    Unauthorized,
}

/// Turns an observed response into what it tells the clock (None: nothing).
pub fn interpret(status: u16, remaining: Option<&str>, unauthorized: &[u16]) -> Option<Seen> {
    if status == 0 {
        return None; // network error or opaque: the server may never have seen it
    }
    if unauthorized.contains(&status) {
        return Some(Seen::Unauthorized);
    }
    Some(Seen::Activity(remaining.and_then(parse_seconds_left)))
}

#[wasm_bindgen(module = "/src/observe/patch.js")]
extern "C" {
    #[wasm_bindgen(catch)]
    fn install(report: &JsValue, header: Option<String>) -> Result<js_sys::Function, JsValue>;
}

/// Watches the page's requests until dropped.
#[must_use = "request observation stops when this is dropped"]
pub enum RequestObserver {
    /// fetch and XHR wrapped; dropping restores the originals.
    Patch {
        /// Puts the originals back.
        uninstall: js_sys::Function,
        /// Called by the wrapper; must live as long as it.
        _report: Closure<dyn FnMut(String, u16, Option<String>)>,
    },
    /// A PerformanceObserver; dropping disconnects it.
    Observe {
        /// Disconnects on drop.
        _observer: performance::ResourceObserver,
    },
}

impl Drop for RequestObserver {
    fn drop(&mut self) {
        if let RequestObserver::Patch { uninstall, .. } = self {
            let _ = uninstall.call0(&JsValue::NULL);
        }
    }
}

/// Starts observing; `on_seen` gets each counted response. `own` are the
/// library's own URLs (absolute), which it handles itself.
pub fn start(
    window: &Window,
    rules: &TrackRequests,
    header: Option<String>,
    unauthorized: Vec<u16>,
    own: Vec<String>,
    on_seen: impl Fn(Seen) + 'static,
) -> Option<RequestObserver> {
    let TrackRequests::Prefixes { mode, .. } = rules else { return None };
    let origin = window.location().origin().ok()?;
    let base = window.location().href().ok()?;
    let rules = rules.clone();
    let on_seen = Rc::new(on_seen);
    let last_reported = std::cell::Cell::new(f64::NEG_INFINITY);
    let judge = move |url: &str, status: u16, remaining: Option<&str>| {
        let Ok(href) = web_sys::Url::new_with_base(url, &base).map(|u| u.href()) else { return };
        if counts(&href, &origin, &rules, &own) {
            let Some(seen) = interpret(status, remaining, &unauthorized) else { return };
            // Plain answers within a second of the last one reported cannot
            // move a deadline kept in whole seconds: a busy page pays for
            // one clock step a second, not one per request. The server's
            // time left and "session gone" always go through.
            let now = js_sys::Date::now();
            if seen == Seen::Activity(None) && now - last_reported.get() < 1000.0 {
                return;
            }
            last_reported.set(now);
            on_seen(seen);
        }
    };
    match mode {
        TrackMode::Patch => {
            let report = Closure::<dyn FnMut(String, u16, Option<String>)>::new(move |url: String, status: u16, value: Option<String>| {
                judge(&url, status, value.as_deref())
            });
            match install(report.as_ref(), header) {
                Ok(uninstall) => Some(RequestObserver::Patch { uninstall, _report: report }),
                Err(e) => {
                    web_sys::console::error_2(&"session-timeout: could not watch fetch/XMLHttpRequest".into(), &e);
                    None
                }
            }
        }
        TrackMode::Observe => performance::ResourceObserver::new(header, judge).map(|o| RequestObserver::Observe { _observer: o }),
    }
}

#[cfg(test)]
mod tests {
    use super::{interpret, Seen};

    #[test]
    fn statuses_mean_what_they_say() {
        let gone = [401, 440];
        assert_eq!(interpret(200, Some("1795"), &gone), Some(Seen::Activity(Some(1_795_000))));
        assert_eq!(interpret(404, None, &gone), Some(Seen::Activity(None)), "the server still saw the user");
        assert_eq!(interpret(500, Some("garbage"), &gone), Some(Seen::Activity(None)));
        assert_eq!(interpret(401, Some("1795"), &gone), Some(Seen::Unauthorized));
        assert_eq!(interpret(440, None, &gone), Some(Seen::Unauthorized));
        assert_eq!(interpret(0, None, &gone), None);
    }
}
