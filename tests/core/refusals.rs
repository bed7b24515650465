//! Refusals (400, 403, 419) prove nothing: neither activity nor a sign-out;
//! the status endpoint decides.

use crate::at;
use crate::support::sim::Sim;
use session_timeout::core::{Effect, Failure, Input, State};

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

/// A refusal asked about at 600 s, answered alive at 600.5 s, and
/// another refusal at 601 s: too soon after the answer to ask again.
fn refused_just_after_a_status_answer() -> Sim {
    let mut sim = Sim::with_status(1800, 120);
    sim.sleep_until(at(600.0));
    assert_eq!(sim.feed(Input::Refused), vec![Effect::CheckStatus]);
    sim.now = at(600.5);
    let _ = sim.feed(Input::ServerRemaining(1_199_500));
    sim.now = at(601.0);
    assert!(sim.feed(Input::Refused).is_empty(), "too soon to ask again");
    sim
}

#[test]
fn a_refusal_just_after_a_status_answer_is_confirmed_when_the_gap_ends() {
    // Questions are at least 2 s apart, but a refusal inside that gap is
    // still asked about, once, when it ends: the session may have gone.
    let mut sim = refused_just_after_a_status_answer();
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
    let mut sim = refused_just_after_a_status_answer();
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
