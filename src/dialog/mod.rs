//! The warning and expired dialogs as Rust decides them: which view, every
//! text, what is announced and when, what each control means. The
//! platform's `<dialog>` draws exactly that.

use crate::core::{announced_seconds, Failure};
use crate::duration::DurationFormat;
use crate::platform::{self, Callback};
use crate::prelude::*;
use crate::text::{fill, Key, Text};
use crate::title::TitleAlert;
use core::cell::Cell;
use wasm_bindgen::JsValue;

/// What the person asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// "Stay signed in", or Escape during the warning.
    Stay,
    /// "Sign out".
    SignOut,
    /// "Sign in again" on the expired dialog.
    SignIn,
    /// Closes the final warning (Escape too): back to the page.
    Dismiss,
}

/// Which dialog is open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum View {
    /// None.
    Closed,
    /// The warning, with "Stay signed in".
    Warning,
    /// The final warning at the session's hard end: nothing extends it.
    Final,
    /// The session has ended.
    Expired,
}

impl Action {
    /// What a control (as the platform names it) means in `view`. Escape
    /// means "stay" during the warning and nothing after it.
    pub fn of(control: &str, view: View) -> Option<Action> {
        match (control, view) {
            ("primary", View::Warning) | ("escape", View::Warning) => Some(Action::Stay),
            ("primary", View::Expired) => Some(Action::SignIn),
            ("secondary", View::Warning | View::Final) => Some(Action::SignOut),
            ("primary", View::Final) | ("escape", View::Final) => Some(Action::Dismiss),
            _ => None,
        }
    }
}

/// The dialog; dropping it takes it out of the page.
#[must_use = "the dialog is removed from the page when this is dropped"]
pub struct Dialog {
    js: platform::Dialog,
    _on_action: Callback,
    text: Text,
    durations: DurationFormat,
    warn_seconds: u64,
    sign_out: bool,
    view: Cell<View>,
    seconds: Cell<u64>,
    announced: Cell<Option<u64>>,
    /// What the live region says, made again only when its words change.
    /// (Cells here are taken and put back: no borrow flag, no panic path.)
    live: Cell<String>,
    failure: Cell<Option<Failure>>,
    busy: Cell<bool>,
    /// The tab's title while open (None: `titleAlert: false`).
    title: Option<Cell<TitleAlert>>,
}

impl Dialog {
    /// A closed dialog (the platform builds the element when first shown).
    /// `sign_out` offers "Sign out"; `on_action` hears the buttons and
    /// Escape (read them with [`Dialog::action`]).
    pub fn new(text: Text, locale: &str, warn_seconds: u64, sign_out: bool, title_alert: bool, on_action: Callback) -> Dialog {
        Dialog {
            js: platform::Dialog::new(on_action.as_ref()),
            _on_action: on_action,
            text,
            durations: DurationFormat::new(locale),
            warn_seconds,
            sign_out,
            view: Cell::new(View::Closed),
            seconds: Cell::new(0),
            announced: Cell::new(None),
            live: Cell::new(String::new()),
            failure: Cell::new(None),
            busy: Cell::new(false),
            title: title_alert.then(Cell::default),
        }
    }

    /// What the control the platform names means in the view open now.
    pub fn action(&self, control: &JsValue) -> Option<Action> {
        Action::of(&control.as_string()?, self.view.get())
    }

    /// Opens the warning with `seconds_left` (`last`: the final one).
    pub fn show_warning(&self, seconds_left: u64, last: bool) {
        self.show(if last { View::Final } else { View::Warning }, seconds_left);
    }

    /// Opens (or switches to) the expired dialog.
    pub fn show_expired(&self, seconds_left: u64) {
        self.show(View::Expired, seconds_left);
    }

    fn show(&self, view: View, seconds_left: u64) {
        self.view.set(view);
        self.failure.set(None);
        self.busy.set(false);
        self.announced.set(None);
        self.seconds.set(seconds_left);
        self.draw(true);
    }

    /// The countdown moved to `seconds_left`.
    pub fn update(&self, seconds_left: u64) {
        self.seconds.set(seconds_left);
        self.draw(false);
    }

