//! Browser-test helpers: a virtual clock the shell reads instead of the
//! wall clock, real events, and a record of every timer and listener the
//! page holds.

use js_sys::{Array, Function, Object, Reflect};
use session_timeout::SessionTimeout;
use std::cell::RefCell;
use std::ops::Deref;
use std::rc::{Rc, Weak};
use std::sync::Once;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/tests/support/page.js")]
extern "C" {
    /// Counts live timers and listeners from now on.
    pub fn instrument() -> JsValue;
    /// Each test's page counts as just served (see the JS above).
    #[wasm_bindgen(js_name = servedNow)]
    fn served_now();
    type VirtualClock;
    #[wasm_bindgen(js_name = virtualClock)]
    fn virtual_clock() -> VirtualClock;
    #[wasm_bindgen(js_name = wallClock)]
    fn wall_clock();
    #[wasm_bindgen(method)]
    fn advance(this: &VirtualClock, ms: f64);
    #[wasm_bindgen(method)]
    fn skip(this: &VirtualClock, ms: f64);
    #[wasm_bindgen(method, js_name = setBack)]
    fn set_back(this: &VirtualClock, ms: f64);
    #[wasm_bindgen(method)]
    fn pending(this: &VirtualClock) -> u32;
    #[wasm_bindgen(method, js_name = now)]
    fn time(this: &VirtualClock) -> f64;
    /// Takes back what a test that stopped half-way left on the page.
    #[wasm_bindgen(js_name = resetPage)]
    fn reset_page();
}

thread_local! {
    /// Every instance the tests started, for the panic hook.
    static STARTED: RefCell<Vec<Weak<SessionTimeout>>> = const { RefCell::new(Vec::new()) };
}

/// An instance a test started: a failed assertion stops the test with a
/// trap, which runs no destructor, so the panic hook destroys it instead.
/// Else it would keep running under the next tests (its timer, its
/// listeners, its dialog) and fail a score of them for one broken test.
pub struct Started(Rc<SessionTimeout>);

impl Deref for Started {
    type Target = SessionTimeout;
    fn deref(&self) -> &SessionTimeout {
        &self.0
    }
}

/// `new SessionTimeout(options)`, destroyed if the test fails.
pub fn start_timeout(options: JsValue) -> Result<Started, JsValue> {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let reported = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            for timeout in STARTED.with(|s| s.take()).iter().filter_map(Weak::upgrade) {
                timeout.destroy();
            }
            wall_time();
            reset_page();
            reported(info);
        }));
    });
    let timeout = Rc::new(SessionTimeout::new(options)?);
    STARTED.with(|s| {
        let mut s = s.borrow_mut();
        s.retain(|w| w.strong_count() > 0);
        s.push(Rc::downgrade(&timeout));
    });
    Ok(Started(timeout))
}

/// The shell's time while it lives: it starts at the wall time and moves
/// only when the test moves it. Dropping it puts the wall clock back.
pub struct Clock(VirtualClock);

impl Clock {
    pub fn start() -> Clock {
        let clock = virtual_clock();
        session_timeout::testing::use_clock(&clock);
        Clock(clock)
    }

    /// Moves time on by `ms`, firing the shell's timer at each moment it
    /// was armed for.
    pub fn advance(&self, ms: u32) {
        self.0.advance(ms.into());
    }

    /// Time passes and no timer fires: a frozen background tab, a laptop
    /// asleep.
    pub fn skip(&self, ms: u32) {
        self.0.skip(ms.into());
    }

    /// The device's clock set back `ms` (by hand, a network time step);
    /// no time passes and no timer fires. Before a test starts anything,
    /// a device whose clock is behind the servers'.
    pub fn set_back(&self, ms: u32) {
        self.0.set_back(ms.into());
    }

    /// The clock's time, as epoch ms.
    pub fn now(&self) -> f64 {
        self.0.time()
    }

    /// Timers armed on this clock and not yet fired or cleared.
    pub fn armed(&self) -> u32 {
        self.0.pending()
    }
}

impl Drop for Clock {
    fn drop(&mut self) {
        wall_time();
    }
}

/// The shell and the page's served time read the wall clock again.
fn wall_time() {
    session_timeout::testing::use_clock(&JsValue::UNDEFINED);
    wall_clock();
}

/// Live timers counted by `instrument()`.
pub fn live_timers(live: &JsValue) -> u32 {
    let timers = Reflect::get(live, &"timers".into()).unwrap();
    Reflect::get(&timers, &"size".into()).unwrap().as_f64().unwrap() as u32
}

