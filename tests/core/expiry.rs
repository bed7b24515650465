//! Expiry and the redirect: exactly at the deadline, straight to the right
//! state after a sleep, and a 401 or a sign-out at once.

use crate::at;
use crate::support::sim::Sim;
use session_timeout::core::{Drafts, Effect, Input, Reason, State};

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
    let fx = sim.feed(Input::Unauthorized(at(30.0)));
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
fn the_pages_own_sign_out_ends_the_session_without_a_request_or_a_redirect() {
    let mut sim = Sim::start(1800, 120, 10);
    sim.run_until(at(1700.0));
    assert_eq!(sim.clock.state(), State::Warning);
    let fx = sim.feed(Input::PageSignedOut);
    assert_eq!(fx, vec![Effect::PageSignedOut], "the dialog closes; the page's form does the rest");
    assert_eq!(fx[0].drafts(), Some(Drafts::Forget), "nothing typed is kept after a chosen sign-out");
    assert_eq!(sim.clock.reason(), Some(Reason::SignedOut));
    assert_eq!(sim.clock.state(), State::Redirecting);
    assert!(sim.feed(Input::PageSignedOut).is_empty(), "only once");
    sim.run_until(at(4000.0));
    assert!(sim.log.iter().all(|(_, e)| !matches!(e, Effect::ShowExpired { .. } | Effect::Redirect { .. } | Effect::SignOut)), "no expiry or redirect of its own: {:?}", sim.log);
}

#[test]
fn activity_after_expiry_does_not_revive_the_session() {
    let mut sim = Sim::start(60, 10, 30);
    sim.run_until(at(61.0));
    assert!(sim.feed(Input::Activity(None)).is_empty());
    assert!(sim.feed(Input::StayRequested).is_empty(), "nothing to keep alive");
    assert_eq!(sim.clock.state(), State::Expired);
}