    /// The keep-alive is on its way (true) or answered (false).
    pub fn set_busy(&self, busy: bool) {
        self.busy.set(busy);
        self.draw(false);
    }

    /// Shows or clears the "could not extend" message.
    pub fn set_error(&self, failure: Option<Failure>) {
        self.busy.set(false);
        self.failure.set(failure);
        self.draw(false);
    }

    /// Closes and gives focus back.
    pub fn close(&self) {
        if self.view.replace(View::Closed) != View::Closed {
            self.draw(false);
        }
    }

    fn draw(&self, focus: bool) {
        let t = &self.text;
        let view = self.view.get();
        let seconds = self.seconds.get();
        let (name, title, key, primary) = match view {
            View::Closed => {
                self.restore_title();
                return self.js.render("closed", "", "", "", "", "", "", false, 0.0, 0.0, false);
            }
            View::Warning => ("warning", t.get(Key::WarningTitle), Key::WarningMessage, t.get(Key::StayButton)),
            View::Final => ("final", t.get(Key::FinalWarningTitle), Key::FinalWarningMessage, t.get(Key::FinalWarningButton)),
            View::Expired => ("expired", t.get(Key::ExpiredTitle), Key::ExpiredMessage, t.get(Key::SignInButton)),
        };
        let (template, own) = (t.get(key), t.is_own(key));
        let warning = view != View::Expired;
        // The live region changes far less often than the countdown, and
        // only when its words do; after expiry it is said once.
        let announce = if warning { announced_seconds(seconds) } else { self.announced.get().unwrap_or(seconds) };
        if self.announced.replace(Some(announce)) != Some(announce) {
            let words = fill(template, &self.durations.format(announce, own));
            self.live.set(if warning { words } else { cat(&[title, " ", &words]) });
        }
        let error = match self.failure.get() {
            None => "",
            Some(Failure::Unreachable) => t.get(Key::KeepAliveFailed),
            Some(Failure::Refused) => t.get(Key::KeepAliveRefused),
        };
        // "Sign out" and the progress bar belong to the warning only.
        let secondary = if warning && self.sign_out { t.get(Key::SignOutButton) } else { "" };
        let max = if warning { self.warn_seconds.max(1) as f64 } else { 0.0 };
        let message = fill(template, &self.durations.format(seconds, own));
        let live = self.live.take();
        self.js.render(name, title, &message, &live, primary, secondary, error, self.busy.get(), seconds as f64, max, focus);
        self.live.set(live);
        if let Some(alert) = &self.title {
            let mut kept = alert.take();
            let shown = kept.show(&platform::title(), t.get(Key::TitleAlert), seconds);
            alert.set(kept);
            platform::set_title(&shown);
        }
    }

    /// Puts the page's own title back (unless it has set another since).
    fn restore_title(&self) {
        let Some(alert) = &self.title else { return };
        let mut kept = alert.take();
        let original = kept.restore(&platform::title());
        alert.set(kept);
        if let Some(original) = original {
            platform::set_title(&original);
        }
    }
}

impl Drop for Dialog {
    fn drop(&mut self) {
        self.restore_title();
        platform::undo(&self.js);
    }
}

#[cfg(test)]
mod tests {
    use super::{Action, View};

    #[test]
    fn controls_mean_what_the_view_says() {
        assert_eq!(Action::of("primary", View::Warning), Some(Action::Stay));
        assert_eq!(Action::of("escape", View::Warning), Some(Action::Stay));
        assert_eq!(Action::of("secondary", View::Warning), Some(Action::SignOut));
        assert_eq!(Action::of("primary", View::Final), Some(Action::Dismiss), "the final warning only closes");
        assert_eq!(Action::of("escape", View::Final), Some(Action::Dismiss));
        assert_eq!(Action::of("secondary", View::Final), Some(Action::SignOut));
        assert_eq!(Action::of("primary", View::Expired), Some(Action::SignIn));
        assert_eq!(Action::of("escape", View::Expired), None, "Escape never ends anything");
        assert_eq!(Action::of("primary", View::Closed), None);
    }
}
