//! What time alone does: the warning, expiry and the redirect follow
//! from stored deadlines, and the clock says when to wake it next.

use crate::prelude::*;
use super::{Away, SessionClock, State};
use crate::core::countdown::{next_second_boundary, whole_seconds_left};
use crate::core::{Effect, EpochMs, Message, Reason};

impl SessionClock {
    /// Brings the state in line with `now`: the only place that moves
    /// between states because time passed.
    pub(super) fn settle(&mut self, now: EpochMs, fx: &mut Vec<Effect>) {
        if self.is_live() && now >= self.deadline {
            self.expire(self.deadline, now, Reason::Expired, fx);
        }
        match self.state {
            State::Active | State::Warning => {
                let warn_from = self.warn_from();
                if self.status_wanted && now >= self.next_status_allowed() {
                    self.confirm_with_status(now, fx);
                }
                if self.state == State::Active && now >= self.status_check_at() && self.status_due(now) {
                    // Another device or the server may have extended the
                    // session: ask before warning for nothing.
                    self.status_checked_for = Some(self.deadline);
                    self.ask_status(now, fx);
                }
                // Opened once due; on screen while due (an extension closes it).
                let due = if self.state == State::Active { self.warning_at() } else { warn_from };
                if now >= due {
                    let seconds_left = whole_seconds_left(now, self.deadline);
                    let last = self.is_final();
                    // Opens, or becomes the final warning when a keep-alive
                    // could only bring the deadline to the hard end.
                    if self.state == State::Active || last != self.shown_final {
                        self.state = State::Warning;
                        self.shown_seconds = seconds_left;
                        self.shown_final = last;
                        fx.push(Effect::ShowWarning { seconds_left, last });
                    } else {
                        self.tick(seconds_left, fx);
                    }
                } else if self.state == State::Warning {
                    self.state = State::Active;
                    fx.push(Effect::CloseDialog);
                }
            }
            State::Expired => {
                if now >= self.redirect_at {
                    self.state = State::Redirecting;
                    fx.push(Effect::Redirect { reason: self.reason });
                } else {
                    self.tick(whole_seconds_left(now, self.redirect_at), fx);
                }
            }
            State::Redirecting | State::Stopped => {}
        }
    }

    pub(super) fn expire(&mut self, at: EpochMs, now: EpochMs, reason: Reason, fx: &mut Vec<Effect>) {
        self.state = State::Expired;
        self.reason = reason;
        self.redirect_at = at.saturating_add(self.settings.redirect_ms());
        if now < self.redirect_at {
            self.shown_seconds = whole_seconds_left(now, self.redirect_at);
            fx.push(Effect::ShowExpired { reason, seconds_left: self.shown_seconds });
        }
        // Past the redirect time already (a long sleep): settle() redirects
        // straight away rather than flash a dialog nobody can read.
    }

    /// The device's clock was set back `by` ms (by hand, a network time
    /// step; the driver sees it against a clock that never jumps): every
    /// time kept moves as far, so what was due at a moment stays due then,
    /// and the tabs still agree (each reads the same device clock). Call
    /// it before the next input, which then meets the state as it stands.
    pub fn set_back(&mut self, by: u64) {
        let back = |t: EpochMs| t.saturating_sub(by);
        self.deadline = back(self.deadline);
        self.redirect_at = back(self.redirect_at);
        self.keep_alive_sent = self.keep_alive_sent.map(back);
        self.status_checked_for = self.status_checked_for.map(back);
        self.last_status_at = back(self.last_status_at);
        self.status_asked = self.status_asked.map(back);
        self.known_at = back(self.known_at);
        self.key_at = back(self.key_at);
        self.forwarded_activity_at = self.forwarded_activity_at.map(back);
        self.hard_end = self.hard_end.map(back);
        if let Away::Leaving(at) = self.away {
            self.away = Away::Leaving(back(at));
        }
        if let Some(Message::Ended { reason, at }) = self.told_when_gone {
            self.told_when_gone = Some(Message::Ended { reason, at: back(at) });
        }
    }

    pub(super) fn tick(&mut self, seconds_left: u64, fx: &mut Vec<Effect>) {
        if seconds_left != self.shown_seconds {
            self.shown_seconds = seconds_left;
            fx.push(Effect::Tick { seconds_left });
        }
    }

    pub(super) fn warn_from(&self) -> EpochMs {
        self.deadline.saturating_sub(self.settings.warn_ms())
    }

    /// When the warning opens: when due, or when the person's typing
    /// pauses, but never later than leaves them time to act.
    pub(super) fn warning_at(&self) -> EpochMs {
        use crate::core::settings::{LAST_WARNING_MS, TYPING_PAUSE_MS};
        let warn = self.settings.warn_ms();
        let latest = self.deadline.saturating_sub((warn / 2).max(warn.min(LAST_WARNING_MS)));
        self.warn_from().max(self.key_at.saturating_add(TYPING_PAUSE_MS).min(latest))
    }

    pub(super) fn status_check_at(&self) -> EpochMs {
        self.warn_from().saturating_sub(self.settings.status_lead_ms())
    }

    pub(super) fn status_due(&self, now: EpochMs) -> bool {
        self.leader
            && self.settings.status_checks()
            && self.status_checked_for != Some(self.deadline)
            && now >= self.next_status_allowed()
    }

    pub(super) fn next_status_allowed(&self) -> EpochMs {
        self.last_status_at.saturating_add(crate::core::settings::STATUS_MIN_GAP_MS)
    }

    pub(super) fn next_wake(&self, now: EpochMs) -> Option<EpochMs> {
        let wake = match self.state {
            State::Active => {
                let check = self.status_check_at().max(self.next_status_allowed());
                let wants_check = self.leader && self.settings.status_checks() && self.status_checked_for != Some(self.deadline);
                Some(if wants_check && check > now && check < self.warn_from() { check } else { self.warning_at() })
            }
            State::Warning => Some(next_second_boundary(now, self.deadline)),
            State::Expired => Some(next_second_boundary(now, self.redirect_at)),
            State::Redirecting | State::Stopped => None,
        };
        // A refusal waiting for the gap between status questions to end.
        let wake = match wake {
            Some(wake) if self.status_wanted && self.is_live() => Some(wake.min(self.next_status_allowed())),
            wake => wake,
        };
        // A page being left wakes to join the tabs again if it stays.
        match (wake, self.away) {
            (Some(wake), Away::Leaving(at)) => Some(wake.min(at.saturating_add(crate::core::settings::REJOIN_MS).max(now + 1))),
            (wake, _) => wake,
        }
    }
}
