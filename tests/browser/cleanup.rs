//! destroy() leaves the page exactly as it found it: no timer, no listener.

use crate::support::page::{instrument, live_listeners, live_timers, quick, restore, sleep_ms, start_timeout, until, Clock};
use gloo_events::EventListener;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

#[wasm_bindgen(module = "/tests/support/page.js")]
extern "C" {
    #[wasm_bindgen(js_name = recordWarnings)]
    fn record_warnings() -> js_sys::Array;
}

fn restore_warnings(list: &js_sys::Array) {
    if let Ok(restore) = js_sys::Reflect::get(list, &"restore".into()) {
        let _ = js_sys::Function::from(restore).call0(list);
    }
}

fn warnings(list: &js_sys::Array) -> Vec<String> {
    list.iter().filter_map(|w| w.as_string()).filter(|w| w.starts_with("session-timeout:")).collect()
}

#[wasm_bindgen_test]
fn destroy_removes_every_timer_and_listener() {
    let live = instrument();
    let timeout = start_timeout(quick(60.0, 10.0, 5.0)).unwrap();
    let (timers, listeners) = (live_timers(&live), live_listeners(&live));
    timeout.destroy();
    let (timers_after, listeners_after) = (live_timers(&live), live_listeners(&live));
    restore(&live);
    assert_eq!(timers, 1, "one timer, armed to the warning");
    assert_eq!(listeners, "visibilitychange,focus,online,pageshow,beforeunload,pagehide,keydown,message", "the dialog is built on first show");
    assert_eq!(timers_after, 0);
    assert_eq!(listeners_after, "");
    assert!(dialogs() == 0, "the dialog element is gone");
}

/// destroy() just after a tick, while the next second's timer waits for
/// the message task it is set from (a chain of timers Chromium throttles
/// in a hidden tab): that timer is never set.
#[wasm_bindgen_test]
async fn destroy_while_the_next_timer_waits_to_be_set_leaves_none() {
    let live = instrument();
    let timeout = Rc::new(RefCell::new(Some(start_timeout(quick(3.0, 2.9, 5.0)).unwrap())));
    let held = timeout.clone();
    // A microtask after the tick's timer task: the next timer is not set yet.
    let _tick = EventListener::once(&web_sys::window().unwrap().document().unwrap(), "session-timeout:tick", move |_| {
        let held = held.clone();
        wasm_bindgen_futures::spawn_local(async move {
            if let Some(t) = held.borrow_mut().take() {
                t.destroy();
            }
        });
    });
    assert!(until(3_000, || timeout.borrow().is_none()).await, "a tick came");
    sleep_ms(30).await;
    let timers = live_timers(&live);
    restore(&live);
    assert_eq!(timers, 0);
}

fn dialogs() -> u32 {
    let doc = web_sys::window().unwrap().document().unwrap();
    doc.query_selector_all("dialog.session-timeout").unwrap().length()
}

#[wasm_bindgen_test]
async fn destroy_in_the_warning_leaves_nothing_behind() {
    let live = instrument();
    let clock = Clock::start();
    let timeout = start_timeout(quick(3.0, 2.8, 5.0)).unwrap();
    clock.advance(1_300); // in the warning, the timer re-armed each second
    let state = timeout.state();
    assert_eq!(clock.armed(), 1, "one timer, re-armed in place");
    timeout.destroy();
    let (timers_after, listeners_after) = (live_timers(&live), live_listeners(&live));
    restore(&live);
    assert_eq!(state, "warning");
    assert_eq!(clock.armed(), 0, "destroy disarmed the clock's timer");
    assert_eq!(dialogs(), 0, "the dialog went with the instance");
    assert_eq!(timers_after, 0);
    assert_eq!(listeners_after, "");
}

#[wasm_bindgen_test]
fn dropping_the_instance_cleans_up_too() {
    let live = instrument();
    drop(start_timeout(quick(60.0, 10.0, 5.0)).unwrap());
    let (timers_after, listeners_after) = (live_timers(&live), live_listeners(&live));
    restore(&live);
    assert_eq!(timers_after, 0);
    assert_eq!(listeners_after, "");
}

#[wasm_bindgen_test]
fn a_second_instance_running_on_the_page_is_a_console_warning() {
    let record = record_warnings();
    let first = start_timeout(quick(60.0, 10.0, 5.0)).unwrap();
    let alone = warnings(&record);
    let second = start_timeout(quick(60.0, 10.0, 5.0)).unwrap();
    let two = warnings(&record);
    second.destroy();
    first.destroy();
    // Destroyed twice, still counted once.
    first.destroy();
    let third = start_timeout(quick(60.0, 10.0, 5.0)).unwrap();
    let after = warnings(&record);
    third.destroy();
    restore_warnings(&record);
    assert_eq!(alone, Vec::<String>::new(), "one instance: no warning");
    assert_eq!(two.len(), 1, "{two:?}");
    assert!(two[0].contains("another instance is already running on this page") && two[0].contains("destroy()"), "{two:?}");
    assert_eq!(after, two, "once the others are destroyed, a new instance runs alone");
}
