//! What a keep-alive answer means for the session.

use crate::core::{Failure, Input};
use crate::remaining::from_number;
use wasm_bindgen::JsValue;
use crate::request::{Landed, Reply};

/// 2xx extends (with the server's time left when it said). The session is
/// gone only on an `unauthorized` status (401, 440) or a redirect to the
/// sign-in page. Any other 4xx is a refusal, never a sign-out by itself:
/// most often a CSRF token the server did not accept (see
/// [`CSRF_STATUSES`]); a network error, time-out, 5xx or redirect
/// elsewhere says nothing about the session.
pub fn outcome(reply: Reply, unauthorized: &[u16]) -> Input {
    match (reply.landed, reply.status) {
        (Landed::SignIn, _) => Input::KeepAliveUnauthorized,
        (_, s) if unauthorized.contains(&s) => Input::KeepAliveUnauthorized,
        (Landed::Asked, 200..=299) => Input::KeepAliveSucceeded(reply.remaining_ms),
        (Landed::Asked, 400..=499) => Input::KeepAliveFailed(Failure::Refused),
        _ => Input::KeepAliveFailed(Failure::Unreachable),
    }
}

/// How frameworks refuse a CSRF token: 400 (Flask-WTF, ASP.NET Core), 403
/// (Django, Spring Security, Express's and Fastify's CSRF packages), 419
/// (Laravel), 422 (Rails).
pub fn csrf_refusal(status: u16) -> bool {
    matches!(status, 400 | 403 | 419 | 422)
}

/// What a `keepAlive()` or `status()` function answered.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum FnAnswer {
    /// It resolved to `true`.
    Yes,
    /// It resolved to `false`.
    No,
    /// It resolved to a number, or `{ secondsLeft: N }`.
    Seconds(f64),
    /// It resolved to `null` or `undefined`.
    Nothing,
    /// It threw, rejected, timed out or answered something else.
    Failed,
}

impl FnAnswer {
    /// Reads the platform's `[resolved, value]`.
    pub fn read(answer: &JsValue) -> FnAnswer {
        let field = |i| crate::platform::field(answer, i);
        if field(0).as_bool() != Some(true) {
            return FnAnswer::Failed;
        }
        let value = field(1);
        if let Some(b) = value.as_bool() {
            return if b { FnAnswer::Yes } else { FnAnswer::No };
        }
        if value.is_null() || value.is_undefined() {
            return FnAnswer::Nothing;
        }
        let seconds = value.as_f64().or_else(|| crate::js::get(&value, &"secondsLeft".into()).ok()?.as_f64());
        seconds.map_or(FnAnswer::Failed, FnAnswer::Seconds)
    }
}

/// What `keepAlive()` answering means: true or `{ secondsLeft }` extends;
/// false is a refusal; a throw, rejection or nonsense is a failure. None
/// of them signs anyone out.
pub fn function_outcome(answer: FnAnswer) -> Input {
    match answer {
        FnAnswer::Yes => Input::KeepAliveSucceeded(None),
        FnAnswer::Seconds(s) => match from_number(s) {
            Some(ms) => Input::KeepAliveSucceeded(Some(ms)),
            None => Input::KeepAliveFailed(Failure::Unreachable),
        },
        FnAnswer::No => Input::KeepAliveFailed(Failure::Refused),
        FnAnswer::Nothing | FnAnswer::Failed => Input::KeepAliveFailed(Failure::Unreachable),
    }
}

/// What `status()` answering means: seconds left, or nothing known.
pub fn status_function_outcome(answer: FnAnswer) -> Input {
    match answer {
        FnAnswer::Seconds(s) => from_number(s).map_or(Input::StatusUnknown, Input::ServerRemaining),
        _ => Input::StatusUnknown,
    }
}

