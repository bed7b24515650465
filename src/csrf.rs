//! Which CSRF token the keep-alive carries, and in which header. With no
//! option, the token is found the way the big frameworks publish it; the
//! page is read (cookies, `<meta>`) by the caller and handed in as text.

use crate::prelude::*;
/// How to find the token (the `csrf` option).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Csrf {
    /// Look for each framework's convention, in [`CONVENTIONS`] order;
    /// `<meta name="csrf-token">` goes in `meta_header` (`csrfHeader`).
    Auto {
        /// Header for `<meta name="csrf-token">` (default `X-CSRF-Token`).
        meta_header: String,
    },
    /// Send no token.
    Off,
    /// This header, with the token from this source.
    Explicit {
        /// The header name.
        header: String,
        /// Where the token is.
        source: Source,
    },
}

/// Where a token is published.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// A cookie of this name (URL-decoded).
    Cookie(String),
    /// The `content` of `<meta name="…">`.
    Meta(String),
    /// The token itself, given by the page.
    Token(String),
}

/// The conventions `Auto` knows, in the order they are tried, as
/// (framework, where the token is, the header it wants). Spring names its
/// header in a second meta tag, `_csrf_header`.
pub const CONVENTIONS: &[(&str, &str, &str)] = &[
    ("Spring Security", "meta _csrf", "named by meta _csrf_header"),
    ("Rails, Laravel", "meta csrf-token", "X-CSRF-Token"),
    ("Django", "cookie csrftoken", "X-CSRFToken"),
    ("Laravel, Angular", "cookie XSRF-TOKEN", "X-XSRF-TOKEN"),
];

/// The header and token to send, if the page has one. `decode` URL-decodes
/// a cookie's value (the browser's `decodeURIComponent`, kept as it is
/// when malformed).
pub fn find(rule: &Csrf, cookies: &str, meta: impl Fn(&str) -> Option<String>, decode: fn(&str) -> String) -> Option<(String, String)> {
    let pair = match rule {
        Csrf::Off => None,
        Csrf::Explicit { header, source } => {
            let token = match source {
                Source::Cookie(name) => cookie(cookies, name, decode),
                Source::Meta(name) => meta(name),
                Source::Token(token) => Some(token.clone()),
            };
            token.map(|t| (header.clone(), t))
        }
        Csrf::Auto { meta_header } => match (meta("_csrf_header"), meta("_csrf"), meta("csrf-token")) {
            (Some(header), Some(token), _) => Some((header, token)),
            (_, _, Some(token)) => Some((meta_header.clone(), token)),
            // The cookies, as one loop over (cookie, header) pairs.
            _ => [("csrftoken", "X-CSRFToken"), ("XSRF-TOKEN", "X-XSRF-TOKEN")]
                .into_iter()
                .find_map(|(name, header)| Some((header.to_owned(), cookie(cookies, name, decode)?))),
        },
    };
    // A value a header cannot carry is no token at all.
    pair.filter(|(h, t)| is_header_name(h) && !t.is_empty() && t.bytes().all(|b| b == b'\t' || (b' '..=b'~').contains(&b)))
}

/// The value of cookie `name` in a `document.cookie` string, URL-decoded.
pub fn cookie(cookies: &str, name: &str, decode: fn(&str) -> String) -> Option<String> {
    for pair in crate::split::split(cookies, b';') {
        if let Some((key, value)) = crate::split::split_once(pair.trim_ascii(), b'=') {
            if key == name {
                let value = decode(crate::split::trim(value.trim_ascii(), b'"'));
                return (!value.is_empty()).then_some(value);
            }
        }
    }
    None
}

/// Whether `name` can be an HTTP header name (an RFC 9110 token).
pub fn is_header_name(name: &str) -> bool {
    !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'!' | b'#'..=b'\'' | b'*' | b'+' | b'-' | b'.' | b'^'..=b'`' | b'|' | b'~'))
}

#[cfg(test)]
mod tests {
    use super::{cookie, find, is_header_name, Csrf, Source};

    #[test]
    fn header_names_are_rfc_9110_tokens() {
        let tchar = "!#$%&'*+-.^_`|~";
        for b in 0u8..=127 {
            let c = char::from(b);
            let token = c.is_ascii_alphanumeric() || tchar.contains(c);
            assert_eq!(is_header_name(&c.to_string()), token, "{c:?}");
        }
        assert!(is_header_name("X-CSRF-Token"));
        assert!(!is_header_name(""));
        assert!(!is_header_name("X Token"));
        assert!(!is_header_name("Zürich"));
    }

