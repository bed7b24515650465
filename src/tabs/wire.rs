//! Messages on the wire: plain objects, checked field by field on the way
//! in. Anything malformed, from another channel, or claiming a time far in
//! the future (it would win every merge) is dropped.

use crate::prelude::*;
use crate::core::{EpochMs, Message, Reason};
use crate::js::{self, Object};
use wasm_bindgen::JsValue;

const VERSION: f64 = 1.0;
/// News may not claim to be from more than this far in the future.
const MAX_SKEW_MS: EpochMs = 60_000;
/// Nor a deadline further away than this.
const MAX_AHEAD_MS: EpochMs = 366 * 24 * 3600 * 1000;

/// `message` as a plain object for `channel`.
pub fn encode(channel: &str, message: Message) -> JsValue {
    let o = Object::new();
    let set = |k: &str, v: JsValue| {
        let _ = js::set(&o, &JsValue::from_str(k), &v);
    };
    set("v", VERSION.into());
    set("channel", channel.into());
    match message {
        Message::Deadline { deadline, at, hard_end } => {
            set("type", "deadline".into());
            set("deadline", (deadline as f64).into());
            set("at", (at as f64).into());
            if let Some(end) = hard_end {
                set("end", (end as f64).into());
            }
        }
        Message::Ended { reason, at } => {
            set("type", "ended".into());
            set("reason", reason.as_str().into());
            set("at", (at as f64).into());
        }
        Message::UserActive { at, throttle_ms } => {
            set("type", "active".into());
            set("at", (at as f64).into());
            set("throttle", (throttle_ms as f64).into());
        }
        Message::Hello => set("type", "hello".into()),
    }
    o.into()
}

/// The message in `value`, if it is a well-formed one for `channel`.
pub fn decode(value: &JsValue, channel: &str, now: EpochMs) -> Option<Message> {
    if !value.is_object() || number(value, "v")? != VERSION || text(value, "channel")? != channel {
        return None;
    }
    let at = || time(value, "at").filter(|t| *t <= now.saturating_add(MAX_SKEW_MS));
    Some(match text(value, "type")?.as_str() {
        "deadline" => Message::Deadline {
            deadline: time(value, "deadline").filter(|d| *d <= now.saturating_add(MAX_AHEAD_MS))?,
            at: at()?,
            // Optional (tabs of an older version send none).
            hard_end: time(value, "end").filter(|d| *d <= now.saturating_add(MAX_AHEAD_MS)),
        },
        "ended" => Message::Ended {
            reason: match text(value, "reason")?.as_str() {
                "unauthorized" => Reason::Unauthorized,
                "signed-out" => Reason::SignedOut,
                _ => return None,
            },
            at: at()?,
        },
        // The throttle as keepAliveOnActivity allows it (5 s to a day).
        "active" => Message::UserActive { at: at()?, throttle_ms: time(value, "throttle").filter(|t| (5_000..=86_400_000).contains(t))? },
        "hello" => Message::Hello,
        _ => return None,
    })
}

fn get(value: &JsValue, key: &str) -> JsValue {
    js::get(value, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn number(value: &JsValue, key: &str) -> Option<f64> {
    get(value, key).as_f64()
}

fn text(value: &JsValue, key: &str) -> Option<String> {
    get(value, key).as_string()
}

/// A whole, non-negative epoch time that fits a JS number exactly.
fn time(value: &JsValue, key: &str) -> Option<EpochMs> {
    let n = number(value, key)?;
    ((0.0..=9_007_199_254_740_991.0).contains(&n) && n == (n as EpochMs) as f64).then_some(n as EpochMs)
}
