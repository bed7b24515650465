//! The one driver: feeds page events to the core clock and carries out
//! what it decides. It decides nothing about time itself.

use crate::prelude::*;
use crate::js::Function;
use crate::config::Config;
use crate::core::{Change, Drafts as DraftRule, Effect, EpochMs, Failure, Input, Reason, SessionClock, State};
use crate::csrf;
use crate::dialog::{Action, Dialog};
use crate::drafts::Drafts;
use crate::events::{Detail, Emitter, EventName};
use crate::keep_alive;
use crate::keep_alive::FnAnswer;
use crate::observe::{self, RequestObserver, Seen};
use crate::notice::Notice;
use crate::platform::{self, Callback};
use crate::redirect;
use crate::sign_out;
use crate::request::{self, InFlight};
use crate::status;
use crate::tabs::{self, TabSync};
use crate::text::{Key, Text};
use crate::timer::{self, now_ms};
use crate::wake;
use core::cell::{Cell, RefCell};
use alloc::rc::Rc;
use wasm_bindgen::JsValue;

/// One thing for the clock to hear, in the order it happened.
enum Step {
    /// An input, and the time it happened when that was not "now" (a
    /// response the server sent before we heard of it).
    Input(Input, Option<EpochMs>),
    /// The keep-alive (`keep_alive`) or the status check answered: what
    /// it means, if anything, and its HTTP status (0: none, or a function).
    Answer { keep_alive: bool, input: Option<Input>, status: u16 },
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
    /// the server sent before we heard of it). A `Vec`, not a `VecDeque`:
    /// it holds a step or two, and the deque's ring code costs 0.4 KB.
    /// Steps are taken out where they lie (`next` is the first not yet
    /// run), not removed from the front: `Vec::remove` and `insert` bring
    /// their panic messages and integer formatting along.
    /// A `Cell`, taken out and put back around each use: no borrow flag
    /// and no panic path.
    queue: Cell<Vec<Option<Step>>>,
    next: Cell<usize>,
    busy: Cell<bool>,
    /// The checked options: never changed, so read without a borrow.
    config: Config,
    /// The instance's event target, for its whole life.
    emitter: Emitter,
    inner: RefCell<Inner>,
}

struct Inner {
    clock: SessionClock,
    dialog: Option<Rc<Dialog>>,
    /// The one timer and the wake-up (and activity) listeners.
    watch: Option<(platform::Watch, Callback)>,
    /// When the timer is armed for, so an unchanged wake-up is not re-armed.
    armed_for: Option<EpochMs>,
    observer: Option<RequestObserver>,
    tabs: Option<TabSync>,
    keep_alive: Option<InFlight>,
    status: Option<InFlight>,
    drafts: Drafts,
    /// Drafts were saved and not yet given back or dropped.
    drafts_saved: bool,
    /// The up-front notice, when the page marked elements for it.
    notice: Option<Notice>,
    /// Watches for marked elements the page adds after start.
    added: Option<(platform::Added, Callback)>,
    /// `extend()` promises waiting for the keep-alive in flight.
    waiters: Vec<Function>,
    /// The last keep-alive's HTTP status (0: no answer), for its error event.
    keep_alive_status: u16,
    destroyed: bool,
}

