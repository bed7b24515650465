//! "Redirected to the sign-in page" means the session is gone: Django's
//! `@login_required`, Flask-Login, Spring and most server-rendered stacks
//! answer a dead session with a 302 to the sign-in page, not a 401, and
//! fetch/XHR follow it silently to a 200.

use crate::prelude::*;
/// The sign-in page a `redirectUrl` string implies: its origin and path,
/// without query or fragment. `None` for the site root, which every URL
/// would match.
pub fn from_redirect_url(absolute: &str) -> Option<String> {
    let page = crate::split::before(crate::split::before(absolute, b'?'), b'#');
    let (origin, path) = split(page)?;
    (path != "/").then(|| cat(&[origin, path]))
}

/// Whether `landed` (the absolute URL a request ended on) is the sign-in
/// page `sign_in` (absolute): same origin, and the path is the sign-in
/// path or below it (`/login`, `/login/`, `/login/sso`, not `/login-help`).
pub fn is_sign_in_page(landed: &str, sign_in: &str) -> bool {
    let landed = crate::split::before(crate::split::before(landed, b'?'), b'#');
    let (Some((o1, p1)), Some((o2, p2))) = (split(landed), split(sign_in)) else { return false };
    if !o1.eq_ignore_ascii_case(o2) {
        return false;
    }
    let base = crate::split::trim_end(p2, b'/');
    match p1.strip_prefix(base) {
        Some(rest) => rest.is_empty() || rest.starts_with("/"),
        None => false,
    }
}

/// `https://host:port/path` → (`https://host:port`, `/path`).
fn split(url: &str) -> Option<(&str, &str)> {
    // `get` and `split_at_checked` rather than indexing: no panic path
    // (and its formatting code) is linked for a URL the page gave.
    let colon = crate::split::find(url, b':')?;
    let host = url.get(colon..)?.strip_prefix("://")?;
    match crate::split::find(host, b'/') {
        Some(i) => url.split_at_checked(url.len() - host.len() + i),
        None => Some((url, "/")),
    }
}

#[cfg(test)]
mod tests {
    use super::{from_redirect_url, is_sign_in_page};

    const LOGIN: &str = "https://app.example/accounts/login";

    #[test]
    fn the_sign_in_page_and_below_it() {
        assert!(is_sign_in_page("https://app.example/accounts/login", LOGIN));
        assert!(is_sign_in_page("https://app.example/accounts/login/?next=/api/data", LOGIN));
        assert!(is_sign_in_page("https://app.example/accounts/login/sso#x", LOGIN));
        assert!(is_sign_in_page("https://app.example/accounts/login?next=/x", "https://app.example/accounts/login/"));
    }

    #[test]
    fn other_pages_are_plain_activity() {
        assert!(!is_sign_in_page("https://app.example/accounts/login-help", LOGIN));
        assert!(!is_sign_in_page("https://app.example/dashboard", LOGIN));
        assert!(!is_sign_in_page("https://evil.example/accounts/login", LOGIN));
        assert!(!is_sign_in_page("not a url", LOGIN));
    }

    #[test]
    fn derived_from_the_redirect_url() {
        assert_eq!(from_redirect_url("https://app.example/login?expired=true").as_deref(), Some("https://app.example/login"));
        assert_eq!(from_redirect_url("https://idp.example/sso/start#a").as_deref(), Some("https://idp.example/sso/start"));
        assert_eq!(from_redirect_url("https://app.example/"), None, "the root would match every page");
        assert_eq!(from_redirect_url("https://app.example"), None);
    }
}
