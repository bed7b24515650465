//! The floor of a rewritten shell, for `make bench`: the library's own
//! core and languages (included from `src/` by path) behind the smallest
//! boundary that can drive them. Inputs come in as numbers, effects go out
//! as numbers in one buffer, texts as a pointer and length. What the
//! shipped `.wasm` weighs above this is the shell.
#![no_std]
extern crate alloc;

/// What the core's modules use from `alloc` (as the library's prelude).
#[allow(unused_imports)]
mod prelude {
    pub use alloc::borrow::ToOwned;
    pub use alloc::boxed::Box;
    pub use alloc::string::{String, ToString};
    pub use alloc::vec;
    pub use alloc::vec::Vec;
    pub use crate::text::cat;
}

#[allow(dead_code, unused_imports)]
#[path = "../../../src/core/mod.rs"]
mod core;
#[path = "../../../src/i18n.rs"]
mod i18n;
/// The byte searches `i18n.rs` uses.
#[allow(dead_code)]
#[path = "../../../src/split.rs"]
mod split;

/// The two things `i18n.rs` needs of the library's text module.
mod text {
    use alloc::string::String;
    /// One language's texts.
    pub struct Text(pub &'static str);
    impl Text {
        pub fn shipped(strings: &'static str) -> Text {
            Text(strings)
        }
    }
    pub fn cat(parts: &[&str]) -> String {
        let mut out = String::new();
        for part in parts {
            out.push_str(part);
        }
        out
    }
}

use crate::core::{ClockSettings, Effect, Failure, Input, Message, Reason, SessionClock};
use ::core::cell::RefCell;
use alloc::vec::Vec;
use wasm_bindgen::prelude::*;

#[panic_handler]
fn panic(_: &::core::panic::PanicInfo<'_>) -> ! {
    ::core::arch::wasm32::unreachable()
}

#[global_allocator]
// SAFETY: wasm32 without atomics: one thread.
static ALLOCATOR: lol_alloc::AssumeSingleThreaded<lol_alloc::FreeListAllocator> =
    unsafe { lol_alloc::AssumeSingleThreaded::new(lol_alloc::FreeListAllocator::new()) };

struct Global<T>(RefCell<T>);
// SAFETY: as above.
unsafe impl<T> Sync for Global<T> {}
static CLOCK: Global<Option<SessionClock>> = Global(RefCell::new(None));
static OUT: Global<Vec<f64>> = Global(RefCell::new(Vec::new()));

/// A clock with these durations (ms); false if they do not fit together.
#[wasm_bindgen]
pub fn start(session_ms: f64, warn_ms: f64, redirect_ms: f64) -> bool {
    match ClockSettings::new(session_ms as u64, warn_ms as u64, redirect_ms as u64) {
        Ok(settings) => {
            *CLOCK.0.borrow_mut() = Some(SessionClock::new(settings));
            true
        }
        Err(_) => false,
    }
}

fn reason(n: f64) -> Reason {
    match n as u32 {
        1 => Reason::Unauthorized,
        2 => Reason::SignedOut,
        _ => Reason::Expired,
    }
}

fn maybe(n: f64) -> Option<u64> {
    (n >= 0.0).then_some(n as u64)
}

/// One input, as numbers; its effects are left in the buffer as
/// `[code, a, b, c]` each. Returns when to wake next (-1: never).
#[wasm_bindgen]
pub fn input(kind: u32, now: f64, a: f64, b: f64, c: f64, d: f64) -> f64 {
    let input = match kind {
        0 => Input::Start { served_at: a as u64, from_cache: b != 0.0, page_hard_end: None },
        1 => Input::Activity(maybe(a)),
        2 => Input::UserActive,
        3 => Input::PageShown,
        4 => Input::ServerRemaining(a as u64),
        5 => Input::Peer(match b as u32 {
            0 => Message::Deadline { deadline: a as u64, at: c as u64, hard_end: maybe(d) },
            1 => Message::Ended { reason: reason(a), at: c as u64 },
            2 => Message::UserActive { at: c as u64, throttle_ms: a as u64 },
            _ => Message::Hello,
        }),
        6 => Input::Leader(a != 0.0),
        7 => Input::HardEnd(a as u64),
        8 => Input::HardEndIn(a as u64),
        9 => Input::Dismiss,
        10 => Input::StayRequested,
        11 => Input::KeepAliveSucceeded(maybe(a)),
        12 => Input::KeepAliveFailed(if a != 0.0 { Failure::Refused } else { Failure::Unreachable }),
        13 => Input::Unauthorized(a as u64),
        14 => Input::SignOut,
        15 => Input::RedirectNow,
        16 => Input::Wake,
        17 => Input::PageFrozen,
        18 => Input::PageLeaving,
        19 => Input::PageSignedOut,
        20 => Input::SignOutAnswered,
        21 => Input::PageGone,
        22 => Input::PageRoutes,
        _ => Input::Stop,
    };
    let mut clock = CLOCK.0.borrow_mut();
    let Some(clock) = clock.as_mut() else { return -1.0 };
    let out = clock.handle(now as u64, input);
    let mut buffer = OUT.0.borrow_mut();
    buffer.clear();
    for effect in out.effects {
        let (code, a, b, c) = match effect {
            Effect::ShowWarning { seconds_left, last } => (0, seconds_left as f64, last as u8 as f64, 0.0),
            Effect::Tick { seconds_left } => (1, seconds_left as f64, 0.0, 0.0),
            Effect::CloseDialog => (2, 0.0, 0.0, 0.0),
            Effect::DeadlineMoved { deadline, change } => (3, deadline as f64, change as u8 as f64, 0.0),
            Effect::SendKeepAlive => (4, 0.0, 0.0, 0.0),
            Effect::CheckStatus => (5, 0.0, 0.0, 0.0),
            Effect::KeepAliveFailed(failure) => (6, failure as u8 as f64, 0.0, 0.0),
            Effect::ShowExpired { reason, seconds_left } => (7, reason as u8 as f64, seconds_left as f64, 0.0),
            Effect::Broadcast(Message::Deadline { deadline, at, hard_end }) => (8, deadline as f64, at as f64, hard_end.map_or(-1.0, |h| h as f64)),
            Effect::Broadcast(Message::Ended { reason, at }) => (9, reason as u8 as f64, at as f64, 0.0),
            Effect::Broadcast(Message::UserActive { at, throttle_ms }) => (10, at as f64, throttle_ms as f64, 0.0),
            Effect::Broadcast(Message::Hello) => (11, 0.0, 0.0, 0.0),
            Effect::SessionLength { ms } => (12, ms as f64, 0.0, 0.0),
            Effect::Redirect { reason } => (13, reason as u8 as f64, 0.0, 0.0),
            Effect::SignOut => (14, 0.0, 0.0, 0.0),
            Effect::LeaveTabs => (15, 0.0, 0.0, 0.0),
            Effect::JoinTabs => (16, 0.0, 0.0, 0.0),
            Effect::PageSignedOut => (17, 0.0, 0.0, 0.0),
            Effect::HandOver => (18, 0.0, 0.0, 0.0),
        };
        buffer.extend([code as f64, a, b, c]);
    }
    out.wake_at.map_or(-1.0, |at| at as f64)
}

/// Where the effects of the last input are.
#[wasm_bindgen]
pub fn effects() -> *const f64 {
    OUT.0.borrow().as_ptr()
}

/// How many numbers they are.
#[wasm_bindgen]
pub fn effects_len() -> usize {
    OUT.0.borrow().len()
}

/// The shipped texts of `locale`'s language (U+0001 after each): their
/// pointer and length are left in the buffer.
#[wasm_bindgen]
pub fn texts(locale: &str) -> usize {
    let text = i18n::defaults(locale);
    let mut buffer = OUT.0.borrow_mut();
    buffer.clear();
    buffer.extend([text.0.as_ptr() as usize as f64, text.0.len() as f64]);
    buffer.len()
}
