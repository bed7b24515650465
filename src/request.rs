//! The library's own requests (keep-alive, status): with the page's
//! cookies and CSRF token, and a time-out. A redirect is followed so its
//! end can be seen: the sign-in page means the session is gone. Dropping
//! the guard aborts the request.

use crate::prelude::*;
use crate::js::Function;
use crate::platform::{self, Callback};
use crate::core::EpochMs;
use crate::remaining::{from_number, parse_seconds_left};
use wasm_bindgen::JsValue;

/// What to send.
pub struct Spec<'a> {
    /// Where.
    pub url: &'a str,
    /// How.
    pub method: &'a str,
    /// The CSRF header and token to send, if any.
    pub csrf: Option<(String, String)>,
    /// The response header that carries seconds left.
    pub remaining_header: Option<&'a str>,
    /// The response header that carries seconds until the hard end.
    pub absolute_header: Option<&'a str>,
    /// Also look for `{"secondsLeft": N}` in a JSON body.
    pub read_json: bool,
    /// Give up after this long.
    pub timeout_ms: u32,
    /// Follow redirects (to see where they end), or report one without
    /// following it (a DELETE would be sent on to the next page).
    pub follow: bool,
}

/// What came back.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reply {
    /// The status; 0 for a network error, time-out or abort.
    pub status: u16,
    /// The server's time left in ms, when it said.
    pub remaining_ms: Option<u64>,
    /// Where the request ended.
    pub landed: Landed,
    /// The server's time to the session's hard end in ms, when it said.
    pub hard_end_in_ms: Option<u64>,
}

/// Where a request ended, after redirects.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Landed {
    /// Where it was sent: no redirect.
    Asked,
    /// Redirected to the sign-in page.
    SignIn,
    /// Redirected somewhere else.
    Elsewhere,
}

impl Landed {
    /// From whether a redirect happened and where it ended. A redirect
    /// with no end (`None`) went to another origin that would not let the
    /// page follow (no CORS): that is a single sign-on provider's sign-in.
    pub fn of(redirected: bool, url: Option<&str>, sign_in: Option<&str>) -> Landed {
        match (redirected, url, sign_in) {
            (false, ..) => Landed::Asked,
            (true, None, _) => Landed::SignIn,
            (true, Some(url), Some(s)) if crate::sign_in::is_sign_in_page(url, s) => Landed::SignIn,
            _ => Landed::Elsewhere,
        }
    }
}

/// A request on its way; dropping it aborts the request.
#[must_use = "the request is aborted when this is dropped"]
pub struct InFlight {
    abort: Function,
    _on_reply: Callback,
}

impl InFlight {
    /// A call in progress that `stop` cancels; `callback` lives as long.
    pub fn new(stop: Function, callback: Callback) -> InFlight {
        InFlight { abort: stop, _on_reply: callback }
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        let _ = self.abort.call0(&JsValue::NULL);
    }
}

/// Sends `spec`; `on_reply` hears its fields (read them with [`read`])
/// once, unless the guard is dropped first.
pub fn send(spec: Spec<'_>, on_reply: Callback) -> InFlight {
    let (header, token) = spec.csrf.unwrap_or_default();
    let abort = platform::send(
        spec.url,
        spec.method,
        &header,
        &token,
        spec.remaining_header.unwrap_or(""),
        spec.absolute_header.unwrap_or(""),
        spec.read_json,
        spec.timeout_ms as f64,
        spec.follow,
        on_reply.as_ref(),
    );
    InFlight { abort, _on_reply: on_reply }
}

/// The reply in the platform's `[status, final URL, redirected, header
/// value, JSON secondsLeft, absolute header value]`.
pub fn read(fields: &JsValue, sign_in: Option<&str>) -> Reply {
    let field = |i| platform::field(fields, i);
    let mut reply = reply(crate::observe::reported_status(field(0).as_f64(), None), field(1).as_string(), field(2).as_bool(), field(3).as_string(), field(4).as_f64(), sign_in);
    reply.hard_end_in_ms = field(5).as_string().as_deref().and_then(parse_seconds_left);
    reply
}

/// When the server wrote the answer (its `Date`), if it said: a cache's
/// old copy shows by it (see `observe::Copies`).
pub fn written(fields: &JsValue) -> Option<EpochMs> {
    crate::timer::http_date(&platform::field(fields, 6).as_string()?)
}

/// An answer that never came (or says nothing of the session now).
pub const UNANSWERED: Reply = Reply { status: 0, remaining_ms: None, landed: Landed::Asked, hard_end_in_ms: None };

/// What an answer means: where it landed, and the server's time left
/// (from the header, else from a JSON body's `secondsLeft`).
fn reply(status: u16, url: Option<String>, redirected: Option<bool>, header: Option<String>, json_seconds: Option<f64>, sign_in: Option<&str>) -> Reply {
    let landed = Landed::of(redirected.unwrap_or(false), url.as_deref(), sign_in);
    let remaining_ms = header.as_deref().and_then(parse_seconds_left).or(json_seconds.and_then(from_number));
    Reply { status, remaining_ms, landed, hard_end_in_ms: None }
}

#[cfg(test)]
mod tests {
    use super::{reply, Landed};
    use crate::core::Input;

    #[test]
    fn where_a_request_landed() {
        let login = Some("https://a.example/login");
        assert_eq!(Landed::of(false, Some("https://a.example/keep-alive"), login), Landed::Asked);
        assert_eq!(Landed::of(true, Some("https://a.example/login?next=%2Fapp"), login), Landed::SignIn);
        assert_eq!(Landed::of(true, Some("https://a.example/elsewhere"), login), Landed::Elsewhere);
        assert_eq!(Landed::of(true, Some("https://a.example/login"), None), Landed::Elsewhere, "no sign-in page known");
        // A redirect the browser would not follow (another origin, no
        // CORS): a single sign-on provider's sign-in, whatever was configured.
        assert_eq!(Landed::of(true, None, login), Landed::SignIn);
        assert_eq!(Landed::of(true, None, None), Landed::SignIn);
    }

    #[test]
    fn a_keep_alive_sent_to_a_single_sign_on_provider_means_signed_out() {
        // The platform's reply for such a redirect: no status, redirected, no URL.
        let sso = reply(0, None, Some(true), None, None, Some("https://a.example/login"));
        assert_eq!(crate::keep_alive::outcome(sso, &[401, 440]), Input::KeepAliveUnauthorized);
        // No answer at all is still only a failure.
        let offline = reply(0, Some("https://a.example/keep-alive".into()), Some(false), None, None, Some("https://a.example/login"));
        assert_ne!(crate::keep_alive::outcome(offline, &[401, 440]), Input::KeepAliveUnauthorized);
    }
}
