//! The library for Rust frontends (Leptos, Yew, Dioxus, or plain
//! web-sys): a typed builder and typed events over the same instance
//! JavaScript gets.
//!
//! ```no_run
//! use session_timeout::{Event, SessionTimeout};
//! use core::time::Duration;
//!
//! # fn main() -> Result<(), session_timeout::Error> {
//! let timeout = SessionTimeout::builder(Duration::from_secs(30 * 60))
//!     .warn_before(Duration::from_secs(120))
//!     .keep_alive_url("/session/keep-alive")
//!     .redirect_url("/login?expired=true")
//!     .sign_out_url("/logout")
//!     .remaining_header("Session-Expires-In")
//!     .on_event(|event| match event {
//!         Event::Warning(detail) => web_sys::console::log_1(&format!("{} s left", detail.remaining_seconds).into()),
//!         Event::Expired(detail) => web_sys::console::log_1(&format!("ended: {:?}", detail.reason).into()),
//!         _ => {}
//!     })
//!     .start()?; // Err names the option, the value and the rule
//! // Keep `timeout` alive as long as the page (in a component's state, say);
//! // dropping it removes every listener, timer and element it made.
//! # drop(timeout);
//! # Ok(())
//! # }
//! ```

use crate::prelude::*;
use crate::events::EventName;
use crate::core::{Reason, State};
use crate::SessionTimeout;
use js_sys::{Object, Reflect};
use core::fmt;
use core::time::Duration;
use wasm_bindgen::prelude::*;

/// What happened; each carries the same [`Detail`] JavaScript sees.
#[derive(Clone, Debug, PartialEq)]
pub enum Event {
    /// The warning opened.
    Warning(Detail),
    /// The countdown moved a whole second.
    Tick(Detail),
    /// The session was extended (keep-alive, the server, another tab).
    Extended(Detail),
    /// A keep-alive could not reach the server.
    KeepAliveError(Detail),
    /// The session ended.
    Expired(Detail),
    /// The page is about to leave.
    Redirect(Detail),
    /// The user signed out (in this tab or another).
    SignOut(Detail),
    /// A request reached the server.
    Activity(Detail),
    /// Typed input of marked forms was saved as the session ended.
    DraftSaved(Detail),
    /// Saved input was put back after signing in again.
    DraftRestored(Detail),
}

/// The state of the session when the event happened.
#[derive(Clone, Debug, PartialEq)]
pub struct Detail {
    /// Where the session stands.
    pub state: State,
    /// Whole seconds of session left.
    pub remaining_seconds: u64,
    /// When the session ends, epoch milliseconds.
    pub expires_at: u64,
    /// Whole seconds until the forced redirect, while expired.
    pub redirect_seconds: Option<u64>,
    /// Why the session ended, once it has.
    pub reason: Option<Reason>,
    /// Where the page is going (`Redirect`, `SignOut`).
    pub url: Option<String>,
    /// How many fields were saved or restored (`DraftSaved`, `DraftRestored`).
    pub fields: Option<u64>,
}

/// Options that could not start the library, with the same name and
/// message JavaScript would get.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    /// `SessionTimeoutConfigError` or `SessionTimeoutError`.
    pub name: String,
    /// Names the option, the value given and the rule it broke.
    pub message: String,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.name, self.message)
    }
}

impl core::error::Error for Error {}

impl From<JsValue> for Error {
    fn from(value: JsValue) -> Error {
        match value.dyn_ref::<js_sys::Error>() {
            Some(e) => Error { name: e.name().into(), message: e.message().into() },
            None => Error { name: "SessionTimeoutError".into(), message: crate::error::describe(&value) },
        }
    }
}

/// Builds a [`SessionTimeout`] with typed options; see the module docs.
#[must_use = "call .start() to start the session clock"]
pub struct Builder {
    options: Object,
    text: Object,
    on_event: Option<Box<dyn FnMut(Event)>>,
}

impl SessionTimeout {
    /// Starts building; `session` is the server's inactivity timeout.
    pub fn builder(session: Duration) -> Builder {
        let b = Builder { options: Object::new(), text: Object::new(), on_event: None };
        b.set("sessionSeconds", session.as_secs_f64().into())
    }
}

impl Builder {
    fn set(self, key: &str, value: JsValue) -> Builder {
        let _ = Reflect::set(&self.options, &JsValue::from_str(key), &value);
        self
    }

