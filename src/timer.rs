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
    epoch_ms(performance_number(&["timeOrigin"]).unwrap_or(0.0) + page_ms)
}

/// When the server answered the page itself: the navigation entry's
/// `responseStart`, in wall time. `None` where the browser does not say.
pub fn page_served_at() -> Option<EpochMs> {
    let performance = js_sys::Reflect::get(&js_sys::global(), &"performance".into()).ok()?;
    let get_entries: js_sys::Function = js_sys::Reflect::get(&performance, &"getEntriesByType".into()).ok()?.dyn_into().ok()?;
    let entries: js_sys::Array = get_entries.call1(&performance, &"navigation".into()).ok()?.dyn_into().ok()?;
    let start = js_sys::Reflect::get(&entries.get(0), &"responseStart".into()).ok()?.as_f64()?;
    (start > 0.0).then(|| page_time_to_epoch(start))
}

fn performance_number(path: &[&str]) -> Option<f64> {
    let mut value = js_sys::Reflect::get(&js_sys::global(), &"performance".into()).ok()?;
    for key in path {
        value = js_sys::Reflect::get(&value, &JsValue::from_str(key)).ok()?;
    }
    value.as_f64()
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