    /// What `decodeURIComponent` does to the escapes these tests use (the
    /// browser's own is checked in tests/browser_csrf.rs).
    fn decode(text: &str) -> String {
        text.replace("%3D", "=").replace("%20", " ")
    }

    fn auto() -> Csrf {
        Csrf::Auto { meta_header: "X-CSRF-Token".into() }
    }

    fn metas<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |name| pairs.iter().find(|(n, _)| *n == name).map(|(_, v)| v.to_string())
    }

    fn pair(h: &str, t: &str) -> Option<(String, String)> {
        Some((h.into(), t.into()))
    }

    #[test]
    fn django_cookie_goes_in_x_csrftoken() {
        assert_eq!(find(&auto(), "sessionid=x; csrftoken=AbC123", metas(&[]), decode), pair("X-CSRFToken", "AbC123"));
    }

    #[test]
    fn laravel_and_angular_cookie_is_url_decoded_into_x_xsrf_token() {
        assert_eq!(find(&auto(), "XSRF-TOKEN=eyJpdiI6%3D%3D; laravel_session=y", metas(&[]), decode), pair("X-XSRF-TOKEN", "eyJpdiI6=="));
    }

    #[test]
    fn rails_and_laravel_meta_goes_in_x_csrf_token() {
        assert_eq!(find(&auto(), "", metas(&[("csrf-token", "t0k")]), decode), pair("X-CSRF-Token", "t0k"));
        // `csrfHeader` still names the header for that meta tag.
        let custom = Csrf::Auto { meta_header: "X-Token".into() };
        assert_eq!(find(&custom, "", metas(&[("csrf-token", "t0k")]), decode), pair("X-Token", "t0k"));
    }

    #[test]
    fn spring_security_names_its_own_header() {
        let page = [("_csrf", "s3cret"), ("_csrf_header", "X-XSRF-TOKEN"), ("csrf-token", "other")];
        assert_eq!(find(&auto(), "", metas(&page), decode), pair("X-XSRF-TOKEN", "s3cret"));
        // Half of Spring's pair is not enough.
        assert_eq!(find(&auto(), "", metas(&[("_csrf", "s3cret")]), decode), None);
    }

    #[test]
    fn a_meta_tag_wins_over_a_cookie() {
        // Laravel publishes both; either works, the meta tag is the plain token.
        assert_eq!(find(&auto(), "XSRF-TOKEN=enc", metas(&[("csrf-token", "plain")]), decode), pair("X-CSRF-Token", "plain"));
    }

    #[test]
    fn nothing_found_sends_nothing() {
        assert_eq!(find(&auto(), "theme=dark", metas(&[]), decode), None);
        assert_eq!(find(&Csrf::Off, "csrftoken=x", metas(&[("csrf-token", "y")]), decode), None);
    }

    #[test]
    fn explicit_sources() {
        let c = |source| Csrf::Explicit { header: "X-My-Token".into(), source };
        assert_eq!(find(&c(Source::Cookie("my_csrf".into())), "my_csrf=a%20b", metas(&[]), decode), pair("X-My-Token", "a b"));
        assert_eq!(find(&c(Source::Meta("token".into())), "", metas(&[("token", "m")]), decode), pair("X-My-Token", "m"));
        assert_eq!(find(&c(Source::Token("given".into())), "", metas(&[]), decode), pair("X-My-Token", "given"));
        assert_eq!(find(&c(Source::Cookie("absent".into())), "csrftoken=x", metas(&[]), decode), None, "no guessing past an explicit rule");
    }

    #[test]
    fn values_a_header_cannot_carry_are_dropped() {
        assert_eq!(find(&auto(), "", metas(&[("csrf-token", "a\r\nInjected: 1")]), decode), None);
        assert_eq!(find(&auto(), "", metas(&[("_csrf", "t"), ("_csrf_header", "Bad Header")]), decode), None);
    }

    #[test]
    fn cookies_are_matched_by_whole_name() {
        assert_eq!(cookie("xcsrftoken=no; csrftoken=yes", "csrftoken", decode).as_deref(), Some("yes"));
        assert_eq!(cookie("csrftoken=", "csrftoken", decode), None);
        assert_eq!(cookie("a=\"b%20c\"", "a", decode).as_deref(), Some("b c"), "quotes off, then decoded");
    }
}
