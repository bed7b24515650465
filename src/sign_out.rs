//! Signing out where the person chose it. The session is ended at the
//! server by a POST to `signOutUrl`, with the CSRF token, as the
//! keep-alive is sent: Django 5, Spring Security, Laravel and ASP.NET
//! Core take no GET there (a GET showed a 405 page, or the logout
//! confirmation, and left the session alive). Then the page goes where
//! the server sent it. Where that URL takes no POST (a 404 or 405), it is
//! sent once more as a DELETE: Devise, Rails' most used sign-in, signs
//! out on DELETE only unless told otherwise.

use crate::prelude::*;

/// How to sign out at `sign_out_url` (absolute) from a page on `origin`.
#[derive(Debug, PartialEq, Eq)]
pub enum How {
    /// POST it, and see where the answer leads (this origin: cookies go).
    Post,
    /// Go there: another origin (a single sign-on provider's sign-out),
    /// where a request would carry no cookies.
    Open,
}

/// Where to go once the server answered the POST.
#[derive(Debug, PartialEq, Eq)]
pub enum Next {
    /// Where the server's redirect ended: its page for the signed out.
    Landed(String),
    /// Signed out, and no page given (or one on another origin that the
    /// page cannot follow): the sign-in page, as for the other tabs.
    SignIn,
    /// `signOutUrl` itself: it takes no POST or DELETE (a GET-only
    /// endpoint signs out on GET), or the request failed and its own
    /// answer should show.
    Open,
    /// Send it again as a DELETE: there is no POST route there.
    Delete,
}

/// POST on this origin; open another origin's.
pub fn how(sign_out_url: &str, origin: &str) -> How {
    match crate::urls::on_origin(sign_out_url, origin) {
        Some(_) => How::Post,
        None => How::Open,
    }
}

/// Whether a form the page sent (the platform's report `method url`,
/// the URL absolute) is its own sign-out: a POST to `sign_out_url`
/// (absolute), whatever its query or fragment. A link there is not: a
/// GET may only ask "are you sure?".
pub fn is_page_sign_out(submitted: &str, sign_out_url: &str) -> bool {
    let page = |url| crate::split::trim_end(crate::split::before(crate::split::before(url, b'#'), b'?'), b'/');
    match crate::split::split_once(submitted, b' ') {
        Some((method, url)) => method.eq_ignore_ascii_case("post") && page(url) == page(sign_out_url),
        None => false,
    }
}

/// What the answer to the POST (`posted`) or the DELETE means: `status`
/// (0 for none), whether it was redirected, and where it ended (`None`
/// for a redirect not followed: the DELETE's, which would be sent on to
/// the next page as a DELETE, or one to another origin).
pub fn next(status: u16, redirected: bool, landed: Option<String>, posted: bool) -> Next {
    match (status, redirected, landed) {
        (200..=299, true, Some(url)) => Next::Landed(url),
        (200..=299, ..) | (0, true, None) => Next::SignIn,
        // Not a redirect's end: the URL itself has no POST route.
        (404 | 405, false, _) if posted => Next::Delete,
        _ => Next::Open,
    }
}

#[cfg(test)]
mod tests {
    use super::{how, How, Next};

    #[test]
    fn this_origins_sign_out_is_posted() {
        let o = "https://app.example";
        assert_eq!(how("https://app.example/accounts/logout/", o), How::Post);
        assert_eq!(how("https://app.example", o), How::Post);
        assert_eq!(how("https://app.example.evil/logout", o), How::Open);
        assert_eq!(how("https://idp.example/logout", o), How::Open, "a provider's sign-out is opened");
    }

    #[test]
    fn the_answer_says_where_to_go() {
        let next = |status, redirected, landed: Option<&str>| super::next(status, redirected, landed.map(Into::into), true);
        // Django with LOGOUT_REDIRECT_URL, Spring, Laravel: a redirect to their page.
        assert_eq!(next(200, true, Some("https://app.example/login?logout")), Next::Landed("https://app.example/login?logout".into()));
        // Django without it renders a page at the POST's URL (a GET there is a 405): the sign-in page.
        assert_eq!(next(200, false, Some("https://app.example/accounts/logout/")), Next::SignIn);
        assert_eq!(next(204, false, None), Next::SignIn);
        // Sent on to a provider's sign-out on another origin: the session here is over.
        assert_eq!(next(0, true, None), Next::SignIn);
        // No POST route (Devise's default: DELETE; Flask's default route: GET): a DELETE next.
        assert_eq!(next(404, false, None), Next::Delete);
        assert_eq!(next(405, false, None), Next::Delete);
        // Taken, then sent on to a page that is missing: no DELETE after it.
        assert_eq!(next(404, true, Some("https://app.example/bye")), Next::Open);
        // Refused (a CSRF check), broken, or no answer: its own answer shows.
        for status in [403, 500] {
            assert_eq!(next(status, false, None), Next::Open);
        }
        assert_eq!(next(0, false, Some("https://app.example/accounts/logout/")), Next::Open);
    }

    #[test]
    fn the_pages_own_sign_out_is_a_form_posted_there() {
        let url = "https://app.example/accounts/logout/";
        assert!(super::is_page_sign_out("post https://app.example/accounts/logout/", url));
        assert!(super::is_page_sign_out("post https://app.example/accounts/logout?next=/bye#x", url));
        assert!(!super::is_page_sign_out("get https://app.example/accounts/logout/", url), "a GET may only ask");
        assert!(!super::is_page_sign_out("post https://app.example/accounts/logout/other", url));
        assert!(!super::is_page_sign_out("post https://app.example/app/notes", url));
        assert!(!super::is_page_sign_out("post https://other.example/accounts/logout/", url));
        assert!(!super::is_page_sign_out("", url));
    }

    #[test]
    fn the_delete_answer_says_where_to_go() {
        let next = |status, redirected, landed: Option<&str>| super::next(status, redirected, landed.map(Into::into), false);
        // Devise: a redirect, not followed (it would be sent on as a DELETE).
        assert_eq!(next(0, true, None), Next::SignIn);
        assert_eq!(next(204, false, None), Next::SignIn);
        // No DELETE either (a GET-only sign-out) or refused: open it.
        for status in [403, 404, 405, 500, 0] {
            assert_eq!(next(status, false, None), Next::Open);
        }
    }
}
