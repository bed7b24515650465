//! The library's own requests (keep-alive, status): with the page's
//! cookies and CSRF token, and a time-out. A redirect is followed so its
//! end can be seen: the sign-in page means the session is gone. Dropping
//! the guard aborts the request.

use crate::remaining::parse_seconds_left;
use gloo_timers::callback::Timeout;
use js_sys::Reflect;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::{AbortController, Headers, RequestCache, RequestCredentials, RequestInit, Response, Window};

/// What to send.
pub struct Spec<'a> {
    /// Where.
    pub url: &'a str,
    /// How.
    pub method: &'a str,
    /// The CSRF header and token to send, if any.
    pub csrf: Option<(String, String)>,
    /// The sign-in page (absolute), if known.
    pub sign_in: Option<&'a str>,
    /// The response header that carries seconds left.
    pub remaining_header: Option<&'a str>,
    /// Also look for `{"secondsLeft": N}` in a JSON body.
    pub read_json: bool,
    /// Give up after this long.
    pub timeout_ms: u32,
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
    /// From whether a redirect happened and where it ended.
    pub fn of(redirected: bool, url: &str, sign_in: Option<&str>) -> Landed {
        match (redirected, sign_in) {
            (false, _) => Landed::Asked,
            (true, Some(s)) if crate::sign_in::is_sign_in_page(url, s) => Landed::SignIn,
            (true, _) => Landed::Elsewhere,
        }
    }
}

/// A request on its way; dropping it aborts the request.
#[must_use = "the request is aborted when this is dropped"]
pub struct InFlight {
    controller: Option<AbortController>,
    _timeout: Timeout,
}

impl Drop for InFlight {
    fn drop(&mut self) {
        if let Some(c) = &self.controller {
            c.abort();
        }
    }
}

/// Sends `spec`; `done` gets the reply unless the guard is dropped first.
pub fn send(window: &Window, spec: Spec<'_>, done: impl FnOnce(Reply) + 'static) -> InFlight {
    let controller = AbortController::new().ok();
    let init = RequestInit::new();
    init.set_method(spec.method);
    init.set_credentials(RequestCredentials::SameOrigin);
    init.set_cache(RequestCache::NoStore);
    if let Some(c) = &controller {
        init.set_signal(Some(&c.signal()));
    }
    if let (Some((name, token)), Ok(headers)) = (&spec.csrf, Headers::new()) {
        let _ = headers.set(name, token);
        init.set_headers(&headers);
    }
    let abort = controller.clone();
    let timeout = Timeout::new(spec.timeout_ms, move || {
        if let Some(c) = abort {
            c.abort();
        }
    });
    let promise = window.fetch_with_str_and_init(spec.url, &init);
    let header = spec.remaining_header.map(str::to_owned);
    let read_json = spec.read_json;
    let sign_in = spec.sign_in.map(str::to_owned);
    spawn_local(async move {
        let reply = match JsFuture::from(promise).await.ok().and_then(|v| v.dyn_into::<Response>().ok()) {
            Some(response) => read(&response, header.as_deref(), read_json, sign_in.as_deref()).await,
            None => Reply { status: 0, remaining_ms: None, landed: Landed::Asked },
        };
        done(reply);
    });
    InFlight { controller, _timeout: timeout }
}

async fn read(response: &Response, header: Option<&str>, read_json: bool, sign_in: Option<&str>) -> Reply {
    let status = response.status();
    let landed = Landed::of(response.redirected(), &response.url(), sign_in);
    let mut remaining_ms = header.and_then(|h| response.headers().get(h).ok().flatten()).and_then(|v| parse_seconds_left(&v));
    if remaining_ms.is_none() && read_json && (200..300).contains(&status) && landed == Landed::Asked {
        remaining_ms = json_seconds_left(response).await;
    }
    Reply { status, remaining_ms, landed }
}

async fn json_seconds_left(response: &Response) -> Option<u64> {
    let body = JsFuture::from(response.json().ok()?).await.ok()?;
    let seconds = Reflect::get(&body, &JsValue::from_str("secondsLeft")).ok()?.as_f64()?;
    (seconds.is_finite() && seconds >= 0.0).then(|| parse_seconds_left(&(seconds.ceil() as u64).to_string()))?
}