/// Where and how the keep-alive goes: `keepAliveUrl` with its method, or
/// without one a GET of the page the person is on (`here`, read at send
/// time: a single-page app may have moved), which refreshes most sessions.
pub fn target<'a>(url: Option<&'a str>, method: &'a str, here: &'a str) -> (&'a str, &'a str) {
    match url {
        Some(url) => (url, method),
        None => (here, "GET"),
    }
}

#[cfg(test)]
mod tests {
    use super::outcome;
    use crate::core::{Failure, Input};
    use crate::request::{Landed, Reply};

    const GONE: [u16; 2] = [401, 440];

    fn reply(status: u16, landed: Landed) -> Reply {
        Reply { status, remaining_ms: None, landed, hard_end_in_ms: None }
    }

    #[test]
    fn answers_mean_what_they_say() {
        assert_eq!(outcome(reply(204, Landed::Asked), &GONE), Input::KeepAliveSucceeded(None));
        assert_eq!(outcome(Reply { remaining_ms: Some(60_000), ..reply(200, Landed::Asked) }, &GONE), Input::KeepAliveSucceeded(Some(60_000)));
        assert_eq!(outcome(reply(401, Landed::Asked), &GONE), Input::KeepAliveUnauthorized);
        assert_eq!(outcome(reply(440, Landed::Asked), &GONE), Input::KeepAliveUnauthorized);
        assert_eq!(outcome(reply(500, Landed::Asked), &GONE), Input::KeepAliveFailed(Failure::Unreachable));
        assert_eq!(outcome(reply(0, Landed::Asked), &GONE), Input::KeepAliveFailed(Failure::Unreachable));
    }

    #[test]
    fn a_refusal_is_not_a_sign_out() {
        // Each framework's answer to a CSRF token it does not accept, and
        // any other 4xx (a wrong URL or method, too many requests).
        for status in [400, 403, 404, 405, 419, 422, 429] {
            assert_eq!(outcome(reply(status, Landed::Asked), &GONE), Input::KeepAliveFailed(Failure::Refused), "{status}");
        }
        assert!(super::csrf_refusal(400) && super::csrf_refusal(419) && !super::csrf_refusal(404));
        // …unless the page says 403 means gone.
        assert_eq!(outcome(reply(403, Landed::Asked), &[401, 403]), Input::KeepAliveUnauthorized);
    }

    #[test]
    fn function_answers_mean_what_they_say() {
        use super::{function_outcome, status_function_outcome, FnAnswer};
        assert_eq!(function_outcome(FnAnswer::Yes), Input::KeepAliveSucceeded(None));
        assert_eq!(function_outcome(FnAnswer::Seconds(899.5)), Input::KeepAliveSucceeded(Some(900_000)));
        assert_eq!(function_outcome(FnAnswer::No), Input::KeepAliveFailed(Failure::Refused), "false: not extended");
        assert_eq!(function_outcome(FnAnswer::Failed), Input::KeepAliveFailed(Failure::Unreachable), "a throw is never a sign-out");
        assert_eq!(function_outcome(FnAnswer::Seconds(-1.0)), Input::KeepAliveFailed(Failure::Unreachable));
        assert_eq!(status_function_outcome(FnAnswer::Seconds(60.0)), Input::ServerRemaining(60_000));
        assert_eq!(status_function_outcome(FnAnswer::Nothing), Input::StatusUnknown);
        assert_eq!(status_function_outcome(FnAnswer::Failed), Input::StatusUnknown);
    }

    #[test]
    fn without_a_url_the_page_itself_is_fetched() {
        assert_eq!(super::target(Some("/keep-alive"), "POST", "https://a.example/x"), ("/keep-alive", "POST"));
        assert_eq!(super::target(None, "POST", "https://a.example/x"), ("https://a.example/x", "GET"));
    }

    #[test]
    fn redirects() {
        assert_eq!(outcome(reply(200, Landed::SignIn), &GONE), Input::KeepAliveUnauthorized, "the login page answered");
        assert_eq!(outcome(reply(200, Landed::Elsewhere), &GONE), Input::KeepAliveFailed(Failure::Unreachable));
    }
}
