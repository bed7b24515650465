//! Request observation: every response the page gets from its own server
//! restarts the session clock, a 401 ends it, and the server's time left
//! replaces our guess. Two ways to see responses: a small patch of
//! fetch/XHR (exact, immediate, reads any header; the default) or a
//! PerformanceObserver (no patch at all). Both live in `platform/platform.js`.

use crate::prelude::*;
use crate::js::Function;
mod cached;
mod filter;

use crate::config::{Config, TrackMode, TrackRequests};
use core::cell::Cell;
use crate::core::EpochMs;
use crate::remaining::parse_seconds_left;
use crate::platform::{self, Callback};
use crate::request::Landed;
use crate::timer::epoch_ms;
use wasm_bindgen::{JsCast, JsValue};

pub use cached::{from_browser_cache, Copies};
pub use filter::{counts, strip_fragment};

/// What one observed response tells the clock.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Seen {
    /// The server saw the user; its time left in ms when it said.
    Activity(Option<u64>),
    /// The server said the session is gone.
    Unauthorized,
    /// A refusal that says nothing sure (see `Input::Refused`); also a
    /// request that failed with no answer at all, which is how a browser
    /// shows a page's call that an SSO proxy sent on to its provider.
    Refused,
}

/// Whether `status` refuses a request for a reason that may or may not be
/// a dead session: how frameworks that check a POST's CSRF token, kept in
/// the session, before the user answer one whose session died (Flask-WTF
/// 400, Laravel 419), and how Django REST framework answers a call
/// without a session (403). A live session gets them too: a missing
/// permission, a stale token, a bad request. (Rails, as it ships, checks
/// the user first and redirects; its 422 is a validation error.)
pub fn refused(status: u16) -> bool {
    matches!(status, 400 | 403 | 419)
}

/// The status of an observed answer: as reported, or, from an engine that
/// reports none (WebKit's resource entries have no `responseStatus`), a
/// plain success when a response came (the server saw the user; a 401
/// cannot be told apart there), and 0 (no answer) when none did.
pub fn reported_status(status: Option<f64>, answered: Option<bool>) -> u16 {
    match (status, answered) {
        (Some(s), _) if (0.0..=999.0).contains(&s) => s as u16,
        (None, Some(true)) => 200,
        _ => 0,
    }
}

/// How long after a failed call that asked the status another one may.
const FAILURE_GAP_MS: u64 = 60_000;

/// Turns an observed response into what it tells the clock (None: nothing).
/// A redirect to the sign-in page means the session is gone; a redirect
/// elsewhere is plain activity.
pub fn interpret(status: u16, remaining: Option<&str>, unauthorized: &[u16], landed: Landed) -> Option<Seen> {
    if status == 0 {
        return None; // network error or opaque: the server may never have seen it
    }
    if landed == Landed::SignIn || unauthorized.contains(&status) {
        return Some(Seen::Unauthorized);
    }
    let remaining = remaining.and_then(parse_seconds_left);
    // With the time left, the server has said the session is alive.
    if refused(status) && remaining.is_none() {
        return Some(Seen::Refused);
    }
    Some(Seen::Activity(remaining))
}

/// Watches the page's requests until dropped: fetch and XHR wrapped (the
/// originals put back on drop), or a PerformanceObserver (disconnected).
#[must_use = "request observation stops when this is dropped"]
pub struct RequestObserver {
    stop: Function,
    _report: Callback,
    origin: String,
    base: String,
    /// When the last answer reported to the clock was answered.
    last_reported: Cell<Option<EpochMs>>,
    /// When a failed call last asked the status (see `FAILURE_GAP_MS`).
    last_failure: Cell<EpochMs>,
}

impl Drop for RequestObserver {
    fn drop(&mut self) {
        let _ = self.stop.call0(&JsValue::NULL);
    }
}

