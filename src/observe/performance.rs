//! The zero-patch way: a PerformanceObserver on resource entries. It
//! touches no global, but (measured in Chrome 156 and Firefox 153) it sees
//! the status only through `responseStatus`, the time left only through a
//! `Server-Timing` metric (named like the header, seconds in `desc`), and
//! Chrome reports a fetch only once its body has been read.

use crate::core::EpochMs;
use js_sys::{Array, Reflect};
use wasm_bindgen::prelude::*;
use web_sys::{PerformanceObserver, PerformanceObserverEntryList, PerformanceObserverInit};

/// The observer; dropping it disconnects.
pub struct ResourceObserver {
    observer: PerformanceObserver,
    _callback: Closure<dyn FnMut(PerformanceObserverEntryList)>,
}

impl Drop for ResourceObserver {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}

impl ResourceObserver {
    /// Observes fetch and XHR entries and hands each to `judge`, with
    /// the wall time the response started.
    pub fn new(header: Option<String>, judge: impl Fn(&str, u16, Option<&str>, EpochMs) + 'static) -> Option<ResourceObserver> {
        let metric = header.map(|h| h.to_ascii_lowercase());
        let callback = Closure::<dyn FnMut(PerformanceObserverEntryList)>::new(move |list: PerformanceObserverEntryList| {
            for entry in list.get_entries().iter() {
                let kind = get(&entry, "initiatorType").as_string().unwrap_or_default();
                if kind != "fetch" && kind != "xmlhttprequest" {
                    continue;
                }
                let url = get(&entry, "name").as_string().unwrap_or_default();
                let status = get(&entry, "responseStatus").as_f64().unwrap_or(0.0) as u16;
                let remaining = metric.as_deref().and_then(|m| server_timing(&entry, m));
                let at = crate::timer::page_time_to_epoch(get(&entry, "responseStart").as_f64().unwrap_or(0.0));
                judge(&url, status, remaining.as_deref(), at);
            }
        });
        let observer = PerformanceObserver::new(callback.as_ref().unchecked_ref()).ok()?;
        let init = PerformanceObserverInit::new(&Array::of1(&JsValue::from_str("resource")));
        observer.observe(&init);
        Some(ResourceObserver { observer, _callback: callback })
    }
}

/// The fetch and XHR answers the browser logged before we started, as
/// (URL, status, wall time the response started).
pub fn logged() -> Vec<(String, u16, EpochMs)> {
    crate::timer::performance_entries("resource")
        .iter()
        .filter(|e| matches!(get(e, "initiatorType").as_string().as_deref(), Some("fetch" | "xmlhttprequest")))
        .map(|e| {
            let url = get(&e, "name").as_string().unwrap_or_default();
            let status = get(&e, "responseStatus").as_f64().unwrap_or(0.0) as u16;
            (url, status, crate::timer::page_time_to_epoch(get(&e, "responseStart").as_f64().unwrap_or(0.0)))
        })
        .collect()
}

fn get(target: &JsValue, key: &str) -> JsValue {
    Reflect::get(target, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn server_timing(entry: &JsValue, metric: &str) -> Option<String> {
    let list: Array = get(entry, "serverTiming").dyn_into().ok()?;
    list.iter()
        .find(|t| get(t, "name").as_string().as_deref() == Some(metric))
        .and_then(|t| get(&t, "description").as_string())
}
