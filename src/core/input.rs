//! Everything that can happen to a session, as the clock sees it.

use super::{EpochMs, Message};

/// One thing that happened, at the `now` passed along with it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Input {
    /// Start the clock. The server last saw the user at `served_at`: when
    /// it answered the page (or the latest request since), which is earlier
    /// than the library's start by the page's load time.
    Start {
        /// Wall time of that response, epoch ms.
        served_at: EpochMs,
        /// The browser showed the page from its own cache (Back, a
        /// restored tab): the server never saw this visit.
        from_cache: bool,
        /// The page's own answer, given at this wall time, put the hard
        /// end this many ms away (a `Server-Timing` metric named like
        /// `absoluteHeader`): no agreement of clocks needed, so it wins
        /// over an `absoluteExpiresAt` read against this device's clock.
        page_hard_end: Option<(EpochMs, u64)>,
    },
    /// A request reached the server now and restarted its inactivity
    /// clock; the server's word on milliseconds left, when it gave one.
    Activity(Option<u64>),
    /// The person used pointer, touch or scroll (only matters with
    /// keep-alive on activity).
    UserActive,
    /// The person pressed a key outside the dialog: activity, and a
    /// warning due now waits for a pause in their typing.
    Typing,
    /// The page came back: visible again, focused, or restored from the
    /// back/forward cache. A wake that may also ask the server.
    PageShown,
    /// The server said how many milliseconds its session has left. It is
    /// trusted over our own guess, in both directions.
    ServerRemaining(u64),
    /// The status check gave no usable answer (no answer, a 5xx, a time
    /// left that is not a number): the local clock stands.
    StatusUnknown,
    /// Another tab said something. Its news is taken when it is newer
    /// than ours (see [`Message`]).
    Peer(Message),
    /// This tab became (true) or stopped being (false) the one that talks
    /// to the server for all tabs. A lone tab leads.
    Leader(bool),
    /// The session cannot last past this wall time, whatever the activity
    /// (`absoluteExpiresAt`, or `absoluteHeader` on an answer).
    HardEnd(EpochMs),
    /// The server said the hard end is this many milliseconds away.
    HardEndIn(u64),
    /// The person closed the final warning to go back to their work.
    Dismiss,
    /// The user (or the page's code) asked to stay signed in.
    StayRequested,
    /// The keep-alive answered 2xx, optionally with the server's time left.
    KeepAliveSucceeded(Option<u64>),
    /// The keep-alive did not extend the session, for a reason that does
    /// not prove it gone. Nobody is signed out for it.
    KeepAliveFailed(Failure),
    /// The server answered 401/440 (`unauthorizedStatuses`), or a request
    /// was redirected to the sign-in page: the session is gone, as of the
    /// request's sending (wall ms). News of a live session heard since (a
    /// new sign-in in another tab while a long poll waited) wins over it.
    Unauthorized(EpochMs),
    /// A page's request was refused (400, 403, 419) without the time left,
    /// or failed with no answer (an SSO proxy's redirect the browser blocked):
    /// the session may be gone (Django REST framework answers a call
    /// without one 403; Flask-WTF 400 and Laravel 419 a POST whose CSRF
    /// token died with it), or the person lacks a permission or sent a
    /// bad request. Not activity; with a status endpoint, the clock asks it.
    Refused,
    /// The keep-alive was answered so: the session is gone, as of when it
    /// was sent. News of a live session heard since wins over it.
    KeepAliveUnauthorized,
    /// The status endpoint said the session is gone, as of the question:
    /// news of a live session heard since (a page another tab loaded
    /// after a new sign-in) wins over it.
    StatusUnauthorized,
    /// The user chose to sign out.
    SignOut,
    /// The server answered the sign-out this tab sent (whatever it said).
    SignOutAnswered,
    /// The page's own sign-out was sent (its form to `signOutUrl`): the
    /// page leaves by itself, and every other tab follows.
    PageSignedOut,
    /// The user chose "Sign in again" on the expired dialog: leave now
    /// rather than wait for the forced redirect, or again when the page
    /// is still here after it (a "Leave site?" prompt cancelled).
    RedirectNow,
    /// A listener cancelled the `redirect` event: the page routes itself
    /// (a single-page app's own sign-in view).
    PageRoutes,
    /// The page may be left now (`beforeunload`): a navigation starts, or
    /// was asked for and may yet be cancelled. If it is still here
    /// `REJOIN_MS` later, it was not left.
    PageLeaving,
    /// The page is replaced for good (pagehide, not into the cache): the
    /// navigation's answer has come.
    PageGone,
    /// The page went into the back/forward cache (pagehide, persisted):
    /// the person left it, and Back may show it again as it was. Until the
    /// next input but a bare `Wake` (which it ignores), which means it is back.
    PageFrozen,
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

/// Why a keep-alive did not extend the session.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Failure {
    /// No answer from the server: network error, time-out, 5xx, or a
    /// redirect somewhere other than the sign-in page.
    Unreachable,
    /// The server refused it (a 4xx): usually a missing or expired CSRF
    /// token, not a dead session. With a status endpoint, the clock asks
    /// it to confirm.
    Refused,
}
