//! The one driver: feeds page events to the core clock and carries out
//! what it decides. It decides nothing about time itself.

use crate::config::Config;
use crate::core::{Change, Effect, EpochMs, Failure, Input, Reason, SessionClock, State};
use crate::csrf;
use crate::dialog::{Action, Dialog};
use crate::drafts::Drafts;
use crate::events::{Detail, Emitter, EventName};
use crate::keep_alive;
use crate::observe::{self, RequestObserver, Seen};
use crate::redirect;
use crate::request::{self, InFlight, Reply};
use crate::status;
use crate::tabs::{self, TabSync};
use crate::text::Text;
use crate::timer::{self, now_ms, WakeTimer};
use crate::user_activity::UserActivity;
use crate::wake::WakeListeners;
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::{Rc, Weak};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Window};

/// One thing for the clock to hear, in the order it happened.
enum Step {
    /// An input, and the time it happened when that was not "now" (a
    /// response the server sent before we heard of it).
    Input(Input, Option<EpochMs>),
    /// The keep-alive answered (or failed).
    KeepAlive(Reply),
    /// The status endpoint answered (or failed).
    Status(Reply),
}

/// Owns the clock and every guard (timer, listeners, dialog, request);
/// dropping it, or [`Driver::destroy`], leaves the page as it was found.
pub struct Driver {
    shared: Rc<Shared>,
}

struct Shared {
    /// Inputs wait here while effects run (a listener calling
    /// `activity()`), so effects keep their order and no borrow is nested.
    /// Each has the time it happened, when that was not "now" (a response
    /// the server sent before we heard of it).
    queue: RefCell<VecDeque<Step>>,
    busy: Cell<bool>,
    inner: RefCell<Inner>,
}

struct Inner {
    clock: SessionClock,
    config: Config,
    window: Window,
    document: Document,
    emitter: Rc<Emitter>,
    dialog: Option<Rc<Dialog>>,
    timer: Option<WakeTimer>,
    /// When the timer is armed for, so an unchanged wake-up is not re-armed.
    armed_for: Option<EpochMs>,
    wake: Option<WakeListeners>,
    observer: Option<RequestObserver>,
    user_activity: Option<UserActivity>,
    tabs: Option<TabSync>,
    keep_alive: Option<InFlight>,
    status: Option<InFlight>,
    drafts: Option<Drafts>,
    /// Drafts were saved and not yet given back or dropped.
    drafts_saved: bool,
    /// The "we restored what you typed" note, removed with the instance.
    notice: Option<web_sys::Element>,
    /// `extend()` promises waiting for the keep-alive in flight.
    waiters: Vec<js_sys::Function>,
    /// The last keep-alive's HTTP status (0: no answer), for its error event.
    keep_alive_status: u16,
    destroyed: bool,
}

impl Driver {
    /// Starts the clock now and listens for wake-ups. The dialog is built
    /// the first time it is shown: arming stays cheap.
    pub fn start(config: Config, window: Window, document: Document) -> Result<Driver, JsValue> {
        let emitter = Rc::new(Emitter::new(document.clone())?);
        let drafts = Drafts::new(&window, &document, config.draft_max_age_ms);
        let shared = Rc::new(Shared {
            queue: RefCell::new(VecDeque::new()),
            busy: Cell::new(false),
            inner: RefCell::new(Inner {
                clock: SessionClock::new(config.clock),
                config,
                window: window.clone(),
                document: document.clone(),
                emitter,
                dialog: None,
                timer: None,
                armed_for: None,
                wake: None,
                observer: None,
                user_activity: None,
                tabs: None,
                keep_alive: None,
                status: None,
                drafts,
                drafts_saved: false,
                notice: None,
                waiters: Vec::new(),
                keep_alive_status: 0,
                destroyed: false,
            }),
        });
        let weak = Rc::downgrade(&shared);
        let wake = WakeListeners::new(&window, &document, move |input| feed_weak(&weak, input));
        let observer = start_observer(&shared, &window);
        let user_activity = shared.inner.borrow().config.clock.activity_throttle_ms().map(|_| {
            let weak = Rc::downgrade(&shared);
            UserActivity::new(&document, move || feed_weak(&weak, Input::UserActive))
        });
        let tabs = join_tabs(&shared, &window);
        let electing = tabs.as_ref().is_some_and(|(_, electing)| *electing);
        {
            let mut inner = shared.inner.borrow_mut();
            inner.wake = Some(wake);
            inner.observer = observer;
            inner.user_activity = user_activity;
            inner.tabs = tabs.map(|(sync, _)| sync);
        }
        if electing {
            // Follow until the lock says this tab leads.
            feed(&shared, Input::Leader(false));
        }
        let served_at = served_at(&shared, &window);
        feed(&shared, Input::Start { served_at });
        restore_drafts(&shared);
        Ok(Driver { shared })
    }

