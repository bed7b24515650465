//! The JavaScript contract as Rust types. They exist for the TypeScript
//! declarations (tsify writes `SessionTimeoutOptions` and friends into the
//! package's `.d.ts` from these definitions); options are read at run time
//! by `config.rs`, and a test keeps the two lists of names equal.
#![allow(dead_code)]

use serde::Serialize;
use tsify::Tsify;

/// Options of `new SessionTimeout(options)`.
#[derive(Tsify, Serialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct SessionTimeoutOptions {
    /// Required: the server's inactivity timeout, in seconds.
    pub session_seconds: f64,
    /// The warning shows this long before expiry (default 120, at most half the session).
    #[tsify(optional)]
    pub warn_seconds: Option<f64>,
    /// After expiry, the page is replaced this much later (default 10).
    #[tsify(optional)]
    pub redirect_seconds: Option<f64>,
    /// Where "Stay signed in" sends its request (default: this page, with GET).
    #[tsify(optional)]
    pub keep_alive_url: Option<String>,
    /// POST (default), GET, PUT or PATCH.
    #[tsify(optional, type = "\"POST\" | \"GET\" | \"PUT\" | \"PATCH\" | \"post\" | \"get\" | \"put\" | \"patch\"")]
    pub keep_alive_method: Option<String>,
    /// Give up on a keep-alive after this long (default 10).
    #[tsify(optional)]
    pub keep_alive_timeout_seconds: Option<f64>,
    /// Where the page goes when the session ends; a function gets the reason.
    #[tsify(optional, type = "string | ((reason: SessionEndReason) => string)")]
    pub redirect_url: Option<String>,
    /// Adds a "Sign out" button that goes here.
    #[tsify(optional)]
    pub sign_out_url: Option<String>,
    /// Query parameter that carries the current path to the sign-in page.
    #[tsify(optional)]
    pub return_param: Option<String>,
    /// Which requests count as activity (default true).
    #[tsify(optional, type = "boolean | TrackRequestsOptions")]
    pub track_requests: Option<bool>,
    /// Response header with whole seconds left, e.g. "Session-Expires-In".
    #[tsify(optional)]
    pub remaining_header: Option<String>,
    /// A GET that reports seconds left without extending the session.
    #[tsify(optional, type = "string | null")]
    pub status_url: Option<String>,
    /// Statuses that mean the session is gone (default [401, 440]).
    #[tsify(optional)]
    pub unauthorized_statuses: Option<Vec<u16>>,
    /// Keep-alive when the person is active, at most once per window.
    #[tsify(optional, type = "boolean | { throttleSeconds?: number }")]
    pub keep_alive_on_activity: Option<bool>,
    /// Share one clock with the site's other tabs (default true).
    #[tsify(optional)]
    pub cross_tab: Option<bool>,
    /// Which tabs share it (default: the origin).
    #[tsify(optional)]
    pub channel: Option<String>,
    /// Render the dialogs (default true); false: events only.
    #[tsify(optional)]
    pub dialog: Option<bool>,
    /// Header for the token of `<meta name="csrf-token">` (default "X-CSRF-Token").
    #[tsify(optional)]
    pub csrf_header: Option<String>,
    /// The keep-alive's CSRF token: "auto" (default: Django, Rails, Laravel,
    /// Angular and Spring Security conventions), false, or where it is.
    #[tsify(optional, type = "\"auto\" | false | CsrfOptions")]
    pub csrf: Option<String>,
    /// The sign-in page: a request redirected there means the session is
    /// gone (default: the path of `redirectUrl`, when that is a string).
    #[tsify(optional)]
    pub sign_in_url: Option<String>,
    /// Language of durations (default: the page's `lang`).
    #[tsify(optional)]
    pub locale: Option<String>,
    /// Every visible and announced string; `{time}` is the countdown.
    #[tsify(optional)]
    pub text: Option<SessionTimeoutText>,
    /// Allow a warning shorter than 20 s (WCAG 2.2.1 must then be met another way).
    #[tsify(optional)]
    pub allow_short_warning: Option<bool>,
    /// Other origins the page may be sent to, e.g. an SSO identity provider.
    #[tsify(optional)]
    pub allowed_origins: Option<Vec<String>>,
    /// How long typed input saved at expiry waits for the user (default 3600).
    #[tsify(optional)]
    pub draft_max_age_seconds: Option<f64>,
}

/// Which requests count as activity.
#[derive(Tsify, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TrackRequestsOptions {
    /// "patch" wraps fetch/XHR (default); "observe" uses PerformanceObserver.
    #[tsify(optional, type = "\"patch\" | \"observe\"")]
    pub mode: Option<String>,
    /// URL prefixes that count (default: all same-origin).
    #[tsify(optional)]
    pub include: Option<Vec<String>>,
    /// URL prefixes that never count; these win.
    #[tsify(optional)]
    pub exclude: Option<Vec<String>>,
}

/// Where the keep-alive's CSRF token is, and the header it goes in.
#[derive(Tsify, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CsrfOptions {
    /// The request header, e.g. "X-CSRFToken".
    pub header: String,
    /// A cookie that holds the token (URL-decoded).
    #[tsify(optional)]
    pub cookie: Option<String>,
    /// The `name` of a `<meta>` whose `content` is the token.
    #[tsify(optional)]
    pub meta: Option<String>,
    /// The token itself.
    #[tsify(optional)]
    pub token: Option<String>,
}

