//! Native tests of the session clock, in virtual time.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use session_timeout::core::{
    whole_seconds_left, Change, ClockSettings, Effect, Failure, Input, Message, Reason, SessionClock, SettingsError, State,
};
use support::sim::{Sim, T0};

fn at(s: f64) -> u64 {
    Sim::at(s)
}

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

// ---- the warning and its countdown ----

#[test]
fn warning_starts_exactly_at_deadline_minus_warn() {
    let mut sim = Sim::start(1800, 120, 10);
    assert!(sim.sleep_until(at(1679.999)).is_empty());
    assert_eq!(sim.sleep_until(at(1680.0)), vec![Effect::ShowWarning { seconds_left: 120, last: false }]);
    assert_eq!(sim.clock.state(), State::Warning);
}

#[test]
fn countdown_changes_exactly_once_per_second_for_long_warnings() {
    // The original jQuery demo broke for warnings over 10 s.
    for warn in [5, 11, 59, 61, 120, 600] {
        let mut sim = Sim::start(1800, warn, 10);
        sim.run_until(at(1800.0) - 1);
        let ticks = sim.ticks();
        assert_eq!(ticks.len() as u64, warn, "warn {warn}: one value per second");
        for (i, (t, left)) in ticks.iter().enumerate() {
            assert_eq!(*left, warn - i as u64, "warn {warn}: counts down by one");
            assert_eq!(*t, at((1800 - warn + i as u64) as f64), "warn {warn}: on the second");
        }
    }
}

#[test]
fn countdown_rounds_up_to_whole_seconds() {
    let mut sim = Sim::start(60, 30, 10);
    sim.sleep_until(at(30.5));
    assert_eq!(sim.clock.seconds_left(sim.now), 30);
    assert_eq!(sim.clock.seconds_left(at(59.001)), 1);
    assert_eq!(whole_seconds_left(at(60.0), at(60.0)), 0);
}

#[test]
fn warning_wakes_on_each_second_boundary_only() {
    let mut sim = Sim::start(60, 10, 5);
    sim.sleep_until(at(50.3));
    assert_eq!(sim.wake_at, Some(at(51.0)));
    sim.sleep_until(at(51.0));
    assert_eq!(sim.wake_at, Some(at(52.0)));
}

#[test]
fn fractional_settings_still_tick_on_whole_seconds_of_remaining_time() {
    let settings = ClockSettings::new(2_500, 1_500, 0).unwrap();
    let mut clock = SessionClock::new(settings);
    let _ = clock.handle(T0, Input::Start { served_at: T0, from_cache: false });
    let out = clock.handle(T0 + 1_000, Input::Wake);
    assert_eq!(out.effects, vec![Effect::ShowWarning { seconds_left: 2, last: false }]);
    assert_eq!(out.wake_at, Some(T0 + 1_500));
    let out = clock.handle(T0 + 1_500, Input::Wake);
    assert_eq!(out.effects, vec![Effect::Tick { seconds_left: 1 }]);
}

#[test]
fn a_late_timer_skips_to_the_current_second() {
    let mut sim = Sim::start(60, 30, 5);
    sim.sleep_until(at(30.0));
    assert_eq!(sim.sleep_until(at(42.4)), vec![Effect::Tick { seconds_left: 18 }]);
}

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

// ---- expiry and redirect ----

#[test]
fn expires_exactly_at_the_deadline_then_redirects() {
    let mut sim = Sim::start(60, 10, 5);
    sim.run_until(at(59.999));
    assert_eq!(sim.clock.state(), State::Warning);
    sim.run_until(at(60.0));
    assert_eq!(sim.clock.state(), State::Expired);
    assert!(sim.effects_between(at(60.0), at(60.0)).contains(&Effect::ShowExpired {
        reason: Reason::Expired,
        seconds_left: 5
    }));
    sim.run_until(at(64.999));
    assert_eq!(sim.clock.state(), State::Expired);
    sim.run_until(at(65.0));
    assert_eq!(sim.clock.state(), State::Redirecting);
    assert_eq!(sim.log.last().map(|(_, e)| *e), Some(Effect::Redirect { reason: Reason::Expired }));
    assert_eq!(sim.wake_at, None, "nothing more to do");
}

