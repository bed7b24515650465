//! What a keep-alive answer means for the session.

use crate::core::{Failure, Input};
use crate::prelude::*;
use crate::request::{Landed, Reply};

/// 2xx extends (with the server's time left when it said). The session is
/// gone only on an `unauthorized` status (401, 440) or a redirect to the
/// sign-in page. A 403 is a refusal, usually a CSRF token the server did
/// not accept, and never a sign-out by itself; a network error, time-out,
/// 5xx or redirect elsewhere says nothing about the session.
pub fn outcome(reply: Reply, unauthorized: &[u16]) -> Input {
    match (reply.landed, reply.status) {
        (Landed::SignIn, _) => Input::Unauthorized,
        (_, s) if unauthorized.contains(&s) => Input::Unauthorized,
        (Landed::Asked, 200..=299) => Input::KeepAliveSucceeded(reply.remaining_ms),
        (Landed::Asked, 403) => Input::KeepAliveFailed(Failure::Refused),
        _ => Input::KeepAliveFailed(Failure::Unreachable),
    }
}

/// Where and how the keep-alive goes: `keepAliveUrl` with its method, or
/// without one a GET of the page the person is on (`here`, read at send
/// time: a single-page app may have moved), which refreshes most sessions.
pub fn target(url: Option<&str>, method: &str, here: String) -> (String, String) {
    match url {
        Some(url) => (url.to_owned(), method.to_owned()),
        None => (here, "GET".to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::outcome;
    use crate::core::{Failure, Input};
    use crate::request::{Landed, Reply};

    const GONE: [u16; 2] = [401, 440];

    fn reply(status: u16, landed: Landed) -> Reply {
        Reply { status, remaining_ms: None, landed }
    }

    #[test]
    fn answers_mean_what_they_say() {
        assert_eq!(outcome(reply(204, Landed::Asked), &GONE), Input::KeepAliveSucceeded(None));
        assert_eq!(outcome(Reply { remaining_ms: Some(60_000), ..reply(200, Landed::Asked) }, &GONE), Input::KeepAliveSucceeded(Some(60_000)));
        assert_eq!(outcome(reply(401, Landed::Asked), &GONE), Input::Unauthorized);
        assert_eq!(outcome(reply(440, Landed::Asked), &GONE), Input::Unauthorized);
        assert_eq!(outcome(reply(500, Landed::Asked), &GONE), Input::KeepAliveFailed(Failure::Unreachable));
        assert_eq!(outcome(reply(0, Landed::Asked), &GONE), Input::KeepAliveFailed(Failure::Unreachable));
    }

    #[test]
    fn a_403_is_a_refusal_not_a_sign_out() {
        assert_eq!(outcome(reply(403, Landed::Asked), &GONE), Input::KeepAliveFailed(Failure::Refused));
        // …unless the page says 403 means gone.
        assert_eq!(outcome(reply(403, Landed::Asked), &[401, 403]), Input::Unauthorized);
    }

    #[test]
    fn without_a_url_the_page_itself_is_fetched() {
        assert_eq!(super::target(Some("/keep-alive"), "POST", "https://a.example/x".into()), ("/keep-alive".into(), "POST".into()));
        assert_eq!(super::target(None, "POST", "https://a.example/x".into()), ("https://a.example/x".into(), "GET".into()));
    }

    #[test]
    fn redirects() {
        assert_eq!(outcome(reply(200, Landed::SignIn), &GONE), Input::Unauthorized, "the login page answered");
        assert_eq!(outcome(reply(200, Landed::Elsewhere), &GONE), Input::KeepAliveFailed(Failure::Unreachable));
    }
}