/// Every string the dialogs show or announce.
#[derive(Tsify, Serialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct SessionTimeoutText {
    #[tsify(optional)]
    /// Warning heading.
    pub warning_title: Option<String>,
    #[tsify(optional)]
    /// Warning message; `{time}` is the countdown.
    pub warning_message: Option<String>,
    #[tsify(optional)]
    /// The primary button.
    pub stay_button: Option<String>,
    #[tsify(optional)]
    /// Shown when `signOutUrl` is set.
    pub sign_out_button: Option<String>,
    #[tsify(optional)]
    /// Expired heading.
    pub expired_title: Option<String>,
    #[tsify(optional)]
    /// Expired message; `{time}` is the time until the redirect.
    pub expired_message: Option<String>,
    #[tsify(optional)]
    /// Leaves for the sign-in page now.
    pub sign_in_button: Option<String>,
    #[tsify(optional)]
    /// Shown when the keep-alive could not reach the server.
    pub keep_alive_failed: Option<String>,
    #[tsify(optional)]
    /// Said when typed input was put back after signing in again.
    pub draft_restored: Option<String>,
    #[tsify(optional)]
    /// Shown when the server refused the keep-alive (403, usually CSRF).
    pub keep_alive_refused: Option<String>,
}

/// The `detail` of every event.
#[derive(Tsify, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SessionTimeoutDetail {
    /// The state after the event.
    #[tsify(type = "SessionState")]
    pub state: String,
    /// Whole seconds of session left, never negative.
    pub remaining_seconds: f64,
    /// When the session ends, epoch milliseconds.
    pub expires_at: f64,
    /// Whole seconds until the forced redirect, while expired.
    #[tsify(optional)]
    pub redirect_seconds: Option<f64>,
    /// Why the session ended, once it has.
    #[tsify(optional, type = "SessionEndReason")]
    pub reason: Option<String>,
    /// The keep-alive's HTTP status (`keepaliveerror`; 0 when unreachable).
    #[tsify(optional)]
    pub status: Option<f64>,
    /// Where the page is going (`redirect`, `signout`).
    #[tsify(optional)]
    pub url: Option<String>,
    /// How many fields were saved or restored (`draftsaved`, `draftrestored`).
    #[tsify(optional)]
    pub fields: Option<f64>,
}

#[wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
const EVENTS_TS: &'static str = r#"
/** Where the session stands. */
export type SessionState = "active" | "warning" | "expired" | "redirecting" | "stopped";
/** Why the session ended. */
export type SessionEndReason = "expired" | "unauthorized" | "signed-out";
/** Every event and its type; each is also dispatched on `document` as `session-timeout:<name>`. */
export interface SessionTimeoutEventMap {
  warning: CustomEvent<SessionTimeoutDetail>;
  tick: CustomEvent<SessionTimeoutDetail>;
  extended: CustomEvent<SessionTimeoutDetail>;
  keepaliveerror: CustomEvent<SessionTimeoutDetail>;
  expired: CustomEvent<SessionTimeoutDetail>;
  redirect: CustomEvent<SessionTimeoutDetail>;
  signout: CustomEvent<SessionTimeoutDetail>;
  activity: CustomEvent<SessionTimeoutDetail>;
  draftsaved: CustomEvent<SessionTimeoutDetail>;
  draftrestored: CustomEvent<SessionTimeoutDetail>;
}
export interface SessionTimeout {
  addEventListener<K extends keyof SessionTimeoutEventMap>(type: K, listener: (event: SessionTimeoutEventMap[K]) => void, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof SessionTimeoutEventMap>(type: K, listener: (event: SessionTimeoutEventMap[K]) => void, options?: boolean | EventListenerOptions): void;
}
"#;

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::{SessionTimeoutOptions, SessionTimeoutText};
    use crate::config::{OPTION_NAMES, TEXT_KEYS};
    use crate::core::{Reason, State};

    fn keys(value: impl serde::Serialize) -> Vec<String> {
        // A value that does not serialize to an object gives no keys, and
        // the comparison below fails with both lists shown.
        let json = serde_json::to_value(value).unwrap_or_default();
        let mut keys: Vec<String> = json.as_object().map(|o| o.keys().cloned().collect()).unwrap_or_default();
        keys.sort();
        keys
    }

    fn sorted(names: &[&str]) -> Vec<String> {
        let mut v: Vec<String> = names.iter().map(|s| s.to_string()).collect();
        v.sort();
        v
    }

    #[test]
    fn the_typescript_events_states_and_reasons_are_the_ones_the_library_sends() {
        // The custom section's text, as written in this file (the macro
        // keeps no constant to read).
        let source = include_str!("types.rs");
        let start = source.find("typescript_custom_section").unwrap_or(0);
        let ts = &source[start..source[start..].find("\"#;").map_or(source.len(), |end| start + end)];
        for event in crate::events::EventName::ALL {
            assert!(ts.contains(&format!("  {}: CustomEvent<", event.as_str())), "{event:?} missing from the .d.ts");
        }
        assert_eq!(ts.matches(": CustomEvent<").count(), crate::events::EventName::ALL.len(), "the .d.ts lists an event the library never sends");
        for reason in [Reason::Expired, Reason::Unauthorized, Reason::SignedOut] {
            assert!(ts.contains(&format!("\"{}\"", reason.as_str())), "{reason:?}");
        }
        for state in [State::Active, State::Warning, State::Expired, State::Redirecting, State::Stopped] {
            assert!(ts.contains(&format!("\"{}\"", state.as_str())), "{state:?}");
        }
    }

    #[test]
    fn the_typescript_options_are_the_options_the_library_reads() {
        assert_eq!(keys(SessionTimeoutOptions::default()), sorted(OPTION_NAMES));
        assert_eq!(keys(SessionTimeoutText::default()), sorted(TEXT_KEYS));
    }
}
