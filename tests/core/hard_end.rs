//! Native tests of the session's hard end (`absoluteExpiresAt`,
//! `absoluteHeader`): a maximum lifetime no activity or keep-alive moves.

use session_timeout::core::{Change, Effect, Input, Message, Reason, State};
use crate::support::sim::Sim;

use crate::at;

/// A 30-minute idle session with a 2-minute warning and a hard end at 40 min.
fn with_hard_end() -> Sim {
    let mut sim = Sim::start(1800, 120, 10);
    assert!(sim.feed(Input::HardEnd(at(2400.0))).is_empty(), "the idle deadline is sooner: nothing moves");
    sim
}

#[test]
fn an_idle_deadline_past_the_hard_end_is_cut_to_it() {
    let mut sim = Sim::start(1800, 120, 10);
    let fx = sim.feed(Input::HardEnd(at(600.0)));
    assert_eq!(fx, vec![Effect::DeadlineMoved { deadline: at(600.0), change: Change::Shortened }]);
    assert_eq!(sim.clock.deadline(), at(600.0));
    assert!(sim.clock.is_final() && !sim.clock.can_extend());
    assert_eq!(sim.wake_at, Some(at(480.0)), "the warning comes before the hard end");
}

#[test]
fn activity_and_keep_alives_never_move_the_deadline_past_the_hard_end() {
    let mut sim = with_hard_end();
    sim.now = at(1000.0);
    sim.feed(Input::Activity(None));
    assert_eq!(sim.clock.deadline(), at(2400.0), "1000 + 1800 cut to 2400");
    sim.now = at(1100.0);
    sim.feed(Input::KeepAliveSucceeded(Some(3_600_000)));
    assert_eq!(sim.clock.deadline(), at(2400.0), "the server's time left cannot pass it either");
    sim.feed(Input::ServerRemaining(5_000_000));
    assert_eq!(sim.clock.deadline(), at(2400.0));
}

#[test]
fn the_warning_before_the_hard_end_is_final_and_nothing_extends_it() {
    let mut sim = with_hard_end();
    sim.now = at(1000.0);
    sim.feed(Input::Activity(None));
    assert_eq!(sim.sleep_until(at(2280.0)), vec![Effect::ShowWarning { seconds_left: 120, last: true }]);
    assert_eq!(sim.clock.state(), State::Warning);
    assert!(!sim.clock.can_extend(), "extend() resolves false without a request");
    assert!(sim.feed(Input::StayRequested).is_empty(), "no keep-alive is sent");
    assert!(sim.feed(Input::UserActive).is_empty());
    let fx = sim.sleep_until(at(2400.0));
    assert!(fx.contains(&Effect::ShowExpired { reason: Reason::Expired, seconds_left: 10 }), "{fx:?}");
    sim.sleep_until(at(2410.0));
    assert_eq!(sim.clock.state(), State::Redirecting);
}

#[test]
fn an_ordinary_warning_becomes_the_final_one_when_stay_can_only_reach_the_hard_end() {
    let mut sim = Sim::start(1800, 120, 10);
    sim.feed(Input::HardEnd(at(1805.0)));
    assert_eq!(sim.sleep_until(at(1680.0)), vec![Effect::ShowWarning { seconds_left: 120, last: false }]);
    assert!(sim.clock.can_extend());
    assert_eq!(sim.feed(Input::StayRequested), vec![Effect::SendKeepAlive]);
    sim.now = at(1690.0);
    let fx = sim.feed(Input::KeepAliveSucceeded(None));
    assert_eq!(
        fx,
        vec![
            Effect::Tick { seconds_left: 110 },
            Effect::DeadlineMoved { deadline: at(1805.0), change: Change::Extended },
            Effect::ShowWarning { seconds_left: 115, last: true }
        ],
        "extended to the hard end, which is within the warning: the final warning replaces the ordinary one"
    );
}

#[test]
fn a_stay_that_reaches_past_the_warning_closes_it_even_with_a_hard_end() {
    let mut sim = Sim::start(1800, 120, 10);
    sim.feed(Input::HardEnd(at(1900.0)));
    sim.sleep_until(at(1680.0));
    sim.feed(Input::StayRequested);
    sim.now = at(1690.0);
    let fx = sim.feed(Input::KeepAliveSucceeded(None));
    assert_eq!(fx.last(), Some(&Effect::CloseDialog), "1900 is past 1690 + the warning: back to work, {fx:?}");
    assert_eq!(sim.wake_at, Some(at(1780.0)), "and the final warning comes at the hard end's warning");
}

