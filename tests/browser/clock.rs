//! The driver in a real page, in virtual time: the warning, countdown,
//! expiry and redirect happen on time, and a tab that slept catches up.

use js_sys::Reflect;
use std::cell::RefCell;
use std::rc::Rc;
use crate::support::page::{options, quick, start_timeout, Clock, Recorder};
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

fn redirect_reason(rec: &Recorder) -> String {
    rec.detail("redirect", "reason").as_string().unwrap_or_default()
}

#[wasm_bindgen_test]
async fn warning_countdown_expiry_and_redirect_happen_in_order() {
    let clock = Clock::start();
    let timeout = start_timeout(quick(2.5, 2.0, 1.0)).unwrap();
    let rec = Recorder::attach(&timeout);
    clock.advance(499);
    assert_eq!(timeout.state(), "active");
    assert!(rec.milestones().is_empty());
    clock.advance(1); // 0.5 s: the warning
    assert_eq!(timeout.state(), "warning");
    assert_eq!(rec.milestones(), ["warning"]);
    assert_eq!(rec.detail("warning", "remainingSeconds").as_f64(), Some(2.0));
    clock.advance(1_999); // just before expiry at 2.5 s
    assert_eq!(rec.milestones(), ["warning"]);
    clock.advance(1_001); // 3.5 s: expired at 2.5, redirect at 3.5
    assert_eq!(rec.milestones(), ["warning", "expired", "redirect"]);
    let ticks = rec.names().iter().filter(|n| *n == "tick").count();
    assert_eq!(ticks, 1, "one tick in the warning (2 → 1); the expired countdown starts at 1");
    assert_eq!(redirect_reason(&rec), "expired");
    assert_eq!(timeout.state(), "redirecting");
    assert_eq!(timeout.remaining_seconds(), 0.0);
}

#[wasm_bindgen_test]
async fn events_are_mirrored_on_document() {
    let seen = Rc::new(RefCell::new(Vec::<String>::new()));
    let s = seen.clone();
    let listener = gloo_events::EventListener::new(&gloo_utils_document(), "session-timeout:warning", move |e| {
        s.borrow_mut().push(e.type_());
    });
    let clock = Clock::start();
    let timeout = start_timeout(quick(1.3, 1.0, 5.0)).unwrap();
    clock.advance(300);
    assert_eq!(*seen.borrow(), ["session-timeout:warning"]);
    timeout.destroy();
    drop(listener);
}

fn gloo_utils_document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

#[wasm_bindgen_test]
async fn activity_during_the_warning_closes_it() {
    let clock = Clock::start();
    let timeout = start_timeout(quick(1.5, 1.2, 5.0)).unwrap();
    let rec = Recorder::attach(&timeout);
    clock.advance(300);
    assert_eq!(timeout.state(), "warning");
    timeout.activity();
    assert_eq!(timeout.state(), "active");
    assert_eq!(rec.milestones(), ["warning", "activity"]);
    assert_eq!(rec.detail("activity", "state").as_string().as_deref(), Some("active"));
    timeout.destroy();
}

#[wasm_bindgen_test]
async fn a_tab_that_slept_past_the_redirect_jumps_straight_there() {
    let clock = Clock::start();
    let timeout = start_timeout(quick(1.0, 0.5, 0.5)).unwrap();
    let rec = Recorder::attach(&timeout);
    // A frozen background tab: time passes, no timer fires.
    clock.skip(1_700);
    let doc = gloo_utils_document();
    doc.dispatch_event(&web_sys::Event::new("visibilitychange").unwrap()).unwrap();
    assert_eq!(rec.milestones(), ["redirect"], "no stale warning or expired dialog first");
    assert_eq!(redirect_reason(&rec), "expired");
    timeout.destroy();
}

#[wasm_bindgen_test]
async fn a_tab_that_slept_past_the_deadline_shows_expired_not_a_warning() {
    let clock = Clock::start();
    let timeout = start_timeout(quick(1.0, 0.5, 30.0)).unwrap();
    let rec = Recorder::attach(&timeout);
    clock.skip(1_200);
    web_sys::window().unwrap().dispatch_event(&web_sys::Event::new("focus").unwrap()).unwrap();
    assert_eq!(rec.milestones(), ["expired"]);
    assert_eq!(rec.detail("expired", "redirectSeconds").as_f64(), Some(30.0));
    timeout.destroy();
}

/// A laptop that slept with the page in front: where the monotonic clock
/// stops meanwhile, the one timer is late by the sleep, and no
/// `visibilitychange` or `focus` comes on waking. The network coming back
/// (`online`, as it does after a sleep) re-reads the clock.
#[wasm_bindgen_test]
async fn the_network_back_after_a_sleep_re_reads_the_clock() {
    let clock = Clock::start();
    let timeout = start_timeout(quick(10.0, 5.0, 30.0)).unwrap();
    let rec = Recorder::attach(&timeout);
    clock.skip(6_000);
    assert!(rec.milestones().is_empty(), "asleep: nothing has run");
    web_sys::window().unwrap().dispatch_event(&web_sys::Event::new("online").unwrap()).unwrap();
    assert_eq!(rec.milestones(), ["warning"]);
    assert_eq!(rec.detail("warning", "remainingSeconds").as_f64(), Some(4.0));
    timeout.destroy();
}

