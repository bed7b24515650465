//! What the clock learns from the server and asks of it: answers taken
//! over its own guess, keep-alives and status questions (one at a time,
//! at least 2 s apart).

use crate::prelude::*;
use super::{Away, SessionClock, State};
use crate::core::{Change, Effect, EpochMs, Message, Reason};

impl SessionClock {
    /// Takes a deadline the server (or another tab) vouches for. It beats
    /// our guess either way, and revives an expired session it says is alive.
    /// Returns whether the deadline was taken.
    pub(super) fn adopt(&mut self, deadline: EpochMs, now: EpochMs, fx: &mut Vec<Effect>) -> bool {
        let deadline = self.cap(deadline);
        let revived = match self.state {
            State::Active | State::Warning => false,
            State::Expired if deadline > now => {
                self.state = State::Active;
                fx.push(Effect::CloseDialog);
                true
            }
            _ => return false,
        };
        if deadline != self.deadline {
            let change = if deadline > self.deadline || revived { Change::Extended } else { Change::Shortened };
            self.deadline = deadline;
            fx.push(Effect::DeadlineMoved { deadline, change });
        }
        true
    }

    /// The person made a visit the server never saw (a page from the
    /// browser's HTTP or back/forward cache): tell it, and let its answer
    /// set the clock (or end a session already gone). The clock's guess
    /// meanwhile is no news for the other tabs; their answers to Hello win.
    pub(super) fn unseen_visit(&mut self, now: EpochMs, fx: &mut Vec<Effect>) {
        if self.can_extend() && self.keep_alive_sent.is_none() {
            self.send_keep_alive(now, fx);
        }
    }

    /// The page is back from the back/forward cache: a visit the server
    /// never saw, to a page that heard nothing from the other tabs
    /// meanwhile, so its deadline is only a guess.
    pub(super) fn restore(&mut self, now: EpochMs, fx: &mut Vec<Effect>) {
        self.away = Away::Here;
        // Leads again when the election (or being alone) says so.
        fx.push(Effect::JoinTabs);
        if self.is_live() {
            self.deadline = self.cap(now.saturating_add(self.settings.session_ms()));
            fx.push(Effect::DeadlineMoved { deadline: self.deadline, change: Change::Start });
            self.unseen_visit(now, fx);
        }
        fx.push(Effect::Broadcast(Message::Hello));
    }

    /// Our deadline is fresh news as of `at`: tell the other tabs.
    pub(super) fn learnt(&mut self, at: EpochMs, fx: &mut Vec<Effect>) {
        self.known_at = at;
        fx.push(Effect::Broadcast(Message::Deadline { deadline: self.deadline, at, hard_end: self.hard_end }));
    }

    /// Sends a keep-alive; its answer is news as of now.
    pub(super) fn send_keep_alive(&mut self, now: EpochMs, fx: &mut Vec<Effect>) {
        self.keep_alive_sent = Some(now);
        self.status_wanted = false;
        fx.push(Effect::SendKeepAlive);
    }

    /// A refusal (403, 4xx) may mean the session is gone, or only a
    /// missing CSRF token or permission: the status endpoint can tell,
    /// unless a keep-alive on its way will.
    /// Within the gap between questions it asks when the gap ends; a
    /// question on its way answers it already.
    pub(super) fn confirm_with_status(&mut self, now: EpochMs, fx: &mut Vec<Effect>) {
        if self.is_live() && self.settings.status_checks() && self.keep_alive_sent.is_none() {
            if now >= self.next_status_allowed() {
                self.ask_status(now, fx);
            } else if self.status_asked.is_none() {
                self.status_wanted = true;
            }
        }
    }

    /// Asks the status when the page has been out of touch (hidden, or
    /// off the tabs' channel) long enough for its deadline to be stale.
    pub(super) fn ask_status_after_away(&mut self, now: EpochMs, fx: &mut Vec<Effect>) {
        let away = now.saturating_sub(self.last_status_at);
        // A keep-alive on its way answers the same question and more (a
        // page back from the back/forward cache sends one).
        if self.settings.status_checks()
            && self.keep_alive_sent.is_none()
            && away >= crate::core::settings::STATUS_AWAY_MS
            && matches!(self.state, State::Active | State::Warning | State::Expired)
        {
            self.ask_status(now, fx);
        }
    }

    /// Asks the status, unless a question is on its way: its answer will
    /// do, and an answer is then news as of the question it answers.
    pub(super) fn ask_status(&mut self, now: EpochMs, fx: &mut Vec<Effect>) {
        self.last_status_at = now;
        self.status_wanted = false;
        if self.status_asked.is_none() {
            self.status_asked = Some(now);
            fx.push(Effect::CheckStatus);
        }
    }

    /// A status answer came at `now`; returns when it was asked.
    pub(super) fn answered(&mut self, now: EpochMs) -> EpochMs {
        let asked = self.status_asked.take().unwrap_or(self.last_status_at);
        self.last_status_at = now;
        // The server's word, newer than any refusal waiting to be confirmed.
        self.status_wanted = false;
        asked
    }

    /// The server said the session is gone, as of `at`: unless we have
    /// heard since of a live session, expire and tell the tabs.
    pub(super) fn gone(&mut self, at: EpochMs, now: EpochMs, fx: &mut Vec<Effect>) {
        if self.is_live() && self.known_at <= at {
            self.expire(now, now, Reason::Unauthorized, fx);
            self.known_at = at;
            fx.push(Effect::Broadcast(Message::Ended { reason: Reason::Unauthorized, at }));
        }
    }

    /// A fresh answer's time left is the session's whole length: say so
    /// when it is a minute or more from what we knew (the header is
    /// rounded down and counted from the answer: seconds are not news).
    pub(super) fn heard_length(&mut self, remaining: Option<u64>, fx: &mut Vec<Effect>) {
        if let Some(ms) = remaining.filter(|ms| ms.abs_diff(self.length_ms) >= 60_000) {
            self.length_ms = ms;
            fx.push(Effect::SessionLength { ms });
        }
    }
}
