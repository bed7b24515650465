//! Carries out each effect the clock decides, one platform call each.

use crate::prelude::*;
use crate::core::{Change, Drafts as DraftRule, Effect, EpochMs, Failure, Input, Reason};
use crate::events::{Detail, EventName};
use crate::platform;
use crate::redirect;
use crate::sign_out;
use crate::tabs::{self, TabSync};
use alloc::rc::Rc;
use super::{feed, Shared};
use super::drafts::{forget_drafts, save_drafts, withdraw_drafts};
use super::hear::{hook, Hook};
use super::requests::{check_status, send_keep_alive, send_sign_out, warn_refused};
use super::texts::build_dialog;

/// The one place each effect is carried out. No borrow is held while page
/// code runs (event listeners may call back into the instance).
pub(super) fn execute(shared: &Rc<Shared>, now: EpochMs, effect: Effect) {
    let dialog = {
        let Ok(inner) = shared.inner.try_borrow() else { return };
        if inner.destroyed {
            return;
        }
        inner.dialog.clone()
    };
    let emitter = &shared.emitter;
    // The detail object is made only for an event that is sent: most
    // effects (broadcasts, requests, the start) send none. Running an
    // effect never moves the clock, so it says the same made late.
    let detail = || shared.inner.try_borrow().map(|i| i.detail(now)).unwrap_or_else(|_| Detail::new());
    match effect.drafts() {
        Some(DraftRule::Save) => {
            save_drafts(shared, now);
            // A listener of `draftsaved` may have destroyed the instance.
            if shared.inner.try_borrow().map_or(true, |inner| inner.destroyed) {
                return;
            }
        }
        Some(DraftRule::Forget) => forget_drafts(shared),
        Some(DraftRule::Withdraw) => withdraw_drafts(shared),
        None => {}
    }
    let dialog = match effect {
        Effect::ShowWarning { .. } | Effect::ShowExpired { .. } if dialog.is_none() => build_dialog(shared),
        _ => dialog,
    };
    // The event each effect sends with the plain detail, sent in one place.
    let event = match effect {
        Effect::ShowWarning { seconds_left, last } => {
            if let Some(d) = &dialog {
                d.show_warning(seconds_left, last);
            }
            Some(EventName::Warning)
        }
        Effect::Tick { seconds_left } => {
            if let Some(d) = &dialog {
                d.update(seconds_left);
            }
            Some(EventName::Tick)
        }
        Effect::CloseDialog | Effect::HandOver => {
            if let Some(d) = &dialog {
                d.close();
            }
            None
        }
        Effect::CheckStatus => {
            check_status(shared);
            None
        }
        Effect::SessionLength { ms } => {
            if let Ok(inner) = shared.inner.try_borrow() {
                if let Some(notice) = &inner.notice {
                    notice.show(ms);
                }
            }
            None
        }
        Effect::Broadcast(message) => {
            if let Ok(inner) = shared.inner.try_borrow() {
                if let Some(tabs) = &inner.tabs {
                    tabs.post(message);
                }
            }
            None
        }
        Effect::LeaveTabs => {
            if let Ok(mut inner) = shared.inner.try_borrow_mut() {
                inner.tabs = None;
            }
            None
        }
        Effect::JoinTabs => {
            join_tabs(shared);
            None
        }
        Effect::DeadlineMoved { change, .. } => match change {
            Change::Activity => Some(EventName::Activity),
            Change::Extended => Some(EventName::Extended),
            Change::Start | Change::Shortened => None,
        },
        Effect::SendKeepAlive => {
            if let Some(d) = &dialog {
                d.set_busy(true);
            }
            send_keep_alive(shared);
            None
        }
        Effect::KeepAliveFailed(failure) => {
            if let Some(d) = &dialog {
                d.set_error(Some(failure));
            }
            let status = shared.inner.try_borrow().map(|i| i.keep_alive_status).unwrap_or(0);
            if failure == Failure::Refused {
                warn_refused(&shared.config, status);
            }
            emitter.emit(EventName::KeepAliveError, &detail().with("status", f64::from(status).into()).build(), false);
            None
        }
        Effect::ShowExpired { seconds_left, .. } => {
            if let Some(d) = &dialog {
                d.show_expired(seconds_left);
            }
            Some(EventName::Expired)
        }
        Effect::SignOut => {
            let config = &shared.config;
            let url = config.sign_out_url.clone().unwrap_or_else(|| redirect::target_url(config, Reason::SignedOut));
            emitter.emit(EventName::SignOut, &detail().with("url", url.as_str().into()).build(), false);
            if config.sign_out_url.is_some() && sign_out::how(&url, &platform::origin()) == sign_out::How::Post {
                send_sign_out(shared, "POST", Hook::SignOut);
            } else {
                leave(shared, url, now);
            }
            None
        }
        Effect::PageSignedOut => {
            if let Some(d) = &dialog {
                d.close();
            }
            let url = shared.config.sign_out_url.clone().unwrap_or_default();
            emitter.emit(EventName::SignOut, &detail().with("url", url.as_str().into()).build(), false);
            None
        }
        Effect::Redirect { reason } => {
            let url = redirect::target_url(&shared.config, reason);
            if reason == Reason::SignedOut {
                emitter.emit(EventName::SignOut, &detail().with("url", url.as_str().into()).build(), false);
            }
            leave(shared, url, now);
            None
        }
    };
    if let Some(event) = event {
        emitter.emit(event, &detail().build(), false);
    }
}

/// Leaves for `url`, unless a listener of the cancelable `redirect`
/// event routes a single-page app itself.
pub(super) fn leave(shared: &Rc<Shared>, url: String, now: EpochMs) {
    let detail = shared.inner.try_borrow().map(|i| i.detail(now)).unwrap_or_else(|_| Detail::new());
    if shared.emitter.emit(EventName::Redirect, &detail.with("url", url.as_str().into()).build(), true) {
        redirect::navigate(&url);
    } else {
        feed(shared, Input::PageRoutes);
    }
}

/// Joins the other tabs (unless `crossTab` is off), following until the
/// election says this tab leads; a tab alone leads.
pub(super) fn join_tabs(shared: &Rc<Shared>) {
    let config = &shared.config;
    let mut electing = false;
    if config.cross_tab {
        let name = config.channel.clone().unwrap_or_else(tabs::default_channel);
        let (sync, election) = TabSync::join(&name, hook(shared, Hook::Tabs));
        electing = election;
        if let Ok(mut inner) = shared.inner.try_borrow_mut() {
            inner.tabs = Some(sync);
        }
    }
    feed(shared, Input::Leader(!electing));
}