impl Driver {
    /// Starts the clock now and listens for wake-ups. The dialog is built
    /// the first time it is shown: arming stays cheap.
    pub fn start(config: Config) -> Driver {
        let drafts = Drafts::new(config.draft_max_age_ms);
        let clock = SessionClock::new(config.clock);
        let shared = Rc::new(Shared {
            queue: Cell::new(Vec::new()),
            next: Cell::new(0),
            busy: Cell::new(false),
            config,
            emitter: Emitter::new(),
            inner: RefCell::new(Inner {
                clock,
                dialog: None,
                watch: None,
                armed_for: None,
                observer: None,
                tabs: None,
                keep_alive: None,
                status: None,
                drafts,
                drafts_saved: false,
                notice: None,
                added: None,
                waiters: Vec::new(),
                keep_alive_status: 0,
                destroyed: false,
            }),
        });
        let config = &shared.config;
        let watch = start_watch(&shared, config);
        let observer = observe::start(config, hook(&shared, Hook::Seen));
        if let Ok(mut inner) = shared.inner.try_borrow_mut() {
            inner.watch = Some(watch);
            inner.observer = observer;
        }
        join_tabs(&shared);
        let (served_at, from_cache) = served_at(config);
        feed(&shared, Input::Start { served_at, from_cache });
        if let Some(end) = config.absolute_expires_at {
            feed(&shared, Input::HardEnd(end));
        }
        show_notice(&shared);
        restore_drafts(&shared);
        let on_added = hook(&shared, Hook::Added);
        let added = platform::Added::new(&cat(&[crate::drafts::MARK, ",", crate::notice::MARK]), on_added.as_ref());
        if let Ok(mut inner) = shared.inner.try_borrow_mut() {
            inner.added = Some((added, on_added));
        }
        Driver { shared }
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
    pub fn emitter(&self) -> &Emitter {
        &self.shared.emitter
    }

    /// Sends a keep-alive (or joins the one in flight); `resolve` gets
    /// true when the session was extended, false otherwise.
    pub fn extend(&self, resolve: Function) {
        let live = match self.shared.inner.try_borrow_mut() {
            Ok(mut inner) if inner.clock.can_extend() && !inner.destroyed => {
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
        drop(self.shared.queue.take());
        self.shared.next.set(0);
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
    fn take(&mut self, step: Step) -> (Option<Input>, Option<EpochMs>, Vec<Function>) {
        match step {
            Step::Input(input, at) => (Some(input), at, Vec::new()),
            Step::Answer { keep_alive: true, input, status } => {
                self.keep_alive = None;
                self.keep_alive_status = status;
                (input, None, core::mem::take(&mut self.waiters))
            }
            Step::Answer { input, .. } => {
                self.status = None;
                (input, None, Vec::new())
            }
        }
    }

    /// Feeds the clock and arms the one timer to its next wake-up; returns
    /// the time used and the effects to carry out.
    fn handle(&mut self, input: Input, at: Option<EpochMs>) -> (EpochMs, Vec<Effect>) {
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
            // Arming replaces the armed timer: only ever one.
            if let Some((watch, _)) = &self.watch {
                match out.wake_at {
                    Some(at) => watch.arm(timer::delay_ms(real, at) as f64),
                    None => watch.disarm(),
                }
            }
            self.armed_for = out.wake_at;
        }
        (now, out.effects)
    }

    fn shut_down(&mut self) {
        if !self.destroyed {
            let _ = self.clock.handle(now_ms(), Input::Stop);
        }
        self.destroyed = true;
        if let Some((watch, _)) = self.watch.take() {
            platform::undo(&watch);
        }
        self.armed_for = None;
        self.observer = None;
        self.tabs = None;
        self.keep_alive = None;
        self.status = None;
        self.drafts.remove_notice();
        if let Some((added, _)) = self.added.take() {
            platform::undo(&added);
        }
        self.dialog = None;
        self.notice = None;
        for waiter in self.waiters.drain(..) {
            let _ = waiter.call1(&JsValue::NULL, &JsValue::FALSE);
        }
    }

    fn detail(&self, now: EpochMs) -> Detail {
        let detail = Detail::new()
            .with("state", self.clock.state().as_str().into())
            .with("remainingSeconds", (self.clock.seconds_left(now) as f64).into())
            .with("expiresAt", (self.clock.deadline() as f64).into())
            .with("final", self.clock.is_final().into());
        let detail = match self.clock.redirect_seconds_left(now) {
            Some(s) => detail.with("redirectSeconds", (s as f64).into()),
            None => detail,
        };
        match self.clock.reason() {
            Some(reason) => detail.with("reason", reason.as_str().into()),
            None => detail,
        }
    }
}

fn action_input(action: Action) -> Input {
    match action {
        Action::Stay => Input::StayRequested,
        Action::SignOut => Input::SignOut,
        Action::SignIn => Input::RedirectNow,
        Action::Dismiss => Input::Dismiss,
    }
}

/// The one timer and the page's wake-ups; with keep-alive on activity,
/// the person's activity too.
fn start_watch(shared: &Rc<Shared>, config: &Config) -> (platform::Watch, Callback) {
    let on_wake = hook(shared, Hook::Wake);
    let activity = if config.clock.activity_throttle_ms().is_some() { wake::ACTIVITY_EVENTS } else { "" };
    let watch = platform::Watch::new(on_wake.as_ref(), activity);
    (watch, on_wake)
}

/// What a call from the platform is about. Every callback the driver
/// hands out is the one closure made by [`hook`], told apart by this:
/// each closure type costs its own vtable, drop glue and shims in the
/// .wasm (about 0.06 KB gzip each).
#[derive(Clone, Copy)]
enum Hook {
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
fn hook(shared: &Rc<Shared>, kind: Hook) -> Callback {
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
fn hear(shared: &Rc<Shared>, kind: Hook, value: &JsValue) {
    let input = match kind {
        Hook::Wake => {
            let what = value.as_string().unwrap_or_default();
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
            let seen = {
                let Ok(inner) = shared.inner.try_borrow() else { return };
                let Some(observer) = &inner.observer else { return };
                observer.hear(value, &shared.config)
            };
            let Some((seen, at, hard_end_in)) = seen else { return };
            if let Some(ms) = hard_end_in {
                feed_at(shared, Input::HardEndIn(ms), Some(at));
            }
            let input = match seen {
                Seen::Activity(remaining) => Input::Activity(remaining),
                Seen::Unauthorized => Input::Unauthorized,
                Seen::Refused => Input::Refused,
            };
            feed_at(shared, input, Some(at));
            None
        }
        Hook::KeepAlive | Hook::Status => {
            let reply = request::read(value, shared.config.sign_in_url.as_deref());
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
            leave(shared, url, now_ms());
            None
        }
    };
    if let Some(input) = input {
        feed(shared, input);
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
    let mut queue = shared.queue.take();
    queue.push(Some(step));
    shared.queue.set(queue);
    if shared.busy.replace(true) {
        return;
    }
    loop {
        let at = shared.next.get();
        let mut queue = shared.queue.take();
        let Some(next) = queue.get_mut(at).and_then(Option::take) else {
            // Every step has run: the list starts again empty.
            shared.next.set(0);
            break;
        };
        shared.queue.set(queue);
        shared.next.set(at + 1);
        let (input, now, effects, waiters) = {
            let Ok(mut inner) = shared.inner.try_borrow_mut() else {
                // Someone holds the state: keep the step, in its place, for the next run.
                let mut queue = shared.queue.take();
                if let Some(slot) = queue.get_mut(at) {
                    *slot = Some(next);
                }
                shared.queue.set(queue);
                shared.next.set(at);
                break;
            };
            let (input, at, waiters) = inner.take(next);
            match input {
                Some(input) if !inner.destroyed => {
                    let (now, effects) = inner.handle(input, at);
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
        Effect::CloseDialog => {
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
fn leave(shared: &Rc<Shared>, url: String, now: EpochMs) {
    let detail = shared.inner.try_borrow().map(|i| i.detail(now)).unwrap_or_else(|_| Detail::new());
    if shared.emitter.emit(EventName::Redirect, &detail.with("url", url.as_str().into()).build(), true) {
        redirect::navigate(&url);
    }
}

/// Joins the other tabs (unless `crossTab` is off), following until the
/// election says this tab leads; a tab alone leads.
fn join_tabs(shared: &Rc<Shared>) {
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

/// When the server last saw the user before we started: its answer to
/// the page, or a later request the browser logged; else now. And
/// whether the page came from the browser's cache instead.
fn served_at(config: &Config) -> (EpochMs, bool) {
    let (page, from_cache) = timer::page_served_at();
    (page.max(observe::last_logged_answer(config)).unwrap_or_else(now_ms), from_cache)
}

/// A refused keep-alive is almost always CSRF: say what was sent and what
/// fixes it (another 4xx: the URL or method).
fn warn_refused(config: &Config, status: u16) {
    let url = config.keep_alive_url.clone().unwrap_or_default();
    let head = cat(&["session-timeout: the keep-alive to ", &url, " was refused (", &crate::core::decimal(u64::from(status)), "); the session was not ended. "]);
    if !keep_alive::csrf_refusal(status) {
        let message = cat(&[&head, "Check keepAliveUrl and keepAliveMethod (", &config.keep_alive_method, ")."]);
        platform::log("warn", &message, &JsValue::UNDEFINED);
        return;
    }
    let sent = match csrf_pair(config) {
        Some((header, _)) => cat(&["it carried a token in ", &header, ", which the server did not accept"]),
        None => {
            let mut looked = String::from("no CSRF token was found on the page (looked for ");
            for (i, (who, place, _)) in csrf::CONVENTIONS.iter().enumerate() {
                looked.extend([if i == 0 { "" } else { ", " }, place, " (", who, ")"]);
            }
            looked + ")"
        }
    };
    let message = cat(&[
        &head,
        "It is how frameworks refuse a missing, wrong or expired CSRF token: ",
        &sent,
        ". Tell the library where the token is with the csrf option, e.g. csrf: { header: \"X-CSRFToken\", cookie: \"csrftoken\" } \
         or { header: \"X-CSRF-Token\", meta: \"csrf-token\" }.",
    ]);
    platform::log("warn", &message, &JsValue::UNDEFINED);
}

/// The CSRF header and token to send now (tokens rotate, so read at send time).
fn csrf_pair(config: &Config) -> Option<(String, String)> {
    csrf::find(&config.csrf, &platform::cookies(), platform::named, platform::decode_component)
}

/// Sends the keep-alive: the page's `keepAlive()`, or a request. No
/// borrow is held while it goes: `keepAlive()` is the page's own code.
fn send_keep_alive(shared: &Rc<Shared>) {
    let config = &shared.config;
    let in_flight = match &config.keep_alive_fn {
        Some(f) => call_page_function(shared, f, Hook::KeepAliveFunction),
        None => {
            let here = platform::href();
            let (url, method) = keep_alive::target(config.keep_alive_url.as_deref(), &config.keep_alive_method, &here);
            request::send(spec(config, url, method, csrf_pair(config), false), hook(shared, Hook::KeepAlive))
        }
    };
    let Ok(mut inner) = shared.inner.try_borrow_mut() else {
        // Not kept, so aborted: say so, or the clock would wait for it forever.
        feed(shared, Input::KeepAliveFailed(Failure::Unreachable));
        return;
    };
    // Destroyed meanwhile (by the page's own `keepAlive()`): dropped, so stopped.
    if !inner.destroyed {
        inner.keep_alive = Some(in_flight);
    }
}

/// Asks the time left (never extending): the page's `status()`, or a
/// GET of `statusUrl` (the clock asks one at a time).
fn check_status(shared: &Rc<Shared>) {
    let config = &shared.config;
    let in_flight = match (&config.status_fn, &config.status_url) {
        (Some(f), _) => call_page_function(shared, f, Hook::StatusFunction),
        (None, Some(url)) => request::send(spec(config, url, "GET", None, true), hook(shared, Hook::Status)),
        (None, None) => return feed(shared, Input::StatusUnknown),
    };
    let Ok(mut inner) = shared.inner.try_borrow_mut() else {
        // Not kept, so aborted: say so, or the clock would wait for it forever.
        feed(shared, Input::StatusUnknown);
        return;
    };
    if !inner.destroyed {
        inner.status = Some(in_flight);
    }
}

/// One of the library's requests, with the headers the options name.
fn spec<'a>(config: &'a Config, url: &'a str, method: &'a str, csrf: Option<(String, String)>, read_json: bool) -> request::Spec<'a> {
    request::Spec {
        url,
        method,
        csrf,
        remaining_header: config.remaining_header.as_deref(),
        absolute_header: config.absolute_header.as_deref(),
        read_json,
        timeout_ms: config.keep_alive_timeout_ms,
        follow: true,
    }
}

/// Sends the sign-out to `signOutUrl` (this origin's) as `method`; its
/// answer comes to `kind`. A DELETE's redirect is not followed: it would
/// be sent on to the next page as a DELETE.
fn send_sign_out(shared: &Rc<Shared>, method: &str, kind: Hook) {
    let config = &shared.config;
    let url = config.sign_out_url.as_deref().unwrap_or_default();
    let request = request::Spec { follow: method == "POST", ..spec(config, url, method, csrf_pair(config), false) };
    let in_flight = request::send(request, hook(shared, kind));
    // In the keep-alive's slot: none follows a sign-out, and destroy() aborts it.
    if let Ok(mut inner) = shared.inner.try_borrow_mut() {
        inner.keep_alive = Some(in_flight);
    }
}

/// Calls the page's `keepAlive()` or `status()`; its answer comes to `kind`.
fn call_page_function(shared: &Rc<Shared>, f: &Function, kind: Hook) -> InFlight {
    let on_answer = hook(shared, kind);
    let stop = platform::call_async(f, shared.config.keep_alive_timeout_ms as f64, on_answer.as_ref());
    InFlight::new(stop, on_answer)
}

/// Saves marked forms as the session ends on its own.
fn save_drafts(shared: &Rc<Shared>, now: EpochMs) {
    let detail = {
        let Ok(mut inner) = shared.inner.try_borrow_mut() else { return };
        // The session is over here: what waits is for the next sign-in.
        inner.drafts.pending = false;
        let kept = inner.drafts.save(now);
        if kept == 0 {
            return;
        }
        inner.drafts_saved = true;
        inner.detail(now).with("fields", (kept as f64).into())
    };
    shared.emitter.emit(EventName::DraftSaved, &detail.build(), false);
}

fn forget_drafts(shared: &Rc<Shared>) {
    let Ok(mut inner) = shared.inner.try_borrow_mut() else { return };
    // A record still waiting for its form goes too.
    if inner.drafts_saved || inner.drafts.pending {
        inner.drafts.forget_all();
        inner.drafts.pending = false;
        inner.drafts_saved = false;
    }
}

/// Puts back what was typed before the last forced sign-out: at start,
/// then into each marked form a framework renders later. Not once this
/// page has saved its own: those wait for the next sign-in.
fn restore_drafts(shared: &Rc<Shared>) {
    let now = now_ms();
    let restored = {
        let Ok(inner) = shared.inner.try_borrow() else { return };
        if inner.destroyed || inner.drafts_saved {
            return;
        }
        // Under a shared borrow: the page's input listeners may read the state.
        inner.drafts.restore(now)
    };
    if let Ok(mut inner) = shared.inner.try_borrow_mut() {
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

/// States the session's length in the marked elements (WCAG 2.2.6): at
/// start, and again when the page adds more.
fn show_notice(shared: &Rc<Shared>) {
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
        (Text::with_overrides(&locale, &config.text).get(Key::Notice).to_owned(), locale)
    };
    let notice = Notice::start(words, inner.clock.session_length_ms());
    inner.notice = notice;
}

/// The `locale` option, else the page's `<html lang>`.
fn page_locale(option: &str) -> String {
    if option.is_empty() {
        platform::lang()
    } else {
        option.to_owned()
    }
}

/// Builds the dialog on first use (never, with `dialog: false`).
fn build_dialog(shared: &Rc<Shared>) -> Option<Rc<Dialog>> {
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
