//! What the screen-reader live region says, and how often. Reading the
//! countdown every second drowns a screen-reader user; so, like
//! hmrc-frontend's timeout dialog, announce whole minutes above one minute
//! and 20-second steps below, and only when the value changes.

/// The seconds to announce for `seconds_left`: rounded up to whole
/// minutes above 60, to 20-second steps at or below 60.
pub fn announced_seconds(seconds_left: u64) -> u64 {
    if seconds_left > 60 {
        seconds_left.div_ceil(60) * 60
    } else {
        seconds_left.div_ceil(20) * 20
    }
}
