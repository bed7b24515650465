//! The server's word, told (a header, another tab) or asked for (the status
//! endpoint): trusted over the clock's own guess, in both directions.

use crate::at;
use crate::support::sim::Sim;
use session_timeout::core::{Change, Effect, Input, Message, Reason, State};

// ---- the server's word ----

#[test]
fn server_time_left_can_shorten_the_session() {
    let mut sim = Sim::start(1800, 120, 10);
    sim.now = at(10.0);
    let fx = sim.feed(Input::ServerRemaining(60_000));
    assert_eq!(fx, vec![Effect::DeadlineMoved { deadline: at(70.0), change: Change::Shortened }, Effect::ShowWarning { seconds_left: 60, last: false }]);
}

#[test]
fn server_time_left_can_lengthen_the_session_and_cancel_the_warning() {
    let mut sim = Sim::start(1800, 120, 10);
    sim.sleep_until(at(1700.0));
    let fx = sim.feed(Input::ServerRemaining(1_000_000));
    assert_eq!(fx, vec![Effect::DeadlineMoved { deadline: at(2700.0), change: Change::Extended }, Effect::CloseDialog]);
}

#[test]
fn server_saying_zero_left_expires_now() {
    let mut sim = Sim::start(1800, 120, 10);
    sim.now = at(10.0);
    let fx = sim.feed(Input::ServerRemaining(0));
    assert_eq!(
        fx,
        vec![
            Effect::DeadlineMoved { deadline: at(10.0), change: Change::Shortened },
            Effect::ShowExpired { reason: Reason::Expired, seconds_left: 10 }
        ]
    );
}

#[test]
fn server_time_left_revives_a_session_we_guessed_was_over() {
    let mut sim = Sim::start(60, 10, 30);
    sim.run_until(at(61.0));
    let fx = sim.feed(Input::ServerRemaining(600_000));
    assert_eq!(fx, vec![Effect::CloseDialog, Effect::DeadlineMoved { deadline: at(661.0), change: Change::Extended }]);
    assert_eq!(sim.clock.state(), State::Active);
}

#[test]
fn a_deadline_from_another_tab_is_adopted() {
    let mut sim = Sim::start(1800, 120, 10);
    sim.now = at(5.0);
    let fx = sim.feed(Input::Peer(Message::Deadline { deadline: at(2000.0), at: at(5.0), hard_end: None }));
    assert_eq!(fx, vec![Effect::DeadlineMoved { deadline: at(2000.0), change: Change::Extended }]);
    assert_eq!(sim.wake_at, Some(at(1880.0)));
}

#[test]
fn the_same_deadline_again_is_a_no_op() {
    let mut sim = Sim::start(1800, 120, 10);
    assert!(sim.feed(Input::Peer(Message::Deadline { deadline: at(1800.0), at: at(1.0), hard_end: None })).is_empty());
}

#[test]
fn a_keep_alive_that_lands_after_expiry_revives() {
    let mut sim = Sim::start(60, 10, 30);
    sim.sleep_until(at(55.0));
    let _ = sim.feed(Input::StayRequested);
    sim.sleep_until(at(60.5));
    assert_eq!(sim.clock.state(), State::Expired);
    let fx = sim.feed(Input::KeepAliveSucceeded(None));
    assert_eq!(fx[0], Effect::CloseDialog);
    assert_eq!(sim.clock.state(), State::Active);
}

// ---- the server's word, asked for ----

#[test]
fn activity_with_the_servers_time_left_uses_it() {
    let mut sim = Sim::start(1800, 120, 10);
    sim.now = at(10.0);
    assert_eq!(
        sim.feed(Input::Activity(Some(600_000))),
        vec![Effect::DeadlineMoved { deadline: at(610.0), change: Change::Activity }, Effect::SessionLength { ms: 600_000 }],
        "10 minutes, not the 30 the page was told"
    );
}

#[test]
fn status_is_asked_five_seconds_before_the_warning() {
    let mut sim = Sim::with_status(1800, 120);
    assert_eq!(sim.wake_at, Some(at(1675.0)));
    assert_eq!(sim.sleep_until(at(1675.0)), vec![Effect::CheckStatus]);
    assert_eq!(sim.wake_at, Some(at(1680.0)), "then the warning, as before");
}

#[test]
fn a_status_showing_more_time_cancels_the_warning_before_it_shows() {
    let mut sim = Sim::with_status(1800, 120);
    let _ = sim.sleep_until(at(1675.0));
    sim.now = at(1675.2);
    let fx = sim.feed(Input::ServerRemaining(1_000_000));
    assert_eq!(fx, vec![Effect::DeadlineMoved { deadline: at(2675.2), change: Change::Extended }]);
    sim.run_until(at(1700.0));
    assert_eq!(sim.clock.state(), State::Active, "no needless warning");
}

