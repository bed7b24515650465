//! The countdown in the tab's title while a dialog is open (`titleAlert`),
//! so a background tab shows it in the tab strip. The page's own title is
//! put back exactly; a title the page sets meanwhile is respected.

use crate::prelude::*;
use crate::core::decimal;

/// What the title was before we changed it, and what we last set.
#[derive(Debug, Default)]
pub struct TitleAlert {
    original: Option<String>,
    shown: Option<String>,
}

impl TitleAlert {
    /// The title to show with `seconds` left, given the document's title
    /// now (`current`). A title we did not set is the page's new own title.
    pub fn show(&mut self, current: &str, template: &str, seconds: u64) -> String {
        if self.shown.as_deref() != Some(current) {
            self.original = Some(current.to_owned());
        }
        let original = self.original.as_deref().unwrap_or("");
        let title = crate::text::fill_with(template, &[("time", &short_time(seconds)), ("title", original)]);
        self.shown = Some(title.clone());
        title
    }

    /// The title to put back when the dialog closes; None when there is
    /// nothing to undo, or the page has set its own title since.
    pub fn restore(&mut self, current: &str) -> Option<String> {
        let shown = self.shown.take()?;
        let original = self.original.take()?;
        (current == shown).then_some(original)
    }
}

/// Seconds as a clock reads them: "4:59", "0:07", "1:02:03".
// One-letter strings, not chars: `String::push` encodes UTF-8 (its own
// function in the .wasm, linked for nothing else).
#[allow(clippy::single_char_add_str)]
pub fn short_time(seconds: u64) -> String {
    let (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    let mut out = String::new();
    if h > 0 {
        out.push_str(&decimal(h));
        out.push_str(":");
        if m < 10 {
            out.push_str("0");
        }
    }
    out.push_str(&decimal(m));
    out.push_str(":");
    if s < 10 {
        out.push_str("0");
    }
    out.push_str(&decimal(s));
    out
}

#[cfg(test)]
mod tests {
    use super::{short_time, TitleAlert};

    #[test]
    fn times_read_like_a_clock() {
        assert_eq!(short_time(0), "0:00");
        assert_eq!(short_time(7), "0:07");
        assert_eq!(short_time(299), "4:59");
        assert_eq!(short_time(3723), "1:02:03");
    }

    #[test]
    fn the_pages_title_comes_back_exactly() {
        let mut t = TitleAlert::default();
        let shown = t.show("Orders – Shop", "({time}) {title}", 120);
        assert_eq!(shown, "(2:00) Orders – Shop");
        assert_eq!(t.show(&shown, "({time}) {title}", 119), "(1:59) Orders – Shop");
        assert_eq!(t.restore("(1:59) Orders – Shop").as_deref(), Some("Orders – Shop"));
        assert_eq!(t.restore("Orders – Shop"), None, "nothing left to undo");
    }

    #[test]
    fn a_title_the_page_sets_meanwhile_is_respected() {
        let mut t = TitleAlert::default();
        let _ = t.show("Inbox", "({time}) {title}", 60);
        // The page changes its title (a new message) while we count down.
        assert_eq!(t.show("Inbox (1)", "({time}) {title}", 59), "(0:59) Inbox (1)");
        assert_eq!(t.restore("(0:59) Inbox (1)").as_deref(), Some("Inbox (1)"));
        // …and when it changes it after our last tick, we leave it alone.
        let _ = t.show("Inbox", "({time}) {title}", 10);
        assert_eq!(t.restore("Inbox (2)"), None);
    }
}
