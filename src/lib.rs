//! # session-timeout
//!
//! Warns a signed-in user before their server session times out, keeps the
//! session alive with one click, and signs out cleanly when it ends.
//!
//! The crate has two halves: [`core`](crate::core), a pure state machine
//! that owns the session clock (tested natively, in virtual time), and a
//! thin browser shell that feeds it page events and carries out its
//! decisions.
#![deny(missing_docs)]

pub mod core;
