//! What the page is told in its language: the up-front notice and
//! the dialog.

use crate::prelude::*;
use crate::dialog::Dialog;
use crate::notice::Notice;
use crate::platform;
use crate::text::{Key, Text};
use alloc::rc::Rc;
use super::Shared;
use super::hear::{hook, Hook};

/// States the session's length in the marked elements (WCAG 2.2.6): at
/// start, and again when the page adds more.
pub(super) fn show_notice(shared: &Rc<Shared>) {
    let Ok(mut inner) = shared.inner.try_borrow_mut() else { return };
    if inner.destroyed {
        return;
    }
    if let Some(notice) = &inner.notice {
        notice.show(inner.clock.session_length_ms());
        return;
    }
    let config = &shared.config;
    // The page's language and texts only when it has marked elements.
    let words = || {
        let locale = page_locale(&config.locale);
        let text = Text::with_overrides(&locale, &config.text);
        (text.get(Key::Notice).to_owned(), locale, text.is_own(Key::Notice))
    };
    let notice = Notice::start(words, inner.clock.session_length_ms());
    inner.notice = notice;
}

/// The `locale` option, else the page's `<html lang>`.
pub(super) fn page_locale(option: &str) -> String {
    if option.is_empty() {
        platform::lang()
    } else {
        option.to_owned()
    }
}

/// Builds the dialog on first use (never, with `dialog: false`).
pub(super) fn build_dialog(shared: &Rc<Shared>) -> Option<Rc<Dialog>> {
    let config = &shared.config;
    let Ok(mut inner) = shared.inner.try_borrow_mut() else { return None };
    if !config.dialog || inner.destroyed {
        return None;
    }
    let locale = page_locale(&config.locale);
    let dialog = Rc::new(Dialog::new(
        Text::with_overrides(&locale, &config.text),
        &locale,
        config.clock.warn_ms().div_ceil(1000),
        config.sign_out_url.is_some(),
        config.title_alert,
        hook(shared, Hook::Dialog),
    ));
    inner.dialog = Some(dialog.clone());
    Some(dialog)
}