    /// Show the warning this long before expiry (default 120 s).
    pub fn warn_before(self, warn: Duration) -> Builder {
        self.set("warnSeconds", warn.as_secs_f64().into())
    }

    /// Allow a warning shorter than 20 s (WCAG 2.2.1 must then be met another way).
    pub fn allow_short_warning(self) -> Builder {
        self.set("allowShortWarning", true.into())
    }

    /// Replace the page this long after expiry (default 10 s).
    pub fn redirect_after(self, delay: Duration) -> Builder {
        self.set("redirectSeconds", delay.as_secs_f64().into())
    }

    /// Where "Stay signed in" sends its request.
    pub fn keep_alive_url(self, url: &str) -> Builder {
        self.set("keepAliveUrl", url.into())
    }

    /// `POST` (default), `GET`, `PUT` or `PATCH`.
    pub fn keep_alive_method(self, method: &str) -> Builder {
        self.set("keepAliveMethod", method.into())
    }

    /// Where the page goes when the session ends.
    pub fn redirect_url(self, url: &str) -> Builder {
        self.set("redirectUrl", url.into())
    }

    /// Adds a "Sign out" button: POSTed with the CSRF token on this
    /// origin (a DELETE where no POST route answers; then the tab follows
    /// the server's answer), opened on another; the other tabs go to the
    /// redirect URL ("signed-out").
    pub fn sign_out_url(self, url: &str) -> Builder {
        self.set("signOutUrl", url.into())
    }

    /// The sign-in page: a request redirected there means the session is
    /// gone (default: the path of `redirect_url`).
    pub fn sign_in_url(self, url: &str) -> Builder {
        self.set("signInUrl", url.into())
    }

    /// The keep-alive's CSRF token is in cookie `cookie` and goes in `header`
    /// (default: found by the Django, Rails, Laravel, Angular and Spring conventions).
    pub fn csrf_from_cookie(self, header: &str, cookie: &str) -> Builder {
        self.csrf(header, "cookie", cookie)
    }

    /// The keep-alive's CSRF token is the `content` of `<meta name="{meta}">`.
    pub fn csrf_from_meta(self, header: &str, meta: &str) -> Builder {
        self.csrf(header, "meta", meta)
    }

    /// The keep-alive carries this CSRF token in `header`.
    pub fn csrf_token(self, header: &str, token: &str) -> Builder {
        self.csrf(header, "token", token)
    }

    /// The keep-alive carries no CSRF token.
    pub fn without_csrf(self) -> Builder {
        self.set("csrf", false.into())
    }

    fn csrf(self, header: &str, source: &str, value: &str) -> Builder {
        let csrf = Object::new();
        let _ = Reflect::set(&csrf, &"header".into(), &header.into());
        let _ = Reflect::set(&csrf, &JsValue::from_str(source), &value.into());
        self.set("csrf", csrf.into())
    }

    /// Query parameter that carries the current path to the sign-in page.
    pub fn return_param(self, name: &str) -> Builder {
        self.set("returnParam", name.into())
    }

    /// A GET that reports seconds left without extending the session.
    pub fn status_url(self, url: &str) -> Builder {
        self.set("statusUrl", url.into())
    }

    /// Response header with whole seconds left.
    pub fn remaining_header(self, name: &str) -> Builder {
        self.set("remainingHeader", name.into())
    }

    /// The session's hard end, epoch milliseconds: no activity or
    /// keep-alive moves it, and its warning is the final one.
    pub fn absolute_expires_at(self, epoch_ms: u64) -> Builder {
        self.set("absoluteExpiresAt", (epoch_ms as f64).into())
    }

    /// Response header with whole seconds until the hard end.
    pub fn absolute_header(self, name: &str) -> Builder {
        self.set("absoluteHeader", name.into())
    }

    /// Whether the page's own requests count as activity (default true).
    pub fn track_requests(self, on: bool) -> Builder {
        self.set("trackRequests", on.into())
    }

    /// Whether tabs share one clock (default true).
    pub fn cross_tab(self, on: bool) -> Builder {
        self.set("crossTab", on.into())
    }

    /// Extends the session with `f` (a JS function returning a Promise of
    /// true, false or `{ secondsLeft }`) instead of a request: token sessions.
    pub fn keep_alive_with(self, f: &js_sys::Function) -> Builder {
        self.set("keepAlive", f.into())
    }