/// When the server last saw the user before we started, by the fetch and
/// XHR answers the browser logged (an app that signs in with fetch and
/// then starts the library): the latest one that counts.
pub fn last_logged_answer(config: &Config) -> Option<EpochMs> {
    let origin = platform::origin();
    let mut latest = None;
    let answers = platform::logged_answers();
    let mut i = 0;
    while let Some(url) = platform::field(&answers, i).as_string() {
        let first = i;
        let field = |k| platform::field(&answers, first + k);
        i += 6;
        let Some(at) = field(2).as_f64() else { continue };
        // The browser's cache answered: the server never saw it.
        if from_browser_cache(field(4).as_f64(), field(5).as_f64()) {
            continue;
        }
        let status = reported_status(field(1).as_f64(), field(3).as_bool());
        // The library's own .wasm download is not the server seeing the user.
        let wasm = crate::split::before(strip_fragment(&url), b'?').ends_with(".wasm");
        if status != 0 && !refused(status) && !wasm && counts(&url, &origin, &config.track_requests, &config.own_urls()) {
            latest = latest.max(Some(epoch_ms(at)));
        }
    }
    latest
}

/// Starts observing; `report` hears each answer of the page (read it
/// with [`RequestObserver::hear`]).
pub fn start(config: &Config, report: Callback) -> Option<RequestObserver> {
    let TrackRequests::Prefixes { mode, .. } = config.track_requests else { return None };
    let (header, absolute) = (config.remaining_header.as_deref(), config.absolute_header.as_deref());
    let started = match mode {
        TrackMode::Patch => platform::install(report.as_ref(), header, absolute),
        TrackMode::Observe => platform::observe_resources(report.as_ref(), header, absolute),
    };
    match started.dyn_into::<Function>() {
        Ok(stop) => Some(RequestObserver { stop, _report: report, origin: platform::origin(), base: platform::base(), last_reported: Cell::new(None), last_failure: Cell::new(0) }),
        Err(e) => {
            platform::log("error", "session-timeout: could not watch the page's requests", &e);
            None
        }
    }
}

impl RequestObserver {
    /// A call that says nothing sure of the session (failed, or
    /// redirected where observe mode cannot follow): not activity, but a
    /// question for the status endpoint, asked once a minute at most for
    /// such calls (a page polling a URL an ad blocker stops must not poll
    /// the status endpoint too).
    fn unsure(&self, at: EpochMs) -> Option<Seen> {
        if at < self.last_failure.get().saturating_add(FAILURE_GAP_MS) {
            return None;
        }
        self.last_failure.set(at);
        Some(Seen::Refused)
    }

    /// What one answer of the page tells the clock (under `config`, the
    /// options it started with), if it counts: what
    /// was seen, when the server answered, when the request was sent
    /// (read for "gone" only, else the answer's time), and its time to
    /// the hard end (ms). The answer is `[asked, final URL (observe: the
    /// one asked), status, header value, redirected (patch: fetch only),
    /// at, absolute header value, whether a response came, its transfer
    /// size (observe only), its `Date` (patch only), sent, failed with no
    /// answer (patch only), its body size (observe only)]`; every field
    /// read crosses into JavaScript, so on every answer only what the
    /// options use is read.
    /// `copies` tells a cache's old copy by its `Date`.
    pub fn hear(&self, answer: &JsValue, config: &Config, copies: &Copies) -> Option<(Seen, EpochMs, EpochMs, Option<u64>)> {
        let field = |i| platform::field(answer, i);
        let absolute = |url: JsValue| crate::urls::absolute(&url.as_string()?, &self.base);
        let href = absolute(field(0))?;
        // The browser's cache answered: the server never saw it.
        if from_browser_cache(field(8).as_f64(), field(12).as_f64()) || !counts(&href, &self.origin, &config.track_requests, &config.own_urls()) {
            return None;
        }
        // fetch says whether it was redirected; only then (or for XHR,
        // which does not say) is the final URL worth reading.
        let said = field(4).as_bool();
        let landed_href = if said == Some(false) { String::new() } else { absolute(field(1)).unwrap_or_default() };
        let redirected = said.unwrap_or_else(|| strip_fragment(&landed_href) != strip_fragment(&href));
        let landed = Landed::of(redirected, Some(&landed_href), config.sign_in_url.as_deref());
        // Observe mode sees that a redirect happened, not where it ended: a
        // dead session's call sent on to the sign-in page would look like
        // the server seeing the person.
        let end_unseen = redirected && matches!(config.track_requests, TrackRequests::Prefixes { mode: TrackMode::Observe, .. });
        let status = match field(2).as_f64() {
            Some(s) => reported_status(Some(s), None),
            None => reported_status(None, field(7).as_bool()),
        };
        let left = if config.remaining_header.is_some() { field(3).as_string() } else { None };
        let at = epoch_ms(field(5).as_f64().unwrap_or(0.0));
        let seen = match interpret(status, left.as_deref(), &config.unauthorized_statuses, landed) {
            Some(Seen::Activity(None)) if end_unseen => self.unsure(at)?,
            Some(seen) => seen,
            // Failed (patch mode says so; not the page's own abort): a
            // redirect to another origin's sign-in, which the browser
            // blocks, or the network, or a blocker.
            None if field(11).as_bool() == Some(true) => self.unsure(at)?,
            None => return None,
        };
        let date = field(9).as_string().and_then(|d| crate::timer::http_date(&d));
        if copies.is_copy(at, date) {
            return None;
        }
        let hard_end_in = if config.absolute_header.is_some() { field(6).as_string().as_deref().and_then(parse_seconds_left) } else { None };
        // Plain answers within a second of the last one reported cannot
        // move a deadline kept in whole seconds: a busy page pays for
        // one clock step a second, not one per request. The server's
        // time left and "session gone" always go through.
        if seen == Seen::Activity(None) && hard_end_in.is_none() && self.last_reported.get().is_some_and(|t| at < t.saturating_add(1000)) {
            return None;
        }
        // Only activity moves the clock: an answer after a 403 still counts.
        if matches!(seen, Seen::Activity(_)) {
            self.last_reported.set(Some(at));
        }
        let sent = match seen {
            Seen::Unauthorized => field(10).as_f64().map(epoch_ms).filter(|&sent| sent > 0 && sent <= at).unwrap_or(at),
            _ => at,
        };
        Some((seen, at, sent, hard_end_in))
    }
}

