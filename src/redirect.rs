//! Leaving the page when the session has ended: which URL, and a
//! `location.replace` so Back does not return to the dead page.

use crate::config::{Config, RedirectTarget};
use crate::core::Reason;
use wasm_bindgen::JsValue;
use web_sys::{Url, Window};

/// The URL to go to for `reason`: `signOutUrl` for a chosen sign-out,
/// else `redirectUrl`, with `returnParam` carrying the current path.
pub fn target_url(window: &Window, config: &Config, reason: Reason) -> String {
    let location = window.location();
    let here = location.href().unwrap_or_else(|_| "/".to_owned());
    if reason == Reason::SignedOut {
        if let Some(url) = &config.sign_out_url {
            return url.clone();
        }
    }
    let url = match &config.redirect_url {
        RedirectTarget::CurrentPage => return here,
        RedirectTarget::Url(url) => url.clone(),
        RedirectTarget::Function(f) => match f.call1(&JsValue::NULL, &JsValue::from_str(reason.as_str())) {
            Ok(v) => match v.as_string().filter(|s| !s.trim().is_empty()) {
                // Checked now, as a string option is checked at start.
                Some(url) => match crate::urls::check(&url, &here, &location.origin().unwrap_or_default(), &config.allowed_origins) {
                    Ok(url) => url,
                    Err(refused) => {
                        report(&format!(
                            "redirectUrl({:?}) returned {url:?}: {}. Reloading the page instead.",
                            reason.as_str(),
                            refused.rule()
                        ));
                        return here;
                    }
                },
                None => {
                    report(&format!(
                        "redirectUrl({:?}) returned {}; it must return a URL string. Reloading the page instead.",
                        reason.as_str(),
                        crate::error::describe(&v)
                    ));
                    return here;
                }
            },
            Err(e) => {
                report(&format!("redirectUrl({:?}) threw; reloading the page instead.", reason.as_str()));
                web_sys::console::error_1(&e);
                return here;
            }
        },
    };
    match (&config.return_param, reason) {
        (Some(param), Reason::Expired | Reason::Unauthorized) => with_return(&url, &here, param).unwrap_or(url),
        _ => url,
    }
}

/// `url` with `param` set to the current path, query and fragment.
fn with_return(url: &str, here: &str, param: &str) -> Option<String> {
    let current = Url::new(here).ok()?;
    let target = Url::new_with_base(url, here).ok()?;
    let path = format!("{}{}{}", current.pathname(), current.search(), current.hash());
    target.search_params().set(param, &path);
    // Keep a relative URL relative when it stays on this origin.
    Some(if target.origin() == current.origin() {
        format!("{}{}{}", target.pathname(), target.search(), target.hash())
    } else {
        target.href()
    })
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