#[wasm_bindgen_test]
async fn redirect_url_function_gets_the_reason() {
    let asked = Rc::new(RefCell::new(Vec::<String>::new()));
    let a = asked.clone();
    let f = Closure::<dyn FnMut(String) -> String>::new(move |reason: String| {
        a.borrow_mut().push(reason.clone());
        format!("/sso/start?why={reason}")
    });
    let clock = Clock::start();
    let opts = quick(0.5, 0.2, 0.0);
    Reflect::set(&opts, &"redirectUrl".into(), f.as_ref()).unwrap();
    let timeout = start_timeout(opts).unwrap();
    let rec = Recorder::attach(&timeout);
    clock.advance(499);
    assert!(asked.borrow().is_empty(), "asked only at the redirect");
    clock.advance(1);
    assert_eq!(*asked.borrow(), ["expired"]);
    assert!(rec.detail("redirect", "url").as_string().unwrap_or_default().ends_with("/sso/start?why=expired"));
}

#[wasm_bindgen_test]
async fn destroy_from_inside_a_listener_stops_everything() {
    let clock = Clock::start();
    let timeout = Rc::new(start_timeout(quick(1.2, 1.0, 0.2)).unwrap());
    let rec = Recorder::attach(&timeout);
    let t = timeout.clone();
    let stop = Closure::<dyn FnMut()>::new(move || t.destroy());
    timeout.add_event_listener("warning", stop.as_ref(), &JsValue::UNDEFINED);
    clock.advance(60_000);
    assert_eq!(rec.milestones(), ["warning"], "nothing after destroy");
    assert_eq!(timeout.state(), "stopped");
}

#[wasm_bindgen_test]
async fn listeners_can_be_removed() {
    let timeout = start_timeout(options(&[("sessionSeconds", 60.into()), ("warnSeconds", 20.into())])).unwrap();
    let count = Rc::new(RefCell::new(0));
    let c = count.clone();
    let f = Closure::<dyn FnMut()>::new(move || *c.borrow_mut() += 1);
    timeout.add_event_listener("activity", f.as_ref(), &JsValue::UNDEFINED);
    timeout.activity();
    timeout.remove_event_listener("activity", f.as_ref(), &JsValue::UNDEFINED);
    timeout.activity();
    assert_eq!(*count.borrow(), 1);
    timeout.destroy();
}

#[wasm_bindgen_test]
async fn reading_the_state_runs_no_effects() {
    let clock = Clock::start();
    let timeout = start_timeout(quick(1.5, 1.2, 5.0)).unwrap(); // warning due at 0.3 s
    let rec = Recorder::attach(&timeout);
    clock.skip(600); // a busy page: the timer cannot fire
    assert_eq!(timeout.state(), "warning", "the getter tells the truth of now…");
    assert!(timeout.remaining_seconds() <= 1.0);
    assert!(rec.milestones().is_empty(), "…and does nothing: no event");
    let open = web_sys::window().unwrap().document().unwrap().query_selector("dialog.session-timeout[open]").unwrap();
    assert!(open.is_none(), "no dialog opened by a getter");
    clock.advance(0);
    assert_eq!(rec.milestones(), ["warning"], "the timer runs the effects, once");
    timeout.destroy();
}

/// The device's clock set back (by hand, a network time step) would
/// otherwise move every deadline that much later: the server's session
/// ends with no warning on screen.
#[wasm_bindgen_test]
async fn a_device_clock_set_back_still_warns_when_due() {
    let clock = Clock::start();
    let timeout = start_timeout(quick(10.0, 5.0, 2.0)).unwrap(); // warning due at 5 s
    let rec = Recorder::attach(&timeout);
    clock.advance(2_000);
    clock.set_back(600_000);
    assert_eq!(timeout.remaining_seconds(), 8.0, "the getter counts from the same moment");
    clock.advance(2_999);
    assert_eq!(timeout.state(), "active");
    clock.advance(1);
    assert_eq!(rec.milestones(), ["warning"]);
    assert_eq!(rec.detail("warning", "remainingSeconds").as_f64(), Some(5.0));
    clock.advance(5_000);
    assert_eq!(rec.milestones(), ["warning", "expired"]);
    timeout.destroy();
}

#[wasm_bindgen_test]
async fn a_device_clock_set_back_during_the_warning_keeps_it_on_screen() {
    let clock = Clock::start();
    let timeout = start_timeout(quick(10.0, 5.0, 2.0)).unwrap();
    let rec = Recorder::attach(&timeout);
    clock.advance(6_000);
    assert_eq!(timeout.state(), "warning");
    clock.set_back(300_000);
    clock.advance(1);
    assert_eq!(timeout.state(), "warning", "closed as if the session were extended");
    let open = web_sys::window().unwrap().document().unwrap().query_selector("dialog.session-timeout[open]").unwrap();
    assert!(open.is_some(), "the dialog is still open");
    clock.advance(3_999);
    assert_eq!(rec.milestones(), ["warning", "expired"]);
    timeout.destroy();
}
