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
    if raw.chars().any(|c| c.is_control() || c == '\\') {
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
    use super::{judge, Refused};

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
