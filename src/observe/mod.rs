//! Request observation: every response the page gets from its own server
//! restarts the session clock, a 401 ends it, and the server's time left
//! replaces our guess. Two ways to see responses: a small patch of
//! fetch/XHR (exact, immediate, reads any header; the default) or a
//! PerformanceObserver (no patch at all; see `performance.rs`).

mod filter;
mod performance;

use crate::config::{TrackMode, TrackRequests};
use crate::core::EpochMs;
use crate::remaining::parse_seconds_left;
use crate::request::Landed;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use web_sys::Window;

pub use filter::{counts, strip_fragment};

/// What one observed response tells the clock.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Seen {
    /// The server saw the user; its time left in ms when it said.
    Activity(Option<u64>),
    /// The server said the session is gone.
    Unauthorized,
}

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
    Some(Seen::Activity(remaining.and_then(parse_seconds_left)))
}

#[wasm_bindgen(module = "/src/observe/patch.js")]
extern "C" {
    #[wasm_bindgen(catch)]
    fn install(report: &JsValue, header: Option<String>) -> Result<js_sys::Function, JsValue>;
}

/// Watches the page's requests until dropped.
#[must_use = "request observation stops when this is dropped"]
pub enum RequestObserver {
    /// fetch and XHR wrapped; dropping restores the originals.
    Patch {
        /// Puts the originals back.
        uninstall: js_sys::Function,
        /// Called by the wrapper; must live as long as it.
        _report: Closure<dyn FnMut(String, String, u16, Option<String>, Option<bool>, f64)>,
    },
    /// A PerformanceObserver; dropping disconnects it.
    Observe {
        /// Disconnects on drop.
        _observer: performance::ResourceObserver,
    },
}

impl Drop for RequestObserver {
    fn drop(&mut self) {
        if let RequestObserver::Patch { uninstall, .. } = self {
            let _ = uninstall.call0(&JsValue::NULL);
        }
    }
}

/// When the server last saw the user before we started, by the fetch and
/// XHR answers the browser logged (an app that signs in with fetch and
/// then starts the library): the latest one that counts.
pub fn last_logged_answer(window: &Window, rules: &TrackRequests, own: &[String]) -> Option<EpochMs> {
    let origin = window.location().origin().ok()?;
    performance::logged()
        .into_iter()
        // The library's own .wasm download is not the server seeing the user.
        .filter(|(url, status, _)| *status != 0 && !strip_fragment(url).split('?').next().unwrap_or("").ends_with(".wasm"))
        .filter(|(url, _, _)| counts(url, &origin, rules, own))
        .map(|(_, _, at)| at)
        .max()
}

/// What to watch for, besides the URL rules.
pub struct Watch {
    /// The response header with seconds left.
    pub header: Option<String>,
    /// Statuses that mean the session is gone.
    pub unauthorized: Vec<u16>,
    /// The sign-in page (absolute), if known.
    pub sign_in: Option<String>,
    /// The library's own URLs (absolute), which it handles itself.
    pub own: Vec<String>,
}

/// One observed answer, as the platform saw it.
struct Answer<'a> {
    asked: &'a str,
    landed: &'a str,
    status: u16,
    remaining: Option<&'a str>,
    /// Known for fetch; for XHR, told by comparing the URLs.
    redirected: Option<bool>,
    at: EpochMs,
}

/// Starts observing; `on_seen` gets each counted response with the time
/// the server answered it.
pub fn start(window: &Window, rules: &TrackRequests, watch: Watch, on_seen: impl Fn(Seen, EpochMs) + 'static) -> Option<RequestObserver> {
    let TrackRequests::Prefixes { mode, .. } = rules else { return None };
    let origin = window.location().origin().ok()?;
    let base = window.location().href().ok()?;
    let rules = rules.clone();
    let on_seen = Rc::new(on_seen);
    let Watch { header, unauthorized, sign_in, own } = watch;
    let last_reported = std::cell::Cell::new(None::<EpochMs>);
    let judge = move |answer: Answer<'_>| {
        let absolute = |url: &str| web_sys::Url::new_with_base(url, &base).map(|u| u.href()).ok();
        let Some(href) = absolute(answer.asked) else { return };
        if !counts(&href, &origin, &rules, &own) {
            return;
        }
        let landed_href = absolute(answer.landed).unwrap_or_default();
        let redirected = answer.redirected.unwrap_or_else(|| strip_fragment(&landed_href) != strip_fragment(&href));
        let landed = Landed::of(redirected, &landed_href, sign_in.as_deref());
        let Some(seen) = interpret(answer.status, answer.remaining, &unauthorized, landed) else { return };
        // Plain answers within a second of the last one reported cannot
        // move a deadline kept in whole seconds: a busy page pays for
        // one clock step a second, not one per request. The server's
        // time left and "session gone" always go through.
        if seen == Seen::Activity(None) && last_reported.get().is_some_and(|t| answer.at < t.saturating_add(1000)) {
            return;
        }
        last_reported.set(Some(answer.at));
        on_seen(seen, answer.at);
    };
    match mode {
        TrackMode::Patch => {
            let report = Closure::<dyn FnMut(String, String, u16, Option<String>, Option<bool>, f64)>::new(
                move |asked: String, landed: String, status: u16, value: Option<String>, redirected: Option<bool>, at: f64| {
                    let at = crate::timer::epoch_ms(at);
                    judge(Answer { asked: &asked, landed: &landed, status, remaining: value.as_deref(), redirected, at })
                },
            );
            match install(report.as_ref(), header) {
                Ok(uninstall) => Some(RequestObserver::Patch { uninstall, _report: report }),
                Err(e) => {
                    web_sys::console::error_2(&"session-timeout: could not watch fetch/XMLHttpRequest".into(), &e);
                    None
                }
            }
        }
        // Resource entries name the URL asked for and not where a redirect
        // ended, so observe mode cannot see the sign-in redirect.
        TrackMode::Observe => performance::ResourceObserver::new(header, move |url, status, remaining, at| {
            judge(Answer { asked: url, landed: url, status, remaining, redirected: Some(false), at })
        })
        .map(|o| RequestObserver::Observe { _observer: o }),
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
        assert_eq!(interpret(403, None, &gone, Asked), Some(Seen::Activity(None)), "forbidden is not signed out");
        assert_eq!(interpret(0, None, &gone, Asked), None);
    }

    #[test]
    fn a_redirect_to_the_sign_in_page_means_gone() {
        let gone = [401, 440];
        assert_eq!(interpret(200, None, &gone, SignIn), Some(Seen::Unauthorized));
        assert_eq!(interpret(200, None, &gone, Elsewhere), Some(Seen::Activity(None)), "a redirect elsewhere is activity");
    }
}