/// Types of the live listeners counted by `instrument()`.
pub fn live_listeners(live: &JsValue) -> String {
    let f: Function = Reflect::get(live, &"listenerTypes".into()).unwrap().into();
    f.call0(live).unwrap().as_string().unwrap()
}

/// Undoes `instrument()`.
pub fn restore(live: &JsValue) {
    let f: Function = Reflect::get(live, &"restore".into()).unwrap().into();
    f.call0(live).unwrap();
}

/// An options object from `(name, value)` pairs.
pub fn options(pairs: &[(&str, JsValue)]) -> JsValue {
    served_now();
    let o = Object::new();
    for (k, v) in pairs {
        Reflect::set(&o, &(*k).into(), v).unwrap();
    }
    o.into()
}

/// One keep-alive to `url` from an instance alone on the page (no tabs, no
/// request watching), started and destroyed around it.
pub async fn one_keep_alive(url: &str) {
    let timeout = start_timeout(options(&[
        ("sessionSeconds", 600.into()),
        ("keepAliveUrl", url.into()),
        ("crossTab", false.into()),
        ("trackRequests", false.into()),
    ]))
    .unwrap();
    let _ = wasm_bindgen_futures::JsFuture::from(timeout.extend()).await;
    timeout.destroy();
}

/// Short real-time options: session `s`, warning `w`, redirect `r` seconds.
pub fn quick(s: f64, w: f64, r: f64) -> JsValue {
    options(&[("sessionSeconds", s.into()), ("warnSeconds", w.into()), ("redirectSeconds", r.into()), ("allowShortWarning", true.into())])
}

/// Every event the instance sent, in order, as `name` or `name:detail.key`.
#[derive(Clone, Default)]
pub struct Recorder {
    pub seen: Rc<RefCell<Vec<(String, JsValue)>>>,
    closures: Rc<RefCell<Vec<Closure<dyn FnMut(web_sys::CustomEvent)>>>>,
}

pub const EVENTS: &[&str] =
    &["warning", "tick", "extended", "keepaliveerror", "expired", "redirect", "signout", "activity", "draftsaved", "draftrestored"];

impl Recorder {
    /// Listens to every event; cancels `redirect` so the test page stays.
    pub fn attach(timeout: &SessionTimeout) -> Recorder {
        let rec = Recorder::default();
        for name in EVENTS {
            let seen = rec.seen.clone();
            let name_owned = name.to_string();
            let closure = Closure::<dyn FnMut(web_sys::CustomEvent)>::new(move |e: web_sys::CustomEvent| {
                if e.type_() == "redirect" {
                    e.prevent_default();
                }
                seen.borrow_mut().push((name_owned.clone(), e.detail()));
            });
            timeout.add_event_listener(name, closure.as_ref(), &JsValue::UNDEFINED);
            rec.closures.borrow_mut().push(closure);
        }
        rec
    }

    pub fn names(&self) -> Vec<String> {
        self.seen.borrow().iter().map(|(n, _)| n.clone()).collect()
    }

    /// Names without the per-second ticks.
    pub fn milestones(&self) -> Vec<String> {
        self.names().into_iter().filter(|n| n != "tick").collect()
    }

    pub fn detail(&self, name: &str, key: &str) -> JsValue {
        self.seen
            .borrow()
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, d)| Reflect::get(d, &key.into()).unwrap())
            .unwrap_or(JsValue::UNDEFINED)
    }
}

/// Waits in real time: for the network, or another tab's message.
pub async fn sleep_ms(ms: u32) {
    gloo_timers::future::TimeoutFuture::new(ms).await;
}

/// Waits in real time until `done()` holds (a reply, a message), at most
/// `ms`; false if it never did.
pub async fn until(ms: u32, done: impl Fn() -> bool) -> bool {
    for _ in 0..ms / 10 {
        if done() {
            return true;
        }
        sleep_ms(10).await;
    }
    done()
}

/// The error thrown by `new SessionTimeout(options)`, as (name, message).
pub fn construct_error(options: JsValue) -> (String, String) {
    match start_timeout(options) {
        Ok(t) => {
            t.destroy();
            panic!("expected an error");
        }
        Err(e) => {
            let e: js_sys::Error = e.dyn_into().expect("a JS Error");
            (e.name().into(), e.message().into())
        }
    }
}

pub fn array(items: &[&str]) -> JsValue {
    items.iter().map(|s| JsValue::from_str(s)).collect::<Array>().into()
}
