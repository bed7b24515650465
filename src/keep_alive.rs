//! The keep-alive request: one at a time, with credentials, the page's
//! CSRF token, and a time-out. Dropping it aborts the request.

use crate::remaining::parse_seconds_left;
use gloo_timers::callback::Timeout;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::{AbortController, Document, Headers, RequestCredentials, RequestInit, RequestRedirect, Response, Window};

/// How the keep-alive ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// 2xx; the server's time left in ms when it said.
    Extended(Option<u64>),
    /// The session is gone (401, 403, 440).
    Unauthorized,
    /// Network error, time-out, 5xx, a redirect: says nothing about the session.
    Failed,
}

/// What to send.
pub struct Request<'a> {
    /// Where.
    pub url: &'a str,
    /// How (POST by default).
    pub method: &'a str,
    /// Header for the token of `<meta name="csrf-token">`.
    pub csrf_header: &'a str,
    /// The response header that carries seconds left.
    pub remaining_header: Option<&'a str>,
    /// Give up after this long.
    pub timeout_ms: u32,
}

/// An in-flight keep-alive; dropping it aborts the request.
#[must_use = "the keep-alive is aborted when this is dropped"]
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

/// Sends the request; `done` gets the outcome unless it is dropped first.
pub fn send(window: &Window, document: &Document, req: Request<'_>, done: impl FnOnce(Outcome) + 'static) -> InFlight {
    let controller = AbortController::new().ok();
    let init = RequestInit::new();
    init.set_method(req.method);
    init.set_credentials(RequestCredentials::SameOrigin);
    // A redirect is the login wall or a proxy: report it, do not follow it.
    init.set_redirect(RequestRedirect::Manual);
    init.set_cache(web_sys::RequestCache::NoStore);
    if let Some(c) = &controller {
        init.set_signal(Some(&c.signal()));
    }
    if let (Some(token), Ok(headers)) = (csrf_token(document), Headers::new()) {
        let _ = headers.set(req.csrf_header, &token);
        init.set_headers(&headers);
    }
    let abort = controller.clone();
    let timeout = Timeout::new(req.timeout_ms, move || {
        if let Some(c) = abort {
            c.abort();
        }
    });
    let promise = window.fetch_with_str_and_init(req.url, &init);
    let header = req.remaining_header.map(str::to_owned);
    spawn_local(async move {
        let outcome = match JsFuture::from(promise).await {
            Ok(value) => match value.dyn_into::<Response>() {
                Ok(response) => classify(&response, header.as_deref()),
                Err(_) => Outcome::Failed,
            },
            Err(_) => Outcome::Failed,
        };
        done(outcome);
    });
    InFlight { controller, _timeout: timeout }
}

fn classify(response: &Response, header: Option<&str>) -> Outcome {
    match response.status() {
        200..=299 => Outcome::Extended(
            header.and_then(|h| response.headers().get(h).ok().flatten()).and_then(|v| parse_seconds_left(&v)),
        ),
        401 | 403 | 440 => Outcome::Unauthorized,
        _ => Outcome::Failed,
    }
}

fn csrf_token(document: &Document) -> Option<String> {
    let meta = document.query_selector("meta[name='csrf-token']").ok().flatten()?;
    meta.get_attribute("content").filter(|t| !t.is_empty())
}
