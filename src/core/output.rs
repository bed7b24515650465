//! What the clock decided, for the shell to carry out.

use crate::prelude::*;
use super::{EpochMs, Failure, Message, Reason};

/// One decision for the shell to carry out, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Effect {
    /// Open the warning with this many whole seconds left (again, as the
    /// final one, when the session reaches its hard end).
    ShowWarning {
        /// Whole seconds until expiry, rounded up.
        seconds_left: u64,
        /// The session ends at its hard end: nothing can extend it.
        last: bool,
    },
    /// The whole-second countdown changed (warning or expired dialog).
    Tick {
        /// Whole seconds until expiry (warning) or redirect (expired).
        seconds_left: u64,
    },
    /// Close whichever dialog is open: the session is alive again.
    CloseDialog,
    /// The deadline moved (activity, keep-alive, server's word).
    DeadlineMoved {
        /// The new expiry time.
        deadline: EpochMs,
        /// What moved it, which says what the page hears.
        change: Change,
    },
    /// POST the keep-alive now; the answer comes back as an input.
    SendKeepAlive,
    /// GET the status endpoint (it does not extend the session); the
    /// answer comes back as `ServerRemaining` or `Unauthorized`.
    CheckStatus,
    /// The keep-alive failed; tell the user why and let them retry.
    KeepAliveFailed(Failure),
    /// Show the expired dialog.
    ShowExpired {
        /// Why the session ended.
        reason: Reason,
        /// Whole seconds until the forced redirect.
        seconds_left: u64,
    },
    /// Tell the other tabs.
    Broadcast(Message),
    /// Leave the other tabs: close the channel and give up the election.
    LeaveTabs,
    /// Join the other tabs again: this tab leads when the election (or
    /// being alone) says so.
    JoinTabs,
    /// The server's word puts the session's length a minute or more from
    /// what the page was told: the up-front notice should say this.
    SessionLength {
        /// The length, in ms, as the server's answer counted it.
        ms: u64,
    },
    /// The person signed out here: end the session at the server
    /// (`signOutUrl`), then leave. Other tabs just leave (`Redirect`).
    SignOut,
    /// The page's own sign-out was sent, and the page leaves by itself:
    /// close any dialog; the other tabs follow (`Broadcast`).
    PageSignedOut,
    /// Leave the page now (`location.replace`).
    Redirect {
        /// Why; chooses the target URL.
        reason: Reason,
    },
    /// The page routes itself (it cancelled `redirect`): close any
    /// dialog, which would leave the page's own view inert under it;
    /// what was typed stays saved for the next sign-in.
    HandOver,
}

/// What happens to the typed input of the page's marked forms.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Drafts {
    /// Keep a copy: the session ends without the person choosing it.
    Save,
    /// Delete every copy, of every page: they chose to sign out.
    Forget,
    /// Delete the copies this page saved: the session lives again, and
    /// its form still holds what they kept. Those of other pages still
    /// wait for their forms.
    Withdraw,
}

impl Effect {
    /// The drafts rule, carried out before the effect itself.
    pub fn drafts(&self) -> Option<Drafts> {
        match self {
            Effect::ShowExpired { .. } => Some(Drafts::Save),
            Effect::SignOut | Effect::PageSignedOut | Effect::Redirect { reason: Reason::SignedOut } => Some(Drafts::Forget),
            Effect::Redirect { .. } => Some(Drafts::Save),
            Effect::CloseDialog => Some(Drafts::Withdraw),
            _ => None,
        }
    }
}

/// Everything one input caused: the effects in order, and when to wake
/// the clock next. `#[must_use]` so no caller forgets to carry them out.
#[must_use = "carry out the effects and arm a timer to `wake_at`, or the clock stands still"]
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Output {
    /// Decisions, in the order to carry them out.
    pub effects: Vec<Effect>,
    /// When to call [`Input::Wake`](super::Input::Wake) next; `None` means
    /// nothing will change on its own (stopped, redirected). Always after
    /// the `now` that produced it.
    pub wake_at: Option<EpochMs>,
}

/// Why the deadline moved, as the page hears of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Change {
    /// The clock started: no event.
    Start,
    /// A request reached the server: `activity`.
    Activity,
    /// Later than before (keep-alive, the server's word, another tab, a
    /// session revived): `extended`.
    Extended,
    /// The server (or another tab) says it ends sooner than we thought:
    /// no event; the countdown shows it.
    Shortened,
}