    /// Feeds one input now.
    pub fn feed(&self, input: Input) {
        feed(&self.shared, input);
    }

    /// The state as of now, even if a throttled timer is late; reading it
    /// changes nothing (the timer, when it fires, runs the effects).
    pub fn state(&self) -> State {
        self.shared.inner.try_borrow().map(|i| i.clock.state_at(now_ms())).unwrap_or(State::Stopped)
    }

    /// Whole seconds of session left now; reading it changes nothing.
    pub fn seconds_left(&self) -> u64 {
        self.shared.inner.try_borrow().map(|i| i.clock.seconds_left(now_ms())).unwrap_or(0)
    }

    /// Whether this tab leads the others.
    pub fn is_leader(&self) -> bool {
        self.shared.inner.try_borrow().map(|i| i.clock.is_leader() && !i.destroyed).unwrap_or(false)
    }

    /// The target for `addEventListener`.
    pub fn emitter(&self) -> Option<Rc<Emitter>> {
        self.shared.inner.try_borrow().ok().map(|i| i.emitter.clone())
    }

    /// Sends a keep-alive (or joins the one in flight); `resolve` gets
    /// true when the session was extended, false otherwise.
    pub fn extend(&self, resolve: js_sys::Function) {
        let live = match self.shared.inner.try_borrow_mut() {
            Ok(mut inner) if matches!(inner.clock.state(), State::Active | State::Warning) && !inner.destroyed => {
                inner.waiters.push(resolve.clone());
                true
            }
            _ => false,
        };
        if live {
            self.feed(Input::StayRequested);
        } else {
            let _ = resolve.call1(&JsValue::NULL, &JsValue::FALSE);
        }
    }

    /// Stops the clock and removes every timer, listener and element.
    pub fn destroy(&self) {
        self.shared.queue.borrow_mut().clear();
        match self.shared.inner.try_borrow_mut() {
            Ok(mut inner) => inner.shut_down(),
            // Called while an effect runs: finish as soon as it returns.
            Err(_) => feed(&self.shared, Input::Stop),
        }
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        self.destroy();
    }
}

impl Inner {
    /// The input a step gives the clock (if any), when it happened, and
    /// the `extend()` promises it answers. A request's guard is dropped
    /// here, whatever else was going on when it answered.
    fn take(&mut self, step: Step) -> (Option<Input>, Option<EpochMs>, Vec<js_sys::Function>) {
        match step {
            Step::Input(input, at) => (Some(input), at, Vec::new()),
            Step::KeepAlive(reply) => {
                self.keep_alive = None;
                self.keep_alive_status = reply.status;
                (Some(keep_alive::outcome(reply, &self.config.unauthorized_statuses)), None, std::mem::take(&mut self.waiters))
            }
            Step::Status(reply) => {
                self.status = None;
                (status::outcome(reply, &self.config.unauthorized_statuses), None, Vec::new())
            }
        }
    }

