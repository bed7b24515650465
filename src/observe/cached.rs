//! Whether an answer the page got was kept by a cache (the browser's, a
//! proxy's, a service worker's) rather than written by the server for
//! this request: a copy is no news of the user, or a page polling a
//! cached URL would keep its clock alive while the server's session died,
//! and no word of the server's on the library's own status or keep-alive.
//! The patch of fetch and XHR cannot see the cache; the answer's `Date`
//! (when the server wrote it) can tell, against when the browser handed
//! it over.

use crate::core::EpochMs;
use core::cell::Cell;

/// How much older than the freshest answers one may look and still be
/// the server's own: `Date` has whole seconds, and the server writes it a
/// little before the answer arrives. A copy this young is news anyway.
pub const COPY_AFTER_MS: i64 = 10_000;

/// Whether a resource entry (observe mode) is an answer of the browser's
/// cache: nothing crossed the network (`transferSize` 0), yet a body
/// came. No sizes at all is no word either way (Firefox gives none for an
/// answer a service worker gave), so such an answer counts. (A page's own
/// entry is read otherwise: see `timer::from_cache`.)
pub fn from_browser_cache(transfer_size: Option<f64>, body_size: Option<f64>) -> bool {
    transfer_size == Some(0.0) && body_size.is_some_and(|size| size > 0.0)
}

/// The device's clock against the server's, learnt from the answers.
#[derive(Default)]
pub struct Copies {
    /// The device's clock minus the server's, as the freshest answer put
    /// it (the smallest gap seen: delays only ever add to it).
    offset: Cell<Option<i64>>,
    /// The newest `Date` seen.
    newest: Cell<EpochMs>,
}

impl Copies {
    /// An answer handed over at `at` (device time) and written at `date`
    /// (server time, if it said): whether it is a cache's old copy.
    pub fn is_copy(&self, at: EpochMs, date: Option<EpochMs>) -> bool {
        let Some(date) = date else { return false };
        let gap = at as i64 - date as i64;
        let offset = self.offset.get().map_or(gap, |o| o.min(gap));
        let newer = date > self.newest.get().saturating_add(1_000);
        self.newest.set(self.newest.get().max(date));
        if gap - offset <= COPY_AFTER_MS {
            self.offset.set(Some(offset));
            false
        } else if newer {
            // Written after every answer seen, so no copy of one: the
            // device's clock jumped ahead. Its gap is the offset now.
            self.offset.set(Some(gap));
            false
        } else {
            true
        }
    }

    /// A time the server gave by its own clock (`absoluteExpiresAt`) on
    /// this device's clock, once an answer has shown the gap: earlier
    /// where the device's clock is behind. Never later than as given (a
    /// copy taken for fresh would put it late), and up to a second early
    /// rather than late (`Date` has whole seconds).
    pub fn on_this_device(&self, server_time: EpochMs) -> Option<EpochMs> {
        let moved = (server_time as i64).saturating_add(self.offset.get()?).saturating_sub(1_000);
        Some((moved.max(0) as EpochMs).min(server_time))
    }
}

#[cfg(test)]
mod tests {
    use super::{from_browser_cache, Copies};

    #[test]
    fn an_answer_that_crossed_no_network_but_has_a_body_came_from_the_cache() {
        assert!(from_browser_cache(Some(0.0), Some(2939.0)));
        assert!(!from_browser_cache(Some(3239.0), Some(2939.0)));
        // No sizes: no word either way (Firefox, behind a service worker).
        assert!(!from_browser_cache(Some(0.0), Some(0.0)));
        // Patch mode's answers carry no sizes.
        assert!(!from_browser_cache(None, None));
    }

    const T: u64 = 1_800_000_000_000;

    #[test]
    fn fresh_answers_are_news_whatever_the_device_clock() {
        for skew in [-300_000i64, 0, 42_000, 86_400_000] {
            let copies = Copies::default();
            let device = |server: u64| (server as i64 + skew) as u64;
            for i in 0..20u64 {
                // Whole seconds, and up to 900 ms on the way.
                let written = T + i * 7_300;
                assert!(!copies.is_copy(device(written + (i * 137) % 900), Some(written / 1000 * 1000)), "skew {skew}, answer {i}");
            }
        }
    }

    #[test]
    fn a_copy_of_an_answer_seen_before_is_no_news() {
        let copies = Copies::default();
        assert!(!copies.is_copy(T + 200, Some(T)), "the first answer, from the server");
        // The same answer from the browser's cache, a minute on, then ten.
        assert!(copies.is_copy(T + 60_000, Some(T)));
        assert!(copies.is_copy(T + 600_000, Some(T)));
        // A fresh answer meanwhile is news.
        assert!(!copies.is_copy(T + 600_300, Some(T + 600_000)));
        // A young copy is news anyway: the server saw the user then.
        assert!(!copies.is_copy(T + 605_000, Some(T + 600_000)));
    }

    #[test]
    fn an_answer_without_a_date_is_news() {
        let copies = Copies::default();
        assert!(!copies.is_copy(T, Some(T)));
        assert!(!copies.is_copy(T + 600_000, None));
    }

    #[test]
    fn the_servers_times_come_onto_a_device_clock_that_is_behind() {
        let copies = Copies::default();
        let end = T + 3_600_000;
        assert_eq!(copies.on_this_device(end), None, "no answer yet: no gap known");
        // The device's clock 5 minutes behind; the answer took 300 ms.
        assert!(!copies.is_copy(T - 300_000 + 300, Some(T)));
        let moved = copies.on_this_device(end);
        assert!(moved.is_some_and(|m| (end - 301_000..=end - 300_000).contains(&m)), "{moved:?} for {end}");
        // A device clock ahead keeps the time as given: early, never late.
        let ahead = Copies::default();
        assert!(!ahead.is_copy(T + 300_000, Some(T)));
        assert_eq!(ahead.on_this_device(end), Some(end));
    }

    #[test]
    fn a_device_clock_that_jumps_ahead_still_counts_fresh_answers() {
        let copies = Copies::default();
        assert!(!copies.is_copy(T + 100, Some(T)));
        // The clock jumps 5 minutes ahead: fresh answers look 5 minutes
        // old, but each was written after every answer seen.
        assert!(!copies.is_copy(T + 310_100, Some(T + 10_000)));
        assert!(!copies.is_copy(T + 320_100, Some(T + 20_000)));
        // …and a copy is still told apart.
        assert!(copies.is_copy(T + 900_000, Some(T + 20_000)));
    }
}
