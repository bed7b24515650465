//! The one timer: armed to the clock's next wake-up, never polling.

use crate::core::EpochMs;
use gloo_timers::callback::Timeout;
use wasm_bindgen::{JsCast, JsValue};

/// Browsers fire a setTimeout longer than 2^31-1 ms at once; cap it and
/// let the clock ask again (a spurious wake is harmless).
const MAX_DELAY_MS: u64 = i32::MAX as u64;

/// The wall clock, as every tab of the site sees it. The only clock read
/// in the library; the core is handed its result.
pub fn now_ms() -> EpochMs {
    // Date.now() is a finite, non-negative whole number; `as` saturates.
    js_sys::Date::now() as EpochMs
}

/// A wall time in ms from JavaScript (`Date.now()` taken elsewhere) as
/// epoch ms; `as` saturates, so NaN or a negative time becomes 0.
pub fn epoch_ms(js_ms: f64) -> EpochMs {
    js_ms as EpochMs
}

/// A `performance` timestamp (ms since the page's time origin) as wall
/// time, the way `Date.now()` counts.
pub fn page_time_to_epoch(page_ms: f64) -> EpochMs {
    let origin = js_sys::Reflect::get(&performance(), &"timeOrigin".into()).ok().and_then(|v| v.as_f64());
    epoch_ms(origin.unwrap_or(0.0) + page_ms)
}

/// When the server answered the page itself: the navigation entry's
/// `responseStart`, in wall time. `None` where the browser does not say.
pub fn page_served_at() -> Option<EpochMs> {
    let start = js_sys::Reflect::get(&performance_entries("navigation").get(0), &"responseStart".into()).ok()?.as_f64()?;
    (start > 0.0).then(|| page_time_to_epoch(start))
}

/// `performance.getEntriesByType(kind)`; empty where there is none.
pub fn performance_entries(kind: &str) -> js_sys::Array {
    let performance = performance();
    js_sys::Reflect::get(&performance, &"getEntriesByType".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .and_then(|f| f.call1(&performance, &JsValue::from_str(kind)).ok())
        .and_then(|v| v.dyn_into::<js_sys::Array>().ok())
        .unwrap_or_default()
}

fn performance() -> JsValue {
    js_sys::Reflect::get(&js_sys::global(), &"performance".into()).unwrap_or(JsValue::UNDEFINED)
}

/// Milliseconds from `now` to `at`, as setTimeout wants them.
pub fn delay_ms(now: EpochMs, at: EpochMs) -> u32 {
    at.saturating_sub(now).min(MAX_DELAY_MS) as u32
}

/// A pending wake-up; dropping it cancels it.
#[must_use = "the timer is cancelled when this is dropped"]
pub struct WakeTimer {
    _timeout: Timeout,
}

impl WakeTimer {
    /// Calls `on_wake` at `at` (or later, if the tab is throttled).
    pub fn new(now: EpochMs, at: EpochMs, on_wake: impl FnOnce() + 'static) -> WakeTimer {
        WakeTimer { _timeout: Timeout::new(delay_ms(now, at), on_wake) }
    }
}

#[cfg(test)]
mod tests {
    use super::delay_ms;

    #[test]
    fn delays_never_wrap() {
        assert_eq!(delay_ms(1000, 500), 0);
        assert_eq!(delay_ms(0, 40 * 24 * 3600 * 1000), i32::MAX as u32);
        assert_eq!(delay_ms(10, 1010), 1000);
    }
}
