//! The core in virtual time (`cargo test`): one native test binary, a
//! module per behaviour of the session clock.
#![cfg(not(target_arch = "wasm32"))]

#[path = "../support/mod.rs"]
mod support;

mod back_forward;
mod clock_set_back;
mod expiry;
mod hard_end;
mod keep_alive;
mod properties;
mod refusals;
mod server;
mod settings;
mod start;
mod tabs;
mod typing;
mod warning;

/// Seconds after the simulation's start, as an instant.
pub fn at(s: f64) -> u64 {
    support::sim::Sim::at(s)
}