#[test]
fn expired_dialog_counts_down_to_the_redirect() {
    let mut sim = Sim::start(60, 10, 5);
    sim.run_until(at(65.0));
    let expired: Vec<u64> = sim
        .effects_between(at(60.0), at(65.0))
        .into_iter()
        .filter_map(|e| match e {
            Effect::Tick { seconds_left } | Effect::ShowExpired { seconds_left, .. } => Some(seconds_left),
            _ => None,
        })
        .collect();
    assert_eq!(expired, vec![5, 4, 3, 2, 1]);
}

#[test]
fn zero_redirect_delay_redirects_at_the_deadline() {
    let mut sim = Sim::start(60, 10, 0);
    sim.run_until(at(60.0));
    assert_eq!(sim.clock.state(), State::Redirecting);
}

#[test]
fn waking_after_the_deadline_goes_straight_to_expired_without_a_stale_warning() {
    let mut sim = Sim::start(1800, 120, 60);
    let fx = sim.sleep_until(at(1830.0));
    assert_eq!(fx, vec![Effect::ShowExpired { reason: Reason::Expired, seconds_left: 30 }]);
    assert_eq!(sim.clock.state(), State::Expired);
}

#[test]
fn waking_past_the_redirect_time_goes_straight_to_redirect() {
    let mut sim = Sim::start(1800, 120, 60);
    let fx = sim.sleep_until(at(5000.0));
    assert_eq!(fx, vec![Effect::Redirect { reason: Reason::Expired }]);
}

#[test]
fn waking_inside_the_warning_shows_the_current_countdown() {
    let mut sim = Sim::start(1800, 120, 60);
    let fx = sim.sleep_until(at(1750.2));
    assert_eq!(fx, vec![Effect::ShowWarning { seconds_left: 50, last: false }]);
}

#[test]
fn unauthorized_expires_at_once_and_redirect_counts_from_now() {
    let mut sim = Sim::start(1800, 120, 10);
    sim.now = at(30.0);
    let fx = sim.feed(Input::Unauthorized);
    assert_eq!(fx, vec![Effect::ShowExpired { reason: Reason::Unauthorized, seconds_left: 10 }]);
    sim.run_until(at(40.0));
    assert_eq!(sim.log.last().map(|(_, e)| *e), Some(Effect::Redirect { reason: Reason::Unauthorized }));
}

#[test]
fn sign_out_redirects_at_once() {
    let mut sim = Sim::start(1800, 120, 10);
    sim.now = at(30.0);
    assert_eq!(sim.feed(Input::SignOut), vec![Effect::SignOut], "this tab tells the server, then leaves");
    assert_eq!(sim.clock.reason(), Some(Reason::SignedOut));
    assert!(sim.feed(Input::SignOut).is_empty(), "only once");
}

#[test]
fn activity_after_expiry_does_not_revive_the_session() {
    let mut sim = Sim::start(60, 10, 30);
    sim.run_until(at(61.0));
    assert!(sim.feed(Input::Activity(None)).is_empty());
    assert!(sim.feed(Input::StayRequested).is_empty(), "nothing to keep alive");
    assert_eq!(sim.clock.state(), State::Expired);
}

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

// ---- stop and settings ----

