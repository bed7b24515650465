//! Wall time, and the delay the one timer is armed with (the platform's
//! `Watch` holds the timer): armed to the clock's next wake-up, never polling.

use crate::core::EpochMs;

/// Browsers fire a setTimeout longer than 2^31-1 ms at once; cap it and
/// let the clock ask again (a spurious wake is harmless).
const MAX_DELAY_MS: u64 = i32::MAX as u64;

/// The wall clock, as every tab of the site sees it. The only clock read
/// in the library; the core is handed its result.
pub fn now_ms() -> EpochMs {
    // Date.now() is a finite, non-negative whole number; `as` saturates.
    epoch_ms(crate::platform::now())
}

/// A wall time in ms from JavaScript (`Date.now()` taken elsewhere) as
/// epoch ms; `as` saturates, so NaN or a negative time becomes 0.
pub fn epoch_ms(js_ms: f64) -> EpochMs {
    js_ms as EpochMs
}

/// When the server answered the page itself (the navigation entry's
/// `responseStart`, in wall time). `None` where the browser does not say.
pub fn page_served_at() -> Option<EpochMs> {
    Some(epoch_ms(crate::platform::served_at())).filter(|&t| t > 0)
}

/// Milliseconds from `now` to `at`, as setTimeout wants them.
pub fn delay_ms(now: EpochMs, at: EpochMs) -> u32 {
    at.saturating_sub(now).min(MAX_DELAY_MS) as u32
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