    /// Feeds the clock and arms the one timer to its next wake-up; returns
    /// the time used and the effects to carry out.
    fn handle(&mut self, shared: &Rc<Shared>, input: Input, at: Option<EpochMs>) -> (EpochMs, Vec<Effect>) {
        if input == Input::Stop {
            self.shut_down();
            return (0, Vec::new());
        }
        let real = now_ms();
        // The input's own time, never one from the future.
        let now = at.filter(|&t| t <= real).unwrap_or(real);
        let out = self.clock.handle(now, input);
        // A later wake-up keeps the timer already armed: it fires early,
        // the clock says "not yet" and re-arms then. Busy pages (a
        // request a second) thus cost no timer churn per request.
        let keep = matches!((self.armed_for, out.wake_at), (Some(armed), Some(wanted)) if armed <= wanted);
        if !keep && out.wake_at != self.armed_for {
            // Replacing the timer cancels the old one: only ever one armed.
            let weak = Rc::downgrade(shared);
            self.timer = out.wake_at.map(|at| WakeTimer::new(real, at, move || timer_fired(&weak)));
            self.armed_for = out.wake_at;
        }
        (now, out.effects)
    }

    fn shut_down(&mut self) {
        if !self.destroyed {
            let _ = self.clock.handle(now_ms(), Input::Stop);
        }
        self.destroyed = true;
        self.timer = None;
        self.armed_for = None;
        self.wake = None;
        self.observer = None;
        self.user_activity = None;
        self.tabs = None;
        self.keep_alive = None;
        self.status = None;
        if let Some(note) = self.notice.take() {
            note.remove();
        }
        self.dialog = None;
        for waiter in self.waiters.drain(..) {
            let _ = waiter.call1(&JsValue::NULL, &JsValue::FALSE);
        }
    }

    fn detail(&self, now: EpochMs) -> Detail {
        let detail = Detail::new()
            .with("state", self.clock.state().as_str())
            .with("remainingSeconds", self.clock.seconds_left(now) as f64)
            .with("expiresAt", self.clock.deadline() as f64);
        let detail = match self.clock.redirect_seconds_left(now) {
            Some(s) => detail.with("redirectSeconds", s as f64),
            None => detail,
        };
        match self.clock.reason() {
            Some(reason) => detail.with("reason", reason.as_str()),
            None => detail,
        }
    }
}

fn action_input(action: Action) -> Input {
    match action {
        Action::Stay => Input::StayRequested,
        Action::SignOut => Input::SignOut,
        Action::SignIn => Input::RedirectNow,
    }
}

/// The one timer fired: nothing is armed until the clock says when next.
fn timer_fired(weak: &Weak<Shared>) {
    let Some(shared) = weak.upgrade() else { return };
    if let Ok(mut inner) = shared.inner.try_borrow_mut() {
        inner.armed_for = None;
    }
    feed(&shared, Input::Wake);
}

fn feed_weak(weak: &Weak<Shared>, input: Input) {
    if let Some(shared) = weak.upgrade() {
        feed(&shared, input);
    }
}

fn feed(shared: &Rc<Shared>, input: Input) {
    feed_at(shared, input, None);
}

/// Feeds `input`, which happened at `at` (a server's answer we heard of
/// later), or now.
fn feed_at(shared: &Rc<Shared>, input: Input, at: Option<EpochMs>) {
    run(shared, Step::Input(input, at));
}

/// Queues `step` and, unless a step is already running, runs every
/// queued step in order. The only place the clock is fed.
fn run(shared: &Rc<Shared>, step: Step) {
    shared.queue.borrow_mut().push_back(step);
    if shared.busy.replace(true) {
        return;
    }
    loop {
        let Some(next) = shared.queue.borrow_mut().pop_front() else { break };
        let (input, now, effects, waiters) = {
            let Ok(mut inner) = shared.inner.try_borrow_mut() else {
                // Someone holds the state: keep the step for the next run.
                shared.queue.borrow_mut().push_front(next);
                break;
            };
            let (input, at, waiters) = inner.take(next);
            match input {
                Some(input) if !inner.destroyed => {
                    let (now, effects) = inner.handle(shared, input, at);
                    (Some(input), now, effects, waiters)
                }
                _ => (None, 0, Vec::new(), waiters),
            }
        };
        for effect in effects {
            execute(shared, now, effect);
        }
        // `extend()` promises hear after the clock has taken the answer.
        let extended = JsValue::from_bool(matches!(input, Some(Input::KeepAliveSucceeded(_))));
        for waiter in waiters {
            let _ = waiter.call1(&JsValue::NULL, &extended);
        }
    }
    shared.busy.set(false);
}