#[test]
fn the_final_warning_can_be_closed_to_save_work_and_the_countdown_goes_on() {
    let mut sim = Sim::start(1800, 120, 10);
    sim.feed(Input::HardEnd(at(600.0)));
    sim.sleep_until(at(480.0));
    assert_eq!(sim.feed(Input::Dismiss), vec![Effect::CloseDialog]);
    assert_eq!(sim.clock.state(), State::Warning, "still counting down to the hard end");
    assert_eq!(sim.sleep_until(at(481.0)), vec![Effect::Tick { seconds_left: 119 }]);
    assert!(sim.feed(Input::Dismiss).first() == Some(&Effect::CloseDialog), "closing again is harmless");
    let fx = sim.sleep_until(at(600.0));
    assert!(fx.iter().any(|e| matches!(e, Effect::ShowExpired { .. })), "the expired dialog opens at the hard end: {fx:?}");
}

#[test]
fn an_ordinary_warning_cannot_be_dismissed_without_staying() {
    let mut sim = Sim::start(1800, 120, 10);
    sim.sleep_until(at(1680.0));
    assert!(sim.feed(Input::Dismiss).is_empty());
}

#[test]
fn the_hard_end_travels_with_the_clock_to_other_tabs() {
    let mut sim = Sim::start(1800, 120, 10);
    sim.feed(Input::HardEnd(at(900.0)));
    let sent = sim.sent_since(at(0.0));
    assert!(sent.contains(&Message::Deadline { deadline: at(900.0), at: at(0.0), hard_end: Some(at(900.0)) }), "{sent:?}");

    let mut other = Sim::start(1800, 120, 10);
    other.now = at(5.0);
    other.feed(Input::Peer(Message::Deadline { deadline: at(905.0), at: at(5.0), hard_end: Some(at(900.0)) }));
    assert_eq!(other.clock.deadline(), at(900.0), "cut to the hard end it heard of");
    other.now = at(10.0);
    other.feed(Input::Activity(None));
    assert_eq!(other.clock.deadline(), at(900.0), "and it keeps cutting there");
}

#[test]
fn a_deadline_the_server_rounds_down_to_just_before_the_hard_end_is_final() {
    let mut sim = Sim::start(1800, 120, 10);
    sim.feed(Input::HardEnd(at(1500.0)));
    sim.now = at(1490.6);
    sim.feed(Input::Activity(Some(9_000)));
    assert_eq!(sim.clock.deadline(), at(1499.6));
    assert!(sim.clock.is_final(), "under a second from the hard end: nothing could extend it");
}

#[test]
fn a_header_repeating_the_same_hard_end_is_not_news() {
    let mut sim = with_hard_end();
    sim.now = at(100.0);
    assert!(sim.feed(Input::HardEnd(at(2400.4))).is_empty(), "whole seconds: rounding is not news");
}

/// A clock fed before its start, the way the driver starts one.
fn fresh(session_s: u64) -> Sim {
    use session_timeout::core::{ClockSettings, SessionClock};
    let settings = ClockSettings::new(session_s * 1000, 120_000, 10_000).expect("test settings are valid");
    Sim { clock: SessionClock::new(settings), now: at(5.0), wake_at: None, log: Vec::new(), sent: Vec::new() }
}

#[test]
fn the_pages_own_server_timing_wins_over_a_hard_end_read_against_a_wrong_device_clock() {
    // The server says the hard end is at 600 s; this device's clock runs
    // 300 s behind, so the configured epoch reads as 900 s here. The page,
    // answered at 0 s by this device's clock, said "600 s to the hard end".
    let mut sim = fresh(1800);
    sim.feed(Input::HardEnd(at(900.0)));
    sim.feed(Input::Start { served_at: at(0.0), from_cache: false, page_hard_end: Some((at(0.0), 600_000)) });
    assert_eq!(sim.clock.hard_end(), Some(at(600.0)), "counted from the page's answer, not the device's reading of the epoch");
    assert_eq!(sim.clock.deadline(), at(600.0));
    assert_eq!(sim.wake_at, Some(at(480.0)), "the final warning comes 120 s before the real hard end");
}

#[test]
fn a_page_from_the_browsers_cache_repeats_an_old_hard_end_and_is_not_believed() {
    // Back to a page cached an hour ago: its Server-Timing is an hour old.
    let mut sim = fresh(1800);
    sim.feed(Input::HardEnd(at(900.0)));
    sim.feed(Input::Start { served_at: at(0.0), from_cache: true, page_hard_end: Some((at(0.0), 3_600_000)) });
    assert_eq!(sim.clock.hard_end(), Some(at(900.0)), "the configured hard end stands");
}

#[test]
fn a_page_answer_dated_after_the_start_is_counted_from_the_start() {
    // A device clock that stepped back between the answer and the start.
    let mut sim = fresh(1800);
    sim.feed(Input::Start { served_at: at(3.0), from_cache: false, page_hard_end: Some((at(60.0), 600_000)) });
    assert_eq!(sim.clock.hard_end(), Some(at(605.0)), "never later than counting from now");
}
