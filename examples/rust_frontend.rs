//! A Rust frontend using session-timeout with the typed builder: the
//! shape a Leptos, Yew or Dioxus component takes, minus the framework.
//! Built for wasm32 by `make test` (`cargo build --example rust_frontend`).

use session_timeout::{Event, SessionTimeout, State};
use std::cell::RefCell;
use std::time::Duration;

thread_local! {
    // A component would keep this in its state; dropping it cleans up.
    static TIMEOUT: RefCell<Option<SessionTimeout>> = const { RefCell::new(None) };
}

fn main() {
    let started = SessionTimeout::builder(Duration::from_secs(30 * 60))
        .warn_before(Duration::from_secs(2 * 60))
        .redirect_after(Duration::from_secs(10))
        .keep_alive_url("/session/keep-alive")
        .status_url("/session/status")
        .remaining_header("Session-Expires-In")
        .redirect_url("/login?expired=true")
        .sign_out_url("/logout")
        .text("stayButton", "Keep me signed in")
        .on_event(|event| {
            let line = match &event {
                Event::Warning(d) => format!("warning: {} s left", d.remaining_seconds),
                Event::Expired(d) => format!("expired ({:?})", d.reason),
                Event::Extended(d) if d.state == State::Active => "extended".to_owned(),
                _ => return,
            };
            web_sys::console::log_1(&line.into());
        })
        .start();
    match started {
        Ok(timeout) => TIMEOUT.with(|t| *t.borrow_mut() = Some(timeout)),
        Err(e) => web_sys::console::error_1(&e.to_string().into()),
    }
}
