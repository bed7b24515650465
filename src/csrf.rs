//! Which CSRF token the keep-alive carries, and in which header. With no
//! option, the token is found the way the big frameworks publish it; the
//! page is read (cookies, `<meta>`, hidden form fields) by the caller and
//! handed in as text.

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
/// header in a second meta tag, `_csrf_header`. The hidden fields come
/// last: they are what a page has when its cookie is hidden from scripts
/// (Django's `CSRF_COOKIE_HTTPONLY`, `CSRF_USE_SESSIONS`) or when its
/// framework publishes no meta tag (ASP.NET Core). Rails' form field is
/// left out: with per-form tokens it is valid for its own form only.
pub const CONVENTIONS: &[(&str, &str, &str)] = &[
    ("Spring Security", "meta _csrf", "named by meta _csrf_header"),
    ("Rails, Laravel", "meta csrf-token", "X-CSRF-Token"),
    ("Django", "cookie csrftoken", "X-CSRFToken"),
    ("Laravel, Angular", "cookie XSRF-TOKEN", "X-XSRF-TOKEN"),
    ("Django", "input csrfmiddlewaretoken", "X-CSRFToken"),
    ("ASP.NET Core", "input __RequestVerificationToken", "RequestVerificationToken"),
    ("Laravel", "input _token", "X-CSRF-TOKEN"),
    ("Flask-WTF", "input csrf_token", "X-CSRFToken"),
];

/// The header and token to send, if the page has one. `read(name, field)`
/// is the content of `<meta name>` (or, `field`, the value of
/// `<input name>`); `decode` URL-decodes a cookie's value (the browser's
/// `decodeURIComponent`, kept as it is when malformed).
pub fn find(rule: &Csrf, cookies: &str, read: impl Fn(&str, bool) -> Option<String>, decode: fn(&str) -> String) -> Option<(String, String)> {
    let meta = |name: &str| read(name, false);
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
        Csrf::Auto { meta_header } => match (meta("_csrf_header"), meta("_csrf")) {
            (Some(header), Some(token)) => Some((header, token)),
            // The others in CONVENTIONS order; the meta tag's header is `csrfHeader`.
            _ => CONVENTIONS[1..].iter().find_map(|&(_, place, header)| {
                let (kind, name) = crate::split::split_once(place, b' ')?;
                let (token, header) = match kind {
                    "meta" => (meta(name), meta_header.as_str()),
                    "cookie" => (cookie(cookies, name, decode), header),
                    _ => (read(name, true), header),
                };
                Some((header.to_owned(), token.filter(|t| !t.is_empty())?))
            }),
        },
    };
    // A value a header cannot carry is no token at all.
    pair.filter(|(h, t)| is_header_name(h) && !t.is_empty() && crate::split::all(t, |b| b == b'\t' || (b' '..=b'~').contains(&b)))
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
    !name.is_empty() && crate::split::all(name, |b| b.is_ascii_alphanumeric() || matches!(b, b'!' | b'#'..=b'\'' | b'*' | b'+' | b'-' | b'.' | b'^'..=b'`' | b'|' | b'~'))
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
    /// browser's own is checked in tests/browser/csrf.rs).
    fn decode(text: &str) -> String {
        text.replace("%3D", "=").replace("%20", " ")
    }

    fn auto() -> Csrf {
        Csrf::Auto { meta_header: "X-CSRF-Token".into() }
    }

    /// A page with these meta tags (and, named `input name`, hidden fields).
    fn metas<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str, bool) -> Option<String> + 'a {
        move |name, field| {
            let wanted = if field { ["input ", name].concat() } else { name.to_owned() };
            pairs.iter().find(|(n, _)| *n == wanted).map(|(_, v)| v.to_string())
        }
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
    fn hidden_form_fields_come_last() {
        // Django with CSRF_COOKIE_HTTPONLY or CSRF_USE_SESSIONS: only `{% csrf_token %}`'s field.
        assert_eq!(find(&auto(), "sessionid=x", metas(&[("input csrfmiddlewaretoken", "dj")]), decode), pair("X-CSRFToken", "dj"));
        // ASP.NET Core's antiforgery field, in the header it reads by default.
        assert_eq!(find(&auto(), "", metas(&[("input __RequestVerificationToken", "CfDJ8")]), decode), pair("RequestVerificationToken", "CfDJ8"));
        assert_eq!(find(&auto(), "", metas(&[("input _token", "lv")]), decode), pair("X-CSRF-TOKEN", "lv"));
        assert_eq!(find(&auto(), "", metas(&[("input csrf_token", "wtf")]), decode), pair("X-CSRFToken", "wtf"));
        // A cookie or meta tag the page has wins: it is what the framework's scripts are meant to read.
        let both = [("input csrfmiddlewaretoken", "field")];
        assert_eq!(find(&auto(), "csrftoken=cookie", metas(&both), decode), pair("X-CSRFToken", "cookie"));
        assert_eq!(find(&auto(), "", metas(&[("input _token", "field"), ("csrf-token", "meta")]), decode), pair("X-CSRF-Token", "meta"));
        // An empty field is passed over; a meta tag is never taken for a field, nor a field for a meta tag.
        assert_eq!(find(&auto(), "", metas(&[("input csrfmiddlewaretoken", ""), ("input csrf_token", "next")]), decode), pair("X-CSRFToken", "next"));
        assert_eq!(find(&auto(), "", metas(&[("csrfmiddlewaretoken", "meta")]), decode), None);
        assert_eq!(find(&Csrf::Explicit { header: "X".into(), source: Source::Meta("csrf_token".into()) }, "", metas(&[("input csrf_token", "f")]), decode), None);
    }

    #[test]
    fn each_listed_convention_is_the_one_looked_for() {
        // The console's "looked for …" list is CONVENTIONS: a page with
        // only that place filled gets the token in that row's header.
        for (who, place, header) in super::CONVENTIONS {
            // A row without a space finds nothing, and the assertion below says so.
            let (kind, name) = place.split_once(' ').unwrap_or(("", place));
            let field = ["input ", name].concat();
            let (cookies, page) = match kind {
                "cookie" => ([name, "=t"].concat(), vec![]),
                "meta" => (String::new(), vec![(name, "t"), ("_csrf_header", "X-Named")]),
                _ => (String::new(), vec![(field.as_str(), "t")]),
            };
            let header = if header.starts_with("named by") { "X-Named" } else { header };
            assert_eq!(find(&auto(), &cookies, metas(&page), decode), pair(header, "t"), "{who}: {place}");
        }
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
