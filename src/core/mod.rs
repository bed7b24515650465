//! The session clock as a pure state machine.
//!
//! Nothing in here reads a clock, touches the page or knows about
//! JavaScript: time comes in as epoch milliseconds, decisions go out as
//! [`Effect`] values. The browser shell feeds it and carries out what it
//! says; native tests drive it in virtual time.

mod announce;
mod clock;
mod countdown;
mod decimal;
mod input;
mod message;
mod output;
mod settings;

pub use announce::announced_seconds;
pub use clock::{SessionClock, State};
pub use countdown::whole_seconds_left;
pub use decimal::decimal;
pub use input::{Failure, Input, Reason};
pub use message::Message;
pub use output::{Change, Drafts, Effect, Output};
pub use settings::{seconds_text, ClockSettings, SettingsError};

/// Wall-clock time in milliseconds since the Unix epoch, as `Date.now()`
/// gives it. Every tab of a site can compare these, unlike monotonic time.
pub type EpochMs = u64;
