//! The shell in real browsers (`wasm-pack test`), in virtual time. One
//! test binary, so each engine starts once: every file's tests run in the
//! same page, and each leaves the page as it found it. A test that fails
//! stops with a trap, which runs no destructor: its instances are started
//! with `start_timeout`, which the panic hook destroys, so one failure is
//! reported once, not again by every test after it.
#![cfg(target_arch = "wasm32")]

#[path = "../support/mod.rs"]
mod support;

mod cleanup;
mod clock;
mod config;
mod csrf;
mod dialog;
mod drafts;
mod i18n;
mod leaks;
mod requests;
mod security;
mod tabs;

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);
