//! # session-timeout
//!
//! Warns a signed-in user before their server session times out, keeps the
//! session alive with one click, and signs out cleanly when it ends.
//!
//! The crate has two halves: [`core`], a pure state machine
//! that owns the session clock (tested natively, in virtual time), and a
//! thin browser shell that feeds it page events and carries out its
//! decisions. JavaScript sees [`SessionTimeout`].
#![deny(missing_docs)]
// No std in the shipped .wasm: std's panic path alone keeps kilobytes of
// core::fmt alive. The `std` feature (on by default, for Rust users'
// apps) links std; the npm build turns it off and brings its own panic
// handler (below). Native tests have std as usual.
#![cfg_attr(not(test), no_std)]

extern crate alloc;
#[cfg(feature = "std")]
extern crate std;

/// What every module uses from `alloc` (std's prelude has it; no_std not).
#[allow(unused_imports)]
mod prelude {
    pub use alloc::borrow::ToOwned;
    pub use alloc::boxed::Box;
    pub use alloc::string::{String, ToString};
    pub use alloc::vec::Vec;
    pub use alloc::vec;
    pub use crate::text::cat;
}

pub mod core;

mod config;
mod config_error;
mod csrf;
mod dialog;
mod drafts;
mod driver;
mod duration;
mod error;
mod events;
mod i18n;
mod js;
mod keep_alive;
mod notice;
mod observe;
mod options;
mod platform;
mod redirect;
mod remaining;
mod request;
#[cfg(feature = "std")]
mod rust_api;
mod script_tag;
mod sign_in;
mod sign_out;
mod split;
mod status;
mod tabs;
mod text;
mod timer;
mod title;
mod types;
mod urls;
mod wake;

/// For this crate's browser tests only: the shell's wall time and its one
/// timer from a virtual clock, so the tests step time instead of sleeping.
#[doc(hidden)]
pub mod testing {
    /// `clock` is `{ now(): ms, set(f, ms): id, clear(id) }`; undefined
    /// puts the wall clock back.
    pub fn use_clock(clock: &wasm_bindgen::JsValue) {
        crate::platform::use_clock(clock);
    }

    /// `seconds` as the dialog and the notice write a duration in
    /// `locale`, into a text that is the page's `own` or shipped.
    pub fn format_duration(locale: &str, seconds: u64, own: bool) -> alloc::string::String {
        crate::duration::DurationFormat::new(locale).format(seconds, own)
    }
}

use crate::core::Input;
use crate::prelude::*;
pub use crate::core::{Reason, State};
#[cfg(feature = "std")]
pub use rust_api::{data_attribute, Builder, Detail, Error, Event};
use config::Config;
use config_error::Naming;
use driver::Driver;
use error::{js_error, RUNTIME_ERROR};
use wasm_bindgen::prelude::*;

// A panic (a bug: nothing the page sends may cause one) stops this call
// with a trap, as `panic = "abort"` would, without formatting a message.
#[cfg(all(target_arch = "wasm32", not(feature = "std"), not(test)))]
#[panic_handler]
fn panic(_: &::core::panic::PanicInfo<'_>) -> ! {
    ::core::arch::wasm32::unreachable()
}

// dlmalloc, std's wasm allocator, costs ~3 KB gzip more; the library is
// single-threaded in the browser, so no lock is needed.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
// SAFETY: the library runs on the page's one thread (no atomics target).
static ALLOCATOR: lol_alloc::AssumeSingleThreaded<lol_alloc::FreeListAllocator> = unsafe { lol_alloc::AssumeSingleThreaded::new(lol_alloc::FreeListAllocator::new()) };

