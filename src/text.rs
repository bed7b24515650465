//! Every visible and announced string, with the page's overrides.

use crate::prelude::*;
/// The strings, by `text` key (shared/DESIGN.md).
#[derive(Clone, Debug)]
pub struct Text {
    /// Warning heading.
    pub warning_title: String,
    /// Warning message; `{time}` is the countdown.
    pub warning_message: String,
    /// The primary button.
    pub stay_button: String,
    /// Shown when `signOutUrl` is set.
    pub sign_out_button: String,
    /// Expired heading.
    pub expired_title: String,
    /// Expired message; `{time}` is the time until the redirect.
    pub expired_message: String,
    /// Leaves for the sign-in page now.
    pub sign_in_button: String,
    /// Shown when the keep-alive could not reach the server.
    pub keep_alive_failed: String,
    /// Said when typed input was put back after signing in again.
    pub draft_restored: String,
    /// Shown when the server refused the keep-alive (403).
    pub keep_alive_refused: String,
    /// The up-front notice (`data-session-timeout-notice`); `{time}` is
    /// the session's length.
    pub notice: String,
    /// The tab's title while a dialog is open: `{time}` is the countdown
    /// ("4:59"), `{title}` the page's own title.
    pub title_alert: String,
}

impl Default for Text {
    fn default() -> Text {
        Text {
            warning_title: "You're about to be signed out".into(),
            warning_message: "For your security, we will sign you out in {time}.".into(),
            stay_button: "Stay signed in".into(),
            sign_out_button: "Sign out".into(),
            expired_title: "You have been signed out".into(),
            expired_message: "We will take you to the sign-in page in {time}.".into(),
            sign_in_button: "Sign in again".into(),
            keep_alive_failed: "We could not reach the server. Check your connection and try again.".into(),
            draft_restored: "We restored what you had typed before you were signed out. Check it before you send it.".into(),
            keep_alive_refused: "We could not extend your session. Try again, or save your work and sign in again.".into(),
            notice: "For your security, we will sign you out after {time} of inactivity.".into(),
            title_alert: TITLE_ALERT.into(),
        }
    }
}

impl Text {
    /// The defaults of `locale`'s language with `(key, value)` overrides
    /// (keys already checked).
    pub fn with_overrides(locale: &str, overrides: &[(String, String)]) -> Text {
        let mut text = crate::i18n::defaults(locale);
        for (key, value) in overrides {
            let slot = match key.as_str() {
                "warningTitle" => &mut text.warning_title,
                "warningMessage" => &mut text.warning_message,
                "stayButton" => &mut text.stay_button,
                "signOutButton" => &mut text.sign_out_button,
                "expiredTitle" => &mut text.expired_title,
                "expiredMessage" => &mut text.expired_message,
                "signInButton" => &mut text.sign_in_button,
                "keepAliveFailed" => &mut text.keep_alive_failed,
                "draftRestored" => &mut text.draft_restored,
                "keepAliveRefused" => &mut text.keep_alive_refused,
                "titleAlert" => &mut text.title_alert,
                "notice" => &mut text.notice,
                _ => continue,
            };
            *slot = value.clone();
        }
        text
    }
}

/// The title while a dialog is open, in every language: numbers and the
/// page's own title need no translation.
pub const TITLE_ALERT: &str = "({time}) {title}";

/// `template` with every `{time}` replaced by `time`.
pub fn fill(template: &str, time: &str) -> String {
    template.replace("{time}", time)
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
    while let Some(start) = rest.find('{') {
        let after = &rest[start + 1..];
        let end = after.find('}')?;
        let name = &after[..end];
        // Only `{word}` looks like a placeholder; other braces are text.
        let word = !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        if word && !allowed.contains(&name) {
            return Some(name.to_owned());
        }
        rest = &after[end + 1..];
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_every_placeholder() {
        assert_eq!(fill("in {time}, yes {time}", "2 minutes"), "in 2 minutes, yes 2 minutes");
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
        let t = Text::with_overrides("en", &[("stayButton".into(), "Keep me in".into())]);
        assert_eq!(t.stay_button, "Keep me in");
        assert_eq!(t.sign_in_button, "Sign in again");
    }
}
