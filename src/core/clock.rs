//! The session clock: one deadline, and the state that follows from it.

use crate::prelude::*;
use super::countdown::{next_second_boundary, whole_seconds_left};
use super::{Change, ClockSettings, Effect, EpochMs, Failure, Input, Message, Output, Reason};

/// Where the session stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum State {
    /// Signed in, more than the warning time left.
    Active,
    /// The warning is showing; the session ends at the deadline.
    Warning,
    /// The session has ended; the page leaves at the redirect time.
    Expired,
    /// The page is leaving; nothing more will happen.
    Redirecting,
    /// Not running (not started yet, or stopped).
    Stopped,
}

impl State {
    /// The name JavaScript sees (`timeout.state`).
    pub fn as_str(self) -> &'static str {
        match self {
            State::Active => "active",
            State::Warning => "warning",
            State::Expired => "expired",
            State::Redirecting => "redirecting",
            State::Stopped => "stopped",
        }
    }
}

/// The page's own clock of the server session.
///
/// Stores deadlines, never counts ticks: every input re-derives the state
/// from `now`, so a late timer, a throttled tab or a sleeping laptop can
/// only make it late, never wrong.
#[derive(Clone, Debug)]
pub struct SessionClock {
    settings: ClockSettings,
    state: State,
    deadline: EpochMs,
    redirect_at: EpochMs,
    reason: Reason,
    shown_seconds: u64,
    /// When the keep-alive on its way was sent (with the cookie of then).
    keep_alive_sent: Option<EpochMs>,
    /// The deadline the pre-warning status check was made for.
    status_checked_for: Option<EpochMs>,
    last_status_at: EpochMs,
    /// When the status question on its way was asked: one at a time, and
    /// its answer is news as of then.
    status_asked: Option<EpochMs>,
    /// A refusal came too soon after the last question to ask again: the
    /// clock asks once the gap allows (refusals may be the session gone).
    status_wanted: bool,
    /// When what we know of the deadline was learnt; older news from
    /// other tabs loses to it.
    known_at: EpochMs,
    leader: bool,
    /// When user activity was last passed on to the leader.
    forwarded_activity_at: Option<EpochMs>,
    /// The session's length as last heard (the option, or the server's word).
    length_ms: u64,
    /// The session's maximum lifetime, which nothing extends.
    hard_end: Option<EpochMs>,
    /// The warning on screen is the final one (the deadline is the hard end).
    shown_final: bool,
    /// Whether the page is being left, and so out of the tabs' talk.
    away: Away,
}

/// Where the page is, as the person leaves it: it stays out of the other
/// tabs' talk, which would keep it from the back/forward cache.
#[derive(Clone, Copy, Debug)]
enum Away {
    /// Shown, or hidden: among the tabs.
    Here,
    /// May be left since then (`beforeunload`); its clock runs on.
    Leaving(EpochMs),
    /// Put away in the back/forward cache (`pagehide`): no time passes for it.
    Frozen,
}

impl SessionClock {
    /// A stopped clock; feed it [`Input::Start`].
    pub fn new(settings: ClockSettings) -> Self {
        SessionClock {
            settings,
            state: State::Stopped,
            deadline: 0,
            redirect_at: 0,
            reason: Reason::Expired,
            shown_seconds: 0,
            keep_alive_sent: None,
            status_checked_for: None,
            last_status_at: 0,
            status_asked: None,
            status_wanted: false,
            known_at: 0,
            leader: true,
            forwarded_activity_at: None,
            length_ms: settings.session_ms(),
            hard_end: None,
            shown_final: false,
            away: Away::Here,
        }
    }

    /// The session's hard end, if it has one.
    pub fn hard_end(&self) -> Option<EpochMs> {
        self.hard_end
    }

    /// Whether the session ends at its hard end: no keep-alive can move it.
    /// Within a second counts (servers speak in whole seconds, rounded down).
    pub fn is_final(&self) -> bool {
        self.hard_end.is_some_and(|end| self.deadline.saturating_add(1000) > end)
    }

    /// Whether a keep-alive could extend the session now.
    pub fn can_extend(&self) -> bool {
        self.is_live() && !self.is_final()
    }