impl SessionTimeout {
    /// Checks the options and starts the clock; a bad option is reported
    /// with the names the page author used (options or data attributes).
    pub(crate) fn create(config: impl FnOnce() -> Result<Config, Box<config_error::ConfigError>>, naming: Naming) -> Result<SessionTimeout, JsValue> {
        if !platform::has_document() {
            return Err(js_error(RUNTIME_ERROR, "SessionTimeout needs a browser window and document; create it in the browser, not during server-side rendering"));
        }
        let config = config().map_err(|e| e.to_js(naming))?;
        Ok(SessionTimeout { driver: Driver::start(config), #[cfg(feature = "std")] rust_listeners: Vec::new() })
    }
}

/// A running session clock for this page (`new SessionTimeout(options)`).
#[wasm_bindgen]
pub struct SessionTimeout {
    driver: Driver,
    /// Typed listeners added by the Rust builder (std only); removed with the instance.
    #[cfg(feature = "std")]
    rust_listeners: Vec<Closure<dyn FnMut(web_sys::CustomEvent)>>,
}

#[wasm_bindgen]
impl SessionTimeout {
    /// Checks the options and starts the clock; throws a
    /// `SessionTimeoutConfigError` naming any bad option.
    #[wasm_bindgen(constructor)]
    pub fn new(#[wasm_bindgen(unchecked_param_type = "SessionTimeoutOptions")] options: JsValue) -> Result<SessionTimeout, JsValue> {
        SessionTimeout::create(|| Config::from_js(&options), Naming::Options)
    }

    /// `"active"`, `"warning"`, `"expired"`, `"redirecting"` or `"stopped"`.
    // A JS string made from the static name: no Rust string to hand over
    // and free. Rust reads `SessionTimeout::state`.
    #[doc(hidden)]
    #[wasm_bindgen(getter, js_name = state, unchecked_return_type = "SessionState")]
    pub fn js_state(&self) -> JsValue {
        JsValue::from_str(self.driver.state().as_str())
    }

    /// Whole seconds until the session ends, never negative.
    #[wasm_bindgen(getter, js_name = remainingSeconds)]
    pub fn remaining_seconds(&self) -> f64 {
        self.driver.seconds_left() as f64
    }

    /// Whether this tab talks to the server for all tabs of the site (the
    /// Web Locks leader; a lone tab always leads).
    #[wasm_bindgen(getter, js_name = isLeader)]
    pub fn is_leader(&self) -> bool {
        self.driver.is_leader()
    }

    /// Tells the clock the server has just seen the user (a request you
    /// made outside the browser's fetch/XHR, say).
    pub fn activity(&self) {
        self.driver.feed(Input::Activity(None));
    }

    /// `extend()`'s Rust half: the entry module makes the Promise and this
    /// hands its `resolve` to the driver, which calls it with whether the
    /// server extended the session.
    #[doc(hidden)]
    #[wasm_bindgen(js_name = __extend, skip_typescript)]
    pub fn js_extend(&self, resolve: js::Function) {
        self.driver.extend(resolve);
    }

    /// Signs out in every tab: each goes to `signOutUrl` (or `redirectUrl`
    /// with reason `signed-out`), as the dialog's "Sign out" button does.
    #[wasm_bindgen(js_name = signOut)]
    pub fn sign_out(&self) {
        self.driver.feed(Input::SignOut);
    }

    /// Stops the clock and removes every listener, timer and element it made.
    pub fn destroy(&self) {
        self.driver.destroy();
    }

    /// The instance's event target (a destroyed instance sends no more
    /// events): the entry module's `addEventListener` and
    /// `removeEventListener` pass straight to it.
    #[doc(hidden)]
    #[wasm_bindgen(getter, js_name = __events, skip_typescript)]
    pub fn js_events(&self) -> JsValue {
        self.driver.emitter().target().clone()
    }
}

/// The same calls for Rust, with Rust's types (and js-sys's).
#[cfg(feature = "std")]
impl SessionTimeout {
    /// Sends the keep-alive now (or joins the one on its way). Resolves to
    /// `true` when the server extended the session, `false` otherwise.
    pub fn extend(&self) -> js_sys::Promise {
        js_sys::Promise::new(&mut |resolve, _reject| self.driver.extend(resolve.unchecked_into()))
    }

    /// `"active"`, `"warning"`, `"expired"`, `"redirecting"` or `"stopped"`.
    pub fn state(&self) -> String {
        self.driver.state().as_str().to_owned()
    }

    /// Listens for `warning`, `tick`, `extended`, `keepaliveerror`,
    /// `expired`, `redirect`, `signout` or `activity`.
    pub fn add_event_listener(&self, kind: &str, listener: &JsValue, options: &JsValue) {
        self.driver.emitter().add_listener(&JsValue::from_str(kind), listener, options);
    }

    /// Removes a listener added with `add_event_listener`.
    pub fn remove_event_listener(&self, kind: &str, listener: &JsValue, options: &JsValue) {
        self.driver.emitter().remove_listener(&JsValue::from_str(kind), listener, options);
    }
}
