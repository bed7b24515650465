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

/// Replaces the page with `url`. A URL that differs from the page's own
/// only in its fragment (a hash router's route, or the page itself with
/// its `#…` when it is to reload) would only scroll, leaving the dead
/// page and its dialog: the page is then loaded again at that URL.
pub fn navigate(url: &str) {
    let here = platform::href();
    let reload = platform::absolute_url(url, &platform::base()).is_some_and(|to| only_the_fragment_moves(&to, &here));
    if !platform::navigate(url, reload) {
        report(&cat(&["could not navigate to ", url]));
    }
}

/// Whether going from `here` to `to` (both absolute) is what the browser
/// only scrolls for: `to` has a fragment and is the same page.
fn only_the_fragment_moves(to: &str, here: &str) -> bool {
    crate::split::find(to, b'#').is_some() && crate::split::before(to, b'#') == crate::split::before(here, b'#')
}

fn report(message: &str) {
    platform::log("error", &cat(&["session-timeout: ", message]), &JsValue::UNDEFINED);
}

#[cfg(test)]
mod tests {
    use super::only_the_fragment_moves as scrolls;

    #[test]
    fn a_url_that_differs_only_in_its_fragment_would_only_scroll() {
        let here = "https://app.example/orders?page=2#list";
        assert!(scrolls(here, here), "this page with its fragment: a reload that would not load");
        assert!(scrolls("https://app.example/orders?page=2#/login", here), "a hash router's route");
        assert!(scrolls("https://app.example/orders?page=2#", "https://app.example/orders?page=2"));
        assert!(!scrolls("https://app.example/orders?page=2", here), "no fragment: the page loads");
        assert!(!scrolls("https://app.example/login#top", here), "another page");
        assert!(!scrolls("https://app.example/orders?page=3#list", here), "another query");
    }
}
