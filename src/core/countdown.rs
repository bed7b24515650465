//! Whole-second countdown arithmetic, shared by the warning and the
//! expired dialog.

use super::EpochMs;

/// Whole seconds from `now` until `until`, rounded up, never negative:
/// 1 ms left still reads "1 second", and the display reaches 0 exactly at
/// the deadline.
pub fn whole_seconds_left(now: EpochMs, until: EpochMs) -> u64 {
    until.saturating_sub(now).div_ceil(1000)
}

/// The next instant after `now` at which [`whole_seconds_left`] changes,
/// or `until` itself when less than a second is left. Always after `now`
/// while `now < until`.
pub fn next_second_boundary(now: EpochMs, until: EpochMs) -> EpochMs {
    let left = whole_seconds_left(now, until);
    until - (left.saturating_sub(1)) * 1000
}
