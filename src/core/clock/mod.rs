//! The session clock: one deadline, and the state that follows from it.
//! Here the state and what each input does; beside it what the clock
//! learns from and asks of the server (`server.rs`), what the other tabs
//! say and hear (`tabs.rs`), and what time alone does (`time.rs`).

use crate::prelude::*;
use super::countdown::whole_seconds_left;
use super::{Change, ClockSettings, Effect, EpochMs, Failure, Input, Message, Output, Reason};

mod server;
mod tabs;
mod time;

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
    /// When the person last pressed a key on this page.
    key_at: EpochMs,
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
    /// A sign-out is on its way to the server: what the other tabs hear
    /// once it is answered, or its answer replaces the page. Sooner, they
    /// could reach the server before it signed out, and find the session
    /// alive (a cookie-store session even comes back to life).
    told_when_gone: Option<Message>,
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
            key_at: 0,
            forwarded_activity_at: None,
            length_ms: settings.session_ms(),
            hard_end: None,
            shown_final: false,
            away: Away::Here,
            told_when_gone: None,
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
            State::Active if now >= self.warning_at() => State::Warning,
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
            Input::Start { served_at, from_cache, page_hard_end } => {
                // A page from the browser's cache repeats an old answer,
                // which would put the hard end late: not taken.
                if let (Some((at, ms)), false) = (page_hard_end, from_cache) {
                    self.hard_end = Some(at.min(now).saturating_add(ms));
                }
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
            Input::Typing => {
                self.key_at = now;
                self.user_active(now, self.settings.activity_throttle_ms(), fx);
            }
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
            // Each "gone" is news as of its request's sending (or the
            // question's), so news of a live session heard since (a new
            // sign-in in another tab, a page loaded after it) wins, here
            // and in every tab.
            Input::KeepAliveUnauthorized => {
                let sent = self.keep_alive_sent.take().unwrap_or(now);
                self.gone(sent, now, fx);
            }
            Input::Unauthorized(sent) => self.gone(sent.min(now), now, fx),
            Input::StatusUnauthorized => {
                // The next status check asks again.
                let asked_at = self.answered(now);
                self.gone(asked_at, now, fx);
            }
            Input::SignOut => {
                // The tabs hear once the server has answered (or the page
                // is gone to another origin's sign-out).
                if self.sign_out(Effect::SignOut, fx) {
                    self.told_when_gone = Some(Message::Ended { reason: Reason::SignedOut, at: now });
                }
            }
            Input::SignOutAnswered => {
                if let Some(message) = self.told_when_gone.take() {
                    fx.push(Effect::Broadcast(message));
                }
            }
            Input::PageSignedOut => {
                // No request and no redirect of ours: the page's own form
                // is on its way to the server. The tabs hear when it is gone.
                if self.sign_out(Effect::PageSignedOut, fx) {
                    self.told_when_gone = Some(Message::Ended { reason: Reason::SignedOut, at: now });
                }
            }
            Input::PageLeaving if self.told_when_gone.is_some() => {
                // Still among the tabs until the answer replaces the page.
            }
            Input::PageGone => {
                if let Some(message) = self.told_when_gone.take() {
                    fx.push(Effect::Broadcast(message));
                }
            }
            Input::RedirectNow => {
                // Redirecting and still here: the person cancelled the
                // page's own "Leave site?" prompt; the button tries again.
                if matches!(self.state, State::Expired | State::Redirecting) {
                    self.state = State::Redirecting;
                    fx.push(Effect::Redirect { reason: self.reason });
                }
            }
            Input::PageRoutes => {
                if self.state == State::Redirecting {
                    fx.push(Effect::HandOver);
                }
            }
            Input::Wake => {}
            Input::PageLeaving | Input::PageFrozen => {
                if let Some(message) = self.told_when_gone.take() {
                    fx.push(Effect::Broadcast(message));
                }
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
                self.told_when_gone = None;
                self.state = State::Stopped;
                self.away = Away::Here;
                self.keep_alive_sent = None;
                self.status_asked = None;
            }
        }
    }

    /// Signs out, then `leave`: this tab tells the server (`SignOut`),
    /// the page's own form does (`PageSignedOut`), or another tab did.
    pub(super) fn sign_out(&mut self, leave: Effect, fx: &mut Vec<Effect>) -> bool {
        if matches!(self.state, State::Redirecting | State::Stopped) {
            return false;
        }
        self.state = State::Redirecting;
        self.reason = Reason::SignedOut;
        fx.push(leave);
        true
    }

    /// The session's length as last heard: the option, or the server's word.
    pub fn session_length_ms(&self) -> u64 {
        self.length_ms
    }
}