#[cfg(test)]
mod tests {
    use super::{interpret, Seen};
    use crate::request::Landed::{Asked, Elsewhere, SignIn};

    #[test]
    fn statuses_mean_what_they_say() {
        let gone = [401, 440];
        assert_eq!(interpret(200, Some("1795"), &gone, Asked), Some(Seen::Activity(Some(1_795_000))));
        assert_eq!(interpret(404, None, &gone, Asked), Some(Seen::Activity(None)), "the server still saw the user");
        assert_eq!(interpret(500, Some("garbage"), &gone, Asked), Some(Seen::Activity(None)));
        assert_eq!(interpret(401, Some("1795"), &gone, Asked), Some(Seen::Unauthorized));
        assert_eq!(interpret(440, None, &gone, Asked), Some(Seen::Unauthorized));
        assert_eq!(interpret(403, None, &gone, Asked), Some(Seen::Refused), "forbidden is neither signed out nor surely seen");
        assert_eq!(interpret(419, None, &gone, Asked), Some(Seen::Refused), "nor is Laravel's Page Expired");
        assert_eq!(interpret(400, None, &gone, Asked), Some(Seen::Refused), "nor is Flask-WTF's refused token");
        assert_eq!(interpret(422, None, &gone, Asked), Some(Seen::Activity(None)), "a validation error is the server seeing the user");
        assert_eq!(interpret(409, None, &gone, Asked), Some(Seen::Activity(None)), "a conflict is the server seeing the user");
        assert_eq!(interpret(403, Some("1795"), &gone, Asked), Some(Seen::Activity(Some(1_795_000))), "the time left says the session is alive");
        assert_eq!(interpret(403, None, &[401, 403], Asked), Some(Seen::Unauthorized), "unless the page lists it as gone");
        assert_eq!(interpret(0, None, &gone, Asked), None);
    }

    #[test]
    fn an_engine_that_reports_no_status_still_counts_an_answer() {
        use super::reported_status;
        assert_eq!(reported_status(Some(401.0), Some(true)), 401);
        assert_eq!(reported_status(Some(0.0), Some(false)), 0, "no answer");
        assert_eq!(reported_status(None, Some(true)), 200, "WebKit: a response came");
        assert_eq!(reported_status(None, Some(false)), 0);
        assert_eq!(reported_status(None, None), 0);
        assert_eq!(reported_status(Some(f64::NAN), None), 0);
    }

    #[test]
    fn a_redirect_to_the_sign_in_page_means_gone() {
        let gone = [401, 440];
        assert_eq!(interpret(200, None, &gone, SignIn), Some(Seen::Unauthorized));
        assert_eq!(interpret(200, None, &gone, Elsewhere), Some(Seen::Activity(None)), "a redirect elsewhere is activity");
    }
}
