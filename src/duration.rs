//! "1 minute 30 seconds" in the page's language. Plural forms come from
//! the browser's `Intl.PluralRules` (CLDR), not rules written here; which
//! units to show is decided here.
//!
//! A shipped language's own words are used under 1,000: the first
//! `Intl.NumberFormat` of a page costs 15–45 ms in Chromium and WebKit
//! (loading ICU's number data; `Intl.PluralRules` costs 0.5–5 ms), which
//! a page with the up-front notice paid at start. Its numbers are plain
//! digits there; from 1,000 (grouping: "1,440", "1.440") and in any other
//! language, `Intl.NumberFormat` writes the whole part.

use crate::core::decimal;
use crate::i18n::{entry, shipped, Language};
use crate::platform;
use crate::prelude::*;

/// Whether `tag` is a well-formed BCP 47 language tag.
pub fn is_valid_locale(tag: &str) -> bool {
    !tag.is_empty() && platform::is_locale(tag)
}

/// Formats whole seconds as minutes and seconds in one locale.
pub struct DurationFormat {
    locale: String,
    /// The shipped language's words, unless the tag asks for something
    /// of its own (`-u-nu-arab`: other digits), which only Intl knows.
    words: Option<Language>,
}

impl DurationFormat {
    /// Formats for `locale` (a BCP 47 tag; empty means the texts' English).
    pub fn new(locale: &str) -> DurationFormat {
        // Bytes, not `str::contains`: its substring searcher is 4 KB of the .wasm.
        let extended = locale.as_bytes().windows(3).any(|w| w.eq_ignore_ascii_case(b"-u-"));
        DurationFormat { locale: locale.to_owned(), words: if extended { None } else { shipped(locale) } }
    }

    /// `seconds` as "M minutes S seconds", leaving out a zero part.
    pub fn format(&self, seconds: u64) -> String {
        match (seconds / 60, seconds % 60) {
            (0, s) => self.part(1, s),
            (m, 0) => self.part(0, m),
            (m, s) => cat(&[self.part(0, m).as_str(), " ", &self.part(1, s)]),
        }
    }

    /// `n` of unit 0 (minutes) or 1 (seconds).
    fn part(&self, unit: usize, n: u64) -> String {
        match self.words {
            Some(language) if n < 1000 => {
                let form = match platform::plural_category(language.code, n as f64).as_str() {
                    "one" => 0,
                    "two" => 2,
                    _ => 1,
                };
                cat(&[&decimal(n), entry(language.units, unit * 3 + form)])
            }
            _ => platform::format_unit(&self.locale, if unit == 0 { "minute" } else { "second" }, n as f64),
        }
    }
}
