//! Every visible and announced string, with the page's overrides.

use crate::prelude::*;
use alloc::rc::Rc;
use crate::i18n::Strings;
/// Every `text` key, in the order of [`Key`], each followed by a space:
/// the one list of their names (read it with `options::names`).
pub const TEXT_KEYS: &str = concat!(
    "warningTitle ",
    "warningMessage ",
    "stayButton ",
    "signOutButton ",
    "expiredTitle ",
    "expiredMessage ",
    "signInButton ",
    "keepAliveFailed ",
    "keepAliveRefused ",
    "draftRestored ",
    "titleAlert ",
    "notice ",
    "finalWarningTitle ",
    "finalWarningMessage ",
    "finalWarningButton ",
);

/// A visible or announced string, by its place in [`TEXT_KEYS`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Key {
    /// Warning heading.
    WarningTitle,
    /// Warning message; `{time}` is the countdown.
    WarningMessage,
    /// The primary button.
    StayButton,
    /// Shown when `signOutUrl` is set.
    SignOutButton,
    /// Expired heading.
    ExpiredTitle,
    /// Expired message; `{time}` is the time until the redirect.
    ExpiredMessage,
    /// Leaves for the sign-in page now.
    SignInButton,
    /// Shown when the keep-alive could not reach the server.
    KeepAliveFailed,
    /// Shown when the server refused the keep-alive (403).
    KeepAliveRefused,
    /// Said when typed input was put back after signing in again.
    DraftRestored,
    /// The tab's title while a dialog is open: `{time}` is the countdown
    /// ("4:59"), `{title}` the page's own title.
    TitleAlert,
    /// The up-front notice (`data-session-timeout-notice`); `{time}` is
    /// the session's length.
    Notice,
    /// The final warning's heading (the session's hard end is near).
    FinalWarningTitle,
    /// The final warning's message; `{time}` is the countdown.
    FinalWarningMessage,
    /// Closes the final warning, back to the page (nothing extends it).
    FinalWarningButton,
}

/// The strings, by `text` key (shared/DESIGN.md), one per [`Key`]: a
/// shipped language and the page's own overrides (by place in [`TEXT_KEYS`]).
#[derive(Clone, Debug)]
pub struct Text {
    shipped: Strings,
    own: Overrides,
}

/// The page's own strings, by place in [`TEXT_KEYS`]: read once from the
/// `text` option and shared (not copied) by every `Text` made from them.
pub type Overrides = Rc<Vec<(usize, String)>>;

impl Text {
    /// One shipped language's strings.
    pub fn shipped(strings: Strings) -> Text {
        Text { shipped: strings, own: Overrides::default() }
    }

    /// The string for `key`.
    pub fn get(&self, key: Key) -> &str {
        let i = key as usize;
        if let Some((_, own)) = self.own.iter().find(|(k, _)| *k == i) {
            return own;
        }
        // The tables leave out the title alert, the same in every language.
        let title = Key::TitleAlert as usize;
        if i == title {
            return TITLE_ALERT;
        }
        crate::i18n::entry(self.shipped, i - usize::from(i > title))
    }

    /// Whether the string for `key` is the page's own (else shipped).
    pub fn is_own(&self, key: Key) -> bool {
        self.own.iter().any(|(k, _)| *k == key as usize)
    }

    /// The defaults of `locale`'s language with the page's overrides.
    pub fn with_overrides(locale: &str, overrides: &Overrides) -> Text {
        Text { own: overrides.clone(), ..crate::i18n::defaults(locale) }
    }
}

/// `parts` end to end. std's `concat` and `join` share one generic copy
/// loop, unrolled for each separator length (1 KB of the .wasm); every
/// message here is a handful of pieces.
pub fn cat(parts: &[&str]) -> String {
    let mut out = String::with_capacity(parts.iter().map(|p| p.len()).sum());
    for part in parts {
        out.push_str(part);
    }
    out
}

