//! A bad option as data (which option, what was given, which rule),
//! turned into words once, where it crosses into JavaScript: named as the
//! option for `new SessionTimeout(options)`, as the `data-` attribute for
//! the script tag. No string surgery on finished messages.

use crate::prelude::*;
use crate::error::{js_error, CONFIG_ERROR};
use wasm_bindgen::JsValue;

/// What was wrong with the options.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConfigError {
    /// Not an options object at all.
    NotAnObject {
        /// How the value looked.
        given: String,
    },
    /// A required option is missing.
    Missing {
        /// Its name.
        option: &'static str,
        /// What to set it to.
        hint: &'static str,
    },
    /// A name the library does not know.
    Unknown {
        /// "option", "text key", "csrf key", …
        what: &'static str,
        /// The name given.
        name: String,
        /// "did you mean …?" or the known names.
        hint: String,
    },
    /// A script tag's attribute broke its option's rule.
    Attribute {
        /// The option it sets (`warnSeconds` for `data-warn-seconds`).
        option: String,
        /// The attribute's text.
        text: String,
        /// The rule, and what would be right.
        rule: String,
    },
    /// An option's value broke its rule.
    Invalid {
        /// The option, dotted for nested ones (`text.stayButton`).
        option: String,
        /// How the value looked, when there was one.
        given: Option<String>,
        /// The rule, and what would be right.
        rule: String,
    },
}

/// How the page author named the options.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Naming {
    /// `new SessionTimeout({ warnSeconds })`.
    Options,
    /// `<script data-warn-seconds>`.
    Attributes,
}

impl ConfigError {
    /// The message, naming things as the page author wrote them.
    pub fn message(&self, naming: Naming) -> String {
        let name = |option: &str| match naming {
            Naming::Options => cat(&["option ", option]),
            Naming::Attributes => cat(&["attribute ", &attribute(option)]),
        };
        match self {
            ConfigError::NotAnObject { given } => {
                cat(&["SessionTimeout needs an options object such as { sessionSeconds: 1800 }; got ", given])
            }
            ConfigError::Missing { option, hint } => cat(&["Missing ", &name(option), ": ", hint]),
            ConfigError::Unknown { what, name, hint } => cat(&["Unknown ", what, " ", name, ": ", hint]),
            ConfigError::Attribute { option, text, rule } => match naming {
                Naming::Attributes => cat(&["Invalid attribute ", &attribute(option), "=\"", text, "\": ", rule]),
                Naming::Options => cat(&["Invalid ", &name(option), ": got \"", text, "\"; ", rule]),
            },
            ConfigError::Invalid { option, given: Some(given), rule } => cat(&["Invalid ", &name(option), ": got ", given, "; ", rule]),
            ConfigError::Invalid { option, given: None, rule } => cat(&["Invalid ", &name(option), ": ", rule]),
        }
    }

    /// A JS `Error` named `SessionTimeoutConfigError`.
    pub fn to_js(&self, naming: Naming) -> JsValue {
        js_error(CONFIG_ERROR, &self.message(naming))
    }
}

/// `warnSeconds` → `data-warn-seconds`; nested options keep their
/// attribute forms (`text.stayButton` → `data-text-stay-button`,
/// `trackRequests.include` → `data-track-include`).
pub fn attribute(option: &str) -> String {
    let option = option.strip_prefix("trackRequests.").map(|rest| cat(&["track.", rest])).unwrap_or_else(|| option.to_owned());
    let mut out = String::from("data-");
    // Bytes: the dots and capitals are ASCII, and the text between is
    // copied as it is (no UTF-8 decoding and encoding of each character).
    let mut rest = option.as_str();
    while let Some(at) = crate::split::position(rest, |b| b == b'.' || b.is_ascii_uppercase()) {
        let (plain, tail) = rest.split_at_checked(at).unwrap_or((rest, ""));
        let (mark, after) = tail.split_at_checked(1).unwrap_or((tail, ""));
        out.extend([plain, "-"]);
        if mark != "." {
            out.push_str(&mark.to_ascii_lowercase());
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::{attribute, ConfigError, Naming};

    #[test]
    fn named_as_the_author_wrote_them() {
        let e = ConfigError::Invalid { option: "warnSeconds".into(), given: Some("6".into()), rule: "use 20 or more".into() };
        assert_eq!(e.message(Naming::Options), "Invalid option warnSeconds: got 6; use 20 or more");
        assert_eq!(e.message(Naming::Attributes), "Invalid attribute data-warn-seconds: got 6; use 20 or more");
        let missing = ConfigError::Missing { option: "sessionSeconds", hint: "set it" };
        assert_eq!(missing.message(Naming::Attributes), "Missing attribute data-session-seconds: set it");
    }

    #[test]
    fn attribute_names_of_nested_options() {
        assert_eq!(attribute("keepAliveUrl"), "data-keep-alive-url");
        assert_eq!(attribute("text.stayButton"), "data-text-stay-button");
        assert_eq!(attribute("trackRequests.include"), "data-track-include");
        assert_eq!(attribute("csrf.header"), "data-csrf-header");
    }
}