    /// `deadline`, but never past the hard end.
    fn cap(&self, deadline: EpochMs) -> EpochMs {
        self.hard_end.map_or(deadline, |end| deadline.min(end))
    }

    /// Where the session stands (as of the last input).
    pub fn state(&self) -> State {
        self.state
    }

    /// Where the session stands at `now`, changing nothing: what the next
    /// input would find (a timer may be late). For getters, which must
    /// never run effects.
    pub fn state_at(&self, now: EpochMs) -> State {
        match self.state {
            State::Active | State::Warning if now >= self.deadline => {
                if now >= self.deadline.saturating_add(self.settings.redirect_ms()) {
                    State::Redirecting
                } else {
                    State::Expired
                }
            }
            State::Active if now >= self.warn_from() => State::Warning,
            State::Expired if now >= self.redirect_at => State::Redirecting,
            state => state,
        }
    }

    /// When the session ends, by our best knowledge.
    pub fn deadline(&self) -> EpochMs {
        self.deadline
    }

    /// Why the session ended, once it has.
    pub fn reason(&self) -> Option<Reason> {
        matches!(self.state, State::Expired | State::Redirecting).then_some(self.reason)
    }

    /// The durations this clock runs on.
    pub fn settings(&self) -> &ClockSettings {
        &self.settings
    }

    /// Whole seconds of session left at `now`, rounded up; 0 once ended.
    pub fn seconds_left(&self, now: EpochMs) -> u64 {
        if self.is_live() {
            whole_seconds_left(now, self.deadline)
        } else {
            0
        }
    }

    /// Whole seconds until the forced redirect, while expired.
    pub fn redirect_seconds_left(&self, now: EpochMs) -> Option<u64> {
        (self.state == State::Expired).then(|| whole_seconds_left(now, self.redirect_at))
    }

    /// Whether this tab talks to the server for all tabs.
    pub fn is_leader(&self) -> bool {
        self.leader
    }

    /// Whether a keep-alive is on its way (never two at once).
    pub fn keep_alive_in_flight(&self) -> bool {
        self.keep_alive_sent.is_some()
    }

    /// Applies one input at `now` and returns everything it caused.
    pub fn handle(&mut self, now: EpochMs, input: Input) -> Output {
        let mut effects = Vec::new();
        match (self.away, input) {
            // Time alone means nothing while put away: the page hides
            // (visibilitychange) after it is frozen (pagehide).
            (Away::Frozen, Input::Wake) => return Output { effects, wake_at: None },
            (Away::Frozen, Input::PageFrozen | Input::PageLeaving | Input::Stop) => {}
            // Back (pageshow), or an answer heard first: before its stale
            // deadline can expire anything.
            (Away::Frozen, _) => self.restore(now, &mut effects),
            (Away::Leaving(at), _) if now >= at.saturating_add(super::settings::REJOIN_MS) => {
                // Still here: the person did not leave after all. What
                // the tabs said meanwhile went unheard, and a tab that
                // signed out has gone, so none answers Hello with it.
                self.away = Away::Here;
                effects.push(Effect::JoinTabs);
                effects.push(Effect::Broadcast(Message::Hello));
                self.ask_status_after_away(now, &mut effects);
            }
            _ => {}
        }
        // Catch up with the time first, so the input meets the state that
        // holds now, not the one a late timer left behind.
        self.settle(now, &mut effects);
        self.apply(now, input, &mut effects);
        self.settle(now, &mut effects);
        Output { effects, wake_at: self.next_wake(now) }
    }

    fn is_live(&self) -> bool {
        matches!(self.state, State::Active | State::Warning)
    }

