//! Every tab of the site shares one clock: messages over
//! `BroadcastChannel` (or `storage` events where it is missing), and one
//! leader, elected with the Web Locks API, that talks to the server for
//! all. Dropping `TabSync` closes the channel and gives up the lock.

use crate::prelude::*;
mod wire;

use crate::core::Message;
use crate::platform::{self, Callback};
use crate::timer::now_ms;
use wasm_bindgen::JsValue;

/// The channel to the other tabs and this tab's place in the election.
#[must_use = "cross-tab sync stops when this is dropped"]
pub struct TabSync {
    name: String,
    js: platform::Tabs,
    _on_event: Callback,
}

impl TabSync {
    /// Joins `name`. `on_message` hears valid messages from other tabs;
    /// `on_leader` is called once this tab holds the lock. Returns the
    /// sync and whether an election is running (else this tab leads alone).
    pub fn join(name: &str, on_message: impl Fn(Message) + 'static, on_leader: impl Fn() + 'static) -> (TabSync, bool) {
        let channel = name.to_owned();
        let on_event = platform::callback(move |value: JsValue| {
            if value.is_undefined() {
                on_leader();
            } else if let Some(m) = wire::decode(&platform::field(&value, 0), &channel, now_ms()) {
                on_message(m);
            }
        });
        let storage_key = cat(&["session-timeout:", name]);
        let lock = cat(&["session-timeout-leader:", name]);
        let js = platform::Tabs::new(name, &storage_key, &lock, on_event.as_ref());
        let electing = js.electing();
        (TabSync { name: name.to_owned(), js, _on_event: on_event }, electing)
    }

    /// Sends `message` to every other tab.
    pub fn post(&self, message: Message) {
        self.js.post(&wire::encode(&self.name, message));
    }
}

impl Drop for TabSync {
    fn drop(&mut self) {
        platform::undo(&self.js);
    }
}

/// The default channel: one per origin.
pub fn default_channel() -> String {
    platform::origin()
}