#[test]
fn status_is_asked_once_per_deadline_and_the_lead_fits_short_sessions() {
    let mut sim = Sim::with_status(12, 4);
    assert_eq!(sim.wake_at, Some(at(4.0)), "half the 8 s before the warning");
    sim.run_until(at(11.0));
    let checks = sim.log.iter().filter(|(_, e)| *e == Effect::CheckStatus).count();
    assert_eq!(checks, 1);
}

#[test]
fn a_server_report_within_its_one_second_resolution_changes_nothing() {
    let mut sim = Sim::start(1800, 120, 10);
    sim.now = at(100.4);
    assert!(sim.feed(Input::ServerRemaining(1_700_000)).is_empty(), "off by 0.4 s: rounding");
    assert_eq!(sim.clock.deadline(), at(1800.0));
}

#[test]
fn answers_that_move_the_deadline_never_cause_a_storm_of_checks() {
    let mut sim = Sim::with_status(1800, 120);
    let mut checks = Vec::new();
    // A server whose answer shifts the deadline by a few ms each time.
    while sim.now < at(1800.0) {
        let Some(w) = sim.wake_at else { break };
        sim.now = w;
        if sim.feed(Input::Wake).contains(&Effect::CheckStatus) {
            checks.push(sim.now);
            let left = sim.clock.deadline() - sim.now + 3;
            let _ = sim.feed(Input::ServerRemaining(left));
        }
    }
    assert!(!checks.is_empty());
    for pair in checks.windows(2) {
        assert!(pair[1] - pair[0] >= 2_000, "{checks:?}");
    }
}

#[test]
fn a_late_wake_into_the_warning_still_asks_the_status() {
    let mut sim = Sim::with_status(1800, 120);
    let fx = sim.sleep_until(at(1700.0));
    assert_eq!(fx, vec![Effect::CheckStatus, Effect::ShowWarning { seconds_left: 100, last: false }]);
}

#[test]
fn coming_back_after_a_while_asks_the_status_but_not_every_focus() {
    let mut sim = Sim::with_status(1800, 120);
    sim.now = at(3.0);
    assert!(sim.feed(Input::PageShown).is_empty(), "just started");
    sim.now = at(300.0);
    assert_eq!(sim.feed(Input::PageShown), vec![Effect::CheckStatus]);
    sim.now = at(302.0);
    assert!(sim.feed(Input::PageShown).is_empty(), "asked 2 s ago");
}

#[test]
fn without_status_checks_nothing_is_asked() {
    let mut sim = Sim::start(1800, 120, 10);
    sim.now = at(300.0);
    assert!(sim.feed(Input::PageShown).is_empty());
    sim.run_until(at(1700.0));
    assert!(!sim.log.iter().any(|(_, e)| *e == Effect::CheckStatus));
}

#[test]
fn a_status_after_expiry_can_bring_the_session_back() {
    let mut sim = Sim::with_status(60, 10);
    sim.run_until(at(46.0));
    // The check before the warning (45 s) got no answer: the clock stands.
    let _ = sim.feed(Input::StatusUnknown);
    sim.run_until(at(61.0));
    assert_eq!(sim.clock.state(), State::Expired);
    sim.run_until(at(66.0));
    assert_eq!(sim.feed(Input::PageShown), vec![Effect::CheckStatus]);
    let fx = sim.feed(Input::ServerRemaining(900_000));
    assert_eq!(fx[0], Effect::CloseDialog);
    assert_eq!(sim.clock.state(), State::Active);
}

#[test]
fn a_status_answer_older_than_news_since_the_question_cannot_shorten() {
    // The leader asks; a request of the page's reaches the server after the
    // question did and comes back first: the status's time left predates it.
    let mut sim = Sim::with_status(60, 10);
    sim.sleep_until(at(20.0));
    assert_eq!(sim.feed(Input::PageShown), vec![Effect::CheckStatus]);
    sim.now = at(21.0);
    let _ = sim.feed(Input::Activity(None));
    sim.now = at(22.0);
    assert!(sim.feed(Input::ServerRemaining(40_000)).is_empty(), "stale: asked at 20 s, news of 21 s");
    assert_eq!(sim.clock.deadline(), at(81.0));
    // A longer time left is news whenever it comes: another device extended.
    let fx = sim.feed(Input::ServerRemaining(100_000));
    assert_eq!(fx, vec![Effect::DeadlineMoved { deadline: at(122.0), change: Change::Extended }]);
}

#[test]
fn a_status_answer_can_shorten_when_nothing_newer_was_heard_since_the_question() {
    let mut sim = Sim::with_status(60, 10);
    sim.sleep_until(at(20.0));
    let _ = sim.feed(Input::PageShown);
    sim.now = at(21.0);
    let fx = sim.feed(Input::ServerRemaining(30_000));
    assert_eq!(fx[0], Effect::DeadlineMoved { deadline: at(51.0), change: Change::Shortened });
}
