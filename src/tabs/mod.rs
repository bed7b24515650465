//! Every tab of the site shares one clock: messages over
//! `BroadcastChannel` (or `storage` events where it is missing), and one
//! leader, elected with the Web Locks API, that talks to the server for
//! all. Dropping `TabSync` closes the channel and gives up the lock.

use crate::prelude::*;
mod wire;

use crate::core::{Input, Message};
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
    /// Joins `name`; `on_event` hears the platform's calls (read them
    /// with [`TabSync::hear`]). Returns the sync and whether an election
    /// is running (else this tab leads alone).
    pub fn join(name: &str, on_event: Callback) -> (TabSync, bool) {
        let storage_key = cat(&["session-timeout:", name]);
        let lock = cat(&["session-timeout-leader:", name]);
        let js = platform::Tabs::new(name, &storage_key, &lock, on_event.as_ref());
        let electing = js.electing();
        (TabSync { name: name.to_owned(), js, _on_event: on_event }, electing)
    }

    /// What the platform's call means: `[message]` a valid message from
    /// another tab, `undefined` that this tab now holds the lock.
    pub fn hear(&self, value: &JsValue) -> Option<Input> {
        if value.is_undefined() {
            return Some(Input::Leader(true));
        }
        wire::decode(&platform::field(value, 0), &self.name, now_ms()).map(Input::Peer)
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
