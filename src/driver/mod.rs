//! The one driver: feeds page events to the core clock and carries out
//! what it decides. It decides nothing about time itself.
//!
//! `hear` turns each platform callback into an input, `run` feeds the
//! clock one input at a time, `execute` carries out each effect; the
//! requests, drafts and texts it needs have a file each.

mod drafts;
mod execute;
mod hear;
mod requests;
mod texts;

use crate::prelude::*;
use crate::js::Function;
use crate::config::Config;
use crate::core::{Effect, EpochMs, Input, SessionClock, State};
use crate::dialog::Dialog;
use crate::drafts::Drafts;
use crate::events::{Detail, Emitter};
use crate::observe::{self, Copies, RequestObserver};
use crate::notice::Notice;
use crate::platform::{self, Callback};
use crate::request::InFlight;
use crate::tabs::TabSync;
use crate::timer::{self, now_ms, SetBackWatch};
use core::cell::{Cell, RefCell};
use core::sync::atomic::{AtomicU32, Ordering::Relaxed};
use alloc::rc::Rc;
use wasm_bindgen::JsValue;

use drafts::restore_drafts;
use execute::{execute, join_tabs};
use hear::{hook, start_watch, Hook};
use texts::show_notice;

/// One thing for the clock to hear, in the order it happened.
enum Step {
    /// An input, and the time it happened when that was not "now" (a
    /// response the server sent before we heard of it).
    Input(Input, Option<EpochMs>),
    /// The keep-alive (`keep_alive`) or the status check answered: what
    /// it means, if anything, and its HTTP status (0: none, or a function).
    Answer { keep_alive: bool, input: Option<Input>, status: u16 },
}

/// Instances running in this page (started, not yet destroyed). Two are
/// nearly always a mistake the page cannot see: a React effect without
/// `destroy()` in its cleanup, or a script tag beside an `import`.
static RUNNING: AtomicU32 = AtomicU32::new(0);

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
    /// The device's clock against the server's, learnt from the answers'
    /// `Date`s: which answers are a cache's old copies.
    copies: Copies,
    inner: RefCell<Inner>,
}

struct Inner {
    clock: SessionClock,
    dialog: Option<Rc<Dialog>>,
    /// The one timer and the wake-up (and activity) listeners.
    watch: Option<(platform::Watch, Callback)>,
    /// When the timer is armed for, so an unchanged wake-up is not re-armed.
    armed_for: Option<EpochMs>,
    /// Sees the device's clock set back, which the clock must hear first.
    wall: SetBackWatch,
    observer: Option<RequestObserver>,
    tabs: Option<TabSync>,
    keep_alive: Option<InFlight>,
    status: Option<InFlight>,
    drafts: Drafts,
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
        if RUNNING.fetch_add(1, Relaxed) > 0 {
            platform::log("warn", "session-timeout: another instance is already running on this page, with its own clock and dialog; call destroy() on the one you no longer need (in a React effect: return () => timeout.destroy())", &JsValue::UNDEFINED);
        }
        let drafts = Drafts::new(config.draft_max_age_ms);
        let clock = SessionClock::new(config.clock);
        let shared = Rc::new(Shared {
            queue: Cell::new(Vec::new()),
            next: Cell::new(0),
            busy: Cell::new(false),
            config,
            emitter: Emitter::new(),
            copies: Copies::default(),
            inner: RefCell::new(Inner {
                clock,
                dialog: None,
                watch: None,
                armed_for: None,
                wall: SetBackWatch::new(),
                observer: None,
                tabs: None,
                keep_alive: None,
                status: None,
                drafts,
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
        // The configured hard end first: the page's own answer, which
        // needs no agreement of clocks, is taken over it at the start.
        if let Some(end) = config.absolute_expires_at {
            feed(&shared, Input::HardEnd(end));
        }
        let (served_at, from_cache, page_hard_end) = served_at(config);
        feed(&shared, Input::Start { served_at, from_cache, page_hard_end });
        show_notice(&shared);
        restore_drafts(&shared);
        let on_added = hook(&shared, Hook::Added);
        let added = platform::Added::new(&cat(&[crate::drafts::MARK, ",", crate::notice::MARK]), crate::drafts::MARK, crate::drafts::FIELDS, on_added.as_ref());
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
        self.shared.inner.try_borrow().map(|i| i.clock.state_at(i.now())).unwrap_or(State::Stopped)
    }

    /// Whole seconds of session left now; reading it changes nothing.
    pub fn seconds_left(&self) -> u64 {
        self.shared.inner.try_borrow().map(|i| i.clock.seconds_left(i.now())).unwrap_or(0)
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
        if let Some(by) = self.wall.take() {
            self.clock.set_back(by);
            // The timer runs on a clock that never jumps: it fires when it would have.
            self.armed_for = self.armed_for.map(|t| t.saturating_sub(by));
        }
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

    /// Now, as the clock would count it were a set-back of the device's
    /// clock not yet heard (for getters, which change nothing).
    fn now(&self) -> EpochMs {
        now_ms().saturating_add(self.wall.pending())
    }

    fn shut_down(&mut self) {
        if !self.destroyed {
            let _ = self.clock.handle(now_ms(), Input::Stop);
            RUNNING.fetch_sub(1, Relaxed);
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

/// When the server last saw the user before we started: its answer to
/// the page, or a later request the browser logged; else now. And
/// whether the page came from the browser's cache instead, and when the
/// page's answer was given with the hard end it put in `Server-Timing`.
fn served_at(config: &Config) -> (EpochMs, bool, Option<(EpochMs, u64)>) {
    let metric = config.absolute_header.as_deref().unwrap_or("");
    let (page, from_cache, hard_end_in) = timer::page_served_at(metric);
    let page_hard_end = page.zip(hard_end_in);
    (page.max(observe::last_logged_answer(config)).unwrap_or_else(now_ms), from_cache, page_hard_end)
}
