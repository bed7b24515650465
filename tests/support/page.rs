//! Browser-test helpers: real timers, real events, and a record of every
//! timer and listener the page holds.

use js_sys::{Array, Function, Object, Reflect};
use session_timeout::SessionTimeout;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(inline_js = r#"
export function instrument() {
  const live = { timers: new Set(), listeners: [] };
  const set = globalThis.setTimeout, clear = globalThis.clearTimeout;
  const add = EventTarget.prototype.addEventListener;
  const remove = EventTarget.prototype.removeEventListener;
  const capture = o => typeof o === "boolean" ? o : !!(o && o.capture);
  globalThis.setTimeout = function (fn, ms, ...rest) {
    const id = set.call(globalThis, (...a) => { live.timers.delete(id); return fn(...a); }, ms, ...rest);
    live.timers.add(id);
    return id;
  };
  globalThis.clearTimeout = function (id) { live.timers.delete(id); return clear.call(globalThis, id); };
  EventTarget.prototype.addEventListener = function (type, l, o) {
    live.listeners.push({ target: this, type, l, capture: capture(o) });
    return add.call(this, type, l, o);
  };
  EventTarget.prototype.removeEventListener = function (type, l, o) {
    const i = live.listeners.findIndex(x => x.target === this && x.type === type && x.l === l && x.capture === capture(o));
    if (i >= 0) live.listeners.splice(i, 1);
    return remove.call(this, type, l, o);
  };
  live.restore = () => {
    globalThis.setTimeout = set; globalThis.clearTimeout = clear;
    EventTarget.prototype.addEventListener = add; EventTarget.prototype.removeEventListener = remove;
  };
  live.listenerTypes = () => live.listeners.map(x => x.type).join(",");
  return live;
}
// The test harness page was served once, long before each test: each test
// stands for a page the server has just answered, as a user's page is.
export function servedNow() {
  if (performance.__servedNow) return;
  const original = performance.getEntriesByType.bind(performance);
  performance.getEntriesByType = (type) => type === "navigation" ? [{ responseStart: Date.now() - performance.timeOrigin + 0.5 }] : original(type);
  performance.__servedNow = true;
}
export function busyWait(ms) { const end = Date.now() + ms; while (Date.now() < end) {} }
"#)]
extern "C" {
    /// Counts live timers and listeners from now on.
    pub fn instrument() -> JsValue;
    /// Each test's page counts as just served (see the JS above).
    #[wasm_bindgen(js_name = servedNow)]
    fn served_now();
    /// Blocks the main thread, as a throttled or frozen tab would.
    #[wasm_bindgen(js_name = busyWait)]
    pub fn busy_wait(ms: f64);
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

/// Waits in real time.
pub async fn sleep_ms(ms: u32) {
    gloo_timers::future::TimeoutFuture::new(ms).await;
}

/// The error thrown by `new SessionTimeout(options)`, as (name, message).
pub fn construct_error(options: JsValue) -> (String, String) {
    match SessionTimeout::new(options) {
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