/// The one place each effect is carried out. No borrow is held while page
/// code runs (event listeners may call back into the instance).
fn execute(shared: &Rc<Shared>, now: EpochMs, effect: Effect) {
    let (emitter, detail, window, dialog) = {
        let Ok(inner) = shared.inner.try_borrow() else { return };
        if inner.destroyed {
            return;
        }
        // Only effects that dispatch an event need the detail object: the
        // rest (broadcasts, requests) run on every request, so skip it there.
        let quiet = matches!(effect, Effect::CloseDialog | Effect::SendKeepAlive | Effect::CheckStatus | Effect::Broadcast(_));
        let detail = if quiet { Detail::new() } else { inner.detail(now) };
        (inner.emitter.clone(), detail, inner.window.clone(), inner.dialog.clone())
    };
    let dialog = match effect {
        Effect::ShowWarning { .. } | Effect::ShowExpired { .. } if dialog.is_none() => build_dialog(shared),
        _ => dialog,
    };
    match effect {
        Effect::ShowWarning { seconds_left } => {
            if let Some(d) = &dialog {
                d.show_warning(seconds_left);
            }
            emitter.emit(EventName::Warning, &detail.build(), false);
        }
        Effect::Tick { seconds_left } => {
            if let Some(d) = &dialog {
                d.update(seconds_left);
            }
            emitter.emit(EventName::Tick, &detail.build(), false);
        }
        Effect::CloseDialog => {
            if let Some(d) = &dialog {
                d.close();
            }
            forget_drafts(shared); // the session lives on: the saved copy is stale
        }
        Effect::CheckStatus => check_status(shared),
        Effect::Broadcast(message) => {
            if let Ok(inner) = shared.inner.try_borrow() {
                if let Some(tabs) = &inner.tabs {
                    tabs.post(message);
                }
            }
        }
        Effect::DeadlineMoved { change, .. } => match change {
            Change::Activity => {
                emitter.emit(EventName::Activity, &detail.build(), false);
            }
            Change::Extended => {
                emitter.emit(EventName::Extended, &detail.build(), false);
            }
            Change::Start | Change::Shortened => {}
        },
        Effect::SendKeepAlive => {
            if let Some(d) = &dialog {
                d.set_busy(true);
            }
            send_keep_alive(shared);
        }
        Effect::KeepAliveFailed(failure) => {
            if let Some(d) = &dialog {
                d.set_error(Some(failure));
            }
            let status = shared.inner.try_borrow().map(|i| i.keep_alive_status).unwrap_or(0);
            if failure == Failure::Refused {
                warn_refused(shared, status);
            }
            emitter.emit(EventName::KeepAliveError, &detail.with("status", status as f64).build(), false);
        }
        Effect::ShowExpired { seconds_left, .. } => {
            save_drafts(shared, &emitter, now);
            if let Some(d) = &dialog {
                d.show_expired(seconds_left);
            }
            emitter.emit(EventName::Expired, &detail.build(), false);
        }
        Effect::Redirect { reason } => {
            let url = match shared.inner.try_borrow() {
                Ok(inner) => redirect::target_url(&window, &inner.config, reason),
                Err(_) => return,
            };
            let detail = detail.with("url", url.as_str()).build();
            if reason == Reason::SignedOut {
                // A deliberate sign-out leaves nothing typed behind.
                forget_drafts(shared);
                emitter.emit(EventName::SignOut, &detail, false);
            } else {
                save_drafts(shared, &emitter, now);
            }
            // Cancelable, so a single-page app can route instead.
            if emitter.emit(EventName::Redirect, &detail, true) {
                redirect::navigate(&window, &url);
            }
        }
    }
}

fn join_tabs(shared: &Rc<Shared>, window: &Window) -> Option<(TabSync, bool)> {
    let name = {
        let inner = shared.inner.borrow();
        if !inner.config.cross_tab {
            return None;
        }
        inner.config.channel.clone().unwrap_or_else(|| tabs::default_channel(window))
    };
    let (on_message, on_leader) = (Rc::downgrade(shared), Rc::downgrade(shared));
    TabSync::join(
        window,
        &name,
        move |message| feed_weak(&on_message, Input::Peer(message)),
        move || feed_weak(&on_leader, Input::Leader(true)),
    )
}

