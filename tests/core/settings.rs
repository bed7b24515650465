//! Stopping, settings, names the JS contract shows, and getters that change
//! nothing.

use crate::at;
use crate::support::sim::Sim;
use session_timeout::core::{Change, ClockSettings, Effect, Input, Reason, SessionClock, SettingsError, State};

// ---- stop and settings ----

#[test]
fn stop_silences_everything() {
    let mut sim = Sim::start(60, 10, 5);
    let _ = sim.feed(Input::Stop);
    assert_eq!(sim.wake_at, None);
    assert!(sim.sleep_until(at(100.0)).is_empty());
    assert!(sim.feed(Input::Unauthorized(at(100.0))).is_empty());
    assert_eq!(sim.clock.state(), State::Stopped);
    assert_eq!(sim.clock.seconds_left(at(100.0)), 0);
}

#[test]
fn settings_reject_a_warning_as_long_as_the_session() {
    assert_eq!(
        ClockSettings::new(60_000, 60_000, 0),
        Err(SettingsError::WarnNotShorterThanSession { warn_ms: 60_000, session_ms: 60_000 })
    );
    assert_eq!(ClockSettings::new(0, 0, 0), Err(SettingsError::SessionZero));
    let msg = ClockSettings::new(60_000, 90_000, 0).unwrap_err().to_string();
    assert!(msg.contains("90") && msg.contains("60"), "{msg}");
}

#[test]
fn huge_times_saturate_instead_of_wrapping() {
    let settings = ClockSettings::new(u64::MAX / 2, 1000, u64::MAX / 2).unwrap();
    let mut clock = SessionClock::new(settings);
    let out = clock.handle(u64::MAX - 10, Input::Start { served_at: u64::MAX - 10, from_cache: false, page_hard_end: None });
    assert_eq!(clock.deadline(), u64::MAX);
    assert!(out.wake_at.is_some_and(|w| w > u64::MAX - 10));
}

#[test]
fn state_names_match_the_js_contract() {
    let names: Vec<&str> = [State::Active, State::Warning, State::Expired, State::Redirecting, State::Stopped]
        .iter()
        .map(|s| s.as_str())
        .collect();
    assert_eq!(names, ["active", "warning", "expired", "redirecting", "stopped"]);
    assert_eq!(Reason::SignedOut.as_str(), "signed-out");
}

#[test]
fn activity_is_reported_even_when_the_deadline_does_not_move() {
    let mut sim = Sim::start(1800, 120, 10);
    assert_eq!(sim.feed(Input::Activity(None)), vec![Effect::DeadlineMoved { deadline: at(1800.0), change: Change::Activity }]);
}

#[test]
fn sign_in_again_leaves_at_once_but_only_once_expired() {
    let mut sim = Sim::start(60, 10, 30);
    assert!(sim.feed(Input::RedirectNow).is_empty(), "not while the session is alive");
    sim.sleep_until(at(61.0));
    assert_eq!(sim.feed(Input::RedirectNow), vec![Effect::Redirect { reason: Reason::Expired }]);
    assert_eq!(sim.clock.state(), State::Redirecting);
    // Still here (the page's "Leave site?" prompt was cancelled): again.
    assert_eq!(sim.feed(Input::RedirectNow), vec![Effect::Redirect { reason: Reason::Expired }]);
}

#[test]
fn a_page_that_routes_itself_gets_its_view_back_and_keeps_the_typing() {
    let mut sim = Sim::start(60, 10, 30);
    assert!(sim.feed(Input::PageRoutes).is_empty(), "only a page that was to leave");
    sim.sleep_until(at(61.0));
    assert!(sim.feed(Input::PageRoutes).is_empty(), "not while the expired dialog counts down");
    assert_eq!(sim.feed(Input::RedirectNow), vec![Effect::Redirect { reason: Reason::Expired }]);
    assert_eq!(sim.feed(Input::PageRoutes), vec![Effect::HandOver], "its `redirect` listener routes: the dialog goes");
    assert_eq!(Effect::HandOver.drafts(), None, "what was saved stays saved for the next sign-in");
    assert_eq!(sim.clock.state(), State::Redirecting, "the session is still over");
}

#[test]
fn announcements_step_by_minutes_then_by_twenty_seconds() {
    use session_timeout::core::announced_seconds;
    let steps: Vec<u64> = [300, 241, 240, 121, 61, 60, 59, 41, 40, 21, 20, 1].iter().map(|s| announced_seconds(*s)).collect();
    assert_eq!(steps, [300, 300, 240, 180, 120, 60, 60, 60, 40, 40, 20, 20]);
}

