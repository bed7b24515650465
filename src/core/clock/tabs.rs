//! What the other tabs say: the newest news wins, and activity goes to
//! the leader, which talks to the server for all.

use crate::prelude::*;
use super::{SessionClock, State};
use crate::core::{Effect, EpochMs, Message, Reason};

impl SessionClock {
    /// Merge rules for news from another tab: the newest knowledge wins,
    /// whichever way it moves the deadline; older news is ignored.
    pub(super) fn hear(&mut self, message: Message, now: EpochMs, fx: &mut Vec<Effect>) {
        match message {
            Message::Deadline { deadline, at, hard_end } => {
                if at > self.known_at {
                    // The hard end travels with the clock.
                    self.hard_end = hard_end.or(self.hard_end);
                    if self.adopt(deadline, now, fx) {
                        self.known_at = at;
                    }
                }
            }
            Message::Ended { reason: Reason::SignedOut, .. } => {
                // A deliberate sign-out ends every tab, whatever we knew;
                // the tab where it was chosen tells the server.
                self.sign_out(Effect::Redirect { reason: Reason::SignedOut }, fx);
            }
            Message::Ended { reason, at } => {
                if at >= self.known_at && self.is_live() {
                    self.known_at = at;
                    self.expire(now, now, reason, fx);
                }
            }
            Message::UserActive { throttle_ms, .. } => {
                if self.leader {
                    // The leader's own throttle when its page has one; else
                    // the one the active tab's page asked for.
                    let throttle = self.settings.activity_throttle_ms().unwrap_or(throttle_ms);
                    self.user_active(now, Some(throttle), fx);
                }
            }
            Message::Hello => {
                if self.is_live() {
                    fx.push(Effect::Broadcast(Message::Deadline { deadline: self.deadline, at: self.known_at, hard_end: self.hard_end }));
                }
            }
        }
    }

    /// The person is active here, or in a tab that forwarded it with its
    /// `throttle` (None: this page does not keep alive on activity).
    pub(super) fn user_active(&mut self, now: EpochMs, throttle: Option<u64>, fx: &mut Vec<Effect>) {
        let Some(throttle) = throttle else { return };
        // The last time the server saw the user, as far as we know.
        let last_seen = self.deadline.saturating_sub(self.settings.session_ms());
        // Never in the warning (only the button extends there), nor when
        // the session can no longer be extended.
        if self.state != State::Active || self.is_final() || now.saturating_sub(last_seen) < throttle {
            return;
        }
        if self.leader {
            if self.keep_alive_sent.is_none() {
                self.send_keep_alive(now, fx);
            }
        } else if self.forwarded_activity_at.map_or(true, |t| now.saturating_sub(t) >= throttle) {
            // The leader talks to the server; tell it, once per window.
            self.forwarded_activity_at = Some(now);
            fx.push(Effect::Broadcast(Message::UserActive { at: now, throttle_ms: throttle }));
        }
    }
}
