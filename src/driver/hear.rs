//! What each call from the platform means: one closure for all, told
//! apart by its `Hook`, and the input it gives the clock.

use crate::config::Config;
use crate::core::{Input, Reason};
use crate::dialog::Action;
use crate::keep_alive;
use crate::keep_alive::FnAnswer;
use crate::observe::Seen;
use crate::platform::{self, Callback};
use crate::redirect;
use crate::sign_out;
use crate::request;
use crate::status;
use crate::timer::now_ms;
use crate::wake;
use alloc::rc::Rc;
use wasm_bindgen::JsValue;
use super::{feed, feed_at, run, Shared, Step};
use super::drafts::restore_drafts;
use super::execute::leave;
use super::requests::send_sign_out;
use super::texts::show_notice;

fn action_input(action: Action) -> Input {
    match action {
        Action::Stay => Input::StayRequested,
        Action::SignOut => Input::SignOut,
        Action::SignIn => Input::RedirectNow,
        Action::Dismiss => Input::Dismiss,
    }
}

/// The one timer, the page's wake-ups and keys; with keep-alive on
/// activity, the person's other activity too.
pub(super) fn start_watch(shared: &Rc<Shared>, config: &Config) -> (platform::Watch, Callback) {
    let on_wake = hook(shared, Hook::Wake);
    let activity = if config.clock.activity_throttle_ms().is_some() { wake::ACTIVITY_EVENTS } else { wake::KEY_EVENT };
    // The page's own sign-out form can only be told apart by its URL.
    let watch = platform::Watch::new(on_wake.as_ref(), activity, config.sign_out_url.is_some());
    (watch, on_wake)
}

/// What a call from the platform is about. Every callback the driver
/// hands out is the one closure made by [`hook`], told apart by this:
/// each closure type costs its own vtable, drop glue and shims in the
/// .wasm (about 0.06 KB gzip each).
#[derive(Clone, Copy)]
pub(super) enum Hook {
    /// The timer, a wake-up or the person's activity (see `wake::input`).
    Wake,
    /// Another tab's message, or this tab's election.
    Tabs,
    /// The page's own request answered.
    Seen,
    /// The keep-alive answered.
    KeepAlive,
    /// The status endpoint answered.
    Status,
    /// The page's `keepAlive()` answered.
    KeepAliveFunction,
    /// The page's `status()` answered.
    StatusFunction,
    /// A control of the dialog was used.
    Dialog,
    /// The sign-out POST answered.
    SignOut,
    /// The sign-out DELETE (after a POST with no route) answered.
    SignOutDelete,
    /// The page added marked elements (forms, notices).
    Added,
}

/// The callback for `kind`: it holds the driver weakly, so a callback
/// the page keeps never keeps a destroyed instance alive.
pub(super) fn hook(shared: &Rc<Shared>, kind: Hook) -> Callback {
    let weak = Rc::downgrade(shared);
    platform::callback(move |value: JsValue| {
        if let Some(shared) = weak.upgrade() {
            hear(&shared, kind, &value);
        }
    })
}