#[test]
fn announcements_change_at_most_once_a_minute_above_a_minute_and_every_20_s_below() {
    use session_timeout::core::announced_seconds;
    let mut last = None;
    let mut changes = Vec::new();
    for left in (1..=600u64).rev() {
        let a = announced_seconds(left);
        if last != Some(a) {
            changes.push(left);
            last = Some(a);
        }
    }
    for pair in changes.windows(2) {
        let gap = pair[0] - pair[1];
        if pair[1] >= 60 {
            assert_eq!(gap, 60, "{pair:?}");
        } else {
            assert_eq!(gap, 20, "{pair:?}");
        }
    }
}

// ---- reading the state changes nothing ----

#[test]
fn state_at_says_what_a_late_timer_would_find_without_doing_it() {
    let mut sim = Sim::start(60, 20, 5);
    let before = sim.clock.clone();
    assert_eq!(sim.clock.state_at(at(39.9)), State::Active);
    assert_eq!(sim.clock.state_at(at(40.0)), State::Warning);
    assert_eq!(sim.clock.state_at(at(60.0)), State::Expired);
    assert_eq!(sim.clock.state_at(at(65.0)), State::Redirecting);
    assert_eq!(sim.clock.state(), State::Active, "nothing moved");
    assert_eq!(format!("{:?}", sim.clock), format!("{before:?}"));
    // …and agrees with what the clock does when woken.
    for t in [39.9, 40.0, 59.0, 60.0, 64.9, 65.0] {
        let mut woken = before.clone();
        let _ = woken.handle(at(t), Input::Wake);
        assert_eq!(woken.state(), sim.clock.state_at(at(t)), "at {t} s");
    }
    sim.sleep_until(at(61.0));
    assert_eq!(sim.clock.state_at(at(66.0)), State::Redirecting);
}

#[test]
fn only_a_later_deadline_is_reported_as_extended() {
    let mut sim = Sim::start(1800, 120, 10);
    sim.sleep_until(at(10.0));
    let longer = sim.feed(Input::ServerRemaining(1_795_000));
    assert_eq!(longer, vec![Effect::DeadlineMoved { deadline: at(1805.0), change: Change::Extended }]);
    let shorter = sim.feed(Input::ServerRemaining(1_000_000));
    assert_eq!(shorter, vec![Effect::DeadlineMoved { deadline: at(1010.0), change: Change::Shortened }], "the server shortening it is not an extension");
    assert_eq!(sim.feed(Input::Activity(None)), vec![Effect::DeadlineMoved { deadline: at(1810.0), change: Change::Activity }]);
}

#[test]
fn drafts_are_kept_when_the_session_ends_unasked_and_dropped_when_chosen_or_revived() {
    use session_timeout::core::Drafts;
    assert_eq!(Effect::ShowExpired { reason: Reason::Expired, seconds_left: 5 }.drafts(), Some(Drafts::Save));
    assert_eq!(Effect::ShowExpired { reason: Reason::Unauthorized, seconds_left: 5 }.drafts(), Some(Drafts::Save));
    assert_eq!(Effect::Redirect { reason: Reason::Expired }.drafts(), Some(Drafts::Save));
    assert_eq!(Effect::Redirect { reason: Reason::SignedOut }.drafts(), Some(Drafts::Forget), "a chosen sign-out leaves nothing typed behind");
    assert_eq!(Effect::CloseDialog.drafts(), Some(Drafts::Withdraw), "the session lives on: this page's saved copy is stale, other pages' still wait");
    assert_eq!(Effect::ShowWarning { seconds_left: 60, last: false }.drafts(), None);
    assert_eq!(Effect::SendKeepAlive.drafts(), None);
}

#[test]
fn one_status_question_at_a_time_and_its_answer_is_dated_at_it() {
    // Asked at 20 s; the answer is slow. At 25 s the page comes back: the
    // question on its way will do, so none is sent.
    let mut sim = Sim::with_status(60, 10);
    sim.sleep_until(at(20.0));
    assert_eq!(sim.feed(Input::PageShown), vec![Effect::CheckStatus]);
    sim.now = at(26.0);
    assert!(sim.feed(Input::PageShown).is_empty(), "one question at a time");
    // Meanwhile (at 22 s) a request was answered: news newer than the
    // question, which the answer (worked out before it) cannot cut short.
    sim.now = at(22.0);
    let _ = sim.feed(Input::Activity(None));
    sim.now = at(27.0);
    let _ = sim.feed(Input::ServerRemaining(39_000));
    assert_eq!(sim.clock.deadline(), at(82.0));
    // Answered: the next return asks again.
    sim.now = at(40.0);
    assert_eq!(sim.feed(Input::PageShown), vec![Effect::CheckStatus]);
    // No usable answer also ends the question.
    sim.now = at(41.0);
    let _ = sim.feed(Input::StatusUnknown);
    sim.now = at(50.0);
    assert_eq!(sim.feed(Input::PageShown), vec![Effect::CheckStatus]);
}
