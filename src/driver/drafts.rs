//! Typed input kept as the session ends on its own, and given back
//! after the next sign-in.

use crate::core::EpochMs;
use crate::events::EventName;
use crate::text::{Key, Text};
use crate::timer::now_ms;
use alloc::rc::Rc;
use super::Shared;
use super::texts::page_locale;

/// Saves marked forms as the session ends on its own.
pub(super) fn save_drafts(shared: &Rc<Shared>, now: EpochMs) {
    // A session over as the page starts (a hard end already past): the
    // copy waiting for this page goes back into its form first, or the
    // empty form would be saved over that typing.
    if shared.inner.try_borrow().is_ok_and(|inner| !inner.drafts.looked) {
        restore_drafts(shared);
    }
    let detail = {
        let Ok(mut inner) = shared.inner.try_borrow_mut() else { return };
        // The session is over here: what waits is for the next sign-in.
        inner.drafts.pending = false;
        let kept = inner.drafts.save(now);
        if kept == 0 {
            return;
        }
        inner.detail(now).with("fields", (kept as f64).into())
    };
    shared.emitter.emit(EventName::DraftSaved, &detail.build(), false);
}

/// A chosen sign-out: every copy of this tab goes, whichever page saved
/// it (on a computer people share, the next person must not get it).
pub(super) fn forget_drafts(shared: &Rc<Shared>) {
    let Ok(mut inner) = shared.inner.try_borrow_mut() else { return };
    inner.drafts.forget_all();
    inner.drafts.pending = false;
}

/// The session lives again: what this page saved is withdrawn (see
/// `Drafts::withdraw`); copies of other pages still wait for their forms.
pub(super) fn withdraw_drafts(shared: &Rc<Shared>) {
    let Ok(mut inner) = shared.inner.try_borrow_mut() else { return };
    inner.drafts.withdraw();
}

/// Puts back what was typed before the last forced sign-out: at start,
/// then into each marked form a framework renders later. Not once this
/// page has saved its own: those wait for the next sign-in.
pub(super) fn restore_drafts(shared: &Rc<Shared>) {
    let now = now_ms();
    let restored = {
        let Ok(inner) = shared.inner.try_borrow() else { return };
        if inner.destroyed || inner.drafts.saved() {
            return;
        }
        // Under a shared borrow: the page's input listeners may read the state.
        inner.drafts.restore(now)
    };
    if let Ok(mut inner) = shared.inner.try_borrow_mut() {
        inner.drafts.looked = true;
        // With no marked root in the page yet, one may come: wait for it
        // without opening storage (its first use costs a page ~2 ms). Once
        // one has come, wait only while a copy of this page is left.
        inner.drafts.pending = restored.is_none() || inner.drafts.waiting(now);
    }
    let restored = restored.unwrap_or(0);
    if restored == 0 {
        return;
    }
    let detail = {
        let Ok(inner) = shared.inner.try_borrow() else { return };
        let config = &shared.config;
        inner.drafts.notice(Text::with_overrides(&page_locale(&config.locale), &config.text).get(Key::DraftRestored));
        inner.detail(now).with("fields", (restored as f64).into())
    };
    shared.emitter.emit(EventName::DraftRestored, &detail.build(), false);
}
