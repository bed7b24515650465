//! The one driver: feeds page events to the core clock and carries out
//! what it decides. It decides nothing about time itself.

use crate::config::Config;
use crate::core::{Effect, EpochMs, Input, SessionClock, State};
use crate::events::{Detail, Emitter};
use crate::redirect;
use crate::timer::{now_ms, WakeTimer};
use crate::wake::WakeListeners;
use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::{Rc, Weak};
use wasm_bindgen::JsValue;
use web_sys::{Document, Window};

/// Owns the clock and every guard (timer, listeners); dropping it, or
/// [`Driver::destroy`], leaves the page as it was found.
pub struct Driver {
    inner: Rc<RefCell<Inner>>,
}

struct Inner {
    clock: SessionClock,
    config: Config,
    window: Window,
    emitter: Rc<Emitter>,
    timer: Option<WakeTimer>,
    wake: Option<WakeListeners>,
    /// Inputs that arrive while effects are being carried out (a listener
    /// calling `activity()`) wait here, so effects keep their order.
    queue: VecDeque<Input>,
    busy: bool,
    destroyed: bool,
}

impl Driver {
    /// Starts the clock now and listens for wake-ups.
    pub fn start(config: Config, window: Window, document: Document) -> Result<Driver, JsValue> {
        let emitter = Rc::new(Emitter::new(document.clone())?);
        let inner = Rc::new(RefCell::new(Inner {
            clock: SessionClock::new(config.clock),
            config,
            window: window.clone(),
            emitter,
            timer: None,
            wake: None,
            queue: VecDeque::new(),
            busy: false,
            destroyed: false,
        }));
        let weak = Rc::downgrade(&inner);
        let wake = WakeListeners::new(&window, &document, move || feed_weak(&weak, Input::Wake));
        inner.borrow_mut().wake = Some(wake);
        feed(&inner, Input::Start);
        Ok(Driver { inner })
    }

    /// Feeds one input now.
    pub fn feed(&self, input: Input) {
        feed(&self.inner, input);
    }

    /// The state as of now (re-read, so a throttled timer cannot make it stale).
    pub fn state(&self) -> State {
        self.feed(Input::Wake);
        self.inner.borrow().clock.state()
    }

    /// Whole seconds of session left now.
    pub fn seconds_left(&self) -> u64 {
        self.feed(Input::Wake);
        self.inner.borrow().clock.seconds_left(now_ms())
    }

    /// The target for `addEventListener`.
    pub fn emitter(&self) -> Rc<Emitter> {
        self.inner.borrow().emitter.clone()
    }

    /// Stops the clock and removes every timer and listener.
    pub fn destroy(&self) {
        let Ok(mut inner) = self.inner.try_borrow_mut() else {
            // Called from inside our own dispatch: finish after it.
            feed(&self.inner, Input::Stop);
            return;
        };
        inner.shut_down();
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        if let Ok(mut inner) = self.inner.try_borrow_mut() {
            inner.shut_down();
        }
    }
}

impl Inner {
    fn shut_down(&mut self) {
        if !self.destroyed {
            let _ = self.clock.handle(now_ms(), Input::Stop);
        }
        self.destroyed = true;
        self.queue.clear();
        self.timer = None;
        self.wake = None;
    }

    fn arm(&mut self, weak: Weak<RefCell<Inner>>, now: EpochMs, wake_at: Option<EpochMs>) {
        // Dropping the old timer cancels it: only ever one armed.
        self.timer = wake_at.map(|at| WakeTimer::new(now, at, move || feed_weak(&weak, Input::Wake)));
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

fn feed_weak(weak: &Weak<RefCell<Inner>>, input: Input) {
    if let Some(inner) = weak.upgrade() {
        feed(&inner, input);
    }
}

fn feed(inner: &Rc<RefCell<Inner>>, input: Input) {
    {
        let Ok(mut i) = inner.try_borrow_mut() else { return };
        if i.destroyed {
            return;
        }
        i.queue.push_back(input);
        if i.busy {
            return;
        }
        i.busy = true;
    }
    loop {
        let (input, now, effects) = {
            let Ok(mut i) = inner.try_borrow_mut() else { return };
            let Some(input) = i.queue.pop_front() else {
                i.busy = false;
                return;
            };
            if input == Input::Stop {
                i.busy = false;
                i.shut_down();
                return;
            }
            let now = now_ms();
            let out = i.clock.handle(now, input);
            i.arm(Rc::downgrade(inner), now, out.wake_at);
            (input, now, out.effects)
        };
        for effect in effects {
            execute(inner, input, now, effect);
        }
    }
}

/// The one place each effect is carried out. No borrow is held while page
/// code runs (event listeners may call back into the instance).
fn execute(inner: &Rc<RefCell<Inner>>, input: Input, now: EpochMs, effect: Effect) {
    let (emitter, detail, window) = {
        let Ok(i) = inner.try_borrow() else { return };
        if i.destroyed {
            return;
        }
        (i.emitter.clone(), i.detail(now), i.window.clone())
    };
    match effect {
        Effect::ShowWarning { .. } => {
            emitter.emit("warning", &detail.build(), false);
        }
        Effect::Tick { .. } => {
            emitter.emit("tick", &detail.build(), false);
        }
        Effect::DeadlineMoved { .. } => match input {
            Input::Start => {}
            Input::Activity => {
                emitter.emit("activity", &detail.build(), false);
            }
            _ => {
                emitter.emit("extended", &detail.build(), false);
            }
        },
        Effect::CloseDialog | Effect::SendKeepAlive => {}
        Effect::KeepAliveFailed => {
            emitter.emit("keepaliveerror", &detail.build(), false);
        }
        Effect::ShowExpired { .. } => {
            emitter.emit("expired", &detail.build(), false);
        }
        Effect::Redirect { reason } => {
            let target = match inner.try_borrow() {
                Ok(i) => i.config.redirect_url.clone(),
                Err(_) => return,
            };
            let url = redirect::target_url(&window, &target, reason);
            let detail = detail.with("url", url.as_str()).build();
            if reason == crate::core::Reason::SignedOut {
                emitter.emit("signout", &detail, false);
            }
            // Cancelable, so a single-page app can route instead.
            if emitter.emit("redirect", &detail, true) {
                redirect::navigate(&window, &url);
            }
        }
    }
}
