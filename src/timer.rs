//! The one timer: armed to the clock's next wake-up, never polling.

use crate::core::EpochMs;
use gloo_timers::callback::Timeout;

/// Browsers fire a setTimeout longer than 2^31-1 ms at once; cap it and
/// let the clock ask again (a spurious wake is harmless).
const MAX_DELAY_MS: u64 = i32::MAX as u64;

/// The wall clock, as every tab of the site sees it. The only clock read
/// in the library; the core is handed its result.
pub fn now_ms() -> EpochMs {
    // Date.now() is a finite, non-negative whole number; `as` saturates.
    js_sys::Date::now() as EpochMs
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
