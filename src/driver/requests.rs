//! The library's own requests: the keep-alive, the status check and
//! the sign-out, or the page's functions that stand for them.

use crate::prelude::*;
use crate::js::Function;
use crate::config::Config;
use crate::core::{Failure, Input};
use crate::csrf;
use crate::keep_alive;
use crate::platform;
use crate::request::{self, InFlight};
use alloc::rc::Rc;
use wasm_bindgen::JsValue;
use super::{feed, Shared};
use super::hear::{hook, Hook};

/// A refused keep-alive is almost always CSRF: say what was sent and what
/// fixes it (another 4xx: the URL or method).
pub(super) fn warn_refused(config: &Config, status: u16) {
    let url = config.keep_alive_url.clone().unwrap_or_default();
    let head = cat(&["session-timeout: the keep-alive to ", &url, " was refused (", &crate::core::decimal(u64::from(status)), "); the session was not ended. "]);
    if !keep_alive::csrf_refusal(status) {
        let message = cat(&[&head, "Check keepAliveUrl and keepAliveMethod (", &config.keep_alive_method, ")."]);
        platform::log("warn", &message, &JsValue::UNDEFINED);
        return;
    }
    let sent = match csrf_pair(config) {
        Some((header, _)) => cat(&["it carried a token in ", &header, ", which the server did not accept"]),
        None => {
            let mut looked = String::from("no CSRF token was found on the page (looked for ");
            for (i, (who, place, _)) in csrf::CONVENTIONS.iter().enumerate() {
                looked.extend([if i == 0 { "" } else { ", " }, place, " (", who, ")"]);
            }
            looked + ")"
        }
    };
    let message = cat(&[
        &head,
        "It is how frameworks refuse a missing, wrong or expired CSRF token: ",
        &sent,
        ". Tell the library where the token is with the csrf option, e.g. csrf: { header: \"X-CSRFToken\", cookie: \"csrftoken\" } \
         or { header: \"X-CSRF-Token\", meta: \"csrf-token\" }.",
    ]);
    platform::log("warn", &message, &JsValue::UNDEFINED);
}

/// The CSRF header and token to send now (tokens rotate, so read at send time).
pub(super) fn csrf_pair(config: &Config) -> Option<(String, String)> {
    csrf::find(&config.csrf, &platform::cookies(), platform::named, platform::decode_component)
}

/// Sends the keep-alive: the page's `keepAlive()`, or a request. No
/// borrow is held while it goes: `keepAlive()` is the page's own code.
pub(super) fn send_keep_alive(shared: &Rc<Shared>) {
    let config = &shared.config;
    let in_flight = match &config.keep_alive_fn {
        Some(f) => call_page_function(shared, f, Hook::KeepAliveFunction),
        None => {
            let here = platform::href();
            let (url, method) = keep_alive::target(config.keep_alive_url.as_deref(), &config.keep_alive_method, &here);
            request::send(spec(config, url, method, csrf_pair(config), false), hook(shared, Hook::KeepAlive))
        }
    };
    let Ok(mut inner) = shared.inner.try_borrow_mut() else {
        // Not kept, so aborted: say so, or the clock would wait for it forever.
        feed(shared, Input::KeepAliveFailed(Failure::Unreachable));
        return;
    };
    // Destroyed meanwhile (by the page's own `keepAlive()`): dropped, so stopped.
    if !inner.destroyed {
        inner.keep_alive = Some(in_flight);
    }
}

/// Asks the time left (never extending): the page's `status()`, or a
/// GET of `statusUrl` (the clock asks one at a time).
pub(super) fn check_status(shared: &Rc<Shared>) {
    let config = &shared.config;
    let in_flight = match (&config.status_fn, &config.status_url) {
        (Some(f), _) => call_page_function(shared, f, Hook::StatusFunction),
        (None, Some(url)) => request::send(spec(config, url, "GET", None, true), hook(shared, Hook::Status)),
        (None, None) => return feed(shared, Input::StatusUnknown),
    };
    let Ok(mut inner) = shared.inner.try_borrow_mut() else {
        // Not kept, so aborted: say so, or the clock would wait for it forever.
        feed(shared, Input::StatusUnknown);
        return;
    };
    if !inner.destroyed {
        inner.status = Some(in_flight);
    }
}

/// One of the library's requests, with the headers the options name.
pub(super) fn spec<'a>(config: &'a Config, url: &'a str, method: &'a str, csrf: Option<(String, String)>, read_json: bool) -> request::Spec<'a> {
    request::Spec {
        url,
        method,
        csrf,
        remaining_header: config.remaining_header.as_deref(),
        absolute_header: config.absolute_header.as_deref(),
        read_json,
        timeout_ms: config.keep_alive_timeout_ms,
        follow: true,
    }
}

/// Sends the sign-out to `signOutUrl` (this origin's) as `method`; its
/// answer comes to `kind`. A DELETE's redirect is not followed: it would
/// be sent on to the next page as a DELETE.
pub(super) fn send_sign_out(shared: &Rc<Shared>, method: &str, kind: Hook) {
    let config = &shared.config;
    let url = config.sign_out_url.as_deref().unwrap_or_default();
    let request = request::Spec { follow: method == "POST", ..spec(config, url, method, csrf_pair(config), false) };
    let in_flight = request::send(request, hook(shared, kind));
    // In the keep-alive's slot: none follows a sign-out, and destroy() aborts it.
    if let Ok(mut inner) = shared.inner.try_borrow_mut() {
        inner.keep_alive = Some(in_flight);
    }
}

/// Calls the page's `keepAlive()` or `status()`; its answer comes to `kind`.
pub(super) fn call_page_function(shared: &Rc<Shared>, f: &Function, kind: Hook) -> InFlight {
    let on_answer = hook(shared, kind);
    let stop = platform::call_async(f, shared.config.keep_alive_timeout_ms as f64, on_answer.as_ref());
    InFlight::new(stop, on_answer)
}
