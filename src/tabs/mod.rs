//! Every tab of the site shares one clock: messages over
//! `BroadcastChannel` (or `storage` events where it is missing), and one
//! leader, elected with the Web Locks API, that talks to the server for
//! all. Dropping `TabSync` closes the channel and gives up the lock.

mod wire;

use crate::core::Message;
use crate::timer::now_ms;
use gloo_events::EventListener;
use wasm_bindgen::prelude::*;
use web_sys::{BroadcastChannel, MessageEvent, Storage, StorageEvent, Window};

#[wasm_bindgen(module = "/src/tabs/leader.js")]
extern "C" {
    #[wasm_bindgen(catch)]
    fn elect(name: &str, on_leader: &JsValue) -> Result<JsValue, JsValue>;
}

enum Transport {
    Channel(BroadcastChannel),
    Storage { storage: Storage, key: String },
}

/// The channel to the other tabs and this tab's place in the election.
#[must_use = "cross-tab sync stops when this is dropped"]
pub struct TabSync {
    name: String,
    transport: Transport,
    _listener: EventListener,
    release: Option<js_sys::Function>,
    _on_leader: Option<Closure<dyn FnMut()>>,
}

impl TabSync {
    /// Joins `name`. `on_message` hears valid messages from other tabs;
    /// `on_leader` is called once this tab holds the lock. Returns the
    /// sync and whether an election is running (else this tab leads alone).
    pub fn join(
        window: &Window,
        name: &str,
        on_message: impl Fn(Message) + 'static,
        on_leader: impl Fn() + 'static,
    ) -> Option<(TabSync, bool)> {
        let channel_name = name.to_owned();
        let (transport, listener) = match BroadcastChannel::new(name) {
            Ok(channel) => {
                let listener = EventListener::new(&channel, "message", move |e| {
                    if let Some(e) = e.dyn_ref::<MessageEvent>() {
                        if let Some(m) = wire::decode(&e.data(), &channel_name, now_ms()) {
                            on_message(m);
                        }
                    }
                });
                (Transport::Channel(channel), listener)
            }
            Err(_) => {
                let storage = window.local_storage().ok().flatten()?;
                let key = format!("session-timeout:{name}");
                let wanted = key.clone();
                let listener = EventListener::new(window, "storage", move |e| {
                    let Some(e) = e.dyn_ref::<StorageEvent>() else { return };
                    if e.key().as_deref() != Some(wanted.as_str()) {
                        return;
                    }
                    let parsed = e.new_value().and_then(|v| js_sys::JSON::parse(&v).ok());
                    if let Some(m) = parsed.and_then(|v| wire::decode(&v, &channel_name, now_ms())) {
                        on_message(m);
                    }
                });
                (Transport::Storage { storage, key }, listener)
            }
        };
        let on_leader = Closure::<dyn FnMut()>::new(on_leader);
        let release = elect(&format!("session-timeout-leader:{name}"), on_leader.as_ref())
            .ok()
            .and_then(|r| r.dyn_into::<js_sys::Function>().ok());
        let electing = release.is_some();
        let sync = TabSync {
            name: name.to_owned(),
            transport,
            _listener: listener,
            release,
            _on_leader: electing.then_some(on_leader),
        };
        Some((sync, electing))
    }

    /// Sends `message` to every other tab.
    pub fn post(&self, message: Message) {
        let value = wire::encode(&self.name, message);
        match &self.transport {
            Transport::Channel(channel) => {
                let _ = channel.post_message(&value);
            }
            Transport::Storage { storage, key } => {
                // A nonce makes a repeated message still fire `storage`.
                let _ = js_sys::Reflect::set(&value, &"nonce".into(), &js_sys::Math::random().into());
                if let Ok(json) = js_sys::JSON::stringify(&value) {
                    let _ = storage.set_item(key, &String::from(json));
                }
            }
        }
    }
}

impl Drop for TabSync {
    fn drop(&mut self) {
        if let Some(release) = &self.release {
            let _ = release.call0(&JsValue::NULL);
        }
        if let Transport::Channel(channel) = &self.transport {
            channel.close();
        }
    }
}

/// The default channel: one per origin.
pub fn default_channel(window: &Window) -> String {
    window.location().origin().unwrap_or_default()
}
