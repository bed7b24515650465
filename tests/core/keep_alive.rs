//! Activity and keep-alives: a request moves the deadline, Stay signed in
//! sends one keep-alive at a time, and the person's own activity keeps
//! alive at most once per throttle window.

use crate::at;
use crate::support::sim::Sim;
use session_timeout::core::{Change, ClockSettings, Effect, Failure, Input, State};

// ---- activity and keep-alive ----

#[test]
fn activity_moves_the_deadline() {
    let mut sim = Sim::start(1800, 120, 10);
    sim.now = at(100.0);
    let fx = sim.feed(Input::Activity(None));
    assert_eq!(fx, vec![Effect::DeadlineMoved { deadline: at(1900.0), change: Change::Activity }]);
    assert_eq!(sim.wake_at, Some(at(1780.0)));
}

#[test]
fn activity_during_the_warning_closes_it() {
    let mut sim = Sim::start(1800, 120, 10);
    sim.sleep_until(at(1700.0));
    let fx = sim.feed(Input::Activity(None));
    assert_eq!(fx, vec![Effect::DeadlineMoved { deadline: at(3500.0), change: Change::Activity }, Effect::CloseDialog]);
    assert_eq!(sim.clock.state(), State::Active);
}

#[test]
fn stay_sends_one_keep_alive_and_never_two_in_flight() {
    let mut sim = Sim::start(1800, 120, 10);
    sim.sleep_until(at(1700.0));
    assert_eq!(sim.feed(Input::StayRequested), vec![Effect::SendKeepAlive]);
    assert!(sim.feed(Input::StayRequested).is_empty());
    assert!(sim.clock.keep_alive_in_flight());
}

#[test]
fn keep_alive_success_moves_the_deadline_and_closes_the_warning() {
    let mut sim = Sim::start(1800, 120, 10);
    sim.sleep_until(at(1700.0));
    let _ = sim.feed(Input::StayRequested);
    sim.run_until(at(1701.0));
    let fx = sim.feed(Input::KeepAliveSucceeded(None));
    assert_eq!(fx, vec![Effect::DeadlineMoved { deadline: at(3501.0), change: Change::Extended }, Effect::CloseDialog]);
    assert!(!sim.clock.keep_alive_in_flight());
}

#[test]
fn keep_alive_success_uses_the_servers_time_left() {
    let mut sim = Sim::start(1800, 120, 10);
    sim.sleep_until(at(1700.0));
    let _ = sim.feed(Input::StayRequested);
    let fx = sim.feed(Input::KeepAliveSucceeded(Some(900_000)));
    assert_eq!(
        fx,
        vec![Effect::DeadlineMoved { deadline: at(2600.0), change: Change::Extended }, Effect::SessionLength { ms: 900_000 }, Effect::CloseDialog],
        "15 minutes, not the 30 the page was told: the notice should say so"
    );
}

#[test]
fn the_session_length_is_news_only_when_it_differs_by_a_minute() {
    let mut sim = Sim::start(1800, 120, 10);
    sim.now = at(10.0);
    assert!(!sim.feed(Input::Activity(Some(1_795_000))).iter().any(|e| matches!(e, Effect::SessionLength { .. })), "rounding, not news");
    sim.now = at(20.0);
    assert!(sim.feed(Input::Activity(Some(3_600_000))).contains(&Effect::SessionLength { ms: 3_600_000 }));
    sim.now = at(30.0);
    assert!(!sim.feed(Input::Activity(Some(3_590_000))).iter().any(|e| matches!(e, Effect::SessionLength { .. })), "already known");
    assert!(!sim.feed(Input::ServerRemaining(60_000)).iter().any(|e| matches!(e, Effect::SessionLength { .. })), "a status check is time left, not a length");
}

#[test]
fn failed_keep_alive_says_so_and_signs_nobody_out_early() {
    let mut sim = Sim::start(1800, 120, 10);
    sim.sleep_until(at(1700.0));
    let _ = sim.feed(Input::StayRequested);
    assert_eq!(sim.feed(Input::KeepAliveFailed(Failure::Unreachable)), vec![Effect::KeepAliveFailed(Failure::Unreachable)]);
    assert_eq!(sim.clock.state(), State::Warning);
    assert_eq!(sim.clock.deadline(), at(1800.0));
    assert_eq!(sim.feed(Input::StayRequested), vec![Effect::SendKeepAlive], "the button retries");
    sim.run_until(at(1799.999));
    assert_eq!(sim.clock.state(), State::Warning, "still warning until the real deadline");
}

// ---- keep-alive on user activity ----

fn with_throttle(throttle_s: u64) -> Sim {
    let settings = ClockSettings::new(1_800_000, 120_000, 10_000).unwrap().with_keep_alive_on_activity(throttle_s * 1000);
    Sim::with(settings)
}

#[test]
fn user_activity_keeps_alive_at_most_once_per_throttle_window() {
    let mut sim = with_throttle(60);
    let mut sent = Vec::new();
    for s in (0..600).step_by(5) {
        sim.now = at(s as f64);
        if sim.feed(Input::UserActive).contains(&Effect::SendKeepAlive) {
            sent.push(s);
            let _ = sim.feed(Input::KeepAliveSucceeded(None));
        }
    }
    assert_eq!(sent, [60, 120, 180, 240, 300, 360, 420, 480, 540]);
}

#[test]
fn user_activity_never_cancels_the_warning() {
    let mut sim = with_throttle(60);
    sim.sleep_until(at(1700.0));
    assert!(sim.feed(Input::UserActive).is_empty());
    assert_eq!(sim.clock.state(), State::Warning);
}

#[test]
fn user_activity_is_ignored_without_the_option() {
    let mut sim = Sim::start(1800, 120, 10);
    sim.now = at(1000.0);
    assert!(sim.feed(Input::UserActive).is_empty());
}

#[test]
fn recent_request_activity_makes_a_user_keep_alive_unneeded() {
    let mut sim = with_throttle(60);
    sim.now = at(100.0);
    let _ = sim.feed(Input::Activity(None));
    sim.now = at(130.0);
    assert!(sim.feed(Input::UserActive).is_empty(), "the server saw the user 30 s ago");
}
