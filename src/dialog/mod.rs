//! The warning and expired dialogs: one `<dialog>` shown with
//! `showModal()`, built from text only, removed again on drop.

mod build;
mod focus;

use crate::core::{announced_seconds, Failure};
use crate::duration::DurationFormat;
use crate::text::{fill, Text};
use build::{element, next_id, set_text};
use gloo_events::{EventListener, EventListenerOptions};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Element, HtmlButtonElement, HtmlDialogElement, HtmlElement, HtmlProgressElement, KeyboardEvent};

/// A polite status note (used for restored drafts): text only.
pub fn build_notice(document: &Document, text: &str) -> Result<Element, JsValue> {
    let note: Element = element(document, "p", "session-timeout__restored", &[("role", "status")])?;
    note.set_text_content(Some(text));
    Ok(note)
}

/// What the person asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// "Stay signed in", or Escape during the warning.
    Stay,
    /// "Sign out".
    SignOut,
    /// "Sign in again" on the expired dialog.
    SignIn,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum View {
    Closed,
    Warning,
    Expired,
}

/// The dialog element and everything listening on it.
#[must_use = "the dialog is removed from the page when this is dropped"]
pub struct Dialog {
    document: Document,
    root: HtmlDialogElement,
    title: Element,
    message: Element,
    live: Element,
    error: Element,
    progress: HtmlProgressElement,
    primary: HtmlButtonElement,
    secondary: Option<HtmlButtonElement>,
    text: Text,
    durations: DurationFormat,
    warn_seconds: u64,
    view: Rc<Cell<View>>,
    announced: Cell<Option<u64>>,
    return_focus: RefCell<Option<HtmlElement>>,
    _listeners: Vec<EventListener>,
}

impl Dialog {
    /// Builds the (closed) dialog at the end of `<body>`. `sign_out`
    /// adds the "Sign out" button; `on_action` hears the buttons and Escape.
    pub fn new(
        document: &Document,
        text: Text,
        locale: &str,
        warn_seconds: u64,
        sign_out: bool,
        on_action: impl Fn(Action) + Clone + 'static,
    ) -> Result<Dialog, JsValue> {
        let id = next_id();
        let (title_id, message_id) = (format!("{id}-title"), format!("{id}-message"));
        let root: HtmlDialogElement = element(
            document,
            "dialog",
            "session-timeout",
            &[("aria-labelledby", &title_id), ("aria-describedby", &message_id), ("data-view", "closed")],
        )?;
        let title: Element = element(document, "h2", "session-timeout__title", &[("id", &title_id)])?;
        // The visible countdown changes every second; screen readers hear
        // the live region below instead.
        let message: Element = element(document, "p", "session-timeout__message", &[("id", &message_id), ("aria-hidden", "true")])?;
        let progress: HtmlProgressElement = element(document, "progress", "session-timeout__progress", &[("aria-hidden", "true")])?;
        let live: Element = element(document, "p", "session-timeout__sr", &[("aria-live", "polite"), ("aria-atomic", "true")])?;
        let error: Element = element(document, "p", "session-timeout__error", &[("role", "alert")])?;
        let actions: Element = element(document, "div", "session-timeout__actions", &[])?;
        let primary: HtmlButtonElement =
            element(document, "button", "session-timeout__button session-timeout__button--primary", &[("type", "button")])?;
        actions.append_child(&primary)?;
        let secondary = if sign_out {
            let b: HtmlButtonElement =
                element(document, "button", "session-timeout__button session-timeout__button--secondary", &[("type", "button")])?;
            b.set_text_content(Some(&text.sign_out_button));
            actions.append_child(&b)?;
            Some(b)
        } else {
            None
        };
        for child in [&title, &message, progress.as_ref(), &live, &error, &actions] {
            root.append_child(child)?;
        }
        document.body().ok_or_else(|| JsValue::from_str("the page has no <body>"))?.append_child(&root)?;

        let view = Rc::new(Cell::new(View::Closed));
        let mut listeners = Vec::new();
        {
            let (view, act) = (view.clone(), on_action.clone());
            listeners.push(EventListener::new(&primary, "click", move |_| {
                act(if view.get() == View::Expired { Action::SignIn } else { Action::Stay })
            }));
        }
        if let Some(b) = &secondary {
            let act = on_action.clone();
            listeners.push(EventListener::new(b, "click", move |_| act(Action::SignOut)));
        }
        {
            let (view, act, doc) = (view.clone(), on_action.clone(), document.clone());
            let focusable: Vec<HtmlElement> =
                std::iter::once(&primary).chain(secondary.iter()).map(|b| b.clone().unchecked_into()).collect();
            listeners.push(EventListener::new_with_options(&root, "keydown", EventListenerOptions::enable_prevent_default(), move |e| {
                let Some(key) = e.dyn_ref::<KeyboardEvent>() else { return };
                if key.key() == "Escape" {
                    // Escape means "stay signed in"; it never just closes.
                    e.prevent_default();
                    if view.get() == View::Warning {
                        act(Action::Stay);
                    }
                } else {
                    focus::trap_tab(key, &doc, &focusable);
                }
            }));
        }
        // Other close requests (a browser's back gesture) must not hide it.
        listeners.push(EventListener::new_with_options(&root, "cancel", EventListenerOptions::enable_prevent_default(), |e| {
            e.prevent_default()
        }));

        Ok(Dialog {
            document: document.clone(),
            root,
            title,
            message,
            live,
            error,
            progress,
            primary,
            secondary,
            text,
            durations: DurationFormat::new(locale),
            warn_seconds,
            view,
            announced: Cell::new(None),
            return_focus: RefCell::new(None),
            _listeners: listeners,
        })
    }

