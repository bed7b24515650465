//! The limit stated up front (WCAG 2.2.6): every element marked
//! `data-session-timeout-notice` when the library starts (and those the
//! page adds later: a single-page app's render, a swapped `<body>`) says, in the page's
//! language, how long the session lasts without activity, and follows
//! the server's word when it says otherwise. Its own text comes back
//! with `destroy()`.

use crate::duration::DurationFormat;
use crate::platform;
use crate::prelude::*;
use crate::text::fill;

pub const MARK: &str = "[data-session-timeout-notice]";

/// The marked elements and what they say.
pub struct Notice {
    js: platform::Notice,
    template: String,
    /// Whether the template is the page's own text (see `DurationFormat::format`).
    own: bool,
    durations: DurationFormat,
}

impl Notice {
    /// Fills the marked elements, if the page has any.
    /// `words` gives the template, the language and whether the template
    /// is the page's own text, asked only then.
    pub fn start(words: impl FnOnce() -> (String, String, bool), length_ms: u64) -> Option<Notice> {
        let js = platform::Notice::new(MARK);
        if js.count() == 0 {
            return None;
        }
        let (template, locale, own) = words();
        let notice = Notice { js, template, own, durations: DurationFormat::new(&locale) };
        notice.show(length_ms);
        Some(notice)
    }

    /// Says the session lasts `length_ms`, in every marked element now.
    pub fn show(&self, length_ms: u64) {
        self.js.show(&fill(&self.template, &self.durations.format(spoken_seconds(length_ms), self.own)));
    }
}

impl Drop for Notice {
    fn drop(&mut self) {
        platform::undo(&self.js);
    }
}

/// A length as a person says it: whole minutes from a minute up ("30
/// minutes", not "29 minutes 55 seconds" from a header rounded down).
pub fn spoken_seconds(ms: u64) -> u64 {
    let seconds = (ms + 500) / 1000;
    if seconds >= 60 {
        (seconds + 30) / 60 * 60
    } else {
        seconds
    }
}

#[cfg(test)]
mod tests {
    use super::spoken_seconds;

    #[test]
    fn lengths_are_said_in_whole_minutes() {
        assert_eq!(spoken_seconds(1_800_000), 1800);
        assert_eq!(spoken_seconds(1_795_000), 1800, "a header rounded down still says 30 minutes");
        assert_eq!(spoken_seconds(90_000), 120);
        assert_eq!(spoken_seconds(45_000), 45, "under a minute, seconds");
    }
}