    fn apply(&mut self, now: EpochMs, input: Input, fx: &mut Vec<Effect>) {
        match input {
            Input::Start { served_at, from_cache } => {
                self.state = State::Active;
                self.keep_alive_sent = None;
                self.status_wanted = false;
                self.last_status_at = now;
                // The server's clock started when it answered, not when we
                // loaded. Evidence older than the quiet time before the
                // warning is not trusted to sign anyone out unseen: at worst
                // the clock starts at the warning, so the person can act.
                let quiet = self.settings.session_ms() - self.settings.warn_ms();
                let seen = served_at.min(now).max(now.saturating_sub(quiet));
                self.deadline = self.cap(seen.saturating_add(self.settings.session_ms()));
                fx.push(Effect::DeadlineMoved { deadline: self.deadline, change: Change::Start });
                if !from_cache {
                    // News as of when the server answered: a request
                    // another tab saw answered since (while this page
                    // loaded) wins the merge.
                    self.learnt(seen, fx);
                } else {
                    self.unseen_visit(now, fx);
                }
                fx.push(Effect::Broadcast(Message::Hello));
            }
            Input::Activity(remaining) => {
                // Reported even when the deadline lands on the same
                // millisecond: the page wants to hear of every activity.
                if self.is_live() {
                    self.deadline = self.cap(now.saturating_add(remaining.unwrap_or(self.settings.session_ms())));
                    fx.push(Effect::DeadlineMoved { deadline: self.deadline, change: Change::Activity });
                    self.learnt(now, fx);
                    self.heard_length(remaining, fx);
                }
            }
            Input::UserActive => self.user_active(now, self.settings.activity_throttle_ms(), fx),
            Input::Leader(leader) => self.leader = leader,
            Input::Peer(message) => self.hear(message, now, fx),
            Input::PageShown => self.ask_status_after_away(now, fx),
            Input::ServerRemaining(ms) => {
                let asked_at = self.answered(now);
                let deadline = now.saturating_add(ms);
                // Whole seconds cannot say more than a second's worth: a
                // smaller difference is rounding, not news.
                let news = !self.is_live() || deadline.abs_diff(self.deadline) >= 1000;
                // A request answered since we asked may have reached the
                // server after our question did: the status cannot extend,
                // so its shorter time left is then out of date.
                let stale = self.known_at > asked_at && deadline < self.deadline;
                if news && !stale && self.adopt(deadline, now, fx) {
                    // The answer is news as of the question, so a request
                    // another tab saw answered meanwhile wins the merge.
                    self.learnt(if asked_at > self.known_at { asked_at } else { now }, fx);
                }
            }
            Input::HardEnd(end) => {
                // Whole seconds from a header: a smaller difference is rounding.
                if self.hard_end.map_or(true, |known| known.abs_diff(end) >= 1000) {
                    self.hard_end = Some(end);
                    // adopt() cuts the deadline to the hard end; tell the tabs.
                    if self.is_live() && self.adopt(self.deadline, now, fx) {
                        self.learnt(now, fx);
                    }
                }
            }
            Input::HardEndIn(ms) => self.apply(now, Input::HardEnd(now.saturating_add(ms)), fx),
            Input::Dismiss => {
                // Only the final warning closes without extending: the
                // person goes back to save their work; the title counts on.
                if self.state == State::Warning && self.shown_final {
                    fx.push(Effect::CloseDialog);
                }
            }
            Input::StayRequested => {
                if self.can_extend() && self.keep_alive_sent.is_none() {
                    self.send_keep_alive(now, fx);
                }
            }
            Input::KeepAliveSucceeded(remaining) => {
                self.keep_alive_sent = None;
                let told = remaining;
                let remaining = remaining.unwrap_or(self.settings.session_ms());
                if self.adopt(now.saturating_add(remaining), now, fx) {
                    self.learnt(now, fx);
                }
                self.heard_length(told, fx);
            }
            Input::KeepAliveFailed(failure) => {
                self.keep_alive_sent = None;
                if self.is_live() {
                    fx.push(Effect::KeepAliveFailed(failure));
                    if failure == Failure::Refused {
                        self.confirm_with_status(now, fx);
                    }
                }
            }
            // Not the server seeing the user: the clock stands.
            Input::Refused => self.confirm_with_status(now, fx),
            Input::StatusUnknown => {
                self.answered(now);
            }
            Input::KeepAliveUnauthorized => {
                // News as of its sending, so news of a live session heard
                // since (a new sign-in in another tab) wins.
                let sent = self.keep_alive_sent.take().unwrap_or(now);
                if self.known_at <= sent {
                    self.gone(sent, now, fx);
                }
            }
            Input::Unauthorized => self.gone(now, now, fx),
            Input::StatusUnauthorized => {
                // News as of the question, so news of a live session heard
                // since (a page loaded after a new sign-in) wins, here and
                // in every tab; the next status check asks again.
                let asked_at = self.answered(now);
                if self.known_at <= asked_at {
                    self.gone(asked_at, now, fx);
                }
            }
            Input::SignOut => {
                if self.sign_out(true, fx) {
                    fx.push(Effect::Broadcast(Message::Ended { reason: Reason::SignedOut, at: now }));
                }
            }
            Input::RedirectNow => {
                if self.state == State::Expired {
                    self.state = State::Redirecting;
                    fx.push(Effect::Redirect { reason: self.reason });
                }
            }
            Input::Wake => {}
            Input::PageLeaving | Input::PageFrozen => {
                // An open channel, a held lock or one asked for would keep
                // the page out of the back/forward cache (or get it thrown
                // out), and Back would load it again. Firefox decides before
                // `pagehide`, so the page leaves as soon as it may be left.
                if matches!(self.away, Away::Here) {
                    fx.push(Effect::LeaveTabs);
                    self.away = Away::Leaving(now);
                }
                self.leader = false;
                if matches!(input, Input::PageFrozen) {
                    self.away = Away::Frozen;
                }
            }
            Input::Stop => {
                self.state = State::Stopped;
                self.away = Away::Here;
                self.keep_alive_sent = None;
                self.status_asked = None;
            }
        }
    }