/// The title while a dialog is open, in every language: numbers and the
/// page's own title need no translation.
pub const TITLE_ALERT: &str = "({time}) {title}";

/// `template` with every `{time}` replaced by `time`.
pub fn fill(template: &str, time: &str) -> String {
    fill_with(template, &[("time", time)])
}

/// `template` with each `{name}` of `values` replaced, in one pass: a
/// value is never searched again (a page title holding "{time}" stays).
#[allow(clippy::single_char_add_str)] // see `title::short_time`
pub fn fill_with(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    // Splits and strips, never indexing: no panic path is linked.
    while let Some((before, after)) = crate::split::split_once(rest, b'{') {
        out.push_str(before);
        match values.iter().find_map(|(name, value)| Some((after.strip_prefix(name)?.strip_prefix("}")?, *value))) {
            Some((tail, value)) => {
                out.push_str(value);
                rest = tail;
            }
            None => {
                out.push_str("{");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The placeholders the `text` key `key` may use.
pub fn placeholders(key: &str) -> &'static [&'static str] {
    if key == "titleAlert" {
        &["time", "title"]
    } else {
        &["time"]
    }
}

/// The first placeholder in `template` that is not one of `allowed`;
/// anything else in braces is a mistake.
pub fn unknown_placeholder(template: &str, allowed: &[&str]) -> Option<String> {
    let mut rest = template;
    while let Some((_, after)) = crate::split::split_once(rest, b'{') {
        let (name, tail) = crate::split::split_once(after, b'}')?;
        // Only `{word}` looks like a placeholder; other braces are text.
        let word = !name.is_empty() && crate::split::all(name, |b| b.is_ascii_alphanumeric() || b == b'_');
        if word && !allowed.contains(&name) {
            return Some(name.to_owned());
        }
        rest = tail;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_every_placeholder() {
        assert_eq!(fill("in {time}, yes {time}", "2 minutes"), "in 2 minutes, yes 2 minutes");
        assert_eq!(fill("{ti {time}} {", "1"), "{ti 1} {", "other braces are text");
        assert_eq!(fill_with("({time}) {title}", &[("time", "4:59"), ("title", "My {time} page")]), "(4:59) My {time} page");
    }

    #[test]
    fn finds_misspelt_placeholders() {
        assert_eq!(unknown_placeholder("in {tim}", &["time"]), Some("tim".into()));
        assert_eq!(unknown_placeholder("in {time} {time}", &["time"]), None);
        assert_eq!(unknown_placeholder("no braces", &["time"]), None);
        assert_eq!(unknown_placeholder("css {display:none} and {tmie}", &["time"]), Some("tmie".into()));
        assert_eq!(unknown_placeholder("a {b c} {}", &["time"]), None, "not placeholders");
        assert_eq!(unknown_placeholder("({time}) {title}", super::placeholders("titleAlert")), None);
        assert_eq!(unknown_placeholder("{title}", super::placeholders("stayButton")), Some("title".into()));
    }

    #[test]
    fn overrides_replace_defaults() {
        let t = Text::with_overrides("en", &Rc::new(vec![(Key::StayButton as usize, "Keep me in".into())]));
        assert_eq!(t.get(Key::StayButton), "Keep me in");
        assert_eq!(t.get(Key::SignInButton), "Sign in again");
    }

    #[test]
    fn each_key_is_its_name() {
        use Key::*;
        let keys = [
            WarningTitle, WarningMessage, StayButton, SignOutButton, ExpiredTitle, ExpiredMessage, SignInButton, KeepAliveFailed,
            KeepAliveRefused, DraftRestored, TitleAlert, Notice, FinalWarningTitle, FinalWarningMessage, FinalWarningButton,
        ];
        let all: Vec<&str> = crate::options::names(TEXT_KEYS).collect();
        let names: Vec<&str> = keys.iter().map(|k| all[*k as usize]).collect();
        assert_eq!(names, all, "Key follows TEXT_KEYS");
    }
}