fn start_observer(shared: &Rc<Shared>, window: &Window) -> Option<RequestObserver> {
    let inner = shared.inner.borrow();
    let config = &inner.config;
    let watch = observe::Watch {
        header: config.remaining_header.clone(),
        unauthorized: config.unauthorized_statuses.clone(),
        sign_in: config.sign_in_url.clone(),
        own: own_urls(config),
    };
    let weak = Rc::downgrade(shared);
    observe::start(window, &config.track_requests, watch, move |seen, at| {
        let Some(shared) = weak.upgrade() else { return };
        let input = match seen {
            Seen::Activity(remaining) => Input::Activity(remaining),
            Seen::Unauthorized => Input::Unauthorized,
        };
        feed_at(&shared, input, Some(at));
    })
}

/// The library's own calls (absolute), which are judged where they are made.
fn own_urls(config: &Config) -> Vec<String> {
    [&config.keep_alive_url, &config.status_url].into_iter().flatten().cloned().collect()
}

/// When the server last saw the user before we started: its answer to
/// the page, or a later request the browser logged; else now.
fn served_at(shared: &Rc<Shared>, window: &Window) -> EpochMs {
    let logged = shared.inner.try_borrow().ok().and_then(|i| observe::last_logged_answer(window, &i.config.track_requests, &own_urls(&i.config)));
    timer::page_served_at().max(logged).unwrap_or_else(now_ms)
}

/// A refused keep-alive is almost always CSRF: say what was sent and what fixes it.
fn warn_refused(shared: &Rc<Shared>, status: u16) {
    let Ok(inner) = shared.inner.try_borrow() else { return };
    let url = inner.config.keep_alive_url.clone().unwrap_or_default();
    let sent = match csrf_pair(&inner) {
        Some((header, _)) => format!("it carried a token in {header}, which the server did not accept"),
        None => {
            let looked: Vec<String> = csrf::CONVENTIONS.iter().map(|(who, place, _)| format!("{place} ({who})")).collect();
            format!("no CSRF token was found on the page (looked for {})", looked.join(", "))
        }
    };
    let message = format!(
        "session-timeout: the keep-alive to {url} was refused ({status}); the session was not ended. \
         A 403 is usually a missing or wrong CSRF token: {sent}. Tell the library where the token is with the csrf option, \
         e.g. csrf: {{ header: \"X-CSRFToken\", cookie: \"csrftoken\" }} or {{ header: \"X-CSRF-Token\", meta: \"csrf-token\" }}."
    );
    web_sys::console::warn_1(&message.into());
}

/// The CSRF header and token to send now (tokens rotate, so read at send time).
fn csrf_pair(inner: &Inner) -> Option<(String, String)> {
    let cookies = js_sys::Reflect::get(&inner.document, &"cookie".into()).ok().and_then(|c| c.as_string()).unwrap_or_default();
    let meta = |name: &str| -> Option<String> {
        let list = inner.document.query_selector_all("meta[name]").ok()?;
        (0..list.length())
            .filter_map(|i| list.item(i)?.dyn_into::<web_sys::Element>().ok())
            .find(|m| m.get_attribute("name").as_deref() == Some(name))
            .and_then(|m| m.get_attribute("content"))
    };
    csrf::find(&inner.config.csrf, &cookies, meta)
}

fn send_keep_alive(shared: &Rc<Shared>) {
    let Ok(mut inner) = shared.inner.try_borrow_mut() else {
        // Not sent: say so, or the clock would wait for it forever.
        feed(shared, Input::KeepAliveFailed(Failure::Unreachable));
        return;
    };
    let here = inner.window.location().href().unwrap_or_default();
    let config = &inner.config;
    // Without a keep-alive URL, a GET of this page refreshes most sessions.
    let (url, method) = match &config.keep_alive_url {
        Some(url) => (url.clone(), config.keep_alive_method.clone()),
        None => (here, "GET".to_owned()),
    };
    let spec = request::Spec {
        url: &url,
        method: &method,
        csrf: csrf_pair(&inner),
        sign_in: config.sign_in_url.as_deref(),
        remaining_header: config.remaining_header.as_deref(),
        read_json: false,
        timeout_ms: config.keep_alive_timeout_ms,
    };
    let weak = Rc::downgrade(shared);
    let in_flight = request::send(&inner.window, spec, move |reply| {
        if let Some(shared) = weak.upgrade() {
            run(&shared, Step::KeepAlive(reply));
        }
    });
    inner.keep_alive = Some(in_flight);
}