    /// Opens the warning with `seconds_left`.
    pub fn show_warning(&self, seconds_left: u64) {
        self.progress.set_max(self.warn_seconds.max(1) as f64);
        self.show(View::Warning, seconds_left);
    }

    /// Opens (or switches to) the expired dialog.
    pub fn show_expired(&self, seconds_left: u64) {
        self.show(View::Expired, seconds_left);
    }

    fn show(&self, view: View, seconds_left: u64) {
        let warning = view == View::Warning;
        let (title, button) = if warning {
            (&self.text.warning_title, &self.text.stay_button)
        } else {
            (&self.text.expired_title, &self.text.sign_in_button)
        };
        set_text(&self.title, title);
        set_text(&self.primary, button);
        // "Sign out" and the progress bar belong to the warning only.
        if let Some(b) = &self.secondary {
            b.set_hidden(!warning);
        }
        self.progress.set_hidden(!warning);
        self.set_error(None);
        self.announced.set(None);
        self.open(view);
        self.update(seconds_left);
    }

    /// The countdown moved to `seconds_left`.
    pub fn update(&self, seconds_left: u64) {
        let template = match self.view.get() {
            View::Warning => &self.text.warning_message,
            View::Expired => &self.text.expired_message,
            View::Closed => return,
        };
        set_text(&self.message, &fill(template, &self.durations.format(seconds_left)));
        if self.view.get() == View::Warning {
            self.progress.set_value(seconds_left as f64);
        }
        // The live region changes far less often, and only when its words do.
        let announce = match self.view.get() {
            View::Warning => announced_seconds(seconds_left),
            _ => self.announced.get().unwrap_or(seconds_left),
        };
        if self.announced.get() != Some(announce) {
            self.announced.set(Some(announce));
            let words = fill(template, &self.durations.format(announce));
            let words = if self.view.get() == View::Expired { format!("{} {words}", self.text.expired_title) } else { words };
            set_text(&self.live, &words);
        }
    }

    /// The keep-alive is on its way (true) or answered (false).
    pub fn set_busy(&self, busy: bool) {
        let _ = if busy {
            self.primary.set_attribute("aria-busy", "true")
        } else {
            self.primary.remove_attribute("aria-busy")
        };
    }

    /// Shows or clears the "could not reach the server" message.
    pub fn set_error(&self, failure: Option<Failure>) {
        self.set_busy(false);
        let text = match failure {
            None => "",
            Some(Failure::Unreachable) => &self.text.keep_alive_failed,
            Some(Failure::Refused) => &self.text.keep_alive_refused,
        };
        set_text(&self.error, text);
    }

    /// Closes and gives focus back.
    pub fn close(&self) {
        if self.view.get() == View::Closed {
            return;
        }
        self.view.set(View::Closed);
        let _ = self.root.set_attribute("data-view", "closed");
        self.root.close();
        focus::restore(self.return_focus.borrow_mut().take());
    }

    fn open(&self, view: View) {
        let _ = self.root.set_attribute("data-view", if view == View::Warning { "warning" } else { "expired" });
        if !self.root.open() {
            *self.return_focus.borrow_mut() = focus::remember(&self.document);
            if self.root.show_modal().is_err() {
                self.root.set_open(true); // not in the document's top layer, but visible
            }
        }
        self.view.set(view);
        let _ = self.primary.focus();
    }
}

impl Drop for Dialog {
    fn drop(&mut self) {
        self.close();
        self.root.remove();
    }
}
