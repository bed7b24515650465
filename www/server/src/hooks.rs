//! Test hooks (only with --test-hooks): count what reached the server,
//! and make the keep-alive, the status endpoint or the .wasm misbehave on
//! request.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Mutex;
use tokio::sync::watch;

/// How the keep-alive endpoint should answer.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Fault {
    /// Normally.
    #[default]
    None,
    /// 500 Internal Server Error.
    Error500,
    /// 502 Bad Gateway.
    Error502,
    /// Wait 30 s before answering.
    Hang,
    /// 302 to the login page (an HTML answer where JSON was expected).
    LoginRedirect,
    /// 302 to a sign-in on another origin that allows no CORS, as a
    /// single sign-on provider's is (`localhost` for `127.0.0.1`).
    ProviderRedirect,
    /// 200 with a Session-Expires-In that is not a number.
    GarbageHeader,
    /// 401, as if the session were gone.
    Unauthorized,
    /// 403, as a CSRF check refuses a request.
    Forbidden,
}

impl Fault {
    /// Parses the name the tests send.
    pub fn parse(name: &str) -> Option<Fault> {
        Some(match name.trim() {
            "none" => Fault::None,
            "500" => Fault::Error500,
            "502" => Fault::Error502,
            "hang" => Fault::Hang,
            "login-redirect" => Fault::LoginRedirect,
            "provider-redirect" => Fault::ProviderRedirect,
            "garbage-header" => Fault::GarbageHeader,
            "401" => Fault::Unauthorized,
            "403" => Fault::Forbidden,
            _ => return None,
        })
    }
}

/// How many times the tests released held answers.
pub struct Released(watch::Sender<u64>);

impl Default for Released {
    fn default() -> Self {
        Released(watch::Sender::new(0))
    }
}

/// Counters and the current fault.
#[derive(Default)]
pub struct Hooks {
    /// Keep-alive requests received.
    pub keep_alive: AtomicU64,
    /// Status requests received.
    pub status: AtomicU64,
    /// Data requests received.
    pub data: AtomicU64,
    /// `.wasm` requests received (a page asks for it once answered).
    pub wasm: AtomicU64,
    /// Status answers alternate a 500 and a 200 whose time left is not a number.
    pub status_flaky: AtomicBool,
    /// Milliseconds each status answer is held after it is worked out (a
    /// slow network): a request can overtake one.
    pub status_hold_ms: AtomicU64,
    /// Milliseconds every `.wasm` waits before it is served.
    pub wasm_delay_ms: AtomicU64,
    /// Held answers (see [`Hooks::hold`]) leave at once when this moves.
    pub released: Released,
    /// The X-CSRF-Token each keep-alive carried, in order ("" for none).
    csrf_tokens: Mutex<Vec<String>>,
    fault: Mutex<Fault>,
}

impl Hooks {
    /// The fault to apply now.
    pub fn fault(&self) -> Fault {
        self.fault.lock().map(|f| *f).unwrap_or_default()
    }

    /// Sets the fault for the following keep-alives.
    pub fn set_fault(&self, fault: Fault) {
        if let Ok(mut f) = self.fault.lock() {
            *f = fault;
        }
    }

    /// Notes the CSRF token a keep-alive carried.
    pub fn note_csrf_token(&self, token: Option<&str>) {
        if let Ok(mut t) = self.csrf_tokens.lock() {
            t.push(token.unwrap_or_default().to_string());
        }
    }

    /// A held answer's ticket: taken when its request arrives, so a
    /// release that comes before the hold starts still lets it go.
    pub fn ticket(&self) -> watch::Receiver<u64> {
        self.released.0.subscribe()
    }

    /// Holds an answer `ms`, or until the tests release held answers.
    pub async fn hold(&self, mut ticket: watch::Receiver<u64>, ms: u64) {
        let _ = tokio::time::timeout(std::time::Duration::from_millis(ms), ticket.changed()).await;
    }

    /// Lets every held answer go now.
    pub fn release(&self) {
        self.released.0.send_modify(|n| *n += 1);
    }

    /// The counters as JSON.
    pub fn counts_json(&self) -> String {
        // Tokens are URL-safe; anything else is shown as "?" (test output only).
        let tokens = self.csrf_tokens.lock().map(|t| t.clone()).unwrap_or_default();
        let tokens: Vec<String> = tokens
            .iter()
            .map(|t| format!("\"{}\"", t.chars().map(|c| if c.is_ascii_alphanumeric() || "-_.~+/=".contains(c) { c } else { '?' }).collect::<String>()))
            .collect();
        format!(
            r#"{{"keepAlive":{},"status":{},"data":{},"wasm":{},"csrfTokens":[{}]}}"#,
            self.keep_alive.load(Ordering::SeqCst),
            self.status.load(Ordering::SeqCst),
            self.data.load(Ordering::SeqCst),
            self.wasm.load(Ordering::SeqCst),
            tokens.join(",")
        )
    }
}