fn check_status(shared: &Rc<Shared>) {
    let Ok(mut inner) = shared.inner.try_borrow_mut() else { return };
    let Some(url) = inner.config.status_url.clone() else { return };
    if inner.status.is_some() {
        return; // one check at a time
    }
    let spec = request::Spec {
        url: &url,
        method: "GET",
        csrf: None,
        sign_in: inner.config.sign_in_url.as_deref(),
        remaining_header: inner.config.remaining_header.as_deref(),
        read_json: true,
        timeout_ms: inner.config.keep_alive_timeout_ms,
    };
    let weak = Rc::downgrade(shared);
    let in_flight = request::send(&inner.window, spec, move |reply| {
        if let Some(shared) = weak.upgrade() {
            run(&shared, Step::Status(reply));
        }
    });
    inner.status = Some(in_flight);
}

/// Saves marked forms as the session ends on its own.
fn save_drafts(shared: &Rc<Shared>, emitter: &Emitter, now: EpochMs) {
    let (kept, detail) = {
        let Ok(mut inner) = shared.inner.try_borrow_mut() else { return };
        let kept = inner.drafts.as_ref().map(|d| d.save(now)).unwrap_or(0);
        inner.drafts_saved |= kept > 0;
        (kept, inner.detail(now))
    };
    if kept > 0 {
        emitter.emit(EventName::DraftSaved, &detail.with("fields", kept as f64).build(), false);
    }
}

fn forget_drafts(shared: &Rc<Shared>) {
    let Ok(mut inner) = shared.inner.try_borrow_mut() else { return };
    if inner.drafts_saved {
        if let Some(d) = &inner.drafts {
            d.forget_all();
        }
        inner.drafts_saved = false;
    }
}

/// Puts back what was typed before the last forced sign-out.
fn restore_drafts(shared: &Rc<Shared>) {
    let now = now_ms();
    let (restored, emitter, detail) = {
        let Ok(mut inner) = shared.inner.try_borrow_mut() else { return };
        let restored = inner.drafts.as_ref().map(|d| d.restore(now)).unwrap_or(0);
        if restored > 0 {
            let locale = page_locale(&inner.document, &inner.config.locale);
            let text = Text::with_overrides(&locale, &inner.config.text).draft_restored;
            inner.notice = inner.drafts.as_ref().and_then(|d| d.notice(&text));
        }
        (restored, inner.emitter.clone(), inner.detail(now))
    };
    if restored > 0 {
        emitter.emit(EventName::DraftRestored, &detail.with("fields", restored as f64).build(), false);
    }
}

/// The `locale` option, else the page's `<html lang>`.
fn page_locale(document: &Document, option: &str) -> String {
    if !option.is_empty() {
        return option.to_owned();
    }
    document.document_element().and_then(|e| e.get_attribute("lang")).unwrap_or_default()
}

/// Builds the dialog on first use (never, with `dialog: false`).
fn build_dialog(shared: &Rc<Shared>) -> Option<Rc<Dialog>> {
    let Ok(mut inner) = shared.inner.try_borrow_mut() else { return None };
    if !inner.config.dialog || inner.destroyed {
        return None;
    }
    let weak = Rc::downgrade(shared);
    let locale = page_locale(&inner.document, &inner.config.locale);
    let built = Dialog::new(
        &inner.document,
        Text::with_overrides(&locale, &inner.config.text),
        &locale,
        inner.config.clock.warn_ms().div_ceil(1000),
        inner.config.sign_out_url.is_some(),
        move |action| feed_weak(&weak, action_input(action)),
    );
    match built {
        Ok(d) => {
            let d = Rc::new(d);
            inner.dialog = Some(d.clone());
            Some(d)
        }
        Err(e) => {
            web_sys::console::error_2(&"session-timeout: could not build the dialog:".into(), &e);
            None
        }
    }
}
