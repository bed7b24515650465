//! The first deadline: counted from when the server answered the page,
//! never from a stale or future time; a page from the cache tells the
//! server of the visit.

use crate::at;
use crate::support::sim::{Sim, T0};
use session_timeout::core::{Change, ClockSettings, Effect, Input, Message, SessionClock, State};

// ---- start and idle ----

#[test]
fn starts_active_with_deadline_one_session_away() {
    let sim = Sim::start(1800, 120, 10);
    assert_eq!(sim.clock.state(), State::Active);
    assert_eq!(sim.clock.deadline(), at(1800.0));
    assert_eq!(sim.clock.seconds_left(T0), 1800);
}

#[test]
fn idle_until_the_warning_needs_exactly_one_wake_up() {
    let sim = Sim::start(1800, 120, 10);
    assert_eq!(sim.wake_at, Some(at(1680.0)), "one timer, armed to the warning");
}

#[test]
fn spurious_wakes_before_the_warning_change_nothing() {
    let mut sim = Sim::start(1800, 120, 10);
    for s in [1.0, 500.0, 1679.999] {
        assert!(sim.sleep_until(at(s)).is_empty());
        assert_eq!(sim.clock.state(), State::Active);
    }
}

// ---- the clock counts from the server's answer, not from our start ----

#[test]
fn the_first_deadline_counts_from_the_pages_response() {
    let settings = ClockSettings::new(60_000, 20_000, 5_000).unwrap();
    let mut clock = SessionClock::new(settings);
    // Served at T0, started 1.7 s later (a slow page load).
    let out = clock.handle(T0 + 1_700, Input::Start { served_at: T0, from_cache: false, page_hard_end: None });
    assert_eq!(clock.deadline(), T0 + 60_000);
    assert_eq!(out.wake_at, Some(T0 + 40_000), "the warning is due 20 s before the server's end");
}

#[test]
fn a_start_time_from_the_future_is_taken_as_now() {
    let mut clock = SessionClock::new(ClockSettings::new(60_000, 20_000, 5_000).unwrap());
    let _ = clock.handle(T0, Input::Start { served_at: T0 + 9_000, from_cache: false, page_hard_end: None });
    assert_eq!(clock.deadline(), T0 + 60_000);
}

#[test]
fn stale_evidence_at_start_never_signs_out_unseen() {
    // The last answer we can see is from long ago (an SPA whose request
    // log was cleared): the clock starts at the warning, not at expiry.
    let mut clock = SessionClock::new(ClockSettings::new(60_000, 20_000, 5_000).unwrap());
    let out = clock.handle(T0 + 3_600_000, Input::Start { served_at: T0, from_cache: false, page_hard_end: None });
    assert_eq!(clock.state(), State::Warning);
    assert!(out.effects.contains(&Effect::ShowWarning { seconds_left: 20, last: false }));
}

// A page the browser showed from its own cache (Back, a restored tab):
// the person made a visit the server never saw.

#[test]
fn a_page_from_the_cache_tells_the_server_of_the_visit() {
    let mut clock = SessionClock::new(ClockSettings::new(60_000, 20_000, 5_000).unwrap());
    let out = clock.handle(T0, Input::Start { served_at: T0, from_cache: true, page_hard_end: None });
    assert!(out.effects.contains(&Effect::SendKeepAlive), "one keep-alive at once: {:?}", out.effects);
    // The guess is no news for the other tabs: only Hello, which they answer.
    let sent: Vec<_> = out.effects.iter().filter_map(|e| if let Effect::Broadcast(m) = e { Some(*m) } else { None }).collect();
    assert_eq!(sent, vec![Message::Hello]);
    // Never two at once: "Stay signed in" meanwhile sends nothing more.
    assert!(!clock.handle(T0 + 100, Input::StayRequested).effects.contains(&Effect::SendKeepAlive));
    // Its answer sets the clock, and that is news.
    let out = clock.handle(T0 + 300, Input::KeepAliveSucceeded(Some(45_000)));
    assert_eq!(clock.deadline(), T0 + 45_300);
    assert!(out.effects.contains(&Effect::Broadcast(Message::Deadline { deadline: T0 + 45_300, at: T0 + 300, hard_end: None })));
}

#[test]
fn a_page_from_the_cache_of_a_session_already_gone_ends_at_once() {
    let mut clock = SessionClock::new(ClockSettings::new(60_000, 20_000, 5_000).unwrap());
    let _ = clock.handle(T0, Input::Start { served_at: T0, from_cache: true, page_hard_end: None });
    let _ = clock.handle(T0 + 300, Input::Unauthorized(T0 + 200));
    assert_eq!(clock.state(), State::Expired);
}

#[test]
fn a_page_from_the_cache_takes_another_tabs_clock_over_its_guess() {
    let mut clock = SessionClock::new(ClockSettings::new(60_000, 20_000, 5_000).unwrap());
    let _ = clock.handle(T0, Input::Start { served_at: T0, from_cache: true, page_hard_end: None });
    // A tab that saw the server 50 s ago answers Hello.
    let peer = Message::Deadline { deadline: T0 + 10_000, at: T0 - 50_000, hard_end: None };
    let _ = clock.handle(T0 + 50, Input::Peer(peer));
    assert_eq!(clock.deadline(), T0 + 10_000);
    // A page the server did see keeps its own, newer, clock.
    let mut seen = SessionClock::new(ClockSettings::new(60_000, 20_000, 5_000).unwrap());
    let out = seen.handle(T0, Input::Start { served_at: T0, from_cache: false, page_hard_end: None });
    assert!(!out.effects.contains(&Effect::SendKeepAlive));
    let _ = seen.handle(T0 + 50, Input::Peer(peer));
    assert_eq!(seen.deadline(), T0 + 60_000);
}

#[test]
fn activity_counts_from_when_the_server_answered() {
    let mut sim = Sim::start(60, 20, 5);
    sim.sleep_until(at(10.0));
    // The answer came at 9.2 s; its report reached us at 10 s.
    let out = sim.clock.handle(at(9.2), Input::Activity(None));
    assert!(out.effects.contains(&Effect::DeadlineMoved { deadline: at(69.2), change: Change::Activity }));
}
