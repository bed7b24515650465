//! Leaving the page when the session has ended: which URL, and a
//! `location.replace` so Back does not return to the dead page.

use crate::prelude::*;
use crate::js::Function;
use crate::config::{Config, RedirectTarget};
use crate::core::Reason;
use crate::platform;
use wasm_bindgen::JsValue;

/// The URL to go to for `reason`: `redirectUrl`, with `returnParam`
/// carrying the current path when the session ended unchosen. (The tab
/// where "Sign out" was chosen goes by `signOutUrl` first: `sign_out`.)
pub fn target_url(config: &Config, reason: Reason) -> String {
    let here = platform::href();
    let url = match &config.redirect_url {
        RedirectTarget::CurrentPage => return here,
        RedirectTarget::Url(url) => url.clone(),
        RedirectTarget::Function(f) => match from_function(f, reason, config) {
            Ok(url) => url,
            Err(problem) => {
                report(&cat(&["redirectUrl(\"", reason.as_str(), "\") ", &problem, " Reloading the page instead."]));
                return here;
            }
        },
    };
    match (&config.return_param, reason) {
        (Some(param), Reason::Expired | Reason::Unauthorized) => with_return(&url, &here, param).unwrap_or(url),
        _ => url,
    }
}

/// Asks `redirectUrl(reason)` and checks its answer now, as a string
/// option is checked at start; the error says what was wrong.
fn from_function(f: &Function, reason: Reason, config: &Config) -> Result<String, String> {
    let value = f.call1(&JsValue::NULL, &JsValue::from_str(reason.as_str())).map_err(|e| {
        platform::log("error", "session-timeout: redirectUrl threw:", &e);
        "threw.".to_owned()
    })?;
    let Some(url) = value.as_string().filter(|s| !s.trim_ascii().is_empty()) else {
        return Err(cat(&["returned ", &crate::error::describe(&value), "; it must return a URL string."]));
    };
    // Read as the page's own links are, as the URL options were.
    crate::urls::check(&url, &platform::base(), &platform::origin(), &config.allowed_origins)
        .map_err(|refused| cat(&["returned \"", &url, "\": ", &refused.rule(), "."]))
}

/// `url` with `param` set to the current path, query and fragment; kept
/// relative when it stays on this origin.
fn with_return(url: &str, here: &str, param: &str) -> Option<String> {
    let parts = platform::with_param(url, here, param, &platform::path());
    let part = |i| platform::field(&parts, i).as_string();
    let (href, origin, relative) = (part(0)?, part(1)?, part(2)?);
    Some(if origin == platform::origin() { relative } else { href })
}

/// Replaces the page with `url`.
pub fn navigate(url: &str) {
    if !platform::navigate(url) {
        report(&cat(&["could not navigate to ", url]));
    }
}

fn report(message: &str) {
    platform::log("error", &cat(&["session-timeout: ", message]), &JsValue::UNDEFINED);
}