/// What the platform's call means, fed to the clock. Platform calls come
/// as tasks of their own, or from page code run while no mutable borrow
/// is held (a listener of the drafts put back), so these borrows succeed.
pub(super) fn hear(shared: &Rc<Shared>, kind: Hook, value: &JsValue) {
    let input = match kind {
        Hook::Wake => {
            let what = value.as_string().unwrap_or_default();
            if let Some(form) = what.strip_prefix("submit ") {
                // Any other form is no business of the clock's.
                if sign_out::is_page_sign_out(form, shared.config.sign_out_url.as_deref().unwrap_or_default()) {
                    feed(shared, Input::PageSignedOut);
                }
                return;
            }
            if what == "timer" {
                // Nothing is armed until the clock says when next.
                if let Ok(mut inner) = shared.inner.try_borrow_mut() {
                    inner.armed_for = None;
                }
            }
            Some(wake::input(&what))
        }
        // `let … else` rather than `ok().and_then(…)`: each closure given
        // to `and_then` was a generic function of its own in the .wasm.
        Hook::Tabs => {
            let Ok(inner) = shared.inner.try_borrow() else { return };
            let Some(tabs) = &inner.tabs else { return };
            tabs.hear(value)
        }
        Hook::Seen => {
            let (seen, hard_end) = {
                let Ok(inner) = shared.inner.try_borrow() else { return };
                let Some(observer) = &inner.observer else { return };
                let seen = observer.hear(value, &shared.config, &shared.copies);
                // `absoluteExpiresAt` is by the server's clock; with no
                // `absoluteHeader` to say it in seconds, an answer's `Date`
                // puts it on this device's (fed only with an answer that
                // counts, at most one a second, and only when it moves).
                let config = &shared.config;
                let hard_end = match (&seen, config.absolute_expires_at, &config.absolute_header) {
                    (Some(_), Some(end), None) => shared.copies.on_this_device(end).filter(|&moved| moved < end),
                    _ => None,
                };
                (seen, hard_end)
            };
            if let Some(end) = hard_end {
                feed(shared, Input::HardEnd(end));
            }
            let Some((seen, at, sent, hard_end_in)) = seen else { return };
            if let Some(ms) = hard_end_in {
                feed_at(shared, Input::HardEndIn(ms), Some(at));
            }
            let input = match seen {
                Seen::Activity(remaining) => Input::Activity(remaining),
                Seen::Unauthorized => Input::Unauthorized(sent),
                Seen::Refused => Input::Refused,
            };
            feed_at(shared, input, Some(at));
            None
        }
        Hook::KeepAlive | Hook::Status => {
            let mut reply = request::read(value, shared.config.sign_in_url.as_deref());
            // A cache's old copy (a service worker's, answering for a
            // network that is down) says nothing of the session now.
            if shared.copies.is_copy(now_ms(), request::written(value)) {
                reply = request::UNANSWERED;
            }
            if let Some(ms) = reply.hard_end_in_ms {
                feed(shared, Input::HardEndIn(ms));
            }
            let gone = &shared.config.unauthorized_statuses;
            let (keep_alive, input) = match kind {
                Hook::KeepAlive => (true, Some(keep_alive::outcome(reply, gone))),
                _ => (false, Some(status::outcome(reply, gone))),
            };
            run(shared, Step::Answer { keep_alive, input, status: reply.status });
            None
        }
        Hook::KeepAliveFunction => {
            let input = Some(keep_alive::function_outcome(FnAnswer::read(value)));
            run(shared, Step::Answer { keep_alive: true, input, status: 0 });
            None
        }
        Hook::StatusFunction => {
            let input = Some(keep_alive::status_function_outcome(FnAnswer::read(value)));
            run(shared, Step::Answer { keep_alive: false, input, status: 0 });
            None
        }
        Hook::Dialog => {
            let Ok(inner) = shared.inner.try_borrow() else { return };
            let Some(dialog) = &inner.dialog else { return };
            dialog.action(value).map(action_input)
        }
        Hook::Added => {
            show_notice(shared);
            if shared.inner.try_borrow().is_ok_and(|inner| inner.drafts.pending) {
                restore_drafts(shared);
            }
            None
        }
        Hook::SignOut | Hook::SignOutDelete => {
            let field = |i| platform::field(value, i);
            let status = crate::observe::reported_status(field(0).as_f64(), None);
            let url = match sign_out::next(status, field(2).as_bool() == Some(true), field(1).as_string(), matches!(kind, Hook::SignOut)) {
                sign_out::Next::Landed(url) => url,
                sign_out::Next::SignIn => redirect::target_url(&shared.config, Reason::SignedOut),
                sign_out::Next::Open => shared.config.sign_out_url.clone().unwrap_or_default(),
                sign_out::Next::Delete => {
                    send_sign_out(shared, "DELETE", Hook::SignOutDelete);
                    return;
                }
            };
            feed(shared, Input::SignOutAnswered);
            leave(shared, url, now_ms());
            None
        }
    };
    if let Some(input) = input {
        feed(shared, input);
    }
}