    /// Asks `f` (a JS function returning a Promise of seconds left or
    /// null) instead of `statusUrl`; it must not extend the session.
    pub fn status_with(self, f: &js_sys::Function) -> Builder {
        self.set("status", f.into())
    }

    /// Whether the tab's title shows the countdown while a dialog is open
    /// (default true).
    pub fn title_alert(self, on: bool) -> Builder {
        self.set("titleAlert", on.into())
    }

    /// Whether to render the dialogs (default true).
    pub fn dialog(self, on: bool) -> Builder {
        self.set("dialog", on.into())
    }

    /// Language of the texts and their durations, a BCP 47 tag (default:
    /// the page's `lang`; English texts where it is not shipped).
    pub fn locale(self, tag: &str) -> Builder {
        self.set("locale", tag.into())
    }

    /// Overrides one string by its `text` key (`"stayButton"`, …).
    pub fn text(self, key: &str, value: &str) -> Builder {
        let _ = Reflect::set(&self.text, &JsValue::from_str(key), &JsValue::from_str(value));
        self
    }

    /// Hears every event, typed.
    pub fn on_event(mut self, handler: impl FnMut(Event) + 'static) -> Builder {
        self.on_event = Some(Box::new(handler));
        self
    }

    /// Checks the options and starts the clock.
    pub fn start(self) -> Result<SessionTimeout, Error> {
        if Object::keys(&self.text).length() > 0 {
            let _ = Reflect::set(&self.options, &"text".into(), &self.text);
        }
        let mut timeout = SessionTimeout::new(self.options.into())?;
        if let Some(handler) = self.on_event {
            let handler = alloc::rc::Rc::new(core::cell::RefCell::new(handler));
            for name in EventName::ALL.map(EventName::as_str) {
                let handler = handler.clone();
                let listener = Closure::<dyn FnMut(web_sys::CustomEvent)>::new(move |e: web_sys::CustomEvent| {
                    if let (Some(event), Ok(mut h)) = (typed(&e.type_(), &e.detail()), handler.try_borrow_mut()) {
                        h(event);
                    }
                });
                timeout.add_event_listener(name, listener.as_ref(), &JsValue::UNDEFINED);
                timeout.rust_listeners.push(listener);
            }
        }
        Ok(timeout)
    }
}

fn typed(name: &str, detail: &JsValue) -> Option<Event> {
    let get = |k: &str| Reflect::get(detail, &JsValue::from_str(k)).ok().filter(|v| !v.is_undefined());
    let whole = |k: &str| get(k).and_then(|v| v.as_f64()).map(|n| n.max(0.0) as u64);
    let state = match get("state")?.as_string()?.as_str() {
        "active" => State::Active,
        "warning" => State::Warning,
        "expired" => State::Expired,
        "redirecting" => State::Redirecting,
        _ => State::Stopped,
    };
    let reason = get("reason").and_then(|v| v.as_string()).and_then(|r| match r.as_str() {
        "expired" => Some(Reason::Expired),
        "unauthorized" => Some(Reason::Unauthorized),
        "signed-out" => Some(Reason::SignedOut),
        _ => None,
    });
    let d = Detail {
        state,
        remaining_seconds: whole("remainingSeconds").unwrap_or(0),
        expires_at: whole("expiresAt").unwrap_or(0),
        redirect_seconds: whole("redirectSeconds"),
        reason,
        url: get("url").and_then(|v| v.as_string()),
        fields: whole("fields"),
    };
    Some(match EventName::parse(name)? {
        EventName::Warning => Event::Warning(d),
        EventName::Tick => Event::Tick(d),
        EventName::Extended => Event::Extended(d),
        EventName::KeepAliveError => Event::KeepAliveError(d),
        EventName::Expired => Event::Expired(d),
        EventName::Redirect => Event::Redirect(d),
        EventName::SignOut => Event::SignOut(d),
        EventName::Activity => Event::Activity(d),
        EventName::DraftSaved => Event::DraftSaved(d),
        EventName::DraftRestored => Event::DraftRestored(d),
    })
}

/// The data-attribute name of an option (`keepAliveUrl` →
/// `data-keep-alive-url`), for server-rendered script tags.
pub fn data_attribute(option: &str) -> String {
    crate::config_error::attribute(option)
}