    /// Takes a deadline the server (or another tab) vouches for. It beats
    /// our guess either way, and revives an expired session it says is alive.
    /// Returns whether the deadline was taken.
    fn adopt(&mut self, deadline: EpochMs, now: EpochMs, fx: &mut Vec<Effect>) -> bool {
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
    fn unseen_visit(&mut self, now: EpochMs, fx: &mut Vec<Effect>) {
        if self.can_extend() && self.keep_alive_sent.is_none() {
            self.send_keep_alive(now, fx);
        }
    }

    /// The page is back from the back/forward cache: a visit the server
    /// never saw, to a page that heard nothing from the other tabs
    /// meanwhile, so its deadline is only a guess.
    fn restore(&mut self, now: EpochMs, fx: &mut Vec<Effect>) {
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
    fn learnt(&mut self, at: EpochMs, fx: &mut Vec<Effect>) {
        self.known_at = at;
        fx.push(Effect::Broadcast(Message::Deadline { deadline: self.deadline, at, hard_end: self.hard_end }));
    }

    /// Sends a keep-alive; its answer is news as of now.
    fn send_keep_alive(&mut self, now: EpochMs, fx: &mut Vec<Effect>) {
        self.keep_alive_sent = Some(now);
        self.status_wanted = false;
        fx.push(Effect::SendKeepAlive);
    }

    /// A refusal (403, 4xx) may mean the session is gone, or only a
    /// missing CSRF token or permission: the status endpoint can tell,
    /// unless a keep-alive on its way will.
    /// Within the gap between questions it asks when the gap ends; a
    /// question on its way answers it already.
    fn confirm_with_status(&mut self, now: EpochMs, fx: &mut Vec<Effect>) {
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
    fn ask_status_after_away(&mut self, now: EpochMs, fx: &mut Vec<Effect>) {
        let away = now.saturating_sub(self.last_status_at);
        // A keep-alive on its way answers the same question and more (a
        // page back from the back/forward cache sends one).
        if self.settings.status_checks()
            && self.keep_alive_sent.is_none()
            && away >= super::settings::STATUS_AWAY_MS
            && matches!(self.state, State::Active | State::Warning | State::Expired)
        {
            self.ask_status(now, fx);
        }
    }

    /// Asks the status, unless a question is on its way: its answer will
    /// do, and an answer is then news as of the question it answers.
    fn ask_status(&mut self, now: EpochMs, fx: &mut Vec<Effect>) {
        self.last_status_at = now;
        self.status_wanted = false;
        if self.status_asked.is_none() {
            self.status_asked = Some(now);
            fx.push(Effect::CheckStatus);
        }
    }

    /// A status answer came at `now`; returns when it was asked.
    fn answered(&mut self, now: EpochMs) -> EpochMs {
        let asked = self.status_asked.take().unwrap_or(self.last_status_at);
        self.last_status_at = now;
        // The server's word, newer than any refusal waiting to be confirmed.
        self.status_wanted = false;
        asked
    }

    /// The server said the session is gone, as of `at`: tell the tabs.
    fn gone(&mut self, at: EpochMs, now: EpochMs, fx: &mut Vec<Effect>) {
        if self.is_live() {
            self.expire(now, now, Reason::Unauthorized, fx);
            self.known_at = at;
            fx.push(Effect::Broadcast(Message::Ended { reason: Reason::Unauthorized, at }));
        }
    }

    /// Signs out, chosen `here` (this tab tells the server) or in another tab.
    fn sign_out(&mut self, here: bool, fx: &mut Vec<Effect>) -> bool {
        if matches!(self.state, State::Redirecting | State::Stopped) {
            return false;
        }
        self.state = State::Redirecting;
        self.reason = Reason::SignedOut;
        fx.push(if here { Effect::SignOut } else { Effect::Redirect { reason: Reason::SignedOut } });
        true
    }

    /// The person is active here, or in a tab that forwarded it with its
    /// `throttle` (None: this page does not keep alive on activity).
    fn user_active(&mut self, now: EpochMs, throttle: Option<u64>, fx: &mut Vec<Effect>) {
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

    /// A fresh answer's time left is the session's whole length: say so
    /// when it is a minute or more from what we knew (the header is
    /// rounded down and counted from the answer: seconds are not news).
    fn heard_length(&mut self, remaining: Option<u64>, fx: &mut Vec<Effect>) {
        if let Some(ms) = remaining.filter(|ms| ms.abs_diff(self.length_ms) >= 60_000) {
            self.length_ms = ms;
            fx.push(Effect::SessionLength { ms });
        }
    }

    /// The session's length as last heard: the option, or the server's word.
    pub fn session_length_ms(&self) -> u64 {
        self.length_ms
    }

    /// Merge rules for news from another tab: the newest knowledge wins,
    /// whichever way it moves the deadline; older news is ignored.
    fn hear(&mut self, message: Message, now: EpochMs, fx: &mut Vec<Effect>) {
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
                self.sign_out(false, fx);
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

    fn expire(&mut self, at: EpochMs, now: EpochMs, reason: Reason, fx: &mut Vec<Effect>) {
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

    /// Brings the state in line with `now`: the only place that moves
    /// between states because time passed.
    fn settle(&mut self, now: EpochMs, fx: &mut Vec<Effect>) {
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
                if now >= warn_from {
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

    fn tick(&mut self, seconds_left: u64, fx: &mut Vec<Effect>) {
        if seconds_left != self.shown_seconds {
            self.shown_seconds = seconds_left;
            fx.push(Effect::Tick { seconds_left });
        }
    }

    fn warn_from(&self) -> EpochMs {
        self.deadline.saturating_sub(self.settings.warn_ms())
    }

    fn status_check_at(&self) -> EpochMs {
        self.warn_from().saturating_sub(self.settings.status_lead_ms())
    }

    fn status_due(&self, now: EpochMs) -> bool {
        self.leader
            && self.settings.status_checks()
            && self.status_checked_for != Some(self.deadline)
            && now >= self.next_status_allowed()
    }

    fn next_status_allowed(&self) -> EpochMs {
        self.last_status_at.saturating_add(super::settings::STATUS_MIN_GAP_MS)
    }

    fn next_wake(&self, now: EpochMs) -> Option<EpochMs> {
        let wake = match self.state {
            State::Active => {
                let check = self.status_check_at().max(self.next_status_allowed());
                let wants_check = self.leader && self.settings.status_checks() && self.status_checked_for != Some(self.deadline);
                Some(if wants_check && check > now && check < self.warn_from() { check } else { self.warn_from() })
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
            (Some(wake), Away::Leaving(at)) => Some(wake.min(at.saturating_add(super::settings::REJOIN_MS).max(now + 1))),
            (wake, _) => wake,
        }
    }
}