#[test]
fn stop_silences_everything() {
    let mut sim = Sim::start(60, 10, 5);
    let _ = sim.feed(Input::Stop);
    assert_eq!(sim.wake_at, None);
    assert!(sim.sleep_until(at(100.0)).is_empty());
    assert!(sim.feed(Input::Unauthorized).is_empty());
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
    let out = clock.handle(u64::MAX - 10, Input::Start { served_at: u64::MAX - 10, from_cache: false });
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

// ---- the clock counts from the server's answer, not from our start ----

#[test]
fn the_first_deadline_counts_from_the_pages_response() {
    let settings = ClockSettings::new(60_000, 20_000, 5_000).unwrap();
    let mut clock = SessionClock::new(settings);
    // Served at T0, started 1.7 s later (a slow page load).
    let out = clock.handle(T0 + 1_700, Input::Start { served_at: T0, from_cache: false });
    assert_eq!(clock.deadline(), T0 + 60_000);
    assert_eq!(out.wake_at, Some(T0 + 40_000), "the warning is due 20 s before the server's end");
}

#[test]
fn a_start_time_from_the_future_is_taken_as_now() {
    let mut clock = SessionClock::new(ClockSettings::new(60_000, 20_000, 5_000).unwrap());
    let _ = clock.handle(T0, Input::Start { served_at: T0 + 9_000, from_cache: false });
    assert_eq!(clock.deadline(), T0 + 60_000);
}

#[test]
fn stale_evidence_at_start_never_signs_out_unseen() {
    // The last answer we can see is from long ago (an SPA whose request
    // log was cleared): the clock starts at the warning, not at expiry.
    let mut clock = SessionClock::new(ClockSettings::new(60_000, 20_000, 5_000).unwrap());
    let out = clock.handle(T0 + 3_600_000, Input::Start { served_at: T0, from_cache: false });
    assert_eq!(clock.state(), State::Warning);
    assert!(out.effects.contains(&Effect::ShowWarning { seconds_left: 20, last: false }));
}

// A page the browser showed from its own cache (Back, a restored tab):
// the person made a visit the server never saw.

#[test]
fn a_page_from_the_cache_tells_the_server_of_the_visit() {
    let mut clock = SessionClock::new(ClockSettings::new(60_000, 20_000, 5_000).unwrap());
    let out = clock.handle(T0, Input::Start { served_at: T0, from_cache: true });
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
    let _ = clock.handle(T0, Input::Start { served_at: T0, from_cache: true });
    let _ = clock.handle(T0 + 300, Input::Unauthorized);
    assert_eq!(clock.state(), State::Expired);
}

#[test]
fn a_page_from_the_cache_takes_another_tabs_clock_over_its_guess() {
    let mut clock = SessionClock::new(ClockSettings::new(60_000, 20_000, 5_000).unwrap());
    let _ = clock.handle(T0, Input::Start { served_at: T0, from_cache: true });
    // A tab that saw the server 50 s ago answers Hello.
    let peer = Message::Deadline { deadline: T0 + 10_000, at: T0 - 50_000, hard_end: None };
    let _ = clock.handle(T0 + 50, Input::Peer(peer));
    assert_eq!(clock.deadline(), T0 + 10_000);
    // A page the server did see keeps its own, newer, clock.
    let mut seen = SessionClock::new(ClockSettings::new(60_000, 20_000, 5_000).unwrap());
    let out = seen.handle(T0, Input::Start { served_at: T0, from_cache: false });
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

// ---- a refused keep-alive (403) is a failure, never a sign-out ----

#[test]
fn a_refused_keep_alive_keeps_the_warning_and_signs_nobody_out() {
    let mut sim = Sim::start(1800, 120, 10);
    sim.sleep_until(at(1700.0));
    let _ = sim.feed(Input::StayRequested);
    assert_eq!(sim.feed(Input::KeepAliveFailed(Failure::Refused)), vec![Effect::KeepAliveFailed(Failure::Refused)]);
    assert_eq!(sim.clock.state(), State::Warning);
    assert_eq!(sim.clock.deadline(), at(1800.0));
    assert!(!sim.clock.keep_alive_in_flight());
}

/// The warning at 1700 s of 1800 (its status check on waking got no
/// answer, a 5xx: the warning stands), and "Stay signed in" clicked: the
/// keep-alive is on its way.
fn staying_after_an_unanswered_status() -> (Sim, Vec<Effect>) {
    let mut sim = Sim::with_status(1800, 120);
    sim.sleep_until(at(1700.0));
    let _ = sim.feed(Input::StatusUnknown);
    let stay = sim.feed(Input::StayRequested);
    (sim, stay)
}

#[test]
fn a_refused_keep_alive_asks_the_status_endpoint_to_confirm() {
    let (mut sim, _) = staying_after_an_unanswered_status();
    sim.sleep_until(at(1703.0));
    let fx = sim.feed(Input::KeepAliveFailed(Failure::Refused));
    assert_eq!(fx, vec![Effect::KeepAliveFailed(Failure::Refused), Effect::CheckStatus]);
    // The status says the session is alive (the 403 was CSRF): the warning stays for what is left.
    let _ = sim.feed(Input::ServerRemaining(100_000));
    assert_eq!(sim.clock.state(), State::Warning);
    // …or that it is gone: then, and only then, the session ends.
    let _ = sim.feed(Input::StatusUnauthorized);
    assert_eq!(sim.clock.state(), State::Expired);
}

#[test]
fn an_unreachable_server_is_not_asked_again_for_status() {
    let mut sim = Sim::with_status(1800, 120);
    sim.sleep_until(at(1700.0));
    let _ = sim.feed(Input::StayRequested);
    assert_eq!(sim.feed(Input::KeepAliveFailed(Failure::Unreachable)), vec![Effect::KeepAliveFailed(Failure::Unreachable)]);
}

// ---- a page's request refused (400, 403, 419) proves nothing ----

#[test]
fn a_refused_request_is_not_activity_and_the_status_endpoint_decides() {
    // Django REST framework answers a request without a session 403, as
    // any framework answers a missing permission: the clock stands.
    let mut sim = Sim::with_status(1800, 120);
    sim.sleep_until(at(600.0));
    assert_eq!(sim.feed(Input::Refused), vec![Effect::CheckStatus]);
    assert_eq!(sim.clock.deadline(), at(1800.0), "not restarted");
    assert!(sim.sent_since(at(600.0)).is_empty(), "no news for the other tabs");
    // A page retrying at once asks nothing more before the first answer.
    sim.now = at(601.0);
    assert!(sim.feed(Input::Refused).is_empty());
    // The status says gone: the session ends now, not at 1800 s.
    let _ = sim.feed(Input::StatusUnauthorized);
    assert_eq!(sim.clock.state(), State::Expired);
}

#[test]
fn a_refusal_just_after_a_status_answer_is_confirmed_when_the_gap_ends() {
    // Questions are at least 2 s apart, but a refusal inside that gap is
    // still asked about, once, when it ends: the session may have gone.
    let mut sim = Sim::with_status(1800, 120);
    sim.sleep_until(at(600.0));
    assert_eq!(sim.feed(Input::Refused), vec![Effect::CheckStatus]);
    sim.now = at(600.5);
    let _ = sim.feed(Input::ServerRemaining(1_199_500));
    sim.now = at(601.0);
    assert!(sim.feed(Input::Refused).is_empty(), "too soon to ask again");
    sim.now = at(601.5);
    assert!(sim.feed(Input::Refused).is_empty(), "nor for a second refusal");
    assert_eq!(sim.wake_at, Some(at(602.5)), "the gap's end, not the warning");
    sim.run_until(at(700.0));
    assert_eq!(sim.effects_between(at(601.0), at(700.0)), vec![Effect::CheckStatus], "asked once, at 602.5 s");
    assert_eq!(sim.log.last(), Some(&(at(602.5), Effect::CheckStatus)));
    let _ = sim.feed(Input::StatusUnauthorized);
    assert_eq!(sim.clock.state(), State::Expired);
}

#[test]
fn a_refusal_waiting_for_the_gap_is_answered_by_newer_word_from_the_server() {
    // A request that reports the time left after the refusal shows the
    // session alive: nothing is left to ask.
    let mut sim = Sim::with_status(1800, 120);
    sim.sleep_until(at(600.0));
    assert_eq!(sim.feed(Input::Refused), vec![Effect::CheckStatus]);
    sim.now = at(600.5);
    let _ = sim.feed(Input::ServerRemaining(1_199_500));
    sim.now = at(601.0);
    assert!(sim.feed(Input::Refused).is_empty());
    sim.now = at(601.2);
    let _ = sim.feed(Input::ServerRemaining(1_199_000));
    sim.run_until(at(1600.0));
    assert!(!sim.effects_between(at(601.0), at(1600.0)).contains(&Effect::CheckStatus), "{:?}", sim.effects_between(at(601.0), at(1600.0)));
}

#[test]
fn a_refused_request_asks_nothing_while_a_keep_alive_is_on_its_way() {
    // The keep-alive's answer says all the status would (a dead session
    // redirects it to the sign-in page): one request, not two.
    let (mut sim, stay) = staying_after_an_unanswered_status();
    assert_eq!(stay, vec![Effect::SendKeepAlive]);
    sim.now = at(1703.0);
    assert!(!sim.feed(Input::Refused).contains(&Effect::CheckStatus));
    let _ = sim.feed(Input::KeepAliveUnauthorized);
    assert_eq!(sim.clock.state(), State::Expired);
}

#[test]
fn a_refused_request_without_a_status_endpoint_leaves_the_clock_as_it_was() {
    let mut sim = Sim::start(1800, 120, 10);
    sim.sleep_until(at(600.0));
    assert!(sim.feed(Input::Refused).is_empty());
    assert_eq!(sim.clock.deadline(), at(1800.0), "a doubtful answer never extends");
    assert_eq!(sim.clock.state(), State::Active, "nor ends anything");
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
    assert_eq!(Effect::CloseDialog.drafts(), Some(Drafts::Forget), "the session lives on: a saved copy is stale");
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
