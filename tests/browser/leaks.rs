//! No leaks: 1000 create/destroy cycles leave no listener, no timer, no
//! element, the original fetch/XHR, and memory where it was.

use js_sys::Reflect;
use crate::support::page::{instrument, live_listeners, live_timers, options, restore, sleep_ms, start_timeout};
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

#[wasm_bindgen(module = "/tests/support/page.js")]
extern "C" {
    fn originals() -> js_sys::Array;
    fn same(a: &js_sys::Array, b: &js_sys::Array) -> bool;
    fn heap() -> f64;
}

fn wasm_memory_bytes() -> f64 {
    let memory = wasm_bindgen::memory();
    let buffer = Reflect::get(&memory, &"buffer".into()).unwrap();
    Reflect::get(&buffer, &"byteLength".into()).unwrap().as_f64().unwrap()
}

fn cycle(i: u32) {
    let t = start_timeout(options(&[
        ("sessionSeconds", 600.into()),
        ("warnSeconds", 60.into()),
        ("keepAliveUrl", "/k".into()),
        ("statusUrl", "/s".into()),
        ("signOutUrl", "/bye".into()),
        ("keepAliveOnActivity", true.into()),
        ("channel", format!("leak-{}", i % 3).into()),
    ]))
    .unwrap();
    t.activity();
    t.destroy();
}

#[wasm_bindgen_test]
async fn a_thousand_create_destroy_cycles_leave_nothing_behind() {
    let fetch_before = originals();
    // Warm up: the allocator and the JS engine settle first.
    for i in 0..50 {
        cycle(i);
    }
    sleep_ms(100).await;
    let (wasm_before, heap_before) = (wasm_memory_bytes(), heap());
    let live = instrument();
    for i in 0..1000 {
        cycle(i);
        if i % 100 == 99 {
            // Lets the page breathe (and the test driver poll it), and lets
            // any lock or message of a destroyed instance arrive.
            sleep_ms(0).await;
        }
    }
    let (timers, listeners) = (live_timers(&live), live_listeners(&live));
    restore(&live);
    sleep_ms(200).await;
    let (wasm_after, heap_after) = (wasm_memory_bytes(), heap());
    let document = web_sys::window().unwrap().document().unwrap();
    assert_eq!(timers, 0, "timers left");
    assert_eq!(listeners, "", "listeners left");
    assert_eq!(document.query_selector_all("dialog.session-timeout").unwrap().length(), 0, "dialogs left");
    assert!(same(&fetch_before, &originals()), "fetch and XMLHttpRequest are the originals");
    assert_eq!(wasm_after, wasm_before, "the wasm heap did not grow");
    if heap_before >= 0.0 {
        // Chrome with --expose-gc: the JS heap after a forced GC stays within noise.
        let growth = heap_after - heap_before;
        assert!(growth < 1_000_000.0, "JS heap grew by {growth} bytes over 1000 cycles");
        web_sys::console::log_1(&format!("leaks: JS heap {heap_before} → {heap_after} bytes").into());
    }
    web_sys::console::log_1(&format!("leaks: 1000 passed, 0 failed (wasm memory {wasm_before} → {wasm_after} bytes)").into());
}
