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
use crate::i18n::{entry, shipped, Language, ENGLISH};
use crate::platform;
use crate::prelude::*;

/// Whether `tag` is a well-formed BCP 47 language tag.
pub fn is_valid_locale(tag: &str) -> bool {
    !tag.is_empty() && platform::is_locale(tag)
}

/// Formats whole seconds as minutes and seconds in one locale.
pub struct DurationFormat {
    locale: String,
    /// The texts' shipped language (English where the page's is not
    /// shipped), and whether it is the page's own.
    language: Language,
    shipped: bool,
    /// The tag asks for something of its own (`-u-nu-arab`: other
    /// digits), which only Intl knows.
    extended: bool,
}

impl DurationFormat {
    /// Formats for `locale` (a BCP 47 tag; empty means the texts' English).
    pub fn new(locale: &str) -> DurationFormat {
        let page = shipped(locale);
        DurationFormat {
            locale: locale.to_owned(),
            language: page.unwrap_or(ENGLISH),
            shipped: page.is_some(),
            // Bytes, not `str::contains`: its substring searcher is 4 KB of the .wasm.
            extended: locale.as_bytes().windows(3).any(|w| w.eq_ignore_ascii_case(b"-u-")),
        }
    }

    /// `seconds` as "M minutes S seconds", leaving out a zero part, for a
    /// text that is the page's `own` (in the page's language) or shipped
    /// (in the shipped language: English where the page's is not shipped,
    /// so a shipped English sentence never holds "30 minutos").
    pub fn format(&self, seconds: u64, own: bool) -> String {
        match (seconds / 60, seconds % 60) {
            (0, s) => self.part(1, s, own),
            (m, 0) => self.part(0, m, own),
            (m, s) => cat(&[self.part(0, m, own).as_str(), " ", &self.part(1, s, own)]),
        }
    }

    /// `n` of unit 0 (minutes) or 1 (seconds).
    fn part(&self, unit: usize, n: u64, own: bool) -> String {
        let english = !self.shipped && !own;
        let locale = if english || self.locale.is_empty() { self.language.code } else { &self.locale };
        if n < 1000 && (english || (self.shipped && !self.extended)) {
            let form = match platform::plural_category(self.language.code, n as f64).as_str() {
                "one" => 0,
                "two" => 2,
                _ => 1,
            };
            return cat(&[&decimal(n), entry(self.language.units, unit * 3 + form)]);
        }
        platform::format_unit(locale, if unit == 0 { "minute" } else { "second" }, n as f64)
    }
}
