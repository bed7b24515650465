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

/// A set-back under this is left alone: deadlines are whole seconds, and
/// the two clocks may drift apart by a little over a long quiet time.
const SET_BACK_MIN_MS: f64 = 2_000.0;

/// The wall clock checked against one that never jumps: the device's
/// clock set back (by hand, a network time step) shows as the gap between
/// them shrinking. The gap grows when a laptop sleeps on systems whose
/// monotonic clock stops meanwhile, so a clock set forward cannot be told
/// from sleep; it needs no telling, as the clock is then early, never late.
pub struct SetBackWatch {
    /// Wall time less monotonic time, as last taken in.
    gap: f64,
}

impl SetBackWatch {
    /// Watching from now.
    pub fn new() -> SetBackWatch {
        SetBackWatch { gap: gap() }
    }

    /// How far the wall clock was set back since it was last taken in
    /// (0: not, or by too little to matter); changes nothing (getters).
    pub fn pending(&self) -> u64 {
        set_back(self.gap, gap())
    }

    /// The set-back to give the clock, if any, taken in: the next one
    /// counts from here.
    pub fn take(&mut self) -> Option<u64> {
        let now = gap();
        let back = set_back(self.gap, now);
        // A little set-back is kept in sight until it adds up to enough.
        if back > 0 || now > self.gap {
            self.gap = now;
        }
        (back > 0).then_some(back)
    }
}

fn set_back(was: f64, now: f64) -> u64 {
    if was - now >= SET_BACK_MIN_MS { (was - now) as u64 } else { 0 }
}

fn gap() -> f64 {
    crate::platform::now() - crate::platform::monotonic()
}

/// A wall time in ms from JavaScript (`Date.now()` taken elsewhere) as
/// epoch ms; `as` saturates, so NaN or a negative time becomes 0.
pub fn epoch_ms(js_ms: f64) -> EpochMs {
    js_ms as EpochMs
}

/// An HTTP `Date` (the browser's own parser) as epoch ms; `None` if it is none.
pub fn http_date(text: &str) -> Option<EpochMs> {
    Some(crate::platform::parse_date(text)).filter(|ms| ms.is_finite()).map(epoch_ms)
}

/// When the server answered the page itself, in wall time (`None` where
/// the browser keeps no navigation entry), whether a cache gave it instead
/// (the server never saw that visit: see [`from_cache`]), and the
/// ms its `Server-Timing` metric named `metric` gave (whole seconds).
pub fn page_served_at(metric: &str) -> (Option<EpochMs>, bool, Option<u64>) {
    let marks = crate::platform::served_at(metric);
    let mark = |i| crate::platform::field(&marks, i).as_f64();
    let at = mark(0).and_then(|origin| served_from(origin, mark(1).unwrap_or(0.0), mark(2).unwrap_or(0.0)));
    let said = crate::platform::field(&marks, 4).as_string().and_then(|s| crate::remaining::parse_seconds_left(&s));
    (at, from_cache(crate::platform::field(&marks, 3).as_f64()), said)
}

/// Whether the page came from a cache rather than the server: nothing
/// crossed the network for it. The browser's HTTP cache, and a service
/// worker's own (Chromium reports 0 for it, WebKit 0 and no sizes at
/// all); Firefox reports 0 for every page a service worker answers, from
/// its cache or the network, so there each is taken for unseen and tells
/// the server of the visit (one request more; the clock then exact). A
/// browser that does not say: served.
pub fn from_cache(transfer_size: Option<f64>) -> bool {
    transfer_size == Some(0.0)
}

/// The navigation's `responseStart` after `origin`; where the browser
/// left it 0 or -1 (Firefox does at times), `requestStart`, then the
/// navigation's start: earlier than the answer, so the clock can only
/// warn early, never late (counting from now would).
pub fn served_from(origin: f64, request_start: f64, response_start: f64) -> Option<EpochMs> {
    let since = if response_start > 0.0 { response_start } else { request_start.max(0.0) };
    Some(epoch_ms(origin + since)).filter(|&t| t > 0)
}

/// Milliseconds from `now` to `at`, as setTimeout wants them.
pub fn delay_ms(now: EpochMs, at: EpochMs) -> u32 {
    at.saturating_sub(now).min(MAX_DELAY_MS) as u32
}

#[cfg(test)]
mod tests {
    use super::{delay_ms, from_cache, served_from};

    #[test]
    fn the_page_counts_from_the_servers_answer_or_earlier_marks() {
        assert_eq!(served_from(1_000_000.0, 40.0, 90.5), Some(1_000_090));
        // Firefox at times: responseStart 0 or -1.
        assert_eq!(served_from(1_000_000.0, 40.0, 0.0), Some(1_000_040));
        assert_eq!(served_from(1_000_000.0, -1.0, -1.0), Some(1_000_000));
        assert_eq!(served_from(0.0, 0.0, 0.0), None);
    }

    #[test]
    fn a_page_that_crossed_no_network_came_from_a_cache() {
        assert!(from_cache(Some(0.0)));
        assert!(!from_cache(Some(3231.0)));
        // A browser that does not report it.
        assert!(!from_cache(None));
    }

    #[test]
    fn delays_never_wrap() {
        assert_eq!(delay_ms(1000, 500), 0);
        assert_eq!(delay_ms(0, 40 * 24 * 3600 * 1000), i32::MAX as u32);
        assert_eq!(delay_ms(10, 1010), 1000);
    }
}
