//! Everything that can happen to a session, as the clock sees it.

use super::Message;

/// One thing that happened, at the `now` passed along with it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Input {
    /// Start the clock: the page has just been served, so the server saw
    /// the user now.
    Start,
    /// A request reached the server now and restarted its inactivity
    /// clock; the server's word on milliseconds left, when it gave one.
    Activity(Option<u64>),
    /// The person used keyboard, pointer, touch or scroll (only matters
    /// with keep-alive on activity).
    UserActive,
    /// The page came back: visible again, focused, or restored from the
    /// back/forward cache. A wake that may also ask the server.
    PageShown,
    /// The server said how many milliseconds its session has left. It is
    /// trusted over our own guess, in both directions.
    ServerRemaining(u64),
    /// Another tab said something. Its news is taken when it is newer
    /// than ours (see [`Message`]).
    Peer(Message),
    /// This tab became (true) or stopped being (false) the one that talks
    /// to the server for all tabs. A lone tab leads.
    Leader(bool),
    /// The user (or the page's code) asked to stay signed in.
    StayRequested,
    /// The keep-alive answered 2xx, optionally with the server's time left.
    KeepAliveSucceeded(Option<u64>),
    /// The keep-alive failed for a reason that says nothing about the
    /// session (network error, time-out, 5xx). Nobody is signed out for it.
    KeepAliveFailed,
    /// The server answered 401/440 (or the keep-alive 401/403): the
    /// session is already gone.
    Unauthorized,
    /// The user chose to sign out.
    SignOut,
    /// The user chose "Sign in again" on the expired dialog: leave now
    /// rather than wait for the forced redirect.
    RedirectNow,
    /// Nothing happened but time: a timer fired, the tab became visible,
    /// the laptop woke. Spurious wakes are harmless.
    Wake,
    /// Stop for good (destroy).
    Stop,
}

/// Why the session ended; chooses where the page goes next.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reason {
    /// Our clock (or the server's) ran out.
    Expired,
    /// The server said the session was already gone.
    Unauthorized,
    /// The user signed out.
    SignedOut,
}

impl Reason {
    /// The name JavaScript sees (`redirectUrl(reason)`, event details).
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::Expired => "expired",
            Reason::Unauthorized => "unauthorized",
            Reason::SignedOut => "signed-out",
        }
    }
}
