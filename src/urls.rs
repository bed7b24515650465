//! Where the library may send the page or its requests: same-origin http(s)
//! only, plus origins the page lists in `allowedOrigins` (an SSO identity
//! provider, say). `javascript:`, `data:`, `//evil.example` and backslash
//! tricks all fail, because the check is made on the URL as the browser
//! parses it, not on the text.

use crate::prelude::*;
/// Why a URL was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refused {
    /// Not a URL at all, even relative to the page.
    Unparsable,
    /// Not http: or https: (javascript:, data:, blob:, file:, …).
    Scheme(String),
    /// Another origin, not in `allowedOrigins`.
    Origin(String),
}

impl Refused {
    /// The rule it broke, for error messages.
    pub fn rule(&self) -> String {
        match self {
            Refused::Unparsable => "it is not a URL".into(),
            Refused::Scheme(s) => cat(&["only http: and https: URLs are allowed, not ", s]),
            Refused::Origin(o) => cat(&["it leads to ", o, ", another origin; list that origin in allowedOrigins if the page may go there"]),
        }
    }
}

/// Whether `raw` holds a backslash or a control character (Unicode's Cc:
/// U+0000 to U+001F and U+007F to U+009F, the last 32 written C2 80 to C2
/// 9F in UTF-8). Bytes, not `chars().any`: no UTF-8 decoding kept in memory.
fn has_control(raw: &str) -> bool {
    let mut after_c2 = false;
    crate::split::position(raw, |b| {
        let control = b < 0x20 || b == 0x7F || b == b'\\' || (after_c2 && (0x80..=0x9F).contains(&b));
        after_c2 = b == 0xC2;
        control
    })
    .is_some()
}

/// Decides on a URL already parsed into its scheme and origin.
pub fn judge(protocol: &str, origin: &str, page_origin: &str, allowed: &[String]) -> Result<(), Refused> {
    if protocol != "http:" && protocol != "https:" {
        return Err(Refused::Scheme(protocol.to_owned()));
    }
    if origin == page_origin || allowed.iter().any(|a| a == origin) {
        Ok(())
    } else {
        Err(Refused::Origin(origin.to_owned()))
    }
}

/// Parses `raw` against the page and checks it; returns the absolute URL.
pub fn check(raw: &str, page_href: &str, page_origin: &str, allowed: &[String]) -> Result<String, Refused> {
    // Control characters and backslashes have no place in a URL a site means.
    if has_control(raw) {
        return Err(Refused::Unparsable);
    }
    let (href, protocol, origin) = parse(raw, Some(page_href)).ok_or(Refused::Unparsable)?;
    judge(&protocol, &origin, page_origin, allowed)?;
    Ok(href)
}

/// The path (with query) of the absolute URL `href` when it is on
/// `origin`: `https://example.com.evil` is not on `https://example.com`.
pub fn on_origin<'a>(href: &'a str, origin: &str) -> Option<&'a str> {
    match href.strip_prefix(origin)? {
        "" => Some("/"),
        rest => rest.starts_with("/").then_some(rest),
    }
}

/// `url` made absolute against `base`, as the browser reads it.
pub fn absolute(url: &str, base: &str) -> Option<String> {
    crate::platform::absolute_url(url, base)
}

/// An `allowedOrigins` entry must be exactly an origin (`https://host[:port]`).
pub fn is_origin(text: &str) -> bool {
    parse(text, None).is_some_and(|(_, protocol, origin)| origin == crate::split::trim_end(text, b'/') && (protocol == "https:" || protocol == "http:"))
}

/// The browser's reading of `url`: (href, protocol, origin).
fn parse(url: &str, base: Option<&str>) -> Option<(String, String, String)> {
    let parts = crate::platform::parse_url(url, base);
    let part = |i| crate::platform::field(&parts, i).as_string();
    Some((part(0)?, part(1)?, part(2)?))
}

#[cfg(test)]
mod tests {
    use super::{has_control, judge, Refused};

    #[test]
    fn control_characters_are_unicode_cc_and_backslash_too() {
        for raw in ["/ok", "", "/a b", "/\u{7e}", "/\u{a0}", "/é€😀", "\u{c2}", "/\u{9f}", "/\u{80}x", "/\u{7f}", "/\t", "\\x", "/\u{0}", "/\u{1f}/\u{20}", "/\u{100}\u{2028}"] {
            assert_eq!(has_control(raw), raw.chars().any(|c| c.is_control() || c == '\\'), "{raw:?}");
        }
    }

    const PAGE: &str = "https://app.example";

    #[test]
    fn same_origin_http_only() {
        assert_eq!(judge("https:", PAGE, PAGE, &[]), Ok(()));
        assert_eq!(judge("javascript:", "null", PAGE, &[]), Err(Refused::Scheme("javascript:".into())));
        assert_eq!(judge("data:", "null", PAGE, &[]), Err(Refused::Scheme("data:".into())));
        assert_eq!(judge("https:", "https://evil.example", PAGE, &[]), Err(Refused::Origin("https://evil.example".into())));
        assert_eq!(judge("https:", "https://idp.example", PAGE, &["https://idp.example".into()]), Ok(()));
    }
}
