//! Leaving the page when the session has ended: which URL, and a
//! `location.replace` so Back does not return to the dead page.

use crate::config::RedirectTarget;
use crate::core::Reason;
use wasm_bindgen::JsValue;
use web_sys::Window;

/// The URL to go to for `reason`. A `redirectUrl` function that throws or
/// returns something other than a string is reported, and the page reloads
/// instead (the server then sends a signed-out user to sign in).
pub fn target_url(window: &Window, target: &RedirectTarget, reason: Reason) -> String {
    let here = window.location().href().unwrap_or_else(|_| "/".to_owned());
    match target {
        RedirectTarget::CurrentPage => here,
        RedirectTarget::Url(url) => url.clone(),
        RedirectTarget::Function(f) => match f.call1(&JsValue::NULL, &JsValue::from_str(reason.as_str())) {
            Ok(v) => match v.as_string().filter(|s| !s.trim().is_empty()) {
                Some(url) => url,
                None => {
                    report(&format!("redirectUrl({:?}) returned {}; it must return a URL string. Reloading the page instead.", reason.as_str(), crate::error::describe(&v)));
                    here
                }
            },
            Err(e) => {
                report(&format!("redirectUrl({:?}) threw; reloading the page instead.", reason.as_str()));
                web_sys::console::error_1(&e);
                here
            }
        },
    }
}

/// Replaces the page with `url`.
pub fn navigate(window: &Window, url: &str) {
    if window.location().replace(url).is_err() {
        report(&format!("could not navigate to {url:?}"));
    }
}

fn report(message: &str) {
    web_sys::console::error_1(&JsValue::from_str(&format!("session-timeout: {message}")));
}
