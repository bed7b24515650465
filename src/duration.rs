//! "1 minute 30 seconds" in the page's language. Plurals and number words
//! come from the browser's `Intl.NumberFormat` (CLDR), not rules written
//! here; which units to show is decided here.

use crate::prelude::*;
use crate::platform;

/// Whether `tag` is a well-formed BCP 47 language tag.
pub fn is_valid_locale(tag: &str) -> bool {
    !tag.is_empty() && platform::is_locale(tag)
}

/// Formats whole seconds as minutes and seconds in one locale.
pub struct DurationFormat {
    locale: String,
}

impl DurationFormat {
    /// Formats for `locale` (a BCP 47 tag; empty means the browser's).
    pub fn new(locale: &str) -> DurationFormat {
        DurationFormat { locale: locale.to_owned() }
    }

    /// `seconds` as "M minutes S seconds", leaving out a zero part.
    pub fn format(&self, seconds: u64) -> String {
        let part = |unit: &str, n: u64| platform::format_unit(&self.locale, unit, n as f64);
        match (seconds / 60, seconds % 60) {
            (0, s) => part("second", s),
            (m, 0) => part("minute", m),
            (m, s) => cat(&[part("minute", m).as_str(), " ", &part("second", s)]),
        }
    }
}
