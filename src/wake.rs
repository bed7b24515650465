//! Re-reading the clock whenever the page may have slept: the tab becomes
//! visible, the window regains focus, the network comes back (a laptop
//! waking), the page returns from the back/forward cache, or the one
//! timer fires. Throttled timers are late;
//! these events are not. Also which events count as the person's activity,
//! and which say the page is being left (see `Input::PageLeaving`).

use crate::core::Input;

/// A key: heard always, as a warning due waits for a pause in typing.
macro_rules! key_event {
    () => {
        "keydown"
    };
}
pub const KEY_EVENT: &str = key_event!();
/// A key, pointer, touch and scroll, for keep-alive on activity.
/// (One string, names separated by spaces: it crosses to the page whole.)
pub const ACTIVITY_EVENTS: &str = concat!(key_event!(), " pointerdown touchstart wheel scroll");

/// What the platform's wake-up (`"timer"`, `"visible"`, `"hidden"`,
/// `"leaving"` when the page may be left, `"frozen"` when it goes into the
/// back/forward cache, `"gone"` when it is replaced for good, or the name
/// of one of the activity events) tells
/// the clock: a page shown again may also need its dialog back.
pub fn input(kind: &str) -> Input {
    match kind {
        "timer" | "hidden" => Input::Wake,
        "visible" => Input::PageShown,
        "frozen" => Input::PageFrozen,
        "gone" => Input::PageGone,
        "leaving" => Input::PageLeaving,
        KEY_EVENT => Input::Typing,
        // The rest of ACTIVITY_EVENTS, the only other names it is given.
        _ => Input::UserActive,
    }
}
